//! `trustbook reset`: clearing a profile's answers, or one chapter's, keeping a copy first.

use std::io::{BufRead, Read as _};
use std::process::ExitCode;

use trustbook::content::Workbook;
use trustbook::safe;
use trustbook::store::{self, StoreOptions};

use super::{Globals, fail, open_store};

/// `trustbook reset [--chapter ID] [--yes]`, answered from standard input.
pub fn run(g: &Globals, chapter: Option<&str>, yes: bool) -> ExitCode {
    let t = match super::own_target(g) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if t.first_run() {
        // The folder is still checked (and made private), as opening a profile would.
        return match store::prepare_data_dir(g.data_dir.as_deref()) {
            Ok((dir, state)) => {
                super::report_dir_state(&dir, state);
                trustbook::say!("There are no answers to clear: no profile has been started yet.");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    reset(
        &t.opts,
        &t.wb,
        chapter,
        yes,
        g.start_fresh,
        &mut std::io::stdin().lock(),
    )
}

/// `trustbook reset [--chapter ID] [--yes]`: asks, keeps a copy, then clears.
fn reset(
    opts: &StoreOptions,
    wb: &Workbook,
    chapter: Option<&str>,
    yes: bool,
    start_fresh: bool,
    input: &mut dyn BufRead,
) -> ExitCode {
    let (mut store, mut saved, _) = match open_store(opts, wb, start_fresh, super::protect::unlock) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let chapter: Option<String> = match chapter.map(|arg| super::chapter_arg(wb, &saved.answers, arg)) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(msg)) => return fail(msg),
    };
    let chapter = chapter.as_deref();
    let count = match chapter {
        Some(id) => {
            let entries = saved.answers.entries.get(id).into_iter().flatten();
            saved.answers.single.get(id).map_or(0, |c| c.len())
                + entries.map(|e| e.answers.len()).sum::<usize>()
        }
        None => saved.answers.len(),
    };
    let scope = match chapter {
        // By number and title, as the app shows it; one the workbook no longer has by id.
        Some(id) => match wb.chapters.iter().position(|c| c.id == id) {
            Some(n) => format!(
                "chapter {}, \"{}\", of profile \"{}\"",
                n + 1,
                safe::line(&wb.chapters[n].title),
                safe::line(&opts.profile)
            ),
            None => format!(
                "the chapter \"{}\" (no longer in the workbook) of profile \"{}\"",
                safe::line(id),
                safe::line(&opts.profile)
            ),
        },
        None => format!("profile \"{}\"", safe::line(&opts.profile)),
    };
    if count == 0 {
        trustbook::say!("There are no answers to clear in {scope}.");
        return ExitCode::SUCCESS;
    }
    if !yes {
        let prompt =
            format!("This clears {count} answer(s) in {scope}; a copy is kept. Type y (or yes) to confirm: ");
        let _ = safe::write_out(&mut std::io::stderr(), &prompt);
        // One short line at most: `reset < /dev/zero` must not read for ever.
        let mut line = String::new();
        let read = (&mut *input).take(64).read_line(&mut line);
        // `y` or `yes`, as the app's own questions take them.
        let answer = line.trim().to_ascii_lowercase();
        if read.is_err() || !matches!(answer.as_str(), "y" | "yes") {
            return fail("reset cancelled; nothing was changed.");
        }
    }
    let copy = match store.keep_copy("reset") {
        Ok(copy) => copy,
        Err(e) => return fail(format!("{e} Nothing was changed.")),
    };
    match chapter {
        Some(id) => {
            saved.answers.single.remove(id);
            saved.answers.entries.remove(id);
        }
        None => {
            saved.answers = Default::default();
            saved.place = None;
        }
    }
    if let Err(e) = store.save(&saved.answers, saved.place.as_ref()) {
        return fail(e);
    }
    trustbook::say!("Cleared {count} answer(s) in {scope}.");
    if let Some(copy) = copy {
        trustbook::say!("The answers as they were are kept in {}", safe::path(&copy));
        // The copy is a whole answers file (encrypted alike when the profile is protected).
        trustbook::say!(
            "To get them back (this replaces the answers now), close trustbook and run:\n  mv {} {}",
            shell_quoted(&copy),
            shell_quoted(store.answers_path())
        );
    }
    ExitCode::SUCCESS
}

/// `path` in single quotes for a POSIX shell, made safe for the terminal.
fn shell_quoted(path: &std::path::Path) -> String {
    let shown = safe::path(path).to_string();
    format!("'{}'", shown.replace('\'', "'\\''"))
}
