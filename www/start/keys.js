// @ts-check
// The key handler: the first row of the key table (words/keys.js) whose keys match runs
// its action. An action that declines (returns false) lets the browser have the key.

import { KEYS, digitOf } from '../words/keys.js';
import { page } from '../state/state.js';
import { applyLabel, removeSelected, history, arrow, escape, cycleStatus, toggleSnap } from '../article/edits.js';
import { selectNeighbour } from '../article/article.js';
import { openNeighbour } from '../panels/documents.js';
import { findAll, preannotate, decide, decideCurrent } from '../panels/suggestions.js';
import { editLabels } from '../panels/label-editor.js';
import { showHelp } from '../panels/help.js';
import { exportAll } from '../exchange/export-as.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * What each action of the key table does.
 * @param {() => void} switchLanguage
 * @returns {Record<import('../words/keys.js').Action, (e: KeyboardEvent) => boolean | void>}
 */
function actions(switchLanguage) {
  return {
    label: (e) => {
      const n = digitOf(e);
      if (n == null || n > page.labels.length) return false;
      applyLabel(page.labels[n - 1].id, e.shiftKey);
    },
    remove: () => removeSelected(),
    history: (e) => history(e.code === 'KeyY' || e.shiftKey ? 'redo' : 'undo'),
    neighbourSpan: (e) => selectNeighbour(e.key === 'ArrowDown' ? 1 : -1),
    arrow: (e) => arrow(e),
    findAll: (e) => findAll(e.shiftKey),
    preannotate: () => preannotate(),
    accept: (e) => (e.shiftKey ? decide(null, true) : decideCurrent(true)),
    reject: (e) => (e.shiftKey ? decide(null, false) : decideCurrent(false)),
    snap: () => toggleSnap(),
    status: () => cycleStatus(),
    neighbourDocument: (e) => openNeighbour(e.code === 'BracketRight' ? 1 : -1),
    search: () => {
      $('search').focus();
      $('search').select();
    },
    export: () => void exportAll(),
    open: () => $('file-input').click(),
    labels: () => editLabels(),
    language: () => switchLanguage(),
    escape: () => {
      escape();
      return false; // Escape also closes what the browser closes with it
    },
    help: () => showHelp(),
  };
}

/** Listens to the keyboard: outside fields and dialogs, each key of the table does its action. */
export function initKeys(/** @type {() => void} */ switchLanguage) {
  const act = actions(switchLanguage);
  document.addEventListener('keydown', (e) => {
    if (/** @type {Element} */ (e.target).closest?.('input, textarea, select, [contenteditable="true"], dialog')) return;
    const row = KEYS.find((k) => k.action && k.match(e));
    if (!row?.action) return;
    if (act[row.action](e) !== false) e.preventDefault();
  });
}
