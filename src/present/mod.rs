//! How an answer reads, per exercise kind: the one place that turns a stored
//! [`Value`] into pieces of text, shared by the Markdown export, the compare
//! view and the review screen. Each kind's pieces (and columns in a table of
//! values, for the kinds with a number) are in its own module; this one holds
//! what they share.
//!
//! Every string that comes out of here has been through [`clean`], so it holds
//! no control characters but newline, and bidi and invisible characters show
//! quoted. Renderers add their own syntax around the
//! pieces (Markdown escapes them; plain text wraps them with [`plain_lines`]).

mod checklist;
mod choice;
mod date;
mod list;
mod ratings;
mod scale;
pub mod score;
mod text;
pub mod words;

pub use ratings::with_rated_items;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::answers::{Answer, Value};
use crate::content::{Exercise, Kind};

/// One block of a presented answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A paragraph: its lines as written (the person's own line breaks), none blank.
    Paragraph(Vec<String>),
    /// One item of a list answer.
    Item(String),
    /// One checklist option, ticked or not.
    Check {
        /// Whether it is ticked.
        ticked: bool,
        /// The option's text.
        text: String,
    },
}

/// Makes text safe to show and lay out: CR and CRLF become newlines, a tab
/// becomes four spaces, and every other control character, bidi control or
/// invisible format character (ESC, DEL, the C1 range, U+202E, U+200B, ...) is
/// shown quoted as `<U+XXXX>` (see [`crate::safe`]), never dropped: the text is
/// the person's own, and what they wrote stays visible.
pub fn clean(s: &str) -> String {
    crate::safe::quote_text(&normalize(s)).into_owned()
}

/// Like [`clean`], but drops control characters instead of quoting them: for
/// text pasted into an answer, where they are noise from the clipboard.
pub fn strip(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// CR and CRLF as newlines, tabs as four spaces.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' => out.push_str("    "),
            c => out.push(c),
        }
    }
    out
}

/// Cleans a one-line text: newlines become spaces, and the ends are trimmed.
pub fn clean_line(s: &str) -> String {
    clean(s).replace('\n', " ").trim().to_string()
}

/// Splits free text into paragraphs at blank lines; lines keep their leading
/// spaces but lose trailing ones. Empty text gives no paragraphs.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in clean(text).split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim_end().to_string());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The pieces an answer reads as, each kind's from its own module. `kind` is the
/// exercise's kind, or `None` for an answer whose exercise the workbook no longer has; a
/// value whose shape no longer matches the kind is shown by its own shape, so nothing
/// written is lost.
pub fn pieces(kind: Option<&Kind>, value: &Value) -> Vec<Piece> {
    match value {
        Value::Text { text } => text::pieces(text),
        Value::List { items, .. } => list::pieces(items),
        Value::Choice { option, other } => choice::pieces(option.as_deref(), other.as_deref()),
        Value::Checklist { ticked, other } => {
            checklist::pieces(kind.and_then(Kind::as_checklist), ticked, other.as_deref())
        }
        Value::Scale { value } => scale::pieces(kind.and_then(Kind::as_scale), *value),
        Value::Ratings { ratings, na, was, .. } => {
            ratings::pieces(kind.and_then(Kind::as_ratings), ratings, na, was)
        }
        Value::Date { date } => date::pieces(date),
        Value::Empty {} => Vec::new(),
    }
}

/// One column of a repeated part's table of values by date: a scale exercise, or one
/// item of a ratings exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column<'a> {
    /// Id of the exercise the values come from.
    pub exercise: &'a str,
    /// The rated item, for a ratings exercise; `None` for a scale.
    pub item: Option<&'a str>,
    /// The column's heading: the scale's title or the item, with the range and unit.
    pub head: String,
    /// The score the column shows, worked out per entry, for a score's column.
    pub score: Option<&'a crate::content::Score>,
}

/// The columns of the table of values of `exercises` (a repeated part's, in order): one
/// per scale, one per item of each ratings exercise and one per score; none for other
/// kinds.
pub fn value_columns<'a>(exercises: impl IntoIterator<Item = &'a Exercise>) -> Vec<Column<'a>> {
    let mut out = Vec::new();
    for ex in exercises {
        if let Some(s) = ex.kind.as_scale() {
            out.push(scale::column(ex, s));
        } else if let Some(r) = ex.kind.as_ratings() {
            out.extend(ratings::columns(ex, r));
        } else if let Some(s) = ex.kind.as_score() {
            out.push(score::column(ex, s));
        }
    }
    out
}

/// A unit as shown: cleaned, and none when it is blank.
fn unit_of(unit: Option<&str>) -> Option<String> {
    unit.map(clean_line).filter(|u| !u.is_empty())
}

/// What one cell of the table of values shows for `answer`: the number, marked when the
/// answer is private (only an export that includes private answers has any); empty when
/// there is no answer, it is skipped, or its value is not of the column's shape.
pub fn cell(column: &Column, answer: Option<&Answer>) -> String {
    let Some(answer) = answer.filter(|a| !a.skipped) else {
        return String::new();
    };
    if let (Some((_, na)), Some(item)) = (answer.value.as_ratings(), column.item)
        && na.contains(item)
    {
        return words::NA_CELL.to_string();
    }
    match crate::entry::number(&answer.value, column.item) {
        Some(n) if answer.private => words::private_cell(n),
        Some(n) => n.to_string(),
        None => String::new(),
    }
}

/// Plain text of the pieces: paragraphs as lines with a blank line between
/// them, `- item` for list items, `[x] option` / `[ ] option` for checklists.
/// With a width, every line is word-wrapped to it (items and checks with a
/// hanging indent) and no line is wider than it.
pub fn plain_lines(pieces: &[Piece], width: Option<usize>) -> Vec<String> {
    first_plain_lines(pieces, width, usize::MAX)
}

/// The start of [`plain_lines`], at least its first `max` lines: wrapping stops once
/// they are there, so a panel showing a few lines of a long answer does not wrap
/// all of it on every frame.
pub fn first_plain_lines(pieces: &[Piece], width: Option<usize>, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev_was_paragraph = None;
    for piece in pieces {
        if out.len() >= max {
            break;
        }
        let is_paragraph = matches!(piece, Piece::Paragraph(_));
        // A blank line between paragraphs, and where paragraphs meet items.
        if prev_was_paragraph.is_some_and(|p: bool| p || is_paragraph) {
            out.push(String::new());
        }
        prev_was_paragraph = Some(is_paragraph);
        match piece {
            Piece::Paragraph(lines) => {
                for line in lines {
                    if out.len() >= max {
                        break;
                    }
                    out.extend(hang("", line, width));
                }
            }
            Piece::Item(text) => out.extend(hang("- ", text, width)),
            Piece::Check { ticked, text } => {
                out.extend(hang(if *ticked { "[x] " } else { "[ ] " }, text, width));
            }
        }
    }
    out
}

/// `prefix` + `text` wrapped to `width`, continuation lines indented under the text.
fn hang(prefix: &str, text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![format!("{prefix}{text}")];
    };
    let indent = prefix.width();
    if indent * 2 > width {
        return wrap(&format!("{prefix}{text}"), width);
    }
    wrap(text, width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{prefix}{l}")
            } else {
                format!("{}{l}", " ".repeat(indent))
            }
        })
        .collect()
}

/// Word-wraps one line of text to `width` columns (at least one line, maybe
/// empty) by the app's one line-breaking rule ([`crate::editor::wrap::rows`]): a
/// line never starts with a space or with punctuation that belongs to the word
/// before; words wider than the line are broken between graphemes; a character
/// wider than the whole line (a CJK character at width 1) becomes `?`. Runs of
/// spaces between words become one. What must not reach a terminal raw (a bidi
/// control in a workbook's text, ...) is shown quoted, as [`crate::safe::line`] does.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        let word = crate::safe::quote_line(word);
        // Printable ASCII is one column a character and so always fits.
        if word.bytes().all(|b| b.is_ascii_graphic()) {
            line.push_str(&word);
            continue;
        }
        for c in word.chars() {
            line.push(if c.width().unwrap_or(0) > width { '?' } else { c });
        }
    }
    let starts = crate::editor::wrap::rows(&line, width);
    let ends = starts.iter().skip(1).copied().chain([line.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| line.get(s..e).unwrap_or("").trim_end_matches(' ').to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_control_characters() {
        assert_eq!(
            clean("a\u{1b}[31mb\r\nc\rd\te\u{7f}\u{9b}"),
            "a<U+001B>[31mb\nc\nd    e<U+007F><U+009B>"
        );
        assert_eq!(strip("a\u{1b}[31mb\r\nc\te\u{7f}\u{9b}"), "a[31mb\nc    e");
        assert_eq!(clean("a\u{202e}b\u{200b}c"), "a<U+202E>b<U+200B>c");
        assert_eq!(clean_line("a\nb"), "a b");
    }

    #[test]
    fn splits_paragraphs() {
        assert_eq!(
            paragraphs("\n one\ntwo  \n \n\n three\n"),
            vec![
                vec![" one".to_string(), "two".to_string()],
                vec![" three".to_string()]
            ]
        );
        assert!(paragraphs("  \n ").is_empty());
    }

    #[test]
    fn wraps_within_width() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(wrap("信頼信頼信", 4), ["信頼", "信頼", "信"]);
        assert_eq!(wrap("信", 1), ["?"]);
        assert_eq!(wrap("a\u{202e}b c", 20), ["a<U+202E>b c"]);
        for w in 1..12 {
            for l in wrap("éé 信頼 a\u{301}bc 👍🏽 long-long-word", w) {
                assert!(l.width() <= w, "{l:?} at {w}");
            }
        }
    }

    #[test]
    fn hangs_item_text() {
        let p = [
            Piece::Item("one two three".into()),
            Piece::Check {
                ticked: true,
                text: "four five".into(),
            },
        ];
        assert_eq!(
            plain_lines(&p, Some(9)),
            ["- one two", "  three", "[x] four", "    five"]
        );
    }

    #[test]
    fn first_plain_lines_are_the_start_of_plain_lines() {
        let text = "one two three four five six\nseven eight\n\nnine ten eleven twelve";
        let mut p = pieces(Some(&Kind::Text), &Value::Text { text: text.into() });
        p.push(Piece::Item("an item that wraps".into()));
        let all = plain_lines(&p, Some(9));
        for max in 0..=all.len() + 1 {
            let first = first_plain_lines(&p, Some(9), max);
            assert!(first.len() >= max.min(all.len()), "{max}: {first:?}");
            assert!(all.starts_with(&first), "{max}: {first:?}");
        }
    }

    #[test]
    fn scale_shows_both_ends() {
        let kind = Kind::Scale {
            min: 0,
            max: 10,
            min_label: "Not at all".into(),
            max_label: "Fully".into(),
            step: 1,
            unit: None,
        };
        assert_eq!(
            pieces(Some(&kind), &Value::Scale { value: 7 }),
            [Piece::Paragraph(vec![
                "7 / 10 (0 = Not at all, 10 = Fully)".into()
            ])]
        );
    }
}
