// Never lose an annotation: random edits through the real page (keys and clicks), then
// Chromium killed hard (SIGKILL, no clean close) and started again on the same profile;
// every edit the page had saved must be there. ALAMA_KILL_CYCLES sets the number of cycles
// (default 12 here; the long run in the note used more). An import, journaled in several
// records, comes back whole, or (killed while it is saved) not at all.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, openOnProfile, killAll } from './harness.js';
import { settle, shownState as state } from './page-tools.js';

const CYCLES = Number(process.env.ALAMA_KILL_CYCLES ?? 12);
const SEED = Number(process.env.ALAMA_SEED ?? Date.now() % 100000);
const LABEL_KEYS = ['1', '2', '3', '4'];

let server;
let profile;
before(async () => {
  server = await serve();
  profile = mkdtempSync(join(tmpdir(), 'alama-profile-'));
});
after(async () => {
  await killAll();
  server?.close();
  rmSync(profile, { recursive: true, force: true });
});

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const start = () => openOnProfile(profile, server.url);

/** Selects words `from`..`from + n` of the article through the DOM, as a drag would (across blocks too). */
function selectWords(page, from, n) {
  return page.evaluate(
    ([from, n]) => {
      const walker = document.createTreeWalker(document.getElementById('article'), NodeFilter.SHOW_TEXT);
      const words = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/\S+/g)) words.push({ node, start: m.index, end: m.index + m[0].length });
      }
      const a = words[from % words.length];
      const b = words[Math.min(words.length - 1, (from % words.length) + n)];
      const r = new Range();
      r.setStart(a.node, a.start);
      r.setEnd(b.node, b.end);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    },
    [from, n],
  );
}

/** Clicks the `n`th badge after scrolling it to the middle of the article, clear of the toolbar. */
async function clickBadge(page, n) {
  const badge = page.locator('#badges .badge').nth(n);
  await badge.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await badge.click();
}

async function randomEdit(page, rand, { wait = true } = {}) {
  const pick = (n) => Math.floor(rand() * n);
  const badges = await page.locator('#badges .badge').count();
  const roll = rand();
  if (roll < 0.08) {
    await page.locator('#document-list button').nth(pick(5)).click();
    await settle(page);
  }
  let kind;
  if (badges === 0 || roll < 0.55) {
    kind = 'tag';
    await selectWords(page, pick(400), pick(3));
    await page.keyboard.press(LABEL_KEYS[pick(4)]);
  } else if (roll < 0.7) {
    kind = 'relabel';
    await clickBadge(page, pick(badges));
    await page.keyboard.press(LABEL_KEYS[pick(4)]);
  } else if (roll < 0.82) {
    kind = 'delete';
    await clickBadge(page, pick(badges));
    await page.keyboard.press('Delete');
  } else if (roll < 0.93) {
    kind = 'undo';
    await page.keyboard.press('Control+z');
  } else {
    kind = 'redo';
    await page.keyboard.press('Control+y');
  }
  if (wait) await settle(page);
  return kind;
}

test(`${CYCLES} kill -9 and restart cycles lose no saved edit (seed ${SEED})`, async () => {
  const rand = prng(SEED);
  let edits = 0;
  let inFlight = 0;
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const chrome = await start();
    const { page } = chrome;
    const count = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < count; i++) {
      await randomEdit(page, rand);
      edits++;
    }
    const expected = await state(page);
    // Every fourth cycle, one more tag is made and the browser is killed while it is saved.
    const racing = cycle % 4 === 3;
    if (racing) {
      await selectWords(page, Math.floor(rand() * 400), 1);
      await page.keyboard.press(LABEL_KEYS[Math.floor(rand() * 4)]);
      inFlight++;
    }
    await chrome.kill();

    const again = await start();
    await again.page.locator(`#document-list button[data-doc="${expected.doc}"]`).click();
    const restored = await state(again.page);
    assert.match(await again.page.locator('#message').textContent(), /^Restored “main”/);
    if (racing) {
      // The edit in flight is either wholly there or wholly absent; the earlier ones all are.
      for (const s of expected.spans) assert.ok(restored.spans.includes(s), `cycle ${cycle}: lost ${s}`);
      assert.ok(restored.spans.length - expected.spans.length <= 1, `cycle ${cycle}: extra spans`);
    } else {
      assert.deepEqual(restored, expected, `cycle ${cycle} (seed ${SEED})`);
    }
    await again.kill();
  }
  console.log(`# durability: ${CYCLES} kill-and-restart cycles, ${edits} saved edits verified, ${inFlight} edits killed in flight, seed ${SEED}`);
});

/** An export of one document with `n` spans: more than one journal record of spans. */
function bigExport(n) {
  const unit = 'قال بوتين في موسكو. ';
  const text = unit.repeat(n);
  const [step, at, len] = [[...unit].length, [...'قال '].length, [...'بوتين'].length];
  const spans = Array.from({ length: n }, (_, k) => ({ id: k + 1, start: k * step + at, end: k * step + at + len, label: 'PER', text: 'بوتين' }));
  const labels = [{ id: 'PER', names: { ar: 'شخص', en: 'Person' }, color: '#E69F00' }];
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  return JSON.stringify({
    format: 'alama',
    version: 1,
    offsets: 'unicode-code-points',
    labels,
    documents: [{ id: 'big', name: 'big.txt', text, sha256, status: 'new', spans }],
  });
}

test('an import comes back whole after kill -9, or not at all if it was killed while being saved', async () => {
  // Two different imports: the second replaces the first, and is killed as it is saved.
  for (const [n, when] of [
    [4_500, 'after it is saved'],
    [4_200, 'while it is saved'],
  ]) {
    const file = join(profile, `big-${n}.json`);
    writeFileSync(file, bigExport(n));
    const chrome = await start();
    const { page } = chrome;
    page.on('dialog', (d) => d.accept());
    await settle(page);
    const before = (await state(page)).docs;
    await page.locator('#file-input').setInputFiles(file);
    await page.waitForFunction((n) => document.getElementById('message').textContent.startsWith(`Imported 1 documents and ${n} spans`), n);
    if (when === 'after it is saved') await settle(page);
    await chrome.kill();

    const again = await start();
    assert.match(await again.page.locator('#message').textContent(), /^Restored “main”/);
    const restored = (await state(again.page)).docs;
    const whole = restored.length === 1 && restored[0].includes(`${n} spans (PER ${n})`);
    if (when === 'after it is saved') assert.ok(whole, `the saved import is restored whole: ${restored}`);
    else assert.ok(whole || JSON.stringify(restored) === JSON.stringify(before), `an import killed while saved came back in part: ${restored}`);
    console.log(`# durability: import of ${n} spans killed ${when}: ${whole ? 'restored whole' : 'absent, the work before it intact'}`);
    await again.kill();
  }
});
