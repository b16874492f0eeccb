//! Command line entry point: parses arguments and dispatches.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trustbook::content::{self, Workbook};

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
            Ok(wb) => {
                print_contents(&wb);
                ExitCode::SUCCESS
            }
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

fn print_contents(wb: &Workbook) {
    println!("{}", wb.title);
    for (i, ch) in wb.chapters.iter().enumerate() {
        println!("{}. {}", i + 1, ch.title);
        for ex in &ch.exercises {
            println!("   - {} ({})", ex.title, ex.kind.name());
        }
    }
}
