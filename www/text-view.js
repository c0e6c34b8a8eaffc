// The article's text in the DOM, and the one mapping between DOM positions and UTF-16
// offsets into the document's text (what the core's boundary speaks). Painting, selection
// and hit testing all go through here, so how the text is laid out can change in one place.

export class TextView {
  constructor(article) {
    this.article = article;
    this.text = '';
  }

  show(text) {
    this.text = text;
    this.article.textContent = text;
  }

  get node() {
    return this.article.firstChild;
  }

  /** A DOM Range over the UTF-16 offsets [start, end). */
  range(start, end) {
    const r = new Range();
    r.setStart(this.node, start);
    r.setEnd(this.node, end);
    return r;
  }

  /** The offset of a DOM boundary point, clamped into the text (before it: 0, after: end). */
  offsetOf(container, offset) {
    const node = this.node;
    if (container === node) return offset;
    const whole = new Range();
    whole.selectNodeContents(node);
    const where = whole.comparePoint(container, offset);
    return where < 0 ? 0 : where > 0 ? node.length : offset === 0 ? 0 : node.length;
  }

  /** The current DOM selection as [start, end] offsets, or null when it is empty or elsewhere. */
  selection() {
    const sel = getSelection();
    if (!this.node || !sel.rangeCount || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    if (!r.intersectsNode(this.node)) return null;
    return [this.offsetOf(r.startContainer, r.startOffset), this.offsetOf(r.endContainer, r.endOffset)];
  }

  /** The offset of the boundary between characters nearest the point (x, y), or null. */
  boundaryAt(x, y) {
    const caret = document.caretPositionFromPoint?.(x, y);
    if (!caret) return null;
    return caret.offsetNode === this.node ? caret.offset : null;
  }

  /** The offset `n` UTF-16 units on from `pos` by whole code points, inside the text. */
  step(pos, forward) {
    const t = this.text;
    if (forward) {
      if (pos >= t.length) return t.length;
      const c = t.charCodeAt(pos);
      return pos + (c >= 0xd800 && c < 0xdc00 ? 2 : 1);
    }
    if (pos <= 0) return 0;
    const c = t.charCodeAt(pos - 1);
    return pos - (c >= 0xdc00 && c < 0xe000 ? 2 : 1);
  }

  /** The offset of the character under the point (x, y), or null. */
  charAt(x, y) {
    const caret = document.caretPositionFromPoint?.(x, y);
    if (!caret || caret.offsetNode !== this.node) return null;
    for (const at of [caret.offset, caret.offset - 1]) {
      if (at < 0 || at >= this.node.length) continue;
      for (const box of this.range(at, at + 1).getClientRects()) {
        if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top && y <= box.bottom) return at;
      }
    }
    return null;
  }
}
