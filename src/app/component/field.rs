//! Text fields: the multi-line answer box and the one-line fields of lists and
//! "other" options, on the project's own editing core ([`crate::editor`]).

use super::{Intent, Outcome, Typing};
use crate::app::action::{Edit, Move};
use crate::editor::{Editor, Input, Key};

/// A text field as the app keeps it.
pub type Field = Editor;

/// A text area set up the way every answer field in the app is.
pub fn text_area(text: &str) -> Field {
    Editor::new(text, false)
}

/// A one-line field (list items, "other" text).
pub fn line_field(text: &str) -> Field {
    Editor::new(text, true)
}

/// The text of a field, lines joined by newlines.
pub fn field_text(ta: &Field) -> String {
    ta.text()
}

/// Drops control characters from pasted text (they could drive the terminal);
/// tabs become spaces, and single-line fields get spaces for newlines.
pub fn clean_paste(s: &str, single_line: bool) -> String {
    let s = crate::present::strip(s);
    if single_line { s.replace('\n', " ") } else { s }
}

/// Lets the next draw place the view afresh after the box changed size (hint
/// shown or hidden, terminal resized); the draw keeps the cursor in view.
pub fn refit(ta: &mut Field) {
    ta.refit();
}

/// Applies a typing edit to a one-line field; true if its text changed.
/// Edits that are not typing leave it alone.
pub fn edit_line(field: &mut Field, edit: Edit) -> bool {
    match edit {
        // A one-line field has no newlines: Enter is handled by the caller.
        Edit::Type(Input { key: Key::Enter, .. }) => false,
        Edit::Type(input) => field.input(&input),
        Edit::Paste(s) => field.paste(&clean_paste(&s, true), None),
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
        | Edit::NotApplicable
        | Edit::EditorDone(_) => false,
    }
}

/// A key for an open "other" field (of a choice or a checklist): true when Enter or
/// Esc closed it (the outcome says so), false while it stays open.
pub fn other_key(field: &mut Field, intent: Intent, out: &mut Outcome) -> bool {
    match intent {
        Intent::Move(Move::Select) | Intent::Done => {
            out.typing = Typing::Closed;
            true
        }
        Intent::Edit(edit) => {
            if edit_line(field, edit) {
                out.typing = Typing::Edited;
            }
            false
        }
        Intent::Move(_) => false,
    }
}
