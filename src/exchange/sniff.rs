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

/// How much of a file is looked at.
const HEAD: usize = 1 << 20;

fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
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

/// The format of one file: by its extension (`.jsonl`, `.conll`, a brat `.ann`, `.conf` or
/// `.zip`), and for a `.json` by its content: a Label Studio export has tasks' `"data"` or
/// JSON-MIN's `"labels"` (its predictions when it has only those), spaCy's training tuples
/// are a list of lists, and anything else is read as Alama's own export, whose importer
/// then says why it is not one. `None`: not an annotation file (a `.txt` is a document).
pub fn sniff(name: &str, bytes: &[u8]) -> Option<Sniffed> {
    let plain = |format| Some(Sniffed { format, predictions: false });
    match extension(name).as_str() {
        "jsonl" | "ndjson" => plain(Format::Jsonl),
        "conll" | "iob" | "iob2" | "bio" | "conllu" => plain(Format::Conll),
        "ann" | "conf" | "zip" => plain(Format::Brat),
        "json" => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD)]);
            let text = head.trim_start_matches('\u{FEFF}').trim_start();
            if text.starts_with('{') && has(text, "format", "\"alama\"") {
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
}
