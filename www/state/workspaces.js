// @ts-check
// Workspaces: each its own journal in the store, picked, created, renamed and deleted in the
// header. Opening one restores its session from the journal (a new one gets the seed
// articles) and holds its lock, so that a second tab shows it read-only.

import { Annotator } from '../pkg/alama.js';
import { page, view, ws, stamp } from './state.js';
import { say, attempt, apply, writable, wordsFor } from './messages.js';
import { showSaveState, persist } from './saving.js';
import { backgroundTask, BACKGROUND_STEP_MS } from './frames.js';
import { emit } from './events.js';
import { tr } from '../words/i18n.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** Binds the workspace picker and its buttons. */
export function initWorkspaces() {
  $('workspace-select').addEventListener('change', (/** @type {any} */ e) => openWorkspace(e.target.value));
  $('workspace-new').addEventListener('click', newWorkspace);
  $('workspace-rename').addEventListener('click', renameWorkspace);
  $('workspace-delete').addEventListener('click', deleteWorkspace);
}

/** A fresh session on its own (no store): the seed articles, in a workspace nothing saves. */
export async function openUnsaved() {
  Object.assign(ws, { name: 'main', readOnly: false });
  page.core = new Annotator();
  page.limits = page.core.limits();
  await loadSeeds();
  emit('workspace');
  document.body.dataset.restored = 'true';
}

// The single-file build (scripts/single-file.js) serves the seed articles to this module's fetch.
async function loadSeeds() {
  try {
    const names = await (await fetch('seeds/index.json')).json();
    for (const name of names) {
      const bytes = new Uint8Array(await (await fetch(`seeds/${encodeURIComponent(name)}`)).arrayBuffer());
      apply({ openFile: { name, bytes } });
    }
  } catch (e) {
    say(
      tr(
        `The seed articles could not be loaded (${e.message}); open .txt files instead.`,
        `تعذّر تحميل المقالات الافتراضية (${e.message})؛ افتح ملفات ‎.txt‎ بدلًا منها.`,
      ),
      'error',
    );
  }
}

async function renderWorkspaces() {
  const names = (await page.store.list()).map((/** @type {{ name: string }} */ w) => w.name);
  if (!names.includes(ws.name)) names.push(ws.name);
  $('workspace-select').replaceChildren(
    ...names.map((/** @type {string} */ n) => {
      const o = document.createElement('option');
      o.value = n;
      o.textContent = n;
      o.selected = n === ws.name;
      return o;
    }),
  );
}

/** Holds the workspace's lock while it is open here; a second tab gets it read-only. @returns {Promise<{ granted: boolean, release: () => void }>} */
function lockWorkspace(/** @type {string} */ name) {
  if (!navigator.locks) return Promise.resolve({ granted: true, release: () => {} });
  return new Promise((resolve) => {
    navigator.locks.request(`alama:${name}`, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve({ granted: false, release: () => {} });
        return undefined;
      }
      return new Promise((release) => resolve({ granted: true, release: () => release(undefined) }));
    });
  });
}

/** Opens workspace `name`; a new one gets the seed articles unless `seeds` is false (a team project's brings its own). */
export async function openWorkspace(/** @type {string} */ name, seeds = true) {
  await ws.saving;
  ws.release?.();
  const lock = await lockWorkspace(name);
  Object.assign(ws, { name, readOnly: !lock.granted, release: lock.release, unsaved: [], failed: false, keepJournal: false });
  localStorage.setItem('alama.workspace', name);
  const core = (page.core = new Annotator());
  page.limits = page.core.limits();
  view.doc = null;
  document.body.dataset.restored = 'false';
  const saved = await page.store.load(name);
  // The page says it is restored once this function has said everything it will say.
  let restored = Promise.resolve();
  if (saved.head) {
    ({ restored } = await restoreParts(name, saved));
  } else if (saved.legacy || saved.records.length) {
    // Saved by an earlier version (one snapshot), or never compacted: replayed whole,
    // then saved in parts.
    const report = attempt(() => page.core.restore(saved.legacy ?? undefined, saved.records));
    if (!report.ok)
      ws.readOnly = true; // keep the stored journal exactly as it is
    else if (!sayRestored(name, report.value, saved.savedAt)) await persist();
  } else if (!ws.readOnly) {
    if (seeds) await loadSeeds();
    await persist();
  }
  $('annotator').value = page.core.annotator() ?? '';
  await renderWorkspaces();
  emit('workspace');
  showSaveState();
  restored.then(() => {
    if (page.core !== core) return;
    // Said last, after what the restore said: it is what this tab most needs to tell. (A
    // restore that failed made the tab read-only too, and said why.)
    if (!lock.granted)
      say(
        tr(
          `“${name}” is open in another tab: this tab shows it read-only so the two cannot overwrite each other.`,
          `«${name}» مفتوحة في تبويب آخر: يعرضها هذا التبويب للقراءة فقط كي لا يكتب أحدهما فوق الآخر.`,
        ),
        'error',
      );
    document.body.dataset.restored = 'true';
  });
}

/**
 * Says how a restore went. A problem keeps the stored journal exactly as it is (no
 * compaction) and says so; returns whether there was one.
 * @param {string} name @param {{ problem?: any }} report @param {number | undefined} savedAt
 */
function sayRestored(name, report, savedAt) {
  const { documents, spans } = page.core.totals();
  if (report.problem) {
    ws.keepJournal = true;
    const why = wordsFor({ error: report.problem });
    say(
      tr(
        `Restored “${name}” only in part. ${why} Export now; the stored journal is kept as it is.`,
        `استُعيدت «${name}» جزئيًّا فقط. ${why} صدّر الآن؛ السجلّ المخزَّن يبقى كما هو.`,
      ),
      'error',
    );
    return true;
  }
  const when = savedAt ? localTime(savedAt) : tr('earlier', 'سابقًا');
  say(
    tr(
      `Restored “${name}”: ${documents} documents, ${spans} spans, undo history kept (last saved ${when}).`,
      `استُعيدت «${name}»: ${documents} مستندات و${spans} مقطعًا، مع سجلّ التراجع (آخر حفظ ${when}).`,
    ),
  );
  return false;
}

/**
 * A moment as local "YYYY-MM-DD HH:MM", the same in both languages. (Not toLocaleString:
 * its first call loads the locale's data, 24–53 ms of the task that ends a restore.)
 */
function localTime(/** @type {number} */ at) {
  const t = stamp(new Date(at));
  const two = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`;
}

/** Parts read from the store a batch at a time. */
const BATCH = 100;

/**
 * Restores a workspace kept in parts: the head, then the first document, which is shown at
 * once; the other documents come in the background, a few milliseconds a task, and
 * `restored` settles when all are in. When a change the journal holds touches every
 * document (the labels), all of them are read before anything is shown.
 * @param {string} name @param {{ head: { seq: number, data: Uint8Array } | null, seqs: number[], records: string[], savedAt?: number }} saved
 * @returns {Promise<{ restored: Promise<void> }>}
 */
async function restoreParts(name, saved) {
  const core = page.core;
  const head = /** @type {{ seq: number, data: Uint8Array }} */ (saved.head);
  const start = attempt(() => core.restoreBegin(head.data, head.seq, saved.seqs, saved.records));
  if (!start.ok) {
    ws.readOnly = true; // keep what is stored exactly as it is
    return { restored: Promise.resolve() };
  }
  /** @type {any} */
  let unreadable = null;
  const add = (/** @type {{ data: Uint8Array, seq: number }} */ part) => {
    try {
      core.restoreDocument(part.data, part.seq);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw e;
      unreadable ??= e.error ?? e; // the first part that cannot be read is named in the message
    }
  };
  const [first] = start.value.order;
  const firstPart = first === undefined ? undefined : await page.store.part(name, first);
  if (firstPart) add(firstPart);
  const rest = async () => {
    let after = '';
    let started = performance.now();
    for (;;) {
      const batch = await page.store.parts(name, after, BATCH);
      if (page.core !== core) return; // another workspace was opened meanwhile
      for (const part of batch) {
        if (part.id !== first) add(part);
        if (performance.now() - started > BACKGROUND_STEP_MS) {
          await backgroundTask();
          started = performance.now();
        }
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].id;
    }
    if (page.core !== core) return;
    const report = attempt(() => core.restoreFinish());
    if (report.ok) sayRestored(name, unreadable ? { problem: unreadable } : report.value, saved.savedAt);
    emit('documents');
    emit('restored');
  };
  if (start.value.per_document) return { restored: rest() };
  await rest();
  return { restored: Promise.resolve() };
}

async function newWorkspace() {
  const name = prompt(tr('Name of the new workspace (e.g. an annotator or a project):', 'اسم مساحة العمل الجديدة (مثلًا اسم مُعلِّم أو مشروع):'))?.trim();
  if (!name) return;
  if ((await page.store.list()).some((/** @type {{ name: string }} */ w) => w.name === name))
    return say(tr(`There is already a workspace called “${name}”.`, `توجد مساحة عمل باسم «${name}» بالفعل.`), 'error');
  await page.store.create(name);
  await openWorkspace(name);
  say(tr(`Created workspace “${name}” with the seed articles.`, `أُنشئت مساحة العمل «${name}» مع المقالات الافتراضية.`));
}

async function renameWorkspace() {
  if (!writable()) return;
  const name = prompt(tr(`New name for “${ws.name}”:`, `الاسم الجديد لـ«${ws.name}»:`), ws.name)?.trim();
  if (!name || name === ws.name) return;
  await ws.saving;
  if ((await page.store.list()).some((/** @type {{ name: string }} */ w) => w.name === name))
    return say(tr(`There is already a workspace called “${name}”.`, `توجد مساحة عمل باسم «${name}» بالفعل.`), 'error');
  try {
    await page.store.rename(ws.name, name);
  } catch (e) {
    return say(tr(`The workspace could not be renamed (${e.name}); nothing was changed.`, `تعذّرت إعادة تسمية مساحة العمل (${e.name})؛ لم يتغيّر شيء.`), 'error');
  }
  await openWorkspace(name);
  say(tr(`Renamed the workspace to “${name}”.`, `صار اسم مساحة العمل «${name}».`));
}

async function deleteWorkspace() {
  if (!writable()) return;
  const old = ws.name;
  const { spans } = page.core.totals();
  if (
    !confirm(
      tr(
        `Delete the workspace “${old}” and its ${spans} spans from this browser? This cannot be undone; export it first if you may need it.`,
        `أتحذف مساحة العمل «${old}» ومقاطعها الـ${spans} من هذا المتصفح؟ لا يمكن التراجع عن هذا؛ صدّرها أولًا إن كنت قد تحتاجها.`,
      ),
    )
  )
    return;
  await ws.saving;
  await page.store.remove(old);
  const next = (await page.store.list())[0]?.name ?? 'main';
  await openWorkspace(next);
  say(tr(`Deleted the workspace “${old}”.`, `حُذفت مساحة العمل «${old}».`));
}
