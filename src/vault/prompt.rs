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
struct Quiet(libc::termios);

#[cfg(unix)]
impl Drop for Quiet {
    fn drop(&mut self) {
        // SAFETY: fd 0 is a terminal (checked), and the struct is the one tcgetattr filled.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, &self.0);
        }
    }
}

#[cfg(unix)]
fn read_hidden() -> Result<SecretString, PromptError> {
    // SAFETY: termios is plain data; tcgetattr fills it or fails.
    let mut old: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: fd 0 is open; `old` is a valid pointer.
    if unsafe { libc::tcgetattr(0, &mut old) } != 0 {
        return Err(PromptError::Io(io::Error::last_os_error().to_string()));
    }
    let mut quiet = old;
    quiet.c_lflag &= !(libc::ECHO | libc::ICANON | libc::ISIG | libc::IEXTEN);
    quiet.c_cc[libc::VMIN] = 1;
    quiet.c_cc[libc::VTIME] = 0;
    let _restore = Quiet(old);
    // SAFETY: as above; `quiet` is a valid termios.
    if unsafe { libc::tcsetattr(0, libc::TCSANOW, &quiet) } != 0 {
        return Err(PromptError::Io(io::Error::last_os_error().to_string()));
    }
    let mut line: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::with_capacity(128));
    let mut byte = [0u8; 1];
    loop {
        // SAFETY: reading one byte into a one-byte buffer.
        let n = unsafe { libc::read(0, byte.as_mut_ptr().cast(), 1) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(PromptError::Io(e.to_string()));
        }
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
        // SAFETY: fd 0 is a terminal.
        unsafe {
            libc::tcflush(0, libc::TCIFLUSH);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(not(unix))]
fn read_hidden() -> Result<SecretString, PromptError> {
    Err(PromptError::NoTerminal)
}
