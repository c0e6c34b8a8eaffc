// @ts-check
// Search (/): the matches in the open document are painted and counted, and after a pause
// in the typing counted in every document too. Enter selects the next match, ready to be
// tagged; past the last one, the next document that has a match opens.

import { page, view } from '../state/state.js';
import { say } from '../state/messages.js';
import { on, show } from '../state/events.js';
import { tr } from '../words/i18n.js';
import { painter, selectSpan, setCaret } from '../article/article.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
/** Milliseconds of no typing in the search box before matches are counted in every document. */
const SEARCH_PAUSE = 250;

/** Binds the search box; a document shown is searched at once. */
export function initSearch() {
  on('show', runSearch);
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

/** @type {{ matches: number[][], next: number, counting: number, wrapped?: boolean }} */
const search = { matches: [], next: 0, counting: 0 };

export function runSearch() {
  const q = $('search').value.trim();
  search.matches = [];
  search.next = 0;
  if (q && view.doc) {
    const flat = page.core.find(view.doc, q);
    for (let i = 0; i < flat.length; i += 2) search.matches.push([flat[i], flat[i + 1]]);
  }
  painter.mark('search', search.matches);
  clearTimeout(search.counting);
  if (!q) return ($('search-count').textContent = '');
  const here = search.matches.length;
  $('search-count').textContent = tr(`${here} here`, `${here} هنا`);
  // Counting in every document waits for a pause in the typing: long documents make it slow.
  search.counting = window.setTimeout(() => {
    if ($('search').value.trim() !== q) return;
    const everywhere = page.core.documents().map((d) => (d.id === view.doc ? here : page.core.find(d.id, q).length / 2));
    const docsWith = everywhere.filter((n) => n > 0).length;
    const all = everywhere.reduce((a, b) => a + b, 0);
    $('search-count').textContent = tr(
      `${here} here · ${all} in ${docsWith} document${docsWith === 1 ? '' : 's'}`,
      `${here} هنا · ${all} في ${docsWith} مستندات`,
    );
  }, SEARCH_PAUSE);
}

/** Selects the next match, ready to be tagged with a label key; past the last match in this
 * document, goes on to the next document that has one. */
function nextMatch(step = 1) {
  const q = $('search').value.trim();
  if (q && (!search.matches.length || (step > 0 && search.next === 0 && search.wrapped))) {
    const docs = page.core.documents();
    const i = docs.findIndex((d) => d.id === view.doc);
    for (let k = 1; k < docs.length; k++) {
      const d = docs[(i + k) % docs.length];
      if (page.core.find(d.id, q).length) {
        show(d.id);
        say(tr(`Matches of “${q}” in “${d.title}”.`, `تطابقات «${q}» في «${d.title}».`));
        break;
      }
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
