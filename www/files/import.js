// @ts-check
// The one way a workspace is imported, whatever the file's format and however it was
// chosen (Open files…, a drop, Import…, or a gold file from the Annotators dialog): the
// export is read and checked in the core's short steps, the person confirms when it would
// replace spans, and it is applied through the change queue, all or nothing. Files in other
// tools' formats are first turned into an export by the exchange module (several files at
// once for brat, Hugging Face and WebAnno).

import { page, view, ws } from '../state/state.js';
import { say, apply, attempt, writable, wordsFor } from '../state/messages.js';
import { change } from '../state/saving.js';
import { nextTask, STEP_MS } from '../state/frames.js';
import { emit, labelsChanged, show } from '../state/events.js';
import { tr } from '../words/i18n.js';
import { formatName } from '../words/formats.js';
import { loadImportWording } from '../words/import-wording.js';
import { bytesOf, ext } from './files.js';
import { exchange, exchangeReady } from './exchange-module.js';

/** @typedef {import('../pkg/alama.js').Format} Format */
/** @typedef {{ format: Format, predictions: boolean, files: File[] }} FileSet */

/** The export being read, if one is (its file name). @type {string | null} */
let reading = null;

/** `“name”`, or `3 files (a, b, c)`. */
function labelOf(/** @type {File[]} */ files) {
  if (files.length === 1) return `“${files[0].name}”`;
  const shown =
    files
      .slice(0, 3)
      .map((f) => f.name)
      .join(', ') + (files.length > 3 ? ', …' : '');
  return tr(`${files.length} files (${shown})`, `${files.length} ملفات (${shown})`);
}

/** A refusal of a file too large to read, worded as the core words it, or null. */
export function tooLarge(/** @type {File[]} */ files, max = page.limits.fileBytes) {
  const big = files.find((f) => f.size > max);
  if (!big) return null;
  return wordsFor({ error: { code: 'file', file: big.name, problem: { kind: 'too_large_to_read', bytes: big.size, max } } });
}

export const zipRefusal = (/** @type {string} */ name) =>
  tr(
    `“${name}” is a zip archive, and the page cannot read zip files: unzip it and open its .txt, .ann and annotation.conf files together (or use the alama command line, which reads the .zip). Nothing was changed.`,
    `«${name}» أرشيف zip، والصفحة لا تقرأ ملفات zip: فكّ ضغطه وافتح ملفات ‎.txt‎ و‎.ann‎ و‎annotation.conf‎ معًا (أو استعمل سطر أوامر alama الذي يقرأ ‎.zip‎). لم يتغيّر شيء.`,
  );

/** The SHA-256 of `bytes`, in hex, made by the browser. */
async function sha256Hex(/** @type {Uint8Array<ArrayBuffer>} */ bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Reads and checks an export in the core's short steps, letting the page paint and take
 * input between them, so that a large file never holds it for long. Resolves with what the
 * file holds (`documents`, `spans`), or null when it was refused (and said so).
 */
async function readInSteps(/** @type {string} */ name, /** @type {Uint8Array} */ bytes) {
  if (reading) {
    say(
      tr(
        `“${reading}” is still being read: import “${name}” when it is done. Nothing was changed.`,
        `ما زال «${reading}» قيد القراءة: استورد «${name}» بعد انتهائه. لم يتغيّر شيء.`,
      ),
      'error',
    );
    return null;
  }
  reading = name;
  try {
    // Reading the file was a task of its own; parsing it is another.
    await nextTask();
    // The browser hashes a long text (to check the SHA-256 the file claims) many times faster
    // than the module can; where it cannot (a page served without https), the module does.
    if (globalThis.crypto?.subtle) page.core.hashImportsOutside();
    if (!apply({ startImport: { file: name, bytes } }).ok) return null;
    for (;;) {
      const r = attempt(() => page.core.importFor(STEP_MS));
      if (!r.ok) return null;
      if (r.value !== undefined) return r.value;
      const text = page.core.importWantedDigest();
      if (!text) {
        await nextTask();
        continue;
      }
      // (A copy out of the module's memory, over an ArrayBuffer of its own.)
      const sha256 = await sha256Hex(/** @type {Uint8Array<ArrayBuffer>} */ (text)).catch((/** @type {any} */ e) => {
        apply('discardImport');
        say(
          tr(
            `The browser could not check “${name}” (${e.name}: ${e.message}). Nothing was changed.`,
            `تعذّر على المتصفح فحص «${name}» (${e.name}: ${e.message}). لم يتغيّر شيء.`,
          ),
          'error',
        );
        return null;
      });
      if (sha256 === null || !attempt(() => page.core.importDigest(sha256)).ok) return null;
    }
  } finally {
    reading = null;
  }
}

/**
 * Imports the canonical export `json` (its bytes, or the text a conversion made), read from
 * `files` as `format`: checked, confirmed if it would replace spans, applied, said; `notes`
 * are what a conversion noted. True when imported.
 * @param {{ files: File[], format: Format, predictions?: boolean, json: Uint8Array | string, notes?: any[] }} what
 */
export async function importWorkspace({ files, format, predictions = false, json, notes = [] }) {
  // Loaded while the file is read, not waited for: a refusal before it is in is said once it is.
  void loadImportWording();
  const checked = await readInSteps(files[0].name, typeof json === 'string' ? new TextEncoder().encode(json) : json);
  if (!checked) return false;
  const { documents, spans } = checked;
  const label = labelOf(files);
  const read = formatName(format, predictions);
  const now = page.core.totals();
  const spansNow = now.spans;
  const question = tr(
    `Import ${label}, read as ${read} (${documents} documents, ${spans} spans)? It replaces everything in the workspace “${ws.name}” (${now.documents} documents, ${spansNow} spans). To keep those, cancel and create a new workspace first, or export them.`,
    `أتستورد ${label} مقروءًا بصيغة ${read} (${documents} مستندات، ${spans} مقطعًا)؟ سيحلّ محلّ كل ما في مساحة العمل «${ws.name}» (${now.documents} مستندات، ${spansNow} مقطعًا). لتحتفظ بها، ألغِ وأنشئ مساحة عمل جديدة أولًا، أو صدّرها.`,
  );
  if (spansNow > 0 && !confirm(question)) {
    apply('discardImport');
    say(tr('Import cancelled; nothing was changed.', 'أُلغي الاستيراد؛ لم يتغيّر شيء.'));
    return false;
  }
  if (format === 'label-studio' && !predictions && spans === 0 && documents > 0) {
    notes = [
      ...notes,
      tr(
        'No annotation was found in the tasks. If the file holds predictions, import it with Import… → Label Studio tasks: their predictions.',
        'لم يوجد أي وسم في المهام. إن كان الملف يحوي تنبؤات، فاستورده عبر استيراد… ← مهام Label Studio: تنبؤاتها.',
      ),
    ];
  }
  // The notes dialog is loaded first, so that it opens as the import is said.
  const dialog = notes.length ? await import('./notes.js') : null;
  await nextTask();
  let imported = false;
  // Said as it is shown, in the same task; the parts are written after that frame (see
  // change()), and the save indicator says when they are.
  await change(async () => {
    if (!apply('commitImport').ok) return;
    imported = true;
    labelsChanged();
    emit('documents');
    const keep = (view.doc && page.core.documentIndex(view.doc) !== undefined ? page.core.document(view.doc) : null) ?? page.core.documentRows(0, 1)[0];
    const text = keep && page.core.text(keep.id);
    await nextTask();
    show(keep?.id ?? null, text);
    sayImported(documents, spans, label, read, notes, dialog);
  });
  return imported;
}

/** Says what an import brought in (from the file `label`, read as `read`) and shows what it noted in `dialog`. */
function sayImported(
  /** @type {number} */ documents,
  /** @type {number} */ spans,
  /** @type {string} */ label,
  /** @type {string} */ read,
  /** @type {any[]} */ notes,
  /** @type {typeof import('./notes.js') | null} */ dialog,
) {
  const more = notes.length ? ` ${tr(`${notes.length} note${notes.length === 1 ? '' : 's'}: see the list.`, `${notes.length} ملاحظات: انظر القائمة.`)}` : '';
  say(
    tr(
      `Imported ${documents} documents and ${spans} spans from ${label}, read as ${read}.`,
      `استُورد ${documents} مستندات و${spans} مقطعًا من ${label}، مقروءًا بصيغة ${read}.`,
    ) + more,
  );
  if (dialog && notes.length)
    dialog.showNotes(
      tr(`What the ${read} import ignored or converted`, `ما تجاهله استيراد ${read} أو حوّله`),
      tr('The import is done. Alama noted:', 'تمّ الاستيراد. لاحظت علامة:'),
      notes,
    );
}

/** The formats whose import reads a set of files: a brat collection, Hugging Face records and their label names, WebAnno documents. */
const SETS = ['brat', 'hf', 'webanno'];

/**
 * Imports one set of files in `format` (a brat collection being one set): an Alama export
 * is read by the session itself, any other format is first converted by the exchange module.
 * @param {FileSet} set
 */
export async function importFileSet({ format, predictions, files }) {
  if (!writable()) return false;
  void loadImportWording();
  const zip = files.find((f) => ext(f.name) === 'zip');
  if (zip) return (say(zipRefusal(zip.name), 'error'), false);
  const big = tooLarge(files);
  if (big) return (say(big, 'error'), false);
  if (!SETS.includes(format) && files.length > 1) {
    const what = formatName(format, predictions);
    say(
      tr(
        `An import of ${what} reads one file, and it replaces the workspace: pick one file. Nothing was changed.`,
        `استيراد ${what} يقرأ ملفًّا واحدًا ويحلّ محلّ مساحة العمل: اختر ملفًّا واحدًا. لم يتغيّر شيء.`,
      ),
      'error',
    );
    return false;
  }
  // The core decodes an export's bytes itself (and refuses them if they are not UTF-8).
  if (format === 'alama') return importWorkspace({ files, format, json: await bytesOf(files[0]) });
  const source = { name: '', format, predictions, files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await bytesOf(f) }))) };
  if (!(await exchangeReady((text) => say(text, 'error')))) return false;
  const read = attempt(() => exchange.readAsAlama(source));
  if (!read.ok) return false;
  return importWorkspace({ files, format, predictions, json: read.value.json, notes: read.value.notes });
}
