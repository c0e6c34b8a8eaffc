// @ts-check
// The Documents list: every document with its status and its spans per label, a window of
// them when there are many (rows.js). A click (or ] and [) shows one. After an edit only
// the edited document's row is drawn again; the toolbar's status menu and undo/redo
// buttons follow the open document.

import { page, view } from '../state/state.js';
import { say } from '../state/messages.js';
import { on, show } from '../state/events.js';
import { tr, lang } from '../words/i18n.js';
import { statusName } from '../article/edits.js';
import { Rows } from './rows.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** @param {import('../pkg/alama.js').DocSummary} d */
function row(d) {
  const li = document.createElement('li');
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.doc = d.id;
  if (d.id === view.doc) b.setAttribute('aria-current', 'true');
  const title = document.createElement('bdi');
  title.className = 'title';
  title.textContent = d.title;
  const status = document.createElement('span');
  status.className = `status ${d.status}`;
  status.textContent = statusName(d.status);
  const meta = document.createElement('span');
  meta.className = 'meta';
  const counts = d.counts.filter((c) => c.count > 0).map((c) => `${c.label} ${c.count}`);
  const file = document.createElement('bdi');
  file.textContent = d.name;
  meta.append(
    status,
    file,
    ` · ${tr(`${d.spanCount} span${d.spanCount === 1 ? '' : 's'}`, `${d.spanCount} مقطع`)}${counts.length ? ` (${counts.join(', ')})` : ''}`,
  );
  b.append(title, meta);
  b.addEventListener('click', () => show(d.id));
  li.append(b);
  return li;
}

/** The toolbar's status menu and undo and redo buttons, for the open document. */
function renderTools() {
  // The open document may be gone (an import replaced everything) until another is shown.
  const current = view.doc && page.core.documentIndex(view.doc) !== undefined ? page.core.document(view.doc) : null;
  if (current) $('doc-status').value = current.status;
  $('undo').disabled = !current?.canUndo;
  $('redo').disabled = !current?.canRedo;
}

/** ] and [: the next or previous document. */
export function openNeighbour(/** @type {number} */ step) {
  const n = page.core.totals().documents;
  if (!n) return;
  const i = view.doc ? (page.core.documentIndex(view.doc) ?? -1) : -1;
  const [next] = page.core.documentRows((i + step + n) % n, 1);
  if (!next) return;
  show(next.id);
  say(tr(`Opened “${next.title}”.`, `فُتح «${next.title}».`));
}

export function initDocuments() {
  const rows = new Rows($('document-list'), {
    count: () => page.core.totals().documents,
    rows: (first, n) => page.core.documentRows(first, n),
    render: row,
    // Which row is the open document is not in the key: a switch marks the two rows where
    // they are (replacing the focused row would move the focus, and lay out the page).
    key: (d) => `${lang()}|${d.status}|${d.spanCount}|${d.counts.map((c) => `${c.label} ${c.count}`).join(',')}|${d.title}|${d.name}|${d.id}`,
  });
  const list = $('document-list');
  // `documents` with a `doc`: only that document changed; without: the list did.
  on('documents', (detail) => {
    const i = detail?.doc ? page.core.documentIndex(detail.doc) : undefined;
    if (i !== undefined) rows.redraw(i);
    else rows.refresh();
    renderTools();
  });
  on('show', ({ doc }) => {
    for (const b of list.querySelectorAll('button[aria-current]')) b.removeAttribute('aria-current');
    if (doc) list.querySelector(`button[data-doc="${CSS.escape(doc)}"]`)?.setAttribute('aria-current', 'true');
    const i = doc ? page.core.documentIndex(doc) : undefined;
    if (i !== undefined) rows.reveal(i);
    renderTools();
  });
}
