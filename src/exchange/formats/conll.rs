//! CoNLL columns: one token per line, a tab, its IOB2 tag; a `-DOCSTART-` line per document
//! and a blank line between sentences. Tokens come from [`crate::exchange::tokens`], split at every
//! span edge, so a span that leaves out a clitic keeps its exact extent.
//!
//! IOB2 holds one span per token: where spans overlap, the first in reading order is written
//! and the others are reported as lost. Our file also carries each document's id, name,
//! SHA-256 and exact text in `# key = value` comment lines, so it imports back exactly. A
//! CoNLL file from another tool has no text: the importer rebuilds one by joining tokens with
//! spaces and sentences with line breaks, and says so.

use crate::annotations::workspace::{DocState, Workspace};
use crate::error::{Error, ImportProblem as P, Place, Step};
use crate::exchange::tokens::{self, LeftOut, Token, is_gap, sentence_break};
use crate::exchange::{Builder, Format, Imported, Note, NoteKind, TextExport, lost_label_set_and_annotators};
use crate::text::document::sha256_hex;

pub const HEADER: &str = "\
# Alama CoNLL export. Tag scheme: IOB2 (B-X begins a span of label X, I-X continues it, O is outside every span).
# Columns: token, tab, tag. Tokens are split at white space, at word boundaries (Unicode UAX #29) and at every span edge.
# Each document starts with a -DOCSTART- line; its '# text = ' comment holds the exact text as a JSON string.
";

const DOCSTART: &str = "-DOCSTART-";

pub fn to_conll(ws: &Workspace) -> TextExport {
    let mut out = String::from(HEADER);
    let mut lost = lost_label_set_and_annotators(ws, Format::Conll);
    for state in ws.documents() {
        write_doc(&mut out, &mut lost, state);
    }
    TextExport { text: out, lost }
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn write_doc(out: &mut String, lost: &mut Vec<Note>, state: &DocState) {
    let doc = &state.doc;
    let chars: Vec<char> = doc.text().chars().collect();
    let toks = tokens::tokenize(doc.text(), &tokens::edges(state.spans.iter()));
    let layer = tokens::layer(state.spans.iter(), &toks);
    for (id, why) in &layer.left_out {
        let Some(span) = state.spans.get(*id) else { continue };
        let what = match why {
            LeftOut::NoTokens => NoteKind::ConllSpanNoToken,
            LeftOut::Overlaps(other) => NoteKind::ConllOverlaps { other: *other },
        };
        lost.push(Note::span(doc, span, what));
    }
    for p in &layer.placed {
        let Some(span) = state.spans.get(p.span) else { continue };
        let (s, e) = (toks[p.first].0, toks[p.end - 1].1);
        if (s, e) != (span.start, span.end) {
            lost.push(Note::span(doc, span, NoteKind::ConllEdgesMoved { start: s, end: e }));
        }
    }
    let tags = tokens::iob2(&layer, toks.len());
    let mut inside = vec![false; toks.len()]; // token k and k+1 are in the same span
    for p in &layer.placed {
        inside[p.first..p.end - 1].iter_mut().for_each(|b| *b = true);
    }
    out.push_str(&format!(
        "{DOCSTART}\tO\n# id = {}\n# name = {}\n# sha256 = {}\n# text = {}\n",
        json(&doc.id),
        json(&doc.name),
        doc.sha256(),
        json(doc.text())
    ));
    for (k, (&(s, e), tag)) in toks.iter().zip(&tags).enumerate() {
        if k == 0 || sentence_break(&chars, toks[k - 1], s, inside[k - 1]) {
            out.push('\n');
        }
        out.extend(&chars[s..e]);
        out.push('\t');
        out.push_str(tag);
        out.push('\n');
    }
    out.push('\n');
}

/// One document as read from the file.
#[derive(Default)]
struct RawDoc {
    line: usize,
    id: Option<String>,
    name: Option<String>,
    sha256: Option<String>,
    text: Option<String>,
    /// (line number, token, tag, starts a sentence)
    rows: Vec<(usize, String, String, bool)>,
}

pub fn from_conll(file_name: &str, input: &str) -> Result<Imported, Error> {
    let mut b = Builder::new(file_name);
    let docs = parse(&b, input)?;
    for raw in docs {
        read_doc(&mut b, raw)?;
    }
    if b.doc_count() == 0 {
        return Err(b.fail(Place::none(), P::ConllNoToken));
    }
    Ok(b.finish())
}

fn parse(b: &Builder, input: &str) -> Result<Vec<RawDoc>, Error> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let mut docs: Vec<RawDoc> = vec![];
    let mut sentence_start = true;
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        if let Some(comment) = line.strip_prefix("# ") {
            if let (Some(doc), Some((key, value))) = (docs.last_mut(), comment.split_once(" = "))
                && doc.rows.is_empty()
            {
                let string = || {
                    serde_json::from_str::<String>(value)
                        .map_err(|e| b.fail(Place::line(n), P::ConllNotAJsonString { key: key.into(), detail: e.to_string() }))
                };
                match key.trim() {
                    "id" => doc.id = Some(string()?),
                    "name" => doc.name = Some(string()?),
                    "text" => doc.text = Some(string()?),
                    "sha256" => doc.sha256 = Some(value.trim().to_ascii_lowercase()),
                    _ => {}
                }
            }
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [] => sentence_start = true,
            [first, ..] if *first == DOCSTART => {
                docs.push(RawDoc { line: n, ..RawDoc::default() });
                sentence_start = true;
            }
            [_] => return Err(b.fail(Place::line(n), P::ConllNoTag)),
            [token, .., tag] => {
                if docs.is_empty() {
                    docs.push(RawDoc { line: n, ..RawDoc::default() });
                }
                if let Some(doc) = docs.last_mut() {
                    doc.rows.push((n, token.to_string(), tag.to_string(), sentence_start));
                }
                sentence_start = false;
            }
        }
    }
    Ok(docs)
}

fn read_doc(b: &mut Builder, raw: RawDoc) -> Result<(), Error> {
    if raw.rows.is_empty() && raw.text.is_none() {
        return Ok(()); // a -DOCSTART- with nothing after it
    }
    let wanted = raw.id.clone().unwrap_or_default();
    let place = |b: &Builder, line: usize| {
        let id = if wanted.is_empty() { b.doc_count().to_string() } else { wanted.clone() };
        Place(vec![Step::DocumentAt { id, line: raw.line }, Step::Line { line }])
    };
    let (text, positions, rebuilt) = match &raw.text {
        Some(text) => {
            if let Some(expected) = &raw.sha256
                && sha256_hex(text) != *expected
            {
                return Err(b.fail(place(b, raw.line), P::ConllTextChanged));
            }
            (text.clone(), align(b, text, &raw, place)?, false)
        }
        None => {
            let (text, positions) = rebuild(&raw);
            (text, positions, true)
        }
    };
    let doc = b.document(&wanted, raw.name.as_deref().unwrap_or_default(), text);
    let id = b.doc_id(doc).to_string();
    if rebuilt {
        b.note(Note::doc(&id, NoteKind::ConllTextRebuilt));
    }
    let mut open: Option<(String, usize, usize, usize)> = None; // label, first token, last token, line
    let mut lenient = 0;
    let close = |b: &mut Builder, open: &mut Option<(String, usize, usize, usize)>| -> Result<(), Error> {
        if let Some((label, first, last, line)) = open.take() {
            b.span(doc, &Place::line(line), positions[first].0, positions[last].1, &label, None)?;
        }
        Ok(())
    };
    for (k, (line, _, tag, sentence_start)) in raw.rows.iter().enumerate() {
        if *sentence_start {
            close(b, &mut open)?;
        }
        if tag == "O" {
            close(b, &mut open)?;
            continue;
        }
        let (prefix, label) = match tag.split_once('-') {
            Some((p @ ("B" | "I" | "E" | "L" | "S" | "U"), label)) if !label.is_empty() => (p, label),
            _ => {
                return Err(b.fail(Place::in_document(&id, Place::line(*line)), P::ConllNotIob2 { tag: tag.clone() }));
            }
        };
        let continues = matches!(&open, Some((l, ..)) if l == label);
        match prefix {
            "I" | "E" | "L" if continues => {
                if let Some(o) = open.as_mut() {
                    o.2 = k;
                }
            }
            _ => {
                if matches!(prefix, "I" | "E" | "L") {
                    lenient += 1;
                }
                close(b, &mut open)?;
                open = Some((label.to_string(), k, k, *line));
            }
        }
        if matches!(prefix, "E" | "L" | "S" | "U") {
            close(b, &mut open)?;
        }
    }
    close(b, &mut open)?;
    if lenient > 0 {
        b.note(Note::doc(&id, NoteKind::ConllLenient { count: lenient }));
    }
    Ok(())
}

/// Finds each token in `text`, in order, with only gap characters between them.
fn align(b: &Builder, text: &str, raw: &RawDoc, place: impl Fn(&Builder, usize) -> Place) -> Result<Vec<Token>, Error> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut positions = Vec::with_capacity(raw.rows.len());
    for (line, token, _, _) in &raw.rows {
        while at < chars.len() && is_gap(chars[at]) {
            at += 1;
        }
        let want: Vec<char> = token.chars().collect();
        if chars.get(at..at + want.len()) != Some(want.as_slice()) {
            let found: String = chars.iter().skip(at).take(want.len().max(1)).collect();
            return Err(b.fail(place(b, *line), P::ConllTokenNotNext { token: token.clone(), found, at }));
        }
        positions.push((at, at + want.len()));
        at += want.len();
    }
    Ok(positions)
}

/// A text for a file without one: tokens joined by spaces, sentences by line breaks.
fn rebuild(raw: &RawDoc) -> (String, Vec<Token>) {
    let mut text = String::new();
    let mut len = 0;
    let mut positions = Vec::with_capacity(raw.rows.len());
    for (k, (_, token, _, sentence_start)) in raw.rows.iter().enumerate() {
        if k > 0 {
            text.push(if *sentence_start { '\n' } else { ' ' });
            len += 1;
        }
        let n = token.chars().count();
        text.push_str(token);
        positions.push((len, len + n));
        len += n;
    }
    (text, positions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::spans::{Span, SpanSet};
    use crate::exchange::test_util::triples;
    use proptest::prelude::*;

    fn workspace(text: &str, spans: &[(usize, usize, &str)]) -> Workspace {
        let mut ws = Workspace::new();
        ws.open_file("news.txt", text.as_bytes()).unwrap();
        let doc = ws.documents()[0].doc.clone();
        let mut set = SpanSet::new();
        for (i, &(s, e, l)) in spans.iter().enumerate() {
            set.insert(Span::new(i as u32 + 1, s, e, l)).unwrap();
        }
        Workspace::from_parts(ws.labels().to_vec(), vec![DocState::new(doc, set)])
    }

    #[test]
    fn clitics_stay_out_and_sentences_break_at_lines_and_stops() {
        let text = "قال وبوتين في موسكو. ثم عاد\r\nإلى بيونغ يانغ";
        // بوتين without و, موسكو, بيونغ يانغ
        let ws = workspace(text, &[(5, 10, "PER"), (14, 19, "LOC"), (33, 43, "LOC")]);
        let out = to_conll(&ws);
        assert!(out.lost.is_empty(), "{:?}", out.lost);
        let body: Vec<&str> = out.text.lines().skip_while(|l| !l.starts_with("# text")).skip(1).collect();
        assert_eq!(
            body,
            [
                "",
                "قال\tO",
                "و\tO",
                "بوتين\tB-PER",
                "في\tO",
                "موسكو\tB-LOC",
                ".\tO",
                "",
                "ثم\tO",
                "عاد\tO",
                "",
                "إلى\tO",
                "بيونغ\tB-LOC",
                "يانغ\tI-LOC",
                ""
            ]
        );
        assert!(out.text.starts_with("# Alama CoNLL export. Tag scheme: IOB2"));
        let back = from_conll("x.conll", &out.text).unwrap();
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        assert_eq!(triples(&back.workspace), triples(&ws));
        assert_eq!(back.workspace.documents()[0].doc.name, "news.txt");
    }

    #[test]
    fn overlaps_and_blank_edges_are_reported_as_lost() {
        let text = "قمة موسكو الكبرى";
        let ws = workspace(text, &[(0, 9, "EVT"), (4, 9, "LOC"), (9, 10, "PER"), (10, 17, "PER")]);
        let lost = to_conll(&ws).lost;
        let spans: Vec<_> = lost.iter().map(|n| n.span).collect();
        assert_eq!(spans, [Some(2), Some(3), Some(4)], "{lost:?}");
        assert!(lost[0].to_string().contains("span 2 (LOC “موسكو” 4–9): overlaps span 1"), "{}", lost[0]);
    }

    #[test]
    fn reads_plain_conll_2003_and_rebuilds_the_text() {
        let input = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n";
        let got = from_conll("eng.train", input).unwrap();
        let d = &got.workspace.documents()[0];
        assert_eq!(d.doc.text(), "EU rejects German\nPeter Blackburn");
        let spans: Vec<_> = d.spans.iter().map(|s| (d.doc.slice(s.start, s.end).unwrap(), s.label.as_str())).collect();
        assert_eq!(spans, [("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER")]);
        assert_eq!(got.notes.len(), 4, "{:?}", got.notes); // rebuilt text, I- start, ORG and MISC added
        let bioes = from_conll("b.conll", "a\tS-PER\nb\tB-LOC\nc\tE-LOC\nd\tO\n").unwrap();
        assert_eq!(triples(&bioes.workspace)[0].2, [(0, 1, "PER".into()), (2, 5, "LOC".into())]);
    }

    #[test]
    fn errors_name_the_line() {
        let err = |input: &str| from_conll("f.conll", input).unwrap_err().to_string();
        assert!(err("word\n").contains("line 1: expected a token and a tag"));
        assert!(err("a\tX-PER\n").contains("line 1: “X-PER” is not an IOB2 tag"));
        let mut file = to_conll(&workspace("قال بوتين", &[(4, 9, "PER")])).text;
        file = file.replace("بوتين\t", "بوتن\t");
        assert!(err(&file).contains("line 11: the token “بوتن” is not next in the document's text"), "{}", err(&file));
        let tampered = to_conll(&workspace("قال بوتين", &[])).text.replace("بوتين\"", "بوتن\"");
        assert!(err(&tampered).contains("sha256 does not match"));
    }

    proptest! {
        #[test]
        fn spans_that_fit_in_iob2_round_trip_and_the_rest_is_reported(
            text in "([\u{0621}-\u{064A}\u{064B}-\u{0652} ،«»\\.!#]|😀|\r\n|\u{200F}){1,50}",
            spans in prop::collection::vec((0usize..60, 1usize..10, 0usize..4), 0..10),
        ) {
            let len = text.chars().count();
            let labels = ["PER", "LOC", "WEA", "EVT"];
            let mut list = vec![];
            for (s, l, k) in spans {
                let (s, e) = (s.min(len), (s + l).min(len));
                if s < e && !list.iter().any(|&(a, b, c)| (a, b, c) == (s, e, labels[k])) {
                    list.push((s, e, labels[k]));
                }
            }
            let ws = workspace(&text, &list);
            let out = to_conll(&ws);
            let back = from_conll("t.conll", &out.text).unwrap();
            let lost: Vec<u32> = out.lost.iter().filter_map(|n| n.span).collect();
            let kept: Vec<(usize, usize, String)> = ws.documents()[0]
                .spans
                .iter()
                .filter(|s| !lost.contains(&s.id))
                .map(|s| (s.start, s.end, s.label.clone()))
                .collect();
            let got = triples(&back.workspace).remove(0).2;
            // Every span not reported comes back exactly; the reported ones are left out or
            // come back at their tokens' extent.
            for span in &kept {
                prop_assert!(got.contains(span), "{:?} missing from {:?}", span, got);
            }
            prop_assert!(got.len() <= ws.documents()[0].spans.len());
            prop_assert_eq!(back.workspace.documents()[0].doc.text(), text.as_str());
        }
    }
}
