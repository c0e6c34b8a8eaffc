// @ts-check
// The editor's toolbar: a button per label (its number key, id and name), and the edit
// buttons, each the same action as its key.

import { page, view } from '../state/state.js';
import { on } from '../state/events.js';
import { tr, lang } from '../words/i18n.js';
import { applyLabel, removeSelected, history, setStatus } from '../article/edits.js';
import { findAll, preannotate, decide } from './suggestions.js';
import { showHelp } from './help.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export function renderLabels() {
  $('label-buttons').replaceChildren(
    ...page.labels.map((l, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'label-button';
      b.dataset.label = l.id;
      b.title = tr(
        `Tag the selection as ${l.names.en} (${l.id}), or relabel the selected span: key ${i + 1}`,
        `اوسم التحديد بـ«${l.names.ar}» (${l.id})، أو غيّر وسم المقطع المحدّد: المفتاح ${i + 1}`,
      );
      const key = document.createElement('kbd');
      key.textContent = String(i + 1);
      const name = document.createElement('span');
      name.lang = lang();
      name.textContent = l.names[lang()];
      b.append(key, ` ${l.id} `, name);
      b.addEventListener('click', () => applyLabel(l.id));
      return b;
    }),
  );
}

export function initToolbar() {
  // Toolbar buttons must not take the text selection away before they act on it.
  for (const b of document.querySelectorAll('.toolbar button')) b.addEventListener('mousedown', (e) => e.preventDefault());
  $('label-buttons').addEventListener('mousedown', (/** @type {Event} */ e) => e.preventDefault());
  $('delete').addEventListener('click', removeSelected);
  $('find-all').addEventListener('click', (/** @type {MouseEvent} */ e) => findAll(e.shiftKey));
  $('preannotate').addEventListener('click', preannotate);
  $('accept-all').addEventListener('click', () => decide(null, true));
  $('reject-all').addEventListener('click', () => decide(null, false));
  $('doc-status').addEventListener('change', (/** @type {any} */ e) => setStatus(e.target.value));
  $('help').addEventListener('click', showHelp);
  $('undo').addEventListener('click', () => history('undo'));
  $('redo').addEventListener('click', () => history('redo'));
  on('labels', renderLabels);
  on('selected', (id) => ($('delete').disabled = id == null));
  // An edit repaints with the selection it leaves (edits.js sets it before saying `spans`).
  on('spans', () => ($('delete').disabled = view.selected == null));
  on('show', () => ($('delete').disabled = true));
}
