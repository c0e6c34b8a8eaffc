//! The label set: an id used in exports (PER, LOC, …), display names in Arabic and English,
//! and a colour. The default colours come from the Okabe–Ito palette, which stays
//! distinguishable under the common forms of colour blindness; the page also writes each
//! label's name on its spans, so colour is never the only cue.

use crate::error::LabelProblem;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct LabelNames {
    pub ar: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub id: String,
    pub names: LabelNames,
    /// `#rrggbb`
    pub color: String,
}

impl Label {
    fn new(id: &str, ar: &str, en: &str, color: &str) -> Self {
        Label { id: id.into(), names: LabelNames { ar: ar.into(), en: en.into() }, color: color.into() }
    }
}

/// PER, LOC, WEA, EVT: the ACE 2005 entity types our users train on.
pub fn default_labels() -> Vec<Label> {
    vec![
        Label::new("PER", "شخص", "Person", "#E69F00"),
        Label::new("LOC", "مكان", "Place", "#56B4E9"),
        Label::new("WEA", "سلاح", "Weapon", "#CC79A7"),
        Label::new("EVT", "حدث", "Event", "#009E73"),
    ]
}

/// True for `#rrggbb`.
pub fn is_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// True for a label id that is safe everywhere it travels (CSS names, brat, CoNLL tags).
pub fn is_label_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// A label takes a number key, 1 to 9: no more labels than that.
pub const MAX_LABELS: usize = 9;

/// The first thing wrong with a label set on its own, if any: an id that cannot travel, a
/// colour that is not `#rrggbb`, an id used twice. Shared by the label editor and the importers.
pub fn problem(labels: &[Label]) -> Option<LabelProblem> {
    labels.iter().enumerate().find_map(|(index, l)| {
        if !is_label_id(&l.id) {
            Some(LabelProblem::BadId { index, id: l.id.clone() })
        } else if !is_color(&l.color) {
            Some(LabelProblem::BadColor { index, color: l.color.clone() })
        } else if labels[..index].iter().any(|o| o.id == l.id) {
            Some(LabelProblem::Twice { index, id: l.id.clone() })
        } else {
            None
        }
    })
}

/// Whether `next` may replace the label set `now`: valid on its own, every label named in
/// both languages, no label of `now` taken away (spans may use it), at most [`MAX_LABELS`].
pub fn check_replacement(now: &[Label], next: &[Label]) -> Result<(), LabelProblem> {
    if let Some(problem) = problem(next) {
        return Err(problem);
    }
    if let Some(l) = next.iter().find(|l| l.names.ar.trim().is_empty() || l.names.en.trim().is_empty()) {
        return Err(LabelProblem::NeedsNames { id: l.id.clone() });
    }
    if let Some(gone) = now.iter().find(|old| !next.iter().any(|l| l.id == old.id)) {
        return Err(LabelProblem::CannotRemove { id: gone.id.clone() });
    }
    if next.len() > MAX_LABELS {
        return Err(LabelProblem::TooMany { max: MAX_LABELS });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_distinct() {
        let labels = default_labels();
        let ids: Vec<_> = labels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["PER", "LOC", "WEA", "EVT"]);
        assert!(labels.iter().all(|l| is_color(&l.color) && is_label_id(&l.id)));
        let mut colors: Vec<_> = labels.iter().map(|l| &l.color).collect();
        colors.dedup();
        assert_eq!(colors.len(), 4);
    }

    #[test]
    fn ids_and_colours_are_checked() {
        assert!(!is_label_id("") && !is_label_id("1PER") && !is_label_id("P R") && !is_label_id("<b>"));
        assert!(!is_color("red") && !is_color("#12345g") && is_color("#a0B1c2"));
    }
}
