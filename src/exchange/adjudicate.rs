//! Adjudication of two annotators' work: the disagreements per document, side by side, and
//! the merge of decisions into one gold workspace that records who decided what.
//!
//! Spans both annotators made exactly (same start, end and label) are *agreed* and go into
//! the gold file as they are. The other spans are grouped into *disagreements*: the spans of
//! A and of B that overlap one another, directly or through a chain, so that a boundary
//! dispute or a relabelling is one item with both versions. Each disagreement is decided by
//! picking A's version, B's, both, neither, or edited spans.

use crate::annotations::labels::{Label, is_label_id};
use crate::annotations::spans::{Span, SpanId, SpanSet};
use crate::annotations::workspace::{DocState, Workspace};
use crate::exchange::{Note, NoteKind};
use crate::text::document::Document;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One annotator's version of a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Version {
    pub id: SpanId,
    pub start: usize,
    pub end: usize,
    pub label: String,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Only A tagged anything here.
    OnlyA,
    /// Only B tagged anything here.
    OnlyB,
    /// Same extent, different labels.
    Label,
    /// Same label, different extents.
    Boundary,
    /// Different extents and labels.
    LabelAndBoundary,
    /// More than one span on a side.
    Several,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// Its number in the document, from 1, in reading order.
    pub id: usize,
    pub kind: Kind,
    /// The code points all its spans cover.
    pub start: usize,
    pub end: usize,
    pub a: Vec<Version>,
    pub b: Vec<Version>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocDisagreements {
    pub sha256: String,
    /// The document's id in A's file (decisions refer to it, or to the sha256).
    pub document: String,
    pub b_document: String,
    pub name: String,
    pub agreed: usize,
    pub disagreements: Vec<Disagreement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub documents: Vec<DocDisagreements>,
    /// Documents in one file only: they are not compared and not merged.
    pub notes: Vec<Note>,
}

fn version(doc: &Document, s: &Span) -> Version {
    Version { id: s.id, start: s.start, end: s.end, label: s.label.clone(), text: doc.slice(s.start, s.end).unwrap_or_default().into() }
}

fn same(s: &Span, t: &Span) -> bool {
    (s.start, s.end, &s.label) == (t.start, t.end, &t.label)
}

fn find<'a>(ws: &'a Workspace, sha: &str) -> Option<&'a DocState> {
    ws.documents().iter().find(|d| d.doc.sha256() == sha)
}

/// The disagreements between `a` and `b` (named for the report) on every document both have.
pub fn compare(a_name: &str, a: &Workspace, b_name: &str, b: &Workspace) -> Comparison {
    let mut documents = vec![];
    let mut notes = vec![];
    for da in a.documents() {
        let Some(db) = find(b, da.doc.sha256()) else {
            notes.push(Note::doc(&da.doc.id, NoteKind::OnlyOneHas { annotator: a_name.into() }));
            continue;
        };
        documents.push(compare_doc(da, db));
    }
    for db in b.documents() {
        if find(a, db.doc.sha256()).is_none() {
            notes.push(Note::doc(&db.doc.id, NoteKind::OnlyOneHas { annotator: b_name.into() }));
        }
    }
    Comparison { a: a_name.into(), b: b_name.into(), documents, notes }
}

fn compare_doc(da: &DocState, db: &DocState) -> DocDisagreements {
    let only_a: Vec<&Span> = da.spans.iter().filter(|s| !db.spans.iter().any(|t| same(s, t))).collect();
    let only_b: Vec<&Span> = db.spans.iter().filter(|s| !da.spans.iter().any(|t| same(s, t))).collect();
    // Union-find over A's spans (0..n) and B's (n..n+m), joined where an A and a B span overlap.
    let n = only_a.len();
    let mut parent: Vec<usize> = (0..n + only_b.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (i, s) in only_a.iter().enumerate() {
        for (j, t) in only_b.iter().enumerate() {
            if s.start < t.end && t.start < s.end {
                let (x, y) = (root(&mut parent, i), root(&mut parent, n + j));
                parent[x] = y;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<&Span>, Vec<&Span>)> = vec![];
    let mut group_of: Vec<Option<usize>> = vec![None; parent.len()];
    for k in 0..parent.len() {
        let r = root(&mut parent, k);
        let g = match group_of[r] {
            Some(g) => g,
            None => {
                groups.push((r, vec![], vec![]));
                group_of[r] = Some(groups.len() - 1);
                groups.len() - 1
            }
        };
        if k < n { groups[g].1.push(only_a[k]) } else { groups[g].2.push(only_b[k - n]) }
    }
    let mut disagreements: Vec<Disagreement> = groups
        .into_iter()
        .map(|(_, sa, sb)| {
            let all = sa.iter().chain(&sb);
            let start = all.clone().map(|s| s.start).min().unwrap_or(0);
            let end = all.map(|s| s.end).max().unwrap_or(0);
            let kind = match (sa.as_slice(), sb.as_slice()) {
                (_, []) => Kind::OnlyA,
                ([], _) => Kind::OnlyB,
                ([x], [y]) if (x.start, x.end) == (y.start, y.end) => Kind::Label,
                ([x], [y]) if x.label == y.label => Kind::Boundary,
                ([_], [_]) => Kind::LabelAndBoundary,
                _ => Kind::Several,
            };
            Disagreement {
                id: 0,
                kind,
                start,
                end,
                a: sa.iter().map(|s| version(&da.doc, s)).collect(),
                b: sb.iter().map(|s| version(&db.doc, s)).collect(),
            }
        })
        .collect();
    // Spans are distinct, so the first span of each side breaks every tie.
    disagreements.sort_unstable_by_key(|d| (d.start, std::cmp::Reverse(d.end), d.a.first().map(|v| v.id), d.b.first().map(|v| v.id)));
    for (k, d) in disagreements.iter_mut().enumerate() {
        d.id = k + 1;
    }
    DocDisagreements {
        sha256: da.doc.sha256().into(),
        document: da.doc.id.clone(),
        b_document: db.doc.id.clone(),
        name: da.doc.name.clone(),
        agreed: da.spans.len() - only_a.len(),
        disagreements,
    }
}

/// Code points of context shown on each side of a disagreement.
pub const CONTEXT: usize = 40;

/// A span an adjudicator wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Draft {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    A,
    B,
    Both,
    Neither,
    /// The decision's `spans` instead of either version.
    Edited,
}

/// The decision on one disagreement. `a` and `b`, when given (as in the template the CLI
/// writes), must still be the disagreement's versions: a stale decision is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// A's document id, or the document's sha256.
    pub document: String,
    pub disagreement: usize,
    /// For reading only: what kind of disagreement it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// `None`: not decided yet.
    pub choice: Option<Choice>,
    /// With `"choice": "edited"`: the spans to keep instead of either version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Draft>,
    /// Who decided, if not the file's adjudicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<Vec<Version>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<Vec<Version>>,
}

/// A decisions file, as `alama merge --template` and the page's “Save decisions” write it
/// and `alama merge --decisions` reads it (a bare list of decisions is read too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionsFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<String>,
    #[serde(default)]
    pub adjudicator: Option<String>,
    pub decisions: Vec<Decision>,
}

impl DecisionsFile {
    /// The file for `cmp`'s disagreements with the `choices` made so far: every
    /// disagreement listed with its kind and both versions, decided or not.
    pub fn new(cmp: &Comparison, choices: &[Decision], adjudicator: Option<&str>) -> DecisionsFile {
        let decisions = template(cmp)
            .into_iter()
            .map(|t| match choices.iter().find(|c| c.document == t.document && c.disagreement == t.disagreement) {
                Some(c) => Decision { choice: c.choice, spans: c.spans.clone(), by: c.by.clone(), ..t },
                None => t,
            })
            .collect();
        let adjudicator = adjudicator.map(str::trim).filter(|a| !a.is_empty()).map(String::from);
        DecisionsFile { a: Some(cmp.a.clone()), b: Some(cmp.b.clone()), adjudicator, decisions }
    }

    /// The file as it is written: indented JSON and a final line break.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).map(|s| s + "\n").unwrap_or_default()
    }

    /// Reads a decisions file, or a bare list of decisions.
    pub fn from_json(json: &str) -> Result<DecisionsFile, serde_json::Error> {
        if json.trim_start().starts_with('[') {
            return Ok(DecisionsFile { a: None, b: None, adjudicator: None, decisions: serde_json::from_str(json)? });
        }
        serde_json::from_str(json)
    }
}

/// Every disagreement of `cmp` as an undecided decision, for a person to fill in.
pub fn template(cmp: &Comparison) -> Vec<Decision> {
    cmp.documents
        .iter()
        .flat_map(|d| {
            d.disagreements.iter().map(|g| Decision {
                document: d.document.clone(),
                disagreement: g.id,
                choice: None,
                spans: vec![],
                by: None,
                kind: Some(g.kind),
                a: Some(g.a.clone()),
                b: Some(g.b.clone()),
            })
        })
        .collect()
}

/// What to do with disagreements that have no decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Undecided {
    /// Refuse the merge and list them.
    #[default]
    Fail,
    A,
    B,
    Both,
    Neither,
}

/// How a gold span got there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Both annotators made it.
    Agreed,
    /// An adjudicator chose one annotator's version (or both).
    Picked,
    /// An adjudicator wrote it.
    Edited,
    /// Nobody decided: the `--undecided` rule took it.
    Default,
}

/// Who decided what, for one gold span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub document: String,
    pub span: SpanId,
    pub how: How,
    /// Whose version it is (both names when they agreed; the adjudicator for an edit).
    pub annotators: Vec<String>,
    /// Who decided (`None` when they agreed or a default rule decided).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    /// The disagreement it settled, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disagreement: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Merged {
    /// A's documents that B has too, with the gold spans; each span's `annotator` names
    /// whose version it is.
    pub workspace: Workspace,
    pub sources: Vec<Source>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "code")]
pub enum MergeError {
    #[serde(rename = "merge_unknown_document")]
    UnknownDocument { document: String },
    #[serde(rename = "merge_unknown_disagreement")]
    UnknownDisagreement { document: String, disagreement: usize },
    #[serde(rename = "merge_decided_twice")]
    DecidedTwice { document: String, disagreement: usize },
    #[serde(rename = "merge_stale")]
    Stale { document: String, disagreement: usize },
    #[serde(rename = "merge_bad_draft")]
    BadDraft { document: String, disagreement: usize, problem: String },
    /// Disagreements with no decision: (document, disagreement).
    #[serde(rename = "merge_undecided")]
    Undecided { open: Vec<(String, usize)> },
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::UnknownDocument { document } => {
                write!(f, "A decision names the document “{document}”, which is not in both files.")
            }
            MergeError::UnknownDisagreement { document, disagreement } => {
                write!(f, "Document “{document}” has no disagreement {disagreement}.")
            }
            MergeError::DecidedTwice { document, disagreement } => {
                write!(f, "Document “{document}”, disagreement {disagreement} is decided twice.")
            }
            MergeError::Stale { document, disagreement } => write!(
                f,
                "Document “{document}”, disagreement {disagreement}: the decision was made on other versions of the spans than the files hold now; compare again"
            ),
            MergeError::BadDraft { document, disagreement, problem } => {
                write!(f, "Document “{document}”, disagreement {disagreement}: {problem}.")
            }
            MergeError::Undecided { open: list } => {
                let shown: Vec<String> = list.iter().take(10).map(|(d, k)| format!("“{d}” #{k}")).collect();
                let more = if list.len() > 10 { format!(" and {} more", list.len() - 10) } else { String::new() };
                write!(f, "{} disagreements have no decision: {}{more}.", list.len(), shown.join(", "))
            }
        }
    }
}

impl std::error::Error for MergeError {}

struct Gold<'a> {
    state: &'a DocState,
    spans: SpanSet,
    sources: Vec<Source>,
}

impl Gold<'_> {
    fn add(&mut self, start: usize, end: usize, label: &str, source: Source) {
        if self.spans.find(start, end, label).is_some() {
            return;
        }
        let id = self.spans.next_id();
        let mut span = Span::new(id, start, end, label);
        span.annotator = Some(source.annotators.join(", "));
        let _ = self.spans.insert(span);
        self.sources.push(Source { span: id, ..source });
    }
}

/// Merges `a` and `b` into gold with `decisions`; `adjudicator` is who decided (unless a
/// decision says otherwise). Nothing is built on error.
pub fn merge(
    (a_name, a): (&str, &Workspace),
    (b_name, b): (&str, &Workspace),
    decisions: &[Decision],
    adjudicator: &str,
    undecided: Undecided,
) -> Result<Merged, MergeError> {
    let cmp = compare(a_name, a, b_name, b);
    let mut labels: Vec<Label> = a.labels().to_vec();
    for l in b.labels() {
        if !labels.iter().any(|x| x.id == l.id) {
            labels.push(l.clone());
        }
    }
    // decided[d][k]: the decision on document d's disagreement k+1
    let mut decided: Vec<Vec<Option<&Decision>>> = cmp.documents.iter().map(|d| vec![None; d.disagreements.len()]).collect();
    for dec in decisions {
        let d = cmp
            .documents
            .iter()
            .position(|d| d.document == dec.document || d.sha256 == dec.document.to_ascii_lowercase())
            .ok_or_else(|| MergeError::UnknownDocument { document: dec.document.clone() })?;
        let doc = &cmp.documents[d];
        let what = || (doc.document.clone(), dec.disagreement);
        let g = dec
            .disagreement
            .checked_sub(1)
            .and_then(|k| doc.disagreements.get(k))
            .ok_or_else(|| MergeError::UnknownDisagreement { document: what().0, disagreement: what().1 })?;
        let key = |v: &[Version]| v.iter().map(|x| (x.start, x.end, x.label.clone())).collect::<Vec<_>>();
        if dec.a.as_ref().is_some_and(|v| key(v) != key(&g.a)) || dec.b.as_ref().is_some_and(|v| key(v) != key(&g.b)) {
            return Err(MergeError::Stale { document: what().0, disagreement: what().1 });
        }
        let slot = &mut decided[d][g.id - 1];
        if slot.is_some() {
            return Err(MergeError::DecidedTwice { document: what().0, disagreement: what().1 });
        }
        if dec.choice.is_some() {
            *slot = Some(dec);
        }
    }
    if undecided == Undecided::Fail {
        let open: Vec<(String, usize)> = cmp
            .documents
            .iter()
            .zip(&decided)
            .flat_map(|(d, dec)| dec.iter().enumerate().filter(|(_, x)| x.is_none()).map(|(k, _)| (d.document.clone(), k + 1)))
            .collect();
        if !open.is_empty() {
            return Err(MergeError::Undecided { open });
        }
    }

    let mut docs = vec![];
    let mut sources = vec![];
    for (doc, dec) in cmp.documents.iter().zip(&decided) {
        let (Some(da), Some(db)) = (find(a, &doc.sha256), find(b, &doc.sha256)) else { continue };
        let mut gold = Gold { state: da, spans: SpanSet::new(), sources: vec![] };
        let source = |how, annotators: &[&str], decided_by: Option<&str>, disagreement| Source {
            document: da.doc.id.clone(),
            span: 0,
            how,
            annotators: annotators.iter().map(|s| s.to_string()).collect(),
            decided_by: decided_by.map(String::from),
            disagreement,
        };
        for s in da.spans.iter().filter(|s| db.spans.iter().any(|t| same(s, t))) {
            gold.add(s.start, s.end, &s.label, source(How::Agreed, &[a_name, b_name], None, None));
        }
        for (g, decision) in doc.disagreements.iter().zip(dec) {
            let (choice, how, by) = match decision {
                Some(d) => (d.choice.unwrap_or(Choice::Neither), How::Picked, Some(d.by.as_deref().unwrap_or(adjudicator))),
                None => {
                    let choice = match undecided {
                        Undecided::A => Choice::A,
                        Undecided::B => Choice::B,
                        Undecided::Both => Choice::Both,
                        Undecided::Neither | Undecided::Fail => Choice::Neither,
                    };
                    (choice, How::Default, None)
                }
            };
            let pick_a = matches!(choice, Choice::A | Choice::Both);
            let pick_b = matches!(choice, Choice::B | Choice::Both);
            for v in g.a.iter().filter(|_| pick_a) {
                gold.add(v.start, v.end, &v.label, source(how, &[a_name], by, Some(g.id)));
            }
            for v in g.b.iter().filter(|_| pick_b) {
                gold.add(v.start, v.end, &v.label, source(how, &[b_name], by, Some(g.id)));
            }
            if choice == Choice::Edited {
                let editor = by.unwrap_or(adjudicator);
                for draft in decision.map(|d| d.spans.as_slice()).unwrap_or_default() {
                    let bad = |problem: String| MergeError::BadDraft { document: doc.document.clone(), disagreement: g.id, problem };
                    if draft.start >= draft.end || draft.end > gold.state.doc.len_chars() {
                        return Err(bad(format!(
                            "the edited span {}–{} is not inside the text (length {})",
                            draft.start,
                            draft.end,
                            gold.state.doc.len_chars()
                        )));
                    }
                    if !is_label_id(&draft.label) || !labels.iter().any(|l| l.id == draft.label) {
                        return Err(bad(format!("the edited span's label “{}” is not in the label set", draft.label)));
                    }
                    gold.add(draft.start, draft.end, &draft.label, source(How::Edited, &[editor], Some(editor), Some(g.id)));
                }
            }
        }
        sources.extend(gold.sources);
        docs.push(DocState::new(da.doc.clone(), gold.spans));
    }
    Ok(Merged { workspace: Workspace::from_parts(labels, docs), sources, notes: cmp.notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::test_util::{triples, workspace};

    const TEXT: &str = "قال وبوتين في قمة موسكو إن سوخوي-35 وصلت";

    fn pair() -> (Workspace, Workspace) {
        let a = workspace(&[
            ("n.txt", TEXT, vec![(5, 10, "PER"), (14, 24, "EVT"), (18, 24, "LOC"), (27, 35, "WEA")]),
            ("only-a.txt", "x", vec![]),
        ]);
        let b = workspace(&[("n.txt", TEXT, vec![(4, 10, "PER"), (14, 24, "EVT"), (27, 35, "LOC"), (36, 40, "EVT")])]);
        (a, b)
    }

    #[test]
    fn disagreements_group_overlapping_versions() {
        let (a, b) = pair();
        let cmp = compare("ali", &a, "mona", &b);
        assert_eq!(cmp.notes.len(), 1);
        let d = &cmp.documents[0];
        assert_eq!(d.agreed, 1);
        let kinds: Vec<(usize, Kind, usize, usize)> = d.disagreements.iter().map(|g| (g.id, g.kind, g.a.len(), g.b.len())).collect();
        assert_eq!(kinds, [(1, Kind::Boundary, 1, 1), (2, Kind::OnlyA, 1, 0), (3, Kind::Label, 1, 1), (4, Kind::OnlyB, 0, 1)]);
        assert_eq!(d.disagreements[0].a[0].text, "بوتين");
        assert_eq!(d.disagreements[0].b[0].text, "وبوتين");
    }

    #[test]
    fn merge_records_who_decided_what() {
        let (a, b) = pair();
        let mut decisions = template(&compare("ali", &a, "mona", &b));
        decisions[0].choice = Some(Choice::A);
        decisions[1].choice = Some(Choice::Neither);
        decisions[2].choice = Some(Choice::Edited);
        decisions[2].spans = vec![Draft { start: 27, end: 35, label: "WEA".into() }];
        decisions[2].by = Some("huda".into());
        let err = merge(("ali", &a), ("mona", &b), &decisions, "sara", Undecided::Fail).unwrap_err();
        assert_eq!(err, MergeError::Undecided { open: vec![("n".into(), 4)] });
        decisions[3].choice = Some(Choice::B);
        let merged = merge(("ali", &a), ("mona", &b), &decisions, "sara", Undecided::Fail).unwrap();
        let t = triples(&merged.workspace);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].2, [(5, 10, "PER".into()), (14, 24, "EVT".into()), (27, 35, "WEA".into()), (36, 40, "EVT".into())]);
        let how: Vec<(How, String, Option<String>)> =
            merged.sources.iter().map(|s| (s.how, s.annotators.join("+"), s.decided_by.clone())).collect();
        assert_eq!(
            how,
            [
                (How::Agreed, "ali+mona".into(), None),
                (How::Picked, "ali".into(), Some("sara".into())),
                (How::Edited, "huda".into(), Some("huda".into())),
                (How::Picked, "mona".into(), Some("sara".into())),
            ]
        );
        let annotators: Vec<Option<String>> = merged.workspace.documents()[0].spans.iter().map(|s| s.annotator.clone()).collect();
        assert_eq!(annotators[1], Some("ali, mona".into()));
    }

    #[test]
    fn bad_decisions_are_refused() {
        let (a, b) = pair();
        let run = |d: Decision| merge(("ali", &a), ("mona", &b), &[d], "s", Undecided::Neither).unwrap_err().to_string();
        let base = Decision {
            document: "n".into(),
            disagreement: 1,
            choice: Some(Choice::A),
            spans: vec![],
            by: None,
            kind: None,
            a: None,
            b: None,
        };
        assert!(run(Decision { document: "zz".into(), ..base.clone() }).contains("“zz”"));
        assert!(run(Decision { disagreement: 9, ..base.clone() }).contains("no disagreement 9"));
        assert!(run(Decision { a: Some(vec![]), ..base.clone() }).contains("other versions"));
        let edited =
            Decision { choice: Some(Choice::Edited), spans: vec![Draft { start: 0, end: 99, label: "PER".into() }], ..base.clone() };
        assert!(run(edited).contains("not inside the text"));
        let twice = merge(("ali", &a), ("mona", &b), &[base.clone(), base], "s", Undecided::A).unwrap_err();
        assert!(matches!(twice, MergeError::DecidedTwice { .. }));
        let defaults = merge(("ali", &a), ("mona", &b), &[], "s", Undecided::Both).unwrap();
        assert_eq!(defaults.workspace.documents()[0].spans.len(), 1 + 2 + 1 + 2 + 1);
    }
}
