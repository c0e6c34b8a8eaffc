// @ts-check
// The Documents list: every document with its status and its spans per label; a click (or
// ] and [) shows one. The toolbar's status menu and undo/redo buttons follow the open one.

import { page, view } from '../state/state.js';
import { say } from '../state/messages.js';
import { on, show } from '../state/events.js';
import { tr } from '../words/i18n.js';
import { statusName } from '../article/edits.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

function renderDocuments() {
  const docs = page.core.documents();
  $('document-list').replaceChildren(
    ...docs.map((d) => {
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
    }),
  );
  const current = docs.find((d) => d.id === view.doc);
  if (current) $('doc-status').value = current.status;
  $('undo').disabled = !current?.canUndo;
  $('redo').disabled = !current?.canRedo;
}

/** ] and [: the next or previous document. */
export function openNeighbour(/** @type {number} */ step) {
  const docs = page.core.documents();
  const i = docs.findIndex((d) => d.id === view.doc);
  const next = docs[(i + step + docs.length) % docs.length];
  if (!next) return;
  show(next.id);
  say(tr(`Opened “${next.title}”.`, `فُتح «${next.title}».`));
}

export function initDocuments() {
  on('documents', renderDocuments);
}
