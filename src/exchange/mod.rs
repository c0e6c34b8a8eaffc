//! The exchange layer: files that carry a workspace out and back in, and the work of several
//! annotators compared (`agree`) and adjudicated into gold (`adjudicate`). `formats` holds
//! Alama's own JSON (`canonical`, the export contract) and the formats our users' tools
//! read (`jsonl`, `brat`, `label_studio`, `conll`, `hf`, `webanno`, `prodigy`), each a pure
//! `to_*` and `from_*`. This
//! module holds what they share: the [`Format`] names, the [`Note`]s that say what an
//! export lost or an import ignored (`notes`), the [`OutFile`]s of a multi-file export, a
//! builder that checks imported spans the same way for every format (`build`), which
//! format a file is in (`sniff`) and what files are called (`names`). `docs/formats.md`
//! describes every format.

pub mod adjudicate;
pub mod agree;
pub mod formats;
pub mod names;
pub mod sniff;
pub mod tokens;
pub mod zip;

mod build;
mod notes;
#[cfg(test)]
pub(crate) mod test_util;

pub use build::Builder;
pub use formats::{brat, canonical, conll, hf, jsonl, label_studio, prodigy, webanno};
pub use notes::{Note, NoteKind};

use crate::annotations::workspace::Workspace;
use crate::error::{Error, ImportProblem, Place};
use serde::Serialize;
use std::fmt;

/// The largest annotation file (an export, in any format) the page reads: 64 MiB.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The formats Alama writes and reads, by the names the CLI and the page use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// The canonical JSON export, version 1.
    Alama,
    /// One JSON object a line: doccano's `{"text", "label": [[s, e, L]]}`, spaCy's triples.
    Jsonl,
    /// brat standoff: `.txt` + `.ann` per document and an `annotation.conf`.
    Brat,
    /// Label Studio tasks JSON.
    LabelStudio,
    /// CoNLL token/tag columns, IOB2.
    Conll,
    /// Hugging Face datasets, token classification: JSONL records with `tokens` and
    /// `ner_tags`, the label names and a dataset card.
    Hf,
    /// WebAnno TSV 3 (INCEpTION, WebAnno): one `.tsv` per document, the named-entity layer.
    Webanno,
    /// Prodigy's `ner_manual` tasks, JSONL.
    Prodigy,
}

impl Format {
    pub const ALL: [Format; 8] =
        [Format::Alama, Format::Jsonl, Format::Brat, Format::LabelStudio, Format::Conll, Format::Hf, Format::Webanno, Format::Prodigy];

    pub fn name(self) -> &'static str {
        match self {
            Format::Alama => "alama",
            Format::Jsonl => "jsonl",
            Format::Brat => "brat",
            Format::LabelStudio => "label-studio",
            Format::Conll => "conll",
            Format::Hf => "hf",
            Format::Webanno => "webanno",
            Format::Prodigy => "prodigy",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.to_ascii_lowercase().replace('_', "-");
        match name.as_str() {
            "alama" | "json" | "canonical" => Some(Format::Alama),
            "jsonl" | "doccano" | "spacy" => Some(Format::Jsonl),
            "brat" | "standoff" => Some(Format::Brat),
            "label-studio" | "labelstudio" | "ls" => Some(Format::LabelStudio),
            "conll" | "iob2" | "iob" => Some(Format::Conll),
            "hf" | "huggingface" | "hugging-face" | "datasets" | "hf-datasets" => Some(Format::Hf),
            "webanno" | "webanno-tsv" | "webanno-tsv3" | "tsv3" | "inception" => Some(Format::Webanno),
            "prodigy" | "ner-manual" | "ner.manual" => Some(Format::Prodigy),
            _ => None,
        }
    }

    /// The file extension of an export as one download: brat's and Hugging Face's several
    /// files are a `.zip`; WebAnno's `.tsv` is one document's (several make a `.zip` too).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Alama | Format::LabelStudio => "json",
            Format::Jsonl | Format::Prodigy => "jsonl",
            Format::Brat | Format::Hf => "zip",
            Format::Conll => "conll",
            Format::Webanno => "tsv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One file of an export: a relative path with `/` separators, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What an export produced: one file (or several, for brat) and what it could not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub files: Vec<OutFile>,
    pub lost: Vec<Note>,
}

impl Exported {
    fn single(path: String, text: String, lost: Vec<Note>) -> Exported {
        Exported { files: vec![OutFile { path, bytes: text.into_bytes() }], lost }
    }

    /// The export as one download: the file itself, or a stored zip archive of all of them
    /// (named `zip_name`, entries dated `time`).
    pub fn into_one_file(self, zip_name: &str, time: zip::DosTime) -> Result<OutFile, zip::ZipError> {
        match <[OutFile; 1]>::try_from(self.files) {
            Ok([file]) => Ok(file),
            Err(files) => Ok(OutFile { path: zip_name.into(), bytes: zip::write_stored(&files, time)? }),
        }
    }
}

/// What an import produced: the workspace, and what was ignored, converted or guessed.
#[derive(Debug, Clone)]
pub struct Imported {
    pub workspace: Workspace,
    pub notes: Vec<Note>,
}

/// Options for [`export`]: only some formats read them.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Label Studio: write the spans as predictions (for review) instead of annotations.
    pub as_predictions: bool,
    /// The base name of the file (e.g. `alama-2025-01-31` gives `alama-2025-01-31.conll`;
    /// `alama` when empty) and, for brat, Hugging Face and WebAnno, the folder the files go
    /// in (none when empty).
    pub base_name: String,
}

/// Options for [`import`]: only some formats read them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Label Studio: read the predictions instead of the annotations.
    pub predictions: bool,
}

/// Exports `ws` in `format`. The page offers `Exported::into_one_file` as the download.
pub fn export(ws: &Workspace, format: Format, options: &ExportOptions) -> Exported {
    let base = if options.base_name.is_empty() { "alama" } else { options.base_name.as_str() };
    match format {
        Format::Alama => Exported::single(format!("{base}.json"), canonical::to_json(ws), vec![]),
        Format::Jsonl => jsonl::to_jsonl(ws).into_file(format!("{base}.jsonl")),
        Format::Brat => brat::to_brat(ws, &options.base_name),
        Format::LabelStudio => {
            let target = if options.as_predictions { label_studio::Target::Predictions } else { label_studio::Target::Annotations };
            label_studio::to_label_studio(ws, target).into_file(format!("{base}.json"))
        }
        Format::Conll => conll::to_conll(ws).into_file(format!("{base}.conll")),
        Format::Hf => hf::to_hf(ws, &options.base_name),
        Format::Webanno => webanno::to_webanno(ws, &options.base_name),
        Format::Prodigy => prodigy::to_prodigy(ws).into_file(format!("{base}.jsonl")),
    }
}

/// Imports `files` (one file, or a set: a brat collection, Hugging Face records and their
/// label names, WebAnno documents) as `format`. Nothing is changed on error.
pub fn import(format: Format, files: &[(String, Vec<u8>)], options: ImportOptions) -> Result<Imported, Error> {
    match format {
        Format::Brat => return brat::from_brat(&collection_name(files, format), files),
        Format::Hf => return hf::from_hf(&collection_name(files, format), files),
        Format::Webanno => return webanno::from_webanno(&collection_name(files, format), files),
        _ => {}
    }
    let [(name, bytes)] = files else {
        return Err(Error::Import {
            file: files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
            at: Place::none(),
            problem: ImportProblem::OneFileOnly { format: format.name().into(), files: files.len() },
        });
    };
    let text = decode(name, bytes)?;
    match format {
        Format::Alama => Ok(Imported { workspace: canonical::from_json(name, &text)?, notes: vec![] }),
        Format::Jsonl => jsonl::from_jsonl(name, &text),
        Format::LabelStudio => {
            let source = if options.predictions { label_studio::Target::Predictions } else { label_studio::Target::Annotations };
            label_studio::from_label_studio(name, &text, source)
        }
        Format::Conll => conll::from_conll(name, &text),
        Format::Prodigy => prodigy::from_prodigy(name, &text),
        // Read as sets above; one file is a set too.
        Format::Brat => brat::from_brat(name, files),
        Format::Hf => hf::from_hf(name, files),
        Format::Webanno => webanno::from_webanno(name, files),
    }
}

/// A name for a set of files in messages: the one file, their common folder, or “the brat
/// files” (“the Hugging Face files”, “the WebAnno files”).
pub fn collection_name(files: &[(String, Vec<u8>)], format: Format) -> String {
    if let [(name, _)] = files
        && format != Format::Brat
    {
        return name.clone();
    }
    let folder = |p: &str| p.rsplit_once('/').map(|(dir, _)| dir.to_string());
    let first = files.first().and_then(|(p, _)| folder(p));
    match first {
        Some(dir) if files.iter().all(|(p, _)| p.starts_with(&format!("{dir}/"))) => dir,
        _ => match format {
            Format::Hf => "the Hugging Face files".into(),
            Format::Webanno => "the WebAnno files".into(),
            _ => "the brat files".into(),
        },
    }
}

/// A text file's bytes as strict UTF-8 (a leading BOM is kept; the caller decides).
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, Error> {
    crate::text::document::Document::decode_to_read(bytes, MAX_FILE_BYTES).map_err(|problem| Error::File { file: file.into(), problem })
}

/// A single-file export's text and what it lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextExport {
    pub text: String,
    pub lost: Vec<Note>,
}

impl TextExport {
    fn into_file(self, path: String) -> Exported {
        Exported::single(path, self.text, self.lost)
    }
}

/// Notes for what every format but the canonical JSON loses: the label set's names and
/// colours (when they are not the defaults) and the annotator names on spans.
pub(crate) fn lost_label_set_and_annotators(ws: &Workspace, format: Format) -> Vec<Note> {
    let mut lost = vec![];
    if ws.labels() != crate::annotations::labels::default_labels().as_slice() {
        lost.push(Note::file(NoteKind::LabelSetLost { format }));
    }
    let named = ws.documents().iter().flat_map(|d| d.spans.iter()).filter(|s| s.annotator.is_some()).count();
    if named > 0 {
        lost.push(Note::file(NoteKind::AnnotatorsLost { format, spans: named }));
    }
    lost
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text that looks a little like each format, so that the parsers get past their first
    /// checks: JSON punctuation, numbers, tabs, tags, brat and CoNLL markers, Arabic, emoji.
    const NEAR: &str = "([\\[\\]{}\",:0-9 \t\n\r-]|text|label|entities|data|annotations|value|start|end|labels|B-PER|I-LOC|O|-DOCSTART-|# text = |T1|PER|بوتين|😀|\u{FEFF}|tokens|ner_tags|token_offsets|spans|answer|accept|#FORMAT=WebAnno TSV 3.3\n|#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\\|value\n|#Text=|1-1\t|\\*\\[1\\]|\\|){0,80}";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn no_input_makes_an_importer_panic(junk in "\\PC{0,200}", near in NEAR) {
            for input in [&junk, &near] {
                for format in Format::ALL {
                    let files = vec![("f.txt".to_string(), input.as_bytes().to_vec())];
                    let _ = import(format, &files, ImportOptions::default());
                    let _ = import(format, &files, ImportOptions { predictions: true });
                }
                let brat = vec![("d.txt".to_string(), "abc def".as_bytes().to_vec()), ("d.ann".to_string(), input.as_bytes().to_vec()), ("annotation.conf".to_string(), input.as_bytes().to_vec())];
                let _ = brat::from_brat("c", &brat);
                // The readers of sets, given files by the names they read.
                let bytes = input.as_bytes().to_vec();
                let _ = hf::from_hf("c", &[("d.jsonl".into(), bytes.clone()), ("label_names.json".into(), bytes.clone())]);
                let _ = hf::from_hf("c", &[("d.jsonl".into(), bytes.clone()), ("label_names.json".into(), br#"["O", "B-PER"]"#.to_vec())]);
                let _ = webanno::from_webanno("c", &[("d.tsv".into(), bytes.clone())]);
                let head = format!("#FORMAT=WebAnno TSV 3.3\n#T_SP={}|identifier|value\n\n\n#Text=", webanno::NAMED_ENTITY);
                let _ = webanno::from_webanno("c", &[("d.tsv".into(), format!("{head}{input}").into_bytes())]);
            }
        }

        #[test]
        fn brat_lines_with_any_offsets_never_panic(lines in prop::collection::vec(("T[0-9]{1,2}", "[A-Z]{1,4}", 0usize..12, 0usize..12, 0usize..12, 0usize..12, any::<bool>()), 0..6)) {
            let ann: String = lines
                .iter()
                .map(|(t, l, a, b, c, d, two)| if *two { format!("{t}\t{l} {a} {b};{c} {d}\tx\n") } else { format!("{t}\t{l} {a} {b}\n") })
                .collect();
            let files = vec![("d.txt".to_string(), "قال\r\nبوتين".as_bytes().to_vec()), ("d.ann".to_string(), ann.into_bytes())];
            let _ = brat::from_brat("c", &files);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn one_download_per_export() {
        let ws = crate::exchange::test_util::workspace(&[("a.txt", "قال بوتين", vec![(4, 9, "PER")])]);
        let options = ExportOptions { as_predictions: false, base_name: "gold".into() };
        for format in Format::ALL {
            let file = export(&ws, format, &options).into_one_file("gold.zip", zip::DosTime::default()).unwrap();
            // One document in WebAnno is its own file, named by the document.
            let expected = if format == Format::Webanno { "a.tsv".to_string() } else { format!("gold.{}", format.extension()) };
            assert_eq!(file.path, expected);
            let back: Vec<(String, Vec<u8>)> = if format.extension() == "zip" {
                zip::read("gold.zip", &file.bytes).unwrap().into_iter().map(|f| (f.path, f.bytes)).collect()
            } else {
                vec![(file.path.clone(), file.bytes.clone())]
            };
            let imported = import(format, &back, ImportOptions::default()).unwrap();
            assert_eq!(crate::exchange::test_util::triples(&imported.workspace), crate::exchange::test_util::triples(&ws), "{format}");
        }
        assert_eq!(Format::from_name("Label_Studio"), Some(Format::LabelStudio));
        assert_eq!(Format::from_name("HuggingFace"), Some(Format::Hf));
        assert_eq!(Format::from_name("INCEpTION"), Some(Format::Webanno));
        assert_eq!(Format::from_name("ner_manual"), Some(Format::Prodigy));
        assert_eq!(Format::from_name("xml"), None);
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        // Several documents in WebAnno are a zip too.
        let two = crate::exchange::test_util::workspace(&[("a.txt", "قال بوتين", vec![]), ("b.txt", "x", vec![])]);
        let file = export(&two, Format::Webanno, &options).into_one_file("gold.zip", zip::DosTime::default()).unwrap();
        let names: Vec<String> = zip::read("gold.zip", &file.bytes).unwrap().into_iter().map(|f| f.path).collect();
        assert_eq!(names, ["gold/a.tsv", "gold/b.tsv"]);
    }
}
