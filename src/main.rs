//! Command line entry point: parses arguments and dispatches.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trustbook::answers::Answers;
use trustbook::app::App;
use trustbook::content::{self, Workbook};
use trustbook::saver::Saver;
use trustbook::tui;

/// A guided workbook about trust in a relationship, for one person or both partners.
#[derive(Parser, Debug)]
#[command(name = "trustbook", version, about, long_about = None)]
struct Cli {
    /// Load the workbook from this folder instead of the built-in one.
    #[arg(long, value_name = "DIR", global = true)]
    content: Option<PathBuf>,

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate { dir }) => validate(dir.or(cli.content)),
        None => match load(cli.content.as_deref()) {
            Ok(wb) => run_app(wb),
            Err(code) => code,
        },
    }
}

/// Opens the workbook in the terminal.
fn run_app(wb: Workbook) -> ExitCode {
    if let Err(msg) = tui::require_terminal() {
        eprintln!("error: {msg}");
        return ExitCode::from(2);
    }
    tui::install_panic_hook();
    let persist = tui::Persistence {
        encode: Box::new(|_, _| String::new()),
        saver: Saver::spawn(Box::new(|_| Ok(()))),
        fallback: Box::new(|_| Err("answers are kept in memory only in this build".to_string())),
        load_partner: Box::new(|_| Err("no partner profiles in this build".to_string())),
    };
    let app = App::new(wb, Answers::default(), None);
    match tui::run(app, persist) {
        Ok(tui::Outcome::Saved) => ExitCode::SUCCESS,
        Ok(tui::Outcome::Fallback(path)) => {
            eprintln!(
                "Your answers could not be saved in the usual place; a copy is at {}",
                path.display()
            );
            ExitCode::from(1)
        }
        Ok(tui::Outcome::Lost(e)) => {
            eprintln!("error: your latest answers could not be saved anywhere: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: the terminal failed: {e}");
            ExitCode::from(1)
        }
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
