// The one-file build (scripts/single-file.js): dist/alama.html opened straight from disk
// (file://) with the network off works as the served page does: the seeds are there, a
// name is tagged, the change is saved in the browser and survives a reload, and the export
// downloads and passes the Python consumer. Nothing is fetched but the file itself.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, ROOT, ARTIFACTS } from './harness.js';
import { dragSelect, painted, press, message } from './page-tools.js';

const HTML = join(ROOT, 'dist', 'alama.html');
const PUTIN = 'فلاديمير بوتين';
let browser;

before(async () => {
  const built = spawnSync('node', ['scripts/single-file.js'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  browser = await launch();
});
after(() => browser?.close());

test('dist/alama.html works from file:// with no network: tag, autosave, reload, export, the Corpus view', async () => {
  const url = pathToFileURL(HTML).href;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, offline: true });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const errors = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  assert.equal(await page.locator('#document-list .title').count(), 5);
  await page.locator('#document-list button').first().click();

  await dragSelect(page, PUTIN);
  await press(page, '1');
  assert.deepEqual(
    (await painted(page))['alama-PER'].map((r) => r.text),
    [PUTIN],
  );
  assert.equal(await page.locator('#save-state').textContent(), 'Saved');

  await page.reload();
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  assert.match(await message(page), /^Restored “main”/);
  await page.locator('#document-list button').first().click();
  assert.deepEqual(
    (await painted(page))['alama-PER'].map((r) => r.text),
    [PUTIN],
  );

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const file = join(ARTIFACTS, 'single-file-export.json');
  await download.saveAs(file);
  const check = spawnSync('python3', ['tests/consumer/check_export.py', file], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /OK: 5 documents, 1 spans/);

  // The Corpus view, loaded on first use beside a server, is in the file already.
  await page.locator('#corpus').click();
  await page.waitForSelector('#corpus-dialog[open] .entity');
  assert.match(await page.locator('#corpus-dialog .entity').first().textContent(), /بوتين ×1/);
  await page.locator('#corpus-close').click();

  // So is the list of what an import could not carry (a module loaded on first use, with await).
  const dir = mkdtempSync(join(tmpdir(), 'alama-brat-'));
  writeFileSync(join(dir, 'note.txt'), 'قال بوتين في موسكو');
  writeFileSync(join(dir, 'note.ann'), 'T1\tPER 4 9\tبوتين\nT2\tLOC 13 18\tموسكو\nR1\tIn Arg1:T1 Arg2:T2\n');
  page.on('dialog', (d) => d.accept());
  await page.locator('#file-input').setInputFiles([join(dir, 'note.txt'), join(dir, 'note.ann')]);
  await page.waitForSelector('#notes-dialog[open]');
  assert.match(
    (await page.locator('#notes-list li').allTextContents()).join('\n'),
    /1 relations, events, attributes, normalisations or notes in note\.ann were ignored/,
  );
  await page.locator('#notes-close').click();
  assert.match(await message(page), /^Imported/);

  assert.deepEqual(
    requests.filter((u) => !/^(file|data|blob):/.test(u)),
    [],
  );
  assert.deepEqual(errors, []);
  await context.close();
});
