// @ts-check
// The durable copy of each workspace in IndexedDB, kept in parts so that a save costs the
// size of the change: a head (labels, annotator, the documents' order), one part per
// document (its spans and undo history), each with the journal sequence number it
// includes, and the journal of change records written since (one entry per record,
// appended in a transaction that must commit before the next change is taken). Compaction
// writes the parts the journal made out of date and drops the records they include; an
// import writes every part, replacing the old ones, in one transaction. A transaction
// either commits whole or not at all, so a crash loses at most the change in flight.
// Workspaces saved by earlier versions (one snapshot of everything) are still read, and
// saved in parts from then on.

const DB_NAME = 'alama';
const DB_VERSION = 2;
const STRICT = { durability: 'strict' };
const STORES = ['workspaces', 'heads', 'parts', 'journal', 'snapshots'];

const done = (request) =>
  new Promise((ok, fail) => {
    request.onsuccess = () => ok(request.result);
    request.onerror = () => fail(request.error);
  });

const committed = (tx) =>
  new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
    tx.onabort = () => fail(tx.error ?? new DOMException('The write was aborted', 'AbortError'));
  });

/** Parts put in one task: an import's 2,000 would hold the page for a long task. */
const PUTS_PER_TASK = 100;

/**
 * Puts `values` into `store`, a batch a task: the next batch is put when the last request
 * of the one before succeeds, which keeps the transaction open between them.
 * @param {IDBObjectStore} store @param {object[]} values @returns {Promise<void>}
 */
function putAll(store, values) {
  return new Promise((ok, fail) => {
    let i = 0;
    const next = () => {
      /** @type {IDBRequest | undefined} */
      let last;
      for (const end = Math.min(i + PUTS_PER_TASK, values.length); i < end; i++) last = store.put(values[i]);
      if (!last) return ok();
      last.onsuccess = () => (i < values.length ? next() : ok());
      last.onerror = () => fail(last?.error);
    };
    next();
  });
}

export async function openStore() {
  const open = indexedDB.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    const has = (/** @type {string} */ name) => db.objectStoreNames.contains(name);
    if (!has('workspaces')) db.createObjectStore('workspaces', { keyPath: 'name' });
    if (!has('snapshots')) db.createObjectStore('snapshots', { keyPath: 'ws' }); // version 1: everything in one
    if (!has('journal')) db.createObjectStore('journal', { keyPath: ['ws', 'seq'] });
    if (!has('heads')) db.createObjectStore('heads', { keyPath: 'ws' });
    if (!has('parts')) db.createObjectStore('parts', { keyPath: ['ws', 'id'] });
  };
  open.onblocked = () => console.warn('Alama storage upgrade is waiting for other tabs to close');
  return new Store(await done(open));
}

const range = (/** @type {string} */ ws, from = 0, to = Infinity) => IDBKeyRange.bound([ws, from], [ws, to]);
// Every part of a workspace (in IndexedDB's order, arrays sort after strings), or those after `id`.
const partRange = (/** @type {string} */ ws, after = '') => IDBKeyRange.bound([ws, after], [ws, []], after !== '');

/** @typedef {{ seq: number, data: Uint8Array }} Part */

export class Store {
  constructor(db) {
    this.db = db;
    this.seq = new Map(); // workspace → last journal sequence number written
  }

  async list() {
    const tx = this.db.transaction('workspaces');
    return (await done(tx.objectStore('workspaces').getAll())).sort((a, b) => a.created - b.created);
  }

  /**
   * The head part (or, saved by version 1, the one snapshot) and the journal entries kept
   * with it; the documents' parts are read with `part` and `parts`.
   * @returns {Promise<{ head: Part | null, legacy: string | null, seqs: number[], records: string[], savedAt: number | undefined }>}
   */
  async load(ws) {
    const tx = this.db.transaction(['heads', 'snapshots', 'journal']);
    const head = await done(tx.objectStore('heads').get(ws));
    const snap = head ? null : await done(tx.objectStore('snapshots').get(ws));
    // After a head, every entry is passed on: the core knows which ones a part includes.
    const entries = await done(tx.objectStore('journal').getAll(range(ws, head ? 0 : (snap?.seq ?? 0) + 1)));
    this.seq.set(ws, Math.max(entries.at(-1)?.seq ?? 0, head?.seq ?? 0, snap?.seq ?? 0));
    return {
      head: head ? { seq: head.seq, data: head.data } : null,
      legacy: snap?.data ?? null,
      seqs: entries.map((/** @type {any} */ e) => e.seq),
      records: entries.map((/** @type {any} */ e) => e.record),
      savedAt: entries.at(-1)?.at ?? head?.at ?? snap?.at,
    };
  }

  /** Document `id`'s part, if there is one. @returns {Promise<Part | undefined>} */
  async part(ws, id) {
    const tx = this.db.transaction('parts');
    const p = await done(tx.objectStore('parts').get([ws, id]));
    return p && { seq: p.seq, data: p.data };
  }

  /** Up to `count` parts after document `after` (in id order; from the first when ''). @returns {Promise<(Part & { id: string })[]>} */
  async parts(ws, after, count) {
    const tx = this.db.transaction('parts');
    return (await done(tx.objectStore('parts').getAll(partRange(ws, after), count))).map((/** @type {any} */ p) => ({ id: p.id, seq: p.seq, data: p.data }));
  }

  /**
   * Writes the head and the given parts at the current sequence number, and drops the
   * journal they include, in one transaction; `everything` first removes every old part
   * and the whole journal (an import, or a workspace saved by version 1).
   * @param {string} ws @param {{ head: Uint8Array, parts: { id: string, data: Uint8Array }[], everything: boolean }} write
   */
  async writeParts(ws, { head, parts, everything }) {
    const seq = (this.seq.get(ws) ?? 0) + (everything ? 1 : 0);
    const tx = this.db.transaction(STORES, 'readwrite', STRICT);
    const [meta, heads, store, journal, snapshots] = STORES.map((s) => tx.objectStore(s));
    const at = Date.now();
    if (everything) {
      store.delete(partRange(ws));
      journal.delete(range(ws));
      snapshots.delete(ws);
    } else {
      journal.delete(range(ws, 0, seq));
    }
    heads.put({ ws, seq, at, data: head });
    await putAll(
      store,
      parts.map(({ id, data }) => ({ ws, id, seq, data })),
    );
    const info = (await done(meta.get(ws))) ?? { name: ws, created: at };
    meta.put({ ...info, modified: at });
    await committed(tx);
    this.seq.set(ws, seq);
  }

  /** Appends records; resolves once they are committed to disk. */
  async append(ws, records) {
    if (!records.length) return;
    const tx = this.db.transaction(['journal', 'workspaces'], 'readwrite', STRICT);
    const journal = tx.objectStore('journal');
    let seq = this.seq.get(ws) ?? 0;
    const at = Date.now();
    for (const record of records) journal.add({ ws, seq: ++seq, at, record });
    const meta = tx.objectStore('workspaces');
    const info = (await done(meta.get(ws))) ?? { name: ws, created: at };
    meta.put({ ...info, modified: at });
    await committed(tx);
    this.seq.set(ws, seq);
  }

  /** How many journal records are kept (compaction drops those the parts include). */
  async pending(ws) {
    const tx = this.db.transaction('journal');
    return done(tx.objectStore('journal').count(range(ws)));
  }

  async create(ws) {
    const tx = this.db.transaction('workspaces', 'readwrite', STRICT);
    tx.objectStore('workspaces').add({ name: ws, created: Date.now(), modified: Date.now() });
    await committed(tx);
  }

  async rename(from, to) {
    const tx = this.db.transaction(STORES, 'readwrite', STRICT);
    const [meta, heads, parts, journal, snaps] = STORES.map((s) => tx.objectStore(s));
    const info = await done(meta.get(from));
    if (await done(meta.get(to))) {
      tx.abort();
      throw new Error(`There is already a workspace called “${to}”.`);
    }
    meta.add({ ...info, name: to });
    meta.delete(from);
    for (const single of [heads, snaps]) {
      const kept = await done(single.get(from));
      if (kept) single.put({ ...kept, ws: to });
      single.delete(from);
    }
    for (const p of await done(parts.getAll(partRange(from)))) parts.put({ ...p, ws: to });
    parts.delete(partRange(from));
    for (const e of await done(journal.getAll(range(from)))) journal.put({ ...e, ws: to });
    journal.delete(range(from));
    await committed(tx);
    this.seq.set(to, this.seq.get(from) ?? 0);
    this.seq.delete(from);
  }

  async remove(ws) {
    const tx = this.db.transaction(STORES, 'readwrite', STRICT);
    tx.objectStore('workspaces').delete(ws);
    tx.objectStore('heads').delete(ws);
    tx.objectStore('snapshots').delete(ws);
    tx.objectStore('parts').delete(partRange(ws));
    tx.objectStore('journal').delete(range(ws));
    await committed(tx);
    this.seq.delete(ws);
  }
}
