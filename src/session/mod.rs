//! The session layer: everything one person's open page holds, in plain Rust. A [`Session`]
//! is the workspace plus what the person has on the go (pending suggestions, the word lists
//! they opened, an import being read or waiting to be confirmed, the entities their spans
//! make known). Every change enters by [`Session::apply`], whether it comes from a key, a
//! file or (next) another device; the page renders from what it reads back (`view`), with
//! positions converted between the page's UTF-16 and the core's code points in `utf16` only.

pub mod intent;
pub mod search;
pub mod utf16;
pub mod view;

use crate::annotations::journal::{Record, RestoreReport};
use crate::annotations::spans::SpanId;
use crate::annotations::suggestion::Suggestion;
use crate::annotations::workspace::{Effect, Entry, PartWriter, Restoring, SpanChange, Unsaved, Workspace};
use crate::error::{Error, ImportProblem, Place, RequestProblem};
use crate::exchange::canonical;
use crate::suggest::gazetteer::Gazetteer;
use crate::suggest::known::KnownEntities;
use crate::suggest::occurrences::{Scope, occurrences_of_span, suggest_from_gazetteer};
use crate::text::clitics::{entity_edges, excluded_clitic};
use crate::text::utf8::Utf8Steps;
pub use intent::{EdgesAt, ImportSummary, Intent, Outcome, RemoteSpan, SpanAt, SpotAt};
use search::SearchIndex;

/// Bytes of an export checked as UTF-8 in one import step.
const UTF8_STEP: usize = 1 << 20;

/// How far an import's reading is: its bytes checked as UTF-8, then the export read.
enum Reading {
    Checking(Utf8Steps),
    Parsing(Box<canonical::Reader>),
}

#[derive(Default)]
pub struct Session {
    ws: Workspace,
    /// An import being read a step at a time, and its file's name.
    reading: Option<(String, Reading)>,
    /// An import read and checked, waiting for the person to confirm it.
    pending_import: Option<Workspace>,
    /// Suggested spans waiting to be accepted or rejected.
    suggestions: Vec<Suggestion>,
    /// Entity lists opened in this session.
    word_lists: Gazetteer,
    /// The entities the session's spans make known, kept in step change by change.
    known: KnownEntities,
    /// Every document's words, for searching all of them at once; built in steps.
    search: SearchIndex,
    /// A restore from parts under way: the documents still coming in.
    restoring: Option<Restoring>,
    /// A document's part being written a piece at a time (see `part_for`).
    writing: Option<PartWriter>,
    /// An import's long texts are hashed by the page (see `hash_imports_outside`).
    hash_outside: bool,
}

/// What a restore from parts starts with: the documents to read, in the list's order (the
/// first is shown first), and whether each is whole as soon as it is in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RestoreStart {
    pub order: Vec<String>,
    pub per_document: bool,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The pending suggestions, in every document; a suggestion's key is its place here.
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }

    /// Applies one intent. A refusal changes nothing.
    pub fn apply(&mut self, intent: Intent) -> Result<Outcome, Error> {
        // While documents are still coming in, nothing may add, replace or relabel them.
        if self.restoring.is_some()
            && matches!(intent, Intent::OpenFile { .. } | Intent::StartImport { .. } | Intent::CommitImport | Intent::SetLabels { .. })
        {
            return Err(RequestProblem::RestoreUnderWay.into());
        }
        // A part half written would hold the document as it was before this change.
        self.writing = None;
        let outcome = self.decide(intent);
        // What the change did, followed by what is derived from the spans and the texts.
        let effects = self.ws.take_effects();
        if effects.contains(&Effect::Replaced) {
            self.search.reset();
        }
        self.known.follow(&self.ws, effects);
        outcome
    }

    /// Counts one more document's spans among the known entities or, once every document
    /// is counted, indexes one more for searching; false when every document is done.
    pub fn index_step(&mut self) -> bool {
        if self.restoring.is_some() {
            return false;
        }
        // The known entities first: a tag asks for them (and counts whatever is left at
        // once), while only a search waits for the search index.
        self.known.step(&self.ws) || self.search.step(&self.ws)
    }

    /// The search index of every document (see `search`).
    pub fn search(&self) -> &SearchIndex {
        &self.search
    }

    fn decide(&mut self, intent: Intent) -> Result<Outcome, Error> {
        match intent {
            Intent::Tag { doc, start, end, label, snap, strip_clitic } => {
                self.known.catch_up(&self.ws);
                let known = &self.known;
                let d = &self.ws.doc(&doc)?.doc;
                let (start, end) = (utf16::to_core(d, start)?, utf16::to_core(d, end)?);
                let edges = entity_edges(d.text(), d.index(), start, end, snap, &|t| known.contains(t), strip_clitic)?;
                Ok(Outcome::span(self.ws.add_span(&doc, edges.start, edges.end, &label)?))
            }
            Intent::Relabel { doc, span, label } => {
                Ok(if self.ws.relabel(&doc, span, &label)? { Outcome::span(span) } else { Outcome::unchanged() })
            }
            Intent::Remove { doc, span } => {
                self.ws.remove(&doc, span)?;
                Ok(Outcome::default())
            }
            Intent::MoveEdge { doc, span, edge, unit, direction } => match self.ws.move_edge(&doc, span, edge, unit, direction)? {
                Some(_) => Ok(Outcome::span(span)),
                None => Ok(Outcome::unchanged()),
            },
            Intent::Resize { doc, span, start, end } => {
                let d = &self.ws.doc(&doc)?.doc;
                let (start, end) = (utf16::to_core(d, start)?, utf16::to_core(d, end)?);
                let before = self.ws.doc(&doc)?.spans.get(span).map(|s| (s.start, s.end));
                let after = self.ws.resize(&doc, span, start, end)?;
                Ok(if before == Some(after) {
                    Outcome { unchanged: true, span: Some(span), ..Outcome::default() }
                } else {
                    Outcome::span(span)
                })
            }
            Intent::Undo { doc } => Ok(self.ws.undo(&doc)?.map_or_else(Outcome::unchanged, |e| Outcome::span(e.span_id()))),
            Intent::Redo { doc } => Ok(self.ws.redo(&doc)?.map_or_else(Outcome::unchanged, |e| Outcome::span(e.span_id()))),
            Intent::SetStatus { doc, status } => {
                self.ws.set_status(&doc, status)?;
                Ok(Outcome::default())
            }
            Intent::SetLabels { labels } => {
                self.ws.set_labels(labels)?;
                Ok(Outcome::default())
            }
            Intent::SetAnnotator { name } => {
                self.ws.set_annotator(Some(&name));
                Ok(Outcome::default())
            }
            Intent::OpenFile { name, bytes } => {
                let id = self.ws.open_file(&name, &bytes)?;
                Ok(Outcome { document: Some(id), ..Outcome::default() })
            }
            Intent::ImportWordList { name, bytes } => {
                let labels = self.ws.labels().to_vec();
                Ok(Outcome::count(self.word_lists.import_file(&name, &bytes, &labels)?))
            }
            Intent::FindOccurrences { doc, span, all_documents } => {
                let scope = if all_documents { Scope::All } else { Scope::Document(&doc) };
                self.suggestions = occurrences_of_span(&self.ws, &doc, span, scope)?;
                Ok(Outcome::count(self.suggestions.len()))
            }
            Intent::Preannotate { doc } => {
                let mut known = self.known.gazetteer(&self.ws).clone();
                known.extend(&self.word_lists);
                self.suggestions = suggest_from_gazetteer(&self.ws, &doc, &known)?;
                Ok(Outcome::count(self.suggestions.len()))
            }
            Intent::Accept { keys } => {
                let chosen: Vec<Suggestion> = keys.iter().filter_map(|&k| self.suggestions.get(k).cloned()).collect();
                self.ws.accept_suggestions(&chosen)?;
                self.drop_suggestions(&keys);
                Ok(Outcome::count(chosen.len()))
            }
            Intent::Reject { keys } => Ok(Outcome::count(self.drop_suggestions(&keys))),
            Intent::RelabelSpans { spans, label } => {
                let changes: Vec<(String, SpanChange)> =
                    spans.into_iter().map(|s| (s.doc, SpanChange::Label { span: s.span, label: label.clone() })).collect();
                Ok(Outcome::count(self.ws.change_spans(&changes)?))
            }
            Intent::ResizeSpans { spans } => {
                let mut changes = Vec::with_capacity(spans.len());
                for s in spans {
                    let d = &self.ws.doc(&s.doc)?.doc;
                    let (start, end) = (utf16::to_core(d, s.start)?, utf16::to_core(d, s.end)?);
                    changes.push((s.doc, SpanChange::Edges { span: s.span, start, end }));
                }
                Ok(Outcome::count(self.ws.change_spans(&changes)?))
            }
            Intent::Suggest { spots } => {
                let mut found = Vec::with_capacity(spots.len());
                for s in spots {
                    if !self.ws.labels().iter().any(|l| l.id == s.label) {
                        return Err(Error::UnknownLabel { label: s.label });
                    }
                    let d = &self.ws.doc(&s.doc)?.doc;
                    let (start, end) = (utf16::to_core(d, s.start)?, utf16::to_core(d, s.end)?);
                    let text = d.index().slice(d.text(), start, end)?.to_string();
                    if start >= end {
                        return Err(Error::NothingToTag);
                    }
                    let clitic = excluded_clitic(d.text(), d.index(), start)?;
                    found.push(Suggestion { doc: s.doc, start, end, label: s.label, text, clitic });
                }
                self.suggestions = found;
                Ok(Outcome::count(self.suggestions.len()))
            }
            Intent::StartImport { file, bytes } => {
                if let Some((reading, _)) = &self.reading {
                    return Err(RequestProblem::ImportUnderWay { file: reading.clone() }.into());
                }
                self.pending_import = None;
                self.reading = Some((file, Reading::Checking(Utf8Steps::new(bytes))));
                Ok(Outcome::default())
            }
            Intent::CommitImport => {
                let imported = self.pending_import.take().ok_or(RequestProblem::NoCheckedImport)?;
                self.suggestions.clear();
                self.ws.replace_with(imported)?;
                Ok(Outcome::default())
            }
            Intent::DiscardImport => {
                self.reading = None;
                self.pending_import = None;
                Ok(Outcome::default())
            }
            Intent::ApplyRemote { doc, add, remove } => self.apply_remote(&doc, &add, &remove),
        }
    }

    /// A remote change (`Intent::ApplyRemote`): checked whole before anything changes.
    fn apply_remote(&mut self, doc: &str, add: &[RemoteSpan], remove: &[SpanId]) -> Result<Outcome, Error> {
        let d = &self.ws.doc(doc)?.doc;
        let mut adds = Vec::with_capacity(add.len());
        for s in add {
            let (start, end) = (utf16::to_core(d, s.start)?, utf16::to_core(d, s.end)?);
            let text = d.slice(start, end).unwrap_or_default().to_string();
            adds.push(Suggestion { doc: doc.into(), start, end, label: s.label.clone(), text, clitic: None });
        }
        let spans = if adds.is_empty() { vec![] } else { self.ws.accept_suggestions(&adds)? };
        for &id in remove {
            if self.ws.doc(doc)?.spans.get(id).is_some() {
                self.ws.remove(doc, id)?;
            }
        }
        Ok(Outcome { spans, ..Outcome::default() })
    }

    /// Drops the suggestions with these keys; returns how many there were.
    fn drop_suggestions(&mut self, keys: &[usize]) -> usize {
        let before = self.suggestions.len();
        let mut i = 0;
        self.suggestions.retain(|_| {
            i += 1;
            !keys.contains(&(i - 1))
        });
        before - self.suggestions.len()
    }

    /// One bounded step of the import `StartImport` began (checking 1 MB as UTF-8, hashing
    /// 256 KB, indexing a text or checking 2,000 spans): `None` while there is more to do,
    /// then what the file holds, and the import waits for `CommitImport`. A refusal ends the
    /// reading.
    pub fn import_step(&mut self) -> Result<Option<ImportSummary>, Error> {
        let (file, reading) = self.reading.take().ok_or(RequestProblem::NoImportBeingRead)?;
        let reading = match reading {
            Reading::Checking(mut bytes) => match bytes.step(UTF8_STEP) {
                Ok(true) => Reading::Checking(bytes),
                Ok(false) => {
                    let json = bytes.into_string().unwrap_or_default();
                    let mut reader = Box::new(canonical::Reader::new(&file, json)?);
                    if self.hash_outside {
                        reader.hash_outside();
                    }
                    Reading::Parsing(reader)
                }
                Err(_) => return Err(Error::Import { file, at: Place::none(), problem: ImportProblem::NotUtf8 }),
            },
            Reading::Parsing(mut reader) => {
                if !reader.step()? {
                    let (documents, spans) = reader.counts();
                    self.pending_import = Some(reader.finish()?);
                    return Ok(Some(ImportSummary { documents, spans }));
                }
                Reading::Parsing(reader)
            }
        };
        self.reading = Some((file, reading));
        Ok(None)
    }

    /// From now on, an import's long texts wait for their SHA-256 from the page
    /// ([`Session::import_digest`]) instead of being hashed in the core's steps.
    pub fn hash_imports_outside(&mut self) {
        self.hash_outside = true;
    }

    /// The text whose SHA-256 the import being read waits for, if it does.
    pub fn import_wanted_digest(&self) -> Option<&str> {
        match &self.reading {
            Some((_, Reading::Parsing(reader))) => reader.wanted_digest(),
            _ => None,
        }
    }

    /// Gives the import being read the SHA-256 it waits for; a refusal ends the reading.
    pub fn import_digest(&mut self, sha256: &str) -> Result<(), Error> {
        let (file, reading) = self.reading.take().ok_or(RequestProblem::NoImportBeingRead)?;
        let Reading::Parsing(mut reader) = reading else { return Err(RequestProblem::NoImportBeingRead.into()) };
        reader.give_digest(sha256)?;
        self.reading = Some((file, Reading::Parsing(reader)));
        Ok(())
    }

    /// Writes the next piece of document `doc`'s part (starting it, or starting again if
    /// another document's was being written); the whole part once the last piece is written.
    pub fn part_step(&mut self, doc: &str) -> Result<Option<Vec<u8>>, Error> {
        let mut writer = match self.writing.take() {
            Some(w) if w.doc() == doc => w,
            _ => self.ws.part_writer(doc)?,
        };
        let part = writer.step(&self.ws)?;
        if part.is_none() {
            self.writing = Some(writer);
        }
        Ok(part)
    }

    /// The oldest change not yet taken for the page's journal.
    pub fn take_journal_record(&mut self) -> Option<Record> {
        self.ws.take_journal_record()
    }

    /// Rebuilds the session from a stored snapshot (if any) and the journal since; see
    /// `Workspace::restore`. What the person had on the go is gone with the old page.
    pub fn restore(&mut self, snapshot: Option<&str>, records: &[String]) -> Result<RestoreReport, Error> {
        let (mut ws, report) = Workspace::restore(snapshot, records)?;
        // Restored from the single snapshot of earlier versions: saved again in parts.
        ws.mark_all_unsaved();
        *self = Session { ws, hash_outside: self.hash_outside, ..Session::default() };
        Ok(report)
    }

    /// Starts restoring from parts (see `Workspace::begin_restore`); the documents follow
    /// with `restore_document`, and `finish_restore` ends it.
    pub fn begin_restore(&mut self, head: &[u8], head_seq: u64, entries: Vec<Entry>) -> Result<RestoreStart, Error> {
        let (ws, restoring) = Workspace::begin_restore(head, head_seq, entries)?;
        let start = RestoreStart { order: restoring.order().to_vec(), per_document: restoring.per_document() };
        *self = Session { ws, restoring: Some(restoring), hash_outside: self.hash_outside, ..Session::default() };
        Ok(start)
    }

    pub fn restore_document(&mut self, part: &[u8], seq: u64) -> Result<(), Error> {
        let restoring = self.restoring.as_mut().ok_or(RequestProblem::NoRestoreUnderWay)?;
        self.writing = None;
        self.ws.restore_document(restoring, part, seq)
    }

    /// Ends a restore from parts; the search index and the known entities start again
    /// from the whole workspace.
    pub fn finish_restore(&mut self) -> Result<RestoreReport, Error> {
        let restoring = self.restoring.take().ok_or(RequestProblem::NoRestoreUnderWay)?;
        self.writing = None;
        let report = self.ws.finish_restore(restoring);
        self.search.reset();
        self.known = KnownEntities::default();
        Ok(report)
    }

    pub fn restoring(&self) -> bool {
        self.restoring.is_some()
    }

    /// True while an import is being read (started, not yet read to its end or refused).
    pub fn importing(&self) -> bool {
        self.reading.is_some()
    }

    pub fn take_unsaved(&mut self) -> Unsaved {
        self.ws.take_unsaved()
    }

    pub fn mark_unsaved(&mut self, unsaved: Unsaved) {
        self.ws.mark_unsaved(unsaved);
    }
}

#[cfg(test)]
mod tests;
