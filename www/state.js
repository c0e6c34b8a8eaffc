// What the page's modules share, one copy of each. `page` holds what changes with the open
// workspace (its core and store, the label set, the painter and span list drawn from them):
// modules read it there at each use, never keep their own copy. `view` is what is on screen.

import { TextView } from './text-view.js';

export const page = { core: null, labels: [], painter: null, spanList: null, store: null };
export const view = { doc: null, selected: null };
// The open workspace: its name, whether this tab may write it, and the save queue.
export const ws = { name: null, readOnly: false, release: null, saving: Promise.resolve(), pending: 0, unsaved: [], failed: false, broken: false, keepJournal: false };
export const textView = new TextView(document.getElementById('article'));

/** How many spans the documents (as `core.documents()` lists them) hold in all. */
export const spanTotal = (docs) => docs.reduce((n, d) => n + d.spanCount, 0);
