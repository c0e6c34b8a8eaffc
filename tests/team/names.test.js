// Who may open which team document (server/names.js), without a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, needsSettings, parseName } from '../../server/names.js';
import { goldDoc, projectDoc, workDoc } from '../../www/team/model.js';

const lead = { id: 'm0000000000000001', project: 'p1', role: 'lead', name: 'L' };
const amal = { id: 'm0000000000000002', project: 'p1', role: 'annotator', name: 'A' };
const badr = { id: 'm0000000000000003', project: 'p1', role: 'annotator', name: 'B' };
const karim = { id: 'm0000000000000004', project: 'p1', role: 'adjudicator', name: 'K' };
const other = { id: 'm0000000000000005', project: 'p2', role: 'lead', name: 'O' };

test('names round-trip, a "/" in a document id cannot forge another name', () => {
  assert.deepEqual(parseName(workDoc('p1', 'a/b', amal.id)), { project: 'p1', kind: 'work', doc: 'a/b', member: amal.id });
  assert.deepEqual(parseName(goldDoc('p1', 'd 1')), { project: 'p1', kind: 'gold', doc: 'd 1' });
  assert.deepEqual(parseName(projectDoc('p1')), { project: 'p1', kind: 'project' });
  for (const bad of ['', 'p1', 'P1/project', 'p1/work/d1', 'p1/work/a/b/m0000000000000002', 'p1/gold/', 'p1/gold/%zz', 'p1/project/x', '../p1/project']) {
    assert.equal(parseName(bad), null, bad);
  }
});

test('leads write everything in their project, nothing in another', () => {
  for (const name of [projectDoc('p1'), workDoc('p1', 'd', amal.id), goldDoc('p1', 'd')]) {
    assert.deepEqual(decide(lead, name), { ok: true, readOnly: false });
    assert.deepEqual(decide(other, name), { ok: false, code: 'team.other-project' });
  }
});

test('annotators write their own work only, read the project, never see the gold or others', () => {
  assert.deepEqual(decide(amal, workDoc('p1', 'd', amal.id)), { ok: true, readOnly: false });
  assert.deepEqual(decide(amal, projectDoc('p1')), { ok: true, readOnly: true });
  assert.deepEqual(decide(amal, workDoc('p1', 'd', badr.id)), { ok: false, code: 'team.not-yours' });
  assert.deepEqual(decide(amal, goldDoc('p1', 'd')), { ok: false, code: 'team.gold-forbidden' });
  assert.deepEqual(decide(amal, 'nonsense'), { ok: false, code: 'team.bad-name' });
});

test("annotators read, never write, each other's work only when the lead shares it; never the gold", () => {
  const shared = { shareWork: true };
  assert.deepEqual(decide(amal, workDoc('p1', 'd', badr.id), shared), { ok: true, readOnly: true });
  assert.deepEqual(decide(amal, workDoc('p1', 'd', badr.id), { shareWork: false }), { ok: false, code: 'team.not-yours' });
  assert.deepEqual(decide(amal, goldDoc('p1', 'd'), shared), { ok: false, code: 'team.gold-forbidden' });
  assert.deepEqual(decide(amal, workDoc('p1', 'd', amal.id), shared), { ok: true, readOnly: false });
  assert.deepEqual(decide(amal, projectDoc('p1'), shared), { ok: true, readOnly: true });
  // Only an annotator opening another's work in their own project needs the settings looked up.
  assert.equal(needsSettings(amal, workDoc('p1', 'd', badr.id)), true);
  for (const [who, name] of [
    [amal, workDoc('p1', 'd', amal.id)],
    [amal, workDoc('p2', 'd', badr.id)],
    [amal, goldDoc('p1', 'd')],
    [karim, workDoc('p1', 'd', amal.id)],
    [lead, workDoc('p1', 'd', amal.id)],
  ])
    assert.equal(needsSettings(who, name), false, name);
});

test('adjudicators read everyone and write the gold', () => {
  assert.deepEqual(decide(karim, workDoc('p1', 'd', amal.id)), { ok: true, readOnly: true });
  assert.deepEqual(decide(karim, goldDoc('p1', 'd')), { ok: true, readOnly: false });
  assert.deepEqual(decide(karim, projectDoc('p1')), { ok: true, readOnly: true });
});

test('every refusal code the server sends is worded by the page, in English and in Arabic', async () => {
  const { REFUSALS } = await import('../../server/names.js');
  const { TEAM_CODES, teamRefusal, teamState } = await import('../../www/words/team.js');
  assert.deepEqual([...REFUSALS].sort(), [...TEAM_CODES].sort());
  for (const code of REFUSALS) {
    assert.doesNotMatch(teamRefusal('en', code), /team\./, code);
    assert.match(teamRefusal('ar', code), /[\u0600-\u06FF]/, code);
    assert.doesNotMatch(teamRefusal('ar', code), /[A-Za-z]/, code);
  }
  assert.equal(teamState('en', false, 3), 'Offline · 3 changes waiting');
  assert.equal(teamState('ar', true, 0), 'متصل');
});
