//! The rules of a chapter file: its keys, its exercises and their kinds.

use std::ops::Range;

use super::kinds::score::ScoreSpans;
use super::refs::{ChapterRefs, ItemsFromRef, PrivateBecause, Ref, SAME_CHAPTER};
use super::walk::{Checker, Table};
use super::{Chapter, Condition, Exercise, Kind, REFLECTION_ID, Rhythm};

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
    let ParsedExercises {
        mut exercises,
        ids,
        when_spans,
        score_spans,
    } = parse_exercises(ck, t, id.as_deref(), version, refs);
    refs.ids = ids.clone();
    let first_exercise = ids_first_span(t);
    let reflection = reflection(ck, t, first_exercise);
    let repeat_ok = needs_v2(ck, t, "repeat", version);
    let repeat = super::repeat::parse(ck, t, &exercises, &ids);
    // What other chapters' `items_from` must not cross into: private and repeated lists.
    let repeated: Vec<String> = match &repeat {
        Some(Some(r)) => r.exercises.clone(),
        Some(None) | None => Vec::new(),
    };
    let entries_part = matches!(&repeat, Some(Some(r)) if r.rhythm == Rhythm::Entries);
    refs.private = private_reasons(
        &exercises,
        matches!(private, Ok(Some(true))),
        entries_part,
        &repeated,
    );
    refs.repeated = repeated.clone();
    // A `[repeat]` with mistakes leaves which exercises repeat unknown: not checked.
    let repeated = repeat.as_ref().map(|_| repeated.as_slice());
    check_conditions(ck, &exercises, &ids, &when_spans, repeated);
    super::kinds::score::check_refs(ck, &exercises, &ids, repeated, &score_spans);
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

/// A chapter's exercises as parsed, with what the checks across them need.
struct ParsedExercises {
    /// The exercises that parsed.
    exercises: Vec<Exercise>,
    /// Every exercise id as written, in order, whether its exercise parsed or not.
    ids: Vec<String>,
    /// Where each `when` was written, for the conditions' checks.
    when_spans: Vec<WhenSpans>,
    /// Where each score's keys were written, for its references' checks.
    score_spans: Vec<ScoreSpans>,
}

/// The chapter's `[[exercises]]`, each checked on its own; `refs` receives their
/// kinds and their `items_from`.
fn parse_exercises(
    ck: &mut Checker,
    t: &Table,
    chapter: Option<&str>,
    version: i64,
    refs: &mut ChapterRefs,
) -> ParsedExercises {
    let tables = ck.tables(t, "exercises", ADD_EXERCISE).unwrap_or_default();
    if tables.is_empty() && t.inner.contains_key("exercises") {
        ck.error(
            ck.span_of(t, "exercises"),
            "the chapter has no exercises; add at least one [[exercises]] table",
        );
    }
    let raw_id = |tab: &toml::de::DeTable| {
        tab.get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(str::to_string)
    };
    let ids: Vec<String> = tables.iter().filter_map(|(tab, _)| raw_id(tab)).collect();
    let mut parsed = ParsedExercises {
        exercises: Vec::new(),
        ids,
        when_spans: Vec::new(),
        score_spans: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    for (n, (tab, span)) in tables.into_iter().enumerate() {
        let raw_id = raw_id(tab);
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
            check_exercise_id(ck, &et, id, &seen);
            seen.push(id.clone());
        }
        if version >= 2 {
            show_refs_ok(ck, &et, raw_id.as_deref(), &parsed.ids, n);
            if let Some(v) = tab.get("when") {
                parsed.when_spans.push(WhenSpans::of(&et, raw_id.clone(), v));
            }
        }
        if tab.get("kind").and_then(|v| v.get_ref().as_str()) == Some("score")
            && let Some(id) = &raw_id
        {
            parsed.score_spans.push(ScoreSpans::of(&et, id.clone()));
        }
        if let Some(mut ex) = parse_exercise(ck, &et, version) {
            refs.kinds.push((ex.id.clone(), ex.kind.name()));
            items_from_ref(ck, &et, n, chapter, &mut ex, refs);
            parsed.exercises.push(ex);
        }
    }
    parsed
}

/// An exercise id's rules that do not depend on its other keys: not the reserved
/// `reflection`, not one `seen` earlier in the chapter.
fn check_exercise_id(ck: &mut Checker, et: &Table, id: &str, seen: &[String]) {
    if id == REFLECTION_ID {
        ck.error(
            ck.span_of(et, "id"),
            "the id `reflection` is reserved for the chapter's closing reflection; choose another id",
        );
    } else if seen.iter().any(|s| s == id) {
        let msg = format!(
            "duplicate exercise id `{id}` in this chapter; each exercise needs its own id, since answers are stored by it"
        );
        ck.error(ck.span_of(et, "id"), msg);
    }
}

/// Records a ratings exercise's `items_from` (the `n`th exercise) in `refs`, to be
/// checked once every chapter is read, and fills in `chapter` where it names none.
fn items_from_ref(
    ck: &Checker,
    et: &Table,
    n: usize,
    chapter: Option<&str>,
    ex: &mut Exercise,
    refs: &mut ChapterRefs,
) {
    let Kind::Ratings {
        items_from: Some(from),
        ..
    } = &mut ex.kind
    else {
        return;
    };
    refs.items_from.push(ItemsFromRef {
        what: et.what.clone(),
        at: n,
        chapter: (!from.chapter.is_empty()).then(|| from.chapter.clone()),
        exercise: from.exercise.clone(),
        span: ck.span_of(et, "items_from"),
    });
    // Written without a chapter: a list of this chapter.
    if from.chapter.is_empty() {
        from.chapter = chapter.unwrap_or_default().to_string();
    }
}

/// The chapter's closing `[reflection]`, checked; `first_exercise` is where the
/// exercises start, to warn when the reflection comes before them.
fn reflection(ck: &mut Checker, t: &Table, first_exercise: Option<Range<usize>>) -> Option<Exercise> {
    ck.table(t, "reflection", ADD_REFLECTION).and_then(|(tab, span)| {
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
    })
}

/// Which exercises are private, and why: the whole chapter, the exercise itself, or
/// an entries-rhythm part (`entries_part`: the `repeated` ones are solo by default).
fn private_reasons(
    exercises: &[Exercise],
    chapter_private: bool,
    entries_part: bool,
    repeated: &[String],
) -> Vec<(String, PrivateBecause)> {
    exercises
        .iter()
        .filter_map(|e| {
            let solo = entries_part && repeated.contains(&e.id);
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
        .collect()
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

impl WhenSpans {
    /// Where the parts of `when` (the value `v`) were written in the exercise `et`.
    fn of(et: &Table, id: Option<String>, v: &toml::Spanned<toml::de::DeValue>) -> WhenSpans {
        let at = |key: &str| match v.get_ref() {
            toml::de::DeValue::Table(w) => w.get(key).map(|x| x.span()),
            _ => None,
        };
        WhenSpans {
            id: id.unwrap_or_default(),
            what: et.what.clone(),
            exercise: at("exercise").unwrap_or(v.span()),
            test: at("is").or(at("at_least")).or(at("at_most")).unwrap_or(v.span()),
            at_least: at("at_least"),
            at_most: at("at_most"),
        }
    }
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
        if let Some(scale) = target.kind.as_scale()
            && w.is.is_empty()
        {
            scale_range_ok(ck, sp, w, (scale.min, scale.max));
            continue;
        }
        match target.kind.as_choice() {
            Some(options) if !w.is.is_empty() => {
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
            Some(_) | None => {
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
/// Reports `key` of `t` when the workbook is format 1, which does not have it.
pub(super) fn needs_v2(ck: &mut Checker, t: &Table, key: &str, version: i64) -> bool {
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
    let spec = kind_name.as_deref().map(|name| {
        let spec = super::kinds::find(name);
        if spec.is_none() {
            let names = super::kinds::names();
            let hint = match super::diag::suggest(name, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of: {}", names.join(", ")),
            };
            ck.error(
                ck.span_of(t, "kind"),
                format!("unknown kind `{name}` in {}; {hint}", t.what),
            );
        }
        spec
    });
    let extra: Vec<&str> = match spec {
        Some(Some(spec)) => spec.keys.to_vec(),
        // Without a known kind, any kind's keys may be meant; typos are still worth reporting.
        _ => super::kinds::any_kind_keys(),
    };
    let allowed: Vec<&str> = COMMON.iter().chain(&extra).copied().collect();
    ck.known_keys(t, &allowed);
    let optional_ok = needs_v2(ck, t, "optional", version);
    let optional = match ck.boolean(t, "optional") {
        Ok(b) => optional_ok.then_some(b.unwrap_or(false)),
        Err(()) => None,
    };
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
    let parsed = match spec.flatten() {
        Some(spec) if version < spec.min_version => {
            ck.error(
                ck.span_of(t, "kind"),
                format!(
                    "kind `{}` in {} needs format_version = {} in workbook.toml",
                    spec.name, t.what, spec.min_version
                ),
            );
            None
        }
        Some(spec) => (spec.parse)(ck, t, version),
        None => None,
    };
    let (kind, empty_ok) = match parsed {
        Some(p) => (Some(p.kind), p.empty_ok),
        None => (None, false),
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
