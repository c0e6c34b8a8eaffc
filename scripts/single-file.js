// Builds dist/alama.html: the whole annotator in one self-contained HTML file that works when
// opened straight from disk (file://) with no server and no network: the Wasm modules (base64),
// every script of www/ (bundled into one inline module), the styles and the seed articles are
// inlined, and the Content-Security-Policy allows exactly those inline parts by their hashes.
//
//   bash scripts/build.sh && node scripts/single-file.js [OUT]     (default: dist/alama.html)
//
// The bundler is deliberately small: www/ uses only relative static imports (on one line or
// several), relative dynamic imports of a module loaded on first use (`import('./x.js')`, which
// in one file is already there: it becomes a promise of that module), and `export`
// declarations or lists, so each module becomes a function scope that returns its exports.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const WWW = join(ROOT, 'www');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'dist', 'alama.html'));

const IMPORT = /^import\s+([^;]+?)\s+from\s+'(\.{1,2}\/[^']+)';?[ \t]*$/gm;
// A dynamic import is written `import('./x.js').then(…)` or `await import('./x.js')`;
// `import('…')` in a JSDoc type (`import('…').Type`, `{import('./sync.js')}`) is not one.
const DYNAMIC = /(?:(?<=\bawait\s+)|(?=import\('[^']+'\)\.then\())\bimport\('(\.{1,2}\/[^']+)'\)/g;
const EXPORT_DECL = /^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?[ \t]*$/gm;

/** `A, { b, c as d }` → the names an import binds, as a destructuring pattern. */
function pattern(clause) {
  const parts = [];
  const m = /^([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?$/.exec(clause.trim());
  if (!m) throw new Error(`cannot bundle the import “${clause}”`);
  if (m[1]) parts.push(`default: ${m[1]}`);
  for (const item of (m[2] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, as] = item.split(/\s+as\s+/);
    parts.push(as ? `${name}: ${as}` : name);
  }
  return `{ ${parts.join(', ')} }`;
}

function bundle(entry, patch) {
  const ids = new Map();
  const out = [];
  const visit = (file) => {
    if (ids.has(file)) return ids.get(file);
    if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing: run scripts/build.sh first`);
    let src = readFileSync(file, 'utf8');
    const imports = [...src.matchAll(IMPORT)];
    for (const [, , path] of imports) visit(resolve(dirname(file), path));
    for (const [, path] of src.matchAll(DYNAMIC)) visit(resolve(dirname(file), path));
    const id = `__m${ids.size}`;
    ids.set(file, id);
    src = src.replace(IMPORT, (_, clause, path) => {
      const id = ids.get(resolve(dirname(file), path));
      // `init, * as ns`: the default binding, and the namespace as the module's exports.
      const ns = /^(?:([\w$]+)\s*,\s*)?\*\s+as\s+([\w$]+)$/.exec(clause.trim());
      if (ns) return `${ns[1] ? `const { default: ${ns[1]} } = ${id}; ` : ''}const ${ns[2]} = ${id};`;
      return `const ${pattern(clause)} = ${id};`;
    });
    src = src.replace(DYNAMIC, (_, path) => `Promise.resolve(${ids.get(resolve(dirname(file), path))})`);
    const exported = [];
    src = src.replace(EXPORT_DECL, (_, kind, name) => {
      // A module's exports are copied into the bundle once: a binding that changes later would not be seen.
      if (kind === 'let' || kind === 'var')
        throw new Error(`${relative(ROOT, file)}: exports the ${kind} ${name}, which the bundle would copy once; export a const object instead`);
      exported.push(name);
      return `${kind} ${name}`;
    });
    src = src.replace(EXPORT_LIST, (_, list) => {
      for (const item of list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const [name, as] = item.split(/\s+as\s+/);
        exported.push(as ? `${as}: ${name}` : name);
      }
      return '';
    });
    if (/^\s*export\s/m.test(src)) throw new Error(`${relative(ROOT, file)}: an export form the bundler does not know`);
    const body = patch(relative(WWW, file), src, exported);
    out.push(`// ---- ${relative(WWW, file)}\nconst ${id} = (() => {\n${body}\nreturn { ${exported.join(', ')} };\n})();`);
    return id;
  };
  visit(entry);
  return out.join('\n');
}

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
/** Inline content must not close its element early. */
const safe = (text, tag) => text.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);

export function build(out = OUT) {
  const seedDir = join(WWW, 'seeds');
  if (!existsSync(seedDir)) throw new Error('www/seeds is missing: run scripts/build.sh first');
  const seeds = Object.fromEntries(
    readdirSync(seedDir)
      .sort()
      .map((n) => [n, readFileSync(join(seedDir, n), 'utf8')]),
  );

  const code = bundle(join(WWW, 'start', 'main.js'), (name, src, exported) => {
    const glue = /^pkg\/(alama(?:_exchange)?)\.js$/.exec(name);
    if (glue) {
      // No file next to the page to fetch: the module's bytes are inlined (and decoded only
      // when the page asks for the module, as it would have fetched it).
      const wasm = readFileSync(join(WWW, 'pkg', `${glue[1]}_bg.wasm`));
      const i = exported.indexOf('default: __wbg_init');
      if (i < 0) throw new Error(`${name}: no default init to patch`);
      exported[i] = 'default: (arg) => __wbg_init(arg ?? { module_or_path: __wasmBytes() })';
      return `const __wasmBytes = () => Uint8Array.from(atob(${JSON.stringify(wasm.toString('base64'))}), (c) => c.charCodeAt(0));\n${src}`;
    }
    if (name === 'state/workspaces.js') {
      // The seed articles come from the file itself, not from seeds/ beside it.
      return `const __seeds = ${JSON.stringify(seeds).replace(/</g, '\\u003c')};
const fetch = async (url) => {
  const name = decodeURIComponent(String(url).replace(/^seeds\\//, ''));
  if (!Object.hasOwn(__seeds, name)) throw new TypeError(\`\${url} is not in this file\`);
  return new Response(__seeds[name]);
};
${src}`;
    }
    return src;
  });
  const script = `\n${safe(code, 'script')}\n`;
  const style = `\n${safe(readFileSync(join(WWW, 'style.css'), 'utf8'), 'style')}\n`;

  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const swap = (from, to) => {
    if (!html.includes(from)) throw new Error(`index.html no longer has ${from}`);
    html = html.replace(from, () => to);
  };
  swap(`<link rel="stylesheet" href="style.css">`, `<style>${style}</style>`);
  swap(`<script type="module" src="start/main.js"></script>`, `<script type="module">${script}</script>`);
  html = html.replace(/script-src [^;"]*/, `script-src ${sha(script)} 'wasm-unsafe-eval'`).replace(/style-src [^;"]*/, `style-src ${sha(style)}`);
  html = html.replace(/connect-src [^;"]*/, "connect-src 'none'");
  if (/\b(?:src|href)="(?!data:|#)/.test(html)) throw new Error('index.html still refers to a file beside it');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return { out, bytes: Buffer.byteLength(html), gzip: gzipSync(html, { level: 9 }).length };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { out, bytes, gzip } = build();
  console.log(`${relative(process.cwd(), out)}: ${(bytes / 1024).toFixed(0)} KB (${(gzip / 1024).toFixed(0)} KB gzip), open it from disk in Chromium`);
}
