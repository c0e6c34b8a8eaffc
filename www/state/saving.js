// @ts-check
// Saving: every change goes through one queue (change), and its journal records are written
// to the store before the next change runs; an edit (`edit`) need not wait for the records of
// the edits before it: it is drawn at once and its records are written after theirs. After an
// import every part is written instead; while the page is idle, a long journal is folded into
// the parts it made out of date (compaction, a job in the same queue). The Saved / Saving… /
// Not saved! indicator shows where the queue stands.

import { page, ws } from './state.js';
import { say, writable } from './messages.js';
import { tr } from '../words/i18n.js';
import { afterPaint, nextTask, oncePainted, STEP_MS } from './frames.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const COMPACT_AFTER = 300; // journal records before they are folded into a snapshot

export function showSaveState() {
  const state = ws.readOnly ? 'read-only' : ws.pending ? 'saving' : ws.failed || ws.unsaved.length ? 'not saved' : 'saved';
  document.body.dataset.saveState = state;
  // "Saving…" is shown once the change's own frame is painted, if the save is still going
  // then: that frame holds the change and nothing else, and most saves are done by then.
  if (state !== 'saving') paintSaveState(state);
  else oncePainted(stillSaving);
  // A team project's online / waiting indicator beside it, in the same language.
  page.team?.showState();
}

function stillSaving() {
  if (document.body.dataset.saveState === 'saving') paintSaveState('saving');
}

function paintSaveState(/** @type {string} */ state) {
  const el = $('save-state');
  /** @type {Record<string, string>} */
  const words = tr(
    { 'read-only': 'Read-only', 'not saved': 'Not saved!', saving: 'Saving…', saved: 'Saved' },
    { 'read-only': 'للقراءة فقط', 'not saved': 'غير محفوظ!', saving: 'يُحفَظ…', saved: 'محفوظ' },
  );
  if (el.textContent !== words[state]) el.textContent = words[state];
  if (el.className !== state.replace(' ', '-')) el.className = state.replace(' ', '-');
}

/** Writes the core's new journal records (or, after an import, every part); a failed write keeps them for the next try. */
export async function persist() {
  if (ws.readOnly || ws.broken || !page.store) return;
  // Everything replaced (an import): the parts say it all, the records are not needed.
  if (page.core.everythingUnsaved()) {
    page.core.dropJournal();
    return writeParts();
  }
  // A few milliseconds of records a task: an import's journal is long. The records are
  // written together, in one transaction, so that a crash keeps all of them or none.
  for (;;) {
    const started = performance.now();
    const records = page.core.takeJournal(STEP_MS);
    if (!records.length) break;
    ws.unsaved.push(...records);
    // The core stops taking records when the time is up or the journal is empty.
    if (performance.now() - started < STEP_MS) break;
    await nextTask();
  }
  if (!ws.unsaved.length) return;
  const records = ws.unsaved.slice();
  try {
    await page.store.append(ws.name, records);
    ws.unsaved.splice(0, records.length);
    ws.failed = false;
    // Journaled first; then, in a team project, handed to the team's server.
    page.team?.handOver(records);
    document.body.dataset.savedRecords = String(Number(document.body.dataset.savedRecords ?? 0) + records.length);
  } catch (e) {
    failed(e);
  }
}

/** Says that a write failed; nothing is lost while the page stays open. */
function failed(/** @type {any} */ e) {
  ws.failed = true;
  say(
    tr(
      `Your last change could not be saved in this browser (${e.name}: ${e.message}). Nothing is lost yet: use Export JSON now to keep your work in a file.`,
      `تعذّر حفظ تغييرك الأخير في هذا المتصفح (${e.name}: ${e.message}). لم يضِع شيء بعد: استخدم «تصدير JSON» الآن لتحفظ عملك في ملف.`,
    ),
    'error',
  );
}

/**
 * Writes the head and the parts the changes made out of date, read from the core a few
 * milliseconds a task, then dropped from the journal in the same transaction. Runs in the
 * change queue (no change comes between the parts and the sequence number they include).
 * When everything changed, all parts replace the stored ones (an import), and the records
 * taken are not written.
 */
async function writeParts() {
  writingParts = true;
  try {
    await writePartsNow();
  } finally {
    writingParts = false;
  }
}

async function writePartsNow() {
  const unsaved = page.core.takeUnsaved();
  const parts = [];
  let started = performance.now();
  for (const id of unsaved.documents) {
    // A long document's part takes several steps; a short one's, a fraction of one.
    let data;
    while (!(data = page.core.documentPartFor(id, STEP_MS - (performance.now() - started)))) {
      await nextTask();
      started = performance.now();
    }
    parts.push({ id, data });
    if (performance.now() - started > STEP_MS) {
      await nextTask();
      started = performance.now();
    }
  }
  const taken = ws.unsaved.length;
  try {
    await page.store.writeParts(ws.name, { head: page.core.headPart(), parts, everything: unsaved.everything });
    if (unsaved.everything) ws.unsaved.splice(0, taken);
    ws.failed = false;
  } catch (e) {
    page.core.markUnsaved(unsaved.everything, unsaved.head, unsaved.documents);
    failed(e);
  }
}

/** Runs `job` after every change and save before it; the next waits for it. @param {() => Promise<unknown>} job */
function enqueue(job, writesOnly = false) {
  const run = ws.pending++ === 0 ? job() : ws.saving.then(job);
  if (writesOnly) writes++;
  showSaveState();
  ws.saving = run
    .catch((e) => console.error(e))
    .finally(() => {
      ws.pending -= 1;
      if (writesOnly) writes--;
      showSaveState();
    });
  return ws.saving;
}

/** The jobs in the queue that only write an edit's journal records (see `edit`). */
let writes = 0;
/** Parts are being written: no change may come between them and the sequence number they hold. */
let writingParts = false;

/**
 * Makes a change and saves it. The next change waits until this one is committed; when
 * nothing is waiting, the change runs (and is drawn) at once, inside the key or click event.
 * (An edit made with `edit` waits only for what is not an edit's write.)
 * @param {() => unknown} intent
 */
export function change(intent) {
  if (!writable()) return Promise.resolve();
  return enqueue(async () => {
    // An intent runs at once; one that draws in several tasks (an import) returns a promise.
    await intent();
    // The change is drawn now; its journal record is made and written once the frame
    // that shows it is painted, so that the write never holds up that frame.
    await afterPaint();
    await persist();
  });
}

/**
 * Makes an edit (an intent that is done when it returns) and saves it. When all that waits in
 * the queue is earlier edits' records being written, the edit does not wait for the disk: it
 * is made and drawn at once, and its records are written after theirs, in order. Otherwise (an
 * import, a compaction, a remote change in the queue) it waits its turn, as a change does.
 * @param {() => void} intent
 */
export function edit(intent) {
  if (!writable()) return Promise.resolve();
  if (ws.pending > writes || writingParts || page.core.everythingUnsaved()) return change(intent);
  try {
    intent();
  } catch (e) {
    console.error(e); // as the queue does with a job that throws
  }
  return enqueue(async () => {
    await afterPaint();
    await persist();
  }, true);
}

/** Folds the journal into the parts it made out of date when it has grown, while the page is idle. */
export async function compactSoon() {
  if (ws.readOnly || ws.keepJournal || !page.store || page.core.restoring()) return;
  if ((await page.store.pending(ws.name)) < COMPACT_AFTER) return;
  const name = ws.name;
  await enqueue(async () => {
    if (ws.name !== name || ws.failed) return;
    await persist();
    if (!ws.unsaved.length) await writeParts();
  });
}
