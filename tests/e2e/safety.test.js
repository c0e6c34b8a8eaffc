// Bad input is refused with a message naming the file and the problem, and leaves the work
// exactly as it was; text from files is never run as markup; nothing goes over the network
// after load; a panic in the core or a failed write loses nothing; a second tab is read-only.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, ARTIFACTS } from './harness.js';
import { dragSelect, message, press, settle, shownState } from './page-tools.js';

let server, browser, page, context, errors;
const requestsAfterLoad = [];

before(async () => {
  server = await serve();
  browser = await launch();
  ({ context, page, errors } = await openPage(browser, server.url));
  page.on('dialog', (d) => d.accept());
  // Some work to protect.
  await dragSelect(page, 'فلاديمير بوتين');
  await press(page, '1');
  await dragSelect(page, 'كوريا الشمالية');
  await press(page, '2');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  await download.saveAs(join(ARTIFACTS, 'safety-good.json'));
});
after(async () => {
  await browser?.close();
  server?.close();
});

const seedExport = () => JSON.parse(readFileSync(join(ARTIFACTS, 'safety-good.json'), 'utf8'));
const file = (name, content) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });

async function refused(payload, expected) {
  const beforeState = await shownState(page);
  const count = await page.locator('#document-list button').count();
  await page.locator('#message').evaluate((m) => (m.textContent = ''));
  await page.locator('#file-input').setInputFiles(payload);
  await page.waitForFunction(() => document.getElementById('message').textContent !== '');
  await settle(page);
  const shown = await message(page);
  assert.match(shown, expected);
  assert.equal(await page.locator('#message').getAttribute('class'), 'error');
  assert.equal(await page.locator('#document-list button').count(), count);
  assert.deepEqual(await shownState(page), beforeState);
  return shown;
}

test('bad files are refused with the file and the problem named; the work is untouched', async () => {
  const good = seedExport();
  const variant = (edit) => {
    const copy = structuredClone(good);
    edit(copy);
    return JSON.stringify(copy);
  };
  const cases = [
    [
      file('broken.json', '{"format": "alama", "version": 1, "labels": ['),
      /Cannot import “broken.json”: this is not valid JSON \(EOF while parsing a list at line 1 column 45\)\. Nothing was changed\./,
    ],
    [
      file('doccano.json', '{"text": "بوتين", "label": [[0, 5, "PER"]]}'),
      /Cannot import “doccano.json”: this is JSON but not an Alama export \(it has no "format": "alama" field\)/,
    ],
    [file('list.json', '[1, 2, 3]'), /Cannot import “list.json”: this is JSON but not an Alama export \(the top level is not an object\)/],
    [
      file(
        'future.json',
        variant((f) => (f.version = 2)),
      ),
      /Cannot import “future.json”: version: version 2 is not supported/,
    ],
    [
      file(
        'outside.json',
        variant((f) => (f.documents[0].spans[0].end = 999999)),
      ),
      /Cannot import “outside.json”: documents\[0\]\.spans\[0\]: offsets \d+–999999 are not inside the text/,
    ],
    [
      file(
        'mismatch.json',
        variant((f) => (f.documents[0].spans[0].text = 'بوتين')),
      ),
      /Cannot import “mismatch.json”: documents\[0\]\.spans\[0\]\.text: is “بوتين” but the text at \d+–\d+ is “/,
    ],
    [
      file(
        'edited.json',
        variant((f) => (f.documents[1].text += ' ')),
      ),
      /Cannot import “edited.json”: documents\[1\]\.sha256: does not match the text of “001_5afa0f906a688b19.txt”/,
    ],
    [file('latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])), /Cannot import “latin1.json”: the file is not valid UTF-8\. Nothing was changed\./],
    [file('latin1.txt', Buffer.from('caf\xe9\n', 'latin1')), /Cannot open “latin1.txt”: the file is not valid UTF-8 \(invalid bytes at byte 3, line 1\)/],
    [
      file('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])),
      /Cannot open “image.txt”: this looks like a binary file, not text \(a NUL byte at byte 8\)/,
    ],
    [file('empty.txt', ''), /Cannot open “empty.txt”: the file is empty/],
    [file('huge.txt', Buffer.alloc(40 * 1024 * 1024, 'ب')), /Cannot open “huge.txt”: it is 40\.0 MB, and Alama opens text files of up to 16\.0 MB/],
  ];
  const seen = [];
  for (const [payload, expected] of cases) seen.push(`${payload.name}: ${await refused(payload, expected)}`);
  console.log(seen.map((s) => `# ${s}`).join('\n'));
});

test('text from files is shown literally and runs nothing', async () => {
  const payload = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> &lt;b&gt;bold&lt;/b&gt; <svg onload="window.__xss = 3"></svg> بوتين';
  await page.locator('#file-input').setInputFiles(file('<img src=x onerror="window.__xss=4">.txt', payload));
  await page.waitForSelector('#document-list button[aria-current="true"][data-doc^="<img"]');
  assert.equal(await page.locator('#article').textContent(), payload);
  // The text is in the page's own paragraph blocks (text nodes only), never parsed as markup.
  assert.equal(await page.locator('#article :not(.block)').count(), 0);
  assert.equal(await page.locator('img, svg').count(), 0);
  assert.match(await page.locator('#document-list button[aria-current="true"] .meta').textContent(), /^New<img src=x onerror="window.__xss=4">.txt · 0 spans$/);
  // An import whose labels and names carry markup shows it as text too.
  const hostile = seedExport();
  hostile.labels[0].names.ar = '<img src=x onerror="window.__xss=5">';
  hostile.labels[0].names.en = '<img src=x onerror="window.__xss=5">';
  hostile.documents[0].name = '<script>window.__xss=6</script>';
  await page.locator('#file-input').setInputFiles(file('hostile.json', JSON.stringify(hostile)));
  await page.waitForFunction(() => /^Imported/.test(document.getElementById('message').textContent));
  assert.match(await page.locator('.label-button').first().textContent(), /<img src=x onerror="window.__xss=5">/);
  assert.equal(await page.locator('img, svg, #document-list script').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // The Content-Security-Policy blocks inline script even if something did insert it.
  assert.equal(
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      return window.__inline;
    }),
    undefined,
  );
});

test('after load, no request leaves the page: not for tagging, opening, importing or exporting', async () => {
  page.on('request', (r) => requestsAfterLoad.push(r.url()));
  const served = server.requests.length;
  await page.locator('#file-input').setInputFiles(file('again.json', JSON.stringify(seedExport())));
  await page.waitForFunction(() => /^Imported/.test(document.getElementById('message').textContent));
  await page.locator('#document-list button').nth(2).click();
  await dragSelect(page, 'كيم');
  await press(page, '1');
  await page.locator('#file-input').setInputFiles(file('note.txt', 'موسكو'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  await download.path();
  const network = requestsAfterLoad.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(network, []);
  assert.deepEqual(server.requests.slice(served), []);
});

test('a panic in the core stops changes, tells the user, and the saved work survives a reload', async () => {
  const beforeState = await shownState(page);
  await page.evaluate(() => window.alamaTestHooks.panic());
  await page.waitForSelector('body[data-crashed="true"]');
  assert.match(await message(page), /Alama hit an internal error .* Every change before this one is saved in this browser: reload the page/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  assert.match(await message(page), /^Restored “main”/);
  await page.locator(`#document-list button[data-doc="${beforeState.doc}"]`).click();
  assert.deepEqual(await shownState(page), beforeState);
});

test('a refused write is reported at once, kept, and saved with the next change', async () => {
  await page.locator('#document-list button').first().click();
  await page.evaluate(() => {
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function () {
      IDBObjectStore.prototype.add = add;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await dragSelect(page, 'مصنع');
  await press(page, '4');
  assert.match(
    await message(page),
    /could not be saved in this browser \(QuotaExceededError: The quota has been exceeded\.\)\. Nothing is lost yet: use Export JSON now/,
  );
  assert.equal(await page.locator('#save-state').textContent(), 'Not saved!');
  await dragSelect(page, 'وكالة تاس');
  await press(page, '2');
  assert.equal(await page.locator('#save-state').textContent(), 'Saved');
  const expected = await shownState(page);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  await page.locator(`#document-list button[data-doc="${expected.doc}"]`).click();
  assert.deepEqual(await shownState(page), expected);
});

test('a second tab on the same workspace opens read-only and cannot overwrite the first', async () => {
  const second = await context.newPage();
  await second.goto(server.url);
  await second.waitForSelector('body[data-ready="true"][data-restored="true"]');
  assert.equal(await second.locator('#save-state').textContent(), 'Read-only');
  assert.match(await message(second), /open in another tab/);
  const beforeState = await shownState(second);
  await dragSelect(second, 'بوتين');
  await second.keyboard.press('3');
  assert.match(await message(second), /read-only/);
  assert.deepEqual(await shownState(second), beforeState);
  await second.close();
  // The first tab still saves.
  await dragSelect(page, 'سوخوي-35');
  await press(page, '3');
  assert.equal(await page.locator('#save-state').textContent(), 'Saved');
});

test('no unexpected script errors', () => {
  // The one expected: the inline script the CSP test inserted on purpose was blocked.
  assert.deepEqual(
    errors.filter((e) => !/^Executing inline script violates .*Content Security Policy/.test(e)),
    [],
  );
});
