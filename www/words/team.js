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
  'team.not-yours': ["That is another annotator's work: only its annotator may write it.", 'هذا عمل مُعلِّم آخر: لا يكتبه إلا صاحبه.'],
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
    columns: ar ? ['المستند', 'المُعلِّمون', 'أنجزوه', 'المقاطع'] : ['Document', 'Annotators', 'Done', 'Spans'],
    /** @param {number} done @param {number} of @param {number} spans */
    row: (done, of, spans) =>
      ar ? `\u2066${done}/${of}\u2069 منجز، \u2066${spans}\u2069 مقطعًا` : `${done}/${of} done, ${spans} span${spans === 1 ? '' : 's'}`,
  };
}
