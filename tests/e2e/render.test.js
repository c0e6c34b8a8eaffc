// Rendering a long document: the 200k benchmark workload (bench/generate.js, 3.8k spans)
// opened through the real import path. Only the text on and near the screen is in the DOM,
// in paragraph blocks; these checks make sure that what is shown is still exactly right:
// a sample of spans spread over the document is painted over exactly its characters,
// scrolling from top to bottom always shows the document's own text with no gap, and a
// selection dragged across a block boundary becomes the span it covers. No timings here:
// those are in bench/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, ARTIFACTS } from './harness.js';
import { dragSelect, inkShare, message, painted, press } from './page-tools.js';
import { workload } from '../../bench/generate.js';

const data = workload('200k');
const doc = data.documents[0];
const text = doc.text;
// Code points → UTF-16 (the DOM's unit).
const utf16 = [];
{
  let u = 0;
  for (const c of text) {
    utf16.push(u);
    u += c.length;
  }
  utf16.push(u);
}

let server, browser, page, errors;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'render-200k.json');
  writeFileSync(file, JSON.stringify(data));
  server = await serve();
  browser = await launch();
  ({ page, errors } = await openPage(browser, server.url));
  await page.locator('#file-input').setInputFiles(file);
  await page.waitForFunction(() => /^Imported 1 documents/.test(document.getElementById('message').textContent));
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** The rendered blocks: where each starts in the document (UTF-16) and its text. */
const blocks = () => page.$$eval('#article .block', (els) => els.map((e) => ({ start: Number(e.dataset.start), text: e.textContent })));

/** Scrolls the article (as a person would) until UTF-16 offset `at` is on screen. */
async function scrollTo(at) {
  await page.evaluate(
    async ([at, length]) => {
      const ed = document.getElementById('editor');
      const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      ed.scrollTop = (ed.scrollHeight * at) / length - ed.clientHeight / 2;
      await frame();
      for (let i = 0; i < 400; i++) {
        const els = [...document.querySelectorAll('#article .block')];
        const el = els.findLast((e) => Number(e.dataset.start) <= at);
        const last = els.at(-1);
        if (el && (el !== last || at < Number(last.dataset.start) + last.textContent.length)) {
          const r = el.getBoundingClientRect();
          const area = ed.getBoundingClientRect();
          el.scrollIntoView({ block: 'center' });
          await frame();
          if (r.bottom > area.top + 100 && r.top < area.bottom - 100) return;
          continue;
        }
        ed.scrollTop += (el ? 1 : -1) * ed.clientHeight * 0.8;
        await frame();
      }
      throw new Error(`could not bring ${at} on screen`);
    },
    [at, utf16.at(-1)],
  );
}

/** What is painted as `name` (painted(), with document offsets: block start + offset). */
const paintedIn = async (name) => (await painted(page, 'document'))[name] ?? [];

test('the 200k workload opens with its spans and only part of it in the DOM', async () => {
  assert.equal(await page.locator('#span-count').textContent(), `(${doc.spans.length})`);
  const shown = await blocks();
  assert.ok(shown.length > 0);
  const chars = shown.reduce((n, b) => n + b.text.length, 0);
  assert.ok(chars < text.length / 4, `${chars} of ${text.length} characters are in the DOM`);
  assert.ok((await page.locator('#span-list li').count()) < 200, 'the span list shows a window of rows');
});

test('a sample of spans across the document is painted over exactly its characters', async () => {
  const sample = Array.from({ length: 14 }, (_, i) => doc.spans[Math.floor((i * (doc.spans.length - 1)) / 13)]);
  for (const s of sample) {
    const [start, end] = [utf16[s.start], utf16[s.end]];
    await scrollTo(start);
    // What is rendered is the document's own text, at the offsets the blocks claim.
    for (const b of await blocks()) assert.equal(b.text, text.slice(b.start, b.start + b.text.length), `block at ${b.start}`);
    const ranges = await paintedIn(`alama-${s.label}`);
    const hit = ranges.find((r) => r.start === start && r.end === end);
    assert.ok(hit, `span ${s.id} (${s.label} “${s.text}” at ${start}–${end}) is painted: ${JSON.stringify(ranges.slice(0, 3))}`);
    assert.equal(hit.text, s.text);
    // Its badge is there too.
    assert.equal(await page.locator(`#badges .badge[data-span="${s.id}"]`).count(), 1, `badge of span ${s.id}`);
  }
  // And the pixels: a PER span is tinted.
  const per = sample.find((s) => s.label === 'PER');
  await scrollTo(utf16[per.start]);
  const box = await page.evaluate(
    ([s, e]) => {
      const el = [...document.querySelectorAll('#article .block')].findLast((b) => Number(b.dataset.start) <= s);
      const r = new Range();
      r.setStart(el.firstChild, s - Number(el.dataset.start));
      r.setEnd(el.firstChild, e - Number(el.dataset.start));
      const b = r.getClientRects()[0];
      return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
    },
    [utf16[per.start], utf16[per.end]],
  );
  assert.ok((await inkShare(page, box)) > 0.5, 'the PER span is painted');
});

test('scrolling from top to bottom always shows the text on screen, with no gap', async () => {
  const steps = await page.evaluate(async (length) => {
    const ed = document.getElementById('editor');
    const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    ed.scrollTop = 0;
    await frame();
    let n = 0;
    for (;;) {
      const area = ed.getBoundingClientRect();
      const els = [...document.querySelectorAll('#article .block')];
      for (let i = 1; i < els.length; i++) {
        const prev = els[i - 1];
        if (Number(prev.dataset.start) + prev.textContent.length !== Number(els[i].dataset.start)) throw new Error(`gap before block ${els[i].dataset.start}`);
      }
      const first = els[0].getBoundingClientRect();
      const last = els.at(-1);
      const end = Number(last.dataset.start) + last.textContent.length;
      const lastBox = last.getBoundingClientRect();
      const top = Math.max(area.top, document.getElementById('article').getBoundingClientRect().top + 20);
      if (first.top > top + 1) throw new Error(`nothing rendered at the top of the screen (step ${n})`);
      if (end < length && lastBox.bottom < area.bottom - 1) throw new Error(`nothing rendered at the bottom of the screen (step ${n})`);
      if (ed.scrollTop + ed.clientHeight >= ed.scrollHeight - 1) return { n, end };
      ed.scrollTop += ed.clientHeight;
      await frame();
      n++;
    }
  }, utf16.at(-1));
  assert.equal(steps.end, utf16.at(-1), 'the last block ends the document');
  assert.ok(steps.n > 50, `${steps.n} screens`);
});

test('a selection dragged across a block boundary becomes the span it covers', async () => {
  // The last word of one paragraph and the first word of the next, somewhere in the middle.
  const para = text.indexOf('\n\n', Math.floor(text.length / 2));
  const from = text.lastIndexOf(' ', para) + 1;
  const after = para + 2;
  const to = text.indexOf(' ', after);
  const needle = text.slice(from, to);
  assert.match(needle, /\n\n/);
  await scrollTo(from);
  const first = await page.$eval('#article .block', (e) => Number(e.dataset.start));
  const where = await dragSelect(page, needle);
  assert.equal(first + where.at, from, 'the drag starts where the needle is');
  await press(page, '4');
  assert.equal(await message(page), `Tagged “${needle}” as EVT.`);
  const evt = (await paintedIn('alama-EVT')).find((r) => r.start === from);
  assert.deepEqual(evt, { start: from, end: to, text: needle });
  assert.equal(await page.locator('#span-count').textContent(), `(${doc.spans.length + 1})`);
});

test('no script errors', () => {
  assert.deepEqual(errors, []);
});
