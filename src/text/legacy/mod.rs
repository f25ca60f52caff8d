//! Legacy Vietnamese 8-bit encodings in spreadsheet text: TCVN3 (ABC) and VNI-Windows.
//!
//! Offices that still type with the legacy fonts (`.VnTime`, `.VnTimeH`, `VNI-Times`…) produce
//! cells whose bytes were meant for those fonts. In an Excel file such text arrives as Unicode
//! strings made of the Latin-1 characters whose code points equal the legacy bytes: TCVN3
//! `tæng sè` is "tổng số", VNI `Toång soá` is "Tổng số".
//!
//! - [`font_encoding`] tells the encoding a cell's font implies.
//! - [`decode`] turns legacy text into Unicode (NFC).
//! - [`detect`] recognises legacy text without a font, [`plausible`] checks one cell against an
//!   encoding already known for its sheet, and [`SheetVote`] sums the evidence of a whole sheet.
//!
//! Detection reads the decoded words as Vietnamese syllables: an initial consonant, a rime
//! (vowel cluster and final consonant) from the closed list of Vietnamese rimes, at most one tone,
//! and a sắc or nặng tone before a final c, ch, p or t. A syllable that Vietnamese also has (a
//! table of about 6,600 syllables, derived from a spelling dictionary) is *known*; a well-formed one
//! that it does not have is *unknown*.
//!
//! Choices worth knowing:
//! - TCVN3 bytes 0xB0–0xB4 are combining tone marks in TCVN 5712 (grave, hook, tilde, acute, dot
//!   below). They are composed with the letter before them when that letter is a Vietnamese vowel
//!   without a tone, as iconv does. Anywhere else they are kept as the Latin-1 characters
//!   `° ± ² ³ ´` they arrive as: a `25°C` or `m²` in the same sheet stays readable, where a dangling
//!   combining mark would not.
//! - TCVN 5712's capitals at 0x80–0x9F and at the C0 controls 0x01–0x17 are decoded when they arrive
//!   as control characters (U+0080–U+009F, U+0001–U+0017), which never occur in ordinary text. The
//!   ABC fonts do not use them; the Windows-1252 characters for 0x80–0x9F (`€ ‚ „ … ‘ ’ “ ” – —`…)
//!   are kept as they are, since in practice they are typographic punctuation. Detection treats
//!   that punctuation as a separator, so a TCVN3 cell with an en dash is still recognised, and it
//!   is never decoded as a letter.
//! - VNI accepts a diacritic character of either case after a base letter of either case (the
//!   result takes the base letter's case), and a tone character after `i`/`y` as well as the
//!   single-character í ì ỉ ĩ ị ỵ. A diacritic character that cannot combine with the letter before
//!   it is kept as it is.

#![deny(missing_docs)]

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// A legacy Vietnamese encoding whose bytes reach a spreadsheet as Latin-1 characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the "ABC" fonts (`.VnTime`, `.VnArial`…; `.VnTimeH` etc. show capitals).
    Tcvn3,
    /// VNI-Windows, the VNI fonts (`VNI-Times`, `VNI-Helve`…): a base letter followed by diacritics.
    Vni,
}

impl Legacy {
    /// The name shown to people: `"TCVN3 (ABC)"` or `"VNI"`.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// The encoding a font name implies, and whether the font is an all-capitals variant
/// (`".VnTimeH"` → `Some((Tcvn3, true))`, `".VnTime"` → `Some((Tcvn3, false))`,
/// `"VNI-Times"` → `Some((Vni, false))`, `"Times New Roman"` → `None`).
///
/// Case-insensitive. TCVN3: every `.Vn…` family (the ABC fonts), whose all-capitals variants end
/// in `H` (`.VnTimeH`, `.VnArial NarrowH`), and `VNtimes new roman`. VNI: every `VNI…` family
/// (`VNI-Times`, `VNI Helve`, `VniHelvetica`); VNI has no all-capitals fonts. Other `Vn…` names
/// without the dot (the BK HCM fonts) use yet another encoding and give `None`.
pub fn font_encoding(font: &str) -> Option<(Legacy, bool)> {
    let name = font.trim().to_ascii_lowercase();
    if let Some(rest) = name.strip_prefix(".vn") {
        let rest = rest.trim_end();
        return (!rest.is_empty()).then(|| (Legacy::Tcvn3, rest.ends_with('h')));
    }
    if let Some(rest) = name.strip_prefix("vntimes new roman") {
        return match rest.trim() {
            "" => Some((Legacy::Tcvn3, false)),
            "h" => Some((Legacy::Tcvn3, true)),
            _ => None,
        };
    }
    if let Some(rest) = name.strip_prefix("vni") {
        let next = rest.chars().next()?;
        return (matches!(next, '-' | '_' | ' ') || next.is_ascii_alphabetic()).then_some((Legacy::Vni, false));
    }
    None
}

/// Decodes `text` from `encoding` to Unicode (NFC, precomposed letters). Characters that are not
/// part of the encoding's table (ASCII, digits, punctuation, characters above U+00FF) are kept.
/// With `upper`, the result is upper-cased (the all-capitals fonts such as `.VnTimeH`).
///
/// `decode("§¬n vÞ: triÖu ®ång", Legacy::Tcvn3, false)` is `"Đơn vị: triệu đồng"`.
pub fn decode(text: &str, encoding: Legacy, upper: bool) -> String {
    if text.is_ascii() && !(encoding == Legacy::Tcvn3 && text.bytes().any(is_tcvn3_control)) {
        return if upper { text.to_uppercase() } else { text.to_string() };
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    decode_into(text, encoding, &mut out);
    if upper { out.to_uppercase() } else { out }
}

/// The encoding `text` is written in, when the text itself says so.
///
/// It must have characters that never occur in Unicode Vietnamese as they are used (a word that
/// cannot be read as Unicode Vietnamese: TCVN3's `§ ¬ ® © ª « µ ¶ · ¸ ¹ æ` …, VNI's `ñ ö ø û ï å`
/// and diacritics after vowels …), no character above U+00FF (but for Windows-1252 punctuation
/// such as `–` and `“`), and decoding it must give plausible Vietnamese: every decoded word a
/// well-formed syllable (at most one tone mark, a valid vowel cluster), at least as many real
/// syllables as merely well-formed ones. When both encodings qualify, the one giving more
/// plausible words wins; a tie or weak evidence gives `None`.
///
/// Plain ASCII and real Unicode Vietnamese (`"Tổng số"`, `"Hoà Bình"`, `"Tân An"`, `"Café"`) give
/// `None`; so do texts such as `"Sè"` that read as Unicode just as well (see [`plausible`]).
pub fn detect(text: &str) -> Option<Legacy> {
    if text.is_ascii() || !latin1_text(text) {
        return None;
    }
    let mut buffer = String::new();
    let tcvn3 = score(text, Legacy::Tcvn3, &mut buffer);
    let vni = score(text, Legacy::Vni, &mut buffer);
    match (tcvn3.detected(), vni.detected()) {
        (true, false) => Some(Legacy::Tcvn3),
        (false, true) => Some(Legacy::Vni),
        (true, true) => match tcvn3.weight().cmp(&vni.weight()) {
            std::cmp::Ordering::Greater => Some(Legacy::Tcvn3),
            std::cmp::Ordering::Less => Some(Legacy::Vni),
            std::cmp::Ordering::Equal => None,
        },
        (false, false) => None,
    }
}

/// Whether `text` could be in `encoding`: only characters up to U+00FF (and Windows-1252
/// punctuation), and decoding gives plausible words, at least one of them a real Vietnamese
/// syllable. Used to decode the ambiguous cells of a sheet already known to be in that encoding
/// (`"Sè TT"`, `"N¨m"`), but not `"Tân An"` (TCVN3 would make it "Tõn An") or an English word.
///
/// Plain ASCII gives `false`: it reads the same in every encoding.
pub fn plausible(text: &str, encoding: Legacy) -> bool {
    if text.is_ascii() || !latin1_text(text) {
        return false;
    }
    score(text, encoding, &mut String::new()).plausible()
}

/// What a sheet's texts say as a whole. Feed it every text cell with [`SheetVote::add`];
/// [`SheetVote::winner`] is `Some(encoding)` when at least one text is detected with it and the
/// detections agree by a clear majority.
///
/// Each distinct text counts once, however many cells repeat it. Texts that are plainly Unicode
/// Vietnamese (letters such as ư, ơ, ạ above U+00FF) count against both legacy encodings.
#[derive(Debug, Default)]
pub struct SheetVote {
    tcvn3: u32,
    vni: u32,
    unicode: u32,
    seen: HashSet<u64>,
}

impl SheetVote {
    /// Counts one cell's text. Plain ASCII is skipped in one quick pass.
    pub fn add(&mut self, text: &str) {
        if text.is_ascii() {
            return;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        if !self.seen.insert(hasher.finish()) {
            return;
        }
        if latin1_text(text) {
            match detect(text) {
                Some(Legacy::Tcvn3) => self.tcvn3 = self.tcvn3.saturating_add(1),
                Some(Legacy::Vni) => self.vni = self.vni.saturating_add(1),
                None => {}
            }
        } else if text.chars().any(is_unicode_only_letter) {
            self.unicode = self.unicode.saturating_add(1);
        }
    }

    /// The encoding the sheet's texts agree on: at least one detection, and more than twice as
    /// many as the other encoding and the Unicode Vietnamese texts together.
    pub fn winner(&self) -> Option<Legacy> {
        let clear = |votes: u32, against: u32| votes >= 1 && u64::from(votes) > 2 * u64::from(against);
        if clear(self.tcvn3, self.vni.saturating_add(self.unicode)) {
            Some(Legacy::Tcvn3)
        } else if clear(self.vni, self.tcvn3.saturating_add(self.unicode)) {
            Some(Legacy::Vni)
        } else {
            None
        }
    }
}

mod letters;
mod score;
mod syllable;
mod tcvn3;
#[cfg(test)]
mod tests;
mod vni;

use letters::*;
use score::*;
use syllable::*;
use tcvn3::*;
use vni::*;

fn decode_into(text: &str, encoding: Legacy, out: &mut String) {
    match encoding {
        Legacy::Tcvn3 => decode_tcvn3(text, out),
        Legacy::Vni => decode_vni(text, out),
    }
}
