// @ts-check
// The exchange module (other tools' formats, agreement, adjudication: src/web/exchange.rs),
// a Wasm module of its own, fetched and compiled (with its JavaScript glue) the first time
// something needs it, so that the page starts without either.

import { tr } from '../words/i18n.js';

/**
 * The module's exports, filled in when it is loaded (use them after `exchangeReady`).
 * @type {typeof import('../pkg/alama_exchange.js')}
 */
export const exchange = /** @type {any} */ ({});

/** @type {Promise<unknown> | null} */
let loading = null;
let loaded = false;

/** True once the module is ready. */
export const exchangeLoaded = () => loaded;

/** Resolves to true once the exchange module is ready; says why (by `tell`) when it cannot be loaded. */
export function exchangeReady(/** @type {(text: string) => void} */ tell) {
  loading ??= import('../pkg/alama_exchange.js').then(async (module) => {
    await module.default();
    Object.assign(exchange, module);
    loaded = true;
  });
  return loading.then(
    () => true,
    (e) => {
      loading = null;
      tell(
        tr(
          `The exchange module (alama_exchange_bg.wasm) could not be loaded: ${e.message ?? e}. Nothing was changed.`,
          `تعذّر تحميل وحدة التبادل (alama_exchange_bg.wasm): ${e.message ?? e}. لم يتغيّر شيء.`,
        ),
      );
      return false;
    },
  );
}
