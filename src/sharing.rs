//! Consent between profiles on one computer: what a profile's owner has shared, and with
//! whom. A share is a file the owner's trustbook writes, `shares/<owner>/<partner>.json`
//! in the data folder: the owner's shareable answers (never private ones, never skips,
//! never ratings of a private list) in the export format. Its existence is the consent;
//! `share --stop` removes it. Another profile reads only this file, never the owner's
//! answers file, so nothing reaches a partner that its owner did not share.
//!
//! When the owner or the reader is protected with a passphrase, the share is an age file
//! encrypted to the reader's exchange key (`exchange/<reader>/public`), which only the
//! reader opens (its key is under its own passphrase when it is protected).
//!
//! Withdrawal wins over a save in flight: `stop` leaves a tombstone
//! (`shares/<owner>/<partner>.stopped`) before removing the file, and a refresh that
//! finds one after writing removes what it wrote.

use std::io;
use std::path::{Path, PathBuf};

use crate::answers::Answers;
use crate::content::Workbook;
use crate::export::{self, Export, ExportMeta};
use crate::safe;
use crate::store::{self, Protection, ReadError, StoreError, validate_profile};
use crate::vault;

/// The folder under the data folder that holds every profile's shares.
pub const SHARES_DIR: &str = "shares";

/// The folder of `owner`'s shares.
pub fn owner_dir(data_dir: &Path, owner: &str) -> PathBuf {
    data_dir.join(SHARES_DIR).join(owner)
}

/// Where `owner`'s share with `partner` is kept.
pub fn share_path(data_dir: &Path, owner: &str, partner: &str) -> PathBuf {
    owner_dir(data_dir, owner).join(format!("{partner}.json"))
}

/// The tombstone `stop` leaves for `partner`: a save in flight must not bring the share back.
fn tombstone(data_dir: &Path, owner: &str, partner: &str) -> PathBuf {
    owner_dir(data_dir, owner).join(format!("{partner}.stopped"))
}

/// The key a share from `owner` to `reader` is encrypted to: none (plain) when neither is
/// protected; else the reader's exchange key, made now for a plain reader that has none.
/// A protected reader without keys cannot be shared with until it has opened once.
fn reader_key(data_dir: &Path, owner: &str, reader: &str) -> Result<Option<vault::Recipient>, String> {
    use crate::exchange::local;
    let reader_locked = store::is_protected(data_dir, reader);
    if !store::is_protected(data_dir, owner) && !reader_locked {
        return Ok(None);
    }
    if let Some(keys) = local::public_keys(data_dir, reader)? {
        return Ok(Some(keys.age));
    }
    if reader_locked {
        return Err(format!(
            "{r} is protected with a passphrase and has no exchange key yet, so nothing can be              encrypted for {r}: {r} opens trustbook once (or runs `trustbook pair --profile {r}`), then share again",
            r = safe::line(reader)
        ));
    }
    Ok(Some(
        local::own_keys(data_dir, reader, &Protection::Plain)?
            .age
            .to_public(),
    ))
}

/// The partners `owner` shares with, sorted: the names of the share files present.
pub fn partners_of(data_dir: &Path, owner: &str) -> Vec<String> {
    let Ok(read) = std::fs::read_dir(owner_dir(data_dir, owner)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = read
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let partner = name.strip_suffix(".json")?;
            validate_profile(partner).ok()?;
            Some(partner.to_string())
        })
        .collect();
    out.sort();
    out
}

/// The answers a share holds: not private (ratings of a private list included), not
/// skipped (a skip reads the same as no answer to the partner).
pub fn shareable(wb: &Workbook, answers: &Answers) -> Answers {
    let mut out = export::shareable(&answers.with_private_sources(wb), false);
    let unskipped = |m: &mut std::collections::BTreeMap<String, crate::answers::Answer>| {
        m.retain(|_, a| !a.skipped);
    };
    out.single.values_mut().for_each(unskipped);
    out.single.retain(|_, m| !m.is_empty());
    for list in out.entries.values_mut() {
        list.iter_mut().for_each(|e| unskipped(&mut e.answers));
        list.retain(|e| !e.answers.is_empty());
    }
    out.entries.retain(|_, l| !l.is_empty());
    out
}

/// The text of `owner`'s share: their shareable answers as a JSON export dated `today`.
pub fn share_text(wb: &Workbook, owner: &str, answers: &Answers, today: &str) -> String {
    let meta = ExportMeta {
        profile: owner.to_string(),
        date: today.to_string(),
    };
    Export::new(&wb.id, &shareable(wb, answers), &meta, false).to_json()
}

/// Writes (or rewrites) `owner`'s share with `partner`: from now on `partner` sees what
/// `owner` shares, as it is saved.
pub fn write(data_dir: &Path, owner: &str, partner: &str, text: &str) -> Result<PathBuf, StoreError> {
    validate_profile(owner)?;
    validate_profile(partner)?;
    let dir = owner_dir(data_dir, owner);
    store::prepare_dir(&data_dir.join(SHARES_DIR))?;
    store::prepare_dir(&dir)?;
    let path = share_path(data_dir, owner, partner);
    if store::is_link(&path) {
        return Err(StoreError::Link { path });
    }
    // Sharing again after a withdrawal: consent is given anew.
    let _ = std::fs::remove_file(tombstone(data_dir, owner, partner));
    put(data_dir, owner, partner, text)?;
    Ok(path)
}

/// Writes the share file itself, encrypted when [`reader_key`] says so.
fn put(data_dir: &Path, owner: &str, partner: &str, text: &str) -> Result<(), StoreError> {
    let path = share_path(data_dir, owner, partner);
    let failed = |e: &dyn std::fmt::Display| StoreError::io(&path, "write", io::Error::other(e.to_string()));
    match reader_key(data_dir, owner, partner).map_err(|e| failed(&e))? {
        None => store::write_atomic(&path, text).map_err(|e| failed(&e)),
        Some(key) => {
            let sealed = vault::encrypt(&[key], text.as_bytes()).map_err(|e| failed(&e))?;
            store::write_profile_file(&path, &sealed, &Protection::Plain, store::How::Replace)
                .map_err(|e| failed(&e))
        }
    }
}

/// Rewrites every share `owner` keeps, after their answers were saved; the partners it
/// could not write are returned with the reason. A share withdrawn meanwhile stays gone:
/// only files present are rewritten.
pub fn refresh(data_dir: &Path, wb: &Workbook, owner: &str, answers: &Answers, today: &str) -> Vec<String> {
    let partners = partners_of(data_dir, owner);
    if partners.is_empty() {
        return Vec::new();
    }
    let text = share_text(wb, owner, answers, today);
    refresh_to(data_dir, owner, &partners, &text)
}

/// Rewrites `owner`'s shares with `partners` (listed a moment ago) as `text`. A partner
/// withdrawn since, even while this was writing, ends with no share: withdrawal wins.
pub fn refresh_to(data_dir: &Path, owner: &str, partners: &[String], text: &str) -> Vec<String> {
    partners
        .iter()
        .filter(|p| !tombstone(data_dir, owner, p).exists())
        .filter_map(|p| {
            let result = put(data_dir, owner, p, text);
            // `stop` may have run between the check above and the write.
            if tombstone(data_dir, owner, p).exists() {
                let _ = std::fs::remove_file(share_path(data_dir, owner, p));
            }
            result.err().map(|e| format!("{p}: {e}"))
        })
        .collect()
}

/// Withdraws `owner`'s share with `partner` at once: leaves a tombstone (so a save in
/// flight does not write it again), then removes the file. True when there was one.
pub fn stop(data_dir: &Path, owner: &str, partner: &str) -> io::Result<bool> {
    if owner_dir(data_dir, owner).is_dir() {
        store::write_atomic(&tombstone(data_dir, owner, partner), "withdrawn\n")
            .map_err(|e| io::Error::other(e.to_string()))?;
    }
    match std::fs::remove_file(share_path(data_dir, owner, partner)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Why another profile's answers cannot be read for `reader`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotShared {
    /// `owner` has not shared with `reader` (or has withdrawn it).
    NotShared {
        /// Whose answers.
        owner: String,
        /// Who asked.
        reader: String,
    },
    /// The share is there but cannot be read (the reason, for the person).
    Unreadable(String),
}

impl std::fmt::Display for NotShared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Short: it is also the app's one-line notice.
            NotShared::NotShared { owner, reader } => write!(
                f,
                "Not shared by {owner} yet ({owner}: trustbook share --profile {owner} --with {reader})",
                owner = safe::line(owner),
                reader = safe::line(reader),
            ),
            NotShared::Unreadable(why) => f.write_str(why),
        }
    }
}

/// Reads what `owner` shares with `reader`, checked for workbook `workbook_id`. An
/// encrypted share is opened with the reader's exchange key, read under `protection` (the
/// reader's own, unlocked when it is protected).
pub fn read(
    data_dir: &Path,
    owner: &str,
    reader: &str,
    workbook_id: &str,
    protection: &Protection,
) -> Result<Answers, NotShared> {
    let path = share_path(data_dir, owner, reader);
    let bytes = match store::read_regular(&path, false, store::MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            return Err(NotShared::NotShared {
                owner: owner.to_string(),
                reader: reader.to_string(),
            });
        }
        Err(e) => {
            return Err(NotShared::Unreadable(format!(
                "cannot read {}: {e}",
                safe::path(&path)
            )));
        }
    };
    let unreadable = |e: &dyn std::fmt::Display| NotShared::Unreadable(format!("{}: {e}", safe::path(&path)));
    let bytes = if vault::is_age(&bytes) {
        let keys = crate::exchange::local::existing_keys(data_dir, reader, protection)
            .map_err(|e| unreadable(&e))?
            .ok_or_else(|| unreadable(&"it is encrypted, and this profile has no exchange key to open it"))?;
        vault::decrypt(&keys.age, &bytes)
            .map_err(|e| unreadable(&e))?
            .to_vec()
    } else {
        bytes
    };
    let text = zeroize::Zeroizing::new(String::from_utf8(bytes).map_err(|_| unreadable(&"not UTF-8 text"))?);
    let exp = export::parse_json(&text).map_err(|e| unreadable(&e))?;
    export::check_import(&exp, workbook_id).map_err(|e| unreadable(&e))?;
    Ok(exp.answers)
}

/// Brings the shares of a profile just protected (or opened protected) under encryption:
/// shares others made for it and its own shares, where still plain, are encrypted to
/// their reader's exchange key. An own share that cannot be encrypted is withdrawn
/// rather than left plain. Returns what was done or failed, one line each.
pub fn seal_plain_shares(data_dir: &Path, profile: &str) -> Vec<String> {
    let mut said = Vec::new();
    let plain = |path: &Path| {
        store::read_regular(path, false, store::MAX_FILE_BYTES)
            .ok()
            .filter(|b| !vault::is_age(b))
    };
    let owners: Vec<String> = std::fs::read_dir(data_dir.join(SHARES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|o| o != profile && validate_profile(o).is_ok())
        .collect();
    let mut pairs: Vec<(String, String)> = owners.into_iter().map(|o| (o, profile.to_string())).collect();
    pairs.extend(
        partners_of(data_dir, profile)
            .into_iter()
            .map(|p| (profile.to_string(), p)),
    );
    for (owner, reader) in pairs {
        let path = share_path(data_dir, &owner, &reader);
        let Some(bytes) = plain(&path) else { continue };
        let text = zeroize::Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned());
        if let Err(e) = put(data_dir, &owner, &reader, &text) {
            let _ = stop(data_dir, &owner, &reader);
            said.push(format!(
                "stopped the share of {} with {} rather than keep it plain: {e}",
                safe::line(&owner),
                safe::line(&reader)
            ));
        }
    }
    said
}

/// Every share file of `owner` (for `erase` and `where`).
pub fn files_of(data_dir: &Path, owner: &str) -> Vec<PathBuf> {
    partners_of(data_dir, owner)
        .iter()
        .map(|p| share_path(data_dir, owner, p))
        .collect()
}

/// The withdrawal marks `owner`'s `stop` left (for `erase`: they name a partner).
pub fn tombstones_of(data_dir: &Path, owner: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(owner_dir(data_dir, owner))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "stopped"))
        .collect();
    out.sort();
    out
}

/// Every share made *with* `reader` by any owner (for `erase`: copies meant for them).
pub fn files_for(data_dir: &Path, reader: &str) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(data_dir.join(SHARES_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path().join(format!("{reader}.json")))
        .filter(|p| p.symlink_metadata().is_ok())
        .collect();
    out.sort();
    out
}

/// How a partner on the sharing overview is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Another profile on this computer: it reads the share file.
    ThisComputer {
        /// False when a share is kept for a name with no profile on this computer yet.
        exists: bool,
    },
    /// A partner on another computer, paired through `trustbook pair`.
    Folder {
        /// The folder the two computers sync, when sharing through it.
        folder: Option<PathBuf>,
        /// This profile's fingerprint, to compare aloud.
        mine: Option<String>,
        /// The partner's fingerprint as recorded at pairing.
        theirs: Option<String>,
    },
}

/// One partner on the sharing overview: who, how, and whether they see this profile's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    /// The partner's profile name (validated).
    pub name: String,
    /// How they are reached.
    pub reach: Reach,
    /// True when they see this profile's shareable answers as they are saved.
    pub sees: bool,
}

/// Who sees what of `owner`'s answers: the sharing screen's list, read at the edge.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overview {
    /// Every other own profile on this computer and every paired partner, sorted.
    pub partners: Vec<Partner>,
}

/// How many of a profile's answers a share holds, and how many it leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Answers a partner sees.
    pub shared: usize,
    /// Answers marked private (ratings of a private list included): never shared.
    pub private: usize,
    /// Answers skipped (and not private): a skip reads as no answer.
    pub skipped: usize,
}

/// Counts `answers` as a share would hold them.
pub fn counts(wb: &Workbook, answers: &Answers) -> Counts {
    let marked = answers.with_private_sources(wb);
    let live = marked.entries.values().flatten().filter(|e| e.is_live());
    let skipped = marked
        .single
        .values()
        .chain(live.map(|e| &e.answers))
        .flat_map(|m| m.values())
        .filter(|a| a.skipped && !a.private)
        .count();
    Counts {
        shared: shareable(wb, answers).len(),
        private: export::private_count(&marked),
        skipped,
    }
}

/// What `owner` shares, and with whom, read from the data folder: the other own profiles
/// on this computer, the names `owner` keeps a share for, and the partners paired for an
/// exchange folder. `protection` is the owner's (its exchange files are under it).
pub fn overview(data_dir: &Path, owner: &str, protection: &Protection) -> Overview {
    use crate::exchange::local;
    let shares = partners_of(data_dir, owner);
    let mut partners: Vec<Partner> = store::list_profiles(data_dir)
        .into_iter()
        .filter(|p| p.name != owner && p.kind == store::ProfileKind::Own)
        .map(|p| p.name)
        .chain(shares.iter().cloned())
        .collect::<std::collections::BTreeSet<String>>()
        .into_iter()
        .map(|name| Partner {
            sees: shares.contains(&name),
            reach: Reach::ThisComputer {
                exists: store::profile_kind(data_dir, &name) == Some(store::ProfileKind::Own),
            },
            name,
        })
        .collect();
    let linked = local::linked_partners(data_dir, owner);
    let mut paired: Vec<String> = local::paired_partners(data_dir, owner)
        .into_iter()
        .chain(linked.iter().cloned())
        .filter(|n| validate_profile(n).is_ok())
        .collect();
    paired.sort();
    paired.dedup();
    if !paired.is_empty() {
        // Read, never made here: keys are made by `pair`, and a paired profile has them.
        let mine = local::existing_keys(data_dir, owner, protection)
            .ok()
            .flatten()
            .map(|k| k.public().fingerprint());
        for name in paired {
            let link = local::link(data_dir, owner, &name, protection).ok().flatten();
            let theirs = local::partner_keys(data_dir, owner, &name, protection)
                .ok()
                .flatten()
                .map(|k| k.fingerprint());
            partners.push(Partner {
                sees: link.is_some(),
                reach: Reach::Folder {
                    folder: link.map(|l| l.folder),
                    mine: mine.clone(),
                    theirs,
                },
                name,
            });
        }
    }
    Overview { partners }
}

/// Why the sharing screen could not do what was asked: typed, the screen words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharingError {
    /// A profile cannot share with itself.
    WithItself,
    /// Starting to share through a folder needs the folder, given on the command line.
    NeedsFolder(String),
    /// The share with this partner could not be written (the reason).
    Write(String, String),
    /// The share with this partner could not be withdrawn (the reason).
    Withdraw(String, String),
    /// The answers could not be read to share them (the reason).
    Read(String),
}

/// What the sharing screen changed, for the notice that follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Now shares with this partner.
    Started(String),
    /// No longer shares with this partner.
    Withdrawn(String),
}

/// Withdraws `owner`'s sharing with `partner` at once, on this computer or through an
/// exchange folder (a withdrawal is written there and the link goes). True when there
/// was something to withdraw.
pub fn withdraw_any(
    data_dir: &Path,
    wb: &Workbook,
    owner: &str,
    partner: &str,
    now: &str,
    protection: &Protection,
) -> Result<bool, String> {
    use crate::exchange::local;
    if local::linked_partners(data_dir, owner)
        .iter()
        .any(|p| p == partner)
    {
        local::withdraw(data_dir, wb, (owner, partner), now, protection)?;
        let link = local::dir_of(data_dir, owner).join(format!("{partner}.link.json"));
        std::fs::remove_file(&link).map_err(|e| format!("cannot remove {}: {e}", safe::path(&link)))?;
        return Ok(true);
    }
    stop(data_dir, owner, partner).map_err(|e| e.to_string())
}
