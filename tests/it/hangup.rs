//! Closing the terminal window while the app runs: the app must notice, save what
//! was typed, and exit, not spin on a terminal that is gone.
//!
//! The harness in `common::pty` cannot close its terminal (its reader holds the
//! master side open), so this test opens a pseudo-terminal of its own.

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// Opens a pseudo-terminal of 80x24: (master, slave). `openpty(3)` has no safe
/// wrapper in rustix, hence the one place tests allow unsafe code besides `pre_exec`.
#[allow(unsafe_code)]
fn open_pty() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills two descriptors; no name buffer, default termios, a valid winsize.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // The child must not inherit the master side, or it would hold its own window open.
    // SAFETY: fcntl on the descriptor just opened.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

fn wait_for(screen: &Mutex<vt100::Parser>, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let contents = screen.lock().map(|p| p.screen().contents()).unwrap_or_default();
        if contents.contains(text) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {text:?}; screen:\n{contents}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn closing_the_window_saves_and_exits() {
    let data = tempfile::tempdir().expect("temp dir");
    let (master, slave) = open_pty();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustbook"));
    // The frozen copy, so that editing content/ never breaks this test.
    cmd.arg("--content").arg(crate::common::pty_workbook_dir());
    cmd.env("TRUSTBOOK_DATA_DIR", data.path())
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(slave.try_clone().expect("dup")))
        .stdout(Stdio::from(slave.try_clone().expect("dup")))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
    // controlling terminal is the pseudo-terminal, as a terminal window gives a shell.
    #[allow(unsafe_code)]
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("start trustbook");
    drop(cmd); // the parent's copies of the terminal side close here

    // Read the screen until told to stop, without blocking, so the master can be closed.
    let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let stop = Arc::new(AtomicBool::new(false));
    let mut file = std::fs::File::from(master.try_clone().expect("dup master"));
    let reader = {
        let (screen, stop) = (Arc::clone(&screen), Arc::clone(&stop));
        let mut read_side = std::fs::File::from(master);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::Relaxed) {
                let mut p = [PollFd::new(&read_side, PollFlags::IN)];
                let wait = Timespec {
                    tv_sec: 0,
                    tv_nsec: 50_000_000,
                };
                if poll(&mut p, Some(&wait)).unwrap_or(0) == 0 {
                    continue;
                }
                match read_side.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => screen.lock().expect("screen").process(&buf[..n]),
                }
            }
            // `read_side` drops here: one master descriptor fewer.
        })
    };

    // A first run asks for a name: Esc keeps `default`, whose file is read below.
    wait_for(&screen, crate::common::pty::NAME_QUESTION);
    file.write_all(b"\x1b").expect("type");
    // Then the offer of a passphrase: not now.
    wait_for(&screen, crate::common::pty::PROTECT_QUESTION);
    file.write_all(b"n").expect("type");
    wait_for(&screen, "Start from the beginning");
    // A letter hard on a command is taken as typing in the wrong place: pause first.
    std::thread::sleep(trustbook::app::BURST + Duration::from_millis(100));
    file.write_all(b"s").expect("type");
    wait_for(&screen, "Chapter 1/3");
    file.write_all(b"\r").expect("type");
    wait_for(&screen, "Exercise 1/8");
    let words = "written as the window closed";
    file.write_all(words.as_bytes()).expect("type");
    wait_for(&screen, words);

    // Close the window: every master descriptor goes.
    stop.store(true, Ordering::Relaxed);
    reader.join().expect("reader");
    drop(file);

    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(s) = child.try_wait().expect("try_wait") {
            break s;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("trustbook kept running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let saved = std::fs::read_to_string(data.path().join("default.toml")).expect("answers file");
    assert!(
        saved.contains(words),
        "the last words were not saved ({status:?}):\n{saved}"
    );
}
