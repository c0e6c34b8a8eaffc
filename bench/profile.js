// Where an edit's time goes: opens the page in headless Chromium, imports a workload
// (an Alama export), makes a few edits as the benchmark does (key 1 tags a word, 2
// relabels it, Delete removes it), and prints, for the frames those keys caused, the time
// the renderer's main thread spent by kind of work (a Chromium trace: script, style,
// layout, paint…) and the script functions that took most of it (the V8 sampling profiler).
//
//   node bench/profile.js [WORKLOAD.json | --seeds] [--edits 5] [--gap MS] [--switch] [--layouts] [--paints] [--css RULES]
//   (default: artifacts/bench/workload-1m.json; --switch clicks documents of a corpus instead
//   of editing; --layouts lists each style recalculation and layout in the windows; --gap
//   pauses before each key; SAVE=FILE keeps the Chromium trace; with --tasks, KEY=N limits the
//   per-function times to the Nth key and IN=frame to the frames' rAF callbacks)
//
// Build with ALAMA_PROFILE=1 bash scripts/build.sh to see the Wasm functions by name.

import { join } from 'node:path';
import { serve, launch, openPage, ROOT, ARTIFACTS } from '../tests/e2e/harness.js';

const argv = process.argv.slice(2);
const seeds = argv.includes('--seeds');
const file = argv.find((a) => a.endsWith('.json')) ?? join(ARTIFACTS, 'bench', 'workload-1m.json');
const EDITS = argv.includes('--edits') ? Number(argv[argv.indexOf('--edits') + 1]) : 5;
/** --switch: profile clicks on documents in the list (a corpus) instead of edits. */
const switching = argv.includes('--switch');
/** --gap MS: a pause before each key, as a person leaves, so the frame clock is idle when it comes. */
const GAP = argv.includes('--gap') ? Number(argv[argv.indexOf('--gap') + 1]) : 0;

const server = await serve(ROOT);
const browser = await launch();
const { context, page } = await openPage(browser, `${server.url}www/index.html`);
page.on('dialog', (d) => d.accept());
// --css RULES: style added to the page first, to see what a rule would change.
if (argv.includes('--css'))
  await page.evaluate(
    (css) => {
      const sheet = new CSSStyleSheet(); // the page's CSP allows no inline style; a constructed sheet it does
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    },
    argv[argv.indexOf('--css') + 1],
  );
if (!seeds) {
  await page.locator('#file-input').setInputFiles(file);
  await page.waitForFunction(() => /^Imported/.test(document.getElementById('message').textContent), null, { timeout: 120_000 });
}
await page.waitForFunction(() => document.body.dataset.saveState === 'saved', null, { timeout: 120_000 });
await page.evaluate(async () => {
  const ed = document.getElementById('editor');
  ed.scrollTop = ed.scrollHeight / 2;
  await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
});

const selectWord = (nth) =>
  page.evaluate((nth) => {
    const area = document.getElementById('editor').getBoundingClientRect();
    const walker = document.createTreeWalker(document.getElementById('article'), NodeFilter.SHOW_TEXT);
    const words = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const box = n.parentElement.getBoundingClientRect();
      if (box.bottom < area.top + 100 || box.top > area.bottom - 100) continue;
      for (const m of n.data.matchAll(/[\u0621-\u064A]{3,}/g)) words.push([n, m.index, m.index + m[0].length]);
    }
    const [node, s, e] = words[(nth * 7) % words.length];
    const r = new Range();
    r.setStart(node, s);
    r.setEnd(node, e);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, nth);

const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
await cdp.send('Profiler.start');
const settled = () => page.waitForFunction(() => document.body.dataset.saveState !== 'saving');
if (switching) {
  // Clicks documents spread over the list, as the benchmark's switch measure does.
  for (let i = 0; i < EDITS; i++) {
    const doc = await page.evaluate(
      async (f) => {
        const list = document.getElementById('documents');
        list.scrollTop = f * (list.scrollHeight - list.clientHeight);
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
        const top = list.getBoundingClientRect().top;
        return [...document.querySelectorAll('#document-list button')].find(
          (b) => b.getBoundingClientRect().top > top + 40 && b.getAttribute('aria-current') !== 'true',
        )?.dataset.doc;
      },
      (i + 0.5) / EDITS,
    );
    await page.locator(`#document-list button[data-doc="${doc}"]`).click();
    await page.waitForFunction((d) => document.querySelector('#document-list button[aria-current="true"]')?.dataset.doc === d, doc);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
} else {
  for (let i = 0; i < EDITS; i++) {
    await selectWord(i);
    for (const key of ['Digit1', 'Digit2', 'Delete']) {
      if (GAP) await page.waitForTimeout(GAP);
      await page.keyboard.press(key);
      await settled();
    }
  }
}
const { profile } = await cdp.send('Profiler.stop');
const trace = JSON.parse((await browser.stopTracing()).toString());
if (process.env.SAVE) (await import('node:fs')).writeFileSync(process.env.SAVE, JSON.stringify(trace));

// The trace: main-thread events inside the key → frame windows (from a keydown's EventDispatch to the next frame's end).
const events = trace.traceEvents ?? trace;
const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
const onMain = events.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
const keys = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === (switching ? 'click' : 'keydown')).map((e) => e.ts);
const paints = onMain.filter((e) => e.name === 'Paint').map((e) => e.ts + e.dur);
const frames = onMain.filter((e) => e.name === 'PrePaint').map((e) => paints.find((p) => p > e.ts && p < e.ts + 50_000) ?? e.ts + e.dur);
const windows = keys.map((k) => [k, frames.find((f) => f > k) ?? k]);
const byName = new Map();
// An event inside another of the same name (Paint inside Paint: the document, then its
// root element) is counted once, by the outer one.
const outerEnd = new Map();
for (const e of [...onMain].sort((x, y) => x.ts - y.ts || y.dur - x.dur)) {
  if (!windows.some(([a, b]) => e.ts >= a && e.ts + e.dur <= b)) continue;
  if (e.ts + e.dur <= (outerEnd.get(e.name) ?? -1)) continue;
  outerEnd.set(e.name, e.ts + e.dur);
  byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
}
// Each layout and style recalculation in those windows: how much it did, and where it began.
if (argv.includes('--layouts')) {
  for (const e of onMain) {
    if (!['Layout', 'UpdateLayoutTree'].includes(e.name) || !windows.some(([a, b]) => e.ts >= a && e.ts + e.dur <= b)) continue;
    const d = e.args?.beginData ?? {};
    const roots = (e.args?.endData?.layoutRoots ?? []).length;
    console.log(
      `  ${e.name.padEnd(16)} ${(e.dur / 1000).toFixed(2).padStart(6)} ms  dirty ${d.dirtyObjects ?? '-'} / ${d.totalObjects ?? '-'}  roots ${roots}  elements ${e.args?.elementCount ?? '-'}  ${d.stackTrace?.[0]?.functionName ?? ''}`,
    );
  }
}
// Each paint in those windows: what was painted (its node and clip), and how long it took.
if (argv.includes('--paints')) {
  for (const e of onMain) {
    if (e.name !== 'Paint' || !windows.some(([a, b]) => e.ts >= a && e.ts + e.dur <= b)) continue;
    const d = e.args?.data ?? {};
    const c = d.clip ?? [];
    const size = c.length >= 8 ? `${Math.round(c[2] - c[0])}×${Math.round(c[5] - c[1])}` : '-';
    console.log(`  Paint ${(e.dur / 1000).toFixed(2).padStart(6)} ms  node ${d.nodeId ?? '-'} ${d.nodeName ?? ''}  layer ${d.layerId ?? '-'}  clip ${size}`);
  }
}
// Each window's top-level tasks: what ran between the key and the frame, and the gaps.
if (argv.includes('--tasks')) {
  for (const [a, b] of windows) {
    const top = onMain.filter((e) => e.ts >= a && e.ts < b && e.dur > 50).sort((x, y) => x.ts - y.ts);
    const outer = [];
    for (const e of top) if (!outer.length || e.ts >= outer.at(-1).ts + outer.at(-1).dur) outer.push(e);
    const inner = (t) =>
      onMain
        .filter(
          (e) =>
            e.ts >= t.ts &&
            e.ts + e.dur <= t.ts + t.dur &&
            e !== t &&
            /EventDispatch|FireAnimationFrame|FunctionCall|Layout|UpdateLayoutTree|Paint|TimerFire|v8.callFunction/.test(e.name),
        )
        .map((e) => `${e.name === 'EventDispatch' ? e.args?.data?.type : e.name} ${(e.dur / 1000).toFixed(1)}`)
        .slice(0, 8)
        .join(', ');
    console.log(`window ${((b - a) / 1000).toFixed(1)} ms:`);
    const last = outer.at(-1);
    if (last && process.env.FRAME) {
      const kinds = new Map();
      for (const e of onMain)
        if (e !== last && e.ts >= last.ts && e.ts + e.dur <= last.ts + last.dur) kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur / 1000);
      console.log(
        '    frame: ' +
          [...kinds]
            .filter(([, ms]) => ms > 0.3)
            .sort((x, y) => y[1] - x[1])
            .map(([n, ms]) => `${n} ${ms.toFixed(1)}`)
            .join(', '),
      );
    }
    for (const t of outer) console.log(`  +${((t.ts - a) / 1000).toFixed(1).padStart(5)}  ${(t.dur / 1000).toFixed(1).padStart(5)} ms  ${t.name}: ${inner(t)}`);
  }
}
const frameMs = windows.map(([a, b]) => (b - a) / 1000).sort((x, y) => x - y);
console.log(`${windows.length} keys; key → frame painted (trace): median ${frameMs[frameMs.length >> 1].toFixed(1)} ms, max ${frameMs.at(-1).toFixed(1)} ms`);
console.log('main-thread time inside those windows, by event (different events nest: a Layout inside a FunctionCall):');
for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);

// The profile: self time per function, over the whole run.
const self = new Map();
const dt = profile.timeDeltas;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
});
// Inside the keydown (or click) handlers only (IN=frame: the frames' rAF callbacks): time per
// function, self and with its callees.
if (argv.includes('--tasks')) {
  const inFrame = process.env.IN === 'frame';
  const only = process.env.KEY === undefined ? null : (windows[Number(process.env.KEY)] ?? [Infinity, -Infinity]);
  const handlers = onMain
    .filter((e) =>
      inFrame
        ? e.name === 'FireAnimationFrame' && windows.some(([a, b]) => e.ts >= a && e.ts <= b)
        : e.name === 'EventDispatch' && e.args?.data?.type === (switching ? 'click' : 'keydown'),
    )
    .map((e) => [e.ts, e.ts + e.dur])
    // KEY=N: the Nth key's window only (0: the first, whose code runs for the first time).
    .filter(([a]) => !only || (a >= only[0] && a <= only[1]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const total = new Map();
  const own = new Map();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += dt[i] ?? 0;
    if (!handlers.some(([a, b]) => t >= a && t <= b)) return;
    const ms = (dt[i + 1] ?? dt[i] ?? 0) / 1000;
    const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
    own.set(label(byId.get(id)), (own.get(label(byId.get(id))) ?? 0) + ms);
    const seen = new Set();
    for (let n = id; n; n = parentOf.get(n)) {
      const name = label(byId.get(n));
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  console.log('inside the handlers, with callees (top 30):');
  for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30)))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}   (self ${(own.get(name) ?? 0).toFixed(1)})`);
}
console.log('script self time, whole run (top 25):');
for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
await browser.close();
server.close();

// Who asked for layout: the script callers of the calls that force it, by their self time.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const forced = new Map();
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  if (!/^(getBoundingClientRect|getClientRects|scrollTop|clientWidth|clientHeight|offsetHeight|caretPositionFromPoint)$/.test(f.functionName)) return;
  let p = parent.get(id);
  const chain = [];
  while (p && chain.length < 3) {
    const cf = byId.get(p).callFrame;
    if (cf.url) chain.push(`${cf.functionName || '(anonymous)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`);
    p = parent.get(p);
  }
  const key = `${f.functionName} ← ${chain.join(' ← ')}`;
  forced.set(key, (forced.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
console.log('layout forced by script, by caller (top 12):');
for (const [name, ms] of [...forced].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
