//! The names of the files Alama writes, in one place for every download of the page: an
//! export (`alama-main-2026-12-01-0930.json`), a gold file and its record, the decisions.

use crate::exchange::Format;
use serde::Deserialize;

/// The local time a file is named after, as the page's clock gives it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Stamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    #[serde(default)]
    pub second: u8,
}

impl Stamp {
    /// `2026-12-01-0930`.
    pub fn text(&self) -> String {
        format!("{:04}-{:02}-{:02}-{:02}{:02}", self.year, self.month, self.day, self.hour, self.minute)
    }
}

/// A name made safe for a file name: every run of characters other than letters, digits,
/// `_` and `-` becomes one `_`.
pub fn safe(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
            gap = false;
        } else if !gap {
            out.push('_');
            gap = true;
        }
    }
    out
}

/// An export's name without its extension (the folder inside a zip of several files has
/// this name).
pub fn export_base(workspace: &str, format: Format, predictions: bool, stamp: &Stamp) -> String {
    let suffix = match format {
        Format::Brat => "-brat",
        Format::LabelStudio if predictions => "-label-studio-predictions",
        Format::LabelStudio => "-label-studio",
        Format::Hf => "-hf",
        Format::Webanno => "-webanno",
        Format::Prodigy => "-prodigy",
        Format::Alama | Format::Jsonl | Format::Conll => "",
    };
    format!("alama-{}-{}{suffix}", safe(workspace), stamp.text())
}

/// An export's file name.
pub fn export(workspace: &str, format: Format, predictions: bool, stamp: &Stamp) -> String {
    format!("{}.{}", export_base(workspace, format, predictions, stamp), format.extension())
}

/// The gold file made from annotators `a` and `b`, without its extension.
pub fn gold_base(a: &str, b: &str, stamp: &Stamp) -> String {
    format!("gold-{}-{}-{}", safe(a), safe(b), stamp.text())
}

/// The decisions on `a` and `b`'s disagreements.
pub fn decisions(a: &str, b: &str, stamp: &Stamp) -> String {
    format!("decisions-{}-{}-{}.json", safe(a), safe(b), stamp.text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_and_when() {
        let at = Stamp { year: 2026, month: 12, day: 1, hour: 9, minute: 5, second: 0 };
        assert_eq!(export("main", Format::Alama, false, &at), "alama-main-2026-12-01-0905.json");
        assert_eq!(export("فريق أ/ب", Format::Brat, false, &at), "alama-فريق_أ_ب-2026-12-01-0905-brat.zip");
        assert_eq!(export("x", Format::LabelStudio, true, &at), "alama-x-2026-12-01-0905-label-studio-predictions.json");
        assert_eq!(export("x", Format::Conll, false, &at), "alama-x-2026-12-01-0905.conll");
        assert_eq!(export("x", Format::Hf, false, &at), "alama-x-2026-12-01-0905-hf.zip");
        assert_eq!(export("x", Format::Prodigy, false, &at), "alama-x-2026-12-01-0905-prodigy.jsonl");
        assert_eq!(gold_base("ali", "mona", &at), "gold-ali-mona-2026-12-01-0905");
        assert_eq!(decisions("a b", "c", &at), "decisions-a_b-c-2026-12-01-0905.json");
    }
}
