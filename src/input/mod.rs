//! Terminal input: bytes read from standard input, decoded by [`decode::Decoder`],
//! and the window size after SIGWINCH.
//!
//! Read on the event loop's own thread, with a bounded wait: a key reaches the app
//! without waking a second thread (a cross-thread hand-off cost more than the rest of
//! a keystroke), and the loop stays free to save and exit whatever the input does,
//! since no wait is longer than the loop asks. trustbook reads the bytes itself rather
//! than through crossterm's reader, which spins once the terminal is gone and can
//! stall on a fast burst or an unterminated paste (see `decode`).

pub mod decode;

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;

use decode::Decoder;

/// How long the rest of an escape sequence may take to arrive before what came is
/// taken as it is: a lone Esc is the Esc key.
const SEQUENCE_WAIT: Duration = Duration::from_millis(30);
/// How long an open bracketed paste may go quiet before it is ended with what came.
/// Generous: over a slow link or through a multiplexer a paste arrives a few bytes at
/// a time, and a paste ended early would run its rest as keys (a newline, a Tab, `p`).
pub const PASTE_WAIT: Duration = Duration::from_secs(2);
/// Bytes read from the terminal at once.
const CHUNK: usize = 64 * 1024;

/// What reading the terminal gives.
pub enum Incoming {
    /// A terminal event.
    Event(Event),
    /// Nothing arrived within the wait.
    Idle,
    /// Reading failed: the terminal is gone.
    Failed(io::Error),
}

/// The terminal's input, decoded into events on the caller's thread.
pub struct Reader {
    decoder: Decoder,
    buf: Vec<u8>,
    /// Decoded events not yet handed out.
    queue: VecDeque<Event>,
    /// When bytes last came, to end an escape sequence or a paste gone quiet.
    last_input: Instant,
    /// Set by SIGWINCH; the new size is read when it is seen.
    resized: Arc<AtomicBool>,
}

impl Reader {
    /// A reader of standard input, noticing window size changes from now on.
    pub fn new() -> Reader {
        let resized = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        let _ = signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized));
        Reader {
            decoder: Decoder::default(),
            buf: vec![0u8; CHUNK],
            queue: VecDeque::new(),
            last_input: Instant::now(),
            resized,
        }
    }

    /// The next input, waiting at most `timeout` (less while an escape sequence or a
    /// paste is unfinished, so it is ended on time). A signal ends the wait early.
    pub fn next(&mut self, timeout: Duration) -> Incoming {
        if let Some(ev) = self.queue.pop_front() {
            return Incoming::Event(ev);
        }
        let wait = match self.unfinished_wait() {
            Some(left) => timeout.min(left),
            None => timeout,
        };
        self.read(wait)
    }

    /// Input already waiting, without blocking.
    pub fn ready(&mut self) -> Option<Incoming> {
        match self.next(Duration::ZERO) {
            Incoming::Idle => None,
            got => Some(got),
        }
    }

    /// How long an unfinished sequence or paste may still wait for its rest, if one is
    /// open.
    fn unfinished_wait(&self) -> Option<Duration> {
        let limit = if self.decoder.in_paste() {
            PASTE_WAIT
        } else if self.decoder.pending() {
            SEQUENCE_WAIT
        } else {
            return None;
        };
        Some(limit.saturating_sub(self.last_input.elapsed()))
    }

    /// Reads for at most `wait`, decodes what came, and hands out the first event.
    fn read(&mut self, wait: Duration) -> Incoming {
        match read_some(&mut self.buf, wait) {
            Ok(Some(n)) => {
                self.last_input = Instant::now();
                self.queue.extend(self.decoder.feed(&self.buf[..n]));
            }
            // Quiet for long enough: what came of a sequence or paste is taken as it is.
            Ok(None) if self.unfinished_wait().is_some_and(|left| left.is_zero()) => {
                self.queue.extend(self.decoder.flush());
            }
            Ok(None) => {}
            Err(e) => return Incoming::Failed(e),
        }
        if self.resized.swap(false, Ordering::Relaxed)
            && let Ok((w, h)) = ratatui::crossterm::terminal::size()
        {
            self.queue.push_back(Event::Resize(w, h));
        }
        self.queue.pop_front().map_or(Incoming::Idle, Incoming::Event)
    }
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new()
    }
}

/// Waits up to `wait` for input and reads what is there: `Some(n)` bytes, `None`
/// when nothing came; an error when the terminal is gone (end of file, hang-up).
#[cfg(unix)]
fn read_some(buf: &mut [u8], wait: Duration) -> io::Result<Option<usize>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::io::Errno;
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    // A wait too long for a timespec is as good as forever.
    let timeout = Timespec::try_from(wait).ok();
    let n = match poll(&mut fds, timeout.as_ref()) {
        Ok(n) => n,
        Err(Errno::INTR) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    if n == 0 {
        return Ok(None);
    }
    if closed(fds[0].revents()) {
        return Err(io::Error::other("the terminal was closed"));
    }
    match rustix::io::read(&stdin, buf) {
        Ok(0) => Err(io::Error::other("the terminal was closed")),
        Ok(n) => Ok(Some(n)),
        Err(Errno::INTR | Errno::AGAIN) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Whether poll's `revents` say the terminal hung up or failed with no input
/// left to read (input still waiting is read first).
#[cfg(unix)]
fn closed(revents: rustix::event::PollFlags) -> bool {
    use rustix::event::PollFlags;
    !revents.contains(PollFlags::IN) && revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// The terminal reader needs Unix polling.
#[cfg(not(unix))]
fn read_some(_buf: &mut [u8], _wait: Duration) -> io::Result<Option<usize>> {
    Err(io::Error::other("trustbook reads the terminal only on Unix"))
}

/// True once the terminal has hung up (its window closed), so no more input can come.
pub fn hung_up() -> bool {
    #[cfg(unix)]
    {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let stdin = io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        let now = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        poll(&mut fds, Some(&now)).is_ok_and(|n| n > 0)
            && fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
    }
    #[cfg(not(unix))]
    {
        false
    }
}
