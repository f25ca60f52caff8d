//! Who does what: the plan's agencies, its tasks (nhiệm vụ, giải pháp) and its reporting
//! calendar. Agencies are named where they act (a line's lead, a task's partners …); the
//! directory gives each name its short form, level and the districts it follows, and renaming an
//! agency there renames it everywhere ([`crate::engine::Edit::RenameAgency`]).

use serde::{Deserialize, Serialize};

use super::ItemId;
use crate::locale::Text;

/// Where an agency sits in the province's administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    /// A provincial department or board (sở, ban, ngành tỉnh).
    #[default]
    Province,
    /// A district or town (huyện, thành phố).
    District,
    /// A commune, ward or town (xã, phường, thị trấn).
    Commune,
    /// An association (hội: Hội Khuyến học, Hội Nông dân …).
    Association,
    /// A mass organisation (đoàn thể: Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ …).
    MassOrganisation,
    /// Anything else (a school, a centre, a ministry).
    Other,
}

impl AgencyLevel {
    /// Every level in display order.
    pub const ALL: [AgencyLevel; 6] =
        [Self::Province, Self::District, Self::Commune, Self::Association, Self::MassOrganisation, Self::Other];

    /// Stable code, as in the JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::District => "district",
            Self::Commune => "commune",
            Self::Association => "association",
            Self::MassOrganisation => "mass_organisation",
            Self::Other => "other",
        }
    }

    /// Inverse of [`AgencyLevel::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// What it is called.
    pub fn name(self) -> Text {
        match self {
            Self::Province => Text::fixed("Cấp tỉnh", "Provincial"),
            Self::District => Text::fixed("Cấp huyện", "District"),
            Self::Commune => Text::fixed("Cấp xã", "Commune"),
            Self::Association => Text::fixed("Hội", "Association"),
            Self::MassOrganisation => Text::fixed("Đoàn thể", "Mass organisation"),
            Self::Other => Text::fixed("Khác", "Other"),
        }
    }

    /// The level a name says ("UBND huyện Na Rì" is a district, "Hội Khuyến học" an
    /// association), the province's when it says none.
    pub fn guess(name: &str) -> Self {
        let f = crate::text::fold(name);
        let starts = |words: &[&str]| words.iter().any(|w| f.starts_with(w));
        let has = |words: &[&str]| words.iter().any(|w| f.contains(w));
        if starts(&["ubnd xa", "ubnd phuong", "ubnd thi tran", "xa ", "phuong ", "thi tran ", "cac xa"]) {
            Self::Commune
        } else if starts(&[
            "ubnd huyen",
            "ubnd thanh pho",
            "ubnd thi xa",
            "huyen ",
            "thanh pho ",
            "thi xa ",
            "cac huyen",
        ]) {
            Self::District
        } else if has(&[
            "mat tran",
            "doan thanh nien",
            "tinh doan",
            "hoi lien hiep phu nu",
            "hoi phu nu",
            "lien doan lao dong",
            "hoi cuu chien binh",
            "hoi nong dan",
        ]) {
            Self::MassOrganisation
        } else if starts(&["hoi "]) {
            Self::Association
        } else {
            Self::Province
        }
    }
}

/// An agency of the plan's directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Agency {
    /// Stable id.
    pub id: ItemId,
    /// Its name as the plan writes it where it acts: "Sở Giáo dục và Đào tạo".
    pub name: String,
    /// Short name: "Sở GD&ĐT".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    /// Its level.
    #[serde(default)]
    pub level: AgencyLevel,
    /// The districts or communes it follows and guides ("Phụ trách theo dõi, chỉ đạo huyện Na Rì").
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::bounded::links")]
    pub follows: Vec<String>,
}

/// A task (nhiệm vụ, giải pháp) and who does it, when, where, with which money, for which
/// targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Task {
    /// Stable id.
    pub id: ItemId,
    /// The heading it stands under: a component plan ("Kế hoạch thành phần"), a section.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// Its number as the plan writes it: "1.", "1.1", "a)".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// What is to be done (nội dung).
    pub name: String,
    /// The lead agency (chủ trì), by its name in the directory.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    /// Coordinating agencies (phối hợp).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::bounded::links")]
    pub partners: Vec<String>,
    /// When, as the plan writes it: "2013–2015", "Giai đoạn 1", "trước tháng 5/2013",
    /// "hằng năm", "Theo hướng dẫn của Bộ" ([`crate::engine::work::TaskTime`] reads it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    /// The districts or communes it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::bounded::links")]
    pub places: Vec<String>,
    /// The budget lines whose money it spends.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::bounded::links")]
    pub lines: Vec<ItemId>,
    /// The targets it serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::bounded::links")]
    pub targets: Vec<ItemId>,
    /// Notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// What kind of review or report an entry of the calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// A periodic report ("định kỳ 6 tháng", "hằng năm").
    #[default]
    Periodic,
    /// A report on given dates ("trước ngày 15/12/2013").
    Dated,
    /// A mid-term review (sơ kết).
    MidTerm,
    /// The final review (tổng kết).
    Final,
}

impl ReportKind {
    /// Every kind in display order.
    pub const ALL: [ReportKind; 4] = [Self::Periodic, Self::Dated, Self::MidTerm, Self::Final];

    /// Stable code, as in the JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Periodic => "periodic",
            Self::Dated => "dated",
            Self::MidTerm => "mid_term",
            Self::Final => "final",
        }
    }

    /// Inverse of [`ReportKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What it is called.
    pub fn name(self) -> Text {
        match self {
            Self::Periodic => Text::fixed("Báo cáo định kỳ", "Periodic report"),
            Self::Dated => Text::fixed("Báo cáo theo hạn", "Report by a date"),
            Self::MidTerm => Text::fixed("Sơ kết", "Mid-term review"),
            Self::Final => Text::fixed("Tổng kết", "Final review"),
        }
    }
}

/// An entry of the reporting calendar: what is reported or reviewed, when, by whom, to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Report {
    /// Stable id.
    pub id: ItemId,
    /// Periodic, dated, mid-term or final.
    #[serde(default)]
    pub kind: ReportKind,
    /// What it is: "Báo cáo tình hình thực hiện kế hoạch".
    pub name: String,
    /// When, as the plan writes it: "tháng 6 và tháng 12 hằng năm", "cuối năm 2025"
    /// ([`crate::engine::work::report_dates`] reads it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when: String,
    /// Who reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    /// To whom.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to: String,
}
