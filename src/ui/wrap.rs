//! Counting wrapped lines, to size boxes before drawing them.

use unicode_width::UnicodeWidthStr;

/// Lines `text` takes when word-wrapped to `width` columns (as ratatui's
/// `Wrap { trim: true }` does, closely enough to size a box).
pub fn height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut lines = 0usize;
    for para in text.split('\n') {
        let mut col = 0usize;
        let mut line_count = 1usize;
        for word in para.split_whitespace() {
            let w = word.width();
            if col == 0 {
                col = w;
            } else if col + 1 + w <= width {
                col += 1 + w;
            } else {
                line_count += 1;
                col = w;
            }
            // Words wider than the line are broken across lines.
            while col > width {
                line_count += 1;
                col -= width;
            }
        }
        lines += line_count;
    }
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
