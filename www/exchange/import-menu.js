// @ts-check
// The Import… menu: the person says the format, then picks the files; they go through the
// one import flow (files/import.js). Open files… and dropping tell the format from the file.

import { writable } from '../state/messages.js';
import { importFileSet } from '../files/import.js';
import { closeMenus } from './export-as.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** What the file picker suggests for each format (a hint only: any file can be chosen). @type {Record<string, string>} */
const ACCEPT = {
  alama: '.json,application/json',
  jsonl: '.jsonl,.ndjson,.json',
  brat: '.txt,.ann,.conf',
  'label-studio': '.json,application/json',
  conll: '.conll,.iob,.iob2,.bio,.conllu,.txt,.tsv',
  hf: '.jsonl,.ndjson,.json,.md',
  webanno: '.tsv,text/tab-separated-values',
  prodigy: '.jsonl,.ndjson',
};

export function initImportMenu() {
  /** @type {string | null} */
  let chosen = null;
  for (const b of document.querySelectorAll('#import-menu button[data-format]')) {
    const button = /** @type {HTMLButtonElement} */ (b);
    button.addEventListener('click', () => {
      closeMenus();
      if (!writable()) return;
      chosen = button.dataset.format ?? null;
      $('exchange-input').accept = ACCEPT[chosen.replace('-predictions', '')] ?? '';
      $('exchange-input').click();
    });
  }
  $('exchange-input').addEventListener('change', async (/** @type {any} */ e) => {
    const files = [...e.target.files];
    e.target.value = '';
    if (!files.length || !chosen) return;
    const predictions = chosen === 'label-studio-predictions';
    await importFileSet({ format: predictions ? 'label-studio' : /** @type {any} */ (chosen), predictions, files });
  });
}
