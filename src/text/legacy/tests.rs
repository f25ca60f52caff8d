//! Tests of the legacy encodings against iconv and real labels.

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
    ("Kế hoạch đầu tư công trung hạn giai đoạn 2016-2020", "Keá hoaïch ñaàu tö coâng trung haïn giai ñoaïn 2016-2020"),
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
        let text: String = (0..length)
            .map(|_| if rng.below(2) == 0 { letters[rng.below(letters.len())] } else { ascii[rng.below(ascii.len())] })
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
    for word in ["tổng", "số", "nghiêng", "quyết", "giữa", "gì", "khuỷu", "người", "hoà", "hòa", "Đồng", "ĐỒNG", "ạ"]
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
