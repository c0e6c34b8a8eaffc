// @ts-check
// A list that shows a window of its rows: the Documents list and the Spans panel. A short
// list is rendered whole, rows as tall as their text needs. A long one (thousands of
// documents, tens of thousands of spans) is virtual: rows of one fixed height, only those on
// and near the screen in the DOM, asked of the core a page at a time, the rest standing as
// padding. Redrawing after an edit renders the same window again without measuring the page
// (which would force a layout in the middle of the edit's frame), and keeps every row whose
// key is unchanged, so an edit restyles the one row it changed; scrolling measures.

/** Lists up to this many rows are rendered whole. */
const WHOLE = 300;

/**
 * @template Row
 * @typedef {{ count: () => number, rows: (first: number, n: number) => Row[], render: (row: Row) => HTMLElement, key: (row: Row) => string }} Source
 */

/** @template Row */
export class Rows {
  /**
   * @param {HTMLElement} list the `ul` or `ol`; its parent is the element that scrolls
   * @param {Source<Row>} source
   */
  constructor(list, source) {
    this.list = list;
    this.source = source;
    this.scroller = /** @type {HTMLElement} */ (list.parentElement);
    this.n = 0;
    this.first = 0;
    this.last = 0;
    this.pitch = 0;
    /** @type {{ listTop: number, top: number, height: number } | null} */
    this.at = null;
    /** The rows in the DOM by key (everything a row shows is in its key). @type {Map<string, HTMLElement>} */
    this.shown = new Map();
    const sheet = new CSSStyleSheet();
    // One line a row, so every row has the same height.
    sheet.replaceSync(`
      #${list.id}.virtual li button, #${list.id}.virtual li .meta { white-space: nowrap; overflow: hidden; }
      #${list.id}.virtual li bdi { overflow: hidden; text-overflow: ellipsis; min-width: 0; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    /** How far the list is scrolled, as its last scroll event read it (reading it anew would lay the page out). */
    this.scrolled = 0;
    this.scroller.addEventListener(
      'scroll',
      () => {
        this.scrolled = this.scroller.scrollTop;
        this.update();
      },
      { passive: true },
    );
    new ResizeObserver(() => this.update()).observe(this.scroller);
  }

  get virtual() {
    return this.n > WHOLE;
  }

  /** Shows the list again: the rows of the window it shows (all of a short list). */
  refresh() {
    const was = this.virtual;
    this.n = this.source.count();
    this.list.classList.toggle('virtual', this.virtual);
    if (!this.virtual) {
      this.list.style.paddingTop = this.list.style.paddingBottom = '';
      this.show(0, this.n);
    } else if (was && this.pitch && this.first < this.n) {
      this.show(this.first, Math.min(this.last, this.n));
      this.pad();
    } else {
      this.update(true);
    }
  }

  /** Renders the window around what is on screen (virtual lists only); `force`: even if it did not move. */
  update(force = false) {
    if (!this.virtual) return;
    if (!this.pitch) {
      this.show(0, 1);
      const li = this.list.firstElementChild;
      const gap = parseFloat(getComputedStyle(this.list).rowGap) || 0;
      this.pitch = (li?.getBoundingClientRect().height || 30) + gap;
    }
    const s = this.scroller;
    const listTop = this.list.getBoundingClientRect().top - s.getBoundingClientRect().top + s.scrollTop;
    // Where the list and the view are, as reveal() reads them without laying out the page.
    this.at = { listTop, top: s.scrollTop, height: s.clientHeight };
    const y = s.scrollTop - listTop;
    const h = s.clientHeight;
    const a = Math.max(0, Math.min(this.n, Math.floor((y - h) / this.pitch)));
    const b = Math.max(a, Math.min(this.n, Math.ceil((y + 2 * h) / this.pitch)));
    if (!force && a === this.first && b === this.last) return;
    this.show(a, b);
    this.pad();
  }

  pad() {
    this.list.style.paddingTop = `${this.first * this.pitch}px`;
    this.list.style.paddingBottom = `${(this.n - this.last) * this.pitch}px`;
  }

  /** Renders rows [a, b). */
  show(/** @type {number} */ a, /** @type {number} */ b) {
    this.first = a;
    this.last = b;
    const rows = b > a ? this.source.rows(a, b - a) : [];
    /** @type {Map<string, HTMLElement>} */
    const next = new Map();
    let kept = 0;
    for (const row of rows) {
      const key = this.source.key(row);
      const el = this.shown.get(key);
      if (el) kept++;
      next.set(key, el ?? this.source.render(row));
    }
    if (!kept) {
      // Another document (or a jump): nothing to keep, the window replaced in one call.
      this.list.replaceChildren(...next.values());
      this.shown = next;
      return;
    }
    for (const [key, el] of this.shown) if (next.get(key) !== el) el.remove();
    // What stays is already in order: put each new row before the one that follows it.
    let at = this.list.firstElementChild;
    for (const el of next.values()) {
      if (el === at) at = at.nextElementSibling;
      else this.list.insertBefore(el, at);
    }
    while (at) {
      const gone = at;
      at = at.nextElementSibling;
      gone.remove();
    }
    this.shown = next;
  }

  /** Renders row `i` again, if it is shown. */
  redraw(/** @type {number} */ i) {
    const li = this.list.children[i - this.first];
    if (i < this.first || i >= this.last || !li) return;
    const [row] = this.source.rows(i, 1);
    if (!row) return;
    const key = this.source.key(row);
    if (this.shown.get(key) === li) return;
    const el = this.source.render(row);
    const focused = li.contains(document.activeElement);
    li.replaceWith(el);
    // Keyboard focus stays on the row (its button pressed with Enter, or clicked).
    if (focused) el.querySelector('button')?.focus({ preventScroll: true });
    for (const [k, e] of this.shown) if (e === li) this.shown.delete(k);
    this.shown.set(key, el);
  }

  /** Scrolls the list back to its top (another document's list), if it is not there. */
  toTop() {
    if (this.scrolled) this.scroller.scrollTop = this.scrolled = 0;
  }

  /**
   * Scrolls the list, if need be, so that row `i` is on screen. A virtual list reads where
   * it stands as its last scroll or resize left it (a row clicked on screen needs no layout).
   */
  reveal(/** @type {number} */ i) {
    if (!this.virtual) return this.list.children[i]?.scrollIntoView({ block: 'nearest' });
    if (!this.at) this.update(true);
    if (!this.at) return;
    const { listTop, top: view, height } = this.at;
    const top = listTop + i * this.pitch;
    if (top >= view && top + this.pitch <= view + height) return;
    this.scroller.scrollTop = top - height / 2;
    this.update();
  }
}
