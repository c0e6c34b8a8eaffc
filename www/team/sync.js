// @ts-check
// The team sync module: one WebSocket to the team's server (failing over to the next
// address when it drops), one Yjs document per opened name, and an honest count of the
// local changes PostgreSQL does not hold yet. The page loads it (bundled by esbuild into
// www/team/dist/team.js) only for a workspace that belongs to a team project; the
// benchmark and the tests use the same module in Node.
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';

export { Y };
export * from './model.js';

/** Changes made here (the page or a simulated annotator), as opposed to the server's. */
export const LOCAL = Symbol('alama-local');

/** Close codes with no reason of the server's, worded as the codes the page knows. */
const closeCode = (/** @type {number} */ code) => (code === 1009 ? 'team.too-large' : null);

/**
 * @typedef {{ online: boolean, waiting: number, opening: number, refused: Map<string, string> }} TeamStatus
 * @typedef {{
 *   name: string, doc: Y.Doc, provider: HocuspocusProvider,
 *   synced: Promise<void>, isSynced: boolean, refused: string | null,
 *   pending: number[], storedClock: number,
 * }} Opened
 */

/**
 * @param {{ urls: string[], token: string, WebSocketPolyfill?: any,
 *   onStatus?: (status: TeamStatus) => void, onStored?: (name: string, clock: number) => void }} options
 */
export function connectTeam(options) {
  const urls = options.urls;
  let which = 0;
  const socket = new HocuspocusProviderWebsocket({
    url: urls[0],
    WebSocketPolyfill: options.WebSocketPolyfill,
    delay: 100,
    factor: 1.5,
    maxDelay: 2000,
    minDelay: 50,
    jitter: true,
    messageReconnectTimeout: 10000,
  });
  /** @type {Map<string, Opened>} */
  const opened = new Map();
  let online = false;

  const status = () => ({
    online,
    waiting: [...opened.values()].reduce((n, o) => n + o.pending.length, 0),
    // Documents the server has not sent yet (it may be waiting for PostgreSQL to load them).
    opening: [...opened.values()].filter((o) => !o.isSynced && !o.refused).length,
    refused: new Map([...opened.values()].filter((o) => o.refused).map((o) => [o.name, /** @type {string} */ (o.refused)])),
  });
  const tell = () => options.onStatus?.(status());

  socket.on('status', (/** @type {{ status: string }} */ e) => {
    online = e.status === 'connected';
    tell();
  });
  socket.on('disconnect', () => {
    // Fail over: the next attempt goes to the next instance.
    which = (which + 1) % urls.length;
    socket.configuration.url = urls[which];
  });

  /**
   * Opens (or returns) the Yjs document `name`.
   * @param {string} name
   * @returns {Opened}
   */
  function open(name) {
    const known = opened.get(name);
    if (known) return known;
    const doc = new Y.Doc();
    /** @type {(value?: any) => void} */
    let resolve = () => {};
    /** @type {(error: any) => void} */
    let reject = () => {};
    const synced = new Promise((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      token: options.token,
      onSynced: () => {
        resolve();
        if (!entry.isSynced) {
          entry.isSynced = true;
          tell();
        }
        // Reconnected: ask what PostgreSQL holds, so the waiting count is right.
        provider.sendStateless(JSON.stringify({ alama: 'stored?' }));
      },
      onAuthenticationFailed: ({ reason }) => refuse(reason),
      onClose: ({ event }) => {
        const code = /^team\./.test(event.reason ?? '') ? event.reason : closeCode(event.code);
        if (code) refuse(code);
      },
      onStateless: ({ payload }) => {
        let message;
        try {
          message = JSON.parse(payload);
        } catch {
          return;
        }
        if (message?.alama !== 'stored' || typeof message.sv !== 'string') return;
        const sv = Y.decodeStateVector(fromBase64(message.sv));
        const clock = sv.get(doc.clientID) ?? 0;
        if (clock > entry.storedClock) entry.storedClock = clock;
        const before = entry.pending.length;
        entry.pending = entry.pending.filter((c) => c > entry.storedClock);
        options.onStored?.(name, entry.storedClock);
        if (entry.pending.length !== before) tell();
      },
    });
    /** @type {Opened} */
    const entry = { name, doc, provider, synced, isSynced: false, refused: null, pending: [], storedClock: 0 };
    const refuse = (/** @type {string} */ code) => {
      if (code === 'team.unavailable') {
        // The server could not check the token (its database is away): try again soon.
        setTimeout(() => {
          if (opened.get(name) !== entry) return;
          provider.detach();
          provider.attach();
        }, 1000);
        tell();
        return;
      }
      entry.refused = code;
      reject(Object.assign(new Error(code), { code }));
      tell();
    };
    doc.on('update', (/** @type {Uint8Array} */ _update, /** @type {any} */ origin) => {
      if (origin !== LOCAL) return;
      // The clock after this change: stored once the server's state vector reaches it.
      entry.pending.push(Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0);
      tell();
    });
    opened.set(name, entry);
    provider.attach();
    return entry;
  }

  /** Runs `change` on the document as a local change (counted until PostgreSQL has it). */
  const change = (/** @type {Opened} */ entry, /** @type {() => void} */ fn) => entry.doc.transact(fn, LOCAL);

  return {
    open,
    change,
    status,
    /** @param {string} name */
    close(name) {
      const entry = opened.get(name);
      if (!entry) return;
      entry.provider.destroy();
      opened.delete(name);
    },
    destroy() {
      for (const entry of opened.values()) entry.provider.destroy();
      opened.clear();
      socket.destroy();
    },
    socket,
  };
}

/** @param {string} text */
function fromBase64(text) {
  const bytes = atob(text);
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return out;
}
