// What every end-to-end test needs: a static server for www/ on 127.0.0.1 (with a log of the
// requests it answered) and Debian's Chromium driven by playwright-core.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WWW = join(ROOT, 'www');
export const ARTIFACTS = join(ROOT, 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serve(root = WWW) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => server.close() };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launch(options = {}) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, ...options });
}

/** Opens the page and waits until the core is ready; page errors are collected in `errors`. */
export async function openPage(browser, url, { width = 1400, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"][data-restored="true"]');
  return { context, page, errors };
}

// Every Chromium started on a profile and still running, so that a failing test still leaves
// none running (a live one would keep the test process, and the whole run, from ending).
const running = new Set();

/** Kills every Chromium `startChromium` started that is still running (for a test file's `after`). */
export const killAll = () => Promise.all([...running].map((kill) => kill()));

/**
 * Starts Chromium as its own process group on a profile folder, so that a test can kill it
 * hard (SIGKILL, no clean shutdown) and start it again on the same profile.
 */
export async function startChromium(profile) {
  const { spawn } = await import('node:child_process');
  const proc = spawn(
    '/usr/bin/chromium',
    ['--headless=new', '--remote-debugging-port=0', '--window-size=1400,900', `--user-data-dir=${profile}`, ...CHROMIUM_ARGS, 'about:blank'],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const endpoint = await new Promise((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${seen}`)), 20_000);
    proc.stderr.on('data', (d) => {
      seen += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const kill = () =>
    new Promise((ok) => {
      running.delete(kill);
      if (proc.exitCode !== null || proc.signalCode !== null) return ok();
      proc.once('exit', ok);
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        ok();
      }
    });
  running.add(kill);
  return { browser, context: browser.contexts()[0], kill };
}

/**
 * Chromium on `profile` (see `startChromium`) with `url` open in its first tab; unless
 * `ready` is false, once the annotator is ready and every document restored.
 */
export async function openOnProfile(profile, url, { ready = true } = {}) {
  const chrome = await startChromium(profile);
  const page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
  await page.goto(url);
  if (ready) await page.waitForSelector('body[data-ready="true"][data-restored="true"]', { timeout: 120_000 });
  return { ...chrome, page };
}
