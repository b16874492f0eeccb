//! The rules of a chapter file: its keys, its exercises and their kinds.

use std::collections::HashSet;
use std::ops::Range;

use super::refs::{ChapterRefs, ItemsFromRef, PrivateBecause, Ref, SAME_CHAPTER};
use super::walk::{Checker, Table};
use super::{Chapter, Condition, Exercise, ItemsFrom, Kind, REFLECTION_ID, Rhythm};

/// Checks and builds one chapter file: its id as written, with its span (for the workbook's
/// check that chapter ids differ, even when the chapter has other problems), and the
/// chapter, `None` when anything is wrong.
///
/// `version` is the workbook's `format_version`: keys of format 2 in a format 1 workbook
/// are reported with how to enable them.
///
/// `place` is the chapter's number and the number of chapters, for the header's room.
///
/// `refs` receives what other chapters' `items_from` may name here, and this chapter's
/// own `items_from`, checked once every chapter is read.
pub fn parse_chapter(
    ck: &mut Checker,
    version: i64,
    place: (usize, usize),
    refs: &mut ChapterRefs,
) -> (Option<(String, Range<usize>)>, Option<Chapter>) {
    let Some(doc) = ck.parse() else {
        return (None, None);
    };
    let t = Table {
        inner: doc.get_ref(),
        span: 0..0,
        what: "the chapter".to_string(),
    };
    ck.known_keys(
        &t,
        &[
            "id",
            "title",
            "introduction",
            "exercises",
            "reflection",
            "private",
            "repeat",
        ],
    );
    let id = ck.string(&t, "id", true);
    if let Some(id) = &id {
        ck.id_ok(&t, id);
    }
    refs.id = id.clone();
    let chapter = chapter_body(ck, &t, id.clone(), version, refs);
    if let Some(chapter) = &chapter {
        super::lengths::check_chapter_title(ck, &t, chapter, place);
    }
    (id.map(|id| (id, ck.span_of(&t, "id"))), chapter)
}

/// Everything in a chapter after its id.
fn chapter_body(
    ck: &mut Checker,
    t: &Table,
    id: Option<String>,
    version: i64,
    refs: &mut ChapterRefs,
) -> Option<Chapter> {
    let private_ok = needs_v2(ck, t, "private", version);
    let private = ck.boolean(t, "private");
    let title = ck.string(t, "title", true);
    let introduction = ck.string(t, "introduction", true);
    let mut exercises = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let tables = ck.tables(t, "exercises", ADD_EXERCISE).unwrap_or_default();
    if tables.is_empty() && t.inner.contains_key("exercises") {
        ck.error(
            ck.span_of(t, "exercises"),
            "the chapter has no exercises; add at least one [[exercises]] table",
        );
    }
    let mut when_spans: Vec<WhenSpans> = Vec::new();
    let ids: Vec<String> = tables
        .iter()
        .filter_map(|(tab, _)| {
            tab.get("id")
                .and_then(|v| v.get_ref().as_str())
                .map(str::to_string)
        })
        .collect();
    for (n, (tab, span)) in tables.into_iter().enumerate() {
        let raw_id = tab
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(str::to_string);
        let what = match &raw_id {
            Some(i) => format!("exercise `{i}`"),
            None => format!("exercise {}", n + 1),
        };
        let et = Table {
            inner: tab,
            span,
            what,
        };
        // Id rules are checked on the raw id, so they show even when other keys are wrong.
        if let Some(id) = &raw_id {
            if id == REFLECTION_ID {
                ck.error(
                    ck.span_of(&et, "id"),
                    "the id `reflection` is reserved for the chapter's closing reflection; choose another id",
                );
            } else if seen.contains(id) {
                let msg = format!(
                    "duplicate exercise id `{id}` in this chapter; each exercise needs its own id, since answers are stored by it"
                );
                ck.error(ck.span_of(&et, "id"), msg);
            }
            seen.push(id.clone());
        }
        if version >= 2 {
            show_refs_ok(ck, &et, raw_id.as_deref(), &ids, n);
            if let Some(v) = tab.get("when") {
                let at = |key: &str| match v.get_ref() {
                    toml::de::DeValue::Table(w) => w.get(key).map(|x| x.span()),
                    _ => None,
                };
                when_spans.push(WhenSpans {
                    id: raw_id.clone().unwrap_or_default(),
                    what: et.what.clone(),
                    exercise: at("exercise").unwrap_or(v.span()),
                    test: at("is").or(at("at_least")).or(at("at_most")).unwrap_or(v.span()),
                    at_least: at("at_least"),
                    at_most: at("at_most"),
                });
            }
        }
        if let Some(mut ex) = parse_exercise(ck, &et, version) {
            refs.kinds.push((ex.id.clone(), ex.kind.name()));
            if let Kind::Ratings {
                items_from: Some(from),
                ..
            } = &mut ex.kind
            {
                refs.items_from.push(ItemsFromRef {
                    what: et.what.clone(),
                    at: n,
                    chapter: (!from.chapter.is_empty()).then(|| from.chapter.clone()),
                    exercise: from.exercise.clone(),
                    span: ck.span_of(&et, "items_from"),
                });
                // Written without a chapter: a list of this chapter.
                if from.chapter.is_empty() {
                    from.chapter = id.clone().unwrap_or_default();
                }
            }
            exercises.push(ex);
        }
    }
    refs.ids = ids.clone();
    let first_exercise = ids_first_span(t);
    let reflection = ck.table(t, "reflection", ADD_REFLECTION).and_then(|(tab, span)| {
        if let Some(first) = first_exercise.clone()
            && span.start < first.start
        {
            ck.warn(
                span.clone(),
                "the `[reflection]` comes before the exercises, yet it is always asked last; move it to the end of the file so the file reads in the order people see it",
            );
        }
        let rt = Table {
            inner: tab,
            span,
            what: "the closing reflection".to_string(),
        };
        ck.known_keys(&rt, &["title", "prompt", "hint", "example"]);
        // Every key is checked before a missing prompt can stop the reflection.
        let title = ck.string(&rt, "title", false);
        let prompt = ck.string(&rt, "prompt", true);
        let hint = ck.string(&rt, "hint", false);
        let example = ck.string(&rt, "example", false);
        Some(Exercise {
            id: REFLECTION_ID.to_string(),
            title: title.unwrap_or_else(|| "Closing reflection".to_string()),
            prompt: prompt?,
            hint,
            example,
            kind: Kind::Text,
            optional: false,
            private: false,
            show: Vec::new(),
            when: None,
        })
    });
    let repeat_ok = needs_v2(ck, t, "repeat", version);
    let repeat = super::repeat::parse(ck, t, &exercises, &ids);
    // What other chapters' `items_from` must not cross into: private and repeated lists.
    let repeated: Vec<String> = match &repeat {
        Some(Some(r)) => r.exercises.clone(),
        Some(None) | None => Vec::new(),
    };
    let chapter_private = matches!(private, Ok(Some(true)));
    refs.private = exercises
        .iter()
        .filter_map(|e| {
            let solo =
                matches!(&repeat, Some(Some(r)) if r.rhythm == Rhythm::Entries) && repeated.contains(&e.id);
            let why = if chapter_private {
                Some(PrivateBecause::Chapter)
            } else if e.private {
                Some(PrivateBecause::Exercise)
            } else if solo {
                Some(PrivateBecause::Entries)
            } else {
                None
            };
            why.map(|w| (e.id.clone(), w))
        })
        .collect();
    refs.repeated = repeated.clone();
    // A `[repeat]` with mistakes leaves which exercises repeat unknown: not checked.
    let repeated = repeat.as_ref().map(|_| repeated.as_slice());
    check_conditions(ck, &exercises, &ids, &when_spans, repeated);
    exercises.push(reflection?);
    let mut repeat = repeat?;
    if !repeat_ok {
        return None;
    }
    let private = private.ok()?.unwrap_or(false);
    if !private_ok {
        return None;
    }
    for ex in &mut exercises {
        // A thought record is personal: entries made whenever one starts them are solo
        // by default, shared one answer at a time.
        let solo = repeat
            .as_ref()
            .is_some_and(|r| r.rhythm == Rhythm::Entries && r.exercises.contains(&ex.id));
        ex.private |= private || solo;
    }
    if let Some(r) = &mut repeat {
        r.exercises.retain(|id| exercises.iter().any(|e| &e.id == id));
    }
    Some(Chapter {
        id: id?,
        title: title?,
        introduction: introduction?,
        exercises,
        repeat,
    })
}

/// Checks each `show` entry names another exercise of this chapter (with "did you
/// mean"), and warns of one that comes later, whose answer is not written yet.
/// Errors here are reported alone; the exercise itself still loads only if it is right.
fn show_refs_ok(ck: &mut Checker, t: &Table, own: Option<&str>, ids: &[String], at: usize) {
    let Some(v) = t.inner.get("show") else {
        return;
    };
    let toml::de::DeValue::Array(items) = v.get_ref() else {
        return;
    };
    let names: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|i| Some(*i) != own)
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    for item in items.iter() {
        let Some(s) = item.get_ref().as_str() else {
            continue;
        };
        if Some(s) == own {
            ck.error(
                item.span(),
                format!(
                    "{} shows its own answer in `show`; name an earlier exercise",
                    t.what
                ),
            );
        } else {
            let r = Ref {
                subject: format!("`show` in {}", t.what),
                name: s,
                span: item.span(),
            };
            let pos = r.find(
                ck,
                &ids,
                &names,
                SAME_CHAPTER,
                "use the id of an exercise in this chapter",
            );
            if pos.is_some_and(|pos| pos > at) {
                ck.warn(
                    item.span(),
                    format!(
                        "`show` in {} names `{s}`, which comes later, so its answer is usually not written yet; move it before this exercise",
                        t.what
                    ),
                );
            }
        }
    }
}

/// Where an exercise's `when` is written, for reporting on what it refers to.
struct WhenSpans {
    /// The exercise's id.
    id: String,
    /// How to name the exercise.
    what: String,
    /// Span of `exercise = ...`.
    exercise: Range<usize>,
    /// Span of the test (`is`, `at_least` or `at_most`).
    test: Range<usize>,
    /// Span of `at_least`, when written.
    at_least: Option<Range<usize>>,
    /// Span of `at_most`, when written.
    at_most: Option<Range<usize>>,
}

/// `when = { exercise = "...", at_most = 3 }`: its keys and their types.
fn condition(ck: &mut Checker, t: &Table) -> Option<Option<Condition>> {
    let Some(v) = t.inner.get("when") else {
        return Some(None);
    };
    let toml::de::DeValue::Table(tab) = v.get_ref() else {
        ck.error(
            v.span(),
            format!(
                "`when` in {} must be a table, like when = {{ exercise = \"calm-check\", at_most = 3 }}",
                t.what
            ),
        );
        return None;
    };
    let wt = Table {
        inner: tab,
        span: v.span(),
        what: format!("the `when` of {}", t.what),
    };
    const WHEN_KEYS: [&str; 4] = ["exercise", "at_least", "at_most", "is"];
    ck.known_keys(&wt, &WHEN_KEYS);
    // A mistyped test is reported as unknown; saying there is no test too would repeat it.
    let typo = tab
        .iter()
        .any(|(k, _)| !WHEN_KEYS.contains(&k.get_ref().as_ref()));
    let exercise = ck.string(&wt, "exercise", true);
    let at_least = ck.int(&wt, "at_least", false);
    let at_most = ck.int(&wt, "at_most", false);
    let is = ck.strings(&wt, "is", false);
    let bad_types = (tab.contains_key("at_least") && at_least.is_none())
        || (tab.contains_key("at_most") && at_most.is_none())
        || (tab.contains_key("is") && is.is_none());
    let exercise = exercise?;
    if bad_types || typo {
        return None;
    }
    let is: Vec<String> = is.unwrap_or_default().into_iter().map(|(s, _)| s).collect();
    if at_least.is_none() && at_most.is_none() && is.is_empty() {
        ck.error(
            v.span(),
            format!(
                "the `when` of {} has no test; add `at_least = ...` or `at_most = ...` (a scale) or `is = [...]` (a choice)",
                t.what
            ),
        );
        return None;
    }
    if !is.is_empty() && (at_least.is_some() || at_most.is_some()) {
        ck.error(
            v.span(),
            format!(
                "the `when` of {} mixes `is` (for a choice) with `at_least`/`at_most` (for a scale); keep one",
                t.what
            ),
        );
        return None;
    }
    Some(Some(Condition {
        exercise,
        at_least,
        at_most,
        is,
    }))
}

/// Checks what each `when` refers to: an earlier exercise of this chapter, never
/// itself, a scale for `at_least`/`at_most` (within its range), a choice with those
/// options for `is`, and never a repeated exercise from one answered once.
///
/// `ids` are every exercise id as written: one whose exercise has mistakes of its own
/// is known but not checked further (those mistakes are reported). `repeated` is
/// `None` when the chapter's `[repeat]` has mistakes.
fn check_conditions(
    ck: &mut Checker,
    exercises: &[Exercise],
    ids: &[String],
    spans: &[WhenSpans],
    repeated: Option<&[String]>,
) {
    for ex in exercises {
        let Some(w) = &ex.when else {
            continue;
        };
        let Some(sp) = spans.iter().find(|s| s.id == ex.id) else {
            continue;
        };
        if w.exercise == ex.id {
            ck.error(
                sp.exercise.clone(),
                format!(
                    "the `when` of {} names the exercise itself, so it could never be answered; name an earlier exercise whose answer decides",
                    sp.what
                ),
            );
            continue;
        }
        let own = ids.iter().position(|i| *i == ex.id).unwrap_or(0);
        let names: Vec<&str> = ids.iter().map(String::as_str).filter(|i| *i != ex.id).collect();
        let all: Vec<&str> = ids.iter().map(String::as_str).collect();
        let r = Ref {
            subject: format!("the `when` of {}", sp.what),
            name: &w.exercise,
            span: sp.exercise.clone(),
        };
        let fallback = "use the id of an earlier exercise in this chapter";
        let Some(pos) = r.find(ck, &all, &names, SAME_CHAPTER, fallback) else {
            continue;
        };
        if pos >= own {
            ck.warn(
                sp.exercise.clone(),
                format!(
                    "the `when` of {} names `{}`, which comes later, so it is offered until that is answered; move the condition's exercise before it",
                    sp.what, w.exercise
                ),
            );
        }
        if let Some(repeated) = repeated
            && repeated.contains(&w.exercise)
            && !repeated.contains(&ex.id)
        {
            ck.error(
                sp.exercise.clone(),
                format!(
                    "the `when` of {} names `{}`, which is answered once per entry (it is in `[repeat]`), while {} is answered once, so no one entry decides it; add `{}` to the `exercises` of `[repeat]`, or name an exercise answered once",
                    sp.what, w.exercise, sp.what, ex.id
                ),
            );
            continue;
        }
        // An exercise with mistakes of its own is reported already.
        let Some(target) = exercises.iter().find(|e| e.id == w.exercise) else {
            continue;
        };
        if let Kind::Scale { min, max, .. } = &target.kind
            && w.is.is_empty()
        {
            scale_range_ok(ck, sp, w, (*min, *max));
            continue;
        }
        match &target.kind {
            Kind::Scale { .. } if w.is.is_empty() => {}
            Kind::Choice { options, .. } if !w.is.is_empty() => {
                let names: Vec<&str> = options.iter().map(String::as_str).collect();
                for o in &w.is {
                    if !names.contains(&o.as_str()) {
                        let hint = match super::diag::suggest(o, &names) {
                            Some(m) => format!("did you mean `{m}`?"),
                            None => "copy it exactly from that exercise's `options`".to_string(),
                        };
                        ck.error(
                            sp.test.clone(),
                            format!(
                                "the `when` of {} tests for `{o}`, which is no option of `{}`; {hint}",
                                sp.what, w.exercise
                            ),
                        );
                    }
                }
            }
            Kind::Page
            | Kind::Text
            | Kind::List { .. }
            | Kind::Checklist { .. }
            | Kind::Scale { .. }
            | Kind::Ratings { .. }
            | Kind::Date
            | Kind::Choice { .. } => {
                let test = if w.is.is_empty() {
                    "`at_least`/`at_most` need a scale"
                } else {
                    "`is` needs a choice"
                };
                ck.error(
                    sp.test.clone(),
                    format!(
                        "the `when` of {} tests `{}`, a {} exercise; {test}",
                        sp.what,
                        w.exercise,
                        target.kind.name()
                    ),
                );
            }
        }
    }
}

/// Checks a `when`'s `at_least`/`at_most` against the scale `min` to `max` it tests:
/// a bound outside it, or `at_least` above `at_most`, is a mistake (the condition would
/// always or never hold).
fn scale_range_ok(ck: &mut Checker, sp: &WhenSpans, w: &Condition, (min, max): (i64, i64)) {
    let bounds = [
        ("at_least", w.at_least, &sp.at_least),
        ("at_most", w.at_most, &sp.at_most),
    ];
    let mut in_range = true;
    for (key, value, span) in bounds {
        let Some(n) = value else {
            continue;
        };
        if (min..=max).contains(&n) {
            continue;
        }
        in_range = false;
        // at_least above the top or at_most below the bottom: no answer passes.
        let holds = if (key == "at_least") == (n > max) {
            "never holds"
        } else {
            "always holds"
        };
        ck.error(
            span.clone().unwrap_or(sp.test.clone()),
            format!(
                "`{key} = {n}` in the `when` of {} is outside the scale of `{}` ({min} to {max}), so the condition {holds}; use a whole number from {min} to {max}",
                sp.what, w.exercise
            ),
        );
    }
    if in_range
        && let (Some(lo), Some(hi)) = (w.at_least, w.at_most)
        && lo > hi
    {
        ck.error(
            sp.at_least.clone().unwrap_or(sp.test.clone()),
            format!(
                "the `when` of {} asks for `at_least = {lo}` and `at_most = {hi}`, which no answer can be, so it never holds; make `at_least` at most `at_most`",
                sp.what
            ),
        );
    }
}

/// The span of the chapter's first `[[exercises]]` table, if it has one.
fn ids_first_span(t: &Table) -> Option<Range<usize>> {
    match t.inner.get("exercises")?.get_ref() {
        toml::de::DeValue::Array(items) => items.iter().next().map(|i| i.span()),
        _ => None,
    }
}

/// Widest exercise title that fits on one row of an 80-column terminal, with its margin.
const TITLE_COLUMNS: usize = 78;

/// How to add a missing exercise, in the file's own syntax.
const ADD_EXERCISE: &str =
    "add at least one exercise: a line `[[exercises]]` followed by its `id`, `kind`, `title` and `prompt`";
/// How to add a missing closing reflection, in the file's own syntax.
const ADD_REFLECTION: &str = "add a `[reflection]` table at the end of the file: a line `[reflection]` followed by `prompt = \"...\"` with the closing question";

const COMMON: [&str; 10] = [
    "id", "kind", "title", "prompt", "hint", "example", "optional", "private", "show", "when",
];
/// Every kind's own keys, allowed when the kind is missing or unknown.
const ANY_KIND: &[&str] = &[
    "min",
    "max",
    "options",
    "other",
    "min_label",
    "max_label",
    "exclusive",
    "items",
    "items_from",
    "add_items",
    "shared",
    "step",
    "unit",
    "na_label",
];
const KINDS: [&str; 8] = [
    "text",
    "list",
    "choice",
    "checklist",
    "scale",
    "ratings",
    "date",
    "page",
];

/// Reports `key` of `t` when the workbook is format 1, which does not have it.
fn needs_v2(ck: &mut Checker, t: &Table, key: &str, version: i64) -> bool {
    if version >= 2 || !t.inner.contains_key(key) {
        return true;
    }
    let span = t
        .inner
        .get_key_value(key)
        .map_or(t.span.clone(), |(k, _)| k.span());
    ck.error(
        span,
        format!(
            "`{key}` in {} is a key of format 2; set `format_version = 2` in workbook.toml to use it",
            t.what
        ),
    );
    false
}

fn parse_exercise(ck: &mut Checker, t: &Table, version: i64) -> Option<Exercise> {
    let id = ck.string(t, "id", true);
    if let Some(id) = &id {
        ck.id_ok(t, id);
    }
    let title = ck.string(t, "title", true);
    if let Some(title) = &title {
        let w = unicode_width::UnicodeWidthStr::width(title.as_str());
        if w > TITLE_COLUMNS {
            ck.warn(
                ck.span_of(t, "title"),
                format!(
                    "the title of {} is {w} columns wide and will be cut short on an 80-column screen; keep it under {TITLE_COLUMNS} (50 fits narrow screens too)",
                    t.what
                ),
            );
        }
    }
    let prompt = ck.string(t, "prompt", true);
    let hint = ck.string(t, "hint", false);
    let example = ck.string(t, "example", false);
    let kind_name = ck.string(t, "kind", true);
    let extra: &[&str] = match kind_name.as_deref() {
        Some("text") => &[],
        Some("list") => &["min", "max", "shared"],
        Some("choice") => &["options", "other"],
        Some("checklist") => &["options", "min", "exclusive", "other"],
        Some("scale") => &["min", "max", "min_label", "max_label", "step", "unit"],
        Some("ratings") => &[
            "items",
            "items_from",
            "add_items",
            "min",
            "max",
            "min_label",
            "max_label",
            "step",
            "unit",
            "na_label",
        ],
        Some("date") => &[],
        Some("page") => &[],
        Some(other) => {
            let hint = match super::diag::suggest(other, &KINDS) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of: {}", KINDS.join(", ")),
            };
            ck.error(
                ck.span_of(t, "kind"),
                format!("unknown kind `{other}` in {}; {hint}", t.what),
            );
            ANY_KIND
        }
        // Without a kind, any kind's keys may be meant; typos are still worth reporting.
        None => ANY_KIND,
    };
    let allowed: Vec<&str> = COMMON.iter().chain(extra).copied().collect();
    ck.known_keys(t, &allowed);
    let optional_ok = needs_v2(ck, t, "optional", version);
    let optional = match ck.boolean(t, "optional") {
        Ok(b) => optional_ok.then_some(b.unwrap_or(false)),
        Err(()) => None,
    };
    let is_checklist = kind_name.as_deref() == Some("checklist");
    let when_ok = needs_v2(ck, t, "when", version);
    let when = if when_ok { condition(ck, t) } else { None };
    let show_ok = needs_v2(ck, t, "show", version);
    let show = match ck.strings(t, "show", false) {
        None if t.inner.contains_key("show") => None,
        None => Some(Vec::new()),
        Some(items) => show_ok.then_some(items),
    };
    let private_ok = needs_v2(ck, t, "private", version);
    let private = match ck.boolean(t, "private") {
        Ok(b) => private_ok.then_some(b.unwrap_or(false)),
        Err(()) => None,
    };
    let checklist_min_ok = !is_checklist || needs_v2(ck, t, "min", version);
    let exclusive_ok = !is_checklist || needs_v2(ck, t, "exclusive", version);
    let checklist_other_ok = !is_checklist || needs_v2(ck, t, "other", version);
    let mut empty_ok = false;
    let kind = match kind_name.as_deref() {
        Some("text") => Some(Kind::Text),
        Some("list") => {
            let shared_ok = needs_v2(ck, t, "shared", version);
            let shared = ck.boolean(t, "shared");
            let kind = match (list_kind(ck, t), shared) {
                (Some(Kind::List { min, max, .. }), Ok(shared)) if shared_ok => Some(Kind::List {
                    min,
                    max,
                    shared: shared.unwrap_or(false),
                }),
                _ => None,
            };
            // `min = 0` is accepted by format 1 with no effect; format 2 lets the list stay empty.
            empty_ok |= version >= 2 && matches!(kind, Some(Kind::List { min: Some(0), .. }));
            kind
        }
        Some("choice") => {
            // Both checked before either can stop the exercise, so both are reported.
            let options = options(ck, t);
            let other = ck.boolean(t, "other");
            match (options, other) {
                (Some(options), Ok(other)) => Some(Kind::Choice {
                    options,
                    other: other.unwrap_or(false),
                }),
                _ => None,
            }
        }
        Some("checklist") => {
            let options = options(ck, t);
            let min = checklist_min(ck, t);
            let exclusive = match (&options, exclusive_ok) {
                (Some(options), true) => exclusive(ck, t, options),
                _ => None,
            };
            let other = ck.boolean(t, "other");
            match (
                options,
                min,
                checklist_min_ok && checklist_other_ok,
                exclusive,
                other,
            ) {
                (Some(options), Ok(min), true, Some(exclusive), Ok(other)) => {
                    empty_ok |= min == Some(0);
                    Some(Kind::Checklist {
                        options,
                        exclusive,
                        other: other.unwrap_or(false),
                    })
                }
                _ => None,
            }
        }
        Some("scale") => scale_kind(ck, t, version),
        Some("date") if version < 2 => {
            ck.error(
                ck.span_of(t, "kind"),
                format!(
                    "kind `date` in {} needs format_version = 2 in workbook.toml",
                    t.what
                ),
            );
            None
        }
        Some("date") => Some(Kind::Date),
        Some("ratings") if version < 2 => {
            ck.error(
                ck.span_of(t, "kind"),
                format!(
                    "kind `ratings` in {} needs format_version = 2 in workbook.toml",
                    t.what
                ),
            );
            None
        }
        Some("ratings") => ratings_kind(ck, t, version),
        Some("page") if version < 2 => {
            ck.error(
                ck.span_of(t, "kind"),
                format!(
                    "kind `page` in {} needs format_version = 2 in workbook.toml",
                    t.what
                ),
            );
            None
        }
        Some("page") => page_keys_ok(ck, t).then_some(Kind::Page),
        _ => None,
    };
    Some(Exercise {
        id: id?,
        title: title?,
        prompt: prompt?,
        hint,
        example,
        kind: kind?,
        optional: optional? || empty_ok,
        private: private?,
        show: show?.into_iter().map(|(s, _)| s).collect(),
        when: if when_ok { when? } else { return None },
    })
}

/// A page takes no answer, so `optional` and `private` (which say how an answer
/// counts and who sees it) mean nothing on it; each is reported at its key.
fn page_keys_ok(ck: &mut Checker, t: &Table) -> bool {
    let mut ok = true;
    for (key, effect) in [
        ("optional", "it never holds progress back"),
        ("private", "there is nothing to keep out of the comparison"),
    ] {
        if let Some((k, _)) = t.inner.get_key_value(key) {
            ck.error(
                k.span(),
                format!(
                    "`{key}` in {} has no effect: a page takes no answer, so {effect}; remove the line",
                    t.what
                ),
            );
            ok = false;
        }
    }
    ok
}

/// A checklist's `exclusive` options (format 2): each one of its `options`, once.
fn exclusive(ck: &mut Checker, t: &Table, options: &[String]) -> Option<Vec<String>> {
    if !t.inner.contains_key("exclusive") {
        return Some(Vec::new());
    }
    let items = ck.strings(t, "exclusive", false)?;
    let names: Vec<&str> = options.iter().map(String::as_str).collect();
    let mut ok = true;
    let mut seen: Vec<&str> = Vec::new();
    for (x, span) in &items {
        if !names.contains(&x.as_str()) {
            let hint = match super::diag::suggest(x, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "copy it exactly from `options`".to_string(),
            };
            ck.error(
                span.clone(),
                format!(
                    "exclusive option `{x}` in {} is not one of its options; {hint}",
                    t.what
                ),
            );
            ok = false;
        } else if seen.contains(&x.as_str()) {
            ck.error(
                span.clone(),
                format!("exclusive option `{x}` appears twice in {}; list it once", t.what),
            );
            ok = false;
        }
        seen.push(x);
    }
    if ok && !items.is_empty() && items.len() == options.len() {
        ck.error(
            ck.span_of(t, "exclusive"),
            format!(
                "every option in {} is exclusive, so only one can be ticked; use kind = \"choice\" instead",
                t.what
            ),
        );
        ok = false;
    }
    ok.then(|| items.into_iter().map(|(x, _)| x).collect())
}

/// A checklist's `min` (format 2): 0 ("nothing ticked is a finished answer") or 1.
fn checklist_min(ck: &mut Checker, t: &Table) -> Result<Option<i64>, ()> {
    match ck.int(t, "min", false) {
        None if t.inner.contains_key("min") => Err(()),
        None => Ok(None),
        Some(n) if n == 0 || n == 1 => Ok(Some(n)),
        Some(n) => {
            ck.error(
                ck.span_of(t, "min"),
                format!(
                    "checklist `min` = {n} in {} must be 0 (nothing ticked is a finished answer) or 1",
                    t.what
                ),
            );
            Err(())
        }
    }
}

fn list_kind(ck: &mut Checker, t: &Table) -> Option<Kind> {
    let mut count = |key: &str| -> Result<Option<u32>, ()> {
        match ck.int(t, key, false) {
            None if t.inner.contains_key(key) => Err(()),
            None => Ok(None),
            Some(n) if (0..=100).contains(&n) => Ok(Some(n as u32)),
            Some(n) => {
                ck.error(
                    ck.span_of(t, key),
                    format!("`{key}` = {n} in {} must be between 0 and 100 items", t.what),
                );
                Err(())
            }
        }
    };
    let (min, max) = (count("min"), count("max"));
    let (min, max) = (min.ok()?, max.ok()?);
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        ck.error(
            ck.span_of(t, "min"),
            format!(
                "list `min` ({lo}) is greater than `max` ({hi}) in {}; make min at most max",
                t.what
            ),
        );
        return None;
    }
    if max == Some(0) {
        ck.error(
            ck.span_of(t, "max"),
            format!("list `max` is 0 in {}; allow at least one item", t.what),
        );
        return None;
    }
    Some(Kind::List {
        min,
        max,
        shared: false,
    })
}

fn options(ck: &mut Checker, t: &Table) -> Option<Vec<String>> {
    let too_few = format!("{} needs at least 2 options", t.what);
    distinct_texts(ck, t, ("options", "option"), 2, too_few)
}

/// A ratings exercise: what it rates (its `items`, the items of a list named by
/// `items_from`, the person's own with `add_items`; at least one of the three) on a
/// scale whose labels may be left out. Every key is checked before any can stop it.
fn ratings_kind(ck: &mut Checker, t: &Table, version: i64) -> Option<Kind> {
    let items = if t.inner.contains_key("items") {
        rating_items(ck, t).ok_or(())
    } else {
        Ok(Vec::new())
    };
    let items_from = match ck.string(t, "items_from", false) {
        None if t.inner.contains_key("items_from") => Err(()),
        None => Ok(None),
        Some(s) => match super::refs::split_ref(&s) {
            Some((chapter, exercise)) => Ok(Some(ItemsFrom {
                chapter: chapter.unwrap_or_default().to_string(),
                exercise: exercise.to_string(),
            })),
            None => {
                ck.error(
                    ck.span_of(t, "items_from"),
                    format!(
                        "`items_from` in {} is `{s}`, which is no exercise id; write the id of a list exercise, like \"my-list\", or its chapter's id and its own, like \"chapter-id/my-list\"",
                        t.what
                    ),
                );
                Err(())
            }
        },
    };
    let add_items = ck.boolean(t, "add_items");
    let na_label = na_label(ck, t);
    let scale = scale_parts(ck, t, version, false);
    let (items, items_from, add_items) = (items.ok()?, items_from.ok()?, add_items.ok()?.unwrap_or(false));
    // `items = []` is reported above; `add_items = false` adds nothing to rate. A key
    // mistyped for one of them is reported as unknown; saying more would repeat it.
    const RATES: [&str; 3] = ["items", "items_from", "add_items"];
    let typo = t.inner.iter().any(|(k, _)| {
        let k: &str = k.get_ref().as_ref();
        !RATES.contains(&k) && super::diag::suggest(k, &RATES).is_some()
    });
    if !t.inner.contains_key("items") && items_from.is_none() && !add_items && !typo {
        ck.error(
            t.span.clone(),
            format!(
                "{} has nothing to rate; add `items = [\"...\"]` (items of your own), `items_from = \"a-list-id\"` (the person's answer to an earlier list) or `add_items = true` (the person writes them)",
                t.what
            ),
        );
        return None;
    }
    let scale = scale?;
    let label = |l: Option<String>| l.filter(|l| !l.trim().is_empty());
    Some(Kind::Ratings {
        items,
        items_from,
        add_items,
        min: scale.min,
        max: scale.max,
        min_label: label(scale.min_label),
        max_label: label(scale.max_label),
        step: scale.step,
        unit: scale.unit,
        na_label: na_label?,
    })
}

/// A ratings exercise's `na_label`: the words of its "didn't apply" choice, if it has
/// one; an empty one is refused (it would show as nothing).
fn na_label(ck: &mut Checker, t: &Table) -> Option<Option<String>> {
    let present = t.inner.contains_key("na_label");
    let label = ck.string(t, "na_label", false);
    match label {
        Some(l) if l.trim().is_empty() => {
            ck.error(
                ck.span_of(t, "na_label"),
                format!(
                    "`na_label` in {} is empty; write what \"didn't apply\" should say, like \"didn't come up\", or remove it",
                    t.what
                ),
            );
            None
        }
        Some(l) => Some(Some(l)),
        // Not text: already reported by `string`.
        None if present => None,
        None => Some(None),
    }
}

/// A ratings exercise's `items`: at least one, none empty, none twice (answers are
/// stored by item text).
fn rating_items(ck: &mut Checker, t: &Table) -> Option<Vec<String>> {
    let too_few = format!("`items` in {} is empty; list at least one item to rate", t.what);
    distinct_texts(ck, t, ("items", "item"), 1, too_few)
}

/// The texts under `key` (each a `noun`): at least `min` of them (else `too_few`),
/// none empty, none twice.
fn distinct_texts(
    ck: &mut Checker,
    t: &Table,
    (key, noun): (&str, &str),
    min: usize,
    too_few: String,
) -> Option<Vec<String>> {
    let texts = ck.strings(t, key, true)?;
    let mut ok = true;
    if texts.len() < min {
        ck.error(ck.span_of(t, key), too_few);
        ok = false;
    }
    let mut seen = HashSet::new();
    for (text, span) in &texts {
        if text.trim().is_empty() {
            ck.error(
                span.clone(),
                format!(
                    "an {noun} in {} is empty; write the {noun}'s text or remove it",
                    t.what
                ),
            );
            ok = false;
        } else if !seen.insert(text.trim()) {
            ck.error(
                span.clone(),
                format!("{noun} `{text}` appears twice in {}; {noun}s must differ", t.what),
            );
            ok = false;
        }
    }
    ok.then(|| texts.into_iter().map(|(x, _)| x).collect())
}

/// The keys a scale and a ratings exercise share.
struct ScaleParts {
    min: i64,
    max: i64,
    min_label: Option<String>,
    max_label: Option<String>,
    step: i64,
    unit: Option<String>,
}

fn scale_kind(ck: &mut Checker, t: &Table, version: i64) -> Option<Kind> {
    let p = scale_parts(ck, t, version, true)?;
    Some(Kind::Scale {
        min: p.min,
        max: p.max,
        min_label: p.min_label?,
        max_label: p.max_label?,
        step: p.step,
        unit: p.unit,
    })
}

/// A scale's range, step, unit and labels (required when `labels`).
fn scale_parts(ck: &mut Checker, t: &Table, version: i64, labels: bool) -> Option<ScaleParts> {
    let min = ck.int(t, "min", true);
    let max = ck.int(t, "max", true);
    let min_label = ck.string(t, "min_label", labels);
    let max_label = ck.string(t, "max_label", labels);
    let bad_label = !labels
        && ((t.inner.contains_key("min_label") && min_label.is_none())
            || (t.inner.contains_key("max_label") && max_label.is_none()));
    // Both reported, so `&` and not `&&`.
    let v2_ok = needs_v2(ck, t, "step", version) & needs_v2(ck, t, "unit", version);
    let step = ck.int(t, "step", false);
    let unit = ck.string(t, "unit", false);
    let (min, max) = (min?, max?);
    if min >= max {
        ck.error(
            ck.span_of(t, "min"),
            format!(
                "scale `min` ({min}) must be less than `max` ({max}) in {}",
                t.what
            ),
        );
        return None;
    }
    if max.abs_diff(min) > 100 || min.abs() > 1_000_000 || max.abs() > 1_000_000 {
        ck.error(
            ck.span_of(t, "max"),
            format!(
                "the scale in {} has more than 100 steps; use a range like 0 to 10",
                t.what
            ),
        );
        return None;
    }
    let step = step.unwrap_or(1);
    if step <= 0 {
        ck.error(
            ck.span_of(t, "step"),
            format!(
                "`step` in {} is {step}; it must be a positive whole number, like 1 or 5",
                t.what
            ),
        );
        return None;
    }
    if (max - min) % step != 0 {
        ck.error(
            ck.span_of(t, "step"),
            format!(
                "`step` {step} in {} does not divide the scale {min} to {max}, so `max` cannot be picked; use a step that does",
                t.what
            ),
        );
        return None;
    }
    if let Some(u) = &unit
        && u.trim().is_empty()
    {
        ck.error(
            ck.span_of(t, "unit"),
            format!(
                "`unit` in {} is empty; write it, like \"%\", or remove it",
                t.what
            ),
        );
        return None;
    }
    (v2_ok && !bad_label).then_some(())?;
    Some(ScaleParts {
        min,
        max,
        min_label,
        max_label,
        step,
        unit,
    })
}
