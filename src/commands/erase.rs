//! `trustbook erase --profile P`: removes every file of one profile, after the person has
//! seen the list and typed the profile's name. Honest about its limits: it removes files,
//! it cannot wipe a disk's free space or copies made elsewhere.

use std::io::{BufRead, Read};
use std::path::Path;
use std::process::ExitCode;

use trustbook::safe;
use trustbook::store::{kept, resolve_data_dir};

use super::fail;

/// Longest answer read at the prompt; a profile name is far shorter.
const MAX_TYPED: u64 = 256;

/// Runs `trustbook erase` for the profile named with `--profile`, asking on standard input.
/// Needs no workbook: a profile of any workbook, or one that cannot be read, goes.
pub fn run(g: &super::Globals) -> ExitCode {
    erase(
        g.data_dir.as_deref(),
        g.profile.as_deref(),
        &mut std::io::stdin().lock(),
    )
}

/// [`run`], reading the typed name from `input`.
fn erase(data_dir: Option<&Path>, profile: Option<&str>, input: &mut dyn BufRead) -> ExitCode {
    let Some(name) = profile else {
        return fail(
            "erase needs the profile named: trustbook erase --profile NAME (trustbook where lists them)",
        );
    };
    let dir = match resolve_data_dir(data_dir) {
        Ok(dir) => dir,
        Err(e) => return fail(e),
    };
    let files = kept::files_of(&dir, name);
    let shown = safe::line(name);
    if files.is_empty() {
        trustbook::say!("There is nothing of \"{shown}\" to erase: no file of that profile was found.");
        return ExitCode::SUCCESS;
    }
    if let Err(why) = not_open(&dir, name) {
        return fail(why);
    }
    trustbook::say!(
        "This erases every file of profile \"{shown}\" ({} file(s), {} bytes):",
        files.len(),
        kept::total_size(&files)
    );
    for f in &files {
        trustbook::say!("  {}", safe::path(f));
    }
    trustbook::say!("Its answers, every kept copy and whatever it shared go. There is no undo.");
    trustbook::say!(
        "Erase removes files; it cannot wipe the disk's free space, nor copies made elsewhere (exports you wrote, backups, a synced folder)."
    );
    trustbook::say!("Type the profile's name to erase it, anything else to keep it:");
    let mut typed = String::new();
    if input.take(MAX_TYPED).read_line(&mut typed).is_err() || typed.trim() != name {
        trustbook::say!("Nothing was erased.");
        return ExitCode::SUCCESS;
    }
    let mut failed = Vec::new();
    for f in &files {
        if let Err(e) = std::fs::remove_file(f)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            failed.push(format!("{}: {e}", safe::path(f)));
        }
    }
    // Its own shares and exchange folders, now empty.
    let _ = std::fs::remove_dir(trustbook::sharing::owner_dir(&dir, name));
    let _ = std::fs::remove_dir(trustbook::exchange::local::dir_of(&dir, name));
    if failed.is_empty() {
        trustbook::say!("Erased profile \"{shown}\": {} file(s) removed.", files.len());
        ExitCode::SUCCESS
    } else {
        fail(format!(
            "some files of \"{shown}\" could not be removed; remove them by hand:\n  {}",
            failed.join("\n  ")
        ))
    }
}

/// Refuses while a trustbook has the profile open: its lock is held.
fn not_open(dir: &Path, name: &str) -> Result<(), String> {
    let lock = dir.join(format!("{name}.lock"));
    let Ok(file) = std::fs::File::open(&lock) else {
        return Ok(());
    };
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "\"{}\" is open in a trustbook; quit it there, then erase",
            safe::line(name)
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(format!("cannot check {}: {e}", safe::path(&lock))),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_profile_name_fits_the_prompt_bound() {
        assert!(trustbook::store::MAX_PROFILE_LEN < super::MAX_TYPED as usize);
    }
}
