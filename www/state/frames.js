// @ts-check
// When work runs, relative to the page's frames and tasks: after the frame that shows a
// change is painted, in a later task, or when nothing more pressing waits; and how long one
// step of long work may hold the main thread.

/** Milliseconds of work in one task before the page gets to paint and take input. */
export const STEP_MS = 8;
/** The same for work nobody waits for (indexing, restoring in the background): a key pressed
 * meanwhile waits at most this long for its turn. */
export const BACKGROUND_STEP_MS = 4;

/** Resolves in a later task, so that the page can paint between two long steps. @returns {Promise<void>} */
// @ts-ignore: scheduler.yield is not in every browser's types yet
export const nextTask = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((ok) => setTimeout(ok, 0)));

/**
 * Resolves once the frame that shows a change has been painted (rAF, then a task), or after
 * 100 ms in a tab that paints no frames (hidden), so that a save never waits for one.
 * @returns {Promise<void>}
 */
export const afterPaint = () =>
  new Promise((ok) => {
    const timer = setTimeout(ok, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        ok();
      }, 0),
    );
  });

/** What waits for the next painted frame: each function once, however often it was asked for. */
const whenPainted = new Set();

/** Runs `fn` once the frame that shows the change being made is painted (once, if asked again before). */
export function oncePainted(/** @type {() => void} */ fn) {
  if (!whenPainted.size)
    afterPaint().then(() => {
      const fns = [...whenPainted];
      whenPainted.clear();
      for (const f of fns) f();
    });
  whenPainted.add(fn);
}

/**
 * Resolves when the page has nothing more pressing to do: work nobody waits for (indexing,
 * the documents a restore brings in after the first) goes after input, frames and the
 * steps of a change. (`scheduler.yield` would put it ahead of them.)
 * @returns {Promise<void>}
 */
// @ts-ignore: scheduler.postTask is not in every browser's types yet
export const backgroundTask = () =>
  globalThis.scheduler?.postTask ? globalThis.scheduler.postTask(() => {}, { priority: 'background' }) : new Promise((ok) => setTimeout(ok, 0));
