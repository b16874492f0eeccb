//! Two partners' answers side by side, fairly: the blind-until-both-answered
//! rule and private answers, as pure logic, and the plain-text rendering used
//! by `trustbook compare`.
//!
//! The rules, as built:
//! - An answer is *shared* when it is done (as the contents screen counts it:
//!   a list with its minimum number of items, a choice with its "other" text,
//!   ...), not marked private and not skipped.
//! - Both answers to an exercise are shown only when both are shared.
//!   Otherwise neither is: a [`Comparison`] does not even hold the hidden
//!   text, so no screen built on it can leak it.
//! - The partner's side has two states only: shared, or not shared. Whether
//!   they have not answered, only begun, skipped, left an optional exercise
//!   empty or kept it private reads the same: knowing that a partner wrote
//!   something and hid it is itself a disclosure. "Not needed" (their `when`)
//!   shows only once I have answered the exercise that decides it, as that
//!   answer of theirs is revealed then too; before, it reads as not shared.
//! - Nothing counts the partner's answers that are not shared: a running total
//!   of "waiting on sam" reads as a scoreboard, and grows with every week.
//! - My own side says where I stand (skipped, left empty, kept private), as it
//!   is read from my own answers.
//! - Answers to exercises the workbook no longer has are not compared.

use unicode_width::UnicodeWidthStr;

use crate::answers::{Answers, Status};
use crate::content::{Chapter, Exercise, Rhythm, Workbook};
use crate::entry::Entry;
use crate::present::{self, Piece, words};

/// Text width from which `render_text` puts the answers in two columns: an
/// 80-column terminal, less the blank column the app keeps each side.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 78;

/// Where one partner stands on one exercise. There is deliberately no
/// "private": a private answer is [`Share::NotAnswered`]; and the partner's side
/// only ever holds [`Share::Shared`], [`Share::NotAnswered`] or a revealed
/// [`Share::NotNeeded`] (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// Answered and not private.
    Shared,
    /// Not answered yet, only begun, or marked private.
    NotAnswered,
    /// Marked skipped (format 2): nothing to wait for, nothing shown.
    Skipped,
    /// An optional exercise left empty: nothing to wait for.
    LeftEmpty,
    /// Not offered to this person: their answer to its `when` says it is not needed.
    NotNeeded,
    /// Not shared on an exercise that starts private (format 2): nothing to wait
    /// for, and, as with any private answer, no telling whether anything was written.
    Personal,
}

/// What a row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowView {
    /// Both partners have shared an answer: both are shown.
    Both {
        /// My answer.
        me: Vec<Piece>,
        /// My partner's answer.
        partner: Vec<Piece>,
    },
    /// At least one has not: neither answer is shown, only where each stands
    /// (never both [`Share::Shared`]).
    Hidden {
        /// Where I stand.
        me: Share,
        /// Where my partner stands.
        partner: Share,
    },
}

/// One exercise in the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The exercise id.
    pub exercise_id: String,
    /// The exercise title.
    pub title: String,
    /// The exercise prompt.
    pub prompt: String,
    /// What it shows.
    pub view: RowView,
    /// My own answer is there but marked private: set only by
    /// [`Comparison::for_owner`], for the owner's own eyes.
    pub mine_private: bool,
}

/// One chapter's rows, or one week's of a chapter's weekly part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterRows {
    /// The chapter id.
    pub id: String,
    /// The chapter's number in the workbook, from 1.
    pub number: usize,
    /// The chapter title, or for a week "title: check-in, week of ...".
    pub title: String,
    /// The week (its entry id) these rows compare, for a weekly part.
    pub week: Option<String>,
    /// One row per exercise, in order.
    pub rows: Vec<Row>,
}

/// Counts over all exercises.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Exercises in the workbook.
    pub total: usize,
    /// Exercises both have shared, shown side by side.
    pub shown: usize,
    /// Exercises I have not answered yet (or keep private).
    pub waiting_on_me: usize,
    /// Of `waiting_on_me`, those I keep private: only in [`Comparison::for_owner`].
    pub mine_private: usize,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The workbook title.
    pub title: String,
    /// My profile name.
    pub me: String,
    /// My partner's profile name.
    pub partner: String,
    /// Chapters in order.
    pub chapters: Vec<ChapterRows>,
    /// Counts.
    pub summary: Summary,
    /// Answers changed after the reveal, shown after the chapters (see [`crate::revised`]).
    pub revised: Vec<crate::revised::Revised>,
}

/// Where one person stands on one exercise: a private answer is not answered.
fn share(answers: &Answers, chapter: &str, ex: &Exercise) -> Share {
    match answers.get(chapter, &ex.id) {
        // Private first: nothing of a private answer shows, not even that it was skipped.
        Some(a) if a.private && ex.private => Share::Personal,
        Some(a) if a.private => Share::NotAnswered,
        Some(a) if a.skipped => Share::Skipped,
        // "Not needed" would tell what a private deciding answer was.
        _ if answers.not_needed(chapter, ex) && !decided_privately(answers, chapter, ex) => Share::NotNeeded,
        Some(a) if !a.private && answers.status(chapter, ex) == Status::Done => Share::Shared,
        Some(a) if ex.optional && !a.private && crate::answers::value_is_empty(&a.value) => Share::LeftEmpty,
        None if ex.optional => Share::LeftEmpty,
        _ if ex.private => Share::Personal,
        _ => Share::NotAnswered,
    }
}

/// The partner's standing as I may know it: shared or not, and "not needed" only once
/// my own answer to what decides it is shared (their deciding answer shows then too).
fn as_seen(theirs: Share, me: &Answers, chapter: &str, ex: &Exercise) -> Share {
    let decided_by_me = || {
        ex.when.as_ref().is_some_and(|w| {
            me.get(chapter, &w.exercise)
                .is_some_and(|a| !a.private && !a.skipped && !crate::answers::value_is_empty(&a.value))
        })
    };
    match theirs {
        Share::Shared => Share::Shared,
        Share::NotNeeded if decided_by_me() => Share::NotNeeded,
        Share::NotNeeded | Share::NotAnswered | Share::Skipped | Share::LeftEmpty | Share::Personal => {
            Share::NotAnswered
        }
    }
}

/// True when the answer that decides `ex`'s condition is private.
fn decided_privately(answers: &Answers, chapter: &str, ex: &Exercise) -> bool {
    ex.when
        .as_ref()
        .and_then(|w| answers.get(chapter, &w.exercise))
        .is_some_and(|a| a.private)
}

/// Compares two profiles' answers under the rules in the module docs.
/// `me` and `partner` are (profile name, answers).
///
/// A weekly part is compared week by week, newest first, each week under the same
/// blind rule: a week's answers show only when both have answered that week. Parts
/// made of entries whenever one starts them (thought records) are personal and are
/// not compared.
pub fn compare(wb: &Workbook, me: (&str, &Answers), partner: (&str, &Answers)) -> Comparison {
    compare_week(wb, me, partner, None)
}

/// [`compare_at`] with no clock: a shared list's version at any real time may be the
/// latest.
pub fn compare_week(
    wb: &Workbook,
    me: (&str, &Answers),
    partner: (&str, &Answers),
    only: Option<&str>,
) -> Comparison {
    compare_at(
        wb,
        me,
        partner,
        only,
        &crate::answers::Timestamp::from_secs(crate::answers::LAST_SECOND).to_string(),
    )
}

/// [`compare`], with weekly parts limited to the week `only` (its Monday,
/// `YYYY-MM-DD`) when given; the counts are those of what is compared. Both sides rate
/// against the couple's one version of each shared list, the latest not after `now`.
pub fn compare_at(
    wb: &Workbook,
    me: (&str, &Answers),
    partner: (&str, &Answers),
    only: Option<&str>,
    now: &str,
) -> Comparison {
    let (me_one, partner_one) = Answers::as_couple(wb, me, partner, now);
    // Ratings of a private list's items are private with it, on both sides.
    let (me_all, partner_all) = (
        me_one.with_private_sources(wb),
        partner_one.with_private_sources(wb),
    );
    // Past ratings under the wording the couple's list has now, on both sides.
    let (me_all, partner_all) = (me_all.in_current_words(wb), partner_all.in_current_words(wb));
    let (me, partner) = ((me.0, &me_all), (partner.0, &partner_all));
    let mut summary = Summary::default();
    let mut chapters = Vec::new();
    for (n, ch) in wb.chapters.iter().enumerate() {
        let weekly = ch.repeat.as_ref().filter(|r| r.rhythm == Rhythm::Weekly);
        let mut weeks = pair_weeks(&week_days(me.1, &ch.id), &week_days(partner.1, &ch.id));
        weeks.retain(|(m, t)| only.is_none_or(|o| *m == Some(o) || *t == Some(o)));
        // With weeks to show, the closing reflection comes after them, as it is asked.
        let reflection_last = weekly.is_some() && !weeks.is_empty();
        let once = |last: bool| {
            ch.exercises.iter().filter(move |ex| {
                (ex.takes_answer() || ex.kind.as_score().is_some())
                    && !ch.is_repeated(&ex.id)
                    && (reflection_last && ex.is_reflection()) == last
            })
        };
        chapters.push(ChapterRows {
            id: ch.id.clone(),
            number: n + 1,
            title: ch.title.clone(),
            week: None,
            rows: once(false)
                .map(|ex| row(&mut summary, ch, ex, me.1, partner.1))
                .collect(),
        });
        let Some(repeat) = weekly else {
            continue;
        };
        // Each side's answers given once are copied once, not once a week.
        let (mut mine_of, mut theirs_of) = (me.1.as_of_each(&ch.id), partner.1.as_of_each(&ch.id));
        for (my_week, their_week) in weeks.into_iter().rev() {
            let (mine, theirs) = (
                mine_of.at(my_week.and_then(|w| week_entry(me.1, &ch.id, w))),
                theirs_of.at(their_week.and_then(|w| week_entry(partner.1, &ch.id, w))),
            );
            // Named by my week when I have one (a pair is never empty).
            let week = my_week.or(their_week).unwrap_or_default();
            let label = Entry::new(week.to_string(), String::new()).label(Rhythm::Weekly);
            let repeated = ch
                .exercises
                .iter()
                .filter(|ex| (ex.takes_answer() || ex.kind.as_score().is_some()) && ch.is_repeated(&ex.id));
            chapters.push(ChapterRows {
                id: ch.id.clone(),
                number: n + 1,
                title: words::week_title(&ch.title, &repeat.title, &label),
                week: Some(week.to_string()),
                rows: repeated
                    .map(|ex| row(&mut summary, ch, ex, mine, theirs))
                    .collect(),
            });
        }
        if reflection_last {
            chapters.push(ChapterRows {
                id: ch.id.clone(),
                number: n + 1,
                title: ch.title.clone(),
                week: None,
                rows: once(true)
                    .map(|ex| row(&mut summary, ch, ex, me.1, partner.1))
                    .collect(),
            });
        }
    }
    Comparison {
        title: wb.title.clone(),
        me: present::clean_line(me.0),
        partner: present::clean_line(partner.0),
        chapters,
        summary,
        revised: Vec::new(),
    }
}

/// Each live weekly entry of one person's part `chapter`: (its first day, its id),
/// sorted, each id once.
fn week_days<'a>(answers: &'a Answers, chapter: &str) -> Vec<(i64, &'a str)> {
    let mut days: Vec<(i64, &str)> = answers
        .live_entries(chapter)
        .map(|e| (e.day(), e.id.as_str()))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// Pairs my weeks with the partner's (both from [`week_days`]), oldest first: each of
/// mine with the partner's week that overlaps it most (ties: the earlier), so that two
/// calendars starting on different days still line up. A partner's week that my next
/// week overlaps more is left to it; weeks with no partner stay alone. One sorted
/// merge: only the partner's weeks within 7 days of mine are looked at.
fn pair_weeks<'a>(
    mine: &[(i64, &'a str)],
    theirs: &[(i64, &'a str)],
) -> Vec<(Option<&'a str>, Option<&'a str>)> {
    let overlap = |a: i64, b: i64| 7 - (a - b).abs();
    let mut taken = vec![false; theirs.len()];
    let mut pairs: Vec<(i64, Option<&str>, Option<&str>)> = Vec::with_capacity(mine.len() + theirs.len());
    let mut start = 0;
    for (i, &(day, id)) in mine.iter().enumerate() {
        while theirs.get(start).is_some_and(|t| t.0 + 7 <= day) {
            start += 1;
        }
        let next = mine.get(i + 1).map(|m| m.0);
        let mut best: Option<(i64, usize)> = None;
        let near = theirs
            .iter()
            .enumerate()
            .skip(start)
            .take_while(|(_, t)| t.0 < day + 7);
        for (j, &(d, _)) in near {
            let o = overlap(day, d);
            if taken[j] || next.is_some_and(|n| overlap(n, d) > o) {
                continue;
            }
            if best.is_none_or(|(b, _)| o > b) {
                best = Some((o, j));
            }
        }
        if let Some((_, j)) = best {
            taken[j] = true;
        }
        pairs.push((day, Some(id), best.map(|(_, j)| theirs[j].1)));
    }
    let alone = theirs.iter().zip(&taken).filter(|(_, t)| !**t);
    pairs.extend(alone.map(|(&(day, id), _)| (day, None, Some(id))));
    pairs.sort_by_key(|p| p.0);
    pairs.into_iter().map(|(_, m, t)| (m, t)).collect()
}

/// One person's entry of one week, read like answers given once through
/// [`Answers::as_of_each`] (what [`share`] reads); a week they have no entry for has
/// none of the repeated answers.
fn week_entry<'a>(answers: &'a Answers, chapter: &str, week: &str) -> Option<&'a Entry> {
    answers.entry(chapter, week).filter(|e| e.is_live())
}

/// One exercise compared, counted into `summary` (a score is shown, never counted).
fn row(summary: &mut Summary, ch: &Chapter, ex: &Exercise, me: &Answers, partner: &Answers) -> Row {
    if let Some(score) = ex.kind.as_score() {
        return score_row(ch, ex, score, me, partner);
    }
    let chapter = ch.id.as_str();
    let mine = share(me, chapter, ex);
    let theirs = as_seen(share(partner, chapter, ex), me, chapter, ex);
    summary.total += 1;
    summary.waiting_on_me += usize::from(mine == Share::NotAnswered);
    let view = match (
        mine,
        theirs,
        me.get(chapter, &ex.id),
        partner.get(chapter, &ex.id),
    ) {
        (Share::Shared, Share::Shared, Some(a), Some(b)) => {
            summary.shown += 1;
            RowView::Both {
                me: present::pieces(Some(&me.resolved_kind(&ex.kind)), &a.value),
                partner: present::pieces(Some(&partner.resolved_kind(&ex.kind)), &b.value),
            }
        }
        _ => RowView::Hidden {
            me: mine,
            partner: theirs,
        },
    };
    Row::new(ex, view)
}

/// A score compared: each side's worked out only from that side's answers; one that
/// reads a private answer is private, so neither value shows unless both are shared.
fn score_row(
    ch: &Chapter,
    ex: &Exercise,
    score: &crate::content::Score,
    me: &Answers,
    partner: &Answers,
) -> Row {
    use present::score::{Outcome, compute, lines};
    let side = |a: &Answers| {
        let outcome = compute(score, ch, |id| a.get(&ch.id, id));
        match &outcome {
            Outcome::Value { private: true, .. } => (Share::Personal, None),
            Outcome::Value { .. } => (Share::Shared, Some(lines(score, &outcome))),
            Outcome::Missing(_) => (Share::NotAnswered, None),
        }
    };
    let ((mine, my_lines), (theirs, their_lines)) = (side(me), side(partner));
    let para = |l: Vec<String>| l.into_iter().map(|x| Piece::Paragraph(vec![x])).collect();
    let view = match (my_lines, their_lines) {
        (Some(a), Some(b)) => RowView::Both {
            me: para(a),
            partner: para(b),
        },
        _ => RowView::Hidden {
            me: mine,
            partner: theirs,
        },
    };
    Row::new(ex, view)
}

impl Row {
    /// The row of exercise `ex` showing `view`.
    fn new(ex: &Exercise, view: RowView) -> Row {
        Row {
            exercise_id: ex.id.clone(),
            title: ex.title.clone(),
            prompt: ex.prompt.clone(),
            view,
            mine_private: false,
        }
    }
}

impl Comparison {
    /// The comparison with the answers changed after the reveal (read at the edge from
    /// the exchange link), shown after its chapters.
    pub fn with_changes(mut self, wb: &Workbook, changes: &[crate::revised::Change]) -> Comparison {
        self.revised = crate::revised::prepare(wb, changes);
        self
    }

    /// The comparison as its owner sees it in the app: my own private answers say
    /// they are private (to me) instead of "waiting on" my own name. Only my answers
    /// are read, so nothing about the partner changes, and what the partner sees
    /// (their own comparison, made from my shared file) still cannot tell.
    pub fn for_owner(mut self, wb: &Workbook, mine: &Answers) -> Comparison {
        // My answers given once, copied once per chapter rather than once a week.
        let mut weeks: Option<(String, crate::answers::AsOf)> = None;
        for rows in &mut self.chapters {
            let Some(ch) = wb.chapters.iter().find(|c| c.id == rows.id) else {
                continue;
            };
            let week = match rows.week.as_deref() {
                Some(w) => {
                    if weeks.as_ref().is_none_or(|(c, _)| *c != ch.id) {
                        weeks = Some((ch.id.clone(), mine.as_of_each(&ch.id)));
                    }
                    weeks.as_mut().map(|(_, of)| of.at(week_entry(mine, &ch.id, w)))
                }
                None => None,
            };
            for row in &mut rows.rows {
                let private = match &week {
                    Some(w) => w.get(&ch.id, &row.exercise_id),
                    None if ch.is_repeated(&row.exercise_id) => None,
                    None => mine.single.get(&ch.id).and_then(|c| c.get(&row.exercise_id)),
                }
                .is_some_and(|a| a.private);
                if private
                    && matches!(
                        row.view,
                        RowView::Hidden {
                            me: Share::NotAnswered,
                            ..
                        }
                    )
                {
                    row.mine_private = true;
                    self.summary.mine_private += 1;
                }
            }
        }
        self
    }

    /// The counts in words: "4 to talk over, 1 waiting on alex". Only my own side is
    /// counted: nothing counts what the partner has not shared.
    pub fn summary_text(&self) -> String {
        let s = &self.summary;
        let mut parts = vec![words::shown(s.shown)];
        let waiting_on_me = s.waiting_on_me.saturating_sub(s.mine_private);
        if waiting_on_me > 0 {
            parts.push(words::waiting_on(waiting_on_me, &self.me));
        }
        if s.mine_private > 0 {
            parts.push(words::kept_private(s.mine_private));
        }
        parts.join(words::SUMMARY_SEPARATOR)
    }

    /// True for a week of which nothing of the partner's is shown: they have not done
    /// it, or not shared it, which reads the same (see the module docs).
    pub fn partner_missed(&self, ch: &ChapterRows) -> bool {
        ch.week.is_some()
            && ch.rows.iter().all(|r| {
                matches!(r.view, RowView::Hidden { partner, .. } if partner != Share::Shared && partner != Share::NotNeeded)
            })
    }

    /// What a hidden row says: [`Comparison::hidden_text`], or, for my own private
    /// answer in my own view, that it is private.
    pub fn row_hidden_text(&self, row: &Row, me: Share, partner: Share) -> String {
        if row.mine_private {
            words::hidden_private_row(&self.partner)
        } else {
            self.hidden_text(me, partner)
        }
    }

    /// What a hidden row says instead of the answers: where I stand, and whether the
    /// partner's answer is shared (nothing finer: see the module docs).
    pub fn hidden_text(&self, me: Share, partner: Share) -> String {
        let mine = match me {
            Share::Shared => None,
            Share::NotAnswered => Some(words::not_answered_by(&self.me)),
            Share::Skipped => Some(words::skipped_by(&self.me)),
            Share::LeftEmpty => Some(words::left_empty_by(&self.me)),
            Share::Personal => Some(words::kept_private_by(&self.me)),
            Share::NotNeeded => Some(words::not_needed_for(&self.me)),
        };
        let theirs = match partner {
            Share::NotNeeded => Some(words::not_needed_for(&self.partner)),
            Share::Shared => None,
            Share::NotAnswered | Share::Skipped | Share::LeftEmpty | Share::Personal => {
                Some(words::not_shared_by(&self.partner))
            }
        };
        words::hidden_row(mine.into_iter().chain(theirs).collect())
    }
}

/// The comparison as plain text for a terminal `width` columns wide: answers
/// in two columns from [`SIDE_BY_SIDE_MIN_WIDTH`], one under the other below
/// it. No line is wider than `width`.
pub fn render_text(c: &Comparison, width: u16) -> String {
    let width = usize::from(width.max(1));
    let mut out: Vec<String> = Vec::new();
    for text in [
        c.title.clone(),
        words::compare_heading(&c.me, &c.partner),
        words::BLIND_RULE.to_string(),
        c.summary_text(),
    ] {
        out.extend(present::wrap(&present::clean_line(&text), width));
    }
    for ch in &c.chapters {
        out.push(String::new());
        let title = present::wrap(
            &format!("{}. {}", ch.number, present::clean_line(&ch.title)),
            width,
        );
        let rule = title.iter().map(|l| l.width()).max().unwrap_or(0);
        out.extend(title);
        out.push("=".repeat(rule));
        if c.partner_missed(ch) {
            out.push(String::new());
            out.extend(present::wrap(&words::not_done_this_week(&c.partner), width));
        }
        for row in &ch.rows {
            out.push(String::new());
            out.extend(present::wrap(&present::clean_line(&row.title), width));
            for (i, para) in present::paragraphs(&row.prompt).iter().enumerate() {
                if i > 0 {
                    out.push(String::new());
                }
                for line in para {
                    out.extend(present::wrap(line, width));
                }
            }
            out.push(String::new());
            match &row.view {
                RowView::Both { me, partner } => {
                    let sides = [
                        (c.me.as_str(), me.as_slice()),
                        (c.partner.as_str(), partner.as_slice()),
                    ];
                    if width >= usize::from(SIDE_BY_SIDE_MIN_WIDTH) {
                        side_by_side(&mut out, sides, width);
                    } else {
                        stacked(&mut out, sides, width);
                    }
                }
                RowView::Hidden { me, partner } => {
                    out.extend(present::wrap(&c.row_hidden_text(row, *me, *partner), width));
                }
            }
        }
    }
    out.extend(crate::revised::lines(&c.revised, &c.partner, width));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Two columns, names above, separated by a bar.
fn side_by_side(out: &mut Vec<String>, sides: [(&str, &[Piece]); 2], width: usize) {
    let col = (width - 3) / 2;
    let [left, right] = sides.map(|(name, pieces)| {
        let mut lines = present::wrap(name, col);
        lines.push("-".repeat(col));
        lines.extend(present::plain_lines(pieces, Some(col)));
        lines
    });
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i).map_or("", String::as_str);
        let r = right.get(i).map_or("", String::as_str);
        let pad = " ".repeat(col.saturating_sub(l.width()));
        out.push(format!("{l}{pad} | {r}").trim_end().to_string());
    }
}

/// One answer under the other, each under its name, indented.
fn stacked(out: &mut Vec<String>, sides: [(&str, &[Piece]); 2], width: usize) {
    let indent = if width >= 20 { 2 } else { 0 };
    for (i, (name, pieces)) in sides.into_iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(present::wrap(&format!("{name}:"), width));
        for line in present::plain_lines(pieces, Some(width - indent)) {
            if line.is_empty() {
                out.push(line);
            } else {
                out.push(format!("{}{line}", " ".repeat(indent)));
            }
        }
    }
}
