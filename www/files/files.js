// @ts-check
// Reading files the user gives the page, and saving files for the user. Text is never
// decoded here for the core: it checks and decodes the exact bytes itself.

import { tr } from '../words/i18n.js';

/** A file's bytes. */
export async function bytesOf(/** @type {Blob} */ file) {
  return new Uint8Array(await file.arrayBuffer());
}

/** Decodes a JSON file strictly, so that bad bytes are reported, not replaced. */
export async function utf8Of(/** @type {File} */ file) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await bytesOf(file));
  } catch {
    throw new Error(
      tr(
        `Cannot import “${file.name}”: the file is not valid UTF-8. Nothing was changed.`,
        `تعذّر استيراد «${file.name}»: الملف ليس UTF-8 صالحًا. لم يتغيّر شيء.`,
      ),
    );
  }
}

/** Saves `contents` (a Blob the core made, or text) as the download `name`. */
export function download(/** @type {string} */ name, /** @type {Blob | string} */ contents, type = 'application/json') {
  const url = URL.createObjectURL(contents instanceof Blob ? contents : new Blob([contents], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name's extension, lower case. */
export const ext = (/** @type {string} */ name) => /\.([^./]+)$/.exec(name)?.[1].toLowerCase() ?? '';
