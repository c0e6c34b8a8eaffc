//! WebAnno TSV 3 (what INCEpTION and WebAnno import and export): one `.tsv` per document
//! with the named-entity layer, `de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`
//! (features `identifier` and `value`, as INCEpTION writes them). Each sentence is its
//! `#Text=` lines and one line per token, `1-3<TAB>9-14<TAB>token<TAB>identifier<TAB>value`;
//! a span over several tokens, or stacked with another on a token, carries a number
//! (`PER[1]`), and stacked spans are separated by `|`. The format counts offsets in UTF-16
//! units, as Java does: they are converted from and to code points here, on the exact text.
//!
//! Tokens are those of [`crate::exchange::tokens`], split at every span edge; sentences
//! end where CoNLL's do, never inside a span, and each sentence's text runs to the next
//! sentence's first token, so that the text is rebuilt exactly from the `#Text=` lines
//! (INCEpTION's reader adds a line break at the very end; Alama's does not). Only text
//! before the first token cannot be written: a reader puts spaces there.
//!
//! The importer reads files made by INCEpTION and WebAnno (TSV 3.x): other layers (POS,
//! dependencies, coreference chains, custom layers) are ignored with a note, sub-token
//! annotations are read at their offsets, and every token is checked against the text.

use crate::annotations::spans::Span;
use crate::annotations::workspace::{DocState, Workspace};
use crate::error::{Error, ImportProblem as P, Place, Step};
use crate::exchange::brat::{file_stem, unique};
use crate::exchange::tokens::{self, sentence_break};
use crate::exchange::{Builder, Exported, Format, Imported, Note, NoteKind, OutFile, lost_label_set_and_annotators};
use crate::text::offsets::TextIndex;
use std::collections::{HashMap, HashSet};

/// The named-entity layer's type.
pub const NAMED_ENTITY: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
const FORMAT_LINE: &str = "#FORMAT=WebAnno TSV 3.3";

/// One `.tsv` per document, under `folder/` when there are several (a single document's
/// file is the download itself).
pub fn to_webanno(ws: &Workspace, folder: &str) -> Exported {
    let several = ws.documents().len() > 1;
    let path = |name: &str| if folder.is_empty() || !several { name.to_string() } else { format!("{folder}/{name}") };
    let mut lost = lost_label_set_and_annotators(ws, Format::Webanno);
    let mut taken = HashSet::new();
    let mut stems = vec![];
    let mut files = vec![];
    for state in ws.documents() {
        let doc = &state.doc;
        let stem = unique(&mut taken, file_stem(&doc.id));
        if stem != doc.id {
            lost.push(Note::doc(&doc.id, NoteKind::WebannoFileName { stem: stem.clone() }));
        }
        if doc.name != format!("{stem}.txt") {
            lost.push(Note::doc(&doc.id, NoteKind::NameLost { format: Format::Webanno, name: doc.name.clone(), stem: stem.clone() }));
        }
        files.push(OutFile { path: path(&format!("{stem}.tsv")), bytes: document(state, &mut lost).into_bytes() });
        stems.push(stem);
    }
    if stems.windows(2).any(|w| w[0] > w[1]) {
        lost.push(Note::file(NoteKind::OrderLost { format: Format::Webanno }));
    }
    Exported { files, lost }
}

/// One document's file.
fn document(state: &DocState, lost: &mut Vec<Note>) -> String {
    let doc = &state.doc;
    let chars: Vec<char> = doc.text().chars().collect();
    let index = doc.index();
    let u16 = |cp: usize| index.char_to_utf16(cp).unwrap_or(cp);
    let toks = tokens::tokenize(doc.text(), &tokens::edges(state.spans.iter()));
    // Each span's tokens; the ones with none cannot be written.
    let mut placed: Vec<(&Span, std::ops::Range<usize>)> = vec![];
    for span in state.spans.iter() {
        let range = tokens::token_range(&toks, span.start, span.end);
        if range.is_empty() {
            lost.push(Note::span(doc, span, NoteKind::TokenNone { format: Format::Webanno }));
            continue;
        }
        let (start, end) = (toks[range.start].0, toks[range.end - 1].1);
        if (start, end) != (span.start, span.end) {
            lost.push(Note::span(doc, span, NoteKind::TokenEdgesMoved { format: Format::Webanno, start, end }));
        }
        placed.push((span, range));
    }
    let mut on: Vec<Vec<usize>> = vec![vec![]; toks.len()]; // the placed spans on each token
    for (k, (_, range)) in placed.iter().enumerate() {
        range.clone().for_each(|t| on[t].push(k));
    }
    // A span needs a number when it covers several tokens or shares one with another.
    let mut numbers: Vec<Option<usize>> = vec![None; placed.len()];
    let mut next = 1;
    for (k, (_, range)) in placed.iter().enumerate() {
        if range.len() > 1 || range.clone().any(|t| on[t].len() > 1) {
            numbers[k] = Some(next);
            next += 1;
        }
    }
    let leading = toks.first().map_or(chars.len(), |t| t.0);
    // Spaces before the first token are kept (its offsets stand for them); anything else
    // is lost, and so is a text of no token at all (spaces only).
    if leading > 0 && (toks.is_empty() || chars[..leading].iter().any(|&c| c != ' ')) {
        lost.push(Note::doc(&doc.id, NoteKind::WebannoTextBeforeTokens { count: leading }));
    }
    let joined = tokens::joined(placed.iter().map(|(s, _)| *s), &toks);
    let mut starts = vec![];
    for k in 0..toks.len() {
        if k == 0 || sentence_break(&chars, toks[k - 1], toks[k].0, joined[k - 1]) {
            starts.push(k);
        }
    }
    let mut out = format!("{FORMAT_LINE}\n#T_SP={NAMED_ENTITY}|identifier|value\n\n");
    for (n, &first) in starts.iter().enumerate() {
        let last = starts.get(n + 1).copied().unwrap_or(toks.len());
        let until = toks.get(last).map_or(chars.len(), |t| t.0);
        out.push('\n');
        let sentence: String = chars[toks[first].0..until].iter().collect();
        // A reader ends each sentence with a line break of its own, kept when the next
        // sentence starts after it: a sentence's last line break is that one. (After the
        // last sentence, Alama's reader drops it and INCEpTION's keeps it.)
        let own = if last < toks.len() { sentence.strip_suffix('\n').unwrap_or(&sentence) } else { &sentence };
        for line in own.split('\n') {
            out.push_str("#Text=");
            out.push_str(&escape_text(line));
            out.push('\n');
        }
        for (t, &(s, e)) in toks.iter().enumerate().take(last).skip(first) {
            out.push_str(&format!("{}-{}\t{}-{}\t", n + 1, t - first + 1, u16(s), u16(e)));
            out.extend(&chars[s..e]);
            out.push('\t');
            if on[t].is_empty() {
                out.push_str("_\t_\t\n");
                continue;
            }
            let suffix = |k: usize| numbers[k].map(|n| format!("[{n}]")).unwrap_or_default();
            let identifiers: Vec<String> = on[t].iter().map(|&k| format!("*{}", suffix(k))).collect();
            let values: Vec<String> = on[t].iter().map(|&k| format!("{}{}", escape_value(&placed[k].0.label), suffix(k))).collect();
            out.push_str(&format!("{}\t{}\t\n", identifiers.join("|"), values.join("|")));
        }
    }
    out
}

/// A `#Text=` line as TSV 3.2+ escapes it (control characters, tab, backslash).
fn escape_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{0C}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{08}' => out.push_str("\\b"),
            '\\' => out.push_str("\\\\"),
            '\u{00}'..='\u{07}' | '\u{0E}'..='\u{1F}' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn unescape_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let plain = match chars.peek() {
            Some('t') => Some('\t'),
            Some('n') => Some('\n'),
            Some('f') => Some('\u{0C}'),
            Some('r') => Some('\r'),
            Some('b') => Some('\u{08}'),
            Some('\\') => Some('\\'),
            Some(&d @ ('\u{00}'..='\u{07}' | '\u{0E}'..='\u{1F}')) => Some(d),
            _ => None,
        };
        match plain {
            Some(p) => {
                out.push(p);
                chars.next();
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A feature value as the format escapes it (`\`, `[`, `]`, `|`, `_`, `->`, `;`, tab, line
/// break, `*`).
fn escape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '[' | ']' | '|' | '_' | ';' | '*' => {
                out.push('\\');
                out.push(c);
            }
            '-' if chars.peek() == Some(&'>') => out.push_str("\\-"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

fn unescape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let plain = match chars.peek() {
            Some(&d @ ('\\' | '[' | ']' | '|' | '_' | ';' | '*')) => Some(d),
            Some('-') => Some('-'),
            Some('t') => Some('\t'),
            Some('n') => Some('\n'),
            _ => None,
        };
        match plain {
            Some(p) => {
                out.push(p);
                chars.next();
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A stacked column split at each `|` that is not escaped, as INCEpTION splits it.
fn stacked(column: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut from = 0;
    let mut prev = '\0';
    for (at, c) in column.char_indices() {
        if c == '|' && prev != '\\' {
            out.push(&column[from..at]);
            from = at + 1;
        }
        prev = c;
    }
    out.push(&column[from..]);
    out
}

/// A value and its number: `PER[3]` → (`PER`, 3).
fn numbered(value: &str) -> (&str, Option<usize>) {
    if value.ends_with(']')
        && !value.ends_with("\\]")
        && let Some(open) = value.rfind('[')
        && let Ok(n) = value[open + 1..value.len() - 1].parse::<usize>()
    {
        return (&value[..open], Some(n));
    }
    (value, None)
}

/// One file of a set, as read: its text and what it holds, offsets in UTF-16 units.
#[derive(Default)]
struct Read {
    text: String,
    /// (line, token, start, end)
    units: Vec<(usize, String, usize, usize)>,
    /// (line, start, end, value)
    entities: Vec<(usize, usize, usize, Option<String>)>,
    other_layers: Vec<String>,
    has_entities: bool,
    identifiers: usize,
}

/// Reads the `.tsv` files of a set (INCEpTION's or WebAnno's export of one or more
/// documents), in name order; each is a document named by its file.
pub fn from_webanno(collection: &str, files: &[(String, Vec<u8>)]) -> Result<Imported, Error> {
    let mut b = Builder::new(collection);
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let one = files.len() == 1;
    for (path, bytes) in sorted {
        let base = path.rsplit('/').next().unwrap_or(path);
        let Some(stem) = base.strip_suffix(".tsv").or_else(|| base.strip_suffix(".TSV")) else {
            if !base.starts_with('.') {
                b.note(Note::file(NoteKind::FileIgnored { format: Format::Webanno, path: path.clone() }));
            }
            continue;
        };
        let input = crate::exchange::decode(path, bytes)?;
        let at = |line: usize| if one { Place::line(line) } else { Place(vec![Step::FileLine { file: path.clone(), line }]) };
        let read = parse(&b, &input, &at)?;
        let (id, name) = match stem.strip_suffix(".txt") {
            Some(id) => (id, stem.to_string()),
            None => (stem, format!("{stem}.txt")),
        };
        add_document(&mut b, id, &name, read, &at)?;
    }
    if b.doc_count() == 0 {
        return Err(b.fail(Place::none(), P::WebannoNotTsv3));
    }
    Ok(b.finish())
}

fn add_document(b: &mut Builder, id: &str, name: &str, read: Read, at: &impl Fn(usize) -> Place) -> Result<(), Error> {
    let index = TextIndex::new(&read.text);
    let doc = b.document(id, name, read.text.clone());
    let doc_id = b.doc_id(doc).to_string();
    let cp = |unit: usize| index.utf16_to_char(unit).ok();
    for (line, token, start, end) in &read.units {
        let actual = match (cp(*start), cp(*end)) {
            (Some(s), Some(e)) if s <= e => index.slice(&read.text, s, e).unwrap_or_default(),
            _ => "",
        };
        if actual != token {
            let problem = P::WebannoTokenMismatch { token: token.clone(), start: *start, end: *end, actual: actual.into() };
            return Err(b.fail(Place::in_document(&doc_id, at(*line)), problem));
        }
    }
    let mut unlabelled = 0;
    for (line, start, end, value) in &read.entities {
        let Some(label) = value else {
            unlabelled += 1;
            continue;
        };
        // Entities begin and end at tokens, which were checked above.
        let (s, e) = (cp(*start).unwrap_or_default(), cp(*end).unwrap_or_default());
        b.span(doc, &at(*line), s, e, label, None)?;
    }
    if !read.other_layers.is_empty() {
        b.note(Note::doc(&doc_id, NoteKind::WebannoLayersIgnored { layers: read.other_layers }));
    }
    if !read.has_entities {
        b.note(Note::doc(&doc_id, NoteKind::WebannoNoNamedEntities));
    }
    if unlabelled > 0 {
        b.note(Note::doc(&doc_id, NoteKind::WebannoNoValue { count: unlabelled }));
    }
    if read.identifiers > 0 {
        b.note(Note::doc(&doc_id, NoteKind::WebannoIdentifiersIgnored { count: read.identifiers }));
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Between,
    Header,
    Tokens,
}

fn parse(b: &Builder, input: &str, at: &impl Fn(usize) -> Place) -> Result<Read, Error> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let mut lines = input.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).enumerate().map(|(i, l)| (i + 1, l)).peekable();
    if !lines.next().is_some_and(|(_, l)| l.starts_with("#FORMAT=WebAnno TSV 3")) {
        return Err(b.fail(at(1), P::WebannoNotTsv3));
    }
    let mut read = Read::default();
    let mut columns = 0;
    // The named entities' value and identifier columns.
    let (mut value, mut identifier) = (None, None);
    while let Some(&(_, line)) = lines.peek() {
        let Some(rest) = ["#T_SP=", "#T_CH=", "#T_RL="].iter().find_map(|p| line.strip_prefix(p)) else { break };
        lines.next();
        let fields: Vec<&str> = rest.split('|').collect();
        let kind = fields[0];
        let features = &fields[1..];
        if kind == NAMED_ENTITY && line.starts_with("#T_SP=") {
            read.has_entities = true;
            value = features.iter().position(|f| *f == "value").map(|k| columns + k);
            identifier = features.iter().position(|f| *f == "identifier").map(|k| columns + k);
        } else {
            read.other_layers.push(kind.to_string());
        }
        columns += features.len().max(1);
    }
    let mut text = String::new();
    let mut len16 = 0; // text's length in UTF-16 units
    let mut pending = String::new();
    let mut state = State::Between;
    let mut sentences = 0;
    let mut numbered_at: HashMap<usize, usize> = HashMap::new(); // number → index in entities
    for (n, line) in lines {
        if line.starts_with('#') {
            if let Some(part) = line.strip_prefix("#Text=") {
                pending.push_str(&unescape_text(part));
                pending.push('\n');
            }
            state = State::Header;
            continue;
        }
        if line.is_empty() {
            state = State::Between;
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 3 + columns {
            return Err(b.fail(at(n), P::WebannoTooFewColumns { expected: 3 + columns, found: fields.len() }));
        }
        let (start, end) = fields[1]
            .split_once('-')
            .and_then(|(s, e)| Some((s.parse::<usize>().ok()?, e.parse::<usize>().ok()?)))
            .ok_or_else(|| b.fail(at(n), P::WebannoBadOffsets { offsets: fields[1].into() }))?;
        match state {
            State::Between => return Err(b.fail(at(n), P::WebannoTokenBeforeText)),
            State::Header => {
                // A new sentence: the line break after the one before is its own unless
                // the new one starts right there; a gap is filled with spaces.
                if len16 > start {
                    if len16 != start + 1 || !text.ends_with('\n') {
                        return Err(b.fail(at(n), P::WebannoSentenceOverlap { start, len: len16 }));
                    }
                    text.pop();
                    len16 -= 1;
                }
                while len16 < start {
                    text.push(' ');
                    len16 += 1;
                }
                len16 += pending.encode_utf16().count();
                text.push_str(&pending);
                pending.clear();
                sentences += 1;
            }
            State::Tokens => {}
        }
        state = State::Tokens;
        read.units.push((n, fields[2].to_string(), start, end));
        if let Some(column) = identifier.map(|c| fields[3 + c]).filter(|c| *c != "_") {
            read.identifiers += stacked(column).iter().filter(|v| numbered(v).0 != "*").count();
        }
        let Some(column) = value.map(|c| fields[3 + c]).filter(|c| *c != "_") else { continue };
        for raw in stacked(column) {
            let (v, number) = numbered(raw);
            let label = (v != "*").then(|| unescape_value(v));
            match number.and_then(|k| numbered_at.get(&k)) {
                Some(&e) => read.entities[e].2 = end,
                None => {
                    if let Some(k) = number {
                        numbered_at.insert(k, read.entities.len());
                    }
                    read.entities.push((n, start, end, label));
                }
            }
        }
    }
    // The line break after the last sentence is the reader's, not the text's.
    if sentences > 0 && text.ends_with('\n') {
        text.pop();
    }
    read.text = text;
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::test_util::{TEXT, clip_spans, triples, workspace};
    use proptest::prelude::*;

    fn set(exported: &Exported) -> Vec<(String, Vec<u8>)> {
        exported.files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect()
    }

    #[test]
    fn writes_tokens_in_utf16_with_numbered_and_stacked_spans() {
        // An emoji before the names (two UTF-16 units), a nested LOC, a clitic left out.
        let ws = workspace(&[("news.txt", "👋 وبوتين في قمة موسكو.\nثم عاد", vec![(3, 8, "PER"), (12, 21, "EVT"), (16, 21, "LOC")])]);
        let out = to_webanno(&ws, "tsv");
        assert_eq!(out.files.len(), 1);
        assert_eq!(out.files[0].path, "news.tsv");
        let text = std::str::from_utf8(&out.files[0].bytes).unwrap();
        let expected = "#FORMAT=WebAnno TSV 3.3
#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value


#Text=👋 وبوتين في قمة موسكو.
1-1\t0-2\t👋\t_\t_\t
1-2\t3-4\tو\t_\t_\t
1-3\t4-9\tبوتين\t*\tPER\t
1-4\t10-12\tفي\t_\t_\t
1-5\t13-16\tقمة\t*[1]\tEVT[1]\t
1-6\t17-22\tموسكو\t*[1]|*[2]\tEVT[1]|LOC[2]\t
1-7\t22-23\t.\t_\t_\t

#Text=ثم عاد
2-1\t24-26\tثم\t_\t_\t
2-2\t27-30\tعاد\t_\t_\t
";
        assert_eq!(text, expected);
        assert!(out.lost.is_empty(), "{:?}", out.lost);
        let back = from_webanno("news.tsv", &set(&out)).unwrap();
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        assert_eq!(triples(&back.workspace), triples(&ws));
        assert_eq!(back.workspace.documents()[0].doc.name, "news.txt");
    }

    #[test]
    fn escapes_and_what_cannot_be_written() {
        assert_eq!(unescape_text(&escape_text("a\tb\\c\r\u{01}d\u{0C}")), "a\tb\\c\r\u{01}d\u{0C}");
        assert_eq!(escape_text("a\tb\\\r"), "a\\tb\\\\\\r");
        assert_eq!(escape_value("B_X"), "B\\_X");
        assert_eq!(unescape_value("B\\_X\\|\\->"), "B_X|->");
        assert_eq!(stacked("A[1]|B\\|C|D"), ["A[1]", "B\\|C", "D"]);
        assert_eq!(numbered("PER[12]"), ("PER", Some(12)));
        assert_eq!(numbered("a\\]"), ("a\\]", None));
        // A BOM before the first token; two documents; an id that is no file name.
        let ws = workspace(&[("b.txt", "\u{FEFF}قال بوتين", vec![(5, 10, "PER")]), ("a/b.txt", "x", vec![])]);
        let mut docs = ws.documents().to_vec();
        docs[1].doc.id = "a/b".into();
        let ws = Workspace::from_parts(ws.labels().to_vec(), docs);
        let out = to_webanno(&ws, "dir");
        assert_eq!(out.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), ["dir/b.tsv", "dir/a_b.tsv"]);
        let lost: Vec<String> = out.lost.iter().map(|n| n.to_string()).collect();
        assert!(lost.iter().any(|n| n.contains("the 1 characters before the first token")), "{lost:?}");
        assert!(lost.iter().any(|n| n.contains("the file is “a_b.tsv”")), "{lost:?}");
        assert!(lost.iter().any(|n| n.contains("keeps no document order")), "{lost:?}");
        let back = from_webanno("dir", &set(&out)).unwrap();
        assert_eq!(triples(&back.workspace)[1].1, " قال بوتين");
        assert_eq!(triples(&back.workspace)[1].2, [(5, 10, "PER".into())]);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let err = |name: &str, text: &str| from_webanno("set", &[(name.into(), text.as_bytes().to_vec())]).unwrap_err().to_string();
        assert!(err("a.tsv", "بوتين\tPER\n").contains("line 1: this is not a WebAnno TSV 3 file"));
        let head = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n";
        let e = err("a.tsv", &format!("{head}#Text=ab\n1-1\t0-2\tab\n"));
        assert!(e.contains("line 6: expected 4 columns separated by tabs, as the header declares, but found 3"), "{e}");
        let e = err("a.tsv", &format!("{head}1-1\t0-2\tab\t_\n"));
        assert!(e.contains("line 5: a token line before its sentence's #Text= line"), "{e}");
        let e = err("a.tsv", &format!("{head}#Text=😊b\n1-1\t0-1\t😊\t_\n"));
        assert!(e.contains("document “a”, line 6: the token “😊” is not the text at 0–1 (UTF-16 units), which is “”"), "{e}");
        let e = err("a.tsv", &format!("{head}#Text=ab\n1-1\t0-x\tab\t_\n"));
        assert!(e.contains("“0-x” is not a token's offsets"), "{e}");
        let e = err("a.tsv", &format!("{head}#Text=ab cd\n1-1\t0-2\tab\t_\n\n#Text=b\n2-1\t1-2\tb\t_\n"));
        assert!(e.contains("line 9: the sentence's first token starts at 1, inside the sentences before it (they end at 6"), "{e}");
        let e = err("a.tsv", &format!("{head}#Text=ab\n1-1\t0-2\tab\tB-PER\n"));
        assert!(e.contains("“B-PER” cannot be used"), "{e}");
    }

    proptest! {
        #[test]
        fn any_workspace_round_trips_and_the_rest_is_reported(
            text in TEXT,
            raw in prop::collection::vec((0usize..60, 1usize..10, 0usize..4), 0..10),
        ) {
            let ws = workspace(&[("t.txt", &text, clip_spans(&text, &raw))]);
            let out = to_webanno(&ws, "");
            let back = from_webanno("t.tsv", &set(&out)).unwrap();
            let got = triples(&back.workspace).remove(0);
            let before_tokens = out.lost.iter().any(|n| matches!(n.what, NoteKind::WebannoTextBeforeTokens { .. }));
            if !before_tokens {
                prop_assert_eq!(got.1.as_str(), text.as_str());
            }
            // Spaces stand for what came before the first token; a text of no token is lost.
            if !got.1.is_empty() {
                prop_assert_eq!(got.1.chars().count(), text.chars().count());
            }
            let reported: Vec<u32> = out.lost.iter().filter_map(|n| n.span).collect();
            for span in ws.documents()[0].spans.iter().filter(|s| !reported.contains(&s.id)) {
                prop_assert!(got.2.contains(&(span.start, span.end, span.label.clone())), "{:?} missing from {:?}", span, got.2);
            }
            prop_assert!(got.2.len() <= ws.documents()[0].spans.len());
        }
    }
}
