//! The terminal edge: setup and guaranteed restore, the event loop, debounced
//! saving, and the external-editor hand-off.

use std::io::{self, IsTerminal, Stdout};
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

use crate::answers::Answers;
use crate::app::{Action, App, Edit, Effect, Event, Place, SaveState, keys};
use crate::input::{self, Input, Reader};
use crate::saver::Saver;
use crate::ui::{self, Theme};

/// How long typing must pause before the text is saved.
const TYPING_PAUSE: Duration = Duration::from_millis(800);
/// Longest that typed text goes unsaved while typing never pauses.
const TYPING_MAX_UNSAVED: Duration = Duration::from_millis(1000);
/// How often a failed save is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(5);

/// Turns answers and the place into the saved file's text.
pub type EncodeFn = Box<dyn Fn(&Answers, Option<&Place>) -> String>;
/// Writes the answers somewhere else when saving keeps failing; returns the path.
pub type FallbackFn = Box<dyn Fn(&str) -> Result<std::path::PathBuf, String>>;

/// Reads a partner profile's answers by name.
pub type LoadPartnerFn = Box<dyn Fn(&str) -> Result<Answers, String>>;

/// How the loop persists answers.
pub struct Persistence {
    /// Encodes the answers file.
    pub encode: EncodeFn,
    /// The background writer.
    pub saver: Saver,
    /// The last-resort writer.
    pub fallback: FallbackFn,
    /// Reads a partner profile's answers for comparing.
    pub load_partner: LoadPartnerFn,
}

/// What happened when the app ended.
pub enum Outcome {
    /// Quit normally with everything saved.
    Saved,
    /// Quit with a fallback copy at this path.
    Fallback(std::path::PathBuf),
    /// Quit after the fallback copy also failed.
    Lost(String),
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
pub fn run(mut app: App, mut persist: Persistence) -> io::Result<Outcome> {
    let guard = enter()?;
    let stop = stop_signals();
    match event_loop(&mut app, &mut persist, &stop) {
        Ok(Some(outcome)) => Ok(outcome),
        Ok(None) => Ok(final_save(&mut app, &mut persist)),
        Err(e) => {
            let outcome = final_save(&mut app, &mut persist);
            drop(guard);
            crate::report!("error: the terminal failed: {e}");
            Ok(outcome)
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

/// Commits what is typed and saves it, waiting for the write; when saving fails,
/// writes the fallback copy, since nobody may be there to answer a question.
fn final_save(app: &mut App, persist: &mut Persistence) -> Outcome {
    app.update(Action::Event(Event::Commit));
    let text = (persist.encode)(app.answers(), app.place().as_ref());
    persist.saver.request(text.clone());
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        match persist.saver.poll(Duration::from_millis(100)) {
            Some(Ok(())) => return Outcome::Saved,
            Some(Err(_)) => break,
            None => {}
        }
    }
    match (persist.fallback)(&text) {
        Ok(path) => Outcome::Fallback(path),
        Err(e) => Outcome::Lost(e),
    }
}

/// The event loop: `Some(outcome)` when the app ended itself, `None` when a stop
/// signal arrived.
fn event_loop(app: &mut App, persist: &mut Persistence, stop: &AtomicBool) -> io::Result<Option<Outcome>> {
    // Never dropped: ratatui's drop shows the cursor and, if the terminal is gone,
    // reports that with `eprintln!`, which panics when stderr is gone too. `restore`
    // shows the cursor instead, ignoring errors.
    let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(CrosstermBackend::new(io::stdout()))?);
    let terminal = &mut *terminal;
    let theme = Theme::from_env();
    let size = terminal.size()?;
    app.update(Action::Event(Event::Resize(size.width, size.height)));
    let mut lp = Loop {
        typing_deadline: None,
        first_unsaved: None,
        last_attempt: None,
        outcome: None,
        reader: Reader::spawn(),
        needs_draw: true,
    };
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        // Only what an action changed is drawn: an idle screen costs nothing.
        if std::mem::take(&mut lp.needs_draw) {
            terminal.draw(|f| ui::draw(f, app, &theme))?;
        }
        if app.should_quit() && !persist.saver.busy() {
            break;
        }
        let timeout = lp.typing_deadline.map_or(Duration::from_millis(250), |d| {
            d.saturating_duration_since(Instant::now())
                .min(Duration::from_millis(250))
        });
        // Handle everything already queued (a fast typist, a paste) before drawing again.
        let mut input = lp.reader.next(timeout);
        loop {
            match input {
                Input::Event(ev) => {
                    if let Some(action) = keys::action(app, &ev) {
                        lp.dispatch(app, persist, terminal, action)?;
                    }
                }
                Input::Failed(e) => return Err(e),
                Input::Idle => break,
            }
            input = lp.reader.ready().unwrap_or(Input::Idle);
        }
        if input::hung_up() {
            return Err(io::Error::other("the terminal was closed"));
        }
        if lp.typing_deadline.is_some_and(|d| Instant::now() >= d) {
            lp.typing_deadline = None;
            lp.first_unsaved = None;
            lp.dispatch(app, persist, terminal, Action::Event(Event::Commit))?;
        }
        let wait = if app.should_quit() {
            Duration::from_millis(50)
        } else {
            Duration::ZERO
        };
        if let Some(result) = persist.saver.poll(wait) {
            let action = match result {
                Ok(()) => Action::Event(Event::SaveDone),
                Err(e) => Action::Event(Event::SaveFailed(e)),
            };
            lp.dispatch(app, persist, terminal, action)?;
        }
        if matches!(app.save_state(), SaveState::Failed(_))
            && !persist.saver.busy()
            && lp.last_attempt.is_some_and(|t| t.elapsed() >= RETRY_EVERY)
        {
            lp.save(app, persist);
        }
        if let Some(out) = lp.outcome.take() {
            return Ok(Some(out));
        }
    }
    Ok(Some(Outcome::Saved))
}

struct Loop {
    typing_deadline: Option<Instant>,
    /// When the oldest text not yet committed was typed.
    first_unsaved: Option<Instant>,
    last_attempt: Option<Instant>,
    outcome: Option<Outcome>,
    reader: Reader,
    /// An action has run since the last frame.
    needs_draw: bool,
}

type Term = Terminal<CrosstermBackend<Stdout>>;

impl Loop {
    fn save(&mut self, app: &App, persist: &mut Persistence) {
        let text = (persist.encode)(app.answers(), app.place().as_ref());
        persist.saver.request(text);
        self.last_attempt = Some(Instant::now());
    }

    fn dispatch(
        &mut self,
        app: &mut App,
        persist: &mut Persistence,
        term: &mut Term,
        action: Action,
    ) -> io::Result<()> {
        self.needs_draw = true;
        let mut queue = vec![action];
        while let Some(action) = queue.pop() {
            for effect in app.update(action) {
                match effect {
                    Effect::Save => self.save(app, persist),
                    Effect::TextEdited => {
                        // Commit after a pause, or at the latest a second after the first
                        // unsaved keystroke, so a crash loses at most about a second of typing.
                        let now = Instant::now();
                        let first = *self.first_unsaved.get_or_insert(now);
                        self.typing_deadline = Some((now + TYPING_PAUSE).min(first + TYPING_MAX_UNSAVED));
                    }
                    Effect::ExternalEditor(text) => {
                        // Commit what is typed first, so nothing rides only on the editor round trip.
                        // The editor gets the keyboard: the reader lets go until it is back.
                        self.reader.pause();
                        let edited = hand_off(term, &text);
                        self.reader.resume();
                        queue.push(Action::Edit(Edit::EditorDone(edited?)));
                    }
                    Effect::LoadPartner(name) => {
                        let loaded = (persist.load_partner)(&name).map(|a| (name, a));
                        queue.push(Action::Event(Event::PartnerLoaded(loaded)));
                    }
                    Effect::WriteFallback => {
                        let text = (persist.encode)(app.answers(), app.place().as_ref());
                        self.outcome = Some(match (persist.fallback)(&text) {
                            Ok(path) => Outcome::Fallback(path),
                            Err(e) => Outcome::Lost(e),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// Leaves the app screen, runs the external editor, and comes back.
fn hand_off(term: &mut Term, text: &str) -> io::Result<Result<String, String>> {
    restore();
    let result = crate::external::edit(text);
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
