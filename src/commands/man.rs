//! `trustbook man`: the manual page, made from the command line's definition alone.

use std::process::ExitCode;

/// Prints the manual page of `cli`, in roff, on stdout.
pub fn run(cli: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(cli).render(&mut out) {
        return super::fail(format!("cannot make the manual page: {e}"));
    }
    super::write_stdout(&out, "the manual page")
}
