//! Vietnamese letters: the vowels with their tones, and which characters a legacy text can hold.

use super::*;

/// Vietnamese vowels: one row per base vowel, the six tones in the order none, grave (huyền),
/// hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng). Lower-case rows, then the same rows in
/// upper case.
pub(super) const VOWELS: [[char; 6]; 24] = [
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
pub(super) const ROW_A: u8 = 0;
pub(super) const ROW_A_BREVE: u8 = 1;
pub(super) const ROW_A_CIRCUMFLEX: u8 = 2;
pub(super) const ROW_E: u8 = 3;
pub(super) const ROW_E_CIRCUMFLEX: u8 = 4;
pub(super) const ROW_O: u8 = 6;
pub(super) const ROW_O_CIRCUMFLEX: u8 = 7;

/// A vowel's row in [`VOWELS`] and its tone (0 = none).
pub(super) fn vowel(c: char) -> Option<(u8, u8)> {
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
pub(super) fn with_tone(c: char, tone: u8) -> Option<char> {
    match vowel(c)? {
        (row, 0) if (1..=5).contains(&tone) => Some(VOWELS[row as usize][tone as usize]),
        _ => None,
    }
}

/// Whether `c` is a letter of Vietnamese: ASCII letters, đ and the vowels with their marks.
pub(super) fn vietnamese_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' || vowel(c).is_some()
}

/// Vietnamese letters that do not exist in Latin-1: a text with one is Unicode, not legacy.
pub(super) fn is_unicode_only_letter(c: char) -> bool {
    let code = c as u32;
    (0x1EA0..=0x1EF9).contains(&code)
        || matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư')
}

/// Windows-1252 punctuation at 0x80–0x9F: legacy text may carry it (a dash, curly quotes), so it
/// does not disqualify a text; it is never decoded and separates words.
pub(super) fn is_cp1252_punctuation(c: char) -> bool {
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
pub(super) fn latin1_text(text: &str) -> bool {
    text.chars().all(|c| (c as u32) <= 0xFF || is_cp1252_punctuation(c))
}
