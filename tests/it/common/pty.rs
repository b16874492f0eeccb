//! A harness for running the real binary in a pseudo-terminal.
//!
//! A background thread reads everything the program writes and feeds it to a
//! shared `vt100::Parser`, so tests can poll the screen as a user would see it.
//! Waits poll with a generous deadline (slow CI machines) and print the screen
//! when they give up.

use rustix::process::Signal;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long a wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How often waits look at the screen again.
pub const POLL: Duration = Duration::from_millis(20);

/// The first run's question of a name, as it shows.
pub const NAME_QUESTION: &str = "What name should your answers go under?";
/// The title of a first run's offer of a passphrase, right after the name.
pub const PROTECT_QUESTION: &str = "Protect your answers with a passphrase?";

/// The first line of the safety page, which a first run shows before anything else.
pub const SAFETY_FIRST: &str = "Please read this page first.";

/// Key sequences as a terminal (xterm) sends them.
pub mod keys {
    /// Enter.
    pub const ENTER: &[u8] = b"\r";
    /// Tab.
    pub const TAB: &[u8] = b"\t";
    /// Shift+Tab.
    pub const SHIFT_TAB: &[u8] = b"\x1b[Z";
    /// F1.
    pub const F1: &[u8] = b"\x1bOP";
    /// F2.
    pub const F2: &[u8] = b"\x1bOQ";
    /// Escape.
    pub const ESC: &[u8] = b"\x1b";
    /// Ctrl+Q.
    pub const CTRL_Q: &[u8] = b"\x11";
    /// Ctrl+C.
    pub const CTRL_C: &[u8] = b"\x03";
    /// Down arrow.
    pub const DOWN: &[u8] = b"\x1b[B";
    /// Up arrow.
    pub const UP: &[u8] = b"\x1b[A";
}

/// What to start: the binary under test by default.
pub struct Spawn {
    /// A private data folder, unless `data_dir` names one, so tests never touch
    /// the real answers or each other's locks.
    data: Option<tempfile::TempDir>,
    data_dir: Option<std::path::PathBuf>,
    program: String,
    /// The workbook the binary loads: a frozen copy of the shipped one, so editing
    /// `content/` never breaks these tests; `None` for the built-in workbook.
    content: Option<std::path::PathBuf>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    cols: u16,
    rows: u16,
}

impl Default for Spawn {
    fn default() -> Self {
        Spawn {
            data: Some(tempfile::tempdir().expect("temp data dir")),
            data_dir: None,
            program: env!("CARGO_BIN_EXE_trustbook").to_string(),
            content: Some(super::pty_workbook_dir()),
            args: Vec::new(),
            env: Vec::new(),
            cols: 80,
            rows: 24,
        }
    }
}

impl Spawn {
    /// Runs another program instead (e.g. a shell wrapping the binary).
    pub fn program(mut self, program: &str) -> Self {
        self.program = program.to_string();
        self
    }
    /// Runs on the workbook built into the binary instead of the frozen test copy.
    pub fn builtin(mut self) -> Self {
        self.content = None;
        self
    }
    /// Runs on the workbook in `dir` instead of the frozen test copy.
    pub fn content(mut self, dir: &std::path::Path) -> Self {
        self.content = Some(dir.to_path_buf());
        self
    }
    /// Adds command-line arguments.
    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }
    /// Sets an environment variable for the program.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }
    /// Keeps answers in `dir` (to reopen the same answers across runs).
    pub fn data_dir(mut self, dir: &std::path::Path) -> Self {
        self.data = None;
        self.data_dir = Some(dir.to_path_buf());
        self
    }
    /// Sets the terminal size.
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }
    /// Starts the program in a new pseudo-terminal.
    pub fn start(self) -> Pty {
        Pty::start(self)
    }
}

/// A running program in a pseudo-terminal, with its screen.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
    /// Keeps the private data folder until the program is done.
    _data: Option<tempfile::TempDir>,
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// Starts the binary under test at 80x24 with `TERM=xterm-256color`.
    pub fn spawn() -> Pty {
        Spawn::default().start()
    }

    fn start(spec: Spawn) -> Pty {
        let pair = native_pty_system()
            .openpty(pty_size(spec.cols, spec.rows))
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(&spec.program);
        if let Some(dir) = spec
            .content
            .as_ref()
            .filter(|_| spec.program == env!("CARGO_BIN_EXE_trustbook"))
        {
            cmd.arg("--content");
            cmd.arg(dir);
        }
        cmd.args(&spec.args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let data = spec
            .data_dir
            .clone()
            .or_else(|| spec.data.as_ref().map(|d| d.path().to_path_buf()));
        if let Some(d) = &data {
            cmd.env("TRUSTBOOK_DATA_DIR", d);
        }
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn the program");
        // Only the child holds the slave side now, so reads end when it exits.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(spec.rows, spec.cols, 0)));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let feed = Arc::clone(&parser);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => lock(&feed).process(&buf[..n]),
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            parser,
            writer,
            master: pair.master,
            child,
            reader: Some(reader),
            status: None,
            _data: spec.data,
        }
    }

    /// The process id of the program.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// The writer to the program, for a test that writes from another thread (a huge
    /// paste); later [`Pty::send`]s go nowhere.
    pub fn take_writer(&mut self) -> Box<dyn Write + Send> {
        std::mem::replace(&mut self.writer, Box::new(std::io::sink()))
    }

    /// Sends raw bytes (keys) to the program.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Sends a key and waits until `text` shows: the next screen, or what the key did.
    pub fn send_until(&mut self, bytes: &[u8], text: &str) {
        self.send(bytes);
        self.wait_for(text);
    }

    /// Sends a command key and waits as a person would before the next key: keys
    /// closer together than [`trustbook::app::BURST`] are taken as typing.
    pub fn command(&mut self, bytes: &[u8]) {
        self.send(bytes);
        std::thread::sleep(trustbook::app::BURST + Duration::from_millis(100));
    }

    /// On a first run without `--profile` the app asks for a name first: Esc keeps
    /// `default`, whose answers file these tests read. Waits for the welcome menu; true
    /// when the question was asked (its first save may then still be on its way).
    pub fn keep_default_name(&mut self) -> bool {
        // A first run shows "Before you start" before it asks anything.
        self.wait_until("the safety page, the name question or the welcome menu", |s| {
            let text = s.contents();
            text.contains(SAFETY_FIRST)
                || text.contains(NAME_QUESTION)
                || text.contains("Start from the beginning")
        });
        if self.screen().contains(SAFETY_FIRST) {
            self.send(keys::ESC);
            self.wait_until("the name question or the welcome menu", |s| {
                let text = s.contents();
                text.contains(NAME_QUESTION) || text.contains("Start from the beginning")
            });
        }
        let asked = self.screen().contains(NAME_QUESTION);
        if asked {
            self.send(keys::ESC);
            // Then the offer of a passphrase: not now.
            self.wait_for(PROTECT_QUESTION);
            // A command letter, then the pause that tells the next key is no typing.
            self.command(b"n");
        }
        self.wait_for("Start from the beginning");
        asked
    }

    /// From a fresh start (keeping the name `default` when asked), Enter on "Start from
    /// the beginning", then Enter past the first introduction, to the first exercise of
    /// the shipped workbook.
    pub fn open_first_exercise(&mut self) {
        self.keep_default_name();
        self.send(keys::ENTER);
        self.wait_for("Chapter 1/3 · Introduction");
        self.send(keys::ENTER);
        self.wait_for("Exercise 1/8");
    }

    /// Types text.
    pub fn type_str(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// Types text and waits until it shows.
    pub fn type_seen(&mut self, text: &str) {
        self.type_str(text);
        self.wait_for(text);
    }

    /// The screen's text, rows joined by newlines.
    pub fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Runs `f` on the parsed screen (for cursor, alternate screen, ...).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.parser).screen())
    }

    /// Waits until `pred` holds for the screen; panics with the screen after `TIMEOUT`.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.with_screen(&pred) {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen was:\n{}",
                    self.framed_screen()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contents().contains(text));
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to disappear"), |s| {
            !s.contents().contains(text)
        });
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.parser).screen_mut().set_size(rows, cols);
        self.master.resize(pty_size(cols, rows)).expect("resize pty");
    }

    /// Kills the program with SIGKILL, as a crash or power cut would.
    pub fn kill9(&mut self) {
        self.signal(Signal::KILL);
    }

    /// Sends a signal (e.g. `Signal::TERM`) to the program.
    pub fn signal(&mut self, sig: Signal) {
        let raw = i32::try_from(self.pid()).expect("pid fits i32");
        let pid = rustix::process::Pid::from_raw(raw).expect("a child's pid is positive");
        // The child was started here and not yet reaped, so the pid is still its own.
        rustix::process::kill_process(pid, sig).unwrap_or_else(|e| panic!("kill {sig:?} {raw}: {e}"));
    }

    /// Waits for the program to exit and for its last output to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        if let Some(s) = &self.status {
            return s.clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                break s;
            }
            if Instant::now() >= deadline {
                let screen = self.framed_screen();
                self.kill9();
                panic!("the program did not exit within {TIMEOUT:?}; the screen was:\n{screen}");
            }
            std::thread::sleep(POLL);
        };
        // The reader ends at end of output; join it so the screen shows everything.
        if let Some(r) = self.reader.take() {
            let until = Instant::now() + TIMEOUT;
            while !r.is_finished() && Instant::now() < until {
                std::thread::sleep(POLL);
            }
            if r.is_finished() {
                let _ = r.join();
            }
        }
        self.status = Some(status.clone());
        status
    }

    /// Asserts the program left the terminal as it found it: main screen,
    /// cursor visible, bracketed paste and mouse reporting off.
    pub fn assert_terminal_restored(&self) {
        let screen = self.framed_screen();
        self.with_screen(|s| {
            assert!(
                !s.alternate_screen(),
                "the alternate screen was not left:\n{screen}"
            );
            assert!(!s.hide_cursor(), "the cursor was left hidden:\n{screen}");
            assert!(!s.bracketed_paste(), "bracketed paste was left on:\n{screen}");
            assert_eq!(
                s.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse reporting was left on:\n{screen}"
            );
        });
    }

    /// The screen with a border, for failure messages.
    pub fn framed_screen(&self) -> String {
        let (rows, cols) = self.with_screen(|s| s.size());
        let bar = "-".repeat(usize::from(cols));
        let body: Vec<String> = self.screen().lines().map(|l| format!("|{l}")).collect();
        format!("+{bar}+ ({cols}x{rows})\n{}\n+{bar}+", body.join("\n"))
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Never leave the program running when a test fails half way.
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            self.kill9();
            let _ = self.child.wait();
        }
    }
}

fn lock(p: &Mutex<vt100::Parser>) -> MutexGuard<'_, vt100::Parser> {
    // A panicking test thread must not hide the screen from the others.
    p.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
