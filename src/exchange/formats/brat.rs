//! brat standoff: per document a `.txt` with the exact text and an `.ann` with one line per
//! span, `T1<TAB>PER 8 13<TAB>بوتين` (code point offsets, end exclusive), plus an
//! `annotation.conf` declaring the labels (and allowing overlaps) and a `visual.conf` with
//! their names and colours. A span that crosses a line break is written as fragments split
//! at the break (`T2<TAB>EVT 0 5;6 12<TAB>…`), as brat draws it; reading such a span back
//! joins fragments separated only by white space.
//!
//! The importer also takes collections made by brat: relations, events, attributes,
//! normalisations and notes are ignored with a note, and a discontinuous span whose gaps hold
//! text becomes one span per fragment, also with a note.

use crate::annotations::labels::{Label, LabelNames, default_labels, is_color};
use crate::annotations::spans::Span;
use crate::annotations::workspace::Workspace;
use crate::error::{Error, ImportProblem as P, Place, Step};
use crate::exchange::{Builder, Exported, Format, Imported, Note, NoteKind, OutFile};
use std::collections::HashSet;

pub const ANNOTATION_CONF: &str = "annotation.conf";

/// A file given to the importer: its path in the collection and its bytes.
type InFile = (String, Vec<u8>);
pub const VISUAL_CONF: &str = "visual.conf";

/// The collection: files under `folder/` (or at the top when `folder` is empty).
pub fn to_brat(ws: &Workspace, folder: &str) -> Exported {
    let path = |name: &str| if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") };
    let mut files = vec![
        OutFile { path: path(ANNOTATION_CONF), bytes: annotation_conf(ws.labels()).into_bytes() },
        OutFile { path: path(VISUAL_CONF), bytes: visual_conf(ws.labels()).into_bytes() },
    ];
    let mut lost = vec![];
    let named = ws.documents().iter().flat_map(|d| d.spans.iter()).filter(|s| s.annotator.is_some()).count();
    if named > 0 {
        lost.push(Note::file(NoteKind::AnnotatorsLost { format: Format::Brat, spans: named }));
    }
    let mut taken = HashSet::new();
    let mut stems = vec![];
    for state in ws.documents() {
        let doc = &state.doc;
        let stem = unique(&mut taken, file_stem(&doc.id));
        if stem != doc.id {
            lost.push(Note::doc(&doc.id, NoteKind::BratFileNames { stem: stem.clone() }));
        }
        if doc.name != format!("{stem}.txt") {
            lost.push(Note::doc(&doc.id, NoteKind::BratNameLost { name: doc.name.clone(), stem: stem.clone() }));
        }
        let mut ann = String::new();
        let mut written: Vec<(usize, usize, &str)> = vec![];
        for span in state.spans.iter() {
            match fragments(doc.text(), span) {
                Some((s, e, offsets, text)) => {
                    if (s, e) != (span.start, span.end) {
                        // Without its edge line breaks it may be another span exactly.
                        if state.spans.find(s, e, &span.label).is_some() || written.contains(&(s, e, span.label.as_str())) {
                            lost.push(Note::span(doc, span, NoteKind::BratSameAsAnother { start: s, end: e, label: span.label.clone() }));
                            continue;
                        }
                        lost.push(Note::span(doc, span, NoteKind::BratEdgesMoved { start: s, end: e }));
                    }
                    written.push((s, e, span.label.as_str()));
                    ann.push_str(&format!("T{}\t{} {offsets}\t{text}\n", span.id, span.label));
                }
                None => lost.push(Note::span(doc, span, NoteKind::BratOnlyLineBreaks)),
            }
        }
        files.push(OutFile { path: path(&format!("{stem}.txt")), bytes: doc.text().as_bytes().to_vec() });
        files.push(OutFile { path: path(&format!("{stem}.ann")), bytes: ann.into_bytes() });
        stems.push(stem);
    }
    if stems.windows(2).any(|w| w[0] > w[1]) {
        lost.push(Note::file(NoteKind::BratOrderLost));
    }
    Exported { files, lost }
}

fn annotation_conf(labels: &[Label]) -> String {
    let mut conf = String::from("# Alama's labels for brat. <OVERLAP> allows nested and overlapping spans, as Alama does.\n[entities]\n");
    for label in labels {
        conf.push_str(&label.id);
        conf.push('\n');
    }
    conf.push_str("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n");
    conf
}

fn visual_conf(labels: &[Label]) -> String {
    let mut conf = String::from("# Names (English | Arabic) and colours of Alama's labels.\n[labels]\n");
    for l in labels {
        conf.push_str(&format!("{} | {} | {}\n", l.id, one_line(&l.names.en), one_line(&l.names.ar)));
    }
    conf.push_str("\n[drawing]\n");
    for l in labels {
        conf.push_str(&format!("{}\tbgColor:{}\n", l.id, l.color));
    }
    conf
}

fn one_line(s: &str) -> String {
    s.chars().map(|c| if c == '|' || c.is_control() { ' ' } else { c }).collect()
}

/// A file name made from a document id: no path separators, no characters Windows refuses,
/// no leading dot.
pub(crate) fn file_stem(id: &str) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    if stem.starts_with('.') {
        stem.replace_range(..1, "_");
    }
    if stem.trim().is_empty() { "document".into() } else { stem }
}

pub(crate) fn unique(taken: &mut HashSet<String>, stem: String) -> String {
    let stem =
        if taken.contains(&stem) { (2..).map(|k| format!("{stem}-{k}")).find(|s| !taken.contains(s)).unwrap_or_default() } else { stem };
    taken.insert(stem.clone());
    stem
}

/// The span's fragments between line breaks: their outer start and end, the offsets as brat
/// writes them (`0 5;6 12`) and their texts joined with spaces. `None` when the span holds
/// nothing but line breaks.
fn fragments(text: &str, span: &Span) -> Option<(usize, usize, String, String)> {
    let mut parts: Vec<(usize, usize, String)> = vec![];
    let mut current: Option<(usize, String)> = None;
    for (i, c) in text.chars().enumerate().skip(span.start).take(span.end.saturating_sub(span.start)) {
        if crate::exchange::tokens::is_line_break(c) {
            if let Some((s, t)) = current.take() {
                parts.push((s, i, t));
            }
        } else {
            current.get_or_insert_with(|| (i, String::new())).1.push(c);
        }
    }
    if let Some((s, t)) = current {
        parts.push((s, span.end, t));
    }
    if parts.is_empty() {
        return None;
    }
    let (start, end) = (parts.first().map_or(0, |p| p.0), parts.last().map_or(0, |p| p.1));
    let offsets = parts.iter().map(|(s, e, _)| format!("{s} {e}")).collect::<Vec<_>>().join(";");
    let texts = parts.into_iter().map(|(_, _, t)| t).collect::<Vec<_>>().join(" ");
    Some((start, end, offsets, texts))
}

/// Reads a brat collection: `files` are (path, bytes), `collection` names it in messages.
pub fn from_brat(collection: &str, files: &[(String, Vec<u8>)]) -> Result<Imported, Error> {
    let fail = |at: Place, problem: P| Error::Import { file: collection.into(), at, problem };
    // (path without extension, .txt, .ann)
    let mut pairs: Vec<(&str, Option<&InFile>, Option<&InFile>)> = vec![];

    let (mut conf, mut visual): (Option<&InFile>, Option<&InFile>) = (None, None);
    let mut ignored = vec![];
    for file in files {
        let path = file.0.as_str();
        let base = path.rsplit('/').next().unwrap_or(path);
        let depth = path.matches('/').count();
        let shallower = |current: Option<&InFile>| current.is_none_or(|c| depth < c.0.matches('/').count());
        if base == ANNOTATION_CONF {
            if shallower(conf) {
                conf = Some(file);
            }
        } else if base == VISUAL_CONF {
            if shallower(visual) {
                visual = Some(file);
            }
        } else if let Some(key) = path.strip_suffix(".txt") {
            let k = slot(&mut pairs, key);
            pairs[k].1 = Some(file);
        } else if let Some(key) = path.strip_suffix(".ann") {
            let k = slot(&mut pairs, key);
            pairs[k].2 = Some(file);
        } else if !base.ends_with(".conf") && !base.starts_with('.') {
            ignored.push(path);
        }
    }
    let conf_text = |f: Option<&InFile>| f.map(|(p, b)| crate::exchange::decode(p, b)).transpose();
    let labels = labels_from(conf_text(conf)?.as_deref(), conf_text(visual)?.as_deref());
    let mut b = match labels {
        Some(labels) if !labels.is_empty() => Builder::with_labels(collection, labels),
        _ => Builder::new(collection),
    };
    for path in ignored {
        b.note(Note::file(NoteKind::BratFileIgnored { path: path.into() }));
    }
    pairs.sort_unstable_by_key(|p| p.0);
    for (key, txt, ann) in pairs {
        let (Some((txt_path, txt_bytes)), ann) = (txt, ann) else {
            return Err(fail(Place(vec![Step::File { name: format!("{key}.ann") }]), P::BratNoTxt));
        };
        let text = crate::exchange::decode(txt_path, txt_bytes)?;
        let base = key.rsplit('/').next().unwrap_or(key);
        let doc = b.document(base, &format!("{base}.txt"), text);
        match ann {
            Some((ann_path, ann_bytes)) => {
                let ann = crate::exchange::decode(ann_path, ann_bytes)
                    .or_else(|e| if ann_bytes.is_empty() { Ok(String::new()) } else { Err(e) })?;
                read_ann(&mut b, doc, ann_path, &ann)?;
            }
            None => {
                let id = b.doc_id(doc).to_string();
                b.note(Note::doc(&id, NoteKind::BratNoAnn { txt: txt_path.clone() }));
            }
        }
    }
    if b.doc_count() == 0 {
        return Err(fail(Place::none(), P::BratNoDocument));
    }
    Ok(b.finish())
}

/// The index of `key` in `pairs`, added if it is new.
fn slot<'a>(pairs: &mut Vec<(&'a str, Option<&'a InFile>, Option<&'a InFile>)>, key: &'a str) -> usize {
    pairs.iter().position(|p| p.0 == key).unwrap_or_else(|| {
        pairs.push((key, None, None));
        pairs.len() - 1
    })
}

/// The label set from annotation.conf's `[entities]` (in order), with names and colours
/// from visual.conf or, for the default ids, the defaults.
fn labels_from(conf: Option<&str>, visual: Option<&str>) -> Option<Vec<Label>> {
    let ids: Vec<String> = section(conf?, "entities")
        .map(|l| l.trim_start_matches('!').split_whitespace().next().unwrap_or_default().to_string())
        .filter(|id| !id.is_empty() && !id.starts_with('<'))
        .collect();
    let defaults = default_labels();
    let mut labels: Vec<Label> = ids
        .iter()
        .map(|id| {
            defaults.iter().find(|d| &d.id == id).cloned().unwrap_or_else(|| Label {
                id: id.clone(),
                names: LabelNames { ar: id.clone(), en: id.clone() },
                color: "#0072B2".into(),
            })
        })
        .collect();
    if let Some(visual) = visual {
        for line in section(visual, "labels") {
            let mut parts = line.split('|').map(str::trim);
            let (Some(id), Some(en)) = (parts.next(), parts.next()) else { continue };
            if let Some(label) = labels.iter_mut().find(|l| l.id == id) {
                label.names.en = en.into();
                label.names.ar = parts.next().unwrap_or(en).into();
            }
        }
        for line in section(visual, "drawing") {
            let Some((id, settings)) = line.split_once(char::is_whitespace) else { continue };
            let color = settings.split(',').filter_map(|s| s.trim().strip_prefix("bgColor:")).map(str::trim).find(|c| is_color(c));
            if let (Some(label), Some(color)) = (labels.iter_mut().find(|l| l.id == id), color) {
                label.color = color.into();
            }
        }
    }
    Some(labels)
}

/// The non-blank, non-comment lines of `[name]` in a brat .conf file.
fn section<'a>(conf: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> {
    let header = format!("[{name}]");
    conf.lines()
        .map(|l| l.trim_end_matches('\r'))
        .skip_while(move |l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn read_ann(b: &mut Builder, doc: usize, path: &str, ann: &str) -> Result<(), Error> {
    let id = b.doc_id(doc).to_string();
    let chars: Vec<char> = b.doc_text(doc).chars().collect();
    let mut other = 0;
    let mut split = 0;
    for (i, line) in ann.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let at = Place(vec![Step::FileLine { file: path.into(), line: i + 1 }]);
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with('T') {
            if line.starts_with(['R', 'E', 'A', 'M', 'N', '#', '*']) {
                other += 1;
                continue;
            }
            return Err(b.fail(Place::in_document(&id, at), P::BratNotAnnotationLine));
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(tid), Some(middle)) = (fields.next(), fields.next()) else {
            return Err(b.fail(Place::in_document(&id, at), P::BratNoTextBound));
        };
        let at = at.then(Step::Entry { name: tid.into() });
        let quoted = fields.next();
        let (label, offsets) = middle.split_once(' ').unwrap_or((middle, ""));
        let mut frags = vec![];
        for part in offsets.split(';') {
            let nums: Vec<Option<usize>> = part.split_whitespace().map(|n| n.parse().ok()).collect();
            match nums.as_slice() {
                [Some(s), Some(e)] if s <= e && *e <= chars.len() => frags.push((*s, *e)),
                [Some(s), Some(e)] => {
                    return Err(b.fail(Place::in_document(&id, at), P::OffsetsOutside { start: *s, end: *e, len: chars.len() }));
                }
                _ => {
                    return Err(b.fail(Place::in_document(&id, at), P::BratBadOffsets { offsets: offsets.into() }));
                }
            }
        }
        let slice = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
        if let Some(quoted) = quoted {
            let actual = frags.iter().map(|&f| slice(f)).collect::<Vec<_>>().join(" ");
            let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            if actual != quoted && squash(&actual) != squash(quoted) {
                let problem = P::BratTextMismatch { claimed: quoted.into(), offsets: offsets.into(), actual };
                return Err(b.fail(Place::in_document(&id, at), problem));
            }
        }
        let span_id = tid.strip_prefix('T').and_then(|n| n.parse().ok());
        frags.sort_unstable();
        let joinable = frags.windows(2).all(|w| w[0].1 <= w[1].0 && chars[w[0].1..w[1].0].iter().all(|c| c.is_whitespace()));
        if joinable {
            let (start, end) = (frags.first().map_or(0, |f| f.0), frags.last().map_or(0, |f| f.1));
            b.span(doc, &at, start, end, label, span_id)?;
        } else {
            split += 1;
            for (k, &(s, e)) in frags.iter().enumerate() {
                b.span(doc, &at, s, e, label, if k == 0 { span_id } else { None })?;
            }
        }
    }
    if other > 0 {
        b.note(Note::doc(&id, NoteKind::BratOthersIgnored { count: other, file: path.into() }));
    }
    if split > 0 {
        b.note(Note::doc(&id, NoteKind::BratSplit { count: split, file: path.into() }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::test_util::{TEXT, clip_spans, triples, workspace};
    use proptest::prelude::*;

    fn files(exported: &Exported) -> Vec<(String, Vec<u8>)> {
        exported.files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect()
    }

    fn text_of(exported: &Exported, path: &str) -> String {
        String::from_utf8(exported.files.iter().find(|f| f.path == path).unwrap().bytes.clone()).unwrap()
    }

    #[test]
    fn writes_a_collection_and_reads_it_back() {
        let ws =
            workspace(&[("a.txt", "قال بوتين في\r\nموسكو", vec![(4, 9, "PER"), (4, 19, "EVT"), (14, 19, "LOC")]), ("b.txt", "نص", vec![])]);
        let out = to_brat(&ws, "brat");
        assert!(out.lost.is_empty(), "{:?}", out.lost);
        let paths: Vec<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["brat/annotation.conf", "brat/visual.conf", "brat/a.txt", "brat/a.ann", "brat/b.txt", "brat/b.ann"]);
        assert_eq!(text_of(&out, "brat/a.ann"), "T2\tEVT 4 12;14 19\tبوتين في موسكو\nT1\tPER 4 9\tبوتين\nT3\tLOC 14 19\tموسكو\n");
        assert!(text_of(&out, "brat/visual.conf").contains("PER | Person | شخص\n"));
        assert!(text_of(&out, "brat/annotation.conf").contains("[entities]\nPER\nLOC\nWEA\nEVT\n"));
        let back = from_brat("brat", &files(&out)).unwrap();
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        assert_eq!(triples(&back.workspace), triples(&ws));
        assert_eq!(back.workspace.labels(), ws.labels());
        let ids: Vec<u32> = back.workspace.documents()[0].spans.iter().map(|s| s.id).collect();
        assert_eq!(ids, [2, 1, 3]);
    }

    #[test]
    fn reads_what_brat_writes() {
        let conf = "[entities]\nPerson\nOrganization\n[relations]\nMember-of Arg1:Person, Arg2:Organization\n[events]\n[attributes]\n";
        let visual = "[labels]\nPerson | Person | Per\n[drawing]\nPerson\tbgColor:#ffccaa, fgColor:black\n";
        let txt = "Sony hired Ann Lee in Tokyo.";
        let ann = "T1\tOrganization 0 4\tSony\nT2\tPerson 11 14;15 18\tAnn Lee\nT3\tPerson 0 4;22 27\tSony Tokyo\nR1\tMember-of Arg1:T2 Arg2:T1\nA1\tNegated T2\n#1\tAnnotatorNotes T1\tcheck\n";
        let input = vec![
            ("col/annotation.conf".to_string(), conf.as_bytes().to_vec()),
            ("col/visual.conf".to_string(), visual.as_bytes().to_vec()),
            ("col/doc1.txt".to_string(), txt.as_bytes().to_vec()),
            ("col/doc1.ann".to_string(), ann.as_bytes().to_vec()),
            ("col/readme.md".to_string(), b"x".to_vec()),
        ];
        let got = from_brat("col", &input).unwrap();
        let labels: Vec<(&str, &str)> = got.workspace.labels().iter().map(|l| (l.id.as_str(), l.color.as_str())).collect();
        assert_eq!(labels, [("Person", "#ffccaa"), ("Organization", "#0072B2")]);
        assert_eq!(
            triples(&got.workspace)[0].2,
            [(0, 4, "Organization".into()), (0, 4, "Person".into()), (11, 18, "Person".into()), (22, 27, "Person".into())]
        );
        assert_eq!(got.notes.len(), 3, "{:?}", got.notes); // readme ignored, R/A/# ignored, T3 split
    }

    #[test]
    fn errors_name_the_ann_file_line_and_annotation() {
        let err = |ann: &str| {
            let input = vec![("d.txt".to_string(), b"abc def".to_vec()), ("d.ann".to_string(), ann.as_bytes().to_vec())];
            from_brat("c", &input).unwrap_err().to_string()
        };
        assert!(err("T1\tPER 0 3\tabd\n").contains("document “d”, d.ann line 1 (T1): the file says “abd” but the text at 0 3 is “abc”"));
        assert!(err("\nT1\tPER 0 30\tabc\n").contains("d.ann line 2 (T1): offsets 0–30 are not inside the text"));
        assert!(err("T1\tPER x y\tabc\n").contains("is not a list of offsets"));
        assert!(err("hello\n").contains("not a brat annotation line"));
        let orphan = from_brat("c", &[("d.ann".to_string(), b"".to_vec())]).unwrap_err().to_string();
        assert!(orphan.contains("d.ann: there is no .txt file"), "{orphan}");
    }

    #[test]
    fn unsafe_ids_become_safe_file_names_with_a_note() {
        let mut ws = workspace(&[("x.txt", "ab", vec![]), ("y.txt", "cd", vec![])]);
        let docs: Vec<_> = ws
            .documents()
            .iter()
            .cloned()
            .map(|mut d| {
                d.doc.id = format!("../{}", d.doc.id);
                d
            })
            .collect();
        ws = Workspace::from_parts(ws.labels().to_vec(), docs);
        let out = to_brat(&ws, "");
        assert_eq!(out.files[2].path, "_._x.txt");
        assert_eq!(out.lost.len(), 4, "{:?}", out.lost);
    }

    proptest! {
        #[test]
        fn any_workspace_round_trips(text in TEXT, raw in prop::collection::vec((0usize..60, 1usize..12, 0usize..4), 0..10)) {
            let spans = clip_spans(&text, &raw);
            let ws = workspace(&[("t.txt", &text, spans)]);
            let out = to_brat(&ws, "c");
            let back = from_brat("c", &files(&out)).unwrap();
            let lost: Vec<u32> = out.lost.iter().filter_map(|n| n.span).collect();
            let want: Vec<_> = ws.documents()[0].spans.iter().filter(|s| !lost.contains(&s.id)).map(|s| (s.id, s.start, s.end, s.label.clone())).collect();
            // A reported span may come back at its fragments' extent; every other comes back exactly.
            let got: Vec<_> = back.workspace.documents()[0].spans.iter().filter(|s| !lost.contains(&s.id)).map(|s| (s.id, s.start, s.end, s.label.clone())).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(back.workspace.documents()[0].doc.text(), text.as_str());
        }
    }
}
