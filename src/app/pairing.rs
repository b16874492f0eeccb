//! Pairing on the sharing screen (issue 21): this profile's pairing code to give, the
//! partner's to record, both fingerprints compared before anything is recorded, and a
//! changed key shown loudly and taken only when the partner's name is typed. Nothing is
//! read or written here: the keys come from the edge ([`Effect::OwnCode`],
//! [`Effect::ReadPairing`]) and so does recording ([`Effect::RecordPairing`]); the rule
//! for a changed key is [`local::judge`], the one `trustbook pair` follows.

use super::component::field::{Field, edit_line, line_field, text_area};
use super::screen::ScreenState;
use super::{Action, App, Edit, Effect, Go, Move, Notice, PairingRead};
use crate::editor::{Input, Key};
use crate::exchange::local::{self, PairError, Paired};
use crate::exchange::{PartnerKeys, keys::MAX_CODE_LEN};
use crate::sharing::{Overview, Reach};
use crate::store::validate_profile;

/// The longest partner name the field takes (a profile name is shorter still).
const MAX_NAME_CHARS: usize = 64;
/// The longest text the code field takes: a code with room for the spaces and line
/// breaks a copy brings along.
const MAX_CODE_FIELD: usize = 2 * MAX_CODE_LEN;

/// The pairing step the sharing screen is at.
#[derive(Debug)]
pub enum Pairing {
    /// This profile's code and fingerprint; `None` until the edge has read (or made) them.
    Mine(Option<PartnerKeys>),
    /// The partner's profile name and code being typed.
    Entering(Box<PairEntry>),
    /// A good code and nothing recorded for the partner yet: both fingerprints, asking y/N.
    Compare(Checked),
    /// A different key is recorded for the partner: the warning, and the field their name
    /// is typed into to replace it.
    Changed(Box<KeyChange>),
}

/// A partner's code that reads as one, with both fingerprints to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The partner's profile name (validated).
    pub partner: String,
    /// Their public keys, from the code.
    pub keys: PartnerKeys,
    /// This profile's fingerprint.
    pub mine: String,
}

/// The fields of the partner's name and code.
#[derive(Debug)]
pub struct PairEntry {
    /// The partner's profile name.
    pub name: Field,
    /// Their pairing code (wrapped over several rows; whitespace in it is ignored).
    pub code: Field,
    /// True while the code field has the keyboard (else the name's).
    pub on_code: bool,
    /// Why what was given cannot be used, until the next edit.
    pub problem: Option<PairProblem>,
}

/// The warning step for a key that differs from the one recorded.
#[derive(Debug)]
pub struct KeyChange {
    /// The new code, checked.
    pub checked: Checked,
    /// The fingerprint recorded before.
    pub old: String,
    /// Where the partner's name is typed to replace the key.
    pub typed: Field,
    /// True once Enter was pressed on something other than the partner's name.
    pub refused: bool,
}

/// Why the partner's name or code cannot be used: the screen words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairProblem {
    /// No name was given.
    NoName,
    /// Not a profile name (as given).
    BadName(String),
    /// This profile's own name.
    OwnName,
    /// No code was given.
    NoCode,
    /// The code cannot be used (the partner's name, and why).
    BadCode(String, String),
    /// More was typed or pasted than any code holds (the length it would have had).
    TooLong(usize),
    /// The keys could not be read or written (why).
    Keys(String),
}

impl Pairing {
    /// True while a field has the keyboard.
    pub fn is_typing(&self) -> bool {
        match self {
            Pairing::Entering(_) | Pairing::Changed(_) => true,
            Pairing::Mine(_) | Pairing::Compare(_) => false,
        }
    }
}

impl App {
    /// The pairing step on the sharing screen, if one is open.
    pub fn pairing(&self) -> Option<&Pairing> {
        let ScreenState::Sharing { pairing, .. } = &self.state else {
            return None;
        };
        pairing.as_deref()
    }

    fn pairing_mut(&mut self) -> Option<&mut Pairing> {
        let ScreenState::Sharing { pairing, .. } = &mut self.state else {
            return None;
        };
        pairing.as_deref_mut()
    }

    /// Opens a pairing step (taking back a question about sharing).
    fn set_pairing(&mut self, step: Option<Pairing>) {
        if let ScreenState::Sharing { pairing, confirm, .. } = &mut self.state {
            *confirm = None;
            *pairing = step.map(Box::new);
        }
    }

    /// `p` on the sharing screen: shows this profile's code, asking the edge for it.
    pub(super) fn show_my_code(&mut self, fx: &mut Vec<Effect>) {
        self.set_pairing(Some(Pairing::Mine(None)));
        fx.push(Effect::OwnCode);
    }

    /// `c`: the fields of the partner's name and code; the name is filled in when the
    /// selected partner is one on another computer.
    pub(super) fn enter_partner_code(&mut self) {
        let known = self
            .sharing_overview()
            .and_then(|o| o.partners.get(self.sharing_cursor()))
            .filter(|p| matches!(p.reach, Reach::Folder { .. }))
            .map(|p| p.name.clone());
        let entry = PairEntry {
            on_code: known.is_some(),
            name: line_field(known.as_deref().unwrap_or("")),
            code: text_area(""),
            problem: None,
        };
        self.set_pairing(Some(Pairing::Entering(Box::new(entry))));
    }

    /// A key while a pairing step is open: it takes every key until it is closed.
    pub(super) fn pairing_key(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let me = self.profile.clone();
        let Some(step) = self.pairing_mut() else {
            return;
        };
        if action == Action::Go(Go::Back) {
            let nothing = match step {
                Pairing::Mine(_) | Pairing::Entering(_) => None,
                Pairing::Compare(c) => Some(c.partner.clone()),
                Pairing::Changed(k) => Some(k.checked.partner.clone()),
            };
            self.set_pairing(None);
            self.notice = nothing.map(Notice::NotPaired);
            return;
        }
        match step {
            Pairing::Mine(_) => {
                if action == Action::Go(Go::PartnerCode) {
                    self.enter_partner_code();
                }
            }
            Pairing::Entering(entry) => match action {
                Action::Edit(edit) => entry_edit(entry, edit),
                Action::Move(Move::Up | Move::Down) => entry.on_code = !entry.on_code,
                Action::Move(Move::Select) => {
                    if let Some(effect) = entry_done(entry, &me) {
                        fx.push(effect);
                    }
                }
                Action::Move(_) | Action::Go(_) | Action::Event(_) | Action::Stroke(_) => {}
            },
            Pairing::Compare(checked) => {
                if action == Action::Go(Go::Pair) {
                    fx.push(Effect::RecordPairing {
                        partner: checked.partner.clone(),
                        keys: checked.keys.clone(),
                        replace: false,
                    });
                }
            }
            Pairing::Changed(change) => match action {
                Action::Edit(edit) => {
                    if bounded(&change.typed, &edit, MAX_NAME_CHARS) && edit_line(&mut change.typed, edit) {
                        change.refused = false;
                    }
                }
                // Only the partner's name, typed whole, replaces a key: never a bare Enter.
                Action::Move(Move::Select) if change.typed.text().trim() == change.checked.partner => {
                    fx.push(Effect::RecordPairing {
                        partner: change.checked.partner.clone(),
                        keys: change.checked.keys.clone(),
                        replace: true,
                    });
                }
                Action::Move(Move::Select) => change.refused = true,
                Action::Move(_) | Action::Go(_) | Action::Event(_) | Action::Stroke(_) => {}
            },
        }
    }

    /// The edge's answer to [`Effect::OwnCode`].
    pub(super) fn own_code_read(&mut self, result: Result<Box<PartnerKeys>, PairError>) {
        let Some(Pairing::Mine(shown)) = self.pairing_mut() else {
            return;
        };
        match result {
            Ok(keys) => *shown = Some(*keys),
            Err(e) => {
                self.set_pairing(None);
                self.notice = Some(Notice::PairFailed(e));
            }
        }
    }

    /// The edge's answer to [`Effect::ReadPairing`]: judged by the rule `trustbook pair`
    /// follows, it leads to the fingerprints, the warning of a changed key, or a notice.
    pub(super) fn pairing_read(&mut self, PairingRead { partner, keys, read }: PairingRead) {
        let me = self.profile.clone();
        let Some(Pairing::Entering(entry)) = self.pairing_mut() else {
            return;
        };
        let (mine, recorded) = match read {
            Ok(read) => read,
            Err(e) => {
                entry.problem = Some(PairProblem::Keys(e.to_string()));
                return;
            }
        };
        let checked = Checked {
            partner,
            keys,
            mine: mine.fingerprint(),
        };
        match local::judge((&me, &checked.partner), recorded.as_ref(), &checked.keys, false) {
            Ok(Paired::New | Paired::Replaced { .. }) => self.set_pairing(Some(Pairing::Compare(checked))),
            Ok(Paired::Same) => {
                self.set_pairing(None);
                self.notice = Some(Notice::Paired(checked.partner, Paired::Same));
            }
            Err(PairError::Changed { old, .. }) => self.warn_changed(checked, old),
            Err(PairError::WithItself) => entry.problem = Some(PairProblem::OwnName),
            Err(PairError::Keys(why)) => entry.problem = Some(PairProblem::Keys(why)),
        }
    }

    /// The warning step: a different key is recorded for the partner.
    fn warn_changed(&mut self, checked: Checked, old: String) {
        self.set_pairing(Some(Pairing::Changed(Box::new(KeyChange {
            checked,
            old,
            typed: line_field(""),
            refused: false,
        }))));
    }

    /// The edge's answer to [`Effect::RecordPairing`]: back to the list with a notice; a
    /// key recorded meanwhile by someone else is still never taken without the warning.
    pub(super) fn paired(&mut self, partner: String, result: Result<(Paired, Overview), PairError>) {
        match result {
            Ok((outcome, overview)) => {
                self.set_pairing(None);
                self.notice = Some(Notice::Paired(partner, outcome));
                self.sharing_answered(None, Ok(overview));
            }
            Err(PairError::Changed { old, .. }) => {
                if let Some(Pairing::Compare(checked)) = self.pairing() {
                    let checked = checked.clone();
                    self.warn_changed(checked, old);
                }
            }
            Err(e) => {
                self.set_pairing(None);
                self.notice = Some(Notice::PairFailed(e));
            }
        }
    }
}

/// True when `edit` keeps `field` within `max` characters (a paste or a key).
fn bounded(field: &Field, edit: &Edit, max: usize) -> bool {
    let adds = match edit {
        Edit::Paste(s) => s.chars().count(),
        Edit::Type(Input {
            key: Key::Char(_), ..
        }) => 1,
        _ => 0,
    };
    field.text().chars().count() + adds <= max
}

/// A typing key in the name or code field; too much is refused, saying so.
fn entry_edit(entry: &mut PairEntry, edit: Edit) {
    let (field, max) = if entry.on_code {
        (&mut entry.code, MAX_CODE_FIELD)
    } else {
        (&mut entry.name, MAX_NAME_CHARS)
    };
    if !bounded(field, &edit, max) {
        let adds = match &edit {
            Edit::Paste(s) => s.chars().count(),
            _ => 1,
        };
        entry.problem = Some(PairProblem::TooLong(field.text().chars().count() + adds));
        return;
    }
    let edit = match edit {
        // A profile name is lower case, as on the first run's question.
        Edit::Paste(s) if !entry.on_code => Edit::Paste(s.to_lowercase()),
        other => other,
    };
    if edit_line(field, edit) {
        entry.problem = None;
    }
}

/// Enter in the fields: from the name on to the code; with both, the code is read here
/// (pure) and the edge asked for what is recorded.
fn entry_done(entry: &mut PairEntry, me: &str) -> Option<Effect> {
    let name = entry.name.text().trim().to_lowercase();
    let problem = if name.is_empty() {
        Some(PairProblem::NoName)
    } else if validate_profile(&name).is_err() {
        Some(PairProblem::BadName(name.clone()))
    } else if name == me {
        Some(PairProblem::OwnName)
    } else {
        None
    };
    if let Some(p) = problem {
        entry.on_code = false;
        entry.problem = Some(p);
        return None;
    }
    let code = entry.code.text();
    if code.trim().is_empty() {
        entry.problem = (entry.on_code).then_some(PairProblem::NoCode);
        entry.on_code = true;
        return None;
    }
    entry.on_code = true;
    match PartnerKeys::from_code(&code) {
        Ok(keys) => {
            entry.problem = None;
            Some(Effect::ReadPairing(name, keys))
        }
        Err(e) => {
            entry.problem = Some(PairProblem::BadCode(name, e.to_string()));
            None
        }
    }
}
