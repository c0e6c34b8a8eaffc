// Ways a test looks at and acts on the page as a person would: drag the mouse over words
// located from the rendered text, read what the highlights paint, look at pixels.

import { PNG } from 'pngjs';

/**
 * Screen rectangles of the first and last character of the `nth` occurrence of `needle` in
 * the article, found in the rendered text nodes themselves (not through the page's code).
 */
export async function locate(page, needle, nth = 0) {
  return page.evaluate(
    ([needle, nth]) => {
      const article = document.getElementById('article');
      const nodes = [];
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, from: all.length });
        all += n.data;
      }
      let at = -1;
      for (let i = 0; i <= nth; i++) {
        at = all.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`“${needle}” (occurrence ${nth}) is not in the article`);
      }
      const point = (offset) => {
        const hit = nodes.findLast((n) => n.from <= offset);
        return [hit.node, offset - hit.from];
      };
      const range = (s, e) => {
        const r = new Range();
        r.setStart(...point(s));
        r.setEnd(...point(e));
        return r;
      };
      // Bring the words into view first, as a person would scroll to them.
      const editor = document.getElementById('editor');
      const box = range(at, at + needle.length).getBoundingClientRect();
      if (box.top < 120 || box.bottom > innerHeight - 40) editor.scrollTop += box.top - innerHeight / 2;
      const rect = (r) => {
        const b = r.getClientRects()[0];
        return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      };
      return {
        at,
        first: rect(range(at, at + 1)),
        last: rect(range(at + needle.length - 1, at + needle.length)),
        whole: (({ left, right, top, bottom }) => ({ left, right, top, bottom }))(range(at, at + needle.length).getBoundingClientRect()),
      };
    },
    [needle, nth],
  );
}

/**
 * Selects the `nth` occurrence of `needle` with a real mouse drag: press just inside the right
 * edge of its first character (the logical start, in right-to-left text) and release just
 * inside the left edge of its last character.
 */
export async function dragSelect(page, needle, nth = 0) {
  const where = await locate(page, needle, nth);
  const { first, last } = where;
  await page.mouse.move(first.right - 1, (first.top + first.bottom) / 2);
  await page.mouse.down();
  await page.mouse.move(last.left + 1, (last.top + last.bottom) / 2, { steps: 12 });
  await page.mouse.up();
  return where;
}

/**
 * What the page paints, read back from the screen: for each label, `alama-LABEL` holds every
 * span painted in it (and `alama-selected-LABEL` the selected one) as the characters whose
 * centres lie inside that span's boxes, from the first to the last; each CSS highlight (the
 * marks: clitics, suggestions, search matches) its ranges. Each entry is the text and its
 * UTF-16 offsets: counted over the article's rendered text nodes in order (`counting`
 * 'rendered', as locate() counts them), or from the blocks' own offsets ('document').
 */
export function painted(page, counting = 'rendered') {
  return page.evaluate((counting) => {
    const before = new Map();
    const letters = [];
    const walker = document.createTreeWalker(document.getElementById('article'), NodeFilter.SHOW_TEXT);
    let at = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      before.set(n, counting === 'document' ? Number(n.parentElement.dataset.start) : at);
      at += n.data.length;
      for (let i = 0; i < n.data.length; i++) {
        const wide = n.data.codePointAt(i) > 0xffff;
        const r = new Range();
        r.setStart(n, i);
        r.setEnd(n, i + (wide ? 2 : 1));
        for (const box of r.getClientRects()) {
          if (box.width > 0) letters.push({ node: n, i, end: i + (wide ? 2 : 1), x: box.left + box.width / 2, y: box.top + box.height / 2 });
        }
        if (wide) i++;
      }
    }
    const offset = (node, o) => before.get(node) + o;
    const out = {};
    for (const b of document.querySelectorAll('#label-buttons [data-label]')) out[`alama-${b.dataset.label}`] = [];
    const spans = new Map();
    for (const el of document.querySelectorAll('#boxes .box')) {
      const id = el.dataset.span;
      if (!spans.has(id)) spans.set(id, { label: el.dataset.label, selected: el.classList.contains('selected'), rects: [] });
      spans.get(id).rects.push(el.getBoundingClientRect());
    }
    for (const { label, selected, rects } of spans.values()) {
      const inside = letters.filter((l) => rects.some((r) => l.x > r.left && l.x < r.right && l.y > r.top && l.y < r.bottom));
      if (!inside.length) continue;
      const [first, last] = [inside[0], inside.at(-1)];
      const range = new Range();
      range.setStart(first.node, first.i);
      range.setEnd(last.node, last.end);
      const entry = { text: range.toString(), start: offset(first.node, first.i), end: offset(last.node, last.end) };
      for (const name of [`alama-${label}`, ...(selected ? [`alama-selected-${label}`] : [])]) (out[name] ??= []).push(entry);
    }
    for (const list of Object.values(out)) list.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const [name, h] of CSS.highlights) {
      out[name] = [...h].map((r) => ({ text: r.toString(), start: offset(r.startContainer, r.startOffset), end: offset(r.endContainer, r.endOffset) }));
    }
    return out;
  }, counting);
}

/** Share of pixels in `box` that are not near-white: how much of it is painted. */
export async function inkShare(page, box) {
  const clip = { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
  const png = PNG.sync.read(await page.screenshot({ clip }));
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 30) coloured++;
  }
  return coloured / (png.data.length / 4);
}

export const message = (page) => page.locator('#message').textContent();

/** Waits until every change made so far has been taken and saved by the page. */
export const settle = (page) => page.waitForFunction(() => document.body.dataset.saveState !== 'saving');

/** Presses a key as a person would, then waits for the change it makes to be saved. */
export async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
}

/** A short news item with astral characters (emoji, a skin tone, a flag) before its names:
 * where UTF-16 and code point offsets part. */
export const EMOJI_TEXT = '😀 تقرير: التقى 👋🏽 الرئيس فلاديمير بوتين في موسكو.\n🇸🇦 ثم عاد إلى بيونغ يانغ.';

/** Opens EMOJI_TEXT as the document `emoji` through the file input and tags بوتين PER and
 * بيونغ يانغ LOC with the mouse and keys 1 and 2. */
export async function openAndTagEmoji(page) {
  await page.locator('#file-input').setInputFiles({ name: 'emoji.txt', mimeType: 'text/plain', buffer: Buffer.from(EMOJI_TEXT) });
  await page.waitForSelector('#document-list button[data-doc="emoji"][aria-current="true"]');
  await dragSelect(page, 'بوتين');
  await press(page, '1');
  await dragSelect(page, 'بيونغ يانغ');
  await press(page, '2');
}

/** What the page shows: every document's counts, and the open document's spans. */
export async function shownState(page) {
  const docs = await page.locator('#document-list .meta').allTextContents();
  const doc = await page.locator('#document-list button[aria-current="true"]').getAttribute('data-doc');
  const p = await painted(page);
  const spans = Object.entries(p)
    .filter(([name]) => !name.startsWith('alama-selected'))
    .flatMap(([name, ranges]) => ranges.map((r) => `${name}:${r.start}-${r.end}:${r.text}`))
    .sort();
  return { doc, docs, spans };
}
