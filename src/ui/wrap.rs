//! Wrapping text for the screen by the app's one line-breaking rule (UAX #14,
//! [`crate::editor::wrap`]), so a box or a page is drawn with exactly the rows
//! it was measured with. ratatui's own `Wrap` breaks elsewhere (before
//! punctuation, around dashes), and a page measured one way but drawn the other
//! could not scroll its last rows into view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Widget};

/// The rows `text` takes at `width` columns: each `'\n'` starts a new row, each
/// paragraph is wrapped by the same word wrap the review and exports use, and
/// what cannot reach the terminal raw is quoted.
pub fn lines(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    text.split('\n')
        .flat_map(|para| crate::present::wrap(para, width))
        .collect()
}

/// How many rows [`lines`] gives.
pub fn height(text: &str, width: u16) -> u16 {
    u16::try_from(lines(text, width).len()).unwrap_or(u16::MAX)
}

/// `text` wrapped by [`lines`] for an area `width` columns wide, ready to draw
/// (no further wrapping needed, as every row fits).
pub fn paragraph(text: &str, width: u16) -> Rows {
    Rows::new(lines(text, width))
}

/// Rows already wrapped to fit their area, drawn as they are: what a `Paragraph` of
/// them would draw (style over the area, block, alignment), without reflowing every
/// row grapheme by grapheme again, which was a fifth of the first frame's work.
pub struct Rows {
    rows: Vec<String>,
    style: Style,
    alignment: Alignment,
    block: Option<Block<'static>>,
}

impl Rows {
    /// The rows, drawn from the top of the area; those beyond its height are left out.
    pub fn new(rows: Vec<String>) -> Rows {
        Rows {
            rows,
            style: Style::default(),
            alignment: Alignment::Left,
            block: None,
        }
    }

    /// The style of the whole area, as `Paragraph::style`.
    pub fn style(mut self, style: Style) -> Rows {
        self.style = style;
        self
    }

    /// Where each row sits in the width, as `Paragraph::alignment`.
    pub fn alignment(mut self, alignment: Alignment) -> Rows {
        self.alignment = alignment;
        self
    }

    /// A block around the rows, as `Paragraph::block`.
    pub fn block(mut self, block: Block<'static>) -> Rows {
        self.block = Some(block);
        self
    }
}

impl Widget for Rows {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        // Patching with the default style changes no cell: skipped, as it is most rows.
        if self.style != Style::default() {
            buf.set_style(area, self.style);
        }
        let inner = match self.block {
            Some(block) => {
                let inner = block.inner(area);
                block.render(area, buf);
                inner
            }
            None => area,
        };
        for (y, row) in (inner.top()..inner.bottom()).zip(&self.rows) {
            if is_plain(row) {
                let width = u16::try_from(row.len()).unwrap_or(u16::MAX);
                let x = inner.x + offset(self.alignment, width, inner.width);
                set_plain_row(buf, x, y, row, inner.right().saturating_sub(x));
            } else {
                put_graphemes(buf, inner, y, row, self.alignment);
            }
        }
    }
}

/// Draws `line` into the first row of `area` exactly as `Line`'s own `render` does,
/// but a span of printable ASCII (most of a header or footer) goes one cell per
/// byte instead of grapheme by grapheme. A line too wide for the area is left to
/// `Line`, which decides what to cut.
pub fn put_line(buf: &mut Buffer, area: Rect, line: &Line) {
    let area = area.intersection(buf.area);
    let width = line.width();
    if area.is_empty() || width > usize::from(area.width) {
        line.render(area, buf);
        return;
    }
    if width == 0 {
        return;
    }
    let area = Rect { height: 1, ..area };
    if line.style != Style::default() {
        buf.set_style(area, line.style);
    }
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    // As `Line` centres, which differs by a column from how `Paragraph` does.
    let mut x = area.x
        + match line.alignment {
            Some(Alignment::Center) => (area.width - width) / 2,
            Some(Alignment::Right) => area.width - width,
            Some(Alignment::Left) | None => 0,
        };
    for span in &line.spans {
        if is_plain(&span.content) {
            for c in span.content.chars() {
                buf[(x, area.y)].set_char(c).set_style(span.style);
                x += 1;
            }
        } else {
            let rest = Rect {
                x,
                width: area.right().saturating_sub(x),
                ..area
            };
            span.render(rest, buf);
            x = x.saturating_add(u16::try_from(span.width()).unwrap_or(u16::MAX));
        }
    }
}

/// How far into `area_width` columns a row `width` wide starts, as `Paragraph` has it.
fn offset(alignment: Alignment, width: u16, area_width: u16) -> u16 {
    match alignment {
        Alignment::Left => 0,
        Alignment::Center => (area_width / 2).saturating_sub(width / 2),
        Alignment::Right => area_width.saturating_sub(width),
    }
}

/// Draws a row that is not plain ASCII at `y` in `area` as `Paragraph` draws a line:
/// grapheme by grapheme, controls and zero-width ones left out, each cell keeping its
/// style, a grapheme that would cross the right edge left out with the rest.
fn put_graphemes(buf: &mut Buffer, area: Rect, y: u16, row: &str, alignment: Alignment) {
    use ratatui::buffer::CellWidth;
    use unicode_segmentation::UnicodeSegmentation;
    let graphemes: Vec<(&str, u16)> = row
        .graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| (g, g.cell_width()))
        .filter(|(_, w)| *w > 0)
        .collect();
    let width = graphemes.iter().fold(0u16, |sum, (_, w)| sum.saturating_add(*w));
    let mut x = offset(alignment, width, area.width);
    for (g, w) in graphemes {
        if x.saturating_add(w) > area.width {
            break;
        }
        buf[(area.x + x, y)].set_symbol(g);
        x += w;
    }
}

/// True for a row of printable ASCII: one cell per byte.
fn is_plain(row: &str) -> bool {
    row.bytes().all(|b| matches!(b, b' '..=b'~'))
}

/// Writes one row at `(x, y)`, at most `width` columns, as `Buffer::set_stringn`
/// does, keeping each cell's style; a row of printable ASCII (most rows) goes one
/// cell per byte, without splitting it into graphemes on every frame.
pub(super) fn set_row(buf: &mut Buffer, x: u16, y: u16, row: &str, width: u16) {
    if is_plain(row) {
        set_plain_row(buf, x, y, row, width);
    } else {
        buf.set_stringn(x, y, row, usize::from(width), Style::default());
    }
}

/// [`set_row`] for a row already known to be printable ASCII.
fn set_plain_row(buf: &mut Buffer, x: u16, y: u16, row: &str, width: u16) {
    let area = buf.area;
    if !(area.left()..area.right()).contains(&x) || !(area.top()..area.bottom()).contains(&y) {
        return;
    }
    // The row's cells are consecutive: found once, not cell by cell (a tenth of the
    // answer box's drawing went to working out each cell's index again).
    let start = buf.index_of(x, y);
    let room = usize::from(area.right() - x).min(usize::from(width));
    for (cell, c) in buf.content[start..start + room].iter_mut().zip(row.chars()) {
        cell.set_char(c);
    }
}

/// Styled lines made to fit `width` columns by [`lines`]: a line that fits is kept
/// as it is (spaces and all); one that does not is wrapped, in the style of its
/// first span, so that every screen breaks lines by the same rule.
pub fn fitted(lines_in: Vec<Line<'static>>, width: u16) -> Text<'static> {
    let mut out = Vec::with_capacity(lines_in.len());
    for line in lines_in {
        if line.width() <= usize::from(width) {
            out.push(line);
            continue;
        }
        let style = line
            .style
            .patch(line.spans.first().map(|s| s.style).unwrap_or_default());
        let words: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let alignment = line.alignment;
        out.extend(lines(&words, width).into_iter().map(|row| {
            let mut row = Line::styled(row, style);
            row.alignment = alignment;
            row
        }));
    }
    Text::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Paragraph;

    #[test]
    fn a_row_is_laid_out_as_set_stringn_lays_it() {
        let rows = [
            "",
            "plain words ",
            "a row longer than the field is wide",
            "café 信頼 👍🏽",
            "tab\there",
        ];
        // Also in a buffer that does not start at the origin, on a row past its first,
        // up to and beyond its right edge.
        let cases = [
            (Rect::new(0, 0, 16, 1), 0, &[(0, 12), (3, 12), (5, 40)][..]),
            (
                Rect::new(2, 1, 16, 3),
                2,
                &[(2, 12), (5, 3), (7, 40), (17, 4), (18, 4)][..],
            ),
        ];
        for row in rows {
            for (area, y, spots) in cases {
                for &(x, width) in spots {
                    let mut ours = Buffer::empty(area);
                    let mut theirs = Buffer::empty(area);
                    set_row(&mut ours, x, y, row, width);
                    theirs.set_stringn(x, y, row, usize::from(width), Style::default());
                    assert_eq!(ours, theirs, "{row:?} at {x},{y}, {width} columns in {area:?}");
                }
            }
        }
    }

    #[test]
    fn put_line_draws_what_line_draws() {
        use ratatui::style::Color;
        use ratatui::text::Span;
        let lines = [
            Line::from(vec![
                Span::styled(" sam ·", Style::default().fg(Color::Gray)),
                Span::styled(" Where distrust comes from", Style::default().fg(Color::Cyan)),
                Span::raw("   "),
                Span::styled("Exercise 1/10", Style::default().bg(Color::Blue)),
            ]),
            Line::from(vec![
                Span::raw(" "),
                Span::styled("← →", Style::default().fg(Color::Yellow)),
                Span::raw(" move"),
            ]),
            Line::styled("plain, with a line style", Style::default().fg(Color::Red)),
            Line::raw("信頼 and 👍🏽 in the middle"),
            Line::raw(""),
        ];
        for line in lines {
            for alignment in [None, Some(Alignment::Center), Some(Alignment::Right)] {
                let mut line = line.clone();
                line.alignment = alignment;
                for width in [3, 12, 30, 60] {
                    let area = Rect::new(2, 1, width, 2);
                    let mut ours = Buffer::empty(Rect::new(0, 0, 64, 3));
                    let mut theirs = ours.clone();
                    put_line(&mut ours, area, &line);
                    (&line).render(area, &mut theirs);
                    assert_eq!(ours, theirs, "{line:?} at width {width}");
                }
            }
        }
    }

    #[test]
    fn rows_draw_what_a_paragraph_of_them_draws() {
        let text = "Trust grows back slowly, a kept promise at a time. Vertrauen wächst \
                    langsam: 信頼 👍 — café.\n\nA last line.";
        let styled = Style::default().fg(ratatui::style::Color::Yellow);
        for width in [9, 20, 33] {
            for alignment in [Alignment::Left, Alignment::Center, Alignment::Right] {
                for (style, block) in [(Style::default(), None), (styled, Some(Block::bordered()))] {
                    let area = Rect::new(1, 1, width + 2, 9);
                    let inner = block.as_ref().map_or(area, |b: &Block| b.inner(area));
                    let rows = lines(text, inner.width);
                    let mut ours = Buffer::empty(Rect::new(0, 0, width + 4, 11));
                    let mut theirs = ours.clone();
                    let mut widget = Rows::new(rows.clone()).style(style).alignment(alignment);
                    let mut para =
                        Paragraph::new(Text::from(rows.into_iter().map(Line::from).collect::<Vec<_>>()))
                            .style(style)
                            .alignment(alignment);
                    if let Some(b) = block {
                        widget = widget.block(b.clone());
                        para = para.block(b);
                    }
                    widget.render(area, &mut ours);
                    para.render(area, &mut theirs);
                    assert_eq!(ours, theirs, "width {width}, {alignment:?}, {style:?}");
                }
            }
        }
    }

    #[test]
    fn counts_wrapped_lines() {
        assert_eq!(height("one two three", 7), 2);
        assert_eq!(height("a\n\nb", 10), 3);
        assert_eq!(height("abcdefghij", 4), 3);
        assert_eq!(height("", 10), 1);
    }

    #[test]
    fn breaks_after_a_hyphen_as_the_measure_does() {
        // ratatui's wrap breaks at spaces only: "aaaa" / "well-known", a row more.
        assert_eq!(lines("aaaa well-known", 10), ["aaaa well-", "known"]);
    }

    #[test]
    fn fitted_keeps_lines_that_fit_and_wraps_the_others() {
        let text = fitted(
            vec![
                Line::raw("0: low    10: high"),
                Line::raw("aaaa bbbb cccc well-known"),
            ],
            20,
        );
        let rows: Vec<String> = text.lines.iter().map(ToString::to_string).collect();
        assert_eq!(rows, ["0: low    10: high", "aaaa bbbb cccc well-", "known"]);
    }
}
