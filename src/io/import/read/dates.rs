//! Date-formatted cells: kept as dates, never read as amounts (a date in an amount column was
//! imported as its serial number, 41275 for 1 January 2013).

use calamine::ExcelDateTime;

use super::super::grid::{Cell, CellDate, decimal_from_f64};

/// A cell calamine reads as a date or duration (its number format shows one).
pub(super) fn date_cell(dt: &ExcelDateTime) -> Cell {
    let Some(serial) = decimal_from_f64(dt.as_f64()) else { return Cell::Error("#NUM!".into()) };
    let (year, month, day, ..) = dt.to_ymd_hms_milli();
    Cell::Date(CellDate { serial, year, month, day, duration: dt.is_duration() })
}

/// A date written as ISO 8601 text (`2013-01-01`, `2013-01-01T08:00:00`, as OpenDocument and
/// xlsx `t="d"` cells store them); other text stays text.
pub(super) fn iso_date_cell(s: &str) -> Cell {
    let date = s.get(..10).filter(|d| d.as_bytes().get(4) == Some(&b'-') && d.as_bytes().get(7) == Some(&b'-'));
    let parts = date.and_then(|d| {
        let year: u16 = d.get(..4)?.parse().ok()?;
        let month: u8 = d.get(5..7)?.parse().ok()?;
        let day: u8 = d.get(8..10)?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
    });
    match parts {
        Some((year, month, day)) => {
            let serial = rust_decimal::Decimal::from(serial_of(year, month, day));
            Cell::Date(CellDate { serial, year, month, day, duration: false })
        }
        None => super::cells::text(s).0,
    }
}

/// Excel's serial number of a date in the 1900 system (1 January 1900 is 1; from March 1900 on,
/// one more for Excel's 29 February 1900).
fn serial_of(year: u16, month: u8, day: u8) -> i64 {
    // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    let (y, m, d) = (i64::from(year) - i64::from(month <= 2), i64::from(month), i64::from(day));
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    // 1899-12-30 is day -25569 from 1970-01-01.
    let serial = days + 25_569;
    if serial < 61 { serial - 1 } else { serial }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;
    use rust_decimal_macros::dec;

    #[test]
    fn dates_keep_their_serial_and_calendar_date() {
        let cell = date_cell(&ExcelDateTime::new(41_275.0, calamine::ExcelDateTimeType::DateTime, false));
        let Cell::Date(d) = cell else { panic!("{cell:?}") };
        assert_eq!((d.serial, d.year, d.month, d.day), (dec!(41275), 2013, 1, 1));
        assert_eq!((d.text(Lang::Vi), d.text(Lang::En)), ("01/01/2013".to_string(), "2013-01-01".to_string()));
        assert_eq!(serial_of(2013, 1, 1), 41_275);
        assert_eq!(serial_of(1900, 1, 1), 1);
        assert_eq!(serial_of(1900, 3, 1), 61);
        assert_eq!(iso_date_cell("2013-01-01T00:00:00"), cell);
        assert_eq!(iso_date_cell("Năm 2013"), Cell::Text("Năm 2013".into()));
        let span = date_cell(&ExcelDateTime::new(1.5, calamine::ExcelDateTimeType::TimeDelta, false));
        let Cell::Date(span) = span else { panic!() };
        assert_eq!(span.text(Lang::En), "36:00");
    }
}
