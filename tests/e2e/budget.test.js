// The start-up budget: everything the page loads before the first edit (HTML, CSS, scripts,
// the start-up Wasm; the seed articles aside) is at most 300 KiB gzip, and what a person
// may never use (the exchange module and its glue, the Annotators dialog, the Corpus view) is not loaded
// until it is opened. A size, not a timing: the same on any machine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, WWW } from './harness.js';

const BUDGET = 300 * 1024;

test('the page starts within 300 KiB gzip and loads the exchange parts only when asked', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, server.url);
    await page.waitForTimeout(500); // anything loaded just after start counts too
    const gz = (/** @type {string} */ path) => gzipSync(readFileSync(join(WWW, path.endsWith('/') ? `${path}index.html` : path)), { level: 9 }).length;
    const files = [...new Set(server.requests)].filter((p) => !/^\/seeds\/.+\.txt$/.test(p));
    const total = files.reduce((n, p) => n + gz(p), 0);
    console.log(
      `# start-up: ${files.length} files, ${(total / 1024).toFixed(1)} KiB gzip (the Wasm module ${(gz('/pkg/alama_bg.wasm') / 1024).toFixed(1)} KiB)`,
    );
    assert.ok(total <= BUDGET, `the page loads ${(total / 1024).toFixed(1)} KiB gzip at start: over the budget of 300 KiB`);
    for (const later of ['/pkg/alama_exchange.js', '/pkg/alama_exchange_bg.wasm', '/exchange/annotators.js', '/exchange/corpus.js', '/exchange/charts.js'])
      assert.ok(!files.includes(later), `${later} is loaded at start`);
    await page.click('#compare');
    await page.waitForSelector('#compare-dialog[open]');
    assert.ok(server.requests.includes('/exchange/annotators.js'), 'opening Annotators loads its module');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
