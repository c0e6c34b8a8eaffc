// The message line, and the guards every change goes through: a refusal from the core is
// said there, a panic in the core stops the page taking changes, and a read-only tab
// (the workspace is open in another) refuses them.

import { ws } from './state.js';
import { tr, coreMessage } from './i18n.js';

const $ = (id) => document.getElementById(id);

export function say(text, kind = 'info') {
  const m = $('message');
  m.textContent = text;
  m.className = kind;
}

/**
 * Runs an intent; a refusal from the core becomes a message (by `tell`: the message line, or
 * a dialog's own) and changes nothing. A panic in the core always stops the page.
 */
export function attempt(intent, tell = say) {
  if (ws.broken) {
    say(tr('Alama stopped after an internal error; reload the page to carry on (your saved work is intact).', 'توقّفت علامة بعد خطأ داخلي؛ أعد تحميل الصفحة لتتابع (عملك المحفوظ سليم).'), 'error');
    return { ok: false };
  }
  try {
    return { ok: true, value: intent() };
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) crashed(e);
    else tell(coreMessage(e.message ?? String(e)), 'error');
    return { ok: false };
  }
}

/** A panic in the core: stop taking changes; what was saved stays as it was. */
function crashed(e) {
  ws.broken = true;
  document.body.dataset.crashed = 'true';
  say(tr(`Alama hit an internal error (${e.message}) and stopped taking changes to protect your work. Every change before this one is saved in this browser: reload the page to carry on.`, `واجهت علامة خطأً داخليًّا (${e.message}) وتوقّفت عن قبول التغييرات حمايةً لعملك. كل تغيير قبل هذا محفوظ في هذا المتصفح: أعد تحميل الصفحة لتتابع.`), 'error');
}

/** Refuses changes in a read-only tab; true when the change may go ahead. */
export function writable() {
  if (!ws.readOnly) return true;
  say(tr(`“${ws.name}” is open in another tab, so this tab is read-only. Close the other tab and reload, or pick another workspace.`, `«${ws.name}» مفتوحة في تبويب آخر، لذا هذا التبويب للقراءة فقط. أغلق التبويب الآخر وأعد التحميل، أو اختر مساحة عمل أخرى.`), 'error');
  return false;
}
