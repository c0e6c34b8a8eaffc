// End to end in Debian's Chromium: a person opens an article, selects names with the mouse,
// tags them with keys and buttons, relabels, undoes and redoes, exports, and a Python
// consumer checks the downloaded file; then the export is imported into a fresh page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, ROOT, ARTIFACTS } from './harness.js';
import { dragSelect, locate, painted, inkShare, message, press, settle, EMOJI_TEXT, openAndTagEmoji } from './page-tools.js';

const SEED = '000_7ae19593d920b671';
const PUTIN = 'فلاديمير بوتين';
const codePoints = (s) => [...s].length;

let server, browser, page, errors;
mkdirSync(ARTIFACTS, { recursive: true });

before(async () => {
  server = await serve();
  browser = await launch();
  ({ page, errors } = await openPage(browser, server.url));
});
after(async () => {
  await browser?.close();
  server?.close();
});

const spansListed = () => page.locator('#span-list button').allTextContents();
const selectedSpan = () => page.locator('#span-list button[aria-pressed="true"]').textContent();

function consumer(file, ...expects) {
  const args = ['tests/consumer/check_export.py', file];
  for (const e of expects) args.push('--expect', ...e.map(String));
  return spawnSync('python3', args, { cwd: ROOT, encoding: 'utf8' });
}

test('the five seed articles are listed with readable titles', async () => {
  const titles = await page.locator('#document-list .title').allTextContents();
  assert.equal(titles.length, 5);
  assert.ok(titles[0].startsWith('وصل زعيم كوريا الشمالية'), titles[0]);
  assert.equal(await page.locator('#article').getAttribute('dir'), 'rtl');
});

test('open an article, drag over a name, press 1: the highlight covers exactly those characters', async () => {
  await page.locator(`#document-list button[data-doc="${SEED}"]`).click();
  const where = await dragSelect(page, PUTIN);
  assert.equal(await page.evaluate(() => getSelection().toString()), PUTIN);
  await press(page, '1');
  const p = await painted(page);
  assert.deepEqual(p['alama-PER'], [{ text: PUTIN, start: where.at, end: where.at + PUTIN.length }]);
  assert.deepEqual(p['alama-selected-PER'], p['alama-PER']);
  assert.match(await message(page), /Tagged “فلاديمير بوتين” as PER/);
  // The badge names the label and sits at the span's right (logical start) edge.
  const badge = page.locator('#badges .badge');
  assert.equal(await badge.count(), 1);
  assert.equal(await badge.textContent(), 'PER');
  const b = await badge.boundingBox();
  assert.ok(Math.abs(b.x + b.width - where.whole.right) < 3, `badge right ${b.x + b.width} vs span right ${where.whole.right}`);
  // Pixels: the tagged name is painted, the same line's neighbouring word is not.
  await press(page, 'Escape');
  const tinted = await inkShare(page, where.whole);
  const plain = await locate(page, 'أكد الرئيس الروسي');
  const untinted = await inkShare(page, plain.whole);
  assert.ok(tinted > 0.5 && untinted < 0.05, `painted share ${tinted} on the span, ${untinted} beside it`);
});

test('click a span and relabel it with a key, then undo and redo with every shortcut', async () => {
  const where = await locate(page, PUTIN);
  await page.mouse.click((where.whole.left + where.whole.right) / 2, (where.whole.top + where.whole.bottom) / 2);
  assert.match(await selectedSpan(), /PER/);
  await press(page, '2');
  let p = await painted(page);
  assert.equal(p['alama-PER'].length, 0);
  assert.equal(p['alama-LOC'][0].text, PUTIN);
  await press(page, 'Control+z');
  p = await painted(page);
  assert.equal(p['alama-PER'][0].text, PUTIN);
  assert.equal(p['alama-LOC'].length, 0);
  await press(page, 'Control+Shift+Z');
  assert.equal((await painted(page))['alama-LOC'][0].text, PUTIN);
  await press(page, 'Control+z');
  await press(page, 'Control+y');
  assert.equal((await painted(page))['alama-LOC'][0].text, PUTIN);
  // Back to PER with the visible button.
  await page.locator('.label-button[data-label="PER"]').click();
  await settle(page);
  assert.equal((await painted(page))['alama-PER'][0].text, PUTIN);
});

test('Delete removes the selected span and Ctrl+Z restores it; a duplicate is refused', async () => {
  await page.locator('#badges .badge').first().click();
  await press(page, 'Delete');
  assert.equal((await painted(page))['alama-PER'].length, 0);
  assert.deepEqual(await spansListed(), []);
  await press(page, 'Control+z');
  assert.equal((await painted(page))['alama-PER'][0].text, PUTIN);
  await press(page, 'Escape');
  await dragSelect(page, PUTIN);
  await press(page, '1');
  assert.match(await message(page), /already tagged PER/);
  assert.equal((await spansListed()).length, 1);
});

test('selections are cleaned, and nested spans both stay visible', async () => {
  // Drag over "بيونغ يانغ." (after the clitic ب, with the full stop): the stop is dropped.
  await dragSelect(page, 'بيونغ يانغ.');
  await press(page, '2');
  assert.equal((await painted(page))['alama-LOC'][0].text, 'بيونغ يانغ');
  await dragSelect(page, 'زعيم كوريا الشمالية كيم جونغ أون');
  await press(page, '1');
  await dragSelect(page, 'كوريا الشمالية');
  await press(page, '2');
  const p = await painted(page);
  assert.deepEqual(
    p['alama-PER'].map((r) => r.text),
    ['زعيم كوريا الشمالية كيم جونغ أون', PUTIN],
  );
  assert.deepEqual(
    p['alama-LOC'].map((r) => r.text),
    ['كوريا الشمالية', 'بيونغ يانغ'],
  );
  // Only the span tagged last is painted as the selected one.
  const selected = Object.entries(p).filter(([name, ranges]) => name.startsWith('alama-selected') && ranges.length);
  assert.deepEqual(selected, [['alama-selected-LOC', [p['alama-LOC'][0]]]]);
  assert.equal(await page.locator('#badges .badge').count(), 4);
  // Badges never cover one another.
  const boxes = await page.locator('#badges .badge').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, 'badges overlap');
    }
  }
  await press(page, 'Escape');
  await page.screenshot({ path: join(ARTIFACTS, 'annotated.png') });
});

test('a .txt with emoji before the entities, then export: Python reads the right code points', async () => {
  await openAndTagEmoji(page);
  assert.deepEqual(
    (await painted(page))['alama-PER'].map((r) => r.text),
    ['بوتين'],
  );

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  assert.match(download.suggestedFilename(), /^alama-main-\d{4}-\d\d-\d\d-\d{4}\.json$/);
  const file = join(ARTIFACTS, 'export.json');
  await download.saveAs(file);

  const seedText = readFileSync(join(ROOT, 'seeds', `${SEED}.txt`), 'utf8');
  const putinAt = codePoints(seedText.slice(0, seedText.indexOf(PUTIN)));
  const nameAt = codePoints(EMOJI_TEXT.slice(0, EMOJI_TEXT.indexOf('بوتين')));
  const placeAt = codePoints(EMOJI_TEXT.slice(0, EMOJI_TEXT.indexOf('بيونغ يانغ')));
  assert.notEqual(nameAt, EMOJI_TEXT.indexOf('بوتين'), 'the emoji must make code points and UTF-16 differ');
  const run = consumer(
    file,
    [SEED, putinAt, putinAt + 14, 'PER', PUTIN],
    ['emoji', nameAt, nameAt + 5, 'PER', 'بوتين'],
    ['emoji', placeAt, placeAt + 10, 'LOC', 'بيونغ يانغ'],
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /OK: 6 documents, 6 spans/);

  // The consumer is not a rubber stamp: the same file with one offset moved fails.
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const emoji = json.documents.find((d) => d.id === 'emoji');
  assert.equal(emoji.text, EMOJI_TEXT);
  emoji.spans[0].start += 1;
  writeFileSync(join(ARTIFACTS, 'export-tampered.json'), JSON.stringify(json));
  assert.equal(consumer(join(ARTIFACTS, 'export-tampered.json')).status, 1);
});

test('files dropped on the page open; a file that is not UTF-8 is refused and changes nothing', async () => {
  const before = await page.locator('#document-list button').count();
  const dt = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['كيم جونغ أون في موسكو'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await page.dispatchEvent('#article', 'drop', { dataTransfer: dt });
  await page.waitForSelector('#document-list button[data-doc="dropped"][aria-current="true"]');
  assert.equal(await page.locator('#article').textContent(), 'كيم جونغ أون في موسكو');
  await page.locator('#file-input').setInputFiles({ name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) });
  await page.waitForFunction(() => /not valid UTF-8/.test(document.getElementById('message').textContent));
  assert.match(await message(page), /Cannot open “latin1.txt”: the file is not valid UTF-8 \(invalid bytes at byte 3, line 1\)/);
  assert.equal(await page.locator('#document-list button').count(), before + 1);
});

test('importing the export in a fresh page restores every document and span exactly', async () => {
  const file = join(ARTIFACTS, 'export.json');
  const fresh = await openPage(browser, server.url);
  await fresh.page.locator('#file-input').setInputFiles(file);
  await fresh.page.waitForFunction(() => /^Imported 6 documents and 6 spans/.test(document.getElementById('message').textContent));
  await fresh.page.locator(`#document-list button[data-doc="${SEED}"]`).click();
  const p = await painted(fresh.page);
  assert.deepEqual(
    p['alama-PER'].map((r) => r.text),
    ['زعيم كوريا الشمالية كيم جونغ أون', PUTIN],
  );
  const [download] = await Promise.all([fresh.page.waitForEvent('download'), fresh.page.locator('#export').click()]);
  const again = join(ARTIFACTS, 'export-again.json');
  await download.saveAs(again);
  assert.equal(readFileSync(again, 'utf8'), readFileSync(file, 'utf8'));
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});

test('the frame that shows an edit holds its box and badge; the message, its row in the Spans panel and the count follow it', async () => {
  await page.locator(`#document-list button[data-doc="${SEED}"]`).click();
  await dragSelect(page, 'مدينة كامسومولسك آمور');
  const seen = await page.evaluate(
    () =>
      new Promise((ok) => {
        const state = () => ({
          message: document.getElementById('message').textContent,
          count: document.getElementById('span-count').textContent,
          badges: document.querySelectorAll('#badges .badge').length,
          boxes: document.querySelectorAll('#boxes .box').length,
          rows: document.querySelectorAll('#span-list li').length,
        });
        const before = state();
        document.dispatchEvent(new KeyboardEvent('keydown', { key: '2', code: 'Digit2', bubbles: true }));
        // Asked for after the key's handler ran: this callback runs in the frame the page draws the edit in, after the page's own.
        requestAnimationFrame(() => {
          const inFrame = state();
          setTimeout(() => requestAnimationFrame(() => setTimeout(() => ok({ before, inFrame, after: state() }), 0)), 0);
        });
      }),
  );
  assert.equal(seen.inFrame.badges, seen.before.badges + 1, 'the badge is drawn in the frame');
  assert.ok(seen.inFrame.boxes > seen.before.boxes, 'the box is drawn in the frame');
  assert.equal(seen.inFrame.message, seen.before.message, 'the message waits for the frame to be painted');
  assert.equal(seen.inFrame.count, seen.before.count, 'the count waits for the frame to be painted');
  assert.equal(seen.inFrame.rows, seen.before.rows, 'the row waits for the frame to be painted');
  assert.equal(seen.after.rows, seen.before.rows + 1, 'the row follows');
  assert.equal(seen.after.message, 'Tagged “مدينة كامسومولسك آمور” as LOC.');
  assert.equal(
    seen.after.count,
    seen.before.count.replace(/\d+/, (n) => String(Number(n) + 1)),
  );
  await settle(page);
  // A message said meanwhile replaces one that waits for its frame.
  const last = await page.evaluate(async () => {
    const { say, sayOncePainted } = await import('/state/messages.js');
    sayOncePainted('waiting');
    say('said meanwhile');
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(ok, 0)), 0)));
    return document.getElementById('message').textContent;
  });
  assert.equal(last, 'said meanwhile');
  await press(page, 'Control+z');
});

test('no script errors on the page', () => {
  assert.deepEqual(errors, []);
});
