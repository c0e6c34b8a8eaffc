// @ts-check
// Search (/): the matches in the open document are painted and counted, and counted in
// every document too, from the core's index of every document's words (built while the
// page is idle: state/background.js). Enter
// selects the next match, ready to be tagged; past the last one, the next document that has
// a match opens.

import { page, view } from '../state/state.js';
import { say } from '../state/messages.js';
import { on, show } from '../state/events.js';
import { tr } from '../words/i18n.js';
import { painter, selectSpan, setCaret } from '../article/article.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
/** Binds the search box; a document shown is searched at once. */
export function initSearch() {
  on('show', runSearch);
  // Every document indexed: the counts can be given.
  on('indexed', () => $('search').value.trim() && runSearch());
  $('search').addEventListener('input', runSearch);
  $('search').addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      nextMatch(e.shiftKey ? -1 : 1);
      $('search').blur();
    } else if (e.key === 'Escape') {
      $('search').blur();
    }
  });
}

/** @type {{ matches: number[][], next: number, wrapped?: boolean }} */
const search = { matches: [], next: 0 };

export function runSearch() {
  const q = $('search').value.trim();
  search.matches = [];
  search.next = 0;
  if (q && view.doc) {
    const flat = page.core.find(view.doc, q);
    for (let i = 0; i < flat.length; i += 2) search.matches.push([flat[i], flat[i + 1]]);
  }
  painter.mark('search', search.matches);
  if (!q) return ($('search-count').textContent = '');
  const here = search.matches.length;
  const all = page.core.searchCounts(q);
  $('search-count').textContent = all
    ? tr(
        `${here} here · ${all.matches} in ${all.documents} document${all.documents === 1 ? '' : 's'}`,
        `${here} هنا · ${all.matches} في ${all.documents} مستندات`,
      )
    : tr(`${here} here · counting the other documents…`, `${here} هنا · يجري العدّ في المستندات الأخرى…`);
}

/** Selects the next match, ready to be tagged with a label key; past the last match in this
 * document, goes on to the next document that has one. */
function nextMatch(step = 1) {
  const q = $('search').value.trim();
  if (q && (!search.matches.length || (step > 0 && search.next === 0 && search.wrapped))) {
    const docs = page.core.documentsWith(q) ?? [];
    const here = view.doc ? (page.core.documentIndex(view.doc) ?? -1) : -1;
    const next = docs.find((id) => (page.core.documentIndex(id) ?? -1) > here) ?? docs[0];
    if (next && next !== view.doc) {
      show(next);
      say(tr(`Matches of “${q}” in “${page.core.document(next).title}”.`, `تطابقات «${q}» في «${page.core.document(next).title}».`));
    }
  }
  search.wrapped = false;
  if (!search.matches.length) return say(tr('No match in this document.', 'لا تطابق في هذا المستند.'));
  const [s, e] = search.matches[search.next % search.matches.length];
  search.next = (search.next + step + search.matches.length) % search.matches.length;
  search.wrapped = search.next === 0;
  selectSpan(null);
  setCaret(s, e);
}
