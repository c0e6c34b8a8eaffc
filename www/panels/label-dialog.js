// @ts-check
// The label set dialog, loaded when it is first opened (label-editor.js): rename and recolour
// the labels, or add one, up to the core's limit (a number key each). The core checks the new
// set; a refusal is shown in the dialog, which stays open.

import { page } from '../state/state.js';
import { say, apply } from '../state/messages.js';
import { change } from '../state/saving.js';
import { changed, labelsChanged } from '../state/events.js';
import { tr } from '../words/i18n.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

// Bound once, when the module is first loaded (on the dialog's first opening).
$('label-add').addEventListener('click', addLabelRow);
$('labels-form').addEventListener('submit', saveLabels);
$('labels-cancel').addEventListener('click', () => $('labels-dialog').close());

/** @param {import('../pkg/alama.js').Label} label @param {number} i @param {boolean} fresh */
function labelRow(label, i, fresh) {
  const row = document.createElement('tr');
  const cell = (/** @type {HTMLElement} */ el) => {
    const td = document.createElement('td');
    td.append(el);
    row.append(td);
    return el;
  };
  const key = document.createElement('kbd');
  key.textContent = String(i + 1);
  cell(key);
  const input = (/** @type {string} */ name, /** @type {string} */ value, extra = {}) => {
    const el = document.createElement('input');
    Object.assign(el, { name, value, ...extra });
    el.setAttribute(
      'aria-label',
      tr(`${name} of label ${i + 1}`, `${{ id: 'المعرّف', ar: 'الاسم العربي', en: 'الاسم الإنجليزي', color: 'اللون' }[name]} للوسم ${i + 1}`),
    );
    return cell(el);
  };
  // The core checks the id when the set is saved, and says what is wrong with it.
  input('id', label.id, { readOnly: !fresh, required: true, placeholder: 'ORG' });
  input('ar', label.names.ar, { required: true, lang: 'ar', dir: 'rtl' });
  input('en', label.names.en, { required: true });
  input('color', label.color.toLowerCase(), { type: 'color' });
  return row;
}

/** Opens the dialog on the current label set. */
export function openLabels() {
  $('labels-rows').replaceChildren(...page.labels.map((l, i) => labelRow(l, i, false)));
  $('labels-error').textContent = '';
  $('labels-dialog').showModal();
}

function addLabelRow() {
  const rows = $('labels-rows');
  const max = page.limits.labels;
  if (rows.children.length >= max)
    return ($('labels-error').textContent = tr(`There are keys for ${max} labels at most.`, `المفاتيح تكفي ${max} وسوم على الأكثر.`));
  const palette = ['#0072B2', '#D55E00', '#F0E442', '#999999', '#000000'];
  const row = labelRow(
    { id: '', names: { ar: '', en: '' }, color: palette[Math.max(0, rows.children.length - 4) % palette.length] },
    rows.children.length,
    true,
  );
  rows.append(row);
  /** @type {HTMLInputElement} */ (row.querySelector('input[name="id"]')).focus();
}

function saveLabels(/** @type {Event} */ e) {
  e.preventDefault();
  const next = [...$('labels-rows').children].map((row) => {
    const v = (/** @type {string} */ n) => /** @type {HTMLInputElement} */ (row.querySelector(`input[name="${n}"]`)).value.trim();
    return { id: v('id'), names: { ar: v('ar'), en: v('en') }, color: v('color').toUpperCase() };
  });
  /** @type {string | null} */
  let error = null;
  change(() => {
    if (!apply({ setLabels: { labels: next } }, (text) => (error = text)).ok) return;
    labelsChanged();
    changed();
    say(tr(`Saved ${next.length} labels.`, `حُفظت ${next.length} وسوم.`));
  }).then(() => {
    if (error) $('labels-error').textContent = error;
    else $('labels-dialog').close();
  });
}
