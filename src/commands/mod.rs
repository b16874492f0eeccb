//! The subcommands, one module each with a `run()` that `main` dispatches to.
//! Messages go to stderr, results to stdout; failures return exit code 1.
//!
//! Own answers: `where_`, `reset`, `export`, `rename`, `protect`, `erase`;
//! a partner's: `import`, `compare`; who sees what: `consent` (`trustbook share`),
//! `pair` and `sync` (the exchange folder between two computers); the workbook:
//! `validate`; generated from the command line: `completions` (which complete profile
//! names too, through the hidden `profile-names`), `man`.

pub mod compare;
pub mod completions;
pub mod consent;
pub mod erase;
pub mod export;
pub mod import;
pub mod man;
pub mod pair;
pub mod protect;
pub mod rename;
pub mod reset;
pub mod sync;
pub mod validate;
pub mod where_;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use trustbook::answers::Answers;
use trustbook::content::{self, Workbook};
use trustbook::store::{self, DefaultProfile, DirState, Saved, Store, StoreOptions};

/// The options every command takes, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Globals {
    /// `--content`: the workbook's folder instead of the built-in one.
    pub content: Option<PathBuf>,
    /// `--data-dir`: the data folder instead of the usual one.
    pub data_dir: Option<PathBuf>,
    /// `--profile`: whose answers.
    pub profile: Option<String>,
    /// `--start-fresh`: move an unreadable answers file aside and start empty.
    pub start_fresh: bool,
}

/// The workbook and the profile a command works on.
pub struct Target {
    /// The workbook, loaded and checked.
    pub wb: Workbook,
    /// The data folder and the profile's name.
    pub opts: StoreOptions,
    /// What was found when no `--profile` was given; `None` when it was.
    pub pick: Option<DefaultProfile>,
}

impl Target {
    /// True on a first run: no `--profile`, and no profile of one's own yet.
    pub fn first_run(&self) -> bool {
        self.pick == Some(DefaultProfile::FirstRun)
    }
}

/// Loads the workbook and names the profile: `--profile`, else `default` if it exists,
/// else the only own profile (see [`store::default_profile`]); on a first run or among
/// several, `default` stands in and [`Target::pick`] says which.
pub fn target(g: &Globals) -> Result<Target, ExitCode> {
    let wb = load_workbook(g.content.as_deref())?;
    let pick = match &g.profile {
        Some(_) => None,
        None => Some(default_profile(g.data_dir.as_deref(), &wb)),
    };
    let profile = match (&g.profile, &pick) {
        (Some(name), _) | (None, Some(DefaultProfile::Found(name))) => name.clone(),
        (None, Some(DefaultProfile::FirstRun | DefaultProfile::Several(_)) | None) => {
            store::DEFAULT_PROFILE.to_string()
        }
    };
    let opts = StoreOptions {
        data_dir: g.data_dir.clone(),
        profile,
    };
    Ok(Target { wb, opts, pick })
}

/// [`target`] for a command on one's own answers: it refuses to guess among several
/// own profiles when none was named.
pub fn own_target(g: &Globals) -> Result<Target, ExitCode> {
    let t = target(g)?;
    match &t.pick {
        Some(DefaultProfile::Several(names)) => Err(several(names)),
        Some(DefaultProfile::Found(_) | DefaultProfile::FirstRun) | None => Ok(t),
    }
}

/// Loads the workbook, printing every problem on failure.
pub fn load_workbook(dir: Option<&Path>) -> Result<Workbook, ExitCode> {
    match dir {
        // Checked when trustbook was built: read as it was checked.
        None => content::load_builtin().map_err(|diags| refused(&diags)),
        Some(_) => check_workbook(dir).map(|(wb, _warnings)| wb),
    }
}

/// Loads the workbook with its warnings, printing every problem on failure.
fn check_workbook(dir: Option<&Path>) -> Result<(Workbook, content::Diagnostics), ExitCode> {
    let result = match dir {
        Some(d) => content::check_dir(d),
        None => content::check_embedded(),
    };
    result.map_err(|diags| refused(&diags))
}

/// Says every problem of a workbook that does not load; the exit code for it.
fn refused(diags: &content::Diagnostics) -> ExitCode {
    trustbook::report!("{diags}");
    trustbook::report!(
        "error: the workbook has {} problem(s); fix them and try again",
        diags.errors()
    );
    ExitCode::from(1)
}

/// Writes generated text (our own, from the clap definition) to stdout; a closed pipe is fine.
fn write_stdout(bytes: &[u8], what: &str) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => fail(format!("cannot write {what}: {e}")),
        Err(_) | Ok(()) => ExitCode::SUCCESS,
    }
}

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
    ask: protect::Asker,
) -> Result<(Store, Saved, Option<std::path::PathBuf>), ExitCode> {
    // A protected profile asks its passphrase here, before anything is written.
    if !start_fresh {
        let (store, mut saved, _) = protect::open(opts, wb, false, ask).map_err(fail)?;
        migrate(&store, &mut saved, wb);
        report_dir(&store);
        report_cut(store.answers_path(), &saved);
        return Ok((store, saved, None));
    }
    let (store, mut saved, moved) = protect::open(opts, wb, true, ask).map_err(fail)?;
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
    if saved.cut.is_empty() {
        return;
    }
    trustbook::report!(
        "note: in {}, {}. It is used read-only: nothing is written to it. To edit again, \
         shorten that answer in the file with a text editor.",
        trustbook::safe::path(path),
        trustbook::store::cut_reason(&saved.cut)
    );
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
