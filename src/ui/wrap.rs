//! Wrapping text for the screen by the app's one line-breaking rule (UAX #14,
//! [`crate::editor::wrap`]), so a box or a page is drawn with exactly the rows
//! it was measured with. ratatui's own `Wrap` breaks elsewhere (before
//! punctuation, around dashes), and a page measured one way but drawn the other
//! could not scroll its last rows into view.

use ratatui::text::{Line, Text};
use ratatui::widgets::Paragraph;

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
pub fn paragraph(text: &str, width: u16) -> Paragraph<'static> {
    Paragraph::new(Text::from(
        lines(text, width).into_iter().map(Line::from).collect::<Vec<_>>(),
    ))
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
    use super::{fitted, height, lines};
    use ratatui::text::Line;

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
