// The team server for real: Redis, PostgreSQL and two Hocuspocus instances on loopback
// ports (server/local.js), clients using the page's sync module (www/team/sync.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { teamStack, client, stored, until, refusalOf } from './harness.js';
import { addSpan, goldDoc, projectDoc, spans, workDoc } from '../../www/team/model.js';

let stack, members;
const clients = [];
const open = (urls, token) => {
  const c = client(urls, token);
  clients.push(c);
  return c;
};

before(async () => {
  ({ stack, members } = await teamStack(['p1', 'p2']));
});
after(async () => {
  for (const c of clients) c.destroy();
  await stack?.stop();
});

const [A, B] = [0, 1];
const url = (i) => stack.instances[i].ws;

test('an annotator on one instance, the lead on the other: the span reaches the lead and PostgreSQL', async () => {
  const amal = open([url(A)], members.p1.amal.token);
  const lead = open([url(B)], members.p1.lead.token);
  const name = workDoc('p1', 'd1', members.p1.amal.id);
  const mine = amal.open(name);
  const theirs = lead.open(name);
  await Promise.all([mine.synced, theirs.synced]);
  const project = amal.open(projectDoc('p1'));
  await project.synced;
  assert.deepEqual([...project.doc.getMap('documents').keys()], ['d1', 'd2'], 'the annotator reads the corpus');

  let key;
  amal.change(mine, () => (key = addSpan(mine.doc, { start: 4, end: 18, label: 'PER', at: 1 })));
  assert.equal(amal.status().waiting, 1, 'one change waiting until PostgreSQL has it');
  await until(() => spans(theirs.doc).has(key), 'the span at the lead');
  await until(() => amal.status().waiting === 0, 'the stored acknowledgement');
  const inDb = await stored(stack.pg.url, name);
  assert.deepEqual(spans(inDb).get(key), { start: 4, end: 18, label: 'PER', at: 1 });
});

test('every refusal comes back as its stable code', async () => {
  const p1 = members.p1;
  const cases = [
    ['', workDoc('p1', 'd1', p1.amal.id), 'team.no-token'],
    ['t_not-a-token', workDoc('p1', 'd1', p1.amal.id), 'team.wrong-token'],
    [p1.amal.token, workDoc('p1', 'd1', p1.badr.id), 'team.not-yours'],
    [p1.amal.token, goldDoc('p1', 'd1'), 'team.gold-forbidden'],
    [p1.amal.token, workDoc('p2', 'd1', members.p2.amal.id), 'team.other-project'],
    [members.p2.lead.token, projectDoc('p1'), 'team.other-project'],
    [p1.amal.token, 'p1/../p2/project', 'team.bad-name'],
  ];
  for (const [token, name, code] of cases) {
    const c = open([url(A)], token);
    assert.equal(await refusalOf(c.open(name)), code, `${name} with ${token ? 'a token' : 'no token'}`);
  }
});

test("a read-only member writing is refused: an annotator writing the project, an adjudicator writing an annotator's work", async () => {
  for (const [who, name] of [
    ['amal', projectDoc('p1')],
    ['karim', workDoc('p1', 'd1', members.p1.amal.id)],
  ]) {
    const c = open([url(B)], members.p1[who].token);
    const opened = c.open(name);
    await opened.synced;
    c.change(opened, () => opened.doc.getMap('meta').set('name', '<b>mine</b>'));
    await until(() => opened.refused === 'team.read-only', `${who}'s write refused`);
    const inDb = await stored(stack.pg.url, name);
    assert.notEqual(inDb.getMap('meta').get('name'), '<b>mine</b>');
  }
});

test('a message over the size limit is refused as team.too-large, and not stored', async () => {
  const c = open([url(A)], members.p1.badr.token);
  const name = workDoc('p1', 'd2', members.p1.badr.id);
  const opened = c.open(name);
  await opened.synced;
  c.change(opened, () => opened.doc.getMap('spans').set('huge', { start: 0, end: 1, label: 'x'.repeat(2 << 20), at: 0 }));
  await until(() => opened.refused === 'team.too-large', 'the size refusal');
  assert.equal(spans(await stored(stack.pg.url, name)).has('huge'), false);
});

test('kill -9 of an instance while an annotator writes: the client moves to the other, nothing is lost', async () => {
  const name = workDoc('p1', 'd2', members.p1.amal.id);
  const amal = open([url(A), url(B)], members.p1.amal.token);
  const lead = open([url(B)], members.p1.lead.token);
  const mine = amal.open(name);
  const watched = lead.open(name);
  await Promise.all([mine.synced, watched.synced]);
  const keys = [];
  for (let i = 0; i < 60; i++) {
    amal.change(mine, () => keys.push(addSpan(mine.doc, { start: i % 10, end: 20, label: 'PER', at: i })));
    if (i === 30) await stack.instances[A].kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 5));
  }
  await until(() => amal.status().online && amal.status().waiting === 0, 'every change stored after the fail-over', 30000);
  await until(() => keys.every((k) => spans(watched.doc).has(k)), 'every span at the lead');
  const inDb = spans(await stored(stack.pg.url, name));
  assert.deepEqual(
    keys.filter((k) => !inDb.has(k)),
    [],
    'no acknowledged span missing from PostgreSQL',
  );
  await stack.instances[A].start();
});

test('PostgreSQL restarted while annotators write: the changes wait, then are stored, nothing is lost', async () => {
  const name = workDoc('p1', 'd1', members.p1.badr.id);
  const badr = open([url(B), url(A)], members.p1.badr.token);
  const mine = badr.open(name);
  await mine.synced;
  stack.pg.stop('fast');
  const keys = [];
  for (let i = 0; i < 20; i++) badr.change(mine, () => keys.push(addSpan(mine.doc, { start: i, end: i + 3, label: 'PER', at: i })));
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(badr.status().waiting, 20, 'nothing is counted as stored while PostgreSQL is down');
  stack.pg.start();
  await until(() => badr.status().waiting === 0, 'the changes stored after the restart', 30000);
  const inDb = spans(await stored(stack.pg.url, name));
  assert.deepEqual(
    keys.filter((k) => !inDb.has(k)),
    [],
  );
});

test('a document opened while PostgreSQL is down waits for it, then comes with what is stored', async () => {
  const name = workDoc('p1', 'd-late', members.p1.badr.id);
  const first = open([url(A)], members.p1.badr.token);
  const before = first.open(name);
  await before.synced;
  let key;
  first.change(before, () => (key = addSpan(before.doc, { start: 1, end: 4, label: 'LOC', at: 1 })));
  await until(() => first.status().waiting === 0, 'the span stored');
  first.destroy();
  // A restarted instance holds no document: this one must be fetched from PostgreSQL.
  await stack.instances[A].kill('SIGTERM');
  await stack.instances[A].start();
  const second = open([url(A)], members.p1.badr.token);
  await second.open(projectDoc('p1')).synced; // the instance has checked this token lately
  stack.pg.stop('fast');
  let again;
  try {
    again = second.open(name);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(second.status().opening, 1, 'the document waits while PostgreSQL is down');
  } finally {
    stack.pg.start();
  }
  await again.synced;
  assert.deepEqual([...spans(again.doc).keys()], [key], 'the stored span came with the document');
});
