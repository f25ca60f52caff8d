//! TCVN3 (ABC, TCVN 5712) decoding.

use super::*;

/// TCVN 5712 bytes 0x80–0xFF, exactly as glibc's `iconv -f TCVN5712-1` decodes each single byte.
/// 0xB0–0xB4 are the combining grave, hook, tilde, acute and dot below (see the module notes).
pub(super) const TCVN3_HIGH: [char; 128] = [
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
pub(super) const TCVN3_LOW: [(u8, char); 12] = [
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

pub(super) fn is_tcvn3_control(byte: u8) -> bool {
    matches!(byte, 0x01 | 0x02 | 0x04..=0x06 | 0x11..=0x17)
}

/// TCVN 5712 capitals outside the VN3 subset that the ABC fonts implement (which has only
/// Ă Â Ê Ô Ơ Ư Đ): the control codes and 0xAF, 0xBA, 0xBF, 0xC0–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0, 0xFF.
pub(super) fn tcvn3_vn1_capital(c: char) -> bool {
    match c as u32 {
        code @ 0..0x80 => is_tcvn3_control(code as u8),
        code => {
            matches!(code, 0x80..=0x9F | 0xAF | 0xBA | 0xBF | 0xC0..=0xC5 | 0xCD | 0xD9..=0xDB | 0xE0 | 0xF0 | 0xFF)
        }
    }
}

/// Whether `c` belongs to a word of TCVN3 text (every byte from 0x80 up is a letter or a mark,
/// but for the no-break space).
pub(super) fn tcvn3_word_char(c: char) -> bool {
    match c as u32 {
        code @ 0..0x80 => c.is_ascii_alphabetic() || is_tcvn3_control(code as u8),
        code @ 0x80..=0xFF => code != 0xA0,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` belongs to a word of VNI text: a letter (every VNI character is a Latin-1 letter).
pub(super) fn vni_word_char(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_alphabetic(),
        code @ 0x80..=0xFF => matches!(code, 0xAA | 0xB5 | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF),
        _ => c.is_alphabetic(),
    }
}

pub(super) fn decode_tcvn3(text: &str, out: &mut String) {
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
