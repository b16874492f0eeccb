//! A checked walk over a parsed TOML file: typed field access that records a
//! positioned diagnostic for every problem instead of stopping at the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::{Diagnostic, Severity, position, suggest};

/// One content file being checked; collects diagnostics as it goes.
pub struct Checker<'a> {
    name: &'a str,
    text: &'a str,
    /// Lines holding a raw control character, already reported; syntax errors there are not.
    quiet_lines: &'a [usize],
    diags: &'a mut Vec<Diagnostic>,
}

/// The tables the format itself has; any other `[...]` header is a mistake.
const FORMAT_TABLES: [&str; 3] = ["exercises", "reflection", "safety"];

/// An unknown sub-table (`[[exercises.fields]]`) and the keys written under it.
struct Swallowed {
    /// The header line as written, such as `[[exercises.fields]]`.
    header: String,
    /// The header's line number.
    line: usize,
    /// Each key under it, with its line.
    keys: Vec<(String, usize)>,
}

/// A content file's text with every raw control character reported and blanked out.
///
/// TOML refuses most control characters with parser jargon; reporting them here, plainly
/// and at their exact position, and handing the parser a space (U+00A0 for the two-byte
/// C1 characters) keeps byte offsets and columns the same and lets the rest be checked.
/// Newline and tab are left alone: TOML allows a tab between keys and values and in
/// comments, and a tab inside a text is refused by [`Checker::text_ok`].
pub struct Source {
    text: String,
    quiet_lines: Vec<usize>,
}

impl Source {
    /// Scans `raw` (with CRLF already turned into LF), reporting into `diags` as `name`.
    pub fn new(name: &str, raw: String, diags: &mut Vec<Diagnostic>) -> Source {
        let mut quiet_lines = Vec::new();
        if crate::safe::plain_ascii(&raw, true) || !raw.chars().any(is_raw_control) {
            return Source {
                text: raw,
                quiet_lines,
            };
        }
        let mut text = String::with_capacity(raw.len());
        for (at, c) in raw.char_indices() {
            if !is_raw_control(c) {
                text.push(c);
                continue;
            }
            let (line, column) = position(&raw, at);
            diags.push(Diagnostic::error(
                name,
                line,
                column,
                format!(
                    "the file contains the control character {} here; remove it, it could disturb the reader's terminal",
                    control_name(c)
                ),
            ));
            quiet_lines.push(line);
            text.push(if c.len_utf8() == 1 { ' ' } else { '\u{a0}' });
        }
        Source { text, quiet_lines }
    }
}

fn is_raw_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `U+001B (ESC)`: a control or bidi character's code, and its name where one helps.
fn control_name(c: char) -> String {
    let name = match c {
        '\t' => " (tab; use spaces)",
        '\u{1b}' => " (ESC)",
        '\r' => " (carriage return)",
        '\0' => " (NUL)",
        '\u{c}' => " (form feed)",
        '\u{202a}' => " (left-to-right embedding)",
        '\u{202b}' => " (right-to-left embedding)",
        '\u{202c}' => " (pop directional formatting)",
        '\u{202d}' => " (left-to-right override)",
        '\u{202e}' => " (right-to-left override)",
        '\u{2066}' => " (left-to-right isolate)",
        '\u{2067}' => " (right-to-left isolate)",
        '\u{2068}' => " (first strong isolate)",
        '\u{2069}' => " (pop directional isolate)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// The tables a value holds: itself, or each element of an array of tables.
fn value_tables<'t, 'i>(v: &'t DeValue<'i>) -> Vec<&'t DeTable<'i>> {
    match v {
        DeValue::Table(t) => vec![t],
        DeValue::Array(items) => items
            .iter()
            .filter_map(|i| match i.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        DeValue::String(_)
        | DeValue::Integer(_)
        | DeValue::Float(_)
        | DeValue::Boolean(_)
        | DeValue::Datetime(_) => Vec::new(),
    }
}

/// Explains an unknown sub-table: what its header did, which keys it took, how to fix.
fn sub_table_message(k: &str, what: &str, sub: &Swallowed, suggestion: Option<&str>) -> String {
    let header = &sub.header;
    let took = if sub.keys.is_empty() {
        "nothing is written under it".to_string()
    } else {
        let names: Vec<String> = sub.keys.iter().map(|(k, _)| format!("`{k}`")).collect();
        format!(
            "every key after it, up to the next `[` line, belongs to that table and not to {what} ({})",
            names.join(", ")
        )
    };
    let fix = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None if sub.keys.is_empty() => format!("delete the line `{header}`"),
        None => format!(
            "delete the line `{header}` so those keys belong to {what} again; a new exercise starts with `[[exercises]]`"
        ),
    };
    format!("`{header}` starts a table `{k}` inside {what}, which has no such table; {took}; {fix}")
}

/// A table plus how to name it in messages ("exercise `looking-back`").
pub struct Table<'t, 'i> {
    pub inner: &'t DeTable<'i>,
    pub span: Range<usize>,
    pub what: String,
}

impl<'a> Checker<'a> {
    pub fn new(name: &'a str, source: &'a Source, diags: &'a mut Vec<Diagnostic>) -> Self {
        Checker {
            name,
            text: &source.text,
            quiet_lines: &source.quiet_lines,
            diags,
        }
    }

    /// Records a problem at a byte span of this file.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.report(Severity::Error, span, message.into());
    }

    /// The line and column (from 1) of a byte offset of this file.
    pub fn position_of(&self, offset: usize) -> (usize, usize) {
        position(self.text, offset)
    }

    /// Records a warning at a byte span of this file.
    pub fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.report(Severity::Warning, span, message.into());
    }

    fn report(&mut self, severity: Severity, span: Range<usize>, message: String) {
        let (line, column) = position(self.text, span.start);
        self.diags.push(Diagnostic {
            severity,
            file: self.name.to_string(),
            line,
            column,
            message,
        });
    }

    /// Parses the file, recording every syntax error; `None` if nothing usable came out.
    pub fn parse(&mut self) -> Option<Spanned<DeTable<'a>>> {
        let (table, errors) = DeTable::parse_recoverable(self.text);
        let failed = !errors.is_empty();
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            if self.quiet_lines.contains(&position(self.text, span.start).0) {
                continue;
            }
            let msg = e.message().trim().trim_end_matches('.').to_string();
            if msg.starts_with("duplicate key")
                && let Some(message) = self.duplicate_key(span.clone())
            {
                self.error(span, message);
                continue;
            }
            self.error(
                span,
                format!("TOML syntax error: {msg}; check quotes, brackets and commas on this line"),
            );
        }
        // A syntax error can leave a half-built tree; reporting missing keys from it would mislead.
        (!failed).then_some(table)
    }

    /// A duplicate key's message: the key by name and the line where it was first set
    /// (in the same table), or `None` when the key cannot be read from the text.
    fn duplicate_key(&self, span: Range<usize>) -> Option<String> {
        let key = self.text.get(span.clone())?.trim();
        if key.is_empty() {
            return None;
        }
        let (line, _) = position(self.text, span.start);
        let before: Vec<&str> = self.text.get(..span.start)?.lines().collect();
        let first = before
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, l)| !l.trim_start().starts_with('['))
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|(n, _)| n + 1);
        Some(match first {
            Some(n) => format!(
                "duplicate key `{key}`: it is already set on line {n} in the same table; keep one of the two (line {n} or line {line})"
            ),
            None => format!("duplicate key `{key}`: it is already set in the same table; keep only one"),
        })
    }

    /// Reports every key of `t` not in `allowed`, suggesting the nearest allowed one.
    pub fn known_keys(&mut self, t: &Table, allowed: &[&str]) {
        for (key, value) in t.inner.iter() {
            let k = key.get_ref().as_ref();
            if allowed.contains(&k) {
                continue;
            }
            let suggestion = suggest(k, allowed);
            if let Some(sub) = self.sub_table(key.span(), value_tables(value.get_ref())) {
                let message = sub_table_message(k, &t.what, &sub, suggestion);
                self.error(key.span(), message);
                continue;
            }
            let hint = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("allowed keys here: {}", allowed.join(", ")),
            };
            self.error(key.span(), format!("unknown key `{k}` in {}; {hint}", t.what));
        }
    }

    fn get<'t, 'i>(
        &mut self,
        t: &'t Table<'t, 'i>,
        key: &str,
        required: bool,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let v = t.inner.get(key);
        if v.is_none() && required {
            let under = t
                .inner
                .iter()
                .filter(|(k, _)| !FORMAT_TABLES.contains(&k.get_ref().as_ref()))
                .filter_map(|(k, v)| self.sub_table(k.span(), value_tables(v.get_ref())))
                .find_map(|s| {
                    let line = s.keys.iter().find(|(k, _)| k == key)?.1;
                    Some((s, line))
                });
            let message = match under {
                Some((s, line)) => format!(
                    "missing required key `{key}` in {}: it is set on line {line}, but under `{}` (line {}), so it belongs to that table; delete that line or move `{key}` above it",
                    t.what, s.header, s.line
                ),
                None => format!("missing required key `{key}` in {}; add `{key} = ...`", t.what),
            };
            self.error(t.span.clone(), message);
        }
        v
    }

    /// When the key at `span` is a `[...]` or `[[...]]` header line holding `tables`, what
    /// went under it; `None` for other values (an inline table is an ordinary wrong value).
    fn sub_table(&self, span: Range<usize>, tables: Vec<&DeTable>) -> Option<Swallowed> {
        if tables.is_empty() {
            return None;
        }
        let start = self.text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
        let end = self
            .text
            .get(start..)?
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let header = self.text.get(start..end)?.trim();
        if !header.starts_with('[') {
            return None;
        }
        let header = header.split('#').next().unwrap_or(header).trim_end().to_string();
        let mut keys: Vec<(String, usize)> = Vec::new();
        for table in tables {
            for (k, _) in table.iter() {
                let name = k.get_ref().to_string();
                if !keys.iter().any(|(seen, _)| *seen == name) {
                    keys.push((name, position(self.text, k.span().start).0));
                }
            }
        }
        keys.sort_by_key(|(_, line)| *line);
        Some(Swallowed {
            header,
            line: position(self.text, span.start).0,
            keys,
        })
    }

    fn wrong_type(&mut self, v: &Spanned<DeValue>, key: &str, what: &str, expected: &str) {
        self.error(
            v.span(),
            format!(
                "`{key}` in {what} must be {expected}, not {}",
                v.get_ref().type_str()
            ),
        );
    }

    /// A string field, checked for control characters.
    pub fn string(&mut self, t: &Table, key: &str, required: bool) -> Option<String> {
        let v = self.get(t, key, required)?;
        match v.get_ref() {
            DeValue::String(s) => {
                let s = s.to_string();
                self.text_ok(v.span(), &s, key, &t.what);
                self.bidi_ok(v.span(), &s, key, &t.what);
                if required && s.trim().is_empty() {
                    self.error(
                        v.span(),
                        format!("`{key}` in {} is empty; write some text", t.what),
                    );
                }
                Some(s)
            }
            _ => {
                self.wrong_type(v, key, &t.what, "text in quotes");
                None
            }
        }
    }

    /// Rejects control characters, which could drive the reader's terminal. A character
    /// typed as it is (a tab) is pointed at exactly; an escaped one (`\u001b`) at the text.
    pub fn text_ok(&mut self, span: Range<usize>, s: &str, key: &str, what: &str) -> bool {
        if crate::safe::plain_ascii(s, false) {
            return true;
        }
        match s.chars().find(|c| c.is_control() && *c != '\n') {
            Some(c) => {
                let at = self
                    .text
                    .get(span.clone())
                    .and_then(|raw| raw.find(c))
                    .map_or(span.start, |i| span.start + i);
                self.error(
                    at..at,
                    format!(
                        "`{key}` in {what} contains the control character {}; remove it, it could disturb the reader's terminal",
                        control_name(c)
                    ),
                );
                false
            }
            None => true,
        }
    }

    /// Warns of a bidi control, which can make a text read in another order than it is
    /// written (the "Trojan Source" trick). Pointed at where it is typed: the character
    /// itself, or its `\u` escape; else at the text.
    pub fn bidi_ok(&mut self, span: Range<usize>, s: &str, key: &str, what: &str) {
        // Every bidi control is outside ASCII.
        if s.is_ascii() {
            return;
        }
        let Some(c) = s.chars().find(|c| crate::safe::is_bidi(*c)) else {
            return;
        };
        let code = c as u32;
        let raw = self.text.get(span.clone()).unwrap_or("");
        let at = [
            c.to_string(),
            format!("\\u{code:04x}"),
            format!("\\u{code:04X}"),
            format!("\\U{code:08x}"),
            format!("\\U{code:08X}"),
        ]
        .iter()
        .filter_map(|needle| raw.find(needle.as_str()))
        .min()
        .map_or(span.start, |i| span.start + i);
        self.warn(
            at..at,
            format!(
                "`{key}` in {what} contains the bidi control {}, which can make the text read in another order than it is written; remove it unless the text needs it",
                control_name(c)
            ),
        );
    }

    /// An integer field.
    pub fn int(&mut self, t: &Table, key: &str, required: bool) -> Option<i64> {
        let v = self.get(t, key, required)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(v.span(), format!("`{key}` in {} is too large", t.what));
                    None
                }
            },
            _ => {
                self.wrong_type(v, key, &t.what, "a whole number");
                None
            }
        }
    }

    /// An optional boolean field: `Ok(None)` when absent, `Err` (reported) when not a boolean.
    pub fn boolean(&mut self, t: &Table, key: &str) -> Result<Option<bool>, ()> {
        let Some(v) = self.get(t, key, false) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(Some(*b)),
            _ => {
                self.wrong_type(v, key, &t.what, "true or false");
                Err(())
            }
        }
    }

    /// An array of strings, each checked; returns the strings with their spans.
    pub fn strings(&mut self, t: &Table, key: &str, required: bool) -> Option<Vec<(String, Range<usize>)>> {
        let v = self.get(t, key, required)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v, key, &t.what, "a list of texts, like [\"a\", \"b\"]");
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => {
                    self.text_ok(item.span(), s, key, &t.what);
                    self.bidi_ok(item.span(), s, key, &t.what);
                    out.push((s.to_string(), item.span()));
                }
                _ => self.wrong_type(item, key, &t.what, "a list of texts"),
            }
        }
        Some(out)
    }

    /// Records a missing required table; `fix` says how to add it, in TOML syntax.
    fn missing_table<'t, 'i>(
        &mut self,
        t: &'t Table<'t, 'i>,
        key: &str,
        shown: &str,
        fix: &str,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let v = t.inner.get(key);
        if v.is_none() {
            self.error(t.span.clone(), format!("missing `{shown}` in {}; {fix}", t.what));
        }
        v
    }

    /// An array of tables (`[[key]]`), or `None` with a diagnostic; `fix` says how to add one.
    pub fn tables<'t, 'i>(
        &mut self,
        t: &'t Table<'t, 'i>,
        key: &str,
        fix: &str,
    ) -> Option<Vec<(&'t DeTable<'i>, Range<usize>)>> {
        let v = self.missing_table(t, key, &format!("[[{key}]]"), fix)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v, key, &t.what, &format!("a list of tables written as [[{key}]]"));
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(tab) => out.push((tab, item.span())),
                _ => self.wrong_type(item, key, &t.what, &format!("a table written as [[{key}]]")),
            }
        }
        Some(out)
    }

    /// A sub-table (`[key]`), or `None` with a diagnostic; `fix` says how to add it.
    pub fn table<'t, 'i>(
        &mut self,
        t: &'t Table<'t, 'i>,
        key: &str,
        fix: &str,
    ) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let v = self.missing_table(t, key, &format!("[{key}]"), fix)?;
        match v.get_ref() {
            DeValue::Table(tab) => Some((tab, v.span())),
            _ => {
                self.wrong_type(v, key, &t.what, &format!("a table written as [{key}]"));
                None
            }
        }
    }

    /// Span of a key's value, or of the table when the key is absent.
    pub fn span_of(&self, t: &Table, key: &str) -> Range<usize> {
        t.inner.get(key).map_or(t.span.clone(), |v| v.span())
    }

    /// Checks that an id is lowercase words joined by single dashes.
    pub fn id_ok(&mut self, t: &Table, id: &str) -> bool {
        if is_id(id) {
            return true;
        }
        let span = self.span_of(t, "id");
        self.error(
            span,
            format!(
                "id `{id}` in {} must be lowercase letters or digits, words joined by single dashes (like `looking-back`), at most 64 characters",
                t.what
            ),
        );
        false
    }
}

/// Lowercase ASCII words of letters/digits joined by single dashes, 1..=64 chars.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}
