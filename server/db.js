// @ts-check
// PostgreSQL: projects, members (tokens stored as their SHA-256 only) and every Yjs
// document's state. A document's state is only ever merged into (Y.mergeUpdates under a row
// lock), never replaced, so two instances storing the same document at once cannot undo
// each other's edits.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import * as Y from 'yjs';

const SCHEMA = `
create table if not exists alama_projects (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);
create table if not exists alama_members (
  id text primary key,
  project text not null references alama_projects(id) on delete cascade,
  name text not null,
  role text not null check (role in ('lead', 'annotator', 'adjudicator')),
  token_sha256 text not null unique,
  created_at timestamptz not null default now()
);
create table if not exists alama_documents (
  name text primary key,
  state bytea not null,
  updated_at timestamptz not null default now()
);
`;

/** @param {string} token */
export const hashToken = (token) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token: 32 random bytes (256 bits), so a plain SHA-256 of it cannot be guessed back. */
export const newToken = () => 't_' + randomBytes(32).toString('base64url');

/** A new member id, the form server/names.js accepts. */
export const newMemberId = () => 'm' + randomBytes(8).toString('hex');

/**
 * @param {string} connectionString
 */
export function openDatabase(connectionString) {
  const pool = new pg.Pool({ connectionString, max: 16, connectionTimeoutMillis: 10000 });
  // An idle client whose server went away (PostgreSQL restarted) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => {});

  return {
    pool,
    async migrate() {
      await pool.query(SCHEMA);
    },
    async close() {
      await pool.end();
    },

    /** @param {string} id @param {string} name */
    async createProject(id, name) {
      await pool.query('insert into alama_projects (id, name) values ($1, $2)', [id, name]);
    },

    /**
     * @param {string} project @param {string} name @param {string} role
     * @returns {Promise<{ id: string, token: string }>}
     */
    async addMember(project, name, role) {
      const id = newMemberId();
      const token = newToken();
      await pool.query('insert into alama_members (id, project, name, role, token_sha256) values ($1, $2, $3, $4, $5)', [
        id,
        project,
        name,
        role,
        hashToken(token),
      ]);
      return { id, token };
    },

    /**
     * The member a token belongs to, or null.
     * @param {string} token
     * @returns {Promise<import("./names.js").Member | null>}
     */
    async memberByToken(token) {
      const { rows } = await pool.query('select id, project, role, name from alama_members where token_sha256 = $1', [hashToken(token)]);
      return rows[0] ?? null;
    },

    /** @param {string} project */
    async members(project) {
      const { rows } = await pool.query('select id, name, role from alama_members where project = $1 order by created_at, id', [project]);
      return rows;
    },

    /**
     * @param {string} name
     * @returns {Promise<Uint8Array | null>}
     */
    async fetchState(name) {
      const { rows } = await pool.query('select state from alama_documents where name = $1', [name]);
      return rows[0] ? new Uint8Array(rows[0].state) : null;
    },

    /**
     * Merges `update` into the stored state of `name`; resolves to the merged state.
     * @param {string} name
     * @param {Uint8Array} update
     * @returns {Promise<Uint8Array>}
     */
    async mergeState(name, update) {
      const client = await pool.connect();
      let failed = false;
      try {
        await client.query('begin');
        await client.query('insert into alama_documents (name, state) values ($1, $2) on conflict (name) do nothing', [
          name,
          Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())),
        ]);
        const { rows } = await client.query('select state from alama_documents where name = $1 for update', [name]);
        const merged = Y.mergeUpdates([new Uint8Array(rows[0].state), update]);
        await client.query('update alama_documents set state = $2, updated_at = now() where name = $1', [name, Buffer.from(merged)]);
        await client.query('commit');
        return merged;
      } catch (error) {
        failed = true;
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        // A client whose query failed may have lost its server: destroy it, not reuse it.
        client.release(failed);
      }
    },

    /** Every stored document name with a prefix. @param {string} prefix */
    async names(prefix) {
      const { rows } = await pool.query('select name from alama_documents where starts_with(name, $1) order by name', [prefix]);
      return rows.map((r) => r.name);
    },
  };
}

/** @typedef {ReturnType<typeof openDatabase>} Database */
