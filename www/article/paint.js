// @ts-check
// Paints the current document's spans over the article without touching its text node (so
// Arabic shaping is never broken by wrapper elements): each span is a box per line, in a
// layer behind the text, and a badge naming its label in the layer above, both placed from
// the rectangles of the span's DOM range. Marks that are not spans
// (clitics left out, suggestions, search matches) are CSS Custom Highlights.
// Only the part of the text the view has rendered is painted: the spans there are asked of
// `source` when it changes (scrolling) and after every edit, and only a new or changed span
// is measured and drawn again, so an edit costs one span's boxes. (A CSS highlight per label
// cost more: Chromium paints again every text node of a highlight that changes.)

const UNDERLINES = ['solid', 'dashed', 'dotted', 'double', 'groove'];
/** How long the caret stands still before it blinks; how many times it blinks, each how long. */
const CARET_REST_MS = 1000;
const BLINKS = 5;
const BLINK_MS = 1000;

export class Painter {
  constructor(view, boxLayer, layer, onPick, onResize) {
    this.view = view;
    this.boxLayer = boxLayer;
    this.layer = layer;
    this.onPick = onPick;
    this.onResize = onResize;
    this.sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    /** span id → what is on the page for it: its badge and boxes, and the values last written to them */
    this.drawn = new Map();
    this.ordered = []; // the badges in the layer's order, as last placed
    this.shown = null; // the span whose boxes are painted as the selected one
    this.handlesAt = null; // the span and edges the grips were placed for ("id:start:end")
    this.caretMeasured = null; // the offset the caret was placed at
    this.ranges = new Map();
    this.spans = [];
    this.byId = new Map();
    this.cuts = new Map(); // span id → the part of it its range covers ("start:end")
    this.widths = new Map(); // label → badge width
    this.marks = new Map(); // mark name → every [start, end] (painted where rendered)
    this.markRanges = new Map(); // mark name → { key, ranges } as last painted
    this.source = null;
    this.natural = new Map(); // span id → where its badge sits before overlaps are resolved
    this.moved = true; // the text moved (rendered part or width changed): measure every badge again
    this.pending = 0; // the frame the badges, caret and grips are placed at
    view.listen(() => {
      this.moved = true;
      this.refresh();
    });
    new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (this.size?.[0] === width && this.size?.[1] === height) return;
      this.size = [width, height];
      this.moved = true;
      this.layout();
    }).observe(view.article);
  }

  /** Where the spans come from: `source(from, to)` gives those overlapping UTF-16 [from, to). */
  setSource(source) {
    this.source = source;
  }

  /** Registers one set of styles per label: its colour and its own style of underline. */
  setLabels(labels) {
    const rules = labels.map((label, i) => {
      const line = UNDERLINES[i % UNDERLINES.length];
      return `[data-label="${label.id}"] { --label-color: ${label.color}; --underline: ${line} ${line === 'double' ? 4 : 2}px; }`;
    });
    this.sheet.replaceSync(rules.join('\n'));
  }

  /**
   * Paints the spans of the rendered part of the text and marks `selected`: a range is
   * made only for a span that is new, changed or newly rendered, and taken away only
   * from one that is gone, so the boxes change by what changed.
   */
  refresh(selected = this.selected) {
    this.selected = selected;
    const { from, to } = this.view.rendered;
    const spans = this.source && to > from ? this.source(from, to) : [];
    const next = new Map(spans.map((s) => [s.id, s]));
    const cut = (s) => `${Math.max(s.start, from)}:${Math.min(s.end, to)}`;
    const article = this.view.article;
    for (const [id, old] of this.byId) {
      const now = next.get(id);
      const range = this.ranges.get(id);
      const live = range?.startContainer.parentNode?.parentNode === article && range.endContainer.parentNode?.parentNode === article;
      // A relabelled span keeps its range and its place: its badge and boxes change label where they are.
      if (now && live && now.start === old.start && now.end === old.end && this.cuts.get(id) === cut(now)) continue;
      this.ranges.delete(id);
      this.natural.delete(id);
    }
    for (const s of spans) {
      if (this.ranges.has(s.id)) continue;
      const range = this.view.range(s.start, s.end);
      if (!range) continue;
      this.ranges.set(s.id, range);
      this.cuts.set(s.id, cut(s));
    }
    for (const id of this.cuts.keys()) if (!this.ranges.has(id)) this.cuts.delete(id);
    this.spans = spans;
    this.byId = next;
    for (const name of new Set([...this.marks.keys(), 'clitic'])) this.paintMark(name);
    this.layout();
  }

  select(id) {
    this.selected = id;
    this.markSelected();
    this.layout();
  }

  /** The selected span's badge outlined and its boxes painted more strongly. */
  markSelected() {
    const was = this.drawn.get(this.shown);
    if (this.shown !== this.selected && was) for (const el of [was.badge, ...was.els]) el.classList.remove('selected');
    this.shown = this.selected;
    const now = this.drawn.get(this.shown);
    if (now) for (const el of [now.badge, ...now.els]) if (!el.classList.contains('selected')) el.classList.add('selected');
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

  /**
   * Where the grips of the selected span go: the start and end letters' boxes (a read), or
   * undefined when they stay where they are (the same span and edges, and the text did not move).
   */
  measureHandles(origin, moved) {
    const span = this.spans.find((s) => s.id === this.selected);
    const key = span && this.onResize ? `${span.id}:${span.start}:${span.end}` : '';
    if (!moved && key === this.handlesAt) return undefined;
    this.handlesAt = key;
    if (!key) return null;
    const first = this.view.range(span.start, span.start + 1)?.getClientRects()[0];
    const last = this.view.range(span.end - 1, span.end)?.getClientRects()[0];
    if (!first || !last) return null;
    return { span, origin: origin(), first, last };
  }

  /** Grips at the selected span's start and end, to drag either edge with the mouse (writes only). */
  placeHandles(at) {
    if (at === undefined) return;
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
          // The grip was dragged away: it is placed again, wherever the span's edge is now.
          this.handlesAt = null;
          if (at != null) this.onResize(span.id, edge, at);
          this.layout();
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

  /**
   * Paints mark `name` where the text is rendered; `clitic` adds the painted spans' own
   * clitics. An unchanged mark is left alone: any change to a highlight makes Chromium paint
   * again every text node a highlight touches.
   */
  paintMark(name) {
    const { from, to } = this.view.rendered;
    const own = name === 'clitic' ? this.spans.filter((s) => s.clitic).map((s) => s.clitic) : [];
    const wanted = [...(this.marks.get(name) ?? []), ...own].filter(([s, e]) => e > from && s < to);
    const key = `${from}:${to}:${wanted.join(';')}`;
    const last = this.markRanges.get(name);
    if (last?.key === key && last.ranges.every((r) => r.startContainer.isConnected && r.endContainer.isConnected)) return;
    let h = CSS.highlights.get(`alama-${name}`);
    if (!h) {
      h = new Highlight();
      h.priority = name === 'suggestion-current' ? 50 : -1;
      CSS.highlights.set(`alama-${name}`, h);
    }
    h.clear();
    const ranges = [];
    for (const [s, e] of wanted) {
      const range = this.view.range(s, e);
      if (range) ranges.push(range);
    }
    for (const range of ranges) h.add(range);
    this.markRanges.set(name, { key, ranges });
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

  /** Where the caret goes (a read): its box, null when it is not rendered, undefined when it is hidden or stays. */
  measureCaret(origin, moved) {
    if (this.caretAt == null || (!moved && this.caretMeasured === this.caretAt && this.caretEl?.isConnected)) return undefined;
    this.caretMeasured = this.caretAt;
    const at = this.view.range(this.caretAt, this.caretAt);
    return at ? { origin: origin(), box: at.getBoundingClientRect() } : null;
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
    // Still while it moves; it blinks a few times once it has stood for a second.
    this.blink(el);
  }

  /**
   * Blinks the caret `BLINKS` times after it has stood still for CARET_REST_MS, by a timer
   * that hides and shows it: a CSS animation would keep the browser's frame clock ticking
   * while it ran, and a key pressed meanwhile would wait up to a frame for its tick.
   */
  blink(/** @type {HTMLElement} */ el) {
    el.classList.remove('blink', 'off');
    clearTimeout(this.blinkTimer);
    clearInterval(this.blinkTimer);
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    this.blinkTimer = setTimeout(() => {
      el.classList.add('blink');
      let left = 2 * BLINKS;
      this.blinkTimer = setInterval(() => {
        if (--left > 0) return void el.classList.toggle('off');
        clearInterval(this.blinkTimer);
        el.classList.remove('blink', 'off');
      }, BLINK_MS / 2);
    }, CARET_REST_MS);
  }

  /**
   * One badge per painted span, at the span's logical start (its right edge in RTL text).
   * Badges are kept by span and moved, not made again, and stay in reading order (Tab).
   */
  placeBadges() {
    // Every read first, then every write: a read after a write would make the browser lay the
    // page out again. And nothing is read that has not changed: a read makes the browser lay
    // out at once what the task changed (the lists, the message), and again after the writes.
    // What was written is kept in `drawn`: an edit reads none of it back to compare.
    const moved = this.moved;
    if (moved) this.natural.clear();
    this.moved = false;
    let box;
    const origin = () => (box ??= this.layer.getBoundingClientRect());
    const spans = [];
    for (const s of this.spans) {
      // Boxes and badges do not move text: after an edit only new or changed spans are measured.
      let at = this.natural.get(s.id);
      if (!at) {
        const range = this.ranges.get(s.id);
        const rects = range ? [...range.getClientRects()].filter((r) => r.width > 0) : [];
        if (!rects.length) continue;
        const top = Math.min(...rects.map((r) => r.top));
        const right = Math.max(...rects.filter((r) => r.top < top + 2).map((r) => r.right));
        const { left, top: y, right: x } = origin();
        const boxes = rects.map((r) => [r.left - left, r.top - y, r.width, r.height]);
        at = { right: x - right, top: top - y, boxes };
        this.natural.set(s.id, at);
      }
      spans.push([s, at]);
    }
    const caret = this.measureCaret(origin, moved);
    const handles = this.measureHandles(origin, moved);
    const drawn = new Map();
    const placed = []; // [span, at, record], in reading order
    for (const [s, at] of spans) {
      const d = this.drawn.get(s.id) ?? { badge: this.badge(s.id), els: [], at: null, label: null, title: '', right: '', top: '' };
      const name = `${s.label}: ${s.text}`;
      if (d.title !== name) {
        d.badge.dataset.label = d.badge.textContent = s.label;
        d.badge.setAttribute('aria-label', name);
        d.badge.title = d.title = name;
      }
      this.drawBoxes(d, s, at);
      drawn.set(s.id, d);
      placed.push([s, at, d]);
    }
    for (const [id, d] of this.drawn) {
      if (drawn.has(id)) continue;
      d.badge.remove();
      for (const el of d.els) el.remove();
    }
    this.drawn = drawn;
    this.order(placed);
    this.avoidOverlaps(placed);
    this.placeCaret(caret);
    this.markSelected();
    this.placeHandles(handles);
  }

  /** The badges in the layer in reading order (the order of `placed`), moved only when it changed. */
  order(placed) {
    const badges = placed.map(([, , d]) => d.badge);
    if (badges.length === this.ordered.length && badges.every((b, i) => b === this.ordered[i])) return;
    let after = null;
    for (const b of badges) {
      const at = after ? after.nextSibling : this.layer.firstChild;
      if (at !== b) this.layer.insertBefore(b, at);
      after = b;
    }
    this.ordered = badges;
  }

  /**
   * Badges that would cover one another on a line move left, in reading order. `placed` comes
   * in reading order, so a span's badge is on the line of the one before it or a later one.
   */
  avoidOverlaps(placed) {
    let line = []; // the badges placed on the current line
    for (const [s, at, d] of placed) {
      const w = this.widthOf(d.badge, s.label);
      if (line.length && Math.abs(line[0].top - at.top) >= 2) line = [];
      let right = at.right;
      for (const q of line) if (right < q.right + q.w && right + w > q.right) right = q.right + q.w + 2;
      line.push({ top: at.top, right, w });
      const [r, t] = [`${right}px`, `${at.top}px`];
      if (d.right !== r) d.badge.style.right = d.right = r;
      if (d.top !== t) d.badge.style.top = d.top = t;
    }
  }

  /** Span `s`'s boxes, one per line it covers, where `at` measured them: its elements are kept and only what changed is written. */
  drawBoxes(d, s, at) {
    const els = d.els;
    if (d.at !== at) {
      at.boxes.forEach(([left, top, width, height], i) => {
        if (!els[i]) {
          els[i] = document.createElement('div');
          els[i].className = 'box';
          els[i].dataset.span = String(s.id);
          this.boxLayer.append(els[i]);
        }
        const css = `left: ${left}px; top: ${top}px; width: ${width}px; height: ${height}px;`;
        if (els[i].style.cssText !== css) els[i].style.cssText = css;
      });
      for (const el of els.splice(at.boxes.length)) el.remove();
      d.at = at;
      d.label = null;
    }
    if (d.label !== s.label) {
      for (const el of els) el.dataset.label = s.label;
      d.label = s.label;
    }
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
