// @ts-check
// The Annotators… dialog: agreement between annotators' files of the same documents (any
// format; documents are matched by their text), and the adjudication of two annotators'
// work into a gold file that records who decided what. The exchange module does the work;
// this module reads the files, keeps the decisions being made, and shows.

import { page, ws, stamp } from '../state/state.js';
import { attempt } from '../state/messages.js';
import { tr, lang } from '../words/i18n.js';
import { formatName } from '../words/formats.js';
import { bytesOf, download, ext, sniffed } from '../files/files.js';
import { exchange, exchangeReady, exchangeLoaded } from '../files/exchange-module.js';
import { importWorkspace, tooLarge, zipRefusal } from '../files/import.js';
import { noteItem } from '../files/notes.js';
import { closeMenus } from './export-as.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const stem = (/** @type {string} */ name) => name.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
const isBratPart = (/** @type {File} */ f) => ['txt', 'ann', 'conf'].includes(ext(f.name));
const readAll = (/** @type {File[]} */ files) => Promise.all(files.map(async (f) => ({ name: f.name, bytes: await bytesOf(f) })));

/** @typedef {{ name: string, format: import('../pkg/alama.js').Format, predictions: boolean, files: { name: string, bytes: Uint8Array }[], summary: any }} Annotator */
/** @typedef {{ document: string, disagreement: number, choice: import('../pkg/alama.js').Choice, spans: { start: number, end: number, label: string, text: string }[] }} Choice */

/** Annotators' files loaded for comparison. @type {Annotator[]} */
const annotators = [];
/** The two annotators being adjudicated, their disagreements as the core showed them, the decisions made (by `doc#id`), and the merge made of them (until a decision changes). */
const adjudication = {
  /** @type {Annotator} */ a: null,
  /** @type {Annotator} */ b: null,
  /** @type {any} */ shown: null,
  /** @type {Map<string, Choice>} */ decisions: new Map(),
  /** @type {any} */ merged: null,
  /** @type {Store | null} */ store: null,
};

function compareSay(/** @type {string} */ text, kind = 'info') {
  const el = $('compare-status');
  el.textContent = text;
  el.className = kind;
}

/** Runs a call into the core for the dialog: a refusal is said in the dialog, a panic stops
 * the page as any other does. */
/** @returns {import('../state/messages.js').Attempt<any>} */
function run(/** @type {() => any} */ call) {
  if (!exchangeLoaded()) {
    compareSay(tr('The exchange module is not loaded yet: try again.', 'وحدة التبادل لم تُحمَّل بعد: حاول مجددًا.'), 'error');
    return { ok: false };
  }
  return attempt(call, compareSay);
}

function uniqueName(/** @type {string} */ name) {
  const taken = annotators.map((a) => a.name);
  if (!taken.includes(name)) return name;
  for (let n = 2; ; n++) if (!taken.includes(`${name}-${n}`)) return `${name}-${n}`;
}

/** Reads one annotator's files (checking them completely) and adds them to the list. */
async function addAnnotator(/** @type {any} */ format, /** @type {boolean} */ predictions, /** @type {File[]} */ files, /** @type {string} */ fallbackName) {
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
  compareSay(
    tr(
      `Added ${name}: ${summary.documents} documents, ${summary.spans} spans, read as ${formatName(summary.format, predictions)}.`,
      `أُضيف ${name}: ${summary.documents} مستندات و${summary.spans} مقطعًا، مقروءًا بصيغة ${formatName(summary.format, predictions)}.`,
    ) + (summary.notes.length ? ` ${summary.notes.map((/** @type {any} */ n) => noteItem(n).textContent).join(' ')}` : ''),
  );
}

/** Each picked file is one annotator; a brat collection (.txt, .ann, .conf) is one. */
async function addAnnotatorFiles(/** @type {string} */ choice, /** @type {File[]} */ files) {
  if (!files.length) return;
  const zip = files.find((f) => ext(f.name) === 'zip');
  if (zip) return compareSay(zipRefusal(zip.name), 'error');
  // Hugging Face records and their label names, or WebAnno documents, are one annotator's set.
  if (choice === 'hf' || choice === 'webanno') return addAnnotator(choice, false, files, stem(files[0].name));
  if (choice === 'brat' || (choice === 'auto' && files.some((f) => ext(f.name) === 'ann'))) {
    const ann = files.find((f) => ext(f.name) === 'ann');
    return addAnnotator('brat', false, files.filter(isBratPart), ann ? `brat-${stem(ann.name)}` : 'brat');
  }
  for (const file of files) {
    let found;
    if (choice === 'auto') {
      found = await sniffed(file);
      if (!found) {
        compareSay(
          tr(
            `Cannot tell the format of “${file.name}” from its name: choose the format in the list and add it again.`,
            `تعذّر معرفة صيغة «${file.name}» من اسمه: اختر الصيغة من القائمة وأضفه من جديد.`,
          ),
          'error',
        );
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
  const core = page.core;
  const name = core.annotator()?.trim() || ws.name;
  const file = new File([/** @type {BlobPart} */ (core.exportBytes())], `${ws.name}.json`, { type: 'application/json' });
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
      what.append(
        ' ',
        Object.assign(document.createElement('bdi'), { textContent: formatName(a.summary.format, a.predictions) }),
        ' · ',
        Object.assign(document.createElement('bdi'), { textContent: files }),
        ` · ${tr(`${a.summary.documents} documents, ${a.summary.spans} spans`, `${a.summary.documents} مستندات، ${a.summary.spans} مقطعًا`)} `,
      );
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
  for (const [id, pick] of /** @type {[string, number][]} */ ([
    ['adjudicate-a', a],
    ['adjudicate-b', b],
  ])) {
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

const asSource = (/** @type {Annotator} */ a) => ({ name: a.name, format: a.format, predictions: a.predictions, files: a.files });

async function showAgreement() {
  if (!(await exchangeReady((text) => compareSay(text, 'error')))) return;
  const r = run(() => exchange.agreement(annotators.map(asSource)));
  if (!r.ok) return;
  const report = r.value;
  const out = $('agreement-out');
  const cell = (/** @type {HTMLElement} */ row, /** @type {string} */ text, /** @type {any} */ value, head = false) => {
    const c = document.createElement(head ? 'th' : 'td');
    c.textContent = text;
    if (head) c.scope = 'row';
    if (value !== undefined) {
      c.dataset.value = String(value);
      c.dir = 'ltr'; // a figure reads left to right (−0.001) in the Arabic interface too
    }
    row.append(c);
  };
  const tables = report.pairs.map((/** @type {any} */ p, /** @type {number} */ pi) => {
    const table = document.createElement('table');
    table.className = 'agreement';
    table.dataset.a = p.a;
    table.dataset.b = p.b;
    const caption = document.createElement('caption');
    caption.textContent = tr(
      `${p.a} (reference) vs ${p.b}: ${p.documents} documents, ${p.tokens} tokens`,
      `${p.a} (المرجع) مقابل ${p.b}: ${p.documents} مستندات، ${p.tokens} رمزًا`,
    );
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
    /** @param {string} label @param {any} s @param {any} printed @param {boolean} overall */
    const row = (label, s, printed, overall) => {
      const tr_ = document.createElement('tr');
      tr_.dataset.label = overall ? 'overall' : label;
      cell(tr_, label, undefined, true);
      cell(tr_, String(s.exact.a_spans), s.exact.a_spans);
      cell(tr_, String(s.exact.b_spans), s.exact.b_spans);
      cell(tr_, String(s.exact.matched), s.exact.matched);
      cell(tr_, printed.precision, s.exact.precision);
      cell(tr_, printed.recall, s.exact.recall);
      cell(tr_, printed.f1, s.exact.f1);
      cell(tr_, printed.partial_f1, s.partial.f1);
      cell(tr_, printed.kappa ?? tr('n/a', 'غير معرَّف'), s.kappa ?? '');
      body.append(tr_);
    };
    const printed = report.printed[pi];
    row(tr('overall', 'الإجمالي'), p.overall, printed.overall, true);
    for (const [label, shown] of printed.labels) row(label, p.labels[label], shown, false);
    table.append(caption, thead, body);
    return table;
  });
  const legend = document.createElement('p');
  legend.className = 'explain'; // not .hint: i18n.js sets every .hint to the toolbar's hint
  legend.textContent = tr(
    'exact: same tokens and label (as seqeval counts); partial F1: an overlap counts half, labels ignored (nervaluate); kappa: Cohen’s kappa of the IOB2 token tags (scikit-learn); n/a where only one tag occurs. The first of a pair is the reference.',
    'التطابق: الرموز والوسم نفسها (كما يعدّ seqeval)؛ F1 الجزئي: التداخل يُحسب نصفًا ولا تُقارن الوسوم (nervaluate)؛ kappa: معامل كوهين لوسوم IOB2 على الرموز (scikit-learn)؛ «غير معرَّف» حين لا يرد إلا وسم واحد. الأول في كل زوج هو المرجع.',
  );
  const notes = document.createElement('ul');
  notes.className = 'notes';
  notes.replaceChildren(...report.notes.map(noteItem));
  out.replaceChildren(...tables, legend, notes);
  out.hidden = false;
  compareSay(
    tr(
      `Agreement of ${report.annotators.length} annotators, ${report.pairs.length} pair${report.pairs.length === 1 ? '' : 's'}.`,
      `الاتفاق بين ${report.annotators.length} مُعلِّمين، ${report.pairs.length} من الأزواج.`,
    ),
  );
}

// ---- adjudication ---------------------------------------------------------------------------

const key = (/** @type {string} */ doc, /** @type {number} */ id) => `${doc}#${id}`;

const kindName = (/** @type {string} */ kind, /** @type {string} */ a, /** @type {string} */ b) =>
  ({
    only_a: tr(`only ${a} tagged here`, `وسم ${a} وحده هنا`),
    only_b: tr(`only ${b} tagged here`, `وسم ${b} وحده هنا`),
    label: tr('same words, different labels', 'الكلمات نفسها، والوسوم مختلفة'),
    boundary: tr('same label, different edges', 'الوسم نفسه، والحدود مختلفة'),
    label_and_boundary: tr('different edges and labels', 'حدود ووسوم مختلفة'),
    several: tr('several spans', 'مقاطع عدّة'),
  })[kind] ?? kind;

const CHOICES = ['a', 'b', 'both', 'neither', 'edited'];
const choiceName = (/** @type {string} */ c, /** @type {string} */ a, /** @type {string} */ b) =>
  ({
    a: tr(`Pick ${a}`, `اختر ${a}`),
    b: tr(`Pick ${b}`, `اختر ${b}`),
    both: tr('Both', 'كلاهما'),
    neither: tr('Neither', 'لا أحد'),
    edited: tr('Edit…', 'تحرير…'),
  })[c];

async function startAdjudication() {
  const [ia, ib] = [Number($('adjudicate-a').value), Number($('adjudicate-b').value)];
  if (ia === ib) return compareSay(tr('Choose two different annotators as A and B.', 'اختر مُعلِّمَين مختلفَين لـ A وB.'), 'error');
  const [a, b] = [annotators[ia], annotators[ib]];
  if (!(await exchangeReady((text) => compareSay(text, 'error')))) return;
  const r = run(() => exchange.compareFiles(asSource(a), asSource(b)));
  if (!r.ok) return;
  const shown = r.value;
  Object.assign(adjudication, { a, b, shown, decisions: new Map(), merged: null });
  if (!$('adjudicator').value.trim()) $('adjudicator').value = page.core.annotator() ?? '';
  $('adjudication').hidden = false;
  renderDisagreements();
  const total = shown.comparison.documents.reduce((n, d) => n + d.disagreements.length, 0);
  const agreed = shown.comparison.documents.reduce((n, d) => n + d.agreed, 0);
  compareSay(
    tr(
      `${a.name} and ${b.name} agree on ${agreed} spans and disagree in ${total} places in ${shown.comparison.documents.length} documents.`,
      `يتّفق ${a.name} و${b.name} على ${agreed} مقطعًا ويختلفان في ${total} موضعًا في ${shown.comparison.documents.length} مستندات.`,
    ) + (shown.comparison.notes.length ? ` ${shown.comparison.notes.join(' ')}` : ''),
  );
  $('disagreements').querySelector('button')?.focus();
}

/** Offsets (`9–23`) kept left to right in the Arabic interface, where they would flip. */
function ltr(/** @type {string} */ text) {
  return Object.assign(document.createElement('bdi'), { dir: 'ltr', textContent: text });
}

function versionList(/** @type {string} */ title, /** @type {any[]} */ versions) {
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
    const text = Object.assign(document.createElement('bdi'), { lang: 'ar', dir: 'auto', className: 'span-text', textContent: v.text });
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
  shown.comparison.documents.forEach((/** @type {any} */ doc, /** @type {number} */ di) => {
    if (!doc.disagreements.length) return;
    const h = document.createElement('h3');
    h.append(
      Object.assign(document.createElement('bdi'), { textContent: doc.name }),
      tr(`: ${doc.agreed} spans agreed, ${doc.disagreements.length} disagreements`, `: ${doc.agreed} مقطعًا متّفق عليه، ${doc.disagreements.length} خلافات`),
    );
    parts.push(h);
    doc.disagreements.forEach((/** @type {any} */ g, /** @type {number} */ gi) => parts.push(disagreementView(doc, g, shown.context[di][gi], a.name, b.name)));
  });
  if (quiet.length) {
    const agreed = quiet.reduce((n, d) => n + d.agreed, 0);
    parts.push(
      Object.assign(document.createElement('p'), {
        textContent: tr(
          `${quiet.length} other document${quiet.length === 1 ? '' : 's'}: no disagreement (${agreed} spans agreed).`,
          `${quiet.length} مستندات أخرى: لا خلاف (${agreed} مقطعًا متّفق عليه).`,
        ),
      }),
    );
  }
  if (!shown.comparison.documents.length)
    parts.push(Object.assign(document.createElement('p'), { textContent: tr('The two annotators share no document.', 'لا يشترك المُعلِّمان في أي مستند.') }));
  $('disagreements').replaceChildren(...parts);
  renderProgress();
}

/** @param {any} doc @param {any} g @param {any} ctx @param {string} an @param {string} bn */
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
  context.classList.toggle('cut-before', ctx.cut_before);
  context.classList.toggle('cut-after', ctx.cut_after);
  context.dir = 'rtl';
  context.lang = 'ar';
  context.append(
    document.createTextNode(ctx.before),
    Object.assign(document.createElement('mark'), { textContent: ctx.inside }),
    document.createTextNode(ctx.after),
  );
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

/** @param {any} doc @param {any} g @param {any} choice @param {HTMLElement} box */
function decide(doc, g, choice, box) {
  const k = key(doc.document, g.id);
  const previous = adjudication.decisions.get(k);
  const versions = /** @type {any[]} */ ([...g.a, ...g.b]);
  const drafts =
    choice === 'edited'
      ? (previous?.spans ??
        versions
          .filter((v, i, all) => all.findIndex((w) => w.start === v.start && w.end === v.end && w.label === v.label) === i)
          .map((v) => ({ start: v.start, end: v.end, label: v.label, text: v.text })))
      : [];
  adjudication.decisions.set(k, { document: doc.document, disagreement: g.id, choice, spans: drafts });
  adjudication.merged = null;
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (box.querySelectorAll('.choices button')))
    button.setAttribute('aria-pressed', String(button.dataset.choice === choice));
  const di = adjudication.shown.comparison.documents.indexOf(doc);
  if (choice === 'edited') renderEdit(doc, g, adjudication.shown.context[di][doc.disagreements.indexOf(g)], box);
  else box.querySelector('.edit').replaceChildren();
  renderProgress();
}

/** The edit area: the spans that will stand, each with its label, and a way to add one from
 * a selection in the context line above. */
/** @param {any} doc @param {any} g @param {any} ctx @param {HTMLElement} box */
function renderEdit(doc, g, ctx, box) {
  const decision = adjudication.decisions.get(key(doc.document, g.id));
  const labels = adjudication.shown.labels;
  const labelSelect = (/** @type {string} */ value, /** @type {string} */ aria) => {
    const s = document.createElement('select');
    s.setAttribute('aria-label', aria);
    for (const l of /** @type {import('../pkg/alama.js').Label[]} */ (labels))
      s.append(Object.assign(document.createElement('option'), { value: l.id, textContent: `${l.id} · ${l.names[lang()]}` }));
    s.value = value;
    return s;
  };
  const list = document.createElement('ul');
  list.className = 'drafts';
  decision.spans.forEach((d, /** @type {number} */ i) => {
    const li = document.createElement('li');
    const text = Object.assign(document.createElement('bdi'), { lang: 'ar', dir: 'auto', className: 'span-text', textContent: d.text });
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
      /** @type {HTMLElement | null} */ (box.querySelector('.edit select, .edit button'))?.focus();
    });
    li.append(label, ' ', text, ' ', ltr(`${d.start}–${d.end}`), ' ', remove);
    list.append(li);
  });
  if (!decision.spans.length)
    list.append(Object.assign(document.createElement('li'), { textContent: tr('(no span: nothing is kept here)', '(لا مقطع: لا يُحفظ شيء هنا)') }));
  const add = document.createElement('p');
  const newLabel = labelSelect(labels[0]?.id, tr('Label of the span to add', 'وسم المقطع المُضاف'));
  const addButton = Object.assign(document.createElement('button'), { type: 'button', textContent: tr('Add the selected words', 'أضف الكلمات المحدّدة') });
  addButton.addEventListener('mousedown', (e) => e.preventDefault());
  addButton.addEventListener('click', () => {
    const draft = selectionIn(box.querySelector('.context'), ctx);
    if (!draft)
      return compareSay(
        tr('Select words in the line above first (with the mouse), then press Add.', 'حدّد كلمات في السطر أعلاه أولًا (بالفأرة)، ثم اضغط «أضف».'),
        'error',
      );
    if (decision.spans.some((d) => d.start === draft.start && d.end === draft.end && d.label === newLabel.value))
      return compareSay(tr('That span is already in the list.', 'هذا المقطع في القائمة بالفعل.'), 'error');
    decision.spans.push({ ...draft, label: newLabel.value });
    decision.spans.sort((x, y) => x.start - y.start || y.end - x.end);
    adjudication.merged = null;
    getSelection().removeAllRanges();
    renderEdit(doc, g, ctx, box);
    compareSay(tr(`Added ${newLabel.value} «${draft.text}».`, `أُضيف ${newLabel.value} «${draft.text}».`));
  });
  add.append(newLabel, ' ', addButton);
  const hint = Object.assign(document.createElement('p'), {
    className: 'explain',
    textContent: tr(
      'Edited spans replace both versions. Change a label, remove a span, or select words in the line above and add them.',
      'تحلّ المقاطع المحرَّرة محلّ النسختين. غيّر وسمًا، أو أزل مقطعًا، أو حدّد كلمات في السطر أعلاه وأضفها.',
    ),
  });
  box.querySelector('.edit').replaceChildren(hint, list, add);
}

/** The words selected inside a disagreement's context line, cleaned by the core, as code
 * point offsets in the document; null when nothing there is selected. */
function selectionIn(/** @type {Element} */ line, /** @type {any} */ ctx) {
  const sel = getSelection();
  if (!sel.rangeCount || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!line.contains(range.startContainer) || !line.contains(range.endContainer)) return null;
  const upTo = (/** @type {Node} */ node, /** @type {number} */ offset) => {
    const r = document.createRange();
    r.setStart(line, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  };
  const text = ctx.before + ctx.inside + ctx.after;
  const r = run(() => exchange.contextSelection(text, ctx.start, upTo(range.startContainer, range.startOffset), upTo(range.endContainer, range.endOffset)));
  return r.ok ? (r.value ?? null) : null;
}

function renderProgress() {
  const total = adjudication.shown.comparison.documents.reduce((/** @type {number} */ n, /** @type {any} */ d) => n + d.disagreements.length, 0);
  const decided = [...adjudication.decisions.values()].filter((d) => d.choice).length;
  $('adjudication-progress').textContent = tr(`${decided} of ${total} disagreements decided.`, `بُتّ في ${decided} من ${total} خلافات.`);
}

/** The decisions made so far, as the core reads them. */
const choices = () =>
  [...adjudication.decisions.values()].map(({ document, disagreement, choice, spans }) => ({
    document,
    disagreement,
    choice,
    spans: choice === 'edited' ? spans.map(({ start, end, label }) => ({ start, end, label })) : [],
  }));

const adjudicator = () => $('adjudicator').value.trim() || tr('adjudicator', 'المحكِّم');

function mergeGold() {
  const { a, b } = adjudication;
  const who = adjudicator();
  const r = run(() => exchange.mergeFiles(asSource(a), asSource(b), choices(), who, stamp()));
  if (!r.ok) return null;
  adjudication.merged = { ...r.value, adjudicator: who };
  return adjudication.merged;
}

function exportGold() {
  const merged = mergeGold();
  if (!merged) return;
  download(merged.gold.name, merged.gold.blob);
  /** @type {Record<string, number>} */
  const counts = {};
  for (const s of merged.sources) counts[s.how] = (counts[s.how] ?? 0) + 1;
  const notes = merged.notes.length ? ` ${merged.notes.map((/** @type {any} */ n) => noteItem(n).textContent).join(' ')}` : '';
  compareSay(
    tr(
      `Exported the gold file ${merged.gold.name}: ${merged.documents} documents, ${merged.spans} spans (${counts.agreed ?? 0} agreed, ${counts.picked ?? 0} picked, ${counts.edited ?? 0} edited by ${merged.adjudicator}). Each span’s annotator field names whose version it is; “Who decided what” saves the record span by span.`,
      `صُدِّر ملف المعيار ${merged.gold.name}: ${merged.documents} مستندات، ${merged.spans} مقطعًا (${counts.agreed ?? 0} متّفق عليه، ${counts.picked ?? 0} مختار، ${counts.edited ?? 0} حرّره ${merged.adjudicator}). حقل المُعلِّم في كل مقطع يسمّي صاحب نسخته؛ و«من قرّر ماذا» يحفظ السجلّ مقطعًا مقطعًا.`,
    ) + notes,
  );
}

function exportSources() {
  const merged = adjudication.merged ?? mergeGold();
  if (!merged) return;
  download(merged.record.name, merged.record.blob);
  compareSay(tr(`Saved who decided what, span by span, to ${merged.record.name}.`, `حُفظ من قرّر ماذا، مقطعًا مقطعًا، في ${merged.record.name}.`));
}

function exportDecisions() {
  const { a, b } = adjudication;
  const r = run(() => exchange.decisionsFile(asSource(a), asSource(b), choices(), $('adjudicator').value.trim(), stamp()));
  if (!r.ok) return;
  const { name, blob } = r.value;
  download(name, blob);
  compareSay(
    tr(`Saved the decisions to ${name} (alama merge A B -d ${name} reads them).`, `حُفظت القرارات في ${name} (يقرؤها الأمر alama merge A B -d ${name}).`),
  );
}

async function openGold() {
  const merged = adjudication.merged ?? mergeGold();
  if (!merged) return;
  $('compare-dialog').close();
  const file = new File([merged.json], merged.gold.name, { type: 'application/json' });
  await importWorkspace({ files: [file], format: 'alama', json: merged.json });
}

/** Opens the Annotators dialog. */
export function openCompare() {
  closeMenus();
  showStore(null);
  renderAnnotators();
  compareSay(annotators.length ? '' : tr('Add two or more annotators’ files of the same documents.', 'أضف ملفات مُعلِّمَين أو أكثر للمستندات نفسها.'));
  $('compare-dialog').showModal();
}

/**
 * What to do with the gold besides the file buttons, for work that is not files (a team
 * project's synced work: www/team/review.js): a button worded `label` that hands the merged
 * gold to `run`, with the dialog's status line to say what happened; `adjudicator` names who
 * adjudicates when the field is empty.
 * @typedef {{ label: string, adjudicator?: string, run: (merged: any, say: (text: string, kind?: string) => void) => unknown }} Store
 */

/** Shows the store button for `store`, or hides it. @param {Store | null} store */
function showStore(store) {
  let button = $('gold-store');
  if (!button && store) {
    button = Object.assign(document.createElement('button'), { type: 'button', id: 'gold-store' });
    $('gold-open').after(' ', button);
    button.addEventListener('click', () => {
      const merged = adjudication.merged ?? mergeGold();
      if (merged) adjudication.store?.run(merged, compareSay);
    });
  }
  adjudication.store = store;
  if (!button) return;
  button.hidden = !store;
  button.textContent = store?.label ?? '';
}

/**
 * Adjudicates two annotators' work given as sources (`{ name, format, files }`, as read from
 * files): the dialog opens on their disagreements, and `store` is offered for the gold.
 * @param {any} a @param {any} b @param {Store} store
 */
export async function adjudicateSources(a, b, store) {
  initAnnotators();
  closeMenus();
  annotators.splice(0, annotators.length);
  $('compare-dialog').showModal();
  if (!(await exchangeReady((text) => compareSay(text, 'error')))) return;
  for (const source of [a, b]) {
    const r = run(() => exchange.readFiles(source));
    if (!r.ok) return;
    annotators.push({ ...source, summary: r.value });
  }
  renderAnnotators();
  $('adjudicate-a').value = '0';
  $('adjudicate-b').value = '1';
  showStore(store);
  if (store.adjudicator && !$('adjudicator').value.trim()) $('adjudicator').value = store.adjudicator;
  await startAdjudication();
}

let bound = false;

/** Binds the dialog's controls (once, when the dialog is first opened: see start/main.js). */
export function initAnnotators() {
  if (bound) return;
  bound = true;
  $('annotator-add').addEventListener('click', () => $('annotator-input').click());
  $('annotator-input').addEventListener('change', async (/** @type {any} */ e) => {
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
