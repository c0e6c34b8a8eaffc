//! The layers stay as the README draws them. Each folder of `src/` (and of `www/`) is a
//! layer that may use only the layers below it, never one above it nor a peer on its own
//! floor, and no two files import each other, even by a longer way round. The check reads
//! the imports as text: `crate::…` paths in Rust (tests and comments left out) and `import
//! … from '…'` in the page's JavaScript.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The core's layers, lowest first; two folders on one floor may not use each other.
const RUST_LAYERS: &[(&str, usize)] =
    &[("text", 0), ("error", 1), ("annotations", 2), ("suggest", 3), ("exchange", 3), ("session", 4), ("web", 5)];

/// The page's layers, lowest first: what wasm-bindgen made, the words, the page's state,
/// the article and the files, the panels and the exchange views, the team sync (which feeds
/// a team's synced work into the exchange's adjudication), and the start that wires them.
const PAGE_LAYERS: &[(&str, usize)] =
    &[("pkg", 0), ("words", 1), ("state", 2), ("article", 3), ("files", 3), ("panels", 4), ("exchange", 4), ("team", 5), ("start", 6)];

/// One import: the file it is in, its line, and the file or module it names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    from: String,
    line: usize,
    to: String,
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/` (`annotations/workspace/replay.rs` →
/// `annotations::workspace::replay`; `mod.rs` names its folder).
fn module_of(rel: &str) -> String {
    let rel = rel.trim_end_matches(".rs").trim_end_matches("/mod");
    rel.replace('/', "::")
}

/// The code of a Rust file without its test modules and comments.
fn code_of(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" && lines.peek().is_some_and(|next| next.trim_start().starts_with("mod ")) {
            let next = lines.next().unwrap_or_default();
            if !next.trim_end().ends_with(';') {
                break; // an inline test module runs to the end of the file
            }
            continue;
        }
        let code = line.split("//").next().unwrap_or_default();
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every `crate::a::b…` path in a module's code, and what `super::` names.
fn rust_imports(module: &str, source: &str) -> Vec<Import> {
    let mut out = vec![];
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    for (n, line) in code_of(source).lines().enumerate() {
        for (at, _) in line.match_indices("crate::") {
            let path: String = line[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let path = path.trim_end_matches(':');
            if !path.is_empty() {
                out.push(Import { from: module.into(), line: n + 1, to: path.into() });
            }
        }
        for (at, _) in line.match_indices("super::") {
            if line[..at].ends_with("::") {
                continue;
            }
            let path: String = line[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let to = if parent.is_empty() { path } else { format!("{parent}::{}", path.trim_end_matches(':')) };
            out.push(Import { from: module.into(), line: n + 1, to });
        }
    }
    out
}

/// Every `import … from './x.js'` (and `import('./x.js')`) of a page module, as paths under `www/`.
fn js_imports(file: &str, source: &str) -> Vec<Import> {
    let dir = Path::new(file).parent().unwrap_or(Path::new(""));
    let mut out = vec![];
    for (n, line) in source.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("//") || t.starts_with('*') {
            continue;
        }
        for quote in ['\'', '"'] {
            for marker in [format!("from {quote}"), format!("import({quote}"), format!("import {quote}")] {
                for (at, _) in line.match_indices(marker.as_str()) {
                    let rest = &line[at + marker.len()..];
                    let Some(end) = rest.find(quote) else { continue };
                    let spec = &rest[..end];
                    if !spec.starts_with('.') {
                        continue;
                    }
                    let mut parts: Vec<&str> = dir.to_str().unwrap_or_default().split('/').filter(|p| !p.is_empty()).collect();
                    for piece in spec.split('/') {
                        match piece {
                            "." => {}
                            ".." => {
                                parts.pop();
                            }
                            p => parts.push(p),
                        }
                    }
                    out.push(Import { from: file.into(), line: n + 1, to: parts.join("/") });
                }
            }
        }
    }
    out
}

/// The floor of a module or page file: its first path segment's layer.
fn floor(layers: &[(&str, usize)], path: &str, sep: &str) -> Option<(String, usize)> {
    let top = path.split(sep).next().unwrap_or_default();
    layers.iter().find(|(name, _)| *name == top).map(|(name, n)| (name.to_string(), *n))
}

/// The imports that break the layering: up a floor, or across to a peer.
fn violations(layers: &[(&str, usize)], imports: &[Import], sep: &str) -> Vec<String> {
    let mut out = vec![];
    for i in imports {
        let (Some((from, a)), Some((to, b))) = (floor(layers, &i.from, sep), floor(layers, &i.to, sep)) else { continue };
        if from != to && b >= a {
            let why = if a == b { "a peer on its own floor" } else { "a higher layer" };
            out.push(format!("{} (line {}) uses {}: {to} is {why} than {from}", i.from, i.line, i.to));
        }
    }
    out
}

/// Cycles between files: `edges` maps a file to the files it imports.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        state.insert(node.into(), 1);
        stack.push(node.into());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    found.push(stack[from..].to_vec());
                }
                Some(_) => {}
                None => visit(next, edges, state, stack, found),
            }
        }
        stack.pop();
        state.insert(node.into(), 2);
    }
    let mut state = BTreeMap::new();
    let mut found = vec![];
    for node in edges.keys() {
        if !state.contains_key(node.as_str()) {
            visit(node, edges, &mut state, &mut vec![], &mut found);
        }
    }
    found
}

/// The module a path names: the longest prefix of it that is a module of the crate.
fn resolve(modules: &BTreeSet<String>, path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| modules.contains(m))
}

/// The modules under `dir` (files ending in `ext`, but those `skip` leaves out), named by
/// `name`, and every import `imports` finds in them.
fn tree(
    dir: &str,
    ext: &str,
    skip: impl Fn(&str) -> bool,
    name: impl Fn(&str) -> String,
    imports: impl Fn(&str, &str) -> Vec<Import>,
) -> (BTreeSet<String>, Vec<Import>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths = vec![];
    files(&root, ext, &mut paths);
    let mut modules = BTreeSet::new();
    let mut found = vec![];
    for path in paths {
        let rel = path.strip_prefix(&root).unwrap().to_str().unwrap().replace('\\', "/");
        if skip(&rel) {
            continue;
        }
        let module = name(&rel);
        found.extend(imports(&module, &fs::read_to_string(&path).unwrap()));
        modules.insert(module);
    }
    (modules, found)
}

fn rust_tree() -> (BTreeSet<String>, Vec<Import>) {
    // The command line is a crate of its own, on top of the library.
    tree("src", "rs", |rel| rel.starts_with("bin/") || rel == "lib.rs", module_of, rust_imports)
}

fn page_tree() -> (BTreeSet<String>, Vec<Import>) {
    // www/pkg is made by wasm-bindgen, www/team/dist by esbuild.
    tree("www", "js", |rel| rel.starts_with("pkg/") || rel.starts_with("team/dist/"), |rel| rel.to_string(), js_imports)
}

fn graph(
    modules: &BTreeSet<String>,
    imports: &[Import],
    resolve_to: impl Fn(&str) -> Option<String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for i in imports {
        if let Some(to) = resolve_to(&i.to).filter(|to| *to != i.from) {
            edges.entry(i.from.clone()).or_default().insert(to);
        }
    }
    edges
}

#[test]
fn no_layer_of_the_core_uses_a_higher_one_or_a_peer() {
    let (modules, imports) = rust_tree();
    let every: BTreeSet<&str> = modules.iter().map(|m| m.split("::").next().unwrap()).collect();
    let known: BTreeSet<&str> = RUST_LAYERS.iter().map(|(n, _)| *n).collect();
    assert_eq!(every, known, "every folder of src/ has a floor in RUST_LAYERS");
    let wrong = violations(RUST_LAYERS, &imports, "::");
    assert!(wrong.is_empty(), "imports that break the layers:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_files_of_the_core_import_each_other() {
    let (modules, imports) = rust_tree();
    let edges = graph(&modules, &imports, |path| resolve(&modules, path));
    let found = cycles(&edges);
    assert!(found.is_empty(), "import loops: {found:?}");
}

#[test]
fn no_part_of_the_page_uses_a_higher_one_or_a_peer() {
    let (modules, imports) = page_tree();
    for m in &modules {
        assert!(floor(PAGE_LAYERS, m, "/").is_some(), "www/{m} stands in no layer of PAGE_LAYERS");
    }
    let wrong = violations(PAGE_LAYERS, &imports, "/");
    assert!(wrong.is_empty(), "imports that break the page's layers:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_files_of_the_page_import_each_other() {
    let (modules, imports) = page_tree();
    let edges = graph(&modules, &imports, |path| modules.contains(path).then(|| path.to_string()));
    let found = cycles(&edges);
    assert!(found.is_empty(), "import loops: {found:?}");
}

/// The checks themselves catch what they are for: a lower layer reaching up, a peer, a loop.
#[test]
fn the_checks_catch_a_forbidden_import() {
    let text =
        "use crate::text::offsets::TextIndex;\nuse crate::session::Session; // up\n#[cfg(test)]\nmod tests {\nuse crate::web::x;\n}\n";
    let imports = rust_imports("annotations::spans", text);
    assert_eq!(imports.len(), 2, "{imports:?}");
    let wrong = violations(RUST_LAYERS, &imports, "::");
    assert_eq!(wrong, ["annotations::spans (line 2) uses session::Session: session is a higher layer than annotations"]);
    let peer = rust_imports("suggest::known", "fn f() { crate::exchange::canonical::to_json(ws) }");
    assert_eq!(violations(RUST_LAYERS, &peer, "::").len(), 1);

    let modules: BTreeSet<String> = ["a", "b", "c"].map(String::from).into();
    let loop_ = [
        Import { from: "a".into(), line: 1, to: "b::f".into() },
        Import { from: "b".into(), line: 1, to: "c".into() },
        Import { from: "c".into(), line: 1, to: "a::T".into() },
    ];
    let edges = graph(&modules, &loop_, |p| resolve(&modules, p));
    assert_eq!(cycles(&edges), [vec!["a".to_string(), "b".into(), "c".into()]]);

    let page = js_imports("state/saving.js", "import { x } from '../panels/documents.js';\nimport init from '../pkg/alama.js';");
    assert_eq!(page.iter().map(|i| i.to.as_str()).collect::<Vec<_>>(), ["panels/documents.js", "pkg/alama.js"]);
    assert_eq!(violations(PAGE_LAYERS, &page, "/").len(), 1);
}

/// The page's UTF-16 positions are converted in one module: session/utf16.rs (on the text
/// index of text/offsets.rs). The Label Studio reader and the WebAnno TSV format are the
/// other callers: those tools' files count UTF-16 themselves (some of Label Studio's, every
/// WebAnno TSV), and they are read and written as the format says.
#[test]
fn utf16_is_converted_in_one_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = vec![];
    files(&root, "rs", &mut paths);
    let allowed = ["text/offsets.rs", "session/utf16.rs", "exchange/formats/label_studio.rs", "exchange/formats/webanno.rs"];
    let mut wrong = vec![];
    for path in paths {
        let rel = path.strip_prefix(&root).unwrap().to_str().unwrap().replace('\\', "/");
        let code = code_of(&fs::read_to_string(&path).unwrap());
        if !allowed.contains(&rel.as_str()) && (code.contains("utf16_to_char") || code.contains("char_to_utf16")) {
            wrong.push(rel);
        }
    }
    assert!(wrong.is_empty(), "UTF-16 converted outside session/utf16.rs: {wrong:?}");
}
