//! Reports for content authors: `file:line:column: message` for an error,
//! `file:line:column: warning: message` for a warning. Both are shown through
//! [`crate::safe`], so a key, id or file name quoted from the file cannot drive
//! the terminal.

use std::fmt;

use crate::safe;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The workbook cannot be used until it is fixed.
    Error,
    /// The workbook works, but something in it deserves a look (e.g. a bidi control).
    Warning,
}

/// One problem in a content file, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it stops the workbook from loading.
    pub severity: Severity,
    /// The file as the author named it (relative to the workbook folder).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = safe::line(&self.file);
        let message = safe::line(&self.message);
        match self.severity {
            Severity::Error => write!(f, "{file}:{}:{}: {message}", self.line, self.column),
            Severity::Warning => write!(f, "{file}:{}:{}: warning: {message}", self.line, self.column),
        }
    }
}

impl Diagnostic {
    /// An error at `line`:`column` of `file`.
    pub fn error(file: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// True for an error, false for a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Every problem found in a workbook, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostics {
    /// How many of them are errors.
    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
}

/// Turns a byte offset into a 1-based (line, column), column counted in chars.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Longest word, in chars, that gets a "did you mean": a typo is in a key, an id or
/// a short option, and comparing longer texts (a crafted 60,000-char option) would
/// only spend time and memory.
pub const SUGGEST_MAX_CHARS: usize = 200;

/// The closest known word to a misspelt one, if it is close enough to be a typo:
/// one edit away for words of up to 4 characters, two edits for longer ones, where
/// swapping two neighbouring letters (`titel` for `title`) counts as one edit.
/// Words longer than [`SUGGEST_MAX_CHARS`] get no suggestion.
pub fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    if word.chars().count() > SUGGEST_MAX_CHARS {
        return None;
    }
    known
        .iter()
        .filter_map(|k| {
            let most = if k.chars().count() <= 4 { 1 } else { 2 };
            Some((distance_within(word, k, most)?, *k))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance over chars (insert, delete, replace, swap neighbours) when it is at
/// most `most`, else `None`. Lengths further apart than `most`, or a word longer than
/// [`SUGGEST_MAX_CHARS`], are answered without building anything; otherwise three
/// rows of at most that many cells.
fn distance_within(a: &str, b: &str, most: usize) -> Option<usize> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > most || la > SUGGEST_MAX_CHARS || lb > SUGGEST_MAX_CHARS {
        return None;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i of the table d[i][j]: distance between the first i chars
    // of a and the first j of b.
    let mut older: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(older[j - 2] + 1);
            }
            row[j] = best;
        }
        std::mem::swap(&mut older, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[b.len()]).filter(|d| *d <= most)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_quoted_and_marks_warnings() {
        let mut d = Diagnostic::error("a\u{1b}[31m.toml", 2, 3, "id `x\u{202e}\n`");
        assert_eq!(d.to_string(), "a<U+001B>[31m.toml:2:3: id `x<U+202E><U+000A>`");
        d.severity = Severity::Warning;
        assert_eq!(
            d.to_string(),
            "a<U+001B>[31m.toml:2:3: warning: id `x<U+202E><U+000A>`"
        );
    }

    #[test]
    fn positions_count_lines_and_chars() {
        let t = "ab\ncdé\nf";
        assert_eq!(position(t, 0), (1, 1));
        assert_eq!(position(t, 3), (2, 1));
        assert_eq!(position(t, 7), (2, 4)); // after the two-byte é
        assert_eq!(position(t, 99), (3, 2));
    }

    #[test]
    fn suggests_close_keys_only() {
        let known = ["prompt", "title", "hint"];
        assert_eq!(suggest("promt", &known), Some("prompt"));
        assert_eq!(suggest("zzzzzzzz", &known), None);
        assert_eq!(suggest("titel", &known), Some("title"));
        assert_eq!(
            suggest("kind", &known),
            None,
            "two edits from `hint` is too far for a short key"
        );
        assert_eq!(suggest("hnit", &known), Some("hint"));
    }

    #[test]
    fn long_words_get_no_suggestion_and_build_nothing() {
        let long = "a".repeat(60_000);
        let close = format!("{long}b");
        assert_eq!(suggest(&long, &[close.as_str()]), None);
        assert_eq!(suggest("prompt", &[long.as_str(), "promt"]), Some("promt"));
        assert_eq!(distance_within("abcdef", "abcdefghij", 2), None);
        assert_eq!(distance_within("ab", "ba", 1), Some(1));
    }
}
