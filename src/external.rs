//! Handing a text answer to the user's own editor ($VISUAL or $EDITOR) through
//! a private temporary file that is removed afterwards.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor command: $VISUAL, else $EDITOR, else `vi`; split on spaces so
/// values like `code --wait` work.
fn editor_command() -> Vec<String> {
    let raw = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    raw.split_whitespace().map(str::to_string).collect()
}

/// A directory only this user can enter, for the one temporary file.
fn private_dir() -> std::io::Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("trustbook-{}-{nanos}", std::process::id()));
    let mut b = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(&dir)?;
    Ok(dir)
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// Runs the editor on `text` and returns the edited text. The terminal must
/// already be handed back to the shell (raw mode off, main screen).
pub fn edit(text: &str) -> Result<String, String> {
    let cmd = editor_command();
    let (program, args) = cmd
        .split_first()
        .ok_or("no editor is set: set $EDITOR, e.g. EDITOR=nano")?;
    let dir = private_dir().map_err(|e| format!("could not make a private temporary folder: {e}"))?;
    let file = dir.join("answer.txt");
    let result = (|| {
        write_private(&file, text).map_err(|e| format!("could not write the temporary file: {e}"))?;
        let status = Command::new(program)
            .args(args)
            .arg(&file)
            .status()
            .map_err(|e| {
                format!("could not start the editor `{program}`: {e}; set $EDITOR to one you have")
            })?;
        if !status.success() {
            return Err(format!(
                "the editor `{program}` exited with {status}; your answer was not changed"
            ));
        }
        let bytes = fs::read(&file).map_err(|e| format!("could not read the edited text back: {e}"))?;
        String::from_utf8(bytes)
            .map_err(|_| "the edited text is not UTF-8; your answer was not changed".to_string())
    })();
    // Remove the copy of a private answer whatever happened above.
    let _ = fs::remove_file(&file);
    let _ = fs::remove_dir(&dir);
    result
}

/// Asks, on the plain terminal (the app's screen is left), whether a protected profile's
/// answer may go to the editor as a plain temporary file; true on "y". Anything else, or
/// no answer readable, is no.
pub fn confirm_plain_copy() -> bool {
    use std::io::{BufRead as _, Read as _};
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "\r\nThis profile is protected with a passphrase, but your editor gets this answer as a \
         plain text file, in a folder only you can open, removed as soon as the editor closes \
         (the editor itself may keep its own copies: swap or backup files).\r\n\
         Open it in the editor? [y/N] "
    );
    let _ = err.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().take(64).read_line(&mut line);
    line.trim().eq_ignore_ascii_case("y") || line.trim().eq_ignore_ascii_case("yes")
}
