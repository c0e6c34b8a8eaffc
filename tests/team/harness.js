// Shared by the team tests: a project on a real stack (server/local.js), clients in Node
// through the page's own sync module, and reading PostgreSQL directly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import pg from 'pg';
import * as Y from 'yjs';
import { startStack } from '../../server/local.js';
import { create } from '../../server/cli.js';
import { connectTeam } from '../../www/team/sync.js';

export const TEXT = 'قال فلاديمير بوتين في موسكو إن سوخوي-35 وصلت.';

/** A workspace export of `n` small documents (`texts[i]`, or TEXT). */
export function workspace(n = 2, texts = []) {
  const documents = Array.from({ length: n }, (_, i) => ({
    id: `d${i + 1}`,
    name: `d${i + 1}.txt`,
    text: texts[i] ?? TEXT,
    sha256: 'unused-by-the-server',
    status: 'new',
    spans: [],
  }));
  return {
    format: 'alama',
    version: 1,
    offsets: 'unicode-code-points',
    labels: [{ id: 'PER', names: { ar: 'شخص', en: 'Person' }, color: '#0072b2' }],
    documents,
  };
}

/** Starts the stack and makes `projects` (ids) with a lead, two annotators and an adjudicator each. */
export async function teamStack(projects = ['p1'], documents = 2, texts = []) {
  const stack = await startStack();
  const file = join(stack.dir, 'workspace.json');
  writeFileSync(file, JSON.stringify(workspace(documents, texts)));
  /** @type {Record<string, Record<string, { id: string, token: string }>>} */
  const members = {};
  for (const project of projects) {
    const { members: made } = await create({
      database: stack.pg.url,
      workspace: file,
      project,
      name: project,
      lead: 'lead',
      annotators: 'amal,badr',
      adjudicators: 'karim',
      server: stack.instances[0].url,
    });
    members[project] = Object.fromEntries(made.map((m) => [m.name, m]));
  }
  return { stack, members };
}

/** A client of the team, as the page would be, over the given instances (failing over in order). */
export const client = (urls, token, onStatus) => connectTeam({ urls, token, WebSocketPolyfill: WebSocket, onStatus });

/** What PostgreSQL holds for a document, as a Y.Doc (empty if nothing). */
export async function stored(url, name) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query('select state from alama_documents where name = $1', [name]);
    const doc = new Y.Doc();
    if (rows[0]) Y.applyUpdate(doc, new Uint8Array(rows[0].state));
    return doc;
  } finally {
    await c.end();
  }
}

/** Waits until `check()` is true (polling), or fails with `what`. */
export async function until(check, what, timeout = 20000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The refusal code a document's opening ends with. */
export const refusalOf = (opened) =>
  opened.synced.then(
    () => null,
    (e) => e.code,
  );

/** A member's link into project `project` on `instance`, as the lead's command prints it. */
export const memberLink = (instance, project, member) => `${instance.url}/#team=${project}&member=${member.id}&token=${member.token}`;

/** The span list's rows, as a person reads them. */
export const listed = (page) => page.locator('#span-list button').allTextContents();
