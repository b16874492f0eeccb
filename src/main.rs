//! Command line entry point: parses arguments and dispatches.

#![forbid(unsafe_code)]

mod commands;
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trustbook::content::{self, Workbook};
use trustbook::store::{self, DefaultProfile, StoreOptions};

/// A guided workbook about trust in a relationship, for one person or both partners.
#[derive(Parser, Debug)]
#[command(name = "trustbook", version, about, long_about = None)]
struct Cli {
    /// Load the workbook from this folder instead of the built-in one.
    #[arg(long, value_name = "DIR", global = true)]
    content: Option<PathBuf>,

    /// Keep answers in this folder (default: $TRUSTBOOK_DATA_DIR, else your data folder).
    #[arg(long, value_name = "DIR", global = true)]
    data_dir: Option<PathBuf>,

    /// Whose answers to open or export: a short lowercase name, e.g. "sam" [default: default if
    /// it exists, else your only profile; the first run asks for a name].
    /// For import: the partner profile to keep the answers under.
    #[arg(long, value_name = "NAME", global = true, value_parser = profile_name)]
    profile: Option<String>,

    /// If the answers file cannot be read, move it aside (nothing is deleted) and start empty.
    #[arg(long, global = true)]
    start_fresh: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a workbook folder (default: the built-in workbook) and report every problem.
    Validate {
        /// Folder with workbook.toml and its chapter files.
        dir: Option<PathBuf>,
    },
    /// Show where answers are kept: the data folder, this profile's file, all profiles.
    Where,
    /// Clear this profile's answers, or one chapter's, keeping a copy first.
    Reset {
        /// Clear only this chapter's answers: its number (1, 2, ...) or its id.
        #[arg(long, value_name = "N|ID")]
        chapter: Option<String>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Write a profile's answers as a Markdown document (default) or as JSON for a partner.
    ///
    /// Private answers are left out unless --include-private is given.
    Export(commands::ExportArgs),
    /// Take in a partner's JSON export as the partner profile named by --profile.
    ///
    /// Importing again under the same name updates it. Refuses, touching nothing, a file that
    /// is not an export, is for another workbook, or would overwrite one of your own profiles.
    Import {
        /// The partner's export, made with `trustbook export --format json`.
        file: PathBuf,
    },
    /// Show two profiles' answers side by side, each shown once both have answered.
    ///
    /// Example: `trustbook compare alex sam`. `trustbook where` lists the profiles.
    Compare {
        /// Your profile name, e.g. alex (any profile works, own or imported).
        #[arg(value_name = "YOUR_PROFILE", value_parser = profile_name)]
        a: String,
        /// Your partner's profile name, e.g. sam: own on this machine, or imported with
        /// `trustbook import`.
        #[arg(value_name = "PARTNER_PROFILE", value_parser = profile_name)]
        b: String,
        /// Lay out for this many columns (default: the terminal's width, else 80).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
        /// Compare only the week holding this day (YYYY-MM-DD) of each weekly check-in;
        /// answers given once are compared as always.
        #[arg(long, value_name = "DAY", value_parser = trustbook::date::parse_arg)]
        week: Option<i64>,
    },
    /// Share this profile's answers with another profile on this computer, stop, or list.
    ///
    /// Nothing of a profile reaches another unless its owner shares it; private answers
    /// never do. Example: `trustbook share --profile alex --with sam`.
    Share(commands::consent::ShareArgs),
    /// Print this profile's pairing code, or record a partner's (two computers).
    ///
    /// Example: `trustbook pair --profile alex`, then on the other computer
    /// `trustbook pair --profile sam --partner alex CODE`.
    Pair(commands::pair::PairArgs),
    /// Read the partner's share from the exchange folder and write yours (two computers).
    Sync,
    /// Remove every file of the profile named by --profile: its answers, every kept copy,
    /// its lock, what it shared, and copies written when saving failed.
    ///
    /// Lists them first and asks you to type the profile's name.
    Erase,
    /// Rename your profile OLD to NEW: its answers and every kept copy.
    ///
    /// Refuses, touching nothing, when NEW already exists or either is open in a trustbook.
    Rename {
        /// The profile's name now, e.g. default.
        #[arg(value_parser = profile_name)]
        old: String,
        /// Its new name, e.g. sam (capitals are lowered, as the name prompt does).
        new: String,
    },
    /// Lock this profile with a passphrase: every file of it is encrypted (age).
    ///
    /// Shows a recovery key once. --change sets a new passphrase, --remove makes the files
    /// plain again, --recover sets a new passphrase with the recovery key. Passphrases are
    /// only read from the terminal.
    Protect(commands::protect::ProtectArgs),
    /// Print shell completions for SHELL (bash, zsh, fish, elvish, powershell).
    ///
    /// Example: `trustbook completions bash > ~/.local/share/bash-completion/completions/trustbook`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `trustbook man > ~/.local/share/man/man1/trustbook.1`.
    Man,
    /// The profile names in the data folder, one per line, for the completion scripts.
    #[command(hide = true)]
    ProfileNames,
}

/// `trustbook rename OLD NEW`: says what moved and how to open it now, or why nothing did.
fn rename(data_dir: Option<&std::path::Path>, workbook_id: &str, old: &str, new: &str) -> ExitCode {
    let dir = match store::resolve_data_dir(data_dir) {
        Ok(dir) => dir,
        Err(e) => return commands::fail(e),
    };
    // Names are lowercase: capitals are lowered, as the first run's name prompt does.
    let typed = new;
    let lowered = new.to_ascii_lowercase();
    let new = lowered.as_str();
    if let Err(e) = store::validate_profile(new) {
        return commands::fail(e);
    }
    if new != typed {
        trustbook::say!(
            "Names are lowercase: \"{}\" becomes \"{}\".",
            trustbook::safe::line(typed),
            trustbook::safe::line(new)
        );
    }
    match store::rename_profile(&dir, old, new) {
        Ok(moved) => {
            let open = if store::default_profile(&dir, workbook_id) == DefaultProfile::Found(new.to_string())
            {
                "trustbook (it is the profile that opens by default)".to_string()
            } else {
                format!("trustbook --profile {}", trustbook::safe::line(new))
            };
            trustbook::say!(
                "Renamed profile \"{}\" to \"{}\" ({} file(s)). Open it with: {open}",
                trustbook::safe::line(old),
                trustbook::safe::line(new),
                moved.len(),
            );
            ExitCode::SUCCESS
        }
        Err(e) => commands::fail(e),
    }
}

/// Prints the completion script for `shell` on stdout.
fn completions(shell: clap_complete::Shell) -> ExitCode {
    use clap::CommandFactory;
    let script = commands::completions::script(shell, &mut Cli::command());
    write_stdout(script.as_bytes(), "completions")
}

/// Prints the manual page, in roff, on stdout.
fn man_page() -> ExitCode {
    use clap::CommandFactory;
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        return commands::fail(format!("cannot make the manual page: {e}"));
    }
    write_stdout(&out, "the manual page")
}

/// Writes generated text (our own, from the clap definition) to stdout; a closed pipe is fine.
fn write_stdout(bytes: &[u8], what: &str) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            commands::fail(format!("cannot write {what}: {e}"))
        }
        Err(_) | Ok(()) => ExitCode::SUCCESS,
    }
}

/// Checks `--profile` with the store's rule, so a bad name is refused before anything runs.
fn profile_name(name: &str) -> Result<String, String> {
    store::validate_profile(name)
        .map(|()| name.to_string())
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let data_dir = cli.data_dir.as_deref();
    if let Some(problem) = trustbook::answers::clock_problem() {
        trustbook::report!("{problem}");
    }
    let command = match cli.command {
        Some(Command::Validate { dir }) => return validate(dir.or(cli.content)),
        // Needs no workbook: a profile of any workbook, or one that cannot be read, goes.
        Some(Command::Erase) => {
            return commands::erase::run(data_dir, cli.profile.as_deref(), &mut std::io::stdin().lock());
        }
        // Made from the command-line definition alone: no workbook needed.
        Some(Command::Completions { shell }) => return completions(shell),
        Some(Command::ProfileNames) => return commands::completions::profile_names(data_dir),
        Some(Command::Man) => return man_page(),
        command => command,
    };
    let wb = match load(cli.content.as_deref()) {
        Ok(wb) => wb,
        Err(code) => return code,
    };
    // Without --profile: `default`, else the only own profile (see `store::default_profile`).
    let pick = match &cli.profile {
        Some(_) => None,
        None => Some(commands::default_profile(data_dir, &wb)),
    };
    let profile = match (&cli.profile, &pick) {
        (Some(name), _) | (None, Some(DefaultProfile::Found(name))) => name.clone(),
        (None, Some(DefaultProfile::FirstRun | DefaultProfile::Several(_)) | None) => {
            store::DEFAULT_PROFILE.to_string()
        }
    };
    let opts = StoreOptions {
        data_dir: cli.data_dir.clone(),
        profile,
    };
    let first_run = pick == Some(DefaultProfile::FirstRun);
    let own_answers = matches!(
        command,
        None | Some(
            Command::Reset { .. }
                | Command::Export(_)
                | Command::Share(_)
                | Command::Pair(_)
                | Command::Sync
                | Command::Protect(_)
        )
    );
    if let Some(DefaultProfile::Several(names)) = &pick
        && own_answers
    {
        return commands::several(names);
    }
    if first_run && matches!(command, Some(Command::Reset { .. })) {
        // The folder is still checked (and made private), as opening a profile would.
        return match store::prepare_data_dir(data_dir) {
            Ok((dir, state)) => {
                commands::report_dir_state(&dir, state);
                trustbook::say!("There are no answers to clear: no profile has been started yet.");
                ExitCode::SUCCESS
            }
            Err(e) => commands::fail(e),
        };
    }
    if first_run && matches!(command, Some(Command::Protect(_))) {
        return commands::fail(
            "no profile has been started yet: open trustbook first (it asks for a name), then protect that profile.",
        );
    }
    if first_run && matches!(command, Some(Command::Export(_))) {
        return commands::fail(
            "there are no answers to export yet: no profile has been started (trustbook asks for a name when it first opens).",
        );
    }
    match command {
        None => run::run_app(wb, &opts, cli.start_fresh, first_run),
        Some(
            Command::Validate { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::Erase
            | Command::ProfileNames,
        ) => {
            unreachable!("handled above, before loading the workbook")
        }
        Some(Command::Where) => commands::where_(&opts, &wb, pick.as_ref(), &mut std::io::stdout().lock())
            .unwrap_or_else(commands::fail),
        Some(Command::Reset { chapter, yes }) => commands::reset(
            &opts,
            &wb,
            chapter.as_deref(),
            yes,
            cli.start_fresh,
            &mut std::io::stdin().lock(),
        ),
        Some(Command::Export(args)) => commands::export(&opts, &wb, &args),
        Some(Command::Import { file }) => commands::import(data_dir, cli.profile.as_deref(), &wb, &file),
        Some(Command::Compare { a, b, width, week }) => {
            commands::compare(data_dir, &wb, (&a, &b), width, week)
        }
        Some(Command::Rename { old, new }) => rename(data_dir, &wb.id, &old, &new),
        Some(Command::Share(args)) => commands::consent::run(&opts, &wb, &args),
        Some(Command::Pair(args)) => commands::pair::pair(&opts, &args),
        Some(Command::Sync) => commands::pair::sync(&opts, &wb),
        Some(Command::Protect(args)) => commands::protect::run(&opts, &wb, args),
    }
}

/// Prints clap's refusal of the command line through the sanitiser: it quotes what was
/// typed (a profile name, an unknown argument), which may hold anything. Help and version,
/// our own words, keep clap's styling.
fn usage_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        e.exit();
    }
    let text = e.render().to_string();
    trustbook::report!("{}", text.trim_end());
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Loads the workbook, printing every problem on failure.
fn load(dir: Option<&std::path::Path>) -> Result<Workbook, ExitCode> {
    check(dir).map(|(wb, _warnings)| wb)
}

/// Loads the workbook with its warnings, printing every problem on failure.
fn check(dir: Option<&std::path::Path>) -> Result<(Workbook, content::Diagnostics), ExitCode> {
    let result = match dir {
        Some(d) => content::check_dir(d),
        None => content::check_embedded(),
    };
    result.map_err(|diags| {
        trustbook::report!("{diags}");
        trustbook::report!(
            "error: the workbook has {} problem(s); fix them and try again",
            diags.errors()
        );
        ExitCode::from(1)
    })
}

fn validate(dir: Option<PathBuf>) -> ExitCode {
    match check(dir.as_deref()) {
        Ok((wb, warnings)) => {
            if !warnings.0.is_empty() {
                trustbook::report!("{warnings}");
            }
            let (c, e) = (wb.chapters.len(), wb.exercise_count());
            let plural = |n: usize, word: &str| {
                if n == 1 {
                    format!("1 {word}")
                } else {
                    format!("{n} {word}s")
                }
            };
            trustbook::say!("ok: {}, {}", plural(c, "chapter"), plural(e, "exercise"));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
