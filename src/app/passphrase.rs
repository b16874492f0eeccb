//! A first run's offer, right after the name: "Does anyone else use this computer
//! account? Then protect your answers with a passphrase."
//!
//! Nothing of the profile is written until the person has chosen: not now goes on as a
//! plain profile (its answers file written at once); protect now asks a passphrase twice
//! in a masked field, then the edge does the slow work ([`Effect::Protect`], answered by
//! [`super::Event::Protected`]) and the recovery key is shown once. The typed text is
//! held only in zeroized memory, never drawn and never in `Debug` output.

use std::fmt;

use zeroize::Zeroizing;

use super::screen::{Screen, ScreenState};
use super::{Action, App, Edit, Effect, Go, Move, Notice};
use crate::editor::Key as EditorKey;
use crate::unlock::Masked;
use crate::vault::{Secret, SecretString};

/// Where the offer stands.
#[derive(Debug)]
pub enum ProtectStep {
    /// The question: protect now, or not now. Says why the last try failed, if it did.
    Offer(Option<String>),
    /// The passphrase being typed, or repeated.
    Typing(PassphraseField),
    /// The edge is locking the answers (about a second of scrypt).
    Locking,
    /// Done: the recovery key, shown this once.
    Recovery(Secret),
}

/// Why the passphrase typed was not taken. Nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseProblem {
    /// Enter on an empty field.
    Empty,
    /// The repeat was not the same: both are asked again.
    Mismatch,
    /// More than [`crate::vault::MAX_PASSPHRASE_BYTES`] typed or pasted: not taken, the field kept.
    TooLong,
}

/// The masked field: what is typed now, and the first entry while it is repeated.
pub struct PassphraseField {
    typed: Masked,
    first: Option<Zeroizing<String>>,
    problem: Option<PassphraseProblem>,
}

impl fmt::Debug for PassphraseField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PassphraseField")
            .field("typed_len", &self.typed_len())
            .field("repeating", &self.repeating())
            .field("problem", &self.problem)
            .finish()
    }
}

impl PassphraseField {
    fn new(problem: Option<PassphraseProblem>) -> PassphraseField {
        PassphraseField {
            typed: Masked::default(),
            first: None,
            problem,
        }
    }

    /// How many characters are typed (each drawn as a bullet, never as itself).
    pub fn typed_len(&self) -> usize {
        self.typed.len()
    }

    /// True while the passphrase is typed the second time.
    pub fn repeating(&self) -> bool {
        self.first.is_some()
    }

    /// Why the last Enter or paste was not taken.
    pub fn problem(&self) -> Option<PassphraseProblem> {
        self.problem
    }

    /// Adds typed or pasted text; too much is refused whole, the field kept as it was.
    fn add(&mut self, text: &str) {
        self.problem = (!self.typed.add(text)).then_some(PassphraseProblem::TooLong);
    }

    /// Enter: the first entry is kept to compare; the second, when the same, is the
    /// passphrase. A mismatch starts both over.
    fn enter(&mut self) -> Option<SecretString> {
        if self.typed.is_empty() {
            self.problem = Some(PassphraseProblem::Empty);
            return None;
        }
        let typed = self.typed.take();
        match self.first.take() {
            None => {
                self.first = Some(typed);
                self.problem = None;
                None
            }
            Some(first) if *first == *typed => Some(SecretString::from(typed.to_string())),
            Some(_) => {
                self.problem = Some(PassphraseProblem::Mismatch);
                None
            }
        }
    }
}

impl App {
    /// True until the first run's questions are answered (the name, then the offer):
    /// no answers file is written before, so quitting leaves nothing behind.
    pub fn starting(&self) -> bool {
        match &self.state {
            ScreenState::Name { .. } => true,
            ScreenState::Protect { step } => !matches!(step, ProtectStep::Recovery(_)),
            // Every other screen has a profile open.
            _ => false,
        }
    }

    /// The offer's step, while it is on screen.
    pub fn protect_step(&self) -> Option<&ProtectStep> {
        let ScreenState::Protect { step } = &self.state else {
            return None;
        };
        Some(step)
    }

    /// True while a first run has written nothing yet: the name is asked, or the offer is
    /// open (until the recovery key shows, the answers file does not exist).
    pub fn nothing_written_yet(&self) -> bool {
        self.asking_for_name()
            || self
                .protect_step()
                .is_some_and(|s| !matches!(s, ProtectStep::Recovery(_)))
    }

    /// A key on the offer.
    pub(super) fn protect_key(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let ScreenState::Protect { step } = &mut self.state else {
            return;
        };
        match step {
            ProtectStep::Offer(_) => match action {
                Action::Move(Move::Select) => *step = ProtectStep::Typing(PassphraseField::new(None)),
                Action::Go(Go::Back) => self.not_now(fx),
                Action::Move(_) | Action::Go(_) | Action::Edit(_) | Action::Event(_) | Action::Stroke(_) => {}
            },
            ProtectStep::Typing(field) => match action {
                Action::Edit(Edit::Paste(text)) => field.add(&Zeroizing::new(text)),
                Action::Edit(Edit::Type(input)) if !input.ctrl && !input.alt => match input.key {
                    EditorKey::Char(c) => field.add(c.encode_utf8(&mut [0; 4])),
                    EditorKey::Backspace => {
                        field.typed.pop();
                    }
                    // The field has no cursor: the other keys of a text field do nothing.
                    _ => {}
                },
                Action::Move(Move::Select) => {
                    if let Some(pass) = field.enter() {
                        *step = ProtectStep::Locking;
                        fx.push(Effect::Protect(Secret::new(pass)));
                    }
                }
                // Back to the question; what was typed is wiped as the field drops.
                Action::Go(Go::Back) => *step = ProtectStep::Offer(None),
                Action::Move(_) | Action::Go(_) | Action::Edit(_) | Action::Event(_) | Action::Stroke(_) => {}
            },
            // The edge is working; it answers with `Event::Protected`.
            ProtectStep::Locking => {}
            ProtectStep::Recovery(_) => {
                if action == Action::Move(Move::Select) {
                    self.go_to(Screen::Welcome, fx);
                    self.notice = Some(Notice::Protected);
                }
            }
        }
    }

    /// The edge's answer to [`Effect::Protect`]: the recovery key to show once, or why
    /// protecting failed (said on the question, which may be asked again).
    pub(super) fn protected(&mut self, result: Result<Secret, String>) {
        let ScreenState::Protect { step } = &mut self.state else {
            return;
        };
        if !matches!(step, ProtectStep::Locking) {
            return;
        }
        *step = match result {
            Ok(recovery) => ProtectStep::Recovery(recovery),
            Err(why) => ProtectStep::Offer(Some(why)),
        };
    }

    /// Not now: on to the welcome screen as a plain profile, its answers file written at
    /// once so the next start finds it.
    fn not_now(&mut self, fx: &mut Vec<Effect>) {
        self.go_to(Screen::Welcome, fx);
        self.notice = Some(Notice::ProtectLater(self.profile.clone()));
        fx.push(Effect::Save);
    }
}
