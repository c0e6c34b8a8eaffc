// @ts-check
// Work the session does while the page is idle: after documents are added or replaced, the
// core indexes their words for searching and counts their spans among the known entities,
// a few milliseconds a task, and says `indexed` when every document is done.

import { page } from './state.js';
import { emit, on } from './events.js';
import { backgroundTask, BACKGROUND_STEP_MS } from './saving.js';

/** @type {Promise<void> | null} */
let running = null;

function run() {
  // While documents are being restored, the list changes as they come in: indexing starts when all are in.
  if (page.core.restoring()) return;
  running ??= (async () => {
    while (!page.core.indexFor(BACKGROUND_STEP_MS)) await backgroundTask();
    running = null;
    emit('indexed');
  })();
}

export function initBackground() {
  // The list changed (not one document's counts): there may be documents to index.
  on('documents', (detail) => detail?.doc || run());
}
