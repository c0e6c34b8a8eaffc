//! Bytes checked as UTF-8 a piece at a time, so that a large file (an export of thousands
//! of documents) is checked in short steps and then taken as text without a second check.

/// Bytes being checked; `checked` of them are known to be UTF-8, ending on a character
/// boundary.
#[derive(Debug)]
pub struct Utf8Steps {
    bytes: Vec<u8>,
    checked: usize,
}

impl Utf8Steps {
    pub fn new(bytes: Vec<u8>) -> Self {
        Utf8Steps { bytes, checked: 0 }
    }

    /// Checks about `n` more bytes (at least 4, so that each step passes a character):
    /// `Ok(true)` while some are left, `Ok(false)` once every byte is checked, or the
    /// offset of the first byte that is not UTF-8.
    pub fn step(&mut self, n: usize) -> Result<bool, usize> {
        let end = (self.checked + n.max(4)).min(self.bytes.len());
        match std::str::from_utf8(&self.bytes[self.checked..end]) {
            Ok(_) => self.checked = end,
            // A character cut by the end of the piece: the next piece starts with it.
            Err(e) if e.error_len().is_none() && end < self.bytes.len() => self.checked += e.valid_up_to(),
            Err(e) => return Err(self.checked + e.valid_up_to()),
        }
        Ok(self.checked < self.bytes.len())
    }

    /// The text, once `step` has checked every byte (`None` before).
    pub fn into_string(self) -> Option<String> {
        if self.checked < self.bytes.len() {
            return None;
        }
        // SAFETY: `step` checked every byte as UTF-8, in pieces that each end on a character
        // boundary (a character cut by a piece's end is checked whole with the next piece).
        Some(unsafe { String::from_utf8_unchecked(self.bytes) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Runs the steps to the end: the text, or where the first bad byte is.
    fn checked(bytes: Vec<u8>, n: usize) -> Result<String, usize> {
        let mut steps = Utf8Steps::new(bytes);
        while steps.step(n)? {}
        Ok(steps.into_string().unwrap_or_default())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        /// In any pieces, the steps find what one check of the whole finds: the text, or the
        /// same first bad byte.
        #[test]
        fn steps_check_as_the_whole_is_checked(
            text in "([\u{0621}-\u{064A} a-z]|😀|🇸🇦|\u{FEFF}){0,40}",
            damage in prop::option::of((0usize..200, 0x80u8..=0xFF)),
            cut in prop::option::of(0usize..200),
            n in 0usize..12,
        ) {
            let mut bytes = text.into_bytes();
            if let Some((at, b)) = damage.filter(|_| !bytes.is_empty()) {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            if let Some(cut) = cut.filter(|&c| c < bytes.len()) {
                bytes.truncate(cut);
            }
            let whole = String::from_utf8(bytes.clone()).map_err(|e| e.utf8_error().valid_up_to());
            prop_assert_eq!(checked(bytes, n), whole);
        }
    }

    #[test]
    fn a_step_stops_before_a_letter_its_piece_cuts_and_the_text_waits_for_the_last_step() {
        let mut steps = Utf8Steps::new("قال بوتين".as_bytes().to_vec());
        assert_eq!(steps.step(5), Ok(true));
        assert_eq!(steps.checked, 4, "the piece ended inside ل: the next step starts with it");
        let unfinished = Utf8Steps { bytes: "قال".as_bytes().to_vec(), checked: 2 };
        assert_eq!(unfinished.into_string(), None);
        assert_eq!(checked(vec![], 4), Ok(String::new()));
    }
}
