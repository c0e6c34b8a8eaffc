// @ts-check
// What the page's modules share, one copy of each. `page` holds what changes with the open
// workspace (its session in the core, its store, the label set read from the core): modules
// read it there at each use, never keep their own copy. `view` is what is on screen; `ws` is
// the open workspace's name, whether this tab may write it, and its save queue.

/** @typedef {import('../pkg/alama.js').Annotator} Annotator */
/** @typedef {import('../pkg/alama.js').Label} Label */
/** @typedef {import('../pkg/alama.js').Limits} Limits */

export const page = {
  /** @type {Annotator} */
  core: /** @type {any} */ (null),
  /** @type {Label[]} */
  labels: [],
  /** @type {Limits} */
  limits: { labels: 9, context: 40, textBytes: 0, fileBytes: 0, sniffBytes: 0 },
  /** @type {import('./store.js').Store | null} */
  store: null,
  /** The team sync (www/team/team.js), for a workspace of a team project only: it is handed each change once journaled. @type {{ handOver: (records: string[]) => void, showState: () => void } | null} */
  team: null,
};

export const view = {
  /** The open document's id. @type {string | null} */
  doc: null,
  /** The selected span's id. @type {number | null} */
  selected: null,
};

export const ws = {
  /** @type {string} */
  name: 'main',
  readOnly: false,
  /** @type {(() => void) | null} */
  release: null,
  /** @type {Promise<unknown>} */
  saving: Promise.resolve(),
  pending: 0,
  /** Journal records taken from the core and not written yet. @type {string[]} */
  unsaved: [],
  failed: false,
  broken: false,
  keepJournal: false,
};

/** The local time, as the core names files after it. @returns {import('../pkg/alama.js').Stamp} */
export function stamp(date = new Date()) {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
  };
}
