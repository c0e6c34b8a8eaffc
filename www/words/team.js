// @ts-check
// The team sync's words (www/team/): the server's refusals, which arrive as stable codes
// (server/names.js REFUSALS), and the online / waiting indicator, in English and Arabic.
// Pure functions: no DOM, no state. Nothing from the server is ever worded as HTML.

/** @typedef {'en' | 'ar'} Lang */

/** @type {Record<string, [string, string]>} */
const REFUSALS = {
  'team.no-token': ['The team link has no token: ask your lead for your link.', 'رابط الفريق بلا رمز: اطلب رابطك من قائد المشروع.'],
  'team.wrong-token': [
    'The team server does not know this token (wrong, or withdrawn): ask your lead for a new link.',
    'لا يعرف خادم الفريق هذا الرمز (خاطئ أو مسحوب): اطلب رابطًا جديدًا من قائد المشروع.',
  ],
  'team.bad-name': ['The team server refused a malformed document name.', 'رفض خادم الفريق اسم مستند غير سليم.'],
  'team.other-project': ['Your token belongs to another project.', 'رمزك تابع لمشروع آخر.'],
  'team.not-yours': [
    "That is another annotator's work: only its annotator writes it, and annotators read it only when the lead shares the work.",
    'هذا عمل مُعلِّم آخر: لا يكتبه إلا صاحبه، ولا يقرؤه المُعلِّمون إلا إذا شاركه القائد.',
  ],
  'team.gold-forbidden': ['Only the lead and adjudicators may open the gold standard.', 'لا يفتح المعيار الذهبي إلا القائد والمحكّمون.'],
  'team.read-only': ['You may read this document but not change it.', 'يمكنك قراءة هذا المستند لا تغييره.'],
  'team.too-large': ['The change is larger than the team server accepts in one message.', 'التغيير أكبر مما يقبله خادم الفريق في رسالة واحدة.'],
  'team.unavailable': ['The team server cannot check tokens just now; trying again.', 'لا يستطيع خادم الفريق التحقق من الرموز الآن؛ نعيد المحاولة.'],
};

/** The sentence for a refusal code; an unknown code is named, as text. @param {Lang} lang @param {string} code */
export function teamRefusal(lang, code) {
  const words = REFUSALS[code] ?? [`The team server refused (${code}).`, `رفض خادم الفريق (${code}).`];
  return lang === 'ar' ? words[1] : words[0];
}

/** Every code worded here (for the tests). */
export const TEAM_CODES = Object.keys(REFUSALS);

/** "Online · 3 changes waiting" beside Saved. @param {Lang} lang @param {boolean} online @param {number} waiting */
export function teamState(lang, online, waiting) {
  const where = lang === 'ar' ? (online ? 'متصل' : 'غير متصل') : online ? 'Online' : 'Offline';
  if (!waiting) return where;
  const count =
    lang === 'ar'
      ? waiting === 1
        ? 'تغيير واحد ينتظر'
        : waiting === 2
          ? 'تغييران ينتظران'
          : `\u2066${waiting}\u2069 ${waiting <= 10 ? 'تغييرات تنتظر' : 'تغييرًا ينتظر'}`
      : `${waiting} change${waiting === 1 ? '' : 's'} waiting`;
  return `${where} · ${count}`;
}

/** What came in from the server. @param {Lang} lang @param {number} added @param {number} removed */
export function teamCameIn(lang, added, removed) {
  return lang === 'ar'
    ? `وصل من خادم الفريق: \u2066${added}\u2069 مقطعًا مضافًا، \u2066${removed}\u2069 محذوفًا.`
    : `From the team server: ${added} span${added === 1 ? '' : 's'} added, ${removed} removed.`;
}

/** The lead's progress view. @param {Lang} lang */
export function progressWords(lang) {
  const ar = lang === 'ar';
  return {
    title: ar ? 'تقدّم الفريق' : 'Team progress',
    chart: ar ? 'مستندات كل مُعلِّم بحسب حالتها' : "Each annotator's documents by status",
    new: ar ? 'جديد' : 'new',
    in_progress: ar ? 'قيد العمل' : 'in progress',
    done: ar ? 'منجز' : 'done',
    close: ar ? 'إغلاق' : 'Close',
    button: ar ? 'التقدّم…' : 'Progress…',
    columns: ar ? ['المستند', 'المُعلِّمون', 'أنجزوه', 'المقاطع', 'الوسوم'] : ['Document', 'Annotators', 'Done', 'Spans', 'Annotations'],
    /** "1 / 2" (an isolate in Arabic, which would show it as "2 / 1"). @param {number} done @param {number} of */
    ratio: (done, of) => (ar ? `\u2066${done} / ${of}\u2069` : `${done} / ${of}`),
    /** @param {number} done @param {number} of @param {number} spans */
    row: (done, of, spans) =>
      ar ? `\u2066${done}/${of}\u2069 منجز، \u2066${spans}\u2069 مقطعًا` : `${done}/${of} done, ${spans} span${spans === 1 ? '' : 's'}`,
  };
}

/** The agreement charts, side by side, adjudication and gold in the progress view. @param {Lang} lang */
export function agreementWords(lang) {
  const ar = lang === 'ar';
  /** @param {number} n */
  const num = (n) => (ar ? `\u2066${n}\u2069` : String(n));
  return {
    agreement: ar ? 'الاتفاق بين المُعلِّمين' : 'Agreement between annotators',
    byLabel: ar ? 'F1 التطابق بحسب الوسم، لكل زوج من المُعلِّمين' : 'Exact F1 by label, for each pair of annotators',
    byDocument: ar ? 'F1 التطابق بحسب المستند، بين مُعلِّمي كل مستند' : 'Exact F1 by document, between the annotators of each document',
    overall: ar ? 'الإجمالي' : 'overall',
    loading: ar ? 'تُحمَّل وحدة التبادل لحساب الاتفاق…' : 'Loading the exchange module to compute agreement…',
    none: ar ? 'لا اتفاق يُحسب بعد: لا مستند عمل عليه مُعلِّمان.' : 'No agreement to compute yet: no document has two annotators’ work.',
    explain: ar
      ? 'التطابق: الرموز والوسم نفسها (كما يعدّ seqeval). الأول في كل زوج هو المرجع. تحسبها نواة علامة من العمل المتزامن وتتجدّد مع كل وسم.'
      : 'Exact: same tokens and label (as seqeval counts). The first of a pair is the reference. Computed by Alama’s core from the synced work, and redrawn as annotators tag.',
    /** @param {string} a @param {string} b */
    pair: (a, b) => (ar ? `${a} مقابل ${b}` : `${a} vs ${b}`),
    /** @param {string} label @param {string} f1 @param {string} kappa @param {number} a @param {number} b @param {number} matched */
    barTitle: (label, f1, kappa, a, b, matched) =>
      ar
        ? `${label}: F1 ‎${f1}‎، kappa ‎${kappa}‎، ${num(matched)} متطابق من ${num(a)} و${num(b)}`
        : `${label}: F1 ${f1}, kappa ${kappa}, ${matched} matched of ${a} and ${b}`,
    na: ar ? 'غير معرَّف' : 'n/a',
    side: ar ? 'جنبًا إلى جنب' : 'Side by side',
    /** @param {string} doc */
    sideOf: (doc) => (ar ? `وسوم «${doc}» جنبًا إلى جنب (للقراءة فقط)` : `“${doc}” side by side (read only)`),
    sideClose: ar ? 'إخفاء' : 'Hide',
    gold: ar ? 'المعيار الذهبي' : 'Gold',
    /** @param {number} n */
    spans: (n) => (ar ? `${num(n)} مقطعًا` : `${n} span${n === 1 ? '' : 's'}`),
    noSpans: ar ? '(لا مقاطع)' : '(no spans)',
    adjudicate: ar ? 'التحكيم' : 'Adjudication',
    allDocuments: ar ? 'كل المستندات' : 'all documents',
    document: ar ? 'المستند' : 'Document',
    run: ar ? 'حكِّم بين A وB…' : 'Adjudicate A and B…',
    same: ar ? 'اختر مُعلِّمَين مختلفَين لـ A وB.' : 'Choose two different annotators as A and B.',
    shared: ar ? 'لا يشترك المُعلِّمان في مستند مما اخترت.' : 'The two annotators share no document of those chosen.',
    store: ar ? 'احفظ المعيار في مشروع الفريق' : 'Store the gold in the team project',
    /** @param {number} docs @param {number} spans */
    stored: (docs, spans) =>
      ar
        ? `حُفظ المعيار الذهبي في مشروع الفريق: ${num(docs)} مستندات، ${num(spans)} مقطعًا.`
        : `Stored the gold in the team project: ${docs} document${docs === 1 ? '' : 's'}, ${spans} span${spans === 1 ? '' : 's'}.`,
    storing: ar ? 'يُحفظ المعيار في مشروع الفريق…' : 'Storing the gold in the team project…',
    /** @param {number} n */
    goldCount: (n) => (ar ? `مستندات لها معيار ذهبي: ${num(n)}` : `Documents with gold: ${n}`),
    format: ar ? 'الصيغة' : 'Format',
    exportGold: ar ? 'صدّر المعيار الذهبي' : 'Export the gold',
    noGold: ar ? 'لا معيار ذهبي بعد.' : 'No gold yet.',
    /** @param {string} name */
    exported: (name) => (ar ? `صُدِّر المعيار الذهبي: ${name}` : `Exported the gold: ${name}`),
  };
}

/** Annotators reading each other's work, when the lead shares it. @param {Lang} lang */
export function shareWords(lang) {
  const ar = lang === 'ar';
  return {
    share: ar ? 'يقرأ المُعلِّمون أعمال بعضهم (دون تغييرها)' : 'Annotators may read each other’s work (not change it)',
    button: ar ? 'أعمال الزملاء…' : 'Colleagues’ work…',
    /** @param {string} doc */
    title: (doc) => (ar ? `أعمال الزملاء في «${doc}» (للقراءة فقط)` : `Colleagues’ work on “${doc}” (read only)`),
    you: ar ? 'أنت' : 'You',
    none: ar ? 'لا مُعلِّم آخر يعمل على هذا المستند.' : 'No other annotator works on this document.',
    noDocument: ar ? 'افتح مستندًا أولًا.' : 'Open a document first.',
    close: ar ? 'إغلاق' : 'Close',
  };
}
