//! Limits no real workbook's answers reach, checked while a file is read, before anything
//! big is built: the answers file decoder, the import and the partner reader all call
//! [`check`] on the same text with the same limits.
//!
//! The walk visits every value once and keeps nothing but counters, so a hostile file of
//! millions of list items is refused after reading the first item too many.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Most bytes in one text: an answer, a list item, an option, a key (4 MiB: four times the
/// largest answer the app's own editor is measured with, about 300 pages of typing).
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// Most items in one list (answers to a list or checklist exercise). A list exercise's
/// `max` and a checklist's options are a few dozen at most in any workbook.
pub const MAX_ITEMS: usize = 10_000;
/// Most keys in one table (chapters of a workbook, exercises of a chapter, fields).
pub const MAX_KEYS: usize = 10_000;
/// Most values in a whole file (all answers, items and fields together): forty times what
/// a workbook of a hundred exercises with fifty-item lists needs.
pub const MAX_VALUES: usize = 200_000;
/// Deepest nesting of tables and lists (an answers file needs 5).
pub const MAX_DEPTH: usize = 16;

/// What went over a limit, for a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// A text longer than [`MAX_TEXT_BYTES`].
    Text,
    /// A list longer than [`MAX_ITEMS`].
    Items,
    /// A table with more than [`MAX_KEYS`] keys.
    Keys,
    /// More than [`MAX_VALUES`] values in all.
    Values,
    /// Nesting deeper than [`MAX_DEPTH`].
    Depth,
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Text => write!(f, "a text is longer than {} MiB", MAX_TEXT_BYTES / (1024 * 1024)),
            Exceeded::Items => write!(f, "a list has more than {MAX_ITEMS} items"),
            Exceeded::Keys => write!(f, "a table has more than {MAX_KEYS} entries"),
            Exceeded::Values => write!(f, "it holds more than {MAX_VALUES} values in all"),
            Exceeded::Depth => write!(f, "it is nested more than {MAX_DEPTH} levels deep"),
        }
    }
}

/// The prefix of the error message a limit produces, so callers can tell it from others.
pub const MARK: &str = "over trustbook's limits: ";

/// Walks everything `de` holds and fails at the first value over a limit, with a message
/// starting with [`MARK`] (and the deserializer's position, where it adds one).
pub fn check<'de, D: Deserializer<'de>>(de: D) -> Result<(), D::Error> {
    let mut count = 0;
    Walk {
        depth: 0,
        count: &mut count,
        long: None,
    }
    .deserialize(de)
}

/// [`check`], except that texts longer than [`MAX_TEXT_BYTES`] pass: returns how many there
/// are, so a file an older release wrote can be opened read-only with them cut.
pub fn check_allowing_long_texts<'de, D: Deserializer<'de>>(de: D) -> Result<usize, D::Error> {
    let mut count = 0;
    let mut long = 0;
    Walk {
        depth: 0,
        count: &mut count,
        long: Some(&mut long),
    }
    .deserialize(de)?;
    Ok(long)
}

/// `text` cut to at most [`MAX_TEXT_BYTES`], at a character boundary; true when it was cut.
pub fn cut_text(text: &mut String) -> bool {
    if text.len() <= MAX_TEXT_BYTES {
        return false;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    true
}

/// True when an error message came from [`check`].
pub fn is_limit(message: &str) -> bool {
    message.starts_with(MARK)
}

/// A first look at TOML text, before the parser builds its tree of the whole document
/// (which costs about 150 bytes per value): counts the commas and `=` outside strings and
/// comments, each of which starts a value, and returns the byte offset where they pass
/// [`MAX_VALUES`]. [`check`] then checks the parsed document in detail.
pub fn check_toml_text(text: &str) -> Result<(), (usize, Exceeded)> {
    let bytes = text.as_bytes();
    // The index just past the first `end` at or after `from` (a backslash escapes the next
    // byte when `escapes`), or the end of the text.
    let skip_to = |from: usize, end: &[u8], escapes: bool| {
        let mut j = from;
        while j < bytes.len() {
            if escapes && bytes[j] == b'\\' {
                j += 2;
                continue;
            }
            if bytes[j..].starts_with(end) {
                return j + end.len();
            }
            j += 1;
        }
        bytes.len()
    };
    let mut count = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let rest = &bytes[i..];
        i = match b {
            b'#' => skip_to(i + 1, b"\n", false),
            b'"' if rest.starts_with(br#"""""#) => skip_to(i + 3, br#"""""#, true),
            b'"' => skip_to(i + 1, b"\"", true),
            b'\'' if rest.starts_with(b"'''") => skip_to(i + 3, b"'''", false),
            b'\'' => skip_to(i + 1, b"'", false),
            b',' | b'=' => {
                count += 1;
                if count > MAX_VALUES {
                    return Err((i, Exceeded::Values));
                }
                i + 1
            }
            _ => i + 1,
        };
    }
    Ok(())
}

/// The message [`check`] gives for `what`, for callers that find it themselves.
pub fn message(what: Exceeded) -> String {
    format!("{MARK}{what}; no workbook's answers are that large")
}

struct Walk<'a> {
    depth: usize,
    count: &'a mut usize,
    /// Where texts over the limit are counted instead of refused, when they are.
    long: Option<&'a mut usize>,
}

impl Walk<'_> {
    fn fail<E: de::Error>(what: Exceeded) -> E {
        E::custom(message(what))
    }

    fn one<E: de::Error>(&mut self) -> Result<(), E> {
        *self.count += 1;
        if *self.count > MAX_VALUES {
            return Err(Self::fail(Exceeded::Values));
        }
        Ok(())
    }

    fn text<E: de::Error>(&mut self, len: usize) -> Result<(), E> {
        self.one()?;
        if len > MAX_TEXT_BYTES {
            match self.long.as_deref_mut() {
                Some(long) => *long += 1,
                None => return Err(Self::fail(Exceeded::Text)),
            }
        }
        Ok(())
    }

    fn inner(&mut self) -> Walk<'_> {
        Walk {
            depth: self.depth + 1,
            count: self.count,
            long: self.long.as_deref_mut(),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(mut self, _: bool) -> Result<(), E> {
        self.one()
    }
    fn visit_i64<E: de::Error>(mut self, _: i64) -> Result<(), E> {
        self.one()
    }
    fn visit_u64<E: de::Error>(mut self, _: u64) -> Result<(), E> {
        self.one()
    }
    fn visit_f64<E: de::Error>(mut self, _: f64) -> Result<(), E> {
        self.one()
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        self.text(v.len())
    }
    fn visit_bytes<E: de::Error>(mut self, v: &[u8]) -> Result<(), E> {
        self.text(v.len())
    }
    fn visit_none<E: de::Error>(mut self) -> Result<(), E> {
        self.one()
    }
    fn visit_unit<E: de::Error>(mut self) -> Result<(), E> {
        self.one()
    }
    fn visit_some<D: Deserializer<'de>>(mut self, de: D) -> Result<(), D::Error> {
        self.one()?;
        self.inner().deserialize(de)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        self.deserialize(de)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.one()?;
        if self.depth >= MAX_DEPTH {
            return Err(Self::fail(Exceeded::Depth));
        }
        let mut n = 0;
        while seq.next_element_seed(self.inner())?.is_some() {
            n += 1;
            if n > MAX_ITEMS {
                return Err(Self::fail(Exceeded::Items));
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.one()?;
        if self.depth >= MAX_DEPTH {
            return Err(Self::fail(Exceeded::Depth));
        }
        let mut n = 0;
        while map.next_key_seed(self.inner())?.is_some() {
            n += 1;
            if n > MAX_KEYS {
                return Err(Self::fail(Exceeded::Keys));
            }
            map.next_value_seed(self.inner())?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // Neither format produces enums from `deserialize_any`; skip one if it does.
        let (IgnoredAny, variant) = data.variant()?;
        de::VariantAccess::newtype_variant::<IgnoredAny>(variant).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Result<(), String> {
        check(&mut serde_json::Deserializer::from_str(text)).map_err(|e| e.to_string())
    }

    #[test]
    fn small_documents_pass() {
        assert_eq!(json(r#"{"a": [1, "b", {"c": null}], "d": true}"#), Ok(()));
    }

    #[test]
    fn a_long_list_stops_at_the_first_item_too_many() {
        let text = format!("[{}\"\"]", "\"\",".repeat(MAX_ITEMS));
        let e = json(&text).expect_err("too many");
        assert!(is_limit(&e) && e.contains("more than 10000 items"), "{e}");
    }

    #[test]
    fn a_long_text_and_deep_nesting_are_refused() {
        let text = format!("[\"{}\"]", "x".repeat(MAX_TEXT_BYTES + 1));
        assert!(json(&text).expect_err("long").contains("longer than 4 MiB"));
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert!(json(&deep).expect_err("deep").contains("levels deep"));
    }

    #[test]
    fn toml_text_with_too_many_values_is_refused_before_parsing() {
        let fine = "a = [1, 2]\nb = \"x,=,\" # ,,,\nc = '''=,'''\nd = \"\"\"\n,=\\\"\"\"\"\n";
        assert_eq!(check_toml_text(fine), Ok(()));
        let text = format!("a = [{}]", "1,".repeat(MAX_VALUES));
        assert_eq!(check_toml_text(&text).map_err(|e| e.1), Err(Exceeded::Values));
        let quoted = format!("a = \"{}\"", ",".repeat(MAX_VALUES + 1));
        assert_eq!(check_toml_text(&quoted), Ok(()));
    }

    #[test]
    fn toml_is_walked_too() {
        let text = format!("a = [{}]", "1,".repeat(MAX_ITEMS + 1));
        let de = toml::Deserializer::parse(&text).expect("toml");
        let e = check(de).expect_err("too many").to_string();
        assert!(e.contains(MARK), "{e}");
    }
}
