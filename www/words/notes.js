// @ts-check
// What an import or an export noted (a format's loss, a conversion, a guess), in the
// interface's language, as words/errors.js words the refusals. Loaded with the notes
// dialog: most sessions never show one. Pure functions: no DOM, no state.

import { say, ltr, range, bare, quote, list, formatTitle, wordPlace } from './errors.js';

/** @typedef {import('../pkg/alama_exchange.js').Note} Note */
/** @typedef {import('../pkg/alama_exchange.js').NoteKind} NoteKind */
/** @typedef {'en' | 'ar'} Lang */

/** How many of something, and its name in Arabic: `3 من النتائج`. @param {number} count */
const some = (count) => `${ltr(count)} من`;

/** The figures a span is left out of: overall, or one label's. @param {string | undefined | null} label @param {Lang} lang */
const figures = (label, lang) => say(lang, `the ${label ?? 'overall'} figures`, label == null ? 'الأرقام الإجمالية' : `أرقام ${bare(label, lang)}`);

/** A Label Studio task's list of results, by its field. */
const RESULT_SETS = /** @type {Record<string, string>} */ ({ annotations: 'التوسيمات', completions: 'التوسيمات', predictions: 'التنبؤات' });

/** @param {NoteKind} n @param {Lang} lang @returns {string} */
function wordNoteKind(n, lang) {
  switch (n.kind) {
    case 'label_added':
      return say(
        lang,
        `label ${n.label} is not one of the default labels; it was added with the colour ${n.color}`,
        `الوسم ${bare(n.label, lang)} ليس من الوسوم الافتراضية؛ أُضيف باللون ${ltr(n.color)}`,
      );
    case 'id_taken':
      return say(
        lang,
        `the id “${n.wanted}” was already used by another document; this one is “${n.id}”`,
        `المعرّف ${quote(n.wanted, lang)} لمستند آخر؛ معرّف هذا المستند ${quote(n.id, lang)}`,
      );
    case 'empty_span_skipped':
      return say(lang, `an empty span (${n.label} at ${n.start}) was skipped`, `تُخطّي مقطع فارغ (${bare(n.label, lang)} عند ${ltr(n.start)})`);
    case 'duplicate_span':
      return say(
        lang,
        `${n.label} ${n.start}–${n.end} appears twice; it was kept once`,
        `${bare(n.label, lang)} ${range(n.start, n.end, lang)} مكرّر؛ أُبقي مرة واحدة`,
      );
    case 'label_set_lost':
      return say(
        lang,
        `${formatTitle(n.format, lang)} keeps label ids only: the label set's names and colours are not written (an import gets the default ones)`,
        `${formatTitle(n.format, lang)} لا تحفظ إلا معرّفات الوسوم: لا تُكتب أسماء الوسوم ولا ألوانها (ويأخذ الاستيراد الافتراضية منها)`,
      );
    case 'annotators_lost':
      return say(
        lang,
        `${formatTitle(n.format, lang)} has no place for annotator names: ${n.spans} spans lose theirs`,
        `لا مكان في ${formatTitle(n.format, lang)} لأسماء المُعلِّمين: ${some(n.spans)} المقاطع تفقد أسماءهم`,
      );
    case 'classes_ignored':
      return say(
        lang,
        `${n.count} labels that are not spans (document classes) were ignored`,
        `تُجوهل ${some(n.count)} الوسوم التي ليست مقاطع (تصنيفات للمستند)`,
      );
    case 'brat_file_names':
      return say(
        lang,
        `the id cannot be a file name as it is: the files are “${n.stem}.txt” and “${n.stem}.ann”`,
        `لا يصلح المعرّف اسمَ ملف كما هو: الملفان ${quote(`${n.stem}.txt`, lang)} و${quote(`${n.stem}.ann`, lang)}`,
      );
    case 'brat_name_lost':
      return say(
        lang,
        `brat keeps no file name: “${n.name}” comes back as “${n.stem}.txt”`,
        `لا تحفظ brat اسم الملف: يعود ${quote(n.name, lang)} باسم ${quote(`${n.stem}.txt`, lang)}`,
      );
    case 'brat_same_as_another':
      return say(
        lang,
        `without the line breaks at its edges it is ${n.start}–${n.end}, like another ${n.label} span: it is not written`,
        `من دون فواصل الأسطر على طرفيه يصير ${range(n.start, n.end, lang)}، مثل مقطع ${bare(n.label, lang)} آخر: لم يُكتب`,
      );
    case 'brat_edges_moved':
      return say(
        lang,
        `is written as ${n.start}–${n.end}: a brat fragment cannot begin or end with a line break`,
        `كُتب ${range(n.start, n.end, lang)}: لا يبدأ جزء في brat بفاصل أسطر ولا ينتهي به`,
      );
    case 'brat_only_line_breaks':
      return say(lang, 'holds only line breaks, which brat cannot annotate: it is not written', 'لا يحوي إلا فواصل أسطر، ولا تستطيع brat وسمها: لم يُكتب');
    case 'brat_order_lost':
      return say(
        lang,
        'brat keeps no document order: an import lists the documents by file name',
        'لا تحفظ brat ترتيب المستندات: يرتّبها الاستيراد بأسماء ملفاتها',
      );
    case 'brat_file_ignored':
      return say(
        lang,
        `“${n.path}” is not part of a brat collection (.txt, .ann, .conf) and was ignored`,
        `${quote(n.path, lang)} ليس من ملفات مجموعة brat (${ltr('.txt')} و${ltr('.ann')} و${ltr('.conf')}) فتُجوهل`,
      );
    case 'brat_no_ann':
      return say(lang, `“${n.txt}” has no .ann file: the document has no spans`, `لا ملف ${ltr('.ann')} مع ${quote(n.txt, lang)}: المستند بلا مقاطع`);
    case 'brat_others_ignored':
      return say(
        lang,
        `${n.count} relations, events, attributes, normalisations or notes in ${n.file} were ignored: Alama keeps spans only`,
        `تُجوهل ${some(n.count)} العلاقات والأحداث والسمات والتطبيعات والملاحظات في ${quote(n.file, lang)}: علامة لا تحفظ إلا المقاطع`,
      );
    case 'brat_split':
      return say(
        lang,
        `${n.count} discontinuous spans in ${n.file} became one span per fragment`,
        `${some(n.count)} المقاطع المتقطعة في ${quote(n.file, lang)} صار كل جزء منها مقطعًا`,
      );
    case 'label_studio_cancelled':
      return say(lang, `${n.count} cancelled annotations were skipped`, `تُخطّي ${some(n.count)} التوسيمات الملغاة`);
    case 'label_studio_several': {
      const which = n.first == null ? say(lang, 'the first', 'الأول') : say(lang, `the first (id ${n.first})`, `الأول (المعرّف ${ltr(n.first)})`);
      const sets = RESULT_SETS[n.key] ?? `"${n.key}"`;
      return say(
        lang,
        `the task has ${n.count} ${n.key}; ${which} was read and the others were ignored (import each annotator's file separately to compare them)`,
        `في المهمة ${some(n.count)} ${sets}؛ قُرئ ${which} وتُجوهل الباقي (استورد ملف كل مُعلِّم وحده لتقارن بينها)`,
      );
    }
    case 'label_studio_field_ignored':
      return say(
        lang,
        `the field “${n.field}” is not a list of Label Studio regions and was ignored (a doccano file? import it as JSONL)`,
        `الحقل ${quote(n.field, lang)} ليس قائمة مناطق من Label Studio فتُجوهل (أهو ملف doccano؟ استورده بصيغة JSONL)`,
      );
    case 'label_studio_others_ignored':
      return say(
        lang,
        `${n.count} results that are not text spans with labels (choices, relations, text areas, HTML regions…) were ignored`,
        `تُجوهلت ${some(n.count)} النتائج التي ليست مقاطع نص موسومة (اختيارات، علاقات، مساحات نص، مناطق HTML…)`,
      );
    case 'label_studio_utf16':
      return say(
        lang,
        `${n.count} results counted UTF-16 units (older Label Studio): their offsets were converted to code points`,
        `${some(n.count)} النتائج عُدّت مواضعها بوحدات UTF-16 (إصدارات Label Studio القديمة): حُوّلت مواضعها إلى نقاط ترميز`,
      );
    case 'conll_span_no_token':
      return say(
        lang,
        'holds only white space or invisible marks, so no token: it is not in the tags',
        'لا يحوي إلا مسافات أو علامات خفية، فلا رمز فيه: ليس في الوسوم',
      );
    case 'conll_overlaps':
      return say(
        lang,
        `overlaps span ${n.other}, which comes first: IOB2 holds one span per token, so it is not in the tags`,
        `يتداخل مع المقطع ${ltr(n.other)} الذي يسبقه: لا يحمل IOB2 إلا مقطعًا واحدًا لكل رمز، فليس في الوسوم`,
      );
    case 'conll_edges_moved':
      return say(
        lang,
        `is written as its tokens, ${n.start}–${n.end}: the white space or invisible marks at its edges are in no token`,
        `كُتب برموزه ${range(n.start, n.end, lang)}: المسافات أو العلامات الخفية على طرفيه ليست في أي رمز`,
      );
    case 'conll_text_rebuilt':
      return say(
        lang,
        'the file does not hold the text: it was rebuilt by joining the tokens with spaces and the sentences with line breaks, so the offsets refer to the rebuilt text',
        'الملف لا يحوي النص: أُعيد بناؤه بوصل الرموز بمسافات والجمل بفواصل أسطر، فالمواضع تشير إلى النص المُعاد بناؤه',
      );
    case 'conll_lenient':
      return say(
        lang,
        `${n.count} spans begin with I- (or E-) instead of B-: each was read as the start of a span, as conlleval does`,
        `${some(n.count)} المقاطع تبدأ بـ ${ltr('I-')} (أو ${ltr('E-')}) بدل ${ltr('B-')}: قُرئ كلٌّ منها بداية مقطع، كما يفعل conlleval`,
      );
    case 'token_overlaps':
      return say(
        lang,
        `overlaps span ${n.other}, which comes first: ${formatTitle(n.format, lang)} holds one span per token, so it is not written`,
        `يتداخل مع المقطع ${ltr(n.other)} الذي يسبقه: لا تحمل ${formatTitle(n.format, lang)} إلا مقطعًا واحدًا لكل رمز، فلم يُكتب`,
      );
    case 'token_none':
      return say(
        lang,
        `holds only white space or invisible marks, so no token: ${formatTitle(n.format, lang)} cannot hold it, so it is not written`,
        `لا يحوي إلا مسافات أو علامات خفية، فلا رمز فيه: لا تستطيع ${formatTitle(n.format, lang)} حمله، فلم يُكتب`,
      );
    case 'token_edges_moved':
      return say(
        lang,
        `is written as its tokens, ${n.start}–${n.end}: ${formatTitle(n.format, lang)} spans are whole tokens, and the white space or invisible marks at its edges are in no token`,
        `كُتب برموزه ${range(n.start, n.end, lang)}: المقاطع في ${formatTitle(n.format, lang)} رموز كاملة، والمسافات أو العلامات الخفية على طرفيه ليست في أي رمز`,
      );
    case 'file_ignored':
      return say(
        lang,
        `“${n.path}” is not part of a ${formatTitle(n.format, lang)} export and was ignored`,
        `${quote(n.path, lang)} ليس من ملفات تصدير ${formatTitle(n.format, lang)} فتُجوهل`,
      );
    case 'name_lost':
      return say(
        lang,
        `${formatTitle(n.format, lang)} keeps no file name: “${n.name}” comes back as “${n.stem}.txt”`,
        `لا تحفظ ${formatTitle(n.format, lang)} اسم الملف: يعود ${quote(n.name, lang)} باسم ${quote(`${n.stem}.txt`, lang)}`,
      );
    case 'order_lost':
      return say(
        lang,
        `${formatTitle(n.format, lang)} keeps no document order: an import lists the documents by file name`,
        `لا تحفظ ${formatTitle(n.format, lang)} ترتيب المستندات: يرتّبها الاستيراد بأسماء ملفاتها`,
      );
    case 'hf_overlap_not_in_tags':
      return say(
        lang,
        `overlaps span ${n.other}, which comes first: it is in "spans" but not in "ner_tags", which hold one span per token (IOB2)`,
        `يتداخل مع المقطع ${ltr(n.other)} الذي يسبقه: هو في "spans" لكنه ليس في "ner_tags"، التي لا تحمل إلا مقطعًا واحدًا لكل رمز (IOB2)`,
      );
    case 'hf_no_token_not_in_tags':
      return say(
        lang,
        'holds only white space or invisible marks, so no token: it is in "spans" but not in "ner_tags"',
        'لا يحوي إلا مسافات أو علامات خفية، فلا رمز فيه: هو في "spans" لكنه ليس في "ner_tags"',
      );
    case 'hf_text_rebuilt':
      return say(
        lang,
        'the record has no "text": it was rebuilt by joining the tokens with spaces, so the offsets refer to the rebuilt text',
        'ليس في السجل "text": أُعيد بناء النص بوصل الرموز بمسافات، فالمواضع تشير إلى النص المُعاد بناؤه',
      );
    case 'hf_spans_from_tags':
      return say(
        lang,
        'the record has no "spans": they were read from "ner_tags", which hold one span per token, so overlapping spans could not be recovered',
        'ليس في السجل "spans": قُرئت المقاطع من "ner_tags"، التي لا تحمل إلا مقطعًا واحدًا لكل رمز، فتعذّر استرجاع المقاطع المتداخلة',
      );
    case 'hf_tags_unnamed':
      return say(
        lang,
        'the "ner_tags" are numbers and no label names were given (label_names.json): no spans could be read',
        `وسوم "ner_tags" أرقام ولم تُعطَ أسماء الوسوم (${ltr('label_names.json')}): تعذّرت قراءة أي مقطع`,
      );
    case 'webanno_file_name':
      return say(
        lang,
        `the id cannot be a file name as it is: the file is “${n.stem}.tsv”`,
        `لا يصلح المعرّف اسمَ ملف كما هو: الملف ${quote(`${n.stem}.tsv`, lang)}`,
      );
    case 'webanno_text_before_tokens':
      return say(
        lang,
        `the ${n.count} characters before the first token cannot be written (a WebAnno sentence starts at a token): an import reads spaces there`,
        `تعذّرت كتابة ${some(n.count)} الحروف التي قبل أول رمز (الجملة في WebAnno تبدأ برمز): يقرأ الاستيراد مكانها مسافات`,
      );
    case 'webanno_layers_ignored':
      return say(
        lang,
        `the layers ${n.layers.join(', ')} were ignored: Alama reads the named entities only`,
        `تُجوهلت الطبقات ${list(n.layers, lang)}: علامة لا تقرأ إلا الكيانات المسمّاة`,
      );
    case 'webanno_no_named_entities':
      return say(
        lang,
        'the file has no named-entity layer (NamedEntity): only its text was read',
        'ليس في الملف طبقة للكيانات المسمّاة (NamedEntity): لم يُقرأ إلا نصه',
      );
    case 'webanno_no_value':
      return say(lang, `${n.count} named entities have no value (label) and were skipped`, `تُخطّي ${some(n.count)} الكيانات المسمّاة التي لا قيمة لها (لا وسم)`);
    case 'webanno_identifiers_ignored':
      return say(
        lang,
        `${n.count} named entities link to a knowledge base (identifier): the links were ignored`,
        `${some(n.count)} الكيانات المسمّاة مربوطة بقاعدة معرفة (identifier): تُجوهلت الروابط`,
      );
    case 'prodigy_skipped':
      return say(
        lang,
        `${n.count} tasks answered “${n.answer}” were skipped: only accepted tasks (and tasks not yet answered) are read`,
        `تُخطّي ${some(n.count)} المهام التي أجيبت بـ ${quote(n.answer, lang)}: لا تُقرأ إلا المهام المقبولة (والمهام التي لم يُجَب عنها بعد)`,
      );
    case 'only_one_has':
      return say(lang, `only ${n.annotator} has this document: it is not compared`, `هذا المستند عند ${bare(n.annotator, lang)} وحده: لم يُقارَن`);
    case 'same_text_twice':
      return say(
        lang,
        `${n.annotator}'s file holds the same text twice (also as “${n.other}”); the first is compared`,
        `في ملف ${bare(n.annotator, lang)} النص نفسه مرتين (وباسم ${quote(n.other, lang)} أيضًا)؛ يُقارَن الأول`,
      );
    case 'not_in_files_of':
      return say(
        lang,
        `not in the files of ${n.annotators.join(', ')}: it counts only for the pairs that both have it`,
        `ليس في ملفات ${list(n.annotators, lang)}: لا يُحسب إلا للأزواج التي عند كليهما`,
      );
    case 'no_token_uncounted':
      return say(
        lang,
        `${n.annotator}: holds no token (only white space or invisible marks); it is left out of ${figures(n.label, lang)}`,
        `${bare(n.annotator, lang)}: لا يحوي أي رمز (مسافات أو علامات خفية فقط)؛ فهو خارج ${figures(n.label, lang)}`,
      );
    case 'overlap_uncounted':
      return say(
        lang,
        `${n.annotator}: overlaps span ${n.other}, which comes first; it is left out of ${figures(n.label, lang)}`,
        `${bare(n.annotator, lang)}: يتداخل مع المقطع ${ltr(n.other)} الذي يسبقه؛ فهو خارج ${figures(n.label, lang)}`,
      );
    default: {
      /** @type {never} */
      const unworded = n;
      return String(unworded);
    }
  }
}

/** A note, with its document and place, as the core's `Display` prints it in English. @param {Note} note @param {Lang} lang @returns {string} */
export function wordNote(note, lang) {
  const what = wordNoteKind(note.what, lang);
  const at = note.at.length ? wordPlace(note.at, lang) : '';
  if (note.document != null) {
    const document = say(lang, `document “${note.document}”`, `المستند ${quote(note.document, lang)}`);
    return at ? `${document}${say(lang, ', ', '، ')}${at}: ${what}` : `${document}: ${what}`;
  }
  return at ? `${at}: ${what}` : what;
}
