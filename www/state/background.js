// @ts-check
// Work the session does while the page is idle: after documents are added or replaced, the
// core indexes their words for searching and counts their spans among the known entities,
// a few milliseconds a task (none just after a key or a press), and says `indexed` when every
// document is done.

import { page } from './state.js';
import { emit, on } from './events.js';
import { backgroundTask, BACKGROUND_STEP_MS } from './saving.js';

/** No step runs this long after a key or a press: the next keys of a burst find the page free. */
const QUIET_AFTER_INPUT_MS = 150;
let lastInput = -Infinity;

/** Resolves once no key or press has come for QUIET_AFTER_INPUT_MS. */
async function quiet() {
  for (let wait; (wait = lastInput + QUIET_AFTER_INPUT_MS - performance.now()) > 0;) await new Promise((ok) => setTimeout(ok, wait));
}

/** @type {Promise<void> | null} */
let running = null;

function run() {
  // While documents are being restored, the list changes as they come in: indexing starts when all are in.
  if (page.core.restoring()) return;
  running ??= (async () => {
    do {
      await backgroundTask();
      await quiet();
    } while (!page.core.indexFor(BACKGROUND_STEP_MS));
    running = null;
    emit('indexed');
  })();
}

export function initBackground() {
  for (const type of ['keydown', 'pointerdown']) addEventListener(type, () => (lastInput = performance.now()), { capture: true, passive: true });
  // The list changed (not one document's counts): there may be documents to index.
  on('documents', (detail) => detail?.doc || run());
}
