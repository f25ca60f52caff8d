//! Money units used by the plans ("Đơn vị tính").

use crate::locale::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The unit amounts are written in: đồng, nghìn đồng, triệu đồng or tỷ đồng.
///
/// Amounts are stored in the plan's own unit; the display unit can differ and the conversion is
/// exact (powers of ten).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    /// đồng
    Dong,
    /// nghìn đồng (1,000 đồng)
    Thousand,
    /// triệu đồng (1,000,000 đồng), the usual unit of plan annexes
    #[default]
    Million,
    /// tỷ đồng (1,000,000,000 đồng)
    Billion,
}

pub use super::limits::MAX_AMOUNT_DONG_DIGITS;

impl MoneyUnit {
    /// The largest amount (exclusive) accepted in this unit: 10^21 đồng.
    pub fn max_amount(self) -> Decimal {
        // One power of ten, not a loop of products: it is checked for every amount of a draft
        // that is loaded. 10^21 fits a decimal's 96-bit mantissa.
        Decimal::from_i128_with_scale(10i128.pow(MAX_AMOUNT_DONG_DIGITS - self.exponent()), 0)
    }

    /// Whether `amount` (in this unit) is within the accepted size.
    pub fn accepts(self, amount: Decimal) -> bool {
        amount.abs() < self.max_amount()
    }

    /// All units, smallest first.
    pub const ALL: [MoneyUnit; 4] = [Self::Dong, Self::Thousand, Self::Million, Self::Billion];

    /// Power of ten of one unit in đồng.
    pub fn exponent(self) -> u32 {
        match self {
            Self::Dong => 0,
            Self::Thousand => 3,
            Self::Million => 6,
            Self::Billion => 9,
        }
    }

    /// Factor that converts an amount in `self` into an amount in `to` (exact).
    pub fn convert(self, amount: Decimal, to: MoneyUnit) -> Decimal {
        let (from_e, to_e) = (self.exponent() as i64, to.exponent() as i64);
        let diff = from_e - to_e;
        let mut value = amount;
        if diff > 0 {
            for _ in 0..diff {
                // Saturates instead of overflowing: such an amount fails `accepts` afterwards.
                value = value.saturating_mul(Decimal::TEN);
            }
        } else {
            // Division by a power of ten is exact: it only moves the decimal point.
            let mut scaled = value;
            let mut ok = true;
            for _ in 0..(-diff) {
                match scaled.checked_div(Decimal::TEN) {
                    Some(v) => scaled = v,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                value = scaled;
            }
        }
        value.normalize()
    }

    /// What it is called (Vietnamese as written in the unit line).
    pub fn name(self) -> Text {
        match self {
            Self::Dong => Text::fixed("đồng", "VND"),
            Self::Thousand => Text::fixed("nghìn đồng", "thousand VND"),
            Self::Million => Text::fixed("triệu đồng", "million VND"),
            Self::Billion => Text::fixed("tỷ đồng", "billion VND"),
        }
    }

    /// Stable code used in files and `<select>` values.
    pub fn code(self) -> &'static str {
        match self {
            Self::Dong => "dong",
            Self::Thousand => "thousand",
            Self::Million => "million",
            Self::Billion => "billion",
        }
    }

    /// Inverse of [`MoneyUnit::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == code)
    }

    /// Recognises a unit in free text such as "Đơn vị tính: Triệu đồng", "ĐVT: tỷ đồng",
    /// "(triệu VNĐ)" or "Unit: million VND".
    pub fn recognise(text: &str) -> Option<Self> {
        let t = crate::text::fold(text);
        // Order matters: "nghin dong" contains "dong".
        const TABLE: [(&str, MoneyUnit); 14] = [
            ("ty dong", MoneyUnit::Billion),
            ("ty vnd", MoneyUnit::Billion),
            ("billion", MoneyUnit::Billion),
            ("trieu dong", MoneyUnit::Million),
            ("trieu vnd", MoneyUnit::Million),
            ("tr.dong", MoneyUnit::Million),
            ("tr. dong", MoneyUnit::Million),
            ("million", MoneyUnit::Million),
            ("nghin dong", MoneyUnit::Thousand),
            ("ngan dong", MoneyUnit::Thousand),
            ("1000 dong", MoneyUnit::Thousand),
            ("thousand", MoneyUnit::Thousand),
            ("dong", MoneyUnit::Dong),
            ("vnd", MoneyUnit::Dong),
        ];
        TABLE.iter().find(|(k, _)| t.contains(k)).map(|(_, u)| *u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn converts_exactly_between_units() {
        assert_eq!(MoneyUnit::Billion.convert(dec!(5.4), MoneyUnit::Million), dec!(5400));
        assert_eq!(MoneyUnit::Million.convert(dec!(3080), MoneyUnit::Billion), dec!(3.08));
        assert_eq!(MoneyUnit::Million.convert(dec!(0.000001), MoneyUnit::Dong), dec!(1));
        assert_eq!(MoneyUnit::Dong.convert(dec!(1), MoneyUnit::Billion), dec!(0.000000001));
    }

    #[test]
    fn bounds_amounts_at_a_million_ty() {
        assert_eq!(MoneyUnit::Million.max_amount(), dec!(1000000000000000));
        assert!(MoneyUnit::Billion.accepts(dec!(999999999999)));
        assert!(!MoneyUnit::Billion.accepts(dec!(-1000000000000)));
    }

    #[test]
    fn recognises_unit_lines() {
        assert_eq!(MoneyUnit::recognise("Đơn vị tính: Triệu đồng"), Some(MoneyUnit::Million));
        assert_eq!(MoneyUnit::recognise("ĐVT: tỷ đồng"), Some(MoneyUnit::Billion));
        assert_eq!(MoneyUnit::recognise("Đơn vị: nghìn đồng"), Some(MoneyUnit::Thousand));
        assert_eq!(MoneyUnit::recognise("Đơn vị tính: đồng"), Some(MoneyUnit::Dong));
        assert_eq!(MoneyUnit::recognise("Unit: million VND"), Some(MoneyUnit::Million));
        assert_eq!(MoneyUnit::recognise("Nội dung"), None);
    }
}
