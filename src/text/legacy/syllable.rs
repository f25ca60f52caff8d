//! Vietnamese syllables: initial, rime and tone, checked against the rimes of the language.

use super::*;

/// Initial consonants, in the order of the columns of [`RIMES`]' masks.
pub(super) const INITIALS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu",
    "r", "s", "t", "th", "tr", "v", "x",
];

/// How well a word reads as one Vietnamese syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A syllable of Vietnamese.
    Known,
    /// Well formed, but no Vietnamese syllable.
    Unknown,
    /// Not a Vietnamese syllable.
    Invalid,
}

/// Codes of the base letters: ASCII letters are themselves, the others below.
pub(super) const CODE_A_BREVE: u8 = b'1';
pub(super) const CODE_A_CIRCUMFLEX: u8 = b'2';
pub(super) const CODE_E_CIRCUMFLEX: u8 = b'3';
pub(super) const CODE_O_CIRCUMFLEX: u8 = b'4';
pub(super) const CODE_O_HORN: u8 = b'5';
pub(super) const CODE_U_HORN: u8 = b'6';
pub(super) const CODE_D_STROKE: u8 = b'7';

/// The code of a base letter (lower case, without tone).
pub(super) fn letter_code(base: char) -> Option<u8> {
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
pub(super) fn letters_and_tone(word: &str) -> Option<([u8; 8], usize, u8)> {
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

pub(super) fn is_vowel_code(code: u8) -> bool {
    matches!(code, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | CODE_A_BREVE..=CODE_U_HORN)
}

/// Splits base letter codes into an initial (index into [`INITIALS`]) and the rest, the rime.
pub(super) fn split_initial(letters: &[u8]) -> Option<(usize, &[u8])> {
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
pub(super) fn rime_key(codes: impl Iterator<Item = u8>) -> Option<u32> {
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
pub(super) fn rime_masks(key: u32) -> Option<&'static str> {
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
pub(super) fn syllable(word: &str) -> Shape {
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
pub(super) fn acronym(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase() || c == 'Đ')
        && chars.next().is_some()
        && word.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
}

/// A capital after a small letter inside a word ("HoỔ") is no Vietnamese spelling.
pub(super) fn case_fits(word: &str) -> bool {
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
// The syllables of Vietnamese

/// Every rime (vowel cluster and final consonant, without tone, sorted), with the syllables of
/// Vietnamese that use it: one character per initial of [`INITIALS`], whose value minus `'0'` is a
/// bit mask of the tones (bit 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng) that exist after that
/// initial.
///
/// Generated by the ignored test `print_rime_table` from the syllables of the Vietnamese
/// spelling dictionary `@cspell/dict-vi-vn` 3.0.6 (MIT, © Street Side Software), parsed with
/// this module's own [`syllable`] splitting; tone position variants ("hoà"/"hòa") fall together.
pub(super) const RIMES: &[(&str, &str)] = &[
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
