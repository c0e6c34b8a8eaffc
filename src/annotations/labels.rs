//! The label set: an id used in exports (PER, LOC, …), display names in Arabic and English,
//! and a colour. The default colours come from the Okabe–Ito palette, which stays
//! distinguishable under the common forms of colour blindness; the page also writes each
//! label's name on its spans, so colour is never the only cue.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelNames {
    pub ar: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// The first thing wrong with a label set, if any: the place of the label, the field
/// (`id` or `color`) and why. Shared by the label editor and the importer.
pub fn problem(labels: &[Label]) -> Option<(usize, &'static str, String)> {
    labels.iter().enumerate().find_map(|(i, l)| {
        if !is_label_id(&l.id) {
            Some((i, "id", format!("“{}” is not a valid label id (a letter, then letters, digits or _)", l.id)))
        } else if !is_color(&l.color) {
            Some((i, "color", format!("“{}” is not a colour of the form #rrggbb", l.color)))
        } else if labels[..i].iter().any(|o| o.id == l.id) {
            Some((i, "id", format!("label “{}” appears twice", l.id)))
        } else {
            None
        }
    })
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
