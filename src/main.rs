//! Command line entry point: parses arguments and dispatches.

#![forbid(unsafe_code)]

mod commands;
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use trustbook::store;

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
    Export(commands::export::ExportArgs),
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

/// Checks `--profile` with the store's rule, so a bad name is refused before anything runs.
fn profile_name(name: &str) -> Result<String, String> {
    store::validate_profile(name)
        .map(|()| name.to_string())
        .map_err(|e| e.to_string())
}

impl Cli {
    /// The options every command takes.
    fn globals(&self) -> commands::Globals {
        commands::Globals {
            content: self.content.clone(),
            data_dir: self.data_dir.clone(),
            profile: self.profile.clone(),
            start_fresh: self.start_fresh,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    if let Some(problem) = trustbook::answers::clock_problem() {
        trustbook::report!("{problem}");
    }
    let g = cli.globals();
    match cli.command {
        None => run::run(&g),
        Some(Command::Validate { dir }) => commands::validate::run(&g, dir),
        Some(Command::Where) => commands::where_::run(&g),
        Some(Command::Reset { chapter, yes }) => commands::reset::run(&g, chapter.as_deref(), yes),
        Some(Command::Export(args)) => commands::export::run(&g, &args),
        Some(Command::Import { file }) => commands::import::run(&g, &file),
        Some(Command::Compare { a, b, width, week }) => commands::compare::run(&g, (&a, &b), width, week),
        Some(Command::Share(args)) => commands::consent::run(&g, &args),
        Some(Command::Pair(args)) => commands::pair::run(&g, &args),
        Some(Command::Sync) => commands::sync::run(&g),
        Some(Command::Erase) => commands::erase::run(&g),
        Some(Command::Rename { old, new }) => commands::rename::run(&g, &old, &new),
        Some(Command::Protect(args)) => commands::protect::run(&g, args),
        Some(Command::Completions { shell }) => commands::completions::run(shell, Cli::command()),
        Some(Command::Man) => commands::man::run(Cli::command()),
        Some(Command::ProfileNames) => commands::completions::profile_names(&g),
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// The "add a command" checklist in docs/architecture.md, checked: every subcommand
    /// has its module in `src/commands/` and a line in the README.
    #[test]
    fn every_command_has_a_module_and_a_readme_line() {
        let readme = include_str!("../README.md");
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/commands");
        for sub in super::Cli::command().get_subcommands() {
            let name = sub.get_name();
            // Named for the domain where the command's word is taken: `share` is
            // consent, and `where` is a Rust keyword.
            // `profile-names` is the completion scripts' helper.
            let module = match name {
                "share" => "consent",
                "where" => "where_",
                "profile-names" => "completions",
                other => other,
            };
            let file = format!("{dir}/{module}.rs");
            assert!(
                std::path::Path::new(&file).is_file(),
                "`trustbook {name}` has no {file}"
            );
            assert!(
                readme.contains(&format!("trustbook {name}")),
                "the README does not name `trustbook {name}`"
            );
        }
    }
}
