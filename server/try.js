// @ts-check
// scripts/team.sh: a local team server to try. Starts Redis, PostgreSQL and two Hocuspocus
// instances (server/local.js), creates a project from the seed articles with a lead and two
// annotators, prints their links, and stops everything on Ctrl+C.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create } from './cli.js';
import { startStack } from './local.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const ports = [Number(process.env.PORT ?? 8091), Number(process.env.PORT ?? 8091) + 1];

const documents = readdirSync(join(ROOT, 'seeds'))
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(ROOT, 'seeds', name));
    return {
      id: name.replace(/\.txt$/, ''),
      name,
      text: bytes.toString('utf8'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      status: 'new',
      spans: [],
    };
  });
const labels = [
  { id: 'PER', names: { ar: 'شخص', en: 'Person' }, color: '#0072b2' },
  { id: 'LOC', names: { ar: 'مكان', en: 'Place' }, color: '#009e73' },
  { id: 'WEA', names: { ar: 'سلاح', en: 'Weapon' }, color: '#d55e00' },
  { id: 'EVT', names: { ar: 'حدث', en: 'Event' }, color: '#cc79a7' },
];

const stack = await startStack({ ports });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the team server…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const workspace = join(stack.dir, 'seeds-workspace.json');
writeFileSync(workspace, JSON.stringify({ format: 'alama', version: 1, offsets: 'unicode-code-points', labels, documents }));
const { members } = await create({
  database: stack.pg.url,
  workspace,
  project: 'seeds',
  name: 'Seed articles',
  lead: 'Lead',
  annotators: 'Amal,Badr',
  adjudicators: 'Karim',
  k: '2',
  server: stack.instances[0].url,
});
console.log(`Redis ${stack.redis.url}, PostgreSQL ${stack.pg.url}, data in ${stack.dir}`);
console.log(`instances: ${stack.instances.map((i) => i.url).join(' ')}`);
for (const m of members) {
  const instance = stack.instances[m.role === 'annotator' && m.name === 'Badr' ? 1 : 0];
  console.log(`${m.role.padEnd(11)} ${m.name.padEnd(6)} ${m.link.replace(stack.instances[0].url, instance.url)}`);
}
console.log("the lead's link is the first; Ctrl+C stops everything");
