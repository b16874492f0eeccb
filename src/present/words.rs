//! Every user-facing word of the exports, the compare view and import errors,
//! in one place. Texts here are plain; renderers add markup and escaping.

/// The "other" answer of a choice.
pub fn other(text: &str) -> String {
    format!("Other: {text}")
}

/// A scale value with both ends' labels: `7 / 10 (0 = Not at all, 10 = Completely)`.
pub fn scale(value: &str, (min, min_label): (i64, &str), (max, max_label): (i64, &str)) -> String {
    format!("{value} / {max} ({min} = {min_label}, {max} = {max_label})")
}

/// One rated item: `Calm: 7 / 10` (the value with its unit, if any).
pub fn rating(item: &str, value: &str, max: i64) -> String {
    format!("{item}: {value} / {max}")
}

/// An item under its wording now, with the wording it was answered under.
pub fn was(now: &str, then: &str) -> String {
    format!("{now} (was: {then})")
}

/// A rated item whose value is off the exercise's scale (a partner's file may hold one):
/// not shown as a value, and said so.
pub fn off_scale(item: &str, (min, max): (i64, i64)) -> String {
    format!("{item}: not shown, its value is outside {min} to {max}")
}

/// An item of a ratings exercise not rated yet.
pub fn not_rated(item: &str) -> String {
    format!("{item}: not rated")
}

/// A cell of the table of values for an item marked "didn't apply".
pub const NA_CELL: &str = "n/a";

/// A rated item marked "didn't apply", in the workbook's words for it (`na_label`).
pub fn not_applied(item: &str, na_label: &str) -> String {
    let label = if na_label.trim().is_empty() {
        "did not apply"
    } else {
        na_label
    };
    format!("{item}: {label}")
}

/// The ends of a ratings exercise's scale: `0 = Not at all, 10 = Completely`; an end
/// without a label is its number alone, and with neither it reads `0 to 10`.
pub fn rating_ends(min: (i64, Option<&str>), max: (i64, Option<&str>)) -> String {
    rating_ends_between(min, max, ", ")
}

/// [`rating_ends`] with `sep` between the two ends (the screen uses ` · `).
pub fn rating_ends_between(
    (min, min_label): (i64, Option<&str>),
    (max, max_label): (i64, Option<&str>),
    sep: &str,
) -> String {
    let end = |n: i64, label: Option<&str>| match label {
        Some(l) => format!("{n} = {l}"),
        None => n.to_string(),
    };
    match (min_label, max_label) {
        (None, None) => format!("{min} to {max}"),
        (Some(_), _) | (_, Some(_)) => format!("{}{sep}{}", end(min, min_label), end(max, max_label)),
    }
}

/// An exercise without an answer.
pub const NOT_ANSWERED: &str = "Not answered yet.";
/// An exercise with no answer in a Markdown export: true whether it was not answered or
/// kept private and left out, so the document tells neither apart.
pub const NO_ANSWER_IN_EXPORT: &str = "No answer in this export.";
/// [`NO_ANSWER_IN_EXPORT`] for an optional exercise.
pub const NO_ANSWER_IN_EXPORT_OPTIONAL: &str = "No answer in this export (optional).";
/// Above a shared list in a Markdown export whose version in effect is the partner's.
pub fn shared_list_by(who: &str, day: &str) -> String {
    format!("Your shared list, as {who} last changed it ({day}).")
}
/// Under the title of every export without private answers, whether or not there were any.
pub const PRIVATE_LEFT_OUT: &str =
    "Answers marked private are not in this document: an exercise kept private reads like one not answered.";
/// Above a private answer that an export includes on request.
pub const MARKED_PRIVATE: &str = "Marked private.";
/// Stands in for a skipped exercise's answer in the review and exports.
pub const SKIPPED: &str = "Skipped.";
/// Stands in for an exercise whose `when` does not hold, in the review and exports.
pub const NOT_NEEDED: &str = "Not needed.";
/// Said on an exercise whose `when` does not hold.
pub fn not_needed_because(title: &str) -> String {
    format!("Not needed, given your answer to \"{title}\": it counts as done. Tab goes on.")
}
/// Stands in for an optional exercise left empty, in the review and exports.
pub const LEFT_EMPTY: &str = "Left empty (optional).";
/// Heading of the section for answers whose exercise is gone.
pub const ORPHANS_HEADING: &str = "Answers to exercises no longer in the workbook";

/// Heading of a column of the table of values: `Trust (0–10)`, `Upset (0–100 %)`.
pub fn column_head(name: &str, (min, max): (i64, i64), unit: Option<String>) -> String {
    match unit {
        Some(unit) => format!("{name} ({min}–{max} {unit})"),
        None => format!("{name} ({min}–{max})"),
    }
}

/// A private value in the table of values, in an export that includes private answers.
pub fn private_cell(value: i64) -> String {
    format!("{value} (private)")
}

/// Heading of the table of values of a repeated part.
pub const VALUES_HEADING: &str = "Values by date";

/// Heading of the table's first column, for a weekly part.
pub const WEEK_COLUMN: &str = "Week";

/// Heading of the table's first column, for entries made at any time.
pub const STARTED_COLUMN: &str = "Started";

/// Under a repeated part's heading: how many entries follow, and in which order.
pub fn entries_count(n: usize) -> String {
    match n {
        0 => "No entries yet.".to_string(),
        1 => "One entry.".to_string(),
        n => format!("{n} entries, newest first."),
    }
}

/// An entry's heading, from its label (`week of 30 Nov – 6 Dec 2026`): capitalized.
pub fn entry_heading(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Under an entry changed after its own time had passed: the day of the change.
pub fn edited_on(day: &str) -> String {
    format!("Edited on {day}.")
}

/// Under an export's title, when it holds one chapter only.
pub fn only_chapter(number: usize, title: &str) -> String {
    format!("Only chapter {number}, {title}.")
}

/// Under an export's title, when it holds one chapter the workbook no longer has.
pub fn only_old_chapter(id: &str) -> String {
    format!("Only the answers kept under chapter \"{id}\", which the workbook no longer has.")
}

/// Under an export's title, when it holds recent entries only.
pub fn entries_since(day: &str) -> String {
    format!("Only entries from {day} on; answers given once are all here.")
}

/// The line under an export's title.
pub fn answers_of(profile: &str, date: &str) -> String {
    format!("Answers of {profile}, exported on {date}.")
}

/// How many private answers an export includes on request.
pub fn private_included(n: usize) -> String {
    match n {
        1 => "Includes one answer marked private: think before you share this document.".to_string(),
        n => format!("Includes {n} answers marked private: think before you share this document."),
    }
}

/// Heading of the compare view.
pub fn compare_heading(me: &str, partner: &str) -> String {
    format!("The answers of {me} and {partner}")
}

/// The rule, stated once under the compare heading. It says nothing of private
/// answers: the compare view has no word for them (they read as not answered).
pub const BLIND_RULE: &str = "An answer is shown once both of you have answered, so neither is swayed.";

/// One part of the compare summary: exercises shown.
pub fn shown(n: usize) -> String {
    format!("{n} to talk over")
}

/// One part of the compare summary: exercises one person still has to answer.
pub fn waiting_on(n: usize, name: &str) -> String {
    format!("{n} waiting on {name}")
}

/// Summary part, in the owner's own view only: answers they keep private.
pub fn kept_private(n: usize) -> String {
    format!("{n} private (yours, not shared)")
}

/// A hidden row in the owner's own view, where their answer is private: said to
/// them alone; the partner's view reads as if it were not answered.
pub fn hidden_private_row(partner: &str) -> String {
    format!("Your answer is private, so it is not shared, and nothing of {partner}'s is shown either.")
}

/// Joins summary parts.
pub const SUMMARY_SEPARATOR: &str = ", ";

/// A hidden row: where each stands, then that nothing is shown.
pub fn hidden_row(parts: Vec<String>) -> String {
    let mut parts = parts;
    parts.push("Nothing is shown for this one until both have shared an answer.".to_string());
    parts.join(" ")
}

/// A week of which nothing of `name`'s is shown (not done, or not shared: the same).
pub fn not_done_this_week(name: &str) -> String {
    format!("{name} has not done this week.")
}

/// A hidden row: `name` has not answered (or keeps it private: it reads the same).
pub fn not_answered_by(name: &str) -> String {
    format!("{name} has not answered yet.")
}

/// A hidden row: `name` skipped the exercise (said of one's own side only).
pub fn skipped_by(name: &str) -> String {
    format!("Skipped by {name}.")
}

/// A hidden row: `name` left an optional exercise empty (one's own side only).
pub fn left_empty_by(name: &str) -> String {
    format!("Left empty by {name} (optional).")
}

/// A hidden row: `name` keeps an exercise that starts private (one's own side only).
pub fn kept_private_by(name: &str) -> String {
    format!("Kept private by {name} (a personal exercise).")
}

/// A hidden row: the exercise's `when` does not hold for `name`.
pub fn not_needed_for(name: &str) -> String {
    format!("Not needed for {name}.")
}

/// A hidden row: the partner `name` has not shared an answer; deliberately the same
/// whether they have not answered, skipped it or keep it private.
pub fn not_shared_by(name: &str) -> String {
    format!("Nothing of {name}'s to show yet.")
}

/// The heading of one week of a weekly part in a comparison.
pub fn week_title(chapter: &str, part: &str, week: &str) -> String {
    format!("{chapter}: {part}, {week}")
}

/// An exercise's title with the week of a weekly answer: `Check-in (week of 2026-03-02)`.
pub fn of_week(title: &str, entry: &str) -> String {
    format!("{title} (week of {entry})")
}

/// Heading of a partner's answer changed after both were shown.
pub fn changed_after_seeing(title: &str) -> String {
    format!("{title}: changed after seeing yours")
}

/// Heading of my own answer changed after it was opened to the partner: they see it
/// marked as changed.
pub fn you_changed_after_seeing(title: &str, partner: &str) -> String {
    format!(
        "{title}: you changed this after seeing {partner}'s; {partner} sees it marked \"changed after seeing yours\""
    )
}

/// Above the partner's answer as first shown.
pub fn first_as_you_saw(partner: &str) -> String {
    format!("{partner} first answered, as you saw it:")
}

/// Above my own answer as first opened to the partner.
pub fn first_as_opened(partner: &str) -> String {
    format!("you first answered, as {partner} was shown it:")
}

/// Above the answer now, under the first one.
pub const AND_NOW: &str = "and now:";
