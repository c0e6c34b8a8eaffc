// The page: renders from the core (the one source of truth) and sends it the user's
// intents. Everything about spans, offsets and files is decided in Rust; this file only
// reads the DOM selection, handles keys and files, and redraws.

import init, { Annotator } from './pkg/alama.js';
import { Painter } from './paint.js';
import { SpanList, labelled } from './span-list.js';
import { TextView } from './text-view.js';
import { bytesOf, utf8Of, download, timestamp } from './files.js';
import { openStore } from './store.js';
import { initExchange, importOtherFormats } from './exchange.js';
import { tr, setLanguage, savedLanguage, lang, coreMessage } from './i18n.js';

const $ = (id) => document.getElementById(id);
/** Resolves in a later task, so that the page can paint between two long steps. */
const nextTask = () => (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((ok) => setTimeout(ok, 0)));
const article = $('article');
const textView = new TextView(article);
const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const COMPACT_AFTER = 300; // journal records before they are folded into a snapshot
const MB = (n) => `${(n / 1048576).toFixed(1)} MB`;
const statusName = (s) => tr({ new: 'New', in_progress: 'In progress', done: 'Done' }, { new: 'جديد', in_progress: 'قيد العمل', done: 'منجَز' })[s];
const STATUS_ORDER = ['new', 'in_progress', 'done'];

let core;
let labels = [];
let painter;
let spanList;
let store;
const view = { doc: null, selected: null };
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
    say(tr('Alama stopped after an internal error; reload the page to carry on (your saved work is intact).', 'توقّفت علامة بعد خطأ داخلي؛ أعد تحميل الصفحة لتتابع (عملك المحفوظ سليم).'), 'error');
    return { ok: false };
  }
  try {
    return { ok: true, value: intent() };
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) crashed(e);
    else say(coreMessage(e.message ?? String(e)), 'error');
    return { ok: false };
  }
}

/** A panic in the core: stop taking changes; what was saved stays as it was. */
function crashed(e) {
  ws.broken = true;
  document.body.dataset.crashed = 'true';
  say(tr(`Alama hit an internal error (${e.message}) and stopped taking changes to protect your work. Every change before this one is saved in this browser: reload the page to carry on.`, `واجهت علامة خطأً داخليًّا (${e.message}) وتوقّفت عن قبول التغييرات حمايةً لعملك. كل تغيير قبل هذا محفوظ في هذا المتصفح: أعد تحميل الصفحة لتتابع.`), 'error');
}

/** Refuses changes in a read-only tab; true when the change may go ahead. */
function writable() {
  if (!ws.readOnly) return true;
  say(tr(`“${ws.name}” is open in another tab, so this tab is read-only. Close the other tab and reload, or pick another workspace.`, `«${ws.name}» مفتوحة في تبويب آخر، لذا هذا التبويب للقراءة فقط. أغلق التبويب الآخر وأعد التحميل، أو اختر مساحة عمل أخرى.`), 'error');
  return false;
}

// ---- saving ---------------------------------------------------------------------------------

function showSaveState() {
  const el = $('save-state');
  const state = ws.readOnly ? 'read-only' : ws.pending ? 'saving' : ws.failed || ws.unsaved.length ? 'not saved' : 'saved';
  el.textContent = tr({ 'read-only': 'Read-only', 'not saved': 'Not saved!', saving: 'Saving…', saved: 'Saved' }, { 'read-only': 'للقراءة فقط', 'not saved': 'غير محفوظ!', saving: 'يُحفَظ…', saved: 'محفوظ' })[state];
  el.className = state.replace(' ', '-');
  document.body.dataset.saveState = state;
}

/** Writes the core's new journal records; a failed write keeps them for the next try. */
async function persist() {
  if (ws.readOnly || ws.broken || !store) return;
  // A record at a time, a few milliseconds a task: an import's journal is long. The records
  // are written together, in one transaction, so that a crash keeps all of them or none.
  for (let until = performance.now() + 8, record; (record = core.takeJournalRecord()) !== undefined; ) {
    ws.unsaved.push(record);
    if (performance.now() > until) {
      await nextTask();
      until = performance.now() + 8;
    }
  }
  if (!ws.unsaved.length) return;
  const records = ws.unsaved.slice();
  try {
    await store.append(ws.name, records);
    ws.unsaved.splice(0, records.length);
    ws.failed = false;
    document.body.dataset.savedRecords = String(Number(document.body.dataset.savedRecords ?? 0) + records.length);
  } catch (e) {
    ws.failed = true;
    say(tr(`Your last change could not be saved in this browser (${e.name}: ${e.message}). Nothing is lost yet: use Export JSON now to keep your work in a file.`, `تعذّر حفظ تغييرك الأخير في هذا المتصفح (${e.name}: ${e.message}). لم يضِع شيء بعد: استخدم «تصدير JSON» الآن لتحفظ عملك في ملف.`), 'error');
  }
}

/**
 * Makes a change and saves it. The next change waits until this one is committed; when
 * nothing is waiting, the change runs (and is drawn) at once, inside the key or click event.
 */
function change(intent) {
  if (!writable()) return Promise.resolve();
  const step = async () => {
    // An intent runs at once; one that draws in several tasks (an import) returns a promise.
    await intent();
    // The change is drawn now; its journal record is made and written in the next task,
    // so that a large one (an import) does not hold up the frame that shows it.
    await nextTask();
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
  if (view.selected != null && core.spanIndex(view.doc, view.selected) === undefined) view.selected = null;
  painter.refresh(view.selected);
  renderSuggestions();
  $('span-count').textContent = `(${core.spanCount(view.doc)})`;
  spanList.refresh(view.selected);
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
  caret.anchor = caret.focus = null;
  painter.caret(null);
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
    const r = attempt(() => core.tagSelection(view.doc, offsets[0], offsets[1], label, snap, stripClitic));
    if (!r.ok) return;
    getSelection().removeAllRanges();
    view.selected = r.value;
    refresh();
    const s = core.span(view.doc, r.value);
    // Keyboard work carries on from the end of the new span (after Escape).
    caret.anchor = caret.focus = s.end;
    painter.caret(s.end);
    const proclitic = s.clitic ? textView.text.slice(...s.clitic) : null;
    say(tr(`Tagged “${s.text}” as ${label}${proclitic ? ` (the proclitic “${proclitic}” is left out)` : ''}.`, `وُسِم «${s.text}» بـ ${label}${proclitic ? ` (استُثنيت السابقة «${proclitic}»)` : ''}.`));
  } else if (view.selected != null) {
    if (!attempt(() => core.relabel(view.doc, view.selected, label)).ok) return;
    refresh();
    say(tr(`Relabelled as ${label}.`, `صار وسمه ${label}.`));
  } else {
    say(tr('Select some text in the article first, or click a span to relabel it.', 'حدّد نصًّا في المقالة أولًا، أو انقر مقطعًا لتغيير وسمه.'), 'error');
  }
}

/** A dragged edge: the span's `edge` ('start' or 'end') now sits at boundary `at`. */
function resizeSpan(id, edge, at) {
  const span = core.span(view.doc, id);
  if (!span) return;
  const [a, b] = edge === 'start' ? [at, span.end] : [span.start, at];
  change(() => {
    const r = attempt(() => core.resizeSpan(view.doc, id, Math.min(a, b), Math.max(a, b)));
    if (r.ok) {
      const s = core.span(view.doc, id);
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
  if (!attempt(() => core.remove(view.doc, view.selected)).ok) return;
  view.selected = null;
  refresh();
  say(tr('Span removed (Ctrl+Z brings it back).', 'أُزيل المقطع (Ctrl+Z يعيده).'));
}

function history(step) {
  if (!view.doc) return;
  change(() => historyNow(step));
}

function historyNow(step) {
  const r = attempt(() => (step === 'undo' ? core.undo(view.doc) : core.redo(view.doc)));
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
  const json = core.exportJson();
  const docs = core.documents();
  const spans = docs.reduce((n, d) => n + d.spanCount, 0);
  const name = `alama-${ws.name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}-${timestamp()}.json`;
  download(name, json, 'application/json');
  say(tr(`Exported ${docs.length} documents and ${spans} spans to ${name}.`, `صُدِّر ${docs.length} مستندات و${spans} مقطعًا إلى ${name}.`));
}

async function openFiles(files) {
  if (!writable()) return;
  files = await importOtherFormats(files); // JSONL, CoNLL, Label Studio, brat: www/exchange.js
  for (const file of files) {
    const json = /\.json$/i.test(file.name);
    const limit = json ? MAX_JSON_BYTES : MAX_TEXT_BYTES;
    if (file.size > limit) {
      say(tr(`Cannot open “${file.name}”: it is ${MB(file.size)}, and Alama opens ${json ? 'exports' : 'text files'} of up to ${MB(limit)}. Split it into smaller files. Nothing was changed.`, `تعذّر فتح «${file.name}»: حجمه ${MB(file.size)}، وعلامة تفتح ${json ? 'ملفات التصدير' : 'الملفات النصية'} حتى ${MB(limit)}. قسّمه إلى ملفات أصغر. لم يتغيّر شيء.`), 'error');
      continue;
    }
    if (json) await importFile(file);
    else if (/\.tsv$/i.test(file.name)) await importWordList(file);
    else await openTextFile(file);
  }
}

/** A word list: one entry and its label a line, separated by a tab. */
async function importWordList(file) {
  const bytes = await bytesOf(file);
  const r = attempt(() => core.importWordList(file.name, bytes));
  if (r.ok) say(tr(`Read ${r.value} entries from “${file.name}”; press P in a document to see them as suggestions.`, `قُرئ ${r.value} مدخلًا من «${file.name}»؛ اضغط P في مستند لتراها اقتراحات.`));
}

async function openTextFile(file) {
  const bytes = await bytesOf(file);
  await change(() => {
    const r = attempt(() => core.openFile(file.name, bytes));
    if (!r.ok) return;
    openDocument(r.value);
    say(tr(`Opened “${file.name}” as a new document.`, `فُتح «${file.name}» مستندًا جديدًا.`));
  });
}

/** The export being read, if one is (its file name). */
let reading = null;

/**
 * Reads and checks an export in the core's short steps, letting the page paint and take
 * input every few milliseconds, so that a large file never holds it for long. Resolves with
 * what the file holds (`documents`, `spans`), or null when it was refused (and said so).
 */
async function readImport(name, text) {
  if (reading) {
    say(tr(`“${reading}” is still being read: import “${name}” when it is done. Nothing was changed.`, `ما زال «${reading}» قيد القراءة: استورد «${name}» بعد انتهائه. لم يتغيّر شيء.`), 'error');
    return null;
  }
  if (!attempt(() => core.startImport(name, text)).ok) return null;
  reading = name;
  try {
    for (;;) {
      const until = performance.now() + 8;
      let r;
      do r = attempt(() => core.importStep());
      while (r.ok && r.value === undefined && performance.now() < until);
      if (!r.ok) return null;
      if (r.value !== undefined) return r.value;
      await nextTask();
    }
  } finally {
    reading = null;
  }
}

async function importFile(file) {
  let text;
  try {
    text = await utf8Of(file);
  } catch (e) {
    say(coreMessage(e.message), 'error');
    return;
  }
  const checked = await readImport(file.name, text);
  if (!checked) return;
  const now = core.documents();
  const spansNow = now.reduce((n, d) => n + d.spanCount, 0);
  const { documents, spans } = checked;
  if (spansNow > 0 && !confirm(tr(`Import “${file.name}” (${documents} documents, ${spans} spans)? It replaces everything in the workspace “${ws.name}” (${now.length} documents, ${spansNow} spans). To keep those, cancel and create a new workspace first, or export them.`, `أتستورد «${file.name}» (${documents} مستندات، ${spans} مقطعًا)؟ سيحلّ محلّ كل ما في مساحة العمل «${ws.name}» (${now.length} مستندات، ${spansNow} مقطعًا). لتحتفظ بها، ألغِ وأنشئ مساحة عمل جديدة أولًا، أو صدّرها.`))) {
    core.discardImport();
    say(tr('Import cancelled; nothing was changed.', 'أُلغي الاستيراد؛ لم يتغيّر شيء.'));
    return;
  }
  await nextTask();
  // The journal records are written after it is shown (see change()); showing a long
  // document is a task of its own.
  await change(async () => {
    if (!attempt(() => core.commitImport()).ok) return;
    showLabels();
    renderDocuments();
    await nextTask();
    const docs = core.documents();
    const keep = docs.find((d) => d.id === view.doc) ?? docs[0];
    if (keep) openDocument(keep.id);
    else refresh();
    say(tr(`Imported ${documents} documents and ${spans} spans from “${file.name}”.`, `استُورد ${documents} مستندات و${spans} مقطعًا من «${file.name}».`));
  });
}

// ---- suggestions ------------------------------------------------------------------------

function renderSuggestions() {
  const here = view.doc ? core.suggestions(view.doc) : [];
  const total = core.suggestionCount();
  painter.mark('suggestion', here.map((s) => [s.start, s.end]));
  painter.mark('suggestion-current', here.length ? [[here[0].start, here[0].end]] : []);
  // The painter adds the clitics of the spans it paints to these.
  painter.mark('clitic', here.filter((s) => s.clitic).map((s) => s.clitic));
  $('suggestion-panel').hidden = total === 0;
  $('suggestion-count').textContent = tr(`(${here.length} here, ${total} in all documents)`, `(${here.length} هنا، ${total} في كل المستندات)`);
  $('suggestion-list').replaceChildren(
    ...here.map((s, i) => {
      const li = document.createElement('li');
      if (i === 0) li.className = 'current';
      li.dataset.label = s.label;
      const yes = document.createElement('button');
      yes.type = 'button';
      yes.textContent = tr('Accept', 'قبول');
      yes.setAttribute('aria-label', `${tr('Accept', 'قبول')} ${s.label}: ${s.text}`);
      yes.addEventListener('click', () => decide([s.key], true));
      const no = document.createElement('button');
      no.type = 'button';
      no.textContent = tr('Reject', 'رفض');
      no.setAttribute('aria-label', `${tr('Reject', 'رفض')} ${s.label}: ${s.text}`);
      no.addEventListener('click', () => decide([s.key], false));
      li.append(...labelled(s.label, s.text), yes, no);
      return li;
    }),
  );
}

/** Accepts or rejects suggestions by key; `null` means all of them (in every document). */
function decide(keys, accept) {
  const all = keys ?? [...Array(core.suggestionCount()).keys()];
  if (!all.length) return say(tr('There are no suggestions to decide on.', 'لا اقتراحات للبتّ فيها.'));
  if (!accept) {
    core.rejectSuggestions(all);
    refresh();
    return say(tr(`Rejected ${all.length} suggestion${all.length === 1 ? '' : 's'}.`, `رُفض ${all.length} اقتراحًا.`));
  }
  change(() => {
    const r = attempt(() => core.acceptSuggestions(all));
    if (!r.ok) return;
    refresh();
    say(tr(`Accepted ${r.value} suggestion${r.value === 1 ? '' : 's'} (Ctrl+Z undoes them together in each document).`, `قُبل ${r.value} اقتراحًا (Ctrl+Z يتراجع عنها معًا في كل مستند).`));
  });
}

function decideCurrent(accept) {
  const first = core.suggestions(view.doc)[0];
  if (!first) return say(tr('There are no suggestions in this document.', 'لا اقتراحات في هذا المستند.'));
  decide([first.key], accept);
  const next = core.suggestions(view.doc)[0];
  if (next) textView.reveal(next.start, next.end);
}

function findAll(everywhere) {
  if (!view.doc || view.selected == null) return say(tr('Select a span first: Find all looks for its text.', 'حدّد مقطعًا أولًا: «إيجاد الكل» يبحث عن نصه.'), 'error');
  const span = core.span(view.doc, view.selected);
  const r = attempt(() => core.findOccurrences(view.doc, view.selected, everywhere));
  if (!r.ok) return;
  refresh();
  const here = core.suggestions(view.doc).length;
  say(tr(`Found ${r.value} other occurrence${r.value === 1 ? '' : 's'} of “${span.text}”${everywhere ? ` in all documents (${here} in this one)` : ''}. A accepts the highlighted one, Shift+A accepts all, R and Shift+R reject.`, `وُجد ${r.value} ورودًا آخر لـ«${span.text}»${everywhere ? ` في كل المستندات (${here} في هذا)` : ''}. A يقبل المبرَز، وShift+A يقبل الكل، وR وShift+R للرفض.`));
}

function preannotate() {
  if (!view.doc) return;
  const r = attempt(() => core.preannotate(view.doc));
  if (!r.ok) return;
  refresh();
  say(r.value ? tr(`Suggested ${r.value} span${r.value === 1 ? '' : 's'} from the entities known in this session.`, `اقتُرح ${r.value} مقطعًا من الكيانات المعروفة في هذه الجلسة.`) : tr('No known entity occurs in this document yet.', 'لا يرد في هذا المستند أي كيان معروف بعد.'));
}

// ---- keyboard: caret, selection, edges, navigation ------------------------------------------

const caret = { anchor: null, focus: null };

function setCaret(anchor, focus = anchor) {
  caret.anchor = anchor;
  caret.focus = focus;
  if (focus != null) textView.reveal(focus);
  painter.caret(focus);
  if (anchor == null) return;
  const sel = getSelection();
  sel.removeAllRanges();
  const range = anchor !== focus ? textView.range(Math.min(anchor, focus), Math.max(anchor, focus)) : null;
  if (range) sel.addRange(range);
}

function scrollToRange(range) {
  const box = range.getBoundingClientRect();
  const editor = $('editor');
  const area = editor.getBoundingClientRect();
  if (box.top < area.top + 90 || box.bottom > area.bottom - 20) editor.scrollTop += box.top - (area.top + area.bottom) / 2;
}

/** Arrow keys. The article is right to left, so ← goes forwards in the text and → back. */
function onArrow(e) {
  const forward = e.key === 'ArrowLeft';
  const byWord = e.ctrlKey || e.metaKey;
  if (view.selected != null) {
    const id = view.selected;
    const endEdge = !e.shiftKey;
    change(() => {
      const r = attempt(() => core.moveEdge(view.doc, id, endEdge, byWord, forward));
      if (!r.ok) return;
      if (!r.value) return say(tr('That edge cannot move further.', 'لا يمكن تحريك هذا الطرف أكثر.'));
      refresh();
      const s = core.span(view.doc, id);
      say(tr(`${endEdge ? 'End' : 'Start'} moved: “${s.text}”.`, `تحرّك ${endEdge ? 'آخره' : 'أوله'}: «${s.text}».`));
    });
    return;
  }
  const sel = textView.selection();
  const from = caret.focus ?? (sel ? sel[1] : 0);
  const to = byWord ? core.wordBoundary(view.doc, from, forward) : textView.step(from, forward);
  if (e.shiftKey) setCaret(caret.anchor ?? from, to);
  else setCaret(to);
}

function selectNeighbour(step) {
  const n = view.doc ? core.spanCount(view.doc) : 0;
  if (!n) return;
  const i = view.selected == null ? -1 : (core.spanIndex(view.doc, view.selected) ?? -1);
  const next = core.spanRows(view.doc, i < 0 ? (step > 0 ? 0 : n - 1) : (i + step + n) % n, 1)[0];
  setCaret(null);
  getSelection().removeAllRanges();
  textView.reveal(next.start, next.end);
  selectSpan(next.id);
  document.querySelector(`#badges .badge[data-span="${next.id}"]`)?.focus({ preventScroll: true });
}

function openNeighbour(step) {
  const docs = core.documents();
  const i = docs.findIndex((d) => d.id === view.doc);
  const next = docs[(i + step + docs.length) % docs.length];
  if (next) {
    openDocument(next.id);
    say(tr(`Opened “${next.title}”.`, `فُتح «${next.title}».`));
  }
}

function setStatus(status) {
  if (!view.doc) return;
  change(() => {
    if (!attempt(() => core.setStatus(view.doc, status)).ok) return;
    refresh();
    say(tr(`Status: ${statusName(status)}.`, `الحالة: ${statusName(status)}.`));
  });
}

function cycleStatus() {
  const current = core.documents().find((d) => d.id === view.doc)?.status ?? 'new';
  setStatus(STATUS_ORDER[(STATUS_ORDER.indexOf(current) + 1) % STATUS_ORDER.length]);
}

// ---- search -------------------------------------------------------------------------------

const search = { matches: [], next: 0 };

function runSearch() {
  const q = $('search').value.trim();
  search.matches = [];
  search.next = 0;
  if (q && view.doc) {
    const flat = core.find(view.doc, q);
    for (let i = 0; i < flat.length; i += 2) search.matches.push([flat[i], flat[i + 1]]);
  }
  painter.mark('search', search.matches);
  if (!q) return ($('search-count').textContent = '');
  const everywhere = core.documents().map((d) => core.find(d.id, q).length / 2);
  const docsWith = everywhere.filter((n) => n > 0).length;
  const all = everywhere.reduce((a, b) => a + b, 0);
  $('search-count').textContent = tr(`${search.matches.length} here · ${all} in ${docsWith} document${docsWith === 1 ? '' : 's'}`, `${search.matches.length} هنا · ${all} في ${docsWith} مستندات`);
}

/** Selects the next match, ready to be tagged with a label key; past the last match in this
 * document, goes on to the next document that has one. */
function nextMatch(step = 1) {
  const q = $('search').value.trim();
  if (q && (!search.matches.length || (step > 0 && search.next === 0 && search.wrapped))) {
    const docs = core.documents();
    const i = docs.findIndex((d) => d.id === view.doc);
    for (let k = 1; k < docs.length; k++) {
      const d = docs[(i + k) % docs.length];
      if (core.find(d.id, q).length) {
        openDocument(d.id);
        say(tr(`Matches of “${q}” in “${d.title}”.`, `تطابقات «${q}» في «${d.title}».`));
        break;
      }
    }
  }
  search.wrapped = false;
  if (!search.matches.length) return say(tr('No match in this document.', 'لا تطابق في هذا المستند.'));
  const [s, e] = search.matches[search.next % search.matches.length];
  search.next = (search.next + step + search.matches.length) % search.matches.length;
  search.wrapped = search.next === 0;
  selectSpan(null);
  setCaret(s, e);
}

// ---- label set ----------------------------------------------------------------------------

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

function editLabels() {
  if (!writable()) return;
  $('labels-rows').replaceChildren(...labels.map((l, i) => labelRow(l, i, false)));
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
    try {
      core.setLabels(next);
    } catch (err) {
      error = coreMessage(err.message);
      return;
    }
    showLabels();
    refresh();
    say(tr(`Saved ${next.length} labels.`, `حُفظت ${next.length} وسوم.`));
  }).then(() => {
    if (error) $('labels-error').textContent = error;
    else $('labels-dialog').close();
  });
}

// ---- help ---------------------------------------------------------------------------------

const KEYS = [
  ['1 … 9', 'Tag the selected text with that label; with a span selected and no text selected, relabel it', 'اوسم النص المحدّد بذلك الوسم؛ وإن كان مقطع محدّدًا ولا نص محدّد، غيّر وسمه'],
  ['Shift+1 … 9', 'Tag, leaving out a proclitic (و ف ب ل ك) at the start', 'اوسم مع استثناء سابقة (و ف ب ل ك) في أوله'],
  ['Delete, Backspace', 'Remove the selected span', 'أزل المقطع المحدّد'],
  ['Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y', 'Undo / redo', 'تراجع / إعادة'],
  ['↓ / ↑', 'Select the next / previous span in reading order', 'حدّد المقطع التالي / السابق بترتيب القراءة'],
  ['← / →', 'With a span selected: move its end edge one letter in that direction (Ctrl: one word). Otherwise: move the caret', 'مع مقطع محدّد: حرّك طرف آخره حرفًا في ذلك الاتجاه (Ctrl: كلمة). وإلا: حرّك المؤشر'],
  ['Shift+← / Shift+→', 'With a span selected: move its start edge (Ctrl: by word). Otherwise: extend the selection (Ctrl: by word)', 'مع مقطع محدّد: حرّك طرف أوله (Ctrl: بالكلمة). وإلا: وسّع التحديد (Ctrl: بالكلمة)'],
  ['F / Shift+F', 'Find every other occurrence of the selected span in this document / in all documents', 'جد كل ورود آخر للمقطع المحدّد في هذا المستند / في كل المستندات'],
  ['P', 'Pre-annotate this document with the entities known in this session', 'اوسم هذا المستند مسبقًا بالكيانات المعروفة في هذه الجلسة'],
  ['A / Shift+A', 'Accept the highlighted suggestion / all suggestions', 'اقبل الاقتراح المبرَز / كل الاقتراحات'],
  ['R / Shift+R', 'Reject the highlighted suggestion / all suggestions', 'ارفض الاقتراح المبرَز / كل الاقتراحات'],
  ['W', 'Switch between whole-word and exact-character selection', 'بدّل بين تحديد الكلمات الكاملة والأحرف كما هي'],
  ['S', 'Cycle the document status: new, in progress, done', 'تنقّل بين حالات المستند: جديد، قيد العمل، منجَز'],
  ['] / [', 'Next / previous document', 'المستند التالي / السابق'],
  ['/', 'Search; Enter selects the next match (Shift+Enter the previous), ready to tag; after the last one, the next document with a match opens', 'بحث؛ Enter يحدّد التطابق التالي (Shift+Enter السابق) جاهزًا للوسم؛ وبعد آخرها يُفتح المستند التالي الذي فيه تطابق'],
  ['Ctrl+S', 'Export JSON', 'تصدير JSON'],
  ['O', 'Open files: .txt documents, exports in any format (.json, .jsonl, .conll, a brat collection’s .txt, .ann and .conf), .tsv word lists', 'فتح ملفات: مستندات ‎.txt‎، ملفات تصدير بأي صيغة (‎.json‎، ‎.jsonl‎، ‎.conll‎، ملفات ‎.txt‎ و‎.ann‎ و‎.conf‎ لمجموعة brat)، قوائم كلمات ‎.tsv‎'],
  ['L', 'Edit the labels: rename, recolour, add (each new label gets the next number key)', 'تحرير الوسوم: تسمية، تلوين، إضافة (لكل وسم جديد مفتاح الرقم التالي)'],
  ['G', 'Switch the interface between English and Arabic', 'بدّل لغة الواجهة بين الإنجليزية والعربية'],
  ['Escape', 'Clear the selection and the selected span', 'امسح التحديد والمقطع المحدّد'],
  ['Tab, Shift+Tab', 'Move through the controls and the spans’ badges (focusing a badge selects its span)', 'تنقّل بين عناصر التحكم وشارات المقاطع (التركيز على شارة يحدّد مقطعها)'],
  ['?', 'This list', 'هذه القائمة'],
];

function switchLanguage() {
  setLanguage(lang() === 'ar' ? 'en' : 'ar');
  renderLabels();
  refresh();
  showSaveState();
  runSearch();
  say(tr('The interface speaks English.', 'الواجهة بالعربية.'));
}

function showHelp() {
  $('key-table').tBodies[0].replaceChildren(
    ...KEYS.map(([k, en, ar]) => {
      const row = document.createElement('tr');
      const a = document.createElement('td');
      const kbd = document.createElement('kbd');
      kbd.textContent = k;
      a.append(kbd);
      const b = document.createElement('td');
      b.textContent = tr(en, ar);
      row.append(a, b);
      return row;
    }),
  );
  $('help-dialog').showModal();
}

// ---- events -------------------------------------------------------------------------------

function labelForKey(e) {
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1] ?? '١٢٣٤٥٦٧٨٩'.indexOf(e.key) + 1;
  const n = Number(digit);
  return n >= 1 && n <= labels.length ? labels[n - 1].id : null;
}

function onKey(e) {
  if (e.target.closest?.('input, textarea, select, [contenteditable="true"], dialog')) return;
  const ctrl = e.ctrlKey || e.metaKey;
  const done = () => e.preventDefault();
  if (ctrl && e.code === 'KeyZ') {
    done();
    history(e.shiftKey ? 'redo' : 'undo');
  } else if (ctrl && e.code === 'KeyY') {
    done();
    history('redo');
  } else if (ctrl && e.code === 'KeyS') {
    done();
    exportAll();
  } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    if (!view.doc || e.altKey) return;
    done();
    onArrow(e);
  } else if (ctrl || e.altKey) {
    return;
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    done();
    selectNeighbour(e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    if (view.selected != null) {
      done();
      removeSelected();
    }
  } else if (e.key === 'Escape') {
    getSelection().removeAllRanges();
    if (caret.focus != null) setCaret(caret.focus);
    selectSpan(null);
  } else if (e.key === '?') {
    done();
    showHelp();
  } else if (e.key === '/') {
    done();
    $('search').focus();
    $('search').select();
  } else if (e.code === 'BracketRight' || e.code === 'BracketLeft') {
    done();
    openNeighbour(e.code === 'BracketRight' ? 1 : -1);
  } else if (e.code === 'KeyF') {
    done();
    findAll(e.shiftKey);
  } else if (e.code === 'KeyP') {
    done();
    preannotate();
  } else if (e.code === 'KeyA') {
    done();
    if (e.shiftKey) decide(null, true);
    else decideCurrent(true);
  } else if (e.code === 'KeyR') {
    done();
    if (e.shiftKey) decide(null, false);
    else decideCurrent(false);
  } else if (e.code === 'KeyW') {
    done();
    $('snap').checked = !$('snap').checked;
    say($('snap').checked ? tr('Selections widen to whole words.', 'يتّسع التحديد إلى كلمات كاملة.') : tr('Selections keep their exact characters.', 'يبقى التحديد على أحرفه كما هي.'));
  } else if (e.code === 'KeyS') {
    done();
    cycleStatus();
  } else if (e.code === 'KeyL') {
    done();
    editLabels();
  } else if (e.code === 'KeyG') {
    done();
    switchLanguage();
  } else if (e.code === 'KeyO') {
    done();
    $('file-input').click();
  } else {
    const label = labelForKey(e);
    if (label) {
      done();
      applyLabel(label, e.shiftKey);
    }
  }
}

function bindEvents() {
  document.addEventListener('keydown', onKey);
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
  $('labels-edit').addEventListener('click', editLabels);
  $('label-add').addEventListener('click', addLabelRow);
  $('labels-form').addEventListener('submit', saveLabels);
  $('labels-cancel').addEventListener('click', () => $('labels-dialog').close());
  $('search').addEventListener('input', runSearch);
  $('search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      nextMatch(e.shiftKey ? -1 : 1);
      $('search').blur();
    } else if (e.key === 'Escape') {
      $('search').blur();
    }
  });
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
  addEventListener('error', (e) => say(tr(`Unexpected error: ${e.message}. Your saved work is intact.`, `خطأ غير متوقَّع: ${e.message}. عملك المحفوظ سليم.`), 'error'));
  addEventListener('unhandledrejection', (e) => say(tr(`Unexpected error: ${e.reason?.message ?? e.reason}. Your saved work is intact.`, `خطأ غير متوقَّع: ${e.reason?.message ?? e.reason}. عملك المحفوظ سليم.`), 'error'));
  document.addEventListener('visibilitychange', () => document.hidden && compactSoon());
  $('annotator').addEventListener('change', (e) => change(() => {
    core.setAnnotator(e.target.value);
    say(e.target.value.trim() ? tr(`New spans will record “${e.target.value.trim()}” as their annotator.`, `ستسجّل المقاطع الجديدة «${e.target.value.trim()}» مُعلِّمًا لها.`) : tr('New spans will record no annotator.', 'لن تسجّل المقاطع الجديدة اسم مُعلِّم.'));
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
      say(tr(`Restored “${name}” only in part: ${report.value.problem}. Export now; the stored journal is kept as it is.`, `استُعيدت «${name}» جزئيًّا فقط: ${report.value.problem}. صدّر الآن؛ السجلّ المخزَّن يبقى كما هو.`), 'error');
    } else {
      const when = saved.savedAt ? new Date(saved.savedAt).toLocaleString() : 'earlier';
      say(tr(`Restored “${name}”: ${docs.length} documents, ${spans} spans, undo history kept (last saved ${when}).`, `استُعيدت «${name}»: ${docs.length} مستندات و${spans} مقطعًا، مع سجلّ التراجع (آخر حفظ ${when}).`));
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
  if (ws.readOnly) say(tr(`“${name}” is open in another tab: this tab shows it read-only so the two cannot overwrite each other.`, `«${name}» مفتوحة في تبويب آخر: يعرضها هذا التبويب للقراءة فقط كي لا يكتب أحدهما فوق الآخر.`), 'error');
  showSaveState();
}

async function switchWorkspace(name) {
  await openWorkspace(name);
}

async function newWorkspace() {
  const name = prompt(tr('Name of the new workspace (e.g. an annotator or a project):', 'اسم مساحة العمل الجديدة (مثلًا اسم مُعلِّم أو مشروع):'))?.trim();
  if (!name) return;
  if ((await store.list()).some((w) => w.name === name)) return say(tr(`There is already a workspace called “${name}”.`, `توجد مساحة عمل باسم «${name}» بالفعل.`), 'error');
  await store.create(name);
  await openWorkspace(name);
  say(tr(`Created workspace “${name}” with the seed articles.`, `أُنشئت مساحة العمل «${name}» مع المقالات الافتراضية.`));
}

async function renameWorkspace() {
  if (!writable()) return;
  const name = prompt(tr(`New name for “${ws.name}”:`, `الاسم الجديد لـ«${ws.name}»:`), ws.name)?.trim();
  if (!name || name === ws.name) return;
  await ws.saving;
  try {
    await store.rename(ws.name, name);
  } catch (e) {
    return say(e.message, 'error');
  }
  await openWorkspace(name);
  say(tr(`Renamed the workspace to “${name}”.`, `صار اسم مساحة العمل «${name}».`));
}

async function deleteWorkspace() {
  if (!writable()) return;
  const old = ws.name;
  const spans = core.documents().reduce((n, d) => n + d.spanCount, 0);
  if (!confirm(tr(`Delete the workspace “${old}” and its ${spans} spans from this browser? This cannot be undone; export it first if you may need it.`, `أتحذف مساحة العمل «${old}» ومقاطعها الـ${spans} من هذا المتصفح؟ لا يمكن التراجع عن هذا؛ صدّرها أولًا إن كنت قد تحتاجها.`))) return;
  await ws.saving;
  await store.remove(old);
  const next = (await store.list())[0]?.name ?? 'main';
  await openWorkspace(next);
  say(tr(`Deleted the workspace “${old}”.`, `حُذفت مساحة العمل «${old}».`));
}

async function loadSeeds() {
  try {
    const names = await (await fetch('seeds/index.json')).json();
    for (const name of names) {
      const bytes = new Uint8Array(await (await fetch(`seeds/${encodeURIComponent(name)}`)).arrayBuffer());
      attempt(() => core.openFile(name, bytes));
    }
  } catch (e) {
    say(tr(`The seed articles could not be loaded (${e.message}); open .txt files instead.`, `تعذّر تحميل المقالات الافتراضية (${e.message})؛ افتح ملفات ‎.txt‎ بدلًا منها.`), 'error');
  }
}

async function main() {
  setLanguage(savedLanguage());
  await init();
  painter = new Painter(textView, $('badges'), (id) => selectSpan(id), resizeSpan);
  painter.setSource((from, to) => (view.doc ? core.spansIn(view.doc, from, to) : []));
  spanList = new SpanList($('span-list'), {
    count: () => (view.doc ? core.spanCount(view.doc) : 0),
    rows: (first, n) => core.spanRows(view.doc, first, n),
    onPick: (id) => selectSpan(id),
  });
  bindEvents();
  initExchange({ core: () => core, readImport, say, attempt, change, writable, workspaceName: () => ws.name, view, showLabels, openDocument, refresh });
  try {
    store = await openStore();
  } catch (e) {
    say(tr(`This browser refused storage (${e.message}): changes will not survive a reload. Export JSON to keep your work.`, `رفض هذا المتصفح التخزين (${e.message}): لن تبقى التغييرات بعد إعادة التحميل. صدّر JSON لتحفظ عملك.`), 'error');
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

main().catch((e) => say(tr(`Alama could not start: ${e.message ?? e}`, `تعذّر تشغيل علامة: ${e.message ?? e}`), 'error'));
