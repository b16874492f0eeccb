//! The workbook format: types, loading from disk or the embedded copy, and
//! validation that reports every author mistake with its position.

mod builtin;
mod diag;
mod kinds;
mod lengths;
mod load;
mod parse;
mod refs;
mod repeat;
mod walk;

pub use builtin::load_builtin;
pub use diag::{Diagnostic, Diagnostics, Severity, position};
pub use kinds::KindSpec;
pub use kinds::score::{Band, Method, Score, range as score_range};
pub use lengths::{WARN_COLUMNS, chapter_title_room, workbook_title_room};
pub use load::{FORMAT_VERSION, MAX_FILE_BYTES, check_dir, check_embedded, load_dir, load_embedded};

/// Id reserved for a chapter's closing reflection, answered like a text exercise.
pub const REFLECTION_ID: &str = "reflection";

/// A whole workbook: welcome, chapters in order, closing words.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Workbook {
    /// The content format version the workbook is written in (1 or 2); version 2
    /// enables skipping and `optional` exercises.
    pub format_version: i64,
    /// Stable id; answers files record it so answers are not mixed across workbooks.
    pub id: String,
    /// Title shown in the header and on the welcome screen.
    pub title: String,
    /// Welcome text shown on the first screen.
    pub welcome: String,
    /// The self-help note (not a substitute for a counsellor or emergency help).
    pub note: String,
    /// Text of the closing screen after the last chapter.
    pub closing: String,
    /// The "before you start" page (format 2): shown before chapter 1 on first run and
    /// one key away everywhere; it stores no answer.
    pub safety: Option<Page>,
    /// Chapters in reading order.
    pub chapters: Vec<Chapter>,
}

/// A page to read that takes no answer: a title and its text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Page {
    /// The page's title.
    pub title: String,
    /// The page's text, paragraphs separated by blank lines.
    pub text: String,
}

/// One chapter: introduction, exercises, and its closing reflection as the last exercise.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Chapter {
    /// Stable id, part of every answer key.
    pub id: String,
    /// Chapter title.
    pub title: String,
    /// Introduction shown before the first exercise.
    pub introduction: String,
    /// Exercises in order; the last one is always the closing reflection.
    pub exercises: Vec<Exercise>,
    /// The part filled again and again as dated entries (format 2 `[repeat]`).
    pub repeat: Option<Repeat>,
}

/// The repeated part of a chapter (format 2 `[repeat]`): its exercises are answered
/// once per entry; the chapter's other exercises keep one answer every entry sees.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Repeat {
    /// When a new entry is made.
    pub rhythm: Rhythm,
    /// What one entry is called ("Weekly check-in", "Thought record").
    pub title: String,
    /// Ids of the repeated exercises, in chapter order.
    pub exercises: Vec<String>,
    /// Ids of repeated exercises whose previous entry's answer is offered in a new one.
    pub suggest_previous: Vec<String>,
}

/// How often a repeated part gets a new entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Rhythm {
    /// One entry per calendar week (Monday to Sunday), named by its dates.
    Weekly,
    /// A new entry whenever the person starts one.
    Entries,
}

impl Chapter {
    /// True when exercise `id` is answered once per entry.
    pub fn is_repeated(&self, id: &str) -> bool {
        self.repeat
            .as_ref()
            .is_some_and(|r| r.exercises.iter().any(|e| e == id))
    }
}

/// One exercise: what to ask and what kind of answer it takes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exercise {
    /// Stable id within its chapter.
    pub id: String,
    /// Short title.
    pub title: String,
    /// The question or task.
    pub prompt: String,
    /// Optional help, shown on request.
    pub hint: Option<String>,
    /// Optional example answer, shown on request.
    pub example: Option<String>,
    /// The kind of answer, with its options.
    pub kind: Kind,
    /// May stay empty without blocking progress or the comparison (format 2:
    /// `optional = true`, or `min = 0` on a list or checklist).
    pub optional: bool,
    /// Answers start private and the comparison never waits on it (format 2:
    /// `private = true` on the exercise or its chapter).
    pub private: bool,
    /// Ids of exercises of the same chapter whose answers are shown, read-only,
    /// above the prompt (format 2: `show = [...]`).
    pub show: Vec<String>,
    /// Offered only when this holds (format 2: `when = { ... }`); otherwise "not needed".
    pub when: Option<Condition>,
}

/// A simple condition on an earlier answer of the same chapter (format 2 `when`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Condition {
    /// Id of the exercise whose answer decides.
    pub exercise: String,
    /// A scale answer at least this.
    pub at_least: Option<i64>,
    /// A scale answer at most this.
    pub at_most: Option<i64>,
    /// A choice answer being one of these options (empty: no such test).
    pub is: Vec<String>,
}

/// The list exercise a ratings exercise takes its items from (format 2 `items_from`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemsFrom {
    /// The list's chapter id (the ratings' own chapter when written without one).
    pub chapter: String,
    /// The list's exercise id.
    pub exercise: String,
}

/// The nine kinds of exercise.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// Free multi-line text.
    Text,
    /// Several short items, with an optional count range.
    List {
        /// Fewest items asked for.
        min: Option<u32>,
        /// Most items allowed.
        max: Option<u32>,
        /// The couple's one list (format 2 `shared = true`): the latest version either
        /// partner wrote is the one both see (a partner's arrives by import).
        shared: bool,
    },
    /// Exactly one option, optionally "other, namely ...".
    Choice {
        /// The options, in order.
        options: Vec<String>,
        /// Whether a free "other" option is offered.
        other: bool,
    },
    /// Any number of options.
    Checklist {
        /// The options, in order.
        options: Vec<String>,
        /// Options that stand alone (format 2, `exclusive`): ticking one unticks
        /// every other option, ticking another unticks it.
        exclusive: Vec<String>,
        /// Whether an "Other, in my own words" row is offered (format 2 `other`).
        other: bool,
    },
    /// A page to read (format 2): title and prompt, no answer; not counted in progress,
    /// left out when comparing and exporting.
    Page,
    /// A calendar day (format 2), stored as `YYYY-MM-DD`; offered as today.
    Date,
    /// Several items, each rated on one scale `min..=max` (format 2).
    Ratings {
        /// The items to rate, in order: the workbook's own `items`. Where the items are
        /// resolved from the answers ([`crate::answers::Answers::resolved_kind`]), the
        /// list's items follow them.
        items: Vec<String>,
        /// A list exercise whose answer gives more items to rate (`items_from`).
        items_from: Option<ItemsFrom>,
        /// The person may add items of their own while rating (`add_items = true`).
        add_items: bool,
        /// Lowest value.
        min: i64,
        /// Highest value.
        max: i64,
        /// Label for the low end, if any.
        min_label: Option<String>,
        /// Label for the high end, if any.
        max_label: Option<String>,
        /// Distance between neighbouring values (format 2 `step`; 1 by default).
        step: i64,
        /// Shown after each value, as in "65 %" (format 2 `unit`).
        unit: Option<String>,
        /// The words of a per-item "didn't apply" choice (`na_label`, e.g. "didn't come
        /// up"); without it every item takes a value.
        na_label: Option<String>,
    },
    /// A whole number in `min..=max`, with labels for the ends.
    Scale {
        /// Lowest value.
        min: i64,
        /// Highest value.
        max: i64,
        /// Label for the low end.
        min_label: String,
        /// Label for the high end.
        max_label: String,
        /// Distance between neighbouring values (format 2 `step`; 1 by default).
        step: i64,
        /// Shown after each value, as in "65 %" (format 2 `unit`).
        unit: Option<String>,
    },
    /// A number computed from other answers (format 2); it takes no answer of its own.
    Score(Score),
}

/// A list's settings, as [`Kind::as_list`] gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListView {
    /// Fewest items asked for.
    pub min: Option<u32>,
    /// Most items allowed.
    pub max: Option<u32>,
    /// The couple's one list (format 2 `shared = true`).
    pub shared: bool,
}

/// A scale's settings, borrowed, as [`Kind::as_scale`] gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleView<'a> {
    /// Lowest value.
    pub min: i64,
    /// Highest value.
    pub max: i64,
    /// Label for the low end.
    pub min_label: &'a str,
    /// Label for the high end.
    pub max_label: &'a str,
    /// Distance between neighbouring values.
    pub step: i64,
    /// Shown after each value, if any.
    pub unit: Option<&'a str>,
}

/// A ratings exercise's settings, borrowed, as [`Kind::as_ratings`] gives them.
#[derive(Debug, Clone, Copy)]
pub struct RatingsView<'a> {
    /// The items to rate, in order (see [`Kind::Ratings`]).
    pub items: &'a [String],
    /// A list exercise whose answer gives more items to rate.
    pub items_from: Option<&'a ItemsFrom>,
    /// The person may add items of their own while rating.
    pub add_items: bool,
    /// Lowest value.
    pub min: i64,
    /// Highest value.
    pub max: i64,
    /// Label for the low end, if any.
    pub min_label: Option<&'a str>,
    /// Label for the high end, if any.
    pub max_label: Option<&'a str>,
    /// Distance between neighbouring values.
    pub step: i64,
    /// Shown after each value, if any.
    pub unit: Option<&'a str>,
    /// The words of a per-item "didn't apply" choice, if offered.
    pub na_label: Option<&'a str>,
}

// One kind's fields for code that needs only that kind: the one place a wildcard arm
// is right, so the matches that use them need not list every kind.
impl Kind {
    /// A list's settings, when this is a list.
    pub fn as_list(&self) -> Option<ListView> {
        match self {
            Kind::List { min, max, shared } => Some(ListView {
                min: *min,
                max: *max,
                shared: *shared,
            }),
            _ => None,
        }
    }

    /// A choice's options, when this is a choice.
    pub fn as_choice(&self) -> Option<&[String]> {
        match self {
            Kind::Choice { options, .. } => Some(options),
            _ => None,
        }
    }

    /// A checklist's options, when this is a checklist.
    pub fn as_checklist(&self) -> Option<&[String]> {
        match self {
            Kind::Checklist { options, .. } => Some(options),
            _ => None,
        }
    }

    /// A scale's settings, when this is a scale.
    pub fn as_scale(&self) -> Option<ScaleView<'_>> {
        match self {
            Kind::Scale {
                min,
                max,
                min_label,
                max_label,
                step,
                unit,
            } => Some(ScaleView {
                min: *min,
                max: *max,
                min_label,
                max_label,
                step: *step,
                unit: unit.as_deref(),
            }),
            _ => None,
        }
    }

    /// A ratings exercise's settings, when this is one.
    pub fn as_ratings(&self) -> Option<RatingsView<'_>> {
        match self {
            Kind::Ratings {
                items,
                items_from,
                add_items,
                min,
                max,
                min_label,
                max_label,
                step,
                unit,
                na_label,
            } => Some(RatingsView {
                items,
                items_from: items_from.as_ref(),
                add_items: *add_items,
                min: *min,
                max: *max,
                min_label: min_label.as_deref(),
                max_label: max_label.as_deref(),
                step: *step,
                unit: unit.as_deref(),
                na_label: na_label.as_deref(),
            }),
            _ => None,
        }
    }

    /// The score's definition, when this is a score.
    pub fn as_score(&self) -> Option<&Score> {
        match self {
            Kind::Score(s) => Some(s),
            _ => None,
        }
    }

    /// The unit shown after a scale's or a ratings exercise's values, if it has one.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Kind::Scale { unit, .. } | Kind::Ratings { unit, .. } => unit.as_deref(),
            _ => None,
        }
    }
}

/// A value of a scale as shown: `65`, or `65 %` with a unit.
pub fn with_unit(value: i64, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{value} {u}"),
        None => value.to_string(),
    }
}

impl Exercise {
    /// True for a chapter's closing reflection.
    pub fn is_reflection(&self) -> bool {
        self.id == REFLECTION_ID
    }

    /// False for a kind that is read and never answered (a page, a score): its
    /// registry table says.
    pub fn takes_answer(&self) -> bool {
        self.kind.spec().takes_answer
    }
}

impl Workbook {
    /// True when the workbook uses format 2, whose keys (skip, optional) are offered.
    pub fn is_v2(&self) -> bool {
        self.format_version >= 2
    }

    /// The workbook as the terminal app shows it: every text a person reads (titles,
    /// prompts, hints, examples, scale labels, welcome, note, closing) with bidi and
    /// invisible characters quoted as `<U+XXXX>` (see [`crate::safe`]), which the
    /// validator warns of but allows. Ids and options are left as written: answers are
    /// stored by them, and options are quoted where they are drawn.
    pub fn for_display(&self) -> Workbook {
        let q = |s: &str| crate::safe::quote_text(s).into_owned();
        let mut wb = self.clone();
        for t in [&mut wb.title, &mut wb.welcome, &mut wb.note, &mut wb.closing] {
            *t = q(t);
        }
        if let Some(page) = &mut wb.safety {
            page.title = q(&page.title);
            page.text = q(&page.text);
        }
        for ch in &mut wb.chapters {
            ch.title = q(&ch.title);
            ch.introduction = q(&ch.introduction);
            if let Some(r) = &mut ch.repeat {
                r.title = q(&r.title);
            }
            for ex in &mut ch.exercises {
                ex.title = q(&ex.title);
                ex.prompt = q(&ex.prompt);
                ex.hint = ex.hint.as_deref().map(q);
                ex.example = ex.example.as_deref().map(q);
                match &mut ex.kind {
                    Kind::Scale {
                        min_label,
                        max_label,
                        unit,
                        ..
                    } => {
                        *min_label = q(min_label);
                        *max_label = q(max_label);
                        *unit = unit.as_deref().map(q);
                    }
                    Kind::Ratings {
                        min_label,
                        max_label,
                        unit,
                        na_label,
                        ..
                    } => {
                        *min_label = min_label.as_deref().map(q);
                        *max_label = max_label.as_deref().map(q);
                        *unit = unit.as_deref().map(q);
                        *na_label = na_label.as_deref().map(q);
                    }
                    Kind::Text
                    | Kind::List { .. }
                    | Kind::Choice { .. }
                    | Kind::Checklist { .. }
                    | Kind::Date
                    | Kind::Page => {}
                    Kind::Score(score) => {
                        for band in &mut score.bands {
                            band.label = q(&band.label);
                        }
                    }
                }
            }
        }
        wb
    }

    /// True when a list of the workbook is the couple's shared one (format 2 `shared`).
    pub fn has_shared_lists(&self) -> bool {
        self.chapters
            .iter()
            .flat_map(|c| &c.exercises)
            .any(|e| e.kind.as_list().is_some_and(|l| l.shared))
    }

    /// Number of exercises, not counting closing reflections.
    pub fn exercise_count(&self) -> usize {
        self.chapters
            .iter()
            .map(|c| {
                c.exercises
                    .iter()
                    .filter(|e| !e.is_reflection() && e.takes_answer())
                    .count()
            })
            .sum()
    }

    /// Finds an exercise by its chapter and exercise ids, as (chapter, exercise) indices.
    pub fn find(&self, chapter_id: &str, exercise_id: &str) -> Option<(usize, usize)> {
        let c = self.chapters.iter().position(|c| c.id == chapter_id)?;
        let e = self.chapters[c]
            .exercises
            .iter()
            .position(|e| e.id == exercise_id)?;
        Some((c, e))
    }

    /// The chapter and exercise ids of exercise `e` of chapter `c` (indices the app holds).
    pub fn ids(&self, c: usize, e: usize) -> (&str, &str) {
        let ch = &self.chapters[c];
        (&ch.id, &ch.exercises[e].id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many of the accessors answer for `kind`.
    fn answering(kind: &Kind) -> usize {
        [
            kind.as_list().is_some(),
            kind.as_choice().is_some(),
            kind.as_checklist().is_some(),
            kind.as_scale().is_some(),
            kind.as_ratings().is_some(),
            kind.as_score().is_some(),
        ]
        .into_iter()
        .filter(|a| *a)
        .count()
    }

    #[test]
    fn each_accessor_gives_its_own_kind_s_fields_and_no_other_kind_s() {
        let scale = Kind::Scale {
            min: 1,
            max: 5,
            min_label: "low".into(),
            max_label: "high".into(),
            step: 2,
            unit: Some("%".into()),
        };
        let s = scale.as_scale().expect("a scale");
        let got = (s.min, s.max, s.min_label, s.max_label, s.step, s.unit);
        assert_eq!(got, (1, 5, "low", "high", 2, Some("%")));
        assert_eq!(scale.unit(), Some("%"));
        let from = ItemsFrom {
            chapter: "c".into(),
            exercise: "l".into(),
        };
        let ratings = Kind::Ratings {
            items: vec!["a".into()],
            items_from: Some(from.clone()),
            add_items: true,
            min: 0,
            max: 10,
            min_label: None,
            max_label: Some("top".into()),
            step: 1,
            unit: None,
            na_label: Some("n/a".into()),
        };
        let r = ratings.as_ratings().expect("ratings");
        assert_eq!(
            (r.items, r.items_from, r.add_items),
            (&["a".to_string()][..], Some(&from), true)
        );
        assert_eq!((r.min, r.max, r.step), (0, 10, 1));
        assert_eq!(
            (r.min_label, r.max_label, r.unit, r.na_label),
            (None, Some("top"), None, Some("n/a"))
        );
        let list = Kind::List {
            min: Some(2),
            max: None,
            shared: true,
        };
        let l = list.as_list().expect("a list");
        assert_eq!((l.min, l.max, l.shared), (Some(2), None, true));
        let choice = Kind::Choice {
            options: vec!["x".into()],
            other: false,
        };
        assert_eq!(choice.as_choice(), Some(&["x".to_string()][..]));
        let checklist = Kind::Checklist {
            options: vec!["y".into()],
            exclusive: vec![],
            other: true,
        };
        assert_eq!(checklist.as_checklist(), Some(&["y".to_string()][..]));
        for kind in [&scale, &ratings, &list, &choice, &checklist] {
            assert_eq!(answering(kind), 1, "{kind:?}");
        }
        for kind in [Kind::Text, Kind::Date, Kind::Page] {
            assert_eq!(answering(&kind), 0, "{kind:?}");
            assert_eq!(kind.unit(), None);
        }
    }
}
