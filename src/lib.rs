//! trustbook: a guided terminal workbook about trust in a relationship.
//!
//! The library holds everything but the process entry point, so tests and
//! benchmarks can build and drive an [`app::App`] without a terminal.

#![forbid(unsafe_code)]

pub mod answers;
pub mod app;
pub mod comparison;
pub mod content;
pub mod date;
pub mod editor;
pub mod entry;
pub mod exchange;
pub mod export;
pub mod external;
pub mod input;
pub mod partner;
pub mod persist;
pub mod present;
pub mod protecting;
pub mod revised;
pub mod safe;
pub mod session;
pub mod sharing;
pub mod store;
pub mod tui;
pub mod ui;
pub mod unlock;
pub mod vault;
pub mod week;
