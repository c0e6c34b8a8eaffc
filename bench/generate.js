// The benchmark workloads, made deterministically from the seed articles, with entity spans
// found by matching a small list of names from the seeds (people, places, weapons, events)
// wherever no Arabic letter follows. Written as Alama exports (format v1, code point
// offsets), so the page opens them through its real import path.
//   - one document of exactly N code points (the five articles repeated, separated by a
//     blank line): 1,000,000 code points give 19,2xx spans; 200,000 give 3,8xx;
//   - a corpus of 2,000 documents, each a seed article made unique (numbered, its paragraphs
//     turned round by its number): 5.5M code points, 108k spans.
//
//   node bench/generate.js [OUT_DIR]   → OUT_DIR/workload-200k.json, workload-1m.json, workload-corpus.json
//   (and workload-corpus5.json: its first five documents alone)
//
// Same input, same bytes out.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export const SIZES = { '200k': 200_000, '1m': 1_000_000 };

export const LABELS = [
  { id: 'PER', names: { ar: 'شخص', en: 'Person' }, color: '#E69F00' },
  { id: 'LOC', names: { ar: 'مكان', en: 'Place' }, color: '#56B4E9' },
  { id: 'WEA', names: { ar: 'سلاح', en: 'Weapon' }, color: '#CC79A7' },
  { id: 'EVT', names: { ar: 'حدث', en: 'Event' }, color: '#009E73' },
];

/** The entity names, by label. Nested matches (بوتين inside فلاديمير بوتين) are kept. */
export const ENTITIES = {
  PER: [
    'كيم جونغ أون',
    'فلاديمير بوتين',
    'بوتين',
    'سيرغي لافروف',
    'لافروف',
    'سيرغي شويغو',
    'شويغو',
    'ديمتري بيسكوف',
    'بيسكوف',
    'ماريا زاخاروفا',
    'شي جين بينغ',
  ],
  LOC: [
    'كوريا الشمالية',
    'روسيا',
    'موسكو',
    'بيونغ يانغ',
    'أوكرانيا',
    'الكرملين',
    'فوستوتشني',
    'كامسومولسك آمور',
    'كوريا الجنوبية',
    'الولايات المتحدة',
    'واشنطن',
  ],
  WEA: ['سوخوي-35', 'سوخوي-57', 'صواريخ', 'الصواريخ', 'ذخائر', 'مقاتلات', 'القطار المدرع'],
  EVT: ['الحرب', 'قمة', 'جائحة كورونا', 'كوفيد-19', 'محادثات', 'المحادثات', 'الاجتماع', 'اللقاء'],
};

/** Documents in the corpus workload. */
export const CORPUS = 2000;

function articles() {
  const dir = join(ROOT, 'seeds');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => readFileSync(join(dir, n), 'utf8').trim());
}

/** The seed articles joined by blank lines, repeated and cut to exactly `codePoints`. */
export function makeText(codePoints) {
  const unit = [...(articles().join('\n\n') + '\n\n')];
  const out = [];
  while (out.length < codePoints) out.push(...unit);
  return out.slice(0, codePoints).join('');
}

/** Every match of every name, in code points, reading order; exact duplicates dropped. */
export function findSpans(text) {
  // UTF-16 index → code point index (the seeds have no astral characters, but be exact).
  const cp = new Uint32Array(text.length + 1);
  for (let i = 0, c = 0; i <= text.length; i++) {
    cp[i] = c;
    const u = text.charCodeAt(i);
    if (!(u >= 0xd800 && u < 0xdc00)) c++;
  }
  const found = [];
  for (const [label, names] of Object.entries(ENTITIES)) {
    for (const name of names) {
      const re = new RegExp(name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&') + '(?![\\u0621-\\u064A])', 'g');
      for (const m of text.matchAll(re)) {
        found.push({ start: cp[m.index], end: cp[m.index + name.length], label, text: name });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));
  const seen = new Set();
  const spans = [];
  for (const s of found) {
    const key = `${s.start}:${s.end}:${s.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    spans.push({ id: spans.length + 1, ...s });
  }
  return spans;
}

/** The Alama export (v1) holding one document of `codePoints` code points and its spans. */
export function workload(size) {
  const codePoints = SIZES[size];
  const text = makeText(codePoints);
  const spans = findSpans(text);
  const doc = {
    id: `bench-${size}`,
    name: `bench-${size}.txt`,
    text,
    sha256: sha256(text),
    spans,
  };
  return { format: 'alama', version: 1, offsets: 'unicode-code-points', labels: LABELS, documents: [doc] };
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The corpus export: `CORPUS` documents, document i the seed article i mod 5, numbered and
 * with its paragraphs turned round by i ÷ 5, so that no two texts are the same. */
export function corpus(n = CORPUS) {
  const seeds = articles();
  const documents = [];
  for (let i = 0; i < n; i++) {
    const paragraphs = seeds[i % seeds.length].split('\n\n');
    const turn = Math.floor(i / seeds.length) % paragraphs.length;
    const text = `${i + 1}. ${[...paragraphs.slice(turn), ...paragraphs.slice(0, turn)].join('\n\n')}\n`;
    const id = `doc-${String(i + 1).padStart(4, '0')}`;
    documents.push({ id, name: `${id}.txt`, text, sha256: sha256(text), spans: findSpans(text) });
  }
  return { format: 'alama', version: 1, offsets: 'unicode-code-points', labels: LABELS, documents };
}

export function writeWorkloads(outDir) {
  mkdirSync(outDir, { recursive: true });
  const written = {};
  for (const size of Object.keys(SIZES)) {
    const file = join(outDir, `workload-${size}.json`);
    const data = workload(size);
    writeFileSync(file, JSON.stringify(data));
    written[size] = { file, codePoints: [...data.documents[0].text].length, spans: data.documents[0].spans.length };
  }
  const file = join(outDir, 'workload-corpus.json');
  const data = corpus();
  writeFileSync(file, JSON.stringify(data));
  const count = (f) => data.documents.reduce((n, d) => n + f(d), 0);
  written.corpus = { file, documents: data.documents.length, codePoints: count((d) => [...d.text].length), spans: count((d) => d.spans.length) };
  // The corpus's first five documents alone: the same article on screen with the same spans,
  // so that an edit there against one in the corpus differs only by the documents behind it.
  const five = corpus(5);
  written.corpus5 = { file: join(outDir, 'workload-corpus5.json'), documents: 5, spans: five.documents.reduce((n, d) => n + d.spans.length, 0) };
  writeFileSync(written.corpus5.file, JSON.stringify(five));
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'artifacts', 'bench'));
  for (const [size, w] of Object.entries(writeWorkloads(out))) {
    console.log(`${size}: ${w.documents ?? 1} documents, ${w.codePoints} code points, ${w.spans} spans → ${w.file}`);
  }
}
