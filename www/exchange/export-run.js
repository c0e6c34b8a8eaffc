// @ts-check
// An export, loaded on first use (export-as.js binds the buttons and keys): every document in
// one download, in Alama's own JSON (made by the session itself) or another tool's format
// (made by the exchange module); what a format could not carry is listed after the download.

import { page, ws, stamp } from '../state/state.js';
import { say, attempt } from '../state/messages.js';
import { tr } from '../words/i18n.js';
import { formatName } from '../words/formats.js';
import { download } from '../files/files.js';
import { exchange, exchangeReady } from '../files/exchange-module.js';

/** @typedef {import('../pkg/alama.js').Format} Format */

/** Downloads every document in `format`; says what it could not carry. */
export async function exportAs(/** @type {Format} */ format, predictions = false) {
  const core = page.core;
  const at = stamp();
  const r =
    format === 'alama'
      ? attempt(() => ({ name: core.exportName(ws.name, 'alama', false, at), blob: core.exportBlob(), lost: [] }))
      : (await exchangeReady((text) => say(text, 'error'))) && attempt(() => exchange.exportAs(core.exportBytes(), format, predictions, ws.name, at));
  if (!r || !r.ok) return;
  const { name, blob, lost } = r.value;
  download(name, blob);
  const { documents, spans } = core.totals();
  const what = formatName(format, predictions);
  const done = tr(
    `Exported ${documents} documents and ${spans} spans as ${what} to ${name}.`,
    `صُدِّر ${documents} مستندات و${spans} مقطعًا بصيغة ${what} إلى ${name}.`,
  );
  if (!lost.length) return say(done);
  const { showNotes } = await import('../files/notes.js');
  say(
    `${done} ${tr(`${lost.length} thing${lost.length === 1 ? '' : 's'} could not be carried: see the list.`, `تعذّر حمل ${lost.length} من الأشياء: انظر القائمة.`)}`,
    'warning',
  );
  showNotes(
    tr(`What ${what} could not carry`, `ما لم تستطع صيغة ${what} حمله`),
    tr(`${name} was saved without these (Export JSON keeps everything):`, `حُفظ ${name} من دونها (تصدير JSON يحفظ كل شيء):`),
    lost,
  );
}
