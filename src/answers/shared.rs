//! The couple's shared lists (format 2 `shared = true`): one list for both partners,
//! whoever typed it. A partner's later version is the one in effect, never written into
//! this person's answers.

use super::{Answer, Answers, Timestamp};
use crate::content::Workbook;

/// A partner's version of a shared list taken in ([`Answers::take_shared`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Taken {
    /// The partner's name.
    who: String,
    /// Their version.
    theirs: Answer,
    /// This person's own `changed` when it was taken: an own version dated later than
    /// the clock (a wrong clock, a hand edit) is not the latest while it stays unchanged.
    own_then: Option<String>,
}

/// True when `changed` can be taken as a list's latest version at `now`: a real time,
/// not after `now`. A version dated in the future would otherwise stay in effect for
/// ever, over every later edit.
pub fn believable(changed: &str, now: &str) -> bool {
    match (Timestamp::parse(changed), Timestamp::parse(now)) {
        (Some(at), Some(now)) => at <= now,
        (Some(_) | None, _) => false,
    }
}

impl Answers {
    /// Takes in a partner's versions of the workbook's shared lists (format 2 `shared =
    /// true`): each one changed later than this person's (and than any partner's taken
    /// before) becomes the version in effect, as [`Answers::get`] reads it. Private
    /// answers are never taken, nor a version dated after `now` or at no real time; an
    /// own version dated after `now` does not count as the latest either. This person's
    /// own version stays as it was, saved as it was, until they change the list, which
    /// makes theirs the latest again.
    pub fn take_shared(&mut self, wb: &Workbook, partner: &str, theirs: &Answers, now: &str) {
        for ch in &wb.chapters {
            for ex in &ch.exercises {
                if !ex.kind.as_list().is_some_and(|l| l.shared) {
                    continue;
                }
                let Some(a) = theirs.single.get(&ch.id).and_then(|c| c.get(&ex.id)) else {
                    continue;
                };
                if a.private || a.skipped || !believable(&a.changed, now) {
                    continue;
                }
                let own = self.single.get(&ch.id).and_then(|c| c.get(&ex.id));
                let newest = match self.shared.get(&ch.id).and_then(|c| c.get(&ex.id)) {
                    Some(t) => Some(t.theirs.changed.as_str()),
                    None => own.map(|m| m.changed.as_str()).filter(|c| believable(c, now)),
                };
                if newest.is_none_or(|n| a.changed.as_str() > n) {
                    let own_then = own.map(|m| m.changed.clone());
                    let taken = Taken {
                        who: partner.to_string(),
                        theirs: a.clone(),
                        own_then,
                    };
                    self.shared
                        .entry(ch.id.clone())
                        .or_default()
                        .insert(ex.id.clone(), taken);
                }
            }
        }
    }

    /// Takes from `from` each partner's version of a shared list that is in effect there,
    /// for a document of this person's own (the Markdown export) that has dropped
    /// everything not their own: the couple's list reads as the app shows it.
    pub fn keep_partners_lists(&mut self, from: &Answers) {
        for (chapter, lists) in &from.shared {
            for (exercise, taken) in lists {
                if from.shared_from(chapter, exercise).is_some() {
                    self.shared
                        .entry(chapter.clone())
                        .or_default()
                        .insert(exercise.clone(), taken.clone());
                }
            }
        }
    }

    /// The partner whose version of a shared list is in effect, with that version, when it
    /// is a partner's rather than this person's.
    pub fn shared_from(&self, chapter: &str, exercise: &str) -> Option<(&str, &Answer)> {
        let t = self.shared.get(chapter)?.get(exercise)?;
        let mine = self.single.get(chapter).and_then(|c| c.get(exercise));
        let unchanged = |m: &Answer| t.own_then.as_deref() == Some(m.changed.as_str());
        mine.is_none_or(|m| unchanged(m) || m.changed < t.theirs.changed)
            .then_some((t.who.as_str(), &t.theirs))
    }

    /// Who changed a shared list last and when (`None` for who: this person), for
    /// showing beside the couple's one list; `None` when nobody has written it.
    pub fn shared_changed(&self, chapter: &str, exercise: &str) -> Option<(Option<&str>, &str)> {
        if let Some((who, theirs)) = self.shared_from(chapter, exercise) {
            return Some((Some(who), theirs.changed.as_str()));
        }
        let mine = self.single.get(chapter)?.get(exercise)?;
        Some((None, mine.changed.as_str()))
    }

    /// Both sides of a comparison with the couple's one version of every shared list in
    /// effect, whoever typed it: each side takes in the other's (as far as shared: a
    /// private version is never taken). Borrowed when the workbook has no shared list.
    pub fn as_couple<'a>(
        wb: &Workbook,
        me: (&str, &'a Answers),
        partner: (&str, &'a Answers),
        now: &str,
    ) -> (std::borrow::Cow<'a, Answers>, std::borrow::Cow<'a, Answers>) {
        use std::borrow::Cow;
        if !wb.has_shared_lists() {
            return (Cow::Borrowed(me.1), Cow::Borrowed(partner.1));
        }
        let (mut mine, mut theirs) = (me.1.clone(), partner.1.clone());
        mine.take_shared(wb, partner.0, partner.1, now);
        theirs.take_shared(wb, me.0, me.1, now);
        (Cow::Owned(mine), Cow::Owned(theirs))
    }
}
