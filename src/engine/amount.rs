//! Reading an amount of money a planner types (a cell of the grid, a phase total to spread, a
//! source's fixed amount): a number in the language's style, in the unit it is typed in,
//! converted exactly to the plan's unit and bounded there.

use rust_decimal::Decimal;
use thiserror::Error;

use crate::locale::{Lang, Message, NumberError, Text, parse_number};
use crate::model::MoneyUnit;

/// Why typed text is not an amount the plan can hold.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AmountError {
    /// Nothing but white space: for a cell, "empty it"; for other fields, an error.
    #[error("empty")]
    Empty,
    /// Not a number in the language's style, or one with too many digits.
    #[error(transparent)]
    Number(NumberError),
    /// A number at or beyond 10^[`MAX_AMOUNT_DONG_DIGITS`](crate::model::MAX_AMOUNT_DONG_DIGITS)
    /// đồng once converted to the plan's unit; the amount is the converted one (saturated when
    /// the conversion overflows).
    #[error("amount {0} is too large")]
    TooLarge(Decimal),
}

impl Message for AmountError {
    /// What is wrong, as the fields show it.
    fn text(&self, lang: Lang) -> String {
        match self {
            Self::Empty => NumberError::Empty.text(lang),
            Self::Number(e) => e.text(lang),
            Self::TooLarge(_) => Text::fixed(
                "Số quá lớn: một khoản kinh phí phải nhỏ hơn một triệu tỷ đồng.",
                "Too large: an amount must stay below a million billion VND.",
            )
            .into_string(lang),
        }
    }
}

/// Reads `text` as an amount typed in `typed_in` (the display unit) in `lang`'s number style
/// ([`parse_number`]), and returns it in `plan_unit`: converted exactly (a power of ten, no
/// rounding) and normalized (no trailing zeros), as the plan stores typed amounts.
///
/// The bound applies to the converted amount: 999.999 tỷ typed is 999.999.000 triệu, within the
/// limit of a plan in triệu; 1.000.000 tỷ is refused whatever the plan's unit.
pub fn parse_amount(text: &str, lang: Lang, typed_in: MoneyUnit, plan_unit: MoneyUnit) -> Result<Decimal, AmountError> {
    let typed = parse_number(text, lang).map_err(|e| match e {
        NumberError::Empty => AmountError::Empty,
        e => AmountError::Number(e),
    })?;
    let amount = typed_in.convert(typed, plan_unit);
    if plan_unit.accepts(amount) { Ok(amount) } else { Err(AmountError::TooLarge(amount)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    use MoneyUnit::{Billion, Dong, Million, Thousand};

    #[test]
    fn reads_both_styles_in_the_plans_unit() {
        assert_eq!(parse_amount("1.095,5", Lang::Vi, Million, Million), Ok(dec!(1095.5)));
        assert_eq!(parse_amount("1,095.5", Lang::En, Million, Million), Ok(dec!(1095.5)));
        assert_eq!(parse_amount(" (15) ", Lang::Vi, Million, Million), Ok(dec!(-15)));
        assert_eq!(parse_amount("3.5", Lang::Vi, Million, Million), Ok(dec!(3.5)), "a lone dot is a decimal mark");
        // Normalized as stored: "10,50" is 10.5, written "10.5" in the draft.
        assert_eq!(parse_amount("10,50", Lang::Vi, Million, Million).map(|v| v.to_string()), Ok("10.5".into()));
    }

    #[test]
    fn converts_from_the_display_unit_exactly() {
        assert_eq!(parse_amount("5,4", Lang::Vi, Billion, Million), Ok(dec!(5400)));
        assert_eq!(parse_amount("3.080", Lang::Vi, Million, Billion), Ok(dec!(3.08)));
        assert_eq!(parse_amount("0.000001", Lang::En, Million, Dong), Ok(dec!(1)));
        assert_eq!(parse_amount("1", Lang::En, Dong, Billion), Ok(dec!(0.000000001)));
        assert_eq!(parse_amount("1,5", Lang::Vi, Thousand, Million), Ok(dec!(0.0015)));
        // A third of a triệu has no exact decimal, but a typed amount always converts exactly.
        let typed = "333.333,333333";
        let in_dong = parse_amount(typed, Lang::Vi, Million, Dong).unwrap();
        assert_eq!(in_dong, dec!(333333333333));
        assert_eq!(parse_amount(&in_dong.to_string(), Lang::En, Dong, Million), Ok(dec!(333333.333333)));
    }

    #[test]
    fn bounds_the_amount_in_the_plans_unit_after_conversion() {
        // The limit is 10^21 đồng: 10^15 triệu, 10^12 tỷ.
        assert_eq!(parse_amount("999.999.999.999", Lang::Vi, Billion, Million), Ok(dec!(999999999999000)));
        assert_eq!(
            parse_amount("1.000.000.000.000", Lang::Vi, Billion, Million),
            Err(AmountError::TooLarge(dec!(1000000000000000)))
        );
        // 5 × 10^12 typed in tỷ is below the plan's bound as a number of triệu (10^15), but it is
        // 5 × 10^15 triệu: refused. Bounding before the conversion took it.
        assert!(Million.accepts(dec!(5000000000000)));
        assert_eq!(
            parse_amount("5.000.000.000.000", Lang::Vi, Billion, Million),
            Err(AmountError::TooLarge(dec!(5000000000000000)))
        );
        // 10^14 typed in triệu is beyond a plan in tỷ as a number (10^12), but it is 10^11 tỷ: taken.
        assert!(!Billion.accepts(dec!(100000000000000)));
        assert_eq!(parse_amount("100000000000000", Lang::En, Million, Billion), Ok(dec!(100000000000)));
        // Negative amounts are bounded by their size.
        assert!(matches!(parse_amount("-1000000000000000", Lang::En, Million, Million), Err(AmountError::TooLarge(_))));
        assert_eq!(parse_amount("-999999999999999", Lang::En, Million, Million), Ok(dec!(-999999999999999)));
        // Far beyond a decimal once converted: saturated, and refused.
        assert!(matches!(
            parse_amount("79.000.000.000.000.000.000.000.000.000", Lang::Vi, Billion, Dong),
            Err(AmountError::TooLarge(_))
        ));
    }

    #[test]
    fn empty_text_and_garbage_are_errors_with_the_fields_messages() {
        assert_eq!(parse_amount("", Lang::Vi, Million, Million), Err(AmountError::Empty));
        assert_eq!(parse_amount(" \u{a0} ", Lang::En, Million, Million), Err(AmountError::Empty));
        assert_eq!(AmountError::Empty.text(Lang::Vi), "Ô trống");
        assert_eq!(AmountError::Empty.text(Lang::En), "Empty");
        for garbage in ["abc", "12a", "1e5", "1,095,5", "Tổng"] {
            let err = parse_amount(garbage, Lang::Vi, Million, Million).unwrap_err();
            assert!(matches!(err, AmountError::Number(NumberError::NotANumber(_))), "{garbage}: {err:?}");
        }
        let err = parse_amount("abc", Lang::Vi, Million, Million).unwrap_err();
        assert_eq!(err.text(Lang::Vi), "«abc» không phải là số. Ví dụ: 1.095,5");
        assert_eq!(err.text(Lang::En), "'abc' is not a number. Example: 1,095.5");
        let long = "1".repeat(40);
        assert!(matches!(
            parse_amount(&long, Lang::En, Million, Million),
            Err(AmountError::Number(NumberError::TooLong(_)))
        ));
        let big = AmountError::TooLarge(dec!(1000000000000000));
        assert_eq!(big.text(Lang::Vi), "Số quá lớn: một khoản kinh phí phải nhỏ hơn một triệu tỷ đồng.");
        assert_eq!(big.text(Lang::En), "Too large: an amount must stay below a million billion VND.");
    }
}
