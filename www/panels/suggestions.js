// @ts-check
// Suggestions: spans the core proposes (Find all, pre-annotation from the entities known in
// the session, a word list), painted in the article and listed in their panel, accepted or
// rejected one at a time or all at once.

import { page, view } from '../state/state.js';
import { say, apply } from '../state/messages.js';
import { change } from '../state/saving.js';
import { changed, emit, on } from '../state/events.js';
import { tr } from '../words/i18n.js';
import { painter, textView } from '../article/article.js';
import { labelled } from './span-list.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** What the list shows now (its count, language and suggestions). */
let shown = '';

function renderSuggestions() {
  const here = view.doc ? page.core.suggestions(view.doc) : [];
  const total = page.core.suggestionCount();
  painter.mark(
    'suggestion',
    here.map((s) => [s.start, s.end]),
  );
  painter.mark('suggestion-current', here.length ? [[here[0].start, here[0].end]] : []);
  // The painter adds the clitics of the spans it paints to these.
  painter.mark(
    'clitic',
    here.filter((s) => s.clitic).map((s) => s.clitic),
  );
  // Drawn again only when they changed: after most edits, nothing here did.
  if ($('suggestion-panel').hidden !== (total === 0)) $('suggestion-panel').hidden = total === 0;
  const count = tr(`(${here.length} here, ${total} in all documents)`, `(${here.length} هنا، ${total} في كل المستندات)`);
  if ($('suggestion-count').textContent !== count) $('suggestion-count').textContent = count;
  const key = `${count}|${here.map((s) => `${s.key}:${s.label}:${s.start}:${s.end}`).join(',')}`;
  if (key === shown) return;
  shown = key;
  $('suggestion-list').replaceChildren(
    ...here.map((s, i) => {
      const li = document.createElement('li');
      if (i === 0) li.className = 'current';
      li.dataset.label = s.label;
      const yes = document.createElement('button');
      yes.type = 'button';
      yes.textContent = tr('Accept', 'قبول');
      yes.setAttribute('aria-label', `${tr('Accept', 'قبول')} ${s.label}: ${s.text}`);
      yes.addEventListener('click', () => decide([s.key], true));
      const no = document.createElement('button');
      no.type = 'button';
      no.textContent = tr('Reject', 'رفض');
      no.setAttribute('aria-label', `${tr('Reject', 'رفض')} ${s.label}: ${s.text}`);
      no.addEventListener('click', () => decide([s.key], false));
      li.append(...labelled(s.label, s.text), yes, no);
      return li;
    }),
  );
}

/** Accepts or rejects suggestions by key; `null` means all of them (in every document). */
export function decide(/** @type {number[] | null} */ keys, /** @type {boolean} */ accept) {
  const all = keys ?? [...Array(page.core.suggestionCount()).keys()];
  if (!all.length) return say(tr('There are no suggestions to decide on.', 'لا اقتراحات للبتّ فيها.'));
  if (!accept) {
    const r = apply({ reject: { keys: all } });
    if (!r.ok) return;
    emit('spans');
    return say(tr(`Rejected ${all.length} suggestion${all.length === 1 ? '' : 's'}.`, `رُفض ${all.length} اقتراحًا.`));
  }
  change(() => {
    const r = apply({ accept: { keys: all } });
    if (!r.ok) return;
    changed();
    const n = r.value.count;
    say(
      tr(
        `Accepted ${n} suggestion${n === 1 ? '' : 's'} (Ctrl+Z undoes them together in each document).`,
        `قُبل ${n} اقتراحًا (Ctrl+Z يتراجع عنها معًا في كل مستند).`,
      ),
    );
  });
}

/** A or R: the highlighted (first) suggestion of this document. */
export function decideCurrent(/** @type {boolean} */ accept) {
  const first = page.core.suggestions(view.doc)[0];
  if (!first) return say(tr('There are no suggestions in this document.', 'لا اقتراحات في هذا المستند.'));
  decide([first.key], accept);
  const next = page.core.suggestions(view.doc)[0];
  if (next) textView.reveal(next.start, next.end);
}

export function findAll(/** @type {boolean} */ everywhere) {
  if (!view.doc || view.selected == null)
    return say(tr('Select a span first: Find all looks for its text.', 'حدّد مقطعًا أولًا: «إيجاد الكل» يبحث عن نصه.'), 'error');
  const span = page.core.span(view.doc, view.selected);
  const r = apply({ findOccurrences: { doc: view.doc, span: view.selected, allDocuments: everywhere } });
  if (!r.ok) return;
  emit('spans');
  const n = r.value.count;
  const here = page.core.suggestions(view.doc).length;
  say(
    tr(
      `Found ${n} other occurrence${n === 1 ? '' : 's'} of “${span.text}”${everywhere ? ` in all documents (${here} in this one)` : ''}. A accepts the highlighted one, Shift+A accepts all, R and Shift+R reject.`,
      `وُجد ${n} ورودًا آخر لـ«${span.text}»${everywhere ? ` في كل المستندات (${here} في هذا)` : ''}. A يقبل المبرَز، وShift+A يقبل الكل، وR وShift+R للرفض.`,
    ),
  );
}

export function preannotate() {
  if (!view.doc) return;
  const r = apply({ preannotate: { doc: view.doc } });
  if (!r.ok) return;
  emit('spans');
  const n = r.value.count;
  say(
    n
      ? tr(`Suggested ${n} span${n === 1 ? '' : 's'} from the entities known in this session.`, `اقتُرح ${n} مقطعًا من الكيانات المعروفة في هذه الجلسة.`)
      : tr('No known entity occurs in this document yet.', 'لا يرد في هذا المستند أي كيان معروف بعد.'),
  );
}

export function initSuggestions() {
  on('spans', renderSuggestions);
}
