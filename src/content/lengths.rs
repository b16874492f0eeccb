//! How much room the header leaves a title on an 80-column screen, for the validator's
//! warnings. It follows `ui::draw_header` (the content layer cannot import the UI);
//! `tests/it/content_validation.rs` renders the header to keep the two in step.

use super::Chapter;
use super::walk::{Checker, Table};

/// The terminal width the length warnings are for.
pub const WARN_COLUMNS: usize = 80;
/// The header's right-hand progress at its widest: "100% done".
const DONE: &str = "100% done";
/// The header's save status at its widest ("saving…"), in columns.
const STATUS: usize = 7;

/// Widest chapter title the header shows uncut on an exercise screen at 80 columns, for
/// chapter `n` of `chapters` with `exercises` exercises (the reflection included).
pub fn chapter_title_room(_n: usize, _chapters: usize, exercises: usize) -> usize {
    // " default ·" before the title, then "  Exercise e/E · 100% done  ", with e as wide
    // as E at the last one (the profile's name is on the left; a longer one than
    // "default" cuts the title sooner).
    let exercise = format!("Exercise {exercises}/{exercises}").len();
    room(PROFILE + 2 + exercise + 3 + DONE.len() + 2)
}

/// The profile's name before the title, as " default ·".
const PROFILE: usize = 10;

/// Widest workbook title the header shows uncut (welcome, contents, review) at 80 columns.
pub fn workbook_title_room() -> usize {
    room(PROFILE + 2 + DONE.len() + 2)
}

/// The title's room beside a right-hand part `right` columns wide: one column of gap
/// after the status, and the leading space before the title.
fn room(right: usize) -> usize {
    WARN_COLUMNS.saturating_sub(right + STATUS + 1).saturating_sub(1)
}

/// Warns when the title of `chapter` (number `place.0` of `place.1`) will be cut in the
/// header on an 80-column screen.
pub(super) fn check_chapter_title(ck: &mut Checker, t: &Table, chapter: &Chapter, place: (usize, usize)) {
    let room = chapter_title_room(place.0, place.1, chapter.exercises.len());
    warn_if_wide(
        ck,
        t,
        &chapter.title,
        room,
        "the chapter title",
        "on its exercise pages",
    );
}

/// Warns when the workbook title will be cut in the header on an 80-column screen.
pub(super) fn check_workbook_title(ck: &mut Checker, t: &Table, title: &str) {
    warn_if_wide(
        ck,
        t,
        title,
        workbook_title_room(),
        "the workbook title",
        "on the welcome menu",
    );
}

fn warn_if_wide(ck: &mut Checker, t: &Table, title: &str, room: usize, what: &str, where_: &str) {
    let w = unicode_width::UnicodeWidthStr::width(title);
    if w > room {
        ck.warn(
            ck.span_of(t, "title"),
            format!(
                "{what} is {w} columns wide; the header {where_} has room for {room} on an {WARN_COLUMNS}-column screen, so it will be cut short there; shorten it to {room} columns or fewer"
            ),
        );
    }
}
