//! The project's own text editing core, for the answer box and one-line fields.
//!
//! Text is held as paragraphs (one `String` each), so an edit costs the edited
//! paragraph, not the answer. Each paragraph's rows are cached for the width last
//! drawn ([`layout`]) and wrapped by the app's one line-breaking rule ([`wrap`]).
//! Undo groups edits as people expect ([`history`]). Nothing here reads the clock
//! or the terminal: keys come in as [`Input`] stamped by the edge.

pub mod history;
pub mod input;
mod layout;
pub mod wrap;

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::time::Instant;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use history::{Change, Class, History};
pub use input::{Input, Key};
use layout::Layout;

/// A place in the text: paragraph, and byte offset in it (on a grapheme boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// The paragraph.
    pub para: usize,
    /// The byte offset in the paragraph.
    pub byte: usize,
}

/// Rows the mouse wheel moves the cursor by.
const WHEEL_ROWS: usize = 3;

/// A text being edited, with its cursor, undo history and view.
#[derive(Debug)]
pub struct Editor {
    paras: Vec<String>,
    cursor: Pos,
    /// The column Up and Down keep to, across shorter rows.
    goal: Option<usize>,
    history: History,
    single_line: bool,
    /// Rows per paragraph at the width last drawn (drawing lays out; edits keep it).
    layout: RefCell<Layout>,
    /// The first row shown (paragraph, row in it), as last drawn.
    top: Cell<(usize, usize)>,
    /// Rows shown, as last drawn.
    height: Cell<usize>,
}

/// What a draw shows: the visible rows, where the cursor is, and whether text is
/// hidden above or below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Each visible row: its paragraph and byte range in it.
    pub rows: Vec<(usize, Range<usize>)>,
    /// The cursor: row index in `rows` and the byte offset in its paragraph.
    pub cursor: Option<(usize, usize)>,
    /// Text is hidden above the first row.
    pub above: bool,
    /// Text is hidden below the last row.
    pub below: bool,
}

impl Editor {
    /// An editor on `text`, the cursor at its end. A single-line editor keeps its
    /// text on one line (newlines become spaces).
    pub fn new(text: &str, single_line: bool) -> Editor {
        let paras: Vec<String> = if single_line {
            vec![text.replace('\n', " ")]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let last = paras.len().saturating_sub(1);
        let cursor = Pos {
            para: last,
            byte: paras.get(last).map_or(0, String::len),
        };
        Editor {
            paras,
            cursor,
            goal: None,
            history: History::default(),
            single_line,
            layout: RefCell::new(Layout::default()),
            top: Cell::new((0, 0)),
            height: Cell::new(1),
        }
    }

    /// The text, paragraphs joined by newlines.
    pub fn text(&self) -> String {
        self.paras.join("\n")
    }

    /// The text's length in bytes, without joining it.
    pub fn len(&self) -> usize {
        self.paras.iter().map(String::len).sum::<usize>() + self.paras.len().saturating_sub(1)
    }

    /// The paragraphs.
    pub fn paragraphs(&self) -> &[String] {
        &self.paras
    }

    /// True when there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.paras.iter().all(String::is_empty)
    }

    /// The cursor.
    pub fn cursor(&self) -> Pos {
        self.cursor
    }

    /// Applies a key; true if the text changed.
    pub fn input(&mut self, input: &Input) -> bool {
        let now = input.at;
        let (ctrl, alt) = (input.ctrl, input.alt);
        match input.key {
            Key::Char(c) if !ctrl && !alt => {
                let class = if c == ' ' { Class::Space } else { Class::Word };
                self.type_str(&c.to_string(), class, now)
            }
            Key::Char('w') if ctrl => self.delete_word_back(now),
            Key::Char('h') if ctrl => self.delete_back(now),
            Key::Char('d') if ctrl => self.delete_forward(now),
            Key::Char('d') if alt => self.delete_word_forward(now),
            Key::Char('j') if ctrl => self.delete_to(self.line_start(), now),
            Key::Char('k') if ctrl => self.delete_to(self.line_end(), now),
            Key::Char('b') if alt => self.move_to(self.word_left()),
            Key::Char('f') if alt => self.move_to(self.word_right()),
            Key::Char('b') if ctrl => self.move_to(self.grapheme_left()),
            Key::Char('f') if ctrl => self.move_to(self.grapheme_right()),
            Key::Char('a') if ctrl => self.move_to(self.row_home()),
            Key::Char('<') if alt => self.move_to(Pos::default()),
            Key::Char('>') if alt => self.move_to(self.end()),
            Key::Char(_) => false,
            Key::Backspace if ctrl || alt => self.delete_word_back(now),
            Key::Backspace => self.delete_back(now),
            Key::Delete if ctrl || alt => self.delete_word_forward(now),
            Key::Delete => self.delete_forward(now),
            Key::Enter if self.single_line => false,
            Key::Enter => self.type_str("\n", Class::Alone, now),
            Key::Tab => {
                let col = self.paras[self.cursor.para][..self.cursor.byte].chars().count();
                self.type_str(&" ".repeat(4 - col % 4), Class::Space, now)
            }
            Key::Left if ctrl || alt => self.move_to(self.word_left()),
            Key::Right if ctrl || alt => self.move_to(self.word_right()),
            Key::Left => self.move_to(self.grapheme_left()),
            Key::Right => self.move_to(self.grapheme_right()),
            Key::Up => self.move_rows(-1),
            Key::Down => self.move_rows(1),
            Key::Home if ctrl => self.move_to(Pos::default()),
            Key::End if ctrl => self.move_to(self.end()),
            // A one-line field shows one row of itself at a time: Home and End go to
            // its ends, as in any one-line input.
            Key::Home if self.single_line => self.move_to(self.line_start()),
            Key::End if self.single_line => self.move_to(self.line_end()),
            Key::Home => self.move_to(self.row_home()),
            Key::End => self.move_to(self.row_end()),
            Key::PageUp => self.page(-1),
            Key::PageDown => self.page(1),
            Key::Esc | Key::Null => false,
        }
    }

    /// Pastes `text` (already cleaned) at the cursor as one undo step.
    pub fn paste(&mut self, text: &str, now: Option<Instant>) -> bool {
        let text = if self.single_line {
            std::borrow::Cow::Owned(text.replace('\n', " "))
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        self.type_str(&text, Class::Alone, now)
    }

    /// Replaces the whole text (the external editor's result) as one undo step.
    pub fn replace_all(&mut self, text: &str) -> bool {
        if text == self.text() {
            return false;
        }
        self.history.seal();
        self.edit(Pos::default(), self.end(), text, Class::Alone, None);
        true
    }

    /// Undoes the last step; false if there was none.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.history.undo().map(<[Change]>::to_vec) else {
            return false;
        };
        for c in step.iter().rev() {
            let end = advance(c.at, &c.inserted);
            self.splice(c.at, end, &c.removed);
            self.cursor = c.before;
        }
        self.goal = None;
        true
    }

    /// Redoes the last undone step; false if there was none.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.history.redo().map(<[Change]>::to_vec) else {
            return false;
        };
        for c in &step {
            let end = advance(c.at, &c.removed);
            self.splice(c.at, end, &c.inserted);
            self.cursor = c.after;
        }
        self.goal = None;
        true
    }

    /// Moves by a page of rows (as last drawn) up (`-1`) or down (`1`).
    pub fn page(&mut self, pages: i64) -> bool {
        let step = self.height.get().saturating_sub(1).max(1) as i64;
        self.move_rows(step * pages)
    }

    /// The mouse wheel: the cursor moves a few rows up (`-1`) or down (`1`).
    pub fn wheel(&mut self, dir: i64) -> bool {
        self.move_rows(dir * WHEEL_ROWS as i64)
    }

    /// Lays the text out for a box of `width` x `height` and scrolls so the cursor is
    /// in view and the box is filled; records both for paging. Called while drawing.
    pub fn view(&self, width: usize, height: usize) -> View {
        let height = height.max(1);
        let mut layout = self.layout.borrow_mut();
        layout.ensure(&self.paras, width);
        self.height.set(height);
        let lay = &*layout;
        let cur = self.row_of(lay, self.cursor);
        let mut top = self.top.get();
        if top.0 >= self.paras.len() || top.1 >= lay.starts(top.0).len() {
            top = (0, 0);
        }
        if cur < top {
            top = cur;
        } else {
            // Scroll down just far enough to show the cursor's row at the bottom.
            let mut rows = std::collections::VecDeque::from([top]);
            let mut at = top;
            while at != cur {
                let Some(next) = self.next_row(lay, at) else { break };
                at = next;
                rows.push_back(at);
                if rows.len() > height {
                    rows.pop_front();
                }
            }
            top = rows.front().copied().unwrap_or(top);
        }
        // Keep the box filled: no blank rows below while text is hidden above.
        let mut shown = 1;
        let mut last = top;
        while shown < height {
            match self.next_row(lay, last) {
                Some(n) => last = n,
                None => break,
            }
            shown += 1;
        }
        while shown < height {
            match self.prev_row(lay, top) {
                Some(p) => top = p,
                None => break,
            }
            shown += 1;
        }
        self.top.set(top);
        let mut rows = Vec::with_capacity(height);
        let mut at = Some(top);
        let mut cursor = None;
        while let Some(r) = at.filter(|_| rows.len() < height) {
            if r == cur {
                cursor = Some((rows.len(), self.cursor.byte));
            }
            rows.push((r.0, self.row_range(lay, r)));
            at = self.next_row(lay, r);
        }
        View {
            rows,
            cursor,
            above: top != (0, 0),
            below: at.is_some(),
        }
    }

    /// Lets the next draw place the view afresh: it keeps the cursor in view and
    /// the box filled whatever its new size, so only the remembered top goes.
    pub fn refit(&mut self) {
        self.top.set((0, 0));
    }

    // ---- editing ----

    fn type_str(&mut self, text: &str, class: Class, now: Option<Instant>) -> bool {
        if text.is_empty() {
            return false;
        }
        self.edit(self.cursor, self.cursor, text, class, now);
        true
    }

    fn delete_back(&mut self, now: Option<Instant>) -> bool {
        let to = self.grapheme_left();
        self.delete_range(to, self.cursor, Class::DeleteBack, now)
    }

    fn delete_forward(&mut self, now: Option<Instant>) -> bool {
        let to = self.grapheme_right();
        self.delete_range(self.cursor, to, Class::DeleteForward, now)
    }

    fn delete_word_back(&mut self, now: Option<Instant>) -> bool {
        let to = self.word_left();
        self.delete_range(to, self.cursor, Class::Alone, now)
    }

    fn delete_word_forward(&mut self, now: Option<Instant>) -> bool {
        let to = self.word_right();
        self.delete_range(self.cursor, to, Class::Alone, now)
    }

    fn delete_to(&mut self, to: Pos, now: Option<Instant>) -> bool {
        let (a, b) = if to < self.cursor {
            (to, self.cursor)
        } else {
            (self.cursor, to)
        };
        self.delete_range(a, b, Class::Alone, now)
    }

    fn delete_range(&mut self, start: Pos, end: Pos, class: Class, now: Option<Instant>) -> bool {
        if start >= end {
            return false;
        }
        self.edit(start, end, "", class, now);
        true
    }

    /// Replaces `start..end` with `text`, recorded for undo; the cursor ends after it.
    fn edit(&mut self, start: Pos, end: Pos, text: &str, class: Class, now: Option<Instant>) {
        let before = self.cursor;
        let removed = self.splice(start, end, text);
        let after = advance(start, text);
        self.cursor = after;
        self.goal = None;
        let change = Change {
            at: start,
            removed,
            inserted: text.to_string(),
            before,
            after,
        };
        self.history.record(change, class, now);
    }

    /// Replaces `start..end` with `text` (no history); returns what was removed.
    fn splice(&mut self, start: Pos, end: Pos, text: &str) -> String {
        let last = self.paras.len().saturating_sub(1);
        let start = self.clamp(start);
        let end = self.clamp(end).max(start);
        let layout = self.layout.get_mut();
        if start.para == end.para && !text.contains('\n') {
            // The common case, a change inside one paragraph: O(that paragraph).
            let p = &mut self.paras[start.para];
            let removed = p[start.byte..end.byte].to_string();
            p.replace_range(start.byte..end.byte, text);
            layout.edited(start.para, start.byte, removed.len(), text.len(), p);
            return removed;
        }
        let mut removed = String::new();
        for p in start.para..=end.para.min(last) {
            let s = if p == start.para { start.byte } else { 0 };
            let e = if p == end.para {
                end.byte
            } else {
                self.paras[p].len()
            };
            if p > start.para {
                removed.push('\n');
            }
            removed.push_str(&self.paras[p][s..e]);
        }
        let head = &self.paras[start.para][..start.byte];
        let tail = &self.paras[end.para][end.byte..];
        let mut new: Vec<String> = text.split('\n').map(str::to_string).collect();
        if let Some(first) = new.first_mut() {
            first.insert_str(0, head);
        }
        if let Some(l) = new.last_mut() {
            l.push_str(tail);
        }
        layout.spliced(start.para, end.para - start.para + 1, &new);
        self.paras.splice(start.para..=end.para, new);
        removed
    }

    /// `pos` made valid: inside the text and on a character boundary.
    fn clamp(&self, pos: Pos) -> Pos {
        let para = pos.para.min(self.paras.len().saturating_sub(1));
        let p = self.paras.get(para).map_or("", String::as_str);
        let mut byte = pos.byte.min(p.len());
        while !p.is_char_boundary(byte) {
            byte -= 1;
        }
        Pos { para, byte }
    }

    // ---- moves ----

    fn move_to(&mut self, pos: Pos) -> bool {
        if pos != self.cursor {
            self.history.seal();
        }
        self.cursor = pos;
        self.goal = None;
        false
    }

    fn end(&self) -> Pos {
        let para = self.paras.len().saturating_sub(1);
        Pos {
            para,
            byte: self.paras.get(para).map_or(0, String::len),
        }
    }

    fn grapheme_left(&self) -> Pos {
        let Pos { para, byte } = self.cursor;
        match self.paras[para][..byte].graphemes(true).next_back() {
            Some(g) => Pos {
                para,
                byte: byte - g.len(),
            },
            None if para > 0 => Pos {
                para: para - 1,
                byte: self.paras[para - 1].len(),
            },
            None => self.cursor,
        }
    }

    fn grapheme_right(&self) -> Pos {
        let Pos { para, byte } = self.cursor;
        match self.paras[para][byte..].graphemes(true).next() {
            Some(g) => Pos {
                para,
                byte: byte + g.len(),
            },
            None if para + 1 < self.paras.len() => Pos {
                para: para + 1,
                byte: 0,
            },
            None => self.cursor,
        }
    }

    /// The start of the word before the cursor (or of the paragraph's end before it).
    fn word_left(&self) -> Pos {
        let Pos { para, byte } = self.cursor;
        let before = &self.paras[para][..byte];
        if before.is_empty() {
            return self.grapheme_left();
        }
        let mut at = byte;
        let mut seen_word = false;
        for (i, c) in before.char_indices().rev() {
            let word = c.is_alphanumeric() || c == '\'' || c == '’';
            if seen_word && !word {
                break;
            }
            seen_word |= word;
            at = i;
        }
        Pos { para, byte: at }
    }

    /// The end of the word after the cursor (or the next paragraph's start).
    fn word_right(&self) -> Pos {
        let Pos { para, byte } = self.cursor;
        let after = &self.paras[para][byte..];
        if after.is_empty() {
            return self.grapheme_right();
        }
        let mut at = self.paras[para].len();
        let mut seen_word = false;
        for (i, c) in after.char_indices() {
            let word = c.is_alphanumeric() || c == '\'' || c == '’';
            if seen_word && !word {
                at = byte + i;
                break;
            }
            seen_word |= word;
        }
        Pos { para, byte: at }
    }

    /// The start of the paragraph (Ctrl+J deletes back to it).
    fn line_start(&self) -> Pos {
        Pos {
            para: self.cursor.para,
            byte: 0,
        }
    }

    /// The end of the paragraph (Ctrl+K deletes up to it).
    fn line_end(&self) -> Pos {
        Pos {
            para: self.cursor.para,
            byte: self.paras[self.cursor.para].len(),
        }
    }

    fn row_home(&self) -> Pos {
        let lay = self.layout.borrow();
        let (para, row) = self.row_of(&lay, self.cursor);
        Pos {
            para,
            byte: lay.starts(para)[row],
        }
    }

    /// The end of the cursor's visual row: before its last grapheme when the row
    /// wraps, since the row's end is where the next row starts.
    fn row_end(&self) -> Pos {
        let lay = self.layout.borrow();
        let r = self.row_of(&lay, self.cursor);
        let range = self.row_range(&lay, r);
        let p = &self.paras[r.0];
        let byte = if range.end == p.len() {
            range.end
        } else {
            let last = p[range.clone()].graphemes(true).next_back().map_or(0, str::len);
            range.end - last
        };
        Pos { para: r.0, byte }
    }

    /// Moves `n` visual rows down (up if negative), keeping the column.
    fn move_rows(&mut self, n: i64) -> bool {
        let target = {
            let lay = self.layout.borrow();
            let start = self.row_of(&lay, self.cursor);
            let col = self.goal.unwrap_or_else(|| {
                let range = self.row_range(&lay, start);
                self.paras[start.0][range.start..self.cursor.byte].width()
            });
            let mut at = start;
            for _ in 0..n.unsigned_abs() {
                let step = if n < 0 {
                    self.prev_row(&lay, at)
                } else {
                    self.next_row(&lay, at)
                };
                match step {
                    Some(s) => at = s,
                    None => break,
                }
            }
            let pos = if at == start {
                // Already on the first or last row: go to its start or end.
                if n < 0 {
                    Pos {
                        para: at.0,
                        byte: self.row_range(&lay, at).start,
                    }
                } else {
                    self.cursor_at_row_end(&lay, at)
                }
            } else {
                self.at_column(&lay, at, col)
            };
            (pos, col)
        };
        if target.0 != self.cursor {
            self.history.seal();
        }
        self.cursor = target.0;
        self.goal = Some(target.1);
        false
    }

    fn cursor_at_row_end(&self, lay: &Layout, r: (usize, usize)) -> Pos {
        let range = self.row_range(lay, r);
        if range.end == self.paras[r.0].len() {
            Pos {
                para: r.0,
                byte: range.end,
            }
        } else {
            self.cursor
        }
    }

    /// The place in row `r` nearest column `col` (never past the row's end).
    fn at_column(&self, lay: &Layout, r: (usize, usize), col: usize) -> Pos {
        let range = self.row_range(lay, r);
        let p = &self.paras[r.0];
        let wraps = range.end < p.len();
        let mut byte = range.start;
        let mut w = 0;
        for g in p[range.clone()].graphemes(true) {
            let gw = g.width();
            if w + gw > col || (wraps && byte + g.len() >= range.end) {
                break;
            }
            w += gw;
            byte += g.len();
        }
        Pos { para: r.0, byte }
    }

    // ---- rows ----

    /// The row (paragraph, row in it) that shows `pos`.
    fn row_of(&self, lay: &Layout, pos: Pos) -> (usize, usize) {
        let starts = lay.starts(pos.para);
        (
            pos.para,
            starts.partition_point(|&s| s <= pos.byte).saturating_sub(1),
        )
    }

    fn row_range(&self, lay: &Layout, (p, r): (usize, usize)) -> Range<usize> {
        let starts = lay.starts(p);
        let len = self.paras.get(p).map_or(0, String::len);
        let start = starts.get(r).copied().unwrap_or(len).min(len);
        let end = starts.get(r + 1).copied().unwrap_or(len).min(len);
        start..end
    }

    fn next_row(&self, lay: &Layout, (p, r): (usize, usize)) -> Option<(usize, usize)> {
        if r + 1 < lay.starts(p).len() {
            Some((p, r + 1))
        } else if p + 1 < self.paras.len() {
            Some((p + 1, 0))
        } else {
            None
        }
    }

    fn prev_row(&self, lay: &Layout, (p, r): (usize, usize)) -> Option<(usize, usize)> {
        if r > 0 {
            Some((p, r - 1))
        } else if p > 0 {
            Some((p - 1, lay.starts(p - 1).len().saturating_sub(1)))
        } else {
            None
        }
    }
}

/// Where `text` inserted at `at` ends.
fn advance(at: Pos, text: &str) -> Pos {
    match text.rfind('\n') {
        None => Pos {
            para: at.para,
            byte: at.byte + text.len(),
        },
        Some(i) => Pos {
            para: at.para + text.matches('\n').count(),
            byte: text.len() - i - 1,
        },
    }
}

#[cfg(test)]
mod tests;
