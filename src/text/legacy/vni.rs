//! VNI-Windows decoding.

use super::*;

/// VNI characters that are a whole letter: ơ ư đ, the i family and ỵ.
pub(super) fn vni_letter(c: char) -> Option<char> {
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
pub(super) enum Mark {
    /// A tone only (any vowel).
    Tone,
    /// A circumflex (a, e, o), with a tone or none.
    Circumflex,
    /// A breve (a), with a tone or none.
    Breve,
}

/// VNI diacritic characters, lower or upper case: the mark and its tone (0 = none).
pub(super) fn vni_mark(c: char) -> Option<(Mark, u8)> {
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
pub(super) fn vni_apply(previous: char, mark: Mark, tone: u8) -> Option<char> {
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

pub(super) fn decode_vni(text: &str, out: &mut String) {
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
