//! The one line-breaking rule of the app: Unicode line breaking (UAX #14) with
//! display widths. The editor, review, compare and exports all wrap through
//! [`rows`], so a row never begins with a space or with punctuation that belongs
//! to the word before it, wherever the text is shown.

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The rows of one paragraph (no `'\n'` in it) at `width` columns, as the byte
/// offset where each row starts; the first is always 0. Spaces at a row's end stay
/// on that row, hanging past the width; a word wider than the row is broken
/// between graphemes; a grapheme wider than the row gets a row of its own.
pub fn rows(text: &str, width: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let mut rows = Rows::new(text, 0, width);
    while let Some(start) = rows.next_start() {
        starts.push(start);
    }
    starts
}

/// Row starts found one at a time, from a row start `from` of `text`: what lets
/// the editor re-wrap a huge paragraph only from an edit until the rows line up
/// with those it had before.
pub struct Rows<'a> {
    text: &'a str,
    width: usize,
    /// Where the row being laid out starts.
    pos: usize,
    /// Break opportunities after `from`, as absolute byte offsets.
    breaks: std::iter::Peekable<Box<dyn Iterator<Item = usize> + 'a>>,
}

impl<'a> Rows<'a> {
    /// Rows of `text` from `from`, which must be a row start (0 or a break).
    pub fn new(text: &'a str, from: usize, width: usize) -> Rows<'a> {
        let from = if text.is_char_boundary(from) { from } else { 0 };
        let breaks: Box<dyn Iterator<Item = usize> + 'a> = Box::new(
            linebreaks(&text[from..])
                .filter(|(_, op)| matches!(op, BreakOpportunity::Allowed | BreakOpportunity::Mandatory))
                .map(move |(i, _)| from + i),
        );
        Rows {
            text,
            width: width.max(1),
            pos: from,
            breaks: breaks.peekable(),
        }
    }

    /// The start of the next row, or `None` once the text is used up.
    pub fn next_start(&mut self) -> Option<usize> {
        if self.pos >= self.text.len() {
            return None;
        }
        let end = self.row_end();
        self.pos = end;
        (end < self.text.len()).then_some(end)
    }

    /// Where the row starting at `self.pos` ends (greedy, longest that fits).
    fn row_end(&mut self) -> usize {
        let (start, width) = (self.pos, self.width);
        let mut end = start;
        let mut col = 0;
        while let Some(&b) = self.breaks.peek() {
            if b <= end {
                self.breaks.next();
                continue;
            }
            let seg = &self.text[end..b];
            let body = seg.trim_end_matches(' ');
            if col + body.width() <= width {
                col += seg.width();
                end = b;
                self.breaks.next();
                continue;
            }
            if end > start {
                return end;
            }
            return self.split_word(seg, start);
        }
        self.text.len().max(end)
    }

    /// A piece wider than the row, from the row start: as many graphemes as fit
    /// (at least one), spaces hanging.
    fn split_word(&self, seg: &str, start: usize) -> usize {
        let mut col = 0;
        let mut end = start;
        for g in seg.graphemes(true) {
            let w = g.width();
            if g != " " && col + w > self.width && end > start {
                return end;
            }
            col += w;
            end += g.len();
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        let starts = rows(text, width);
        let mut out = Vec::new();
        for (i, &s) in starts.iter().enumerate() {
            let e = starts.get(i + 1).copied().unwrap_or(text.len());
            out.push(&text[s..e]);
        }
        out
    }

    #[test]
    fn punctuation_stays_with_its_word() {
        let t = "Then I remembered that I broke Jo's trust too. That was humbling.";
        for w in 10..60 {
            for l in lines(t, w) {
                assert!(!l.starts_with([' ', '.', ',']), "{l:?} at {w}");
                assert!(l.trim_end().width() <= w, "{l:?} at {w}");
            }
        }
        let t = "I sat there waiting at the window, waiting…";
        for w in 8..44 {
            for l in lines(t, w) {
                assert!(!l.starts_with([' ', ',', '…']), "{l:?} at {w}");
            }
        }
    }

    #[test]
    fn wide_characters_and_long_words() {
        assert_eq!(lines("信頼信頼信", 4), ["信頼", "信頼", "信"]);
        assert_eq!(lines("信", 1), ["信"]);
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("one two three", 7), ["one two ", "three"]);
        assert_eq!(lines("", 4), [""]);
        assert_eq!(lines("👍🏽👍🏽👍🏽", 4), ["👍🏽👍🏽", "👍🏽"]);
    }

    #[test]
    fn grapheme_clusters_stay_whole() {
        let family = "👨‍👩‍👧";
        let t = family.repeat(5);
        for l in lines(&t, 3) {
            assert_eq!(l, family);
        }
        let t = "e\u{301}e\u{301}e\u{301}e\u{301}";
        assert_eq!(lines(t, 2), ["e\u{301}e\u{301}", "e\u{301}e\u{301}"]);
    }

    #[test]
    fn resuming_mid_text_gives_the_same_rows() {
        let t = "one two three four five six seven eight nine ten ".repeat(20);
        let all = rows(&t, 13);
        let mut again = vec![0, all[1], all[2], all[3]];
        let mut r = Rows::new(&t, all[3], 13);
        while let Some(s) = r.next_start() {
            again.push(s);
        }
        assert_eq!(all, again);
    }
}
