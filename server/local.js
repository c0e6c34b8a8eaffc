// @ts-check
// A team server stack on this machine, for trying it, the tests and the benchmark: Redis and
// PostgreSQL as unprivileged processes on loopback ports, in a folder of their own (no
// system service is touched), and N Hocuspocus instances as child processes (so a test can
// kill -9 one). scripts/team.sh, tests/team/ and bench/team.js all start it from here.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** A free loopback port. */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = /** @type {import("node:net").AddressInfo} */ (s.address());
      s.close(() => ok(address.port));
    });
  });
}

/** Resolves once something accepts connections on `port`. */
export async function waitForPort(/** @type {number} */ port, timeout = 20000) {
  const until = Date.now() + timeout;
  for (;;) {
    const up = await new Promise((ok) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), ok(true)));
      c.once('error', () => ok(false));
    });
    if (up) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function pgBin() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort() : [];
  const found = versions
    .reverse()
    .map((v) => join(base, v, 'bin'))
    .find((d) => existsSync(join(d, 'postgres')));
  if (!found) throw new Error('PostgreSQL is not installed (bash scripts/install.sh installs it)');
  return found;
}

// PostgreSQL refuses to run as root: as root, it runs as the postgres user.
const asRoot = process.getuid?.() === 0;
const pgUser = () => Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
const pgGroup = () => Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
/** @param {string} bin @param {string[]} args */
const pgCommand = (bin, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]);

/**
 * @param {{ dir?: string, instances?: number, quiet?: boolean, ports?: number[] }} [options]
 */
export async function startStack(options = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'alama-team-'));
  chmodSync(dir, 0o755);
  const log = (/** @type {string} */ name) => join(dir, `${name}.log`);
  /** @type {Set<import("node:child_process").ChildProcess>} */
  const children = new Set();

  // Redis
  const redisPort = await freePort();
  mkdirSync(join(dir, 'redis'), { recursive: true });
  const redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--save', '', '--appendonly', 'no', '--logfile', log('redis')],
    { stdio: 'ignore' },
  );
  children.add(redis);
  await waitForPort(redisPort);

  // PostgreSQL
  const bin = pgBin();
  const data = join(dir, 'pg');
  const socketDir = join(dir, 'pg-socket');
  mkdirSync(socketDir, { recursive: true });
  if (asRoot) {
    mkdirSync(data, { recursive: true });
    for (const d of [data, socketDir]) chownSync(d, pgUser(), pgGroup());
    writeFileSync(log('postgres'), '');
    chownSync(log('postgres'), pgUser(), pgGroup());
  }
  const pgPort = await freePort();
  if (!existsSync(join(data, 'PG_VERSION'))) {
    const [cmd, args] = pgCommand(join(bin, 'initdb'), ['-D', data, '-U', 'alama', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    execFileSync(/** @type {string} */ (cmd), /** @type {string[]} */ (args), { stdio: 'ignore' });
  }
  const pg = {
    port: pgPort,
    url: `postgres://alama@127.0.0.1:${pgPort}/postgres`,
    start() {
      const [cmd, args] = pgCommand(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        log('postgres'),
        '-w',
        '-o',
        `-k ${socketDir} -h 127.0.0.1 -p ${pgPort} -c fsync=on`,
        'start',
      ]);
      execFileSync(/** @type {string} */ (cmd), /** @type {string[]} */ (args), { stdio: 'ignore' });
    },
    stop(mode = 'fast') {
      const [cmd, args] = pgCommand(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']);
      execFileSync(/** @type {string} */ (cmd), /** @type {string[]} */ (args), { stdio: 'ignore' });
    },
  };
  pg.start();

  // Hocuspocus instances
  const count = options.instances ?? 2;
  /** @type {{ port: number, url: string, ws: string, process: import("node:child_process").ChildProcess | null, start: () => Promise<void>, kill: (signal?: NodeJS.Signals) => Promise<void> }[]} */
  const instances = [];
  for (let i = 0; i < count; i++) {
    const port = options.ports?.[i] ?? (await freePort());
    const instance = {
      port,
      url: `http://127.0.0.1:${port}`,
      ws: `ws://127.0.0.1:${port}`,
      /** @type {import("node:child_process").ChildProcess | null} */
      process: null,
      async start() {
        const child = spawn(
          process.execPath,
          [
            join(ROOT, 'server/main.js'),
            '--port',
            String(port),
            '--database',
            pg.url,
            '--redis',
            `redis://127.0.0.1:${redisPort}`,
            '--name',
            `instance-${i + 1}`,
          ],
          { stdio: options.quiet === false ? 'inherit' : ['ignore', 'ignore', 'inherit'] },
        );
        children.add(child);
        child.once('exit', () => children.delete(child));
        instance.process = child;
        await waitForPort(port);
      },
      async kill(/** @type {NodeJS.Signals} */ signal = 'SIGKILL') {
        const child = instance.process;
        if (!child || child.exitCode !== null) return;
        const gone = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        // An instance that does not stop when asked is killed (the tests must end).
        const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await gone;
        clearTimeout(hard);
        instance.process = null;
      },
    };
    instances.push(instance);
  }
  // The first creates the schema; then the others.
  await instances[0].start();
  await Promise.all(instances.slice(1).map((i) => i.start()));

  return {
    dir,
    redis: { port: redisPort, url: `redis://127.0.0.1:${redisPort}` },
    pg,
    instances,
    /** Stops everything it started and removes its folder (unless `keep`). */
    async stop(keep = false) {
      await Promise.all(instances.map((i) => i.kill('SIGTERM')));
      try {
        pg.stop('fast');
      } catch {
        // already stopped
      }
      const r = new Promise((ok) => (redis.exitCode !== null ? ok(null) : redis.once('exit', ok)));
      redis.kill('SIGTERM');
      await r;
      if (!keep && !options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
