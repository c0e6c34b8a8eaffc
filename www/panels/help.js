// @ts-check
// The list of keys shown by ? and the Help button, in English or Arabic: every row of the
// key table (words/keys.js), the same table the key handler reads.

import { KEYS } from '../words/keys.js';
import { tr } from '../words/i18n.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export function showHelp() {
  $('key-table').tBodies[0].replaceChildren(
    ...KEYS.map(({ keys, en, ar }) => {
      const row = document.createElement('tr');
      const a = document.createElement('td');
      const kbd = document.createElement('kbd');
      kbd.textContent = keys;
      a.append(kbd);
      const b = document.createElement('td');
      b.textContent = tr(en, ar);
      row.append(a, b);
      return row;
    }),
  );
  $('help-dialog').showModal();
}
