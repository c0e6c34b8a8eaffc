// @ts-check
// The interface in English or Arabic. English lives in index.html and at each message's call
// site; Arabic is given beside it (tr) or here for the static page (AR); the core's refusals
// are worded from their codes in errors.js. The article is always right to left; in Arabic
// the whole interface is too.

/** @type {'en' | 'ar'} */
let current = 'en';
const originals = new Map();

export const lang = () => current;

/** The English or the Arabic text, whichever the interface speaks. */
/**
 * @template T
 * @param {T} en
 * @param {T} ar
 * @returns {T}
 */
export const tr = (en, ar) => (current === 'ar' ? ar : en);

// Static text of the page in Arabic: selector → what to set.
const AR = {
  'h2[data-part="documents"]': { text: 'المستندات' },
  'label[for="workspace-select"]': { text: 'مساحة العمل' },
  '#workspace-new': { text: 'جديدة', title: 'ابدأ مساحة عمل جديدة فارغة (تُحمَّل فيها المقالات الافتراضية)' },
  '#workspace-rename': { text: 'إعادة تسمية', title: 'أعد تسمية مساحة العمل هذه' },
  '#workspace-delete': { text: 'حذف', title: 'احذف مساحة العمل هذه من هذا المتصفح (بعد التأكيد)' },
  'label[for="annotator"]': { text: 'المُعلِّم' },
  '#annotator': { placeholder: 'اسمك', title: 'يُسجَّل على المقاطع التي توسمها' },
  '#save-state': { title: 'يُحفَظ كل تغيير في هذا المتصفح لحظة إجرائه' },
  'label[for="search"]': { text: 'بحث' },
  '#search': {
    placeholder: '/ للبحث',
    title: 'ابحث عن كلمات في هذا المستند وعُدَّها في كل المستندات (مع التطبيع: أ إ آ ا، ة ه، ى ي، دون تشكيل)؛ Enter يحدّد التطابق التالي',
  },
  '#open-files': {
    text: 'فتح ملفات…',
    title:
      'افتح ملفات ‎.txt‎ بترميز UTF-8 مستنداتٍ، أو ملف تصدير لاستيراده: ‎.json‎ علامة، ‎.jsonl‎ (ومنه ملفات Hugging Face وProdigy)، ‎.json‎ من Label Studio، ‎.conll‎، ملفات ‎.tsv‎ من WebAnno، أو ملفات ‎.txt‎ و‎.ann‎ و‎.conf‎ لمجموعة brat معًا، أو قائمة كلمات ‎.tsv‎ (أو أفلتها على الصفحة)',
  },
  '#export': { text: 'تصدير JSON', title: 'نزّل كل المستندات ومقاطعها في ملف JSON واحد' },
  '#snap-label': { text: 'كلمات كاملة' },
  'label.toggle': { title: 'يتّسع التحديد إلى كلمات كاملة (W للتبديل؛ عند الإيقاف: الأحرف كما هي)' },
  '#find-all': { text: 'إيجاد الكل', title: 'اقترح كل ورود آخر لنص المقطع المحدّد في هذا المستند (F؛ Shift+F: في كل المستندات)' },
  '#preannotate': { text: 'وسم مسبق', title: 'اقترح الكيانات الموسومة في هذه الجلسة وقوائم الكلمات المستوردة في هذا المستند (P)' },
  'label[for="doc-status"]': { text: 'الحالة' },
  '#doc-status': { title: 'أين وصلت في هذا المستند (S للتنقّل بين الحالات)' },
  '#doc-status option[value="new"]': { text: 'جديد' },
  '#doc-status option[value="in_progress"]': { text: 'قيد العمل' },
  '#doc-status option[value="done"]': { text: 'منجَز' },
  '#delete': { text: 'إزالة', title: 'أزل المقطع المحدّد (Delete)' },
  '#undo': { text: 'تراجع', title: 'تراجع (Ctrl+Z)' },
  '#redo': { text: 'إعادة', title: 'إعادة (Ctrl+Shift+Z أو Ctrl+Y)' },
  '#labels-edit': { text: 'الوسوم…', title: 'أعد تسمية الوسوم أو غيّر ألوانها أو أضف وسمًا (L)' },
  '#help': { title: 'اختصارات لوحة المفاتيح (?)' },
  '.hint': {
    text: 'حدّد نصًّا (بالفأرة أو Shift مع الأسهم) ثم اضغط مفتاح الوسم أو زرّه؛ Shift مع المفتاح يستثني السابقة مثل و أو ب. انقر مقطعًا أو اضغط ↓ ↑ لتحديده؛ مفتاح وسم آخر يغيّر وسمه، والأسهم تحرّك طرفيه، وDelete يزيله. اضغط ? لكل المفاتيح.',
  },
  '[data-part="suggestions"]': { text: 'الاقتراحات' },
  '#accept-all': { text: 'قبول الكل', title: 'اقبل كل الاقتراحات (Shift+A)' },
  '#reject-all': { text: 'رفض الكل', title: 'ارفض كل الاقتراحات (Shift+R)' },
  '[data-part="spans"]': { text: 'المقاطع' },
  '#labels-title': { text: 'الوسوم' },
  '#label-add': { text: 'إضافة وسم' },
  '#labels-cancel': { text: 'إلغاء' },
  '#labels-save': { text: 'حفظ' },
  '#labels-dialog th:nth-child(1)': { text: 'المفتاح' },
  '#labels-dialog th:nth-child(2)': { text: 'المعرّف' },
  '#labels-dialog th:nth-child(3)': { text: 'الاسم العربي' },
  '#labels-dialog th:nth-child(4)': { text: 'الاسم الإنجليزي' },
  '#labels-dialog th:nth-child(5)': { text: 'اللون' },
  '#help-title': { text: 'لوحة المفاتيح' },
  '#help-dialog button[type="submit"]': { text: 'إغلاق' },
  '#drop-overlay p': {
    text: 'أفلت ملفات ‎.txt‎ لفتحها، أو ملف تصدير لاستيراده: ‎.json‎ علامة، ‎.jsonl‎ (ومنه ملفات Hugging Face وProdigy)، ‎.json‎ من Label Studio، ‎.conll‎، ملفات ‎.tsv‎ من WebAnno، أو ملفات ‎.txt‎ و‎.ann‎ و‎.conf‎ لمجموعة brat معًا',
  },
  // Exchange (www/exchange.js): export and import menus, annotators dialog, notes.
  '#export-menu summary': { text: 'تصدير بصيغة…', title: 'نزّل كل المستندات ومقاطعها بصيغة أداة أخرى؛ ما لا تحمله الصيغة يُعرض بعد التنزيل' },
  '#export-alama': { text: 'JSON علامة (‎.json‎)' },
  '#export-jsonl': { text: 'JSONL لـ doccano وspaCy (‎.jsonl‎)' },
  '#export-brat': { text: 'brat (‎.zip‎: ‎.txt‎ و‎.ann‎ لكل مستند، وannotation.conf)' },
  '#export-ls': { text: 'مهام Label Studio، وسومًا (‎.json‎)' },
  '#export-ls-predictions': { text: 'مهام Label Studio، تنبؤات للمراجعة (‎.json‎)' },
  '#export-conll': { text: 'CoNLL بوسوم IOB2 (‎.conll‎)' },
  '#export-hf': { text: 'مجموعات بيانات Hugging Face لتصنيف الرموز (‎.zip‎: السجلات وأسماء الوسوم وبطاقة المجموعة)' },
  '#export-webanno': { text: 'WebAnno TSV 3 لـ INCEpTION (ملف ‎.tsv‎ لكل مستند؛ وملفات عدة في ‎.zip‎)' },
  '#export-prodigy': { text: 'مهام ner_manual لـ Prodigy (‎.jsonl‎)' },
  '#import-menu summary': {
    text: 'استيراد…',
    title: 'استبدل مساحة العمل بملف بالصيغة التي تختارها (بعد السؤال)؛ «فتح ملفات…» والإفلات يعرفان الصيغة من الملف',
  },
  '#import-alama': { text: 'JSON علامة (‎.json‎)' },
  '#import-jsonl': { text: 'JSONL: doccano وspaCy (‎.jsonl‎)' },
  '#import-brat': { text: 'brat: اختر ملفات ‎.txt‎ و‎.ann‎ وannotation.conf معًا (الصفحة لا تقرأ ‎.zip‎: فكّ ضغطه أولًا)' },
  '#import-ls': { text: 'مهام Label Studio: وسومها (‎.json‎)' },
  '#import-ls-predictions': { text: 'مهام Label Studio: تنبؤاتها (‎.json‎)' },
  '#import-conll': { text: 'CoNLL: وسوم IOB2 أو IOB1 أو BIOES (‎.conll‎)' },
  '#import-hf': { text: 'تصنيف الرموز من Hugging Face: اختر ملف ‎.jsonl‎ وlabel_names.json معًا' },
  '#import-webanno': { text: 'WebAnno TSV 3 من INCEpTION: ملف ‎.tsv‎ لكل مستند (اختر عدة ملفات معًا)' },
  '#import-prodigy': { text: 'مهام ner_manual من Prodigy (‎.jsonl‎)' },
  '#compare': { text: 'المُعلِّمون…', title: 'الاتفاق بين ملفات المُعلِّمين، والتحكيم بين عمل مُعلِّمَين في ملف معياري' },
  '#corpus': { text: 'المدوّنة…', title: 'المدوّنة بنظرة: المقاطع لكل وسم ومستند، والحالات، وأطوال المقاطع، والكيانات الأكثر ورودًا، وما ليس متّسقًا مع إصلاحه' },
  '#compare-title': { text: 'المُعلِّمون: الاتفاق والتحكيم' },
  '#compare-hint': {
    text: 'أضف ملف كل مُعلِّم للمستندات نفسها، بأي صيغة؛ تُطابَق المستندات بنصها. كل ملف تختاره مُعلِّم واحد؛ ومجموعة brat مُعلِّم واحد: اختر ملفاتها ‎.txt‎ و‎.ann‎ وannotation.conf معًا (الصفحة لا تقرأ ‎.zip‎).',
  },
  'label[for="annotator-format"]': { text: 'الصيغة' },
  '#annotator-format option[value="auto"]': { text: 'اعرفها من الملف' },
  '#annotator-format option[value="alama"]': { text: 'JSON علامة' },
  '#annotator-format option[value="label-studio"]': { text: 'مهام Label Studio' },
  '#annotator-format option[value="label-studio-predictions"]': { text: 'تنبؤات Label Studio' },
  '#annotator-format option[value="hf"]': { text: 'تصنيف الرموز من Hugging Face' },
  '#annotator-format option[value="prodigy"]': { text: 'ner_manual من Prodigy' },
  '#annotator-add': { text: 'أضف ملفات مُعلِّمين…' },
  '#annotator-workspace': { text: 'أضف مساحة العمل هذه' },
  '#agreement-run': { text: 'الاتفاق' },
  '#adjudicate-run': { text: 'حكّم بين A وB' },
  '#agreement-out': { aria: 'الاتفاق' },
  '#adjudication-title': { text: 'الخلافات' },
  'label[for="adjudicator"]': { text: 'المحكِّم' },
  '#gold-export': { text: 'صدّر JSON المعيار' },
  '#sources-export': { text: 'من قرّر ماذا (‎.json‎)' },
  '#decisions-export': { text: 'احفظ القرارات (‎.json‎)' },
  '#gold-open': { text: 'افتح الملف المعياري هنا' },
  '#compare-close': { text: 'إغلاق' },
  '#notes-close': { text: 'إغلاق' },
  '#language': { text: 'English', title: 'English interface', lang: 'en' },
  '#documents': { aria: 'المستندات' },
  '#editor': { aria: 'المقالة' },
  '.toolbar': { aria: 'الوسوم والتعديلات' },
  '#article': { aria: 'نص المقالة' },
  '#span-panel': { aria: 'مقاطع هذا المستند' },
  '#suggestion-panel': { aria: 'الاقتراحات' },
};

/** @type {Record<string, string>} */
const FIELDS = { text: 'textContent', title: 'title', placeholder: 'placeholder', lang: 'lang' };

function apply(el, values) {
  for (const [k, v] of Object.entries(values)) {
    if (k === 'aria') el.setAttribute('aria-label', v);
    else el[FIELDS[k]] = v;
  }
}

/** Switches the interface language ('en' or 'ar') and remembers the choice. @param {string} next */
export function setLanguage(next) {
  current = next === 'ar' ? 'ar' : 'en';
  localStorage.setItem('alama.language', current);
  for (const [selector, values] of Object.entries(AR)) {
    for (const el of document.querySelectorAll(selector)) {
      if (!originals.has(el)) {
        const saved = {};
        for (const k of Object.keys(values)) saved[k] = k === 'aria' ? el.getAttribute('aria-label') : el[FIELDS[k]];
        originals.set(el, saved);
      }
      apply(el, current === 'ar' ? values : originals.get(el));
    }
  }
  document.documentElement.lang = current;
  document.documentElement.dir = current === 'ar' ? 'rtl' : 'ltr';
  document.title = current === 'ar' ? 'علامة · Alama' : 'Alama · علامة';
}

export const savedLanguage = () => localStorage.getItem('alama.language') ?? 'en';
