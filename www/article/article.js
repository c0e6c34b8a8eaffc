// @ts-check
// The article on screen: the open document's text (text-view.js), its spans painted over it
// (paint.js), the selected span and the keyboard caret. It shows what the core holds when
// told to (`show`, and the `spans`, `selected` and `labels` changes) and turns clicks on the
// text into the selection of a span.

import { TextView } from './text-view.js';
import { Painter } from './paint.js';
import { page, view } from '../state/state.js';
import { emit, on } from '../state/events.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export const textView = new TextView($('article'));

/** The keyboard caret (UTF-16 offsets): where the selection started and where it is now. */
export const caret = { /** @type {number | null} */ anchor: null, /** @type {number | null} */ focus: null };

/** Where a dragged edge goes (edits.js makes the edit; see `initArticle`). */
let onResize = (/** @type {number} */ id, /** @type {string} */ edge, /** @type {number} */ at) => void [id, edge, at];

export const painter = new Painter(
  textView,
  $('boxes'),
  $('badges'),
  (/** @type {number} */ id) => selectSpan(id),
  (/** @type {number} */ id, /** @type {string} */ edge, /** @type {number} */ at) => onResize(id, edge, at),
);

/** Selects span `id` (or none) everywhere it is shown. */
export function selectSpan(/** @type {number | null} */ id) {
  view.selected = id;
  emit('selected', id);
}

/** Sets the keyboard caret (and the selection between anchor and focus), scrolling to it. */
export function setCaret(/** @type {number | null} */ anchor, focus = anchor) {
  caret.anchor = anchor;
  caret.focus = focus;
  if (focus != null) textView.reveal(focus);
  painter.caret(focus);
  if (anchor == null) return;
  const sel = getSelection();
  sel.removeAllRanges();
  const range = anchor !== focus ? textView.range(Math.min(anchor, focus), Math.max(anchor, focus)) : null;
  if (range) sel.addRange(range);
}

/**
 * Draws the article from the core as it changes; `resize(id, edge, at)` is called when a
 * span's edge is dragged to boundary `at` (an edit, made by edits.js).
 * @param {(id: number, edge: string, at: number) => void} resize
 */
export function initArticle(resize) {
  onResize = resize;
  painter.setSource((/** @type {number} */ from, /** @type {number} */ to) => (view.doc ? page.core.spansIn(view.doc, from, to) : []));
  on('labels', () => painter.setLabels(page.labels));
  on('spans', () => {
    if (!view.doc) return;
    painter.refresh(view.selected);
    if (view.selected != null && page.core.spanIndex(view.doc, view.selected) === undefined) selectSpan(null);
  });
  on('selected', (id) => painter.select(id));
  on('show', ({ doc, text }) => {
    view.doc = doc;
    view.selected = null;
    // (The view scrolls to the top itself, before it renders: scrolling after it would lay out
    // the new text in the middle of the handler.)
    textView.show(text ?? (doc ? page.core.text(doc) : ''));
    caret.anchor = caret.focus = null;
    painter.caret(null);
  });
  // A click on the text selects the span under it (again: the next one nested there).
  textView.article.addEventListener('click', (/** @type {MouseEvent} */ e) => {
    if (!getSelection().isCollapsed || !view.doc) return;
    const at = textView.charAt(e.clientX, e.clientY);
    const ids = at == null ? [] : [...page.core.spansAt(view.doc, at)];
    if (!ids.length) return selectSpan(null);
    const i = ids.indexOf(view.selected);
    selectSpan(i >= 0 ? ids[(i + 1) % ids.length] : ids[ids.length - 1]);
  });
}

/** ↓ and ↑: selects the next or previous span in reading order, and shows it. */
export function selectNeighbour(/** @type {number} */ step) {
  const n = view.doc ? page.core.spanCount(view.doc) : 0;
  if (!n) return;
  const i = view.selected == null ? -1 : (page.core.spanIndex(view.doc, view.selected) ?? -1);
  const next = page.core.spanRows(view.doc, i < 0 ? (step > 0 ? 0 : n - 1) : (i + step + n) % n, 1)[0];
  setCaret(null);
  getSelection().removeAllRanges();
  textView.reveal(next.start, next.end);
  selectSpan(next.id);
  /** @type {HTMLElement | null} */ (document.querySelector(`#badges .badge[data-span="${next.id}"]`))?.focus({ preventScroll: true });
}
