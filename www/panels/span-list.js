// @ts-check
// The Spans panel: one row per span of the open document, in reading order, a window of
// them when there are many (rows.js), so that opening a document or editing one span costs
// what the panel shows, not what the document holds.

import { page, view } from '../state/state.js';
import { on } from '../state/events.js';
import { oncePainted } from '../state/frames.js';
import { selectSpan } from '../article/article.js';
import { Rows } from './rows.js';

/** A label chip and the span's text, as the span list and the suggestions show them: the
 * text in its own direction (dir="auto", as in the article: سوخوي-35 reads right to left),
 * never the interface's. */
export function labelled(/** @type {string} */ label, /** @type {string} */ text) {
  const chip = document.createElement('span');
  chip.className = 'chip';
  chip.textContent = label;
  const words = document.createElement('bdi');
  words.lang = 'ar';
  words.dir = 'auto';
  words.className = 'span-text';
  words.textContent = text;
  return [chip, ' ', words];
}

/** @param {import('../pkg/alama.js').SpanView} s */
function row(s) {
  const li = document.createElement('li');
  const btn = document.createElement('button');
  btn.type = 'button';
  btn.dataset.span = String(s.id);
  btn.dataset.label = s.label;
  btn.setAttribute('aria-pressed', String(s.id === view.selected));
  btn.append(...labelled(s.label, s.text));
  btn.addEventListener('click', () => selectSpan(s.id));
  li.append(btn);
  return li;
}

/** Marks span `id` as the selected one among the rows shown. */
function press(/** @type {HTMLElement} */ list, /** @type {number | null} */ id) {
  for (const b of list.querySelectorAll('button')) b.setAttribute('aria-pressed', String(Number(/** @type {HTMLElement} */ (b).dataset.span) === id));
}

/** The Spans panel of the open document, kept in step with its spans and the selection. */
export function initSpanList() {
  const list = /** @type {HTMLElement} */ (document.getElementById('span-list'));
  const rows = new Rows(list, {
    count: () => (view.doc ? page.core.spanCount(view.doc) : 0),
    rows: (first, n) => (view.doc ? page.core.spanRows(view.doc, first, n) : []),
    render: row,
    key: (s) => `${s.id}|${s.label}|${s.id === view.selected}|${s.text}`,
  });
  const count = /** @type {HTMLElement} */ (document.getElementById('span-count'));
  const showCount = () => {
    const n = view.doc ? `(${page.core.spanCount(view.doc)})` : '';
    if (count.textContent !== n) count.textContent = n;
  };
  const relist = () => {
    rows.refresh();
    showCount();
  };
  // After an edit, the rows and the count are drawn once the frame that shows the edit in
  // the article (its paint and badge, where the person looks) is painted, a frame later.
  // Another document shown is listed in its first frame.
  on('spans', (detail) => (detail?.doc ? oncePainted(relist) : relist()));
  on('show', () => {
    // Another document: its list starts at the top.
    rows.toTop();
    rows.first = rows.last = 0;
  });
  on('selected', (id) => press(list, id));
}
