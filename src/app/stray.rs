//! Typing in the wrong place: letters typed where no text field has the
//! keyboard are recognised as typing, not run as commands.
//!
//! A printable key that is not bound here, or a second, different printable key
//! within [`BURST`] of the one before, means the person is typing. What the
//! keys of that run changed is put back as it was before the run began, no
//! command runs until typing pauses for [`HOLD`], and a notice says where to type.
//! The time of each key is stamped at the edge ([`Stroke::at`]); without one (a
//! test driving actions by hand) only unbound keys are recognised.

use std::time::{Duration, Instant};

use super::action::{Edit, Effect, Stroke};
use super::{App, Context, Lifecycle, Notice, Overlay, Screen, ScreenState, keys};
use crate::answers::{Answers, Place};
use crate::editor::Key as EditorKey;

/// Keys closer together than this are one burst of typing: nobody gives two
/// different commands this fast on purpose.
pub const BURST: Duration = Duration::from_millis(200);
/// Once typing is recognised, keys are held until a pause this long; a key
/// unbound here also takes back the command of a key this recent.
pub const HOLD: Duration = Duration::from_secs(1);

/// What the app knows of the printable keys just pressed.
#[derive(Debug, Default)]
pub struct Burst {
    /// The last printable key and when it came.
    last: Option<(char, Instant)>,
    /// The app as it was before the current run of commands by printable keys.
    before: Option<Box<Snapshot>>,
    /// Typing was recognised: keys do nothing until a pause of [`HOLD`].
    held: bool,
}

/// What a run of printable keys can change, to put it back.
#[derive(Debug)]
struct Snapshot {
    answers: Answers,
    screen: Screen,
    overlay: Overlay,
    cursor: Option<usize>,
    resume: Option<Place>,
    show_hint: bool,
    from_review: bool,
    /// Changes on the screen to undo before the run: the run's own are forgotten.
    history: usize,
}

impl Burst {
    /// A key that is not printable ends the run: what came before it is no longer
    /// taken back, and keys are no longer held.
    pub fn end_run(&mut self) {
        self.before = None;
        self.last = None;
        self.held = false;
    }
}

impl App {
    /// A printable key where no text is typed: a command, or typing in the wrong place.
    pub(super) fn on_stroke(&mut self, s: Stroke, fx: &mut Vec<Effect>) {
        let cx = keys::context(self);
        let since = self
            .burst
            .last
            .and_then(|(_, t)| Some(s.at?.saturating_duration_since(t)));
        // Space ticks, and moving on to tick the next is `j` right after it.
        let same_key = self.burst.last.is_some_and(|(k, _)| k == s.key || k == ' ');
        let digit_after_digit = s.key.is_ascii_digit()
            && self.burst.last.is_some_and(|(k, _)| k.is_ascii_digit())
            && cx.takes_digits();
        self.burst.last = s.at.map(|t| (s.key, t));
        if self.burst.held && since.is_some_and(|d| d < HOLD) {
            // Still typing: the notice already says where to type.
            return;
        }
        self.burst.held = false;
        let in_burst = since.is_some_and(|d| d < BURST);
        // Holding a key down repeats it, a number on a scale takes two digits, and
        // Space follows a move to tick (and a move follows it): none of these is typing.
        let command_run = same_key || digit_after_digit || s.key == ' ';
        match s.then {
            Some(_) if in_burst && !command_run => self.typing_here(cx, true, fx),
            None => {
                let recent = since.is_some_and(|d| d < HOLD);
                self.typing_here(cx, recent, fx);
            }
            Some(action) => {
                if !in_burst || self.burst.before.is_none() {
                    self.burst.before = Some(Box::new(self.snapshot()));
                }
                self.notice = None;
                self.on_action(*action, fx);
            }
        }
    }

    /// A key typed into a text field: typing in the wrong place when it comes hard on
    /// a printable key that opened the field (`a` on a list, then more letters).
    /// True when it was taken as such.
    pub(super) fn typed_too_soon(&mut self, edit: &Edit, fx: &mut Vec<Effect>) -> bool {
        let Edit::Type(input) = edit else {
            return false;
        };
        let EditorKey::Char(c) = input.key else {
            return false;
        };
        let last = self.burst.last.take();
        if input.ctrl || input.alt || self.burst.before.is_none() {
            return false;
        }
        let soon = match (last, input.at) {
            (Some((k, t)), Some(now)) => k != c && now.saturating_duration_since(t) < BURST,
            (Some(_) | None, _) => false,
        };
        if soon {
            self.burst.last = input.at.map(|t| (c, t));
            let cx = keys::context(self);
            self.typing_here(cx, true, fx);
        }
        soon
    }

    /// Typing was recognised in context `cx`: put back what the run changed when
    /// `undo`, hold keys until a pause, and say where to type.
    fn typing_here(&mut self, cx: Context, undo: bool, fx: &mut Vec<Effect>) {
        let cx = match self.burst.before.take() {
            Some(before) if undo => self.restore(*before, fx).unwrap_or(cx),
            Some(_) | None => cx,
        };
        self.burst.held = true;
        self.notice = Some(Notice::TypeElsewhere(cx));
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            answers: self.answers.clone(),
            screen: self.screen(),
            overlay: self.overlay,
            cursor: self.component().and_then(|c| c.cursor()),
            resume: self.resume.clone(),
            show_hint: self.hint.shown,
            from_review: self.from_review,
            history: self.history.len(),
        }
    }

    /// Puts the app back as `s` was; the context it is back in, if the screen changed.
    fn restore(&mut self, s: Snapshot, fx: &mut Vec<Effect>) -> Option<Context> {
        if self.life != Lifecycle::Running {
            return None;
        }
        let changed = self.answers != s.answers;
        self.answers = s.answers;
        self.text_dirty = false;
        self.overlay = s.overlay;
        self.hint.shown = s.show_hint;
        self.from_review = s.from_review;
        self.resume = s.resume;
        self.history.truncate(s.history);
        // The screen is built afresh on the answers as they were: a field the run
        // opened is closed, a deleted item is back.
        if self.screen() != s.screen || matches!(self.state, ScreenState::Exercise { .. }) {
            self.state = self.state_for(s.screen);
            if let (
                ScreenState::Exercise {
                    chapter,
                    exercise,
                    component,
                },
                Some(at),
            ) = (&mut self.state, s.cursor)
            {
                let (ch, ex) = self.workbook.ids(*chapter, *exercise);
                component.set_cursor(at, self.answers.get(ch, ex).map(|a| &a.value));
            }
        }
        if changed && !fx.contains(&Effect::Save) {
            fx.push(Effect::Save);
        }
        Some(keys::context(self))
    }
}
