//! The couple's shared lists (format 2 `shared = true`): a partner's later version is
//! the one in effect, never written into this person's answers.

use super::{Answer, Answers};
use crate::content::{Kind, Workbook};

impl Answers {
    /// Takes in a partner's versions of the workbook's shared lists (format 2 `shared =
    /// true`): each one changed later than this person's (and than any partner's taken
    /// before) becomes the version in effect, as [`Answers::get`] reads it. Private
    /// answers are never taken. This person's own version stays as it was, saved as it
    /// was, until they change the list, which makes theirs the latest again.
    pub fn take_shared(&mut self, wb: &Workbook, partner: &str, theirs: &Answers) {
        for ch in &wb.chapters {
            for ex in &ch.exercises {
                if !matches!(ex.kind, Kind::List { shared: true, .. }) {
                    continue;
                }
                let Some(a) = theirs.single.get(&ch.id).and_then(|c| c.get(&ex.id)) else {
                    continue;
                };
                if a.private || a.skipped {
                    continue;
                }
                let newest = self.get(&ch.id, &ex.id).map(|m| m.changed.as_str());
                if newest.is_none_or(|n| a.changed.as_str() > n) {
                    self.shared
                        .entry(ch.id.clone())
                        .or_default()
                        .insert(ex.id.clone(), (partner.to_string(), a.clone()));
                }
            }
        }
    }

    /// The partner whose version of a shared list is in effect, with that version, when it
    /// is a partner's rather than this person's.
    pub fn shared_from(&self, chapter: &str, exercise: &str) -> Option<(&str, &Answer)> {
        let (who, theirs) = self.shared.get(chapter)?.get(exercise)?;
        let mine = self.single.get(chapter).and_then(|c| c.get(exercise));
        mine.is_none_or(|m| m.changed < theirs.changed)
            .then_some((who.as_str(), theirs))
    }
}
