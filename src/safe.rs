//! The one sanitiser between untrusted text and a terminal, a stream or a screen.
//!
//! Text from outside (a workbook, an answers file, a partner's export, a path or
//! name typed on the command line) may hold characters that drive a terminal
//! (ESC, CSI, OSC, the C1 range, DEL, carriage return) or make text read
//! differently than it is (bidi overrides and isolates, the Trojan Source trick;
//! zero-width and other invisible format characters). None of them ever reaches
//! the terminal raw, and none is silently dropped either: each is shown quoted
//! as `<U+XXXX>`, its code point in (at least four) uppercase hex digits, e.g.
//! `<U+001B>` for ESC and `<U+202E>` for a right-to-left override. Ordinary
//! Unicode (accents, CJK, emoji, joiners inside emoji) is left as it is.
//!
//! - [`line`] and [`text`] wrap a value in a [`Shown`], whose `Display` quotes:
//!   `line` quotes newlines too (a one-line value cannot fake a line of output),
//!   `text` keeps them;
//! - [`path`] does the same for a file path;
//! - [`placeholders`] is for an editing field, where one character must stay one
//!   character: each becomes a visible `�` (U+FFFD) instead;
//! - [`report!`](crate::report) and [`say!`](crate::say) pass every line they
//!   write through [`text`], and [`write_out`] does so for command results, so
//!   whatever a message was built from, the stream gets no raw control.

use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::path::Path;

/// True for a character that is quoted wherever text is shown: C0 controls but
/// newline and tab, DEL, C1 controls, bidi controls and invisible format characters.
pub fn is_quoted(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        c if c.is_control() => true,
        c => is_bidi(c) || is_invisible(c),
    }
}

/// True for a bidi control (embeddings, overrides, isolates, marks), which can
/// make text read in another order than it is stored.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True for an invisible format character: zero-width space and joiners, word
/// joiner and invisible operators, the byte order mark, the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// True when `s` is printable ASCII and newlines only, and tabs too with `tabs`: text that
/// holds no control, bidi or invisible character. Looked at 64 bytes at a time with no
/// early exit inside a block, which the compiler turns into vector code: the checks of
/// the built-in workbook's texts at start-up went from about 20 instructions a byte to
/// a few.
pub fn plain_ascii(s: &str, tabs: bool) -> bool {
    s.as_bytes().chunks(64).all(|block| {
        block.iter().fold(true, |ok, &b| {
            ok & ((0x20..0x7f).contains(&b) | (b == b'\n') | (tabs & (b == b'\t')))
        })
    })
}

/// A quick first look: false only when `s` surely holds nothing [`is_quoted`]. Every
/// such character is an ASCII control or DEL, or is encoded in UTF-8 as one of these
/// lead bytes followed by one of these second bytes: C2 80-9F and C2 AD (C1, U+00AD),
/// D8 9C (U+061C), E2 80-81 (U+200B-U+2069), EF BB (U+FEFF). So long texts without
/// them (most answers) are passed over at byte speed on every frame, and so are the
/// screen's own box lines, arrows and dots (E2 94, E2 86, C2 B7).
fn maybe_quoted(s: &str) -> bool {
    if plain_ascii(s, true) {
        return false;
    }
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b'\t' | b'\n' => false,
        0..0x20 | 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f | 0xad)),
        0xd8 => b.get(i + 1) == Some(&0x9c),
        0xe2 => matches!(b.get(i + 1), Some(0x80 | 0x81)),
        0xef => b.get(i + 1) == Some(&0xbb),
        _ => false,
    })
}

/// A zero-width joiner or non-joiner between two visible characters (inside an
/// emoji sequence like 👨‍👩‍👧, or between Persian letters) is part of ordinary
/// text and is kept; anywhere else it is quoted.
fn joins(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let visible = |x: Option<char>| x.is_some_and(|x| !x.is_whitespace() && !is_quoted(x));
    matches!(c, '\u{200c}' | '\u{200d}') && visible(prev) && visible(next)
}

/// Where a newline goes, and what a quoted character becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One line: newlines quoted too.
    Line,
    /// Several lines: newlines kept.
    Text,
    /// In an editing field: one [`PLACEHOLDER`] per character, newlines kept.
    Placeholder,
}

/// What an editing field shows for a character [`is_quoted`]: one visible character
/// for one hidden one, so the cursor stays where it is in the text.
pub const PLACEHOLDER: char = '\u{fffd}';

/// Writes `s` with every character [`is_quoted`] (and, in [`Mode::Line`], every
/// newline) quoted as `<U+XXXX>`, or replaced by [`PLACEHOLDER`].
fn write_quoted(out: &mut impl fmt::Write, s: &str, mode: Mode) -> fmt::Result {
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let quote = if c == '\n' {
            mode == Mode::Line
        } else {
            is_quoted(c) && !joins(prev, c, chars.peek().copied())
        };
        match (quote, mode) {
            (false, _) => out.write_char(c)?,
            (true, Mode::Placeholder) => out.write_char(PLACEHOLDER)?,
            (true, Mode::Line | Mode::Text) => write!(out, "<U+{:04X}>", c as u32)?,
        }
        prev = Some(c);
    }
    Ok(())
}

/// `s` for an editing field: every character [`is_quoted`] becomes one [`PLACEHOLDER`]
/// (newlines and tabs kept), so positions counted in characters stay the same.
pub fn placeholders(s: &str) -> Cow<'_, str> {
    quoted_in(s, Mode::Placeholder)
}

/// Untrusted text as it may be shown: its `Display` quotes what [`is_quoted`].
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    text: &'a str,
    mode: Mode,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_quoted(f, self.text, self.mode)
    }
}

/// A one-line value (a key, an id, a name, an option): newlines are quoted too.
pub fn line(s: &str) -> Shown<'_> {
    Shown {
        text: s,
        mode: Mode::Line,
    }
}

/// A multi-line text: newlines are kept, everything else [`is_quoted`] is quoted.
pub fn text(s: &str) -> Shown<'_> {
    Shown {
        text: s,
        mode: Mode::Text,
    }
}

/// A file path as it may be shown: like [`line`], over the path's display form
/// (bytes that are not UTF-8 show as U+FFFD).
pub fn path(p: &Path) -> ShownPath<'_> {
    ShownPath(p)
}

/// A file path whose `Display` quotes like [`line`]; made by [`path`].
#[derive(Debug, Clone, Copy)]
pub struct ShownPath<'a>(&'a Path);

impl fmt::Display for ShownPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_quoted(f, &self.0.to_string_lossy(), Mode::Line)
    }
}

/// `s` as [`text`] shows it, borrowed when nothing needed quoting.
pub fn quote_text(s: &str) -> Cow<'_, str> {
    quoted_in(s, Mode::Text)
}

/// `show(s)` as a string, or `s` borrowed when nothing in it needs quoting (in
/// `mode`); looked at without allocating, as this runs for every line drawn.
fn quoted_in(s: &str, mode: Mode) -> Cow<'_, str> {
    if !(maybe_quoted(s) || (mode == Mode::Line && s.contains('\n'))) || !needs(s, mode) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let _ = write_quoted(&mut out, s, mode);
    Cow::Owned(out)
}

/// Whether [`write_quoted`] would change `s`.
fn needs(s: &str, mode: Mode) -> bool {
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let quote = if c == '\n' {
            mode == Mode::Line
        } else {
            is_quoted(c) && !joins(prev, c, chars.peek().copied())
        };
        if quote {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// `s` as [`line`] shows it, borrowed when nothing needed quoting.
pub fn quote_line(s: &str) -> Cow<'_, str> {
    quoted_in(s, Mode::Line)
}

/// Writes `args` and a newline to `out` as [`text`] shows them, ignoring failure
/// (a message nobody can read must not stop anything). Used by [`report!`](crate::report)
/// and [`say!`](crate::say).
pub fn write_line(mut out: impl Write, args: fmt::Arguments<'_>) {
    let mut s = quote_text(&args.to_string()).into_owned();
    s.push('\n');
    let _ = out.write_all(s.as_bytes()).and_then(|()| out.flush());
}

/// Writes a command's result to `out` as [`text`] shows it.
pub fn write_out(out: &mut dyn Write, result: &str) -> std::io::Result<()> {
    out.write_all(quote_text(result).as_bytes())?;
    out.flush()
}

/// Writes a line to standard error through the sanitiser, ignoring failure:
/// after the terminal has closed, `eprintln!` would panic, and a message nobody
/// can read must not stop the answers from being saved.
#[macro_export]
macro_rules! report {
    ($($arg:tt)*) => {
        $crate::safe::write_line(std::io::stderr(), format_args!($($arg)*))
    };
}

/// Writes a line to standard output through the sanitiser, ignoring failure
/// (a reader that stopped early, `| head`, is not an error).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::safe::write_line(std::io::stdout(), format_args!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_printable_ascii_and_newlines_at_any_place() {
        let plain = |c: char, tabs: bool| (' '..='~').contains(&c) || c == '\n' || (tabs && c == '\t');
        let odd = ['\u{1b}', '\u{7f}', '\u{85}', 'é', '\u{202e}', '\u{feff}', '—'];
        for c in (0u8..0x80).map(char::from).chain(odd) {
            // Before, on and after a 64-byte block's edge.
            for at in [0, 63, 64, 130] {
                let mut s = "a".repeat(140);
                s.insert(at, c);
                for tabs in [false, true] {
                    assert_eq!(plain_ascii(&s, tabs), plain(c, tabs), "{c:?} at {at}");
                }
            }
        }
        assert!(plain_ascii("", false));
    }

    #[test]
    fn quotes_every_listed_range() {
        let mut cases: Vec<char> = (0u32..0x20).filter_map(char::from_u32).collect();
        cases.push('\u{7f}');
        cases.extend((0x80u32..=0x9f).filter_map(char::from_u32));
        cases.extend((0x202au32..=0x202e).filter_map(char::from_u32));
        cases.extend((0x2066u32..=0x2069).filter_map(char::from_u32));
        cases.extend((0x200bu32..=0x200f).filter_map(char::from_u32));
        cases.extend(['\u{feff}', '\u{ad}', '\u{61c}']);
        for c in cases {
            let s = format!("a {c} b");
            let expect = match c {
                '\n' => "a \n b".to_string(),
                '\t' => "a \t b".to_string(),
                c => format!("a <U+{:04X}> b", c as u32),
            };
            assert_eq!(text(&s).to_string(), expect, "{:04X} as text", c as u32);
            if c != '\t' {
                assert_eq!(
                    line(&s).to_string(),
                    format!("a <U+{:04X}> b", c as u32),
                    "{:04X} as a line",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn quotes_terminal_sequences() {
        assert_eq!(line("\u{1b}[31mred").to_string(), "<U+001B>[31mred");
        assert_eq!(line("\u{1b}]0;x\u{7}").to_string(), "<U+001B>]0;x<U+0007>");
        assert_eq!(line("\u{9b}2J").to_string(), "<U+009B>2J");
        assert_eq!(text("a\r\nb").to_string(), "a<U+000D>\nb");
    }

    #[test]
    fn keeps_lines_only_in_text() {
        assert_eq!(text("one\ntwo\n").to_string(), "one\ntwo\n");
        assert_eq!(line("one\ntwo").to_string(), "one<U+000A>two");
        assert_eq!(quote_text("a\nb"), Cow::Borrowed("a\nb"));
        assert_eq!(quote_line("a\nb"), "a<U+000A>b");
    }

    #[test]
    fn leaves_ordinary_unicode_alone() {
        for s in [
            "café naïve",
            "a\u{301}",
            "信頼 と 愛",
            "👍🏽 🇳🇱 👨\u{200d}👩\u{200d}👧",
            "שלום עולם",
            "Ünïcödé — “quotes” … 😀",
        ] {
            assert_eq!(text(s).to_string(), s);
            assert_eq!(line(s).to_string(), s);
            assert!(matches!(quote_text(s), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn a_stray_joiner_is_quoted() {
        assert_eq!(line("a \u{200d}b").to_string(), "a <U+200D>b");
        assert_eq!(line("\u{200d}").to_string(), "<U+200D>");
        assert_eq!(line("\u{200b}x").to_string(), "<U+200B>x");
        assert_eq!(line("می\u{200c}خواهم").to_string(), "می\u{200c}خواهم");
    }

    #[test]
    fn nothing_quoted_survives_anywhere_in_the_first_planes() {
        let chars = (0u32..0x3000).chain(0xfe00..0x10000).filter_map(char::from_u32);
        for c in chars {
            for s in [c.to_string(), format!("a{c}b"), format!("👨{c}👩")] {
                let shown = line(&s).to_string();
                let mut it = shown.chars().peekable();
                let mut prev = None;
                while let Some(d) = it.next() {
                    let ok = d != '\n' && (!is_quoted(d) || joins(prev, d, it.peek().copied()));
                    assert!(ok, "U+{:04X} in {s:?} shows raw as {shown:?}", d as u32);
                    prev = Some(d);
                }
            }
            if is_quoted(c) {
                assert!(maybe_quoted(&c.to_string()), "U+{:04X} passed over", c as u32);
            }
        }
    }

    #[test]
    fn the_screens_own_marks_are_passed_over_at_byte_speed() {
        assert!(!maybe_quoted("┌─ Your answer ─┐│└┘ ↑↓ ·"));
        assert!(maybe_quoted("a\u{200b}b") && maybe_quoted("\u{feff}") && maybe_quoted("\u{ad}"));
    }

    #[test]
    fn quoting_twice_changes_nothing() {
        let once = text("x\u{202e}y\u{1b}[0m").to_string();
        assert_eq!(text(&once).to_string(), once);
    }

    #[test]
    fn placeholders_keep_positions() {
        assert_eq!(placeholders("a\u{202e}b\u{1b}\n\tc"), "a\u{fffd}b\u{fffd}\n\tc");
        assert_eq!(
            placeholders("👨\u{200d}👩 é"),
            Cow::<str>::Borrowed("👨\u{200d}👩 é")
        );
        let s = "x\u{feff}\u{ad}\u{9b}y";
        assert_eq!(placeholders(s).chars().count(), s.chars().count());
    }

    #[test]
    fn paths_are_quoted_as_lines() {
        let p = Path::new("/tmp/a\u{1b}[31m\n\u{202e}b");
        assert_eq!(path(p).to_string(), "/tmp/a<U+001B>[31m<U+000A><U+202E>b");
    }
}
