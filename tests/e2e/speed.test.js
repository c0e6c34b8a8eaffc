// Annotating Arabic at speed: annotate-all through proclitics across the seeds, span edges
// moved by keyboard in right-to-left text, an article tagged with the keyboard only (its
// keystrokes counted), and the page checked with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { serve, launch, openPage, ROOT, ARTIFACTS } from './harness.js';
import { dragSelect, locate, message, painted, press, settle } from './page-tools.js';

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

test('the keyboard caret stands still while keys move it, then blinks five times and stops', async () => {
  const { page, errors } = await openPage(browser, server.url);
  // When keys are pressed, when the caret starts and stops blinking, and each time it hides.
  await page.evaluate(() => {
    const log = (window.__caret = []);
    let was = 'still';
    addEventListener('keydown', (e) => e.key === 'ArrowLeft' && log.push(['key', performance.now()]), true);
    new MutationObserver((changes) => {
      for (const c of changes) {
        const el = /** @type {Element} */ (c.target);
        if (!el.classList.contains('caret')) continue;
        const state = el.classList.contains('off') ? 'off' : el.classList.contains('blink') ? 'blink' : 'still';
        if (state === was) continue;
        was = state;
        log.push([state, performance.now()]);
      }
    }).observe(document.getElementById('badges'), { subtree: true, attributes: true, attributeFilter: ['class'] });
  });
  await press(page, 'Control+ArrowLeft');
  await page.waitForSelector('#badges .caret.blink', { state: 'attached', timeout: 5_000 });
  // No animation runs: one would keep the page drawing frames, and every key would wait for one.
  assert.deepEqual(await page.evaluate(() => document.getAnimations().filter((a) => a.effect?.target?.classList?.contains('caret')).length), 0);
  await press(page, 'Control+ArrowLeft');
  await page.waitForFunction(() => window.__caret.at(-1)?.[0] === 'still');
  const [key1, blink, ...rest] = await page.evaluate(() => window.__caret);
  const key2 = rest.find(([what]) => what === 'key');
  assert.deepEqual([key1[0], blink[0]], ['key', 'blink']);
  assert.ok(blink[1] - key1[1] >= 990, `it blinked ${blink[1] - key1[1]} ms after the key, not after standing for a second`);
  assert.equal(rest.at(-1)[0], 'still', 'the key stopped the blink');
  assert.ok(rest.at(-1)[1] >= key2[1]);
  // Left alone, it hides five times (shown again between and after) and then stands still.
  await page.evaluate(() => (window.__caret.length = 0));
  await page.waitForFunction(() => window.__caret.at(-1)?.[0] === 'still', null, { timeout: 10_000 });
  const alone = await page.evaluate(() => window.__caret.map(([what]) => what));
  assert.deepEqual(alone, ['blink', ...Array(4).fill(['off', 'blink']).flat(), 'off', 'still']);
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
  assert.deepEqual(
    got.sort(),
    [
      'LOC بيونغ يانغ',
      'LOC كامسومولسك آمور',
      'LOC كوريا الشمالية',
      'PER بوتين',
      'PER بوتين',
      'PER بوتين',
      'PER فلاديمير بوتين',
      'PER كيم جونغ أون',
      'WEA سوخوي-35',
      'WEA سوخوي-57',
    ].sort(),
  );
  assert.equal(doc.status, 'done');
  assert.deepEqual(errors, []);
  console.log(`# keyboard only: 10 entities tagged, status set and exported in ${keystrokes} keystrokes (no mouse)`);
  await page.context().close();
});

test('axe-core finds no serious or critical accessibility violation', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  await dragSelect(page, 'فلاديمير بوتين');
  await press(page, '1');
  await dragSelect(page, 'بوتين', 1);
  await press(page, '1');
  await press(page, 'Shift+F');
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axe });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`),
    [],
  );
  console.log(`# axe-core: ${results.violations.length} minor/moderate violations: ${results.violations.map((v) => v.id).join(', ') || 'none'}`);
  await context.close();
});

test('labels are renamed, recoloured and added from the page; a new label gets the next key and travels in the export', async () => {
  const { page, errors } = await openPage(browser, server.url);
  // The dialog's code is loaded when it is first opened: wait for it as a person would.
  await page.keyboard.press('l');
  await page.locator('#labels-dialog[open]').waitFor();
  const rows = page.locator('#labels-rows tr');
  assert.equal(await rows.count(), 4);
  await rows.nth(0).locator('input[name="en"]').fill('People');
  await rows.nth(1).locator('input[name="color"]').fill('#112233');
  await page.locator('#label-add').click();
  await rows.nth(4).locator('input[name="id"]').fill('1X');
  await rows.nth(4).locator('input[name="ar"]').fill('منظمة');
  await rows.nth(4).locator('input[name="en"]').fill('Organisation');
  await page.locator('#labels-save').click();
  // The form refuses an invalid id before anything is sent; fix it and save.
  assert.equal(await page.locator('#labels-dialog').getAttribute('open'), '');
  await rows.nth(4).locator('input[name="id"]').fill('ORG');
  await page.locator('#labels-save').click();
  await settle(page);
  assert.equal(await page.locator('#labels-dialog').getAttribute('open'), null);
  assert.equal(await page.locator('.label-button').count(), 5);
  await dragSelect(page, 'وكالة تاس');
  await press(page, '5');
  assert.deepEqual(
    (await painted(page))['alama-ORG'].map((r) => r.text),
    ['وكالة تاس'],
  );
  const file = await exported(page, 'speed-labels.json');
  assert.deepEqual(
    file.labels.map((l) => `${l.id} ${l.names.en} ${l.color}`),
    ['PER People #E69F00', 'LOC Place #112233', 'WEA Weapon #CC79A7', 'EVT Event #009E73', 'ORG Organisation #0072B2'],
  );
  // Removing a label in use is refused by the core, and the dialog says why.
  await page.keyboard.press('l');
  await page.locator('#labels-dialog[open]').waitFor();
  await page.evaluate(() => document.querySelector('#labels-rows tr:last-child').remove());
  await page.locator('#labels-save').click();
  await settle(page);
  assert.match(await page.locator('#labels-error').textContent(), /The labels were not changed: label “ORG” cannot be removed/);
  await page.locator('#labels-cancel').click();
  assert.equal(await page.locator('.label-button').count(), 5);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a span edge dragged with the mouse; search selects matches to tag; a word list pre-annotates', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await dragSelect(page, 'كيم جونغ');
  await press(page, '1');
  const end = page.locator('#badges .handle.end');
  const box = await end.boundingBox();
  const to = (await locate(page, 'أون')).last;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.left + 1, (to.top + to.bottom) / 2, { steps: 8 });
  await page.mouse.up();
  await settle(page);
  assert.match(await message(page), /Span now covers “كيم جونغ أون”/);

  await page.keyboard.press('/');
  await page.keyboard.type('بوتين');
  // This document's matches at once, every document's after a pause in the typing.
  assert.match(await page.locator('#search-count').textContent(), /^7 here( · 36 in 5 documents)?$/);
  await page.waitForFunction(() => document.getElementById('search-count').textContent === '7 here · 36 in 5 documents');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => getSelection().toString()), 'بوتين');
  await press(page, '1');
  assert.match(await message(page), /Tagged “بوتين” as PER/);

  // A word absent here: Enter goes on to the next document that has it.
  await page.keyboard.press('/');
  await page.keyboard.type('شويغو');
  await page.waitForFunction(() => /^0 here · \d+ in \d+ documents?$/.test(document.getElementById('search-count').textContent));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => getSelection().toString()), 'شويغو');
  assert.match(await message(page), /^Matches of “شويغو” in /);
  await page.keyboard.press('[');

  await page
    .locator('#file-input')
    .setInputFiles({ name: 'names.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from('# people and places\nسيرغي شويغو\tPER\nموسكو\tloc\n') });
  await page.waitForFunction(() => /^Read 2 entries/.test(document.getElementById('message').textContent));
  await page.keyboard.press(']');
  await press(page, 'p');
  const suggested = await page.evaluate(() => [...CSS.highlights.get('alama-suggestion')].map((r) => r.toString()));
  // بوتين is known from this session's spans, موسكو from the word list.
  assert.ok(suggested.includes('بوتين') && suggested.includes('موسكو'), suggested.join());
  await press(page, 'Shift+A');
  assert.match(await message(page), /^Accepted \d+ suggestions?/);
  await page.locator('#file-input').setInputFiles({ name: 'bad.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from('موسكو\tPLACE\n') });
  await page.waitForFunction(() => /bad.tsv/.test(document.getElementById('message').textContent));
  assert.match(await message(page), /Cannot import “bad.tsv”: line 1: there is no label “PLACE”/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the interface speaks Arabic or English; the article stays right to left; no serious axe violation in Arabic', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  await page.keyboard.press('g');
  assert.equal(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join()), 'ar,rtl');
  assert.equal(await page.locator('#export').textContent(), 'تصدير JSON');
  assert.equal(await page.locator('#save-state').textContent(), 'محفوظ');
  assert.equal(await page.locator('#article').getAttribute('dir'), 'rtl');
  await dragSelect(page, 'فلاديمير بوتين');
  await press(page, '1');
  assert.equal(await message(page), 'وُسِم «فلاديمير بوتين» بـ PER.');
  await press(page, 'Escape');
  await dragSelect(page, 'فلاديمير بوتين');
  await press(page, '1');
  // The core's refusal, worded in Arabic from its code; the names in it are bidi-isolated (U+2066–U+2069).
  assert.equal((await message(page)).replace(/[\u2066-\u2069]/g, ''), '«فلاديمير بوتين» موسوم بالفعل PER على هذه الأحرف نفسها.');
  assert.match(await message(page), /^«\u2068فلاديمير بوتين\u2069»/);
  await page.keyboard.press('?');
  assert.match(await page.locator('#key-table').textContent(), /اوسم النص المحدّد بذلك الوسم/);
  await page.keyboard.press('Escape');
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axe });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(
    results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id),
    [],
  );
  // The choice is remembered, and G switches back.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  assert.equal(await page.locator('#export').textContent(), 'تصدير JSON');
  await page.keyboard.press('g');
  assert.equal(await page.locator('#export').textContent(), 'Export JSON');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  assert.deepEqual(errors, []);
  await context.close();
});
