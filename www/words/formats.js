// @ts-check
// The names of the file formats, as the interface says them.

import { tr } from './i18n.js';

/** A format's name (`label-studio` with `predictions`: Label Studio's predictions). */
export const formatName = (/** @type {string} */ format, predictions = false) =>
  ({
    alama: tr('Alama JSON', 'JSON علامة'),
    jsonl: tr('JSONL (doccano, spaCy)', 'JSONL (doccano، spaCy)'),
    brat: tr('brat standoff', 'brat (ملفات .ann)'),
    'label-studio': predictions ? tr('Label Studio predictions', 'تنبؤات Label Studio') : tr('Label Studio tasks', 'مهام Label Studio'),
    conll: tr('CoNLL IOB2', 'CoNLL بترميز IOB2'),
    hf: tr('Hugging Face token classification', 'تصنيف الرموز من Hugging Face'),
    webanno: tr('WebAnno TSV 3', 'WebAnno TSV 3'),
    prodigy: tr('Prodigy ner_manual', 'ner_manual من Prodigy'),
  })[format] ?? format;
