//! A free-text answer: a multi-line field, undo that treats the external
//! editor's replacement as one step, and the hand-off to `$EDITOR`.

use super::field::{Field, clean_paste, field_text, grapheme_key, refit, text_area};
use super::{Outcome, Typing};
use crate::app::action::{Edit, Move};
use crate::app::{Context, Notice};
use ratatui_textarea::{Input, Key};

/// Undo bookkeeping for the external editor's replacement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    /// The last edit was ordinary.
    None,
    /// The last edit was the editor's replacement: undo both steps (cut, insert).
    Undo,
    /// The replacement was just undone: redo both steps.
    Redo,
}

/// A free-text answer being written.
#[derive(Debug)]
pub struct TextAnswer {
    field: Field,
    pair: Pair,
}

impl TextAnswer {
    /// Opens the answer box on the stored text.
    pub fn new(text: &str) -> TextAnswer {
        TextAnswer {
            field: text_area(text),
            pair: Pair::None,
        }
    }

    /// The field, to draw it.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The text as typed so far.
    pub fn text(&self) -> String {
        field_text(&self.field)
    }

    /// Key context: typing.
    pub fn context(&self) -> Context {
        Context::Text
    }

    /// Lets the next draw place the view afresh after the box changed size.
    pub fn refit(&mut self) {
        refit(&mut self.field);
    }

    /// Scrolling moves the view (and maybe the cursor), never the text.
    pub fn on_move(&mut self, m: Move) -> Outcome {
        let key = match m {
            Move::ScrollUp => Key::MouseScrollUp,
            Move::ScrollDown => Key::MouseScrollDown,
            Move::PageUp => Key::PageUp,
            Move::PageDown => Key::PageDown,
            // Arrows and Enter reach a text field as typed keys, not as moves.
            Move::Up
            | Move::Down
            | Move::Left
            | Move::Right
            | Move::First
            | Move::Last
            | Move::Select
            | Move::Toggle => return Outcome::default(),
        };
        self.field.input(Input {
            key,
            ..Input::default()
        });
        Outcome::default()
    }

    /// Applies an edit.
    pub fn on_edit(&mut self, edit: Edit) -> Outcome {
        if !matches!(edit, Edit::Undo | Edit::Redo | Edit::EditorDone(_)) {
            self.pair = Pair::None;
        }
        let mut out = Outcome::default();
        let edited = match edit {
            Edit::Type(input) => {
                grapheme_key(&mut self.field, &input).unwrap_or_else(|| self.field.input(input))
            }
            Edit::Paste(s) => self.field.insert_str(clean_paste(&s, false)),
            Edit::Undo => {
                let pair = self.pair == Pair::Undo;
                self.pair = if pair { Pair::Redo } else { Pair::None };
                self.field.undo() | (pair && self.field.undo())
            }
            Edit::Redo => {
                let pair = self.pair == Pair::Redo;
                self.pair = if pair { Pair::Undo } else { Pair::None };
                self.field.redo() | (pair && self.field.redo())
            }
            Edit::ExternalEditor => {
                out.external = Some(self.text());
                false
            }
            Edit::EditorDone(Ok(text)) => self.replace(&text),
            Edit::EditorDone(Err(msg)) => {
                out.notice = Some(Notice::EditorFailed(msg));
                false
            }
            Edit::Digit(_)
            | Edit::Clear
            | Edit::AddItem
            | Edit::EditItem
            | Edit::DeleteItem
            | Edit::MoveItemUp
            | Edit::MoveItemDown => false,
        };
        if edited {
            out.typing = Typing::Edited;
        }
        out
    }

    /// Puts the external editor's text in place as one undoable step.
    fn replace(&mut self, text: &str) -> bool {
        let text = clean_paste(text, false);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        if text == self.text() {
            return false;
        }
        // Cut and insert are two steps of the widget; `pair` makes them undo as one.
        self.field.select_all();
        self.field.cut();
        self.field.insert_str(text);
        self.pair = Pair::Undo;
        true
    }
}
