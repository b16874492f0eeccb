//! Text fields: the multi-line answer box and the one-line fields of lists and
//! "other" options, on ratatui-textarea.

use ratatui_textarea::{CursorMove, DataCursor, Input, Key, TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::action::Edit;

/// A text field as the app keeps it.
pub type Field = TextArea<'static>;

/// A text area set up the way every answer field in the app is.
pub fn text_area(text: &str) -> Field {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut ta = TextArea::new(lines);
    ta.set_wrap_mode(WrapMode::WordOrGlyph);
    ta.set_max_histories(200);
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    ta
}

/// A one-line field (list items, "other" text).
pub fn line_field(text: &str) -> Field {
    text_area(&text.replace('\n', " "))
}

/// The text of a field, lines joined by newlines.
pub fn field_text(ta: &TextArea) -> String {
    ta.lines().join("\n")
}

/// Drops control characters from pasted text (they could drive the terminal);
/// tabs become spaces, and single-line fields get spaces for newlines.
pub fn clean_paste(s: &str, single_line: bool) -> String {
    let s = crate::present::strip(s);
    if single_line { s.replace('\n', " ") } else { s }
}

/// Lets the next draw place the view afresh after the box changed size (hint
/// shown or hidden, terminal resized): the view goes back to the top, and the
/// cursor, which that would drag along, is put back where it was. The draw then
/// scrolls only as far as the cursor needs, so no rows are left blank.
pub fn refit(ta: &mut Field) {
    let (top, _) = ta.scroll_offset();
    if top == 0 {
        return;
    }
    let DataCursor(row, col) = ta.cursor();
    ta.scroll((-(top.min(i16::MAX as u16) as i16), 0));
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    ta.move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
}

/// Backspace, Delete, Left and Right over a whole user-perceived character: the
/// widget steps by code point, which would split an emoji sequence (👨‍👩‍👧) or
/// leave an accent typed as a combining mark behind. `None` leaves the key to the
/// widget (single code points, line joins, selections, modified keys);
/// `Some(changed)` when handled here.
pub fn grapheme_key(ta: &mut Field, input: &Input) -> Option<bool> {
    if input.ctrl || input.alt || ta.is_selecting() {
        return None;
    }
    let DataCursor(row, col) = ta.cursor();
    let line = ta.lines().get(row)?;
    let split = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let (before, after) = line.split_at(split);
    let last = || before.graphemes(true).next_back().map(|g| g.chars().count());
    let next = || after.graphemes(true).next().map(|g| g.chars().count());
    let back = |ta: &mut Field, n: usize| (0..n).for_each(|_| ta.move_cursor(CursorMove::Back));
    match input.key {
        Key::Backspace => {
            let n = last().filter(|n| *n > 1)?;
            back(ta, n);
            Some(ta.delete_str(n))
        }
        Key::Delete => {
            let n = next().filter(|n| *n > 1)?;
            Some(ta.delete_str(n))
        }
        Key::Left => {
            back(ta, last().filter(|n| *n > 1)?);
            Some(false)
        }
        Key::Right => {
            let n = next().filter(|n| *n > 1)?;
            (0..n).for_each(|_| ta.move_cursor(CursorMove::Forward));
            Some(false)
        }
        _ => None,
    }
}

/// Applies a typing edit to a one-line field; true if its text changed.
/// Edits that are not typing leave it alone.
pub fn edit_line(field: &mut Field, edit: Edit) -> bool {
    match edit {
        // A one-line field has no newlines: Enter is handled by the caller.
        Edit::Type(Input { key: Key::Enter, .. }) => false,
        Edit::Type(input) => grapheme_key(field, &input).unwrap_or_else(|| field.input(input)),
        Edit::Paste(s) => field.insert_str(clean_paste(&s, true)),
        Edit::Undo => field.undo(),
        Edit::Redo => field.redo(),
        Edit::Digit(_)
        | Edit::Clear
        | Edit::AddItem
        | Edit::EditItem
        | Edit::DeleteItem
        | Edit::MoveItemUp
        | Edit::MoveItemDown
        | Edit::ExternalEditor
        | Edit::EditorDone(_) => false,
    }
}
