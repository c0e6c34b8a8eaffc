// Suggestions: spans the core proposes (Find all, pre-annotation from the entities known in
// the session, a word list), painted in the article and listed in their panel, accepted or
// rejected one at a time or all at once.

import { page, view, textView } from './state.js';
import { labelled } from './span-list.js';
import { say, attempt } from './messages.js';
import { change } from './saving.js';
import { tr } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** What app.js lends: refresh. */
let host;

export function initSuggestions(lent) {
  host = lent;
}

export function renderSuggestions() {
  const here = view.doc ? page.core.suggestions(view.doc) : [];
  const total = page.core.suggestionCount();
  page.painter.mark('suggestion', here.map((s) => [s.start, s.end]));
  page.painter.mark('suggestion-current', here.length ? [[here[0].start, here[0].end]] : []);
  // The painter adds the clitics of the spans it paints to these.
  page.painter.mark('clitic', here.filter((s) => s.clitic).map((s) => s.clitic));
  $('suggestion-panel').hidden = total === 0;
  $('suggestion-count').textContent = tr(`(${here.length} here, ${total} in all documents)`, `(${here.length} هنا، ${total} في كل المستندات)`);
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
export function decide(keys, accept) {
  const all = keys ?? [...Array(page.core.suggestionCount()).keys()];
  if (!all.length) return say(tr('There are no suggestions to decide on.', 'لا اقتراحات للبتّ فيها.'));
  if (!accept) {
    page.core.rejectSuggestions(all);
    host.refresh();
    return say(tr(`Rejected ${all.length} suggestion${all.length === 1 ? '' : 's'}.`, `رُفض ${all.length} اقتراحًا.`));
  }
  change(() => {
    const r = attempt(() => page.core.acceptSuggestions(all));
    if (!r.ok) return;
    host.refresh();
    say(tr(`Accepted ${r.value} suggestion${r.value === 1 ? '' : 's'} (Ctrl+Z undoes them together in each document).`, `قُبل ${r.value} اقتراحًا (Ctrl+Z يتراجع عنها معًا في كل مستند).`));
  });
}

export function decideCurrent(accept) {
  const first = page.core.suggestions(view.doc)[0];
  if (!first) return say(tr('There are no suggestions in this document.', 'لا اقتراحات في هذا المستند.'));
  decide([first.key], accept);
  const next = page.core.suggestions(view.doc)[0];
  if (next) textView.reveal(next.start, next.end);
}

export function findAll(everywhere) {
  if (!view.doc || view.selected == null) return say(tr('Select a span first: Find all looks for its text.', 'حدّد مقطعًا أولًا: «إيجاد الكل» يبحث عن نصه.'), 'error');
  const span = page.core.span(view.doc, view.selected);
  const r = attempt(() => page.core.findOccurrences(view.doc, view.selected, everywhere));
  if (!r.ok) return;
  host.refresh();
  const here = page.core.suggestions(view.doc).length;
  say(tr(`Found ${r.value} other occurrence${r.value === 1 ? '' : 's'} of “${span.text}”${everywhere ? ` in all documents (${here} in this one)` : ''}. A accepts the highlighted one, Shift+A accepts all, R and Shift+R reject.`, `وُجد ${r.value} ورودًا آخر لـ«${span.text}»${everywhere ? ` في كل المستندات (${here} في هذا)` : ''}. A يقبل المبرَز، وShift+A يقبل الكل، وR وShift+R للرفض.`));
}

export function preannotate() {
  if (!view.doc) return;
  const r = attempt(() => page.core.preannotate(view.doc));
  if (!r.ok) return;
  host.refresh();
  say(r.value ? tr(`Suggested ${r.value} span${r.value === 1 ? '' : 's'} from the entities known in this session.`, `اقتُرح ${r.value} مقطعًا من الكيانات المعروفة في هذه الجلسة.`) : tr('No known entity occurs in this document yet.', 'لا يرد في هذا المستند أي كيان معروف بعد.'));
}
