// Exchange with other tools and other annotators: every export format as one download, with
// what a format could not carry shown after it; imports of every format, through the page's
// confirm-before-replace flow; agreement between annotators' files; and adjudication of two
// annotators' work into a gold file that records who decided what. The core does the work in
// its own Wasm module (src/web/exchange.rs), fetched the first time one of these is used so
// that the page starts without it; this module reads files, asks, and shows.
//
// The page has no zip reader: a brat collection is imported from its .txt, .ann and .conf
// files, picked or dropped together (the alama command line reads the .zip itself).

import loadExchangeModule, * as exchange from './pkg/alama_exchange.js';
import { bytesOf, download, timestamp } from './files.js';
import { tr, lang } from './i18n.js';
import { spanTotal } from './state.js';

const $ = (id) => document.getElementById(id);
const MAX_BYTES = 64 * 1024 * 1024;
const CONTEXT = 40; // code points of context on each side of a disagreement (src/web/exchange.rs)

/** What app.js lends: core(), readImport(name, json), say, attempt, change, writable, workspaceName(), view,
 * showLabels, openDocument, refresh. */
let host;

/** The exchange module, fetched and compiled once, on first use. */
let loading = null;
let loaded = false;

/** Resolves to true once the exchange module is ready; says why when it cannot be loaded. */
function exchangeReady(say = (text) => host.say(text, 'error')) {
  loading ??= loadExchangeModule().then(() => (loaded = true));
  return loading.catch((e) => {
    loading = null;
    say(tr(`The exchange module (alama_exchange_bg.wasm) could not be loaded: ${e.message ?? e}. Nothing was changed.`, `تعذّر تحميل وحدة التبادل (alama_exchange_bg.wasm): ${e.message ?? e}. لم يتغيّر شيء.`));
    return false;
  });
}

// ---- formats --------------------------------------------------------------------------------

const formatName = (format, predictions = false) =>
  ({
    alama: tr('Alama JSON', 'JSON علامة'),
    jsonl: tr('JSONL (doccano, spaCy)', 'JSONL (doccano، spaCy)'),
    brat: tr('brat standoff', 'brat (ملفات .ann)'),
    'label-studio': predictions ? tr('Label Studio predictions', 'تنبؤات Label Studio') : tr('Label Studio tasks', 'مهام Label Studio'),
    conll: tr('CoNLL IOB2', 'CoNLL بترميز IOB2'),
  })[format] ?? format;

const MIME = { alama: 'application/json', jsonl: 'application/jsonl', brat: 'application/zip', 'label-studio': 'application/json', conll: 'text/plain' };

/** What the file picker suggests for each format (a hint only: any file can be chosen). */
const ACCEPT = {
  alama: '.json,application/json',
  jsonl: '.jsonl,.ndjson,.json',
  brat: '.txt,.ann,.conf',
  'label-studio': '.json,application/json',
  conll: '.conll,.iob,.iob2,.bio,.conllu,.txt,.tsv',
};

const ext = (name) => /\.([^./]+)$/.exec(name)?.[1].toLowerCase() ?? '';
const stem = (name) => name.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
const isBratPart = (f) => ['txt', 'ann', 'conf'].includes(ext(f.name));
const safeName = (s) => s.replace(/[^\p{L}\p{N}_-]+/gu, '_');

/** Reads a file as text for sniffing its format (never for importing: the core reads bytes). */
const sniff = async (file) => new TextDecoder().decode(await bytesOf(file));

/**
 * The format of one file that is not part of a brat collection, from its name and content:
 * `{ format, predictions }`, or null when it cannot be told. A `.json` is a Label Studio
 * export when it has tasks' `"data"` or JSON-MIN's `"labels"` (its predictions when it has
 * only those), spaCy's training tuples when it is a list of lists, and otherwise `alama`:
 * the canonical importer reads it, or says why it is not an Alama export.
 */
async function detect(file) {
  const e = ext(file.name);
  if (e === 'jsonl' || e === 'ndjson') return { format: 'jsonl', predictions: false };
  if (['conll', 'iob', 'iob2', 'bio', 'conllu'].includes(e)) return { format: 'conll', predictions: false };
  if (e !== 'json') return null;
  const text = (await sniff(file)).replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{') && /"format"\s*:\s*"alama"/.test(text)) return { format: 'alama', predictions: false };
  if (/^\[\s*\[/.test(text)) return { format: 'jsonl', predictions: false };
  if (!/"data"\s*:\s*\{|"labels"\s*:\s*\[/.test(text)) return { format: 'alama', predictions: false };
  const predictions = /"predictions"\s*:\s*\[\s*\{/.test(text) && !/"(annotations|completions)"\s*:\s*\[\s*\{/.test(text);
  return { format: 'label-studio', predictions };
}

async function readAll(files) {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: await bytesOf(f) })));
}

function tooLarge(files) {
  const big = files.find((f) => f.size > MAX_BYTES);
  if (!big) return null;
  return tr(`Cannot read “${big.name}”: it is ${(big.size / 1048576).toFixed(1)} MB, and Alama reads annotation files of up to 64 MB. Nothing was changed.`, `تعذّرت قراءة «${big.name}»: حجمه ${(big.size / 1048576).toFixed(1)} م.ب، وعلامة تقرأ ملفات الوسم حتى 64 م.ب. لم يتغيّر شيء.`);
}

const zipRefusal = (name) =>
  tr(`“${name}” is a zip archive, and the page cannot read zip files: unzip it and open its .txt, .ann and annotation.conf files together (or use the alama command line, which reads the .zip). Nothing was changed.`, `«${name}» أرشيف zip، والصفحة لا تقرأ ملفات zip: فكّ ضغطه وافتح ملفات ‎.txt‎ و‎.ann‎ و‎annotation.conf‎ معًا (أو استعمل سطر أوامر alama الذي يقرأ ‎.zip‎). لم يتغيّر شيء.`);

// ---- what could not be carried, what was ignored --------------------------------------------

/** One of the core's notes as a list item: its quoted texts (Arabic, mostly) isolated, so
 * that the offsets after them stay in place. The core writes notes in English. */
function noteItem(note) {
  const li = document.createElement('li');
  li.dir = 'auto';
  note.split(/“([^”]*)”/).forEach((part, i) => {
    if (i % 2 === 0) li.append(part);
    else li.append('“', Object.assign(document.createElement('bdi'), { textContent: part }), '”');
  });
  return li;
}

/** Shows a list of notes in a dialog, so that nothing a format dropped goes unseen. */
function showNotes(title, intro, notes) {
  $('notes-title').textContent = title;
  $('notes-intro').textContent = intro;
  $('notes-list').replaceChildren(...notes.map(noteItem));
  const dialog = $('notes-dialog');
  if (!dialog.open) dialog.showModal();
}

// ---- export ---------------------------------------------------------------------------------

/** Downloads every document in `format`; says what it could not carry. */
async function exportAs(format, predictions) {
  const core = host.core();
  const suffix = format === 'brat' ? '-brat' : format === 'label-studio' ? (predictions ? '-label-studio-predictions' : '-label-studio') : '';
  const base = `alama-${safeName(host.workspaceName())}-${timestamp()}${suffix}`;
  const d = new Date();
  const time = new Uint16Array([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]);
  const r =
    format === 'alama'
      ? host.attempt(() => ({ name: `${base}.json`, bytes: core.exportJson(), lost: [] }))
      : (await exchangeReady()) && host.attempt(() => exchange.exportAs(core.exportJson(), format, predictions, base, time));
  if (!r.ok) return;
  const { name, bytes, lost } = r.value;
  download(name, bytes, MIME[format]);
  const docs = core.documents();
  const spans = spanTotal(docs);
  const what = formatName(format, predictions);
  const done = tr(`Exported ${docs.length} documents and ${spans} spans as ${what} to ${name}.`, `صُدِّر ${docs.length} مستندات و${spans} مقطعًا بصيغة ${what} إلى ${name}.`);
  if (!lost.length) return host.say(done);
  host.say(`${done} ${tr(`${lost.length} thing${lost.length === 1 ? '' : 's'} could not be carried: see the list.`, `تعذّر حمل ${lost.length} من الأشياء: انظر القائمة.`)}`, 'warning');
  showNotes(
    tr(`What ${what} could not carry`, `ما لم تستطع صيغة ${what} حمله`),
    tr(`${name} was saved without these (Export JSON keeps everything):`, `حُفظ ${name} من دونها (تصدير JSON يحفظ كل شيء):`),
    lost,
  );
}

// ---- import ---------------------------------------------------------------------------------

/**
 * Imports one set of files (`{ format, predictions, files }`, a brat collection being one
 * set) after the same check and confirmation as a canonical import; all or nothing.
 */
async function importSet({ format, predictions, files }) {
  if (!host.writable()) return;
  const big = tooLarge(files);
  if (big) return host.say(big, 'error');
  const core = host.core();
  const source = { format, predictions, files: await readAll(files) };
  if (!(await exchangeReady())) return;
  const read = host.attempt(() => exchange.readAsAlama(source));
  if (!read.ok) return;
  if (!(await host.readImport(files[0].name, read.value.json))) return;
  const { documents, spans, notes } = read.value;
  const what = formatName(format, predictions);
  const shown = files.slice(0, 3).map((f) => f.name).join(', ') + (files.length > 3 ? ', …' : '');
  const label = files.length === 1 ? `“${files[0].name}”` : tr(`${files.length} files (${shown})`, `${files.length} ملفات (${shown})`);
  const now = core.documents();
  const spansNow = spanTotal(now);
  const ws = host.workspaceName();
  if (spansNow > 0 && !confirm(tr(`Import ${label}, read as ${what} (${documents} documents, ${spans} spans)? It replaces everything in the workspace “${ws}” (${now.length} documents, ${spansNow} spans). To keep those, cancel and create a new workspace first, or export them.`, `أتستورد ${label} مقروءًا بصيغة ${what} (${documents} مستندات، ${spans} مقطعًا)؟ سيحلّ محلّ كل ما في مساحة العمل «${ws}» (${now.length} مستندات، ${spansNow} مقطعًا). لتحتفظ بها، ألغِ وأنشئ مساحة عمل جديدة أولًا، أو صدّرها.`))) {
    core.discardImport();
    host.say(tr('Import cancelled; nothing was changed.', 'أُلغي الاستيراد؛ لم يتغيّر شيء.'));
    return;
  }
  let imported = false;
  await host.change(() => {
    imported = host.attempt(() => core.commitImport()).ok;
  });
  if (!imported) return;
  host.showLabels();
  const docs = core.documents();
  const keep = docs.find((d) => d.id === host.view.doc) ?? docs[0];
  if (keep) host.openDocument(keep.id);
  else host.refresh();
  if (format === 'label-studio' && !predictions && spans === 0 && documents > 0) {
    notes.push(tr('No annotation was found in the tasks. If the file holds predictions, import it with Import… → Label Studio tasks: their predictions.', 'لم يوجد أي وسم في المهام. إن كان الملف يحوي تنبؤات، فاستورده عبر استيراد… ← مهام Label Studio: تنبؤاتها.'));
  }
  host.say(tr(`Imported ${documents} documents and ${spans} spans from ${label}, read as ${what}.`, `استُورد ${documents} مستندات و${spans} مقطعًا من ${label}، مقروءًا بصيغة ${what}.`) + (notes.length ? ` ${tr(`${notes.length} note${notes.length === 1 ? '' : 's'}: see the list.`, `${notes.length} ملاحظات: انظر القائمة.`)}` : ''));
  if (notes.length) showNotes(tr(`What the ${what} import ignored or converted`, `ما تجاهله استيراد ${what} أو حوّله`), tr(`The import is done. Alama noted:`, `تمّ الاستيراد. لاحظت علامة:`), notes);
}

/**
 * Takes the files of an Open files… or a drop that are annotations in another format, imports
 * them, and returns the others for the page to open as it always has (.txt documents, .tsv
 * word lists, Alama .json exports). Files with an .ann among them are a brat collection,
 * together with their .txt and .conf files.
 */
export async function importOtherFormats(files) {
  const rest = [];
  const sets = [];
  const brat = files.some((f) => ext(f.name) === 'ann') ? files.filter(isBratPart) : [];
  if (brat.length) sets.push({ format: 'brat', predictions: false, files: brat });
  for (const file of files) {
    if (brat.includes(file)) continue;
    if (ext(file.name) === 'zip') {
      host.say(zipRefusal(file.name), 'error');
      continue;
    }
    const found = ext(file.name) === 'txt' || ext(file.name) === 'tsv' || file.size > MAX_BYTES ? null : await detect(file);
    if (found && found.format !== 'alama') sets.push({ ...found, files: [file] });
    else rest.push(file);
  }
  for (const set of sets) await importSet(set);
  return rest;
}

/** The Import… menu: the chosen format reads the picked files. */
async function importChosen(choice, files) {
  if (!files.length) return;
  const predictions = choice === 'label-studio-predictions';
  const format = predictions ? 'label-studio' : choice;
  const zip = files.find((f) => ext(f.name) === 'zip');
  if (zip) return host.say(zipRefusal(zip.name), 'error');
  if (format !== 'brat' && files.length > 1) {
    const what = formatName(format, predictions);
    return host.say(tr(`An import of ${what} reads one file, and it replaces the workspace: pick one file. Nothing was changed.`, `استيراد ${what} يقرأ ملفًّا واحدًا ويحلّ محلّ مساحة العمل: اختر ملفًّا واحدًا. لم يتغيّر شيء.`), 'error');
  }
  await importSet({ format, predictions, files });
}

// ---- annotators: agreement and adjudication -------------------------------------------------

/** Annotators' files loaded for comparison: `{ name, format, predictions, files, summary }`. */
const annotators = [];
const adjudication = { a: null, b: null, shown: null, decisions: new Map(), merged: null };

function compareSay(text, kind = 'info') {
  const el = $('compare-status');
  el.textContent = text;
  el.className = kind;
}

/** Runs a call into the core for the dialog: a refusal is said in the dialog, a panic stops
 * the page as any other does. */
function run(call) {
  if (!loaded) {
    compareSay(tr('The exchange module is not loaded yet: try again.', 'وحدة التبادل لم تُحمَّل بعد: حاول مجددًا.'), 'error');
    return { ok: false };
  }
  return host.attempt(call, compareSay);
}

function uniqueName(name) {
  const taken = annotators.map((a) => a.name);
  if (!taken.includes(name)) return name;
  for (let n = 2; ; n++) if (!taken.includes(`${name}-${n}`)) return `${name}-${n}`;
}

/** Reads one annotator's files (checking them completely) and adds them to the list. */
async function addAnnotator(format, predictions, files, fallbackName) {
  const big = tooLarge(files);
  if (big) return compareSay(big, 'error');
  const source = { format, predictions, files: await readAll(files) };
  if (!(await exchangeReady((text) => compareSay(text, 'error')))) return;
  const r = run(() => exchange.readFiles(source));
  if (!r.ok) return;
  const summary = r.value;
  const name = uniqueName(summary.annotator ?? fallbackName);
  annotators.push({ name, ...source, summary });
  renderAnnotators();
  compareSay(tr(`Added ${name}: ${summary.documents} documents, ${summary.spans} spans, read as ${formatName(summary.format, predictions)}.`, `أُضيف ${name}: ${summary.documents} مستندات و${summary.spans} مقطعًا، مقروءًا بصيغة ${formatName(summary.format, predictions)}.`) + (summary.notes.length ? ` ${summary.notes.join(' ')}` : ''));
}

/** Each picked file is one annotator; a brat collection (.txt, .ann, .conf) is one. */
async function addAnnotatorFiles(choice, files) {
  if (!files.length) return;
  const zip = files.find((f) => ext(f.name) === 'zip');
  if (zip) return compareSay(zipRefusal(zip.name), 'error');
  if (choice === 'brat' || (choice === 'auto' && files.some((f) => ext(f.name) === 'ann'))) {
    const ann = files.find((f) => ext(f.name) === 'ann');
    return addAnnotator('brat', false, files.filter(isBratPart), ann ? `brat-${stem(ann.name)}` : 'brat');
  }
  for (const file of files) {
    let found;
    if (choice === 'auto') {
      found = await detect(file);
      if (!found) {
        compareSay(tr(`Cannot tell the format of “${file.name}” from its name: choose the format in the list and add it again.`, `تعذّر معرفة صيغة «${file.name}» من اسمه: اختر الصيغة من القائمة وأضفه من جديد.`), 'error');
        continue;
      }
    } else {
      const predictions = choice === 'label-studio-predictions';
      found = { format: predictions ? 'label-studio' : choice, predictions };
    }
    await addAnnotator(found.format, found.predictions, [file], stem(file.name));
  }
}

function addWorkspace() {
  const core = host.core();
  const name = core.annotator()?.trim() || host.workspaceName();
  const file = new File([core.exportJson()], `${safeName(host.workspaceName())}.json`, { type: 'application/json' });
  return addAnnotator('alama', false, [file], name);
}

function renderAnnotators() {
  $('annotator-list').replaceChildren(
    ...annotators.map((a, i) => {
      const li = document.createElement('li');
      const name = document.createElement('input');
      name.value = a.name;
      name.size = 12;
      name.setAttribute('aria-label', tr(`Name of annotator ${i + 1}`, `اسم المُعلِّم ${i + 1}`));
      name.addEventListener('change', () => {
        a.name = name.value.trim() || a.name;
        name.value = a.name;
        renderChoosers();
      });
      const what = document.createElement('span');
      what.className = 'meta';
      const files = a.files.length === 1 ? a.files[0].name : tr(`${a.files.length} files`, `${a.files.length} ملفات`);
      what.append(' ', Object.assign(document.createElement('bdi'), { textContent: formatName(a.summary.format, a.predictions) }), ' · ', Object.assign(document.createElement('bdi'), { textContent: files }), ` · ${tr(`${a.summary.documents} documents, ${a.summary.spans} spans`, `${a.summary.documents} مستندات، ${a.summary.spans} مقطعًا`)} `);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = tr('Remove', 'إزالة');
      remove.setAttribute('aria-label', tr(`Remove ${a.name}`, `أزل ${a.name}`));
      remove.addEventListener('click', () => {
        annotators.splice(annotators.indexOf(a), 1);
        renderAnnotators();
      });
      li.append(name, what, remove);
      return li;
    }),
  );
  renderChoosers();
}

/** The A and B lists: the annotators chosen stay chosen; B is never A when there are two. */
function renderChoosers() {
  const kept = ['adjudicate-a', 'adjudicate-b'].map((id) => $(id).value).map((v) => (v !== '' && Number(v) < annotators.length ? Number(v) : null));
  const a = kept[0] ?? 0;
  const b = kept[1] != null && kept[1] !== a ? kept[1] : annotators.findIndex((_, i) => i !== a);
  for (const [id, pick] of [['adjudicate-a', a], ['adjudicate-b', b]]) {
    const select = $(id);
    select.replaceChildren(
      ...annotators.map((x, i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = x.name;
        return o;
      }),
    );
    select.value = pick >= 0 && annotators.length ? String(pick) : '';
  }
  const enough = annotators.length >= 2;
  $('agreement-run').disabled = !enough;
  $('adjudicate-run').disabled = !enough;
}

const asSource = (a) => ({ name: a.name, format: a.format, predictions: a.predictions, files: a.files });

/** Figures as `alama agree` prints them: three decimals, ties to even (as Rust rounds). */
function fixed3(x) {
  const t = x * 1000;
  const f = Math.floor(t);
  if (t - f === 0.5) return ((f % 2 === 0 ? f : f + 1) / 1000).toFixed(3);
  return x.toFixed(3);
}

async function showAgreement() {
  if (!(await exchangeReady((text) => compareSay(text, 'error')))) return;
  const r = run(() => exchange.agreement(annotators.map(asSource)));
  if (!r.ok) return;
  const report = r.value;
  const out = $('agreement-out');
  const cell = (row, text, value, head = false) => {
    const c = document.createElement(head ? 'th' : 'td');
    c.textContent = text;
    if (head) c.scope = 'row';
    if (value !== undefined) {
      c.dataset.value = String(value);
      c.dir = 'ltr'; // a figure reads left to right (−0.001) in the Arabic interface too
    }
    row.append(c);
  };
  const tables = report.pairs.map((p) => {
    const table = document.createElement('table');
    table.className = 'agreement';
    table.dataset.a = p.a;
    table.dataset.b = p.b;
    const caption = document.createElement('caption');
    caption.textContent = tr(`${p.a} (reference) vs ${p.b}: ${p.documents} documents, ${p.tokens} tokens`, `${p.a} (المرجع) مقابل ${p.b}: ${p.documents} مستندات، ${p.tokens} رمزًا`);
    const head = document.createElement('tr');
    for (const h of [tr('label', 'الوسم'), p.a, p.b, tr('exact', 'تطابق'), 'P', 'R', 'F1', tr('partial F1', 'F1 جزئي'), 'kappa']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.append(th);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const body = document.createElement('tbody');
    const row = (label, s, overall) => {
      const tr_ = document.createElement('tr');
      tr_.dataset.label = overall ? 'overall' : label;
      cell(tr_, label, undefined, true);
      cell(tr_, String(s.exact.a_spans), s.exact.a_spans);
      cell(tr_, String(s.exact.b_spans), s.exact.b_spans);
      cell(tr_, String(s.exact.matched), s.exact.matched);
      cell(tr_, fixed3(s.exact.precision), s.exact.precision);
      cell(tr_, fixed3(s.exact.recall), s.exact.recall);
      cell(tr_, fixed3(s.exact.f1), s.exact.f1);
      cell(tr_, fixed3(s.partial.f1), s.partial.f1);
      cell(tr_, s.kappa == null ? tr('n/a', 'غير معرَّف') : fixed3(s.kappa), s.kappa ?? '');
      body.append(tr_);
    };
    row(tr('overall', 'الإجمالي'), p.overall, true);
    for (const [label, s] of Object.entries(p.labels)) row(label, s, false);
    table.append(caption, thead, body);
    return table;
  });
  const legend = document.createElement('p');
  legend.className = 'explain'; // not .hint: i18n.js sets every .hint to the toolbar's hint
  legend.textContent = tr('exact: same tokens and label (as seqeval counts); partial F1: an overlap counts half, labels ignored (nervaluate); kappa: Cohen’s kappa of the IOB2 token tags (scikit-learn); n/a where only one tag occurs. The first of a pair is the reference.', 'التطابق: الرموز والوسم نفسها (كما يعدّ seqeval)؛ F1 الجزئي: التداخل يُحسب نصفًا ولا تُقارن الوسوم (nervaluate)؛ kappa: معامل كوهين لوسوم IOB2 على الرموز (scikit-learn)؛ «غير معرَّف» حين لا يرد إلا وسم واحد. الأول في كل زوج هو المرجع.');
  const notes = document.createElement('ul');
  notes.className = 'notes';
  notes.replaceChildren(...report.notes.map(noteItem));
  out.replaceChildren(...tables, legend, notes);
  out.hidden = false;
  compareSay(tr(`Agreement of ${report.annotators.length} annotators, ${report.pairs.length} pair${report.pairs.length === 1 ? '' : 's'}.`, `الاتفاق بين ${report.annotators.length} مُعلِّمين، ${report.pairs.length} من الأزواج.`));
}

// ---- adjudication ---------------------------------------------------------------------------

const key = (doc, id) => `${doc}#${id}`;

const kindName = (kind, a, b) =>
  ({
    only_a: tr(`only ${a} tagged here`, `وسم ${a} وحده هنا`),
    only_b: tr(`only ${b} tagged here`, `وسم ${b} وحده هنا`),
    label: tr('same words, different labels', 'الكلمات نفسها، والوسوم مختلفة'),
    boundary: tr('same label, different edges', 'الوسم نفسه، والحدود مختلفة'),
    label_and_boundary: tr('different edges and labels', 'حدود ووسوم مختلفة'),
    several: tr('several spans', 'مقاطع عدّة'),
  })[kind] ?? kind;

const CHOICES = ['a', 'b', 'both', 'neither', 'edited'];
const choiceName = (c, a, b) => ({ a: tr(`Pick ${a}`, `اختر ${a}`), b: tr(`Pick ${b}`, `اختر ${b}`), both: tr('Both', 'كلاهما'), neither: tr('Neither', 'لا أحد'), edited: tr('Edit…', 'تحرير…') })[c];

async function startAdjudication() {
  const [ia, ib] = [Number($('adjudicate-a').value), Number($('adjudicate-b').value)];
  if (ia === ib) return compareSay(tr('Choose two different annotators as A and B.', 'اختر مُعلِّمَين مختلفَين لـ A وB.'), 'error');
  const [a, b] = [annotators[ia], annotators[ib]];
  if (!(await exchangeReady((text) => compareSay(text, 'error')))) return;
  const r = run(() => exchange.compareFiles(asSource(a), asSource(b)));
  if (!r.ok) return;
  const shown = r.value;
  Object.assign(adjudication, { a, b, shown, decisions: new Map(), merged: null });
  if (!$('adjudicator').value.trim()) $('adjudicator').value = host.core().annotator() ?? '';
  $('adjudication').hidden = false;
  renderDisagreements();
  const total = shown.comparison.documents.reduce((n, d) => n + d.disagreements.length, 0);
  const agreed = shown.comparison.documents.reduce((n, d) => n + d.agreed, 0);
  compareSay(tr(`${a.name} and ${b.name} agree on ${agreed} spans and disagree in ${total} places in ${shown.comparison.documents.length} documents.`, `يتّفق ${a.name} و${b.name} على ${agreed} مقطعًا ويختلفان في ${total} موضعًا في ${shown.comparison.documents.length} مستندات.`) + (shown.comparison.notes.length ? ` ${shown.comparison.notes.join(' ')}` : ''));
  $('disagreements').querySelector('button')?.focus();
}

/** Offsets (`9–23`) kept left to right in the Arabic interface, where they would flip. */
function ltr(text) {
  return Object.assign(document.createElement('bdi'), { dir: 'ltr', textContent: text });
}

function versionList(title, versions) {
  const box = document.createElement('div');
  box.className = 'versions';
  const h = document.createElement('h4');
  h.textContent = title;
  const ul = document.createElement('ul');
  if (!versions.length) ul.append(Object.assign(document.createElement('li'), { textContent: tr('(nothing)', '(لا شيء)') }));
  for (const v of versions) {
    const li = document.createElement('li');
    li.dataset.label = v.label;
    const chip = Object.assign(document.createElement('span'), { className: 'chip', textContent: v.label });
    const text = Object.assign(document.createElement('bdi'), { lang: 'ar', textContent: v.text });
    li.append(chip, ' ', text, ' ', ltr(`${v.start}–${v.end}`));
    ul.append(li);
  }
  box.append(h, ul);
  return box;
}

function renderDisagreements() {
  const { shown, a, b } = adjudication;
  const parts = [];
  const quiet = shown.comparison.documents.filter((d) => !d.disagreements.length);
  shown.comparison.documents.forEach((doc, di) => {
    if (!doc.disagreements.length) return;
    const h = document.createElement('h3');
    h.append(Object.assign(document.createElement('bdi'), { textContent: doc.name }), tr(`: ${doc.agreed} spans agreed, ${doc.disagreements.length} disagreements`, `: ${doc.agreed} مقطعًا متّفق عليه، ${doc.disagreements.length} خلافات`));
    parts.push(h);
    doc.disagreements.forEach((g, gi) => parts.push(disagreementView(doc, g, shown.context[di][gi], a.name, b.name)));
  });
  if (quiet.length) {
    const agreed = quiet.reduce((n, d) => n + d.agreed, 0);
    parts.push(Object.assign(document.createElement('p'), { textContent: tr(`${quiet.length} other document${quiet.length === 1 ? '' : 's'}: no disagreement (${agreed} spans agreed).`, `${quiet.length} مستندات أخرى: لا خلاف (${agreed} مقطعًا متّفق عليه).`) }));
  }
  if (!shown.comparison.documents.length) parts.push(Object.assign(document.createElement('p'), { textContent: tr('The two annotators share no document.', 'لا يشترك المُعلِّمان في أي مستند.') }));
  $('disagreements').replaceChildren(...parts);
  renderProgress();
}

function disagreementView(doc, g, ctx, an, bn) {
  const k = key(doc.document, g.id);
  const box = document.createElement('article');
  box.className = 'disagreement';
  box.dataset.doc = doc.document;
  box.dataset.id = String(g.id);
  const head = document.createElement('h4');
  head.textContent = `#${g.id} · ${kindName(g.kind, an, bn)}`;
  const context = document.createElement('p');
  context.className = 'context';
  // Cut context is marked with an ellipsis drawn by CSS, outside the text a selection counts.
  context.classList.toggle('cut-before', g.start > [...ctx.before].length);
  context.classList.toggle('cut-after', [...ctx.after].length >= CONTEXT);
  context.dir = 'rtl';
  context.lang = 'ar';
  context.append(document.createTextNode(ctx.before), Object.assign(document.createElement('mark'), { textContent: ctx.inside }), document.createTextNode(ctx.after));
  const sides = document.createElement('div');
  sides.className = 'sides';
  sides.append(versionList(`A · ${an}`, g.a), versionList(`B · ${bn}`, g.b));
  const buttons = document.createElement('div');
  buttons.className = 'choices';
  buttons.setAttribute('role', 'group');
  buttons.setAttribute('aria-label', tr(`Decision on disagreement ${g.id} in ${doc.name}`, `القرار في الخلاف ${g.id} في ${doc.name}`));
  const edit = document.createElement('div');
  edit.className = 'edit';
  const decision = adjudication.decisions.get(k);
  for (const c of CHOICES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.choice = c;
    button.textContent = choiceName(c, an, bn);
    button.setAttribute('aria-pressed', String(decision?.choice === c));
    button.addEventListener('click', () => decide(doc, g, c, box));
    buttons.append(button);
  }
  box.append(head, context, sides, buttons, edit);
  if (decision?.choice === 'edited') renderEdit(doc, g, ctx, box);
  return box;
}

function decide(doc, g, choice, box) {
  const k = key(doc.document, g.id);
  const previous = adjudication.decisions.get(k);
  const drafts = choice === 'edited' ? previous?.spans ?? [...g.a, ...g.b].filter((v, i, all) => all.findIndex((w) => w.start === v.start && w.end === v.end && w.label === v.label) === i).map((v) => ({ start: v.start, end: v.end, label: v.label, text: v.text })) : [];
  adjudication.decisions.set(k, { choice, spans: drafts });
  adjudication.merged = null;
  for (const button of box.querySelectorAll('.choices button')) button.setAttribute('aria-pressed', String(button.dataset.choice === choice));
  const di = adjudication.shown.comparison.documents.indexOf(doc);
  if (choice === 'edited') renderEdit(doc, g, adjudication.shown.context[di][doc.disagreements.indexOf(g)], box);
  else box.querySelector('.edit').replaceChildren();
  renderProgress();
}

/** The edit area: the spans that will stand, each with its label, and a way to add one from
 * a selection in the context line above. */
function renderEdit(doc, g, ctx, box) {
  const decision = adjudication.decisions.get(key(doc.document, g.id));
  const labels = adjudication.shown.labels;
  const labelSelect = (value, aria) => {
    const s = document.createElement('select');
    s.setAttribute('aria-label', aria);
    for (const l of labels) s.append(Object.assign(document.createElement('option'), { value: l.id, textContent: `${l.id} · ${l.names[lang()]}` }));
    s.value = value;
    return s;
  };
  const list = document.createElement('ul');
  list.className = 'drafts';
  decision.spans.forEach((d, i) => {
    const li = document.createElement('li');
    const text = Object.assign(document.createElement('bdi'), { lang: 'ar', textContent: d.text });
    const label = labelSelect(d.label, tr(`Label of “${d.text}”`, `وسم «${d.text}»`));
    label.addEventListener('change', () => {
      d.label = label.value;
      adjudication.merged = null;
    });
    const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: tr('Remove', 'إزالة') });
    remove.setAttribute('aria-label', tr(`Remove “${d.text}” from the edited spans`, `أزل «${d.text}» من المقاطع المحرَّرة`));
    remove.addEventListener('click', () => {
      decision.spans.splice(i, 1);
      adjudication.merged = null;
      renderEdit(doc, g, ctx, box);
      box.querySelector('.edit select, .edit button')?.focus();
    });
    li.append(label, ' ', text, ' ', ltr(`${d.start}–${d.end}`), ' ', remove);
    list.append(li);
  });
  if (!decision.spans.length) list.append(Object.assign(document.createElement('li'), { textContent: tr('(no span: nothing is kept here)', '(لا مقطع: لا يُحفظ شيء هنا)') }));
  const add = document.createElement('p');
  const newLabel = labelSelect(labels[0]?.id, tr('Label of the span to add', 'وسم المقطع المُضاف'));
  const addButton = Object.assign(document.createElement('button'), { type: 'button', textContent: tr('Add the selected words', 'أضف الكلمات المحدّدة') });
  addButton.addEventListener('mousedown', (e) => e.preventDefault());
  addButton.addEventListener('click', () => {
    const draft = selectionIn(box.querySelector('.context'), ctx, g);
    if (!draft) return compareSay(tr('Select words in the line above first (with the mouse), then press Add.', 'حدّد كلمات في السطر أعلاه أولًا (بالفأرة)، ثم اضغط «أضف».'), 'error');
    if (decision.spans.some((d) => d.start === draft.start && d.end === draft.end && d.label === newLabel.value)) return compareSay(tr('That span is already in the list.', 'هذا المقطع في القائمة بالفعل.'), 'error');
    decision.spans.push({ ...draft, label: newLabel.value });
    decision.spans.sort((x, y) => x.start - y.start || y.end - x.end);
    adjudication.merged = null;
    getSelection().removeAllRanges();
    renderEdit(doc, g, ctx, box);
    compareSay(tr(`Added ${newLabel.value} «${draft.text}».`, `أُضيف ${newLabel.value} «${draft.text}».`));
  });
  add.append(newLabel, ' ', addButton);
  const hint = Object.assign(document.createElement('p'), { className: 'explain', textContent: tr('Edited spans replace both versions. Change a label, remove a span, or select words in the line above and add them.', 'تحلّ المقاطع المحرَّرة محلّ النسختين. غيّر وسمًا، أو أزل مقطعًا، أو حدّد كلمات في السطر أعلاه وأضفها.') });
  box.querySelector('.edit').replaceChildren(hint, list, add);
}

/** The selection inside a disagreement's context line, as code point offsets in the
 * document, white space trimmed; null when nothing there is selected. */
function selectionIn(line, ctx, g) {
  const sel = getSelection();
  if (!sel.rangeCount || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!line.contains(range.startContainer) || !line.contains(range.endContainer)) return null;
  const upTo = (node, offset) => {
    const r = document.createRange();
    r.setStart(line, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  };
  const all = ctx.before + ctx.inside + ctx.after;
  let [s, e] = [upTo(range.startContainer, range.startOffset), upTo(range.endContainer, range.endOffset)];
  while (s < e && /\s/.test(all[s])) s++;
  while (e > s && /\s/.test(all[e - 1])) e--;
  if (s >= e) return null;
  const cp = (u16) => [...all.slice(0, u16)].length;
  const from = g.start - [...ctx.before].length;
  return { start: from + cp(s), end: from + cp(e), text: all.slice(s, e) };
}

function renderProgress() {
  const total = adjudication.shown.comparison.documents.reduce((n, d) => n + d.disagreements.length, 0);
  const decided = [...adjudication.decisions.values()].filter((d) => d.choice).length;
  $('adjudication-progress').textContent = tr(`${decided} of ${total} disagreements decided.`, `بُتّ في ${decided} من ${total} خلافات.`);
}

/** The decisions in the form `alama merge -d` reads (and `--template` writes). */
function decisionList() {
  const out = [];
  for (const doc of adjudication.shown.comparison.documents) {
    for (const g of doc.disagreements) {
      const d = adjudication.decisions.get(key(doc.document, g.id));
      const item = { document: doc.document, disagreement: g.id, kind: g.kind, choice: d?.choice ?? null, a: g.a, b: g.b };
      if (d?.choice === 'edited') item.spans = d.spans.map(({ start, end, label }) => ({ start, end, label }));
      out.push(item);
    }
  }
  return out;
}

const goldBase = () => `gold-${safeName(adjudication.a.name)}-${safeName(adjudication.b.name)}-${timestamp()}`;

function mergeGold() {
  const { a, b } = adjudication;
  const adjudicator = $('adjudicator').value.trim() || tr('adjudicator', 'المحكِّم');
  const r = run(() => exchange.mergeFiles(asSource(a), asSource(b), JSON.stringify(decisionList()), adjudicator));
  if (!r.ok) return null;
  adjudication.merged = { ...r.value, base: goldBase(), adjudicator };
  return adjudication.merged;
}

function exportGold() {
  const merged = mergeGold();
  if (!merged) return;
  const name = `${merged.base}.json`;
  download(name, merged.json, 'application/json');
  const counts = {};
  for (const s of merged.sources) counts[s.how] = (counts[s.how] ?? 0) + 1;
  compareSay(tr(`Exported the gold file ${name}: ${merged.documents} documents, ${merged.spans} spans (${counts.agreed ?? 0} agreed, ${counts.picked ?? 0} picked, ${counts.edited ?? 0} edited by ${merged.adjudicator}). Each span’s annotator field names whose version it is; “Who decided what” saves the record span by span.`, `صُدِّر ملف المعيار ${name}: ${merged.documents} مستندات، ${merged.spans} مقطعًا (${counts.agreed ?? 0} متّفق عليه، ${counts.picked ?? 0} مختار، ${counts.edited ?? 0} حرّره ${merged.adjudicator}). حقل المُعلِّم في كل مقطع يسمّي صاحب نسخته؛ و«من قرّر ماذا» يحفظ السجلّ مقطعًا مقطعًا.`) + (merged.notes.length ? ` ${merged.notes.join(' ')}` : ''));
}

function exportSources() {
  const merged = adjudication.merged ?? mergeGold();
  if (!merged) return;
  const name = `${merged.base}-sources.json`;
  download(name, `${JSON.stringify(merged.sources, null, 2)}\n`, 'application/json');
  compareSay(tr(`Saved who decided what, span by span, to ${name}.`, `حُفظ من قرّر ماذا، مقطعًا مقطعًا، في ${name}.`));
}

function exportDecisions() {
  const { a, b } = adjudication;
  const name = `decisions-${safeName(a.name)}-${safeName(b.name)}-${timestamp()}.json`;
  const file = { a: a.name, b: b.name, adjudicator: $('adjudicator').value.trim() || null, decisions: decisionList() };
  download(name, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
  compareSay(tr(`Saved the decisions to ${name} (alama merge A B -d ${name} reads them).`, `حُفظت القرارات في ${name} (يقرؤها الأمر alama merge A B -d ${name}).`));
}

async function openGold() {
  const merged = adjudication.merged ?? mergeGold();
  if (!merged) return;
  $('compare-dialog').close();
  const file = new File([merged.json], `${merged.base}.json`, { type: 'application/json' });
  await importSet({ format: 'alama', predictions: false, files: [file] });
}

// ---- wiring ---------------------------------------------------------------------------------

function closeMenus(except) {
  for (const m of document.querySelectorAll('details.menu[open]')) if (m !== except) m.open = false;
}

/** Binds the export and import menus and the annotators dialog; `lent` is what app.js lends. */
export function initExchange(lent) {
  host = lent;
  for (const b of document.querySelectorAll('#export-menu button[data-format]')) {
    b.addEventListener('click', () => {
      closeMenus();
      exportAs(b.dataset.format, b.dataset.predictions === 'true');
    });
  }
  let chosen = null;
  for (const b of document.querySelectorAll('#import-menu button[data-format]')) {
    b.addEventListener('click', () => {
      closeMenus();
      if (!host.writable()) return;
      chosen = b.dataset.format;
      $('exchange-input').accept = ACCEPT[chosen.replace('-predictions', '')] ?? '';
      $('exchange-input').click();
    });
  }
  $('exchange-input').addEventListener('change', async (e) => {
    const files = [...e.target.files];
    e.target.value = '';
    await importChosen(chosen, files);
  });
  for (const menu of document.querySelectorAll('details.menu')) {
    menu.addEventListener('toggle', () => menu.open && closeMenus(menu));
    menu.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      menu.open = false;
      menu.querySelector('summary').focus();
    });
  }
  document.addEventListener('click', (e) => {
    if (!e.target.closest?.('details.menu')) closeMenus();
  });
  $('compare').addEventListener('click', () => {
    closeMenus();
    renderAnnotators();
    compareSay(annotators.length ? '' : tr('Add two or more annotators’ files of the same documents.', 'أضف ملفات مُعلِّمَين أو أكثر للمستندات نفسها.'));
    $('compare-dialog').showModal();
  });
  $('annotator-add').addEventListener('click', () => $('annotator-input').click());
  $('annotator-input').addEventListener('change', async (e) => {
    const files = [...e.target.files];
    e.target.value = '';
    await addAnnotatorFiles($('annotator-format').value, files);
  });
  $('annotator-workspace').addEventListener('click', addWorkspace);
  $('agreement-run').addEventListener('click', showAgreement);
  $('adjudicate-run').addEventListener('click', startAdjudication);
  $('adjudicator').addEventListener('input', () => (adjudication.merged = null));
  $('gold-export').addEventListener('click', exportGold);
  $('sources-export').addEventListener('click', exportSources);
  $('decisions-export').addEventListener('click', exportDecisions);
  $('gold-open').addEventListener('click', openGold);
}
