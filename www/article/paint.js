// Paints the current document's spans over the article without touching its text node:
// one CSS Custom Highlight per label (so Arabic shaping is never broken by wrapper
// elements), plus a layer of label badges positioned from the ranges' rectangles.
// Only the part of the text the view has rendered is painted: the spans there are asked of
// `source` when it changes (scrolling) and after every edit, and only what changed is
// added to or taken from the highlights, so an edit costs what the screen shows.

const UNDERLINES = ['solid', 'dashed', 'dotted', 'double', 'wavy'];
/** How long the caret stands still before it blinks. */
const CARET_REST_MS = 1000;

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
    this.byId = new Map();
    this.cuts = new Map(); // span id → the part of it its range covers ("start:end")
    this.badges = new Map(); // span id → its badge
    this.widths = new Map(); // label → badge width
    this.marks = new Map(); // mark name → every [start, end] (painted where rendered)
    this.source = null;
    this.natural = new Map(); // span id → where its badge sits before overlaps are resolved
    this.moved = true; // the text moved (rendered part or width changed): measure every badge again
    this.pending = 0; // the frame the badges, caret and grips are placed at
    view.listen(() => {
      this.moved = true;
      this.refresh();
    });
    new ResizeObserver(() => {
      const a = view.article;
      if (this.size?.[0] === a.clientWidth && this.size?.[1] === a.clientHeight) return;
      this.moved = true;
      this.layout();
    }).observe(view.article);
  }

  /** Where the spans come from: `source(from, to)` gives those overlapping UTF-16 [from, to). */
  setSource(source) {
    this.source = source;
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
    for (const s of this.spans) {
      const range = this.ranges.get(s.id);
      if (range) this.highlights.get(s.label)?.add(range);
    }
  }

  /**
   * Paints the spans of the rendered part of the text and marks `selected`: a range is
   * made only for a span that is new, changed or newly rendered, and taken away only
   * from one that is gone, so the highlights change by what changed.
   */
  refresh(selected = this.selected) {
    this.selected = selected;
    const { from, to } = this.view.rendered;
    const spans = this.source && to > from ? this.source(from, to) : [];
    const next = new Map(spans.map((s) => [s.id, s]));
    const cut = (s) => `${Math.max(s.start, from)}:${Math.min(s.end, to)}`;
    const article = this.view.article;
    const touched = new Set(); // labels whose highlight changed
    for (const [id, old] of this.byId) {
      const now = next.get(id);
      const range = this.ranges.get(id);
      const live = range?.startContainer.parentNode?.parentNode === article && range.endContainer.parentNode?.parentNode === article;
      if (now && live && now.label === old.label && now.start === old.start && now.end === old.end && this.cuts.get(id) === cut(now)) continue;
      touched.add(old.label);
      this.ranges.delete(id);
      this.natural.delete(id);
    }
    for (const s of spans) {
      if (this.ranges.has(s.id)) continue;
      const range = this.view.range(s.start, s.end);
      if (!range) continue;
      this.ranges.set(s.id, range);
      this.cuts.set(s.id, cut(s));
      touched.add(s.label);
    }
    // A changed label's highlight is filled again in reading order (a few dozen ranges).
    for (const label of touched) {
      const h = this.highlights.get(label);
      if (!h) continue;
      h.clear();
      for (const s of spans) if (s.label === label && this.ranges.has(s.id)) h.add(this.ranges.get(s.id));
    }
    for (const id of this.cuts.keys()) if (!this.ranges.has(id)) this.cuts.delete(id);
    this.spans = spans;
    this.byId = next;
    for (const name of new Set([...this.marks.keys(), 'clitic'])) this.paintMark(name);
    this.paintSelected();
    this.layout();
  }

  select(id) {
    this.selected = id;
    this.paintSelected();
    this.markSelected();
    this.layout();
  }

  /** The selected span painted again, more strongly, in its label's colour. */
  paintSelected() {
    const id = this.selected;
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
  }

  markSelected() {
    for (const b of this.layer.children) b.classList.toggle('selected', Number(b.dataset.span) === this.selected);
  }

  /**
   * Places the badges, the caret and the grips at the next frame, once, after every change
   * the task makes: measuring them in the middle of a change would make the browser lay the
   * page out again and again.
   */
  layout() {
    this.pending ||= requestAnimationFrame(() => {
      this.pending = 0;
      this.placeBadges();
    });
  }

  /** Where the grips of the selected span go: the start and end letters' boxes (a read). */
  measureHandles(origin) {
    const span = this.spans.find((s) => s.id === this.selected);
    if (!span || !this.onResize) return null;
    const first = this.view.range(span.start, span.start + 1)?.getClientRects()[0];
    const last = this.view.range(span.end - 1, span.end)?.getClientRects()[0];
    if (!first || !last) return null;
    return { span, origin, first, last };
  }

  /** Grips at the selected span's start and end, to drag either edge with the mouse (writes only). */
  placeHandles(at) {
    for (const h of this.layer.querySelectorAll('.handle')) h.remove();
    if (!at) return;
    const { span, origin, first, last } = at;
    // Right to left: the start is the right edge of the first letter, the end the left edge of the last.
    for (const [edge, box, x] of [
      ['start', first, first.right],
      ['end', last, last.left],
    ]) {
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
          else this.layout();
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
    this.marks.set(name, ranges);
    this.paintMark(name);
  }

  /** Paints mark `name` where the text is rendered; `clitic` adds the painted spans' own clitics. */
  paintMark(name) {
    let h = CSS.highlights.get(`alama-${name}`);
    if (!h) {
      h = new Highlight();
      h.priority = name === 'suggestion-current' ? 50 : -1;
      CSS.highlights.set(`alama-${name}`, h);
    }
    h.clear();
    const { from, to } = this.view.rendered;
    const own = name === 'clitic' ? this.spans.filter((s) => s.clitic).map((s) => s.clitic) : [];
    for (const [s, e] of [...(this.marks.get(name) ?? []), ...own]) {
      const range = e > from && s < to ? this.view.range(s, e) : null;
      if (range) h.add(range);
    }
  }

  /** Shows the keyboard caret at `offset` (or hides it with null), at the next frame. */
  caret(offset) {
    this.caretAt = offset;
    if (offset == null) {
      this.caretEl?.remove();
      this.caretEl = null;
      return;
    }
    this.layout();
  }

  /** Where the caret goes (a read): its box, or null when it is hidden or not rendered. */
  measureCaret(origin) {
    if (this.caretAt == null) return undefined;
    const at = this.view.range(this.caretAt, this.caretAt);
    return at ? { origin, box: at.getBoundingClientRect() } : null;
  }

  /** Shows the caret where `measureCaret` found it (writes only). */
  placeCaret(at) {
    if (at === undefined) return;
    let el = this.caretEl;
    if (!el || !el.isConnected) {
      el = this.caretEl = document.createElement('div');
      el.className = 'caret';
      el.setAttribute('aria-hidden', 'true');
      this.layer.append(el);
    }
    el.hidden = !at;
    if (!at) return;
    const { origin, box } = at;
    const [left, top] = [`${box.left - origin.left}px`, `${box.top - origin.top}px`];
    if (el.style.left === left && el.style.top === top) return;
    el.style.left = left;
    el.style.top = top;
    el.style.height = `${Math.max(box.height, 20)}px`;
    // Still while it moves; it blinks a few times (style.css) once it has stood for a second.
    el.classList.remove('blink');
    clearTimeout(this.blinkTimer);
    this.blinkTimer = setTimeout(() => el.classList.add('blink'), CARET_REST_MS);
  }

  /**
   * One badge per painted span, at the span's logical start (its right edge in RTL text).
   * Badges are kept by span and moved, not made again, and stay in reading order (Tab).
   */
  placeBadges() {
    // Every read first (one layout, the one this frame needs anyway), then every write: a
    // read after a write would make the browser lay the page out again.
    this.size = [this.view.article.clientWidth, this.view.article.clientHeight];
    if (this.moved) this.natural.clear();
    this.moved = false;
    const origin = this.layer.getBoundingClientRect();
    const spans = [];
    for (const s of this.spans) {
      // Highlights do not move text: after an edit only new or changed spans are measured.
      let at = this.natural.get(s.id);
      if (!at) {
        const range = this.ranges.get(s.id);
        const rects = range ? [...range.getClientRects()].filter((r) => r.width > 0) : [];
        if (!rects.length) continue;
        const top = Math.min(...rects.map((r) => r.top));
        const right = Math.max(...rects.filter((r) => r.top < top + 2).map((r) => r.right));
        at = { right: origin.right - right, top: top - origin.top };
        this.natural.set(s.id, at);
      }
      spans.push([s, at]);
    }
    const caret = this.measureCaret(origin);
    const handles = this.measureHandles(origin);
    const placed = [];
    for (const [s, at] of spans) {
      let b = this.badges.get(s.id);
      if (b?.dataset.label !== s.label) {
        b?.remove();
        b = this.badge(s.id);
        this.badges.set(s.id, b);
      }
      const name = `${s.label}: ${s.text}`;
      if (b.title !== name) {
        b.dataset.label = b.textContent = s.label;
        b.setAttribute('aria-label', name);
        b.title = name;
      }
      placed.push({ b, label: s.label, ...at });
    }
    const keep = new Set(placed.map((p) => p.b));
    for (const [id, b] of this.badges) {
      if (!keep.has(b)) {
        b.remove();
        this.badges.delete(id);
      }
    }
    let after = null;
    for (const { b } of placed) {
      const at = after ? after.nextSibling : this.layer.firstChild;
      if (at !== b) this.layer.insertBefore(b, at);
      after = b;
    }
    // Badges that would cover one another on a line move left, in reading order.
    const boxes = [];
    for (const p of placed) {
      const w = this.widthOf(p.b, p.label);
      let right = p.right;
      for (const q of boxes) {
        if (Math.abs(q.top - p.top) < 2 && right < q.right + q.w && right + w > q.right) right = q.right + q.w + 2;
      }
      boxes.push({ top: p.top, right, w });
      if (p.b.style.right !== `${right}px`) p.b.style.right = `${right}px`;
      if (p.b.style.top !== `${p.top}px`) p.b.style.top = `${p.top}px`;
    }
    this.placeCaret(caret);
    this.markSelected();
    this.placeHandles(handles);
  }

  badge(id) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'badge';
    b.dataset.span = id;
    b.addEventListener('click', () => this.onPick(id));
    b.addEventListener('focus', () => this.onPick(id));
    return b;
  }

  /** A badge's width: the same for every badge of a label, so measured once per label. */
  widthOf(b, label) {
    let w = this.widths.get(label);
    if (w === undefined) {
      w = b.getBoundingClientRect().width;
      if (w > 0) this.widths.set(label, w);
    }
    return w;
  }
}
