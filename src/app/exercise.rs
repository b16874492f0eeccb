//! Updates on an exercise screen, per exercise kind.

use ratatui_textarea::{Input, Key};

use super::editor::{Editor, ListEditor, field_text, grapheme_key, line_field};
use super::{Action, App, EditorPair, Effect, moved};
use crate::answers::{Value, now_utc};
use crate::content::Kind;

/// Drops control characters from pasted text (they could drive the terminal);
/// tabs become spaces, and single-line fields get spaces for newlines.
fn clean_paste(s: &str, single_line: bool) -> String {
    let s = crate::present::clean(s);
    if single_line { s.replace('\n', " ") } else { s }
}

impl App {
    pub(super) fn update_exercise(&mut self, c: usize, e: usize, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::ToggleHint => {
                self.show_hint = !self.show_hint;
                if let Some(Editor::Text(ta)) = &mut self.editor {
                    super::editor::refit(ta);
                }
                return;
            }
            Action::TogglePrivate => {
                self.commit(fx);
                let ch = &self.workbook.chapters[c];
                match self.answers.toggle_private(&ch.id, &ch.exercises[e], now_utc()) {
                    Some(true) => self.notice = Some(crate::ui::text::PRIVATE_ON.to_string()),
                    Some(false) => self.notice = Some(crate::ui::text::PRIVATE_OFF.to_string()),
                    None => self.notice = Some(crate::ui::text::PRIVATE_NEEDS_VALUE.to_string()),
                }
                fx.push(Effect::Save);
                return;
            }
            _ => {}
        }
        let kind = self.workbook.chapters[c].exercises[e].kind.clone();
        let Some(editor) = self.editor.take() else { return };
        let editor = match (editor, &kind) {
            (Editor::Text(ta), _) => Editor::Text(self.update_text(ta, action, fx)),
            (Editor::List(l), Kind::List { max, .. }) => {
                Editor::List(self.update_list(c, e, l, *max, action, fx))
            }
            (
                Editor::Choice {
                    cursor,
                    other,
                    mut draft,
                },
                Kind::Choice {
                    options,
                    other: has_other,
                },
            ) => {
                let (cursor, other) =
                    self.update_choice(c, e, (cursor, &mut draft), other, options, *has_other, action, fx);
                Editor::Choice { cursor, other, draft }
            }
            (Editor::Checklist { cursor }, Kind::Checklist { options }) => Editor::Checklist {
                cursor: self.update_checklist(c, e, cursor, options, action, fx),
            },
            (Editor::Scale { pending_digit }, Kind::Scale { min, max, .. }) => Editor::Scale {
                pending_digit: self.update_scale(c, e, pending_digit, *min, *max, action, fx),
            },
            (other, _) => other,
        };
        self.editor = Some(editor);
    }

    /// Stores a committed value for exercise (c, e) and asks for a save.
    fn store(&mut self, c: usize, e: usize, value: Value, fx: &mut Vec<Effect>) {
        let ch = &self.workbook.chapters[c];
        self.answers.set(&ch.id, &ch.exercises[e].id, value, now_utc());
        fx.push(Effect::Save);
    }

    fn stored(&self, c: usize, e: usize) -> Option<&Value> {
        let ch = &self.workbook.chapters[c];
        self.answers.get(&ch.id, &ch.exercises[e].id).map(|a| &a.value)
    }

    fn update_text(
        &mut self,
        mut ta: ratatui_textarea::TextArea<'static>,
        action: Action,
        fx: &mut Vec<Effect>,
    ) -> ratatui_textarea::TextArea<'static> {
        let scroll = match action {
            Action::ScrollUp => Some(Key::MouseScrollUp),
            Action::ScrollDown => Some(Key::MouseScrollDown),
            Action::PageUp => Some(Key::PageUp),
            Action::PageDown => Some(Key::PageDown),
            _ => None,
        };
        if let Some(key) = scroll {
            // Scrolling moves the view (and maybe the cursor), never the text.
            ta.input(Input {
                key,
                ..Input::default()
            });
            return ta;
        }
        if !matches!(action, Action::Undo | Action::Redo | Action::EditorDone(_)) {
            self.editor_pair = EditorPair::None;
        }
        let edited = match action {
            Action::Type(input) => grapheme_key(&mut ta, &input).unwrap_or_else(|| ta.input(input)),
            Action::Paste(s) => ta.insert_str(clean_paste(&s, false)),
            Action::Undo => {
                let pair = self.editor_pair == EditorPair::Undo;
                self.editor_pair = if pair { EditorPair::Redo } else { EditorPair::None };
                ta.undo() | (pair && ta.undo())
            }
            Action::Redo => {
                let pair = self.editor_pair == EditorPair::Redo;
                self.editor_pair = if pair { EditorPair::Undo } else { EditorPair::None };
                ta.redo() | (pair && ta.redo())
            }
            Action::ExternalEditor => {
                fx.push(Effect::ExternalEditor(field_text(&ta)));
                false
            }
            Action::EditorDone(Ok(text)) => {
                let text = clean_paste(&text, false);
                let text = text.strip_suffix('\n').unwrap_or(&text);
                if text != field_text(&ta) {
                    // One undoable step, so Ctrl+Z brings the old text back.
                    ta.select_all();
                    ta.cut();
                    ta.insert_str(text);
                    self.editor_pair = EditorPair::Undo;
                    true
                } else {
                    false
                }
            }
            Action::EditorDone(Err(msg)) => {
                self.notice = Some(msg);
                false
            }
            _ => false,
        };
        if edited {
            self.text_dirty = true;
            fx.push(Effect::TextEdited);
        }
        ta
    }

    /// Applies a typing action to a one-line field; true if its text changed.
    fn edit_field(
        &mut self,
        field: &mut ratatui_textarea::TextArea<'static>,
        action: Action,
        fx: &mut Vec<Effect>,
    ) -> bool {
        let changed = match action {
            // A one-line field has no newlines: Enter is handled by the caller.
            Action::Type(Input { key: Key::Enter, .. }) => false,
            Action::Type(input) => grapheme_key(field, &input).unwrap_or_else(|| field.input(input)),
            Action::Paste(s) => field.insert_str(clean_paste(&s, true)),
            Action::Undo => field.undo(),
            Action::Redo => field.redo(),
            _ => false,
        };
        if changed {
            fx.push(Effect::TextEdited);
        }
        changed
    }

    /// Replaces a list's items, keeping the old ones for undo, and stores them if they changed.
    fn set_items(
        &mut self,
        c: usize,
        e: usize,
        l: &mut ListEditor,
        items: Vec<String>,
        fx: &mut Vec<Effect>,
    ) {
        if items == l.items {
            return;
        }
        l.undo.push(std::mem::replace(&mut l.items, items));
        let value = Value::List {
            items: l.items.clone(),
        };
        if self.stored(c, e) != Some(&value) {
            self.store(c, e, value, fx);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn update_list(
        &mut self,
        c: usize,
        e: usize,
        mut l: ListEditor,
        max: Option<u32>,
        action: Action,
        fx: &mut Vec<Effect>,
    ) -> ListEditor {
        let full = max.is_some_and(|m| l.items.len() >= m as usize);
        if let Some((which, mut field)) = l.editing.take() {
            match action {
                Action::Select | Action::Back => {
                    let text = field_text(&field).trim().to_string();
                    let items = l.items_with(which, &text);
                    l.cursor = which.map_or(items.len(), |i| i.min(items.len()));
                    self.text_dirty = false;
                    self.set_items(c, e, &mut l, items, fx);
                    // Enter on a new item opens the next one: type, Enter, type, Enter.
                    let room = max.is_none_or(|m| l.items.len() < m as usize);
                    if action == Action::Select && which.is_none() && !text.is_empty() {
                        if room {
                            l.editing = Some((None, line_field("")));
                        } else {
                            // Say so, or the next letters typed would be taken as commands.
                            self.notice = Some(crate::ui::text::list_now_full(max.unwrap_or(0)));
                        }
                    }
                }
                action => {
                    if self.edit_field(&mut field, action, fx) {
                        self.text_dirty = true;
                    }
                    l.editing = Some((which, field));
                }
            }
            return l;
        }
        let n = l.items.len();
        // The row after the items is "add an item".
        if let Some(to) = moved(l.cursor, &action, n + 1) {
            l.cursor = to;
            return l;
        }
        match action {
            Action::AddItem | Action::Select | Action::EditItem
                if l.cursor == n || action == Action::AddItem =>
            {
                if full {
                    self.notice = Some(crate::ui::text::list_full(max.unwrap_or(0)));
                } else {
                    l.cursor = n;
                    l.editing = Some((None, line_field("")));
                }
            }
            Action::Select | Action::EditItem => {
                l.editing = Some((Some(l.cursor), line_field(&l.items[l.cursor])))
            }
            Action::DeleteItem if l.cursor < n => {
                let mut items = l.items.clone();
                let gone = items.remove(l.cursor);
                l.cursor = l.cursor.min(items.len());
                self.set_items(c, e, &mut l, items, fx);
                self.notice = Some(crate::ui::text::item_deleted(&gone));
            }
            Action::MoveItemUp if l.cursor > 0 && l.cursor < n => {
                let mut items = l.items.clone();
                items.swap(l.cursor, l.cursor - 1);
                l.cursor -= 1;
                self.set_items(c, e, &mut l, items, fx);
            }
            Action::MoveItemDown if l.cursor + 1 < n => {
                let mut items = l.items.clone();
                items.swap(l.cursor, l.cursor + 1);
                l.cursor += 1;
                self.set_items(c, e, &mut l, items, fx);
            }
            Action::Undo => match l.undo.pop() {
                Some(items) => {
                    l.cursor = l.cursor.min(items.len());
                    l.items = items;
                    let value = Value::List {
                        items: l.items.clone(),
                    };
                    self.store(c, e, value, fx);
                }
                None => self.notice = Some(crate::ui::text::NOTHING_TO_UNDO.to_string()),
            },
            _ => {}
        }
        l
    }

    #[allow(clippy::too_many_arguments)]
    fn update_choice(
        &mut self,
        c: usize,
        e: usize,
        (cursor, draft): (usize, &mut String),
        other: Option<ratatui_textarea::TextArea<'static>>,
        options: &[String],
        has_other: bool,
        action: Action,
        fx: &mut Vec<Effect>,
    ) -> (usize, Option<ratatui_textarea::TextArea<'static>>) {
        let rows = options.len() + usize::from(has_other);
        if let Some(mut field) = other {
            match action {
                Action::Select | Action::Back => {
                    self.text_dirty = false;
                    let text = field_text(&field).trim().to_string();
                    let other_picked =
                        matches!(self.stored(c, e), Some(Value::Choice { other: Some(_), .. }));
                    let value = match (text.is_empty(), other_picked) {
                        (false, _) => Some(Value::Choice {
                            option: None,
                            other: Some(text),
                        }),
                        // Emptied: "other" is no longer picked.
                        (true, true) => Some(Value::Choice {
                            option: None,
                            other: None,
                        }),
                        // Opened and left empty: an earlier pick stays as it was.
                        (true, false) => None,
                    };
                    if let Some(value) = value
                        && self.stored(c, e) != Some(&value)
                    {
                        self.store(c, e, value, fx);
                    }
                    return (cursor, None);
                }
                action => {
                    if self.edit_field(&mut field, action, fx) {
                        self.text_dirty = true;
                    }
                }
            }
            return (cursor, Some(field));
        }
        if let Some(to) = moved(cursor, &action, rows) {
            return (to, None);
        }
        match action {
            Action::Select | Action::Toggle => {
                if cursor < options.len() {
                    // Picking an option sets an "other" text aside rather than losing it.
                    if let Some(Value::Choice { other: Some(o), .. }) = self.stored(c, e) {
                        *draft = o.clone();
                    }
                    let value = Value::Choice {
                        option: Some(options[cursor].clone()),
                        other: None,
                    };
                    self.store(c, e, value, fx);
                } else if has_other {
                    let current = match self.stored(c, e) {
                        Some(Value::Choice { other: Some(o), .. }) => o.clone(),
                        _ => draft.clone(),
                    };
                    return (cursor, Some(line_field(&current)));
                }
            }
            _ => {}
        }
        (cursor, None)
    }

    fn update_checklist(
        &mut self,
        c: usize,
        e: usize,
        cursor: usize,
        options: &[String],
        action: Action,
        fx: &mut Vec<Effect>,
    ) -> usize {
        if let Some(to) = moved(cursor, &action, options.len()) {
            return to;
        }
        match action {
            Action::Toggle | Action::Select => {
                let mut ticked = match self.stored(c, e) {
                    Some(Value::Checklist { ticked }) => ticked.clone(),
                    _ => Vec::new(),
                };
                let opt = &options[cursor];
                match ticked.iter().position(|t| t == opt) {
                    Some(i) => {
                        ticked.remove(i);
                    }
                    None => ticked.push(opt.clone()),
                }
                // Keep ticks in the order of the options; unknown old ticks stay at the end.
                ticked.sort_by_key(|t| options.iter().position(|o| o == t).unwrap_or(usize::MAX));
                self.store(c, e, Value::Checklist { ticked }, fx);
                cursor
            }
            _ => cursor,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn update_scale(
        &mut self,
        c: usize,
        e: usize,
        pending: Option<i64>,
        min: i64,
        max: i64,
        action: Action,
        fx: &mut Vec<Effect>,
    ) -> Option<i64> {
        let current = match self.stored(c, e) {
            Some(Value::Scale { value }) => Some(*value),
            _ => None,
        };
        let mid = min + (max - min) / 2;
        let new = match action {
            Action::Left => Some(current.map_or(mid, |v| (v - 1).clamp(min, max))),
            Action::Right => Some(current.map_or(mid, |v| (v + 1).clamp(min, max))),
            Action::First => Some(min),
            Action::Last => Some(max),
            Action::Clear => {
                if current.is_some() {
                    let ch = &self.workbook.chapters[c];
                    self.answers.remove(&ch.id, &ch.exercises[e].id);
                    fx.push(Effect::Save);
                }
                return None;
            }
            Action::Select | Action::Toggle if current.is_none() => Some(mid),
            Action::Digit(d) => {
                let d = i64::from(d);
                let joined = pending.map(|p| p * 10 + d).filter(|v| (min..=max).contains(v));
                let v = joined.or(Some(d).filter(|v| (min..=max).contains(v)));
                if let Some(v) = v {
                    self.store(c, e, Value::Scale { value: v }, fx);
                }
                return v;
            }
            _ => None,
        };
        if let Some(v) = new
            && Some(v) != current
        {
            self.store(c, e, Value::Scale { value: v }, fx);
        }
        None
    }
}
