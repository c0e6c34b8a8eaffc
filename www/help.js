// The list of keys shown by ? and the Help button, in English or Arabic. What each key does
// is in onKey (keys.js): a key added there is added here too.

import { tr } from './i18n.js';

const $ = (id) => document.getElementById(id);

const KEYS = [
  ['1 … 9', 'Tag the selected text with that label; with a span selected and no text selected, relabel it', 'اوسم النص المحدّد بذلك الوسم؛ وإن كان مقطع محدّدًا ولا نص محدّد، غيّر وسمه'],
  ['Shift+1 … 9', 'Tag, leaving out a proclitic (و ف ب ل ك) at the start', 'اوسم مع استثناء سابقة (و ف ب ل ك) في أوله'],
  ['Delete, Backspace', 'Remove the selected span', 'أزل المقطع المحدّد'],
  ['Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y', 'Undo / redo', 'تراجع / إعادة'],
  ['↓ / ↑', 'Select the next / previous span in reading order', 'حدّد المقطع التالي / السابق بترتيب القراءة'],
  ['← / →', 'With a span selected: move its end edge one letter in that direction (Ctrl: one word). Otherwise: move the caret', 'مع مقطع محدّد: حرّك طرف آخره حرفًا في ذلك الاتجاه (Ctrl: كلمة). وإلا: حرّك المؤشر'],
  ['Shift+← / Shift+→', 'With a span selected: move its start edge (Ctrl: by word). Otherwise: extend the selection (Ctrl: by word)', 'مع مقطع محدّد: حرّك طرف أوله (Ctrl: بالكلمة). وإلا: وسّع التحديد (Ctrl: بالكلمة)'],
  ['F / Shift+F', 'Find every other occurrence of the selected span in this document / in all documents', 'جد كل ورود آخر للمقطع المحدّد في هذا المستند / في كل المستندات'],
  ['P', 'Pre-annotate this document with the entities known in this session', 'اوسم هذا المستند مسبقًا بالكيانات المعروفة في هذه الجلسة'],
  ['A / Shift+A', 'Accept the highlighted suggestion / all suggestions', 'اقبل الاقتراح المبرَز / كل الاقتراحات'],
  ['R / Shift+R', 'Reject the highlighted suggestion / all suggestions', 'ارفض الاقتراح المبرَز / كل الاقتراحات'],
  ['W', 'Switch between whole-word and exact-character selection', 'بدّل بين تحديد الكلمات الكاملة والأحرف كما هي'],
  ['S', 'Cycle the document status: new, in progress, done', 'تنقّل بين حالات المستند: جديد، قيد العمل، منجَز'],
  ['] / [', 'Next / previous document', 'المستند التالي / السابق'],
  ['/', 'Search; Enter selects the next match (Shift+Enter the previous), ready to tag; after the last one, the next document with a match opens', 'بحث؛ Enter يحدّد التطابق التالي (Shift+Enter السابق) جاهزًا للوسم؛ وبعد آخرها يُفتح المستند التالي الذي فيه تطابق'],
  ['Ctrl+S', 'Export JSON', 'تصدير JSON'],
  ['O', 'Open files: .txt documents, exports in any format (.json, .jsonl, .conll, a brat collection’s .txt, .ann and .conf), .tsv word lists', 'فتح ملفات: مستندات ‎.txt‎، ملفات تصدير بأي صيغة (‎.json‎، ‎.jsonl‎، ‎.conll‎، ملفات ‎.txt‎ و‎.ann‎ و‎.conf‎ لمجموعة brat)، قوائم كلمات ‎.tsv‎'],
  ['L', 'Edit the labels: rename, recolour, add (each new label gets the next number key)', 'تحرير الوسوم: تسمية، تلوين، إضافة (لكل وسم جديد مفتاح الرقم التالي)'],
  ['G', 'Switch the interface between English and Arabic', 'بدّل لغة الواجهة بين الإنجليزية والعربية'],
  ['Escape', 'Clear the selection and the selected span', 'امسح التحديد والمقطع المحدّد'],
  ['Tab, Shift+Tab', 'Move through the controls and the spans’ badges (focusing a badge selects its span)', 'تنقّل بين عناصر التحكم وشارات المقاطع (التركيز على شارة يحدّد مقطعها)'],
  ['?', 'This list', 'هذه القائمة'],
];

export function showHelp() {
  $('key-table').tBodies[0].replaceChildren(
    ...KEYS.map(([k, en, ar]) => {
      const row = document.createElement('tr');
      const a = document.createElement('td');
      const kbd = document.createElement('kbd');
      kbd.textContent = k;
      a.append(kbd);
      const b = document.createElement('td');
      b.textContent = tr(en, ar);
      row.append(a, b);
      return row;
    }),
  );
  $('help-dialog').showModal();
}
