//! The session's gazetteer: entity strings with their labels, gathered from the spans the
//! annotator has made and from imported word lists, and looked up with the matching
//! normalisation (so أون, اون and أُون are one entry). It decides which proclitics to leave
//! out of a new span (see `clitics`) and pre-annotates a document (see `occurrences`); the session's own
//! entities are gathered from its spans by `known`.

use crate::annotations::labels::Label;
use crate::error::{Error, ImportProblem, Place};
use crate::text::document::Document;
use crate::text::normalize::key;
use std::collections::BTreeMap;

/// One entity string and one label it was given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// The string as first met (a span's exact text, or a list's line).
    pub text: String,
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gazetteer {
    /// Normalised key → its entries, one per label.
    entries: BTreeMap<String, Vec<Entry>>,
}

/// A word list refused as a whole: the line (from 1; 0 for the whole list) and why.
pub type ListError = (usize, ImportProblem);

impl Gazetteer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `text` with `label`; false when it was already there (or has nothing to match).
    pub fn add(&mut self, text: &str, label: &str) -> bool {
        let k = key(text);
        if !k.chars().any(char::is_alphanumeric) {
            return false;
        }
        let list = self.entries.entry(k).or_default();
        if list.iter().any(|e| e.label == label) {
            return false;
        }
        list.push(Entry { text: text.trim().into(), label: label.into() });
        true
    }

    /// Adds every entry of `other`.
    pub fn extend(&mut self, other: &Gazetteer) {
        for e in other.entries() {
            self.add(&e.text, &e.label);
        }
    }

    /// True when `text` (compared normalised) is a known entity, whatever its label.
    pub fn contains(&self, text: &str) -> bool {
        self.entries.contains_key(&key(text))
    }

    /// The labels `text` (compared normalised) is known with, first given first.
    pub fn labels_of(&self, text: &str) -> Vec<&str> {
        self.entries.get(&key(text)).map_or(vec![], |l| l.iter().map(|e| e.label.as_str()).collect())
    }

    /// Every entry, in the order of their normalised keys.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().flatten()
    }

    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a word list: one entry, a tab and a label id a line (`بوتين<TAB>PER`). Blank
    /// lines and lines starting with `#` are skipped; label ids are matched ignoring ASCII
    /// case. The list is taken whole or not at all. Returns how many entries were new.
    pub fn import_list(&mut self, list: &str, labels: &[Label]) -> Result<usize, ListError> {
        let mut parsed = vec![];
        for (n, line) in list.lines().enumerate() {
            let line = if n == 0 { line.trim_start_matches('\u{FEFF}') } else { line };
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fail = |problem| (n + 1, problem);
            let mut fields = line.split('\t');
            let entry = fields.next().unwrap_or_default().trim();
            let label = fields.next().ok_or_else(|| fail(ImportProblem::NoTab))?.trim();
            if fields.next().is_some() {
                return Err(fail(ImportProblem::ExtraTab));
            }
            if !entry.chars().any(char::is_alphanumeric) {
                return Err(fail(ImportProblem::EmptyEntry));
            }
            if label.is_empty() {
                return Err(fail(ImportProblem::EmptyLabel));
            }
            let label = labels.iter().find(|l| l.id.eq_ignore_ascii_case(label)).ok_or_else(|| {
                fail(ImportProblem::UnknownListLabel { label: label.into(), known: labels.iter().map(|l| l.id.clone()).collect() })
            })?;
            parsed.push((entry, label.id.as_str()));
        }
        if parsed.is_empty() {
            return Err((0, ImportProblem::NoEntries));
        }
        Ok(parsed.into_iter().filter(|(entry, label)| self.add(entry, label)).count())
    }

    /// [`Gazetteer::import_list`] from a file's bytes, which must be UTF-8; errors name the
    /// file (and the line).
    pub fn import_file(&mut self, file: &str, bytes: &[u8], labels: &[Label]) -> Result<usize, Error> {
        let list = Document::decode(bytes).map_err(|problem| Error::File { file: file.into(), problem })?;
        self.import_list(&list, labels).map_err(|(line, problem)| {
            let at = if line == 0 { Place::none() } else { Place::line(line) };
            Error::Import { file: file.into(), at, problem }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::labels::default_labels;

    #[test]
    fn entries_are_found_through_the_normalisation() {
        let mut g = Gazetteer::new();
        assert!(g.add("كيم جونغ أون", "PER"));
        assert!(!g.add("كيم  جونغ اون", "PER"));
        assert!(g.add("كيم جونغ أون", "EVT"));
        assert!(!g.add("«»", "PER"));
        assert!(g.contains("كيم جونغ أُون"));
        assert!(g.contains("كيم\nجونغ إون"));
        assert!(!g.contains("كيم"));
        assert_eq!(g.labels_of("كيم جونغ اون"), ["PER", "EVT"]);
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn a_word_list_is_imported_whole() {
        let labels = default_labels();
        let mut g = Gazetteer::new();
        let list = "\u{FEFF}# أسماء\r\nبوتين\tPER\r\n\r\nبيونغ يانغ\tloc\nسوخوي-35\tWEA\n";
        assert_eq!(g.import_list(list, &labels), Ok(3));
        assert_eq!(g.labels_of("بيونغ يانغ"), ["LOC"]);
        assert_eq!(g.import_list("بوتين\tPER", &labels), Ok(0));

        let cases = [
            ("بوتين\tPER\nلافروف PER\n", 2, ImportProblem::NoTab),
            ("بوتين\tPER\tLOC", 1, ImportProblem::ExtraTab),
            (" «» \tPER", 1, ImportProblem::EmptyEntry),
            ("بوتين\t ", 1, ImportProblem::EmptyLabel),
            (
                "# x\n\nبوتين\tPERSON",
                3,
                ImportProblem::UnknownListLabel {
                    label: "PERSON".into(),
                    known: vec!["PER".into(), "LOC".into(), "WEA".into(), "EVT".into()],
                },
            ),
            ("# nothing\n\n", 0, ImportProblem::NoEntries),
        ];
        for (list, line, problem) in cases {
            let before = g.clone();
            assert_eq!(g.import_list(list, &labels), Err((line, problem)), "{list}");
            assert_eq!(g, before);
        }
        let mut fresh = Gazetteer::new();
        let err = fresh.import_file("names.txt", "لافروف\tPER\nشويغو\tPERSON\n".as_bytes(), &labels).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Cannot import “names.txt”: line 2: there is no label “PERSON” (the labels are PER, LOC, WEA, EVT). Nothing was changed."
        );
        assert!(fresh.is_empty());
        assert!(matches!(fresh.import_file("x.txt", b"\xff", &labels), Err(Error::File { .. })));
    }
}
