// @ts-check
// The message line, and the guards every change goes through: a refusal from the core is
// worded (from its code, in the interface's language) and said there, a panic in the core
// stops the page taking changes, and a read-only tab (the workspace is open in another)
// refuses them.

import { page, ws } from './state.js';
import { tr, lang } from '../words/i18n.js';
import { wordError, hasImportWording } from '../words/errors.js';
import { loadImportWording } from '../words/import-wording.js';
import { afterPaint } from './frames.js';

/** @typedef {import('../pkg/alama.js').Intent} Intent */
/** @typedef {import('../pkg/alama.js').Outcome} Outcome */
/** @typedef {(text: string, kind?: string) => void} Tell */
/**
 * @template T
 * @typedef {{ ok: true, value: T } | { ok: false, value?: undefined }} Attempt
 */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** How many messages were asked for: a later one replaces one still waiting for its frame. */
let asked = 0;

/** Shows `text` on the message line; `kind` is info, warning or error. */
export function say(/** @type {string} */ text, kind = 'info') {
  asked++;
  show(text, kind);
}

/**
 * Says `text` once the frame that shows the edit it tells of is painted (that frame holds
 * the edit and nothing more), unless another message is asked for first.
 */
export function sayOncePainted(/** @type {string} */ text, kind = 'info') {
  const mine = ++asked;
  afterPaint().then(() => mine === asked && show(text, kind));
}

function show(/** @type {string} */ text, /** @type {string} */ kind) {
  const m = $('message');
  m.textContent = text;
  if (m.className !== kind) m.className = kind;
}

/** The words for something thrown: the core's coded refusal, or another error's message. */
export function wordsFor(/** @type {any} */ e) {
  return e?.error?.code ? wordError(e.error, lang()) : String(e?.message ?? e);
}

/**
 * Runs a call into the core; a refusal becomes a message (by `tell`: the message line, or a
 * dialog's own) and changes nothing. A panic in the core always stops the page.
 * @template T
 * @param {() => T} call
 * @param {Tell} tell
 * @returns {Attempt<T>}
 */
export function attempt(call, tell = say) {
  if (ws.broken) {
    say(
      tr(
        'Alama stopped after an internal error; reload the page to carry on (your saved work is intact).',
        'توقّفت علامة بعد خطأ داخلي؛ أعد تحميل الصفحة لتتابع (عملك المحفوظ سليم).',
      ),
      'error',
    );
    return { ok: false };
  }
  try {
    return { ok: true, value: call() };
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) crashed(e);
    // An import problem met before its wording is in (it loads with an import, not with
    // the page, and a word list's refusal comes without one): said once it is.
    else if (/** @type {any} */ (e)?.error?.code === 'import' && !hasImportWording()) loadImportWording().then(() => tell(wordsFor(e), 'error'));
    else tell(wordsFor(e), 'error');
    return { ok: false };
  }
}

/** Applies one intent to the session (see `Intent` in the core): the one way the page changes anything. */
export function apply(/** @type {Intent} */ intent, /** @type {Tell} */ tell = say) {
  return attempt(() => /** @type {Outcome} */ (page.core.apply(intent)), tell);
}

/** A panic in the core: stop taking changes; what was saved stays as it was. */
function crashed(/** @type {Error} */ e) {
  ws.broken = true;
  document.body.dataset.crashed = 'true';
  say(
    tr(
      `Alama hit an internal error (${e.message}) and stopped taking changes to protect your work. Every change before this one is saved in this browser: reload the page to carry on.`,
      `واجهت علامة خطأً داخليًّا (${e.message}) وتوقّفت عن قبول التغييرات حمايةً لعملك. كل تغيير قبل هذا محفوظ في هذا المتصفح: أعد تحميل الصفحة لتتابع.`,
    ),
    'error',
  );
}

/** Refuses changes in a read-only tab; true when the change may go ahead. */
export function writable() {
  if (!ws.readOnly) return true;
  say(
    tr(
      `“${ws.name}” is open in another tab, so this tab is read-only. Close the other tab and reload, or pick another workspace.`,
      `«${ws.name}» مفتوحة في تبويب آخر، لذا هذا التبويب للقراءة فقط. أغلق التبويب الآخر وأعد التحميل، أو اختر مساحة عمل أخرى.`,
    ),
    'error',
  );
  return false;
}
