// @ts-check
// How the core's import problems are worded (a part of words/errors.js, loaded the first
// time an import starts: most sessions never see one), in English exactly as the core's
// `Display` does, and in Arabic. Loading this module hands the wording to errors.js.

import { say, ltr, range, bare, quote, list, wordLabels, useImportWording } from './errors.js';

/** @typedef {import('../pkg/alama.js').ImportProblem} ImportProblem */
/** @typedef {'en' | 'ar'} Lang */

/** The JSON parser's position, for the Arabic that leaves out its English words. @param {number} line @param {number} column */
const at = (line, column) => `السطر ${ltr(line)}، العمود ${ltr(column)}`;

/** The span shapes a JSONL importer reads. */
const JSONL_SPAN_EN = 'expected [start, end, "LABEL"] or {"start_offset", "end_offset", "label"}';
const JSONL_SPAN_AR = 'المتوقَّع قائمة [البداية، النهاية، "الوسم"] أو كائن فيه "start_offset" و"end_offset" و"label"';

/** @param {ImportProblem} p @param {Lang} lang @returns {string} */
export function wordImport(p, lang) {
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

useImportWording(wordImport);
