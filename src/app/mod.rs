//! Application state and the one place it changes: [`App::update`].
//!
//! `App` knows nothing of the terminal. The edges turn events into
//! [`Action`]s with [`keys::action`], call `update`, and carry out the
//! [`Effect`]s it returns (saving, the external editor, loading a partner).
//! Each screen keeps its own state in [`ScreenState`]; the exercise on screen
//! is a [`Component`] of its kind.

mod action;
mod component;
mod entries;
mod history;
pub use entries::{Due, EntryRow};
pub mod keys;
mod naming;
mod nav;
mod notice;
mod pairing;
mod passphrase;
mod safety;
mod screen;
mod sharing;
mod stray;
mod view;

pub use action::{Action, Edit, Effect, Event, Go, Move, PairingRead, Stroke};
pub use component::{
    Change, ChecklistAnswer, ChoiceAnswer, Component, DateAnswer, Intent, ListAnswer, Outcome, PageView,
    RatingsAnswer, ScaleAnswer, ScoreView, TextAnswer, Typing, date_of, field, not_applied, ratings_of,
    scale_value, typed_shape,
};
pub use history::{Changed, Made};
pub use keys::Context;
pub use notice::{Notice, TooLongFrom};
pub use pairing::{Checked, KeyChange, PairEntry, PairProblem, Pairing};
pub use passphrase::{PassphraseField, PassphraseProblem, ProtectStep};
pub use screen::{ContentsRow, NameProblem, Screen, ScreenState, SharedEntry, SharingAsk, WelcomeItem};
pub use stray::{BURST, HOLD};
pub use view::{ListView, Viewport};

pub use crate::answers::Place;
use crate::answers::{Answers, Timestamp};
use crate::content::Workbook;
use crate::store::SaveProblem;

/// Smallest terminal width the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
/// Smallest terminal height the screens are laid out for.
pub const MIN_HEIGHT: u16 = 20;

/// Whether the answers on screen are safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is saved (or nothing changed yet).
    Saved,
    /// The last save failed, with the reason.
    Failed(SaveProblem),
}

/// An overlay drawn over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// None: the screen has the keyboard.
    None,
    /// The help overlay: every key of the screen below.
    Help,
    /// The "before you start" safety page, over any screen.
    Safety,
}

/// Where the app is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// Working as usual.
    Running,
    /// Quit was asked for while saving fails: asking what to do.
    AskingToQuit,
    /// Done: the edges finish saving and exit.
    Quitting,
}

/// The hint panel of the exercise on screen.
#[derive(Debug, Default)]
struct Hint {
    /// Shown (F2).
    shown: bool,
    /// Where it is scrolled to: F2 pages it, then hides it.
    view: Viewport,
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    workbook: Workbook,
    answers: Answers,
    state: ScreenState,
    overlay: Overlay,
    life: Lifecycle,
    /// Text typed since the last commit.
    text_dirty: bool,
    /// A save was asked for and has not reported back.
    save_pending: bool,
    save: SaveState,
    /// The exercise's hint panel.
    hint: Hint,
    notice: Option<Notice>,
    size: (u16, u16),
    resume: Option<Place>,
    /// The page was opened from the review, so Esc goes back there.
    from_review: bool,
    /// The entry on the pages was opened from the entries screen of this chapter, so
    /// Esc goes back to that list.
    from_entries: Option<usize>,
    profile: String,
    partners: Vec<String>,
    /// The "before you start" safety page's own state.
    safety: safety::SafetyPage,
    /// The help overlay's rows, which scroll when they do not fit.
    help_text: Viewport,
    /// The time of the action being applied, given by the session ([`App::update_at`]):
    /// what answers and entries are stamped with and which week is this week.
    now: Timestamp,
    /// The computer's time zone, given by the session with the time: which calendar day
    /// it is, and so which week.
    zone: jiff::tz::TimeZone,
    /// The question which week a check-in is about, while it is asked (in the grace
    /// window after an unfinished week).
    week_question: Option<entries::WeekQuestion>,
    /// The printable keys just pressed, to tell typing from commands.
    burst: stray::Burst,
    /// The answer changes made on this screen, for undo and redo.
    history: history::History,
    /// The answers as shown, when they differ from `answers` ([`App::shown`]).
    shown: Option<Answers>,
    /// True when the action being handled only edited the text being typed, so `shown`
    /// still matches `answers`: working it out again walks every entry, and copies all
    /// the answers when an item was reworded, which no keystroke should pay for.
    shown_fresh: bool,
}

impl App {
    /// A new session on `workbook` with saved `answers` and the place to resume at.
    pub fn new(workbook: Workbook, mut answers: Answers, resume: Option<Place>) -> App {
        let resume = resume.filter(|p| screen::place_screen(&workbook, p).is_some());
        answers.route(&workbook);
        App {
            workbook,
            answers,
            state: ScreenState::welcome(),
            overlay: Overlay::None,
            life: Lifecycle::Running,
            text_dirty: false,
            save_pending: false,
            save: SaveState::Saved,
            hint: Hint::default(),
            notice: None,
            size: (80, 24),
            resume,
            from_review: false,
            from_entries: None,
            profile: crate::store::DEFAULT_PROFILE.to_string(),
            partners: Vec::new(),
            safety: safety::SafetyPage::default(),
            help_text: Viewport::default(),
            // Until the session passes the time, the clock as the app starts.
            now: Timestamp::now(),
            // Until the session passes the zone, UTC: the app never reads the system's.
            zone: jiff::tz::TimeZone::UTC,
            week_question: None,
            burst: stray::Burst::default(),
            history: history::History::default(),
            shown: None,
            shown_fresh: false,
        }
        .shown_refreshed()
    }

    fn shown_refreshed(mut self) -> App {
        self.refresh_shown();
        self
    }

    /// The same app at the time `now` (tests make up a time this way).
    pub fn with_now(mut self, now: Timestamp) -> App {
        self.now = now;
        self
    }

    /// The time of the last action applied (or the one given to [`App::with_now`]).
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The same app in the time zone `zone` (tests make up a zone this way).
    pub fn with_zone(mut self, zone: jiff::tz::TimeZone) -> App {
        self.zone = zone;
        self
    }

    /// Applies one action at the time `now` in the time zone `zone`, as the session
    /// does: [`App::update`] with the clock and the zone passed in.
    pub fn update_at(&mut self, action: Action, now: Timestamp, zone: &jiff::tz::TimeZone) -> Vec<Effect> {
        self.now = now;
        self.zone = zone.clone();
        self.update(action)
    }

    /// Names this person's profile (shown in the comparison).
    pub fn with_profile(mut self, name: &str) -> App {
        self.profile = name.to_string();
        self
    }

    /// A message to show at the first screen (e.g. that a bad answers file was moved aside).
    pub fn with_notice(mut self, notice: Notice) -> App {
        self.notice = Some(notice);
        self
    }

    /// Starts with saving known to fail (e.g. the profile could only be opened to read).
    pub fn with_save_failed(mut self, problem: SaveProblem) -> App {
        self.save = SaveState::Failed(problem);
        self
    }

    /// Partner profiles that can be compared with, offered on the welcome screen.
    pub fn with_partners(mut self, names: Vec<String>) -> App {
        self.partners = names;
        self
    }

    /// The profile's name.
    pub fn profile(&self) -> &str {
        &self.profile
    }
    /// Partner profiles on offer.
    pub fn partners(&self) -> &[String] {
        &self.partners
    }
    /// The workbook being worked through.
    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }
    /// The answers as last committed (text being typed is committed on pause).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }
    /// The answers as they are shown: as committed, with past ratings under the wording
    /// their list items have now ([`Answers::in_current_words`]). For drawing, never for
    /// saving.
    pub fn shown(&self) -> &Answers {
        self.shown.as_ref().unwrap_or(&self.answers)
    }

    /// Works out [`App::shown`] again after the answers changed.
    fn refresh_shown(&mut self) {
        self.shown = match self.answers.in_current_words(&self.workbook) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(a) => Some(a),
        };
    }
    /// The current screen.
    pub fn screen(&self) -> Screen {
        self.state.screen()
    }
    /// The current screen with its state, to draw it.
    pub fn state(&self) -> &ScreenState {
        &self.state
    }
    /// The component of the exercise on screen.
    pub fn component(&self) -> Option<&Component> {
        if let ScreenState::Exercise { component, .. } = &self.state {
            Some(component)
        } else {
            None
        }
    }
    /// The overlay on screen.
    pub fn overlay(&self) -> Overlay {
        self.overlay
    }
    /// Where the app is in its life.
    pub fn lifecycle(&self) -> Lifecycle {
        self.life
    }
    /// Whether the "before you start" safety page is open.
    pub fn safety_open(&self) -> bool {
        self.overlay == Overlay::Safety
    }
    /// The safety page's scrolling text, to draw it.
    pub fn safety_view(&self) -> &Viewport {
        &self.safety.text
    }
    /// The help overlay's scrolling, which its draw records.
    pub fn help_view(&self) -> &Viewport {
        &self.help_text
    }
    /// True on a first run: nothing answered and no place to resume at.
    pub fn first_run(&self) -> bool {
        self.answers.is_empty() && self.resume.is_none()
    }
    /// Whether the help overlay is open.
    pub fn help_open(&self) -> bool {
        self.overlay == Overlay::Help
    }
    /// Whether hint and example are shown.
    pub fn hint_shown(&self) -> bool {
        self.hint.shown
    }
    /// The hint panel's scroll position (recorded while drawn).
    pub fn hint_view(&self) -> &Viewport {
        &self.hint.view
    }
    /// Whether the answers are saved.
    pub fn save_state(&self) -> &SaveState {
        &self.save
    }
    /// True while something on screen is not yet on disk: text typed since the
    /// last pause, or a save under way.
    pub fn saving(&self) -> bool {
        self.text_dirty || self.save_pending
    }
    /// Whether the "quit without saving?" question is open.
    pub fn confirm_quit_open(&self) -> bool {
        self.life == Lifecycle::AskingToQuit
    }
    /// True once the app should exit.
    pub fn should_quit(&self) -> bool {
        self.life == Lifecycle::Quitting
    }
    /// A short message for the status line, e.g. after an editor failure.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
    /// Terminal size as last reported.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }
    /// True while the terminal is too small to show the app.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }
    /// True while a text field has the keyboard.
    pub fn is_typing(&self) -> bool {
        self.overlay == Overlay::None
            && self.life == Lifecycle::Running
            && (self.asking_for_name()
                || matches!(self.protect_step(), Some(ProtectStep::Typing(_)))
                || self.component().is_some_and(Component::is_typing)
                || self.pairing().is_some_and(Pairing::is_typing))
    }
    /// The place "Continue" leads to, if there is one.
    pub fn resume_place(&self) -> Option<&Place> {
        self.resume.as_ref()
    }
    /// Where the user is now, to be saved for resuming.
    pub fn place(&self) -> Option<Place> {
        self.state.place(&self.workbook).or_else(|| self.resume.clone())
    }

    /// Applies one action and returns the work the edges must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        match action {
            Action::Stroke(s) => self.on_stroke(s, &mut fx),
            Action::Edit(edit) if self.typed_too_soon(&edit, &mut fx) => {}
            action => {
                if !matches!(action, Action::Event(_)) {
                    // Any other key ends a run of printable ones: what came before it
                    // is no longer taken back by them.
                    self.burst.end_run();
                }
                self.on_action(action, &mut fx);
            }
        }
        if fx.contains(&Effect::Save) {
            self.save_pending = true;
        }
        // After every action that may have changed the answers, not only saved changes:
        // the view holds which entry is open too.
        if !std::mem::take(&mut self.shown_fresh) {
            self.refresh_shown();
        }
        fx
    }

    /// One action, decoded and past the typing check.
    fn on_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Stroke(s) => self.on_stroke(s, fx),
            Action::Event(event) => self.on_event(event, fx),
            Action::Go(Go::Quit) => {
                self.notice = None;
                self.request_quit(fx);
            }
            Action::Go(Go::RetrySave) => {
                self.notice = None;
                self.life = Lifecycle::Running;
                fx.push(Effect::Save);
            }
            Action::Go(Go::QuitWithFallback) => {
                self.notice = None;
                self.life = Lifecycle::Quitting;
                fx.push(Effect::WriteFallback);
            }
            action => {
                self.notice = None;
                self.on_user(action, fx);
            }
        }
    }

    /// Reports from the edges; they leave the notice as it is.
    fn on_event(&mut self, event: Event, fx: &mut Vec<Effect>) {
        match event {
            Event::Resize(w, h) => {
                self.size = (w, h);
                if let ScreenState::Exercise { component, .. } = &mut self.state {
                    component.refit();
                }
            }
            Event::SaveDone => {
                self.save = SaveState::Saved;
                self.save_pending = false;
                if self.life == Lifecycle::AskingToQuit {
                    // The question was asked only because saving had failed; a save that was
                    // already under way (a retry) has now worked, so quit as asked.
                    self.life = Lifecycle::Quitting;
                }
            }
            Event::SaveFailed(problem) => {
                self.save = SaveState::Failed(problem);
                self.save_pending = false;
                if self.life == Lifecycle::Quitting {
                    // The final save failed: do not leave silently, ask instead.
                    self.life = Lifecycle::AskingToQuit;
                }
            }
            Event::Commit => self.commit(fx),
            Event::PartnerLoaded(Ok((name, partner, changes))) => {
                let me = (self.profile.as_str(), &self.answers);
                let now = self.now.to_string();
                let comparison =
                    crate::comparison::compare_at(&self.workbook, me, (&name, &partner), None, &now)
                        .for_owner(&self.workbook, &self.answers)
                        .with_changes(&self.workbook, &changes);
                self.go(ScreenState::compare(comparison), fx);
            }
            Event::PartnerLoaded(Err(msg)) => self.notice = Some(Notice::PartnerUnreadable(msg)),
            Event::ProfileOpened(name, result) => self.profile_opened(name, result, fx),
            Event::Protected(result) => self.protected(result),
            Event::SharingListed(result) => self.sharing_answered(None, result),
            Event::SharingChanged(change, result) => self.sharing_answered(Some(change), result),
            Event::OwnCode(result) => self.own_code_read(result),
            Event::PairingRead(read) => self.pairing_read(*read),
            Event::Paired(partner, result) => self.paired(partner, result),
        }
    }

    /// A user's action, through the question and the overlay to the screen.
    fn on_user(&mut self, action: Action, fx: &mut Vec<Effect>) {
        // The safety page sits above everything, the quit question included.
        if self.overlay == Overlay::Safety {
            self.safety_key(action, fx);
            return;
        }
        if action == Action::Go(Go::Safety) {
            self.open_safety(false);
            return;
        }
        match (self.life, self.overlay) {
            (Lifecycle::AskingToQuit, _) => {
                if action == Action::Go(Go::Back) {
                    self.life = Lifecycle::Running;
                }
            }
            (Lifecycle::Running | Lifecycle::Quitting, _) if action == Action::Go(Go::Help) => {
                self.overlay = match self.overlay {
                    Overlay::None => Overlay::Help,
                    Overlay::Help | Overlay::Safety => Overlay::None,
                };
                self.help_text.to_top();
            }
            (Lifecycle::Running | Lifecycle::Quitting, Overlay::Help | Overlay::Safety) => match action {
                Action::Go(Go::Back) => self.overlay = Overlay::None,
                // Help taller than the window scrolls.
                Action::Move(m) => {
                    self.help_text.on_move(m);
                }
                Action::Go(_) | Action::Edit(_) | Action::Event(_) | Action::Stroke(_) => {}
            },
            (Lifecycle::Running | Lifecycle::Quitting, Overlay::None) => self.update_screen(action, fx),
        }
    }

    fn request_quit(&mut self, fx: &mut Vec<Effect>) {
        // Before the first run's questions are answered nothing is saved: no name yet, or
        // the answers are about to be protected and must never be written plain.
        if self.starting() {
            self.life = Lifecycle::Quitting;
            return;
        }
        self.commit(fx);
        if matches!(self.save, SaveState::Failed(_)) && !fx.contains(&Effect::Save) {
            self.life = Lifecycle::AskingToQuit;
            return;
        }
        // Save the place too, so the next start can continue here.
        if !fx.contains(&Effect::Save) {
            fx.push(Effect::Save);
        }
        self.life = Lifecycle::Quitting;
    }

    /// Stores the text being typed into the answers, if it changed; fields stay open.
    fn commit(&mut self, fx: &mut Vec<Effect>) {
        if !std::mem::take(&mut self.text_dirty) {
            return;
        }
        let ScreenState::Exercise {
            chapter,
            exercise,
            component,
        } = &self.state
        else {
            return;
        };
        let (ch_id, ex_id) = self.workbook.ids(*chapter, *exercise);
        let stored = self.answers.get(ch_id, ex_id).map(|a| &a.value);
        if let Some(value) = component.pending_value(stored)
            && Some(&value) != stored
        {
            let (c, e) = (*chapter, *exercise);
            let (ch_id, ex_id) = (ch_id.to_string(), ex_id.to_string());
            self.recorded(Changed::Typed, |app| {
                app.start_private(c, e);
                app.answers.set(&ch_id, &ex_id, value, app.now.to_string());
            });
            fx.push(Effect::Save);
        }
    }

    /// A first answer to an exercise that starts private (format 2) is stored private.
    fn start_private(&mut self, c: usize, e: usize) {
        let ch = &self.workbook.chapters[c];
        let ex = &ch.exercises[e];
        if ex.private && self.answers.own(&ch.id, &ex.id).is_none() {
            self.answers.ensure_entry(&ch.id, ex, self.now.to_string());
        }
    }

    /// Applies what a component's key produced: the one place answers change
    /// from an exercise screen.
    fn apply(&mut self, (c, e): (usize, usize), out: Outcome, fx: &mut Vec<Effect>) {
        self.shown_fresh = out.typing == Typing::Edited && out.typed_first.is_none() && out.change.is_none();
        match out.typing {
            Typing::Unchanged => {}
            Typing::Edited => {
                self.text_dirty = true;
                fx.push(Effect::TextEdited);
            }
            Typing::Closed => self.text_dirty = false,
        }
        let (ch_id, ex_id) = self.workbook.ids(c, e);
        let (ch_id, ex_id) = (ch_id.to_string(), ex_id.to_string());
        if let Some(value) = out.typed_first {
            self.recorded(Changed::Typed, |app| {
                app.start_private(c, e);
                app.answers.set(&ch_id, &ex_id, value, app.now.to_string());
            });
            self.history.close_typing();
            fx.push(Effect::Save);
        }
        let stored = self.answers.get(&ch_id, &ex_id).map(|a| &a.value);
        let what = match out.typing {
            Typing::Unchanged => Changed::Value,
            Typing::Edited | Typing::Closed => Changed::Typed,
        };
        // The value before is kept only for the notice of a change made by one key (not
        // typing): cloned on every key, it was a copy of a long answer per keystroke.
        let before = (what == Changed::Value && out.change.is_some()).then(|| stored.cloned());
        // Ratings of a list record the version of it they rated (its items' ids).
        let kind = &self.workbook.chapters[c].exercises[e].kind;
        let change = match out.change {
            Some(Change::Set(value)) => Some(Change::Set(self.answers.with_version(kind, value, stored))),
            other => other,
        };
        match change {
            Some(Change::Set(value)) if Some(&value) != stored => {
                self.recorded(what.clone(), |app| {
                    app.start_private(c, e);
                    app.answers.set(&ch_id, &ex_id, value, app.now.to_string());
                });
                fx.push(Effect::Save);
            }
            Some(Change::Remove) if stored.is_some() => {
                self.recorded(what.clone(), |app| {
                    let ex = &app.workbook.chapters[c].exercises[e];
                    app.answers.clear(&ch_id, ex, app.now.to_string());
                });
                fx.push(Effect::Save);
            }
            Some(Change::Set(_) | Change::Remove) | None => {}
        }
        if out.typing == Typing::Closed {
            self.history.close_typing();
        }
        let after = self.answers.get(&ch_id, &ex_id).map(|a| &a.value);
        if let Some(n) = out.notice {
            self.notice = Some(n);
        } else if let Some(before) = before
            && before.as_ref() != after
            && let Some(made) = history::made(before.as_ref(), after)
        {
            // A change made by one key says what it did and how to take it back.
            self.notice = Some(Notice::Made(made));
        }
        if let Some(text) = out.external {
            // What was typed just before goes to disk first: the editor may run for long,
            // and nothing should ride only on its round trip.
            self.commit(fx);
            fx.push(Effect::ExternalEditor(text));
        }
    }
}
