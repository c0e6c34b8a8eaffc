// The benchmark: builds the release page, makes the workloads (bench/generate.js), and
// measures Alama and the peer (@recogito/text-annotator, bench/peer.html) with the same
// probes in headless Debian Chromium, then prints each target with the median, min and max
// of the runs, the peer's median and the ratio (peer ÷ Alama: how many times faster or
// smaller Alama is).
//
//   node bench/run.js [--runs 5] [--sizes 200k,1m] [--no-build] [--no-peer] [--json FILE]
//
// What each measure is (the probes are in PROBE below; both pages get the same):
//   open     file chosen in the file input (its change event) → the end of the first frame
//            after the page shows the document with its spans (Alama: the "Imported" message
//            is set in the same task that renders the first screen; the peer: setAnnotations
//            returned and its highlight layer has children).
//   longest task, opening / scrolling
//            the longest main-thread task of the page's renderer (the longest RunTask in a
//            Chromium trace, or the longest 'longtask' entry the page observed, whichever is
//            longer), from choosing the file until the import is saved; and while the article
//            is scrolled from top to bottom one screen per frame.
//   add, relabel, remove
//            keydown's timestamp → the end of the next frame (rAF, then a message), for a
//            word selected in the middle of the document: key 1 tags it, 2 relabels it,
//            Delete removes it; 5 of each per run.
//   export   the click on Export → the download link clicked (Alama: the canonical JSON;
//            the peer: JSON.stringify of getAnnotations()).
//   import   Alama's own export read back into a fresh page, as open.
//   memory   after open and a forced GC: V8 heap used + the Wasm memory (the peer: heap).
//   sizes    the Wasm file and everything the page fetches except the articles, gzip -9.

import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, launch, ROOT, ARTIFACTS } from '../tests/e2e/harness.js';
import { writeWorkloads } from './generate.js';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? dflt : argv[i + 1];
};
const RUNS = Number(opt('runs', 5));
const SIZES = opt('sizes', '200k,1m').split(',');
const PEER = !argv.includes('--no-peer');
const OUT = join(ARTIFACTS, 'bench');
const EDITS = 5;
const VIEWPORT = { width: 1400, height: 900 };

/** Installed in both pages before their scripts run. */
function PROBE() {
  const b = (window.__bench = { keys: [], exports: [], long: [] });
  // Long tasks (over 50 ms) as the page itself sees them, to check the trace against.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.long.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  b.longest = (from) => Math.max(0, ...b.long.filter(([t]) => t >= from).map(([, d]) => d));
  // The end of the next frame: rAF runs before it is painted, a message after.
  b.frameEnd = () =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => ok(performance.now());
        c.port2.postMessage(0);
      }),
    );
  document.addEventListener('change', (e) => e.target?.type === 'file' && (b.change = performance.now()), true);
  addEventListener(
    'keydown',
    (e) => {
      const t0 = e.timeStamp;
      b.frameEnd().then((t1) => b.keys.push(t1 - t0));
    },
    true,
  );
  document.addEventListener('click', (e) => e.target?.closest?.('#export') && (b.exportStart = e.timeStamp), true);
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) b.exports.push(performance.now() - b.exportStart);
    return click.call(this);
  };
  /** Resolves with the end of the first frame after `test()` holds. */
  b.whenShown = (test) =>
    new Promise((ok) => {
      const obs = new MutationObserver(() => check());
      const check = () => {
        if (!test()) return;
        obs.disconnect();
        b.frameEnd().then(ok);
      };
      obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      check();
    });
}

const PAGES = {
  alama: {
    url: 'www/index.html',
    ready: () => document.body.dataset.ready === 'true',
    whenShown: () => window.__bench.whenShown(() => /^Imported/.test(document.getElementById('message').textContent)),
    tagged: () => /^Tagged/.test(document.getElementById('message').textContent),
    settled: () => document.body.dataset.saveState !== 'saving',
  },
  peer: {
    url: 'bench/peer.html',
    ready: () => !!window.RecogitoJS,
    whenShown: () => window.__bench.whenShown(() => document.body.dataset.shown && document.querySelector('.r6o-span-highlight-layer *')),
    tagged: () => true,
    settled: () => true,
  },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function startTrace(browser, page) {
  page.__since = await page.evaluate(() => performance.now());
  await browser.startTracing(page, { categories: ['toplevel'] });
}

/**
 * The longest main-thread task since startTrace, in ms: the longest RunTask on a renderer
 * main thread in the trace, or the longest long task the page observed, whichever is longer.
 */
async function stopTrace(browser, page) {
  const seen = await page.evaluate((since) => window.__bench.longest(since), page.__since);
  return Math.max(seen, await traced(browser));
}

async function traced(browser) {
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let longest = 0;
  for (const e of events) {
    if (e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && mains.has(`${e.pid}:${e.tid}`))
      longest = Math.max(longest, e.dur / 1000);
  }
  return longest;
}

async function openPage(browser, kind, server) {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => d.accept());
  await page.addInitScript(PROBE);
  await page.goto(server.url + PAGES[kind].url);
  await page.waitForFunction(PAGES[kind].ready, null, { timeout: 60_000 });
  return { context, page, errors };
}

/** Opens `file` through the file input; resolves with the time to the first frame shown. */
async function openFile(page, kind, file) {
  const shown = page.evaluate(PAGES[kind].whenShown);
  await page.locator('#file-input').setInputFiles(file);
  const t1 = await shown;
  return t1 - (await page.evaluate(() => window.__bench.change));
}

async function memory(page, kind) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = kind === 'alama' ? await page.evaluate(async () => (await (await import('/www/pkg/alama.js')).default()).memory.buffer.byteLength) : 0;
  return (usedSize + wasm) / 1048576;
}

async function scrollThrough(page) {
  return page.evaluate(async () => {
    const ed = document.getElementById('editor');
    ed.scrollTop = 0;
    await window.__bench.frameEnd();
    let frames = 0;
    while (ed.scrollTop + ed.clientHeight < ed.scrollHeight - 2 && frames < 100_000) {
      ed.scrollTop += ed.clientHeight;
      await window.__bench.frameEnd();
      frames++;
    }
    return frames;
  });
}

/** Selects the `nth` word of at least 3 letters in the text on screen. */
function selectWord(page, nth) {
  return page.evaluate((nth) => {
    const ed = document.getElementById('editor');
    const area = ed.getBoundingClientRect();
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
    return r.toString();
  }, nth);
}

async function press(page, kind, key) {
  const before = await page.evaluate(() => window.__bench.keys.length);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => window.__bench.keys.length > n, before);
  await page.waitForFunction(PAGES[kind].settled);
  return page.evaluate(() => window.__bench.keys.at(-1));
}

async function edits(page, kind) {
  await page.evaluate(async () => {
    const ed = document.getElementById('editor');
    ed.scrollTop = ed.scrollHeight / 2;
    await window.__bench.frameEnd();
    await window.__bench.frameEnd();
  });
  const out = { add: [], relabel: [], remove: [] };
  for (let i = 0, tries = 0; out.add.length < EDITS && tries < 4 * EDITS; tries++, i++) {
    await selectWord(page, i);
    const add = await press(page, kind, 'Digit1');
    if (!(await page.evaluate(PAGES[kind].tagged))) continue; // refused (already tagged)
    out.add.push(add);
    out.relabel.push(await press(page, kind, 'Digit2'));
    out.remove.push(await press(page, kind, 'Delete'));
  }
  return out;
}

async function exportFile(page, kind, size) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('#export').click()]);
  const file = join(OUT, `${kind}-export-${size}.json`);
  await download.saveAs(file);
  return { ms: await page.evaluate(() => window.__bench.exports.at(-1)), file };
}

async function runOnce(browser, server, kind, size, workload) {
  const r = {};
  const { context, page, errors } = await openPage(browser, kind, server);
  await startTrace(browser, page);
  r.open = await openFile(page, kind, workload);
  await page.waitForFunction(PAGES[kind].settled, null, { timeout: 120_000 });
  r.openTask = await stopTrace(browser, page);
  r.memory = await memory(page, kind);
  await startTrace(browser, page);
  r.frames = await scrollThrough(page);
  r.scrollTask = await stopTrace(browser, page);
  Object.assign(r, await edits(page, kind));
  const exported = await exportFile(page, kind, size);
  r.export = exported.ms;
  r.errors = errors;
  await context.close();
  const fresh = await openPage(browser, kind, server);
  r.import = await openFile(fresh.page, kind, exported.file);
  await fresh.page.waitForFunction(PAGES[kind].settled, null, { timeout: 120_000 });
  r.errors.push(...fresh.errors);
  await fresh.context.close();
  return r;
}

function sizes(server) {
  const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
  const wasm = gz(join(ROOT, 'www/pkg/alama_bg.wasm'));
  const files = [...new Set(server.requests)].filter((p) => p.startsWith('/www/') && !/\/seeds\/.+\.txt$/.test(p));
  const page = files.reduce((n, p) => n + gz(join(ROOT, p.endsWith('/') ? `${p}index.html` : p)), 0);
  return { wasm: wasm / 1024, page: page / 1024, files };
}

async function main() {
  if (!argv.includes('--no-build')) {
    const built = spawnSync('bash', ['scripts/build.sh'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  mkdirSync(OUT, { recursive: true });
  const workloads = writeWorkloads(OUT);
  const server = await serve(ROOT);
  const browser = await launch();
  const results = { alama: {}, peer: {} };
  try {
    for (const size of SIZES) {
      for (const kind of PEER ? ['alama', 'peer'] : ['alama']) {
        results[kind][size] = [];
        for (let i = 0; i < RUNS; i++) {
          const r = await runOnce(browser, server, kind, size, workloads[size].file);
          results[kind][size].push(r);
          console.error(
            `[bench] ${kind} ${size} run ${i + 1}/${RUNS}: open ${r.open.toFixed(0)} ms, longest task ${r.openTask.toFixed(0)}/${r.scrollTask.toFixed(0)} ms, add ${median(r.add).toFixed(1)} ms, export ${r.export.toFixed(0)} ms, import ${r.import.toFixed(0)} ms, ${r.memory.toFixed(1)} MB${r.errors.length ? `, errors: ${r.errors.join('; ')}` : ''}`,
          );
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sz = sizes(server);
  report(results, sz, workloads);
  const json = opt('json', join(OUT, 'results.json'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    json,
    JSON.stringify({ results, sizes: sz, workloads, runs: RUNS, chromium: spawnSync('/usr/bin/chromium', ['--version']).stdout?.toString().trim() }, null, 1),
  );
  console.log(`\nraw results: ${json}`);
}

function report(results, sz, workloads) {
  const MEASURES = [
    ['open: file read → first screen painted', 'open', 300, 'ms'],
    ['longest main-thread task while opening', 'openTask', 50, 'ms'],
    ['longest main-thread task while scrolling top to bottom', 'scrollTask', 50, 'ms'],
    ['add one span: key → frame', 'add', 16, 'ms'],
    ['relabel one span: key → frame', 'relabel', 16, 'ms'],
    ['remove one span: key → frame', 'remove', 16, 'ms'],
    ['export the canonical JSON', 'export', 100, 'ms'],
    ['import that JSON back', 'import', 200, 'ms'],
    ['JS heap + Wasm memory, document open', 'memory', 60, 'MB'],
  ];
  const fmt = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');
  const rows = [];
  for (const [name, key, target, unit] of MEASURES) {
    for (const size of SIZES) {
      const runs = results.alama[size] ?? [];
      const values = runs.flatMap((r) => (Array.isArray(r[key]) ? r[key] : [r[key]]));
      const peer = (results.peer[size] ?? []).flatMap((r) => (Array.isArray(r[key]) ? r[key] : [r[key]]));
      const m = median(values);
      const pm = median(peer);
      const met = m <= target ? 'yes' : 'NO';
      rows.push([
        name,
        `${size} (${workloads[size].spans} spans)`,
        `≤ ${target} ${unit}`,
        `${fmt(m)} ${unit}`,
        `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`,
        peer.length ? `${fmt(pm)} ${unit}` : '–',
        peer.length ? `${(pm / m).toFixed(1)}×` : '–',
        met,
      ]);
    }
    if (['add', 'relabel', 'remove'].includes(key) && SIZES.includes('200k') && SIZES.includes('1m')) {
      const med = (s) => median((results.alama[s] ?? []).flatMap((r) => r[key]));
      const ratio = med('1m') / med('200k');
      rows.push([`${name.split(':')[0]}: 1M ÷ 200k`, '', '≤ 1.25×', `${ratio.toFixed(2)}×`, '', '', '', ratio <= 1.25 ? 'yes' : 'NO']);
    }
  }
  rows.push(['Wasm file, gzip', '', '≤ 150 KB', `${sz.wasm.toFixed(1)} KB`, '', '', '', sz.wasm <= 150 ? 'yes' : 'NO']);
  rows.push([
    'everything the page loads but the articles, gzip',
    '',
    '≤ 300 KB',
    `${sz.page.toFixed(1)} KB`,
    `${sz.files.length} files`,
    '',
    '',
    sz.page <= 300 ? 'yes' : 'NO',
  ]);
  const head = ['measure', 'workload', 'target', 'Alama median', 'min–max', 'peer median', 'peer ÷ Alama', 'met'];
  console.log(`\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(
    `\n${RUNS} runs per workload and page (edits: ${EDITS} of each kind per run); headless ${spawnSync('/usr/bin/chromium', ['--version']).stdout?.toString().trim()}; peer: @recogito/text-annotator ${JSON.parse(readFileSync(join(ROOT, 'node_modules/@recogito/text-annotator/package.json'), 'utf8')).version}.`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
