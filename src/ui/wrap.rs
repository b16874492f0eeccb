//! Counting wrapped lines, to size boxes before drawing them.

/// Lines `text` takes when word-wrapped to `width` columns (as ratatui's
/// `Wrap { trim: true }` does, closely enough to size a box), by the same word
/// wrap the review and exports use.
pub fn height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let lines: usize = text
        .split('\n')
        .map(|para| crate::present::wrap(para, width).len())
        .sum();
    u16::try_from(lines).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::height;

    #[test]
    fn counts_wrapped_lines() {
        assert_eq!(height("one two three", 7), 2);
        assert_eq!(height("a\n\nb", 10), 3);
        assert_eq!(height("abcdefghij", 4), 3);
        assert_eq!(height("", 10), 1);
    }
}
