// Annotating Arabic at speed: annotate-all through proclitics across the seeds, span edges
// moved by keyboard in right-to-left text, an article tagged with the keyboard only (its
// keystrokes counted), and the page checked with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { serve, launch, openPage, ROOT, ARTIFACTS } from './harness.js';
import { dragSelect, message, press, settle } from './page-tools.js';

const SEED = '000_7ae19593d920b671';
let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function exported(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  const file = join(ARTIFACTS, name);
  await download.saveAs(file);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const cp = (text, utf16) => [...text.slice(0, utf16)].length;

/**
 * Every whole-word occurrence of `name` in `text`, found independently of the page: at a
 * word start or after proclitics (و ف ب ل ك) at a word start, and ending at a word end.
 */
function occurrences(text, name) {
  const out = [];
  const letter = /[\p{L}\p{M}\p{N}]/u;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    let s = at;
    while (s > 0 && 'وفبلك'.includes(text[s - 1]) && at - s < 2) s--;
    const startsWord = s === 0 || !letter.test(text[s - 1]);
    const endsWord = at + name.length === text.length || !letter.test(text[at + name.length]);
    if (startsWord && endsWord) out.push([cp(text, at), cp(text, at + name.length)]);
  }
  return out;
}

test('annotate "بوتين" once, find it in all documents, accept all: every occurrence is exported, clitics left out', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await dragSelect(page, 'بوتين');
  await press(page, '1');
  await press(page, 'Shift+F');
  assert.match(await message(page), /^Found 35 other occurrences of “بوتين” in all documents/);
  // The suggestions are painted, the first one as the current one.
  const marks = await page.evaluate(() => [...CSS.highlights.get('alama-suggestion')].map((r) => r.toString()));
  assert.ok(marks.length >= 5 && marks.every((t) => t === 'بوتين'), marks.join());
  await press(page, 'Shift+A');
  assert.match(await message(page), /^Accepted 35 suggestions/);

  const file = await exported(page, 'speed-annotate-all.json');
  let total = 0;
  let withClitic = 0;
  for (const name of readdirSync(join(ROOT, 'seeds')).sort()) {
    const text = readFileSync(join(ROOT, 'seeds', name), 'utf8');
    const doc = file.documents.find((d) => d.name === name);
    const expected = occurrences(text, 'بوتين');
    const got = doc.spans.filter((s) => s.label === 'PER').map((s) => [s.start, s.end]);
    assert.deepEqual(got, expected, name);
    for (const s of doc.spans) assert.equal(s.text, 'بوتين');
    total += got.length;
    withClitic += expected.filter(([s]) => 'وفبلك'.includes([...text][s - 1])).length;
  }
  assert.equal(total, 36);
  assert.ok(withClitic >= 5, `${withClitic} occurrences after a proclitic`);
  // One undo takes back the whole batch in the open document, and only that.
  const before = await page.locator(`#document-list button[data-doc="${SEED}"] .meta`).textContent();
  await press(page, 'Control+z');
  assert.notEqual(await page.locator(`#document-list button[data-doc="${SEED}"] .meta`).textContent(), before);
  assert.match(await page.locator(`#document-list button[data-doc="${SEED}"] .meta`).textContent(), /· 1 span \(PER 1\)/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('span edges move by keyboard in the direction pressed, right to left', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await dragSelect(page, 'كيم جونغ');
  await press(page, '1');
  // ← moves the end edge leftwards on screen: forwards in Arabic, taking in the next word.
  await press(page, 'Control+ArrowLeft');
  assert.match(await message(page), /End moved: “كيم جونغ أون”/);
  // → moves it back one letter, ← forward again.
  await press(page, 'ArrowRight');
  assert.match(await message(page), /End moved: “كيم جونغ أو”/);
  await press(page, 'ArrowLeft');
  // Shift+Ctrl+→ moves the start edge rightwards: backwards, taking in the word before.
  await press(page, 'Shift+Control+ArrowRight');
  assert.match(await message(page), /Start moved: “الشمالية كيم جونغ أون”/);
  await press(page, 'Shift+Control+ArrowLeft');
  const file = await exported(page, 'speed-edges.json');
  const text = readFileSync(join(ROOT, 'seeds', `${SEED}.txt`), 'utf8');
  const span = file.documents.find((d) => d.id === SEED).spans[0];
  const at = cp(text, text.indexOf('كيم جونغ أون'));
  assert.deepEqual([span.start, span.end, span.text], [at, at + 12, 'كيم جونغ أون']);
  // The five edge moves undo one by one, back to the span as tagged.
  for (let i = 0; i < 5; i++) await press(page, 'Control+z');
  assert.match(await page.locator('#span-list').textContent(), /كيم جونغ$/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('an article tagged with the keyboard only: ten entities, keystrokes counted', async () => {
  const { page, errors } = await openPage(browser, server.url);
  let keystrokes = 0;
  const keys = async (...seq) => {
    for (const k of seq) {
      await press(page, k);
      keystrokes++;
    }
  };
  const times = (n, k) => Array(n).fill(k);
  const next = (n) => times(n, 'Control+ArrowLeft');
  const take = (n) => times(n, 'Control+Shift+ArrowLeft');
  await keys(...next(2), ...take(2), '2'); // LOC كوريا الشمالية
  await keys('Escape', ...take(3), '1'); // PER كيم جونغ أون
  await keys('Escape', ...next(4), ...take(2), '2'); // LOC كامسومولسك آمور
  await keys('Escape', ...next(8), ...take(2), '1'); // PER فلاديمير بوتين
  await keys('Escape', ...next(7), ...take(2), 'Shift+Digit2'); // LOC بيونغ يانغ, after the proclitic ب
  await keys('Escape', ...next(11), ...take(1), '3'); // WEA سوخوي-35
  await keys('Escape', ...take(1), 'Shift+Digit3'); // WEA سوخوي-57, after the proclitic و
  await keys('Escape', ...next(3), ...take(1), '1'); // PER بوتين
  await keys('f', 'a', 'a'); // two more بوتين, found and accepted
  await keys('s', 's'); // status: done
  const file = await exported(page, 'speed-keyboard.json');
  keystrokes++;
  const doc = file.documents.find((d) => d.id === SEED);
  const got = doc.spans.map((s) => `${s.label} ${s.text}`);
  assert.deepEqual(got.sort(), [
    'LOC بيونغ يانغ', 'LOC كامسومولسك آمور', 'LOC كوريا الشمالية',
    'PER بوتين', 'PER بوتين', 'PER بوتين', 'PER فلاديمير بوتين', 'PER كيم جونغ أون',
    'WEA سوخوي-35', 'WEA سوخوي-57',
  ].sort());
  assert.equal(doc.status, 'done');
  assert.deepEqual(errors, []);
  console.log(`# keyboard only: 10 entities tagged, status set and exported in ${keystrokes} keystrokes (no mouse)`);
  await page.context().close();
});

test('axe-core finds no serious or critical accessibility violation', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await dragSelect(page, 'فلاديمير بوتين');
  await press(page, '1');
  await dragSelect(page, 'بوتين', 1);
  await press(page, '1');
  await press(page, 'Shift+F');
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axe });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), []);
  console.log(`# axe-core: ${results.violations.length} minor/moderate violations: ${results.violations.map((v) => v.id).join(', ') || 'none'}`);
  await context.close();
});
