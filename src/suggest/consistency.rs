//! The corpus at a glance and what is inconsistent in it: spans per label (overall and per
//! document), documents by status, span lengths in words, the most frequent entities per
//! label, and the findings a gold-standard reviewer hunts by hand:
//!
//! - **labels**: the same normalised string tagged with different labels;
//! - **untagged**: a tagged string found elsewhere (whole word, through proclitics, the
//!   matching normalisation) with no span over it at all (a place inside a longer span is
//!   not untagged);
//! - **boundaries**: the same name tagged with different starts: with and without ال, or
//!   a proclitic kept in one place and left out in another (وبوتين and بوتين).
//!
//! Each finding carries its places and the fixes that resolve it, ready for the session to
//! apply (relabel all, the rest as suggestions, align the starts). Everything here is in
//! code points; the page's boundary converts.

use crate::annotations::journal::Status;
use crate::annotations::spans::{Span, SpanId};
use crate::annotations::workspace::{DocState, Workspace};
use crate::suggest::occurrences::find_each;
use crate::text::clitics::split_proclitics;
use crate::text::normalize::{Normalized, key};
use crate::text::segment::{word_at, words};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many entities per label the report lists.
pub const TOP_ENTITIES: usize = 10;
/// Span lengths are counted in words up to this many; the last count is "this many or more".
pub const LONGEST: usize = 6;
/// Code points of context on either side of a place.
const CONTEXT: usize = 32;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CorpusReport {
    pub documents: usize,
    pub spans: usize,
    /// Spans per label, in the label set's order (labels no span has included).
    pub labels: Vec<LabelTotal>,
    pub statuses: StatusCounts,
    /// Per document, in the list's order: its spans per label (the order of `labels`).
    pub per_document: Vec<DocCounts>,
    /// `lengths[i]`: spans of `i + 1` words; the last is [`LONGEST`] words or more.
    pub lengths: Vec<usize>,
    /// The most frequent entities of each label, in the order of `labels`.
    pub entities: Vec<LabelEntities>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LabelTotal {
    pub label: String,
    pub spans: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    pub new: usize,
    pub in_progress: usize,
    pub done: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocCounts {
    pub doc: String,
    pub name: String,
    pub status: Status,
    pub spans: usize,
    pub labels: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LabelEntities {
    pub label: String,
    pub entities: Vec<Entity>,
}

/// An entity string (its spans compared normalised) and every span of it with that label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Entity {
    /// The exact text most of its spans have.
    pub text: String,
    pub count: usize,
    pub places: Vec<CorpusPlace>,
}

/// A place in a document: a span (`span` and `label`), or text no span covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CorpusPlace {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub span: Option<SpanId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub label: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Up to [`CONTEXT`] code points of the text before and after, for reading it in place.
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Labels,
    Untagged,
    Boundaries,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Finding {
    pub kind: FindingKind,
    /// The name it is about, as most of its spans write it.
    pub text: String,
    pub places: Vec<CorpusPlace>,
    /// Each way to resolve it; applying one changes each document it touches as one undo step.
    pub fixes: Vec<Fix>,
}

/// A span named by its document and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SpanRef {
    pub doc: String,
    pub span: SpanId,
}

/// A span and the edges it should have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SpanEdges {
    pub doc: String,
    pub span: SpanId,
    pub start: usize,
    pub end: usize,
}

/// A place to suggest with a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Spot {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Fix {
    /// Give every one of `spans` the label `label`.
    Relabel { label: String, spans: Vec<SpanRef> },
    /// Suggest the untagged places with `label`, for the annotator to accept.
    Suggest { label: String, spots: Vec<Spot> },
    /// Give every span the start it has in the form `text` (what the name reads as then).
    Align { text: String, spans: Vec<SpanEdges> },
}

/// One span, read for the report.
struct Seen<'w> {
    doc: &'w DocState,
    span: &'w Span,
    text: &'w str,
    key: String,
}

/// The report on every document of `ws`.
pub fn report(ws: &Workspace) -> CorpusReport {
    let labels: Vec<String> = ws.labels().iter().map(|l| l.id.clone()).collect();
    let label_at = |l: &str| labels.iter().position(|x| x == l);
    let mut out = CorpusReport { documents: ws.documents().len(), lengths: vec![0; LONGEST], ..CorpusReport::default() };
    out.labels = labels.iter().map(|l| LabelTotal { label: l.clone(), spans: 0 }).collect();

    let mut seen: Vec<Seen> = vec![];
    for d in ws.documents() {
        match d.status {
            Status::New => out.statuses.new += 1,
            Status::InProgress => out.statuses.in_progress += 1,
            Status::Done => out.statuses.done += 1,
        }
        let mut counts = vec![0; labels.len()];
        for s in d.spans.iter() {
            if let Some(i) = label_at(&s.label) {
                counts[i] += 1;
                out.labels[i].spans += 1;
            }
            let text = d.doc.slice(s.start, s.end).unwrap_or_default();
            let n = words(text).len().clamp(1, LONGEST);
            out.lengths[n - 1] += 1;
            seen.push(Seen { doc: d, span: s, text, key: key(text) });
        }
        out.spans += d.spans.len();
        out.per_document.push(DocCounts {
            doc: d.doc.id.clone(),
            name: d.doc.name.clone(),
            status: d.status,
            spans: d.spans.len(),
            labels: counts,
        });
    }

    // Spans by their normalised text, in the order the texts first appear.
    let mut by_key: Vec<(String, Vec<usize>)> = vec![];
    let mut key_at: HashMap<&str, usize> = HashMap::new();
    for (i, s) in seen.iter().enumerate() {
        let at = *key_at.entry(s.key.as_str()).or_insert_with(|| {
            by_key.push((s.key.clone(), vec![]));
            by_key.len() - 1
        });
        by_key[at].1.push(i);
    }

    out.entities = labels.iter().map(|l| LabelEntities { label: l.clone(), entities: top_entities(&seen, &by_key, l) }).collect();
    out.findings.extend(label_findings(&seen, &by_key, &labels));
    out.findings.extend(untagged_findings(ws, &seen, &by_key));
    out.findings.extend(boundary_findings(&seen, &key_at));
    out
}

fn place(doc: &DocState, span: Option<&Span>, start: usize, end: usize) -> CorpusPlace {
    let d = &doc.doc;
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(d.len_chars());
    CorpusPlace {
        doc: d.id.clone(),
        span: span.map(|s| s.id),
        label: span.map(|s| s.label.clone()),
        start,
        end,
        text: d.slice(start, end).unwrap_or_default().into(),
        before: context(d.slice(from, start).unwrap_or_default(), from > 0, false).into(),
        after: context(d.slice(end, to).unwrap_or_default(), false, to < d.len_chars()).into(),
    }
}

/// The context `text`, without the word cut at its start (`cut_start`) or end (`cut_end`).
fn context(text: &str, cut_start: bool, cut_end: bool) -> &str {
    let mut t = text;
    if cut_start {
        t = t.find(char::is_whitespace).map_or("", |i| t[i..].trim_start());
    }
    if cut_end {
        t = t.rfind(char::is_whitespace).map_or("", |i| t[..i].trim_end());
    }
    t
}

fn span_place(s: &Seen) -> CorpusPlace {
    place(s.doc, Some(s.span), s.span.start, s.span.end)
}

/// The exact text most of these spans have (the first of the most common).
fn usual_text(seen: &[Seen], ids: &[usize]) -> String {
    let mut counts: Vec<(&str, usize)> = vec![];
    for &i in ids {
        match counts.iter_mut().find(|(t, _)| *t == seen[i].text) {
            Some((_, n)) => *n += 1,
            None => counts.push((seen[i].text, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts.iter().find(|(_, n)| *n == best).map(|(t, _)| t.to_string()).unwrap_or_default()
}

/// The label most of these spans have (the first in the label set's order on a tie).
fn usual_label(seen: &[Seen], ids: &[usize], labels: &[String]) -> Option<String> {
    let count = |l: &String| ids.iter().filter(|&&i| &seen[i].span.label == l).count();
    let best = labels.iter().map(count).max().filter(|&n| n > 0)?;
    labels.iter().find(|l| count(l) == best).cloned()
}

fn top_entities(seen: &[Seen], by_key: &[(String, Vec<usize>)], label: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = by_key
        .iter()
        .filter_map(|(_, ids)| {
            let mine: Vec<usize> = ids.iter().copied().filter(|&i| seen[i].span.label == label).collect();
            (!mine.is_empty()).then(|| Entity {
                text: usual_text(seen, &mine),
                count: mine.len(),
                places: mine.iter().map(|&i| span_place(&seen[i])).collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    out.truncate(TOP_ENTITIES);
    out
}

fn label_findings(seen: &[Seen], by_key: &[(String, Vec<usize>)], labels: &[String]) -> Vec<Finding> {
    let mut out = vec![];
    for (_, ids) in by_key {
        let mut used: Vec<&String> = labels.iter().filter(|l| ids.iter().any(|&i| &&seen[i].span.label == l)).collect();
        // A label the workspace no longer has still shows, after the known ones.
        for &i in ids {
            if !used.contains(&&seen[i].span.label) && !labels.contains(&seen[i].span.label) {
                used.push(&seen[i].span.label);
            }
        }
        if used.len() < 2 {
            continue;
        }
        let fixes = used
            .iter()
            .filter(|l| labels.contains(l))
            .map(|l| Fix::Relabel {
                label: (*l).clone(),
                spans: ids
                    .iter()
                    .filter(|&&i| &&seen[i].span.label != l)
                    .map(|&i| SpanRef { doc: seen[i].doc.doc.id.clone(), span: seen[i].span.id })
                    .collect(),
            })
            .collect();
        out.push(Finding {
            kind: FindingKind::Labels,
            text: usual_text(seen, ids),
            places: ids.iter().map(|&i| span_place(&seen[i])).collect(),
            fixes,
        });
    }
    out
}

fn untagged_findings(ws: &Workspace, seen: &[Seen], by_key: &[(String, Vec<usize>)]) -> Vec<Finding> {
    let labels: Vec<String> = ws.labels().iter().map(|l| l.id.clone()).collect();
    let needles: Vec<&str> = by_key.iter().map(|(_, ids)| seen[ids[0]].text).collect();
    // Untagged places per needle, in document then reading order.
    let mut found: Vec<Vec<CorpusPlace>> = vec![vec![]; needles.len()];
    for d in ws.documents() {
        let mut hits: Vec<(usize, usize, usize)> = find_each(d.doc.text(), &needles)
            .into_iter()
            .filter(|(_, o)| d.spans.overlapping(o.start, o.end).next().is_none())
            .map(|(p, o)| (o.start, o.end, p))
            .collect();
        hits.sort_unstable();
        hits.dedup();
        // A shorter name inside a longer untagged one (كيم in كيم جونغ أون) is the longer one's.
        let inside = |&(s, e, _): &(usize, usize, usize)| hits.iter().any(|&(os, oe, _)| os <= s && e <= oe && (os, oe) != (s, e));
        let keep: Vec<bool> = hits.iter().map(|h| !inside(h)).collect();
        // Sorted and deduplicated: each (place, needle) comes once.
        for (&(s, e, p), k) in hits.iter().zip(keep) {
            if k {
                found[p].push(place(d, None, s, e));
            }
        }
    }
    let mut out = vec![];
    for ((_, ids), untagged) in by_key.iter().zip(found) {
        if untagged.is_empty() {
            continue;
        }
        let Some(label) = usual_label(seen, ids, &labels) else { continue };
        let spots = untagged.iter().map(|p| Spot { doc: p.doc.clone(), start: p.start, end: p.end, label: label.clone() }).collect();
        let mut places: Vec<CorpusPlace> = ids.iter().map(|&i| span_place(&seen[i])).collect();
        places.extend(untagged);
        out.push(Finding { kind: FindingKind::Untagged, text: usual_text(seen, ids), places, fixes: vec![Fix::Suggest { label, spots }] });
    }
    out
}

/// Where the name in span text `text` starts once proclitics and the article are left out:
/// every reading of its first word as (code points left out, the rest's key), the
/// span itself first.
fn readings_of(text: &str) -> Vec<(usize, String)> {
    let mut out = vec![(0, key(text))];
    let first_end = words(text).first().map_or(0, |w| w.1);
    let first: String = text.chars().take(first_end).collect();
    let mut strips: Vec<(usize, bool)> = vec![(0, false)];
    strips.extend(split_proclitics(&first).iter().map(|p| (p.len, p.article_alef_elided)));
    for (len, elided) in strips {
        let rest: String = text.chars().skip(len).collect();
        if len > 0 {
            out.push((len, key(&rest)));
        }
        // The article: ال, or after the preposition ل its ل alone (للرئيس).
        let n = Normalized::new(&rest);
        let article = if elided { 1 } else { 2 };
        let is_article = if elided { n.chars().first() == Some(&'ل') } else { n.chars().starts_with(&['ا', 'ل']) };
        if is_article && n.chars()[article..].iter().filter(|c| c.is_alphabetic()).count() >= 2 {
            let cut = n.origin(article);
            out.push((len + cut, key(&rest.chars().skip(cut).collect::<String>())));
        }
    }
    out
}

fn boundary_findings(seen: &[Seen], key_at: &HashMap<&str, usize>) -> Vec<Finding> {
    // Each span's name: the longest reading of it that is some span's whole text.
    let mut groups: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    let mut order: Vec<String> = vec![];
    for (i, s) in seen.iter().enumerate() {
        let (cut, name) = readings_of(s.text)
            .into_iter()
            .filter(|(_, k)| !k.is_empty() && key_at.contains_key(k.as_str()))
            .max_by_key(|(cut, _)| *cut)
            .unwrap_or((0, s.key.clone()));
        if !groups.contains_key(&name) {
            order.push(name.clone());
        }
        groups.entry(name).or_default().push((i, s.span.start + cut));
    }
    let mut out = vec![];
    for name in order {
        let Some(members) = groups.get(&name) else { continue };
        // The forms: what each span keeps before the name, normalised ("", "ال", "و", "وال").
        let form_of = |&(i, name_start): &(usize, usize)| {
            let s = &seen[i];
            key(s.doc.doc.slice(s.span.start, name_start).unwrap_or_default())
        };
        let mut forms: Vec<(String, usize)> = vec![];
        for m in members {
            let f = form_of(m);
            if !forms.iter().any(|(g, _)| *g == f) {
                forms.push((f, m.0));
            }
        }
        if forms.len() < 2 {
            continue;
        }
        let fixes = forms
            .iter()
            .map(|(form, example)| Fix::Align {
                text: seen[*example].text.to_string(),
                spans: members.iter().filter_map(|m| aligned(&seen[m.0], m.1, form)).collect(),
            })
            .collect();
        let ids: Vec<usize> = members.iter().map(|m| m.0).collect();
        out.push(Finding {
            kind: FindingKind::Boundaries,
            text: usual_text(seen, &ids),
            places: ids.iter().map(|&i| span_place(&seen[i])).collect(),
            fixes,
        });
    }
    out
}

/// The edges span `s` (whose name starts at `name_start`) takes to keep `form` before the
/// name, when its word has that form there and the start moves; else `None`.
fn aligned(s: &Seen, name_start: usize, form: &str) -> Option<SpanEdges> {
    let d = &s.doc.doc;
    let word_start = word_at(d.text(), d.index(), name_start).ok().flatten().map_or(name_start, |w| w.0).min(s.span.start);
    let prefix = Normalized::new(d.slice(word_start, name_start)?);
    let form: Vec<char> = form.chars().collect();
    let chars = prefix.chars();
    if !chars.ends_with(&form) {
        return None;
    }
    let start = if form.is_empty() { name_start } else { word_start + prefix.origin(chars.len() - form.len()) };
    (start != s.span.start).then(|| SpanEdges { doc: d.id.clone(), span: s.span.id, start, end: s.span.end })
}

/// The places a report names that are no longer where they were (for a test: every place
/// of `report` is a span of `ws` with its label and edges, or text no span touches).
pub fn stale_places(ws: &Workspace, report: &CorpusReport) -> Vec<CorpusPlace> {
    let places =
        report.findings.iter().flat_map(|f| &f.places).chain(report.entities.iter().flat_map(|e| &e.entities).flat_map(|e| &e.places));
    let mut bad = vec![];
    let mut checked: HashSet<(&str, Option<SpanId>, usize, usize)> = HashSet::new();
    for p in places {
        if !checked.insert((&p.doc, p.span, p.start, p.end)) {
            continue;
        }
        let Ok(d) = ws.doc(&p.doc) else {
            bad.push(p.clone());
            continue;
        };
        let ok = match p.span {
            Some(id) => d.spans.get(id).is_some_and(|s| (s.start, s.end, Some(&s.label)) == (p.start, p.end, p.label.as_ref())),
            None => d.spans.overlapping(p.start, p.end).next().is_none(),
        };
        if !ok || d.doc.slice(p.start, p.end) != Some(p.text.as_str()) {
            bad.push(p.clone());
        }
    }
    bad
}

#[cfg(test)]
mod tests;
