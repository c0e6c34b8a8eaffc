// @ts-check
// Work the session does while the page is idle: after documents are added or replaced, the
// core indexes their words for searching and counts their spans among the known entities,
// a few milliseconds a task (none just after a key, a press or a file chosen, nor while an
// import is read), and says `indexed` when every document is done.

import { page } from './state.js';
import { emit, on } from './events.js';
import { afterPaint, backgroundTask, BACKGROUND_STEP_MS } from './frames.js';

/** No step runs this long after a key or a press: the next keys of a burst find the page free. */
const QUIET_AFTER_INPUT_MS = 150;
let lastInput = -Infinity;

/** Resolves once no input has come for QUIET_AFTER_INPUT_MS and no import is being read. */
async function quiet() {
  for (let wait; (wait = Math.max(lastInput + QUIET_AFTER_INPUT_MS - performance.now(), page.core.importing() ? QUIET_AFTER_INPUT_MS : 0)) > 0;)
    await new Promise((ok) => setTimeout(ok, wait));
}

/** @type {Promise<void> | null} */
let running = null;

function run() {
  // While documents are being restored, the list changes as they come in: indexing starts when all are in.
  if (page.core.restoring()) return;
  running ??= (async () => {
    // Not between a change and the frame that shows it (an import's first screen): the
    // first step can take longer than the others, while the module compiles its code.
    await afterPaint();
    do {
      await backgroundTask();
      await quiet();
    } while (!page.core.indexFor(BACKGROUND_STEP_MS));
    running = null;
    emit('indexed');
  })();
}

export function initBackground() {
  // A file chosen or dropped is read next (an import's steps are not to wait behind these).
  for (const type of ['keydown', 'pointerdown', 'change', 'drop'])
    addEventListener(type, () => (lastInput = performance.now()), { capture: true, passive: true });
  // The list changed (not one document's counts): there may be documents to index.
  on('documents', (detail) => detail?.doc || run());
}
