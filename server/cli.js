// @ts-check
// The lead's command line for a team project.
//
//   node server/cli.js create --database URL --workspace export.json --project ID \
//        --name "Project" --lead "Name" [--annotators "A,B"] [--adjudicators "C"] [--k 2] \
//        [--server http://127.0.0.1:8091]
//   node server/cli.js add --database URL --project ID --name "Name" --role annotator [--server URL [--lead-token T]]
//
// `create` writes the project document (corpus, labels, members, assignments) straight into
// PostgreSQL; `add` merges the new member into it, through the running server as the lead
// when given --server and --lead-token (open pages see the member at once), else straight
// into PostgreSQL (an instance that has the project loaded sees it after reloading it).
// Tokens are printed once, in the
// members' links, and stored only as their SHA-256.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { openDatabase } from './db.js';
import { ROLES, isProjectId, projectDoc } from './names.js';
import { assignBalanced, fillProject, setMember } from '../www/team/model.js';

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1] ?? '';
  return out;
}

/** The link a member opens: the token travels in the fragment, never in a request line. */
export const memberLink = (/** @type {string} */ server, /** @type {string} */ project, /** @type {string} */ member, /** @type {string} */ token) =>
  `${server.replace(/\/$/, '')}/#team=${encodeURIComponent(project)}&member=${member}&token=${encodeURIComponent(token)}`;

const list = (/** @type {string | undefined} */ s) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * @param {Record<string, string>} args
 * @returns {Promise<{ project: string, members: { id: string, name: string, role: string, token: string, link: string }[] }>}
 */
export async function create(args) {
  const project = args.project;
  if (!isProjectId(project)) throw new Error(`bad project id ${JSON.stringify(project)} (a-z, 0-9, -)`);
  const workspace = JSON.parse(await readFile(args.workspace, 'utf8'));
  const db = openDatabase(args.database);
  try {
    await db.migrate();
    await db.createProject(project, args.name ?? project);
    const doc = new Y.Doc();
    fillProject(doc, workspace, args.name ?? project);
    const server = args.server ?? 'http://127.0.0.1:8091';
    const members = [];
    /** @type {[string, string][]} */
    const wanted = [
      [args.lead ?? 'lead', 'lead'],
      ...list(args.annotators).map((n) => /** @type {[string, string]} */ ([n, 'annotator'])),
      ...list(args.adjudicators).map((n) => /** @type {[string, string]} */ ([n, 'adjudicator'])),
    ];
    for (const [name, role] of wanted) {
      const { id, token } = await db.addMember(project, name, role);
      setMember(doc, id, name, role);
      members.push({ id, name, role, token, link: memberLink(server, project, id, token) });
    }
    const annotators = members.filter((m) => m.role === 'annotator').map((m) => m.id);
    if (annotators.length) assignBalanced(doc, annotators, Number(args.k ?? 2));
    await db.mergeState(projectDoc(project), Y.encodeStateAsUpdate(doc));
    return { project, members };
  } finally {
    await db.close();
  }
}

/**
 * Changes a document through a running server with the sync module, and waits until
 * PostgreSQL holds the change.
 * @param {string} server @param {string} token @param {string} name @param {(doc: Y.Doc) => void} fn
 */
async function throughServer(server, token, name, fn) {
  const { connectTeam } = await import('../www/team/sync.js');
  const { default: WebSocket } = await import('ws');
  const client = connectTeam({ urls: [server.replace(/^http/, 'ws')], token, WebSocketPolyfill: WebSocket });
  try {
    const opened = client.open(name);
    await opened.synced;
    client.change(opened, () => fn(opened.doc));
    const until = Date.now() + 30000;
    while (client.status().waiting > 0) {
      if (Date.now() > until) throw new Error('the server did not store the change within 30 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    client.destroy();
  }
}

/** @param {Record<string, string>} args */
export async function add(args) {
  const role = args.role ?? 'annotator';
  if (!ROLES.includes(/** @type {any} */ (role))) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  const db = openDatabase(args.database);
  try {
    const { id, token } = await db.addMember(args.project, args.name, role);
    if (args['lead-token'] && args.server) {
      // Through a running server, as the lead: every open page sees the new member at once.
      await throughServer(args.server, args['lead-token'], projectDoc(args.project), (doc) => setMember(doc, id, args.name, role));
    } else {
      const doc = new Y.Doc();
      const stored = await db.fetchState(projectDoc(args.project));
      if (stored) Y.applyUpdate(doc, stored);
      setMember(doc, id, args.name, role);
      await db.mergeState(projectDoc(args.project), Y.encodeStateAsUpdate(doc));
    }
    const server = args.server ?? 'http://127.0.0.1:8091';
    return { id, name: args.name, role, token, link: memberLink(server, args.project, id, token) };
  } finally {
    await db.close();
  }
}

const main = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const [command, ...rest] = main ? process.argv.slice(2) : [];
if (command === 'create' || command === 'add') {
  const args = parseArgs(rest);
  args.database ??= process.env.ALAMA_DATABASE ?? '';
  try {
    const result = command === 'create' ? await create(args) : { members: [await add(args)] };
    for (const m of result.members) console.log(`${m.role}\t${m.name}\t${m.id}\t${m.link}`);
  } catch (error) {
    console.error(`alama team: ${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
} else if (command !== undefined) {
  console.error('usage: node server/cli.js create|add --database URL …  (see the head of server/cli.js)');
  process.exit(2);
}
