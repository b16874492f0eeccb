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
/// `width` columns, else the terminal's width, else 80; with `week` (a day), only that
/// week of each weekly part.
pub fn run(g: &super::Globals, (a, b): (&str, &str), width: Option<u16>, week: Option<i64>) -> ExitCode {
    match super::load_workbook(g.content.as_deref()) {
        Ok(wb) => compare(g.data_dir.as_deref(), &wb, (a, b), width, week),
        Err(code) => code,
    }
}

/// [`run`] on a loaded workbook.
fn compare(
    data_dir: Option<&Path>,
    wb: &Workbook,
    (a, b): (&str, &str),
    width: Option<u16>,
    week: Option<i64>,
) -> ExitCode {
    if a == b {
        return fail(format!(
            "compare needs two different profiles, e.g. `trustbook compare {a} sam`."
        ));
    }
    let dir = match resolve_data_dir(data_dir) {
        Ok(dir) => dir,
        Err(e) => return fail(e),
    };
    // `a` is the person asking: their own answers; `b`'s only as far as `b` shared them
    // with `a`.
    // Your own protected profile asks its passphrase first; its key also opens what was
    // shared with it encrypted.
    let protection = match super::protect::protection_of(&dir, a) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let (answers_a, answers_b) = match (
        // An own profile is read as every command reads it (plain or protected, saying
        // when an answer is used cut); an imported one as it was exported.
        match trustbook::store::profile_kind(&dir, a) {
            Some(trustbook::store::ProfileKind::Own) => super::protect::read_own_as(&dir, a, wb, &protection)
                .map(|s| s.map(|s| s.answers).unwrap_or_default()),
            Some(trustbook::store::ProfileKind::Partner) | None => partner::read_mine(&dir, a, &wb.id),
        },
        partner::read_shared(&dir, b, a, &wb.id, &protection),
    ) {
        (Ok(x), Ok(Some(y))) => (x, y),
        (Ok(x), Ok(None)) => {
            // Nothing of b's is shown; the comparison still says where a stands.
            let why = trustbook::sharing::NotShared::NotShared {
                owner: b.to_string(),
                reader: a.to_string(),
            };
            trustbook::report!("note: {why}");
            (x, trustbook::answers::Answers::default())
        }
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let monday = week.map(|day| trustbook::date::civil_from_days(week_holding(day, &answers_a, &answers_b)));
    let now = trustbook::answers::now_utc();
    let mut comparison = cmp::compare_at(wb, (a, &answers_a), (b, &answers_b), monday.as_deref(), &now);
    if let Some(monday) = &monday {
        // One week asked for: only its rows, counted again, or plainly that it has none.
        comparison.chapters.retain(|c| c.week.is_some());
        if comparison.chapters.is_empty() {
            let week = trustbook::entry::Entry::new(monday.clone(), String::new())
                .label(trustbook::content::Rhythm::Weekly);
            trustbook::say!(
                "Neither {} nor {} has a check-in for the {week}; `trustbook compare {a} {b}` without --week shows every week there is.",
                trustbook::safe::line(a),
                trustbook::safe::line(b)
            );
            return ExitCode::SUCCESS;
        }
        comparison.summary = week_summary(&comparison);
    }
    let changes = trustbook::exchange::local::changes(&dir, (a, b), (&answers_a, &answers_b), &protection);
    let comparison = comparison.with_changes(wb, &changes);
    let width = width.unwrap_or_else(terminal_width);
    let text = cmp::render_text(&comparison, width);
    if page(&text) {
        return ExitCode::SUCCESS;
    }
    match print_result(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write the comparison: {e}")),
    }
}

/// The counts of a comparison narrowed to one week, from its rows as they are.
fn week_summary(c: &cmp::Comparison) -> cmp::Summary {
    let rows = c.chapters.iter().flat_map(|ch| &ch.rows);
    let mut s = cmp::Summary::default();
    for row in rows {
        s.total += 1;
        match &row.view {
            cmp::RowView::Both { .. } => s.shown += 1,
            cmp::RowView::Hidden { me, .. } => {
                s.waiting_on_me += usize::from(*me == cmp::Share::NotAnswered);
            }
        }
    }
    s
}

/// The terminal's width when standard output is one, else [`DEFAULT_WIDTH`].
fn terminal_width() -> u16 {
    if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(w, _)| w)
    } else {
        DEFAULT_WIDTH
    }
}

/// Shows `text` through a pager when standard output is a terminal and the text is
/// taller than it, as git does: `$PAGER` (run by the shell, so it may carry options),
/// else `less -R` when it is on PATH. False when nothing was paged (piped output, short
/// text, no pager, a pager that would not start): the caller prints it instead.
fn page(text: &str) -> bool {
    use std::io::Write;
    use std::process::{Command, Stdio};
    if !std::io::stdout().is_terminal() {
        return false;
    }
    let rows = ratatui::crossterm::terminal::size().map_or(24, |(_, h)| h);
    if text.lines().count() < usize::from(rows) {
        return false;
    }
    // Sanitised once, the same way printing it would.
    let mut shown = Vec::new();
    if trustbook::safe::write_out(&mut shown, text).is_err() {
        return false;
    }
    let pager = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty());
    let mut command = match pager {
        // `PAGER=cat` and the like are honoured, including an empty choice of none.
        Some(p) => {
            let mut c = Command::new("sh");
            c.arg("-c").arg(p);
            c
        }
        None if on_path("less") => {
            let mut c = Command::new("less");
            c.arg("-R");
            c
        }
        None => return false,
    };
    // Like git: quit when it fits, keep colours, leave the text on screen.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let Ok(mut child) = command.stdin(Stdio::piped()).spawn() else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A pager quit early closes the pipe: nothing more to show.
        let _ = stdin.write_all(&shown);
    }
    let _ = child.wait();
    true
}

/// True if `name` is an executable file in a folder of `$PATH`.
fn on_path(name: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(name))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// The first day of the week holding `day`: a week either partner kept that runs on
/// that day, else the week from the couple's first day (the later of the two settings).
fn week_holding(day: i64, a: &trustbook::answers::Answers, b: &trustbook::answers::Answers) -> i64 {
    let kept = [a, b]
        .into_iter()
        .flat_map(|x| x.entries.values().flatten())
        .filter(|e| e.is_live())
        .map(trustbook::entry::Entry::day)
        .filter(|d| *d <= day && day < d + 7)
        .max();
    kept.unwrap_or_else(|| {
        let mut both = a.clone();
        both.take_week(b);
        let start = both.week_start(trustbook::answers::Timestamp::now());
        trustbook::week::Weeks::new(jiff::tz::TimeZone::UTC, start).start_of(day)
    })
}
