//! Helpers shared by the fuzz targets: the byte encoding of grids and what each target checks.

pub mod checks;
pub mod grid_input;
pub mod plan_ops;
