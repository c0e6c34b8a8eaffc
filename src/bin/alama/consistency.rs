//! What `alama stats --consistency` prints after the counts: every inconsistency the core's
//! corpus report finds (the same string with different labels, a tagged string left untagged
//! elsewhere, different boundaries for the same name), one block each with its places.

use alama::suggest::consistency::{CorpusPlace, CorpusReport, Finding, FindingKind};
use std::fmt::Write;

/// Places listed per finding; the rest are counted.
const SHOWN: usize = 20;

fn kind_name(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Labels => "labels",
        FindingKind::Untagged => "untagged",
        FindingKind::Boundaries => "boundaries",
    }
}

fn place_line(out: &mut String, p: &CorpusPlace) {
    let label = p.label.as_deref().unwrap_or("untagged");
    // The context on one line: line breaks read as spaces.
    let flat = |t: &str| t.replace(['\n', '\r'], " ");
    let _ = writeln!(out, "  {}  {}–{}  {label}  …{}[{}]{}…", p.doc, p.start, p.end, flat(&p.before), p.text, flat(&p.after));
}

fn summary(f: &Finding) -> String {
    match f.kind {
        FindingKind::Labels | FindingKind::Boundaries => {
            // Each label, or each form, with how many places have it.
            let mut seen: Vec<(String, usize)> = vec![];
            for p in &f.places {
                let what = if f.kind == FindingKind::Labels { p.label.clone().unwrap_or_default() } else { format!("“{}”", p.text) };
                match seen.iter_mut().find(|(w, _)| *w == what) {
                    Some((_, n)) => *n += 1,
                    None => seen.push((what, 1)),
                }
            }
            seen.iter().map(|(w, n)| format!("{w} ×{n}")).collect::<Vec<_>>().join(", ")
        }
        FindingKind::Untagged => {
            let untagged = f.places.iter().filter(|p| p.span.is_none()).count();
            format!("tagged ×{}, untagged ×{untagged}", f.places.len() - untagged)
        }
    }
}

/// The findings as text: a count, then each finding's kind, name, summary and places.
pub fn findings_text(report: &CorpusReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n{} inconsistencies", report.findings.len());
    for f in &report.findings {
        let _ = writeln!(out, "\n{}  “{}”  {}", kind_name(f.kind), f.text, summary(f));
        for p in f.places.iter().take(SHOWN) {
            place_line(&mut out, p);
        }
        if f.places.len() > SHOWN {
            let _ = writeln!(out, "  … and {} more", f.places.len() - SHOWN);
        }
    }
    out
}
