//! What `alama stats` and `alama agree` print: span counts per label and document, and
//! agreement figures, as plain text tables (or the same data as JSON).

use alama::Workspace;
use alama::exchange::agree::{Report, Scores};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Serialize)]
pub struct Stats {
    pub documents: Vec<DocStats>,
    /// Spans per label over all documents, in the label set's order.
    pub labels: BTreeMap<String, usize>,
    pub spans: usize,
}

#[derive(Serialize)]
pub struct DocStats {
    pub id: String,
    pub name: String,
    pub sha256: String,
    pub characters: usize,
    pub spans: usize,
    pub labels: BTreeMap<String, usize>,
}

pub fn stats(ws: &Workspace) -> Stats {
    let mut labels: BTreeMap<String, usize> = ws.labels().iter().map(|l| (l.id.clone(), 0)).collect();
    let documents = ws
        .documents()
        .iter()
        .map(|d| {
            let mut counts: BTreeMap<String, usize> = ws.labels().iter().map(|l| (l.id.clone(), 0)).collect();
            for s in d.spans.iter() {
                *counts.entry(s.label.clone()).or_default() += 1;
                *labels.entry(s.label.clone()).or_default() += 1;
            }
            DocStats {
                id: d.doc.id.clone(),
                name: d.doc.name.clone(),
                sha256: d.doc.sha256().into(),
                characters: d.doc.len_chars(),
                spans: d.spans.len(),
                labels: counts,
            }
        })
        .collect();
    Stats { documents, spans: labels.values().sum(), labels }
}

pub fn stats_table(stats: &Stats) -> String {
    let ids: Vec<&String> = stats.labels.keys().collect();
    let width = stats.documents.iter().map(|d| d.id.chars().count()).max().unwrap_or(8).max(8);
    let mut out = format!("{:<width$}  {:>6}", "document", "spans");
    for id in &ids {
        let _ = write!(out, "  {id:>6}");
    }
    out.push('\n');
    for d in &stats.documents {
        let _ = write!(out, "{:<width$}  {:>6}", d.id, d.spans);
        for id in &ids {
            let _ = write!(out, "  {:>6}", d.labels.get(*id).copied().unwrap_or(0));
        }
        out.push('\n');
    }
    let _ = write!(out, "{:<width$}  {:>6}", "total", stats.spans);
    for id in &ids {
        let _ = write!(out, "  {:>6}", stats.labels.get(*id).copied().unwrap_or(0));
    }
    out.push('\n');
    out
}

fn row(out: &mut String, name: &str, s: &Scores) {
    let shown = s.printed();
    let kappa = shown.kappa.unwrap_or_else(|| "  n/a".into());
    let _ = writeln!(
        out,
        "  {name:<8} {:>6} {:>6} {:>6}  {}  {}  {}   {}   {kappa}",
        s.exact.a_spans, s.exact.b_spans, s.exact.matched, shown.precision, shown.recall, shown.f1, shown.partial_f1
    );
}

pub fn agreement_table(report: &Report) -> String {
    let mut out = String::new();
    for p in &report.pairs {
        let _ = writeln!(out, "{} (reference) vs {}: {} documents, {} tokens", p.a, p.b, p.documents, p.tokens);
        let _ = writeln!(
            out,
            "  {:<8} {:>6} {:>6} {:>6}  {:<5}  {:<5}  {:<5}   {:<5}   kappa",
            "label", "a", "b", "exact", "P", "R", "F1", "pF1"
        );
        row(&mut out, "overall", &p.overall);
        for (label, scores) in &p.labels.0 {
            row(&mut out, label, scores);
        }
        out.push('\n');
    }
    out.push_str("exact: same tokens and label (seqeval); pF1: partial overlap counts half, labels ignored (nervaluate);\nkappa: Cohen's kappa of the IOB2 token tags (scikit-learn).\n");
    out
}
