// Paints the current document's spans over the article without touching its text node:
// one CSS Custom Highlight per label (so Arabic shaping is never broken by wrapper
// elements), plus a layer of label badges positioned from the ranges' rectangles.

const UNDERLINES = ['solid', 'dashed', 'dotted', 'double', 'wavy'];

export class Painter {
  constructor(view, layer, onPick, onResize) {
    this.view = view;
    this.layer = layer;
    this.onPick = onPick;
    this.onResize = onResize;
    this.sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    this.highlights = new Map();
    // The selected span is painted again, more strongly, in its own label's colour.
    this.selectedHighlight = new Highlight();
    this.selectedHighlight.priority = 100;
    this.ranges = new Map();
    this.spans = [];
    new ResizeObserver(() => this.placeBadges()).observe(view.article);
  }

  /** Registers one highlight and one set of styles per label. */
  setLabels(labels) {
    for (const name of this.highlights.keys()) {
      CSS.highlights.delete(`alama-${name}`);
      CSS.highlights.delete(`alama-selected-${name}`);
    }
    this.highlights.clear();
    const rules = [];
    labels.forEach((label, i) => {
      const h = new Highlight();
      h.priority = i;
      this.highlights.set(label.id, h);
      CSS.highlights.set(`alama-${label.id}`, h);
      const c = label.color;
      const line = UNDERLINES[i % UNDERLINES.length];
      rules.push(
        `::highlight(alama-${label.id}) { background-color: color-mix(in srgb, ${c} 30%, transparent); text-decoration: underline ${line} ${c} 2px; }`,
        `::highlight(alama-selected-${label.id}) { background-color: color-mix(in srgb, ${c} 80%, transparent); color: #000; }`,
        `[data-label="${label.id}"] { --label-color: ${c}; }`,
      );
    });
    this.sheet.replaceSync(rules.join('\n'));
  }

  /** Paints `spans` (UTF-16 edges, reading order) and marks `selected`. */
  paint(spans, selected) {
    for (const h of this.highlights.values()) h.clear();
    this.ranges.clear();
    this.spans = spans;
    for (const s of spans) {
      const range = this.view.range(s.start, s.end);
      this.ranges.set(s.id, range);
      this.highlights.get(s.label)?.add(range);
    }
    this.select(selected);
    this.placeBadges();
  }

  select(id) {
    this.selected = id;
    this.selectedHighlight.clear();
    const range = this.ranges.get(id);
    const label = this.spans.find((s) => s.id === id)?.label;
    if (range && label) {
      this.selectedHighlight.add(range);
      CSS.highlights.set(`alama-selected-${label}`, this.selectedHighlight);
    }
    for (const name of this.highlights.keys()) {
      if (name !== label) CSS.highlights.delete(`alama-selected-${name}`);
    }
    for (const b of this.layer.children) b.classList.toggle('selected', Number(b.dataset.span) === id);
    this.placeHandles();
  }

  /** Grips at the selected span's start and end, to drag either edge with the mouse. */
  placeHandles() {
    for (const h of this.layer.querySelectorAll('.handle')) h.remove();
    const span = this.spans.find((s) => s.id === this.selected);
    if (!span || !this.onResize) return;
    const origin = this.layer.getBoundingClientRect();
    const first = this.view.range(span.start, span.start + 1).getClientRects()[0];
    const last = this.view.range(span.end - 1, span.end).getClientRects()[0];
    if (!first || !last) return;
    // Right to left: the start is the right edge of the first letter, the end the left edge of the last.
    for (const [edge, box, x] of [['start', first, first.right], ['end', last, last.left]]) {
      const h = document.createElement('div');
      h.className = `handle ${edge}`;
      h.dataset.edge = edge;
      h.title = `Drag to move the ${edge} of the span`;
      h.setAttribute('aria-hidden', 'true');
      h.style.left = `${x - origin.left}px`;
      h.style.top = `${box.top - origin.top}px`;
      h.style.height = `${box.height}px`;
      h.addEventListener('pointerdown', (e) => {
        e.preventDefault();
        h.setPointerCapture(e.pointerId);
        const move = (ev) => {
          h.style.left = `${ev.clientX - origin.left}px`;
          h.style.top = `${ev.clientY - origin.top - box.height / 2}px`;
        };
        const up = (ev) => {
          h.removeEventListener('pointermove', move);
          h.removeEventListener('pointerup', up);
          h.style.display = 'none';
          const at = this.view.boundaryAt(ev.clientX, ev.clientY);
          h.style.display = '';
          if (at != null) this.onResize(span.id, edge, at);
          else this.placeHandles();
        };
        h.addEventListener('pointermove', move);
        h.addEventListener('pointerup', up);
      });
      this.layer.append(h);
    }
  }

  /**
   * Paints marks that are not spans under the CSS highlight `alama-NAME` (styled in
   * style.css): excluded clitics, suggestions, search matches. `ranges` are [start, end].
   */
  mark(name, ranges) {
    let h = CSS.highlights.get(`alama-${name}`);
    if (!h) {
      h = new Highlight();
      h.priority = name === 'suggestion-current' ? 50 : -1;
      CSS.highlights.set(`alama-${name}`, h);
    }
    h.clear();
    for (const [s, e] of ranges) h.add(this.view.range(s, e));
  }

  /** Shows the keyboard caret at `offset` (or hides it with null). */
  caret(offset) {
    this.caretAt = offset;
    let el = this.caretEl;
    if (offset == null) {
      el?.remove();
      this.caretEl = null;
      return;
    }
    if (!el || !el.isConnected) {
      el = this.caretEl = document.createElement('div');
      el.className = 'caret';
      el.setAttribute('aria-hidden', 'true');
      this.layer.append(el);
    }
    const origin = this.layer.getBoundingClientRect();
    const r = this.view.range(offset, offset).getBoundingClientRect();
    el.style.left = `${r.left - origin.left}px`;
    el.style.top = `${r.top - origin.top}px`;
    el.style.height = `${Math.max(r.height, 20)}px`;
  }

  /** The range of span `id`, to scroll it into view. */
  rangeOf(id) {
    return this.ranges.get(id);
  }

  /** One badge per span, at the span's logical start (its right edge in RTL text). */
  placeBadges() {
    const origin = this.layer.getBoundingClientRect();
    const badges = [];
    for (const s of this.spans) {
      const rects = [...this.ranges.get(s.id).getClientRects()].filter((r) => r.width > 0);
      if (!rects.length) continue;
      const top = Math.min(...rects.map((r) => r.top));
      const first = rects.filter((r) => r.top < top + 2);
      const right = Math.max(...first.map((r) => r.right));
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'badge';
      b.dataset.span = s.id;
      b.dataset.label = s.label;
      b.textContent = s.label;
      b.setAttribute('aria-label', `${s.label}: ${s.text}`);
      b.title = `${s.label}: ${s.text}`;
      b.style.right = `${origin.right - right}px`;
      b.style.top = `${top - origin.top}px`;
      b.addEventListener('click', () => this.onPick(s.id));
      b.addEventListener('focus', () => this.onPick(s.id));
      badges.push(b);
    }
    this.layer.replaceChildren(...badges);
    if (this.caretAt != null) this.caret(this.caretAt);
    // Badges that would cover one another on a line move left, in reading order.
    const placed = [];
    for (const b of badges) {
      let r = b.getBoundingClientRect();
      for (const p of placed) {
        if (Math.abs(p.top - r.top) < 2 && r.right > p.left && r.left < p.right) {
          b.style.right = `${parseFloat(b.style.right) + (r.right - p.left) + 2}px`;
          r = b.getBoundingClientRect();
        }
      }
      placed.push(r);
    }
    this.select(this.selected);
  }
}
