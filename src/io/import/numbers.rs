//! Numbers typed as text, in Vietnamese (1.095,5) or English (1,095.5) style, and how to decide
//! what an ambiguous one ("1.095": 1095 or 1.095?) means from the rest of the sheet.

use rust_decimal::Decimal;

use crate::locale::{Lang, parse_number};
use crate::model::MoneyUnit;

/// What a text cell in a number position holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TextValue {
    /// A number, the same in both styles.
    Number(Decimal),
    /// One separator followed by three digits: `grouped` if it groups thousands, `decimal` if it
    /// marks decimals ("1.095" → 1095 or 1.095).
    Ambiguous {
        /// Read with the separator grouping thousands.
        grouped: Decimal,
        /// Read with the separator as the decimal mark.
        decimal: Decimal,
    },
    /// Nothing: blank, or a dash standing for "no money".
    Nothing,
    /// An error value pasted as text (`#REF!`).
    ErrorText,
    /// Not a number.
    NotANumber,
}

const ERROR_LITERALS: [&str; 8] = ["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#DATA!"];

/// Whether `text` is an Excel error value written out ("#REF!", "#N/A" …).
pub(crate) fn is_error_literal(text: &str) -> bool {
    let t = text.trim();
    ERROR_LITERALS.iter().any(|e| e.eq_ignore_ascii_case(t))
}

/// Reads a text cell that stands where a number is expected.
pub(crate) fn read_text(text: &str) -> TextValue {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "–" | "—" | "--") {
        return TextValue::Nothing;
    }
    if is_error_literal(t) {
        return TextValue::ErrorText;
    }
    match (parse_number(t, Lang::Vi), parse_number(t, Lang::En)) {
        (Ok(a), Ok(b)) if a == b => TextValue::Number(a),
        (Ok(a), Ok(b)) => {
            let (grouped, decimal) = if a.abs() > b.abs() { (a, b) } else { (b, a) };
            if leading_zero(t) {
                // "0.400" cannot group thousands: a group never starts with 0.
                TextValue::Number(decimal)
            } else {
                TextValue::Ambiguous { grouped, decimal }
            }
        }
        (Ok(a), Err(_)) | (Err(_), Ok(a)) => TextValue::Number(a),
        (Err(_), Err(_)) => TextValue::NotANumber,
    }
}

/// Whether the digits before the first separator are all zeros ("0.400", "-0,125").
fn leading_zero(t: &str) -> bool {
    let body = t.trim_start_matches(['-', '+', '(', '−', ' ']);
    let int: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
    !int.is_empty() && int.chars().all(|c| c == '0')
}

/// Order of magnitude of a non-zero decimal, exactly: ⌊log₁₀ |d|⌋ (1095 → 3, 0.4 → −1).
pub(crate) fn order_of(d: Decimal) -> Option<i32> {
    // Trailing zeros do not change the order (1.500 = 1500 × 10⁻³: 4 digits − 1 − 3 = 0), so
    // no normalising division is needed. Amounts fit in 64 bits, whose logarithm is cheaper.
    let m = d.mantissa().unsigned_abs();
    let log = match u64::try_from(m) {
        Ok(small) => small.checked_ilog10()?,
        Err(_) => m.checked_ilog10()?,
    };
    Some(log as i32 - d.scale() as i32)
}

/// Orders of magnitude a decimal can have: −28 (10⁻²⁸) to 28 (a 29-digit mantissa).
const ORDERS: usize = 57;
const LOWEST_ORDER: i32 = -28;

/// What the unambiguous numbers of a table say about its scale.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    /// How many numbers have each order of magnitude (index: order − [`LOWEST_ORDER`]).
    orders: [u32; ORDERS],
    count: usize,
    integers: usize,
    small_fractions: usize,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence { orders: [0; ORDERS], count: 0, integers: 0, small_fractions: 0 }
    }
}

impl Evidence {
    /// Takes one unambiguous amount into account.
    pub(crate) fn add(&mut self, value: Decimal) {
        let Some(order) = order_of(value) else { return };
        if let Some(n) = usize::try_from(order - LOWEST_ORDER).ok().and_then(|i| self.orders.get_mut(i)) {
            *n += 1;
            self.count += 1;
        }
        if value.is_integer() {
            self.integers += 1;
        } else if order <= 0 {
            self.small_fractions += 1;
        }
    }

    /// The order at position `count / 2` of the sorted orders.
    fn median_order(&self) -> Option<i32> {
        let mut rank = self.count / 2;
        for (i, &n) in self.orders.iter().enumerate() {
            if rank < n as usize {
                return Some(i as i32 + LOWEST_ORDER);
            }
            rank -= n as usize;
        }
        None
    }

    /// The smallest order seen.
    fn min_order(&self) -> Option<i32> {
        self.orders.iter().position(|&n| n > 0).map(|i| i as i32 + LOWEST_ORDER)
    }

    /// Decides an ambiguous number. Returns the value and whether the evidence was enough; when
    /// it is not, the caller warns at the cell.
    ///
    /// Each reading is scored by how far its order of magnitude is from the table's median, with
    /// a nudge from what the other numbers look like (all whole numbers of tens or more favour
    /// grouping; small fractions favour a decimal mark) and from the unit (amounts in tỷ đồng are
    /// small, in đồng or nghìn đồng large). Without other numbers only the unit decides.
    pub(crate) fn resolve(&self, grouped: Decimal, decimal: Decimal, unit: MoneyUnit) -> (Decimal, bool) {
        let (mut dg, mut dd) = match (self.median_order(), order_of(grouped), order_of(decimal)) {
            (Some(m), Some(g), Some(d)) if self.count >= 2 => ((g - m).abs(), (d - m).abs()),
            _ => {
                return match unit {
                    MoneyUnit::Billion => (decimal, false),
                    _ => (grouped, false),
                };
            }
        };
        let min_order = self.min_order().unwrap_or(0);
        if self.integers == self.count && min_order >= 1 && grouped.is_integer() {
            dd += 1;
        }
        if self.small_fractions > 0 {
            dg += 1;
        }
        match unit {
            MoneyUnit::Billion => dg += 1,
            MoneyUnit::Dong | MoneyUnit::Thousand => dd += 1,
            MoneyUnit::Million => {}
        }
        let confident = (dg - dd).abs() >= 2;
        if dg <= dd { (grouped, confident) } else { (decimal, confident) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reads_both_styles_and_flags_ambiguity() {
        assert_eq!(read_text("1.095,5"), TextValue::Number(dec!(1095.5)));
        assert_eq!(read_text("1,095.5"), TextValue::Number(dec!(1095.5)));
        assert_eq!(read_text("3,08"), TextValue::Number(dec!(3.08)));
        assert_eq!(read_text("0,4"), TextValue::Number(dec!(0.4)));
        assert_eq!(read_text("1.095.000"), TextValue::Number(dec!(1095000)));
        assert_eq!(read_text(" 70 "), TextValue::Number(dec!(70)));
        assert_eq!(read_text("1.095"), TextValue::Ambiguous { grouped: dec!(1095), decimal: dec!(1.095) });
        assert_eq!(read_text("1,095"), TextValue::Ambiguous { grouped: dec!(1095), decimal: dec!(1.095) });
        assert_eq!(read_text("0.400"), TextValue::Number(dec!(0.4)));
        assert_eq!(read_text("-"), TextValue::Nothing);
        assert_eq!(read_text("#REF!"), TextValue::ErrorText);
        assert_eq!(read_text("khoảng 70"), TextValue::NotANumber);
        assert_eq!(read_text("40%"), TextValue::NotANumber);
    }

    #[test]
    fn orders_of_magnitude_are_exact() {
        assert_eq!(order_of(dec!(1095)), Some(3));
        assert_eq!(order_of(dec!(1.095)), Some(0));
        assert_eq!(order_of(dec!(0.4)), Some(-1));
        assert_eq!(order_of(dec!(-25)), Some(1));
        assert_eq!(order_of(dec!(1000.000)), Some(3));
        assert_eq!(order_of(Decimal::ZERO), None);
    }

    fn evidence(values: &[Decimal]) -> Evidence {
        let mut e = Evidence::default();
        for v in values {
            e.add(*v);
        }
        e
    }

    #[test]
    fn hundreds_of_whole_triệu_mean_grouping() {
        let e = evidence(&[dec!(70), dec!(400), dec!(400), dec!(25), dec!(500), dec!(30)]);
        assert_eq!(e.resolve(dec!(1095), dec!(1.095), MoneyUnit::Million), (dec!(1095), true));
    }

    #[test]
    fn small_tỷ_with_decimals_mean_a_decimal_mark() {
        let e = evidence(&[dec!(0.4), dec!(2.5), dec!(2.3), dec!(0.2), dec!(3.08)]);
        assert_eq!(e.resolve(dec!(1095), dec!(1.095), MoneyUnit::Billion), (dec!(1.095), true));
    }

    #[test]
    fn without_evidence_the_unit_decides_and_asks_for_a_check() {
        let e = Evidence::default();
        assert_eq!(e.resolve(dec!(1095), dec!(1.095), MoneyUnit::Million), (dec!(1095), false));
        assert_eq!(e.resolve(dec!(1095), dec!(1.095), MoneyUnit::Billion), (dec!(1.095), false));
    }

    #[test]
    fn middling_evidence_is_not_enough() {
        let e = evidence(&[dec!(12), dec!(45), dec!(30.5), dec!(8)]);
        let (_, confident) = e.resolve(dec!(1095), dec!(1.095), MoneyUnit::Million);
        assert!(!confident);
    }
}
