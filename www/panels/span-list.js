// @ts-check
// The Spans panel: one row per span of the open document, in reading order. A long list
// (tens of thousands of spans) is virtual: rows of one fixed height, only those on and near
// the screen in the DOM, asked of the core a page at a time, so that opening a document or
// editing one span costs what the panel shows, not what the document holds.

import { page, view } from '../state/state.js';
import { on } from '../state/events.js';
import { selectSpan } from '../article/article.js';

/** Lists up to this many spans are rendered whole, rows as tall as their text needs. */
const WHOLE = 300;

/** A label chip and the span's text, as the span list and the suggestions show them. */
export function labelled(/** @type {string} */ label, /** @type {string} */ text) {
  const chip = document.createElement('span');
  chip.className = 'chip';
  chip.textContent = label;
  const words = document.createElement('bdi');
  words.lang = 'ar';
  words.textContent = text;
  return [chip, ' ', words];
}

export class SpanList {
  /**
   * `count()` is the number of spans, `rows(first, n)` gives n of them from place `first`
   * ({ id, label, text }), `onPick(id)` selects one.
   * @param {HTMLElement} list
   * @param {{ count: () => number, rows: (first: number, n: number) => import('../pkg/alama.js').SpanView[], onPick: (id: number) => void }} source
   */
  constructor(list, { count, rows, onPick }) {
    this.list = list;
    this.count = count;
    this.rows = rows;
    this.onPick = onPick;
    this.scroller = list.parentElement;
    this.n = 0;
    this.first = 0;
    this.last = 0;
    this.pitch = 0;
    this.selected = null;
    const sheet = new CSSStyleSheet();
    // One line a row, so every row has the same height.
    sheet.replaceSync(`
      #${list.id}.virtual li button { white-space: nowrap; overflow: hidden; }
      #${list.id}.virtual li bdi { overflow: hidden; text-overflow: ellipsis; min-width: 0; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    this.scroller.addEventListener('scroll', () => this.update(), { passive: true });
    new ResizeObserver(() => this.update()).observe(this.scroller);
  }

  get virtual() {
    return this.n > WHOLE;
  }

  /** Shows the list again (after an edit or for another document); `selected` is pressed. */
  refresh(selected = this.selected) {
    this.selected = selected;
    this.n = this.count();
    this.list.classList.toggle('virtual', this.virtual);
    if (!this.virtual) {
      this.list.style.paddingTop = this.list.style.paddingBottom = '';
      this.show(0, this.n);
      return;
    }
    this.update(true);
  }

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
    const y = s.scrollTop - listTop;
    const h = s.clientHeight;
    const a = Math.max(0, Math.min(this.n, Math.floor((y - h) / this.pitch)));
    const b = Math.max(a, Math.min(this.n, Math.ceil((y + 2 * h) / this.pitch)));
    if (!force && a === this.first && b === this.last) return;
    this.show(a, b);
    this.list.style.paddingTop = `${a * this.pitch}px`;
    this.list.style.paddingBottom = `${(this.n - b) * this.pitch}px`;
  }

  /** Renders rows [a, b). */
  show(a, b) {
    this.first = a;
    this.last = b;
    const spans = b > a ? this.rows(a, b - a) : [];
    this.list.replaceChildren(
      ...spans.map((s) => {
        const li = document.createElement('li');
        const btn = document.createElement('button');
        btn.type = 'button';
        btn.dataset.span = String(s.id);
        btn.dataset.label = s.label;
        btn.setAttribute('aria-pressed', String(s.id === this.selected));
        btn.append(...labelled(s.label, s.text));
        btn.addEventListener('click', () => this.onPick(s.id));
        li.append(btn);
        return li;
      }),
    );
  }

  /** Marks `id` as the selected span among the rows shown. */
  select(id) {
    this.selected = id;
    for (const b of this.list.querySelectorAll('button')) b.setAttribute('aria-pressed', String(Number(b.dataset.span) === id));
  }
}

/** The Spans panel of the open document, kept in step with its spans and the selection. */
export function initSpanList() {
  const list = new SpanList(/** @type {HTMLElement} */ (document.getElementById('span-list')), {
    count: () => (view.doc ? page.core.spanCount(view.doc) : 0),
    rows: (first, n) => page.core.spanRows(view.doc, first, n),
    onPick: (id) => selectSpan(id),
  });
  const count = /** @type {HTMLElement} */ (document.getElementById('span-count'));
  on('spans', () => {
    if (!view.doc) return;
    count.textContent = `(${page.core.spanCount(view.doc)})`;
    list.refresh(view.selected);
  });
  on('selected', (id) => list.select(id));
  return list;
}
