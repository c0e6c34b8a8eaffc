// The page in Debian's Chromium against the real team stack: one annotator on two devices
// (two browser contexts, each its own storage) on the two instances; a lead's client in
// Node. A tag made on one device reaches the other device, the lead and PostgreSQL; with its
// instance killed (-9) the device keeps tagging offline and says how many changes wait; when
// the instance is back, everything arrives. Refusals are worded from their codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from '../e2e/harness.js';
import { dragSelect, press } from '../e2e/page-tools.js';
import { teamStack, client, stored, until, memberLink, listed } from './harness.js';
import { spans, workDoc } from '../../www/team/model.js';
import { add } from '../../server/cli.js';

let stack, members, browser;
before(async () => {
  ({ stack, members } = await teamStack(['p1']));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const link = (instance, who) => memberLink(stack.instances[instance], 'p1', members.p1[who]);
const teamState = (page) => page.locator('#team-state').textContent();

test('one annotator on two devices, a lead: tags sync both ways, survive kill -9 offline, and land in PostgreSQL', async () => {
  const one = await openPage(browser, link(0, 'amal'));
  const two = await openPage(browser, link(1, 'amal'));
  for (const { page } of [one, two]) {
    await page.waitForSelector('body[data-team-online="true"]');
    assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address bar');
  }
  const lead = client([stack.instances[1].ws], members.p1.lead.token);
  const name = workDoc('p1', 'd1', members.p1.amal.id);
  const watched = lead.open(name);
  await watched.synced;

  await dragSelect(one.page, 'فلاديمير بوتين');
  await press(one.page, '1');
  await until(async () => (await listed(two.page)).some((t) => t.includes('فلاديمير بوتين')), 'the tag on the second device');
  await until(() => spans(watched.doc).size === 1, 'the tag at the lead');
  await one.page.waitForSelector('body[data-team-waiting="0"]');
  assert.match(await teamState(one.page), /^Online$/);

  // Device one's instance dies: it keeps tagging, offline, and says so.
  await stack.instances[0].kill('SIGKILL');
  await one.page.waitForSelector('body[data-team-online="false"]');
  await dragSelect(one.page, 'موسكو');
  await press(one.page, '2');
  await one.page.waitForSelector('body[data-team-waiting="1"]');
  assert.match(await teamState(one.page), /Offline · 1 change waiting/);
  await stack.instances[0].start();
  await one.page.waitForSelector('body[data-team-online="true"][data-team-waiting="0"]', { timeout: 20000 });
  await until(async () => (await listed(two.page)).some((t) => t.includes('موسكو')), 'the offline tag on the second device');
  await until(() => spans(watched.doc).size === 2, 'both tags at the lead');
  const inDb = [...spans(await stored(stack.pg.url, name)).values()].map((s) => s.label).sort();
  assert.deepEqual(inDb, ['LOC', 'PER']);

  // Removed on device two: gone on device one.
  await two.page.locator('#span-list button', { hasText: 'موسكو' }).click();
  await press(two.page, 'Delete');
  await until(async () => !(await listed(one.page)).some((t) => t.includes('موسكو')), 'the removal on the first device');
  lead.destroy();
  assert.deepEqual(
    [...one.errors, ...two.errors].filter((e) => !/WebSocket/.test(e)),
    [],
  );
});

test('PostgreSQL restarted under the page: the tag waits, then is stored', async () => {
  const { page } = await openPage(browser, link(1, 'badr'));
  // Every document the server sends is in: PostgreSQL goes away under a page at work.
  await page.waitForSelector('body[data-team-online="true"][data-team-waiting="0"][data-team-opening="0"]');
  stack.pg.stop('fast');
  try {
    await dragSelect(page, 'موسكو');
    await press(page, '2');
    await page.waitForSelector('body[data-team-waiting="1"]');
    await new Promise((r) => setTimeout(r, 1500));
    assert.match(await teamState(page), /Online · 1 change waiting/, 'online, but not stored while PostgreSQL is down');
  } finally {
    stack.pg.start();
  }
  await page.waitForSelector('body[data-team-waiting="0"]', { timeout: 20000 });
  const inDb = [...spans(await stored(stack.pg.url, workDoc('p1', 'd1', members.p1.badr.id))).values()];
  assert.deepEqual(
    inDb.map((s) => s.label),
    ['LOC'],
  );
  await press(page, 'g');
  assert.equal(await teamState(page), 'متصل', 'the indicator speaks Arabic with the interface');
});

test('a wrong token is refused, and the page words the code', async () => {
  const { page } = await openPage(browser, `${stack.instances[1].url}/#team=p1&member=${members.p1.amal.id}&token=t_wrong`);
  await page.waitForFunction(() => /token/.test(document.getElementById('message')?.textContent ?? ''));
  assert.match(await page.locator('#message').textContent(), /does not know this token/);
});

test("the lead's progress view draws two annotators' work live, from two instances, and names from the server as text", async () => {
  const newcomer = await add({
    database: stack.pg.url,
    project: 'p1',
    name: '<img src=x onerror=alert(1)>',
    role: 'annotator',
    server: stack.instances[1].url,
    'lead-token': members.p1.lead.token,
  });
  const lead = await openPage(browser, link(1, 'lead'));
  await lead.page.waitForSelector('body[data-team-online="true"]');
  await lead.page.locator('#team-progress-open').click();
  const amalRow = lead.page.locator(`#team-progress text.team-row[data-member="${members.p1.amal.id}"]`);
  await until(async () => /1 span\b/.test((await amalRow.textContent()) ?? ''), "amal's one span in the lead's view");
  assert.equal(await lead.page.locator('#team-progress img').count(), 0);
  assert.equal(await lead.page.locator('#team-progress text', { hasText: '<img src=x onerror=alert(1)>' }).count(), 1);

  // Live: amal tags on a device, the lead's chart follows.
  const amal = await openPage(browser, link(0, 'amal'));
  await amal.page.waitForSelector('body[data-team-online="true"]');
  await until(async () => (await listed(amal.page)).length === 1, "amal's span restored from the server");
  await dragSelect(amal.page, 'موسكو');
  await press(amal.page, '2');
  await until(async () => /2 spans/.test((await amalRow.textContent()) ?? ''), "amal's second span in the lead's view", 10000);

  // A second annotator, in a browser of their own on the other instance: theirs alone, and at the lead.
  const badr = await openPage(browser, link(0, 'badr'));
  await badr.page.waitForSelector('body[data-team-online="true"]');
  await until(async () => (await listed(badr.page)).length === 1, "badr's own span (from the PostgreSQL test) restored from the server");
  assert.ok(!(await listed(badr.page)).some((t) => t.includes('فلاديمير بوتين')), "badr does not see amal's spans");
  await dragSelect(badr.page, 'فلاديمير بوتين');
  await press(badr.page, '1');
  const badrRow = lead.page.locator(`#team-progress text.team-row[data-member="${members.p1.badr.id}"]`);
  await until(async () => /2 spans/.test((await badrRow.textContent()) ?? ''), "badr's new span in the lead's view", 10000);

  // Assignment by hand: the newcomer has no document until the lead ticks them on d1.
  const them = await openPage(browser, `${stack.instances[0].url}/#team=p1&member=${newcomer.id}&token=${newcomer.token}`);
  await them.page.waitForSelector('body[data-team-online="true"]');
  assert.equal(await them.page.locator('#document-list button[data-doc]').count(), 0);
  await lead.page.locator(`#team-progress input[data-assign="d1/${newcomer.id}"]`).check();
  await them.page.waitForSelector('#document-list button[data-doc="d1"]', { timeout: 10000 });
  assert.equal(await them.page.locator('#document-list button[data-doc]').count(), 1);
  await lead.page.screenshot({ path: 'artifacts/team-progress.png' });
});
