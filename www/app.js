// The page: renders from the core (the one source of truth) and sends it the user's
// intents. Everything about spans, offsets and files is decided in Rust; this file only
// reads the DOM selection, handles keys and files, and redraws.

import init, { Annotator } from './pkg/alama.js';
import { Painter } from './paint.js';
import { bytesOf, utf8Of, download, timestamp } from './files.js';

const $ = (id) => document.getElementById(id);
const article = $('article');
const MAX_FILE_BYTES = 64 * 1024 * 1024;

let core;
let labels = [];
let painter;
const view = { doc: null, selected: null, dirty: false };

// ---- messages -------------------------------------------------------------------------

function say(text, kind = 'info') {
  const m = $('message');
  m.textContent = text;
  m.className = kind;
}

/** Runs an intent; a refusal from the core becomes a message and changes nothing. */
function attempt(intent) {
  try {
    return { ok: true, value: intent() };
  } catch (e) {
    say(e.message ?? String(e), 'error');
    return { ok: false };
  }
}

// ---- rendering ------------------------------------------------------------------------

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
  article.textContent = core.text(id);
  $('editor').scrollTop = 0;
  refresh();
}

// ---- selection → offsets ------------------------------------------------------------------

/** The current DOM selection as UTF-16 offsets into the article's text, or null. */
function selectedOffsets() {
  const sel = getSelection();
  const text = article.firstChild;
  if (!text || !sel.rangeCount || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!r.intersectsNode(text)) return null;
  const whole = new Range();
  whole.selectNodeContents(text);
  const clamp = (node, offset) => {
    if (node === text) return offset;
    const where = whole.comparePoint(node, offset);
    return where < 0 ? 0 : where > 0 ? text.length : offset === 0 ? 0 : text.length;
  };
  return [clamp(r.startContainer, r.startOffset), clamp(r.endContainer, r.endOffset)];
}

/** The UTF-16 offset of the character under the pointer, or null. */
function charAtPoint(x, y) {
  const text = article.firstChild;
  const caret = document.caretPositionFromPoint?.(x, y);
  if (!caret || caret.offsetNode !== text) return null;
  for (const at of [caret.offset, caret.offset - 1]) {
    if (at < 0 || at >= text.length) continue;
    const r = new Range();
    r.setStart(text, at);
    r.setEnd(text, at + 1);
    for (const box of r.getClientRects()) {
      if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top && y <= box.bottom) return at;
    }
  }
  return null;
}

// ---- intents ----------------------------------------------------------------------------

function applyLabel(label) {
  if (!view.doc) return;
  const offsets = selectedOffsets();
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
  if (!attempt(() => core.remove(view.doc, view.selected)).ok) return;
  view.selected = null;
  view.dirty = true;
  refresh();
  say('Span removed (Ctrl+Z brings it back).');
}

function history(step) {
  if (!view.doc) return;
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
  const name = `alama-${timestamp()}.json`;
  download(name, json, 'application/json');
  view.dirty = false;
  say(`Exported ${docs.length} documents and ${spans} spans to ${name}.`);
}

async function openFiles(files) {
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      say(`Cannot open “${file.name}”: it is ${(file.size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB.`, 'error');
      continue;
    }
    if (/\.json$/i.test(file.name)) await importFile(file);
    else await openTextFile(file);
  }
}

async function openTextFile(file) {
  const bytes = await bytesOf(file);
  const r = attempt(() => core.openFile(file.name, bytes));
  if (!r.ok) return;
  openDocument(r.value);
  say(`Opened “${file.name}” as a new document.`);
}

async function importFile(file) {
  let text;
  try {
    text = await utf8Of(file);
  } catch (e) {
    say(e.message, 'error');
    return;
  }
  const hasWork = core.documents().some((d) => d.spanCount > 0);
  if (hasWork && view.dirty && !confirm(`Importing “${file.name}” replaces the documents and spans open now, which have changes not exported. Import anyway?`)) {
    say('Import cancelled; nothing was changed.');
    return;
  }
  if (!attempt(() => core.importJson(file.name, text)).ok) return;
  const docs = core.documents();
  view.dirty = false;
  const keep = docs.find((d) => d.id === view.doc) ?? docs[0];
  if (keep) openDocument(keep.id);
  else refresh();
  const spans = docs.reduce((n, d) => n + d.spanCount, 0);
  say(`Imported ${docs.length} documents and ${spans} spans from “${file.name}”.`);
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
    const at = charAtPoint(e.clientX, e.clientY);
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
    if (!view.dirty) return;
    e.preventDefault();
    e.returnValue = '';
  });
}

async function loadSeeds() {
  const names = await (await fetch('seeds/index.json')).json();
  for (const name of names) {
    const bytes = new Uint8Array(await (await fetch(`seeds/${encodeURIComponent(name)}`)).arrayBuffer());
    attempt(() => core.openFile(name, bytes));
  }
}

async function main() {
  await init();
  core = new Annotator();
  labels = core.labels();
  painter = new Painter(article, $('badges'), (id) => selectSpan(id));
  painter.setLabels(labels);
  renderLabels();
  bindEvents();
  try {
    await loadSeeds();
  } catch (e) {
    say(`The seed articles could not be loaded (${e.message}); open .txt files instead.`, 'error');
  }
  const first = core.documents()[0];
  if (first) openDocument(first.id);
  else refresh();
  document.body.dataset.ready = 'true';
}

main().catch((e) => say(`Alama could not start: ${e.message ?? e}`, 'error'));
