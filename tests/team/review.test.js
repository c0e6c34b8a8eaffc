// The lead's and the adjudicator's review of a team project, in Debian's Chromium against the
// real team stack: two annotators in browsers of their own (on the two instances) tag the
// same document; the lead's progress view charts the agreement the core computes (checked
// against the exchange module run here, in Node, on what PostgreSQL holds), live as they tag;
// the document's annotations side by side, texts with HTML shown as text; the adjudicator
// adjudicates the synced work in the Annotators… dialog and stores the gold, which
// PostgreSQL then holds; the gold exported as downloads in two formats.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, ARTIFACTS, WWW } from '../e2e/harness.js';
import { dragSelect, press } from '../e2e/page-tools.js';
import { teamStack, stored, until, client, refusalOf, TEXT, memberLink, listed } from './harness.js';
import { spans, workDoc, goldDoc, projectDoc } from '../../www/team/model.js';
import { hashAll, labelSet, workspaceBytes } from '../../www/team/work.js';
import * as exchange from '../../www/pkg/alama_exchange.js';

const HTML_TEXT = 'قال <img src=x onerror=alert(1)> في باريس.';
let stack, members, browser;
before(async () => {
  exchange.initSync({ module: readFileSync(join(WWW, 'pkg/alama_exchange_bg.wasm')) });
  ({ stack, members } = await teamStack(['p1', 'p2'], 2, [TEXT, HTML_TEXT]));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const link = (instance, who) => memberLink(stack.instances[instance], 'p1', members.p1[who]);

/** Tags `words` with the label of key `key` and waits until PostgreSQL holds it. */
async function tag(page, words, key) {
  const before = (await listed(page)).length;
  await dragSelect(page, words);
  await press(page, key);
  await until(async () => (await listed(page)).length === before + 1, `the tag of ${words}`);
  await page.waitForSelector('body[data-team-waiting="0"]');
}

/** The core's overall exact F1 of amal (reference) and badr on d1, from what PostgreSQL holds. */
async function coreFigure() {
  const doc = { id: 'd1', name: 'd1.txt', text: TEXT, sha256: '' };
  await hashAll([doc]);
  const source = async (who) => {
    const work = await stored(stack.pg.url, workDoc('p1', 'd1', members.p1[who].id));
    const list = [...spans(work).values()];
    const labels = labelSet([], [], new Set(list.map((s) => s.label)));
    const bytes = workspaceBytes(
      [doc],
      labels,
      () => list,
      () => 'in_progress',
    );
    return { name: who, format: 'alama', files: [{ name: `${who}.json`, bytes }] };
  };
  const report = exchange.agreement([await source('amal'), await source('badr')]);
  return { value: report.pairs[0].overall.exact.f1, printed: report.printed[0].overall.f1, report };
}

test('agreement charted live from the synced work, side by side, adjudicated into the gold in PostgreSQL, and exported', async () => {
  const amal = await openPage(browser, link(0, 'amal'));
  const badr = await openPage(browser, link(1, 'badr'));
  for (const { page } of [amal, badr]) await page.waitForSelector('body[data-team-online="true"][data-team-opening="0"]');
  await tag(amal.page, 'فلاديمير بوتين', '1'); // PER
  await tag(amal.page, 'موسكو', '2'); // LOC
  await tag(badr.page, 'فلاديمير بوتين', '1'); // PER: agreed
  await tag(badr.page, 'موسكو', '1'); // PER: a label disagreement

  const lead = await openPage(browser, link(1, 'lead'));
  await lead.page.waitForSelector('body[data-team-online="true"]');
  await lead.page.locator('#team-progress-open').click();
  const bar = lead.page.locator('#team-agreement-documents rect.team-bar[data-doc="d1"]');
  const figure = lead.page.locator('#team-agreement-documents text.team-figure[data-doc="d1"]');
  const first = await coreFigure();
  assert.equal(first.value, 0.5, 'one of two spans each matches exactly');
  await until(async () => (await bar.count()) === 1 && Number(await bar.getAttribute('data-value')) === first.value, 'the core’s figure in the chart');
  assert.equal(await figure.textContent(), first.printed);
  assert.equal(await bar.getAttribute('data-a'), 'amal');
  // Per label, over every document both annotated: PER 1 of 1 and 2; LOC 0.
  const perLabel = (label) => lead.page.locator(`#team-agreement-labels rect.team-bar[data-label="${label}"]`).getAttribute('data-value');
  const labels = first.report.pairs[0].labels;
  assert.equal(Number(await perLabel('PER')), labels.PER.exact.f1);
  assert.equal(Number(await perLabel('LOC')), labels.LOC.exact.f1);
  assert.equal(labels.LOC.exact.f1, 0);

  // Live: amal tags one more, the lead's chart follows with what the core computes anew.
  await tag(amal.page, 'سوخوي-35', '3'); // WEA, amal's alone
  const second = await coreFigure();
  assert.equal(second.printed, '0.400');
  await until(async () => Number(await bar.getAttribute('data-value')) === second.value, 'the new figure in the chart', 10000);
  assert.equal(await figure.textContent(), second.printed);

  // Side by side, read only: each annotator's spans of d1.
  await lead.page.locator('#team-progress button[data-side="d1"]').click();
  const column = (who) => lead.page.locator(`#team-side .team-side-column[data-member="${members.p1[who].id}"] mark`);
  await until(async () => (await column('amal').count()) === 3, "amal's three spans side by side");
  assert.deepEqual(await column('amal').evaluateAll((ms) => ms.map((m) => `${m.dataset.label}:${m.firstChild?.textContent}`)), [
    'PER:فلاديمير بوتين',
    'LOC:موسكو',
    'WEA:سوخوي-35',
  ]);
  assert.deepEqual(await column('badr').evaluateAll((ms) => ms.map((m) => `${m.dataset.label}:${m.firstChild?.textContent}`)), [
    'PER:فلاديمير بوتين',
    'PER:موسكو',
  ]);
  assert.equal(await lead.page.locator('#team-side').count(), 1);
  // A text with HTML in it is shown as text.
  await lead.page.locator('#team-progress button[data-side="d2"]').click();
  await until(async () => (await lead.page.locator('#team-side').getAttribute('data-doc')) === 'd2', 'd2 side by side');
  assert.match(await lead.page.locator('#team-side').textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await lead.page.locator('#team-progress img').count(), 0);
  await lead.page.setViewportSize({ width: 1400, height: 1900 });
  await lead.page.locator('#team-progress button[data-side="d1"]').click();
  await lead.page.waitForSelector('#team-side[data-doc="d1"]');
  await lead.page.screenshot({ path: join(ARTIFACTS, 'team-review-en.png') });

  // The adjudicator adjudicates amal and badr on d1 from the synced work and stores the gold.
  const karim = await openPage(browser, link(0, 'karim'));
  await karim.page.waitForSelector('body[data-team-online="true"]');
  await karim.page.locator('#team-progress-open').click();
  await karim.page.waitForSelector('#team-adjudicate-run');
  await karim.page.locator('#team-adjudicate-a').selectOption(members.p1.amal.id);
  await karim.page.locator('#team-adjudicate-b').selectOption(members.p1.badr.id);
  await karim.page.locator('#team-adjudicate-doc').selectOption('d1');
  await until(async () => (await karim.page.locator('#team-agreement h4').count()) > 0, 'the exchange module ready');
  await karim.page.locator('#team-adjudicate-run').click();
  await karim.page.waitForSelector('#compare-dialog[open] #disagreements article.disagreement');
  const disagreements = karim.page.locator('#disagreements article.disagreement');
  assert.equal(await disagreements.count(), 2, 'موسكو LOC vs PER, and سوخوي-35 only amal’s');
  for (let i = 0; i < 2; i++) await disagreements.nth(i).locator('button[data-choice="a"]').click();
  await karim.page.locator('#gold-store').click();
  await karim.page.waitForFunction(() => /Stored the gold/.test(document.getElementById('compare-status')?.textContent ?? ''), null, { timeout: 20000 });
  assert.match(await karim.page.locator('#compare-status').textContent(), /1 document, 3 spans/);
  assert.equal(await karim.page.locator('#adjudicator').inputValue(), 'karim', 'the adjudicator named from the project');
  await karim.page.screenshot({ path: join(ARTIFACTS, 'team-adjudicate-en.png') });
  const inDb = [...spans(await stored(stack.pg.url, goldDoc('p1', 'd1'))).values()].map((s) => `${s.label}:${TEXT.slice(s.start, s.end)}:${s.start}`).sort();
  assert.deepEqual(
    inDb,
    [`LOC:موسكو:${TEXT.indexOf('موسكو')}`, `PER:فلاديمير بوتين:${TEXT.indexOf('فلاديمير')}`, `WEA:سوخوي-35:${TEXT.indexOf('سوخوي')}`].sort(),
  );

  // The lead sees the gold (count, and a column side by side) and exports it.
  await until(async () => (await lead.page.locator('#team-gold-count').getAttribute('data-count')) === '1', 'the gold at the lead', 10000);
  await lead.page.locator('#team-progress button[data-side="d1"]').click();
  await lead.page.waitForSelector('#team-side .team-side-column[data-gold="true"]');
  const exported = async (format) => {
    await lead.page.locator('#team-gold-format').selectOption(format);
    const [download] = await Promise.all([lead.page.waitForEvent('download'), lead.page.locator('#team-gold-export').click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const alama = await exported('alama');
  assert.match(alama.name, /p1-gold.*\.json$/);
  const goldJson = JSON.parse(alama.text);
  assert.deepEqual(
    goldJson.documents.map((d) => d.id),
    ['d1'],
  );
  assert.deepEqual(
    goldJson.documents[0].spans.map((s) => `${s.label}:${s.text}`),
    ['PER:فلاديمير بوتين', 'LOC:موسكو', 'WEA:سوخوي-35'],
  );
  const conll = await exported('conll');
  assert.match(conll.name, /\.conll$/);
  const tokens = conll.text.split('\n').filter((l) => /\t/.test(l) && !l.startsWith('-DOCSTART-'));
  assert.deepEqual(tokens, [
    'قال\tO',
    'فلاديمير\tB-PER',
    'بوتين\tI-PER',
    'في\tO',
    'موسكو\tB-LOC',
    'إن\tO',
    'سوخوي\tB-WEA',
    '-\tI-WEA',
    '35\tI-WEA',
    'وصلت\tO',
    '.\tO',
  ]);
  assert.match(await lead.page.locator('#team-review-status').textContent(), /Exported the gold/);

  // The view in Arabic.
  await lead.page.keyboard.press('Escape');
  await lead.page.waitForSelector('#team-progress:not([open])', { state: 'attached' });
  await press(lead.page, 'g');
  await lead.page.locator('#team-progress-open').click();
  await lead.page.waitForSelector('#team-progress[open]'); // drawn anew (the closed one keeps its content)
  await lead.page.locator('#team-progress button[data-side="d1"]').click();
  await lead.page.waitForSelector('#team-agreement-documents');
  assert.match(await lead.page.locator('#team-agreement h3').textContent(), /الاتفاق/);
  await lead.page.screenshot({ path: join(ARTIFACTS, 'team-review-ar.png') });
  await lead.page.locator('#team-agreement').screenshot({ path: join(ARTIFACTS, 'team-review-ar-agreement.png') });
  await lead.page.locator('#team-side').screenshot({ path: join(ARTIFACTS, 'team-review-ar-side.png') });
  assert.equal(await lead.page.locator('#team-progress-open').textContent(), 'التقدّم…', 'the button speaks Arabic with the interface');
  assert.deepEqual(
    [...amal.errors, ...badr.errors, ...lead.errors, ...karim.errors].filter((e) => !/WebSocket/.test(e)),
    [],
  );
});

test('refusals worded in the page: another project’s link, a link without its token, and a role the project document claims but the server does not grant', async () => {
  // A member of p1 follows a link to p2 with their own token.
  const m = members.p1.badr;
  const wrong = await openPage(browser, `${stack.instances[0].url}/#team=p2&member=${m.id}&token=${m.token}`);
  await wrong.page.waitForFunction(() => /another project/.test(document.getElementById('message')?.textContent ?? ''));
  assert.equal(await wrong.page.locator('#message').textContent(), 'Your token belongs to another project.');
  // A link that lost its token.
  const bare = await openPage(browser, `${stack.instances[1].url}/#team=p1&member=${m.id}`);
  await bare.page.waitForFunction(() => /no token/.test(document.getElementById('message')?.textContent ?? ''));
  assert.equal(await bare.page.locator('#message').textContent(), 'The team link has no token: ask your lead for your link.');

  // The project document says amal adjudicates; the server's member table says she annotates:
  // her page offers the progress view, and the server refuses badr's work and the gold.
  const lead = client([stack.instances[1].ws], members.p1.lead.token);
  const project = lead.open(projectDoc('p1'));
  await project.synced;
  const amalId = members.p1.amal.id;
  lead.change(project, () => project.doc.getMap('members').set(amalId, { name: 'amal', role: 'adjudicator' }));
  await until(() => project.pending.length === 0, 'the role stored');
  try {
    const amal = await openPage(browser, link(0, 'amal'));
    await amal.page.waitForSelector('#team-progress-open');
    await amal.page.locator('#team-progress-open').click();
    const refusal = (code) => amal.page.locator(`#team-refusals li[data-code="${code}"]`);
    await until(
      async () => (await refusal('team.not-yours').count()) === 1 && (await refusal('team.gold-forbidden').count()) === 1,
      'both refusals in the view',
    );
    assert.match(await refusal('team.not-yours').textContent(), /another annotator's work/);
    assert.equal(await refusal('team.gold-forbidden').textContent(), 'Only the lead and adjudicators may open the gold standard.');
    // In Arabic, worded in Arabic, with no English sentence.
    await amal.page.keyboard.press('Escape');
    await amal.page.waitForSelector('#team-progress:not([open])', { state: 'attached' });
    await press(amal.page, 'g');
    await amal.page.locator('#team-progress-open').click();
    await amal.page.waitForSelector('#team-progress[open] #team-refusals li[data-code="team.gold-forbidden"]');
    for (const code of ['team.not-yours', 'team.gold-forbidden']) {
      const text = await refusal(code).textContent();
      assert.match(text, /[\u0600-\u06FF]/, code);
      assert.doesNotMatch(text, /[A-Za-z]/, code);
    }
    assert.deepEqual(
      amal.errors.filter((e) => !/WebSocket/.test(e)),
      [],
    );
  } finally {
    lead.change(project, () => project.doc.getMap('members').set(amalId, { name: 'amal', role: 'annotator' }));
    await until(() => project.pending.length === 0, 'the role put back');
    lead.destroy();
  }
});

test("the lead shares the work: an annotator reads a colleague's work live, read only; unshared, the server closes it and refuses it again", async () => {
  const badrId = members.p1.badr.id;
  const badrWork = workDoc('p1', 'd1', badrId);
  const asAmal = () => client([stack.instances[0].ws], members.p1.amal.token);
  const before = asAmal();
  assert.equal(await refusalOf(before.open(badrWork)), 'team.not-yours', 'not shared yet');
  before.destroy();

  const lead = await openPage(browser, link(1, 'lead'));
  const amal = await openPage(browser, link(0, 'amal'));
  const badr = await openPage(browser, link(1, 'badr'));
  for (const { page } of [lead, amal, badr]) await page.waitForSelector('body[data-team-online="true"][data-team-opening="0"]');
  assert.equal(await amal.page.locator('#team-colleagues-open').isHidden(), true);
  await lead.page.locator('#team-progress-open').click();
  await lead.page.locator('#team-share-work').check();
  await amal.page.waitForSelector('#team-colleagues-open:not([hidden])', { timeout: 10000 });

  await amal.page.locator('#team-colleagues-open').click();
  const marks = amal.page.locator(`#team-colleagues .team-side-column[data-member="${badrId}"] mark`);
  const inDb = spans(await stored(stack.pg.url, badrWork)).size;
  await until(async () => (await marks.count()) === inDb, "badr's spans in amal's view");
  // Live: badr tags, amal sees it.
  await tag(badr.page, 'وصلت', '4');
  await until(async () => (await marks.count()) === inDb + 1, "badr's new span in amal's view", 10000);
  assert.equal(await marks.last().getAttribute('data-label'), 'EVT');
  await amal.page.screenshot({ path: join(ARTIFACTS, 'team-colleagues-en.png') });
  // In Arabic: the button and the view speak it.
  await amal.page.keyboard.press('Escape');
  await press(amal.page, 'g');
  assert.equal(await amal.page.locator('#team-colleagues-open').textContent(), 'أعمال الزملاء…');
  await amal.page.waitForSelector('#team-colleagues:not([open])', { state: 'attached' });
  await amal.page.locator('#team-colleagues-open').click();
  await amal.page.waitForSelector('#team-colleagues[open]'); // the view is drawn anew (the closed one keeps its content)
  await until(async () => (await marks.count()) === inDb + 1, "badr's spans in amal's view, in Arabic");
  assert.equal(await amal.page.locator('#team-colleagues h2').textContent(), 'أعمال الزملاء في «d1.txt» (للقراءة فقط)');
  await amal.page.screenshot({ path: join(ARTIFACTS, 'team-colleagues-ar.png') });

  // Read only: the server refuses amal's write to badr's work, and stores nothing of it.
  const reader = asAmal();
  const opened = reader.open(badrWork);
  await opened.synced;
  reader.change(opened, () => opened.doc.getMap('spans').set('forged', { start: 0, end: 3, label: 'PER', at: 0 }));
  await until(() => opened.refused === 'team.read-only', "amal's write refused");
  reader.destroy();
  assert.equal(spans(await stored(stack.pg.url, badrWork)).has('forged'), false);

  // Unshared: the server closes amal's open view of badr's work, the page says why, the
  // button goes, and the server refuses the work again.
  await lead.page.locator('#team-share-work').uncheck();
  await amal.page.waitForSelector('#team-colleagues-refusals li[data-code="team.not-yours"]', { timeout: 10000 });
  assert.equal(await marks.count(), 0, "badr's work no longer shown");
  await amal.page.keyboard.press('Escape');
  await amal.page.waitForSelector('#team-colleagues-open[hidden]', { state: 'attached', timeout: 10000 });
  const after = asAmal();
  await until(async () => {
    const o = after.open(badrWork);
    const code = await refusalOf(o);
    after.close(badrWork);
    return code === 'team.not-yours';
  }, 'the refusal once unshared');
  after.destroy();
  assert.deepEqual(
    [...amal.errors, ...badr.errors, ...lead.errors].filter((e) => !/WebSocket/.test(e)),
    [],
  );
});
