//! Saving off the event loop: the loop hands a copy of the answers to a writer
//! thread, which encodes and writes it, so neither a slow disk nor a large answer
//! makes typing stutter. Requests made while a write is running are coalesced:
//! only the newest is written.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::store::SaveProblem;

/// Writes one request (the answers to encode, or a text); returns a message for the
/// user on failure.
pub type WriteFn<T> = Box<dyn FnMut(&T) -> Result<(), SaveProblem> + Send>;

/// The writer thread's work and its ends of the channels, kept until the first request.
type Idle<T> = (
    WriteFn<T>,
    Receiver<(u64, T)>,
    Sender<(u64, Result<(), SaveProblem>)>,
);

/// A background writer of `T`s with a result channel.
pub struct Writer<T> {
    jobs: Option<Sender<(u64, T)>>,
    results: Receiver<(u64, Result<(), SaveProblem>)>,
    /// Until the first request the thread is not started: starting the app (its first
    /// frame) never waits for it.
    idle: Option<Idle<T>>,
    thread: Option<JoinHandle<()>>,
    requested: u64,
    answered: u64,
}

impl<T: Send + 'static> Writer<T> {
    /// A writer around `write`; its thread starts with the first request.
    pub fn spawn(write: WriteFn<T>) -> Writer<T> {
        let (jobs, job_rx) = channel::<(u64, T)>();
        let (res_tx, results) = channel();
        Writer {
            jobs: Some(jobs),
            results,
            idle: Some((write, job_rx, res_tx)),
            thread: None,
            requested: 0,
            answered: 0,
        }
    }

    /// Starts the thread that writes each newest request in turn.
    fn start((mut write, job_rx, res_tx): Idle<T>) -> JoinHandle<()> {
        std::thread::spawn(move || {
            while let Ok(mut job) = job_rx.recv() {
                // Skip to the newest request; older ones are superseded.
                while let Ok(newer) = job_rx.try_recv() {
                    job = newer;
                }
                let result = write(&job.1);
                if res_tx.send((job.0, result)).is_err() {
                    break;
                }
            }
        })
    }

    /// Queues `job` to be written.
    pub fn request(&mut self, job: T) {
        if let Some(idle) = self.idle.take() {
            self.thread = Some(Self::start(idle));
        }
        self.requested += 1;
        let sent = self.jobs.as_ref().map(|j| j.send((self.requested, job)));
        if !matches!(sent, Some(Ok(()))) {
            // The writer is gone (it panicked); report it as a failed save.
            self.answered = self.requested;
        }
    }

    /// True while a requested write has not reported back.
    pub fn busy(&self) -> bool {
        self.answered < self.requested
    }

    /// The result of the newest finished write, if one arrived; `wait` bounds how long to block.
    pub fn poll(&mut self, wait: Duration) -> Option<Result<(), SaveProblem>> {
        let first = if wait.is_zero() {
            self.results.try_recv().map_err(|_| RecvTimeoutError::Timeout)
        } else {
            self.results.recv_timeout(wait)
        };
        let mut last = match first {
            Ok(r) => Some(r),
            Err(RecvTimeoutError::Disconnected) if self.busy() => {
                self.answered = self.requested;
                return Some(Err(SaveProblem::Other(
                    "the saving thread stopped unexpectedly".to_string(),
                )));
            }
            Err(_) => return None,
        };
        while let Ok(r) = self.results.try_recv() {
            last = Some(r);
        }
        let (seq, result) = last?;
        self.answered = self.answered.max(seq);
        // An older success says nothing about newer text; report only when caught up or failed.
        if seq == self.requested || result.is_err() {
            Some(result)
        } else {
            None
        }
    }
}

impl<T> Drop for Writer<T> {
    fn drop(&mut self) {
        // Close the queue and let the last write finish, so quitting never tears a save.
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn writes_and_reports() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s2 = Arc::clone(&seen);
        let mut saver = Writer::spawn(Box::new(move |t: &String| {
            s2.lock()
                .map_err(|e| SaveProblem::Other(e.to_string()))?
                .push(t.to_string());
            if t == "bad" {
                Err(SaveProblem::DiskFull)
            } else {
                Ok(())
            }
        }));
        saver.request("one".into());
        assert_eq!(saver.poll(Duration::from_secs(5)), Some(Ok(())));
        assert!(!saver.busy());
        saver.request("bad".into());
        assert_eq!(
            saver.poll(Duration::from_secs(5)),
            Some(Err(SaveProblem::DiskFull))
        );
        drop(saver);
        assert_eq!(
            *seen.lock().expect("lock"),
            vec!["one".to_string(), "bad".to_string()]
        );
    }
}
