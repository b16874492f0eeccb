//! Reading a passphrase or recovery key from the terminal, without echo.
//!
//! Only ever from the terminal (standard input must be one): never from an argument, an
//! environment variable or a pipe. Without a terminal the caller is told so at once, so a
//! command run from a script refuses instead of hanging.
//!
//! The terminal is put in a mode without echo, without line editing and without signals
//! (so Ctrl+C cancels here and the echo is always turned back on), read a byte at a time
//! up to [`super::MAX_PASSPHRASE_BYTES`]; more than that is refused at once, and what is
//! left of the paste is thrown away.

use std::io::{self, IsTerminal, Write};

use super::{MAX_PASSPHRASE_BYTES, SecretString};
use zeroize::Zeroizing;

/// Why nothing was read.
#[derive(Debug, PartialEq, Eq)]
pub enum PromptError {
    /// Standard input is not a terminal.
    NoTerminal,
    /// The person pressed Ctrl+C, Ctrl+D or Escape.
    Cancelled,
    /// Nothing was typed before Enter.
    Empty,
    /// More than [`MAX_PASSPHRASE_BYTES`] arrived (a paste gone wrong).
    TooLong,
    /// Not UTF-8 text.
    NotText,
    /// The terminal failed.
    Io(String),
}

impl std::fmt::Display for PromptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PromptError::NoTerminal => write!(
                f,
                "a passphrase can only be typed at a terminal, and standard input is not one \
                 (trustbook never reads it from arguments, variables or pipes); run this in a terminal"
            ),
            PromptError::Cancelled => write!(f, "cancelled"),
            PromptError::Empty => write!(f, "nothing was typed"),
            PromptError::TooLong => write!(
                f,
                "that is longer than {MAX_PASSPHRASE_BYTES} characters; was something pasted by mistake?"
            ),
            PromptError::NotText => write!(f, "that is not text (UTF-8)"),
            PromptError::Io(e) => write!(f, "the terminal failed: {e}"),
        }
    }
}

/// True when a passphrase can be asked (standard input is a terminal).
pub fn can_ask() -> bool {
    io::stdin().is_terminal()
}

/// Shows `prompt` on stderr and reads one line from the terminal without echo.
pub fn ask(prompt: &str) -> Result<SecretString, PromptError> {
    if !can_ask() {
        return Err(PromptError::NoTerminal);
    }
    let mut err = io::stderr();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    let read = read_hidden();
    let _ = writeln!(err);
    read
}

/// The terminal's settings, restored when dropped (also on a panic).
#[cfg(unix)]
struct Quiet(rustix::termios::Termios);

#[cfg(unix)]
impl Drop for Quiet {
    fn drop(&mut self) {
        let _ = rustix::termios::tcsetattr(io::stdin(), rustix::termios::OptionalActions::Now, &self.0);
    }
}

#[cfg(unix)]
fn read_hidden() -> Result<SecretString, PromptError> {
    use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr};
    let stdin = io::stdin();
    let old = tcgetattr(&stdin).map_err(|e| PromptError::Io(io::Error::from(e).to_string()))?;
    let mut quiet = old.clone();
    quiet
        .local_modes
        .remove(LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG | LocalModes::IEXTEN);
    quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
    quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
    let _restore = Quiet(old);
    tcsetattr(&stdin, OptionalActions::Now, &quiet)
        .map_err(|e| PromptError::Io(io::Error::from(e).to_string()))?;
    let mut line: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::with_capacity(128));
    let mut byte = [0u8; 1];
    loop {
        let n = match rustix::io::read(&stdin, &mut byte) {
            Ok(n) => n,
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(PromptError::Io(io::Error::from(e).to_string())),
        };
        match (n, byte[0]) {
            (0, _) | (_, 0x04) if line.is_empty() => return Err(PromptError::Cancelled),
            (0, _) | (_, b'\r' | b'\n') => break,
            (_, 0x03 | 0x1b) => {
                flush_input();
                return Err(PromptError::Cancelled);
            }
            // Backspace and DEL remove the last character (all its UTF-8 bytes).
            (_, 0x7f | 0x08) => {
                while let Some(b) = line.pop() {
                    if b & 0xC0 != 0x80 {
                        break;
                    }
                }
            }
            (_, 0x15) => line.clear(),
            (_, b) => {
                line.push(b);
                if line.len() > MAX_PASSPHRASE_BYTES {
                    flush_input();
                    return Err(PromptError::TooLong);
                }
            }
        }
    }
    if line.is_empty() {
        return Err(PromptError::Empty);
    }
    let text = std::str::from_utf8(&line).map_err(|_| PromptError::NotText)?;
    Ok(SecretString::from(text.to_string()))
}

/// Throws away what is still queued from the terminal (the rest of a huge paste), then
/// waits a moment for more of it and throws that away too.
#[cfg(unix)]
fn flush_input() {
    for _ in 0..5 {
        let _ = rustix::termios::tcflush(io::stdin(), rustix::termios::QueueSelector::IFlush);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(not(unix))]
fn read_hidden() -> Result<SecretString, PromptError> {
    Err(PromptError::NoTerminal)
}
