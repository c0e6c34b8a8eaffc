// Where loading time goes at corpus scale: imports the 2,000-document workload into a fresh
// page, then reloads it, under the V8 sampling profiler, and prints for each phase its wall
// time, its long tasks (a Chromium trace) and the script functions that took most of it.
//
//   node bench/profile-load.js [WORKLOAD.json]     (default: artifacts/bench/workload-corpus.json)
//
// Build with ALAMA_PROFILE=1 bash scripts/build.sh to see the Wasm functions by name.

import { join } from 'node:path';
import { serve, launch, openPage, ROOT, ARTIFACTS } from '../tests/e2e/harness.js';

const file = process.argv.slice(2).find((a) => a.endsWith('.json')) ?? join(ARTIFACTS, 'bench', 'workload-corpus.json');
const server = await serve(ROOT);
const browser = await launch();
const { context, page } = await openPage(browser, `${server.url}www/index.html`);
page.on('dialog', (d) => d.accept());
await page.waitForFunction(() => document.body.dataset.saveState === 'saved', null, { timeout: 60_000 });

const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

/** Runs `act` under the profiler and a trace, and prints where the time went. */
async function phase(title, act) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await act();
  const wall = Date.now() - started;
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const long = events.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.name === 'RunTask' && e.dur > 20_000);
  const tasks = long.map((e) => e.dur / 1000).sort((a, b) => b - a);
  console.log(`\n== ${title}: ${wall} ms wall; tasks over 20 ms: ${tasks.map((t) => t.toFixed(0)).join(', ') || 'none'}`);
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** Each sample's function and time (the profile's clock is the trace's). */
  const samples = [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const f = byId.get(id).callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') return;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    samples.push({ at, name });
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  // The long tasks in the order they ran, each with the functions sampled most inside it.
  const origin = long.length ? Math.min(...long.map((e) => e.ts)) : 0;
  for (const e of long.filter((e) => e.dur > 40_000).sort((a, b) => a.ts - b.ts)) {
    const inside = new Map();
    for (const s of samples) if (s.at >= e.ts && s.at <= e.ts + e.dur) inside.set(s.name, (inside.get(s.name) ?? 0) + 1);
    const top = [...inside]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(
        ([n, c]) =>
          `${n
            .split(' ')[0]
            .replace(/::h[0-9a-f]{16}$/, '')
            .slice(-48)} ×${c}`,
      );
    console.log(`  task at +${((e.ts - origin) / 1000).toFixed(0)} ms, ${(e.dur / 1000).toFixed(0)} ms: ${top.join(', ')}`);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`script and engine time sampled: ${total.toFixed(0)} ms; top 22 by self time:`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
}

await phase('import (file chosen → saved)', async () => {
  await page.locator('#file-input').setInputFiles(file);
  await page.waitForFunction(() => /^Imported/.test(document.getElementById('message').textContent), null, { timeout: 120_000 });
  await page.waitForFunction(() => document.body.dataset.saveState === 'saved', null, { timeout: 120_000 });
});
await page.waitForTimeout(3000); // the background indexing and compaction settle
await phase('reload (→ every document restored)', async () => {
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.restored === 'true', null, { timeout: 120_000 });
});
await browser.close();
server.close();
