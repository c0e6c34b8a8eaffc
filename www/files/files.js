// @ts-check
// Reading files the user gives the page, and saving files for the user. Text is never
// decoded here for the core: it checks and decodes the exact bytes itself.

import { page } from '../state/state.js';

/** A file's bytes. */
export async function bytesOf(/** @type {Blob} */ file) {
  return new Uint8Array(await file.arrayBuffer());
}

/** The format the core tells from a file's name and start (only that much is read), or null. */
export async function sniffed(/** @type {File} */ file) {
  return page.core.sniffFormat(file.name, await bytesOf(file.slice(0, page.limits.sniffBytes)));
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
