// Opening the files the user picks or drops: .txt documents, .tsv word lists and Alama's
// JSON exports (read in short steps, and confirmed before they replace the workspace). Files
// in other formats are turned into an export by exchange.js first.

import { page, view, ws, spanTotal } from './state.js';
import { bytesOf, utf8Of } from './files.js';
import { importOtherFormats } from './exchange.js';
import { say, attempt, writable } from './messages.js';
import { change, nextTask } from './saving.js';
import { tr, coreMessage } from './i18n.js';

const $ = (id) => document.getElementById(id);
const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const MB = (n) => `${(n / 1048576).toFixed(1)} MB`;

/** What app.js lends: openDocument, showLabels, renderDocuments, refresh. */
let host;

/** Binds the Open files… button, the file picker and dropping files on the page. */
export function initOpenFiles(lent) {
  host = lent;
  $('open-files').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', async (e) => {
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
    if (--depth <= 0) { depth = 0; overlay.hidden = true; }
  });
  addEventListener('dragover', (e) => e.preventDefault());
  addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (e.dataTransfer?.files.length) openFiles([...e.dataTransfer.files]);
  });
}

async function openFiles(files) {
  if (!writable()) return;
  files = await importOtherFormats(files); // JSONL, CoNLL, Label Studio, brat: www/exchange.js
  for (const file of files) {
    const json = /\.json$/i.test(file.name);
    const limit = json ? MAX_JSON_BYTES : MAX_TEXT_BYTES;
    if (file.size > limit) {
      say(tr(`Cannot open “${file.name}”: it is ${MB(file.size)}, and Alama opens ${json ? 'exports' : 'text files'} of up to ${MB(limit)}. Split it into smaller files. Nothing was changed.`, `تعذّر فتح «${file.name}»: حجمه ${MB(file.size)}، وعلامة تفتح ${json ? 'ملفات التصدير' : 'الملفات النصية'} حتى ${MB(limit)}. قسّمه إلى ملفات أصغر. لم يتغيّر شيء.`), 'error');
      continue;
    }
    if (json) await importFile(file);
    else if (/\.tsv$/i.test(file.name)) await importWordList(file);
    else await openTextFile(file);
  }
}

/** A word list: one entry and its label a line, separated by a tab. */
async function importWordList(file) {
  const bytes = await bytesOf(file);
  const r = attempt(() => page.core.importWordList(file.name, bytes));
  if (r.ok) say(tr(`Read ${r.value} entries from “${file.name}”; press P in a document to see them as suggestions.`, `قُرئ ${r.value} مدخلًا من «${file.name}»؛ اضغط P في مستند لتراها اقتراحات.`));
}

async function openTextFile(file) {
  const bytes = await bytesOf(file);
  await change(() => {
    const r = attempt(() => page.core.openFile(file.name, bytes));
    if (!r.ok) return;
    host.openDocument(r.value);
    say(tr(`Opened “${file.name}” as a new document.`, `فُتح «${file.name}» مستندًا جديدًا.`));
  });
}

/** The export being read, if one is (its file name). */
let reading = null;

/**
 * Reads and checks an export in the core's short steps, letting the page paint and take
 * input every few milliseconds, so that a large file never holds it for long. Resolves with
 * what the file holds (`documents`, `spans`), or null when it was refused (and said so).
 */
export async function readImport(name, text) {
  if (reading) {
    say(tr(`“${reading}” is still being read: import “${name}” when it is done. Nothing was changed.`, `ما زال «${reading}» قيد القراءة: استورد «${name}» بعد انتهائه. لم يتغيّر شيء.`), 'error');
    return null;
  }
  reading = name;
  try {
    // Reading the file was a task of its own; parsing it is another.
    await nextTask();
    if (!attempt(() => page.core.startImport(name, text)).ok) return null;
    for (;;) {
      const until = performance.now() + 8;
      let r;
      do r = attempt(() => page.core.importStep());
      while (r.ok && r.value === undefined && performance.now() < until);
      if (!r.ok) return null;
      if (r.value !== undefined) return r.value;
      await nextTask();
    }
  } finally {
    reading = null;
  }
}

async function importFile(file) {
  let text;
  try {
    text = await utf8Of(file);
  } catch (e) {
    say(coreMessage(e.message), 'error');
    return;
  }
  const checked = await readImport(file.name, text);
  if (!checked) return;
  const now = page.core.documents();
  const spansNow = spanTotal(now);
  const { documents, spans } = checked;
  if (spansNow > 0 && !confirm(tr(`Import “${file.name}” (${documents} documents, ${spans} spans)? It replaces everything in the workspace “${ws.name}” (${now.length} documents, ${spansNow} spans). To keep those, cancel and create a new workspace first, or export them.`, `أتستورد «${file.name}» (${documents} مستندات، ${spans} مقطعًا)؟ سيحلّ محلّ كل ما في مساحة العمل «${ws.name}» (${now.length} مستندات، ${spansNow} مقطعًا). لتحتفظ بها، ألغِ وأنشئ مساحة عمل جديدة أولًا، أو صدّرها.`))) {
    page.core.discardImport();
    say(tr('Import cancelled; nothing was changed.', 'أُلغي الاستيراد؛ لم يتغيّر شيء.'));
    return;
  }
  await nextTask();
  // The journal records are written after it is shown (see change()); showing a long
  // document is a task of its own.
  await change(async () => {
    if (!attempt(() => page.core.commitImport()).ok) return;
    host.showLabels();
    host.renderDocuments();
    const docs = page.core.documents();
    const keep = docs.find((d) => d.id === view.doc) ?? docs[0];
    const text = keep && page.core.text(keep.id);
    await nextTask();
    if (keep) host.openDocument(keep.id, text);
    else host.refresh();
    say(tr(`Imported ${documents} documents and ${spans} spans from “${file.name}”.`, `استُورد ${documents} مستندات و${spans} مقطعًا من «${file.name}».`));
  });
}
