// @ts-check
// Opening the files the user picks or drops: .txt documents, .tsv word lists, and
// annotation files in any format (the core tells which from the name and content), imported
// through the one import flow (import.js). Files with an .ann among them are a brat
// collection, together with their .txt and .conf files; WebAnno .tsv files (the core tells
// them from their #FORMAT= header) are one set of documents, and any other .tsv a word list.

import { page } from '../state/state.js';
import { say, apply, writable, wordsFor } from '../state/messages.js';
import { change } from '../state/saving.js';
import { emit, show } from '../state/events.js';
import { tr } from '../words/i18n.js';
import { bytesOf, ext, sniffed } from './files.js';
import { importFileSet, zipRefusal } from './import.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** Binds the Open files… button, the file picker and dropping files on the page. */
export function initOpenFiles() {
  $('open-files').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', async (/** @type {any} */ e) => {
    await openFiles([...e.target.files]);
    e.target.value = '';
  });
  const overlay = $('drop-overlay');
  let depth = 0;
  addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    depth++;
    overlay.hidden = false;
  });
  addEventListener('dragleave', () => {
    if (--depth <= 0) {
      depth = 0;
      overlay.hidden = true;
    }
  });
  addEventListener('dragover', (e) => e.preventDefault());
  addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (e.dataTransfer?.files.length) openFiles([...e.dataTransfer.files]);
  });
}

/** Opens what the user picked or dropped, file by file (a brat collection first, as one). */
export async function openFiles(/** @type {File[]} */ files) {
  if (!writable()) return;
  const brat = files.some((f) => ext(f.name) === 'ann') ? files.filter((f) => ['txt', 'ann', 'conf'].includes(ext(f.name))) : [];
  if (brat.length) await importFileSet({ format: 'brat', predictions: false, files: brat });
  const rest = files.filter((f) => !brat.includes(f));
  const webanno = [];
  for (const f of rest.filter((f) => ext(f.name) === 'tsv')) {
    if ((await sniffed(f))?.format === 'webanno') webanno.push(f);
  }
  if (webanno.length) await importFileSet({ format: 'webanno', predictions: false, files: webanno });
  for (const file of rest.filter((f) => !webanno.includes(f))) {
    const kind = ext(file.name);
    if (kind === 'zip') say(zipRefusal(file.name), 'error');
    else if (kind === 'tsv') await importWordList(file);
    else if (kind === 'txt') await openTextFile(file);
    else await openAnnotations(file);
  }
}

/** An annotation file, in the format the core tells from it; a file that is none opens as text. */
async function openAnnotations(/** @type {File} */ file) {
  if (file.size > page.limits.fileBytes) return importFileSet({ format: 'alama', predictions: false, files: [file] });
  const format = await sniffed(file);
  if (!format) return openTextFile(file);
  return importFileSet({ format: format.format, predictions: format.predictions, files: [file] });
}

/** A word list: one entry and its label a line, separated by a tab. */
async function importWordList(/** @type {File} */ file) {
  const r = apply({ importWordList: { name: file.name, bytes: await bytesOf(file) } });
  if (r.ok)
    say(
      tr(
        `Read ${r.value.count} entries from “${file.name}”; press P in a document to see them as suggestions.`,
        `قُرئ ${r.value.count} مدخلًا من «${file.name}»؛ اضغط P في مستند لتراها اقتراحات.`,
      ),
    );
}

async function openTextFile(/** @type {File} */ file) {
  const max = page.limits.textBytes;
  if (file.size > max) {
    return say(
      wordsFor({ error: { code: 'file', file: file.name, problem: { kind: 'too_large', bytes: file.size, max } } }) +
        tr(' Split it into smaller files. Nothing was changed.', ' قسّمه إلى ملفات أصغر. لم يتغيّر شيء.'),
      'error',
    );
  }
  const bytes = await bytesOf(file);
  await change(() => {
    const r = apply({ openFile: { name: file.name, bytes } });
    if (!r.ok) return;
    emit('documents');
    show(r.value.document);
    say(tr(`Opened “${file.name}” as a new document.`, `فُتح «${file.name}» مستندًا جديدًا.`));
  });
}
