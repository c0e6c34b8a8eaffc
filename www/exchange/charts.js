// @ts-check
// Small SVG charts for the Corpus view, drawn by hand (no chart library): horizontal bars,
// one a row, each with its name, its value and (optionally) parts stacked in colours. Every
// text is set with textContent; in a right-to-left interface the bars grow from the right.

const SVG = 'http://www.w3.org/2000/svg';

/** @typedef {{ name: string, value: number, color?: string, parts?: { value: number, color: string, name: string }[] }} Bar */

/** An SVG element with attributes. @returns {SVGElement} */
function el(/** @type {string} */ tag, /** @type {Record<string, string | number>} */ attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The direction a text takes of its own: that of its first strong letter (as dir="auto"). */
export const dirOf = (/** @type {string} */ s) => (/^[^A-Za-z\u00C0-\u024F\u0590-\u08FF]*[\u0590-\u08FF]/.test(s) ? 'rtl' : 'ltr');

/**
 * A text element whose `edge` side (left or right, on the page) is at `x`: it takes its own
 * direction, so that an Arabic name (سوخوي-35) is shaped and ordered as in the article.
 */
function text(/** @type {string} */ content, /** @type {number} */ x, /** @type {number} */ y, /** @type {'left' | 'right'} */ edge, cls = '') {
  const direction = dirOf(content);
  const anchor = (edge === 'left') === (direction === 'ltr') ? 'start' : 'end';
  const t = el('text', { x, y, direction, 'text-anchor': anchor, class: cls });
  t.textContent = content;
  return t;
}

/**
 * Horizontal bars, one a row: the name at the start, the bar, its value at the bar's end.
 * @param {Bar[]} bars
 * @param {{ title: string, rtl: boolean, width?: number, nameWidth?: number }} options
 */
export function barChart(bars, { title, rtl, width = 420, nameWidth = 130 }) {
  const row = 22;
  const top = 4;
  const height = top + bars.length * row + 4;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart' });
  const label = el('title');
  label.textContent = title;
  svg.append(label);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const room = width - nameWidth - 50;
  // x measured from the start side (the right in a right-to-left interface).
  const x = (/** @type {number} */ at) => (rtl ? width - at : at);
  bars.forEach((b, i) => {
    const y = top + i * row;
    // The name ends where the bars start; the value follows the bar.
    svg.append(text(b.name, x(nameWidth - 6), y + 15, rtl ? 'left' : 'right', 'chart-name'));
    const parts = b.parts ?? [{ value: b.value, color: b.color ?? '#777', name: b.name }];
    let at = nameWidth;
    for (const p of parts) {
      if (!p.value) continue;
      const w = Math.max(1, (p.value / max) * room);
      const rect = el('rect', { x: rtl ? width - at - w : at, y: y + 3, width: w, height: row - 8, fill: p.color, rx: 2 });
      const tip = el('title');
      tip.textContent = `${p.name}: ${p.value}`;
      rect.append(tip);
      svg.append(rect);
      at += w;
    }
    svg.append(text(String(b.value), x(at + 5), y + 15, rtl ? 'right' : 'left', 'chart-value'));
  });
  return svg;
}
