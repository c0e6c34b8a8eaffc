// @ts-check
// The team's synced work as Alama workspaces, for the exchange module (src/web/exchange.rs)
// to do what it does with files: agreement, adjudication, export. Loaded with the progress
// view (www/team/progress.js), never at start-up. Nothing here counts or decides: this
// module only lays the Yjs spans out as the canonical export (docs/export-format.md) and
// reads the gold the core merged back into Yjs spans. The core checks every byte it is
// given (text against its SHA-256, each span's text against its offsets, labels), so a
// mistake here is refused by the core, never counted.

/** @typedef {import('./model.js').CorpusDocument} CorpusDocument */
/** @typedef {import('./model.js').TeamSpan} TeamSpan */
/** @typedef {{ id: string, names: { ar: string, en: string }, color: string }} Label */

/** @type {Map<string, string>} text -> sha256 (hex), computed once a text */
const hashes = new Map();

/** Computes (once) the SHA-256 of every text, which the canonical export carries. @param {CorpusDocument[]} docs */
export async function hashAll(docs) {
  for (const d of docs) {
    if (hashes.has(d.text)) continue;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(d.text));
    hashes.set(d.text, [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));
  }
}

/** @type {Map<string, { points: Uint32Array, units: Uint32Array }>} text -> offset tables */
const tables = new Map();

/**
 * Offset tables of a text: `points[u]` is the code point at UTF-16 unit `u` (the page's and
 * the Yjs spans' unit), `units[p]` the UTF-16 unit where code point `p` starts (the
 * export's unit). @param {string} text
 */
function offsets(text) {
  let t = tables.get(text);
  if (t) return t;
  const points = new Uint32Array(text.length + 1);
  const units = [];
  let p = 0;
  for (let u = 0; u < text.length; u++) {
    points[u] = p;
    const c = text.charCodeAt(u);
    units.push(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) points[++u] = p;
    p++;
  }
  points[text.length] = p;
  units.push(text.length);
  t = { points, units: Uint32Array.from(units) };
  if (tables.size > 256) tables.clear();
  tables.set(text, t);
  return t;
}

/** A span of the Yjs map in the export's code points. @param {string} text @param {TeamSpan} s */
export function toPoints(text, s) {
  const { points } = offsets(text);
  return { start: points[s.start] ?? s.start, end: points[s.end] ?? s.end };
}

/** A span of the export in the page's UTF-16 units. @param {string} text @param {{ start: number, end: number }} s */
export function toUnits(text, s) {
  const { units } = offsets(text);
  return { start: units[s.start] ?? s.start, end: units[s.end] ?? s.end };
}

/**
 * The label set for a workspace: the project's, then any other label the page knows, then
 * (named by its id) any label a span uses that neither has, so that no span is refused for
 * its label alone.
 * @param {Label[]} project @param {Label[]} known @param {Iterable<string>} used
 */
export function labelSet(project, known, used) {
  /** @type {Label[]} */
  const out = [];
  const has = (/** @type {string} */ id) => out.some((l) => l.id === id);
  for (const l of [...project, ...known]) if (l && typeof l.id === 'string' && !has(l.id)) out.push({ id: l.id, names: l.names, color: l.color });
  for (const id of used) if (!has(id)) out.push({ id, names: { ar: id, en: id }, color: '#999999' });
  return out;
}

/**
 * One person's work on `docs` as the bytes of an Alama workspace (format "alama", version 1).
 * `spansOf(doc)` gives that person's Yjs spans of a document (positions in UTF-16 units),
 * `statusOf(doc)` its status; exact duplicates (two devices tagging the same words the same
 * way, offline) are one span.
 * @param {CorpusDocument[]} docs @param {Label[]} labels
 * @param {(doc: CorpusDocument) => TeamSpan[]} spansOf @param {(doc: CorpusDocument) => string} statusOf
 */
export function workspaceBytes(docs, labels, spansOf, statusOf) {
  const documents = docs.map((d) => {
    const seen = new Set();
    const spans = [];
    for (const s of spansOf(d)) {
      const { start, end } = toPoints(d.text, s);
      const key = `${start}:${end}:${s.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      spans.push({ start, end, s });
    }
    spans.sort((x, y) => x.start - y.start || y.end - x.end || (x.s.label < y.s.label ? -1 : 1));
    return {
      id: d.id,
      name: d.name || `${d.id}.txt`,
      text: d.text,
      sha256: hashes.get(d.text) ?? d.sha256,
      status: statusOf(d),
      spans: spans.map(({ start, end, s }, i) => ({
        id: i + 1,
        start,
        end,
        label: s.label,
        text: d.text.slice(s.start, s.end),
        ...(typeof s.annotator === 'string' && s.annotator ? { annotator: s.annotator } : {}),
      })),
    };
  });
  const json = JSON.stringify({ format: 'alama', version: 1, offsets: 'unicode-code-points', labels, documents });
  return new TextEncoder().encode(json);
}

/**
 * The gold the core merged (its canonical JSON), document by document, as Yjs spans in the
 * page's UTF-16 units, for `PROJECT/gold/DOC`. @param {string} json
 * @returns {{ id: string, spans: TeamSpan[] }[]}
 */
export function goldSpans(json) {
  const gold = JSON.parse(json);
  return gold.documents.map((/** @type {any} */ d) => ({
    id: d.id,
    spans: d.spans.map((/** @type {any} */ s) => ({
      ...toUnits(d.text, s),
      label: s.label,
      ...(s.annotator ? { annotator: s.annotator } : {}),
      at: Date.now(),
    })),
  }));
}

/** Names unique among themselves, for the core's reports (which refuse two annotators of one name). @param {string[]} names */
export function uniqueNames(names) {
  /** @type {string[]} */
  const out = [];
  for (const name of names) {
    const base = name.trim() || '?';
    let n = base;
    for (let i = 2; out.includes(n); i++) n = `${base} (${i})`;
    out.push(n);
  }
  return out;
}
