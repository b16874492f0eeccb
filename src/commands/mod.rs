//! The subcommands. Messages go to stderr, results to stdout; failures return exit code 1.
//!
//! - `profile`: `where` and `reset`, on this machine's own profiles;
//! - `share`: `export` and `import`, taking answers out and a partner's in;
//! - `compare`: two profiles side by side;
//! - `consent`: `share`, what a profile shares with whom on this computer;
//! - `erase`: every file of one profile, removed;
//! - `pair`: `pair` and `sync`, the exchange folder between two computers;
//! - `completions`: the shell scripts, which complete profile names too.

mod compare;
pub mod completions;
pub mod consent;
pub mod erase;
pub mod pair;
mod profile;
pub mod protect;
mod share;

use std::process::ExitCode;

use trustbook::answers::Answers;
use trustbook::content::Workbook;
use trustbook::store::{self, DefaultProfile, DirState, Saved, Store, StoreOptions};

pub use compare::compare;
pub use profile::{reset, where_};
pub use share::{ExportArgs, export, import};

/// The data folder, when `opts.profile` is one of the user's own profiles in it; else
/// the failure, already said.
pub fn own_profile_dir(opts: &StoreOptions) -> Result<std::path::PathBuf, ExitCode> {
    let dir = store::resolve_data_dir(opts.data_dir.as_deref()).map_err(fail)?;
    if store::profile_kind(&dir, &opts.profile) != Some(store::ProfileKind::Own) {
        return Err(fail(format!(
            "there is no profile of yours called \"{}\" on this computer; `trustbook where` lists them",
            trustbook::safe::line(&opts.profile)
        )));
    }
    Ok(dir)
}

/// Prints an error for the person at the keyboard and returns exit code 1.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    trustbook::report!("error: {message}");
    ExitCode::from(1)
}

/// The profile to work on when `--profile` is not given (see [`store::default_profile`]).
/// A data folder that cannot be found counts as a first run: the command then reports
/// the folder's problem itself.
pub fn default_profile(data_dir: Option<&std::path::Path>, wb: &Workbook) -> DefaultProfile {
    match store::resolve_data_dir(data_dir) {
        Ok(dir) => store::default_profile(&dir, &wb.id),
        Err(_) => DefaultProfile::FirstRun,
    }
}

/// Refuses to guess between several own profiles when none was named.
pub fn several(names: &[String]) -> ExitCode {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| trustbook::safe::line(n).to_string())
        .collect();
    fail(format!(
        "there are several profiles here ({}) and none is called default; say whose answers, e.g. --profile {}",
        quoted.join(", "),
        quoted.first().map_or("NAME", String::as_str)
    ))
}

/// The chapter id that a `--chapter` argument names: the chapter's number as the app shows
/// it ("2") or its id. An id the workbook no longer has but `answers` still keeps answers
/// under counts too, so they can be reached. Otherwise a message for the person at the
/// keyboard that lists every number and id, in chapter order, then any old ones.
pub fn chapter_arg(wb: &Workbook, answers: &Answers, arg: &str) -> Result<String, String> {
    let by_number = arg
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| wb.chapters.get(i));
    if let Some(ch) = by_number {
        return Ok(ch.id.clone());
    }
    let in_workbook = |id: &str| wb.chapters.iter().any(|c| c.id == id);
    if in_workbook(arg) || answers.single.contains_key(arg) || answers.entries.contains_key(arg) {
        return Ok(arg.to_string());
    }
    let mut ids: Vec<String> = wb
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} {}", i + 1, trustbook::safe::line(&c.id)))
        .collect();
    let mut old: Vec<&String> = answers
        .single
        .keys()
        .chain(answers.entries.keys())
        .filter(|k| !in_workbook(k))
        .collect();
    old.sort_unstable();
    old.dedup();
    ids.extend(
        old.into_iter()
            .map(|k| format!("{} (no longer in the workbook)", trustbook::safe::line(k))),
    );
    Err(format!(
        "there is no chapter \"{}\". Give a number or an id: {}.",
        trustbook::safe::line(arg),
        ids.join(", ")
    ))
}

/// Writes a command's result to standard output, through the sanitiser (`trustbook::safe`).
/// A reader that stops early (`| head`) is not an error.
pub(crate) fn print_result(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match trustbook::safe::write_out(&mut out, text) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// Opens the profile for `wb`, before anything touches the terminal. With `start_fresh`, a
/// file that cannot be used is moved aside first; that is said on stderr and returned as a
/// the new place for the app to show, since the terminal app hides what stderr said.
pub fn open_store(
    opts: &StoreOptions,
    wb: &Workbook,
    start_fresh: bool,
) -> Result<(Store, Saved, Option<std::path::PathBuf>), ExitCode> {
    // A protected profile asks its passphrase here, before anything is written.
    if !start_fresh {
        let (store, mut saved, _) = protect::open(opts, wb, false).map_err(fail)?;
        migrate(&store, &mut saved, wb);
        report_dir(&store);
        report_cut(store.answers_path(), &saved);
        return Ok((store, saved, None));
    }
    let (store, mut saved, moved) = protect::open(opts, wb, true).map_err(fail)?;
    migrate(&store, &mut saved, wb);
    report_dir(&store);
    report_cut(store.answers_path(), &saved);
    let notice = moved.map(|moved| {
        trustbook::report!(
            "The answers file {} could not be used: {}.",
            trustbook::safe::path(store.answers_path()),
            moved.why.problem()
        );
        trustbook::report!(
            "Moved it to {} (nothing was deleted); starting with no answers.",
            trustbook::safe::path(&moved.to)
        );
        if let Some(kept) = &moved.backup_kept {
            trustbook::report!(
                "Its last backup is kept in {} (later saves replace {}).",
                kept.display(),
                store.backup_path().display()
            );
        }
        moved.to
    });
    Ok((store, saved, notice))
}

/// Moves answers under reworded options to the new words; when that changes anything,
/// the file as the earlier release wrote it is kept first, beside it, and said so.
fn migrate(store: &Store, saved: &mut Saved, wb: &Workbook) {
    if !trustbook::store::migrate(&mut saved.answers, wb) {
        return;
    }
    match store.keep_copy("before-update") {
        Ok(Some(kept)) => trustbook::report!(
            "Some answers were given under the workbook's older wording and now use the new; the file as it was is kept in {}.",
            trustbook::safe::path(&kept)
        ),
        Ok(None) => {}
        Err(e) => trustbook::report!("note: the answers file as it was could not be copied aside: {e}"),
    }
}

/// Says once, on stderr, that the data folder was open to others and has been narrowed.
/// Says on stderr when answers of the file at `path` were over the limit and read cut.
pub fn report_cut(path: &std::path::Path, saved: &Saved) {
    report_cut_answers(path, &saved.cut);
}

/// [`report_cut`] for the answers `cut` (their chapter/exercise), read from `path`.
fn report_cut_answers(path: &std::path::Path, cut: &[String]) {
    if cut.is_empty() {
        return;
    }
    trustbook::report!(
        "note: in {}, {}. It is used read-only: nothing is written to it. To edit again, \
         shorten that answer in the file with a text editor.",
        trustbook::safe::path(path),
        trustbook::store::cut_reason(cut)
    );
}

/// Profile `name`'s own answers ([`partner::read_mine`]), saying on stderr when one was
/// over the limit and is used cut, as opening the profile does.
pub fn read_mine(dir: &std::path::Path, name: &str, wb: &Workbook) -> Result<Answers, String> {
    let (answers, cut) = trustbook::partner::read_mine(dir, name, &wb.id)?;
    report_cut_answers(&dir.join(format!("{name}.toml")), &cut);
    Ok(answers)
}

fn report_dir(store: &Store) {
    report_dir_state(store.data_dir(), store.dir_state());
}

/// [`report_dir`] for a folder and what was found of it.
pub fn report_dir_state(dir: &std::path::Path, state: DirState) {
    match state {
        DirState::Tightened(mode) => trustbook::report!(
            "note: the data folder {} could be used by other people (mode {mode:04o}); it is now private to you (0700).",
            dir.display()
        ),
        DirState::Created | DirState::Private => {}
    }
}
