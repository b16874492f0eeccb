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

#[cfg(test)]
mod tests {
    use super::{height, lines};

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
}
