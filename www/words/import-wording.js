// @ts-check
// Loads the wording of import problems (words/import-errors.js, which hands it to
// words/errors.js): before an import starts, or when a refusal needs it first.

/** @returns {Promise<void>} */
export const loadImportWording = () => import('./import-errors.js').then(() => {});
