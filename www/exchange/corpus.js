// @ts-check
// The Corpus view (loaded the first time it is opened, with the exchange module, which
// computes the report: src/suggest/consistency.rs): spans per label and per document,
// documents by status and span lengths as charts (charts.js), the most frequent entities
// per label, and the inconsistencies. A finding or an entity opens its places side by
// side; a finding's fixes are intents the session applies, one undo step per document.

import { page } from '../state/state.js';
import { apply, attempt, say } from '../state/messages.js';
import { change } from '../state/saving.js';
import { changed, show } from '../state/events.js';
import { tr, lang } from '../words/i18n.js';
import { exchange, exchangeReady } from '../files/exchange-module.js';
import { selectSpan, textView } from '../article/article.js';
import { barChart } from './charts.js';

/** @typedef {import('../pkg/alama_exchange.js').CorpusReport} CorpusReport */
/** @typedef {import('../pkg/alama_exchange.js').Finding} Finding */
/** @typedef {import('../pkg/alama_exchange.js').CorpusPlace} CorpusPlace */
/** @typedef {import('../pkg/alama_exchange.js').Fix} Fix */

/** Places shown for one finding or entity; the rest are counted. */
const SHOWN = 40;
/** Documents drawn in the spans-per-document chart. */
const DOCUMENTS = 30;

/** @returns {HTMLElement} */
const make = (/** @type {string} */ tag, /** @type {Record<string, any>} */ props = {}, /** @type {(Node | string)[]} */ children = []) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

/** A label's name in the interface's language. */
const labelName = (/** @type {string} */ id) => {
  const l = page.labels.find((x) => x.id === id);
  return l ? (lang() === 'ar' ? l.names.ar : l.names.en) : id;
};
const labelColor = (/** @type {string} */ id) => page.labels.find((x) => x.id === id)?.color ?? '#777';

/** Span text from a document: its own direction, never the interface's (سوخوي-35 as in the article). */
const words = (/** @type {string} */ text) => make('bdi', { lang: 'ar', dir: 'auto', className: 'span-text', textContent: text });

function chip(/** @type {string | undefined} */ label) {
  const c = make('span', { className: 'chip', textContent: label ?? tr('untagged', 'غير موسوم') });
  if (label) c.dataset.label = label;
  else c.classList.add('untagged');
  return c;
}

const KIND = () => ({
  labels: tr('Different labels', 'وسوم مختلفة'),
  untagged: tr('Tagged here, untagged there', 'موسوم هنا وغير موسوم هناك'),
  boundaries: tr('Different boundaries', 'حدود مختلفة'),
});

/** What a finding's places hold, counted: labels, forms, or tagged and untagged. */
function summary(/** @type {Finding} */ f) {
  if (f.kind === 'untagged') {
    const untagged = f.places.filter((p) => p.span === undefined).length;
    return tr(`tagged ×${f.places.length - untagged}, untagged ×${untagged}`, `موسوم ×${f.places.length - untagged}، غير موسوم ×${untagged}`);
  }
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (const p of f.places) {
    const what = f.kind === 'labels' ? labelName(p.label ?? '') : `«${p.text}»`;
    seen.set(what, (seen.get(what) ?? 0) + 1);
  }
  return [...seen].map(([w, n]) => `${w} ×${n}`).join(tr(', ', '، '));
}

/** The words of a fix's button. */
function fixWords(/** @type {Fix} */ fix) {
  if ('relabel' in fix) {
    const n = fix.relabel.spans.length;
    return tr(`Relabel all as ${labelName(fix.relabel.label)} (${n} to change)`, `غيّر وسم الكل إلى ${labelName(fix.relabel.label)} (${n} للتغيير)`);
  }
  if ('suggest' in fix) {
    const n = fix.suggest.spots.length;
    return tr(`Suggest the ${n} untagged as ${labelName(fix.suggest.label)}`, `اقترح غير الموسومة (${n}) بوسم ${labelName(fix.suggest.label)}`);
  }
  const n = fix.align.spans.length;
  return tr(`Align all as «${fix.align.text}» (${n} to change)`, `وحّد الحدود على «${fix.align.text}» (${n} للتغيير)`);
}

/** Applies a fix through the session: one undo step in each document it changes. */
function runFix(/** @type {Fix} */ fix) {
  const tell = (/** @type {string} */ text, kind = 'info') => {
    const status = /** @type {HTMLElement} */ (dialog().querySelector('#corpus-status'));
    status.textContent = text;
    status.className = kind;
    say(text, kind);
  };
  return change(() => {
    /** @type {import('../pkg/alama.js').Intent} */
    const intent =
      'relabel' in fix
        ? { relabelSpans: { spans: fix.relabel.spans, label: fix.relabel.label } }
        : 'suggest' in fix
          ? { suggest: { spots: fix.suggest.spots } }
          : { resizeSpans: { spans: fix.align.spans } };
    const r = apply(intent, tell);
    if (!r.ok) return;
    changed();
    const n = r.value.count ?? 0;
    if ('suggest' in fix)
      tell(
        tr(
          `Suggested ${n} place${n === 1 ? '' : 's'}: accept them in the Suggestions panel (Shift+A accepts all, one undo step per document).`,
          `اقتُرح ${n} موضعًا: اقبلها في لوحة الاقتراحات (Shift+A يقبل الكل، بخطوة تراجع واحدة لكل مستند).`,
        ),
      );
    else
      tell(
        tr(
          `Changed ${n} span${n === 1 ? '' : 's'} (Ctrl+Z undoes the fix in each document, as one step).`,
          `تغيّر ${n} مقطعًا (Ctrl+Z يتراجع عن الإصلاح في كل مستند، بخطوة واحدة).`,
        ),
      );
    render();
  });
}

/** Opens a place in the article: its document, the span selected (or the text shown). */
function openPlace(/** @type {CorpusPlace} */ p) {
  /** @type {HTMLDialogElement} */ (dialog()).close();
  show(p.doc);
  textView.reveal(p.start, p.end);
  if (p.span !== undefined) selectSpan(p.span);
}

/** The places of a finding or an entity, side by side, and the finding's fixes. */
function showPlaces(/** @type {string} */ title, /** @type {CorpusPlace[]} */ places, /** @type {Fix[]} */ fixes) {
  const box = /** @type {HTMLElement} */ (dialog().querySelector('#corpus-places'));
  const cards = places
    .slice(0, SHOWN)
    .map((p) =>
      make('li', { className: 'place' }, [
        make('div', { className: 'place-head' }, [chip(p.label), ' ', make('bdi', { className: 'doc-title', textContent: page.core.document(p.doc).title })]),
        make('p', { className: 'context', lang: 'ar', dir: 'rtl' }, [p.before, make('mark', { textContent: p.text }), p.after]),
        make('button', { type: 'button', className: 'open-place', textContent: tr('Open', 'افتح'), onclick: () => openPlace(p) }),
      ]),
    );
  if (places.length > SHOWN)
    cards.push(make('li', { className: 'more', textContent: tr(`… and ${places.length - SHOWN} more`, `… و${places.length - SHOWN} غيرها`) }));
  box.replaceChildren(
    make('h3', {}, [words(title), ` (${places.length})`]),
    make(
      'div',
      { className: 'fixes' },
      fixes.map((f) => make('button', { type: 'button', className: 'fix', textContent: fixWords(f), onclick: () => runFix(f) })),
    ),
    make('ol', { className: 'places' }, cards),
  );
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

function charts(/** @type {CorpusReport} */ r) {
  const rtl = lang() === 'ar';
  const figure = (/** @type {string} */ title, /** @type {SVGElement} */ svg) => make('figure', {}, [make('figcaption', { textContent: title }), svg]);
  const perLabel = r.labels.map((l) => ({ name: labelName(l.label), value: l.spans, color: labelColor(l.label) }));
  const statuses = [
    { name: tr('New', 'جديد'), value: r.statuses.new, color: '#999999' },
    { name: tr('In progress', 'قيد العمل'), value: r.statuses.inProgress, color: '#E69F00' },
    { name: tr('Done', 'منجَز'), value: r.statuses.done, color: '#009E73' },
  ];
  const lengths = r.lengths.map((n, i) => ({
    name: i === r.lengths.length - 1 ? tr(`${i + 1}+ words`, `${i + 1} كلمات فأكثر`) : tr(`${i + 1} word${i ? 's' : ''}`, `${i + 1} ${i ? 'كلمات' : 'كلمة'}`),
    value: n,
    color: '#56B4E9',
  }));
  const docs = r.perDocument.slice(0, DOCUMENTS).map((d) => ({
    name: [...page.core.document(d.doc).title].slice(0, 28).join(''),
    value: d.spans,
    parts: d.labels.map((n, i) => ({ value: n, color: labelColor(r.labels[i].label), name: labelName(r.labels[i].label) })),
  }));
  const out = [
    figure(tr('Spans per label', 'المقاطع لكل وسم'), barChart(perLabel, { title: tr('Spans per label', 'المقاطع لكل وسم'), rtl })),
    figure(tr('Documents by status', 'المستندات حسب الحالة'), barChart(statuses, { title: tr('Documents by status', 'المستندات حسب الحالة'), rtl })),
    figure(tr('Span lengths', 'أطوال المقاطع'), barChart(lengths, { title: tr('Span lengths', 'أطوال المقاطع'), rtl })),
    figure(
      tr('Spans per document', 'المقاطع لكل مستند') + (r.perDocument.length > DOCUMENTS ? tr(` (the first ${DOCUMENTS})`, ` (أول ${DOCUMENTS})`) : ''),
      barChart(docs, { title: tr('Spans per document', 'المقاطع لكل مستند'), rtl, width: 560, nameWidth: 220 }),
    ),
  ];
  return make('section', { className: 'charts' }, out);
}

function entities(/** @type {CorpusReport} */ r) {
  const groups = r.entities
    .filter((l) => l.entities.length)
    .map((l) =>
      make('div', { className: 'entity-group' }, [
        make('h4', {}, [chip(l.label), ' ', labelName(l.label)]),
        make(
          'ol',
          {},
          l.entities.map((e) =>
            make('li', {}, [
              make('button', { type: 'button', className: 'entity', onclick: () => showPlaces(e.text, e.places, []) }, [words(e.text), ` ×${e.count}`]),
            ]),
          ),
        ),
      ]),
    );
  return make('section', { className: 'entities' }, [
    make('h3', { textContent: tr('Most frequent entities', 'الكيانات الأكثر ورودًا') }),
    groups.length ? make('div', { className: 'entity-groups' }, groups) : make('p', { textContent: tr('No span yet.', 'لا مقاطع بعد.') }),
  ]);
}

function findings(/** @type {CorpusReport} */ r) {
  const kinds = KIND();
  const items = r.findings.map((f) =>
    make('li', { className: `finding-${f.kind}` }, [
      make('button', { type: 'button', className: 'finding', onclick: () => showPlaces(f.text, f.places, f.fixes) }, [
        make('span', { className: 'kind', textContent: kinds[f.kind] }),
        ' ',
        words(f.text),
        ' ',
        make('span', { className: 'summary', textContent: summary(f) }),
      ]),
    ]),
  );
  return make('section', { className: 'findings' }, [
    make('h3', { textContent: tr(`Inconsistencies (${r.findings.length})`, `مواضع عدم الاتساق (${r.findings.length})`) }),
    items.length ? make('ol', { id: 'finding-list' }, items) : make('p', { textContent: tr('No inconsistency found.', 'لم يُعثَر على عدم اتساق.') }),
  ]);
}

/** The view's own styles, loaded with it (not at start). */
const STYLE = `
  #corpus-dialog h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
  #corpus-dialog .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 0.5rem 1.5rem; }
  #corpus-dialog figure { margin: 0; }
  #corpus-dialog figcaption { font-weight: 600; font-size: 0.9rem; margin-bottom: 0.2rem; }
  #corpus-dialog svg.chart { max-width: 100%; height: auto; }
  #corpus-dialog .chart-name, #corpus-dialog .chart-value { font-size: 12px; fill: var(--ink); }
  #corpus-dialog .chart-name[direction="rtl"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; font-size: 14px; }
  #corpus-dialog .entity-groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.5rem 1rem; }
  #corpus-dialog h4 { margin: 0.3rem 0; font-size: 0.9rem; }
  #corpus-dialog ol { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
  #corpus-dialog .findings ol { flex-direction: column; }
  #corpus-dialog .finding { text-align: start; width: 100%; }
  #corpus-dialog .kind { font-weight: 600; }
  #corpus-dialog .summary { color: var(--muted); font-size: 0.85rem; }
  #corpus-dialog .span-text { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; font-size: 1.05rem; unicode-bidi: isolate; }
  #corpus-dialog .chip { white-space: nowrap; }
  #corpus-dialog .chip.untagged { background: transparent; border: 1px dashed var(--muted); }
  #corpus-places { border-top: 1px solid var(--line); margin-top: 1rem; }
  #corpus-places .fixes { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.4rem 0; }
  #corpus-places .places { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 0.5rem; }
  #corpus-places .place { border: 1px solid var(--line); border-radius: 8px; padding: 0.4rem 0.6rem; background: var(--paper); }
  #corpus-places .place-head { display: flex; gap: 0.4rem; align-items: baseline; font-size: 0.8rem; color: var(--muted); }
  #corpus-places .context { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; font-size: 1.1rem; line-height: 1.9; margin: 0.2rem 0; white-space: normal; }
  #corpus-places .context mark { background: rgb(255 214 0 / 0.45); color: var(--ink); }
  #corpus-status { min-height: 1.2em; font-size: 0.9rem; color: var(--muted); }
  #corpus-status.error { color: var(--error); font-weight: 600; }`;

/** The dialog, made the first time. */
function dialog() {
  const there = document.getElementById('corpus-dialog');
  if (there) return there;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const d = make('dialog', { id: 'corpus-dialog', className: 'wide' });
  d.setAttribute('aria-labelledby', 'corpus-title');
  d.append(
    make('h2', { id: 'corpus-title' }),
    make('p', { id: 'corpus-summary' }),
    make('p', { id: 'corpus-status', role: 'status' }),
    make('div', { id: 'corpus-body' }),
    make('section', { id: 'corpus-places', hidden: true }),
    make('form', { method: 'dialog', className: 'dialog-actions' }, [make('button', { type: 'submit', id: 'corpus-close' })]),
  );
  document.body.append(d);
  return d;
}

/** Computes the report again and draws it. */
function render() {
  const d = dialog();
  const r = attempt(() => /** @type {CorpusReport} */ (exchange.corpusReport(page.core.exportBytes())));
  if (!r.ok) return;
  const report = r.value;
  /** @type {HTMLElement} */ (d.querySelector('#corpus-title')).textContent = tr('Corpus', 'المدوّنة');
  /** @type {HTMLElement} */ (d.querySelector('#corpus-close')).textContent = tr('Close', 'إغلاق');
  /** @type {HTMLElement} */ (d.querySelector('#corpus-summary')).textContent = tr(
    `${report.documents} document${report.documents === 1 ? '' : 's'}, ${report.spans} span${report.spans === 1 ? '' : 's'}.`,
    `${report.documents} مستندات، ${report.spans} مقطعًا.`,
  );
  /** @type {HTMLElement} */ (d.querySelector('#corpus-body')).replaceChildren(charts(report), entities(report), findings(report));
  /** @type {HTMLElement} */ (d.querySelector('#corpus-places')).hidden = true;
  d.dataset.findings = String(report.findings.length);
}

/** Opens the Corpus view, loading the exchange module if it is not loaded yet. */
export async function openCorpus() {
  if (!(await exchangeReady((text) => say(text, 'error')))) return;
  render();
  const status = /** @type {HTMLElement} */ (dialog().querySelector('#corpus-status'));
  status.textContent = '';
  const d = /** @type {HTMLDialogElement} */ (dialog());
  if (!d.open) d.showModal();
}
