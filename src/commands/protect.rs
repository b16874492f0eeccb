//! `trustbook protect`: a passphrase that locks a profile (see `crate::vault`).
//!
//! - `protect --profile P`: explains what the passphrase means, asks it twice, encrypts
//!   every file of the profile, and shows the recovery key once.
//! - `protect --change`: a new passphrase (the same key: nothing else is rewritten).
//! - `protect --remove`: after the passphrase, every file is plain again.
//! - `protect --recover`: the recovery key, then a new passphrase.
//!
//! Passphrases and the recovery key are read only from the terminal, without echo; without
//! one, the command refuses (exit 1) before anything is written. Three tries, and a wrong
//! passphrase changes nothing.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use trustbook::content::Workbook;
use trustbook::store::{self, ProfileKind, Protection, Saved, Store, StoreOptions};
use trustbook::vault::{self, ExposeSecret as _, SecretString, VaultError, prompt};
use trustbook::{protecting, safe};

use super::fail;

/// How many times a passphrase (or the recovery key) may be typed before giving up.
const TRIES: u32 = trustbook::unlock::TRIES;

/// `trustbook protect`'s options: with none, protect a plain profile.
#[derive(Args, Debug, Clone, Copy, Default)]
#[group(multiple = false)]
pub struct ProtectArgs {
    /// Change the passphrase (asks the current one first).
    #[arg(long)]
    pub change: bool,
    /// Remove the passphrase: the answers become plain text files again (asks it first).
    #[arg(long)]
    pub remove: bool,
    /// Forgot the passphrase: type the recovery key shown at `protect`, then a new passphrase.
    #[arg(long)]
    pub recover: bool,
}

/// Runs `trustbook protect` on the profile the options name.
pub fn run(g: &super::Globals, args: ProtectArgs) -> ExitCode {
    let t = match super::own_target(g) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if t.first_run() {
        return fail(
            "no profile has been started yet: open trustbook first (it asks for a name), then protect that profile.",
        );
    }
    let (opts, wb) = (&t.opts, &t.wb);
    let result = if args.change {
        change(opts, wb)
    } else if args.remove {
        remove(opts, wb)
    } else if args.recover {
        recover(opts, wb)
    } else {
        protect(opts, wb)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => fail(msg),
    }
}

/// The profile's name, quoted for messages.
fn quoted(profile: &str) -> String {
    format!("\"{}\"", safe::line(profile))
}

fn data_dir(opts: &StoreOptions) -> Result<std::path::PathBuf, String> {
    store::resolve_data_dir(opts.data_dir.as_deref()).map_err(|e| e.to_string())
}

/// Refuses at once when there is no terminal to type a passphrase at.
fn need_terminal() -> Result<(), String> {
    if prompt::can_ask() {
        Ok(())
    } else {
        Err(format!(
            "{}. Nothing was changed.",
            prompt::PromptError::NoTerminal
        ))
    }
}

/// Unlocks protected profile `profile` in `dir`: reads its key file and asks for the
/// passphrase, at most three times. Nothing is written. `Err` says why, for the person.
pub fn unlock(dir: &Path, profile: &str) -> Result<Protection, String> {
    let key_path = store::key_path(dir, profile);
    let key = store::read_key_file(dir, profile).map_err(|e| e.to_string())?;
    need_terminal()?;
    for attempt in 1..=TRIES {
        let left = TRIES - attempt;
        let again = if left > 0 { " Try again." } else { "" };
        match prompt::ask(&format!("Passphrase for profile {}: ", quoted(profile))) {
            Ok(pass) => match vault::unlock_identity(&key, &pass) {
                Ok(identity) => return Ok(Protection::locked(identity)),
                Err(VaultError::WrongPassphrase) => {
                    trustbook::report!(
                        "That passphrase does not unlock profile {}.{again}",
                        quoted(profile)
                    );
                }
                Err(e) => return Err(unusable_key(&key_path, profile, &e)),
            },
            Err(prompt::PromptError::Cancelled) => return Err("cancelled; nothing was changed.".into()),
            Err(e @ (prompt::PromptError::NoTerminal | prompt::PromptError::Io(_))) => {
                return Err(format!("{e}. Nothing was changed."));
            }
            Err(e) => trustbook::report!("{}.{again}", capitalised(&e.to_string())),
        }
    }
    Err(not_accepted(profile))
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// How a protected profile's passphrase is asked: [`unlock`] on the terminal (commands)
/// or [`unlock_on_screen`] (the app).
pub type Asker = fn(&Path, &str) -> Result<Protection, String>;

/// Opens profile `opts.profile`, unlocking it first (with `ask`) when it is protected.
pub fn open(
    opts: &StoreOptions,
    wb: &Workbook,
    fresh: bool,
    ask: Asker,
) -> Result<(Store, Saved, Option<store::MovedAside>), String> {
    let dir = data_dir(opts)?;
    let protection = if store::is_protected(&dir, &opts.profile) {
        ask(&dir, &opts.profile)?
    } else {
        Protection::Plain
    };
    if fresh {
        Store::open_fresh_as(opts, &wb.id, protection).map_err(|e| e.to_string())
    } else {
        Store::open_as(opts, &wb.id, protection)
            .map(|(s, saved)| (s, saved, None))
            .map_err(|e| e.to_string())
    }
}

/// [`unlock`] on the app's own screen: a masked field, three tries, Esc to leave. Without
/// a terminal on standard input, refuses as [`unlock`] does. Nothing is written.
pub fn unlock_on_screen(dir: &Path, profile: &str) -> Result<Protection, String> {
    let key_path = store::key_path(dir, profile);
    let key = store::read_key_file(dir, profile).map_err(|e| e.to_string())?;
    need_terminal()?;
    let outcome = trustbook::tui::unlock(profile, |pass| match vault::unlock_identity(&key, pass) {
        Ok(identity) => Ok(Some(identity)),
        Err(VaultError::WrongPassphrase) => Ok(None),
        Err(e) => Err(unusable_key(&key_path, profile, &e)),
    })
    .map_err(|e| format!("the terminal failed: {e}. Nothing was changed."))?;
    match outcome {
        trustbook::unlock::Outcome::Unlocked(identity) => Ok(Protection::locked(identity)),
        trustbook::unlock::Outcome::Cancelled => Err(format!(
            "left without unlocking profile {}; nothing was changed.",
            quoted(profile)
        )),
        trustbook::unlock::Outcome::GaveUp => Err(not_accepted(profile)),
        trustbook::unlock::Outcome::Failed(why) => Err(why),
    }
}

/// The message when the key file itself cannot be used, whatever the passphrase.
fn unusable_key(key_path: &Path, profile: &str, e: &VaultError) -> String {
    format!(
        "the key file {} cannot be used: {e}. Nothing was changed. With the recovery key, \
         `trustbook protect --recover --profile {}` makes a new one.",
        safe::path(key_path),
        safe::line(profile)
    )
}

/// The message when every try was wrong.
fn not_accepted(profile: &str) -> String {
    format!(
        "the passphrase was not accepted {TRIES} times; nothing was changed. Forgot it? \
         `trustbook protect --recover --profile {}` sets a new one with the recovery key.",
        safe::line(profile)
    )
}

/// The protection of own profile `name`: unlocked (the passphrase asked) when it is
/// protected, else plain.
pub fn protection_of(dir: &Path, name: &str) -> Result<Protection, String> {
    if store::is_protected(dir, name) {
        unlock(dir, name)
    } else {
        Ok(Protection::Plain)
    }
}

/// Reads own profile `name`'s answers without locking it, unlocking it first (asking the
/// passphrase) when it is protected. `None` when it has no answers file.
pub fn read_own(dir: &Path, name: &str, wb: &Workbook) -> Result<Option<Saved>, String> {
    read_own_as(dir, name, wb, &protection_of(dir, name)?)
}

/// [`read_own`] with the profile's protection already at hand.
pub fn read_own_as(
    dir: &Path,
    name: &str,
    wb: &Workbook,
    protection: &Protection,
) -> Result<Option<Saved>, String> {
    let path = dir.join(format!("{name}.toml"));
    let saved = store::read_answers_as(&path, name, &wb.id, protection).map_err(|e| e.to_string())?;
    if let Some(saved) = &saved {
        super::report_cut(&path, saved);
    }
    Ok(saved)
}

/// Asks a new passphrase twice (without echo), until both match, at most three times.
fn new_passphrase() -> Result<SecretString, String> {
    for attempt in 1..=TRIES {
        let again = if attempt < TRIES { " Try again." } else { "" };
        let first = match prompt::ask("New passphrase: ") {
            Ok(p) => p,
            Err(prompt::PromptError::Empty) => {
                trustbook::report!("A passphrase cannot be empty.{again}");
                continue;
            }
            Err(e @ (prompt::PromptError::TooLong | prompt::PromptError::NotText)) => {
                trustbook::report!("{}.{again}", capitalised(&e.to_string()));
                continue;
            }
            Err(prompt::PromptError::Cancelled) => return Err("cancelled; nothing was changed.".into()),
            Err(e) => return Err(format!("{e}. Nothing was changed.")),
        };
        let second = match prompt::ask("The same passphrase again: ") {
            Ok(p) => p,
            Err(prompt::PromptError::Cancelled) => return Err("cancelled; nothing was changed.".into()),
            Err(e @ (prompt::PromptError::NoTerminal | prompt::PromptError::Io(_))) => {
                return Err(format!("{e}. Nothing was changed."));
            }
            Err(_) => SecretString::from(String::new()),
        };
        if first.expose_secret() == second.expose_secret() {
            if first.expose_secret().chars().count() < 8 {
                trustbook::report!(
                    "note: a passphrase this short is easy to guess; several words are stronger."
                );
            }
            return Ok(first);
        }
        trustbook::report!("The two passphrases are not the same.{again}");
    }
    Err(format!(
        "no passphrase was set ({TRIES} tries); nothing was changed."
    ))
}

/// `protect`: a plain profile gets a key and a passphrase, and every file is encrypted.
fn protect(opts: &StoreOptions, wb: &Workbook) -> Result<(), String> {
    let dir = data_dir(opts)?;
    let name = quoted(&opts.profile);
    if store::is_protected(&dir, &opts.profile) {
        return Err(format!(
            "profile {name} is already protected with a passphrase. To change it: \
             trustbook protect --change --profile {}",
            safe::line(&opts.profile)
        ));
    }
    if store::profile_kind(&dir, &opts.profile) == Some(ProfileKind::Partner) {
        return Err(format!(
            "{name} is an imported partner profile; only your own profiles can be protected here."
        ));
    }
    need_terminal()?;
    // Opened (and locked) before anything is asked: a trustbook that has it open says so now.
    let (mut store, _) = Store::open(opts, &wb.id).map_err(|e| e.to_string())?;
    trustbook::say!("Protecting profile {name} with a passphrase.");
    trustbook::say!("Every file of this profile (its answers, backups and kept copies) will be encrypted.");
    trustbook::say!("{}", protecting::NO_WAY_BACK);
    let pass = new_passphrase()?;
    let done = protecting::protect(&mut store, &pass)?;
    drop(pass);
    say_sealed(done.warning, &done.notes);
    trustbook::say!("Done: profile {name} is protected. trustbook asks for the passphrase when it opens it.");
    trustbook::say!("");
    trustbook::say!(
        "Your recovery key. It is shown only this once: write it down and keep it away from this computer."
    );
    trustbook::say!("");
    trustbook::say!("    {}", done.recovery.expose_secret());
    trustbook::say!("");
    trustbook::say!(
        "Forgot the passphrase? `trustbook protect --recover --profile {}` takes this key and sets a new one.",
        safe::line(&opts.profile)
    );
    Ok(())
}

/// Says what [`protecting::seal_exchange`] could not do, and what it did to shares.
fn say_sealed(warning: Option<String>, notes: &[String]) {
    if let Some(w) = warning {
        trustbook::report!("warning: {w}");
    }
    for said in notes {
        trustbook::say!("{}", capitalised(said));
    }
}

/// Checks that `opts.profile` is protected.
fn protected_dir(opts: &StoreOptions) -> Result<std::path::PathBuf, String> {
    let dir = data_dir(opts)?;
    if !store::is_protected(&dir, &opts.profile) {
        return Err(format!(
            "profile {} has no passphrase. To set one: trustbook protect --profile {}",
            quoted(&opts.profile),
            safe::line(&opts.profile)
        ));
    }
    Ok(dir)
}

/// Asks a new passphrase and replaces the key file of the unlocked `store` with the same
/// key locked by it (one atomic replace).
fn set_new_passphrase(store: &Store) -> Result<(), String> {
    let identity = store
        .protection()
        .identity()
        .ok_or("the profile did not unlock")?;
    let pass = new_passphrase()?;
    let key_file = vault::lock_identity(identity, &pass).map_err(|e| e.to_string())?;
    store.replace_key_file(&key_file).map_err(|e| e.to_string())
}

/// `protect --change`: the current passphrase, then a new one; the key file is replaced.
fn change(opts: &StoreOptions, wb: &Workbook) -> Result<(), String> {
    let dir = protected_dir(opts)?;
    let protection = unlock(&dir, &opts.profile)?;
    let (store, _) = Store::open_as(opts, &wb.id, protection).map_err(|e| e.to_string())?;
    set_new_passphrase(&store)?;
    trustbook::say!(
        "The passphrase of profile {} is changed. The recovery key stays the same.",
        quoted(&opts.profile)
    );
    Ok(())
}

/// `protect --remove`: after the passphrase, every file is decrypted and the key removed.
fn remove(opts: &StoreOptions, wb: &Workbook) -> Result<(), String> {
    let dir = protected_dir(opts)?;
    let protection = unlock(&dir, &opts.profile)?;
    let (mut store, _) = Store::open_as(opts, &wb.id, protection.clone()).map_err(|e| e.to_string())?;
    let (warning, notes) = protecting::seal_exchange(&dir, &opts.profile, &protection, &Protection::Plain);
    say_sealed(warning, &notes);
    store
        .unprotect()
        .map_err(|e| format!("{e} The profile still opens with its passphrase: run this again to finish."))?;
    trustbook::say!(
        "Profile {} has no passphrase now: its files are plain text again, readable by anyone who can use this computer account.",
        quoted(&opts.profile)
    );
    Ok(())
}

/// `protect --recover`: the recovery key (checked against the answers), then a new passphrase.
fn recover(opts: &StoreOptions, wb: &Workbook) -> Result<(), String> {
    // The key file may be what was lost: encrypted answers are enough to recover.
    let dir = data_dir(opts)?;
    let answers = dir.join(format!("{}.toml", opts.profile));
    let sealed = store::read_regular(&answers, false, 64).is_ok_and(|b| vault::is_age(&b));
    if !sealed {
        protected_dir(opts)?;
    }
    need_terminal()?;
    let mut identity = None;
    for attempt in 1..=TRIES {
        let again = if attempt < TRIES { " Try again." } else { "" };
        match prompt::ask("Recovery key (AGE-SECRET-KEY-1…, not shown as you type): ") {
            Ok(text) => match vault::parse_recovery_key(text.expose_secret()) {
                Ok(id) => {
                    identity = Some(id);
                    break;
                }
                Err(e) => trustbook::report!("{}.{again}", capitalised(&e.to_string())),
            },
            Err(prompt::PromptError::Cancelled) => return Err("cancelled; nothing was changed.".into()),
            Err(e @ (prompt::PromptError::NoTerminal | prompt::PromptError::Io(_))) => {
                return Err(format!("{e}. Nothing was changed."));
            }
            Err(e) => trustbook::report!("{}.{again}", capitalised(&e.to_string())),
        }
    }
    let identity = identity.ok_or("no recovery key was accepted; nothing was changed.")?;
    // Opening reads the answers with it: a key of another profile is refused here.
    let (store, _) = Store::open_as(opts, &wb.id, Protection::locked(identity)).map_err(|e| match e {
        store::StoreError::Sealed {
            path,
            why: VaultError::OtherKey,
        } => format!(
            "that recovery key does not open {}: it belongs to another profile or another protect. Nothing was changed.",
            safe::path(&path)
        ),
        e => e.to_string(),
    })?;
    set_new_passphrase(&store)?;
    trustbook::say!(
        "Profile {} has a new passphrase. The recovery key stays the same: keep it.",
        quoted(&opts.profile)
    );
    Ok(())
}
