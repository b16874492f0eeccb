//! `trustbook completions SHELL`: the shell's completion script, made from the command
//! line's definition alone (no workbook needed).

use std::process::ExitCode;

/// Prints the completion script of `cli` for `shell` on stdout.
pub fn run(shell: clap_complete::Shell, mut cli: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cli, "trustbook", &mut out);
    super::write_stdout(&out, "completions")
}
