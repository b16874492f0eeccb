//! Protecting a plain profile with a passphrase: the one way it is done, by
//! `trustbook protect` and by the first run's offer in the app.
//!
//! A new identity is made and locked under the passphrase (age's scrypt, the slow step),
//! the profile's files are encrypted to it ([`Store::protect`]), an answers file is
//! written (encrypted) when there was none, so the profile opens as protected from now
//! on, and what the profile keeps for sharing is brought under the key too.

use std::path::Path;

use crate::answers::Answers;
use crate::store::{Protection, Store};
use crate::vault::{self, SecretString};

/// Said before a passphrase is set, wherever it is set.
pub const NO_WAY_BACK: &str = "Without the passphrase, and without the recovery key shown next, nobody \
    can read these answers, not even you: there is no other way back.";

/// What protecting did, for the person: the recovery key (shown once) and what was said
/// about the sharing files.
pub struct Protected {
    /// The identity as `AGE-SECRET-KEY-1…`: the only way back without the passphrase.
    pub recovery: SecretString,
    /// What could not be done to the sharing files (the answers are protected).
    pub warning: Option<String>,
    /// What was done to shares, one line each.
    pub notes: Vec<String>,
}

/// Protects the plain profile open in `store` with `passphrase`. Takes about a second
/// (scrypt). `Err` says why, for the person; the profile still opens then: plain, or
/// with the passphrase once its key file was written. Killed between the key file and a
/// first run's answers file, the lone key is removed when the name is claimed again
/// (the recovery key was never shown), and the offer comes again.
pub fn protect(store: &mut Store, passphrase: &SecretString) -> Result<Protected, String> {
    let identity = vault::create_identity();
    let recovery = vault::recovery_key(&identity);
    let key_file = vault::lock_identity(&identity, passphrase)
        .map_err(|e| format!("the key could not be locked: {e}. Nothing was changed."))?;
    let unfinished = |store: &Store, e: &dyn std::fmt::Display| {
        if crate::store::is_protected(store.data_dir(), store.profile()) {
            format!("{e} The passphrase is set: the next opening, after it, encrypts what is left.")
        } else {
            format!("{e} Nothing was changed.")
        }
    };
    store
        .protect(identity, &key_file)
        .map_err(|e| unfinished(store, &e))?;
    if !store.answers_path().exists() {
        // Without an answers file the next start would take the name for a new profile.
        store
            .save(&Answers::default(), None)
            .map_err(|e| unfinished(store, &e))?;
    }
    let (warning, notes) = seal_exchange(
        store.data_dir(),
        store.profile(),
        &Protection::Plain,
        store.protection(),
    );
    Ok(Protected {
        recovery,
        warning,
        notes,
    })
}

/// Brings what the profile holds for sharing under `to` (protect) or back to plain
/// (remove): its exchange keys, partners' keys and links, the partner profiles its syncs
/// wrote, and (protecting) the shares it makes and those made for it, encrypted to their
/// reader. Returns what could not be done, and what was done to shares.
pub fn seal_exchange(
    dir: &Path,
    profile: &str,
    from: &Protection,
    to: &Protection,
) -> (Option<String>, Vec<String>) {
    let warning = crate::exchange::local::reseal(dir, profile, from, to)
        .err()
        .map(|e| format!("the exchange files could not all be rewritten: {e}"));
    let notes = if to.is_locked() {
        crate::sharing::seal_plain_shares(dir, profile)
    } else {
        Vec::new()
    };
    (warning, notes)
}
