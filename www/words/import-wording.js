// @ts-check
// Loads the wording of import problems (words/import-errors.js, which hands it to
// words/errors.js): as an import starts (not waited for), or when a refusal needs it first.

/** Resolves once it is in, or could not be fetched (offline): then a refusal names its code. @returns {Promise<void>} */
export const loadImportWording = () =>
  import('./import-errors.js').then(
    () => {},
    () => {},
  );
