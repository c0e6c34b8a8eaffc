// @ts-check
// The keyboard, as one table: which keys do what, in English and Arabic. The key handler
// (start/keys.js) runs the action of the first row whose keys match; the help list
// (panels/help.js) shows every row. A key added here is listed and handled at once.
//
// Keys are read by position (`KeyZ`, `Digit1`), so they work on an Arabic layout too.

/** @typedef {'label' | 'remove' | 'history' | 'neighbourSpan' | 'arrow' | 'findAll' | 'preannotate' | 'accept' | 'reject' | 'snap' | 'status' | 'neighbourDocument' | 'search' | 'export' | 'open' | 'labels' | 'language' | 'escape' | 'help'} Action */
/** @typedef {{ keys: string, action: Action | null, match: (e: KeyboardEvent) => boolean, en: string, ar: string }} KeyRow */

const ctrl = (/** @type {KeyboardEvent} */ e) => e.ctrlKey || e.metaKey;
const plain = (/** @type {KeyboardEvent} */ e) => !ctrl(e) && !e.altKey;
/** @param {...string} codes */
const code =
  (...codes) =>
  (/** @type {KeyboardEvent} */ e) =>
    plain(e) && codes.includes(e.code);
const arrow = (/** @type {KeyboardEvent} */ e) => !e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight');

/** The label number (1 to 9) a key stands for: the digits, the numpad, or Arabic-Indic digits. */
export function digitOf(/** @type {KeyboardEvent} */ e) {
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1];
  const n = digit ? Number(digit) : '١٢٣٤٥٦٧٨٩'.indexOf(e.key) + 1;
  return n >= 1 ? n : null;
}

/** @type {KeyRow[]} */
export const KEYS = [
  {
    keys: '1 … 9',
    action: 'label',
    match: (e) => plain(e) && !e.shiftKey && digitOf(e) != null,
    en: 'Tag the selected text with that label; with a span selected and no text selected, relabel it',
    ar: 'اوسم النص المحدّد بذلك الوسم؛ وإن كان مقطع محدّدًا ولا نص محدّد، غيّر وسمه',
  },
  {
    keys: 'Shift+1 … 9',
    action: 'label',
    match: (e) => plain(e) && e.shiftKey && digitOf(e) != null,
    en: 'Tag, leaving out a proclitic (و ف ب ل ك) at the start',
    ar: 'اوسم مع استثناء سابقة (و ف ب ل ك) في أوله',
  },
  {
    keys: 'Delete, Backspace',
    action: 'remove',
    match: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'),
    en: 'Remove the selected span',
    ar: 'أزل المقطع المحدّد',
  },
  {
    keys: 'Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y',
    action: 'history',
    match: (e) => ctrl(e) && (e.code === 'KeyZ' || e.code === 'KeyY'),
    en: 'Undo / redo',
    ar: 'تراجع / إعادة',
  },
  {
    keys: '↓ / ↑',
    action: 'neighbourSpan',
    match: (e) => plain(e) && (e.key === 'ArrowDown' || e.key === 'ArrowUp'),
    en: 'Select the next / previous span in reading order',
    ar: 'حدّد المقطع التالي / السابق بترتيب القراءة',
  },
  {
    keys: '← / →',
    action: 'arrow',
    match: (e) => arrow(e) && !e.shiftKey,
    en: 'With a span selected: move its end edge one letter in that direction (Ctrl: one word). Otherwise: move the caret',
    ar: 'مع مقطع محدّد: حرّك طرف آخره حرفًا في ذلك الاتجاه (Ctrl: كلمة). وإلا: حرّك المؤشر',
  },
  {
    keys: 'Shift+← / Shift+→',
    action: 'arrow',
    match: (e) => arrow(e) && e.shiftKey,
    en: 'With a span selected: move its start edge (Ctrl: by word). Otherwise: extend the selection (Ctrl: by word)',
    ar: 'مع مقطع محدّد: حرّك طرف أوله (Ctrl: بالكلمة). وإلا: وسّع التحديد (Ctrl: بالكلمة)',
  },
  {
    keys: 'F / Shift+F',
    action: 'findAll',
    match: code('KeyF'),
    en: 'Find every other occurrence of the selected span in this document / in all documents',
    ar: 'جد كل ورود آخر للمقطع المحدّد في هذا المستند / في كل المستندات',
  },
  {
    keys: 'P',
    action: 'preannotate',
    match: code('KeyP'),
    en: 'Pre-annotate this document with the entities known in this session',
    ar: 'اوسم هذا المستند مسبقًا بالكيانات المعروفة في هذه الجلسة',
  },
  {
    keys: 'A / Shift+A',
    action: 'accept',
    match: code('KeyA'),
    en: 'Accept the highlighted suggestion / all suggestions',
    ar: 'اقبل الاقتراح المبرَز / كل الاقتراحات',
  },
  {
    keys: 'R / Shift+R',
    action: 'reject',
    match: code('KeyR'),
    en: 'Reject the highlighted suggestion / all suggestions',
    ar: 'ارفض الاقتراح المبرَز / كل الاقتراحات',
  },
  {
    keys: 'W',
    action: 'snap',
    match: code('KeyW'),
    en: 'Switch between whole-word and exact-character selection',
    ar: 'بدّل بين تحديد الكلمات الكاملة والأحرف كما هي',
  },
  {
    keys: 'S',
    action: 'status',
    match: code('KeyS'),
    en: 'Cycle the document status: new, in progress, done',
    ar: 'تنقّل بين حالات المستند: جديد، قيد العمل، منجَز',
  },
  { keys: '] / [', action: 'neighbourDocument', match: code('BracketRight', 'BracketLeft'), en: 'Next / previous document', ar: 'المستند التالي / السابق' },
  {
    keys: '/',
    action: 'search',
    match: (e) => plain(e) && e.key === '/',
    en: 'Search; Enter selects the next match (Shift+Enter the previous), ready to tag; after the last one, the next document with a match opens',
    ar: 'بحث؛ Enter يحدّد التطابق التالي (Shift+Enter السابق) جاهزًا للوسم؛ وبعد آخرها يُفتح المستند التالي الذي فيه تطابق',
  },
  { keys: 'Ctrl+S', action: 'export', match: (e) => ctrl(e) && e.code === 'KeyS', en: 'Export JSON', ar: 'تصدير JSON' },
  {
    keys: 'O',
    action: 'open',
    match: code('KeyO'),
    en: 'Open files: .txt documents, exports in any format (.json, .jsonl, .conll, a brat collection’s .txt, .ann and .conf), .tsv word lists',
    ar: 'فتح ملفات: مستندات ‎.txt‎، ملفات تصدير بأي صيغة (‎.json‎، ‎.jsonl‎، ‎.conll‎، ملفات ‎.txt‎ و‎.ann‎ و‎.conf‎ لمجموعة brat)، قوائم كلمات ‎.tsv‎',
  },
  {
    keys: 'L',
    action: 'labels',
    match: code('KeyL'),
    en: 'Edit the labels: rename, recolour, add (each new label gets the next number key)',
    ar: 'تحرير الوسوم: تسمية، تلوين، إضافة (لكل وسم جديد مفتاح الرقم التالي)',
  },
  { keys: 'G', action: 'language', match: code('KeyG'), en: 'Switch the interface between English and Arabic', ar: 'بدّل لغة الواجهة بين الإنجليزية والعربية' },
  {
    keys: 'Escape',
    action: 'escape',
    match: (e) => plain(e) && e.key === 'Escape',
    en: 'Clear the selection and the selected span',
    ar: 'امسح التحديد والمقطع المحدّد',
  },
  {
    keys: 'Tab, Shift+Tab',
    action: null,
    match: () => false,
    en: 'Move through the controls and the spans’ badges (focusing a badge selects its span)',
    ar: 'تنقّل بين عناصر التحكم وشارات المقاطع (التركيز على شارة يحدّد مقطعها)',
  },
  { keys: '?', action: 'help', match: (e) => plain(e) && e.key === '?', en: 'This list', ar: 'هذه القائمة' },
];
