// The peer's side of the benchmark: opens an Alama export (or the peer's own export) into
// @recogito/text-annotator through its own API, and binds the same keys as Alama: 1-4 tag
// the selection (or relabel the selected annotation), Delete removes it, Export downloads
// the annotations as JSON.
/* global RecogitoJS */
const { createTextAnnotator, rangeToSelector } = RecogitoJS;
const $ = (id) => document.getElementById(id);
const LABELS = ['PER', 'LOC', 'WEA', 'EVT'];
const COLORS = { PER: '#E69F00', LOC: '#56B4E9', WEA: '#CC79A7', EVT: '#009E73' };
const article = $('article');
let anno = null;
let text = '';
let selected = null;

/** Paragraphs as Alama cuts them: each ends after its run of line feeds. */
function paragraphs(t) {
  return t.match(/[^\n]*(?:\r?\n)*/g).filter(Boolean);
}

function body(annotation, label) {
  return { id: `${annotation}-b`, annotation, purpose: 'tagging', value: label };
}

function annotation(id, start, end, label) {
  return { id, bodies: [body(id, label)], target: { annotation: id, selector: [{ quote: text.slice(start, end), start, end }] } };
}

/** Alama's spans (code points) as the peer's annotations (UTF-16 offsets in the text). */
function fromAlama(doc) {
  const utf16 = [];
  let u = 0;
  for (const c of doc.text) {
    utf16.push(u);
    u += c.length;
  }
  utf16.push(u);
  return doc.spans.map((s) => annotation(`s${s.id}`, utf16[s.start], utf16[s.end], s.label));
}

$('file-input').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  const data = JSON.parse(await file.text());
  const alama = data.format === 'alama';
  text = alama ? data.documents[0].text : data.text;
  article.replaceChildren(...paragraphs(text).map((p) => Object.assign(document.createElement('p'), { textContent: p })));
  anno ??= createTextAnnotator(article, { style: (a) => ({ fill: COLORS[a.bodies[0]?.value] ?? '#999', fillOpacity: 0.3 }) });
  anno.on?.('selectionChanged', (list) => (selected = list[0]?.id ?? selected));
  anno.setAnnotations(alama ? fromAlama(data.documents[0]) : data.annotations, true);
  $('message').textContent = `Imported ${anno.getAnnotations().length} annotations from “${file.name}”.`;
  document.body.dataset.shown = String(Number(document.body.dataset.shown ?? 0) + 1);
});

document.addEventListener('keydown', (e) => {
  if (!anno) return;
  const n = /^Digit([1-4])$/.exec(e.code)?.[1];
  if (n) {
    const label = LABELS[n - 1];
    const sel = getSelection();
    if (sel.rangeCount && !sel.isCollapsed) {
      const s = rangeToSelector(sel.getRangeAt(0), article);
      const id = crypto.randomUUID();
      anno.addAnnotation(annotation(id, s.start, s.end, label));
      sel.removeAllRanges();
      selected = id;
    } else if (selected) {
      const a = anno.getAnnotationById(selected);
      if (a) anno.updateAnnotation({ ...a, bodies: [body(a.id, label)] });
    }
  } else if (e.key === 'Delete' && selected) {
    anno.removeAnnotation(selected);
    selected = null;
  }
});

$('export').addEventListener('click', () => {
  const annotations = anno
    .getAnnotations()
    .map((a) => ({ ...a, target: { ...a.target, selector: a.target.selector.map(({ quote, start, end }) => ({ quote, start, end })) } }));
  const url = URL.createObjectURL(new Blob([JSON.stringify({ text, annotations })], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'peer-export.json';
  document.body.append(a);
  a.click();
  a.remove();
});
