// The label set dialog (L, or the Labels… button): rename and recolour the labels, or add
// one, up to nine (a number key each). The core checks the new set; a refusal is shown in the
// dialog, which stays open.

import { page } from './state.js';
import { say, attempt, writable } from './messages.js';
import { change } from './saving.js';
import { tr } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** What app.js lends: showLabels, refresh. */
let host;

/** Binds the dialog and the button that opens it. */
export function initLabelEditor(lent) {
  host = lent;
  $('labels-edit').addEventListener('click', editLabels);
  $('label-add').addEventListener('click', addLabelRow);
  $('labels-form').addEventListener('submit', saveLabels);
  $('labels-cancel').addEventListener('click', () => $('labels-dialog').close());
}

function labelRow(label, i, fresh) {
  const row = document.createElement('tr');
  const cell = (el) => {
    const td = document.createElement('td');
    td.append(el);
    row.append(td);
    return el;
  };
  const key = document.createElement('kbd');
  key.textContent = String(i + 1);
  cell(key);
  const input = (name, value, extra = {}) => {
    const el = document.createElement('input');
    Object.assign(el, { name, value, ...extra });
    el.setAttribute('aria-label', tr(`${name} of label ${i + 1}`, `${{ id: 'المعرّف', ar: 'الاسم العربي', en: 'الاسم الإنجليزي', color: 'اللون' }[name]} للوسم ${i + 1}`));
    return cell(el);
  };
  input('id', label.id, { readOnly: !fresh, required: true, pattern: '[A-Za-z][A-Za-z0-9_]{0,31}', placeholder: 'ORG' });
  input('ar', label.names.ar, { required: true, lang: 'ar', dir: 'rtl' });
  input('en', label.names.en, { required: true });
  input('color', label.color.toLowerCase(), { type: 'color' });
  return row;
}

export function editLabels() {
  if (!writable()) return;
  $('labels-rows').replaceChildren(...page.labels.map((l, i) => labelRow(l, i, false)));
  $('labels-error').textContent = '';
  $('labels-dialog').showModal();
}

function addLabelRow() {
  const rows = $('labels-rows');
  if (rows.children.length >= 9) return ($('labels-error').textContent = tr('There are keys for nine labels at most.', 'المفاتيح تكفي تسعة وسوم على الأكثر.'));
  const palette = ['#0072B2', '#D55E00', '#F0E442', '#999999', '#000000'];
  const row = labelRow({ id: '', names: { ar: '', en: '' }, color: palette[Math.max(0, rows.children.length - 4) % palette.length] }, rows.children.length, true);
  rows.append(row);
  row.querySelector('input[name="id"]').focus();
}

function saveLabels(e) {
  e.preventDefault();
  const next = [...$('labels-rows').children].map((row) => {
    const v = (n) => row.querySelector(`input[name="${n}"]`).value.trim();
    return { id: v('id'), names: { ar: v('ar'), en: v('en') }, color: v('color').toUpperCase() };
  });
  let error = null;
  change(() => {
    if (!attempt(() => page.core.setLabels(next), (text) => (error = text)).ok) return;
    host.showLabels();
    host.refresh();
    say(tr(`Saved ${next.length} labels.`, `حُفظت ${next.length} وسوم.`));
  }).then(() => {
    if (error) $('labels-error').textContent = error;
    else $('labels-dialog').close();
  });
}
