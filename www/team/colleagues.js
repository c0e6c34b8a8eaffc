// @ts-check
// An annotator's read-only view of their colleagues' work on the document they have open,
// offered only while the lead shares the work (the project document's meta.shareWork; the
// server's decide() then lets annotators read, never write, each other's work, and refuses
// them otherwise). Loaded when the view opens; live as colleagues tag. Names and texts come
// from the server: set as text.

import { view } from '../state/state.js';
import { lang } from '../words/i18n.js';
import { shareWords, teamRefusal } from '../words/team.js';
import { column } from './review.js';
import { oncePerFrame, teamDialog } from './view-parts.js';

/** @param {{ sync: any, client: any, project: any, membership: import('../state/team-membership.js').Membership }} team */
export function openColleagues(team) {
  const { sync, client, project, membership } = team;
  const dialog = teamDialog('team-colleagues');
  const members = project.doc.getMap('members');
  const assignments = project.doc.getMap('assignments');
  /** @type {Map<string, any>} name -> opened colleague's work (closed with the view) */
  const opened = new Map();
  const redraw = oncePerFrame(() => draw());
  /** @param {string} name */
  const follow = (name) => {
    let o = opened.get(name);
    if (!o) {
      o = client.open(name);
      opened.set(name, o);
      o.doc.on('update', redraw);
      o.synced.catch(redraw);
    }
    return o;
  };

  function draw() {
    const w = shareWords(lang());
    const d = sync.corpus(project.doc).find((/** @type {any} */ x) => x.id === view.doc);
    const heading = document.createElement('h2');
    heading.textContent = d ? w.title(d.name) : w.noDocument;
    const parts = [];
    if (d) {
      const assigned = /** @type {string[] | undefined} */ (assignments.get(d.id));
      const others = [...members.entries()].filter(([id, m]) => m.role === 'annotator' && id !== membership.member && (!assigned || assigned.includes(id)));
      const grid = document.createElement('div');
      grid.style.display = 'grid';
      grid.style.gap = '1em';
      // This annotator's own work: the document the page already keeps open.
      const mine = client.open(sync.workDoc(membership.project, d.id, membership.member));
      const columns = [column(w.you, d, [...sync.spans(mine.doc).values()])];
      const refused = new Set();
      for (const [id, m] of others) {
        const o = follow(sync.workDoc(membership.project, d.id, id));
        if (o.refused) {
          refused.add(o.refused);
          continue;
        }
        const c = column(m.name, d, [...sync.spans(o.doc).values()]);
        c.dataset.member = id;
        columns.push(c);
      }
      grid.style.gridTemplateColumns = `repeat(${columns.length}, minmax(0, 1fr))`;
      grid.append(...columns);
      const list = document.createElement('ul');
      list.id = 'team-colleagues-refusals';
      list.setAttribute('role', 'alert');
      for (const code of refused) {
        const item = document.createElement('li');
        item.className = 'error';
        item.dataset.code = code;
        item.textContent = teamRefusal(lang(), code);
        list.append(item);
      }
      list.hidden = !refused.size;
      parts.push(list, grid);
      if (!others.length) parts.push(Object.assign(document.createElement('p'), { textContent: w.none }));
    }
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = w.close;
    close.addEventListener('click', () => dialog?.close());
    /** @type {HTMLDialogElement} */ (dialog).replaceChildren(heading, ...parts, close);
  }

  draw();
  dialog.showModal();
  // A refusal after the document was open (the lead stopped sharing) comes as a status.
  document.addEventListener('alama-team-status', redraw);
  dialog.addEventListener(
    'close',
    () => {
      document.removeEventListener('alama-team-status', redraw);
      for (const [name, o] of opened) {
        o.doc.off('update', redraw);
        client.close(name);
      }
    },
    { once: true },
  );
}
