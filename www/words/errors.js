// @ts-check
// The core's refusals in the interface's language (and the pieces its notes are worded
// with: words/notes.js). The core hands them over as
// data (a `code` or `kind` and the fields a sentence needs); this module words each one in
// English, exactly as the core's `Display` does (tests/words/ checks every example the core
// lists), and in Arabic. The Arabic leaves out what only the JSON parser says (in English)
// and keeps numbers and offsets left to right. Pure functions: no DOM, no state.

/** @typedef {import('../pkg/alama.js').AlamaError} AlamaError */
/** @typedef {import('../pkg/alama.js').OffsetError} OffsetError */
/** @typedef {import('../pkg/alama.js').FileProblem} FileProblem */
/** @typedef {import('../pkg/alama.js').ImportProblem} ImportProblem */
/** @typedef {import('../pkg/alama.js').SpanProblem} SpanProblem */
/** @typedef {import('../pkg/alama.js').LabelProblem} LabelProblem */
/** @typedef {import('../pkg/alama.js').RestoreProblem} RestoreProblem */
/** @typedef {import('../pkg/alama.js').RequestProblem} RequestProblem */
/** @typedef {import('../pkg/alama.js').Place} Place */
/** @typedef {import('../pkg/alama.js').Step} Step */
/** @typedef {import('../pkg/alama_exchange.js').AgreeError} AgreeError */
/** @typedef {import('../pkg/alama_exchange.js').MergeError} MergeError */
/** @typedef {import('../pkg/alama_exchange.js').ZipError} ZipError */
/** @typedef {import('../pkg/alama_exchange.js').Format} Format */
/** @typedef {'en' | 'ar'} Lang */

// Left-to-right isolate, first-strong isolate, pop directional isolate.
const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

/** @param {Lang} lang @param {string} en @param {string} ar */
export const say = (lang, en, ar) => (lang === 'ar' ? ar : en);

/** A number, an offset range or a code sample, kept left to right in Arabic text. @param {string | number} s */
export const ltr = (s) => `${LRI}${s}${PDI}`;

/** A range of offsets: `8–13`. @param {number} start @param {number} end @param {Lang} lang */
export const range = (start, end, lang) => say(lang, `${start}–${end}`, ltr(`${start}–${end}`));

/** A name as it is (a label id, an annotator, a file), isolated in Arabic. @param {string} s @param {Lang} lang */
export const bare = (s, lang) => say(lang, s, `${FSI}${s}${PDI}`);

/** A name in quotes: “x” in English, «x» in Arabic. @param {string} s @param {Lang} lang */
export const quote = (s, lang) => say(lang, `“${s}”`, `«${FSI}${s}${PDI}»`);

/** Names joined: `a, b` in English, `a، b` in Arabic. @param {string[]} names @param {Lang} lang */
export const list = (names, lang) => names.map((n) => bare(n, lang)).join(say(lang, ', ', '، '));

/** A file the core names in words where there is no one file (it writes them in English). */
const NAMED = /** @type {Record<string, string>} */ ({
  'the workspace': 'مساحة العمل',
  'the brat files': 'ملفات brat',
  'the Hugging Face files': 'ملفات Hugging Face',
  'the WebAnno files': 'ملفات WebAnno',
});

/** A file named in a refusal: quoted, or the words for what it is. @param {string} file @param {Lang} lang */
const fileName = (file, lang) => (lang === 'ar' && NAMED[file] ? NAMED[file] : quote(file, lang));

/** What the page sent that the core could not read (src/web/ names them in English). */
const REQUESTS = /** @type {Record<string, string>} */ ({
  'the change': 'التغيير',
  'the time': 'الوقت',
  'the format': 'الصيغة',
  'the workspace': 'مساحة العمل',
  'the files to read': 'الملفات المطلوب قراءتها',
  "the annotators' files": 'ملفات المُعلِّمين',
  'the files of A': 'ملفات A',
  'the files of B': 'ملفات B',
  'the decisions': 'القرارات',
});

/**
 * A size as the core writes it: `40.0 MB` (of 2^20 bytes), the tenth rounded half to even
 * as Rust rounds it.
 * @param {number} bytes
 * @returns {string}
 */
function megabytes(bytes) {
  const unit = 1048576n;
  const tenths = BigInt(bytes) * 10n;
  let q = tenths / unit;
  const twice = (tenths % unit) * 2n;
  if (twice > unit || (twice === unit && q % 2n === 1n)) q += 1n;
  return `${q / 10n}.${q % 10n}`;
}

/** @param {number} bytes @param {Lang} lang */
const size = (bytes, lang) => say(lang, `${megabytes(bytes)} MB`, `${ltr(megabytes(bytes))} م.ب`);

/** A format as the notes name it. @param {Format} format @param {Lang} lang @returns {string} */
export function formatTitle(format, lang) {
  switch (format) {
    case 'alama':
      return say(lang, "Alama's JSON", 'صيغة JSON علامة');
    case 'jsonl':
      return say(lang, 'JSONL', 'صيغة JSONL');
    case 'brat':
      return say(lang, 'brat', 'صيغة brat');
    case 'label-studio':
      return say(lang, "Label Studio's tasks JSON", 'صيغة مهام Label Studio');
    case 'conll':
      return say(lang, 'CoNLL', 'صيغة CoNLL');
    case 'hf':
      return say(lang, "Hugging Face's token classification", 'صيغة تصنيف الرموز من Hugging Face');
    case 'webanno':
      return say(lang, 'WebAnno TSV', 'صيغة WebAnno TSV');
    case 'prodigy':
      return say(lang, "Prodigy's ner_manual", 'صيغة ner_manual من Prodigy');
    default: {
      /** @type {never} */
      const unworded = format;
      return String(unworded);
    }
  }
}

/** One step of a place. @param {Step} step @param {Lang} lang @returns {string} */
function wordStep(step, lang) {
  switch (step.kind) {
    case 'field':
      return say(lang, step.path, `الحقل ${ltr(step.path)}`);
    case 'file':
      return say(lang, step.name, `الملف ${quote(step.name, lang)}`);
    case 'document':
      return say(lang, `document “${step.id}”`, `المستند ${quote(step.id, lang)}`);
    case 'document_at':
      return say(lang, `document “${step.id}” (line ${step.line})`, `المستند ${quote(step.id, lang)} (السطر ${ltr(step.line)})`);
    case 'line':
      return say(lang, `line ${step.line}`, `السطر ${ltr(step.line)}`);
    case 'file_line':
      return say(lang, `${step.file} line ${step.line}`, `السطر ${ltr(step.line)} من ${quote(step.file, lang)}`);
    case 'item':
      return say(lang, `item ${step.item}`, `العنصر ${ltr(step.item)}`);
    case 'task':
      return say(lang, `task ${step.task}`, `المهمة ${ltr(step.task)}`);
    case 'task_document':
      return say(lang, `task ${step.task} (document “${step.document}”)`, `المهمة ${ltr(step.task)} (المستند ${quote(step.document, lang)})`);
    case 'entry':
      return `(${bare(step.name, lang)})`;
    case 'result':
      return say(lang, `result “${step.id}”`, `النتيجة ${quote(step.id, lang)}`);
    case 'result_number':
      return say(lang, `result ${step.number}`, `النتيجة ${ltr(step.number)}`);
    case 'span':
      return say(
        lang,
        `span ${step.id} (${step.label} “${step.text}” ${step.start}–${step.end})`,
        `المقطع ${ltr(step.id)} (${bare(step.label, lang)} ${quote(step.text, lang)} ${range(step.start, step.end, lang)})`,
      );
    default: {
      /** @type {never} */
      const unworded = step;
      return String(unworded);
    }
  }
}

/** Where in a file something is: its steps from the outside in. @param {Place} place @param {Lang} lang @returns {string} */
export function wordPlace(place, lang) {
  // An entry (brat's `T4`) stands in brackets after the line it is on.
  return place.map((step, i) => (i === 0 ? '' : step.kind === 'entry' ? ' ' : say(lang, ', ', '، ')) + wordStep(step, lang)).join('');
}

/** @param {OffsetError} p @param {Lang} lang @returns {string} */
function wordOffset(p, lang) {
  switch (p.kind) {
    case 'out_of_range':
      return say(lang, `position ${p.pos} is past the end of the text (length ${p.len})`, `الموضع ${ltr(p.pos)} بعد نهاية النص (طوله ${ltr(p.len)})`);
    case 'inside_surrogate_pair':
      return say(
        lang,
        `UTF-16 position ${p.pos} falls inside a character (between the halves of a surrogate pair)`,
        `موضع UTF-16 رقم ${ltr(p.pos)} يقع داخل حرف (بين نصفَي زوج بديل)`,
      );
    default: {
      /** @type {never} */
      const unworded = p;
      return String(unworded);
    }
  }
}

/** @param {FileProblem} p @param {Lang} lang @returns {string} */
function wordFile(p, lang) {
  switch (p.kind) {
    case 'empty':
      return say(lang, 'the file is empty', 'الملف فارغ');
    case 'too_large':
      return say(
        lang,
        `it is ${size(p.bytes, lang)}, and Alama opens text files of up to ${size(p.max, lang)}`,
        `حجمه ${size(p.bytes, lang)}، وعلامة تفتح الملفات النصية حتى ${size(p.max, lang)}`,
      );
    case 'too_large_to_read':
      return say(
        lang,
        `it is ${size(p.bytes, lang)}, and Alama reads annotation files of up to ${size(p.max, lang)}`,
        `حجمه ${size(p.bytes, lang)}، وعلامة تقرأ ملفات الوسم حتى ${size(p.max, lang)}`,
      );
    case 'binary':
      return say(
        lang,
        `this looks like a binary file, not text (a NUL byte at byte ${p.byte})`,
        `يبدو ملفًّا ثنائيًّا لا نصًّا (بايت NUL عند البايت ${ltr(p.byte)})`,
      );
    case 'not_utf8':
      return say(
        lang,
        `the file is not valid UTF-8 (invalid bytes at byte ${p.byte}, line ${p.line}); save it as UTF-8 and open it again`,
        `الملف ليس UTF-8 صالحًا (بايتات غير صالحة عند البايت ${ltr(p.byte)}، السطر ${ltr(p.line)})؛ احفظه بترميز UTF-8 وافتحه من جديد`,
      );
    default: {
      /** @type {never} */
      const unworded = p;
      return String(unworded);
    }
  }
}

/** How import problems are worded (words/import-errors.js), once it is loaded. @type {((p: ImportProblem, lang: Lang) => string) | null} */
let importWording = null;

/**
 * Takes the wording of import problems: words/import-errors.js (a third of these words,
 * needed only when a file is refused) hands it over as it loads, and every import loads it
 * before it starts (files/import.js).
 * @param {(p: ImportProblem, lang: Lang) => string} word
 */
export function useImportWording(word) {
  importWording = word;
}

/** Whether import problems can be worded yet (see `useImportWording`). */
export const hasImportWording = () => importWording !== null;

/** @param {SpanProblem} p @param {Lang} lang @returns {string} */
function wordSpan(p, lang) {
  switch (p.kind) {
    case 'twice':
      return say(lang, `${p.start}–${p.end} is tagged ${p.label} twice`, `${range(p.start, p.end, lang)} موسوم ${bare(p.label, lang)} مرتين`);
    case 'id_in_use':
      return say(lang, `span id ${p.span} is used twice`, `معرّف المقطع ${ltr(p.span)} مستعمل مرتين`);
    case 'outside':
      return say(
        lang,
        `span ${p.span} (${p.start}–${p.end}) is outside its text (length ${p.len} code points)`,
        `المقطع ${ltr(p.span)} (${range(p.start, p.end, lang)}) خارج نصه (طوله ${ltr(p.len)} من نقاط الترميز)`,
      );
    default: {
      /** @type {never} */
      const unworded = p;
      return String(unworded);
    }
  }
}

/** @param {LabelProblem} p @param {Lang} lang @returns {string} */
export function wordLabels(p, lang) {
  switch (p.kind) {
    case 'bad_id':
      return say(
        lang,
        `“${p.id}” is not a valid label id (a letter, then letters, digits or _)`,
        `${quote(p.id, lang)} ليس معرّف وسم صالحًا (حرف، ثم حروف أو أرقام أو _)`,
      );
    case 'bad_color':
      return say(lang, `“${p.color}” is not a colour of the form #rrggbb`, `${quote(p.color, lang)} ليس لونًا بالصيغة ${ltr('#rrggbb')}`);
    case 'twice':
      return say(lang, `label “${p.id}” appears twice`, `الوسم ${quote(p.id, lang)} مكرّر`);
    case 'needs_names':
      return say(lang, `label “${p.id}” needs an Arabic and an English name`, `الوسم ${quote(p.id, lang)} يحتاج إلى اسم عربي واسم إنجليزي`);
    case 'cannot_remove':
      return say(lang, `label “${p.id}” cannot be removed`, `لا يمكن إزالة الوسم ${quote(p.id, lang)}`);
    case 'too_many':
      return say(lang, `at most ${p.max} labels, one for each key 1–${p.max}`, `${ltr(p.max)} وسوم على الأكثر، وسم لكل مفتاح من ${range(1, p.max, lang)}`);
    default: {
      /** @type {never} */
      const unworded = p;
      return String(unworded);
    }
  }
}

/** @param {RestoreProblem} p @param {Lang} lang @returns {string} */
function wordRestore(p, lang) {
  switch (p.kind) {
    case 'snapshot_unreadable':
      return say(lang, `the saved workspace is not readable (${p.detail})`, 'مساحة العمل المحفوظة غير مقروءة');
    case 'record_unreadable':
      return say(lang, `a saved change is not readable (${p.detail})`, 'تغيير محفوظ غير مقروء');
    case 'opened_twice':
      return say(lang, `document “${p.document}” is opened twice`, `المستند ${quote(p.document, lang)} مفتوح مرتين`);
    case 'document_unreadable':
      return say(lang, `the saved document “${p.document}” is not readable (${p.detail})`, `المستند المحفوظ ${quote(p.document, lang)} غير مقروء`);
    case 'nothing_to_undo':
      return say(lang, `nothing to undo in “${p.document}”`, `لا شيء للتراجع عنه في ${quote(p.document, lang)}`);
    case 'nothing_to_redo':
      return say(lang, `nothing to redo in “${p.document}”`, `لا شيء لإعادته في ${quote(p.document, lang)}`);
    case 'replay': {
      const error = wordError(p.error, lang);
      // The error ends its own sentence; in Arabic the outer sentence does.
      return say(
        lang,
        `saved change ${p.at} of ${p.total} could not be replayed: ${error}`,
        `تعذّرت إعادة تطبيق التغيير المحفوظ ${ltr(p.at)} من ${ltr(p.total)}: ${error.replace(/\.$/, '')}`,
      );
    }
    default: {
      /** @type {never} */
      const unworded = p;
      return String(unworded);
    }
  }
}

/** @param {RequestProblem} p @param {Lang} lang @returns {string} */
function wordRequest(p, lang) {
  switch (p.kind) {
    case 'unreadable':
      return say(lang, `${p.what} is malformed: ${p.detail}`, `تعذّرت قراءة ${REQUESTS[p.what] ?? 'ما أرسلته الصفحة'} (بنية غير متوقَّعة)`);
    case 'no_import_being_read':
      return say(lang, 'There is no import being read', 'لا استيراد قيد القراءة');
    case 'no_checked_import':
      return say(lang, 'There is no checked import to apply', 'لا استيراد مفحوص لتطبيقه');
    case 'import_under_way':
      return say(lang, `“${p.file}” is still being read`, `ما زال ${quote(p.file, lang)} قيد القراءة`);
    case 'no_restore_under_way':
      return say(lang, 'There is no restore under way', 'لا استعادة جارية');
    case 'restore_under_way':
      return say(lang, 'The documents are still being restored; try again in a moment', 'ما زالت المستندات قيد الاستعادة؛ أعد المحاولة بعد لحظة');
    default: {
      /** @type {never} */
      const unworded = p;
      return String(unworded);
    }
  }
}

/**
 * The disagreements without a decision, as the core lists them: the first ten, then how
 * many more.
 * @param {[string, number][]} open @param {Lang} lang
 * @returns {string}
 */
function undecided(open, lang) {
  const shown = open.slice(0, 10).map(([d, k]) => say(lang, `“${d}” #${k}`, `${quote(d, lang)} ${ltr(`#${k}`)}`));
  const more = open.length > 10 ? say(lang, ` and ${open.length - 10} more`, ` و${ltr(open.length - 10)} غيرها`) : '';
  return say(
    lang,
    `${open.length} disagreements have no decision: ${shown.join(', ')}${more}.`,
    `${ltr(open.length)} من الخلافات بلا قرار: ${shown.join('، ')}${more}.`,
  );
}

/** The core's refusal in the interface's language. @param {AlamaError | AgreeError | MergeError | ZipError} error @param {Lang} lang @returns {string} */
export function wordError(error, lang) {
  switch (error.code) {
    case 'unknown_document':
      return say(lang, `There is no document “${error.document}”.`, `لا يوجد مستند ${quote(error.document, lang)}.`);
    case 'unknown_span':
      return say(lang, `There is no span ${error.span} in this document.`, `لا يوجد المقطع ${ltr(error.span)} في هذا المستند.`);
    case 'unknown_label':
      return say(lang, `There is no label “${error.label}”.`, `لا يوجد وسم ${quote(error.label, lang)}.`);
    case 'offset':
      return say(
        lang,
        `The selection is not inside the text: ${wordOffset(error.problem, lang)}.`,
        `التحديد ليس داخل النص: ${wordOffset(error.problem, lang)}.`,
      );
    case 'nothing_to_tag':
      return say(lang, 'The selection holds only spaces or punctuation: nothing to tag.', 'التحديد لا يحوي إلا مسافات أو علامات ترقيم: لا شيء للوسم.');
    case 'duplicate':
      return say(
        lang,
        `“${error.text}” is already tagged ${error.label} at exactly these characters.`,
        `${quote(error.text, lang)} موسوم بالفعل ${bare(error.label, lang)} على هذه الأحرف نفسها.`,
      );
    case 'file':
      return say(
        lang,
        `Cannot open “${error.file}”: ${wordFile(error.problem, lang)}.`,
        `تعذّر فتح ${fileName(error.file, lang)}: ${wordFile(error.problem, lang)}.`,
      );
    case 'import': {
      const at = error.at.length ? `${wordPlace(error.at, lang)}: ` : '';
      // (Loaded before any import starts; the problem's code, should it not be.)
      const why = importWording ? importWording(error.problem, lang) : error.problem.kind;
      return say(
        lang,
        `Cannot import “${error.file}”: ${at}${why}. Nothing was changed.`,
        `تعذّر استيراد ${fileName(error.file, lang)}: ${at}${why}. لم يتغيّر شيء.`,
      );
    }
    case 'span':
      return say(lang, `The change was refused: ${wordSpan(error.problem, lang)}.`, `رُفض التغيير: ${wordSpan(error.problem, lang)}.`);
    case 'labels':
      return say(lang, `The labels were not changed: ${wordLabels(error.problem, lang)}.`, `لم تتغيّر الوسوم: ${wordLabels(error.problem, lang)}.`);
    case 'restore':
      return say(
        lang,
        `The saved work could not be restored: ${wordRestore(error.problem, lang)}.`,
        `تعذّرت استعادة العمل المحفوظ: ${wordRestore(error.problem, lang)}.`,
      );
    case 'request':
      return `${wordRequest(error.problem, lang)}.`;
    case 'agree_too_few':
      return say(
        lang,
        `Agreement needs at least two annotators' files, not ${error.files}.`,
        `يحتاج الاتفاق إلى ملفَّي مُعلِّمَين على الأقل، لا ${ltr(error.files)}.`,
      );
    case 'agree_same_name':
      return say(
        lang,
        `Two annotators are both called “${error.name}”: give each file its own name.`,
        `مُعلِّمان يحملان الاسم نفسه ${quote(error.name, lang)}: أعطِ كل ملف اسمًا خاصًّا به.`,
      );
    case 'merge_unknown_document':
      return say(
        lang,
        `A decision names the document “${error.document}”, which is not in both files.`,
        `أحد القرارات يسمّي المستند ${quote(error.document, lang)}، وهو ليس في الملفين كليهما.`,
      );
    case 'merge_unknown_disagreement':
      return say(
        lang,
        `Document “${error.document}” has no disagreement ${error.disagreement}.`,
        `ليس في المستند ${quote(error.document, lang)} خلاف رقمه ${ltr(error.disagreement)}.`,
      );
    case 'merge_decided_twice':
      return say(
        lang,
        `Document “${error.document}”, disagreement ${error.disagreement} is decided twice.`,
        `المستند ${quote(error.document, lang)}، الخلاف ${ltr(error.disagreement)}: بُتّ فيه مرتين.`,
      );
    case 'merge_stale':
      return say(
        lang,
        `Document “${error.document}”, disagreement ${error.disagreement}: the decision was made on other versions of the spans than the files hold now; compare again`,
        `المستند ${quote(error.document, lang)}، الخلاف ${ltr(error.disagreement)}: اتُّخذ القرار على نسخ من المقاطع غير التي في الملفات الآن؛ قارن من جديد.`,
      );
    case 'merge_bad_draft':
      return say(
        lang,
        `Document “${error.document}”, disagreement ${error.disagreement}: ${error.problem}.`,
        `المستند ${quote(error.document, lang)}، الخلاف ${ltr(error.disagreement)}: أحد المقاطع المحرَّرة لا يصلح (خارج النص أو بوسم ليس في مجموعة الوسوم).`,
      );
    case 'merge_undecided':
      return undecided(error.open, lang);
    case 'zip_too_many_files':
      return say(
        lang,
        `a zip archive holds at most 65,535 files, not ${error.files}`,
        `أرشيف zip يحوي ${ltr('65,535')} ملفًّا على الأكثر، لا ${ltr(error.files)}`,
      );
    case 'zip_too_large':
      return say(
        lang,
        `“${error.path}” is too large for a zip archive without ZIP64 (4 GiB)`,
        `${quote(error.path, lang)} أكبر مما يسعه أرشيف zip بلا ZIP64 (${ltr('4 GiB')})`,
      );
    case 'zip_bad_path':
      return say(lang, `“${error.path}” cannot be a path in a zip archive`, `لا يصلح ${quote(error.path, lang)} مسارًا في أرشيف zip`);
    case 'zip_unreadable':
      return say(
        lang,
        `Cannot read the zip archive “${error.archive}”: ${error.problem}.`,
        `تعذّرت قراءة أرشيف zip ${quote(error.archive, lang)}: إنه تالف أو يستعمل ما لا يعرفه هذا القارئ.`,
      );
    default: {
      /** @type {never} */
      const unworded = error;
      return String(unworded);
    }
  }
}
