//! Persistence behind one trait, so the terminal loop can run on a scripted
//! fake, and the save policy as a small pure schedule, so its timing is tested
//! without waiting.
//!
//! - [`Persistence`]: save a [`Snapshot`] in the background (encoded there, off the
//!   event loop), poll for the result, encode for a fallback copy,
//!   write a fallback copy, read a partner. [`DiskPersistence`] is the real one
//!   (the store on a writer thread); [`fake::FakePersistence`] is scripted by tests.
//! - [`SaveSchedule`]: when typed text is committed (a pause, or a longest
//!   unsaved time) and when a failed save is tried again, given the time.

mod disk;
mod exchange;
pub mod fake;
mod schedule;
pub mod writer;

use std::path::PathBuf;
use std::time::Duration;

pub use disk::DiskPersistence;
pub use schedule::{RETRY_EVERY, SaveSchedule, TYPING_MAX_UNSAVED, TYPING_PAUSE};

use crate::answers::{Answers, Place};
use crate::exchange::PartnerKeys;
use crate::exchange::local::{PairError, Paired};
use crate::sharing::{Overview, SharingError};
use crate::store::{NameRefused, SaveProblem};
use crate::vault::SecretString;

/// What one save writes: the answers and the resume place as they were when it was
/// asked for. A copy, so the writer thread encodes it while the loop goes on: encoding
/// a 1 MiB answer takes milliseconds, copying it microseconds.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The answers.
    pub answers: Answers,
    /// Where to resume.
    pub place: Option<Place>,
}

/// Where the terminal loop keeps the answers.
pub trait Persistence {
    /// The answers file's text for `answers` and the resume `place`.
    fn encode(&self, answers: &Answers, place: Option<&Place>) -> String;
    /// Queues `snapshot` to be encoded and written; the result comes from
    /// [`Persistence::poll`].
    fn save(&mut self, snapshot: Snapshot);
    /// The result of the newest finished save, if one arrived; waits at most `wait`.
    fn poll(&mut self, wait: Duration) -> Option<Result<(), SaveProblem>>;
    /// True while a requested save has not reported back.
    fn busy(&self) -> bool;
    /// Writes `text` somewhere other than the answers file, when saving keeps failing;
    /// returns where, or why that failed too.
    fn fallback(&mut self, text: &str) -> Result<PathBuf, String>;
    /// Reads a partner profile's shareable answers by name.
    fn read_partner(&self, name: &str) -> Result<Answers, String>;
    /// The answers changed after the reveal between the open profile (`mine`) and the
    /// partner `name` (`theirs`, as read), from their exchange link; none without one.
    fn changes_with(&self, name: &str, mine: &Answers, theirs: &Answers) -> Vec<crate::revised::Change>;
    /// Starts the new profile `name` (a first run, when none was open): saves go there
    /// from now on. Refused when the name is taken or the profile cannot be opened.
    fn open_profile(&mut self, name: &str) -> Result<(), NameRefused>;
    /// Protects the profile started by [`Persistence::open_profile`], before anything of
    /// it was saved, with `passphrase` (slow: scrypt). The recovery key, or why not.
    fn protect(&mut self, passphrase: &SecretString) -> Result<SecretString, String>;
    /// True when the open profile is protected with a passphrase (its files encrypted), so
    /// a plain copy handed to another program must be asked about first.
    fn protected(&self) -> bool {
        false
    }
    /// Who sees what of the open profile's answers (the sharing screen's list).
    fn sharing(&self) -> Result<Overview, SharingError>;
    /// Starts sharing the open profile's shareable `answers` with `partner`, from now on
    /// as they are saved; the new list, or why not.
    fn share_with(&mut self, partner: &str, answers: &Answers) -> Result<Overview, SharingError>;
    /// Withdraws sharing with `partner` at once; the new list, or why not.
    fn stop_sharing(&mut self, partner: &str) -> Result<Overview, SharingError>;
    /// The open profile's public keys (its pairing code), made now if it has none, as
    /// `trustbook pair` does (under its passphrase when it is protected).
    fn own_code(&mut self) -> Result<PartnerKeys, PairError>;
    /// The open profile's own public keys (made now if it has none) and those recorded for
    /// `partner`, if any: what the app judges a partner's code against.
    fn read_pairing(&mut self, partner: &str) -> Result<(PartnerKeys, Option<PartnerKeys>), PairError>;
    /// Records `keys` as `partner`'s (a changed key only with `replace`): what it did and
    /// the new list.
    fn pair_with(
        &mut self,
        partner: &str,
        keys: &PartnerKeys,
        replace: bool,
    ) -> Result<(Paired, Overview), PairError>;
}
