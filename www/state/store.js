// @ts-check
// The durable copy of each workspace in IndexedDB: a journal of change records (one entry
// per record, appended in a transaction that must commit before the next change is taken)
// and a snapshot that the journal is compacted into. A transaction either commits whole or
// not at all, so a crash mid-write loses at most the change in flight, never older ones.

const DB_NAME = 'alama';
const DB_VERSION = 1;
const STRICT = { durability: 'strict' };

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

export async function openStore() {
  const open = indexedDB.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('workspaces', { keyPath: 'name' });
    db.createObjectStore('snapshots', { keyPath: 'ws' });
    db.createObjectStore('journal', { keyPath: ['ws', 'seq'] });
  };
  open.onblocked = () => console.warn('Alama storage upgrade is waiting for other tabs to close');
  return new Store(await done(open));
}

const range = (ws, from = 0) => IDBKeyRange.bound([ws, from], [ws, Infinity]);

export class Store {
  constructor(db) {
    this.db = db;
    this.seq = new Map(); // workspace → last journal sequence number written
  }

  async list() {
    const tx = this.db.transaction('workspaces');
    return (await done(tx.objectStore('workspaces').getAll())).sort((a, b) => a.created - b.created);
  }

  /** The snapshot (JSON or null) and the journal records written after it. */
  async load(ws) {
    const tx = this.db.transaction(['snapshots', 'journal']);
    const snap = await done(tx.objectStore('snapshots').get(ws));
    const entries = await done(tx.objectStore('journal').getAll(range(ws, (snap?.seq ?? 0) + 1)));
    this.seq.set(ws, entries.at(-1)?.seq ?? snap?.seq ?? 0);
    return { snapshot: snap?.data ?? null, records: entries.map((e) => e.record), savedAt: entries.at(-1)?.at ?? snap?.at };
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

  /** How many journal records follow the snapshot. */
  async pending(ws) {
    const tx = this.db.transaction(['snapshots', 'journal']);
    const snap = await done(tx.objectStore('snapshots').get(ws));
    return done(tx.objectStore('journal').count(range(ws, (snap?.seq ?? 0) + 1)));
  }

  /** Replaces the journal up to now by `data`, in one transaction. */
  async compact(ws, data) {
    const seq = this.seq.get(ws) ?? 0;
    const tx = this.db.transaction(['snapshots', 'journal'], 'readwrite', STRICT);
    tx.objectStore('snapshots').put({ ws, seq, at: Date.now(), data });
    tx.objectStore('journal').delete(IDBKeyRange.bound([ws, 0], [ws, seq]));
    await committed(tx);
  }

  async create(ws) {
    const tx = this.db.transaction('workspaces', 'readwrite', STRICT);
    tx.objectStore('workspaces').add({ name: ws, created: Date.now(), modified: Date.now() });
    await committed(tx);
  }

  async rename(from, to) {
    const tx = this.db.transaction(['workspaces', 'snapshots', 'journal'], 'readwrite', STRICT);
    const [meta, snaps, journal] = ['workspaces', 'snapshots', 'journal'].map((s) => tx.objectStore(s));
    const info = await done(meta.get(from));
    if (await done(meta.get(to))) {
      tx.abort();
      throw new Error(`There is already a workspace called “${to}”.`);
    }
    meta.add({ ...info, name: to });
    meta.delete(from);
    const snap = await done(snaps.get(from));
    if (snap) snaps.put({ ...snap, ws: to });
    snaps.delete(from);
    for (const e of await done(journal.getAll(range(from)))) journal.put({ ...e, ws: to });
    journal.delete(range(from));
    await committed(tx);
    this.seq.set(to, this.seq.get(from) ?? 0);
    this.seq.delete(from);
  }

  async remove(ws) {
    const tx = this.db.transaction(['workspaces', 'snapshots', 'journal'], 'readwrite', STRICT);
    tx.objectStore('workspaces').delete(ws);
    tx.objectStore('snapshots').delete(ws);
    tx.objectStore('journal').delete(range(ws));
    await committed(tx);
    this.seq.delete(ws);
  }
}
