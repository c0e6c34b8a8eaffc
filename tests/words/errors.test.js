// The page's wording of the core's refusals, notes and places (www/words/errors.js) against
// the core's own: tests/wording.rs writes one example of every code and kind, with the
// English the core prints, to examples.json. In English the page must say exactly that; in
// Arabic something else, with no English sentence left in it.
// Run: node --test tests/words/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { wordError, wordPlace } from '../../www/words/errors.js';
import { wordNote } from '../../www/words/notes.js';

// The page loads the wording of import problems before any import; so do these tests.
await import('../../www/words/import-errors.js');

const examples = JSON.parse(readFileSync(new URL('./examples.json', import.meta.url), 'utf8'));

const word = { error: wordError, note: wordNote, place: wordPlace };

/** Fields whose value is English from the JSON parser or a reader, which the Arabic leaves out. */
const LEFT_OUT = ['detail', 'problem'];

/** Every string in a value, with the field it is in: file names, ids, labels, texts, details. */
function strings(value, key = '', out = []) {
  if (typeof value === 'string') out.push([key, value]);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, key, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => strings(v, k, out));
  return out;
}

/**
 * Runs of three or more Latin words with nothing but spaces and ASCII punctuation between
 * them: English left in an Arabic sentence. The example's own strings (names, labels, the
 * texts it quotes) are taken out first, except `what`, the English name of a request, which
 * the Arabic must translate.
 */
function englishRuns(text, value) {
  let rest = text;
  const data = strings(value)
    .filter(([key]) => key !== 'what' && key !== 'kind' && key !== 'code')
    .map(([, s]) => s);
  for (const s of data.filter((s) => s.length > 1).sort((a, b) => b.length - a.length)) rest = rest.split(s).join(' ');
  return rest.match(/[A-Za-z][A-Za-z'’]*(?:[\s,;:()"“”.!?-]+[A-Za-z][A-Za-z'’]*){2,}/g) ?? [];
}

test('the examples cover every kind of thing the page words', () => {
  const whats = new Set(examples.map((e) => e.what));
  assert.deepEqual([...whats].sort(), ['error', 'note', 'place']);
  assert.ok(examples.length > 150, `${examples.length} examples`);
});

for (const [i, { what, value, english }] of examples.entries()) {
  const name = `${i + 1}. ${what} ${value.code ?? value.what?.kind ?? value.map?.((s) => s.kind).join('+') ?? ''}`;

  test(`${name}: English as the core says it`, () => {
    assert.equal(word[what](value, 'en'), english);
  });

  test(`${name}: Arabic`, () => {
    const arabic = word[what](value, 'ar');
    assert.equal(typeof arabic, 'string');
    assert.ok(arabic.trim().length > 0, 'empty');
    assert.notEqual(arabic, english);
    assert.match(arabic, /[\u0600-\u06FF]/, `no Arabic in ${JSON.stringify(arabic)}`);
    assert.deepEqual(englishRuns(arabic, value), [], `English left in ${JSON.stringify(arabic)}`);
    for (const [key, s] of strings(value)) {
      if (LEFT_OUT.includes(key) && s.length > 3) assert.ok(!arabic.includes(s), `the Arabic repeats the ${key} “${s}”`);
    }
    // Numbers and ranges stay left to right: none stands outside an isolate (digits in a
    // name such as UTF-8 or IOB2 are the name's).
    const outside = arabic.replace(/[\u2066\u2068][^\u2069]*\u2069/g, '').replace(/[A-Za-z][A-Za-z0-9_-]*/g, '');
    assert.doesNotMatch(outside, /\d/, `a number outside an isolate in ${JSON.stringify(arabic)}`);
  });
}
