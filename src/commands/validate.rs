//! `trustbook validate`: checks a workbook folder and reports every problem.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Globals;

/// Checks `dir` (else `--content`, else the built-in workbook); needs no profile.
pub fn run(g: &Globals, dir: Option<PathBuf>) -> ExitCode {
    let dir = dir.or_else(|| g.content.clone());
    match super::check_workbook(dir.as_deref()) {
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
