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

// ---------------------------------------------------------------------------------------------
// Vietnamese letters

/// Vietnamese vowels: one row per base vowel, the six tones in the order none, grave (huyền),
/// hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng). Lower-case rows, then the same rows in
/// upper case.
const VOWELS: [[char; 6]; 24] = [
    ['a', 'à', 'ả', 'ã', 'á', 'ạ'],
    ['ă', 'ằ', 'ẳ', 'ẵ', 'ắ', 'ặ'],
    ['â', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ'],
    ['e', 'è', 'ẻ', 'ẽ', 'é', 'ẹ'],
    ['ê', 'ề', 'ể', 'ễ', 'ế', 'ệ'],
    ['i', 'ì', 'ỉ', 'ĩ', 'í', 'ị'],
    ['o', 'ò', 'ỏ', 'õ', 'ó', 'ọ'],
    ['ô', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ'],
    ['ơ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ'],
    ['u', 'ù', 'ủ', 'ũ', 'ú', 'ụ'],
    ['ư', 'ừ', 'ử', 'ữ', 'ứ', 'ự'],
    ['y', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ'],
    ['A', 'À', 'Ả', 'Ã', 'Á', 'Ạ'],
    ['Ă', 'Ằ', 'Ẳ', 'Ẵ', 'Ắ', 'Ặ'],
    ['Â', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ậ'],
    ['E', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ'],
    ['Ê', 'Ề', 'Ể', 'Ễ', 'Ế', 'Ệ'],
    ['I', 'Ì', 'Ỉ', 'Ĩ', 'Í', 'Ị'],
    ['O', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ'],
    ['Ô', 'Ồ', 'Ổ', 'Ỗ', 'Ố', 'Ộ'],
    ['Ơ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ'],
    ['U', 'Ù', 'Ủ', 'Ũ', 'Ú', 'Ụ'],
    ['Ư', 'Ừ', 'Ử', 'Ữ', 'Ứ', 'Ự'],
    ['Y', 'Ỳ', 'Ỷ', 'Ỹ', 'Ý', 'Ỵ'],
];

/// Rows of [`VOWELS`] (lower case; add 12 for upper case).
const ROW_A: u8 = 0;
const ROW_A_BREVE: u8 = 1;
const ROW_A_CIRCUMFLEX: u8 = 2;
const ROW_E: u8 = 3;
const ROW_E_CIRCUMFLEX: u8 = 4;
const ROW_O: u8 = 6;
const ROW_O_CIRCUMFLEX: u8 = 7;

/// A vowel's row in [`VOWELS`] and its tone (0 = none).
fn vowel(c: char) -> Option<(u8, u8)> {
    // One byte per code point in the two ranges that hold every Vietnamese vowel: row × 6 + tone + 1,
    // 0 for no vowel.
    const LOW: std::ops::RangeInclusive<u32> = 0x41..=0x1B0;
    const HIGH: std::ops::RangeInclusive<u32> = 0x1EA0..=0x1EF9;
    const LOW_LEN: usize = (0x1B0 - 0x41 + 1) as usize;
    static TABLE: OnceLock<[u8; LOW_LEN + 90]> = OnceLock::new();
    let slot = |code: u32| {
        if LOW.contains(&code) {
            Some((code - 0x41) as usize)
        } else if HIGH.contains(&code) {
            Some(LOW_LEN + (code - 0x1EA0) as usize)
        } else {
            None
        }
    };
    let at = slot(c as u32)?;
    let table = TABLE.get_or_init(|| {
        let mut table = [0; LOW_LEN + 90];
        for (row, tones) in VOWELS.iter().enumerate() {
            for (tone, &ch) in tones.iter().enumerate() {
                if let Some(at) = slot(ch as u32) {
                    table[at] = (row * 6 + tone + 1) as u8;
                }
            }
        }
        table
    });
    let value = table[at].checked_sub(1)?;
    Some((value / 6, value % 6))
}

/// `c` with `tone` added, when `c` is a vowel without a tone.
fn with_tone(c: char, tone: u8) -> Option<char> {
    match vowel(c)? {
        (row, 0) if (1..=5).contains(&tone) => Some(VOWELS[row as usize][tone as usize]),
        _ => None,
    }
}

/// Whether `c` is a letter of Vietnamese: ASCII letters, đ and the vowels with their marks.
fn vietnamese_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' || vowel(c).is_some()
}

/// Vietnamese letters that do not exist in Latin-1: a text with one is Unicode, not legacy.
fn is_unicode_only_letter(c: char) -> bool {
    let code = c as u32;
    (0x1EA0..=0x1EF9).contains(&code)
        || matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư')
}

/// Windows-1252 punctuation at 0x80–0x9F: legacy text may carry it (a dash, curly quotes), so it
/// does not disqualify a text; it is never decoded and separates words.
fn is_cp1252_punctuation(c: char) -> bool {
    matches!(
        c,
        '€' | '‚'
            | '„'
            | '…'
            | '†'
            | '‡'
            | '‰'
            | '‹'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '–'
            | '—'
            | '™'
            | '›'
    )
}

/// Only characters a legacy text can hold: up to U+00FF, or Windows-1252 punctuation.
fn latin1_text(text: &str) -> bool {
    text.chars().all(|c| (c as u32) <= 0xFF || is_cp1252_punctuation(c))
}

// ---------------------------------------------------------------------------------------------
// TCVN3

/// TCVN 5712 bytes 0x80–0xFF, exactly as glibc's `iconv -f TCVN5712-1` decodes each single byte.
/// 0xB0–0xB4 are the combining grave, hook, tilde, acute and dot below (see the module notes).
const TCVN3_HIGH: [char; 128] = [
    'À', 'Ả', 'Ã', 'Á', 'Ạ', 'Ặ', 'Ậ', 'È', // 80–87
    'Ẻ', 'Ẽ', 'É', 'Ẹ', 'Ệ', 'Ì', 'Ỉ', 'Ĩ', // 88–8F
    'Í', 'Ị', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ', 'Ộ', // 90–97
    'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ', 'Ù', 'Ủ', 'Ũ', // 98–9F
    '\u{00A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', // A0–A7
    'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', // A8–AF
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', 'à', 'ả', 'ã', // B0–B7
    'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ', // B8–BF
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', // C0–C7
    'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', // C8–CF
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', // D0–D7
    'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', // D8–DF
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', // E0–E7
    'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // E8–EF
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', // F0–F7
    'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', // F8–FF
];

/// TCVN 5712 capitals at C0 control codes, as glibc's iconv decodes them.
const TCVN3_LOW: [(u8, char); 12] = [
    (0x01, 'Ú'),
    (0x02, 'Ụ'),
    (0x04, 'Ừ'),
    (0x05, 'Ử'),
    (0x06, 'Ữ'),
    (0x11, 'Ứ'),
    (0x12, 'Ự'),
    (0x13, 'Ỳ'),
    (0x14, 'Ỷ'),
    (0x15, 'Ỹ'),
    (0x16, 'Ý'),
    (0x17, 'Ỵ'),
];

fn is_tcvn3_control(byte: u8) -> bool {
    matches!(byte, 0x01 | 0x02 | 0x04..=0x06 | 0x11..=0x17)
}

/// TCVN 5712 capitals outside the VN3 subset that the ABC fonts implement (which has only
/// Ă Â Ê Ô Ơ Ư Đ): the control codes and 0xAF, 0xBA, 0xBF, 0xC0–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0, 0xFF.
fn tcvn3_vn1_capital(c: char) -> bool {
    match c as u32 {
        code @ 0..0x80 => is_tcvn3_control(code as u8),
        code => {
            matches!(code, 0x80..=0x9F | 0xAF | 0xBA | 0xBF | 0xC0..=0xC5 | 0xCD | 0xD9..=0xDB | 0xE0 | 0xF0 | 0xFF)
        }
    }
}

/// Whether `c` belongs to a word of TCVN3 text (every byte from 0x80 up is a letter or a mark,
/// but for the no-break space).
fn tcvn3_word_char(c: char) -> bool {
    match c as u32 {
        code @ 0..0x80 => c.is_ascii_alphabetic() || is_tcvn3_control(code as u8),
        code @ 0x80..=0xFF => code != 0xA0,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` belongs to a word of VNI text: a letter (every VNI character is a Latin-1 letter).
fn vni_word_char(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_alphabetic(),
        code @ 0x80..=0xFF => matches!(code, 0xAA | 0xB5 | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF),
        _ => c.is_alphabetic(),
    }
}

fn decode_tcvn3(text: &str, out: &mut String) {
    for c in text.chars() {
        let code = c as u32;
        if (0xB0..=0xB4).contains(&code) {
            // 0xB0 grave, 0xB1 hook, 0xB2 tilde, 0xB3 acute, 0xB4 dot below: tones 1 to 5.
            let tone = (code - 0xB0 + 1) as u8;
            if let Some(composed) = out.chars().next_back().and_then(|previous| with_tone(previous, tone)) {
                out.pop();
                out.push(composed);
            } else {
                out.push(c);
            }
        } else if (0x80..=0xFF).contains(&code) {
            out.push(TCVN3_HIGH[(code - 0x80) as usize]);
        } else if code < 0x18 && is_tcvn3_control(code as u8) {
            let capital = TCVN3_LOW.iter().find(|&&(byte, _)| u32::from(byte) == code).map_or(c, |&(_, ch)| ch);
            out.push(capital);
        } else {
            out.push(c);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// VNI

/// VNI characters that are a whole letter: ơ ư đ, the i family and ỵ.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'í' => 'í',
        'Í' => 'Í',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// What a VNI diacritic character adds to the vowel before it.
#[derive(Clone, Copy)]
enum Mark {
    /// A tone only (any vowel).
    Tone,
    /// A circumflex (a, e, o), with a tone or none.
    Circumflex,
    /// A breve (a), with a tone or none.
    Breve,
}

/// VNI diacritic characters, lower or upper case: the mark and its tone (0 = none).
fn vni_mark(c: char) -> Option<(Mark, u8)> {
    Some(match c {
        'ø' | 'Ø' => (Mark::Tone, 1),
        'û' | 'Û' => (Mark::Tone, 2),
        'õ' | 'Õ' => (Mark::Tone, 3),
        'ù' | 'Ù' => (Mark::Tone, 4),
        'ï' | 'Ï' => (Mark::Tone, 5),
        'â' | 'Â' => (Mark::Circumflex, 0),
        'à' | 'À' => (Mark::Circumflex, 1),
        'å' | 'Å' => (Mark::Circumflex, 2),
        'ã' | 'Ã' => (Mark::Circumflex, 3),
        'á' | 'Á' => (Mark::Circumflex, 4),
        'ä' | 'Ä' => (Mark::Circumflex, 5),
        'ê' | 'Ê' => (Mark::Breve, 0),
        'è' | 'È' => (Mark::Breve, 1),
        'ú' | 'Ú' => (Mark::Breve, 2),
        'ü' | 'Ü' => (Mark::Breve, 3),
        'é' | 'É' => (Mark::Breve, 4),
        'ë' | 'Ë' => (Mark::Breve, 5),
        _ => return None,
    })
}

/// The vowel `previous` becomes with a VNI mark, if the mark fits it.
fn vni_apply(previous: char, mark: Mark, tone: u8) -> Option<char> {
    let (row, current_tone) = vowel(previous)?;
    if current_tone != 0 {
        return None;
    }
    let case = row - row % 12;
    let target = match (mark, row % 12) {
        (Mark::Tone, base) => base,
        (Mark::Circumflex, ROW_A) => ROW_A_CIRCUMFLEX,
        (Mark::Circumflex, ROW_E) => ROW_E_CIRCUMFLEX,
        (Mark::Circumflex, ROW_O) => ROW_O_CIRCUMFLEX,
        (Mark::Breve, ROW_A) => ROW_A_BREVE,
        _ => return None,
    };
    Some(VOWELS[usize::from(case + target)][usize::from(tone)])
}

fn decode_vni(text: &str, out: &mut String) {
    for c in text.chars() {
        if let Some(letter) = vni_letter(c) {
            out.push(letter);
            continue;
        }
        if let Some((mark, tone)) = vni_mark(c)
            && let Some(composed) = out.chars().next_back().and_then(|previous| vni_apply(previous, mark, tone))
        {
            out.pop();
            out.push(composed);
            continue;
        }
        out.push(c);
    }
}

fn decode_into(text: &str, encoding: Legacy, out: &mut String) {
    match encoding {
        Legacy::Tcvn3 => decode_tcvn3(text, out),
        Legacy::Vni => decode_vni(text, out),
    }
}

// ---------------------------------------------------------------------------------------------
// Syllables

/// Initial consonants, in the order of the columns of [`RIMES`]' masks.
const INITIALS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu",
    "r", "s", "t", "th", "tr", "v", "x",
];

/// How well a word reads as one Vietnamese syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A syllable of Vietnamese.
    Known,
    /// Well formed, but no Vietnamese syllable.
    Unknown,
    /// Not a Vietnamese syllable.
    Invalid,
}

/// Codes of the base letters: ASCII letters are themselves, the others below.
const CODE_A_BREVE: u8 = b'1';
const CODE_A_CIRCUMFLEX: u8 = b'2';
const CODE_E_CIRCUMFLEX: u8 = b'3';
const CODE_O_CIRCUMFLEX: u8 = b'4';
const CODE_O_HORN: u8 = b'5';
const CODE_U_HORN: u8 = b'6';
const CODE_D_STROKE: u8 = b'7';

/// The code of a base letter (lower case, without tone).
fn letter_code(base: char) -> Option<u8> {
    Some(match base {
        'a'..='z' => base as u8,
        'ă' => CODE_A_BREVE,
        'â' => CODE_A_CIRCUMFLEX,
        'ê' => CODE_E_CIRCUMFLEX,
        'ô' => CODE_O_CIRCUMFLEX,
        'ơ' => CODE_O_HORN,
        'ư' => CODE_U_HORN,
        'đ' => CODE_D_STROKE,
        _ => return None,
    })
}

/// The base letter codes (lower case, marks other than ă â ê ô ơ ư đ removed) and the tone of a
/// word, or `None` when it has a character that is no Vietnamese letter, more than one tone or
/// more than eight letters.
fn letters_and_tone(word: &str) -> Option<([u8; 8], usize, u8)> {
    let mut letters = [0; 8];
    let mut count = 0;
    let mut tone = 0;
    for c in word.chars() {
        let code = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase() as u8
        } else if c == 'đ' || c == 'Đ' {
            CODE_D_STROKE
        } else {
            let (row, t) = vowel(c)?;
            if t != 0 {
                if tone != 0 {
                    return None;
                }
                tone = t;
            }
            letter_code(VOWELS[usize::from(row % 12)][0])?
        };
        *letters.get_mut(count)? = code;
        count += 1;
    }
    Some((letters, count, tone))
}

fn is_vowel_code(code: u8) -> bool {
    matches!(code, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | CODE_A_BREVE..=CODE_U_HORN)
}

/// Splits base letter codes into an initial (index into [`INITIALS`]) and the rest, the rime.
fn split_initial(letters: &[u8]) -> Option<(usize, &[u8])> {
    let first = *letters.first()?;
    let second = letters.get(1).copied().unwrap_or(0);
    let third = letters.get(2).copied().unwrap_or(0);
    let (index, length) = match (first, second) {
        (b'n', b'g') if third == b'h' => (16, 3),
        (b'n', b'g') => (15, 2),
        // "gia", "giữ": the initial gi; "gì", "gìn": g before the vowel i.
        (b'g', b'i') if is_vowel_code(third) => (8, 2),
        (b'q', b'u') => (20, 2),
        (b'c', b'h') => (3, 2),
        (b'g', b'h') => (7, 2),
        (b'k', b'h') => (11, 2),
        (b'n', b'h') => (17, 2),
        (b'p', b'h') => (19, 2),
        (b't', b'h') => (24, 2),
        (b't', b'r') => (25, 2),
        (code, _) if is_vowel_code(code) => (0, 0),
        (b'b', _) => (1, 1),
        (b'c', _) => (2, 1),
        (b'd', _) => (4, 1),
        (CODE_D_STROKE, _) => (5, 1),
        (b'g', _) => (6, 1),
        (b'h', _) => (9, 1),
        (b'k', _) => (10, 1),
        (b'l', _) => (12, 1),
        (b'm', _) => (13, 1),
        (b'n', _) => (14, 1),
        (b'p', _) => (18, 1),
        (b'r', _) => (21, 1),
        (b's', _) => (22, 1),
        (b't', _) => (23, 1),
        (b'v', _) => (26, 1),
        (b'x', _) => (27, 1),
        _ => return None,
    };
    let rime = &letters[length..];
    (!rime.is_empty()).then_some((index, rime))
}

/// A rime's letter codes packed six bits each, for looking it up; `None` past five letters.
fn rime_key(codes: impl Iterator<Item = u8>) -> Option<u32> {
    let mut key = 0u32;
    for (at, code) in codes.enumerate() {
        if at >= 5 {
            return None;
        }
        // 'a'..='z' become 1..=26, the codes '1'..='7' 27..=33: distinct and below 64.
        let bits = if code >= b'a' { code - b'a' + 1 } else { code.wrapping_sub(b'1') + 27 };
        key = key << 6 | u32::from(bits & 0x3F);
    }
    Some(key)
}

/// The masks of [`RIMES`], keyed by [`rime_key`] and sorted.
fn rime_masks(key: u32) -> Option<&'static str> {
    static INDEX: OnceLock<Vec<(u32, &'static str)>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: Vec<(u32, &'static str)> = RIMES
            .iter()
            .filter(|(_, masks)| masks.len() == INITIALS.len())
            .filter_map(|&(rime, masks)| {
                let codes: Option<Vec<u8>> = rime.chars().map(letter_code).collect();
                Some((rime_key(codes?.into_iter())?, masks))
            })
            .collect();
        index.sort_unstable();
        index
    });
    index.binary_search_by_key(&key, |&(k, _)| k).ok().map(|at| index[at].1)
}

/// How `word` reads as a Vietnamese syllable (case is ignored).
fn syllable(word: &str) -> Shape {
    let Some((letters, count, tone)) = letters_and_tone(word) else { return Shape::Invalid };
    let Some((initial, rime)) = split_initial(&letters[..count]) else { return Shape::Invalid };
    let Some(masks) = rime_key(rime.iter().copied()).and_then(rime_masks) else { return Shape::Invalid };
    let checked = matches!(rime.last(), Some(b'c' | b'p' | b't')) || rime.ends_with(b"ch");
    if checked && !matches!(tone, 4 | 5) {
        return Shape::Invalid;
    }
    let mask = masks.as_bytes().get(initial).map_or(0, |&b| b.wrapping_sub(b'0'));
    if mask & (1 << tone) != 0 { Shape::Known } else { Shape::Unknown }
}

/// All capitals, at least two letters, nothing but ASCII letters and Đ: an abbreviation such as
/// ĐVT or HĐND rather than a syllable.
fn acronym(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase() || c == 'Đ')
        && chars.next().is_some()
        && word.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
}

/// A capital after a small letter inside a word ("HoỔ") is no Vietnamese spelling.
fn case_fits(word: &str) -> bool {
    let mut previous_lower = false;
    for c in word.chars() {
        if c.is_uppercase() && previous_lower {
            return false;
        }
        previous_lower = c.is_lowercase();
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Scoring texts

/// What the words of a text say once decoded with one encoding.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    /// Changed words that are Vietnamese syllables.
    known: u32,
    /// Changed words that are well formed but no Vietnamese syllable.
    unknown: u32,
    /// Words that are no Vietnamese syllable once decoded.
    invalid: u32,
    /// Known or unknown words that could not be Unicode Vietnamese as they stand.
    evidence: u32,
}

impl Score {
    /// Few enough invalid words: none, or one for every four known ones in a longer text.
    fn clean(&self) -> bool {
        self.invalid == 0 || self.invalid.saturating_mul(4) <= self.known
    }

    fn plausible(&self) -> bool {
        self.clean() && self.known >= 1 && self.known >= self.unknown
    }

    fn detected(&self) -> bool {
        self.plausible() && self.evidence >= 1
    }

    fn weight(&self) -> u32 {
        self.known.saturating_mul(2).saturating_add(self.unknown)
    }
}

/// Scores every word of `text` (a run of word characters) decoded with `encoding`. Words that
/// decoding leaves unchanged are neutral if they are Vietnamese letters only (ASCII words,
/// abbreviations, or the Unicode "Tân" in VNI), invalid otherwise.
fn score(text: &str, encoding: Legacy, buffer: &mut String) -> Score {
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

// ---------------------------------------------------------------------------------------------
// The syllables of Vietnamese

/// Every rime (vowel cluster and final consonant, without tone, sorted), with the syllables of
/// Vietnamese that use it: one character per initial of [`INITIALS`], whose value minus `'0'` is a
/// bit mask of the tones (bit 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng) that exist after that
/// initial.
///
/// Generated by the ignored test `print_rime_table` from the syllables of the Vietnamese
/// spelling dictionary `@cspell/dict-vi-vn` 3.0.6 (MIT, © Street Side Software), parsed with
/// this module's own [`syllable`] splitting; tone position variants ("hoà"/"hòa") fall together.
const RIMES: &[(&str, &str)] = &[
    ("a", r"oogooOo0og1Gooo?0O1GgoooGOoo"),
    ("ac", r"@``````0@`0`````0`@@``@`````"),
    ("ach", r"```P0`P00`0@``@`0@0`````````"),
    ("ai", r"EoOOokK0]o0Eoogo0O0EgOOoOooB"),
    ("am", r"EBeRag10Eo0E_0aC0G0R0AcaGgRG"),
    ("an", r"Aggacgc0Ok0Gkkgc0_1gGcgGECkA"),
    ("ang", r"EGFccO30go0goocK0K0WocGgEgo3"),
    ("anh", r"eggg3Cc07k0EoocV0g03c?GcgCk7"),
    ("ao", r"gogoSgc0Go0eokkk0k1CCoggggCg"),
    ("ap", r"@P`P0`@0@P0@`PP@0`@@0````@``"),
    ("at", r"``@```P0``0@````0`0`````0@`@"),
    ("au", r"1fgE21C06C0AgCAC0701c1ABA70V"),
    ("ay", r"@7ggoOM0:I0EegoC0g05Wo5CGVgE"),
    ("e", r"co0OO?0oDcoOooG0Co13OO_OO_OG"),
    ("ec", r"@@000@000@@P@000000000@@00@`"),
    ("em", r"A70E030@2WK1gCA00W0002`G2BP1"),
    ("en", r"Ek0o2S1S0ScCoCA0ja03CC5;S:eG"),
    ("eng", r"1A0100000050E200000B05010006"),
    ("eo", r"oo0g5K0PaGoGogG0^k03cgSWWggo"),
    ("ep", r"``0``P0@PP`@```00`0@000``00`"),
    ("et", r"``0`P`0@0@`@```0``0```@`@```"),
    ("i", r"oo0gk;G30GoGco70oo1g0O_ogkog"),
    ("ia", r"4S0[:n00013`SE908@0b0WTECTDE"),
    ("ich", r"``0@``@00``@P``0P@0`0`P```@`"),
    ("im", r"5F0CC0230930WM004@0A011G@0P1"),
    ("in", r"GQ0L012000@31SA06b110Q1AC0P5"),
    ("inh", r";o0OIo000>G=oSc0550O07Gog[YO"),
    ("ip", r"0P0@`0@00@`0@@@00`00000@@000"),
    ("it", r"``0`P`000@``@``0``0P````````"),
    ("iu", r"5n0cbR00010Ac@a0Ua0Q0C1iW:@f"),
    ("iêc", r"0@0@`@0@0000@0000@00000`@0P@"),
    ("iêm", r"0@0A;d000FgAk0S0YX0@024c7015"),
    ("iên", r"0g0cYW020gcGKk30c90c008kgf_5"),
    ("iêng", r"0A0C0@000A?9e`:01000035A3S@6"),
    ("iêp", r"000@`P000`@@`000P@00000``000"),
    ("iêt", r"0`0@`00000`@P``0PP0`0`@````@"),
    ("iêu", r"0D0Gkg000dgA[KQ01;0A0A1OgS01"),
    ("o", r"cogoGo;0gS0CkOon0o0C0oWGgWoe"),
    ("oa", r"300@a`@00g0E30190B00013WG00O"),
    ("oac", r"@00P00000@0@P00@0000000`000`"),
    ("oach", r"`00000000P00000@00000000000P"),
    ("oai", r"e00J8B000V0ER00f030000Bbe006"),
    ("oam", r"200000000000000R020000000002"),
    ("oan", r"E00@9g000k0ES08Y000000`GB013"),
    ("oang", r"300g8>00070Eo0050a00R0PCE00W"),
    ("oanh", r"300032000V051004000000010002"),
    ("oao", r"000000000002000A000000000000"),
    ("oap", r"P00P000000000000000000000000"),
    ("oat", r"@0000P000P0@`000000000`@`00@"),
    ("oay", r"000000000A0@110E0A00000@000A"),
    ("oc", r"``````@0``0@````0`0@0```````"),
    ("oe", r"e00`00000S0EC00A0C00000O000S"),
    ("oen", r"0002000005001004070000030003"),
    ("oeo", r"000000000003000B000000000000"),
    ("oet", r"000P00000`0@`00@0`00000`000`"),
    ("oi", r"gFOc[gd0gG0DogGK0A030kOGGgcA"),
    ("om", r"7?W>GG100O0coO1F0O110gbO7J2K"),
    ("on", r"4cWTacS0G700Wcig0h000DA31[GA"),
    ("ong", r"GooO_cT0eg06ogao0E0g0CKW;go?"),
    ("ooc", r"00@0000000000@00000000@00000"),
    ("oong", r"0A12002000001000000000130001"),
    ("op", r"```@PP@00`00@@0@0@00000`@0P`"),
    ("ot", r"````@``0P@00````0`0`0``````@"),
    ("oăc", r"000000000`00000`000000000000"),
    ("oăm", r"100000000A0C0000000000000000"),
    ("oăn", r"60010000040A000200000000100A"),
    ("oăng", r"50000000090@300:00000000@000"),
    ("oăt", r"`00@00000@0@@00`0000@000@000"),
    ("u", r"ggoG[gS0IO0gooPm0o1o0Ocgggkk"),
    ("ua", r"fgECC;00Y301cC5P0`000?T57P31"),
    ("uc", r"PP``P`P0P`0`````0`0`0```````"),
    ("ui", r"DboKJ7Z0fd01ooB60W050d7eg[3c"),
    ("um", r"C^ck`C002[0AOM@P0@000CSo7b8C"),
    ("un", r"7F??Cc201700ng240N0C0Ga51SS0"),
    ("ung", r"GgoGko200C07o7KB0k0c0gOcok[G"),
    ("up", r"```P0`00@`00``@P00000@`@PP0`"),
    ("ut", r"````@``00`0P`@@@0`0`0``````@"),
    ("uy", r"E00210000E01X00Q0P0100AgfQ0C"),
    ("uya", r"0000000000011000000000000001"),
    ("uych", r"P00000000`000000000000000000"),
    ("uyn", r"0000000000000000000000010000"),
    ("uynh", r"200000000303@000000000000001"),
    ("uyt", r"0@0000000@00000@000000`0000`"),
    ("uyu", r"00000000000T0004000000000000"),
    ("uyên", r"500g10000[0E`00[080000<G3R0A"),
    ("uyêt", r"0000P0000`0@000P0000000`@00@"),
    ("uân", r"400400000A05e0000R00000CZ105"),
    ("uâng", r"0000000000010000000000000000"),
    ("uât", r"@0000000000@P000000000@@P`0@"),
    ("uây", r"40000000000A0004000000000001"),
    ("uê", r"D000P0000S0100000`00001`E007"),
    ("uêch", r"000`00000@0@00000000000`000P"),
    ("uênh", r"0000200001000000000000000002"),
    ("uôc", r"0P``@@`0P000`0`00@000@0P`000"),
    ("uôi", r"06`k8E2000000kAR00000F@40001"),
    ("uôm", r"128100000000Q8@00a000P00P000"),
    ("uôn", r"@3b2080000013a0200000013K000"),
    ("uông", r"D3bS00200@01KI1000000Z33631F"),
    ("uôt", r"P`0`0P000000@@`000000P@`0P`0"),
    ("uơ", r"4000000001010000000000004000"),
    ("y", r"E000000001n0a8000000o00U0000"),
    ("ya", r"000000P000000000000000000000"),
    ("ynh", r"00000000000000000000F0000000"),
    ("yt", r"00000000000000000000`0000000"),
    ("yêm", r"D000000000000000000000000000"),
    ("yên", r"A0000000000000000000g0000000"),
    ("yêng", r"5000000000000000000000000000"),
    ("yêt", r"@0000000000000000000`0000000"),
    ("yêu", r"E000000000000000000000000000"),
    ("âc", r"P`@P00@0@00@@0@@0@00@00@000@"),
    ("âm", r"gnOgkko0kW0AO?bo0g060ooGo[Q7"),
    ("ân", r"EgogoZ30Ra0Eoo3o0k0oocGg_go4"),
    ("âng", r"03901@000L0013i4010060030130"),
    ("âp", r"`````P`0``0`````0`0`0```````"),
    ("ât", r"@```P`P0P@0```0`0`0``````P`0"),
    ("âu", r"EcgkkgK0co0EWkik0Q0803ceGGFE"),
    ("ây", r"FogCioc0KG04OEgc0[05o?gGC7o5"),
    ("ê", r"co0cOo0C3Wgc_kW0[01cao_og[ce"),
    ("êc", r"00000000@0000000000000000000"),
    ("êch", r"`P0`0@0@0``0`@00`00@P`0@@`@`"),
    ("êm", r"A00;0c00@02002a0000000013002"),
    ("ên", r"Pc0PPC002E201Cc0TP09QcC1P1S1"),
    ("êng", r"00000000C0000000000000000000"),
    ("ênh", r"ZS0o3?0607SUSQ00=10RR45?1053"),
    ("êp", r"0@000P0000@000@000000`@P@00`"),
    ("êt", r"0`0@P00P@`@0@P@0000```P@@``0"),
    ("êu", r"1S0007008@33O@A0;P0:BSAA7QCS"),
    ("ô", r"gooZ9o_0[o0Eooom0E1G0_ogGoOG"),
    ("ôc", r"```@@``00`0@``@`0@0@@`@```@`"),
    ("ôi", r"Egmfkob0fg0AkKo30C0E0N7cGgcE"),
    ("ôm", r"C3c;0CC00500g3S607030S012Q07"),
    ("ôn", r"Wggc2c101_0Ef3Qg0g020`2GgaCc"),
    ("ông", r"GogGQg30CO0EWgK;0S1_0oGGAGGG"),
    ("ôp", r"````0`P0PP00`0P0000@0``@P00`"),
    ("ôt", r"@`````P0@`00````0`000@``@00@"),
    ("ăc", r"`@``P`P0P`0````@0@0@`@``@``@"),
    ("ăm", r"9SccSKc0S30EgACA0c01eCaCEC2A"),
    ("ăn", r"1ggkSjc0bF05WgcC0o0AcCIgCScA"),
    ("ăng", r"Gk=Wgoa03K0GoAk<0o05USCSgAG;"),
    ("ăp", r"````0@`0000@`0@00@0@`@@@@00@"),
    ("ăt", r"@``````0`@0@``0`0`0@```@@@`0"),
    ("ơ", r"goKgok?07G0Coook0o17GoocggoO"),
    ("ơi", r"AG?A3bT0B_05gCAS030A0SdC33cE"),
    ("ơm", r"HSIG47B00`00^B;S0A000gC41003"),
    ("ơn", r"C[kS0GR0:C00g50A0G090_G`3c65"),
    ("ơp", r"0`0`@`000`0@`@``0@000P0`0@0`"),
    ("ơt", r"````0`P00`00`0@@0`0@0`@@````"),
    ("ư", r"CaoKoF20:_0G_PYk0g0001eggj0F"),
    ("ưa", r"a_eOcC008@0@neMg0P0`0mMe73Z5"),
    ("ưc", r"``````000`00```P0@0@0``@`P``"),
    ("ưi", r"0044004000000004000000000000"),
    ("ưm", r"0000000002000000000000000000"),
    ("ưn", r"0001000000000000000000200000"),
    ("ưng", r"GGEOWc200O0b_2S70=0307_7;G_E"),
    ("ưt", r"0`@0@@00P000@@@@0`0`0@`000@0"),
    ("ưu", r"15o000000Y0@QA010000005T0010"),
    ("ươc", r"@@@`P`000@0@P0``0P0@0@0``@P`"),
    ("ươi", r"15J4@2000001J30300000o4E8002"),
    ("ươm", r"AA220PS00`01S02000000C030000"),
    ("ươn", r";1000:000001S`00000H0b2@:2S0"),
    ("ương", r"1A;Ok3[0cG01k3C^0k0c03cgWoeE"),
    ("ươp", r"@@@P000000000@P00000000`0000"),
    ("ươt", r"@P00P000000@``0000000P```PP0"),
    ("ươu", r"0A000000010@0000000P0P020000"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every TCVN3 byte 0xA1–0xFF and the code point glibc gives for it alone, generated on this
    /// machine with `printf "\xNN" | iconv -f TCVN5712-1 -t UTF-32BE`, one byte at a time.
    const ICONV_TCVN3: [(u8, u32); 95] = [
        (0xA1, 0x0102),
        (0xA2, 0x00C2),
        (0xA3, 0x00CA),
        (0xA4, 0x00D4),
        (0xA5, 0x01A0),
        (0xA6, 0x01AF),
        (0xA7, 0x0110),
        (0xA8, 0x0103),
        (0xA9, 0x00E2),
        (0xAA, 0x00EA),
        (0xAB, 0x00F4),
        (0xAC, 0x01A1),
        (0xAD, 0x01B0),
        (0xAE, 0x0111),
        (0xAF, 0x1EB0),
        (0xB0, 0x0300),
        (0xB1, 0x0309),
        (0xB2, 0x0303),
        (0xB3, 0x0301),
        (0xB4, 0x0323),
        (0xB5, 0x00E0),
        (0xB6, 0x1EA3),
        (0xB7, 0x00E3),
        (0xB8, 0x00E1),
        (0xB9, 0x1EA1),
        (0xBA, 0x1EB2),
        (0xBB, 0x1EB1),
        (0xBC, 0x1EB3),
        (0xBD, 0x1EB5),
        (0xBE, 0x1EAF),
        (0xBF, 0x1EB4),
        (0xC0, 0x1EAE),
        (0xC1, 0x1EA6),
        (0xC2, 0x1EA8),
        (0xC3, 0x1EAA),
        (0xC4, 0x1EA4),
        (0xC5, 0x1EC0),
        (0xC6, 0x1EB7),
        (0xC7, 0x1EA7),
        (0xC8, 0x1EA9),
        (0xC9, 0x1EAB),
        (0xCA, 0x1EA5),
        (0xCB, 0x1EAD),
        (0xCC, 0x00E8),
        (0xCD, 0x1EC2),
        (0xCE, 0x1EBB),
        (0xCF, 0x1EBD),
        (0xD0, 0x00E9),
        (0xD1, 0x1EB9),
        (0xD2, 0x1EC1),
        (0xD3, 0x1EC3),
        (0xD4, 0x1EC5),
        (0xD5, 0x1EBF),
        (0xD6, 0x1EC7),
        (0xD7, 0x00EC),
        (0xD8, 0x1EC9),
        (0xD9, 0x1EC4),
        (0xDA, 0x1EBE),
        (0xDB, 0x1ED2),
        (0xDC, 0x0129),
        (0xDD, 0x00ED),
        (0xDE, 0x1ECB),
        (0xDF, 0x00F2),
        (0xE0, 0x1ED4),
        (0xE1, 0x1ECF),
        (0xE2, 0x00F5),
        (0xE3, 0x00F3),
        (0xE4, 0x1ECD),
        (0xE5, 0x1ED3),
        (0xE6, 0x1ED5),
        (0xE7, 0x1ED7),
        (0xE8, 0x1ED1),
        (0xE9, 0x1ED9),
        (0xEA, 0x1EDD),
        (0xEB, 0x1EDF),
        (0xEC, 0x1EE1),
        (0xED, 0x1EDB),
        (0xEE, 0x1EE3),
        (0xEF, 0x00F9),
        (0xF0, 0x1ED6),
        (0xF1, 0x1EE7),
        (0xF2, 0x0169),
        (0xF3, 0x00FA),
        (0xF4, 0x1EE5),
        (0xF5, 0x1EEB),
        (0xF6, 0x1EED),
        (0xF7, 0x1EEF),
        (0xF8, 0x1EE9),
        (0xF9, 0x1EF1),
        (0xFA, 0x1EF3),
        (0xFB, 0x1EF7),
        (0xFC, 0x1EF9),
        (0xFD, 0x00FD),
        (0xFE, 0x1EF5),
        (0xFF, 0x1ED0),
    ];

    /// The 134 Vietnamese letters (lower then upper case) and their VNI-Windows spelling, checked
    /// against the npm package vietnamese-conversion 2.0.0 (its table agrees on 130; its ỷ ỹ Ỷ Ỹ
    /// entries, `ë ì Ë Ì`, collide with the breve-dot mark and with ì itself) and against the
    /// corpus-derived table of the PyPI package viparse 0.1.31 (agrees on 126; it spells ì í ỵ as
    /// `iø iù yï`, which decode to the same letters here, and lacks ẳ Ẳ).
    const VNI_LETTERS: [(&str, &str); 134] = [
        ("à", "aø"),
        ("ả", "aû"),
        ("ã", "aõ"),
        ("á", "aù"),
        ("ạ", "aï"),
        ("ă", "aê"),
        ("ằ", "aè"),
        ("ẳ", "aú"),
        ("ẵ", "aü"),
        ("ắ", "aé"),
        ("ặ", "aë"),
        ("â", "aâ"),
        ("ầ", "aà"),
        ("ẩ", "aå"),
        ("ẫ", "aã"),
        ("ấ", "aá"),
        ("ậ", "aä"),
        ("è", "eø"),
        ("ẻ", "eû"),
        ("ẽ", "eõ"),
        ("é", "eù"),
        ("ẹ", "eï"),
        ("ê", "eâ"),
        ("ề", "eà"),
        ("ể", "eå"),
        ("ễ", "eã"),
        ("ế", "eá"),
        ("ệ", "eä"),
        ("ì", "ì"),
        ("ỉ", "æ"),
        ("ĩ", "ó"),
        ("í", "í"),
        ("ị", "ò"),
        ("ò", "oø"),
        ("ỏ", "oû"),
        ("õ", "oõ"),
        ("ó", "où"),
        ("ọ", "oï"),
        ("ô", "oâ"),
        ("ồ", "oà"),
        ("ổ", "oå"),
        ("ỗ", "oã"),
        ("ố", "oá"),
        ("ộ", "oä"),
        ("ơ", "ô"),
        ("ờ", "ôø"),
        ("ở", "ôû"),
        ("ỡ", "ôõ"),
        ("ớ", "ôù"),
        ("ợ", "ôï"),
        ("ù", "uø"),
        ("ủ", "uû"),
        ("ũ", "uõ"),
        ("ú", "uù"),
        ("ụ", "uï"),
        ("ư", "ö"),
        ("ừ", "öø"),
        ("ử", "öû"),
        ("ữ", "öõ"),
        ("ứ", "öù"),
        ("ự", "öï"),
        ("ỳ", "yø"),
        ("ỷ", "yû"),
        ("ỹ", "yõ"),
        ("ý", "yù"),
        ("ỵ", "î"),
        ("đ", "ñ"),
        ("À", "AØ"),
        ("Ả", "AÛ"),
        ("Ã", "AÕ"),
        ("Á", "AÙ"),
        ("Ạ", "AÏ"),
        ("Ă", "AÊ"),
        ("Ằ", "AÈ"),
        ("Ẳ", "AÚ"),
        ("Ẵ", "AÜ"),
        ("Ắ", "AÉ"),
        ("Ặ", "AË"),
        ("Â", "AÂ"),
        ("Ầ", "AÀ"),
        ("Ẩ", "AÅ"),
        ("Ẫ", "AÃ"),
        ("Ấ", "AÁ"),
        ("Ậ", "AÄ"),
        ("È", "EØ"),
        ("Ẻ", "EÛ"),
        ("Ẽ", "EÕ"),
        ("É", "EÙ"),
        ("Ẹ", "EÏ"),
        ("Ê", "EÂ"),
        ("Ề", "EÀ"),
        ("Ể", "EÅ"),
        ("Ễ", "EÃ"),
        ("Ế", "EÁ"),
        ("Ệ", "EÄ"),
        ("Ì", "Ì"),
        ("Ỉ", "Æ"),
        ("Ĩ", "Ó"),
        ("Í", "Í"),
        ("Ị", "Ò"),
        ("Ò", "OØ"),
        ("Ỏ", "OÛ"),
        ("Õ", "OÕ"),
        ("Ó", "OÙ"),
        ("Ọ", "OÏ"),
        ("Ô", "OÂ"),
        ("Ồ", "OÀ"),
        ("Ổ", "OÅ"),
        ("Ỗ", "OÃ"),
        ("Ố", "OÁ"),
        ("Ộ", "OÄ"),
        ("Ơ", "Ô"),
        ("Ờ", "ÔØ"),
        ("Ở", "ÔÛ"),
        ("Ỡ", "ÔÕ"),
        ("Ớ", "ÔÙ"),
        ("Ợ", "ÔÏ"),
        ("Ù", "UØ"),
        ("Ủ", "UÛ"),
        ("Ũ", "UÕ"),
        ("Ú", "UÙ"),
        ("Ụ", "UÏ"),
        ("Ư", "Ö"),
        ("Ừ", "ÖØ"),
        ("Ử", "ÖÛ"),
        ("Ữ", "ÖÕ"),
        ("Ứ", "ÖÙ"),
        ("Ự", "ÖÏ"),
        ("Ỳ", "YØ"),
        ("Ỷ", "YÛ"),
        ("Ỹ", "YÕ"),
        ("Ý", "YÙ"),
        ("Ỵ", "Î"),
        ("Đ", "Ñ"),
    ];

    /// Phrases and their VNI spelling as vietnamese-conversion 2.0.0's `toVNI` writes them.
    const VNI_PHRASES: [(&str, &str); 42] = [
        ("Tổng số", "Toång soá"),
        ("Đơn vị tính: triệu đồng", "Ñôn vò tính: trieäu ñoàng"),
        ("Ngân sách", "Ngaân saùch"),
        ("Ủy ban nhân dân tỉnh", "UÛy ban nhaân daân tænh"),
        ("Chi thường xuyên", "Chi thöôøng xuyeân"),
        ("Dự toán giao", "Döï toaùn giao"),
        ("Quyết toán", "Quyeát toaùn"),
        ("Năm 2014", "Naêm 2014"),
        ("Chi đầu tư phát triển", "Chi ñaàu tö phaùt trieån"),
        ("Thu nội địa", "Thu noäi ñòa"),
        (
            "Kế hoạch đầu tư công trung hạn giai đoạn 2016-2020",
            "Keá hoaïch ñaàu tö coâng trung haïn giai ñoaïn 2016-2020",
        ),
        ("Nguồn vốn ngân sách trung ương", "Nguoàn voán ngaân saùch trung öông"),
        ("Sự nghiệp giáo dục và đào tạo", "Söï nghieäp giaùo duïc vaø ñaøo taïo"),
        ("Quốc phòng, an ninh", "Quoác phoøng, an ninh"),
        ("Bổ sung có mục tiêu", "Boå sung coù muïc tieâu"),
        ("Khối lượng thực hiện", "Khoái löôïng thöïc hieän"),
        ("Giải ngân", "Giaûi ngaân"),
        ("Dự phòng ngân sách", "Döï phoøng ngaân saùch"),
        ("Chương trình mục tiêu quốc gia", "Chöông trình muïc tieâu quoác gia"),
        ("Xây dựng nông thôn mới", "Xaây döïng noâng thoân môùi"),
        ("Giảm nghèo bền vững", "Giaûm ngheøo beàn vöõng"),
        ("Trường trung học phổ thông", "Tröôøng trung hoïc phoå thoâng"),
        ("Bệnh viện đa khoa huyện", "Beänh vieän ña khoa huyeän"),
        ("Đường giao thông liên xã", "Ñöôøng giao thoâng lieân xaõ"),
        ("Hỗ trợ nhà ở cho người có công", "Hoã trôï nhaø ôû cho ngöôøi coù coâng"),
        ("Vốn ODA và vay ưu đãi", "Voán ODA vaø vay öu ñaõi"),
        ("Trả nợ gốc và lãi", "Traû nôï goác vaø laõi"),
        ("Thuế thu nhập cá nhân", "Thueá thu nhaäp caù nhaân"),
        ("Lệ phí trước bạ", "Leä phí tröôùc baï"),
        ("Sở Kế hoạch và Đầu tư", "Sôû Keá hoaïch vaø Ñaàu tö"),
        ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "UÛY BAN NHAÂN DAÂN TÆNH ÑOÀNG THAÙP"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM"),
        ("Độc lập - Tự do - Hạnh phúc", "Ñoäc laäp - Töï do - Haïnh phuùc"),
        ("Biểu số 01", "Bieåu soá 01"),
        ("Ghi chú", "Ghi chuù"),
        ("Số TT", "Soá TT"),
        ("Nội dung", "Noäi dung"),
        ("Lũy kế", "Luõy keá"),
        ("Ước thực hiện", "Öôùc thöïc hieän"),
        ("Khuyến khích", "Khuyeán khích"),
        ("Đồng Nai", "Ñoàng Nai"),
        ("Bà Rịa - Vũng Tàu", "Baø Ròa - Vuõng Taøu"),
    ];

    /// Unicode → TCVN3 (lower-case letters at their ABC bytes, capitals at TCVN 5712's control
    /// codes), the inverse of the decoding table.
    fn encode_tcvn3(text: &str) -> String {
        text.chars()
            .map(|c| {
                if let Some(at) = TCVN3_HIGH.iter().position(|&t| t == c)
                    && !(0x30..=0x34).contains(&at)
                    && at != 0x20
                {
                    return char::from_u32(0x80 + at as u32).unwrap();
                }
                TCVN3_LOW.iter().find(|&&(_, t)| t == c).map_or(c, |&(byte, _)| char::from(byte))
            })
            .collect()
    }

    /// Unicode → VNI-Windows, built from the rules rather than from [`VNI_LETTERS`].
    fn encode_vni(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            let Some((row, tone)) = vowel(c) else {
                out.push(match c {
                    'đ' => 'ñ',
                    'Đ' => 'Ñ',
                    _ => c,
                });
                continue;
            };
            let upper = row >= 12;
            let case = |c: char| if upper { c.to_uppercase().next().unwrap() } else { c };
            let tone_mark = ['\0', 'ø', 'û', 'õ', 'ù', 'ï'][usize::from(tone)];
            let base = VOWELS[usize::from(row % 12)][0];
            let (letter, mark) = match base {
                'ă' => ('a', ['ê', 'è', 'ú', 'ü', 'é', 'ë'][usize::from(tone)]),
                'â' | 'ê' | 'ô' => (
                    match base {
                        'â' => 'a',
                        'ê' => 'e',
                        _ => 'o',
                    },
                    ['â', 'à', 'å', 'ã', 'á', 'ä'][usize::from(tone)],
                ),
                'i' => (['i', 'ì', 'æ', 'ó', 'í', 'ò'][usize::from(tone)], '\0'),
                'y' if tone == 5 => ('î', '\0'),
                'ơ' => ('ô', tone_mark),
                'ư' => ('ö', tone_mark),
                _ => (base, tone_mark),
            };
            out.push(case(letter));
            if mark != '\0' {
                out.push(case(mark));
            }
        }
        out
    }

    /// A small deterministic generator for the property tests.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn all_letters() -> Vec<char> {
        VNI_LETTERS.iter().map(|(u, _)| u.chars().next().unwrap()).collect()
    }

    #[test]
    fn tcvn3_bytes_decode_as_iconv_says() {
        for (byte, code) in ICONV_TCVN3 {
            let expected = char::from_u32(code).unwrap();
            let input = char::from(byte).to_string();
            if (0xB0..=0xB4).contains(&byte) {
                // A combining mark in iconv: composed with the vowel before it, as iconv does.
                let composed = decode(&format!("a{input}"), Legacy::Tcvn3, false);
                assert_eq!(composed, format!("{}", with_tone('a', byte - 0xB0 + 1).unwrap()), "byte {byte:02X}");
                assert_eq!(u32::from(expected), [0x300, 0x309, 0x303, 0x301, 0x323][usize::from(byte - 0xB0)]);
            } else {
                assert_eq!(decode(&input, Legacy::Tcvn3, false), expected.to_string(), "byte {byte:02X}");
            }
        }
        assert_eq!(decode("a\u{b3} \u{a9}\u{b3} \u{ab}\u{b4}", Legacy::Tcvn3, false), "á ấ ộ");
        // Not after a bare vowel: kept as the Latin-1 sign it arrives as.
        assert_eq!(decode("25\u{b0}C, 3 m\u{b2}, \u{b8}\u{b3}", Legacy::Tcvn3, false), "25°C, 3 m², á\u{b3}");
    }

    #[test]
    fn tcvn3_capitals_in_control_codes_and_windows_punctuation() {
        assert_eq!(decode("\u{80}\u{83}\u{97}\u{9f} \u{1}\u{17}", Legacy::Tcvn3, false), "ÀÁỘŨ ÚỴ");
        assert_eq!(decode("\u{80}", Legacy::Tcvn3, false), "À");
        assert_eq!(decode("\u{1}", Legacy::Tcvn3, false), "Ú");
        // Windows-1252 punctuation stays punctuation.
        assert_eq!(decode("“Tæng” – sè…", Legacy::Tcvn3, false), "“Tổng” – số…");
        assert_eq!(decode("Tab\tnew\nline", Legacy::Tcvn3, false), "Tab\tnew\nline");
    }

    #[test]
    fn vni_letters_match_the_checked_table() {
        assert_eq!(all_letters().len(), 134);
        for (unicode, vni) in VNI_LETTERS {
            assert_eq!(decode(vni, Legacy::Vni, false), unicode, "{vni}");
            assert_eq!(encode_vni(unicode), vni, "{unicode}");
        }
        // Alternative spellings: a tone on i or y, a lower-case mark after a capital.
        assert_eq!(decode("iø iù yï", Legacy::Vni, false), "ì í ỵ");
        assert_eq!(decode("Aù Oâ OÂ", Legacy::Vni, false), "Á Ô Ô");
        // A mark that fits nothing before it is kept.
        assert_eq!(decode("ù Café eê aùù", Legacy::Vni, false), "ù Café eê áù");
    }

    #[test]
    fn vni_phrases_match_the_npm_converter() {
        for (unicode, vni) in VNI_PHRASES {
            assert_eq!(decode(vni, Legacy::Vni, false), unicode);
            assert_eq!(encode_vni(unicode), vni);
        }
    }

    #[test]
    fn decodes_the_sample_phrases() {
        let tcvn3 = [
            ("tæng sè", "tổng số"),
            ("§¬n vÞ: triÖu ®ång", "Đơn vị: triệu đồng"),
            ("ñy ban nh©n d©n tØnh", "ủy ban nhân dân tỉnh"),
            ("Chi th\u{ad}êng xuyªn", "Chi thường xuyên"),
            ("Dù to¸n giao", "Dự toán giao"),
            ("QuyÕt to¸n", "Quyết toán"),
            ("N¨m 2014", "Năm 2014"),
        ];
        for (legacy, unicode) in tcvn3 {
            assert_eq!(decode(legacy, Legacy::Tcvn3, false), unicode);
            assert_eq!(encode_tcvn3(unicode), legacy);
        }
        let vni = [
            ("Toång soá", "Tổng số"),
            ("Ñôn vò tính: trieäu ñoàng", "Đơn vị tính: triệu đồng"),
            ("Ngaân saùch", "Ngân sách"),
        ];
        for (legacy, unicode) in vni {
            assert_eq!(decode(legacy, Legacy::Vni, false), unicode);
        }
        assert_eq!(decode("1.095 15/10/2014", Legacy::Tcvn3, false), "1.095 15/10/2014");
        assert_eq!(decode("Tổng số", Legacy::Tcvn3, false), "Tổng số");
    }

    #[test]
    fn all_capitals_fonts_upper_case() {
        assert_eq!(decode("tæng côc", Legacy::Tcvn3, true), "TỔNG CỤC");
        assert_eq!(decode("§¬n vÞ", Legacy::Tcvn3, true), "ĐƠN VỊ");
        assert_eq!(decode("ubnd", Legacy::Tcvn3, true), "UBND");
    }

    #[test]
    fn reads_font_names() {
        assert_eq!(font_encoding(".VnTimeH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(font_encoding(".VnTime"), Some((Legacy::Tcvn3, false)));
        assert_eq!(font_encoding(".vntime"), Some((Legacy::Tcvn3, false)));
        assert_eq!(font_encoding(".VnArial Narrow"), Some((Legacy::Tcvn3, false)));
        assert_eq!(font_encoding(".VnArial NarrowH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(font_encoding(" .VNTIMEH "), Some((Legacy::Tcvn3, true)));
        assert_eq!(font_encoding("VNtimes new roman"), Some((Legacy::Tcvn3, false)));
        assert_eq!(font_encoding("VNI-Times"), Some((Legacy::Vni, false)));
        assert_eq!(font_encoding("VNI-Helve"), Some((Legacy::Vni, false)));
        assert_eq!(font_encoding("vni-aptima"), Some((Legacy::Vni, false)));
        assert_eq!(font_encoding("VNI Times"), Some((Legacy::Vni, false)));
        assert_eq!(font_encoding("Times New Roman"), None);
        assert_eq!(font_encoding("Arial"), None);
        assert_eq!(font_encoding(".Vn"), None);
        assert_eq!(font_encoding("VNI"), None);
        assert_eq!(font_encoding(""), None);
        assert_eq!(Legacy::Tcvn3.label(), "TCVN3 (ABC)");
        assert_eq!(Legacy::Vni.label(), "VNI");
        assert_eq!(serde_json::to_string(&Legacy::Tcvn3).unwrap(), "\"tcvn3\"");
        assert_eq!(serde_json::from_str::<Legacy>("\"vni\"").unwrap(), Legacy::Vni);
    }

    #[test]
    fn detects_legacy_text() {
        for text in [
            "tæng sè",
            "§¬n vÞ: triÖu ®ång",
            "ñy ban nh©n d©n tØnh",
            "Chi th\u{ad}êng xuyªn",
            "Dù to¸n giao",
            "QuyÕt to¸n",
            "N¨m 2014",
            "Tæng",
            "“Tæng” – sè",
            "Sè TT, tæng sè",
        ] {
            assert_eq!(detect(text), Some(Legacy::Tcvn3), "{text}");
        }
        for text in ["Toång soá", "Ñôn vò tính: trieäu ñoàng", "Ngaân saùch"] {
            assert_eq!(detect(text), Some(Legacy::Vni), "{text}");
        }
        // Every phrase in both encodings, but for those that read as Unicode Vietnamese just as
        // well: TCVN3 "Ghi chó" (chó is a word), "Sè TT" and VNI "Soá TT".
        for (unicode, vni) in VNI_PHRASES {
            let ambiguous = unicode == "Số TT";
            let expected = |legacy| if ambiguous { None } else { Some(legacy) };
            // Capitals are typed with the lower-case codes of an all-capitals font (.VnTimeH).
            let all_capitals = unicode.chars().all(|c| !c.is_lowercase());
            let tcvn3 = if all_capitals { encode_tcvn3(&unicode.to_lowercase()) } else { encode_tcvn3(unicode) };
            assert_eq!(decode(&tcvn3, Legacy::Tcvn3, all_capitals), unicode);
            let tcvn3_expected = if unicode == "Ghi chú" { None } else { expected(Legacy::Tcvn3) };
            assert_eq!(detect(&tcvn3), tcvn3_expected, "{unicode}: {tcvn3}");
            assert_eq!(detect(vni), expected(Legacy::Vni), "{unicode}: {vni}");
            assert!(plausible(&tcvn3, Legacy::Tcvn3) && plausible(vni, Legacy::Vni), "{unicode}");
        }
    }

    #[test]
    fn leaves_other_text_alone() {
        for text in [
            "",
            "Tổng số",
            "Hoà Bình",
            "Hòa Bình",
            "Tân An",
            "Café",
            "Sè",
            "TT",
            "Sè TT",
            "1.095",
            "15/10/2014",
            "Total",
            "Ủy ban nhân dân",
            "Müller Straße",
            "Société Générale",
            "España",
            "25°C",
            "§ 12",
            "Bà Rịa – Vũng Tàu",
            "naïve façade",
            "Zürich",
            "São Paulo",
            "coração",
            "mañana",
            "Ærø",
            "crème brûlée",
            "Fußball",
            "Hôtel de Ville",
            "à la carte",
            "Malmö",
            "Chi phí",
            "Mê Linh",
            "Cà Mau",
            "Tây Ninh",
            "José María",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn plausible_cells_of_a_known_sheet() {
        assert!(plausible("Sè TT", Legacy::Tcvn3));
        assert!(plausible("Sè", Legacy::Tcvn3));
        assert!(plausible("N¨m", Legacy::Tcvn3));
        assert!(plausible("Céng", Legacy::Tcvn3));
        assert!(plausible("tæng sè", Legacy::Tcvn3));
        assert!(plausible("Ngaân saùch", Legacy::Vni));
        assert!(!plausible("Tân An", Legacy::Tcvn3));
        assert!(!plausible("Tân An", Legacy::Vni));
        assert!(!plausible("Café", Legacy::Tcvn3));
        // Capitals the ABC fonts lack are no evidence: "CỔ Mau", "Ổ la carte".
        assert!(!plausible("Cà Mau", Legacy::Tcvn3));
        assert!(!plausible("à la carte", Legacy::Tcvn3));
        assert!(!plausible("Café", Legacy::Vni));
        assert!(!plausible("TT", Legacy::Tcvn3));
        assert!(!plausible("Total", Legacy::Tcvn3));
        assert!(!plausible("Tổng số", Legacy::Tcvn3));
        assert!(!plausible("Toång soá", Legacy::Tcvn3));
        assert!(!plausible("tæng sè", Legacy::Vni));
    }

    #[test]
    fn sheet_vote_needs_a_clear_majority() {
        let mut vote = SheetVote::default();
        assert_eq!(vote.winner(), None);
        for text in ["STT", "1.095", "Sè", "Tân An"] {
            vote.add(text);
        }
        assert_eq!(vote.winner(), None);
        vote.add("tæng sè");
        assert_eq!(vote.winner(), Some(Legacy::Tcvn3));
        vote.add("Ngaân saùch");
        assert_eq!(vote.winner(), None);
        // The same text again counts once.
        for _ in 0..5 {
            vote.add("Ngaân saùch");
        }
        assert_eq!(vote.winner(), None);
        vote.add("§¬n vÞ: triÖu ®ång");
        vote.add("Dù to¸n giao");
        assert_eq!(vote.winner(), Some(Legacy::Tcvn3));

        let mut unicode = SheetVote::default();
        unicode.add("tæng sè");
        unicode.add("Tổng số");
        unicode.add("Đơn vị: triệu đồng");
        assert_eq!(unicode.winner(), None);
    }

    #[test]
    fn random_vietnamese_round_trips() {
        let letters = all_letters();
        let ascii: Vec<char> = "abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789 .,;:-()/%".chars().collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let length = 1 + rng.below(24);
            let text: String =
                (0..length)
                    .map(|_| {
                        if rng.below(2) == 0 {
                            letters[rng.below(letters.len())]
                        } else {
                            ascii[rng.below(ascii.len())]
                        }
                    })
                    .collect();
            assert_eq!(decode(&encode_tcvn3(&text), Legacy::Tcvn3, false), text, "{text}");
            assert_eq!(decode(&encode_vni(&text), Legacy::Vni, false), text, "{text}");
        }
    }

    #[test]
    fn never_panics() {
        let pool: Vec<char> = (0u32..0x100)
            .filter_map(char::from_u32)
            .chain("ăơưđĩũạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ€–“”\u{300}\u{301}\u{323}中😀".chars())
            .collect();
        let mut rng = Rng(12345);
        for _ in 0..3000 {
            let length = rng.below(16);
            let text: String = (0..length).map(|_| pool[rng.below(pool.len())]).collect();
            for encoding in [Legacy::Tcvn3, Legacy::Vni] {
                let _ = decode(&text, encoding, rng.below(2) == 0);
                let _ = plausible(&text, encoding);
            }
            let _ = detect(&text);
            let mut vote = SheetVote::default();
            vote.add(&text);
            let _ = vote.winner();
        }
    }

    #[test]
    fn reads_syllables() {
        for word in
            ["tổng", "số", "nghiêng", "quyết", "giữa", "gì", "khuỷu", "người", "hoà", "hòa", "Đồng", "ĐỒNG", "ạ"]
        {
            assert_eq!(syllable(word), Shape::Known, "{word}");
        }
        assert_eq!(syllable("tõn"), Shape::Unknown);
        for word in ["cafộ", "tỉng", "tỡng", "tổngg", "áà", "bỡnh", "hoổ", "đ", "qu", "tàc", "chech", "english", "x1"]
        {
            assert_eq!(syllable(word), Shape::Invalid, "{word}");
        }
    }

    #[test]
    fn splits_initials() {
        for (index, initial) in INITIALS.iter().enumerate() {
            let word = format!("{initial}a");
            let (letters, count, _) = letters_and_tone(&word).unwrap();
            let (found, rime) = split_initial(&letters[..count]).unwrap();
            assert_eq!((INITIALS[found], rime), (*initial, &b"a"[..]), "{word}");
            assert_eq!(found, index);
        }
        let (letters, count, _) = letters_and_tone("gìn").unwrap();
        assert_eq!(split_initial(&letters[..count]), Some((6, &b"in"[..])));
    }

    #[test]
    fn rime_table_is_well_formed() {
        let mut keys = HashSet::new();
        for (rime, masks) in RIMES {
            let codes: Vec<u8> = rime.chars().map(|c| letter_code(c).unwrap()).collect();
            let key = rime_key(codes.into_iter()).unwrap();
            assert!(keys.insert(key), "{rime}: distinct key");
            assert_eq!(rime_masks(key), Some(*masks), "{rime}");
        }
        assert!(RIMES.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no duplicates");
        for (rime, masks) in RIMES {
            assert_eq!(masks.len(), INITIALS.len(), "{rime}");
            assert!(masks.bytes().all(|b| (b'0'..=b'0' + 63).contains(&b)), "{rime}");
            assert!(masks.bytes().any(|b| b != b'0'), "{rime}");
        }
    }

    /// Prints [`RIMES`] from a list of Vietnamese syllables, one a line, named by
    /// `KEHOACH_VI_SYLLABLES` (the words of `@cspell/dict-vi-vn` 3.0.6, dumped with cspell-trie-lib's
    /// `iteratorTrieWords`). Run with `cargo test --lib print_rime_table -- --ignored --nocapture`.
    #[test]
    #[ignore = "needs a syllable list outside the repository"]
    fn print_rime_table() {
        use std::collections::BTreeMap;
        let path = std::env::var("KEHOACH_VI_SYLLABLES").expect("KEHOACH_VI_SYLLABLES");
        let words = std::fs::read_to_string(path).unwrap();
        let finals = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
        let mut table: BTreeMap<String, [u8; 28]> = BTreeMap::new();
        let (mut kept, mut skipped) = (0, 0);
        // English loans with a rime Vietnamese does not have.
        let foreign = ["ping"];
        for word in words.lines().map(str::trim).filter(|w| !w.is_empty() && !foreign.contains(w)) {
            let lower = word.to_lowercase();
            let parsed = letters_and_tone(&lower).and_then(|(letters, count, tone)| {
                let (initial, rime) = split_initial(&letters[..count])?;
                let vowels = rime.iter().take_while(|&&c| is_vowel_code(c)).count();
                let last: String = rime[vowels..].iter().map(|&c| char::from(c)).collect();
                let checked = matches!(last.as_str(), "c" | "ch" | "p" | "t");
                let fits = (1..=3).contains(&vowels) && finals.contains(&last.as_str()) && (!checked || tone >= 4);
                let rime: String = lower.chars().rev().take(rime.len()).collect::<Vec<_>>().into_iter().rev().collect();
                let rime: String =
                    rime.chars().map(|c| vowel(c).map_or(c, |(row, _)| VOWELS[usize::from(row)][0])).collect();
                fits.then_some((initial, rime, tone))
            });
            match parsed {
                Some((initial, rime, tone)) => {
                    table.entry(rime).or_insert([0; 28])[initial] |= 1 << tone;
                    kept += 1;
                }
                None => skipped += 1,
            }
        }
        eprintln!("{kept} syllables kept, {skipped} words skipped, {} rimes", table.len());
        println!("const RIMES: &[(&str, &str)] = &[");
        for (rime, masks) in table {
            let masks: String = masks.iter().map(|&m| char::from(b'0' + m)).collect();
            println!("    (\"{rime}\", r\"{masks}\"),");
        }
        println!("];");
    }
}
