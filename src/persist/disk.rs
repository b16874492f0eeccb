//! The real persistence: the profile's store on a writer thread.

use std::path::PathBuf;
use std::time::Duration;

use super::Persistence;
use super::writer::Writer;
use crate::answers::{Answers, Place};
use crate::partner;
use crate::store::{self, SaveProblem, Store};

/// Answers kept in the data folder: saved by a background writer, read back for partners.
pub struct DiskPersistence {
    workbook_id: String,
    profile: String,
    data_dir: PathBuf,
    writer: Writer,
}

impl DiskPersistence {
    /// Moves `store` to a writer thread: from now on only that thread writes the answers file.
    pub fn new(mut store: Store, workbook_id: &str) -> DiskPersistence {
        let profile = store.profile().to_string();
        let data_dir = store.data_dir().to_path_buf();
        DiskPersistence {
            workbook_id: workbook_id.to_string(),
            profile,
            data_dir,
            writer: Writer::spawn(Box::new(move |text| {
                store.save_text(text).map_err(|e| e.problem())
            })),
        }
    }
}

impl Persistence for DiskPersistence {
    fn encode(&self, answers: &Answers, place: Option<&Place>) -> String {
        store::encode(answers, place, &self.workbook_id)
    }
    fn save(&mut self, text: String) {
        self.writer.request(text);
    }
    fn poll(&mut self, wait: Duration) -> Option<Result<(), SaveProblem>> {
        self.writer.poll(wait)
    }
    fn busy(&self) -> bool {
        self.writer.busy()
    }
    fn fallback(&mut self, text: &str) -> Result<PathBuf, String> {
        store::write_fallback(&self.profile, text).map_err(|e| e.to_string())
    }
    fn read_partner(&self, name: &str) -> Result<Answers, String> {
        partner::read(&self.data_dir, name, &self.workbook_id)
    }
}
