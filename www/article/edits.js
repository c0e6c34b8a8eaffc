// @ts-check
// Edits of the open document's spans, from a key, a click or a drag: each one intent sent to
// the session through the change queue, then the change said (events) and put in words (on
// the message line once the frame that shows the edit is painted).

import { page, view } from '../state/state.js';
import { say, sayOncePainted, apply } from '../state/messages.js';
import { edit } from '../state/saving.js';
import { changed, emit } from '../state/events.js';
import { tr } from '../words/i18n.js';
import { textView, caret, painter, selectSpan, setCaret } from './article.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** @typedef {import('../pkg/alama.js').Status} Status */

export const statusName = (/** @type {Status} */ s) =>
  tr({ new: 'New', in_progress: 'In progress', done: 'Done' }, { new: 'جديد', in_progress: 'قيد العمل', done: 'منجَز' })[s];
/** @type {Status[]} */
const STATUS_ORDER = ['new', 'in_progress', 'done'];

/** Tags the selected text with `label` (leaving out a proclitic when `stripClitic`), or relabels the selected span. */
export function applyLabel(/** @type {string} */ label, stripClitic = false) {
  if (!view.doc) return;
  const offsets = textView.selection();
  edit(() => labelNow(label, offsets, stripClitic));
}

function labelNow(/** @type {string} */ label, /** @type {number[] | null} */ offsets, /** @type {boolean} */ stripClitic) {
  const doc = view.doc;
  if (offsets) {
    const r = apply({ tag: { doc, start: offsets[0], end: offsets[1], label, snap: $('snap').checked, stripClitic } });
    if (!r.ok) return;
    getSelection().removeAllRanges();
    view.selected = r.value.span;
    changed(view.doc);
    const s = page.core.span(doc, r.value.span);
    // Keyboard work carries on from the end of the new span (after Escape).
    caret.anchor = caret.focus = s.end;
    painter.caret(s.end);
    const proclitic = s.clitic ? textView.text.slice(...s.clitic) : null;
    sayOncePainted(
      tr(
        `Tagged “${s.text}” as ${label}${proclitic ? ` (the proclitic “${proclitic}” is left out)` : ''}.`,
        `وُسِم «${s.text}» بـ ${label}${proclitic ? ` (استُثنيت السابقة «${proclitic}»)` : ''}.`,
      ),
    );
  } else if (view.selected != null) {
    if (!apply({ relabel: { doc, span: view.selected, label } }).ok) return;
    changed(view.doc);
    sayOncePainted(tr(`Relabelled as ${label}.`, `صار وسمه ${label}.`));
  } else {
    say(tr('Select some text in the article first, or click a span to relabel it.', 'حدّد نصًّا في المقالة أولًا، أو انقر مقطعًا لتغيير وسمه.'), 'error');
  }
}

/** A dragged edge: the span's `edge` ('start' or 'end') now sits at boundary `at`. */
export function resizeSpan(/** @type {number} */ id, /** @type {string} */ edge, /** @type {number} */ at) {
  const doc = view.doc;
  const span = page.core.span(doc, id);
  if (!span) return;
  const [a, b] = edge === 'start' ? [at, span.end] : [span.start, at];
  edit(() => {
    if (apply({ resize: { doc, span: id, start: Math.min(a, b), end: Math.max(a, b) } }).ok) {
      const s = page.core.span(doc, id);
      sayOncePainted(tr(`Span now covers “${s?.text}”.`, `صار المقطع يغطي «${s?.text}».`));
    }
    changed(view.doc);
  });
}

/** Removes the selected span; false when none is selected. */
export function removeSelected() {
  if (!view.doc || view.selected == null) return false;
  edit(() => {
    if (!apply({ remove: { doc: view.doc, span: view.selected } }).ok) return;
    view.selected = null;
    changed(view.doc);
    sayOncePainted(tr('Span removed (Ctrl+Z brings it back).', 'أُزيل المقطع (Ctrl+Z يعيده).'));
  });
  return true;
}

export function history(/** @type {'undo' | 'redo'} */ step) {
  if (!view.doc) return;
  edit(() => {
    const r = apply(step === 'undo' ? { undo: { doc: view.doc } } : { redo: { doc: view.doc } });
    if (!r.ok) return;
    if (r.value.unchanged) {
      say(
        step === 'undo'
          ? tr('Nothing to undo in this document.', 'لا شيء للتراجع عنه في هذا المستند.')
          : tr('Nothing to redo in this document.', 'لا شيء لإعادته في هذا المستند.'),
      );
      return;
    }
    view.selected = r.value.span;
    changed(view.doc);
    sayOncePainted(step === 'undo' ? tr('Undone.', 'تمّ التراجع.') : tr('Redone.', 'تمّت الإعادة.'));
  });
}

/**
 * An arrow key. The article is right to left, so ← goes forwards in the text and → back.
 * With a span selected, it moves the span's end edge (Shift: its start edge); otherwise it
 * moves the caret (Shift: extends the selection). Ctrl moves by word.
 */
export function arrow(/** @type {KeyboardEvent} */ e) {
  if (!view.doc) return false;
  const forward = e.key === 'ArrowLeft';
  const byWord = e.ctrlKey || e.metaKey;
  if (view.selected != null) {
    const id = view.selected;
    const doc = view.doc;
    const endEdge = !e.shiftKey;
    edit(() => {
      const r = apply({
        moveEdge: { doc, span: id, edge: endEdge ? 'end' : 'start', unit: byWord ? 'word' : 'char', direction: forward ? 'forward' : 'backward' },
      });
      if (!r.ok) return;
      if (r.value.unchanged) return say(tr('That edge cannot move further.', 'لا يمكن تحريك هذا الطرف أكثر.'));
      changed(view.doc);
      const s = page.core.span(doc, id);
      sayOncePainted(tr(`${endEdge ? 'End' : 'Start'} moved: “${s.text}”.`, `تحرّك ${endEdge ? 'آخره' : 'أوله'}: «${s.text}».`));
    });
    return true;
  }
  const sel = textView.selection();
  const from = caret.focus ?? (sel ? sel[1] : 0);
  const to = byWord ? page.core.wordBoundary(view.doc, from, forward) : textView.step(from, forward);
  if (e.shiftKey) setCaret(caret.anchor ?? from, to);
  else setCaret(to);
  return true;
}

/** Escape: no selection, no selected span; the caret stays. */
export function escape() {
  getSelection().removeAllRanges();
  if (caret.focus != null) setCaret(caret.focus);
  selectSpan(null);
}

export function setStatus(/** @type {Status} */ status) {
  if (!view.doc) return;
  edit(() => {
    if (!apply({ setStatus: { doc: view.doc, status } }).ok) return;
    emit('documents', { doc: view.doc });
    say(tr(`Status: ${statusName(status)}.`, `الحالة: ${statusName(status)}.`));
  });
}

export function cycleStatus() {
  const current = view.doc ? page.core.document(view.doc).status : 'new';
  setStatus(STATUS_ORDER[(STATUS_ORDER.indexOf(current) + 1) % STATUS_ORDER.length]);
}

/** W: whole-word or exact-character selection. */
export function toggleSnap() {
  $('snap').checked = !$('snap').checked;
  say(
    $('snap').checked
      ? tr('Selections widen to whole words.', 'يتّسع التحديد إلى كلمات كاملة.')
      : tr('Selections keep their exact characters.', 'يبقى التحديد على أحرفه كما هي.'),
  );
}
