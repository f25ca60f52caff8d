//! Scoring a text as Vietnamese once decoded with one encoding.

use super::*;

/// What the words of a text say once decoded with one encoding.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Score {
    /// Changed words that are Vietnamese syllables.
    pub(super) known: u32,
    /// Changed words that are well formed but no Vietnamese syllable.
    pub(super) unknown: u32,
    /// Words that are no Vietnamese syllable once decoded.
    pub(super) invalid: u32,
    /// Known or unknown words that could not be Unicode Vietnamese as they stand.
    pub(super) evidence: u32,
}

impl Score {
    /// Few enough invalid words: none, or one for every four known ones in a longer text.
    fn clean(&self) -> bool {
        self.invalid == 0 || self.invalid.saturating_mul(4) <= self.known
    }

    pub(super) fn plausible(&self) -> bool {
        self.clean() && self.known >= 1 && self.known >= self.unknown
    }

    pub(super) fn detected(&self) -> bool {
        self.plausible() && self.evidence >= 1
    }

    pub(super) fn weight(&self) -> u32 {
        self.known.saturating_mul(2).saturating_add(self.unknown)
    }
}

/// Scores every word of `text` (a run of word characters) decoded with `encoding`. Words that
/// decoding leaves unchanged are neutral if they are Vietnamese letters only (ASCII words,
/// abbreviations, or the Unicode "Tân" in VNI), invalid otherwise.
pub(super) fn score(text: &str, encoding: Legacy, buffer: &mut String) -> Score {
    let word_char = match encoding {
        Legacy::Tcvn3 => tcvn3_word_char,
        Legacy::Vni => vni_word_char,
    };
    let mut score = Score::default();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(start) = rest.find(word_char) else { break };
        rest = &rest[start..];
        let end = rest.find(|c: char| !word_char(c)).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        if word.is_ascii() && !(encoding == Legacy::Tcvn3 && word.bytes().any(is_tcvn3_control)) {
            continue;
        }
        buffer.clear();
        decode_into(word, encoding, buffer);
        let decoded = buffer.as_str();
        if decoded == word {
            if !decoded.chars().all(vietnamese_letter) {
                score.invalid += 1;
            }
            continue;
        }
        if acronym(decoded) {
            continue;
        }
        let mut shape = if case_fits(decoded) { syllable(decoded) } else { Shape::Invalid };
        if shape == Shape::Known && encoding == Legacy::Tcvn3 && word.chars().any(tcvn3_vn1_capital) {
            // A capital the ABC fonts do not have: decodable, but weak evidence of TCVN3
            // ("Cà Mau" would read "CỔ Mau").
            shape = Shape::Unknown;
        }
        match shape {
            Shape::Known => score.known += 1,
            Shape::Unknown => score.unknown += 1,
            Shape::Invalid => score.invalid += 1,
        }
        if shape != Shape::Invalid && syllable(word) == Shape::Invalid {
            score.evidence += 1;
        }
    }
    score
}
