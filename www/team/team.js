// @ts-check
// The page's side of a team project, loaded (import()) only for a workspace that belongs
// to one; it loads the bundled sync module (www/team/dist/alama_team.js, built from
// sync.js by scripts/build-team.sh) in turn. The core stays the one source of truth:
//   - a local change is journaled in IndexedDB first (state/saving.js), then handed here
//     (handOver), and this module writes the difference between the core's spans and the
//     document's Yjs map into the map;
//   - a change from the server comes into the core as an intent (applyRemote, setStatus)
//     through the same change queue as a key press, and the page says what came in.
// Span keys in the Yjs map are unique across this annotator's devices; which core span each
// key is, is kept per document, and remembered in localStorage once PostgreSQL holds it.

import { page, view, ws } from '../state/state.js';
import { apply, say } from '../state/messages.js';
import { change } from '../state/saving.js';
import { changed, emit, show } from '../state/events.js';
import { lang } from '../words/i18n.js';
import { progressWords, shareWords, teamCameIn, teamRefusal, teamState } from '../words/team.js';

/** @typedef {import('./sync.js')} Sync */
/** @typedef {import('../state/team-membership.js').Membership} Membership */
/** @typedef {{ start: number, end: number, label: string, at?: number }} TeamSpan */

const BUNDLE = './dist/alama_team.js';

/** @type {{ sync: Sync, client: ReturnType<Sync['connectTeam']>, membership: Membership, docs: Map<string, any>, workspace: string } | null} */
let team = null;

/** The indicator beside Saved. */
function indicator() {
  let el = document.getElementById('team-state');
  if (!el) {
    el = document.createElement('span');
    el.id = 'team-state';
    el.setAttribute('role', 'status');
    document.getElementById('save-state')?.after(el);
  }
  return el;
}

function showState() {
  if (!team) return;
  const { online, waiting, opening } = team.client.status();
  const el = indicator();
  el.textContent = teamState(lang(), online, waiting);
  el.className = online ? 'online' : 'offline';
  document.body.dataset.teamOnline = String(online);
  document.body.dataset.teamWaiting = String(waiting);
  document.body.dataset.teamOpening = String(opening);
  // For the open views (progress, colleagues): a refusal may have come.
  document.dispatchEvent(new Event('alama-team-status'));
  // Called again when the interface changes language (state/saving.js showSaveState).
  const progress = document.getElementById('team-progress-open');
  if (progress) progress.textContent = progressWords(lang()).button;
  const colleagues = document.getElementById('team-colleagues-open');
  if (colleagues) colleagues.textContent = shareWords(lang()).button;
}

/** Starts syncing the open workspace with its team project. @param {Membership} membership */
export async function startTeam(membership) {
  stopTeam();
  /** @type {Sync} */
  const sync = await import(BUNDLE);
  // The project in the WebSocket's path, for a load balancer to route by (docs/team.md).
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = sync.connectTeam({ urls: [`${scheme}//${location.host}/p/${membership.project}`], token: membership.token, onStatus: showState });
  team = { sync, client, membership, docs: new Map(), workspace: ws.name };
  page.team = { handOver, showState };
  showState();
  const project = client.open(sync.projectDoc(membership.project));
  try {
    await project.synced;
  } catch (e) {
    say(teamRefusal(lang(), e.code), 'error');
    return;
  }
  const corpus = sync.corpus(project.doc);
  const role = project.doc.getMap('members').get(membership.member)?.role;
  if (role === 'lead' || role === 'adjudicator') progressButton({ sync, client, project, membership });
  if (role === 'annotator') colleaguesButton({ sync, client, project, membership });
  // The lead and adjudicators see every document, and so does everyone in a project with no
  // assignments at all.
  const everything = role === 'lead' || role === 'adjudicator' || !project.doc.getMap('assignments').size;
  await bring(sync.assignedTo(project.doc, membership.member), everything ? corpus : []);
  // Documents the lead assigns later come in as they are assigned.
  project.doc.getMap('assignments').observe(() => {
    if (team?.client === client) bring(sync.assignedTo(project.doc, membership.member), []);
  });
}

/**
 * Brings the documents assigned to this member (or, when there are none, `fallback`) into the core as
 * files, and opens this member's work on each.
 * @param {import('./model.js').CorpusDocument[]} mine @param {import('./model.js').CorpusDocument[]} fallback
 */
async function bring(mine, fallback) {
  const docs = (mine.length ? mine : fallback).filter((d) => !team?.docs.has(d.id));
  if (!docs.length) return;
  await change(() => {
    for (const d of docs) {
      if (page.core.documentIndex(d.id) !== undefined) continue;
      apply({ openFile: { name: d.name || `${d.id}.txt`, bytes: new TextEncoder().encode(d.text) } });
    }
  });
  emit('documents');
  if (view.doc === null) show(docs[0].id);
  for (const d of docs) if (page.core.documentIndex(d.id) !== undefined) openWork(d.id);
}

/** The Progress… button in the header, for a lead or an adjudicator. @param {any} parts */
function progressButton(parts) {
  let button = /** @type {HTMLButtonElement | null} */ (document.getElementById('team-progress-open'));
  if (!button) {
    button = document.createElement('button');
    button.type = 'button';
    button.id = 'team-progress-open';
    button.setAttribute('aria-haspopup', 'dialog');
    indicator().after(button);
  }
  button.textContent = progressWords(lang()).button;
  button.onclick = () => import('./progress.js').then((p) => p.openProgress(parts));
}

/** The Colleagues' work… button, for an annotator, there while the lead shares the work. @param {any} parts */
function colleaguesButton(parts) {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'team-colleagues-open';
  button.setAttribute('aria-haspopup', 'dialog');
  button.textContent = shareWords(lang()).button;
  button.onclick = () => import('./colleagues.js').then((c) => c.openColleagues(parts));
  indicator().after(button);
  const meta = parts.project.doc.getMap('meta');
  const shown = () => (button.hidden = meta.get('shareWork') !== true);
  shown();
  meta.observe(shown);
}

/** Stops syncing (another workspace was opened). */
export function stopTeam() {
  team?.client.destroy();
  team = null;
  page.team = null;
  document.getElementById('team-state')?.remove();
  document.getElementById('team-progress-open')?.remove();
  document.getElementById('team-colleagues-open')?.remove();
}

const remembered = (/** @type {string} */ doc) => `alama.team.keys.${team?.workspace}.${doc}`;

/** Opens this annotator's Yjs document for core document `doc`, and keeps the two in step. @param {string} doc */
function openWork(doc) {
  if (!team) return;
  const { sync, client, membership } = team;
  const opened = client.open(sync.workDoc(membership.project, doc, membership.member));
  /** key -> core span id @type {Map<string, number>} */
  let keys = new Map(Object.entries(JSON.parse(localStorage.getItem(remembered(doc)) ?? '{}')).map(([k, v]) => [k, Number(v)]));
  const entry = { doc, opened, keys };
  team.docs.set(doc, entry);
  opened.synced.then(
    () => {
      // What came while this page was away, then what was made here meanwhile.
      fromServer(entry, [...sync.spans(opened.doc).keys()], true);
      toServer(entry);
      sync.spans(opened.doc).observe((event) => {
        if (event.transaction.origin === sync.LOCAL) return;
        fromServer(entry, [...event.keysChanged], false);
      });
      opened.doc.getMap('meta').observe((event) => {
        if (event.transaction.origin === sync.LOCAL) return;
        const status = opened.doc.getMap('meta').get('status');
        if (status && page.core.document(doc).status !== status) change(() => apply({ setStatus: { doc, status } }) && emit('documents', { doc }));
      });
    },
    (/** @type {any} */ e) => say(teamRefusal(lang(), e.code), 'error'),
  );
}

/**
 * Brings the server's state of `changedKeys` into the core, as one applyRemote intent.
 * @param {any} entry @param {string[]} changedKeys @param {boolean} first
 */
function fromServer(entry, changedKeys, first) {
  if (!team) return;
  const map = team.sync.spans(entry.opened.doc);
  /** @type {{ start: number, end: number, label: string }[]} */
  const add = [];
  const addKeys = [];
  /** @type {number[]} */
  const remove = [];
  for (const key of changedKeys) {
    const span = /** @type {TeamSpan | undefined} */ (map.get(key));
    const id = entry.keys.get(key);
    const current = id === undefined ? null : page.core.span(entry.doc, id);
    if (!span) {
      if (id !== undefined) remove.push(id);
      entry.keys.delete(key);
    } else if (!current || current.start !== span.start || current.end !== span.end || current.label !== span.label) {
      if (current) remove.push(/** @type {number} */ (id));
      add.push({ start: span.start, end: span.end, label: span.label });
      addKeys.push(key);
    }
  }
  if (first) {
    // A remembered key the server no longer has was removed on another device.
    for (const [key, id] of entry.keys) if (!map.has(key)) (remove.push(id), entry.keys.delete(key));
  }
  if (!add.length && !remove.length) return;
  change(() => {
    const out = apply({ applyRemote: { doc: entry.doc, add, remove } });
    if (!out.ok) return;
    (out.value.spans ?? []).forEach((id, i) => entry.keys.set(addKeys[i], id));
    changed(entry.doc);
    say(teamCameIn(lang(), add.length, remove.length));
  });
}

/** Writes the difference between the core's spans of `entry.doc` and the Yjs map into the map. @param {any} entry */
function toServer(entry) {
  if (!team) return;
  const { sync, client } = team;
  const doc = entry.doc;
  const map = sync.spans(entry.opened.doc);
  const spans = page.core.spanRows(doc, 0, page.core.spanCount(doc));
  /** core span id -> key */
  const byId = new Map([...entry.keys].map(([k, id]) => [id, k]));
  const status = page.core.document(doc).status;
  client.change(entry.opened, () => {
    const seen = new Set();
    for (const s of spans) {
      const key = byId.get(s.id) ?? sync.newSpanKey(entry.opened.doc);
      seen.add(key);
      entry.keys.set(key, s.id);
      const there = /** @type {TeamSpan | undefined} */ (map.get(key));
      if (!there || there.start !== s.start || there.end !== s.end || there.label !== s.label) {
        map.set(key, { start: s.start, end: s.end, label: s.label, at: Date.now() });
      }
    }
    for (const key of [...entry.keys.keys()]) {
      if (!seen.has(key)) {
        entry.keys.delete(key);
        if (map.has(key)) map.delete(key);
      }
    }
    if ((entry.opened.doc.getMap('meta').get('status') ?? 'new') !== status) sync.setStatus(entry.opened.doc, status);
  });
  remember(entry);
}

/** Remembers which key is which span, once nothing of this document is waiting. @param {any} entry */
function remember(entry) {
  if (entry.opened.pending.length === 0) localStorage.setItem(remembered(entry.doc), JSON.stringify(Object.fromEntries(entry.keys)));
  else setTimeout(() => team?.docs.get(entry.doc) === entry && remember(entry), 1000);
}

/** Called by state/saving.js once journal records are written: hands their documents' changes to the server. @param {string[]} records */
function handOver(records) {
  if (!team) return;
  const touched = new Set();
  for (const r of records) {
    try {
      const record = JSON.parse(r);
      const body = /** @type {any} */ (Object.values(record)[0]);
      if (body && typeof body.doc === 'string') touched.add(body.doc);
    } catch {
      // a record the journal wrote is always JSON; nothing to hand over otherwise
    }
  }
  for (const doc of touched) {
    const entry = team.docs.get(doc);
    if (entry && team.client.status().refused.get(entry.opened.name) === undefined) toServer(entry);
  }
}
