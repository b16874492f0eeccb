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
    use std::os::fd::AsRawFd;
    let fd = io::stdin().as_raw_fd();
    let mut fds = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd and a count of 1.
    let n = unsafe { libc::poll(&mut fds, 1, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(None)
        } else {
            Err(e)
        };
    }
    if n == 0 {
        return Ok(None);
    }
    if fds.revents & libc::POLLIN == 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    {
        return Err(io::Error::other("the terminal was closed"));
    }
    // SAFETY: `buf` is valid for `buf.len()` bytes of writing.
    let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    match got {
        0 => Err(io::Error::other("the terminal was closed")),
        n if n > 0 => Ok(Some(n as usize)),
        _ => {
            let e = io::Error::last_os_error();
            match e.kind() {
                io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock => Ok(None),
                _ => Err(e),
            }
        }
    }
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
        use std::os::fd::AsRawFd;
        let mut fds = libc::pollfd {
            fd: io::stdin().as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, a count of 1, and no waiting.
        let n = unsafe { libc::poll(&mut fds, 1, 0) };
        n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
    #[cfg(not(unix))]
    {
        false
    }
}
