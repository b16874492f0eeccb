//! Terminal input on its own thread.
//!
//! crossterm's reader spins forever, inside `poll`/`read`, once the terminal is
//! gone (the window closed: every read returns end-of-file). Reading on a thread
//! of its own keeps the event loop free to notice that, save, and exit.

use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// How long the reader waits for input before checking whether it is paused.
const SLICE: Duration = Duration::from_millis(40);

/// What the input thread hands over.
pub enum Input {
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
        std::thread::spawn(move || {
            loop {
                if !wait_while_paused(&shared) {
                    return;
                }
                let next = match event::poll(SLICE) {
                    Ok(true) => event::read().map(Some),
                    Ok(false) => Ok(None),
                    Err(e) => Err(e),
                };
                let sent = match next {
                    Ok(None) => Ok(()),
                    Ok(Some(ev)) => tx.send(Ok(ev)),
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        });
        Reader { events, pause }
    }

    /// The next input, waiting at most `timeout`.
    pub fn next(&self, timeout: Duration) -> Input {
        match self.events.recv_timeout(timeout) {
            Ok(Ok(ev)) => Input::Event(ev),
            Ok(Err(e)) => Input::Failed(e),
            Err(RecvTimeoutError::Timeout) => Input::Idle,
            Err(RecvTimeoutError::Disconnected) => {
                Input::Failed(io::Error::other("the input reader stopped"))
            }
        }
    }

    /// Input already waiting, without blocking.
    pub fn ready(&self) -> Option<Input> {
        match self.events.try_recv() {
            Ok(Ok(ev)) => Some(Input::Event(ev)),
            Ok(Err(e)) => Some(Input::Failed(e)),
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
