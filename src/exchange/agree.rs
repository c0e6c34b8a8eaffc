//! Agreement between annotators of the same documents (matched by SHA-256): per label and
//! overall, exact-match span precision, recall and F1 (as seqeval computes them), partial
//! (overlap) F1 (as nervaluate's `partial` scheme computes it) and token-level Cohen's kappa
//! (as scikit-learn's `cohen_kappa_score` computes it).
//!
//! Everything is computed on tokens ([`crate::exchange::tokens`]) split at the span edges of
//! *every* annotator, so that all spans are whole tokens and all pairs see the same tokens.
//! The *overall* figures use each annotator's single IOB2 sequence (the one the CoNLL export
//! writes: where spans overlap, the first in reading order); the *per label* figures use one
//! sequence per label, so a PER nested in an EVT counts for both labels. Spans that cannot be
//! placed are listed in the report's notes. The first annotator of a pair is the reference
//! (seqeval's `y_true`), the second the prediction; exact F1 and kappa are symmetric anyway.

use crate::annotations::workspace::{DocState, Workspace};
use crate::exchange::tokens::{self, Layer, LeftOut, Placed, Token};
use crate::exchange::{Note, NoteKind};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "code")]
pub enum AgreeError {
    #[serde(rename = "agree_too_few")]
    TooFew { files: usize },
    #[serde(rename = "agree_same_name")]
    SameName { name: String },
}

impl fmt::Display for AgreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgreeError::TooFew { files } => write!(f, "Agreement needs at least two annotators' files, not {files}."),
            AgreeError::SameName { name } => write!(f, "Two annotators are both called “{name}”: give each file its own name."),
        }
    }
}

impl std::error::Error for AgreeError {}

/// One annotator's work: a name for the report and the workspace.
pub struct Annotator<'a> {
    pub name: &'a str,
    pub workspace: &'a Workspace,
}

#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Report {
    pub annotators: Vec<String>,
    pub documents: Vec<DocMatch>,
    pub pairs: Vec<PairReport>,
    pub notes: Vec<Note>,
}

/// A document, by fingerprint, and its id in each annotator's file (`None`: not there).
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct DocMatch {
    pub sha256: String,
    pub ids: Vec<Option<String>>,
    pub tokens: usize,
    /// The tokens, as code point offsets, when asked for (to check the figures elsewhere).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_offsets: Option<Vec<Token>>,
}

#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct PairReport {
    /// The reference (seqeval's `y_true`, nervaluate's `true`).
    pub a: String,
    /// The prediction.
    pub b: String,
    /// Documents both annotated.
    pub documents: usize,
    pub tokens: usize,
    pub overall: Scores,
    /// Every label either annotator used in these documents.
    pub labels: ByLabel,
}

/// Scores per label, in label order; written as a JSON object `{"LOC": {...}, ...}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByLabel(pub Vec<(String, Scores)>);

impl ByLabel {
    pub fn get(&self, label: &str) -> Option<&Scores> {
        self.0.iter().find(|(l, _)| l == label).map(|(_, s)| s)
    }
}

impl Serialize for ByLabel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (label, scores) in &self.0 {
            map.serialize_entry(label, scores)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Scores {
    pub exact: Exact,
    pub partial: Partial,
    /// Cohen's kappa of the IOB2 tags; `None` where it is undefined (one tag only).
    pub kappa: Option<f64>,
}

/// Exact span matches: same tokens and label.
#[derive(Debug, Clone, Default, serde::Serialize, PartialEq)]
pub struct Exact {
    pub a_spans: usize,
    pub b_spans: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// nervaluate's partial scheme: overlap counts half, labels are not compared.
#[derive(Debug, Clone, Default, serde::Serialize, PartialEq)]
pub struct Partial {
    pub correct: usize,
    pub partial: usize,
    pub missed: usize,
    pub spurious: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A figure as Alama prints it everywhere: three decimals (`0.857`), the nearest decimal
/// to the exact value of the float, halves to even.
pub fn figure(x: f64) -> String {
    format!("{x:.3}")
}

/// One pair's figures as printed: exact P, R, F1, partial F1 and kappa (`None` where kappa
/// is undefined).
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct Printed {
    pub precision: String,
    pub recall: String,
    pub f1: String,
    pub partial_f1: String,
    pub kappa: Option<String>,
}

impl Scores {
    pub fn printed(&self) -> Printed {
        Printed {
            precision: figure(self.exact.precision),
            recall: figure(self.exact.recall),
            f1: figure(self.exact.f1),
            partial_f1: figure(self.partial.f1),
            kappa: self.kappa.map(figure),
        }
    }
}

/// One annotator's view of one document: its tokens placed in layers.
struct Layers {
    all: Layer,
    /// One layer per label, in label order.
    by_label: Vec<(String, Layer)>,
}

impl Layers {
    fn label(&self, label: &str) -> Option<&Layer> {
        self.by_label.iter().find(|(l, _)| l == label).map(|(_, layer)| layer)
    }
}

fn ratio(num: f64, den: usize) -> f64 {
    if den == 0 { 0.0 } else { num / den as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Counts that add up over documents before the figures are computed.
#[derive(Default)]
struct Tally {
    a_spans: usize,
    b_spans: usize,
    matched: usize,
    correct: usize,
    partial: usize,
    missed: usize,
    spurious: usize,
    tags_a: Vec<String>,
    tags_b: Vec<String>,
}

impl Tally {
    fn add(&mut self, a: &Layer, b: &Layer, n: usize) {
        self.a_spans += a.placed.len();
        self.b_spans += b.placed.len();
        // Placed spans are in token order and never share a token: `first` finds the match.
        self.matched += b
            .placed
            .iter()
            .filter(|p| {
                let at = a.placed.binary_search_by_key(&p.first, |x| x.first);
                at.is_ok_and(|i| a.placed[i].end == p.end && a.placed[i].label == p.label)
            })
            .count();
        let (c, p, m, s) = nervaluate_partial(&a.placed, &b.placed);
        self.correct += c;
        self.partial += p;
        self.missed += m;
        self.spurious += s;
        self.tags_a.extend(tokens::iob2(a, n));
        self.tags_b.extend(tokens::iob2(b, n));
    }

    fn scores(&self) -> Scores {
        let (p, r) = (ratio(self.matched as f64, self.b_spans), ratio(self.matched as f64, self.a_spans));
        let exact = Exact { a_spans: self.a_spans, b_spans: self.b_spans, matched: self.matched, precision: p, recall: r, f1: f1(p, r) };
        let hits = self.correct as f64 + 0.5 * self.partial as f64;
        let actual = self.correct + self.partial + self.spurious;
        let possible = self.correct + self.partial + self.missed;
        let (pp, pr) = (ratio(hits, actual), ratio(hits, possible));
        let partial = Partial {
            correct: self.correct,
            partial: self.partial,
            missed: self.missed,
            spurious: self.spurious,
            precision: pp,
            recall: pr,
            f1: f1(pp, pr),
        };
        Scores { exact, partial, kappa: cohen_kappa(&self.tags_a, &self.tags_b) }
    }
}

/// nervaluate 1.x `PartialEvaluation` on one document: entities in token order, end
/// inclusive; a prediction overlapping an unmatched true entity by at least 1 % of the true
/// entity's tokens is `partial` unless a later one matches exactly. Returns (correct,
/// partial, missed, spurious).
fn nervaluate_partial(truth: &[Placed], pred: &[Placed]) -> (usize, usize, usize, usize) {
    let (mut correct, mut partial, mut spurious) = (0, 0, 0);
    let mut matched = vec![false; truth.len()];
    for p in pred {
        let (ps, pe) = (p.first, p.end - 1);
        let mut found_partial = None;
        let mut found_match = false;
        for (ti, t) in truth.iter().enumerate() {
            if matched[ti] {
                continue;
            }
            let (ts, te) = (t.first, t.end - 1);
            if ps > te || pe < ts {
                continue;
            }
            let overlap = (pe.min(te) - ps.max(ts) + 1) as f64;
            if overlap / (te - ts + 1) as f64 * 100.0 < 1.0 {
                continue;
            }
            if (ps, pe) == (ts, te) {
                correct += 1;
                matched[ti] = true;
                found_match = true;
                break;
            }
            found_partial.get_or_insert(ti);
        }
        if !found_match {
            match found_partial {
                Some(ti) => {
                    partial += 1;
                    matched[ti] = true;
                }
                None => spurious += 1,
            }
        }
    }
    (correct, partial, matched.iter().filter(|m| !**m).count(), spurious)
}

/// Cohen's kappa as scikit-learn computes it: 1 − observed disagreement / expected
/// disagreement; `None` when there are no tags or only one tag in common use (sklearn's NaN).
pub fn cohen_kappa<'t>(a: &'t [String], b: &'t [String]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    // (tag, count in a, count in b): a handful of tags, so a list does.
    let mut counts: Vec<(&'t str, u128, u128)> = vec![];
    let mut disagree: u128 = 0;
    let mut count = |tag: &'t str, side: usize| {
        let at = counts.iter().position(|c| c.0 == tag).unwrap_or_else(|| {
            counts.push((tag, 0, 0));
            counts.len() - 1
        });
        if side == 0 { counts[at].1 += 1 } else { counts[at].2 += 1 }
    };
    for (x, y) in a.iter().zip(b) {
        count(x, 0);
        count(y, 1);
        disagree += u128::from(x != y);
    }
    let n = n as u128;
    let same: u128 = counts.iter().map(|(_, ca, cb)| ca * cb).sum();
    let expected = (n * n - same) as f64 / n as f64;
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - disagree as f64 / expected)
}

/// The agreement between every pair of `annotators` (in the order given: the first of a
/// pair is the reference). `keep_tokens` puts every document's tokens in the report.
pub fn agreement(annotators: &[Annotator], keep_tokens: bool) -> Result<Report, AgreeError> {
    if annotators.len() < 2 {
        return Err(AgreeError::TooFew { files: annotators.len() });
    }
    for (i, a) in annotators.iter().enumerate() {
        if annotators[..i].iter().any(|b| b.name == a.name) {
            return Err(AgreeError::SameName { name: a.name.into() });
        }
    }
    let mut notes = vec![];
    let (shas, found) = match_documents(annotators, &mut notes);
    let mut documents = vec![];
    // layers[d][k]: annotator k's layers on document d
    let mut layers: Vec<Vec<Option<Layers>>> = vec![];
    for (d, sha) in shas.iter().enumerate() {
        let states: Vec<Option<&DocState>> = found.iter().map(|per| per[d]).collect();
        let text = states.iter().flatten().next().map_or("", |s| s.doc.text());
        let cuts: Vec<usize> = states.iter().flatten().flat_map(|s| tokens::edges(s.spans.iter())).collect();
        let toks = tokens::tokenize(text, &cuts);
        let per: Vec<Option<Layers>> =
            states.iter().zip(annotators).map(|(state, who)| state.map(|s| place(s, &toks, who.name, &mut notes))).collect();
        documents.push(DocMatch {
            sha256: sha.clone(),
            ids: states.iter().map(|s| s.map(|s| s.doc.id.clone())).collect(),
            tokens: toks.len(),
            token_offsets: keep_tokens.then(|| toks.clone()),
        });
        layers.push(per);
    }
    let mut pairs = vec![];
    for i in 0..annotators.len() {
        for j in i + 1..annotators.len() {
            pairs.push(pair(annotators[i].name, annotators[j].name, &documents, &layers, i, j));
        }
    }
    Ok(Report { annotators: annotators.iter().map(|a| a.name.to_string()).collect(), documents, pairs, notes })
}

/// Every distinct document (by SHA-256, in the order first met) and, per annotator, the
/// document with that fingerprint.
#[allow(clippy::type_complexity)]
fn match_documents<'a>(annotators: &[Annotator<'a>], notes: &mut Vec<Note>) -> (Vec<String>, Vec<Vec<Option<&'a DocState>>>) {
    let mut shas: Vec<String> = vec![];
    for a in annotators {
        for d in a.workspace.documents() {
            if !shas.iter().any(|s| s == d.doc.sha256()) {
                shas.push(d.doc.sha256().into());
            }
        }
    }
    let found = annotators
        .iter()
        .map(|a| {
            shas.iter()
                .map(|sha| {
                    let mut same = a.workspace.documents().iter().filter(|d| d.doc.sha256() == sha);
                    let first = same.next();
                    if let (Some(first), Some(second)) = (first, same.next()) {
                        let what = NoteKind::SameTextTwice { annotator: a.name.into(), other: second.doc.id.clone() };
                        notes.push(Note::doc(&first.doc.id, what));
                    }
                    first
                })
                .collect()
        })
        .collect::<Vec<Vec<_>>>();
    for (d, sha) in shas.iter().enumerate() {
        let missing: Vec<String> = annotators.iter().zip(&found).filter(|(_, f)| f[d].is_none()).map(|(a, _)| a.name.into()).collect();
        if !missing.is_empty() {
            let id = found.iter().find_map(|f| f[d]).map_or(sha.as_str(), |s| s.doc.id.as_str());
            notes.push(Note::doc(id, NoteKind::NotInFilesOf { annotators: missing }));
        }
    }
    (shas, found)
}

fn place(state: &DocState, toks: &[Token], who: &str, notes: &mut Vec<Note>) -> Layers {
    let all = tokens::layer(state.spans.iter(), toks);
    let mut labels: Vec<&str> = state.spans.iter().map(|s| s.label.as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    let by_label: Vec<(String, Layer)> =
        labels.into_iter().map(|label| (label.to_string(), tokens::layer(state.spans.iter().filter(|s| s.label == label), toks))).collect();
    // `label`: the figures of one label; none: the overall figures.
    let mut report = |layer: &Layer, label: Option<&str>| {
        for (id, why) in &layer.left_out {
            let Some(span) = state.spans.get(*id) else { continue };
            let (annotator, label) = (who.to_string(), label.map(String::from));
            let what = match why {
                LeftOut::NoTokens => NoteKind::NoTokenUncounted { annotator, label },
                LeftOut::Overlaps(other) => NoteKind::OverlapUncounted { annotator, other: *other, label },
            };
            notes.push(Note::span(&state.doc, span, what));
        }
    };
    report(&all, None);
    for (label, layer) in &by_label {
        // Spans without tokens were already reported once.
        let same_label =
            Layer { placed: vec![], left_out: layer.left_out.iter().filter(|(_, w)| *w != LeftOut::NoTokens).cloned().collect() };
        report(&same_label, Some(label));
    }
    Layers { all, by_label }
}

fn pair(a: &str, b: &str, documents: &[DocMatch], layers: &[Vec<Option<Layers>>], i: usize, j: usize) -> PairReport {
    let shared: Vec<(&DocMatch, &Layers, &Layers)> =
        documents.iter().zip(layers).filter_map(|(doc, per)| Some((doc, per[i].as_ref()?, per[j].as_ref()?))).collect();
    let mut used: Vec<&String> = shared
        .iter()
        .flat_map(|(_, la, lb)| la.by_label.iter().chain(&lb.by_label))
        .filter(|(_, layer)| !layer.placed.is_empty())
        .map(|(label, _)| label)
        .collect();
    used.sort_unstable();
    used.dedup();
    let empty = Layer::default();
    let mut overall = Tally::default();
    let mut per_label: Vec<(String, Tally)> = used.into_iter().map(|l| (l.clone(), Tally::default())).collect();
    for (doc, la, lb) in &shared {
        overall.add(&la.all, &lb.all, doc.tokens);
        for (label, tally) in per_label.iter_mut() {
            tally.add(la.label(label).unwrap_or(&empty), lb.label(label).unwrap_or(&empty), doc.tokens);
        }
    }
    PairReport {
        a: a.into(),
        b: b.into(),
        documents: shared.len(),
        tokens: shared.iter().map(|(doc, ..)| doc.tokens).sum(),
        overall: overall.scores(),
        labels: ByLabel(per_label.into_iter().map(|(label, tally)| (label, tally.scores())).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::test_util::workspace;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn kappa_matches_hand_worked_values() {
        // 10 tokens, agree on 8; a: O×6 B×4, b: O×6 B×4 → po = .8, pe = .52, κ = .28/.48
        let a = tags("O O O O O O B B B B");
        let b = tags("O O O O O B O B B B");
        let k = cohen_kappa(&a, &b).unwrap();
        assert!((k - 0.28 / 0.48).abs() < 1e-12, "{k}");
        assert_eq!(cohen_kappa(&tags("O O"), &tags("O O")), None);
        assert_eq!(cohen_kappa(&[], &[]), None);
    }

    fn placed(list: &[(usize, usize)]) -> Vec<Placed> {
        list.iter().map(|&(f, e)| Placed { first: f, end: e, label: "X".into(), span: 0 }).collect()
    }

    #[test]
    fn nervaluate_partial_follows_the_reference_order() {
        // true: [0,2) [3,4); pred: [1,3) overlaps the first, [3,4) exact, [6,7) spurious
        assert_eq!(nervaluate_partial(&placed(&[(0, 2), (3, 4)]), &placed(&[(1, 3), (3, 4), (6, 7)])), (1, 1, 0, 1));
        // A later exact match wins over an earlier partial one.
        assert_eq!(nervaluate_partial(&placed(&[(0, 3), (1, 2)]), &placed(&[(1, 2)])), (1, 0, 1, 0));
        // Overlap under 1 % of a long true entity does not count.
        assert_eq!(nervaluate_partial(&placed(&[(0, 150)]), &placed(&[(149, 151)])), (0, 0, 1, 1));
    }

    #[test]
    fn two_annotators_on_a_seed_like_text() {
        let text = "قال وبوتين في قمة موسكو إن سوخوي-35 وصلت";
        let a = workspace(&[("n.txt", text, vec![(5, 10, "PER"), (14, 24, "EVT"), (18, 24, "LOC"), (27, 35, "WEA")])]);
        let b = workspace(&[("other-name.txt", text, vec![(4, 10, "PER"), (14, 24, "EVT"), (27, 35, "LOC")])]);
        let report = agreement(&[Annotator { name: "ali", workspace: &a }, Annotator { name: "mona", workspace: &b }], true).unwrap();
        assert_eq!(report.documents.len(), 1);
        assert_eq!(report.documents[0].ids, [Some("n".to_string()), Some("other-name".to_string())]);
        let p = &report.pairs[0];
        // Overall: LOC 18–24 is inside EVT, so a's sequence holds PER, EVT, WEA.
        assert_eq!((p.overall.exact.a_spans, p.overall.exact.b_spans, p.overall.exact.matched), (3, 3, 1));
        assert_eq!((p.overall.partial.correct, p.overall.partial.partial), (2, 1));
        let label = |l: &str| p.labels.get(l).unwrap();
        assert_eq!(label("LOC").exact.a_spans, 1);
        assert_eq!(label("LOC").exact.b_spans, 1);
        assert_eq!(label("EVT").exact.f1, 1.0);
        assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
        assert!(report.notes[0].to_string().contains("ali: overlaps span 2"), "{}", report.notes[0]);
    }

    #[test]
    fn documents_are_matched_by_fingerprint_and_refusals_are_clear() {
        let a = workspace(&[("x.txt", "نص أول", vec![]), ("y.txt", "نص ثان", vec![(0, 2, "PER")])]);
        let b = workspace(&[("y.txt", "نص ثان", vec![(0, 2, "PER")])]);
        let r = agreement(&[Annotator { name: "a", workspace: &a }, Annotator { name: "b", workspace: &b }], false).unwrap();
        assert_eq!(r.pairs[0].documents, 1);
        assert_eq!(r.pairs[0].overall.exact.f1, 1.0);
        assert!(r.notes[0].to_string().contains("not in the files of b"));
        let one = agreement(&[Annotator { name: "a", workspace: &a }], false).unwrap_err();
        assert_eq!(one.to_string(), "Agreement needs at least two annotators' files, not 1.");
        let same = agreement(&[Annotator { name: "a", workspace: &a }, Annotator { name: "a", workspace: &b }], false).unwrap_err();
        assert!(same.to_string().contains("both called “a”"));
    }
}
