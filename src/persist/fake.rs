//! A scripted [`Persistence`] for tests: saves succeed or fail as the test says,
//! instantly, and everything asked of it is recorded.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

use super::{Persistence, Snapshot};
use crate::answers::{Answers, Place};
use crate::exchange::local::{self, PairError, Paired};
use crate::exchange::{OwnKeys, PartnerKeys};
use crate::sharing::{Overview, Reach, SharingError};
use crate::store::{NameRefused, SaveProblem};
use crate::vault::{ExposeSecret as _, SecretString};

/// The recovery key [`FakePersistence`] hands back when it protects.
pub const FAKE_RECOVERY_KEY: &str =
    "AGE-SECRET-KEY-1FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE";

/// Persistence in memory, driven by a script.
#[derive(Debug, Default)]
pub struct FakePersistence {
    /// Every text asked to be saved, in order.
    pub requested: Vec<String>,
    /// The text of the last save that worked.
    pub on_disk: Option<String>,
    /// Results for the next saves, in order; when empty, saves work.
    pub script: VecDeque<Result<(), SaveProblem>>,
    /// Results not yet collected by `poll`.
    pending: VecDeque<Result<(), SaveProblem>>,
    /// Texts written as fallback copies.
    pub fallbacks: Vec<String>,
    /// Whether the fallback copy fails too.
    pub fallback_fails: bool,
    /// Partner profiles that can be read.
    pub partners: BTreeMap<String, Answers>,
    /// Per partner, the answers changed after the reveal the exchange link would hold.
    pub changes: BTreeMap<String, Vec<crate::revised::Change>>,
    /// Names a new profile cannot be started under, and why.
    pub taken: BTreeMap<String, NameRefused>,
    /// The profiles started, in order.
    pub opened: Vec<String>,
    /// What the sharing screen lists; share and withdraw change it.
    pub sharing: Overview,
    /// The next sharing operations' failures, in order; when empty, they work.
    pub sharing_fails: VecDeque<SharingError>,
    /// The profile's own public keys, once asked for (made then, as the real one does).
    pub own_keys: Option<PartnerKeys>,
    /// The partners' keys recorded by pairing.
    pub paired: BTreeMap<String, PartnerKeys>,
    /// The next pairing operations' failures, in order; when empty, they work.
    pub pair_fails: VecDeque<PairError>,
    /// The passphrase the new profile was protected with, if it was (tests only: a real
    /// persistence never keeps it).
    pub protected_with: Option<String>,
    /// Why the next protect fails, if it should.
    pub protect_fails: Option<String>,
    /// What happened, in order, shared so a test's own fakes (an editor) can add to it:
    /// "saved" when a save's result is collected, "paired NAME" when a code is recorded.
    pub journal: Rc<RefCell<Vec<String>>>,
}

impl FakePersistence {
    /// Makes the next `n` saves fail with `problem`.
    pub fn fail_next(&mut self, n: usize, problem: SaveProblem) {
        self.script.extend(std::iter::repeat_n(Err(problem), n));
    }
}

impl FakePersistence {
    /// Another profile on this computer on the sharing list, seeing or not.
    pub fn with_sharing_partner(mut self, name: &str, sees: bool) -> FakePersistence {
        self.sharing.partners.push(crate::sharing::Partner {
            name: name.to_string(),
            reach: Reach::ThisComputer { exists: true },
            sees,
        });
        self
    }

    fn set_sees(&mut self, partner: &str, sees: bool) -> Result<Overview, SharingError> {
        if let Some(e) = self.sharing_fails.pop_front() {
            return Err(e);
        }
        let what = if sees { "shared" } else { "withdrawn" };
        self.journal.borrow_mut().push(format!("{what} {partner}"));
        for p in &mut self.sharing.partners {
            if p.name == partner {
                p.sees = sees;
            }
        }
        Ok(self.sharing.clone())
    }
}

impl Persistence for FakePersistence {
    fn encode(&self, answers: &Answers, place: Option<&Place>) -> String {
        crate::store::encode(answers, place, "fake")
    }
    fn save(&mut self, snapshot: Snapshot) {
        let text = self.encode(&snapshot.answers, snapshot.place.as_ref());
        let result = self.script.pop_front().unwrap_or(Ok(()));
        if result.is_ok() {
            self.on_disk = Some(text.clone());
        }
        self.requested.push(text);
        self.pending.push_back(result);
    }
    fn poll(&mut self, _wait: Duration) -> Option<Result<(), SaveProblem>> {
        // Every save has finished at once; like the writer, the newest result counts.
        let last = self.pending.drain(..).next_back();
        if last.is_some() {
            self.journal.borrow_mut().push("saved".to_string());
        }
        last
    }
    fn busy(&self) -> bool {
        !self.pending.is_empty()
    }
    fn fallback(&mut self, text: &str) -> Result<PathBuf, String> {
        if self.fallback_fails {
            return Err("the fallback folder is not writable either".to_string());
        }
        self.fallbacks.push(text.to_string());
        Ok(PathBuf::from(format!("/fallback/{}", self.fallbacks.len())))
    }
    fn read_partner(&self, name: &str) -> Result<Answers, String> {
        self.partners
            .get(name)
            .cloned()
            .ok_or_else(|| format!("There is no profile named {name}."))
    }
    fn changes_with(&self, name: &str, _mine: &Answers, _theirs: &Answers) -> Vec<crate::revised::Change> {
        self.changes.get(name).cloned().unwrap_or_default()
    }
    fn open_profile(&mut self, name: &str) -> Result<(), NameRefused> {
        if let Some(why) = self.taken.get(name) {
            return Err(why.clone());
        }
        self.opened.push(name.to_string());
        Ok(())
    }
    fn protect(&mut self, passphrase: &SecretString) -> Result<SecretString, String> {
        if let Some(why) = self.protect_fails.take() {
            return Err(why);
        }
        self.protected_with = Some(passphrase.expose_secret().to_string());
        self.journal.borrow_mut().push("protected".to_string());
        Ok(SecretString::from(FAKE_RECOVERY_KEY.to_string()))
    }
    fn protected(&self) -> bool {
        self.protected_with.is_some()
    }
    fn sharing(&self) -> Result<Overview, SharingError> {
        Ok(self.sharing.clone())
    }
    fn share_with(&mut self, partner: &str, _answers: &Answers) -> Result<Overview, SharingError> {
        self.set_sees(partner, true)
    }
    fn stop_sharing(&mut self, partner: &str) -> Result<Overview, SharingError> {
        self.set_sees(partner, false)
    }
    fn own_code(&mut self) -> Result<PartnerKeys, PairError> {
        if let Some(e) = self.pair_fails.pop_front() {
            return Err(e);
        }
        if self.own_keys.is_none() {
            let made = OwnKeys::generate().map_err(|e| PairError::Keys(e.to_string()))?;
            self.own_keys = Some(made.public());
        }
        self.own_keys
            .clone()
            .ok_or_else(|| PairError::Keys("no keys".to_string()))
    }
    fn read_pairing(&mut self, partner: &str) -> Result<(PartnerKeys, Option<PartnerKeys>), PairError> {
        let mine = self.own_code()?;
        Ok((mine, self.paired.get(partner).cloned()))
    }
    fn pair_with(
        &mut self,
        partner: &str,
        keys: &PartnerKeys,
        replace: bool,
    ) -> Result<(Paired, Overview), PairError> {
        let mine = self.own_code()?.fingerprint();
        let outcome = local::judge(("me", partner), self.paired.get(partner), keys, replace)?;
        self.paired.insert(partner.to_string(), keys.clone());
        self.journal.borrow_mut().push(format!("paired {partner}"));
        let folder = Reach::Folder {
            folder: None,
            mine: Some(mine),
            theirs: Some(keys.fingerprint()),
        };
        match self.sharing.partners.iter_mut().find(|p| p.name == partner) {
            Some(p) => p.reach = folder,
            None => self.sharing.partners.push(crate::sharing::Partner {
                name: partner.to_string(),
                reach: folder,
                sees: false,
            }),
        }
        Ok((outcome, self.sharing.clone()))
    }
}
