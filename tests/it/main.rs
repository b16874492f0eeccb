//! All integration tests in one crate, so they link once and run in parallel.
//! Each module is one area; `common` holds the shared harness.

// Every module uses some of the harness, none all of it.
#[allow(dead_code)]
mod common;

mod app_flow;
mod caps;
mod cli;
mod code_shape;
mod compare;
mod content_clinical;
mod content_validation;
mod couple_ids;
mod couple_list;
mod crash;
mod docs;
mod entries_export;
#[cfg(unix)]
mod exchange;
mod export;
mod format_v2;
mod hangup;
#[cfg(unix)]
mod hostile_files;
mod hostile_output;
mod item_ids;
mod kinds_v2;
mod naming;
mod pairing;
mod practice;
mod privacy;
mod props;
#[cfg(unix)]
mod protect;
#[cfg(unix)]
mod protect_files;
#[cfg(unix)]
mod protect_offer;
mod pty;
mod ratings;
mod resume;
mod review_compare;
mod safety;
mod schema;
mod score;
mod session;
mod sharing;
mod snapshots;
mod store;
mod stray;
mod undo;
mod weeks;
