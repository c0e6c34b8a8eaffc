//! The entities the session knows from its own spans ([`gazetteer_of`] a workspace), kept in
//! step change by change, so that tagging a selection on a document with
//! tens of thousands of spans does not read every span of every document each time.
//!
//! Each (span text, label) is counted; the gazetteer is rebuilt from the distinct pairs only
//! when one appears or disappears. A change made elsewhere (undo, import, …) is noticed by
//! the span sets' versions and answered by one full rebuild.

use crate::annotations::spans::SpanId;
use crate::annotations::workspace::Workspace;
use crate::suggest::gazetteer::Gazetteer;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct KnownEntities {
    /// (exact span text, label) → how many spans have it.
    counts: HashMap<(String, String), usize>,
    gazetteer: Gazetteer,
    /// The gazetteer no longer matches `counts`' pairs.
    stale: bool,
    /// Every document's id and span-set version when `counts` was last in step.
    seen: Vec<(String, u64)>,
}

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

fn versions(ws: &Workspace) -> impl Iterator<Item = (&str, u64)> {
    ws.documents().iter().map(|d| (d.doc.id.as_str(), d.spans.version()))
}

/// A span's text and label, as counted.
fn pair(ws: &Workspace, doc: &str, id: SpanId) -> Option<(String, String)> {
    let d = ws.doc(doc).ok()?;
    let s = d.spans.get(id)?;
    Some((d.doc.slice(s.start, s.end)?.to_string(), s.label.clone()))
}

impl KnownEntities {
    fn in_step(&self, ws: &Workspace) -> bool {
        self.seen.len() == ws.documents().len() && self.seen.iter().zip(versions(ws)).all(|((id, v), (d, w))| id == d && *v == w)
    }

    fn note(&mut self, ws: &Workspace) {
        self.seen = versions(ws).map(|(d, v)| (d.to_string(), v)).collect();
    }

    fn rebuild(&mut self, ws: &Workspace) {
        self.counts.clear();
        for d in ws.documents() {
            for s in d.spans.iter() {
                if let Some(text) = d.doc.slice(s.start, s.end) {
                    *self.counts.entry((text.to_string(), s.label.clone())).or_default() += 1;
                }
            }
        }
        self.stale = true;
        self.note(ws);
    }

    fn count(&mut self, pair: Option<(String, String)>, up: bool) {
        let Some(pair) = pair else { return };
        let n = self.counts.entry(pair.clone()).or_default();
        if up {
            *n += 1;
            self.stale |= *n == 1;
        } else {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.counts.remove(&pair);
                self.stale = true;
            }
        }
    }

    /// The known entities of `ws`, the same as [`gazetteer_of`] finds.
    pub fn gazetteer(&mut self, ws: &Workspace) -> &Gazetteer {
        if !self.in_step(ws) {
            self.rebuild(ws);
        }
        if self.stale {
            let mut pairs: Vec<_> = self.counts.keys().collect();
            pairs.sort();
            self.gazetteer = Gazetteer::new();
            for (text, label) in pairs {
                self.gazetteer.add(text, label);
            }
            self.stale = false;
        }
        &self.gazetteer
    }

    /// Runs `change` on `ws` (a change to span `id` of `doc` and to nothing else, or a new
    /// span whose id `change` returns) and keeps the counts in step with it.
    pub fn track<T>(
        &mut self,
        ws: &mut Workspace,
        doc: &str,
        id: Option<SpanId>,
        change: impl FnOnce(&mut Workspace) -> Result<T, crate::Error>,
        new_id: impl Fn(&T) -> Option<SpanId>,
    ) -> Result<T, crate::Error> {
        let was = self.in_step(ws);
        let before = id.and_then(|id| pair(ws, doc, id));
        let out = change(ws)?;
        if was {
            let after = id.or_else(|| new_id(&out)).and_then(|id| pair(ws, doc, id));
            self.count(before, false);
            self.count(after, true);
            self.note(ws);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "قال بوتين إن بوتين التقى كيم في موسكو وبموسكو";

    fn at(needle: &str, nth: usize) -> (usize, usize) {
        let b = TEXT.match_indices(needle).nth(nth).unwrap().0;
        let s = TEXT[..b].chars().count();
        (s, s + needle.chars().count())
    }

    #[test]
    fn stays_the_gazetteer_of_the_workspace_through_every_change() {
        let mut ws = Workspace::new();
        let doc = ws.open_file("k.txt", TEXT.as_bytes()).unwrap();
        let mut known = KnownEntities::default();
        let same = |known: &mut KnownEntities, ws: &Workspace| {
            let g = gazetteer_of(ws);
            let mine = known.gazetteer(ws).clone();
            for probe in ["بوتين", "كيم", "موسكو", "قال"] {
                assert_eq!(mine.contains(probe), g.contains(probe), "{probe}");
            }
        };
        same(&mut known, &ws);
        let tag = |ws: &mut Workspace, known: &mut KnownEntities, (s, e): (usize, usize), label: &str| {
            let d = doc.clone();
            known.track(ws, &doc, None, |ws| ws.tag(&d, s, e, label), |id| Some(*id)).unwrap()
        };
        let a = tag(&mut ws, &mut known, at("بوتين", 0), "PER");
        let b = tag(&mut ws, &mut known, at("بوتين", 1), "PER");
        same(&mut known, &ws);
        known.track(&mut ws, &doc, Some(a), |ws| ws.remove(&doc, a), |_| None).unwrap();
        same(&mut known, &ws);
        assert!(known.gazetteer(&ws).contains("بوتين"));
        known.track(&mut ws, &doc, Some(b), |ws| ws.relabel(&doc, b, "LOC"), |_| None).unwrap();
        known.track(&mut ws, &doc, Some(b), |ws| ws.remove(&doc, b), |_| None).unwrap();
        assert!(!known.gazetteer(&ws).contains("بوتين"));
        same(&mut known, &ws);
        // A change it did not see (undo) is noticed and answered by a rebuild.
        ws.undo(&doc).unwrap();
        same(&mut known, &ws);
        assert!(known.gazetteer(&ws).contains("بوتين"));
        tag(&mut ws, &mut known, at("موسكو", 0), "LOC");
        same(&mut known, &ws);
        // A workspace put in its place (an import) with a document of the same id and as many
        // changes, but other spans, is noticed too.
        let mut other = Workspace::new();
        let d = other.open_file("k.txt", TEXT.as_bytes()).unwrap();
        let (s, e) = at("كيم", 0);
        other.tag(&d, s, e, "PER").unwrap();
        let (s, e) = at("موسكو", 1);
        other.tag(&d, s, e, "LOC").unwrap();
        ws = other;
        same(&mut known, &ws);
        assert!(known.gazetteer(&ws).contains("كيم"));
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
