//! The bordered box around an answer, drawn cell for cell as ratatui's `Block` draws it.
//!
//! `Block` first patches every cell inside it with its own style, even when that style is
//! the default and changes nothing. For the answer box that is most of the screen, on
//! every keystroke's frame: a tenth of the frame's instructions. [`Boxed`] draws the same
//! cells without that pass; a test compares the two.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Padding, Widget};

/// A box with plain borders on all four sides and a title at the top left, as
/// `Block::new().borders(Borders::ALL).border_style(..).padding(..).title(..)`.
pub struct Boxed<'a> {
    title: Line<'a>,
    border_style: Style,
    padding: Padding,
}

impl<'a> Boxed<'a> {
    /// A box titled `title`, its borders in `border_style`, without padding.
    pub fn new(title: impl Into<Line<'a>>, border_style: Style) -> Boxed<'a> {
        Boxed {
            title: title.into(),
            border_style,
            padding: Padding::ZERO,
        }
    }

    /// Room left empty inside the borders, as `Block::padding`.
    pub fn padding(mut self, padding: Padding) -> Boxed<'a> {
        self.padding = padding;
        self
    }

    /// The area inside the borders and the padding, as `Block::inner` gives it.
    pub fn inner(&self, area: Rect) -> Rect {
        let x = area.x.saturating_add(1).min(area.right());
        let y = area.y.saturating_add(1).min(area.bottom());
        let p = self.padding;
        Rect {
            x: x.saturating_add(p.left),
            y: y.saturating_add(p.top),
            width: area
                .width
                .saturating_sub(2)
                .saturating_sub(p.left.saturating_add(p.right)),
            height: area
                .height
                .saturating_sub(2)
                .saturating_sub(p.top.saturating_add(p.bottom)),
        }
    }
}

impl Widget for Boxed<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let set = border::PLAIN;
        let (left, top) = (area.left(), area.top());
        let (right, bottom) = (area.right() - 1, area.bottom() - 1);
        let style = self.border_style;
        // The sides, then the corners over their ends, as `Block` does (its default merge
        // replaces a symbol); a corner cell takes the border style more than once, which a
        // patch leaves the same.
        for y in top..=bottom {
            buf[(left, y)].set_symbol(set.vertical_left).set_style(style);
        }
        for x in left..=right {
            buf[(x, top)].set_symbol(set.horizontal_top).set_style(style);
        }
        for y in top..=bottom {
            buf[(right, y)].set_symbol(set.vertical_right).set_style(style);
        }
        for x in left..=right {
            buf[(x, bottom)]
                .set_symbol(set.horizontal_bottom)
                .set_style(style);
        }
        for (x, y, symbol) in [
            (right, bottom, set.bottom_right),
            (right, top, set.top_right),
            (left, bottom, set.bottom_left),
            (left, top, set.top_left),
        ] {
            buf[(x, y)].set_symbol(symbol).set_style(style);
        }
        // The title on the top border, between the corners, cut to fit as `Block` cuts it.
        let room = Rect {
            x: left.saturating_add(1),
            y: top,
            width: area.width.saturating_sub(2),
            height: 1,
        };
        if room.is_empty() {
            return;
        }
        let width = u16::try_from(self.title.width()).unwrap_or(u16::MAX);
        super::wrap::put_line(
            buf,
            Rect {
                width: width.min(room.width),
                ..room
            },
            &self.title,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{Block, Borders};

    /// A buffer with something in every cell already, in several styles, so a cell that
    /// one drawing touches and the other does not shows.
    fn filled(area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        for (i, cell) in buf.content.iter_mut().enumerate() {
            cell.set_symbol(["a", "é", "·", " "][i % 4]);
            match i % 3 {
                0 => cell.set_style(Style::new().fg(Color::Red)),
                1 => cell.set_style(Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD)),
                _ => cell,
            };
        }
        buf
    }

    #[test]
    fn it_draws_every_cell_as_block_does() {
        let titles: [Line; 5] = [
            Line::from(""),
            Line::from(Span::styled(
                " Your answer ",
                Style::new().add_modifier(Modifier::DIM),
            )),
            Line::from(" a title far too long for a narrow box "),
            Line::from(vec![
                Span::raw(" 答え "),
                Span::styled("ok", Style::new().fg(Color::Green)),
            ]),
            Line::from("tab\there"),
        ];
        let borders = [
            Style::default(),
            Style::new().fg(Color::DarkGray),
            Style::new().bg(Color::Yellow),
        ];
        let paddings = [Padding::ZERO, Padding::horizontal(1), Padding::new(2, 1, 1, 0)];
        let screen = Rect::new(0, 0, 24, 9);
        let mut cases = 0;
        for title in &titles {
            for border_style in borders {
                for padding in paddings {
                    for (x, y) in [(0, 0), (3, 2), (22, 8)] {
                        for (w, h) in [(0, 0), (1, 1), (2, 2), (3, 5), (7, 3), (12, 4), (24, 9), (30, 12)] {
                            let area = Rect::new(x, y, w, h);
                            let block = Block::new()
                                .borders(Borders::ALL)
                                .border_style(border_style)
                                .padding(padding)
                                .title(title.clone());
                            let ours = Boxed::new(title.clone(), border_style).padding(padding);
                            assert_eq!(ours.inner(area), block.inner(area), "inner of {area:?}");
                            let mut want = filled(screen);
                            block.render(area, &mut want);
                            let mut got = filled(screen);
                            ours.render(area, &mut got);
                            assert_eq!(got, want, "{title:?} in {area:?}, {border_style:?}, {padding:?}");
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 5 * 3 * 3 * 3 * 8);
    }
}
