//! Consent between profiles on one computer: what a profile's owner has shared, and with
//! whom. A share is a file the owner's trustbook writes, `shares/<owner>/<partner>.json`
//! in the data folder: the owner's shareable answers (never private ones, never skips,
//! never ratings of a private list) in the export format. Its existence is the consent;
//! `share --stop` removes it. Another profile reads only this file, never the owner's
//! answers file, so nothing reaches a partner that its owner did not share.

use std::io;
use std::path::{Path, PathBuf};

use crate::answers::Answers;
use crate::content::Workbook;
use crate::export::{self, Export, ExportMeta};
use crate::safe;
use crate::store::{self, ReadError, StoreError, validate_profile};

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
    store::write_atomic(&path, text)
        .map_err(|e| StoreError::io(&path, "write", io::Error::other(e.to_string())))?;
    Ok(path)
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
    partners
        .iter()
        .filter_map(|p| {
            write(data_dir, owner, p, &text)
                .err()
                .map(|e| format!("{p}: {e}"))
        })
        .collect()
}

/// Withdraws `owner`'s share with `partner` at once: removes the file. True when there
/// was one.
pub fn stop(data_dir: &Path, owner: &str, partner: &str) -> io::Result<bool> {
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

/// Reads what `owner` shares with `reader`, checked for workbook `workbook_id`.
pub fn read(data_dir: &Path, owner: &str, reader: &str, workbook_id: &str) -> Result<Answers, NotShared> {
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
    let text = String::from_utf8(bytes).map_err(|_| unreadable(&"not UTF-8 text"))?;
    let exp = export::parse_json(&text).map_err(|e| unreadable(&e))?;
    export::check_import(&exp, workbook_id).map_err(|e| unreadable(&e))?;
    Ok(exp.answers)
}

/// Every share file of `owner` (for `erase` and `where`).
pub fn files_of(data_dir: &Path, owner: &str) -> Vec<PathBuf> {
    partners_of(data_dir, owner)
        .iter()
        .map(|p| share_path(data_dir, owner, p))
        .collect()
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
    /// The owner's profile is protected with a passphrase: share files are not encrypted
    /// yet, so sharing on this computer is refused.
    pub protected: bool,
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
/// exchange folder.
pub fn overview(data_dir: &Path, owner: &str) -> Overview {
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
        let mine = local_fingerprint(data_dir, owner);
        for name in paired {
            let link = local::link(data_dir, owner, &name).ok().flatten();
            let theirs = local::partner_keys(data_dir, owner, &name)
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
    Overview {
        partners,
        protected: store::is_protected(data_dir, owner),
    }
}

/// `owner`'s own exchange fingerprint, if its keys exist (never made here).
fn local_fingerprint(data_dir: &Path, owner: &str) -> Option<String> {
    let path = crate::exchange::local::dir_of(data_dir, owner).join("keys");
    path.symlink_metadata().ok()?;
    crate::exchange::local::own_keys(data_dir, owner)
        .ok()
        .map(|k| k.public().fingerprint())
}

/// Why the sharing screen could not do what was asked: typed, the screen words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharingError {
    /// The profile is protected with a passphrase, and share files are not encrypted yet.
    Protected,
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
) -> Result<bool, String> {
    use crate::exchange::local;
    if local::linked_partners(data_dir, owner)
        .iter()
        .any(|p| p == partner)
    {
        local::withdraw(data_dir, wb, (owner, partner), now)?;
        let link = local::dir_of(data_dir, owner).join(format!("{partner}.link.json"));
        std::fs::remove_file(&link).map_err(|e| format!("cannot remove {}: {e}", safe::path(&link)))?;
        return Ok(true);
    }
    stop(data_dir, owner, partner).map_err(|e| e.to_string())
}
