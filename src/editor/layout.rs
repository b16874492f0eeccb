//! Each paragraph's rows at the width last drawn, kept up to date edit by edit:
//! only the edited paragraph is re-wrapped, and inside it only from the edit
//! until the rows line up with the old ones again.

use unicode_width::UnicodeWidthStr;

use super::wrap;

/// Row starts per paragraph for one width (0: not laid out yet).
#[derive(Debug, Default)]
pub struct Layout {
    width: usize,
    rows: Vec<Vec<usize>>,
}

/// What an unlaid paragraph counts as: one row.
const ONE_ROW: &[usize] = &[0];

impl Layout {
    /// Lays every paragraph out afresh if the width changed.
    pub fn ensure(&mut self, paras: &[String], width: usize) {
        let width = width.max(1);
        if width != self.width || self.rows.len() != paras.len() {
            self.width = width;
            self.rows = paras.iter().map(|p| wrap::rows(p, width)).collect();
        }
    }

    /// Where the rows of paragraph `p` start.
    pub fn starts(&self, p: usize) -> &[usize] {
        if self.width == 0 {
            return ONE_ROW;
        }
        self.rows.get(p).map_or(ONE_ROW, Vec::as_slice)
    }

    /// Paragraph `p` had `removed` bytes at `at` replaced by `inserted` bytes and is
    /// now `text`.
    pub fn edited(&mut self, p: usize, at: usize, removed: usize, inserted: usize, text: &str) {
        let Some(old) = self
            .rows
            .get_mut(p)
            .filter(|_| self.width > 0)
            .map(std::mem::take)
        else {
            return;
        };
        // Re-wrap from the first row that could reach the edit: a break opportunity
        // that appears or goes at the edit (or just before it, across the spaces
        // there) changes the end of any row whose text up to that point fits the
        // width. Rows that cannot reach it keep their ends, and so the next starts.
        let r = old.partition_point(|&s| s <= at).saturating_sub(1);
        let near = text[..at.min(text.len())].trim_end_matches(' ');
        let near = near.char_indices().next_back().map_or(0, |(i, _)| i);
        let mut from = r;
        while from > 0 && near >= old[from - 1] && text[old[from - 1]..near].width() <= self.width {
            from -= 1;
        }
        // One row more: deleting may let a word move up.
        let from = from.saturating_sub(1);
        let mut new = old[..=from].to_vec();
        let mut it = wrap::Rows::new(text, old[from], self.width);
        let moved = |s: usize| s - removed + inserted;
        while let Some(q) = it.next_start() {
            if q > at + inserted
                && let Ok(k) = old.binary_search(&(q - inserted + removed))
            {
                // From here on the text and so its rows are the old ones, shifted.
                new.extend(old[k..].iter().map(|&s| moved(s)));
                break;
            }
            new.push(q);
        }
        self.rows[p] = new;
    }

    /// Paragraphs `at..at + old` were replaced by `new`.
    pub fn spliced(&mut self, at: usize, old: usize, new: &[String]) {
        if self.width == 0 {
            return;
        }
        let w = self.width;
        let end = (at + old).min(self.rows.len());
        self.rows
            .splice(at.min(end)..end, new.iter().map(|t| wrap::rows(t, w)));
    }
}
