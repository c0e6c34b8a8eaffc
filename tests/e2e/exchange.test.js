// Exchange end to end in Debian's Chromium, as a person does it: tag an article, export it in
// every format from the Export as… menu (what a format cannot carry is listed after the
// download) and check each file as its consumers read it; import each one back into a fresh
// page and get the same spans; compare two annotators' exports (and a third's, in CoNLL) in
// the Annotators… dialog and get the figures `alama agree` prints for the same files; then
// adjudicate the two with buttons and keys and export the gold file, which equals what
// `alama merge` makes of the page's own decisions.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, ROOT, ARTIFACTS } from './harness.js';
import { dragSelect, message, press, settle, EMOJI_TEXT, openAndTagEmoji } from './page-tools.js';

const SEED = '000_7ae19593d920b671';
const PUTIN = 'فلاديمير بوتين';
const OUT = join(ARTIFACTS, 'exchange');
const ALAMA = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'alama');
const cps = (s) => [...s];

let server, browser;
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

before(async () => {
  const build = spawnSync('cargo', ['build', '--quiet', '--bin', 'alama'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const alama = (...args) => spawnSync(ALAMA, args, { cwd: OUT, encoding: 'utf8' });

/** A fresh page (its own storage, so the five seeds and no spans) that accepts confirmations
 * unless a test answers them itself. */
async function fresh() {
  const opened = await openPage(browser, server.url);
  opened.page.on('dialog', (d) => (opened.answer ? opened.answer(d) : d.accept()));
  return opened;
}

async function waitMessage(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('message').textContent), pattern.source);
  return message(page);
}

/** Clicks Export as… → `item`; saves the download in OUT (as `saveAs` if given); returns its
 * path, the page's message and the notes listed after the download (closing their dialog). */
async function exportVia(page, item, saveAs) {
  await page.locator('#export-menu summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${item}`).click()]);
  const name = download.suggestedFilename();
  const path = join(OUT, saveAs ?? name);
  await download.saveAs(path);
  const said = await waitMessage(page, /^Exported/);
  let lost = [];
  if (await page.locator('#notes-dialog').evaluate((d) => d.open)) {
    lost = await page.locator('#notes-list li').allTextContents();
    await page.locator('#notes-close').click();
  }
  return { path, name, said, lost };
}

/** Export JSON (the canonical file) from `page`, parsed. */
async function canonical(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const path = join(OUT, name);
  await download.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Every span of a canonical export, by document text: `[start, end, label, text]`. */
function spansOf(json) {
  const out = {};
  for (const d of json.documents)
    out[d.sha256] = d.spans.map((s) => [s.start, s.end, s.label, s.text]).sort((a, b) => a[0] - b[0] || b[1] - a[1] || a[2].localeCompare(b[2]));
  return out;
}

const without = (spans, [start, end, label]) => spans.filter((s) => !(s[0] === start && s[1] === end && s[2] === label));

let reference; // the canonical export of the tagged page
const files = {}; // format → exported file

test('tag, then export every format from the Export as… menu; what a format cannot carry is listed', async () => {
  const { page, errors } = await fresh();
  await page.locator('#annotator').fill('ali');
  await page.locator('#annotator').press('Enter');
  await settle(page);
  await page.locator(`#document-list button[data-doc="${SEED}"]`).click();
  await dragSelect(page, PUTIN);
  await press(page, '1');
  await dragSelect(page, 'بيونغ يانغ.');
  await press(page, '2');
  await dragSelect(page, 'زعيم كوريا الشمالية كيم جونغ أون');
  await press(page, '1');
  await dragSelect(page, 'كوريا الشمالية');
  await press(page, '2'); // nested in the PER: IOB2 cannot hold it
  await openAndTagEmoji(page);
  await press(page, 'Escape');

  // The exchange module is its own Wasm file, fetched the first time another format is used.
  const fetched = () => server.requests.filter((p) => p.endsWith('/pkg/alama_exchange_bg.wasm')).length;
  const atStart = fetched();
  const items = {
    alama: 'export-alama',
    jsonl: 'export-jsonl',
    brat: 'export-brat',
    ls: 'export-ls',
    lsPredictions: 'export-ls-predictions',
    conll: 'export-conll',
    hf: 'export-hf',
    webanno: 'export-webanno',
    prodigy: 'export-prodigy',
  };
  const out = {};
  for (const [format, item] of Object.entries(items)) {
    out[format] = await exportVia(page, item);
    if (format === 'alama') assert.equal(fetched(), atStart, 'Alama JSON needs no exchange module');
  }
  assert.equal(fetched(), atStart + 1, 'the exchange module is fetched once, on first use');
  for (const [format, o] of Object.entries(out)) files[format] = o.path;

  assert.match(out.alama.name, /^alama-main-\d{4}-\d\d-\d\d-\d{4}\.json$/);
  assert.match(out.jsonl.name, /\.jsonl$/);
  assert.match(out.brat.name, /-brat\.zip$/);
  assert.match(out.ls.name, /-label-studio\.json$/);
  assert.match(out.lsPredictions.name, /-label-studio-predictions\.json$/);
  assert.match(out.conll.name, /\.conll$/);
  assert.match(out.hf.name, /-hf\.zip$/);
  assert.match(out.webanno.name, /-webanno\.zip$/);
  assert.match(out.prodigy.name, /-prodigy\.jsonl$/);
  assert.match(out.conll.said, /^Exported 6 documents and 6 spans as CoNLL IOB2 to .*\. 2 things could not be carried: see the list\.$/);
  // Never silently: the nested LOC that IOB2 cannot hold, and the annotator names.
  assert.deepEqual(out.alama.lost, []);
  assert.ok(
    out.conll.lost.some((n) => /span \d+ \(LOC “كوريا الشمالية” \d+–\d+\): overlaps span \d+, which comes first: IOB2 holds one span per token/.test(n)),
    out.conll.lost.join('\n'),
  );
  // Hugging Face keeps the nested LOC in its spans but not in the IOB2 tags; Prodigy's
  // ner_manual cannot show it.
  assert.ok(
    out.hf.lost.some((n) => /span \d+ \(LOC “كوريا الشمالية” \d+–\d+\): overlaps span \d+, which comes first: it is in "spans" but not in "ner_tags"/.test(n)),
    out.hf.lost.join('\n'),
  );
  assert.ok(
    out.prodigy.lost.some((n) =>
      /span \d+ \(LOC “كوريا الشمالية” \d+–\d+\): overlaps span \d+, which comes first: Prodigy's ner_manual holds one span per token/.test(n),
    ),
    out.prodigy.lost.join('\n'),
  );
  for (const format of ['jsonl', 'brat', 'ls', 'lsPredictions', 'conll', 'hf', 'webanno', 'prodigy']) {
    assert.ok(
      out[format].lost.some((n) => /annotator names: 6 spans lose theirs/.test(n)),
      `${format}: ${out[format].lost.join('\n')}`,
    );
  }
  reference = JSON.parse(readFileSync(files.alama, 'utf8'));
  assert.equal(Object.values(spansOf(reference)).flat().length, 6);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** The reference's spans per document id, and the documents' texts. */
const refDocs = () => Object.fromEntries(reference.documents.map((d) => [d.id, d]));

test('the JSONL has one document a line with code-point offsets that slice the text', () => {
  const lines = readFileSync(files.jsonl, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 6);
  const docs = refDocs();
  for (const line of lines) {
    const record = JSON.parse(line);
    const ref = docs[record.id];
    assert.equal(record.text, ref.text);
    assert.deepEqual(
      record.label,
      ref.spans.map((s) => [s.start, s.end, s.label]).sort((a, b) => a[0] - b[0] || b[1] - a[1]),
    );
    for (const [s, e] of record.label) assert.ok(ref.spans.some((x) => x.start === s && cps(record.text).slice(s, e).join('') === x.text));
  }
  const emoji = JSON.parse(lines.find((l) => JSON.parse(l).id === 'emoji'));
  const at = cps(EMOJI_TEXT.slice(0, EMOJI_TEXT.indexOf('بوتين'))).length;
  assert.notEqual(at, EMOJI_TEXT.indexOf('بوتين'), 'the emoji make code points and UTF-16 units differ');
  assert.deepEqual(emoji.label[0], [at, at + 5, 'PER']);
});

/** The entries of a zip archive, read by Python's zipfile: path → text. */
function unzip(path, into) {
  rmSync(into, { recursive: true, force: true });
  const run = spawnSync(
    'python3',
    ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.testzip(); z.extractall(sys.argv[2]); print("\\n".join(z.namelist()))', path, into],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n');
}

test('the brat zip holds a .txt and an .ann per document and annotation.conf; every .ann line slices its .txt', () => {
  const names = unzip(files.brat, join(OUT, 'brat'));
  const folder = names[0].split('/')[0];
  assert.ok(
    names.every((n) => n.startsWith(`${folder}/`)),
    names.join(),
  );
  const docs = refDocs();
  assert.ok(names.includes(`${folder}/annotation.conf`));
  assert.match(readFileSync(join(OUT, 'brat', folder, 'annotation.conf'), 'utf8'), /\[entities\][\s\S]*PER[\s\S]*LOC/);
  let lines = 0;
  for (const id of Object.keys(docs)) {
    const txt = readFileSync(join(OUT, 'brat', folder, `${id}.txt`), 'utf8');
    assert.equal(txt, docs[id].text);
    const ann = readFileSync(join(OUT, 'brat', folder, `${id}.ann`), 'utf8')
      .split('\n')
      .filter(Boolean);
    const got = ann.map((line) => {
      const [, type, quoted] = line.split('\t');
      const [label, s, e] = type.split(' ');
      assert.equal(cps(txt).slice(Number(s), Number(e)).join(''), quoted, line);
      lines++;
      return [Number(s), Number(e), label, quoted];
    });
    assert.deepEqual(
      got.sort((a, b) => a[0] - b[0] || b[1] - a[1]),
      docs[id].spans.map((s) => [s.start, s.end, s.label, s.text]).sort((a, b) => a[0] - b[0] || b[1] - a[1]),
    );
  }
  assert.equal(lines, 6);
});

test('the CoNLL says IOB2 in its header, starts each document with -DOCSTART- and tags the spans', () => {
  const text = readFileSync(files.conll, 'utf8');
  const lines = text.split('\n');
  assert.match(lines[0], /^# Alama CoNLL export\. Tag scheme: IOB2 /);
  assert.equal(lines.filter((l) => l.startsWith('-DOCSTART-')).length, 6);
  // The tag runs of the seed document, read as seqeval would: B- starts, I- continues.
  const start = lines.findIndex((l) => l === `# id = "${SEED}"`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('-DOCSTART-'));
  const runs = [];
  let prev = 'O';
  for (const line of lines.slice(start, end < 0 ? undefined : end)) {
    if (!line || line.startsWith('# ')) continue;
    const [token, tag] = line.split('\t');
    assert.ok(!token.includes(' ') && /^(O|[BI]-[A-Z]+)$/.test(tag), line);
    if (tag.startsWith('I-')) assert.ok(prev.slice(2) === tag.slice(2) && prev !== 'O', `I- after ${prev}: ${line}`);
    if (tag.startsWith('B-')) runs.push([tag.slice(2), token]);
    else if (tag.startsWith('I-')) runs.at(-1)[1] += ` ${token}`;
    prev = tag;
  }
  assert.deepEqual(runs, [
    ['PER', 'زعيم كوريا الشمالية كيم جونغ أون'],
    ['PER', PUTIN],
    ['LOC', 'بيونغ يانغ'],
  ]);
});

test('the Label Studio tasks carry value.start, value.end and value.text in code points, as annotations or predictions', () => {
  const docs = refDocs();
  for (const [path, key] of [
    [files.ls, 'annotations'],
    [files.lsPredictions, 'predictions'],
  ]) {
    const tasks = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(tasks.length, 6);
    for (const task of tasks) {
      const ref = docs[task.data.doc_id];
      assert.equal(task.data.text, ref.text);
      assert.equal(key === 'annotations' ? task.predictions : task.annotations, undefined);
      const results = task[key][0].result;
      const got = results.map(({ value: v }) => {
        assert.equal(cps(task.data.text).slice(v.start, v.end).join(''), v.text);
        return [v.start, v.end, v.labels[0], v.text];
      });
      assert.deepEqual(
        got.sort((a, b) => a[0] - b[0] || b[1] - a[1]),
        ref.spans.map((s) => [s.start, s.end, s.label, s.text]).sort((a, b) => a[0] - b[0] || b[1] - a[1]),
      );
    }
  }
});

test('the Hugging Face zip holds records whose tokens slice the text and whose spans are the page’s, the label names and a dataset card', () => {
  const names = unzip(files.hf, join(OUT, 'hf'));
  const folder = names[0].split('/')[0];
  assert.deepEqual(names.map((n) => n.slice(folder.length + 1)).sort(), ['README.md', 'data.jsonl', 'label_names.json']);
  const labels = JSON.parse(readFileSync(join(OUT, 'hf', folder, 'label_names.json'), 'utf8'));
  assert.deepEqual(labels.slice(0, 3), ['O', 'B-PER', 'I-PER']);
  assert.match(readFileSync(join(OUT, 'hf', folder, 'README.md'), 'utf8'), /class_label:\n\s+names:\n\s+'0': O\n/);
  const docs = refDocs();
  const records = readFileSync(join(OUT, 'hf', folder, 'data.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(records.length, 6);
  for (const r of records) {
    const ref = docs[r.id];
    assert.equal(r.text, ref.text);
    assert.equal(r.tokens.length, r.ner_tags.length);
    r.tokens.forEach((t, k) =>
      assert.equal(
        cps(r.text)
          .slice(...r.token_offsets[k])
          .join(''),
        t,
      ),
    );
    assert.deepEqual(
      r.spans.map((s) => [s.start, s.end, s.label, s.text]),
      ref.spans.map((s) => [s.start, s.end, s.label, s.text]).sort((a, b) => a[0] - b[0] || b[1] - a[1]),
    );
  }
  const seed = records.find((r) => r.id === SEED);
  const putin = seed.tokens.indexOf('فلاديمير');
  assert.deepEqual([labels[seed.ner_tags[putin]], labels[seed.ner_tags[putin + 1]]], ['B-PER', 'I-PER']);
});

test('the WebAnno zip holds a .tsv per document with the named-entity layer, offsets in UTF-16 units', () => {
  const names = unzip(files.webanno, join(OUT, 'webanno'));
  const folder = names[0].split('/')[0];
  const docs = refDocs();
  assert.deepEqual(
    names.map((n) => n.slice(folder.length + 1)).sort(),
    Object.keys(docs)
      .map((id) => `${id}.tsv`)
      .sort(),
  );
  const emoji = readFileSync(join(OUT, 'webanno', folder, 'emoji.tsv'), 'utf8');
  assert.match(emoji, /^#FORMAT=WebAnno TSV 3\.3\n#T_SP=de\.tudarmstadt\.ukp\.dkpro\.core\.api\.ner\.type\.NamedEntity\|identifier\|value\n\n\n#Text=/);
  // The token بوتين is at its UTF-16 offsets (the emoji before it take two units each).
  const at = EMOJI_TEXT.indexOf('بوتين');
  assert.ok(emoji.includes(`\t${at}-${at + 5}\tبوتين\t*\tPER\t\n`), emoji);
  const seed = readFileSync(join(OUT, 'webanno', folder, `${SEED}.tsv`), 'utf8');
  // The nested LOC is stacked on the PER's tokens, each numbered.
  assert.match(seed, /\tكوريا\t\*\[\d+\]\|\*\[\d+\]\tPER\[\d+\]\|LOC\[\d+\]\t\n/);
});

test('the Prodigy tasks are ner_manual records: tokens and spans slice the text, token_end is the last token', () => {
  const tasks = readFileSync(files.prodigy, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(tasks.length, 6);
  for (const task of tasks) {
    assert.equal(task.answer, 'accept');
    for (const t of task.tokens) assert.equal(cps(task.text).slice(t.start, t.end).join(''), t.text);
    for (const s of task.spans) {
      assert.equal(cps(task.text).slice(s.start, s.end).join(''), s.text);
      assert.deepEqual([task.tokens[s.token_start].start, task.tokens[s.token_end].end], [s.start, s.end]);
    }
  }
});

/** Imports `paths` into a fresh page: through the Import… menu's `item`, or (no item) through
 * Open files…, which tells the format from the file. Returns the page's message and spans. */
async function importFresh(paths, item) {
  const { page, errors } = await fresh();
  if (item) {
    await page.locator('#import-menu summary').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(`#${item}`).click()]);
    await chooser.setFiles(paths);
  } else {
    await page.locator('#file-input').setInputFiles(paths);
  }
  const said = await waitMessage(page, /^(Imported|Cannot)/);
  let notes = [];
  if (await page.locator('#notes-dialog').evaluate((d) => d.open)) {
    notes = await page.locator('#notes-list li').allTextContents();
    await page.locator('#notes-close').click();
  }
  const json = await canonical(page, `reimported-${item ?? 'detected'}-${paths.length}.json`);
  assert.deepEqual(errors, []);
  await page.context().close();
  return { said, notes, spans: spansOf(json) };
}

test('each export imported back into a fresh page gives the same spans (CoNLL and Prodigy all but the nested one they reported)', async () => {
  const expected = spansOf(reference);
  const seedSha = reference.documents.find((d) => d.id === SEED).sha256;
  const nested = reference.documents.find((d) => d.id === SEED).spans.find((s) => s.text === 'كوريا الشمالية');
  const bratFolder = join(OUT, 'brat', readdirSync(join(OUT, 'brat'))[0]);
  const bratFiles = readdirSync(bratFolder).map((n) => join(bratFolder, n));
  const hfFolder = join(OUT, 'hf', readdirSync(join(OUT, 'hf'))[0]);
  const hfFiles = ['data.jsonl', 'label_names.json'].map((n) => join(hfFolder, n));
  const tsvFolder = join(OUT, 'webanno', readdirSync(join(OUT, 'webanno'))[0]);
  const tsvFiles = readdirSync(tsvFolder).map((n) => join(tsvFolder, n));
  const cases = [
    // [files, Import… menu item (none: Open files… tells the format), format named, notes expected]
    [[files.alama], 'import-alama', 'Alama JSON'],
    [[files.jsonl], 'import-jsonl', 'JSONL \\(doccano, spaCy\\)'],
    [[files.jsonl], null, 'JSONL \\(doccano, spaCy\\)'],
    [bratFiles, 'import-brat', 'brat standoff'],
    [bratFiles, null, 'brat standoff'],
    [[files.ls], 'import-ls', 'Label Studio tasks'],
    [[files.ls], null, 'Label Studio tasks'],
    [[files.lsPredictions], 'import-ls-predictions', 'Label Studio predictions'],
    [[files.lsPredictions], null, 'Label Studio predictions'],
    [[files.conll], 'import-conll', 'CoNLL IOB2'],
    [[files.conll], null, 'CoNLL IOB2'],
    [hfFiles, 'import-hf', 'Hugging Face token classification'],
    [[hfFiles[0]], null, 'Hugging Face token classification'],
    [tsvFiles, 'import-webanno', 'WebAnno TSV 3'],
    [tsvFiles, null, 'WebAnno TSV 3'],
    [[files.prodigy], 'import-prodigy', 'Prodigy ner_manual'],
    [[files.prodigy], null, 'Prodigy ner_manual'],
  ];
  const flat = ['CoNLL IOB2', 'Prodigy ner_manual'];
  for (const [paths, item, named] of cases) {
    const got = await importFresh(paths, item);
    const from = paths.length === 1 ? '“[^”]+”' : `${paths.length} files \\([^)]+\\)`;
    assert.match(
      got.said,
      new RegExp(`^Imported 6 documents and ${flat.includes(named) ? 5 : 6} spans from ${from}, read as ${named}\\.`),
      `${item}: ${got.said}`,
    );
    const want = flat.includes(named) ? { ...expected, [seedSha]: without(expected[seedSha], [nested.start, nested.end, nested.label]) } : expected;
    assert.deepEqual(got.spans, want, `${item ?? 'Open files…'} ${named}`);
  }
});

test('files made by the other tools open from the page, their format told from the file and named, with what was ignored', async () => {
  const golden = join(ROOT, 'tests', 'formats', 'golden');
  const expected = JSON.parse(readFileSync(join(golden, 'expected.json'), 'utf8'));
  const bratFiles = readdirSync(join(golden, 'brat')).map((n) => join(golden, 'brat', n));
  const cases = [
    // [files, expected.json key, format named, a note the page lists]
    [[join(golden, 'label_studio.json')], 'label_studio.json', 'Label Studio tasks', /1 cancelled annotations were skipped/],
    [[join(golden, 'label_studio_min.json')], 'label_studio_min.json', 'Label Studio tasks', null],
    [[join(golden, 'doccano.jsonl')], 'doccano.jsonl', 'JSONL \\(doccano, spaCy\\)', null],
    [[join(golden, 'spacy_train.json')], 'spacy_train.json', 'JSONL \\(doccano, spaCy\\)', null],
    [[join(golden, 'conll2003.conll')], 'conll2003.conll', 'CoNLL IOB2', /the file does not hold the text: it was rebuilt by joining the tokens/],
    [bratFiles, 'brat', 'brat standoff', /relations, events, attributes, normalisations or notes in news1\.ann were ignored/],
  ];
  for (const [paths, key, named, note] of cases) {
    const got = await importFresh(paths);
    const spans = expected[key].reduce((n, d) => n + d.spans.length, 0);
    assert.match(got.said, new RegExp(`^Imported ${expected[key].length} documents and ${spans} spans from .*, read as ${named}\\.`), `${key}: ${got.said}`);
    if (note)
      assert.ok(
        got.notes.some((n) => note.test(n)),
        `${key}: ${got.notes.join('\n')}`,
      );
  }
});

test('an import asks before replacing work and changes nothing when cancelled; a zip is refused with the way round it', async () => {
  const opened = await fresh();
  const { page } = opened;
  await page.locator('#file-input').setInputFiles(files.alama);
  await waitMessage(page, /^Imported 6 documents and 6 spans/);
  let asked = '';
  opened.answer = (d) => {
    asked = d.message();
    d.dismiss();
  };
  await page.locator('#import-menu summary').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#import-conll').click()]);
  await chooser.setFiles(files.conll);
  assert.match(await waitMessage(page, /^Import cancelled/), /^Import cancelled; nothing was changed\.$/);
  assert.match(
    asked,
    /^Import “[^”]+\.conll”, read as CoNLL IOB2 \(6 documents, 5 spans\)\? It replaces everything in the workspace “main” \(6 documents, 6 spans\)/,
  );
  assert.deepEqual(spansOf(await canonical(page, 'after-cancel.json')), spansOf(reference));
  await page.locator('#file-input').setInputFiles(files.brat);
  assert.match(
    await waitMessage(page, /zip/),
    /is a zip archive, and the page cannot read zip files: unzip it and open its \.txt, \.ann and annotation\.conf files together/,
  );
  assert.deepEqual(spansOf(await canonical(page, 'after-zip.json')), spansOf(reference));
  await page.context().close();
});

// ---- two annotators -----------------------------------------------------------------------

/** One annotator's work on the seed article, tagged with the mouse and keys. */
async function annotate(name, tags) {
  const { page, errors } = await fresh();
  await page.locator('#annotator').fill(name);
  await page.locator('#annotator').press('Enter');
  await settle(page);
  await page.locator(`#document-list button[data-doc="${SEED}"]`).click();
  for (const [needle, nth, key] of tags) {
    await dragSelect(page, needle, nth);
    await press(page, key);
    await press(page, 'Escape');
  }
  return { page, errors };
}

const people = {};

test('two annotators (and a third) tag the same article in their own pages and export their work', async () => {
  const ali = await annotate('ali', [
    [PUTIN, 0, '1'],
    ['كوريا الشمالية', 0, '2'],
    ['بيونغ يانغ.', 0, '2'],
    ['بوتين', 1, '1'],
    ['قاعدة فوستوتشني الفضائية', 0, '2'],
  ]);
  const mona = await annotate('mona', [
    [PUTIN, 0, '1'],
    ['زعيم كوريا الشمالية كيم جونغ أون', 0, '1'],
    ['بيونغ يانغ.', 0, '1'],
    ['الرئيس بوتين', 0, '1'],
    ['كامسومولسك آمور', 0, '2'],
  ]);
  const huda = await annotate('huda', [
    [PUTIN, 0, '1'],
    ['بيونغ يانغ.', 0, '2'],
    ['روسيا', 0, '2'],
  ]);
  people.ali = (await exportVia(ali.page, 'export-alama', 'ali.json')).path;
  people.mona = (await exportVia(mona.page, 'export-alama', 'mona.json')).path;
  people.huda = (await exportVia(huda.page, 'export-conll', 'huda.conll')).path;
  for (const p of [ali, mona, huda]) {
    assert.deepEqual(p.errors, []);
    await p.page.context().close();
  }
  const seed = (file) =>
    JSON.parse(readFileSync(file, 'utf8'))
      .documents.find((d) => d.id === SEED)
      .spans.map((s) => `${s.label} ${s.text}`);
  assert.deepEqual(seed(people.ali), ['LOC كوريا الشمالية', `PER ${PUTIN}`, 'LOC بيونغ يانغ', 'PER بوتين', 'LOC قاعدة فوستوتشني الفضائية']);
  assert.deepEqual(seed(people.mona), ['PER زعيم كوريا الشمالية كيم جونغ أون', 'LOC كامسومولسك آمور', `PER ${PUTIN}`, 'PER بيونغ يانغ', 'PER الرئيس بوتين']);
});

let board; // the page with the Annotators… dialog

test('the Annotators… dialog shows the agreement figures `alama agree` prints for the same files', async () => {
  board = await fresh();
  const { page } = board;
  await page.locator('#compare').click();
  await page.locator('#compare-dialog[open]').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#annotator-add').click()]);
  await chooser.setFiles([people.ali, people.mona, people.huda]);
  await page.waitForFunction(() => document.querySelectorAll('#annotator-list li').length === 3);
  assert.deepEqual(await page.locator('#annotator-list input').evaluateAll((els) => els.map((e) => e.value)), ['ali', 'mona', 'huda']);
  assert.match(await page.locator('#annotator-list').textContent(), /CoNLL IOB2 · huda\.conll · 5 documents, 3 spans/);
  await page.locator('#agreement-run').click();
  await page.locator('#agreement-out table').first().waitFor();

  const shown = await page.locator('#agreement-out table').evaluateAll((tables) =>
    tables.map((t) => ({
      caption: t.caption.textContent,
      rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
      values: [...t.tBodies[0].rows].map((r) => [...r.cells].slice(1).map((c) => c.dataset.value)),
    })),
  );
  const cli = alama('agree', 'ali.json', 'mona.json', 'huda.conll');
  assert.equal(cli.status, 0, cli.stderr);
  const printed = [];
  for (const line of cli.stdout.split('\n')) {
    const head = /^(\S+ \(reference\) vs \S+: \d+ documents, \d+ tokens)$/.exec(line);
    if (head) printed.push({ caption: head[1], rows: [] });
    else if (/^ {2}\S/.test(line) && !/^ {2}label /.test(line)) printed.at(-1).rows.push(line.trim().split(/\s+/));
  }
  assert.equal(printed.length, 3);
  assert.deepEqual(
    shown.map(({ caption, rows }) => ({ caption, rows })),
    printed,
  );
  assert.match(shown[0].caption, /^ali \(reference\) vs mona: 5 documents, \d+ tokens$/);

  // The full figures behind the three decimals equal the CLI's JSON report.
  const report = JSON.parse(alama('agree', 'ali.json', 'mona.json', 'huda.conll', '--json').stdout);
  report.pairs.forEach((p, i) => {
    const scores = [p.overall, ...Object.values(p.labels)];
    scores.forEach((s, r) => {
      const want = [s.exact.a_spans, s.exact.b_spans, s.exact.matched, s.exact.precision, s.exact.recall, s.exact.f1, s.partial.f1, s.kappa];
      const got = shown[i].values[r].map((v) => (v === '' ? null : Number(v)));
      want.forEach((w, k) =>
        w === null ? assert.equal(got[k], null) : assert.ok(Math.abs(got[k] - w) < 1e-12, `pair ${i} row ${r} col ${k}: ${got[k]} vs ${w}`),
      );
    });
  });
});

/** Drags the mouse over `needle` inside the element `selector`, as dragSelect does in the
 * article (press inside the right edge of its first letter, release inside the left edge of
 * its last, the text being right to left). */
async function dragIn(page, selector, needle) {
  const where = await page.evaluate(
    ([selector, needle]) => {
      const root = document.querySelector(selector);
      root.scrollIntoView({ block: 'center' });
      const nodes = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, from: all.length });
        all += n.data;
      }
      const at = all.indexOf(needle);
      const point = (offset) => {
        const hit = nodes.findLast((n) => n.from <= offset && offset < n.from + n.node.data.length);
        return [hit.node, offset - hit.from];
      };
      const rect = (s) => {
        const r = new Range();
        const [node, offset] = point(s);
        r.setStart(node, offset);
        r.setEnd(node, offset + 1);
        return r.getClientRects()[0].toJSON();
      };
      return { first: rect(at), last: rect(at + needle.length - 1) };
    },
    [selector, needle],
  );
  await page.mouse.move(where.first.right - 1, (where.first.top + where.first.bottom) / 2);
  await page.mouse.down();
  await page.mouse.move(where.last.left + 1, (where.last.top + where.last.bottom) / 2, { steps: 10 });
  await page.mouse.up();
}

test('adjudication: disagreements side by side, decided with buttons and keys, one edited; the gold file records who decided what', async () => {
  const { page, errors } = board;
  // The first two annotators are A and B until another is chosen.
  assert.deepEqual(await page.locator('#adjudicate-a, #adjudicate-b').evaluateAll((s) => s.map((x) => x.selectedOptions[0].textContent)), ['ali', 'mona']);
  await page.locator('#adjudicate-a').selectOption({ label: 'ali' });
  await page.locator('#adjudicate-b').selectOption({ label: 'mona' });
  await page.locator('#adjudicate-run').click();
  await page.locator('#disagreements .disagreement').first().waitFor();
  assert.match(await page.locator('#compare-status').textContent(), /^ali and mona agree on 1 spans and disagree in 5 places in 5 documents\./);
  const items = await page.locator('#disagreements .disagreement').evaluateAll((els) =>
    els.map((e) => ({
      head: e.querySelector('h4').textContent,
      a: e.querySelectorAll('.versions')[0].textContent,
      b: e.querySelectorAll('.versions')[1].textContent,
      inside: e.querySelector('.context mark').textContent,
    })),
  );
  assert.deepEqual(
    items.map((i) => i.head),
    [
      '#1 · different edges and labels',
      '#2 · only mona tagged here',
      '#3 · same words, different labels',
      '#4 · same label, different edges',
      '#5 · only ali tagged here',
    ],
  );
  assert.match(items[0].a, /A · aliLOC كوريا الشمالية \d+–\d+/);
  assert.match(items[0].b, /B · monaPER زعيم كوريا الشمالية كيم جونغ أون \d+–\d+/);
  assert.equal(items[0].inside, 'زعيم كوريا الشمالية كيم جونغ أون');
  assert.match(items[1].a, /\(nothing\)/);

  // The first decision button has the focus: Enter on it, and on the others reached by keyboard.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.choice), 'a');
  const item = (n) => page.locator(`#disagreements .disagreement[data-id="${n}"]`);
  await item(3).locator('button[data-choice="a"]').focus();
  await page.keyboard.press('Enter');
  await item(2).locator('button[data-choice="b"]').focus();
  await page.keyboard.press('Space');
  await item(4).locator('button[data-choice="both"]').click();
  await item(5).locator('button[data-choice="neither"]').click();
  assert.equal(await item(3).locator('button[data-choice="a"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#adjudication-progress').textContent(), '4 of 5 disagreements decided.');

  // Exporting with one disagreement undecided is refused, naming it.
  await page.locator('#gold-export').click();
  assert.match(await page.locator('#compare-status').textContent(), /^1 disagreements have no decision: “000_7ae19593d920b671” #1\.$/);

  // Edit #1: it starts from both versions; drop mona's, keep ali's LOC, add كيم جونغ أون as PER.
  await item(1).locator('button[data-choice="edited"]').click();
  assert.deepEqual(await item(1).locator('.drafts bdi[lang="ar"]').allTextContents(), ['كوريا الشمالية', 'زعيم كوريا الشمالية كيم جونغ أون']);
  await item(1)
    .locator('.drafts li', { hasText: 'زعيم' })
    .getByRole('button', { name: /^Remove/ })
    .click();
  await dragIn(page, '#disagreements .disagreement[data-id="1"] .context', 'كيم جونغ أون');
  await item(1).locator('.edit p select').selectOption('PER');
  await item(1).getByRole('button', { name: 'Add the selected words' }).click();
  assert.deepEqual(await item(1).locator('.drafts bdi[lang="ar"]').allTextContents(), ['كوريا الشمالية', 'كيم جونغ أون']);
  assert.equal(await page.locator('#adjudication-progress').textContent(), '5 of 5 disagreements decided.');

  await page.locator('#adjudicator').fill('sara');
  const save = async (button, name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
    const path = join(OUT, name);
    await download.saveAs(path);
    return { path, suggested: download.suggestedFilename() };
  };
  const gold = await save('#gold-export', 'gold.json');
  assert.match(gold.suggested, /^gold-ali-mona-\d{4}-\d\d-\d\d-\d{4}\.json$/);
  assert.match(
    await page.locator('#compare-status').textContent(),
    /^Exported the gold file gold-ali-mona-.*\.json: 5 documents, 7 spans \(1 agreed, 4 picked, 2 edited by sara\)/,
  );
  const sources = await save('#sources-export', 'who.json');
  const decisions = await save('#decisions-export', 'decisions.json');

  const seed = JSON.parse(readFileSync(gold.path, 'utf8')).documents.find((d) => d.id === SEED);
  assert.deepEqual(seed.spans.map((s) => `${s.label} ${s.text} (${s.annotator})`).sort(), [
    'LOC بيونغ يانغ (ali)',
    'LOC كامسومولسك آمور (mona)',
    'LOC كوريا الشمالية (sara)',
    'PER الرئيس بوتين (mona)',
    'PER بوتين (ali)',
    `PER ${PUTIN} (ali, mona)`,
    'PER كيم جونغ أون (sara)',
  ]);
  const who = JSON.parse(readFileSync(sources.path, 'utf8'));
  assert.deepEqual(who.map((s) => s.how).sort(), ['agreed', 'edited', 'edited', 'picked', 'picked', 'picked', 'picked']);
  assert.ok(who.filter((s) => s.how !== 'agreed').every((s) => s.decided_by === 'sara' && s.disagreement >= 1));

  // The command line makes the same gold file and record from the page's decisions.
  const cli = alama('merge', 'ali.json', 'mona.json', '-d', 'decisions.json', '-o', 'gold-cli.json', '--sources', 'who-cli.json');
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(readFileSync(join(OUT, 'gold-cli.json'), 'utf8'), readFileSync(gold.path, 'utf8'));
  assert.deepEqual(JSON.parse(readFileSync(join(OUT, 'who-cli.json'), 'utf8')), who);
  assert.equal(JSON.parse(readFileSync(decisions.path, 'utf8')).adjudicator, 'sara');
  await page.screenshot({ path: join(ARTIFACTS, 'adjudication.png') });

  // The gold file opens in the workspace through the usual import.
  await page.locator('#gold-open').click();
  assert.match(await waitMessage(page, /^Imported/), /^Imported 5 documents and 7 spans from “gold-ali-mona-.*\.json”, read as Alama JSON\.$/);
  assert.equal(await page.locator('#compare-dialog').evaluate((d) => d.open), false);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the menus and the dialog speak Arabic with the interface', async () => {
  const { page, errors } = await fresh();
  await page.keyboard.press('g');
  assert.equal(await page.locator('#export-menu summary').textContent(), 'تصدير بصيغة…');
  await page.locator('#export-menu summary').click();
  assert.equal(await page.locator('#export-conll').textContent(), 'CoNLL بوسوم IOB2 (‎.conll‎)');
  await Promise.all([page.waitForEvent('download'), page.locator('#export-jsonl').click()]);
  assert.match(await message(page), /^صُدِّر 5 مستندات و0 مقطعًا بصيغة JSONL \(doccano، spaCy\) إلى alama-main-.*\.jsonl\.$/);
  await page.locator('#compare').click();
  await page.locator('#compare-dialog[open]').waitFor(); // the dialog's module loads on first use
  assert.equal(await page.locator('#compare-title').textContent(), 'المُعلِّمون: الاتفاق والتحكيم');
  assert.equal(await page.locator('#compare-status').textContent(), 'أضف ملفات مُعلِّمَين أو أكثر للمستندات نفسها.');
  await page.locator('#compare-close').click();
  assert.deepEqual(errors, []);
  await page.context().close();
});
