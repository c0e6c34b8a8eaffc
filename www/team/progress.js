// @ts-check
// The lead's (and adjudicators') live view of a team project: for every annotator, their
// assigned documents by status (a stacked bar) and their spans; for every document, how many
// of its annotators are done. Drawn as SVG from the annotators' Yjs documents, which the
// lead's client opens read-only (the server lets leads and adjudicators read them), and
// redrawn as they change. Names come from the server: set as text, never as HTML.

import { lang } from '../words/i18n.js';
import { progressWords, shareWords, teamRefusal } from '../words/team.js';
import { review } from './review.js';
import { oncePerFrame, teamDialog } from './view-parts.js';

const SVG = 'http://www.w3.org/2000/svg';
// Okabe–Ito: new, in progress, done.
const COLOURS = { new: '#999999', in_progress: '#e69f00', done: '#009e73' };
const STATUSES = /** @type {const} */ (['done', 'in_progress', 'new']);

/**
 * @param {{ sync: import('./sync.js'), client: any, project: any, membership: import('../state/team-membership.js').Membership }} team
 */
export function openProgress(team) {
  const { sync, client, project, membership } = team;
  const words = progressWords(lang());
  const dialog = teamDialog('team-progress');
  const members = /** @type {Map<string, { name: string, role: string }>} */ (project.doc.getMap('members'));
  const assignments = project.doc.getMap('assignments');
  const corpus = sync.corpus(project.doc);
  const annotators = [...members.entries()].filter(([, m]) => m.role === 'annotator');
  /** @type {Map<string, any>} member/doc -> opened */
  const work = new Map();
  const redraw = oncePerFrame(() => draw());
  const isLead = members.get(membership.member)?.role === 'lead';
  /** Opens the work of annotator `id` on document `doc`, once. @param {string} id @param {string} doc */
  const follow = (id, doc) => {
    if (work.has(`${id}/${doc}`)) return;
    const opened = client.open(sync.workDoc(membership.project, doc, id));
    work.set(`${id}/${doc}`, opened);
    opened.doc.on('update', redraw);
    // Refused (the server decides from its own member table, whatever the project document
    // says): worded in the view.
    opened.synced.catch(redraw);
  };
  const followAll = () => {
    for (const [id] of annotators) {
      for (const d of corpus) {
        const assigned = /** @type {string[]} */ (assignments.get(d.id) ?? []);
        if (!assigned.length || assigned.includes(id)) follow(id, d.id);
      }
    }
  };
  followAll();
  const onProject = () => {
    followAll();
    redraw();
  };
  project.doc.on('update', onProject);
  const assignedOf = (/** @type {import('./model.js').CorpusDocument} */ d) => /** @type {string[]} */ (assignments.get(d.id) ?? annotators.map(([id]) => id));
  // Agreement, side by side, adjudication and the gold (www/team/review.js).
  const more = review({ sync, client, project, membership, work, annotators, corpus, assigned: assignedOf, redraw, close: () => dialog?.close() });

  function draw() {
    const rows = annotators.map(([id, m]) => {
      const counts = { new: 0, in_progress: 0, done: 0 };
      let spans = 0;
      for (const d of corpus) {
        const opened = work.get(`${id}/${d.id}`);
        if (!opened) continue;
        counts[/** @type {'new'} */ (sync.statusOf(opened.doc))] += 1;
        spans += sync.spans(opened.doc).size;
      }
      return { id, name: m.name, counts, spans };
    });
    const width = 420;
    const barHeight = 22;
    const svg = document.createElementNS(SVG, 'svg');
    const size = [width + 400, rows.length * (barHeight + 8) + 8];
    svg.setAttribute('viewBox', `0 0 ${size[0]} ${size[1]}`);
    svg.setAttribute('width', String(size[0]));
    svg.setAttribute('height', String(size[1]));
    svg.setAttribute('font-size', '14');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', words.chart);
    // Mirrored in the Arabic interface (the chart right to left: a text's start is its right edge).
    const rtl = lang() === 'ar';
    svg.setAttribute('direction', rtl ? 'rtl' : 'ltr');
    const at = (/** @type {number} */ x, /** @type {number} */ w = 0) => String(rtl ? size[0] - x - w : x);
    const most = Math.max(1, ...rows.map((r) => r.counts.new + r.counts.in_progress + r.counts.done));
    rows.forEach((r, i) => {
      const y = 4 + i * (barHeight + 8);
      const name = document.createElementNS(SVG, 'text');
      name.setAttribute('x', at(0));
      name.setAttribute('y', String(y + barHeight * 0.7));
      name.textContent = [...r.name].length > 16 ? `${[...r.name].slice(0, 15).join('')}…` : r.name;
      const full = document.createElementNS(SVG, 'title');
      full.textContent = r.name;
      name.append(full);
      svg.append(name);
      let x = 140;
      for (const status of STATUSES) {
        const n = r.counts[status];
        if (!n) continue;
        const rect = document.createElementNS(SVG, 'rect');
        const w = (n / most) * width;
        rect.setAttribute('x', at(x, w));
        rect.setAttribute('y', String(y));
        rect.setAttribute('width', String(w));
        rect.setAttribute('height', String(barHeight));
        rect.setAttribute('fill', COLOURS[status]);
        const title = document.createElementNS(SVG, 'title');
        title.textContent = `${words[status]}: ${n}`;
        rect.append(title);
        svg.append(rect);
        x += w;
      }
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', at(140 + width + 8));
      label.setAttribute('y', String(y + barHeight * 0.7));
      label.textContent = words.row(r.counts.done, r.counts.new + r.counts.in_progress + r.counts.done, r.spans);
      label.dataset.member = r.id;
      label.classList.add('team-row');
      svg.append(label);
    });
    const legend = document.createElement('p');
    legend.className = 'team-legend';
    for (const status of STATUSES) {
      const key = document.createElement('span');
      key.className = status;
      key.textContent = `■ ${words[status]}`;
      legend.append(key, ' ');
    }
    const heading = document.createElement('h2');
    heading.textContent = words.title;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = words.close;
    close.addEventListener('click', () => dialog?.close());
    /** @type {HTMLDialogElement} */ (dialog).replaceChildren(heading, refusals(), svg, legend, ...share(), documentTable(), ...more.sections(), close);
  }

  /** The lead's switch: annotators may read each other's work (the server honours it). */
  function share() {
    if (!isLead) return [];
    const meta = project.doc.getMap('meta');
    const p = document.createElement('p');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'team-share-work';
    box.checked = meta.get('shareWork') === true;
    box.addEventListener('change', () => client.change(project, () => meta.set('shareWork', box.checked)));
    label.append(box, ` ${shareWords(lang()).share}`);
    p.append(label);
    return [p];
  }

  /** What the server refused this view, each code once, worded. */
  function refusals() {
    const list = document.createElement('ul');
    list.id = 'team-refusals';
    list.setAttribute('role', 'alert');
    const codes = new Set(client.status().refused.values());
    for (const code of codes) {
      const item = document.createElement('li');
      item.className = 'error';
      item.dataset.code = code;
      item.textContent = teamRefusal(lang(), code);
      list.append(item);
    }
    list.hidden = !codes.size;
    return list;
  }

  function documentTable() {
    const table = document.createElement('table');
    const head = table.insertRow();
    for (const h of words.columns) {
      const th = document.createElement('th');
      th.textContent = h;
      head.append(th);
    }
    for (const d of corpus) {
      const row = table.insertRow();
      const assigned = assignedOf(d);
      const done = assigned.filter((id) => work.get(`${id}/${d.id}`) && sync.statusOf(work.get(`${id}/${d.id}`).doc) === 'done').length;
      const spans = assigned.reduce((n, id) => n + (work.get(`${id}/${d.id}`) ? sync.spans(work.get(`${id}/${d.id}`).doc).size : 0), 0);
      row.insertCell().textContent = d.name;
      const who = row.insertCell();
      if (isLead) {
        // Assignment by hand: the lead ticks who annotates this document.
        for (const [id, m] of annotators) {
          const label = document.createElement('label');
          const box = document.createElement('input');
          box.type = 'checkbox';
          box.checked = assigned.includes(id);
          box.dataset.assign = `${d.id}/${id}`;
          box.addEventListener('change', () => {
            const now = /** @type {string[]} */ (assignments.get(d.id) ?? []).filter((x) => x !== id);
            if (box.checked) now.push(id);
            client.change(project, () => assignments.set(d.id, now));
          });
          label.append(box, ` ${m.name} `);
          who.append(label);
        }
      } else {
        who.textContent = assigned.map((id) => members.get(id)?.name ?? id).join(', ');
      }
      for (const cell of [words.ratio(done, assigned.length), String(spans)]) row.insertCell().textContent = cell;
      row.insertCell().append(more.sideButton(d));
    }
    return table;
  }

  draw();
  dialog.showModal();
  dialog.addEventListener('close', () => {
    for (const opened of work.values()) opened.doc.off('update', redraw);
    project.doc.off('update', onProject);
    more.destroy();
  });
}
