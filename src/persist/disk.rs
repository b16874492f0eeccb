//! The real persistence: the profile's store on a writer thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Persistence;
use super::writer::Writer;
use crate::answers::{Answers, Place};
use crate::partner;
use crate::store::{self, NameRefused, SaveProblem, Store, StoreOptions};

/// Answers kept in the data folder: saved by a background writer, read back for partners.
pub struct DiskPersistence {
    workbook_id: String,
    profile: String,
    data_dir: PathBuf,
    /// The writer of the open profile; `None` until a profile is open (a first run).
    writer: Option<Writer>,
    /// A save was asked for while no profile was open: reported as failed.
    unopened_save: bool,
    /// The open profile's protection, for the fallback copy (the store is on the writer).
    protection: store::Protection,
}

impl DiskPersistence {
    /// Moves `store` to a writer thread: from now on only that thread writes the answers file.
    pub fn new(store: Store, workbook_id: &str) -> DiskPersistence {
        let mut persist = DiskPersistence::unopened(store.data_dir(), workbook_id);
        persist.start(store);
        persist
    }

    /// Persistence in `data_dir` with no profile open yet: nothing is written until
    /// [`Persistence::open_profile`] has opened one.
    pub fn unopened(data_dir: &Path, workbook_id: &str) -> DiskPersistence {
        DiskPersistence {
            workbook_id: workbook_id.to_string(),
            profile: store::DEFAULT_PROFILE.to_string(),
            data_dir: data_dir.to_path_buf(),
            writer: None,
            unopened_save: false,
            protection: store::Protection::Plain,
        }
    }

    fn start(&mut self, mut store: Store) {
        self.profile = store.profile().to_string();
        self.protection = store.protection().clone();
        self.writer = Some(Writer::spawn(Box::new(move |text| {
            store.save_text(text).map_err(|e| e.problem())
        })));
    }
}

impl Persistence for DiskPersistence {
    fn encode(&self, answers: &Answers, place: Option<&Place>) -> String {
        store::encode(answers, place, &self.workbook_id)
    }
    fn save(&mut self, text: String) {
        match &mut self.writer {
            Some(writer) => writer.request(text),
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
        partner::read(&self.data_dir, name, &self.workbook_id)
    }
    fn protected(&self) -> bool {
        self.protection.is_locked()
    }
    fn open_profile(&mut self, name: &str) -> Result<(), NameRefused> {
        if self.writer.is_some() {
            return Err(NameRefused::Failed("a profile is open already".to_string()));
        }
        let opts = StoreOptions {
            data_dir: Some(self.data_dir.clone()),
            profile: name.to_string(),
        };
        let store = Store::claim(&opts, &self.workbook_id)?;
        self.start(store);
        Ok(())
    }
}
