//! Which format a file is in, told from its name and its first bytes: the one rule the
//! command line and the page both follow when no one says the format.

use crate::exchange::Format;
use serde::Serialize;

/// A file's format as told from its name and content, and whether a Label Studio file holds
/// only predictions (then those are what an import reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Sniffed {
    pub format: Format,
    pub predictions: bool,
}

/// How much of a file is looked at (the page hands over no more).
pub const HEAD: usize = 1 << 20;

fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Enough of a file's start to find the `"format": "alama"` an Alama export begins with.
const ALAMA_HEAD: usize = 4096;

/// True when `head` (a file's first bytes) is a JSON object that says it is an Alama export.
fn is_alama(head: &[u8]) -> bool {
    says_alama(String::from_utf8_lossy(head).trim_start_matches('\u{FEFF}').trim_start())
}

/// True when `text` (a file's start, BOM and spaces left out) is a JSON object that says it
/// is an Alama export.
fn says_alama(text: &str) -> bool {
    text.starts_with('{') && has(text, "format", "\"alama\"")
}

/// True when `text` has `"key"` followed by `:` and then something starting with `value`.
fn has(text: &str, key: &str, value: &str) -> bool {
    let quoted = format!("\"{key}\"");
    text.match_indices(&quoted).any(|(at, _)| {
        let rest = text[at + quoted.len()..].trim_start();
        rest.strip_prefix(':').is_some_and(|r| {
            let mut r = r.trim_start();
            for piece in value.split(' ') {
                let Some(next) = r.strip_prefix(piece) else { return false };
                r = next.trim_start();
            }
            true
        })
    })
}

/// The first line of a JSONL file (of its first megabyte), without a BOM.
fn first_record(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD)]);
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    head.lines().next().unwrap_or_default().to_string()
}

/// Whether a file starts as WebAnno TSV 3 does.
fn is_webanno(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    bytes.starts_with(b"#FORMAT=WebAnno TSV 3")
}

/// The format of one file: by its extension (`.jsonl`, `.conll`, a brat `.ann`, `.conf` or
/// `.zip`), and by its content: a `.jsonl` whose first record has `"ner_tags"` is Hugging
/// Face's token classification, one with `"tokens"` objects and `"answer"` or `"spans"` is
/// Prodigy's, any other is JSONL; a `.tsv` that starts with `#FORMAT=WebAnno TSV 3` is
/// WebAnno's (any other `.tsv` is a word list: `None`); for a `.json`, a Label Studio export
/// has tasks' `"data"` or JSON-MIN's `"labels"` (its predictions when it has only those),
/// spaCy's training tuples are a list of lists, and anything else is read as Alama's own
/// export, whose importer then says why it is not one. `None`: not an annotation file (a
/// `.txt` is a document).
pub fn sniff(name: &str, bytes: &[u8]) -> Option<Sniffed> {
    let plain = |format| Some(Sniffed { format, predictions: false });
    match extension(name).as_str() {
        "jsonl" | "ndjson" => {
            let first = first_record(bytes);
            if has(&first, "ner_tags", "[") {
                plain(Format::Hf)
            } else if has(&first, "tokens", "[ {") && (has(&first, "answer", "\"") || has(&first, "spans", "[")) {
                plain(Format::Prodigy)
            } else {
                plain(Format::Jsonl)
            }
        }
        "tsv" if is_webanno(bytes) => plain(Format::Webanno),
        "conll" | "iob" | "iob2" | "bio" | "conllu" => plain(Format::Conll),
        "ann" | "conf" | "zip" => plain(Format::Brat),
        "json" => {
            // An Alama export says so in its first lines: the whole head (a megabyte, decoded)
            // is only read for the other formats.
            if is_alama(&bytes[..bytes.len().min(ALAMA_HEAD)]) {
                return plain(Format::Alama);
            }
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD)]);
            let text = head.trim_start_matches('\u{FEFF}').trim_start();
            if says_alama(text) {
                plain(Format::Alama)
            } else if text.strip_prefix('[').is_some_and(|r| r.trim_start().starts_with('[')) {
                plain(Format::Jsonl)
            } else if !has(text, "data", "{") && !has(text, "labels", "[") {
                plain(Format::Alama)
            } else {
                let graded = has(text, "annotations", "[ {") || has(text, "completions", "[ {");
                Some(Sniffed { format: Format::LabelStudio, predictions: has(text, "predictions", "[ {") && !graded })
            }
        }
        _ => None,
    }
}

/// The format of a set of files (a folder or an archive): brat when it has an `.ann`,
/// WebAnno when it has a WebAnno `.tsv`, Hugging Face when it has records with
/// `"ner_tags"`; else brat, whose importer then says what is missing.
pub fn sniff_set(files: &[(String, Vec<u8>)]) -> Format {
    let found = |format: Format| files.iter().any(|(name, bytes)| sniff(name, bytes).is_some_and(|s| s.format == format));
    if found(Format::Brat) && files.iter().any(|(name, _)| extension(name) == "ann") {
        Format::Brat
    } else if found(Format::Webanno) {
        Format::Webanno
    } else if found(Format::Hf) {
        Format::Hf
    } else {
        Format::Brat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(name: &str, text: &str) -> Option<(Format, bool)> {
        sniff(name, text.as_bytes()).map(|s| (s.format, s.predictions))
    }

    #[test]
    fn the_format_is_told_by_name_then_content() {
        assert_eq!(format("a.JSONL", ""), Some((Format::Jsonl, false)));
        assert_eq!(format("dir/a.iob2", ""), Some((Format::Conll, false)));
        assert_eq!(format("x.ann", ""), Some((Format::Brat, false)));
        assert_eq!(format("a.txt", "{}"), None);
        assert_eq!(format("a.json", "\u{FEFF} {\"format\" : \"alama\", \"version\": 1}"), Some((Format::Alama, false)));
        assert_eq!(format("a.json", "[[\"text\", {\"entities\": []}]]"), Some((Format::Jsonl, false)));
        assert_eq!(
            format("a.json", "[{\"data\": {\"text\": \"x\"}, \"annotations\": [{\"result\": []}]}]"),
            Some((Format::LabelStudio, false))
        );
        assert_eq!(
            format("a.json", "[{\"data\": {\"text\": \"x\"}, \"predictions\": [ {\"result\": []}]}]"),
            Some((Format::LabelStudio, true))
        );
        assert_eq!(format("a.json", "[{\"text\": \"x\", \"labels\": [{\"start\": 0}]}]"), Some((Format::LabelStudio, false)));
        // Not an export of any kind: read as Alama's, whose importer says why it is not one.
        assert_eq!(format("a.json", "[1, 2, 3]"), Some((Format::Alama, false)));
        assert_eq!(format("a.json", "{\"text\": \"بوتين\"}"), Some((Format::Alama, false)));
    }

    #[test]
    fn an_export_that_names_its_format_late_is_still_told() {
        // Past the few kilobytes looked at first; a Label Studio task that far in is told too.
        let padding = "بوتين ".repeat(1000);
        let late = format!("{{\"labels\": [], \"note\": \"{padding}\", \"format\": \"alama\"}}");
        assert!(late.len() > ALAMA_HEAD);
        assert_eq!(format("a.json", &late), Some((Format::Alama, false)));
        let studio = format!("[{{\"note\": \"{padding}\", \"data\": {{\"text\": \"x\"}}, \"annotations\": [ {{}}]}}]");
        assert_eq!(format("a.json", &studio), Some((Format::LabelStudio, false)));
    }

    #[test]
    fn jsonl_and_tsv_are_told_by_their_first_record_or_line() {
        let hf = "{\"id\": \"a\", \"tokens\": [\"قال\"], \"ner_tags\": [0]}\n";
        assert_eq!(format("train.jsonl", hf), Some((Format::Hf, false)));
        let prodigy =
            "\u{FEFF}{\"text\": \"x\", \"tokens\": [{\"text\": \"x\", \"start\": 0, \"end\": 1, \"id\": 0}], \"answer\": \"accept\"}\n";
        assert_eq!(format("db-out.jsonl", prodigy), Some((Format::Prodigy, false)));
        let spans = "{\"text\": \"x\", \"tokens\": [ {\"text\": \"x\"}], \"spans\": []}";
        assert_eq!(format("a.jsonl", spans), Some((Format::Prodigy, false)));
        // Prodigy-style spans without tokens, doccano, and a text that only mentions the keys.
        assert_eq!(format("a.jsonl", "{\"text\": \"x\", \"spans\": [{\"start\": 0}]}"), Some((Format::Jsonl, false)));
        assert_eq!(format("a.jsonl", "{\"text\": \"\\\"ner_tags\\\": [\", \"label\": []}"), Some((Format::Jsonl, false)));
        assert_eq!(format("a.jsonl", "{\"text\": \"x\"}\n{\"ner_tags\": []}"), Some((Format::Jsonl, false)));
        assert_eq!(format("doc.tsv", "#FORMAT=WebAnno TSV 3.3\n#T_SP=x|value\n"), Some((Format::Webanno, false)));
        assert_eq!(format("doc.TSV", "\u{FEFF}#FORMAT=WebAnno TSV 3.2\n"), Some((Format::Webanno, false)));
        // A word list, and WebAnno's older formats, are no export.
        assert_eq!(format("names.tsv", "بوتين\tPER\n"), None);
        assert_eq!(format("old.tsv", "#FORMAT=WebAnno TSV 2\n"), None);
        let set =
            |names: &[(&str, &str)]| sniff_set(&names.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())).collect::<Vec<_>>());
        assert_eq!(set(&[("a.txt", "x"), ("a.ann", "")]), Format::Brat);
        assert_eq!(set(&[("x/a.tsv", "#FORMAT=WebAnno TSV 3.3\n"), ("x/b.tsv", "#FORMAT=WebAnno TSV 3.3\n")]), Format::Webanno);
        assert_eq!(set(&[("hf/README.md", "---"), ("hf/data.jsonl", hf), ("hf/label_names.json", "[\"O\"]")]), Format::Hf);
        assert_eq!(set(&[("a.txt", "x")]), Format::Brat);
    }
}
