//! Editing state of the exercise on screen, one shape per exercise kind.
//!
//! Text being typed lives in a `TextArea` until it is committed (on leaving the
//! exercise, when typing pauses, on quit), so a keystroke never copies the
//! whole answer. Picks, ticks and list changes are committed at once.

use ratatui_textarea::{CursorMove, DataCursor, Input, Key, TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;

use crate::answers::Value;
use crate::content::{Exercise, Kind};

/// The editing state of one exercise.
#[derive(Debug)]
pub enum Editor {
    /// A multi-line text answer.
    Text(TextArea<'static>),
    /// A list of short items.
    List(ListEditor),
    /// A single choice; `cursor` may point one past the options, at "other".
    Choice {
        /// The highlighted row.
        cursor: usize,
        /// The "other, namely ..." field, when it is being typed in.
        other: Option<TextArea<'static>>,
        /// "Other" text set aside when another option was picked, offered again
        /// if "other" is picked again this session.
        draft: String,
    },
    /// A checklist.
    Checklist {
        /// The highlighted row.
        cursor: usize,
    },
    /// A scale.
    Scale {
        /// A digit typed just before, so "1" then "0" gives 10.
        pending_digit: Option<i64>,
    },
}

/// A list exercise being edited.
#[derive(Debug)]
pub struct ListEditor {
    /// The items as committed.
    pub items: Vec<String>,
    /// The highlighted row; `items.len()` is the "add an item" row.
    pub cursor: usize,
    /// The item being typed: which one (`None` for a new one) and its field.
    pub editing: Option<(Option<usize>, TextArea<'static>)>,
    /// Earlier versions of the items, newest last, for undo.
    pub undo: Vec<Vec<String>>,
}

impl ListEditor {
    /// The items with `text` put in place of item `which` (or added, for `None`);
    /// empty text removes the item or adds nothing.
    pub fn items_with(&self, which: Option<usize>, text: &str) -> Vec<String> {
        let mut items = self.items.clone();
        match which {
            Some(i) if i < items.len() => {
                if text.is_empty() {
                    items.remove(i);
                } else {
                    items[i] = text.to_string();
                }
            }
            _ if text.is_empty() => {}
            _ => items.push(text.to_string()),
        }
        items
    }
}

/// A text area set up the way every answer field in the app is.
pub fn text_area(text: &str) -> TextArea<'static> {
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

/// Lets the next draw place the view afresh after the box changed size (hint
/// shown or hidden, terminal resized): the view goes back to the top, and the
/// cursor, which that would drag along, is put back where it was. The draw then
/// scrolls only as far as the cursor needs, so no rows are left blank.
pub fn refit(ta: &mut TextArea<'static>) {
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
pub fn grapheme_key(ta: &mut TextArea<'static>, input: &Input) -> Option<bool> {
    if input.ctrl || input.alt || ta.is_selecting() {
        return None;
    }
    let DataCursor(row, col) = ta.cursor();
    let line = ta.lines().get(row)?;
    let split = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let (before, after) = line.split_at(split);
    let last = || before.graphemes(true).next_back().map(|g| g.chars().count());
    let next = || after.graphemes(true).next().map(|g| g.chars().count());
    let back = |ta: &mut TextArea<'static>, n: usize| (0..n).for_each(|_| ta.move_cursor(CursorMove::Back));
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

/// A one-line field (list items, "other" text).
pub fn line_field(text: &str) -> TextArea<'static> {
    text_area(&text.replace('\n', " "))
}

/// The text of a field, lines joined by newlines.
pub fn field_text(ta: &TextArea) -> String {
    ta.lines().join("\n")
}

impl Editor {
    /// Editing state for `ex`, from its stored value (if any).
    pub fn new(ex: &Exercise, value: Option<&Value>) -> Editor {
        match &ex.kind {
            Kind::Text => {
                let text = match value {
                    Some(Value::Text { text }) => text.as_str(),
                    _ => "",
                };
                Editor::Text(text_area(text))
            }
            Kind::List { .. } => {
                let items = match value {
                    Some(Value::List { items }) => items.clone(),
                    _ => Vec::new(),
                };
                let cursor = items.len();
                Editor::List(ListEditor {
                    items,
                    cursor,
                    editing: None,
                    undo: Vec::new(),
                })
            }
            Kind::Choice { options, .. } => {
                let cursor = match value {
                    Some(Value::Choice { option: Some(o), .. }) => {
                        options.iter().position(|x| x == o).unwrap_or(0)
                    }
                    Some(Value::Choice { other: Some(_), .. }) => options.len(),
                    _ => 0,
                };
                Editor::Choice {
                    cursor,
                    other: None,
                    draft: String::new(),
                }
            }
            Kind::Checklist { .. } => Editor::Checklist { cursor: 0 },
            Kind::Scale { .. } => Editor::Scale { pending_digit: None },
        }
    }

    /// True while a text field has the keyboard, so letters are text, not commands.
    pub fn is_typing(&self) -> bool {
        match self {
            Editor::Text(_) => true,
            Editor::List(l) => l.editing.is_some(),
            Editor::Choice { other, .. } => other.is_some(),
            _ => false,
        }
    }

    /// The field being typed in, if any.
    pub fn field_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self {
            Editor::Text(ta) => Some(ta),
            Editor::List(ListEditor {
                editing: Some((_, ta)),
                ..
            }) => Some(ta),
            Editor::Choice { other: Some(ta), .. } => Some(ta),
            _ => None,
        }
    }

    /// The value the fields being typed in would give if committed now, or `None`
    /// when nothing is being typed. `stored` supplies the parts not being typed.
    pub fn pending_value(&self, stored: Option<&Value>) -> Option<Value> {
        match self {
            Editor::Text(ta) => Some(Value::Text { text: field_text(ta) }),
            Editor::List(l) => {
                let (which, field) = l.editing.as_ref()?;
                Some(Value::List {
                    items: l.items_with(*which, field_text(field).trim()),
                })
            }
            Editor::Choice {
                other: Some(field), ..
            } => {
                let text = field_text(field).trim().to_string();
                if text.is_empty() {
                    // Emptied: unpick "other" if it was picked, as Enter does; else nothing to store.
                    let picked = matches!(stored, Some(Value::Choice { other: Some(_), .. }));
                    return picked.then_some(Value::Choice {
                        option: None,
                        other: None,
                    });
                }
                Some(Value::Choice {
                    option: None,
                    other: Some(text),
                })
            }
            _ => None,
        }
    }

    /// True when the field being typed in is a single line.
    pub fn is_single_line(&self) -> bool {
        !matches!(self, Editor::Text(_))
    }
}
