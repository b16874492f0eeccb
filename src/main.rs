//! Command line entry point: parses arguments and dispatches.

mod commands;
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trustbook::content::{self, Workbook};
use trustbook::store::{self, StoreOptions};

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

    /// Whose answers to open: a short lowercase name, e.g. "sam".
    #[arg(long, value_name = "NAME", global = true, default_value = store::DEFAULT_PROFILE, value_parser = profile_name)]
    profile: String,

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
        /// Clear only this chapter's answers (by chapter id).
        #[arg(long, value_name = "ID")]
        chapter: Option<String>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

/// Checks `--profile` with the store's rule, so a bad name is refused before anything runs.
fn profile_name(name: &str) -> Result<String, String> {
    store::validate_profile(name)
        .map(|()| name.to_string())
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let opts = StoreOptions {
        data_dir: cli.data_dir.clone(),
        profile: cli.profile.clone(),
    };
    match cli.command {
        Some(Command::Validate { dir }) => validate(dir.or(cli.content)),
        Some(Command::Where) => match load(cli.content.as_deref()) {
            Ok(wb) => {
                commands::where_(&opts, &wb, &mut std::io::stdout().lock()).unwrap_or_else(commands::fail)
            }
            Err(code) => code,
        },
        Some(Command::Reset { chapter, yes }) => match load(cli.content.as_deref()) {
            Ok(wb) => commands::reset(
                &opts,
                &wb,
                chapter.as_deref(),
                yes,
                cli.start_fresh,
                &mut std::io::stdin().lock(),
            ),
            Err(code) => code,
        },
        None => match load(cli.content.as_deref()) {
            Ok(wb) => run::run_app(wb, &opts, cli.start_fresh),
            Err(code) => code,
        },
    }
}

/// Loads the workbook, printing every problem on failure.
fn load(dir: Option<&std::path::Path>) -> Result<Workbook, ExitCode> {
    let result = match dir {
        Some(d) => content::load_dir(d),
        None => content::load_embedded(),
    };
    result.map_err(|diags| {
        eprintln!("{diags}");
        eprintln!(
            "error: the workbook has {} problem(s); fix them and try again",
            diags.0.len()
        );
        ExitCode::from(1)
    })
}

fn validate(dir: Option<PathBuf>) -> ExitCode {
    match load(dir.as_deref()) {
        Ok(wb) => {
            println!(
                "ok: {} chapters, {} exercises",
                wb.chapters.len(),
                wb.exercise_count()
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
