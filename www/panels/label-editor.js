// @ts-check
// The label set dialog's button and key (L): the dialog itself (label-dialog.js) is loaded
// when it is first opened.

import { writable } from '../state/messages.js';

/** Binds the Labels… button. */
export function initLabelEditor() {
  document.getElementById('labels-edit')?.addEventListener('click', editLabels);
}

/** Opens the label set dialog, unless the workspace cannot be changed. */
export function editLabels() {
  if (!writable()) return;
  import('./label-dialog.js').then((m) => m.openLabels());
}
