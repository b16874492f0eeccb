//! The "before you start" safety page: its own state, and its keys.

use super::{Action, App, Effect, Go, Move, Overlay, Screen, Viewport};

/// The safety page's state, apart from the screen under it.
#[derive(Debug, Default)]
pub(super) struct SafetyPage {
    /// Its scrolling text.
    pub(super) text: Viewport,
    /// Opened on the way to chapter 1: Enter goes on there.
    then_start: bool,
    /// Shown this session (a first run shows it on the way to chapter 1 only once).
    pub(super) seen: bool,
}

impl SafetyPage {
    /// Opened at its top; `then_start`: Enter goes on to chapter 1.
    fn open(&mut self, then_start: bool) {
        self.text.to_top();
        self.then_start = then_start;
        self.seen = true;
    }

    /// Closed; true when it was opened on the way to chapter 1.
    fn close(&mut self) -> bool {
        std::mem::take(&mut self.then_start)
    }
}

impl App {
    /// Opens the safety page at its top; `then_start`: Enter goes on to chapter 1.
    /// A workbook without one has nothing to open.
    pub(super) fn open_safety(&mut self, then_start: bool) {
        if self.workbook.safety.is_none() {
            return;
        }
        self.overlay = Overlay::Safety;
        self.safety.open(then_start);
    }

    /// True when going to chapter 1 should show the safety page first (first run).
    pub(super) fn safety_first(&self) -> bool {
        self.workbook.safety.is_some() && self.first_run() && !self.safety.seen
    }

    /// A key on the safety page: scroll, close, or go on to chapter 1.
    pub(super) fn safety_key(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Move(Move::Select) => {
                self.overlay = Overlay::None;
                if self.safety.close() {
                    self.go_to(Screen::Intro(0), fx);
                }
            }
            // The arrows, the wheel, the page keys and Home/End scroll; ←/→ do nothing.
            Action::Move(m) => {
                self.safety.text.on_move(m);
            }
            Action::Go(Go::Back | Go::Safety) => {
                self.overlay = Overlay::None;
                self.safety.close();
            }
            Action::Go(
                Go::Quit
                | Go::Help
                | Go::Next
                | Go::Prev
                | Go::Continue
                | Go::Start
                | Go::Contents
                | Go::Review
                | Go::ToggleHint
                | Go::TogglePrivate
                | Go::ToggleSkip
                | Go::Entries
                | Go::NewEntry
                | Go::DeleteEntry
                | Go::RestoreEntry
                | Go::ShareEntry
                | Go::LastWeek
                | Go::ThisWeek
                | Go::WeekStart
                | Go::RetrySave
                | Go::QuitWithFallback
                | Go::Sharing
                | Go::Share
                | Go::Withdraw
                | Go::MyCode
                | Go::PartnerCode
                | Go::Pair,
            )
            | Action::Edit(_)
            | Action::Event(_)
            | Action::Stroke(_) => {}
        }
    }
}
