// The page: renders from the core (the one source of truth) and sends it the user's
// intents. Everything about spans, offsets and files is decided in Rust; this file only
// reads the DOM selection, handles keys and files, and redraws.

import init, { Annotator } from './pkg/alama.js';
import { Painter } from './paint.js';
import { TextView } from './text-view.js';
import { bytesOf, utf8Of, download, timestamp } from './files.js';
import { openStore } from './store.js';

const $ = (id) => document.getElementById(id);
const article = $('article');
const textView = new TextView(article);
const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const COMPACT_AFTER = 300; // journal records before they are folded into a snapshot
const MB = (n) => `${(n / 1048576).toFixed(1)} MB`;

let core;
let labels = [];
let painter;
let store;
const view = { doc: null, selected: null, dirty: false };
// The open workspace: its name, whether this tab may write it, and the save queue.
const ws = { name: null, readOnly: false, release: null, saving: Promise.resolve(), pending: 0, unsaved: [], failed: false, broken: false, keepJournal: false };

// ---- messages -------------------------------------------------------------------------

function say(text, kind = 'info') {
  const m = $('message');
  m.textContent = text;
  m.className = kind;
}

/** Runs an intent; a refusal from the core becomes a message and changes nothing. */
function attempt(intent) {
  if (ws.broken) {
    say('Alama stopped after an internal error; reload the page to carry on (your saved work is intact).', 'error');
    return { ok: false };
  }
  try {
    return { ok: true, value: intent() };
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) crashed(e);
    else say(e.message ?? String(e), 'error');
    return { ok: false };
  }
}

/** A panic in the core: stop taking changes; what was saved stays as it was. */
function crashed(e) {
  ws.broken = true;
  document.body.dataset.crashed = 'true';
  say(`Alama hit an internal error (${e.message}) and stopped taking changes to protect your work. Every change before this one is saved in this browser: reload the page to carry on.`, 'error');
}

/** Refuses changes in a read-only tab; true when the change may go ahead. */
function writable() {
  if (!ws.readOnly) return true;
  say(`“${ws.name}” is open in another tab, so this tab is read-only. Close the other tab and reload, or pick another workspace.`, 'error');
  return false;
}

// ---- saving ---------------------------------------------------------------------------------

function showSaveState() {
  const el = $('save-state');
  const state = ws.readOnly ? 'read-only' : ws.pending ? 'saving' : ws.failed || ws.unsaved.length ? 'not saved' : 'saved';
  el.textContent = { 'read-only': 'Read-only', 'not saved': 'Not saved!', saving: 'Saving…', saved: 'Saved' }[state];
  el.className = state.replace(' ', '-');
  document.body.dataset.saveState = state;
}

/** Writes the core's new journal records; a failed write keeps them for the next try. */
async function persist() {
  if (ws.readOnly || ws.broken || !store) return;
  ws.unsaved.push(...core.takeJournal());
  if (!ws.unsaved.length) return;
  const records = ws.unsaved.slice();
  try {
    await store.append(ws.name, records);
    ws.unsaved.splice(0, records.length);
    ws.failed = false;
    document.body.dataset.savedRecords = String(Number(document.body.dataset.savedRecords ?? 0) + records.length);
  } catch (e) {
    ws.failed = true;
    say(`Your last change could not be saved in this browser (${e.name}: ${e.message}). Nothing is lost yet: use Export JSON now to keep your work in a file.`, 'error');
  }
}

/**
 * Makes a change and saves it. The next change waits until this one is committed; when
 * nothing is waiting, the change runs (and is drawn) at once, inside the key or click event.
 */
function change(intent) {
  if (!writable()) return Promise.resolve();
  const step = async () => {
    intent();
    await persist();
  };
  const job = ws.pending++ === 0 ? step() : ws.saving.then(step);
  showSaveState();
  ws.saving = job.catch((e) => console.error(e)).finally(() => {
    ws.pending -= 1;
    showSaveState();
  });
  return ws.saving;
}

/** Folds the journal into a snapshot when it has grown, while the page is idle. */
async function compactSoon() {
  if (ws.readOnly || ws.keepJournal || !store) return;
  if ((await store.pending(ws.name)) < COMPACT_AFTER) return;
  await ws.saving;
  const name = ws.name;
  const data = core.snapshot();
  await store.compact(name, data).catch((e) => console.warn('compaction failed', e));
}

// ---- rendering ------------------------------------------------------------------------

/** Reads the label set from the core and redraws everything that depends on it. */
function showLabels() {
  labels = core.labels();
  painter.setLabels(labels);
  renderLabels();
}

function renderLabels() {
  const box = $('label-buttons');
  box.replaceChildren(
    ...labels.map((l, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'label-button';
      b.dataset.label = l.id;
      b.title = `Tag the selection as ${l.names.en} (${l.id}), or relabel the selected span: key ${i + 1}`;
      const key = document.createElement('kbd');
      key.textContent = String(i + 1);
      const ar = document.createElement('span');
      ar.lang = 'ar';
      ar.textContent = l.names.ar;
      b.append(key, ` ${l.id} `, ar);
      b.addEventListener('click', () => applyLabel(l.id));
      return b;
    }),
  );
}

function renderDocuments() {
  const docs = core.documents();
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
      const meta = document.createElement('span');
      meta.className = 'meta';
      const counts = d.counts.filter((c) => c.count > 0).map((c) => `${c.label} ${c.count}`);
      meta.textContent = `${d.name} · ${d.spanCount} span${d.spanCount === 1 ? '' : 's'}${counts.length ? ` (${counts.join(', ')})` : ''}`;
      b.append(title, meta);
      b.addEventListener('click', () => openDocument(d.id));
      li.append(b);
      return li;
    }),
  );
  const current = docs.find((d) => d.id === view.doc);
  $('undo').disabled = !current?.canUndo;
  $('redo').disabled = !current?.canRedo;
}

function renderSpans() {
  if (!view.doc) return;
  const spans = core.spans(view.doc);
  if (!spans.some((s) => s.id === view.selected)) view.selected = null;
  painter.paint(spans, view.selected);
  $('span-count').textContent = `(${spans.length})`;
  $('span-list').replaceChildren(
    ...spans.map((s) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.span = s.id;
      b.dataset.label = s.label;
      b.setAttribute('aria-pressed', String(s.id === view.selected));
      const chip = document.createElement('span');
      chip.className = 'chip';
      chip.textContent = s.label;
      const text = document.createElement('bdi');
      text.lang = 'ar';
      text.textContent = s.text;
      b.append(chip, ' ', text);
      b.addEventListener('click', () => selectSpan(s.id));
      li.append(b);
      return li;
    }),
  );
  $('delete').disabled = view.selected == null;
}

function refresh() {
  renderSpans();
  renderDocuments();
}

function selectSpan(id) {
  view.selected = id;
  painter.select(id);
  for (const b of $('span-list').querySelectorAll('button')) {
    b.setAttribute('aria-pressed', String(Number(b.dataset.span) === id));
  }
  $('delete').disabled = id == null;
}

function openDocument(id) {
  view.doc = id;
  view.selected = null;
  textView.show(core.text(id));
  $('editor').scrollTop = 0;
  refresh();
}

// ---- intents ----------------------------------------------------------------------------

function applyLabel(label) {
  if (!view.doc) return;
  const offsets = textView.selection();
  change(() => labelNow(label, offsets));
}

function labelNow(label, offsets) {
  if (offsets) {
    const r = attempt(() => core.tag(view.doc, offsets[0], offsets[1], label));
    if (!r.ok) return;
    getSelection().removeAllRanges();
    view.selected = r.value;
    view.dirty = true;
    refresh();
    const s = core.spans(view.doc).find((x) => x.id === r.value);
    say(`Tagged “${s.text}” as ${label}.`);
  } else if (view.selected != null) {
    if (!attempt(() => core.relabel(view.doc, view.selected, label)).ok) return;
    view.dirty = true;
    refresh();
    say(`Relabelled as ${label}.`);
  } else {
    say('Select some text in the article first, or click a span to relabel it.', 'error');
  }
}

function removeSelected() {
  if (!view.doc || view.selected == null) return;
  change(removeNow);
}

function removeNow() {
  if (!attempt(() => core.remove(view.doc, view.selected)).ok) return;
  view.selected = null;
  view.dirty = true;
  refresh();
  say('Span removed (Ctrl+Z brings it back).');
}

function history(step) {
  if (!view.doc) return;
  change(() => historyNow(step));
}

function historyNow(step) {
  const r = attempt(() => (step === 'undo' ? core.undo(view.doc) : core.redo(view.doc)));
  if (!r.ok) return;
  if (r.value === undefined) {
    say(step === 'undo' ? 'Nothing to undo in this document.' : 'Nothing to redo in this document.');
    return;
  }
  view.selected = r.value;
  view.dirty = true;
  refresh();
  say(step === 'undo' ? 'Undone.' : 'Redone.');
}

function exportAll() {
  const json = core.exportJson();
  const docs = core.documents();
  const spans = docs.reduce((n, d) => n + d.spanCount, 0);
  const name = `alama-${ws.name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}-${timestamp()}.json`;
  download(name, json, 'application/json');
  view.dirty = false;
  say(`Exported ${docs.length} documents and ${spans} spans to ${name}.`);
}

async function openFiles(files) {
  if (!writable()) return;
  for (const file of files) {
    const json = /\.json$/i.test(file.name);
    const limit = json ? MAX_JSON_BYTES : MAX_TEXT_BYTES;
    if (file.size > limit) {
      say(`Cannot open “${file.name}”: it is ${MB(file.size)}, and Alama opens ${json ? 'exports' : 'text files'} of up to ${MB(limit)}. Split it into smaller files. Nothing was changed.`, 'error');
      continue;
    }
    if (json) await importFile(file);
    else await openTextFile(file);
  }
}

async function openTextFile(file) {
  const bytes = await bytesOf(file);
  await change(() => {
    const r = attempt(() => core.openFile(file.name, bytes));
    if (!r.ok) return;
    openDocument(r.value);
    say(`Opened “${file.name}” as a new document.`);
  });
}

async function importFile(file) {
  let text;
  try {
    text = await utf8Of(file);
  } catch (e) {
    say(e.message, 'error');
    return;
  }
  const checked = attempt(() => core.prepareImport(file.name, text));
  if (!checked.ok) return;
  const now = core.documents();
  const spansNow = now.reduce((n, d) => n + d.spanCount, 0);
  const { documents, spans } = checked.value;
  if (spansNow > 0 && !confirm(`Import “${file.name}” (${documents} documents, ${spans} spans)? It replaces everything in the workspace “${ws.name}” (${now.length} documents, ${spansNow} spans). To keep those, cancel and create a new workspace first, or export them.`)) {
    core.discardImport();
    say('Import cancelled; nothing was changed.');
    return;
  }
  let imported = false;
  await change(() => {
    imported = attempt(() => core.commitImport()).ok;
  });
  if (!imported) return;
  const docs = core.documents();
  view.dirty = false;
  showLabels();
  const keep = docs.find((d) => d.id === view.doc) ?? docs[0];
  if (keep) openDocument(keep.id);
  else refresh();
  say(`Imported ${documents} documents and ${spans} spans from “${file.name}”.`);
}

// ---- events -------------------------------------------------------------------------------

function labelForKey(e) {
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1] ?? '١٢٣٤٥٦٧٨٩'.indexOf(e.key) + 1;
  const n = Number(digit);
  return n >= 1 && n <= labels.length ? labels[n - 1].id : null;
}

function onKey(e) {
  if (e.target.closest?.('input, textarea, select, [contenteditable="true"]')) return;
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && e.code === 'KeyZ') {
    e.preventDefault();
    history(e.shiftKey ? 'redo' : 'undo');
  } else if (ctrl && e.code === 'KeyY') {
    e.preventDefault();
    history('redo');
  } else if (ctrl || e.altKey) {
    return;
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    if (view.selected != null) {
      e.preventDefault();
      removeSelected();
    }
  } else if (e.key === 'Escape') {
    getSelection().removeAllRanges();
    selectSpan(null);
  } else {
    const label = labelForKey(e);
    if (label) {
      e.preventDefault();
      applyLabel(label);
    }
  }
}

function bindEvents() {
  document.addEventListener('keydown', onKey);
  // Toolbar buttons must not take the text selection away before they act on it.
  for (const b of document.querySelectorAll('.toolbar button')) b.addEventListener('mousedown', (e) => e.preventDefault());
  $('label-buttons').addEventListener('mousedown', (e) => e.preventDefault());
  $('delete').addEventListener('click', removeSelected);
  $('undo').addEventListener('click', () => history('undo'));
  $('redo').addEventListener('click', () => history('redo'));
  $('export').addEventListener('click', exportAll);
  $('open-files').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', async (e) => {
    await openFiles([...e.target.files]);
    e.target.value = '';
  });
  article.addEventListener('click', (e) => {
    if (!getSelection().isCollapsed) return;
    const at = textView.charAt(e.clientX, e.clientY);
    const ids = at == null ? [] : core.spansAt(view.doc, at);
    if (!ids.length) return selectSpan(null);
    const i = ids.indexOf(view.selected);
    selectSpan(i >= 0 ? ids[(i + 1) % ids.length] : ids[ids.length - 1]);
  });
  const overlay = $('drop-overlay');
  let depth = 0;
  addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    depth++;
    overlay.hidden = false;
  });
  addEventListener('dragleave', () => {
    if (--depth <= 0) { depth = 0; overlay.hidden = true; }
  });
  addEventListener('dragover', (e) => e.preventDefault());
  addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (e.dataTransfer?.files.length) openFiles([...e.dataTransfer.files]);
  });
  addEventListener('beforeunload', (e) => {
    if (!ws.failed && !ws.unsaved.length) return;
    e.preventDefault();
    e.returnValue = '';
  });
  addEventListener('error', (e) => say(`Unexpected error: ${e.message}. Your saved work is intact.`, 'error'));
  addEventListener('unhandledrejection', (e) => say(`Unexpected error: ${e.reason?.message ?? e.reason}. Your saved work is intact.`, 'error'));
  document.addEventListener('visibilitychange', () => document.hidden && compactSoon());
  $('annotator').addEventListener('change', (e) => change(() => {
    core.setAnnotator(e.target.value);
    say(e.target.value.trim() ? `New spans will record “${e.target.value.trim()}” as their annotator.` : 'New spans will record no annotator.');
  }));
  $('workspace-select').addEventListener('change', (e) => switchWorkspace(e.target.value));
  $('workspace-new').addEventListener('click', newWorkspace);
  $('workspace-rename').addEventListener('click', renameWorkspace);
  $('workspace-delete').addEventListener('click', deleteWorkspace);
}

// ---- workspaces -----------------------------------------------------------------------------

async function renderWorkspaces() {
  const names = (await store.list()).map((w) => w.name);
  if (!names.includes(ws.name)) names.push(ws.name);
  $('workspace-select').replaceChildren(
    ...names.map((n) => {
      const o = document.createElement('option');
      o.value = n;
      o.textContent = n;
      o.selected = n === ws.name;
      return o;
    }),
  );
}

/** Holds the workspace's lock while it is open here; a second tab gets it read-only. */
function lockWorkspace(name) {
  if (!navigator.locks) return Promise.resolve({ granted: true, release: () => {} });
  return new Promise((resolve) => {
    navigator.locks.request(`alama:${name}`, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve({ granted: false, release: () => {} });
        return undefined;
      }
      return new Promise((release) => resolve({ granted: true, release }));
    });
  });
}

async function openWorkspace(name) {
  await ws.saving;
  ws.release?.();
  const lock = await lockWorkspace(name);
  Object.assign(ws, { name, readOnly: !lock.granted, release: lock.release, unsaved: [], failed: false, keepJournal: false });
  localStorage.setItem('alama.workspace', name);
  core = new Annotator();
  view.doc = null;
  const saved = await store.load(name);
  if (saved.snapshot || saved.records.length) {
    const report = attempt(() => core.restore(saved.snapshot, saved.records));
    const docs = core.documents();
    const spans = docs.reduce((n, d) => n + d.spanCount, 0);
    if (!report.ok) {
      ws.readOnly = true; // keep the stored journal exactly as it is
    } else if (report.value.problem) {
      ws.keepJournal = true;
      say(`Restored “${name}” only in part: ${report.value.problem}. Export now; the stored journal is kept as it is.`, 'error');
    } else {
      const when = saved.savedAt ? new Date(saved.savedAt).toLocaleString() : 'earlier';
      say(`Restored “${name}”: ${docs.length} documents, ${spans} spans, undo history kept (last saved ${when}).`);
    }
  } else if (!ws.readOnly) {
    await loadSeeds();
    await persist();
  }
  $('annotator').value = core.annotator() ?? '';
  showLabels();
  await renderWorkspaces();
  const first = core.documents()[0];
  if (first) openDocument(first.id);
  else {
    textView.show('');
    refresh();
  }
  if (ws.readOnly) say(`“${name}” is open in another tab: this tab shows it read-only so the two cannot overwrite each other.`, 'error');
  showSaveState();
}

async function switchWorkspace(name) {
  await openWorkspace(name);
}

async function newWorkspace() {
  const name = prompt('Name of the new workspace (e.g. an annotator or a project):')?.trim();
  if (!name) return;
  if ((await store.list()).some((w) => w.name === name)) return say(`There is already a workspace called “${name}”.`, 'error');
  await store.create(name);
  await openWorkspace(name);
  say(`Created workspace “${name}” with the seed articles.`);
}

async function renameWorkspace() {
  if (!writable()) return;
  const name = prompt(`New name for “${ws.name}”:`, ws.name)?.trim();
  if (!name || name === ws.name) return;
  await ws.saving;
  try {
    await store.rename(ws.name, name);
  } catch (e) {
    return say(e.message, 'error');
  }
  await openWorkspace(name);
  say(`Renamed the workspace to “${name}”.`);
}

async function deleteWorkspace() {
  if (!writable()) return;
  const old = ws.name;
  const spans = core.documents().reduce((n, d) => n + d.spanCount, 0);
  if (!confirm(`Delete the workspace “${old}” and its ${spans} spans from this browser? This cannot be undone; export it first if you may need it.`)) return;
  await ws.saving;
  await store.remove(old);
  const next = (await store.list())[0]?.name ?? 'main';
  await openWorkspace(next);
  say(`Deleted the workspace “${old}”.`);
}

async function loadSeeds() {
  try {
    const names = await (await fetch('seeds/index.json')).json();
    for (const name of names) {
      const bytes = new Uint8Array(await (await fetch(`seeds/${encodeURIComponent(name)}`)).arrayBuffer());
      attempt(() => core.openFile(name, bytes));
    }
  } catch (e) {
    say(`The seed articles could not be loaded (${e.message}); open .txt files instead.`, 'error');
  }
}

async function main() {
  await init();
  painter = new Painter(textView, $('badges'), (id) => selectSpan(id));
  bindEvents();
  try {
    store = await openStore();
  } catch (e) {
    say(`This browser refused storage (${e.message}): changes will not survive a reload. Export JSON to keep your work.`, 'error');
  }
  if (store) {
    navigator.storage?.persist?.().catch(() => {});
    await openWorkspace(localStorage.getItem('alama.workspace') ?? 'main');
  } else {
    Object.assign(ws, { name: 'main', readOnly: false });
    core = new Annotator();
    showLabels();
    await loadSeeds();
    const first = core.documents()[0];
    if (first) openDocument(first.id);
  }
  setInterval(compactSoon, 30_000);
  // For the end-to-end test of the crash path only (see Annotator.panicForTesting).
  window.alamaTestHooks = { panic: () => change(() => attempt(() => core.panicForTesting())) };
  document.body.dataset.ready = 'true';
}

main().catch((e) => say(`Alama could not start: ${e.message ?? e}`, 'error'));
