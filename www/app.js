// The page: renders from the core (the one source of truth) and sends it the user's
// intents. Everything about spans, offsets and files is decided in Rust; this file draws the
// documents, labels and spans, turns edits into intents, and wires the other modules together.

import init, { Annotator } from './pkg/alama.js';
import { Painter } from './paint.js';
import { SpanList } from './span-list.js';
import { download, timestamp } from './files.js';
import { openStore } from './store.js';
import { initExchange } from './exchange.js';
import { tr, setLanguage, savedLanguage, lang } from './i18n.js';
import { page, view, ws, textView, spanTotal } from './state.js';
import { say, attempt, writable } from './messages.js';
import { showSaveState, change, compactSoon } from './saving.js';
import { renderSuggestions, decide, findAll, preannotate, initSuggestions } from './suggestions.js';
import { caret, initKeys } from './keys.js';
import { runSearch, initSearch } from './search.js';
import { initLabelEditor } from './label-editor.js';
import { showHelp } from './help.js';
import { readImport, initOpenFiles } from './open-files.js';
import { openWorkspace, initWorkspaces } from './workspaces.js';

const $ = (id) => document.getElementById(id);
const statusName = (s) => tr({ new: 'New', in_progress: 'In progress', done: 'Done' }, { new: 'جديد', in_progress: 'قيد العمل', done: 'منجَز' })[s];
const STATUS_ORDER = ['new', 'in_progress', 'done'];

// ---- rendering ------------------------------------------------------------------------

/** Reads the label set from the core and redraws everything that depends on it. */
function showLabels() {
  page.labels = page.core.labels();
  page.painter.setLabels(page.labels);
  renderLabels();
}

function renderLabels() {
  const box = $('label-buttons');
  box.replaceChildren(
    ...page.labels.map((l, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'label-button';
      b.dataset.label = l.id;
      b.title = tr(`Tag the selection as ${l.names.en} (${l.id}), or relabel the selected span: key ${i + 1}`, `اوسم التحديد بـ«${l.names.ar}» (${l.id})، أو غيّر وسم المقطع المحدّد: المفتاح ${i + 1}`);
      const key = document.createElement('kbd');
      key.textContent = String(i + 1);
      const ar = document.createElement('span');
      ar.lang = lang();
      ar.textContent = l.names[lang()];
      b.append(key, ` ${l.id} `, ar);
      b.addEventListener('click', () => applyLabel(l.id));
      return b;
    }),
  );
}

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
      meta.append(status, file, ` · ${tr(`${d.spanCount} span${d.spanCount === 1 ? '' : 's'}`, `${d.spanCount} مقطع`)}${counts.length ? ` (${counts.join(', ')})` : ''}`);
      b.append(title, meta);
      b.addEventListener('click', () => openDocument(d.id));
      li.append(b);
      return li;
    }),
  );
  const current = docs.find((d) => d.id === view.doc);
  if (current) $('doc-status').value = current.status;
  $('undo').disabled = !current?.canUndo;
  $('redo').disabled = !current?.canRedo;
}

// Only what is on screen is drawn: the painter asks the core for the spans of the rendered
// text, the span list for the rows it shows (see text-view.js, paint.js, span-list.js).
function renderSpans() {
  if (!view.doc) return;
  if (view.selected != null && page.core.spanIndex(view.doc, view.selected) === undefined) view.selected = null;
  page.painter.refresh(view.selected);
  renderSuggestions();
  $('span-count').textContent = `(${page.core.spanCount(view.doc)})`;
  page.spanList.refresh(view.selected);
  $('delete').disabled = view.selected == null;
}

function refresh() {
  renderSpans();
  renderDocuments();
}

function selectSpan(id) {
  view.selected = id;
  page.painter.select(id);
  page.spanList.select(id);
  $('delete').disabled = id == null;
}

/** Shows document `id` (whose `text` the caller may have fetched from the core already). */
function openDocument(id, text = page.core.text(id)) {
  view.doc = id;
  view.selected = null;
  textView.show(text);
  $('editor').scrollTop = 0;
  caret.anchor = caret.focus = null;
  page.painter.caret(null);
  refresh();
  runSearch();
}

// ---- intents ----------------------------------------------------------------------------

function applyLabel(label, stripClitic = false) {
  if (!view.doc) return;
  const offsets = textView.selection();
  change(() => labelNow(label, offsets, stripClitic));
}

function labelNow(label, offsets, stripClitic) {
  if (offsets) {
    const snap = $('snap').checked;
    const r = attempt(() => page.core.tagSelection(view.doc, offsets[0], offsets[1], label, snap, stripClitic));
    if (!r.ok) return;
    getSelection().removeAllRanges();
    view.selected = r.value;
    refresh();
    const s = page.core.span(view.doc, r.value);
    // Keyboard work carries on from the end of the new span (after Escape).
    caret.anchor = caret.focus = s.end;
    page.painter.caret(s.end);
    const proclitic = s.clitic ? textView.text.slice(...s.clitic) : null;
    say(tr(`Tagged “${s.text}” as ${label}${proclitic ? ` (the proclitic “${proclitic}” is left out)` : ''}.`, `وُسِم «${s.text}» بـ ${label}${proclitic ? ` (استُثنيت السابقة «${proclitic}»)` : ''}.`));
  } else if (view.selected != null) {
    if (!attempt(() => page.core.relabel(view.doc, view.selected, label)).ok) return;
    refresh();
    say(tr(`Relabelled as ${label}.`, `صار وسمه ${label}.`));
  } else {
    say(tr('Select some text in the article first, or click a span to relabel it.', 'حدّد نصًّا في المقالة أولًا، أو انقر مقطعًا لتغيير وسمه.'), 'error');
  }
}

/** A dragged edge: the span's `edge` ('start' or 'end') now sits at boundary `at`. */
function resizeSpan(id, edge, at) {
  const span = page.core.span(view.doc, id);
  if (!span) return;
  const [a, b] = edge === 'start' ? [at, span.end] : [span.start, at];
  change(() => {
    const r = attempt(() => page.core.resizeSpan(view.doc, id, Math.min(a, b), Math.max(a, b)));
    if (r.ok) {
      const s = page.core.span(view.doc, id);
      say(tr(`Span now covers “${s?.text}”.`, `صار المقطع يغطي «${s?.text}».`));
    }
    refresh();
  });
}

function removeSelected() {
  if (!view.doc || view.selected == null) return;
  change(removeNow);
}

function removeNow() {
  if (!attempt(() => page.core.remove(view.doc, view.selected)).ok) return;
  view.selected = null;
  refresh();
  say(tr('Span removed (Ctrl+Z brings it back).', 'أُزيل المقطع (Ctrl+Z يعيده).'));
}

function history(step) {
  if (!view.doc) return;
  change(() => historyNow(step));
}

function historyNow(step) {
  const r = attempt(() => (step === 'undo' ? page.core.undo(view.doc) : page.core.redo(view.doc)));
  if (!r.ok) return;
  if (r.value === undefined) {
    say(step === 'undo' ? tr('Nothing to undo in this document.', 'لا شيء للتراجع عنه في هذا المستند.') : tr('Nothing to redo in this document.', 'لا شيء لإعادته في هذا المستند.'));
    return;
  }
  view.selected = r.value;
  refresh();
  say(step === 'undo' ? tr('Undone.', 'تمّ التراجع.') : tr('Redone.', 'تمّت الإعادة.'));
}

function exportAll() {
  const json = page.core.exportJson();
  const docs = page.core.documents();
  const spans = spanTotal(docs);
  const name = `alama-${ws.name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}-${timestamp()}.json`;
  download(name, json, 'application/json');
  say(tr(`Exported ${docs.length} documents and ${spans} spans to ${name}.`, `صُدِّر ${docs.length} مستندات و${spans} مقطعًا إلى ${name}.`));
}

function setStatus(status) {
  if (!view.doc) return;
  change(() => {
    if (!attempt(() => page.core.setStatus(view.doc, status)).ok) return;
    refresh();
    say(tr(`Status: ${statusName(status)}.`, `الحالة: ${statusName(status)}.`));
  });
}

function cycleStatus() {
  const current = page.core.documents().find((d) => d.id === view.doc)?.status ?? 'new';
  setStatus(STATUS_ORDER[(STATUS_ORDER.indexOf(current) + 1) % STATUS_ORDER.length]);
}

function switchLanguage() {
  setLanguage(lang() === 'ar' ? 'en' : 'ar');
  renderLabels();
  refresh();
  showSaveState();
  runSearch();
  say(tr('The interface speaks English.', 'الواجهة بالعربية.'));
}

// ---- events -------------------------------------------------------------------------------

function bindEvents() {
  // Toolbar buttons must not take the text selection away before they act on it.
  for (const b of document.querySelectorAll('.toolbar button')) b.addEventListener('mousedown', (e) => e.preventDefault());
  $('label-buttons').addEventListener('mousedown', (e) => e.preventDefault());
  $('delete').addEventListener('click', removeSelected);
  $('find-all').addEventListener('click', (e) => findAll(e.shiftKey));
  $('preannotate').addEventListener('click', preannotate);
  $('accept-all').addEventListener('click', () => decide(null, true));
  $('reject-all').addEventListener('click', () => decide(null, false));
  $('doc-status').addEventListener('change', (e) => setStatus(e.target.value));
  $('help').addEventListener('click', showHelp);
  $('language').addEventListener('click', switchLanguage);
  $('undo').addEventListener('click', () => history('undo'));
  $('redo').addEventListener('click', () => history('redo'));
  $('export').addEventListener('click', exportAll);
  textView.article.addEventListener('click', (e) => {
    if (!getSelection().isCollapsed) return;
    const at = textView.charAt(e.clientX, e.clientY);
    const ids = at == null ? [] : page.core.spansAt(view.doc, at);
    if (!ids.length) return selectSpan(null);
    const i = ids.indexOf(view.selected);
    selectSpan(i >= 0 ? ids[(i + 1) % ids.length] : ids[ids.length - 1]);
  });
  addEventListener('beforeunload', (e) => {
    if (!ws.failed && !ws.unsaved.length) return;
    e.preventDefault();
    e.returnValue = '';
  });
  addEventListener('error', (e) => say(tr(`Unexpected error: ${e.message}. Your saved work is intact.`, `خطأ غير متوقَّع: ${e.message}. عملك المحفوظ سليم.`), 'error'));
  addEventListener('unhandledrejection', (e) => say(tr(`Unexpected error: ${e.reason?.message ?? e.reason}. Your saved work is intact.`, `خطأ غير متوقَّع: ${e.reason?.message ?? e.reason}. عملك المحفوظ سليم.`), 'error'));
  document.addEventListener('visibilitychange', () => document.hidden && compactSoon());
  $('annotator').addEventListener('change', (e) => change(() => {
    page.core.setAnnotator(e.target.value);
    say(e.target.value.trim() ? tr(`New spans will record “${e.target.value.trim()}” as their annotator.`, `ستسجّل المقاطع الجديدة «${e.target.value.trim()}» مُعلِّمًا لها.`) : tr('New spans will record no annotator.', 'لن تسجّل المقاطع الجديدة اسم مُعلِّم.'));
  }));
}

// Here, not in workspaces.js: the single-file build (scripts/single-file.js) serves the seed
// articles to this module's fetch only.
async function loadSeeds() {
  try {
    const names = await (await fetch('seeds/index.json')).json();
    for (const name of names) {
      const bytes = new Uint8Array(await (await fetch(`seeds/${encodeURIComponent(name)}`)).arrayBuffer());
      attempt(() => page.core.openFile(name, bytes));
    }
  } catch (e) {
    say(tr(`The seed articles could not be loaded (${e.message}); open .txt files instead.`, `تعذّر تحميل المقالات الافتراضية (${e.message})؛ افتح ملفات ‎.txt‎ بدلًا منها.`), 'error');
  }
}

async function main() {
  setLanguage(savedLanguage());
  await init();
  page.painter = new Painter(textView, $('badges'), (id) => selectSpan(id), resizeSpan);
  page.painter.setSource((from, to) => (view.doc ? page.core.spansIn(view.doc, from, to) : []));
  page.spanList = new SpanList($('span-list'), {
    count: () => (view.doc ? page.core.spanCount(view.doc) : 0),
    rows: (first, n) => page.core.spanRows(view.doc, first, n),
    onPick: (id) => selectSpan(id),
  });
  initKeys({ refresh, selectSpan, openDocument, applyLabel, removeSelected, history, exportAll, cycleStatus, switchLanguage });
  bindEvents();
  initSuggestions({ refresh });
  initLabelEditor({ showLabels, refresh });
  initSearch({ openDocument, selectSpan });
  initOpenFiles({ openDocument, showLabels, renderDocuments, refresh });
  initWorkspaces({ showLabels, openDocument, refresh, loadSeeds });
  initExchange({ core: () => page.core, readImport, say, attempt, change, writable, workspaceName: () => ws.name, view, showLabels, openDocument, refresh });
  try {
    page.store = await openStore();
  } catch (e) {
    say(tr(`This browser refused storage (${e.message}): changes will not survive a reload. Export JSON to keep your work.`, `رفض هذا المتصفح التخزين (${e.message}): لن تبقى التغييرات بعد إعادة التحميل. صدّر JSON لتحفظ عملك.`), 'error');
  }
  if (page.store) {
    navigator.storage?.persist?.().catch(() => {});
    await openWorkspace(localStorage.getItem('alama.workspace') ?? 'main');
  } else {
    Object.assign(ws, { name: 'main', readOnly: false });
    page.core = new Annotator();
    showLabels();
    await loadSeeds();
    const first = page.core.documents()[0];
    if (first) openDocument(first.id);
  }
  setInterval(compactSoon, 30_000);
  // For the end-to-end test of the crash path only (see Annotator.panicForTesting).
  window.alamaTestHooks = { panic: () => change(() => attempt(() => page.core.panicForTesting())) };
  document.body.dataset.ready = 'true';
}

main().catch((e) => say(tr(`Alama could not start: ${e.message ?? e}`, `تعذّر تشغيل علامة: ${e.message ?? e}`), 'error'));
