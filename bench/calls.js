// Times the boundary's calls one by one, in headless Chromium, on the 1M workload: the
// reads the page makes after every edit (spansIn over a screen, a page of span rows, the
// document summaries, one span), an edit (tag then remove), and the export. It drives the
// Wasm module directly, so that the figures are the boundary's and not the page's. It also
// drives the boundary as it was before intents (startImport, tagSelection, exportJson), to
// compare a checkout of then with one of now.
//
//   node bench/calls.js [--runs 200]     (after node bench/run.js has written the workload)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, ROOT, ARTIFACTS } from '../tests/e2e/harness.js';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] || 200);
const workload = readFileSync(join(ARTIFACTS, 'bench', 'workload-1m.json'), 'utf8');

const server = await serve(ROOT);
const browser = await launch();
const page = await browser.newPage();
await page.goto(`${server.url}/www/index.html`);
await page.waitForLoadState('load');
const figures = await page.evaluate(
  async ([json, runs]) => {
    const { default: init, Annotator } = await import('/www/pkg/alama.js');
    await init();
    const a = new Annotator();
    const intents = typeof a.apply === 'function';
    if (intents) {
      a.apply({ startImport: { file: 'w.json', json } });
      while (a.importFor(1e9) === undefined);
      a.apply('commitImport');
    } else {
      a.startImport('w.json', json);
      while (a.importStep() === undefined);
      a.commitImport();
    }
    const doc = a.documents()[0].id;
    const text = a.text(doc);
    const mid = text.indexOf(' ', text.length >> 1) + 1;
    const word = text.indexOf(' ', mid) - mid;
    // The clock counts 0.1 ms at best here: time batches of calls and divide.
    const median = (f, batch = 20) => {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        for (let k = 0; k < batch; k++) f();
        times.push((performance.now() - t) / batch);
      }
      times.sort((x, y) => x - y);
      return Number(times[times.length >> 1].toFixed(4));
    };
    const n = a.spanCount(doc);
    return {
      spans: n,
      'spansIn (one screen)': median(() => a.spansIn(doc, mid, mid + 5000)),
      'spanRows (60 rows)': median(() => a.spanRows(doc, n >> 1, 60)),
      documents: median(() => a.documents()),
      span: median(() => a.span(doc, n >> 1)),
      'tag, then remove': median(() => {
        if (intents) {
          const id = a.apply({ tag: { doc, start: mid, end: mid + word, label: 'EVT' } }).span;
          a.apply({ remove: { doc, span: id } });
          a.takeJournal(1e9);
        } else {
          a.remove(doc, a.tagSelection(doc, mid, mid + word, 'EVT', false, false));
          while (a.takeJournalRecord() !== undefined);
        }
      }),
      'export (Blob)': median(() => (intents ? a.exportBlob() : new Blob([a.exportJson()], { type: 'application/json' })), 1),
    };
  },
  [workload, RUNS],
);
console.log(JSON.stringify(figures, null, 1));
await browser.close();
server.close();
