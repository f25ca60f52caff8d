//! Stub until the real module lands.
#![allow(missing_docs, dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Legacy {
    Tcvn3,
    Vni,
}
impl Legacy {
    pub fn label(self) -> &'static str {
        match self {
            Self::Tcvn3 => "TCVN3 (ABC)",
            Self::Vni => "VNI",
        }
    }
}
pub fn font_encoding(_font: &str) -> Option<(Legacy, bool)> {
    None
}
pub fn decode(text: &str, _e: Legacy, _u: bool) -> String {
    text.to_string()
}
pub fn detect(_t: &str) -> Option<Legacy> {
    None
}
pub fn plausible(_t: &str, _e: Legacy) -> bool {
    false
}
#[derive(Default)]
pub struct SheetVote;
impl SheetVote {
    pub fn add(&mut self, _t: &str) {}
    pub fn winner(&self) -> Option<Legacy> {
        None
    }
}
