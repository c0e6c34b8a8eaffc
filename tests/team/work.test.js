// The team's synced work laid out as Alama workspaces (www/team/work.js), in Node, against
// the exchange module itself: offsets converted from the page's UTF-16 units to code points
// and back across emoji (surrogate pairs), the bytes accepted by the core as any file is, and
// the gold the core merges read back in UTF-16 units.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WWW } from '../e2e/harness.js';
import { EMOJI_TEXT } from '../e2e/page-tools.js';
import { goldSpans, hashAll, labelSet, toPoints, toUnits, uniqueNames, workspaceBytes } from '../../www/team/work.js';
import * as exchange from '../../www/pkg/alama_exchange.js';

before(() => exchange.initSync({ module: readFileSync(join(WWW, 'pkg/alama_exchange_bg.wasm')) }));

const doc = { id: 'e1', name: 'emoji.txt', text: EMOJI_TEXT, sha256: 'not-this-one' };
/** A span of `words` in the page's UTF-16 units. */
const at = (words, label) => ({ start: EMOJI_TEXT.indexOf(words), end: EMOJI_TEXT.indexOf(words) + words.length, label, at: 0 });

test('offsets go from UTF-16 units to code points and back across surrogate pairs', () => {
  const s = at('فلاديمير بوتين', 'PER');
  const p = toPoints(EMOJI_TEXT, s);
  assert.equal([...EMOJI_TEXT].slice(p.start, p.end).join(''), 'فلاديمير بوتين');
  assert.ok(p.start < s.start, 'the emoji before it count once each as code points');
  assert.deepEqual(toUnits(EMOJI_TEXT, p), { start: s.start, end: s.end });
});

test('the core reads the work as a file, agrees on it, merges it, and the gold comes back in UTF-16 units', async () => {
  await hashAll([doc]);
  const labels = labelSet([{ id: 'PER', names: { ar: 'شخص', en: 'Person' }, color: '#0072b2' }], [], ['PER', 'LOC']);
  assert.deepEqual(
    labels.map((l) => l.id),
    ['PER', 'LOC'],
    'a label the project lacks is named by its id',
  );
  const amal = [at('فلاديمير بوتين', 'PER'), at('موسكو', 'LOC'), at('موسكو', 'LOC')]; // the same span from two devices
  const badr = [at('فلاديمير بوتين', 'PER'), at('بيونغ يانغ', 'LOC')];
  const source = (name, spans) => ({
    name,
    format: 'alama',
    files: [
      {
        name: `${name}.json`,
        bytes: workspaceBytes(
          [doc],
          labels,
          () => spans,
          () => 'done',
        ),
      },
    ],
  });
  const read = exchange.readFiles(source('amal', amal));
  assert.equal(read.spans, 2, 'an exact duplicate is one span');
  const report = exchange.agreement([source('amal', amal), source('badr', badr)]);
  assert.equal(report.pairs[0].overall.exact.matched, 1);
  const shown = exchange.compareFiles(source('amal', amal), source('badr', badr));
  const decided = shown.comparison.documents.flatMap((d) =>
    d.disagreements.map((g) => ({ document: d.document, disagreement: g.id, choice: 'both', spans: [] })),
  );
  const merged = exchange.mergeFiles(source('amal', amal), source('badr', badr), decided, 'karim', { year: 2026, month: 1, day: 1, hour: 0, minute: 0 });
  const gold = goldSpans(merged.json);
  assert.deepEqual(
    gold[0].spans.map((s) => `${s.label}:${EMOJI_TEXT.slice(s.start, s.end)}`),
    ['PER:فلاديمير بوتين', 'LOC:موسكو', 'LOC:بيونغ يانغ'],
  );
  assert.equal(gold[0].id, 'e1');
});

test('names are made unique for the core, which refuses two annotators of one name', () => {
  assert.deepEqual(uniqueNames(['Amal', 'Amal', ' ', 'Badr']), ['Amal', 'Amal (2)', '?', 'Badr']);
});
