//! The terminal edge: setup and guaranteed restore, the event loop, and the
//! external-editor hand-off. What the loop does with each action (saving, the
//! save schedule) is in [`crate::session`].

use std::io::{self, BufWriter, IsTerminal, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{Action, App, Event, keys};
use crate::input::{self, Incoming, Reader};
use crate::persist::Persistence;
use crate::session::{Ending, Session};
use crate::ui::{self, Theme};
use crate::unlock::{self, Outcome, Stage, Unlock};
use crate::vault::SecretString;

/// Asks the passphrase of protected profile `profile` on the app's own screen, in a
/// masked field, before the app opens. `try_key` is the slow edge: `Ok(Some(_))` when the
/// passphrase unlocks, `Ok(None)` when it is wrong, `Err` when the key cannot be used.
/// Nothing is written here; the terminal is restored before returning.
pub fn unlock<T>(
    profile: &str,
    mut try_key: impl FnMut(&SecretString) -> Result<Option<T>, String>,
) -> io::Result<Outcome<T>> {
    let _guard = enter()?;
    // Never dropped, as in `event_loop`: the guard restores the terminal instead.
    let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(backend())?);
    let theme = Theme::from_env();
    let mut screen = Unlock::new(profile);
    loop {
        terminal.draw(|f| ui::draw_unlock(f, &screen, &theme))?;
        let Some(key) = unlock_key(&ratatui::crossterm::event::read()?) else {
            continue;
        };
        if let Some(unlock::Effect::Unlock(secret)) = screen.update(key) {
            // "Unlocking…" shows while scrypt runs.
            terminal.draw(|f| ui::draw_unlock(f, &screen, &theme))?;
            match try_key(&secret) {
                Ok(Some(opened)) => return Ok(Outcome::Unlocked(opened)),
                Ok(None) => screen.unlocked(false),
                Err(why) => return Ok(Outcome::Failed(why)),
            }
        }
        match screen.stage() {
            Stage::Cancelled => return Ok(Outcome::Cancelled),
            Stage::GaveUp => return Ok(Outcome::GaveUp),
            Stage::Typing | Stage::Unlocking | Stage::Unlocked => {}
        }
    }
}

/// The unlock screen's meaning of a terminal event, by the key table's `Unlock` context
/// (so help, README and screen agree).
fn unlock_key(ev: &ratatui::crossterm::event::Event) -> Option<unlock::Key> {
    use crate::app::{Context, Edit, Go, Move};
    use crate::editor::Key as Typed;
    let k = match ev {
        ratatui::crossterm::event::Event::Paste(text) => return Some(unlock::Key::Paste(text.clone())),
        ratatui::crossterm::event::Event::Key(k) => k,
        _ => return None,
    };
    match keys::key_action(Context::Unlock, k)? {
        Action::Move(Move::Select) => Some(unlock::Key::Enter),
        Action::Go(Go::Back) => Some(unlock::Key::Esc),
        Action::Edit(Edit::Type(input)) if !input.ctrl && !input.alt => match input.key {
            Typed::Char(c) => Some(unlock::Key::Char(c)),
            Typed::Backspace => Some(unlock::Key::Backspace),
            _ => None,
        },
        _ => None,
    }
}

/// Fails unless both stdin and stdout are terminals.
pub fn require_terminal() -> Result<(), String> {
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(
            "trustbook needs an interactive terminal (stdin and stdout must be a terminal); \
             to check a workbook without one, run `trustbook validate`"
                .to_string(),
        )
    }
}

/// Puts the terminal in app mode; the returned guard restores it when dropped.
fn enter() -> io::Result<Guard> {
    enable_raw_mode()?;
    let guard = Guard;
    app_mode()?;
    Ok(guard)
}

/// The app's screen modes: its own screen, pastes as one event, the mouse wheel.
fn app_mode() -> io::Result<()> {
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )
}

/// Restores the terminal: raw mode off, main screen back, cursor visible.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal however the loop ends, early returns and errors included.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Makes a panic restore the terminal before the message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Runs the app until the user quits. If the terminal fails or the process is
/// asked to stop (SIGTERM, SIGHUP when the window closes, SIGINT), the answers
/// are committed and saved before returning, to the fallback file if need be.
pub fn run<P: Persistence>(app: App, persist: P) -> io::Result<Ending> {
    let guard = enter()?;
    let stop = stop_signals();
    let mut session = Session::new(app, persist);
    let result = event_loop(&mut session, &stop);
    match result {
        Ok(Some(ending)) => Ok(ending),
        Ok(None) => Ok(session.final_save()),
        Err(e) => {
            let ending = session.final_save();
            drop(guard);
            crate::report!("error: the terminal failed: {e}");
            Ok(ending)
        }
    }
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT, so the loop can save and leave.
fn stop_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        // Without the flag the default action (exit) still applies: nothing worse than before.
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    stop
}

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// The terminal backend. Frames go through a buffer: every draw ends with a flush, and
/// straight to `Stdout` each escape code took its lock and was scanned for newlines
/// (a tenth of the first frame's instructions).
fn backend() -> CrosstermBackend<BufWriter<Stdout>> {
    CrosstermBackend::new(BufWriter::with_capacity(FRAME_BUFFER, io::stdout()))
}

/// Bytes a frame is gathered in before it is written: a full 200x60 frame with colours.
const FRAME_BUFFER: usize = 64 * 1024;

/// The event loop: `Some(ending)` when the app ended itself, `None` when a stop
/// signal arrived.
fn event_loop<P: Persistence>(session: &mut Session<P>, stop: &AtomicBool) -> io::Result<Option<Ending>> {
    // Never dropped: ratatui's drop shows the cursor and, if the terminal is gone,
    // reports that with `eprintln!`, which panics when stderr is gone too. `restore`
    // shows the cursor instead, ignoring errors.
    let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(backend())?);
    let terminal: &mut Term = &mut terminal;
    let theme = Theme::from_env();
    let size = terminal.size()?;
    session
        .app
        .update(Action::Event(Event::Resize(size.width, size.height)));
    // The first frame comes before input is read: keys typed meanwhile wait in the
    // terminal, and the person sees the app sooner.
    terminal.draw(|f| ui::draw(f, &session.app, &theme))?;
    let mut reader = Reader::new();
    let mut needs_draw = false;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        // Only what an action changed is drawn: an idle screen costs nothing.
        if std::mem::take(&mut needs_draw) {
            terminal.draw(|f| ui::draw(f, &session.app, &theme))?;
        }
        // Slow work (protecting a new profile) runs once the frame saying so is drawn.
        if session.has_work() {
            session.work(Instant::now())?;
            needs_draw = true;
            continue;
        }
        if session.done() {
            return Ok(Some(Ending::Saved));
        }
        // Handle everything already queued (a fast typist, a paste) before drawing again.
        let mut batch = Vec::new();
        let mut next = reader.next(session.wait(Instant::now()));
        loop {
            match next {
                Incoming::Event(ev) => batch.push(ev),
                Incoming::Failed(e) => return Err(e),
                Incoming::Idle => break,
            }
            next = reader.ready().unwrap_or(Incoming::Idle);
        }
        // A field opened by a key of this batch (`a` on a list) takes the rest key by
        // key, with their times: letters hard on that key are typing in the wrong place.
        let typing_before = session.app.is_typing();
        let mut events = batch.into_iter().peekable();
        while let Some(ev) = events.next() {
            // A run of plain characters arriving at once while typing (a burst from a
            // terminal without bracketed paste, a slow link) goes in as one insert:
            // key by key, a long burst would keep the screen frozen for seconds.
            let ev = match typed_char(&ev) {
                Some(c)
                    if typing_before
                        && session.app.is_typing()
                        && events.peek().and_then(typed_char).is_some() =>
                {
                    let mut run = String::from(c);
                    while let Some(c) = events.peek().and_then(typed_char) {
                        run.push(c);
                        events.next();
                    }
                    ratatui::crossterm::event::Event::Paste(run)
                }
                Some(_) | None => ev,
            };
            if let Some(action) = keys::action(&session.app, &ev) {
                needs_draw = true;
                // The editor gets the keyboard: nothing reads it until the editor is done.
                let protected = session.persist.protected();
                let mut editor = |text: &str| hand_off(terminal, text, protected);
                session.dispatch(action, Instant::now(), &mut editor)?;
            }
        }
        if input::hung_up() {
            return Err(io::Error::other("the terminal was closed"));
        }
        // While quitting, wait a little for the last save instead of spinning.
        let wait = if session.app.should_quit() {
            Duration::from_millis(50)
        } else {
            Duration::ZERO
        };
        let before = (session.app.saving(), session.app.save_state().clone());
        session.tick(Instant::now(), wait)?;
        needs_draw |= before != (session.app.saving(), session.app.save_state().clone());
        if let Some(ending) = session.ending() {
            return Ok(Some(ending));
        }
    }
}

/// The character of a plain key press (no Ctrl or Alt), which typing inserts.
fn typed_char(ev: &ratatui::crossterm::event::Event) -> Option<char> {
    use ratatui::crossterm::event::{Event as Term, KeyCode, KeyEventKind, KeyModifiers};
    match ev {
        Term::Key(k) if k.kind != KeyEventKind::Release && (k.modifiers - KeyModifiers::SHIFT).is_empty() => {
            match k.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Leaves the app screen, runs the external editor, and comes back.
///
/// On a protected profile the editor gets a plain copy: that is said first, and the editor
/// runs only when the person says yes.
fn hand_off(term: &mut Term, text: &str, protected: bool) -> io::Result<Result<String, String>> {
    restore();
    let result = if !protected || crate::external::confirm_plain_copy() {
        crate::external::edit(text)
    } else {
        Err("the editor was not opened; your answer was not changed".to_string())
    };
    enable_raw_mode()?;
    app_mode()?;
    // Repaint everything. Not `Terminal::clear`: it asks the terminal for the cursor
    // position, which some terminals never answer. Drawing a blank frame over the old
    // one makes the next frame draw every cell.
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    term.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
    Ok(result)
}
