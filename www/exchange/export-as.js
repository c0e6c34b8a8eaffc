// @ts-check
// Export JSON (Ctrl+S) and the Export as… menu, and how the page's menus open and close. The
// export itself (export-run.js) is loaded when it is first asked for.

/** @typedef {import('../pkg/alama.js').Format} Format */

/** Downloads every document in `format`; says what it could not carry. */
export const exportAs = (/** @type {Format} */ format, predictions = false) => import('./export-run.js').then((m) => m.exportAs(format, predictions));

/** Export JSON: the Alama export, as one download. */
export const exportAll = () => exportAs('alama');

export function closeMenus(/** @type {Element | undefined} */ except = undefined) {
  for (const m of document.querySelectorAll('details.menu[open]')) if (m !== except) /** @type {HTMLDetailsElement} */ (m).open = false;
}

/** Binds the Export JSON button and the Export as… menu. */
export function initExport() {
  document.getElementById('export')?.addEventListener('click', exportAll);
  for (const b of document.querySelectorAll('#export-menu button[data-format]')) {
    const button = /** @type {HTMLButtonElement} */ (b);
    button.addEventListener('click', () => {
      closeMenus();
      exportAs(/** @type {Format} */ (button.dataset.format), button.dataset.predictions === 'true');
    });
  }
  for (const menu of document.querySelectorAll('details.menu')) {
    menu.addEventListener('toggle', () => /** @type {HTMLDetailsElement} */ (menu).open && closeMenus(menu));
    menu.addEventListener('keydown', (/** @type {any} */ e) => {
      if (e.key !== 'Escape') return;
      /** @type {HTMLDetailsElement} */ (menu).open = false;
      /** @type {HTMLElement} */ (menu.querySelector('summary')).focus();
    });
  }
  document.addEventListener('click', (/** @type {any} */ e) => {
    if (!e.target.closest?.('details.menu')) closeMenus();
  });
}
