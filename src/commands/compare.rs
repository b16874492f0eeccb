//! `trustbook compare A B`: two profiles' answers side by side, blind until both answered.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use trustbook::content::Workbook;
use trustbook::store::resolve_data_dir;
use trustbook::{comparison as cmp, partner};

use super::{fail, print_result};

/// Width used when standard output is not a terminal and no `--width` is given.
const DEFAULT_WIDTH: u16 = 80;

/// Prints the comparison of profiles `a` and `b` (own or imported partner profiles) at
/// `width` columns, else the terminal's width, else 80.
pub fn compare(data_dir: Option<&Path>, wb: &Workbook, a: &str, b: &str, width: Option<u16>) -> ExitCode {
    if a == b {
        return fail(format!(
            "compare needs two different profiles, e.g. `trustbook compare {a} sam`."
        ));
    }
    let dir = match resolve_data_dir(data_dir) {
        Ok(dir) => dir,
        Err(e) => return fail(e),
    };
    let read = |name: &str| partner::read(&dir, name, &wb.id);
    let (answers_a, answers_b) = match (read(a), read(b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let comparison = cmp::compare(wb, (a, &answers_a), (b, &answers_b));
    let text = cmp::render_text(&comparison, width.unwrap_or_else(terminal_width));
    match print_result(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write the comparison: {e}")),
    }
}

/// The terminal's width when standard output is one, else [`DEFAULT_WIDTH`].
fn terminal_width() -> u16 {
    if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(w, _)| w)
    } else {
        DEFAULT_WIDTH
    }
}
