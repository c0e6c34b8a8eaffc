// The team server under load, on this machine: Redis, PostgreSQL and two Hocuspocus
// instances (server/local.js); ANNOTATORS simulated annotators (Node clients using the page's
// sync module, www/team/sync.js), half on each instance, each making EDITS span edits (adds,
// and every fourth a removal) on their own document; one lead client on the second instance
// watching every annotator's document. Half way through, the first instance is killed with
// SIGKILL: its clients fail over to the second. Reports edits per second, the delay from an
// edit to the lead's client (p50 / p95 / max), the servers' memory and CPU, and checks that
// every edit a client was told is stored is in PostgreSQL afterwards.
//
//   node bench/team.js [--annotators 50] [--edits 200] [--rate 10] [--no-kill] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import pg from 'pg';
import * as Y from 'yjs';
import { startStack } from '../server/local.js';
import { create } from '../server/cli.js';
import { connectTeam } from '../www/team/sync.js';
import { addSpan, removeSpan, spans, workDoc } from '../www/team/model.js';

const argv = process.argv.slice(2);
const flag = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const ANNOTATORS = Number(flag('--annotators', 50));
const EDITS = Number(flag('--edits', 200));
const RATE = Number(flag('--rate', 10)); // edits per second per annotator
const KILL = !argv.includes('--no-kill');
const DOCUMENTS = 10;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const clockTicks = 100; // USER_HZ

/** CPU seconds and resident memory of a process, from /proc. */
function sample(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpu: (Number(stat[11]) + Number(stat[12])) / clockTicks, rss: rss ? Number(rss[1]) * 1024 : 0 };
  } catch {
    return null;
  }
}

const stack = await startStack();
const [A, B] = stack.instances;
try {
  const file = join(stack.dir, 'workspace.json');
  const text = 'قال فلاديمير بوتين في موسكو إن سوخوي-35 وصلت إلى بيونغ يانغ.';
  writeFileSync(
    file,
    JSON.stringify({
      format: 'alama',
      version: 1,
      offsets: 'unicode-code-points',
      labels: [{ id: 'PER', names: { ar: 'شخص', en: 'Person' }, color: '#0072b2' }],
      documents: Array.from({ length: DOCUMENTS }, (_, i) => ({ id: `d${i}`, name: `d${i}.txt`, text, sha256: '-', status: 'new', spans: [] })),
    }),
  );
  const names = Array.from({ length: ANNOTATORS }, (_, i) => `a${i}`);
  const { members } = await create({ database: stack.pg.url, workspace: file, project: 'bench', lead: 'lead', annotators: names.join(','), server: A.url });
  const lead = members.find((m) => m.role === 'lead');
  const annotators = members.filter((m) => m.role === 'annotator');

  // The lead, on the instance that survives, watching every annotator's document.
  const leadClient = connectTeam({ urls: [B.ws], token: lead.token, WebSocketPolyfill: WebSocket });
  const delays = [];
  const moved = []; // delays of the annotators who started on the killed instance
  const sentAt = new Map(); // span key -> time the annotator made it
  const failedOver = new Set(); // span keys made by those annotators
  const watched = annotators.map((m, i) => leadClient.open(workDoc('bench', `d${i % DOCUMENTS}`, m.id)));
  for (const w of watched) {
    spans(w.doc).observe((event) => {
      const now = performance.now();
      for (const [key, change] of event.changes.keys) {
        if (change.action === 'add' && sentAt.has(key)) (failedOver.has(key) ? moved : delays).push(now - sentAt.get(key));
      }
    });
  }
  await Promise.all(watched.map((w) => w.synced));

  // The annotators: half start on each instance, each fails over to the other.
  const people = annotators.map((m, i) => {
    const urls = i % 2 === 0 ? [A.ws, B.ws] : [B.ws, A.ws];
    const client = connectTeam({ urls, token: m.token, WebSocketPolyfill: WebSocket });
    const opened = client.open(workDoc('bench', `d${i % DOCUMENTS}`, m.id));
    return { member: m, client, opened, keys: [], removed: new Set() };
  });
  await Promise.all(people.map((p) => p.opened.synced));

  // Sample the servers while the edits run.
  const pids = () => [A.process?.pid, B.process?.pid].filter(Boolean);
  const redisPid = Number(readFileSync(join(stack.dir, 'redis.log'), 'utf8').match(/pid=(\d+)/)?.[1] ?? 0);
  const start = { A: sample(A.process.pid), B: sample(B.process.pid), redis: redisPid ? sample(redisPid) : null };
  let peak = { A: 0, B: 0, redis: 0 };
  let lastA = start.A;
  const sampler = setInterval(() => {
    const a = A.process ? sample(A.process.pid) : null;
    if (a) lastA = a;
    const b = sample(B.process.pid);
    const r = redisPid ? sample(redisPid) : null;
    peak = { A: Math.max(peak.A, a?.rss ?? 0), B: Math.max(peak.B, b?.rss ?? 0), redis: Math.max(peak.redis, r?.rss ?? 0) };
  }, 250);

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  let made = 0;
  let killedAt = null;
  const total = ANNOTATORS * EDITS;
  await Promise.all(
    people.map(async (p, i) => {
      await sleep((i * 1000) / RATE / ANNOTATORS); // spread the annotators over one interval
      for (let e = 0; e < EDITS; e++) {
        const due = began + (i * 1000) / RATE / ANNOTATORS + (e * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        p.client.change(p.opened, () => {
          if (e % 4 === 3) {
            const key = p.keys[p.keys.length - 2];
            removeSpan(p.opened.doc, key);
            p.removed.add(key);
          } else {
            const key = addSpan(p.opened.doc, { start: e % 30, end: (e % 30) + 5, label: 'PER', at: Date.now() });
            sentAt.set(key, performance.now());
            if (i % 2 === 0) failedOver.add(key);
            p.keys.push(key);
          }
        });
        made++;
        if (KILL && killedAt === null && made >= total / 2) {
          killedAt = performance.now() - began;
          A.kill('SIGKILL');
        }
      }
    }),
  );
  const editsDone = performance.now();
  // Wait until every client has been told PostgreSQL holds all its edits.
  const deadline = Date.now() + 120000;
  while (people.some((p) => p.client.status().waiting > 0) && Date.now() < deadline) await sleep(50);
  const allStored = performance.now();
  clearInterval(sampler);
  loop.disable();
  const clientCpu = process.cpuUsage(cpuBefore);
  const end = { A: lastA, B: sample(B.process.pid), redis: redisPid ? sample(redisPid) : null };
  const waiting = people.reduce((n, p) => n + p.client.status().waiting, 0);
  const acknowledged = total - waiting;
  await sleep(500);

  // Every acknowledged edit in PostgreSQL: each kept span there, each removed one gone.
  const db = new pg.Client({ connectionString: stack.pg.url });
  await db.connect();
  let missing = 0;
  let resurrected = 0;
  let checked = 0;
  for (const p of people) {
    const { rows } = await db.query('select state from alama_documents where name = $1', [p.opened.name]);
    const doc = new Y.Doc();
    if (rows[0]) Y.applyUpdate(doc, new Uint8Array(rows[0].state));
    const inDb = spans(doc);
    for (const key of p.keys) {
      checked++;
      if (p.removed.has(key)) resurrected += inDb.has(key) ? 1 : 0;
      else missing += inDb.has(key) ? 0 : 1;
    }
  }
  await db.end();
  const seen = delays.length + moved.length;
  const all = [...delays, ...moved].sort((a, b) => a - b);
  delays.sort((a, b) => a - b);
  moved.sort((a, b) => a - b);
  const figures = (d) => (d.length ? { p50: +quantile(d, 0.5).toFixed(1), p95: +quantile(d, 0.95).toFixed(1), max: +d[d.length - 1].toFixed(1) } : null);
  const seconds = (editsDone - began) / 1000;
  const cpu = (k) => (end[k] && start[k] ? end[k].cpu - start[k].cpu : NaN);
  const result = {
    annotators: ANNOTATORS,
    editsPerAnnotator: EDITS,
    edits: total,
    killedInstanceAtSeconds: killedAt === null ? null : +(killedAt / 1000).toFixed(2),
    editPhaseSeconds: +seconds.toFixed(2),
    editsPerSecond: +(total / seconds).toFixed(0),
    allStoredAfterSeconds: +((allStored - began) / 1000).toFixed(2),
    leadSawAdds: `${seen} of ${sentAt.size}`,
    delayMs: figures(all),
    delayMsOnTheSurvivingInstance: figures(delays),
    delayMsOfTheFailedOver: figures(moved),
    acknowledged,
    stillWaiting: waiting,
    checkedInPostgres: checked,
    lost: missing,
    removedButBack: resurrected,
    servers: {
      instance1: { peakRssMiB: +(peak.A / 2 ** 20).toFixed(0), cpuSeconds: +cpu('A').toFixed(2), note: KILL ? 'killed half way' : '' },
      instance2: { peakRssMiB: +(peak.B / 2 ** 20).toFixed(0), cpuSeconds: +cpu('B').toFixed(2) },
      redis: { peakRssMiB: +(peak.redis / 2 ** 20).toFixed(0), cpuSeconds: +cpu('redis').toFixed(2) },
      clients: {
        cpuSeconds: +((clientCpu.user + clientCpu.system) / 1e6).toFixed(2),
        eventLoopDelayP99Ms: +(loop.percentile(99) / 1e6).toFixed(1),
        note: 'all 51 simulated clients in this one process',
      },
      wallSeconds: +((allStored - began) / 1000).toFixed(2),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  const out = flag('--json', null);
  if (out) writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  for (const p of people) p.client.destroy();
  leadClient.destroy();
  process.exitCode = missing === 0 && resurrected === 0 && waiting === 0 ? 0 : 1;
} finally {
  await stack.stop();
}
