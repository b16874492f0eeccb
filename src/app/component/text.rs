//! A free-text answer: a multi-line field, and the hand-off to `$EDITOR`, whose
//! replacement comes back as one undo step.

use super::field::{Field, clean_paste, field_text, refit, text_area};
use super::{Answering, Intent, Opening, Outcome, Typing};
use crate::answers::Value;
use crate::app::action::{Edit, Move};
use crate::app::{Context, Notice};

/// A free-text answer being written.
#[derive(Debug)]
pub struct TextAnswer {
    field: Field,
}

impl TextAnswer {
    /// Opens the answer box on the stored text (empty when there is none).
    pub fn open(at: &Opening) -> TextAnswer {
        let text = match at.stored() {
            Some(Value::Text { text }) => text.as_str(),
            Some(_) | None => "",
        };
        TextAnswer {
            field: text_area(text),
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

    /// Scrolling moves the view (and maybe the cursor), never the text.
    fn on_move(&mut self, m: Move) -> Outcome {
        match m {
            Move::ScrollUp => self.field.wheel(-1),
            Move::ScrollDown => self.field.wheel(1),
            Move::PageUp => self.field.page(-1),
            Move::PageDown => self.field.page(1),
            // Arrows and Enter reach a text field as typed keys, not as moves.
            Move::Up
            | Move::Down
            | Move::Left
            | Move::Right
            | Move::First
            | Move::Last
            | Move::Select
            | Move::Toggle => false,
        };
        Outcome::default()
    }

    /// Applies an edit.
    fn on_edit(&mut self, edit: Edit) -> Outcome {
        let mut out = Outcome::default();
        let edited = match edit {
            Edit::Type(input) => self.field.input(&input),
            Edit::Paste(s) => self.field.paste(&clean_paste(&s, false), None),
            Edit::Undo => self.field.undo(),
            Edit::Redo => self.field.redo(),
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
            | Edit::MoveItemDown
            | Edit::NotApplicable => false,
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
        self.field.replace_all(text)
    }
}

impl Answering for TextAnswer {
    fn update(&mut self, intent: Intent, _stored: Option<&Value>) -> Outcome {
        match intent {
            Intent::Move(m) => self.on_move(m),
            Intent::Edit(e) => self.on_edit(e),
            Intent::Done => Outcome::default(),
        }
    }

    /// Key context: typing.
    fn context(&self) -> Context {
        Context::Text
    }

    /// The whole answer is the field: it is always being typed.
    fn pending_value(&self, _stored: Option<&Value>) -> Option<Value> {
        Some(Value::Text { text: self.text() })
    }

    fn typed_text(&self) -> Option<String> {
        Some(self.text())
    }

    fn typed_len(&self) -> Option<usize> {
        Some(self.field.len())
    }

    /// Lets the next draw place the view afresh after the box changed size.
    fn refit(&mut self) {
        refit(&mut self.field);
    }
}
