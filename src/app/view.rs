//! Scrolling regions. The app owns where a region is scrolled to; how tall it
//! is and how far it can go are only known once it is drawn, so drawing records
//! them here (the one thing a draw writes) and `update` clamps to the last record.

use std::cell::Cell;

/// A region of text that scrolls by rows.
#[derive(Debug, Default)]
pub struct Viewport {
    offset: u16,
    /// Rows shown, as last drawn.
    rows: Cell<u16>,
    /// Furthest offset, as last drawn.
    max: Cell<u16>,
}

impl Viewport {
    /// The first row shown, never past the end as last drawn.
    pub fn offset(&self) -> u16 {
        self.offset.min(self.max.get())
    }

    /// Rows a page holds, as last drawn (at least 1).
    pub fn page(&self) -> u16 {
        self.rows.get().max(1)
    }

    /// Furthest offset, as last drawn.
    pub fn max(&self) -> u16 {
        self.max.get()
    }

    /// Called while drawing: the rows shown and the furthest offset.
    pub fn record(&self, rows: u16, max: u16) {
        self.rows.set(rows);
        self.max.set(max);
    }

    /// Scrolls by `rows` (negative: up), within what was last drawn.
    pub fn scroll_by(&mut self, rows: i32) {
        let max = i32::from(self.max.get());
        self.offset = (i32::from(self.offset()) + rows).clamp(0, max) as u16;
    }

    /// Scrolls by a page less one row, so the last row read stays in sight.
    pub fn page_by(&mut self, pages: i32) {
        let step = i32::from(self.page().saturating_sub(1).max(1));
        self.scroll_by(step * pages);
    }

    /// Back to the top.
    pub fn to_top(&mut self) {
        self.offset = 0;
    }

    /// To the end, as last drawn.
    pub fn to_end(&mut self) {
        self.offset = self.max.get();
    }

    /// Scrolls for a scrolling move (arrows by a row, the wheel by three, the page
    /// keys by a page, Home/End to the ends); false for a move that does not scroll.
    pub fn on_move(&mut self, m: super::Move) -> bool {
        use super::Move;
        match m {
            Move::Up => self.scroll_by(-1),
            Move::Down => self.scroll_by(1),
            Move::ScrollUp => self.scroll_by(-3),
            Move::ScrollDown => self.scroll_by(3),
            Move::PageUp => self.page_by(-1),
            Move::PageDown => self.page_by(1),
            Move::First => self.to_top(),
            Move::Last => self.to_end(),
            Move::Left | Move::Right | Move::Select | Move::Toggle => return false,
        }
        true
    }
}

/// A list of rows with a selection: the app owns the selection; the first row
/// shown is kept between frames by the draw, so moving the selection inside the
/// view never makes the view jump.
#[derive(Debug, Default)]
pub struct ListView {
    /// The first row shown, as last drawn.
    offset: Cell<usize>,
    /// Rows a page holds, as last drawn.
    rows: Cell<u16>,
}

impl ListView {
    /// The first row shown, as last drawn.
    pub fn offset(&self) -> usize {
        self.offset.get()
    }

    /// Called while drawing: the first row shown and the rows the list had.
    pub fn record(&self, offset: usize, rows: u16) {
        self.offset.set(offset);
        self.rows.set(rows);
    }

    /// Rows a page holds, as last drawn (at least 1).
    pub fn page(&self) -> u16 {
        self.rows.get().max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::Viewport;

    #[test]
    fn scrolling_stays_within_what_was_drawn() {
        let mut v = Viewport::default();
        v.scroll_by(5);
        assert_eq!(v.offset(), 0, "nothing drawn yet: nothing to scroll");
        v.record(10, 25);
        v.scroll_by(3);
        assert_eq!(v.offset(), 3);
        v.page_by(1);
        assert_eq!(v.offset(), 12, "a page is the rows shown less one");
        v.scroll_by(100);
        assert_eq!(v.offset(), 25);
        v.record(10, 4);
        assert_eq!(v.offset(), 4, "a taller window shows the end, not blank rows");
        v.scroll_by(-1);
        assert_eq!(v.offset(), 3);
        v.to_top();
        assert_eq!(v.offset(), 0);
        v.to_end();
        assert_eq!(v.offset(), 4);
    }
}
