//! trustbook: a guided terminal workbook about trust in a relationship.
//!
//! The library holds everything but the process entry point, so tests and
//! benchmarks can build and drive an [`app::App`] without a terminal.

pub mod answers;
pub mod app;
pub mod comparison;
pub mod content;
pub mod export;
pub mod external;
pub mod input;
pub mod partner;
pub mod persist;
pub mod present;
pub mod session;
pub mod store;
pub mod tui;
pub mod ui;

/// Writes a line to standard error, ignoring failure: after the terminal has
/// closed, `eprintln!` would panic, and a message nobody can read must not stop
/// the answers from being saved.
#[macro_export]
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
