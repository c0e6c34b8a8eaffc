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

/** The JSON parser's position, for the Arabic that leaves out its English words. @param {number} line @param {number} column */
const at = (line, column) => `السطر ${ltr(line)}، العمود ${ltr(column)}`;

/** The span shapes a JSONL importer reads. */
const JSONL_SPAN_EN = 'expected [start, end, "LABEL"] or {"start_offset", "end_offset", "label"}';
const JSONL_SPAN_AR = 'المتوقَّع قائمة [البداية، النهاية، "الوسم"] أو كائن فيه "start_offset" و"end_offset" و"label"';

/** @param {ImportProblem} p @param {Lang} lang @returns {string} */
function wordImport(p, lang) {
  switch (p.kind) {
    case 'not_utf8':
      return say(lang, 'the file is not valid UTF-8', 'الملف ليس UTF-8 صالحًا');
    case 'not_json':
      return say(lang, `this is not valid JSON (${p.detail})`, `هذا ليس JSON صالحًا (${at(p.line, p.column)})`);
    case 'not_alama_top_level':
      return say(
        lang,
        'this is JSON but not an Alama export (the top level is not an object)',
        'هذا JSON لكنه ليس ملف تصدير من علامة (مستواه الأعلى ليس كائنًا)',
      );
    case 'not_alama_no_format':
      return say(
        lang,
        'this is JSON but not an Alama export (it has no "format": "alama" field)',
        `هذا JSON لكنه ليس ملف تصدير من علامة (لا حقل فيه ${ltr('"format": "alama"')})`,
      );
    case 'other_format':
      return say(lang, `this is a “${p.format}” file, not an Alama export`, `هذا ملف ${quote(p.format, lang)}، لا ملف تصدير من علامة`);
    case 'version_unsupported':
      return say(
        lang,
        `version ${p.version} is not supported; this Alama reads version ${p.supported}`,
        `الإصدار ${ltr(p.version)} غير مدعوم؛ هذه النسخة من علامة تقرأ الإصدار ${ltr(p.supported)}`,
      );
    case 'version_missing':
      return say(lang, 'missing or not a whole number', 'مفقود أو ليس عددًا صحيحًا');
    case 'malformed':
      return say(lang, `the export is malformed (${p.detail})`, `بنية ملف التصدير غير سليمة (${at(p.line, p.column)})`);
    case 'offsets_unit':
      return say(
        lang,
        `offsets in “${p.unit}” are not supported; expected “${p.expected}”`,
        `المواضع بوحدة ${quote(p.unit, lang)} غير مدعومة؛ المتوقَّع ${quote(p.expected, lang)}`,
      );
    case 'no_labels':
      return say(lang, 'the label set is empty', 'مجموعة الوسوم فارغة');
    case 'label':
      return wordLabels(p.problem, lang);
    case 'document_id':
      return say(lang, `the document id “${p.id}” is empty or used twice`, `معرّف المستند ${quote(p.id, lang)} فارغ أو مستعمل مرتين`);
    case 'not_a_list':
      return say(lang, 'is not a list', 'ليس قائمة');
    case 'text_not_a_string':
      return say(lang, `is not a string (${p.detail})`, 'ليس سلسلة نصية');
    case 'sha256_mismatch':
      return say(
        lang,
        `does not match the text of “${p.name}”: the text was changed after it was exported`,
        `لا يطابق نص ${quote(p.name, lang)}: تغيّر النص بعد تصديره`,
      );
    case 'span_malformed':
      return say(lang, `the span is malformed (${p.detail})`, 'بنية المقطع غير سليمة');
    case 'list_ends_early':
      return say(lang, 'the list ends too early', 'تنتهي القائمة قبل أوانها');
    case 'expected_comma_or_bracket':
      return say(lang, 'expected “,” or “]” after the span', `المتوقَّع ${quote(',', lang)} أو ${quote(']', lang)} بعد المقطع`);
    case 'span_id_zero':
      return say(lang, 'span ids start at 1', `معرّفات المقاطع تبدأ من ${ltr(1)}`);
    case 'offsets_outside':
      return say(
        lang,
        `offsets ${p.start}–${p.end} are not inside the text (length ${p.len} code points)`,
        `المواضع ${range(p.start, p.end, lang)} ليست داخل النص (طوله ${ltr(p.len)} من نقاط الترميز)`,
      );
    case 'span_text_mismatch':
      return say(
        lang,
        `is “${p.claimed}” but the text at ${p.start}–${p.end} is “${p.actual}”`,
        `قيمته ${quote(p.claimed, lang)} لكن النص في ${range(p.start, p.end, lang)} هو ${quote(p.actual, lang)}`,
      );
    case 'label_not_in_set':
      return say(lang, `“${p.label}” is not in the file's label set`, `${quote(p.label, lang)} ليس في مجموعة وسوم الملف`);
    case 'span_twice':
      return say(
        lang,
        `span id ${p.id} is used twice, or ${p.start}–${p.end} is tagged ${p.label} twice`,
        `معرّف المقطع ${ltr(p.id)} مستعمل مرتين، أو ${range(p.start, p.end, lang)} موسوم ${bare(p.label, lang)} مرتين`,
      );
    case 'not_read_to_end':
      return say(lang, 'the file was not read to the end', 'لم يُقرأ الملف إلى آخره');
    case 'label_unusable':
      return say(
        lang,
        `the label “${p.label}” cannot be used: a label id is an ASCII letter followed by up to 31 letters, digits or _`,
        `لا يمكن استعمال الوسم ${quote(p.label, lang)}: معرّف الوسم حرف ASCII يليه حتى ${ltr(31)} من الحروف أو الأرقام أو _`,
      );
    case 'span_without_document':
      return say(lang, 'the span belongs to no document', 'المقطع لا ينتمي إلى أي مستند');
    case 'one_file_only':
      return say(
        lang,
        `a ${p.format} import reads exactly one file, not ${p.files}`,
        `استيراد ${bare(p.format, lang)} يقرأ ملفًّا واحدًا بالضبط، لا ${ltr(p.files)}`,
      );
    case 'no_tab':
      return say(
        lang,
        'expected an entry, a tab and a label (e.g. “بوتين<TAB>PER”), found no tab',
        `المتوقَّع مدخل ثم علامة جدولة ثم وسم (مثل ${quote('بوتين<TAB>PER', lang)})، ولا علامة جدولة هنا`,
      );
    case 'extra_tab':
      return say(lang, 'more than one tab: write one entry and one label a line', 'أكثر من علامة جدولة: اكتب مدخلًا واحدًا ووسمًا واحدًا في كل سطر');
    case 'empty_entry':
      return say(lang, 'the entry before the tab has no letters or digits', 'المدخل قبل علامة الجدولة بلا حروف ولا أرقام');
    case 'empty_label':
      return say(lang, 'no label after the tab', 'لا وسم بعد علامة الجدولة');
    case 'unknown_list_label':
      return say(
        lang,
        `there is no label “${p.label}” (the labels are ${p.known.join(', ')})`,
        `لا يوجد وسم ${quote(p.label, lang)} (الوسوم: ${list(p.known, lang)})`,
      );
    case 'no_entries':
      return say(lang, 'the list has no entries', 'القائمة بلا مدخلات');
    case 'text_changed':
      return say(
        lang,
        `the sha256 does not match the text of “${p.id}”: the text was changed after it was exported`,
        `قيمة sha256 لا تطابق نص ${quote(p.id, lang)}: تغيّر النص بعد تصديره`,
      );
    case 'jsonl_no_document':
      return say(
        lang,
        'there is no document in this file (expected one JSON object per line with a "text" field)',
        'لا مستند في هذا الملف (المتوقَّع كائن JSON في كل سطر، فيه حقل "text")',
      );
    case 'jsonl_no_text':
      return say(
        lang,
        'there is no "text" string (expected {"text": ..., "label": [[start, end, "LABEL"], ...]})',
        'لا نص في حقل "text" (المتوقَّع كائن فيه "text" نصًّا، و"label" قائمةً من [البداية، النهاية، "الوسم"])',
      );
    case 'jsonl_bad_array':
      return say(
        lang,
        'an array record must be ["text", {"entities": [[start, end, "LABEL"], ...]}]',
        'السجل المكتوب قائمةً يحوي عنصرين: النص، ثم كائنًا فيه "entities" قائمةً من [البداية، النهاية، "الوسم"]',
      );
    case 'jsonl_not_an_object':
      return say(lang, 'expected a JSON object with a "text" field', 'المتوقَّع كائن JSON فيه حقل "text"');
    case 'jsonl_spans_not_a_list':
      return say(lang, `"${p.key}" is not a list of spans`, `الحقل "${p.key}" ليس قائمة مقاطع`);
    case 'jsonl_span_text_mismatch':
      return say(
        lang,
        `the span says “${p.claimed}” but the text at ${p.start}–${p.end} is “${p.actual}”`,
        `يقول المقطع ${quote(p.claimed, lang)} لكن النص في ${range(p.start, p.end, lang)} هو ${quote(p.actual, lang)}`,
      );
    case 'jsonl_span_offsets':
      return say(lang, `${JSONL_SPAN_EN}, with whole, non-negative offsets`, `${JSONL_SPAN_AR}، بمواضع أعداد صحيحة غير سالبة`);
    case 'jsonl_span_shape':
      return say(lang, JSONL_SPAN_EN, JSONL_SPAN_AR);
    case 'brat_no_txt':
      return say(
        lang,
        'there is no .txt file with this .ann: the text is needed to read its offsets',
        `لا ملف ${ltr('.txt')} مع ملف ${ltr('.ann')} هذا: النص لازم لقراءة مواضعه`,
      );
    case 'brat_no_document':
      return say(
        lang,
        'there is no .txt file: a brat collection has a .txt and an .ann per document',
        `لا ملف ${ltr('.txt')}: لكل مستند في مجموعة brat ملف ${ltr('.txt')} وملف ${ltr('.ann')}`,
      );
    case 'brat_not_annotation_line':
      return say(lang, 'this is not a brat annotation line (T…, R…, E…, A…, N…, #…)', `هذا ليس سطر وسم من brat (${ltr('T…, R…, E…, A…, N…, #…')})`);
    case 'brat_no_text_bound':
      return say(
        lang,
        'expected “T1<TAB>LABEL START END<TAB>text”',
        'المتوقَّع المعرّف (مثل T1) ثم علامة جدولة ثم الوسم والبداية والنهاية ثم علامة جدولة ثم النص',
      );
    case 'brat_bad_offsets':
      return say(
        lang,
        `“${p.offsets}” is not a list of offsets like “0 5” or “0 5;6 9”`,
        `${quote(p.offsets, lang)} ليست قائمة مواضع مثل ${quote('0 5', lang)} أو ${quote('0 5;6 9', lang)}`,
      );
    case 'brat_text_mismatch':
      return say(
        lang,
        `the file says “${p.claimed}” but the text at ${p.offsets} is “${p.actual}”`,
        `يقول الملف ${quote(p.claimed, lang)} لكن النص في ${ltr(p.offsets)} هو ${quote(p.actual, lang)}`,
      );
    case 'label_studio_not_tasks':
      return say(lang, 'expected a list of Label Studio tasks', 'المتوقَّع قائمة مهام من Label Studio');
    case 'label_studio_task_not_an_object':
      return say(lang, 'a task is a JSON object with "data"', 'المهمة كائن JSON فيه "data"');
    case 'label_studio_no_task':
      return say(lang, 'there is no task in this file', 'لا مهمة في هذا الملف');
    case 'label_studio_no_text':
      return say(
        lang,
        'the task\'s data has no "text" field (and not exactly one text field to use instead)',
        'ليس في بيانات المهمة حقل "text" (ولا حقل نصي واحد بعينه يُقرأ بدلًا منه)',
      );
    case 'label_studio_text_mismatch':
      return say(
        lang,
        `the result says “${p.claimed}” but the text at ${p.start}–${p.end} is “${p.actual}”`,
        `تقول النتيجة ${quote(p.claimed, lang)} لكن النص في ${range(p.start, p.end, lang)} هو ${quote(p.actual, lang)}`,
      );
    case 'label_studio_labels_not_names':
      return say(lang, '"labels" must be a list of label names', 'يجب أن يكون "labels" قائمة بأسماء وسوم');
    case 'conll_no_token':
      return say(
        lang,
        'there is no token in this file (expected lines of a token, a tab and a tag)',
        'لا رمز في هذا الملف (المتوقَّع أسطر في كل منها رمز ثم علامة جدولة ثم وسم)',
      );
    case 'conll_not_a_json_string':
      return say(lang, `the ${p.key} is not a JSON string (${p.detail})`, `قيمة ${quote(p.key, lang)} ليست سلسلة نصية بصيغة JSON`);
    case 'conll_no_tag':
      return say(lang, 'expected a token and a tag separated by a tab', 'المتوقَّع رمز ووسم تفصل بينهما علامة جدولة');
    case 'conll_text_changed':
      return say(lang, 'the sha256 does not match the text: the text was changed after it was exported', 'قيمة sha256 لا تطابق النص: تغيّر النص بعد تصديره');
    case 'conll_not_iob2':
      return say(lang, `“${p.tag}” is not an IOB2 tag (O, B-LABEL or I-LABEL)`, `${quote(p.tag, lang)} ليس وسم IOB2 (المتوقَّع O، أو B- أو I- يليهما الوسم)`);
    case 'conll_token_not_next':
      return say(
        lang,
        `the token “${p.token}” is not next in the document's text (found “${p.found}” at ${p.at})`,
        `الرمز ${quote(p.token, lang)} ليس التالي في نص المستند (وُجد ${quote(p.found, lang)} في الموضع ${ltr(p.at)})`,
      );
    case 'hf_no_records':
      return say(
        lang,
        'there is no .jsonl file of records among the files (expected the records and, if the tags are numbers, label_names.json)',
        `لا ملف ${ltr('.jsonl')} للسجلات بين الملفات (المتوقَّع السجلات، ومعها ${ltr('label_names.json')} إن كانت الوسوم أرقامًا)`,
      );
    case 'hf_bad_label_names':
      return say(
        lang,
        'the label names are not a JSON list of tag names such as ["O", "B-PER", "I-PER"]',
        `أسماء الوسوم ليست قائمة JSON بأسماء وسوم مثل ${ltr('"O"')} و${ltr('"B-PER"')} و${ltr('"I-PER"')}`,
      );
    case 'hf_no_text_or_tokens':
      return say(lang, 'the record has neither "text" nor "tokens"', 'ليس في السجل "text" ولا "tokens"');
    case 'hf_tokens_not_strings':
      return say(lang, '"tokens" must be a list of strings', 'يجب أن يكون "tokens" قائمة سلاسل نصية');
    case 'hf_tags_length':
      return say(
        lang,
        `there are ${p.tokens} tokens but ${p.tags} ner_tags: there must be one tag per token`,
        `عدد الرموز ${ltr(p.tokens)} وعدد وسوم ${ltr('ner_tags')} ${ltr(p.tags)}: يجب أن يكون لكل رمز وسم واحد`,
      );
    case 'hf_bad_tag':
      return say(lang, 'a tag must be a whole number or a name such as "B-PER"', `يجب أن يكون الوسم عددًا صحيحًا أو اسمًا مثل ${ltr('"B-PER"')}`);
    case 'hf_tag_out_of_range':
      return say(
        lang,
        `the tag ${p.tag} has no name: the label names list has ${p.names}`,
        `لا اسم للوسم ${ltr(p.tag)}: في قائمة أسماء الوسوم ${ltr(p.names)} فقط`,
      );
    case 'hf_offsets_shape':
      return say(
        lang,
        '"token_offsets" must be a list of [start, end] pairs, one per token',
        'يجب أن يكون "token_offsets" قائمة أزواج [البداية، النهاية]، زوجًا لكل رمز',
      );
    case 'hf_token_offsets':
      return say(
        lang,
        `token_offsets put the token “${p.token}” at ${p.start}–${p.end}, but the text there is “${p.actual}”`,
        `يضع ${ltr('token_offsets')} الرمز ${quote(p.token, lang)} في ${range(p.start, p.end, lang)}، لكن النص هناك ${quote(p.actual, lang)}`,
      );
    case 'webanno_not_tsv3':
      return say(
        lang,
        'this is not a WebAnno TSV 3 file (its first line is not “#FORMAT=WebAnno TSV 3.x”)',
        `هذا ليس ملف ${ltr('WebAnno TSV 3')} (سطره الأول ليس ${quote('#FORMAT=WebAnno TSV 3.x', lang)})`,
      );
    case 'webanno_too_few_columns':
      return say(
        lang,
        `expected ${p.expected} columns separated by tabs, as the header declares, but found ${p.found}`,
        `المتوقَّع ${ltr(p.expected)} من الأعمدة تفصل بينها علامات جدولة، كما يعلن الترويس، لكن وُجد ${ltr(p.found)}`,
      );
    case 'webanno_bad_offsets':
      return say(lang, `“${p.offsets}” is not a token's offsets such as “0-4”`, `${quote(p.offsets, lang)} ليست مواضع رمز مثل ${quote('0-4', lang)}`);
    case 'webanno_token_before_text':
      return say(lang, "a token line before its sentence's #Text= line", `سطر رمز قبل سطر ${ltr('#Text=')} لجملته`);
    case 'webanno_sentence_overlap':
      return say(
        lang,
        `the sentence's first token starts at ${p.start}, inside the sentences before it (they end at ${p.len}, in UTF-16 units)`,
        `يبدأ أول رموز الجملة عند ${ltr(p.start)}، داخل الجمل التي قبلها (تنتهي عند ${ltr(p.len)} بوحدات UTF-16)`,
      );
    case 'webanno_token_mismatch':
      return say(
        lang,
        `the token “${p.token}” is not the text at ${p.start}–${p.end} (UTF-16 units), which is “${p.actual}”`,
        `الرمز ${quote(p.token, lang)} ليس النص في ${range(p.start, p.end, lang)} (بوحدات UTF-16)، وهو ${quote(p.actual, lang)}`,
      );
    case 'prodigy_bad_tokens':
      return say(
        lang,
        '"tokens" must be a list of {"text", "start", "end"} objects, offsets whole and not negative',
        'يجب أن يكون "tokens" قائمة كائنات فيها "text" و"start" و"end"، بمواضع أعداد صحيحة غير سالبة',
      );
    case 'prodigy_token_mismatch':
      return say(
        lang,
        `the token “${p.token}” is not the text at ${p.start}–${p.end}, which is “${p.actual}”`,
        `الرمز ${quote(p.token, lang)} ليس النص في ${range(p.start, p.end, lang)}، وهو ${quote(p.actual, lang)}`,
      );
    default: {
      /** @type {never} */
      const unworded = p;
      return String(unworded);
    }
  }
}

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
function wordLabels(p, lang) {
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
      return say(
        lang,
        `Cannot import “${error.file}”: ${at}${wordImport(error.problem, lang)}. Nothing was changed.`,
        `تعذّر استيراد ${fileName(error.file, lang)}: ${at}${wordImport(error.problem, lang)}. لم يتغيّر شيء.`,
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
