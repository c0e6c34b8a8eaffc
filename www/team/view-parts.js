// @ts-check
// What the team's views (progress, colleagues' work) are built on: their dialog, made once,
// and a redraw that runs at most once a frame however many changes come in.

/** The dialog `id` (wide), made and added to the page the first time. @param {string} id */
export function teamDialog(id) {
  let dialog = /** @type {HTMLDialogElement | null} */ (document.getElementById(id));
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.id = id;
    dialog.className = 'wide';
    document.body.append(dialog);
  }
  return dialog;
}

/** `draw`, called at the next frame once for every call made before it. @param {() => void} draw */
export function oncePerFrame(draw) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      draw();
    });
  };
}
