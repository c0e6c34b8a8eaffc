// @ts-check
// What a format could not carry or an import ignored, shown as a list after the export or
// the import, so that nothing a format dropped goes unseen. Loaded when there are notes to
// show: most sessions never show one.

import { lang } from '../words/i18n.js';
import { wordNote } from '../words/notes.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** One note as a list item: its quoted texts (Arabic, mostly) isolated, so that the offsets after them stay in place. */
export function noteItem(/** @type {any} */ note) {
  const li = document.createElement('li');
  li.dir = 'auto';
  const text = typeof note === 'string' ? note : wordNote(note, lang());
  let at = 0;
  for (const m of text.matchAll(/([“«])([^”»]*)([”»])/g)) {
    li.append(text.slice(at, m.index), m[1], Object.assign(document.createElement('bdi'), { textContent: m[2] }), m[3]);
    at = m.index + m[0].length;
  }
  li.append(text.slice(at));
  return li;
}

/** Shows a list of notes in a dialog. */
export function showNotes(/** @type {string} */ title, /** @type {string} */ intro, /** @type {any[]} */ notes) {
  $('notes-title').textContent = title;
  $('notes-intro').textContent = intro;
  $('notes-list').replaceChildren(...notes.map(noteItem));
  const dialog = $('notes-dialog');
  if (!dialog.open) dialog.showModal();
}
