// The keyboard: the caret and the selection moved with the arrow keys (a selected span's
// edges moved the same way), going from span to span and from document to document, and the
// keydown handler that gives every other key (listed in help.js) its action.

import { page, view, textView } from './state.js';
import { say, attempt } from './messages.js';
import { change } from './saving.js';
import { findAll, preannotate, decide, decideCurrent } from './suggestions.js';
import { editLabels } from './label-editor.js';
import { showHelp } from './help.js';
import { tr } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** What app.js lends: refresh, selectSpan, openDocument, applyLabel, removeSelected, history,
 * exportAll, cycleStatus, switchLanguage. */
let host;

export function initKeys(lent) {
  host = lent;
  document.addEventListener('keydown', onKey);
}

export const caret = { anchor: null, focus: null };

export function setCaret(anchor, focus = anchor) {
  caret.anchor = anchor;
  caret.focus = focus;
  if (focus != null) textView.reveal(focus);
  page.painter.caret(focus);
  if (anchor == null) return;
  const sel = getSelection();
  sel.removeAllRanges();
  const range = anchor !== focus ? textView.range(Math.min(anchor, focus), Math.max(anchor, focus)) : null;
  if (range) sel.addRange(range);
}

/** Arrow keys. The article is right to left, so ← goes forwards in the text and → back. */
function onArrow(e) {
  const forward = e.key === 'ArrowLeft';
  const byWord = e.ctrlKey || e.metaKey;
  if (view.selected != null) {
    const id = view.selected;
    const endEdge = !e.shiftKey;
    change(() => {
      const r = attempt(() => page.core.moveEdge(view.doc, id, endEdge, byWord, forward));
      if (!r.ok) return;
      if (!r.value) return say(tr('That edge cannot move further.', 'لا يمكن تحريك هذا الطرف أكثر.'));
      host.refresh();
      const s = page.core.span(view.doc, id);
      say(tr(`${endEdge ? 'End' : 'Start'} moved: “${s.text}”.`, `تحرّك ${endEdge ? 'آخره' : 'أوله'}: «${s.text}».`));
    });
    return;
  }
  const sel = textView.selection();
  const from = caret.focus ?? (sel ? sel[1] : 0);
  const to = byWord ? page.core.wordBoundary(view.doc, from, forward) : textView.step(from, forward);
  if (e.shiftKey) setCaret(caret.anchor ?? from, to);
  else setCaret(to);
}

function selectNeighbour(step) {
  const n = view.doc ? page.core.spanCount(view.doc) : 0;
  if (!n) return;
  const i = view.selected == null ? -1 : (page.core.spanIndex(view.doc, view.selected) ?? -1);
  const next = page.core.spanRows(view.doc, i < 0 ? (step > 0 ? 0 : n - 1) : (i + step + n) % n, 1)[0];
  setCaret(null);
  getSelection().removeAllRanges();
  textView.reveal(next.start, next.end);
  host.selectSpan(next.id);
  document.querySelector(`#badges .badge[data-span="${next.id}"]`)?.focus({ preventScroll: true });
}

function openNeighbour(step) {
  const docs = page.core.documents();
  const i = docs.findIndex((d) => d.id === view.doc);
  const next = docs[(i + step + docs.length) % docs.length];
  if (next) {
    host.openDocument(next.id);
    say(tr(`Opened “${next.title}”.`, `فُتح «${next.title}».`));
  }
}

function labelForKey(e) {
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1] ?? '١٢٣٤٥٦٧٨٩'.indexOf(e.key) + 1;
  const n = Number(digit);
  return n >= 1 && n <= page.labels.length ? page.labels[n - 1].id : null;
}

function onKey(e) {
  if (e.target.closest?.('input, textarea, select, [contenteditable="true"], dialog')) return;
  const ctrl = e.ctrlKey || e.metaKey;
  const done = () => e.preventDefault();
  if (ctrl && e.code === 'KeyZ') {
    done();
    host.history(e.shiftKey ? 'redo' : 'undo');
  } else if (ctrl && e.code === 'KeyY') {
    done();
    host.history('redo');
  } else if (ctrl && e.code === 'KeyS') {
    done();
    host.exportAll();
  } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    if (!view.doc || e.altKey) return;
    done();
    onArrow(e);
  } else if (ctrl || e.altKey) {
    return;
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    done();
    selectNeighbour(e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    if (view.selected != null) {
      done();
      host.removeSelected();
    }
  } else if (e.key === 'Escape') {
    getSelection().removeAllRanges();
    if (caret.focus != null) setCaret(caret.focus);
    host.selectSpan(null);
  } else if (e.key === '?') {
    done();
    showHelp();
  } else if (e.key === '/') {
    done();
    $('search').focus();
    $('search').select();
  } else if (e.code === 'BracketRight' || e.code === 'BracketLeft') {
    done();
    openNeighbour(e.code === 'BracketRight' ? 1 : -1);
  } else if (e.code === 'KeyF') {
    done();
    findAll(e.shiftKey);
  } else if (e.code === 'KeyP') {
    done();
    preannotate();
  } else if (e.code === 'KeyA') {
    done();
    if (e.shiftKey) decide(null, true);
    else decideCurrent(true);
  } else if (e.code === 'KeyR') {
    done();
    if (e.shiftKey) decide(null, false);
    else decideCurrent(false);
  } else if (e.code === 'KeyW') {
    done();
    $('snap').checked = !$('snap').checked;
    say($('snap').checked ? tr('Selections widen to whole words.', 'يتّسع التحديد إلى كلمات كاملة.') : tr('Selections keep their exact characters.', 'يبقى التحديد على أحرفه كما هي.'));
  } else if (e.code === 'KeyS') {
    done();
    host.cycleStatus();
  } else if (e.code === 'KeyL') {
    done();
    editLabels();
  } else if (e.code === 'KeyG') {
    done();
    host.switchLanguage();
  } else if (e.code === 'KeyO') {
    done();
    $('file-input').click();
  } else {
    const label = labelForKey(e);
    if (label) {
      done();
      host.applyLabel(label, e.shiftKey);
    }
  }
}
