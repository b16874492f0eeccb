//! What one profile keeps on this computer for the exchange folder, under
//! `exchange/<profile>/` in the data folder (private files): its own keys, each paired
//! partner's public keys, and per partner the folder, the sequence numbers and the keys
//! of its sealed answers. And `sync`: read the partner's share, keep what it reveals as
//! their partner profile, write this profile's next share.
//!
//! A protected profile keeps every one of these files encrypted to its own key (the
//! [`Protection`] it was unlocked with), and the partner profile a sync writes too; only
//! `public`, its own pairing code, stays plain, so that other profiles on this computer
//! can encrypt what they share with it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::share::{self, ReaderState, WriterState};
use super::{OwnKeys, PartnerKeys, folder};
use crate::answers::Answers;
use crate::content::Workbook;
use crate::export::{Export, ExportMeta};
use crate::store::Protection;
use crate::{safe, sharing, store};

/// The names of the files of `exchange/<profile>/` that are not per partner.
const KEYS_FILE: &str = "keys";
/// This profile's pairing code, plain (it holds no secret).
const PUBLIC_FILE: &str = "public";

/// The folder of `profile`'s exchange files.
pub fn dir_of(data_dir: &Path, profile: &str) -> PathBuf {
    data_dir.join("exchange").join(profile)
}

/// Per partner: where the couple's folder is and what was exchanged so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The exchange folder.
    pub folder: PathBuf,
    /// This profile's shares so far.
    pub writer: WriterState,
    /// The partner's shares so far.
    pub reader: ReaderState,
    /// The items the partner's latest share held an answer to.
    #[serde(default)]
    pub partner_has: std::collections::BTreeSet<String>,
}

/// Reads a file of `exchange/<profile>/`: plain, or decrypted with `protection` (a file
/// of a protected profile read without its key is refused, saying so).
fn read_text(path: &Path, protection: &Protection) -> Result<Option<zeroize::Zeroizing<String>>, String> {
    match store::read_profile_file(path, protection) {
        Ok(b) => String::from_utf8(b.to_vec())
            .map(|t| Some(zeroize::Zeroizing::new(t)))
            .map_err(|_| format!("{} is not text", safe::path(path))),
        Err(store::StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Writes a file of `exchange/<profile>/` (private, atomic): encrypted to the profile's
/// own key when it is protected.
fn write_text(path: &Path, text: &str, protection: &Protection) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", safe::path(parent)))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700));
        }
    }
    if store::is_link(path) {
        return Err(format!(
            "{} is a symbolic link; trustbook does not write through one",
            safe::path(path)
        ));
    }
    store::write_profile_file(path, text.as_bytes(), protection, store::How::Replace)
        .map_err(|e| format!("cannot write {}: {e}", safe::path(path)))
}

/// `profile`'s own keys, made on first use (under its passphrase when it is protected).
pub fn own_keys(data_dir: &Path, profile: &str, protection: &Protection) -> Result<OwnKeys, String> {
    match existing_keys(data_dir, profile, protection)? {
        Some(keys) => Ok(keys),
        None => {
            let keys = OwnKeys::generate().map_err(|e| e.to_string())?;
            let dir = dir_of(data_dir, profile);
            write_text(&dir.join(KEYS_FILE), &keys.to_secret_text(), protection)?;
            write_text(&dir.join(PUBLIC_FILE), &keys.public().code(), &Protection::Plain)?;
            Ok(keys)
        }
    }
}

/// `profile`'s own keys if it has any (never made here).
pub fn existing_keys(
    data_dir: &Path,
    profile: &str,
    protection: &Protection,
) -> Result<Option<OwnKeys>, String> {
    let path = dir_of(data_dir, profile).join(KEYS_FILE);
    read_text(&path, protection)?
        .map(|text| OwnKeys::from_secret_text(&text).map_err(|e| format!("{}: {e}", safe::path(&path))))
        .transpose()
}

/// `profile`'s public keys, readable by every profile on this computer (its `public`
/// file, or its plain key file); `None` when it has none yet.
pub fn public_keys(data_dir: &Path, profile: &str) -> Result<Option<PartnerKeys>, String> {
    let dir = dir_of(data_dir, profile);
    let path = dir.join(PUBLIC_FILE);
    if let Some(code) = read_text(&path, &Protection::Plain)? {
        return PartnerKeys::from_code(&code)
            .map(Some)
            .map_err(|e| format!("{}: {e}", safe::path(&path)));
    }
    match existing_keys(data_dir, profile, &Protection::Plain) {
        Ok(keys) => Ok(keys.map(|k| k.public())),
        // Its keys are under its passphrase and it has no public file yet.
        Err(_) => Ok(None),
    }
}

/// Brings `profile`'s exchange files under `to` (protect) or back to plain (remove the
/// passphrase): its keys (made now if it has none, so others can share with it
/// encrypted), each partner's keys and link, and the partner profiles its syncs wrote.
/// Each file is replaced atomically; one already in the wanted state is left alone.
pub fn reseal(data_dir: &Path, profile: &str, from: &Protection, to: &Protection) -> Result<(), String> {
    let dir = dir_of(data_dir, profile);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != PUBLIC_FILE && !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.extend(
        linked_partners(data_dir, profile)
            .iter()
            .map(|p| store::partner_path(data_dir, p)),
    );
    for file in files {
        if store::is_link(&file) || !file.is_file() {
            continue;
        }
        let bytes = store::read_regular(&file, false, store::MAX_FILE_BYTES)
            .map_err(|e| format!("cannot read {}: {e}", safe::path(&file)))?;
        if crate::vault::is_age(&bytes) == to.is_locked() {
            continue;
        }
        let plain = from
            .open(&bytes)
            .map_err(|e| format!("{}: {e}", safe::path(&file)))?;
        store::write_profile_file(&file, &plain, to, store::How::Replace)
            .map_err(|e| format!("cannot write {}: {e}", safe::path(&file)))?;
    }
    let keys = own_keys(data_dir, profile, to)?;
    write_text(&dir.join(PUBLIC_FILE), &keys.public().code(), &Protection::Plain)
}

/// The public keys recorded for `partner`, if paired.
pub fn partner_keys(
    data_dir: &Path,
    profile: &str,
    partner: &str,
    protection: &Protection,
) -> Result<Option<PartnerKeys>, String> {
    let path = dir_of(data_dir, profile).join(format!("{partner}.pair"));
    read_text(&path, protection)?
        .map(|code| PartnerKeys::from_code(&code).map_err(|e| format!("{}: {e}", safe::path(&path))))
        .transpose()
}

/// What recording a partner's code did (or, from [`pairing`], would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paired {
    /// First time.
    New,
    /// The same keys as before.
    Same,
    /// Different keys replaced the old ones (only with `replace`).
    Replaced {
        /// The old fingerprint.
        old: String,
    },
}

/// Why a partner's code was not recorded: typed, since the app answers a changed key
/// with its own warning step and the command with its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairError {
    /// A different key is recorded for this partner, and replacing it was not asked for.
    Changed {
        /// The partner.
        partner: String,
        /// The fingerprint recorded.
        old: String,
        /// The fingerprint of the code given now.
        new: String,
    },
    /// A profile cannot pair with itself.
    WithItself,
    /// The keys could not be read, made or written (why, for the person).
    Keys(String),
}

impl std::fmt::Display for PairError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairError::Changed { partner, old, new } => write!(
                f,
                "WARNING: {p}'s keys have changed (recorded {old}, now {new}). Anyone could have made the new code. \
                 Check the fingerprint with {p} in person or by phone; if it matches, run the same command with --replace.",
                p = safe::line(partner)
            ),
            PairError::WithItself => {
                f.write_str("a profile cannot pair with itself; give your partner's profile name")
            }
            PairError::Keys(why) => f.write_str(why),
        }
    }
}

/// What recording `code` as `partner`'s would do, writing nothing: the one rule for the
/// command and the app. A code that differs from the one recorded is refused unless
/// `replace`: a key that changes is never taken silently.
pub fn pairing(
    data_dir: &Path,
    profile: &str,
    partner: &str,
    code: &PartnerKeys,
    replace: bool,
    protection: &Protection,
) -> Result<Paired, PairError> {
    let recorded = partner_keys(data_dir, profile, partner, protection).map_err(PairError::Keys)?;
    judge((profile, partner), recorded.as_ref(), code, replace)
}

/// The rule of [`pairing`] on what is recorded (`None`: nothing yet), without the files.
pub fn judge(
    (profile, partner): (&str, &str),
    recorded: Option<&PartnerKeys>,
    code: &PartnerKeys,
    replace: bool,
) -> Result<Paired, PairError> {
    if partner == profile {
        return Err(PairError::WithItself);
    }
    match recorded {
        None => Ok(Paired::New),
        Some(old) if old == code => Ok(Paired::Same),
        Some(old) if replace => Ok(Paired::Replaced {
            old: old.fingerprint(),
        }),
        Some(old) => Err(PairError::Changed {
            partner: partner.to_string(),
            old: old.fingerprint(),
            new: code.fingerprint(),
        }),
    }
}

/// Records `partner`'s pairing code, by the rule of [`pairing`].
pub fn pair(
    data_dir: &Path,
    profile: &str,
    partner: &str,
    code: &PartnerKeys,
    replace: bool,
    protection: &Protection,
) -> Result<Paired, PairError> {
    let outcome = pairing(data_dir, profile, partner, code, replace, protection)?;
    if outcome != Paired::Same {
        let path = dir_of(data_dir, profile).join(format!("{partner}.pair"));
        write_text(&path, &code.code(), protection).map_err(PairError::Keys)?;
    }
    Ok(outcome)
}

/// The link to `partner`, if an exchange folder was set.
pub fn link(
    data_dir: &Path,
    profile: &str,
    partner: &str,
    protection: &Protection,
) -> Result<Option<Link>, String> {
    let path = dir_of(data_dir, profile).join(format!("{partner}.link.json"));
    read_text(&path, protection)?
        .map(|t| serde_json::from_str(&t).map_err(|e| format!("{}: {e}", safe::path(&path))))
        .transpose()
}

/// Saves the link to `partner`.
pub fn save_link(
    data_dir: &Path,
    profile: &str,
    partner: &str,
    link: &Link,
    protection: &Protection,
) -> Result<(), String> {
    let path = dir_of(data_dir, profile).join(format!("{partner}.link.json"));
    let text = zeroize::Zeroizing::new(serde_json::to_string_pretty(link).map_err(|e| e.to_string())?);
    write_text(&path, &text, protection)
}

/// The partners `profile` exchanges with through a folder.
pub fn linked_partners(data_dir: &Path, profile: &str) -> Vec<String> {
    names_ending(data_dir, profile, ".link.json")
}

/// The partners `profile` has paired with (`trustbook pair`), whether or not it shares
/// through a folder with them now.
pub fn paired_partners(data_dir: &Path, profile: &str) -> Vec<String> {
    names_ending(data_dir, profile, ".pair")
}

/// The partner names of `profile`'s exchange files ending in `suffix`, sorted.
fn names_ending(data_dir: &Path, profile: &str, suffix: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir_of(data_dir, profile))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .into_string()
                .ok()?
                .strip_suffix(suffix)
                .map(str::to_string)
        })
        .collect();
    out.sort();
    out
}

/// What one sync did, in words for the person.
#[derive(Debug, Default)]
pub struct Report {
    /// What happened, one line each.
    pub said: Vec<String>,
    /// Files in the folder that were not taken, with why.
    pub ignored: Vec<(PathBuf, String)>,
}

/// Syncs `profile` with `partner` through their folder: reads the partner's newest valid
/// share, keeps what it reveals as the partner profile `partner` (or removes it on a
/// withdrawal), then writes this profile's next share of its shareable `answers`.
pub fn sync(
    data_dir: &Path,
    wb: &Workbook,
    (profile, partner): (&str, &str),
    answers: &Answers,
    now: &str,
    protection: &Protection,
) -> Result<Report, String> {
    let own = own_keys(data_dir, profile, protection)?;
    let theirs = partner_keys(data_dir, profile, partner, protection)?.ok_or_else(|| {
        format!(
            "{p} is not paired yet: ask {p} for the code of `trustbook pair --profile {p}`, then run \
             `trustbook pair --profile {me} --partner {p} CODE`",
            p = safe::line(partner),
            me = safe::line(profile)
        )
    })?;
    let mut link = link(data_dir, profile, partner, protection)?
        .ok_or_else(|| format!("no exchange folder is set for {}", safe::line(partner)))?;
    let mut report = Report::default();
    let found = folder::read(&link.folder, &own, &theirs, (partner, profile, &wb.id));
    report.ignored = found.ignored;
    if let Some((_, body)) = found.newest {
        if body.seq < link.reader.seq {
            report.said.push(format!(
                "{}'s share in the folder is older than one already read (number {} < {}); kept the newer",
                safe::line(partner),
                body.seq,
                link.reader.seq
            ));
        } else if body.withdrawn {
            let path = store::partner_path(data_dir, partner);
            let _ = std::fs::remove_file(&path);
            link.partner_has.clear();
            // Nothing of theirs stays, not even the answers as first seen.
            link.reader = ReaderState {
                seq: body.seq,
                ..ReaderState::default()
            };
            report.said.push(format!(
                "{} has stopped sharing: what this computer held of theirs is deleted",
                safe::line(partner)
            ));
        } else {
            let shown = share::reveal(&body, &mut link.reader);
            link.partner_has = share::answered_items(&body);
            let meta = ExportMeta {
                profile: partner.to_string(),
                date: body.written.chars().take(10).collect(),
            };
            let text = Export::new(&wb.id, &shown.answers, &meta, false).to_json();
            store::write_partner_as(data_dir, partner, &text, protection).map_err(|e| e.to_string())?;
            report.said.push(format!(
                "{}: {} answer(s) shown, {} sealed until you answer them too{}",
                safe::line(partner),
                shown.answers.len(),
                shown.sealed.len(),
                if shown.changed.is_empty() {
                    String::new()
                } else {
                    format!(", {} changed after seeing yours", shown.changed.len())
                }
            ));
            for d in shown.damaged {
                report.said.push(format!("not opened: {d}"));
            }
        }
    }
    let shareable = sharing::shareable(wb, answers);
    let body = share::build(
        wb,
        (profile, partner),
        &shareable,
        &link.partner_has,
        &mut link.writer,
        now,
    )
    .map_err(|e| e.to_string())?;
    let bytes = share::encode(&body, &own, &theirs).map_err(|e| e.to_string())?;
    folder::write(&link.folder, profile, &bytes)
        .map_err(|e| format!("cannot write into {}: {e}", safe::path(&link.folder)))?;
    report.said.push(format!(
        "wrote your share (number {}): {} answer(s), {} opened for {}",
        body.seq,
        body.sealed.len() + body.open.len(),
        body.keys.len() + body.open.len(),
        safe::line(partner)
    ));
    save_link(data_dir, profile, partner, &link, protection)?;
    Ok(report)
}

/// Writes a withdrawal into the folder and forgets the link's keys.
pub fn withdraw(
    data_dir: &Path,
    wb: &Workbook,
    (profile, partner): (&str, &str),
    now: &str,
    protection: &Protection,
) -> Result<(), String> {
    let own = own_keys(data_dir, profile, protection)?;
    let Some(theirs) = partner_keys(data_dir, profile, partner, protection)? else {
        return Ok(());
    };
    let Some(mut link) = link(data_dir, profile, partner, protection)? else {
        return Ok(());
    };
    let body = share::withdrawal(wb, (profile, partner), &mut link.writer, now);
    let bytes = share::encode(&body, &own, &theirs).map_err(|e| e.to_string())?;
    folder::write(&link.folder, profile, &bytes)
        .map_err(|e| format!("cannot write into {}: {e}", safe::path(&link.folder)))?;
    save_link(data_dir, profile, partner, &link, protection)
}

/// The answers changed after the reveal between `profile` and `partner`, from their link:
/// `theirs` (the partner's answers as shown) that differ from what was first revealed to
/// `profile`, and `mine` that differ from what was first opened to `partner`. None when
/// they exchange through no folder or the link cannot be read (compare still shows).
pub fn changes(
    data_dir: &Path,
    (profile, partner): (&str, &str),
    (mine, theirs): (&Answers, &Answers),
    protection: &Protection,
) -> Vec<crate::revised::Change> {
    use crate::revised::{Change, Changer};
    let Ok(Some(link)) = link(data_dir, profile, partner, protection) else {
        return Vec::new();
    };
    let change = |by: Changer| {
        move |(item, first, now): (&str, &crate::answers::Answer, &crate::answers::Answer)| Change {
            by,
            item: item.to_string(),
            first: first.clone(),
            now: now.clone(),
        }
    };
    let mut out: Vec<Change> = share::changed_since_reveal(&link.reader, theirs)
        .into_iter()
        .map(change(Changer::Partner))
        .collect();
    out.extend(
        share::changed_since_opened(&link.writer, mine)
            .into_iter()
            .map(change(Changer::Me)),
    );
    out
}
