// The workspace as it is stored, at project scale and across versions: a workspace saved by
// the earlier layout (one snapshot and a journal, the bytes that version wrote) is restored
// and from then on kept in parts; a 2,000-document export imported, switched through,
// tagged, searched, and brought back after kill -9 with every saved edit, with the page
// showing the first document before the others are in. Correctness, not timings (those
// are in bench/run.js).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, openOnProfile, killAll } from './harness.js';
import { settle, shownState } from './page-tools.js';
import { corpus } from '../../bench/generate.js';

let server;
const folders = [];
before(async () => {
  server = await serve();
});
after(async () => {
  await killAll();
  server?.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const folder = () => {
  const f = mkdtempSync(join(tmpdir(), 'alama-storage-'));
  folders.push(f);
  return f;
};

/** Chromium on `profile`, the page open at `path` (and, unless `wait` is false, ready); dialogs accepted. */
async function start(profile, { path = '', wait = true } = {}) {
  const chrome = await openOnProfile(profile, `${server.url}${path}`, { ready: wait });
  chrome.page.on('dialog', (d) => d.accept());
  return chrome;
}

/** The export the page downloads (Export JSON), read back. */
async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

const spansOf = (file) => file.documents.map((d) => ({ id: d.id, text: d.text, spans: d.spans.map((s) => [s.start, s.end, s.label]) }));

/** Selects the `nth` word of four Arabic letters or more after the article's first line. */
const selectWord = (page, nth) =>
  page.evaluate((nth) => {
    const walker = document.createTreeWalker(document.getElementById('article'), NodeFilter.SHOW_TEXT);
    const words = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (/^\d+\. /.test(n.data)) continue;
      for (const m of n.data.matchAll(/[\u0621-\u064A]{4,}/g)) words.push([n, m.index, m.index + m[0].length]);
    }
    const [node, start, end] = words[nth];
    const r = new Range();
    r.setStart(node, start);
    r.setEnd(node, end);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, nth);

/** What the page's IndexedDB holds for workspace "main", store by store. */
const stored = (page) =>
  page.evaluate(async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('alama');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const count = (s) =>
      db.objectStoreNames.contains(s)
        ? new Promise((ok) => {
            const r = db.transaction(s).objectStore(s).count();
            r.onsuccess = () => ok(r.result);
          })
        : -1;
    const out = {
      version: db.version,
      heads: await count('heads'),
      parts: await count('parts'),
      snapshots: await count('snapshots'),
      journal: await count('journal'),
    };
    db.close();
    return out;
  });

test('a workspace saved by the earlier layout (one snapshot and its journal) is restored, then kept in parts', async () => {
  // Written by the page at commit 4612f64 (IndexedDB version 1): a snapshot of the seed
  // articles with one span, then two spans journaled after it.
  const legacy = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'legacy-v1.json'), 'utf8'));
  const profile = folder();
  const first = await start(profile, { path: 'seeds/index.json', wait: false });
  await first.page.evaluate(async (legacy) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('alama', 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('workspaces', { keyPath: 'name' });
        r.result.createObjectStore('snapshots', { keyPath: 'ws' });
        r.result.createObjectStore('journal', { keyPath: ['ws', 'seq'] });
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction(['workspaces', 'snapshots', 'journal'], 'readwrite');
    for (const w of legacy.workspaces) tx.objectStore('workspaces').put(w);
    for (const s of legacy.snapshots) tx.objectStore('snapshots').put(s);
    for (const e of legacy.journal) tx.objectStore('journal').put(e);
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  }, legacy);
  await first.page.goto(server.url);
  const { page } = first;
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  assert.match(await page.locator('#message').textContent(), /^Restored “main”: 5 documents, 3 spans/);
  assert.deepEqual(spansOf(await exported(page)), spansOf(legacy.expected));
  await settle(page);
  assert.deepEqual(await stored(page), { version: 2, heads: 1, parts: 5, snapshots: 0, journal: 0 }, 'saved again in parts, the old snapshot gone');
  await first.kill();

  const again = await start(profile);
  assert.match(await again.page.locator('#message').textContent(), /^Restored “main”: 5 documents, 3 spans/);
  assert.deepEqual(spansOf(await exported(again.page)), spansOf(legacy.expected));
  await again.kill();
});

test('an edit made while the edits before it are still being written is drawn at once, and all are restored in order', async () => {
  const profile = folder();
  const first = await start(profile);
  const { page } = first;
  await settle(page);
  // The store's writes are held until the test lets them go: a disk that takes its time.
  await page.evaluate(async () => {
    const { page: p } = await import('/state/state.js');
    const append = p.store.append.bind(p.store);
    const gate = new Promise((open) => (window.__open = open));
    window.__written = 0;
    p.store.append = async (...args) => {
      await gate;
      const done = await append(...args);
      window.__written++;
      return done;
    };
  });
  const badges = () => page.evaluate(() => [...document.querySelectorAll('#badges .badge')].map((b) => b.textContent));
  await selectWord(page, 0);
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelectorAll('#badges .badge').length === 1, null, { timeout: 5000 });
  await selectWord(page, 1);
  await page.keyboard.press('2');
  await page.waitForFunction(() => document.querySelectorAll('#badges .badge').length === 2, null, { timeout: 5000 });
  await page.keyboard.press('3'); // relabels the span just made
  await page.waitForFunction(() => document.querySelector('#badges .badge.selected')?.textContent === 'WEA', null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__written), 0, 'every edit was drawn while the first write was still held');
  assert.equal(await page.evaluate(() => document.body.dataset.saveState), 'saving');
  assert.deepEqual((await badges()).sort(), ['PER', 'WEA']);
  await page.evaluate(() => window.__open());
  await settle(page);
  assert.ok((await page.evaluate(() => window.__written)) >= 1);
  const made = spansOf(await exported(page));
  await first.kill();

  const again = await start(profile);
  const back = spansOf(await exported(again.page));
  assert.deepEqual(back, made);
  assert.deepEqual(
    back[0].spans.map(([, , label]) => label),
    ['PER', 'WEA'],
  );
  await again.kill();
});

test('2,000 documents: imported, switched, tagged, searched, and restored after kill -9 with every saved edit', async () => {
  const data = corpus();
  const dir = folder();
  const file = join(dir, 'corpus.json');
  writeFileSync(file, JSON.stringify(data));
  const spans = data.documents.reduce((n, d) => n + d.spans.length, 0);
  const profile = join(dir, 'profile');

  const chrome = await start(profile);
  const { page } = chrome;
  await page.locator('#file-input').setInputFiles(file, { timeout: 120_000 }); // 18 MB over the DevTools socket
  await page.waitForFunction((t) => document.getElementById('message').textContent.startsWith(t), `Imported 2000 documents and ${spans} spans`, {
    timeout: 120_000,
  });
  await page.waitForFunction(() => document.body.dataset.saveState === 'saved', null, { timeout: 120_000 });
  assert.equal((await stored(page)).parts, 2000, 'one part per document');

  // Switch to the last document: the list is a window of rows, scrolled to its end.
  await page.locator('#document-list').evaluate((el) => (el.parentElement.scrollTop = el.parentElement.scrollHeight));
  const last = page.locator('#document-list button[data-doc="doc-2000"]');
  await last.click();
  await page.waitForFunction(() => document.getElementById('article').textContent.startsWith('2000. '));

  // Tag the first word of its second paragraph, as a person would: select, press 1.
  await selectWord(page, 0);
  await page.keyboard.press('1');
  await page.waitForFunction(() => /^Tagged/.test(document.getElementById('message').textContent));
  await settle(page);
  const tagged = await shownState(page);
  assert.equal(tagged.doc, 'doc-2000');
  const parts = await stored(page);
  assert.equal(parts.parts, 2000);
  assert.ok(parts.journal >= 1, 'the tag is in the journal, not in a rewritten snapshot');

  // Search every document for a word: the counts cover the whole corpus.
  const word = 'موسكو';
  const expected = data.documents.filter((d) => d.text.includes(word)).length;
  await page.locator('#search').fill(word);
  await page.waitForFunction(() => / in \d+ documents?$/.test(document.getElementById('search-count').textContent), null, { timeout: 60_000 });
  const counts = await page.locator('#search-count').textContent();
  assert.equal(Number(/ in (\d+) documents?$/.exec(counts)[1]), expected, counts);
  await page.locator('#search').fill('');

  // One more tag, and the browser killed while it is saved: it is wholly there or absent.
  await selectWord(page, 5);
  await page.keyboard.press('2');
  await chrome.kill();

  const again = await start(profile);
  assert.match(await again.page.locator('#message').textContent(), new RegExp(`^Restored “main”: 2000 documents, (?:${spans + 1}|${spans + 2}) spans`));
  await again.page.locator('#document-list').evaluate((el) => (el.parentElement.scrollTop = el.parentElement.scrollHeight));
  await again.page.locator('#document-list button[data-doc="doc-2000"]').click();
  await again.page.waitForFunction(() => document.getElementById('article').textContent.startsWith('2000. '));
  const restored = (await shownState(again.page)).spans;
  for (const s of tagged.spans) assert.ok(restored.includes(s), `lost ${s}`);
  assert.ok(restored.length - tagged.spans.length <= 1, 'the tag in flight is there whole or not at all, and nothing else changed');
  console.log(`# storage: 2,000 documents restored after kill -9; the tag in flight was ${restored.length > tagged.spans.length ? 'saved' : 'lost whole'}`);
  const back = await exported(again.page);
  assert.equal(back.documents.length, 2000);
  assert.deepEqual(
    back.documents.slice(0, 1999).map((d) => d.spans.length),
    data.documents.slice(0, 1999).map((d) => d.spans.length),
  );
  await again.kill();
});
