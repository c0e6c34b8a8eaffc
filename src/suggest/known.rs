//! The entities the session knows from its own spans ([`gazetteer_of`] a workspace), kept in
//! step change by change, so that tagging a selection does not read every span of every
//! document each time. Each (span text, label) is counted, following the workspace's
//! [`Effect`]s: what each change added and took away. The gazetteer is made again from the
//! distinct pairs only when one appears or disappears and someone asks for it; whether a text
//! is known (what tagging asks) is answered from the normalised keys the pairs have, kept
//! in step with them, without making the gazetteer again. After an import (everything
//! replaced) the counts are made again from the spans, a document a step (`step`, while the
//! page is idle), or all at once if they are needed first.

use crate::annotations::history::Edit;
use crate::annotations::workspace::{DocState, Effect, Workspace};
use crate::suggest::gazetteer::Gazetteer;
use crate::text::normalize::key;
use rustc_hash::FxHashMap;

/// Every span's text and label in every document of `ws`, as a gazetteer.
pub fn gazetteer_of(ws: &Workspace) -> Gazetteer {
    let mut g = Gazetteer::new();
    for d in ws.documents() {
        for s in d.spans.iter() {
            if let Some(text) = d.doc.slice(s.start, s.end) {
                g.add(text, &s.label);
            }
        }
    }
    g
}

#[derive(Debug, Default)]
pub struct KnownEntities {
    /// Label → exact span text → how many spans have it (looked up without a copy of either).
    counts: FxHashMap<String, FxHashMap<String, usize>>,
    /// The documents (the first `counted` of the workspace) whose spans `counts` hold.
    counted: usize,
    gazetteer: Gazetteer,
    /// Normalised key → how many of `counts`' pairs have it (keys a gazetteer would hold).
    keys: FxHashMap<String, usize>,
    /// The gazetteer no longer matches `counts`' pairs.
    stale: bool,
}

impl KnownEntities {
    /// Follows what changes did to the spans of `ws` (which they were applied to).
    pub fn follow(&mut self, ws: &Workspace, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Replaced => {
                    self.counts.clear();
                    self.keys.clear();
                    self.counted = 0;
                    self.stale = true;
                }
                // A document not counted yet is counted whole when its turn comes.
                Effect::Edited { doc, edit } if ws.position(&doc).is_some_and(|i| i < self.counted) => {
                    if let Ok(d) = ws.doc(&doc) {
                        self.edited(d, &edit);
                    }
                }
                Effect::Edited { .. } => {}
            }
        }
    }

    fn edited(&mut self, d: &DocState, edit: &Edit) {
        let text = |start: usize, end: usize| d.doc.slice(start, end);
        match edit {
            Edit::Add(s) => self.count(text(s.start, s.end), &s.label, true),
            Edit::Remove(s) => self.count(text(s.start, s.end), &s.label, false),
            Edit::Relabel { id, from, to } => {
                if let Some(s) = d.spans.get(*id) {
                    self.count(text(s.start, s.end), from, false);
                    self.count(text(s.start, s.end), to, true);
                }
            }
            Edit::Resize { id, from, to } => {
                if let Some(s) = d.spans.get(*id) {
                    self.count(text(from.0, from.1), &s.label, false);
                    self.count(text(to.0, to.1), &s.label, true);
                }
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| self.edited(d, e)),
        }
    }

    fn count(&mut self, text: Option<&str>, label: &str, up: bool) {
        let Some(text) = text else { return };
        if up {
            let texts = match self.counts.get_mut(label) {
                Some(texts) => texts,
                None => self.counts.entry(label.to_string()).or_default(),
            };
            match texts.get_mut(text) {
                Some(n) => *n += 1,
                None => {
                    texts.insert(text.to_string(), 1);
                    self.stale = true;
                    self.key_counted(text, true);
                }
            }
        } else if let Some(texts) = self.counts.get_mut(label) {
            let Some(n) = texts.get_mut(text) else { return };
            *n -= 1;
            if *n == 0 {
                texts.remove(text);
                if texts.is_empty() {
                    self.counts.remove(label);
                }
                self.stale = true;
                self.key_counted(text, false);
            }
        }
    }

    /// A pair with `text` appeared or went: its normalised key counted up or down (only a key
    /// with a letter or digit, as the gazetteer keeps).
    fn key_counted(&mut self, text: &str, up: bool) {
        let k = key(text);
        if !k.chars().any(char::is_alphanumeric) {
            return;
        }
        if up {
            *self.keys.entry(k).or_default() += 1;
        } else if let Some(n) = self.keys.get_mut(&k) {
            *n -= 1;
            if *n == 0 {
                self.keys.remove(&k);
            }
        }
    }

    /// Counts every document not counted yet (see `step`).
    pub fn catch_up(&mut self, ws: &Workspace) {
        while self.step(ws) {}
    }

    /// Whether `text` (compared normalised) is a known entity, as `gazetteer().contains`
    /// answers, once `catch_up` has counted every document.
    pub fn contains(&self, text: &str) -> bool {
        self.keys.contains_key(&key(text))
    }

    /// Counts the spans of the next document not counted yet; false when there is none.
    pub fn step(&mut self, ws: &Workspace) -> bool {
        let Some(d) = ws.documents().get(self.counted) else { return false };
        for s in d.spans.iter() {
            self.count(d.doc.slice(s.start, s.end), &s.label, true);
        }
        self.counted += 1;
        true
    }

    /// The known entities of `ws`, the same as [`gazetteer_of`] finds.
    pub fn gazetteer(&mut self, ws: &Workspace) -> &Gazetteer {
        self.catch_up(ws);
        if self.stale {
            let mut pairs: Vec<_> = self.counts.iter().flat_map(|(label, texts)| texts.keys().map(move |text| (text, label))).collect();
            pairs.sort();
            self.gazetteer = Gazetteer::new();
            for (text, label) in pairs {
                self.gazetteer.add(text, label);
            }
            self.stale = false;
        }
        &self.gazetteer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TEXT: &str = "قال بوتين إن بوتين التقى كيم في موسكو وبموسكو";
    const PROBES: [&str; 5] = ["بوتين", "كيم", "موسكو", "قال", "بوتين إن"];

    fn same(known: &mut KnownEntities, ws: &Workspace) -> Result<(), TestCaseError> {
        let g = gazetteer_of(ws);
        let mine = known.gazetteer(ws).clone();
        for probe in PROBES {
            let sorted = |v: Vec<&str>| {
                let mut v: Vec<String> = v.into_iter().map(String::from).collect();
                v.sort();
                v
            };
            prop_assert_eq!(sorted(mine.labels_of(probe)), sorted(g.labels_of(probe)), "{}", probe);
            prop_assert_eq!(known.contains(probe), g.contains(probe), "{}", probe);
        }
        Ok(())
    }

    proptest! {
        /// Whatever the changes (tags, relabels, removals, edge moves, undo, redo, accepted
        /// suggestions, an import), the known entities followed change by change are those a
        /// reading of every span finds.
        #[test]
        fn follows_the_spans_of_the_workspace(steps in prop::collection::vec((0u8..8, 0usize..40, 1usize..12, 0usize..3), 1..40)) {
            const LABELS: [&str; 3] = ["PER", "LOC", "EVT"];
            let mut ws = Workspace::new();
            let doc = ws.open_file("k.txt", TEXT.as_bytes()).unwrap();
            let mut known = KnownEntities::default();
            for (what, start, len, label) in steps {
                let nth = |ws: &Workspace| ws.doc(&doc).unwrap().spans.iter().nth(start % 4).map(|s| s.id);
                match what {
                    0 | 1 => { let _ = ws.tag(&doc, start, start + len, LABELS[label]); }
                    2 => if let Some(id) = nth(&ws) { let _ = ws.relabel(&doc, id, LABELS[label]); },
                    3 => if let Some(id) = nth(&ws) { let _ = ws.remove(&doc, id); },
                    4 => if let Some(id) = nth(&ws) {
                        let _ = ws.move_edge(&doc, id, crate::text::segment::Edge::End, crate::text::segment::Unit::Word, crate::text::segment::Direction::Backward);
                    },
                    5 => { let _ = ws.undo(&doc); }
                    6 => { let _ = ws.redo(&doc); }
                    _ => {
                        let found = crate::suggest::occurrences::occurrences_of_text(&ws, "بوتين", LABELS[label], crate::suggest::occurrences::Scope::All).unwrap();
                        ws.accept_suggestions(&found).unwrap();
                    }
                }
                let effects = ws.take_effects();
                known.follow(&ws, effects);
                same(&mut known, &ws)?;
            }
            // An import replaces everything: counted again from the spans.
            let copy = crate::exchange::canonical::from_json("x.json", &crate::exchange::canonical::to_json(&ws)).unwrap();
            ws.replace_with(copy).unwrap();
            let effects = ws.take_effects();
            known.follow(&ws, effects);
            // Counted a document at a time, with an edit in between in a counted one.
            prop_assert!(known.step(&ws) || ws.documents().is_empty());
            if let Some(id) = ws.doc(&doc).ok().and_then(|d| d.spans.iter().next().map(|s| s.id)) {
                ws.remove(&doc, id).unwrap();
                let effects = ws.take_effects();
                known.follow(&ws, effects);
            }
            same(&mut known, &ws)?;
        }
    }

    #[test]
    fn built_from_the_spans_of_a_workspace() {
        let mut ws = Workspace::new();
        let text = "التقى بوتين وكيم في فوستوشني.";
        let doc = ws.open_file("a.txt", text.as_bytes()).unwrap();
        ws.tag(&doc, 6, 11, "PER").unwrap();
        ws.tag(&doc, 20, 28, "LOC").unwrap();
        let g = gazetteer_of(&ws);
        assert_eq!(g.labels_of("بوتين"), ["PER"]);
        assert_eq!(g.labels_of("فوستوشني"), ["LOC"]);
        assert_eq!(g.len(), 2);
    }
}
