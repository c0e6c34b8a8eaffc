// @ts-check
// The second half of the lead's (and adjudicators') progress view: agreement between the
// annotators of each document, per label and per document, drawn as SVG bars; one
// document's annotations side by side, read only; adjudication of two annotators' synced
// work, in the Annotators… dialog, with the gold stored back in PROJECT/gold/DOC; and the
// gold exported in any format. The exchange module computes every figure and does every
// merge and export, on the synced work laid out as Alama workspaces (www/team/work.js);
// this module only draws. Names, labels and texts come from the server: all set as text.

import { page, stamp } from '../state/state.js';
import { attempt } from '../state/messages.js';
import { lang } from '../words/i18n.js';
import { formatName } from '../words/formats.js';
import { agreementWords, teamRefusal } from '../words/team.js';
import { exchange, exchangeReady, exchangeLoaded } from '../files/exchange-module.js';
import { download } from '../files/files.js';
import { goldSpans, hashAll, labelSet, uniqueNames, workspaceBytes } from './work.js';

const SVG = 'http://www.w3.org/2000/svg';
const BAR = '#0072b2'; // Okabe–Ito blue
const FORMATS = ['alama', 'jsonl', 'brat', 'label-studio', 'conll', 'hf', 'webanno', 'prodigy'];

/** @typedef {import('./model.js').CorpusDocument} CorpusDocument */
/** @typedef {{ name: string, text: string, value: number | null, shown: string, title: string, data: Record<string, string> }} Bar */

const svg = (/** @type {string} */ tag, /** @type {Record<string, string | number>} */ attrs = {}) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
};
const html = (/** @type {string} */ tag, /** @type {string} */ text = '') => {
  const el = document.createElement(tag);
  if (text) el.textContent = text;
  return el;
};

/**
 * A bar chart: a line a bar, under group headings, bars from 0 to 1 (F1); mirrored in the
 * Arabic interface, so that names stand at the right and bars grow leftwards.
 * @param {{ heading: string, bars: Bar[] }[]} groups @param {string} aria @param {string} id
 */
function chart(groups, aria, id) {
  const rtl = lang() === 'ar';
  const [W, nameW, barW, H, gap] = [720, 260, 340, 20, 6];
  const lines = groups.flatMap((g) => [{ heading: g.heading }, ...g.bars.map((bar) => ({ bar }))]);
  const height = lines.length * (H + gap) + gap;
  // In the Arabic interface the chart's direction is right to left, so a text's start (where
  // `x` puts it) is its right edge: every x is mirrored and every text anchored at its start.
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${height}`,
    width: W,
    height,
    'font-size': 14,
    role: 'img',
    'aria-label': aria,
    id,
    direction: rtl ? 'rtl' : 'ltr',
  });
  const at = (/** @type {number} */ x, /** @type {number} */ w = 0) => (rtl ? W - x - w : x);
  const anchor = 'start';
  lines.forEach((line, i) => {
    const y = gap + i * (H + gap);
    if ('heading' in line) {
      const t = svg('text', { x: at(0), y: y + H * 0.75, 'text-anchor': anchor, 'font-weight': 'bold' });
      t.textContent = line.heading ?? '';
      root.append(t);
      return;
    }
    const bar = /** @type {Bar} */ (line.bar);
    const name = svg('text', { x: at(12), y: y + H * 0.75, 'text-anchor': anchor });
    name.textContent = [...bar.name].length > 30 ? `${[...bar.name].slice(0, 29).join('')}…` : bar.name;
    root.append(name);
    root.append(svg('rect', { x: at(nameW, barW), y, width: barW, height: H, fill: '#eeeeee' }));
    const w = Math.max(0, Math.min(1, bar.value ?? 0)) * barW;
    const rect = svg('rect', { x: at(nameW, w), y, width: w, height: H, fill: BAR, class: 'team-bar' });
    for (const [k, v] of Object.entries(bar.data)) rect.dataset[k] = v;
    rect.dataset.value = String(bar.value ?? '');
    const title = svg('title');
    title.textContent = bar.title;
    rect.append(title);
    root.append(rect);
    const value = svg('text', { x: at(nameW + barW + 8), y: y + H * 0.75, 'text-anchor': anchor, class: 'team-figure' });
    for (const [k, v] of Object.entries(bar.data)) value.dataset[k] = v;
    value.textContent = bar.shown;
    root.append(value);
  });
  return root;
}

/** One column of the side-by-side view: `spans` (UTF-16 units) marked in the text, then listed. */
export function column(/** @type {string} */ title, /** @type {CorpusDocument} */ d, /** @type {any[]} */ spans) {
  const w = agreementWords(lang());
  const box = html('div');
  box.className = 'team-side-column';
  box.style.minWidth = '0';
  box.append(html('h4', `${title} · ${w.spans(spans.length)}`));
  const text = html('p');
  text.dir = 'rtl';
  text.lang = 'ar';
  text.style.whiteSpace = 'pre-wrap';
  text.style.lineHeight = '2';
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  let at = 0;
  for (const s of sorted) {
    if (s.start < at || s.end > d.text.length || s.start >= s.end) continue; // overlapping: listed below only
    text.append(document.createTextNode(d.text.slice(at, s.start)));
    const mark = html('mark', d.text.slice(s.start, s.end));
    mark.dataset.label = s.label;
    mark.title = s.label;
    mark.append(html('sub', s.label));
    text.append(mark);
    at = s.end;
  }
  text.append(document.createTextNode(d.text.slice(at)));
  const list = html('ul');
  for (const s of sorted) {
    const li = html('li');
    const label = html('b', s.label);
    const words_ = html('bdi', d.text.slice(s.start, s.end));
    words_.lang = 'ar';
    li.append(label, ' ', words_);
    list.append(li);
  }
  if (!sorted.length) list.append(html('li', w.noSpans));
  box.append(text, list);
  return box;
}

/**
 * @param {{ sync: any, client: any, project: any, membership: any, work: Map<string, any>,
 *   annotators: [string, { name: string, role: string }][], corpus: CorpusDocument[],
 *   assigned: (doc: CorpusDocument) => string[], redraw: () => void, close: () => void }} parts
 */
export function review(parts) {
  const { sync, client, project, membership, work, annotators, corpus, assigned, redraw } = parts;
  const words = () => agreementWords(lang());
  const names = new Map(annotators.map(([id], i) => [id, uniqueNames(annotators.map(([, m]) => m.name))[i]]));
  const state = {
    /** @type {string | null} */ side: null,
    a: annotators[0]?.[0] ?? '',
    b: annotators[1]?.[0] ?? '',
    doc: '',
    format: 'alama',
    ready: false,
    /** @type {{ text: string, kind: string } | null} */ said: null,
  };
  /** @type {Map<string, any>} doc id -> the opened gold document */
  const gold = new Map();
  for (const d of corpus) {
    const opened = client.open(sync.goldDoc(membership.project, d.id));
    gold.set(d.id, opened);
    opened.doc.on('update', redraw);
    opened.synced.catch(redraw); // refused: the progress view words it
  }
  Promise.all([hashAll(corpus), exchangeReady((text) => tell(text, 'error'))]).then(([, ok]) => {
    state.ready = ok && exchangeLoaded();
    redraw();
  });

  /** @param {string} text @param {string} kind */
  function tell(text, kind = 'info') {
    state.said = { text, kind };
    const el = document.getElementById('team-review-status');
    if (el) ((el.textContent = text), (el.className = kind));
  }
  const run = (/** @type {() => any} */ call) => attempt(call, tell);

  const hasWork = (/** @type {string} */ id, /** @type {CorpusDocument} */ d) => work.has(`${id}/${d.id}`) && assigned(d).includes(id);
  const labels = () => {
    const used = new Set();
    for (const opened of [...work.values(), ...gold.values()]) for (const s of sync.spans(opened.doc).values()) used.add(s.label);
    return labelSet(project.doc.getMap('meta').get('labels') ?? [], page.core?.labels?.() ?? [], used);
  };
  /** One annotator's work on `docs`, as the exchange module reads a file. @param {string} id @param {CorpusDocument[]} docs @param {any[]} set */
  const source = (id, docs, set) => {
    const name = /** @type {string} */ (names.get(id));
    const opened = (/** @type {CorpusDocument} */ d) => work.get(`${id}/${d.id}`);
    const bytes = workspaceBytes(
      docs,
      set,
      (d) => [...sync.spans(opened(d).doc).values()],
      (d) => sync.statusOf(opened(d).doc),
    );
    return { name, format: /** @type {const} */ ('alama'), predictions: false, files: [{ name: `${name}.json`, bytes }] };
  };

  /** Agreement per label (every pair, over the documents they share) and per document. */
  function agreementSection() {
    const w = words();
    const section = html('section');
    section.id = 'team-agreement';
    section.append(html('h3', w.agreement));
    if (!state.ready) {
      section.append(html('p', w.loading));
      return section;
    }
    const set = labels();
    const who = annotators.map(([id]) => id).filter((id) => corpus.some((d) => hasWork(id, d)));
    /** @type {{ heading: string, bars: Bar[] }[]} */
    const byLabel = [];
    if (who.length >= 2) {
      const r = run(() =>
        exchange.agreement(
          who.map((id) =>
            source(
              id,
              corpus.filter((d) => hasWork(id, d)),
              set,
            ),
          ),
        ),
      );
      if (r.ok) {
        r.value.pairs.forEach((/** @type {any} */ p, /** @type {number} */ i) => {
          if (!p.documents) return;
          const printed = r.value.printed[i];
          /** A label's id and its name in the interface's language (the page's label buttons show both). @param {string} id */
          const named = (id) => {
            const name = set.find((l) => l.id === id)?.names?.[lang()];
            return name && name !== id ? `${id} · ${name}` : id;
          };
          const bar = (/** @type {string} */ label, /** @type {any} */ s, /** @type {any} */ shown, /** @type {string} */ key) => ({
            name: key === 'overall' ? label : named(label),
            text: label,
            value: s.exact.f1,
            shown: shown.f1,
            title: w.barTitle(label, shown.f1, shown.kappa ?? w.na, s.exact.a_spans, s.exact.b_spans, s.exact.matched),
            data: { a: p.a, b: p.b, label: key },
          });
          byLabel.push({
            heading: w.pair(p.a, p.b),
            bars: [bar(w.overall, p.overall, printed.overall, 'overall'), ...printed.labels.map(([l, shown]) => bar(l, p.labels[l], shown, l))],
          });
        });
      }
    }
    /** @type {{ heading: string, bars: Bar[] }[]} */
    const byDoc = [];
    for (const d of corpus) {
      const them = annotators.map(([id]) => id).filter((id) => hasWork(id, d));
      if (them.length < 2) continue;
      const r = run(() => exchange.agreement(them.map((id) => source(id, [d], set))));
      if (!r.ok) continue;
      // A pair neither of whom tagged anything in the document has nothing to agree on.
      const pairs = r.value.pairs
        .map((/** @type {any} */ p, /** @type {number} */ i) => ({ p, i }))
        .filter(({ p }) => p.overall.exact.a_spans + p.overall.exact.b_spans > 0);
      if (!pairs.length) continue;
      byDoc.push({
        heading: d.name,
        bars: pairs.map(({ p, i }) => {
          const shown = r.value.printed[i].overall;
          return {
            name: w.pair(p.a, p.b),
            text: p.a,
            value: p.overall.exact.f1,
            shown: shown.f1,
            title: w.barTitle(w.overall, shown.f1, shown.kappa ?? w.na, p.overall.exact.a_spans, p.overall.exact.b_spans, p.overall.exact.matched),
            data: { doc: d.id, a: p.a, b: p.b },
          };
        }),
      });
    }
    if (!byLabel.length && !byDoc.length) {
      section.append(html('p', w.none));
      return section;
    }
    if (byLabel.length) section.append(html('h4', w.byLabel), chart(byLabel, w.byLabel, 'team-agreement-labels'));
    if (byDoc.length) section.append(html('h4', w.byDocument), chart(byDoc, w.byDocument, 'team-agreement-documents'));
    const explain = html('p', w.explain);
    explain.className = 'explain';
    section.append(explain);
    return section;
  }

  function sideBySide() {
    const d = corpus.find((x) => x.id === state.side);
    if (!d) return null;
    const w = words();
    const section = html('section');
    section.id = 'team-side';
    section.dataset.doc = d.id;
    section.append(html('h3', w.sideOf(d.name)));
    const grid = html('div');
    grid.style.display = 'grid';
    grid.style.gap = '1em';
    const columns = [];
    for (const [id] of annotators) {
      if (!hasWork(id, d)) continue;
      const c = column(/** @type {string} */ (names.get(id)), d, [...sync.spans(work.get(`${id}/${d.id}`).doc).values()]);
      c.dataset.member = id;
      columns.push(c);
    }
    const g = gold.get(d.id);
    if (g && sync.spans(g.doc).size) {
      const c = column(w.gold, d, [...sync.spans(g.doc).values()]);
      c.dataset.gold = 'true';
      columns.push(c);
    }
    grid.style.gridTemplateColumns = `repeat(${Math.max(1, columns.length)}, minmax(0, 1fr))`;
    grid.append(...columns);
    const hide = html('button', w.sideClose);
    /** @type {HTMLButtonElement} */ (hide).type = 'button';
    hide.addEventListener('click', () => {
      state.side = null;
      redraw();
    });
    section.append(grid, hide);
    return section;
  }

  /** The "Side by side" button of a document's row. @param {CorpusDocument} d */
  function sideButton(d) {
    const b = html('button', words().side);
    /** @type {HTMLButtonElement} */ (b).type = 'button';
    b.dataset.side = d.id;
    b.addEventListener('click', () => {
      state.side = d.id;
      redraw();
    });
    return b;
  }

  /** @param {string} id @param {string} label @param {[string, string][]} options @param {string} value @param {(v: string) => void} set */
  function select(id, label, options, value, set) {
    const l = html('label', `${label} `);
    const s = /** @type {HTMLSelectElement} */ (html('select'));
    s.id = id;
    for (const [v, text] of options) {
      const o = /** @type {HTMLOptionElement} */ (html('option', text));
      o.value = v;
      s.append(o);
    }
    s.value = value;
    s.addEventListener('change', () => set(s.value));
    l.append(s);
    return l;
  }

  function adjudicationSection() {
    const w = words();
    const section = html('section');
    section.id = 'team-adjudicate';
    section.append(html('h3', w.adjudicate));
    const who = annotators.map(([id]) => /** @type {[string, string]} */ ([id, names.get(id) ?? id]));
    const docs = /** @type {[string, string][]} */ ([['', w.allDocuments], ...corpus.map((d) => [d.id, d.name])]);
    const go = html('button', w.run);
    /** @type {HTMLButtonElement} */ (go).type = 'button';
    go.id = 'team-adjudicate-run';
    go.addEventListener('click', adjudicate);
    const p = html('p');
    p.append(
      select('team-adjudicate-a', 'A', who, state.a, (v) => (state.a = v)),
      ' ',
      select('team-adjudicate-b', 'B', who, state.b, (v) => (state.b = v)),
      ' ',
      select('team-adjudicate-doc', w.document, docs, state.doc, (v) => (state.doc = v)),
      ' ',
      go,
    );
    section.append(p);
    // The gold, and its export in any format.
    const withGold = corpus.filter((d) => gold.get(d.id) && sync.spans(gold.get(d.id).doc).size);
    const count = html('p', w.goldCount(withGold.length));
    count.id = 'team-gold-count';
    count.dataset.count = String(withGold.length);
    const ex = html('button', w.exportGold);
    /** @type {HTMLButtonElement} */ (ex).type = 'button';
    ex.id = 'team-gold-export';
    ex.addEventListener('click', () => exportGold(withGold));
    const formats = /** @type {[string, string][]} */ (FORMATS.map((f) => [f, formatName(f)]));
    const q = html('p');
    q.append(
      select('team-gold-format', w.format, formats, state.format, (v) => (state.format = v)),
      ' ',
      ex,
    );
    const status = html('p', state.said?.text ?? '');
    status.id = 'team-review-status';
    status.setAttribute('role', 'status');
    status.className = state.said?.kind ?? '';
    section.append(html('h3', w.gold), count, q, status);
    return section;
  }

  async function adjudicate() {
    const w = words();
    if (state.a === state.b) return tell(w.same, 'error');
    const docs = (state.doc ? corpus.filter((d) => d.id === state.doc) : corpus).filter((d) => hasWork(state.a, d) && hasWork(state.b, d));
    if (!docs.length) return tell(w.shared, 'error');
    if (!state.ready) return tell(w.loading);
    const set = labels();
    const [a, b] = [source(state.a, docs, set), source(state.b, docs, set)];
    const dialog = await import('../exchange/annotators.js');
    parts.close();
    await dialog.adjudicateSources(a, b, {
      label: w.store,
      adjudicator: project.doc.getMap('members').get(membership.member)?.name,
      run: (/** @type {any} */ merged, /** @type {any} */ say) => storeGold(merged, say, [a.name, b.name]),
    });
  }

  /** Stores the merged gold in PROJECT/gold/DOC, each document whole, and says when PostgreSQL holds it. */
  async function storeGold(/** @type {any} */ merged, /** @type {(text: string, kind?: string) => void} */ say, /** @type {string[]} */ from) {
    const w = words();
    say(w.storing);
    const docs = goldSpans(merged.json);
    const opened = docs.map((g) => ({ g, o: client.open(sync.goldDoc(membership.project, g.id)) }));
    try {
      await Promise.all(opened.map(({ o }) => o.synced));
    } catch (e) {
      return say(teamRefusal(lang(), /** @type {any} */ (e).code), 'error');
    }
    for (const { g, o } of opened) {
      client.change(o, () => {
        const map = sync.spans(o.doc);
        for (const key of [...map.keys()]) map.delete(key);
        for (const s of g.spans) sync.addSpan(o.doc, s);
        const meta = o.doc.getMap('meta');
        meta.set('adjudicator', membership.member);
        meta.set('from', from);
        meta.set('at', Date.now());
      });
    }
    // Stored means in PostgreSQL (docs/team.md): wait until the server says so.
    while (opened.some(({ o }) => o.pending.length || o.refused)) {
      const refused = opened.find(({ o }) => o.refused);
      if (refused) return say(teamRefusal(lang(), refused.o.refused), 'error');
      await new Promise((r) => setTimeout(r, 100));
    }
    document.body.dataset.teamGold = String(docs.length);
    say(
      w.stored(
        docs.length,
        docs.reduce((n, g) => n + g.spans.length, 0),
      ),
    );
  }

  /** @param {CorpusDocument[]} docs */
  function exportGold(docs) {
    const w = words();
    if (!docs.length) return tell(w.noGold, 'error');
    if (!state.ready) return tell(w.loading);
    const bytes = workspaceBytes(
      docs,
      labels(),
      (d) => [...sync.spans(gold.get(d.id).doc).values()],
      () => 'done',
    );
    const name = `${project.doc.getMap('meta').get('name') ?? membership.project}-gold`;
    const r = run(() => exchange.exportAs(bytes, /** @type {any} */ (state.format), false, name, stamp()));
    if (!r.ok) return;
    download(r.value.name, r.value.blob);
    tell(w.exported(r.value.name));
  }

  return {
    /** The sections drawn below the progress chart and table. */
    sections: () => /** @type {HTMLElement[]} */ ([agreementSection(), sideBySide(), adjudicationSection()].filter(Boolean)),
    sideButton,
    destroy() {
      for (const opened of gold.values()) opened.doc.off('update', redraw);
    },
  };
}
