//! A list answer: short items added, edited, deleted and reordered, with undo of
//! list changes.

use super::field::{Field, clean_paste, edit_line, field_text, line_field};
use super::{Answering, Change, Intent, Opening, Outcome, Typing, moved};
use crate::answers::Value;
use crate::app::action::{Edit, Move};
use crate::app::{Context, Notice};

/// The non-empty lines of a paste, trimmed, with controls taken out.
fn pasted_lines(pasted: &str) -> Vec<String> {
    clean_paste(pasted, false)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A list exercise being answered.
#[derive(Debug)]
pub struct ListAnswer {
    /// The items as committed.
    pub items: Vec<String>,
    /// Their ids, in step with `items`: an id moves and goes with its item, so ratings
    /// follow it; a new item's is empty until it is stored (see [`ListAnswer::update`]).
    ids: Vec<String>,
    /// The highlighted row; `items.len()` is the "add an item" row.
    pub cursor: usize,
    /// The item being typed: which one (`None` for a new one) and its field.
    pub editing: Option<(Option<usize>, Field)>,
    /// Earlier versions of the items with their ids, newest last, for undo.
    undo: Vec<(Vec<String>, Vec<String>)>,
    /// The most items the exercise takes.
    max: Option<u32>,
}

impl ListAnswer {
    /// Opens the list on the stored items, the cursor on "add an item"; `max` is the
    /// most items the exercise takes.
    pub fn open(at: &Opening, max: Option<u32>) -> ListAnswer {
        let value = at.stored();
        let items = crate::answers::list_items(value).to_vec();
        let ids = value
            .and_then(Value::as_list)
            .map(|(_, ids)| ids.to_vec())
            .filter(|ids| ids.len() == items.len())
            .unwrap_or_else(|| vec![String::new(); items.len()]);
        ListAnswer {
            cursor: items.len(),
            items,
            ids,
            editing: None,
            undo: Vec::new(),
            max,
        }
    }

    /// The items (with their ids) with `text` put in place of item `which` (or added,
    /// for `None`, with no id yet); empty text removes the item or adds nothing.
    pub fn items_with(&self, which: Option<usize>, text: &str) -> (Vec<String>, Vec<String>) {
        let (mut items, mut ids) = (self.items.clone(), self.ids.clone());
        match which {
            Some(i) if i < items.len() => {
                if text.is_empty() {
                    items.remove(i);
                    ids.remove(i);
                } else {
                    // Reworded: the id stays.
                    items[i] = text.to_string();
                }
            }
            Some(_) | None if text.is_empty() => {}
            Some(_) | None => {
                items.push(text.to_string());
                ids.push(String::new());
            }
        }
        (items, ids)
    }

    /// Takes the ids the stored list gave to items added here (see
    /// [`crate::answers::Answers::set`]), when it holds the same items.
    fn adopt_ids(&mut self, stored: Option<&Value>) {
        if let Some((items, ids)) = stored.and_then(Value::as_list)
            && items == self.items.as_slice()
            && ids.len() == items.len()
            && self.ids.iter().any(String::is_empty)
        {
            self.ids = ids.to_vec();
        }
    }

    fn room(&self) -> bool {
        self.max.is_none_or(|m| self.items.len() < m as usize)
    }

    /// Replaces the items (and their ids), keeping the old ones for undo.
    fn set_items(&mut self, (items, ids): (Vec<String>, Vec<String>), out: &mut Outcome) {
        if items == self.items && ids == self.ids {
            return;
        }
        let items = std::mem::replace(&mut self.items, items);
        let ids = std::mem::replace(&mut self.ids, ids);
        self.undo.push((items, ids));
        out.change = Some(Change::Set(Value::List {
            items: self.items.clone(),
            ids: self.ids.clone(),
        }));
    }

    /// Handles a key while an item is being typed.
    fn update_field(&mut self, which: Option<usize>, mut field: Field, intent: Intent) -> Outcome {
        let mut out = Outcome::default();
        let done = match &intent {
            Intent::Move(Move::Select) => Some(true),
            Intent::Done => Some(false),
            Intent::Move(_) | Intent::Edit(_) => None,
        };
        if let Intent::Edit(Edit::Paste(pasted)) = &intent {
            let lines = pasted_lines(pasted);
            if lines.len() > 1 {
                return self.paste_items(which, field, lines);
            }
        }
        let Some(enter) = done else {
            if let Intent::Edit(edit) = intent
                && edit_line(&mut field, edit)
            {
                out.typing = Typing::Edited;
            }
            self.editing = Some((which, field));
            return out;
        };
        let text = field_text(&field).trim().to_string();
        let items = self.items_with(which, &text);
        self.cursor = which.map_or(items.0.len(), |i| i.min(items.0.len()));
        out.typing = Typing::Closed;
        self.set_items(items, &mut out);
        // Enter on a new item opens the next one: type, Enter, type, Enter.
        if enter && which.is_none() && !text.is_empty() {
            if self.room() {
                self.editing = Some((None, line_field("")));
            } else {
                // Say so, or the next letters typed would be taken as commands.
                out.notice = Some(Notice::ListNowFull {
                    max: self.max.unwrap_or(0),
                });
            }
        }
        out
    }

    /// A paste of several lines while item `which` is typed: what was typed stays the
    /// item it was (one undo step), and each pasted line becomes an item after it (a
    /// second step, so one undo takes the paste back and keeps the typing). A paste that
    /// would overfill the list changes nothing and says so.
    fn paste_items(&mut self, which: Option<usize>, field: Field, lines: Vec<String>) -> Outcome {
        let mut out = Outcome::default();
        let typed = field_text(&field).trim().to_string();
        let typed_kept = self.items_with(which, &typed);
        let room = self
            .max
            .map_or(usize::MAX, |m| (m as usize).saturating_sub(typed_kept.0.len()));
        if lines.len() > room {
            out.notice = Some(Notice::PasteOverflowsList {
                lines: lines.len(),
                room,
            });
            self.editing = Some((which, field));
            return out;
        }
        let at = match which {
            Some(i) if !typed.is_empty() => i + 1,
            Some(i) => i.min(typed_kept.0.len()),
            None => typed_kept.0.len(),
        };
        let n = lines.len();
        let (mut items, mut ids) = typed_kept.clone();
        items.splice(at..at, lines);
        ids.splice(at..at, std::iter::repeat_n(String::new(), n));
        if typed_kept.0 != self.items {
            out.typed_first = Some(Value::List {
                items: typed_kept.0.clone(),
                ids: typed_kept.1.clone(),
            });
            let items = std::mem::replace(&mut self.items, typed_kept.0);
            let ids = std::mem::replace(&mut self.ids, typed_kept.1);
            self.undo.push((items, ids));
        }
        self.set_items((items, ids), &mut out);
        self.cursor = at + n - 1;
        out.typing = Typing::Closed;
        out.notice = Some(Notice::PastedAsItems(n));
        out
    }

    /// Swaps the item under the cursor with the one at `to` (its id with it) and follows it.
    fn swap_with(&mut self, to: usize, out: &mut Outcome) {
        let (mut items, mut ids) = (self.items.clone(), self.ids.clone());
        items.swap(self.cursor, to);
        ids.swap(self.cursor, to);
        self.cursor = to;
        self.set_items((items, ids), out);
    }

    /// Opens a field for a new item at the end, or says the list is full.
    fn open_new(&mut self, out: &mut Outcome) {
        if self.room() {
            self.cursor = self.items.len();
            self.editing = Some((None, line_field("")));
        } else {
            out.notice = Some(Notice::ListFull {
                max: self.max.unwrap_or(0),
            });
        }
    }
}

impl Answering for ListAnswer {
    /// Key context: moving between items, or typing one.
    fn context(&self) -> Context {
        if self.editing.is_some() {
            Context::Field
        } else {
            Context::List
        }
    }

    /// The value the field being typed would give if committed now.
    fn pending_value(&self, _stored: Option<&Value>) -> Option<Value> {
        let (which, field) = self.editing.as_ref()?;
        let (items, ids) = self.items_with(*which, field_text(field).trim());
        Some(Value::List { items, ids })
    }

    fn typed_text(&self) -> Option<String> {
        self.editing.as_ref().map(|(_, f)| field_text(f))
    }

    fn cursor(&self) -> Option<usize> {
        Some(self.cursor)
    }

    /// The row after the items ("add an item") is the last one.
    fn set_cursor(&mut self, at: usize, _stored: Option<&Value>) {
        self.cursor = at.min(self.items.len());
    }

    fn typed_len(&self) -> Option<usize> {
        self.editing.as_ref().map(|(_, f)| f.len())
    }

    /// Handles one key; `stored` is the list as stored, which gave ids to the items
    /// added by the key before.
    fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        self.adopt_ids(stored);
        if let Some((which, field)) = self.editing.take() {
            return self.update_field(which, field, intent);
        }
        let mut out = Outcome::default();
        let n = self.items.len();
        let edit = match intent {
            Intent::Move(m) => {
                // The row after the items is "add an item".
                if let Some(to) = moved(self.cursor, m, n + 1) {
                    self.cursor = to;
                    return out;
                }
                match m {
                    Move::Select => Edit::EditItem,
                    Move::Up
                    | Move::Down
                    | Move::First
                    | Move::Last
                    | Move::Left
                    | Move::Right
                    | Move::Toggle
                    | Move::ScrollUp
                    | Move::ScrollDown
                    | Move::PageUp
                    | Move::PageDown => return out,
                }
            }
            Intent::Edit(e) => e,
            Intent::Done => return out,
        };
        match edit {
            Edit::AddItem => self.open_new(&mut out),
            Edit::EditItem if self.cursor == n => self.open_new(&mut out),
            Edit::EditItem => self.editing = Some((Some(self.cursor), line_field(&self.items[self.cursor]))),
            Edit::DeleteItem if self.cursor < n => {
                let (mut items, mut ids) = (self.items.clone(), self.ids.clone());
                let gone = items.remove(self.cursor);
                ids.remove(self.cursor);
                self.cursor = self.cursor.min(items.len());
                self.set_items((items, ids), &mut out);
                out.notice = Some(Notice::ItemDeleted(gone));
            }
            Edit::MoveItemUp if self.cursor > 0 && self.cursor < n => {
                self.swap_with(self.cursor - 1, &mut out);
            }
            Edit::MoveItemDown if self.cursor + 1 < n => {
                self.swap_with(self.cursor + 1, &mut out);
            }
            Edit::Undo => match self.undo.pop() {
                Some((items, ids)) => {
                    self.cursor = self.cursor.min(items.len());
                    self.items = items;
                    self.ids = ids;
                    out.change = Some(Change::Set(Value::List {
                        items: self.items.clone(),
                        ids: self.ids.clone(),
                    }));
                }
                None => out.notice = Some(Notice::NothingToUndo),
            },
            // At the ends of the list, or keys a list does not use.
            Edit::DeleteItem
            | Edit::MoveItemUp
            | Edit::MoveItemDown
            | Edit::Digit(_)
            | Edit::Clear
            | Edit::Type(_)
            | Edit::Paste(_)
            | Edit::Redo
            | Edit::ExternalEditor
            | Edit::NotApplicable
            | Edit::EditorDone(_) => {}
        }
        out
    }
}
