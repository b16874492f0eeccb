//! Dated entries of a chapter's repeated part: which one is open, starting one,
//! the entries screen (read, delete, restore) and what the welcome says is due.

use super::screen::{Screen, ScreenState};
use super::{App, Effect, Move, Notice};
use crate::answers::Status;
use crate::content::Rhythm;
use crate::entry::{Entry, Open};
use crate::week::Weeks;

/// A row of the entries screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    /// The entry's id.
    pub id: String,
    /// True for a deleted entry, listed after the others so it can be restored.
    pub deleted: bool,
}

/// Something a repeated part asks for, said on the welcome screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// This week's entry is not done yet.
    ThisWeek,
    /// The last entry was made this many days ago.
    Last(i64),
    /// No entry yet.
    First,
}

/// The question which week a check-in is about, asked on its first day's visit when
/// last week's check-in is unfinished (the grace window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekQuestion {
    /// The chapter whose check-in it is.
    pub chapter: usize,
    /// Last week's id: its check-in can still be done today.
    pub last: String,
    /// This week's id, open until the question is answered.
    pub this: String,
}

impl App {
    /// How weeks are counted now: in the computer's zone (passed in), from the day the
    /// couple set (Monday unless set).
    pub fn weeks(&self) -> Weeks {
        Weeks::new(self.zone.clone(), self.answers.week_start(self.now))
    }

    /// The question which week a check-in is about, while it is asked.
    pub fn week_question(&self) -> Option<&WeekQuestion> {
        self.week_question.as_ref()
    }

    /// The id of this week's check-in in chapter `c`: the kept week still running
    /// today, else the week starting on the couple's day.
    fn this_week(&self, c: usize) -> String {
        let ch = &self.workbook.chapters[c];
        let kept = self.answers.live_entries(&ch.id).map(Entry::day);
        self.weeks().id_among(self.now, kept)
    }

    /// Last week's id while a check-in of chapter `c` may still be about it: today is
    /// the first day of a new week, nothing is written in this week's yet, the part was
    /// begun before, and last week's check-in is not done (or was never made).
    fn grace_week(&self, c: usize) -> Option<String> {
        let ch = &self.workbook.chapters[c];
        if ch.repeat.as_ref()?.rhythm != Rhythm::Weekly {
            return None;
        }
        let this = self.this_week(c);
        let first = crate::date::parse(&this)?;
        if self.weeks().day_at(self.now) != first {
            return None;
        }
        let written = |e: &Entry| {
            e.answers
                .values()
                .any(|a| a.skipped || !crate::answers::value_is_empty(&a.value))
        };
        if self
            .answers
            .entry(&ch.id, &this)
            .is_some_and(|e| e.is_live() && written(e))
        {
            return None;
        }
        let before = self
            .answers
            .live_entries(&ch.id)
            .filter(|e| e.day() < first)
            .last()?;
        let yesterday = first - 1;
        if before.day() + 7 > yesterday {
            // Last week was kept: asked only while it is unfinished.
            return (!self.entry_done(c, before)).then(|| before.id.clone());
        }
        Some(crate::date::civil_from_days(self.weeks().start_of(yesterday)))
    }

    /// The entry a weekly check-in of chapter `c` opens: this week's; in the grace
    /// window the question which week it is about is asked over it.
    fn weekly_open(&mut self, c: usize) -> Open {
        let now = self.now.to_string();
        let this = self.this_week(c);
        self.week_question = self.grace_week(c).map(|last| WeekQuestion {
            chapter: c,
            last,
            this: this.clone(),
        });
        self.open_for(c, this, &now)
    }

    /// Answers the question which week the check-in is about: `last` files it under last
    /// week (not dated as an edit: its time is not over yet), else it stays this week's.
    pub(super) fn answer_week(&mut self, last: bool, fx: &mut Vec<Effect>) {
        let Some(q) = self.week_question.take() else {
            return;
        };
        if !last {
            return;
        }
        let now = self.now.to_string();
        let open = self.open_for(q.chapter, q.last, &now);
        let id = self.workbook.chapters[q.chapter].id.clone();
        self.answers.close_entry(&id);
        self.answers.open_entry(&id, open);
        // The exercise on screen is built again from last week's answer.
        if let Screen::Exercise(c, e) = self.screen() {
            self.go_to(Screen::Exercise(c, e), fx);
        }
    }

    /// The trends of chapter `c`'s repeated part, for the entries screen: one series per
    /// scale and rated item with a value, the rated items in the list's order.
    pub(super) fn entries_trends(&self, c: usize) -> crate::entry::Trends {
        let Some(ch) = self.workbook.chapters.get(c) else {
            return crate::entry::Trends::default();
        };
        // Past ratings under the wording their items have now, so a trend follows an item.
        let shown = self.answers.in_current_words(&self.workbook);
        let live: Vec<&Entry> = shown.live_entries(&ch.id).collect();
        // Rated items in the order the exercise asks them (a list's order, not the
        // alphabetical order the ratings are stored in), then any others.
        let mut resolved = ch.clone();
        for ex in &mut resolved.exercises {
            if let std::borrow::Cow::Owned(kind) = self.answers.resolved_kind(&ex.kind) {
                ex.kind = kind;
            }
        }
        crate::entry::Trends {
            series: crate::entry::series(&resolved, &live),
            days: live.iter().map(|e| e.day()).collect(),
            weekly: ch.repeat.as_ref().is_some_and(|r| r.rhythm == Rhythm::Weekly),
        }
    }

    /// The trends on the entries screen (none elsewhere) and how they are scrolled.
    pub fn trends(&self) -> Option<(&crate::entry::Trends, &super::Viewport)> {
        let ScreenState::Entries {
            trends, trend_view, ..
        } = &self.state
        else {
            return None;
        };
        Some((trends, trend_view))
    }

    /// Works the trends out again after the entries changed (a delete, a restore).
    fn refresh_trends(&mut self) {
        if let ScreenState::Entries { chapter, .. } = self.state {
            let fresh = self.entries_trends(chapter);
            if let ScreenState::Entries { trends, .. } = &mut self.state {
                *trends = fresh;
            }
        }
    }

    /// Makes the couple's weeks start one day later, from now on (a week already kept
    /// runs to its end first); it goes with this profile's share, so the partner's app
    /// files check-ins alike.
    pub(super) fn next_week_start(&mut self, fx: &mut Vec<Effect>) {
        let next = self.answers.week_start(self.now).next();
        self.answers.set_week_start(next, self.now.to_string());
        self.notice = Some(super::Notice::WeekStarts(next));
        fx.push(Effect::Save);
    }

    /// The chapter whose entries a key would open: the one on screen, or selected.
    fn entries_chapter(&self) -> Option<usize> {
        let c = match &self.state {
            ScreenState::Intro { chapter, .. }
            | ScreenState::Exercise { chapter, .. }
            | ScreenState::Entries { chapter, .. } => *chapter,
            ScreenState::Contents { .. } => match self.contents_rows().get(self.contents_cursor()) {
                Some(super::ContentsRow::Chapter(c) | super::ContentsRow::Exercise(c, _)) => *c,
                Some(super::ContentsRow::Closing) | None => return None,
            },
            ScreenState::Name { .. }
            | ScreenState::Protect { .. }
            | ScreenState::Welcome { .. }
            | ScreenState::Closing { .. }
            | ScreenState::Review { .. }
            | ScreenState::Compare { .. }
            | ScreenState::Sharing { .. } => return None,
        };
        self.workbook.chapters.get(c)?.repeat.as_ref().map(|_| c)
    }

    /// True when a key to open entries has something to open here.
    pub fn has_entries_here(&self) -> bool {
        self.entries_chapter().is_some()
    }

    /// The entry open in chapter `c`, if one is.
    pub fn open_entry(&self, c: usize) -> Option<&Open> {
        let ch = self.workbook.chapters.get(c)?;
        self.answers.route_of(&ch.id)?.open.as_ref()
    }

    /// Opens the latest entry of chapter `c` when exercise `e` is a repeated one: what the
    /// review shows of it, so editing it there edits that entry (dated if its time has
    /// passed). Nothing happens without an entry: the visit opens the one due.
    pub(super) fn open_latest_entry(&mut self, c: usize, e: usize) {
        let Some(ch) = self.workbook.chapters.get(c) else {
            return;
        };
        let (Some(repeat), Some(ex)) = (&ch.repeat, ch.exercises.get(e)) else {
            return;
        };
        if !ch.is_repeated(&ex.id) {
            return;
        }
        let Some(last) = self.answers.live_entries(&ch.id).last() else {
            return;
        };
        let open = Open {
            id: last.id.clone(),
            started: last.started.clone(),
            old: !self.is_current(c, repeat.rhythm, &last.id),
        };
        let id = ch.id.clone();
        self.answers.open_entry(&id, open);
    }

    /// True when entry `id` of chapter `c` is the one being kept now (this week's, or the
    /// latest record): changing it needs no date of its own.
    fn is_current(&self, c: usize, rhythm: Rhythm, id: &str) -> bool {
        match rhythm {
            Rhythm::Weekly => self.this_week(c) == id || self.grace_week(c).is_some_and(|w| w == id),
            Rhythm::Entries => {
                let ch = &self.workbook.chapters[c];
                self.answers
                    .live_entries(&ch.id)
                    .last()
                    .is_some_and(|e| e.id == id)
            }
        }
    }

    /// The rhythm and id of chapter `c`, when it has a repeated part.
    fn repeat_of(&self, c: usize) -> Option<(Rhythm, String)> {
        let ch = self.workbook.chapters.get(c)?;
        Some((ch.repeat.as_ref()?.rhythm, ch.id.clone()))
    }

    /// Makes sure the repeated exercises of chapter `c` have an entry open: this week's,
    /// or the latest entry while it is unfinished, else a new one.
    pub(super) fn ensure_entry_open(&mut self, c: usize) {
        let Some((rhythm, id)) = self.repeat_of(c) else {
            return;
        };
        if self.open_entry(c).is_some() {
            return;
        }
        let now = self.now.to_string();
        let open = match rhythm {
            Rhythm::Weekly => self.weekly_open(c),
            Rhythm::Entries => match self.answers.live_entries(&id).last() {
                Some(last) if !self.entry_done(c, last) => Open {
                    id: last.id.clone(),
                    started: last.started.clone(),
                    old: false,
                },
                Some(_) | None => self.fresh_entry(c, &now),
            },
        };
        self.answers.open_entry(&id, open);
    }

    /// The open form of entry `id` of chapter `c`: the existing one, or a new one.
    fn open_for(&self, c: usize, id: String, now: &str) -> Open {
        let ch = &self.workbook.chapters[c];
        let started = self
            .answers
            .entry(&ch.id, &id)
            .map_or_else(|| now.to_string(), |e| e.started.clone());
        Open {
            id,
            started,
            old: false,
        }
    }

    /// A new entry of chapter `c` started `now`, its id made unique.
    fn fresh_entry(&self, c: usize, now: &str) -> Open {
        let ch = &self.workbook.chapters[c];
        let mut id = now.to_string();
        let mut n = 2;
        while self.answers.entry(&ch.id, &id).is_some() {
            id = format!("{now}-{n}");
            n += 1;
        }
        Open {
            id,
            started: now.to_string(),
            old: false,
        }
    }

    /// True when every repeated exercise of chapter `c` is done in `entry`.
    pub fn entry_done(&self, c: usize, entry: &Entry) -> bool {
        let (done, total) = self.entry_progress(c, entry);
        done == total
    }

    /// (done, total) of the repeated exercises of chapter `c` in `entry`.
    pub fn entry_progress(&self, c: usize, entry: &Entry) -> (usize, usize) {
        let ch = &self.workbook.chapters[c];
        self.progress_in(c, &self.answers.as_of(&ch.id, entry))
    }

    /// The entries list's words for `entry` of chapter `c`: its (done, total) and the
    /// line saying what it holds, worked out from one copy of the answers as it saw them.
    pub fn entry_line(&self, c: usize, entry: &Entry) -> ((usize, usize), String) {
        let ch = &self.workbook.chapters[c];
        self.entry_line_in(c, entry, &self.answers.as_of(&ch.id, entry))
    }

    /// [`App::entry_line`] from `probe`, the answers as `entry` saw them (from
    /// [`crate::answers::Answers::as_of_each`], so the answers given once, a long list
    /// among them, are copied once a frame, not once a row).
    pub fn entry_line_in(
        &self,
        c: usize,
        entry: &Entry,
        probe: &crate::answers::Answers,
    ) -> ((usize, usize), String) {
        (self.progress_in(c, probe), self.summary_in(c, entry, probe))
    }

    /// (done, total) of the repeated exercises of chapter `c` in `probe`, the answers
    /// as one entry saw them.
    fn progress_in(&self, c: usize, probe: &crate::answers::Answers) -> (usize, usize) {
        let ch = &self.workbook.chapters[c];
        let Some(repeat) = &ch.repeat else {
            return (0, 0);
        };
        let exercises: Vec<_> = ch
            .exercises
            .iter()
            .filter(|e| repeat.exercises.contains(&e.id) && e.takes_answer())
            // As in the chapter's progress: an optional exercise counts once answered.
            .filter(|e| !(e.optional && probe.get(&ch.id, &e.id).is_none()))
            .collect();
        let done = exercises
            .iter()
            .filter(|e| probe.status(&ch.id, e) == Status::Done)
            .count();
        (done, exercises.len())
    }

    /// One line saying what an entry of chapter `c` holds, for the entries list: the
    /// first line of its first answer in exercise order (a text's opening words, a
    /// scale's value), or nothing when it is empty.
    pub fn entry_summary(&self, c: usize, entry: &Entry) -> String {
        let ch = &self.workbook.chapters[c];
        self.summary_in(c, entry, &self.answers.as_of(&ch.id, entry))
    }

    /// [`App::entry_summary`] from `probe`, the answers as `entry` saw them.
    fn summary_in(&self, c: usize, entry: &Entry, probe: &crate::answers::Answers) -> String {
        let ch = &self.workbook.chapters[c];
        for ex in ch.exercises.iter().filter(|e| ch.is_repeated(&e.id)) {
            let Some(a) = entry.answers.get(&ex.id).filter(|a| !a.skipped) else {
                continue;
            };
            if crate::answers::value_is_empty(&a.value) {
                continue;
            }
            let unit = |v: i64| crate::content::with_unit(v, ex.kind.unit());
            let line = if let Some(value) = a.value.as_scale() {
                format!("{}: {}", ex.title, unit(value))
            } else if let Some((ratings, _)) = a.value.as_ratings() {
                // In the order the exercise asks them, then any others.
                let items = probe.rating_items(&ex.kind);
                let ordered = items.iter().filter_map(|i| ratings.get(i));
                // A set: a scan of a long list per rating is quadratic.
                let listed: std::collections::HashSet<&String> = items.iter().collect();
                let rest = ratings
                    .iter()
                    .filter(|(k, _)| !listed.contains(k))
                    .map(|(_, v)| v);
                let values: Vec<String> = ordered.chain(rest).map(|v| unit(*v)).collect();
                format!("{}: {}", ex.title, values.join(", "))
            } else {
                let kind = probe.resolved_kind(&ex.kind);
                let lines = crate::present::plain_lines(&crate::present::pieces(Some(&kind), &a.value), None);
                match lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()) {
                    Some(first) => first.to_string(),
                    None => continue,
                }
            };
            return self.with_score(c, entry, line);
        }
        self.with_score(c, entry, String::new())
    }

    /// An entry's summary followed by its first score that has a value.
    fn with_score(&self, c: usize, entry: &Entry, line: String) -> String {
        let ch = &self.workbook.chapters[c];
        let score = ch
            .exercises
            .iter()
            .filter(|e| ch.is_repeated(&e.id))
            .find_map(|ex| {
                let score = ex.kind.as_score()?;
                match crate::present::score::compute(score, ch, |id| entry.answers.get(id)) {
                    crate::present::score::Outcome::Value { value, .. } => {
                        let mut s = format!("{}: {}", ex.title, crate::present::score::number(score, value));
                        if let Some(b) = score.band(value) {
                            s.push_str(&format!(" ({})", b.label));
                        }
                        Some(s)
                    }
                    crate::present::score::Outcome::Missing(_) => None,
                }
            });
        match (line.is_empty(), score) {
            (_, None) => line,
            (true, Some(s)) => s,
            (false, Some(s)) => format!("{line} · {s}"),
        }
    }

    /// Rows of the entries screen: live entries newest first, then deleted ones.
    pub fn entry_rows(&self) -> Vec<EntryRow> {
        let Some(c) = self.entries_chapter() else {
            return Vec::new();
        };
        let id = &self.workbook.chapters[c].id;
        let all = self.answers.entries.get(id).map_or(&[][..], Vec::as_slice);
        let live = all.iter().rev().filter(|e| e.is_live());
        let gone = all.iter().rev().filter(|e| !e.is_live());
        live.map(|e| (e, false))
            .chain(gone.map(|e| (e, true)))
            .map(|(e, deleted)| EntryRow {
                id: e.id.clone(),
                deleted,
            })
            .collect()
    }

    /// Selected row of the entries screen (0 elsewhere).
    pub fn entries_cursor(&self) -> usize {
        if let ScreenState::Entries { cursor, .. } = &self.state {
            *cursor
        } else {
            0
        }
    }

    /// True while the entries screen asks whether to delete, or to share an entry whole.
    pub fn entries_confirming(&self) -> bool {
        matches!(
            self.state,
            ScreenState::Entries {
                confirm_delete: true,
                ..
            } | ScreenState::Entries {
                confirm_share: true,
                ..
            }
        )
    }

    /// True while the entries screen asks whether to share the selected entry whole.
    pub fn entries_confirming_share(&self) -> bool {
        matches!(
            self.state,
            ScreenState::Entries {
                confirm_share: true,
                ..
            }
        )
    }

    /// Takes back the question whether to delete or share.
    pub(super) fn cancel_delete(&mut self) {
        if let ScreenState::Entries {
            confirm_delete,
            confirm_share,
            ..
        } = &mut self.state
        {
            *confirm_delete = false;
            *confirm_share = false;
        }
    }

    /// Asks, then shares the selected entry whole: every answer in it not private, and
    /// nothing else (what it rates from a private list stays private with that list).
    /// Says what it did; `u` puts the marks back.
    pub(super) fn share_entry(&mut self, fx: &mut Vec<Effect>) {
        let rows = self.entry_rows();
        let now = self.now.to_string();
        let ScreenState::Entries {
            chapter,
            cursor,
            confirm_share,
            confirm_delete,
            shared_undo,
            ..
        } = &mut self.state
        else {
            return;
        };
        let Some(row) = rows.get(*cursor).filter(|r| !r.deleted) else {
            return;
        };
        *confirm_delete = false;
        if !*confirm_share {
            *confirm_share = true;
            return;
        }
        *confirm_share = false;
        let id = self.workbook.chapters[*chapter].id.clone();
        let before = self.answers.share_entry(&id, &row.id, &now);
        if before.is_empty() {
            self.notice = Some(Notice::EntryShared(0));
            return;
        }
        self.notice = Some(Notice::EntryShared(before.len()));
        *shared_undo = Some(super::SharedEntry {
            entry: row.id.clone(),
            before,
        });
        fx.push(Effect::Save);
    }

    /// Puts back the marks of the entry last shared whole on this screen.
    fn unshare_entry(&mut self, fx: &mut Vec<Effect>) {
        let ScreenState::Entries {
            chapter, shared_undo, ..
        } = &mut self.state
        else {
            return;
        };
        let Some(undo) = shared_undo.take() else {
            self.notice = Some(Notice::NothingToUndo);
            return;
        };
        let id = self.workbook.chapters[*chapter].id.clone();
        let n = self.answers.put_marks_back(&id, &undo.entry, &undo.before);
        self.notice = Some(Notice::EntryShareUndone(n));
        fx.push(Effect::Save);
    }

    /// Opens the entries screen of the chapter on screen or selected.
    pub(super) fn open_entries(&mut self, fx: &mut Vec<Effect>) {
        if let Some(c) = self.entries_chapter() {
            self.close_entries();
            self.go_to(Screen::Entries(c), fx);
        }
    }

    /// Closes every open entry, so that the next visit opens the one that is due.
    pub(super) fn close_entries(&mut self) {
        let ids: Vec<String> = self.workbook.chapters.iter().map(|c| c.id.clone()).collect();
        for id in ids {
            self.answers.close_entry(&id);
        }
    }

    /// Starts the entry due in chapter `c` (this week's, or a new one) at its first
    /// repeated exercise. With `resume` (the welcome's line of what is due), an
    /// `entries` part continues its last entry while it is unfinished, as a visit does;
    /// `n` on the entries screen always starts a new one.
    pub(super) fn start_due(&mut self, c: usize, resume: bool, fx: &mut Vec<Effect>) {
        let Some((rhythm, id)) = self.repeat_of(c) else {
            return;
        };
        let now = self.now.to_string();
        let open = match rhythm {
            Rhythm::Weekly => self.weekly_open(c),
            Rhythm::Entries => match self.answers.live_entries(&id).last() {
                Some(last) if resume && !self.entry_done(c, last) => Open {
                    id: last.id.clone(),
                    started: last.started.clone(),
                    old: false,
                },
                Some(_) | None => self.fresh_entry(c, &now),
            },
        };
        self.enter_entry(c, open, fx);
    }

    /// Opens `open` in chapter `c` and goes to its first repeated exercise.
    fn enter_entry(&mut self, c: usize, open: Open, fx: &mut Vec<Effect>) {
        let ch = &self.workbook.chapters[c];
        let Some(repeat) = &ch.repeat else {
            return;
        };
        let first = ch.exercises.iter().position(|e| repeat.exercises.contains(&e.id));
        let id = ch.id.clone();
        let from_list = matches!(self.screen(), Screen::Entries(_));
        self.answers.open_entry(&id, open);
        if let Some(e) = first {
            self.go_to(Screen::Exercise(c, e), fx);
            // Esc leads back to the list the entry was picked or started from.
            if from_list {
                self.from_entries = Some(c);
            }
        }
    }

    /// A new entry from the entries screen (this week's for a weekly part).
    pub(super) fn new_entry(&mut self, fx: &mut Vec<Effect>) {
        if let Some(c) = self.entries_chapter() {
            self.start_due(c, false, fx);
        }
    }

    /// Asks, then deletes the selected entry (kept in the file, out of sight).
    pub(super) fn delete_entry(&mut self, fx: &mut Vec<Effect>) {
        let rows = self.entry_rows();
        let ScreenState::Entries {
            chapter,
            cursor,
            confirm_delete,
            ..
        } = &mut self.state
        else {
            return;
        };
        let Some(row) = rows.get(*cursor).filter(|r| !r.deleted) else {
            return;
        };
        if !*confirm_delete {
            *confirm_delete = true;
            return;
        }
        *confirm_delete = false;
        let id = self.workbook.chapters[*chapter].id.clone();
        self.answers.set_deleted(&id, &row.id, Some(self.now.to_string()));
        self.refresh_trends();
        fx.push(Effect::Save);
    }

    /// Restores the selected deleted entry; on a live one, puts back the marks of the
    /// entry last shared whole.
    pub(super) fn restore_entry(&mut self, fx: &mut Vec<Effect>) {
        let rows = self.entry_rows();
        let ScreenState::Entries { chapter, cursor, .. } = &self.state else {
            return;
        };
        let Some(row) = rows.get(*cursor).filter(|r| r.deleted) else {
            self.unshare_entry(fx);
            return;
        };
        let id = self.workbook.chapters[*chapter].id.clone();
        self.answers.set_deleted(&id, &row.id, None);
        self.refresh_trends();
        fx.push(Effect::Save);
    }

    /// A move on the entries screen: select a row; Enter opens it to read or edit.
    pub(super) fn entries_move(&mut self, m: Move, fx: &mut Vec<Effect>) {
        let rows = self.entry_rows();
        let ScreenState::Entries {
            chapter,
            cursor,
            confirm_delete,
            confirm_share,
            trend_view,
            ..
        } = &mut self.state
        else {
            return;
        };
        *confirm_delete = false;
        *confirm_share = false;
        // The page keys and the wheel scroll the trends, a whole page of them at a time.
        let page = i32::from(trend_view.page());
        match m {
            Move::PageDown => return trend_view.scroll_by(page),
            Move::PageUp => return trend_view.scroll_by(-page),
            Move::ScrollDown => return trend_view.scroll_by(1),
            Move::ScrollUp => return trend_view.scroll_by(-1),
            Move::Up | Move::Down | Move::Left | Move::Right | Move::First | Move::Last => {}
            Move::Select | Move::Toggle => {}
        }
        if let Some(to) = super::component::moved(*cursor, m, rows.len()) {
            *cursor = to;
            return;
        }
        let c = *chapter;
        match m {
            Move::Select => {
                let Some(row) = rows.get(*cursor).filter(|r| !r.deleted) else {
                    return;
                };
                let ch = &self.workbook.chapters[c];
                let Some(repeat) = &ch.repeat else {
                    return;
                };
                let Some(entry) = self.answers.entry(&ch.id, &row.id) else {
                    return;
                };
                // An entry whose time has passed is edited on purpose, and dated.
                let open = Open {
                    id: entry.id.clone(),
                    started: entry.started.clone(),
                    old: !self.is_current(c, repeat.rhythm, &entry.id),
                };
                self.enter_entry(c, open, fx);
            }
            Move::Up
            | Move::Down
            | Move::Left
            | Move::Right
            | Move::First
            | Move::Last
            | Move::Toggle
            | Move::ScrollUp
            | Move::ScrollDown
            | Move::PageUp
            | Move::PageDown => {}
        }
    }

    /// What each repeated part asks for now, by chapter, for the welcome screen: only
    /// for parts already begun (an entry made, or the chapter reached).
    pub fn due(&self) -> Vec<(usize, Due)> {
        let today = self.weeks().day_at(self.now);
        let mut out = Vec::new();
        for (c, ch) in self.workbook.chapters.iter().enumerate() {
            let Some(repeat) = &ch.repeat else {
                continue;
            };
            let last = self.answers.live_entries(&ch.id).last();
            let reached = self.resume.as_ref().is_some_and(|p| {
                let at = self.workbook.chapters.iter().position(|x| x.id == p.chapter);
                at.is_some_and(|at| at >= c)
            });
            let due = match (repeat.rhythm, last) {
                (_, None) if !reached => continue,
                (_, None) => Due::First,
                (Rhythm::Weekly, Some(e)) => {
                    let this = self.this_week(c);
                    if e.id == this && self.entry_done(c, e) {
                        continue;
                    }
                    Due::ThisWeek
                }
                (Rhythm::Entries, Some(e)) => Due::Last(today - e.day()),
            };
            out.push((c, due));
        }
        out
    }
}
