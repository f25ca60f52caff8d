//! Checks of a workbook's container before calamine reads it, so that no file can make the
//! import read for minutes, take gigabytes or abort (issue 14: nothing bricks, freezes or leaks).
//!
//! - Zip packages (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`, [`check_package`]): every part's unpacked
//!   size and packing ratio from the central directory, the whole package's, the count of shared
//!   strings and an OpenDocument sheet's repeated rows and columns, before a reader unpacks them.
//! - `.xls` ([`check_xls`]): the compound file's sector chains as calamine follows them
//!   (`cfb.rs`), then the BIFF records as calamine reads them (`biff.rs`). What calamine cannot
//!   survive is neutralised in a rewritten file, or refused as damaged.

mod biff;
mod cfb;
mod ods;
mod zip;

pub(crate) use biff::{Biff, SheetBiff};
pub(crate) use zip::check_package;

use super::error::{Format, ImportError};
use super::limits::MAX_SHEETS;

/// Why a check stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fail {
    /// calamine returns an error of its own: let it tell.
    Clean,
    /// calamine would loop, allocate without bound or panic: the file is damaged.
    Damaged(&'static str),
    /// More sheets than [`MAX_SHEETS`].
    TooManySheets(usize),
}

/// An `.xls` as it is handed to calamine.
pub(crate) struct XlsChecked {
    /// A rewritten file, when records had to be changed.
    pub rewritten: Option<Vec<u8>>,
    /// What the records say; `None` when calamine will refuse the file anyway.
    pub biff: Option<Biff>,
}

/// Checks an `.xls` before calamine reads it.
pub(crate) fn check_xls(bytes: &[u8]) -> Result<XlsChecked, ImportError> {
    let untouched = XlsChecked { rewritten: None, biff: None };
    let refuse = |fail: Fail| match fail {
        Fail::Clean => Ok(XlsChecked { rewritten: None, biff: None }),
        Fail::Damaged(detail) => Err(ImportError::Damaged { format: Format::Xls, detail: detail.into() }),
        Fail::TooManySheets(count) => Err(ImportError::TooManySheets { count, limit: MAX_SHEETS }),
    };
    let mut stream = match cfb::workbook_stream(bytes) {
        Ok(stream) => stream,
        Err(fail) => return refuse(fail),
    };
    match biff::check(&mut stream) {
        Ok(biff) => {
            let rewritten = biff.patched.then(|| cfb::compound_file(&stream));
            Ok(XlsChecked { rewritten, biff: Some(biff) })
        }
        Err(Fail::Clean) => Ok(untouched),
        Err(fail) => refuse(fail),
    }
}
