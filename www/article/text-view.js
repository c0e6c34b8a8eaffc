// @ts-check
// The article's text in the DOM, and the one mapping between DOM positions and UTF-16
// offsets into the document's text (what the core's boundary speaks). Painting, selection
// and hit testing all go through here, so how the text is laid out can change in one place.
//
// The text is cut into blocks at paragraph breaks (a block ends after its run of line
// feeds), each its own element holding one text node, so no element ever wraps part of a
// word and Arabic shaping is never broken. A long document has only the blocks on and near
// the screen in the DOM: the others stand as padding of their measured or estimated height,
// so opening, scrolling and repainting cost what the screen shows, not what the document
// holds. A selection pins the blocks it touches (the window only grows while it lasts), so
// selections across blocks work as in one text node.

import { afterPaint } from '../state/frames.js';

/** Documents up to this many UTF-16 units are rendered whole (the five seeds are ~2.5k). */
const WHOLE = 30_000;
/** Blocks are rendered this many screens above and below the visible one. */
const MARGIN = 0.5;

const NL = 10;
const CR = 13;

export class TextView {
  constructor(article) {
    this.article = article;
    this.text = '';
    this.starts = new Uint32Array([0]); // block i is [starts[i], starts[i + 1])
    this.first = 0; // rendered blocks are [first, last)
    this.last = 0;
    this.listeners = [];
    this.scroller = null;
    new ResizeObserver(() => this.relayout()).observe(article);
  }

  /** Calls `fn({ from, to })` whenever the rendered part of the text changes. */
  listen(fn) {
    this.listeners.push(fn);
  }

  get blocks() {
    return this.starts.length - 1;
  }

  show(text) {
    this.text = text;
    this.split(text);
    this.article.replaceChildren();
    this.first = this.last = 0;
    this.scroller ??= scrollerOf(this.article);
    this.scroller.style.overflowAnchor = 'none'; // this view keeps its own anchor
    this.article.style.paddingTop = this.article.style.paddingBottom = '';
    const css = getComputedStyle(this.article);
    this.pad = [parseFloat(css.paddingTop) || 0, parseFloat(css.paddingBottom) || 0];
    this.lineHeight = parseFloat(css.lineHeight) || 1.5 * (parseFloat(css.fontSize) || 16);
    // What a paragraph gap takes back of its blank line (style.css: .block.gap).
    this.gapShift = this.lineHeight * 0.6;
    // The width as last laid out (relayout() follows it), so that showing a document does not
    // lay out the page to read it.
    this.width ||= this.article.clientWidth;
    this.perLine = Math.max(20, Math.round(this.width / (0.45 * (parseFloat(css.fontSize) || 16))));
    this.estimateAll();
    this.scroller.scrollTop = 0;
    if (!this.bound) {
      this.bound = true;
      this.scroller.addEventListener('scroll', () => this.update(), { passive: true });
    }
    if (!this.blocks) for (const fn of this.listeners) fn({ from: 0, to: 0 });
    else if (this.text.length <= WHOLE) this.update(true);
    else {
      // The screen first; the blocks around it once that frame is painted (laying them out
      // with it would make the first frame of a long document half as long again).
      this.update(true, 0);
      void afterPaint().then(() => this.update());
    }
  }

  /** Block starts: a block ends after a line feed and the line feeds (or CRLFs) right after it. */
  split(text) {
    const starts = [0];
    const blank = [0];
    let i = text.indexOf('\n');
    while (i >= 0) {
      let j = i + 1;
      let feeds = 1;
      for (;;) {
        const c = text.charCodeAt(j);
        if (c === NL) j += 1;
        else if (c === CR && text.charCodeAt(j + 1) === NL) j += 2;
        else break;
        feeds++;
      }
      blank[blank.length - 1] = feeds - 1;
      if (j >= text.length) break;
      starts.push(j);
      blank.push(0);
      i = text.indexOf('\n', j);
    }
    if (text.length) starts.push(text.length);
    else blank.length = 0;
    this.starts = Uint32Array.from(starts);
    this.blank = Uint32Array.from(blank);
    this.heights = new Float64Array(this.blocks);
    this.measured = new Uint8Array(this.blocks);
    this.tops = new Float64Array(this.blocks + 1);
  }

  /** Height estimates for the blocks not measured yet, then every block's top. */
  estimateAll() {
    for (let i = 0; i < this.blocks; i++) if (!this.measured[i]) this.heights[i] = this.estimate(i);
    this.sumTops();
  }

  estimate(i) {
    const chars = this.starts[i + 1] - this.starts[i] - this.blank[i];
    return (Math.max(1, Math.ceil(chars / this.perLine)) + this.blank[i]) * this.lineHeight - (this.blank[i] ? this.gapShift : 0);
  }

  sumTops() {
    const { tops, heights } = this;
    for (let i = 0; i < heights.length; i++) tops[i + 1] = tops[i] + heights[i];
  }

  /** Where block 0 starts, in the scroller's content coordinates. */
  origin() {
    const s = this.scroller;
    return this.article.getBoundingClientRect().top - s.getBoundingClientRect().top + s.scrollTop + this.pad[0];
  }

  /** The block holding y (content coordinates relative to block 0). */
  blockAtY(y) {
    const { tops } = this;
    let lo = 0;
    let hi = this.blocks;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tops[mid + 1] <= y) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, Math.max(0, this.blocks - 1));
  }

  /** The block holding offset `pos`; at a block boundary, the later block (or the earlier one for an end). */
  blockOf(pos, end = false) {
    const { starts } = this;
    let lo = 0;
    let hi = this.blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] < pos || (!end && starts[mid] === pos)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** True while a selection touches the article: then no rendered block is taken away. */
  pinned() {
    const sel = getSelection();
    return sel.rangeCount > 0 && !sel.isCollapsed && (this.article.contains(sel.anchorNode) || this.article.contains(sel.focusNode));
  }

  /** Renders the blocks on and `margin` screens around the screen; `force` renders even if nothing moved. */
  update(force = false, margin = MARGIN) {
    const n = this.blocks;
    if (!n || !this.scroller) return;
    let a = 0;
    let b = n;
    if (this.text.length > WHOLE) {
      const top = this.scroller.scrollTop - this.origin();
      const h = this.scroller.clientHeight;
      a = this.blockAtY(top - margin * h);
      b = this.blockAtY(top + (1 + margin) * h) + 1;
      if (this.last > this.first && this.pinned()) {
        a = Math.min(a, this.first);
        b = Math.max(b, this.last);
      }
    }
    if (!force && a === this.first && b === this.last) return;
    this.render(a, b);
  }

  render(a, b) {
    const article = this.article;
    // The first block on screen stays where it is while blocks come and go around it.
    const anchor = this.last > this.first ? this.blockAtY(Math.max(0, this.scroller.scrollTop - this.origin())) : -1;
    const anchorTop = anchor >= 0 ? this.tops[anchor] : 0;
    const fresh = [];
    if (b <= this.first || a >= this.last) {
      article.replaceChildren(...this.make(a, b, fresh));
    } else {
      while (this.first < a) {
        article.firstChild.remove();
        this.first++;
      }
      while (this.last > b) {
        article.lastChild.remove();
        this.last--;
      }
      if (a < this.first) article.prepend(...this.make(a, this.first, fresh));
      if (b > this.last) article.append(...this.make(this.last, b, fresh));
    }
    this.first = a;
    this.last = b;
    let changed = false;
    // A document rendered whole has no padding to keep right: its blocks are measured when
    // its width changes (relayout), not as it is shown, which would lay it out in the handler.
    for (const el of this.text.length > WHOLE ? fresh : []) {
      const i = this.blockOf(Number(el.dataset.start));
      // A gap block's negative bottom margin is part of where the next block starts.
      const h = el.getBoundingClientRect().height + (this.blank[i] ? parseFloat(getComputedStyle(el).marginBottom) || 0 : 0);
      if (!this.measured[i] || Math.abs(this.heights[i] - h) > 0.5) changed = true;
      this.heights[i] = h;
      this.measured[i] = 1;
    }
    if (changed) this.calibrate();
    this.pads();
    if (anchor >= 0 && this.tops[anchor] !== anchorTop) this.scroller.scrollTop += this.tops[anchor] - anchorTop;
    const range = { from: this.starts[a], to: this.starts[b] };
    for (const fn of this.listeners) fn(range);
  }

  make(a, b, fresh) {
    const els = [];
    for (let i = a; i < b; i++) {
      const el = document.createElement('div');
      el.className = 'block';
      el.dataset.start = String(this.starts[i]);
      // A block ending in a blank line (how paragraphs are separated): the style sheet pulls
      // the next block up over most of that empty line, so the gap reads as a paragraph
      // break, not as a line of its own. The text itself is untouched.
      if (this.blank[i]) el.classList.add('gap');
      el.textContent = this.text.slice(this.starts[i], this.starts[i + 1]);
      els.push(el);
      fresh.push(el);
    }
    return els;
  }

  /** Estimates follow what has been measured: characters per line from the measured blocks. */
  calibrate() {
    let chars = 0;
    let lines = 0;
    for (let i = this.first; i < this.last; i++) {
      const c = this.starts[i + 1] - this.starts[i] - this.blank[i];
      if (c < this.perLine) continue; // short lines say nothing about the width
      chars += c;
      lines += Math.max(1, Math.round(this.heights[i] / this.lineHeight) - this.blank[i]);
    }
    if (lines > 2) this.perLine = Math.max(10, chars / lines);
    this.estimateAll();
  }

  pads() {
    const total = this.tops[this.blocks];
    this.article.style.paddingTop = `${this.pad[0] + this.tops[this.first]}px`;
    this.article.style.paddingBottom = `${this.pad[1] + total - this.tops[this.last]}px`;
  }

  /** After a change of width every height is stale: measure what is rendered, estimate the rest. */
  relayout() {
    const width = this.article.clientWidth;
    if (width === this.width) return;
    this.width = width;
    if (!this.blocks) return;
    const viewTop = this.scroller.scrollTop - this.origin();
    const anchor = this.blockAtY(Math.max(0, viewTop));
    const into = (viewTop - this.tops[anchor]) / (this.heights[anchor] || 1);
    this.measured.fill(0);
    for (let i = this.first; i < this.last; i++) {
      this.heights[i] = this.article.children[i - this.first].getBoundingClientRect().height;
      this.measured[i] = 1;
    }
    this.calibrate();
    this.pads();
    this.scroller.scrollTop += this.tops[anchor] + into * this.heights[anchor] - viewTop;
    this.update(true);
  }

  /** The UTF-16 range [from, to) of the text that is in the DOM. */
  get rendered() {
    return { from: this.starts[this.first] ?? 0, to: this.starts[this.last] ?? 0 };
  }

  /** The text node of rendered block i, or null. */
  nodeOf(i) {
    return i >= this.first && i < this.last ? this.article.children[i - this.first].firstChild : null;
  }

  /**
   * A DOM Range over the UTF-16 offsets [start, end), cut to the rendered part of the text;
   * null when none of it is rendered (reveal() it first).
   */
  range(start, end) {
    const { from, to } = this.rendered;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > e || (s === e && (s < from || s > to || from === to))) return null;
    const i = this.blockOf(s, s === to && s > from);
    const j = e > s ? this.blockOf(e, true) : i;
    const r = new Range();
    r.setStart(this.nodeOf(i), s - this.starts[i]);
    r.setEnd(this.nodeOf(j), e - this.starts[j]);
    return r;
  }

  /** The offset of a DOM boundary point, clamped into the rendered text (before it: its start, after: its end). */
  offsetOf(container, offset) {
    const article = this.article;
    const { from, to } = this.rendered;
    let el = container.nodeType === Node.TEXT_NODE ? container.parentNode : container;
    if (el?.parentNode === article) {
      const start = Number(el.dataset.start);
      if (container.nodeType === Node.TEXT_NODE) return start + offset;
      return offset === 0 ? start : start + el.textContent.length;
    }
    if (container === article) {
      el = article.children[offset];
      return el ? Number(el.dataset.start) : to;
    }
    const whole = new Range();
    whole.selectNodeContents(article);
    return whole.comparePoint(container, offset) < 0 ? from : to;
  }

  /** The current DOM selection as [start, end] offsets, or null when it is empty or elsewhere. */
  selection() {
    const sel = getSelection();
    if (this.last === this.first || !sel.rangeCount || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    if (!r.intersectsNode(this.article)) return null;
    const s = this.offsetOf(r.startContainer, r.startOffset);
    const e = this.offsetOf(r.endContainer, r.endOffset);
    return s < e ? [s, e] : null;
  }

  /** The offset of the boundary between characters nearest the point (x, y), or null. */
  boundaryAt(x, y) {
    const caret = document.caretPositionFromPoint?.(x, y);
    if (!caret || caret.offsetNode.parentNode?.parentNode !== this.article) return null;
    return this.offsetOf(caret.offsetNode, caret.offset);
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
    const at0 = this.boundaryAt(x, y);
    if (at0 == null) return null;
    for (const at of [at0, at0 - 1]) {
      if (at < 0 || at >= this.text.length) continue;
      for (const box of this.range(at, at + 1)?.getClientRects() ?? []) {
        if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top && y <= box.bottom) return at;
      }
    }
    return null;
  }

  /**
   * Scrolls so that [start, end) is on screen (to the middle when it is not), rendering what
   * is needed; leaves the scroll alone when it already is.
   */
  reveal(start, end = start) {
    if (!this.blocks) return;
    const area = this.scroller.getBoundingClientRect();
    const inView = (r) => r && r.height > 0 && r.top >= area.top + 90 && r.bottom <= area.bottom - 20;
    let box = this.range(start, end)?.getBoundingClientRect();
    if (inView(box)) return;
    if (!box || box.height === 0) {
      // Not rendered: scroll to where its block is (estimated), then render there.
      const i = this.blockOf(start);
      this.scroller.scrollTop = this.origin() + this.tops[i] - area.height / 2;
      this.update();
      box = this.range(start, end)?.getBoundingClientRect();
      if (!box) return;
    }
    this.scroller.scrollTop += box.top - (area.top + area.bottom) / 2;
    this.update();
  }
}

function scrollerOf(el) {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const y = getComputedStyle(p).overflowY;
    if (y === 'auto' || y === 'scroll') return p;
  }
  return document.scrollingElement;
}
