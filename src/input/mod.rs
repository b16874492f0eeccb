//! Terminal input on its own thread: bytes read from standard input, decoded by
//! [`decode::Decoder`], and the window size after SIGWINCH.
//!
//! Reading on a thread of its own keeps the event loop free to save and exit
//! whatever the input does. trustbook reads the bytes itself rather than through
//! crossterm's reader, which spins once the terminal is gone and can stall on a
//! fast burst or an unterminated paste (see `decode`).

pub mod decode;

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::Event;

use decode::Decoder;

/// How long the reader waits for input before checking whether it is paused.
const SLICE: Duration = Duration::from_millis(40);
/// How long the rest of an escape sequence may take to arrive before what came is
/// taken as it is: a lone Esc is the Esc key.
const SEQUENCE_WAIT: Duration = Duration::from_millis(30);
/// How long an open bracketed paste may go quiet before it is ended with what came.
/// Generous: over a slow link or through a multiplexer a paste arrives a few bytes at
/// a time, and a paste ended early would run its rest as keys (a newline, a Tab, `p`).
pub const PASTE_WAIT: Duration = Duration::from_secs(2);

/// What the input thread hands over.
pub enum Incoming {
    /// A terminal event.
    Event(Event),
    /// Nothing arrived within the wait.
    Idle,
    /// Reading failed, or the reader is gone.
    Failed(io::Error),
}

#[derive(Default)]
struct Pause {
    /// The loop wants the terminal to itself (the external editor runs).
    paused: bool,
    /// The reader has seen `paused` and is not reading.
    parked: bool,
}

/// The reading thread and its controls.
pub struct Reader {
    events: Receiver<io::Result<Event>>,
    pause: Arc<(Mutex<Pause>, Condvar)>,
}

impl Reader {
    /// Starts the reading thread.
    pub fn spawn() -> Reader {
        let (tx, events) = channel();
        let pause = Arc::new((Mutex::new(Pause::default()), Condvar::new()));
        let shared = Arc::clone(&pause);
        std::thread::spawn(move || read_loop(&tx, &shared));
        Reader { events, pause }
    }

    /// The next input, waiting at most `timeout`.
    pub fn next(&self, timeout: Duration) -> Incoming {
        match self.events.recv_timeout(timeout) {
            Ok(Ok(ev)) => Incoming::Event(ev),
            Ok(Err(e)) => Incoming::Failed(e),
            Err(RecvTimeoutError::Timeout) => Incoming::Idle,
            Err(RecvTimeoutError::Disconnected) => {
                Incoming::Failed(io::Error::other("the input reader stopped"))
            }
        }
    }

    /// Input already waiting, without blocking.
    pub fn ready(&self) -> Option<Incoming> {
        match self.events.try_recv() {
            Ok(Ok(ev)) => Some(Incoming::Event(ev)),
            Ok(Err(e)) => Some(Incoming::Failed(e)),
            Err(_) => None,
        }
    }

    /// Stops reading until [`Reader::resume`], returning once the reader has let go,
    /// so another program can have the keyboard.
    pub fn pause(&self) {
        let (lock, cv) = &*self.pause;
        let Ok(mut p) = lock.lock() else { return };
        p.paused = true;
        p.parked = false;
        cv.notify_all();
        // The reader finishes its current slice, then parks; bounded so a stuck reader
        // cannot hang the app.
        let deadline = std::time::Instant::now() + SLICE * 10;
        while !p.parked && std::time::Instant::now() < deadline {
            match cv.wait_timeout(p, SLICE) {
                Ok((guard, _)) => p = guard,
                Err(_) => return,
            }
        }
    }

    /// Reads again after [`Reader::pause`].
    pub fn resume(&self) {
        let (lock, cv) = &*self.pause;
        if let Ok(mut p) = lock.lock() {
            p.paused = false;
            cv.notify_all();
        }
    }
}

/// The reading thread: stdin to events until the loop hangs up or reading fails.
fn read_loop(tx: &std::sync::mpsc::Sender<io::Result<Event>>, pause: &(Mutex<Pause>, Condvar)) {
    let resized = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    let _ = signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized));
    let mut decoder = Decoder::default();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if !wait_while_paused(pause) {
            return;
        }
        let wait = if decoder.in_paste() {
            PASTE_WAIT
        } else if decoder.pending() {
            SEQUENCE_WAIT
        } else {
            SLICE
        };
        let events = match read_some(&mut buf, wait) {
            Ok(Some(n)) => decoder.feed(&buf[..n]),
            Ok(None) if decoder.pending() => decoder.flush(),
            Ok(None) => Vec::new(),
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        };
        let mut sent = events.into_iter().try_for_each(|ev| tx.send(Ok(ev)));
        if resized.swap(false, Ordering::Relaxed)
            && let Ok((w, h)) = ratatui::crossterm::terminal::size()
        {
            sent = sent.and_then(|()| tx.send(Ok(Event::Resize(w, h))));
        }
        if sent.is_err() {
            return;
        }
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

/// Parks the reader while paused; false if the pause state is unusable.
fn wait_while_paused(shared: &(Mutex<Pause>, Condvar)) -> bool {
    let (lock, cv) = shared;
    let Ok(mut p) = lock.lock() else { return false };
    while p.paused {
        p.parked = true;
        cv.notify_all();
        p = match cv.wait(p) {
            Ok(guard) => guard,
            Err(_) => return false,
        };
    }
    true
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
