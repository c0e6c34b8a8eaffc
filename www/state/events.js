// @ts-check
// What changed, said once by whoever changed it and heard by whatever draws it, so that a
// lower part of the page never has to call a higher one:
//   `labels`     the label set changed (redraw label buttons and highlights)
//   `spans`      the open document's spans changed (repaint and relist, with `view.selected`);
//                with detail `{ doc }`: by an edit of that document (changed(doc))
//   `selected`   another span is selected (or none), nothing else changed: detail its id or null
//   `documents`  the list of documents changed; with detail `{ doc }`: only that document's counts or status
//   `show`       a document is to be shown: detail `{ doc, text? }`
//   `workspace`  another workspace (or an import) replaced everything
//   `indexed`    every document is indexed for searching (state/background.js)
//   `restored`   the documents a restore brought in after the first are all in (state/workspaces.js)

import { page } from './state.js';
import { oncePainted } from './frames.js';

/** @typedef {'labels' | 'spans' | 'selected' | 'documents' | 'show' | 'workspace' | 'indexed' | 'restored'} Change */

/** @type {Map<Change, Array<(detail: any) => void>>} */
const listeners = new Map();

/** Calls `fn(detail)` each time `change` is said. @param {Change} change @param {(detail: any) => void} fn */
export function on(change, fn) {
  listeners.set(change, [...(listeners.get(change) ?? []), fn]);
}

/** Says that `change` happened; every listener runs now, in the order they listened. @param {Change} change */
export function emit(change, detail = undefined) {
  for (const fn of listeners.get(change) ?? []) fn(detail);
}

/** Documents whose row in the list waits for the frame that shows their change. */
const later = new Set();

/**
 * The spans changed, in document `doc` or in any (the whole list). Document `doc`'s row (its
 * counts and status) is drawn again once the frame that shows the change is painted: that
 * frame holds the span's paint and its badge, and nothing more.
 */
export function changed(/** @type {string | null} */ doc = null) {
  emit('spans', doc ? { doc } : undefined);
  if (!doc) return emit('documents');
  later.add(doc);
  oncePainted(drawRows);
}

function drawRows() {
  const docs = [...later];
  later.clear();
  for (const doc of docs) emit('documents', { doc });
}

/** Shows document `doc` (with its `text`, when the caller has fetched it from the core already). */
export function show(/** @type {string | null} */ doc, /** @type {string | undefined} */ text = undefined) {
  emit('show', { doc, text });
  emit('spans');
}

/** The label set changed: read it from the core, then say so. */
export function labelsChanged() {
  page.labels = page.core.labels();
  emit('labels');
}
