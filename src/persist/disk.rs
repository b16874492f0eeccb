//! The real persistence: the profile's store on a writer thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::writer::Writer;
use super::{Persistence, Snapshot};
use crate::answers::{Answers, Place};
use crate::content::Workbook;
use crate::exchange::PartnerKeys;
use crate::exchange::local::{self, PairError, Paired};
use crate::sharing::{Overview, SharingError};
use crate::store::{self, NameRefused, SaveProblem, Store, StoreOptions};
use crate::vault::SecretString;
use crate::{partner, sharing};

/// Answers kept in the data folder: saved by a background writer, read back for partners.
pub struct DiskPersistence {
    workbook_id: String,
    /// The workbook, to write the profile's shares after each save ([`crate::sharing`]).
    workbook: std::sync::Arc<Workbook>,
    profile: String,
    data_dir: PathBuf,
    /// The writer of the open profile; `None` until a profile is open (a first run).
    writer: Option<Writer<Snapshot>>,
    /// A first run's new profile, started (its lock held) but not yet written: it may
    /// still be protected before its first save, which hands it to the writer.
    claimed: Option<Store>,
    /// A save was asked for while no profile was open: reported as failed.
    unopened_save: bool,
    /// The open profile's protection, for the fallback copy (the store is on the writer).
    protection: store::Protection,
    /// Keeps the exchange folders in step, when the profile has any.
    syncer: Option<std::sync::Arc<super::exchange::Syncer>>,
}

impl DiskPersistence {
    /// Moves `store` to a writer thread: from now on only that thread writes the answers file.
    /// The profile's exchange folders, if any, are kept in step from `answers` as opened
    /// (see [`super::exchange::Syncer`]).
    pub fn new(store: Store, wb: &Workbook, answers: &Answers) -> DiskPersistence {
        let mut persist = DiskPersistence::unopened(store.data_dir(), wb);
        persist.syncer = super::exchange::Syncer::start(
            store.data_dir(),
            std::sync::Arc::clone(&persist.workbook),
            (store.profile(), store.protection()),
            || store::encode(answers, None, &wb.id),
        )
        .map(std::sync::Arc::new);
        persist.start(store);
        persist
    }

    /// Persistence in `data_dir` with no profile open yet: nothing is written until
    /// [`Persistence::open_profile`] has opened one.
    pub fn unopened(data_dir: &Path, wb: &Workbook) -> DiskPersistence {
        DiskPersistence {
            workbook_id: wb.id.clone(),
            workbook: std::sync::Arc::new(wb.clone()),
            profile: store::DEFAULT_PROFILE.to_string(),
            data_dir: data_dir.to_path_buf(),
            writer: None,
            claimed: None,
            unopened_save: false,
            protection: store::Protection::Plain,
            syncer: None,
        }
    }

    fn start(&mut self, mut store: Store) {
        self.profile = store.profile().to_string();
        self.protection = store.protection().clone();
        let wb = std::sync::Arc::clone(&self.workbook);
        let syncer = self.syncer.clone();
        self.writer = Some(Writer::spawn(Box::new(move |snapshot: &Snapshot| {
            // Encoded here, on the writer thread: the event loop only copied the answers.
            let text = &store::encode(&snapshot.answers, snapshot.place.as_ref(), &wb.id);
            store.save_text(text).map_err(|e| e.problem())?;
            refresh_shares(&store, &wb, text);
            if let Some(s) = &syncer {
                s.saved(text);
            }
            Ok(())
        })));
    }
}

/// After a save, rewrites what the profile shares (if it shares at all), from the text
/// just saved, off the event loop. A share that cannot be written keeps its last
/// version; the answers themselves are saved.
fn refresh_shares(store: &Store, wb: &Workbook, text: &str) {
    let (dir, owner) = (store.data_dir(), store.profile());
    if sharing::partners_of(dir, owner).is_empty() {
        return;
    }
    let Ok(saved) = store::decode(text, store.answers_path()) else {
        return;
    };
    let today: String = crate::answers::now_utc().chars().take(10).collect();
    sharing::refresh(dir, wb, owner, &saved.answers, &today);
}

impl Persistence for DiskPersistence {
    fn encode(&self, answers: &Answers, place: Option<&Place>) -> String {
        store::encode(answers, place, &self.workbook_id)
    }
    fn save(&mut self, snapshot: Snapshot) {
        if let Some(store) = self.claimed.take() {
            self.start(store);
        }
        match &mut self.writer {
            Some(writer) => writer.request(snapshot),
            None => self.unopened_save = true,
        }
    }
    fn poll(&mut self, wait: Duration) -> Option<Result<(), SaveProblem>> {
        if std::mem::take(&mut self.unopened_save) {
            return Some(Err(SaveProblem::Other("no profile is open yet".to_string())));
        }
        self.writer.as_mut()?.poll(wait)
    }
    fn busy(&self) -> bool {
        self.unopened_save || self.writer.as_ref().is_some_and(Writer::busy)
    }
    fn fallback(&mut self, text: &str) -> Result<PathBuf, String> {
        store::write_fallback(&self.profile, text, &self.protection).map_err(|e| e.to_string())
    }
    fn read_partner(&self, name: &str) -> Result<Answers, String> {
        partner::read(
            &self.data_dir,
            name,
            &self.profile,
            &self.workbook_id,
            &self.protection,
        )
    }
    fn changes_with(&self, name: &str, mine: &Answers, theirs: &Answers) -> Vec<crate::revised::Change> {
        crate::exchange::local::changes(
            &self.data_dir,
            (&self.profile, name),
            (mine, theirs),
            &self.protection,
        )
    }
    fn protected(&self) -> bool {
        self.protection.is_locked()
    }
    fn open_profile(&mut self, name: &str) -> Result<(), NameRefused> {
        if self.writer.is_some() || self.claimed.is_some() {
            return Err(NameRefused::Failed("a profile is open already".to_string()));
        }
        let opts = StoreOptions {
            data_dir: Some(self.data_dir.clone()),
            profile: name.to_string(),
        };
        let store = Store::claim(&opts, &self.workbook_id)?;
        self.profile = store.profile().to_string();
        self.claimed = Some(store);
        Ok(())
    }
    fn protect(&mut self, passphrase: &SecretString) -> Result<SecretString, String> {
        let mut store = self.claimed.take().ok_or_else(|| {
            "this profile was already saved without a passphrase: quit, then run trustbook protect"
                .to_string()
        })?;
        let done = crate::protecting::protect(&mut store, passphrase);
        // Saves go on either way, encrypted when the key file was written.
        self.start(store);
        // What the sealing of sharing files said is not shown here (stderr is under the
        // app's screen): the next opening of the protected profile seals them again and
        // says in the app what failed.
        Ok(done?.recovery)
    }
    fn sharing(&self) -> Result<Overview, SharingError> {
        Ok(sharing::overview(&self.data_dir, &self.profile, &self.protection))
    }
    fn share_with(&mut self, partner: &str, answers: &Answers) -> Result<Overview, SharingError> {
        let (dir, owner) = (&self.data_dir, self.profile.as_str());
        if partner == owner {
            return Err(SharingError::WithItself);
        }
        let overview = sharing::overview(dir, owner, &self.protection);
        if overview
            .partners
            .iter()
            .any(|p| p.name == partner && matches!(p.reach, sharing::Reach::Folder { .. }))
        {
            return Err(SharingError::NeedsFolder(partner.to_string()));
        }
        let today: String = crate::answers::now_utc().chars().take(10).collect();
        let text = sharing::share_text(&self.workbook, owner, answers, &today);
        sharing::write(dir, owner, partner, &text)
            .map_err(|e| SharingError::Write(partner.to_string(), e.to_string()))?;
        Ok(sharing::overview(dir, owner, &self.protection))
    }
    fn stop_sharing(&mut self, partner: &str) -> Result<Overview, SharingError> {
        let (dir, owner) = (&self.data_dir, self.profile.as_str());
        let now = crate::answers::now_utc();
        sharing::withdraw_any(dir, &self.workbook, owner, partner, &now, &self.protection)
            .map_err(|e| SharingError::Withdraw(partner.to_string(), e))?;
        Ok(sharing::overview(dir, owner, &self.protection))
    }
    // The protection the app was unlocked with is the one the keys are under.
    fn own_code(&mut self) -> Result<PartnerKeys, PairError> {
        local::own_keys(&self.data_dir, &self.profile, &self.protection)
            .map(|k| k.public())
            .map_err(PairError::Keys)
    }
    fn read_pairing(&mut self, partner: &str) -> Result<(PartnerKeys, Option<PartnerKeys>), PairError> {
        let mine = self.own_code()?;
        let recorded = local::partner_keys(&self.data_dir, &self.profile, partner, &self.protection)
            .map_err(PairError::Keys)?;
        Ok((mine, recorded))
    }
    fn pair_with(
        &mut self,
        partner: &str,
        keys: &PartnerKeys,
        replace: bool,
    ) -> Result<(Paired, Overview), PairError> {
        let (dir, me) = (&self.data_dir, self.profile.as_str());
        let outcome = local::pair(dir, me, partner, keys, replace, &self.protection)?;
        Ok((outcome, sharing::overview(dir, me, &self.protection)))
    }
}
