// @ts-check
// PLACEHOLDER until the coded wording lands: the core's English message is shown.
/** @param {any} error @param {string} lang */
export function wordError(error, lang) {
  return `${error.code}`;
}
/** @param {any} note @param {string} lang */
export function wordNote(note, lang) {
  return String(note);
}
