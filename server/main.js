// @ts-check
// The team server: Hocuspocus with token authentication, per-document permissions,
// PostgreSQL storage and Redis between instances; it also serves the page from the same
// origin, so the page's Content-Security-Policy stays 'self'.
//
//   node server/main.js --port 8091 --database postgres://… --redis redis://127.0.0.1:6390
//
// Every refusal reaches the page as a stable code (server/names.js REFUSALS) that the page
// words in Arabic and English; no server text is ever shown as HTML.
import { Server } from '@hocuspocus/server';
import { Database as DatabaseExtension } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { decide, needsSettings, parseName, projectDoc } from './names.js';
import { openDatabase } from './db.js';

/** How long a failed store waits before it is tried again. */
const RETRY_MS = 1000;
/** How long a document being loaded waits for PostgreSQL before its clients are refused. */
const LOAD_WAIT_MS = 60 * 1000;

/** How long an instance trusts a token it checked, while PostgreSQL cannot be asked. */
const KNOWN_FOR = 10 * 60 * 1000;

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** The largest message a member may send on a document, and the lead on the project document. */
export const LIMITS = { member: 1 << 20, lead: 48 << 20 };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** A refusal as Hocuspocus passes it on: the reason is the stable code. */
const refusal = (/** @type {string} */ code) => Object.assign(new Error(code), { reason: code, code: 4403 });

/**
 * Redis without its store lock: the lock's failure path skips storing silently, and
 * server/db.js already merges concurrent stores under a PostgreSQL row lock.
 */
class RedisFanOut extends Redis {
  async onStoreDocument() {}
}

/**
 * @param {{ port: number, database: string, redis?: string, www?: string, name?: string,
 *   debounce?: number, maxDebounce?: number, quiet?: boolean }} options
 */
export async function startServer(options) {
  const db = openDatabase(options.database);
  await db.migrate();
  const www = resolve(options.www ?? join(ROOT, 'www'));
  const identifier = options.name ?? `instance-${options.port}`;
  /** Tokens checked lately, so a PostgreSQL restart does not lock members out. @type {Map<string, { member: any, until: number }>} */
  const known = new Map();

  /** @type {any[]} */
  const extensions = [
    new DatabaseExtension({
      fetch: async ({ documentName }) => {
        // PostgreSQL is away while a document loads: wait for it (the client waits for its
        // sync meanwhile) rather than serve the document without what is stored.
        for (let tries = 1; ; tries++) {
          try {
            return await db.fetchState(documentName);
          } catch (error) {
            if (tries * RETRY_MS >= LOAD_WAIT_MS) throw new Error('', { cause: error });
            console.error(`[fetch] ${documentName}: ${/** @type {Error} */ (error).message}; retrying`);
            await new Promise((r) => setTimeout(r, RETRY_MS));
          }
        }
      },
      store: async ({ documentName, state, document, instance }) => {
        let merged;
        try {
          merged = await db.mergeState(documentName, state);
        } catch (error) {
          // PostgreSQL is away: try again in a second, and tell nobody it is stored. (A
          // document whose last client left meanwhile is unloaded; its clients still hold
          // the change and send it when they come back.) The error has no message: Hocuspocus
          // 3.4 rethrows one that has, where nothing catches it.
          setTimeout(() => {
            if (instance.documents.get(documentName) === document) {
              instance
                .storeDocumentHooks(
                  document,
                  /** @type {any} */ ({
                    instance,
                    document,
                    documentName,
                    context: {},
                    requestHeaders: {},
                    requestParameters: new URLSearchParams(),
                    socketId: '',
                    clientsCount: 0,
                  }),
                )
                ?.catch(() => {});
            }
          }, RETRY_MS);
          console.error(`[store] ${documentName}: ${/** @type {Error} */ (error).message}; retrying`);
          throw new Error('', { cause: error });
        }
        // Tell every client (on every instance, through Redis) what PostgreSQL now holds.
        document.broadcastStateless(storedMessage(merged));
      },
    }),
  ];
  if (options.redis) {
    const url = new URL(options.redis);
    extensions.push(
      new RedisFanOut({
        host: url.hostname,
        port: Number(url.port || 6379),
        identifier,
        prefix: 'alama',
      }),
    );
  }

  /**
   * The settings in the project document's `meta` (names.js Settings), from the copy this
   * instance has loaded (kept current through Redis), else from PostgreSQL.
   * @param {any} instance @param {string} project
   */
  async function projectSettings(instance, project) {
    const name = projectDoc(project);
    let doc = instance.documents.get(name);
    if (!doc) {
      let state;
      try {
        state = await db.fetchState(name);
      } catch {
        throw refusal('team.unavailable');
      }
      doc = new Y.Doc();
      if (state) Y.applyUpdate(doc, state);
    }
    return { shareWork: doc.getMap('meta').get('shareWork') === true };
  }

  const server = new Server(
    {
      name: identifier,
      port: options.port,
      address: '127.0.0.1',
      quiet: options.quiet ?? true,
      stopOnSignals: false,
      debounce: options.debounce ?? 1000,
      maxDebounce: options.maxDebounce ?? 4000,
      extensions,

      async onAuthenticate({ token, documentName, connectionConfig, instance }) {
        if (!token) throw refusal('team.no-token');
        let member;
        try {
          member = await db.memberByToken(token);
          if (member) known.set(token, { member, until: Date.now() + KNOWN_FOR });
        } catch {
          // PostgreSQL is away: a token this instance checked lately still opens.
          const seen = known.get(token);
          if (!seen || seen.until < Date.now()) throw refusal('team.unavailable');
          member = seen.member;
        }
        if (!member) throw refusal('team.wrong-token');
        const settings = needsSettings(member, documentName) ? await projectSettings(instance, member.project) : {};
        const decision = decide(member, documentName, settings);
        if (!decision.ok) throw refusal(decision.code);
        connectionConfig.readOnly = decision.readOnly;
        return { member, readOnly: decision.readOnly };
      },

      async afterLoadDocument({ documentName, document, instance }) {
        // The lead stops sharing the work: close every annotator's connection to another's
        // work in the project, on this instance (each instance that serves such a connection
        // has the project document loaded too, as the page opens it first, and Redis brings
        // it the change).
        const parsed = parseName(documentName);
        if (parsed?.kind !== 'project') return;
        const meta = document.getMap('meta');
        meta.observe(() => {
          if (meta.get('shareWork') === true) return;
          for (const [name, doc] of instance.documents) {
            const work = parseName(name);
            if (work?.kind !== 'work' || work.project !== parsed.project) continue;
            for (const connection of doc.getConnections()) {
              const member = connection.context?.member;
              if (member && needsSettings(member, name)) connection.close({ code: 4403, reason: 'team.not-yours' });
            }
          }
        });
      },

      async beforeHandleMessage({ context, update, documentName, document }) {
        const member = context.member;
        const limit = member?.role === 'lead' && documentName.endsWith('/project') ? LIMITS.lead : LIMITS.member;
        if (update.byteLength > limit) throw Object.assign(refusal('team.too-large'), { code: 4413 });
        if (context.readOnly && writesSomething(update, document)) {
          throw refusal('team.read-only');
        }
      },

      async onStateless({ payload, document, connection }) {
        // "what is stored?": a client that reconnected asks, to count what is still waiting.
        let message;
        try {
          message = JSON.parse(payload);
        } catch {
          return;
        }
        if (message?.alama !== 'stored?') return;
        const state = await db.fetchState(document.name).catch(() => null);
        if (state) connection.sendStateless(storedMessage(state));
      },

      async onRequest({ request, response }) {
        await serveStatic(www, request, response);
        // serveStatic answered: stop Hocuspocus's default reply.
        throw null;
      },
    },
    { maxPayload: LIMITS.lead + 1024 },
  );
  await server.listen();
  return {
    server,
    db,
    port: options.port,
    async stop() {
      await server.destroy();
      await db.close().catch(() => {});
    },
  };
}

/** @param {Uint8Array} state */
function storedMessage(state) {
  const sv = Y.encodeStateVectorFromUpdate(state);
  return JSON.stringify({ alama: 'stored', sv: Buffer.from(sv).toString('base64') });
}

/**
 * Whether a sync message would change the document (a read-only member may still send the
 * empty step 2 and updates it already has).
 * @param {Uint8Array} data @param {Y.Doc} document
 */
function writesSomething(data, document) {
  const decoder = decoding.createDecoder(data);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== 0 && type !== 4) return false; // Sync, SyncReply
  const step = decoding.readVarUint(decoder);
  if (step !== 1 && step !== 2) return false; // step 2 or update carry changes
  const update = decoding.readVarUint8Array(decoder);
  return !Y.snapshotContainsUpdate(Y.snapshot(document), update);
}

/**
 * @param {string} www
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 */
async function serveStatic(www, request, response) {
  const headers = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, 'Content-Type': 'text/plain' });
    response.end('method not allowed');
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  } catch {
    path = '/';
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(www, path));
  if (file !== www && !file.startsWith(www + sep)) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
    response.end('not found');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
    response.end('not found');
    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[/** @type {keyof TYPES} */ (extname(file))] ?? 'application/octet-stream',
    'Content-Length': info.size,
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const running = await startServer({
    port: Number(args.port ?? 8091),
    database: args.database ?? process.env.ALAMA_DATABASE ?? '',
    redis: args.redis ?? process.env.ALAMA_REDIS,
    www: args.www,
    name: args.name,
  });
  console.log(`alama team server ${running.port} ready`);
  const stop = async () => {
    // Stopping stores what is loaded; if that cannot finish (PostgreSQL away), stop anyway:
    // a client keeps every change until the server says it is stored, and sends it again.
    setTimeout(() => {
      console.error('[stop] the documents could not all be stored in 10 s; stopping anyway');
      process.exit(1);
    }, 10_000).unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // One failed promise inside the engine must not take every connection down with it.
  process.on('unhandledRejection', (error) => console.error('[unhandled]', error));
}
