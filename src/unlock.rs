//! Unlocking a protected profile on the app's own screen, before anything else opens.
//!
//! A small state machine of its own: the passphrase is typed into a masked field, Enter
//! hands it to the edge ([`Effect::Unlock`]), which runs the slow scrypt and answers
//! with [`Unlock::unlocked`]. Three tries in all; Esc leaves. Nothing is written until
//! the profile is unlocked: the app proper opens only after.
//! The typed text is only ever held in zeroized memory and never drawn.

use zeroize::Zeroizing;

use crate::vault::{MAX_PASSPHRASE_BYTES, SecretString};

/// How many passphrases may be tried before giving up.
pub const TRIES: u32 = 3;

/// A key on the unlock screen, decoded by the edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A character typed.
    Char(char),
    /// Text pasted at once.
    Paste(String),
    /// Backspace: the last character goes.
    Backspace,
    /// Enter: try the passphrase.
    Enter,
    /// Esc or Ctrl+C: leave without unlocking.
    Esc,
}

/// What the edge must do after a key.
#[derive(Debug)]
pub enum Effect {
    /// Try this passphrase (slow); answer with [`Unlock::unlocked`].
    Unlock(SecretString),
}

/// Where the unlocking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The field takes typing.
    Typing,
    /// A passphrase is being tried ("Unlocking…").
    Unlocking,
    /// The profile is unlocked: the app opens.
    Unlocked,
    /// Esc: the person left; nothing was changed.
    Cancelled,
    /// Every try was wrong: the app quits.
    GaveUp,
}

/// Why the last Enter did not unlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// That passphrase does not unlock the profile.
    Wrong,
    /// Enter on an empty field.
    Empty,
    /// More than [`MAX_PASSPHRASE_BYTES`] typed or pasted.
    TooLong,
}

/// The text of a masked passphrase field: held only in zeroized memory, bounded to
/// [`MAX_PASSPHRASE_BYTES`], never drawn (only its length is told). Shared by the
/// unlock screen and the first run's new passphrase.
#[derive(Default)]
pub struct Masked(Zeroizing<String>);

impl Masked {
    /// Adds typed or pasted text (a line break ending a paste is dropped). Too much is
    /// refused whole, the field kept as it was: `false`.
    pub fn add(&mut self, text: &str) -> bool {
        let text = text.trim_end_matches(['\r', '\n']);
        if self.0.len() + text.len() > MAX_PASSPHRASE_BYTES {
            return false;
        }
        self.0.push_str(text);
        true
    }

    /// Backspace: the last character goes.
    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// How many characters are typed.
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    /// True when nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text, the field left empty: the only copy goes to the caller.
    pub fn take(&mut self) -> Zeroizing<String> {
        std::mem::take(&mut self.0)
    }
}

/// How the unlock screen ended.
#[derive(Debug)]
pub enum Outcome<T> {
    /// Unlocked, with what the edge made of the passphrase.
    Unlocked(T),
    /// Esc: nothing was changed.
    Cancelled,
    /// Every try was wrong.
    GaveUp,
    /// The key itself cannot be used (said for the person).
    Failed(String),
}

/// The unlock screen's state.
pub struct Unlock {
    profile: String,
    typed: Masked,
    tries_left: u32,
    stage: Stage,
    problem: Option<Problem>,
}

impl Unlock {
    /// The question for profile `profile`, nothing typed yet.
    pub fn new(profile: &str) -> Unlock {
        Unlock {
            profile: profile.to_string(),
            typed: Masked::default(),
            tries_left: TRIES,
            stage: Stage::Typing,
            problem: None,
        }
    }

    /// The profile being unlocked.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// How many characters are typed (each drawn as a bullet, never as itself).
    pub fn typed_len(&self) -> usize {
        self.typed.len()
    }

    /// Where the unlocking stands.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// Why the last try did not unlock, if it did not.
    pub fn problem(&self) -> Option<Problem> {
        self.problem
    }

    /// How many tries are left.
    pub fn tries_left(&self) -> u32 {
        self.tries_left
    }

    /// A key: typing edits the field; Enter asks the edge to try it; Esc leaves.
    /// Keys while a try runs, or after the end, do nothing.
    pub fn update(&mut self, key: Key) -> Option<Effect> {
        if self.stage != Stage::Typing {
            return None;
        }
        match key {
            Key::Char(c) => self.add(&c.to_string()),
            Key::Paste(text) => self.add(&Zeroizing::new(text)),
            Key::Backspace => {
                self.typed.pop();
            }
            Key::Esc => {
                drop(self.typed.take());
                self.stage = Stage::Cancelled;
            }
            Key::Enter if self.typed.is_empty() => self.problem = Some(Problem::Empty),
            Key::Enter => {
                self.stage = Stage::Unlocking;
                self.problem = None;
                // The field is emptied as it is handed over: the only copy goes to the edge.
                let secret = SecretString::from(self.typed.take().to_string());
                return Some(Effect::Unlock(secret));
            }
        }
        None
    }

    /// The edge's answer to [`Effect::Unlock`]: `true` when the passphrase unlocked.
    pub fn unlocked(&mut self, ok: bool) {
        if self.stage != Stage::Unlocking {
            return;
        }
        if ok {
            self.stage = Stage::Unlocked;
            return;
        }
        self.tries_left = self.tries_left.saturating_sub(1);
        self.problem = Some(Problem::Wrong);
        self.stage = if self.tries_left == 0 {
            Stage::GaveUp
        } else {
            Stage::Typing
        };
    }

    /// Adds typed or pasted text; line breaks end nothing here (a paste is one piece).
    fn add(&mut self, text: &str) {
        if !self.typed.add(text) {
            self.problem = Some(Problem::TooLong);
        } else if self.problem == Some(Problem::Empty) {
            self.problem = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::ExposeSecret as _;

    fn typed(u: &mut Unlock, s: &str) -> Option<Effect> {
        for c in s.chars() {
            assert!(u.update(Key::Char(c)).is_none());
        }
        u.update(Key::Enter)
    }

    fn tried(fx: Option<Effect>) -> String {
        let Some(Effect::Unlock(secret)) = fx else {
            panic!("Enter tries the passphrase");
        };
        secret.expose_secret().to_string()
    }

    #[test]
    fn wrong_wrong_right_unlocks_on_the_third_try() {
        let mut u = Unlock::new("default");
        assert_eq!(tried(typed(&mut u, "nope")), "nope");
        assert_eq!(u.stage(), Stage::Unlocking);
        assert!(u.update(Key::Char('x')).is_none(), "no typing while trying");
        u.unlocked(false);
        assert_eq!(
            (u.stage(), u.problem(), u.tries_left()),
            (Stage::Typing, Some(Problem::Wrong), 2)
        );
        assert_eq!(u.typed_len(), 0, "the field starts empty again");
        assert_eq!(tried(typed(&mut u, "still no")), "still no");
        u.unlocked(false);
        assert_eq!(u.tries_left(), 1);
        assert_eq!(tried(typed(&mut u, "right")), "right");
        assert_eq!(u.problem(), None, "the wrong note goes while trying");
        u.unlocked(true);
        assert_eq!(u.stage(), Stage::Unlocked);
    }

    #[test]
    fn three_wrong_tries_give_up() {
        let mut u = Unlock::new("default");
        for _ in 0..TRIES {
            tried(typed(&mut u, "bad"));
            u.unlocked(false);
        }
        assert_eq!(u.stage(), Stage::GaveUp);
        assert!(u.update(Key::Char('a')).is_none());
    }

    #[test]
    fn backspace_paste_empty_and_esc() {
        let mut u = Unlock::new("default");
        assert!(u.update(Key::Enter).is_none());
        assert_eq!(u.problem(), Some(Problem::Empty));
        u.update(Key::Paste("ab\u{e9}".into()));
        u.update(Key::Backspace);
        assert_eq!(u.typed_len(), 2);
        assert_eq!(tried(u.update(Key::Enter)), "ab");
        u.unlocked(false);
        u.update(Key::Paste("x".repeat(MAX_PASSPHRASE_BYTES + 1)));
        assert_eq!((u.problem(), u.typed_len()), (Some(Problem::TooLong), 0));
        u.update(Key::Char('q'));
        assert!(u.update(Key::Esc).is_none());
        assert_eq!((u.stage(), u.typed_len()), (Stage::Cancelled, 0));
        assert!(u.update(Key::Enter).is_none(), "nothing is tried after Esc");
    }
}
