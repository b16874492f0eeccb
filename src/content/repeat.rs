//! A chapter's `[repeat]` table (format 2): the part of the chapter that is filled
//! again and again, as dated entries.

use super::walk::{Checker, Table};
use super::{Exercise, REFLECTION_ID, Repeat, Rhythm};

/// The keys `[repeat]` takes.
const KEYS: [&str; 4] = ["rhythm", "title", "exercises", "suggest_previous"];
/// The rhythms, as written.
const RHYTHMS: [&str; 2] = ["weekly", "entries"];

/// Checks and builds `[repeat]` of a chapter whose exercises that loaded are
/// `exercises` (the closing reflection not among them) and whose ids as written are
/// `all_ids`: `Some(None)` when there is none, `None` when it is wrong (reported).
///
/// Names are checked against `all_ids`, so an exercise with a mistake of its own (an
/// unknown kind) is not reported a second time as missing here.
pub fn parse(
    ck: &mut Checker,
    chapter: &Table,
    exercises: &[Exercise],
    all_ids: &[String],
) -> Option<Option<Repeat>> {
    if !chapter.inner.contains_key("repeat") {
        return Some(None);
    }
    let (tab, span) = ck.table(chapter, "repeat", "")?;
    let t = Table {
        inner: tab,
        span,
        what: "`[repeat]`".to_string(),
    };
    ck.known_keys(&t, &KEYS);
    let rhythm = match ck.string(&t, "rhythm", true)?.as_str() {
        "weekly" => Some(Rhythm::Weekly),
        "entries" => Some(Rhythm::Entries),
        other => {
            let hint = match super::diag::suggest(other, &RHYTHMS) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "use `weekly` (one entry per calendar week, like a check-in) or `entries` (a new entry whenever the person starts one, like a thought record)".to_string(),
            };
            ck.error(
                ck.span_of(&t, "rhythm"),
                format!("`rhythm = \"{other}\"` in `[repeat]` is not a rhythm; {hint}"),
            );
            None
        }
    };
    let title = ck.string(&t, "title", true);
    let ids: Vec<&str> = all_ids.iter().map(String::as_str).collect();
    let named = match ck.strings(&t, "exercises", false) {
        Some(list) => {
            let picked = refs(ck, &list, &ids, "exercises");
            if picked.as_ref().is_some_and(Vec::is_empty) {
                ck.error(
                    ck.span_of(&t, "exercises"),
                    "`exercises` in `[repeat]` is empty; list the ids of the exercises filled in each entry, or leave the key out to repeat the whole chapter",
                );
                return None;
            }
            picked
        }
        None if t.inner.contains_key("exercises") => None,
        None => Some(
            exercises
                .iter()
                // A score repeats with the answers it reads.
                .filter(|e| e.takes_answer() || e.kind.as_score().is_some())
                .map(|e| e.id.clone())
                .collect(),
        ),
    };
    let suggest_list = ck.strings(&t, "suggest_previous", false);
    let suggest = match &suggest_list {
        Some(list) => refs(ck, list, &ids, "suggest_previous"),
        None if t.inner.contains_key("suggest_previous") => None,
        None => Some(Vec::new()),
    };
    let (named, suggest) = (named?, suggest?);
    if let Some((s, span)) = suggest_list
        .unwrap_or_default()
        .into_iter()
        .find(|(s, _)| !named.contains(s))
    {
        ck.error(
            span,
            format!(
                "`suggest_previous` in `[repeat]` names `{s}`, which is not one of the repeated exercises; add it to `exercises` or remove it here"
            ),
        );
        return None;
    }
    // Kept in chapter order, whatever order the author listed them in.
    let in_order = |list: &[String]| -> Vec<String> {
        ids.iter()
            .filter(|i| list.iter().any(|l| l == *i))
            .map(|i| i.to_string())
            .collect()
    };
    Some(Some(Repeat {
        rhythm: rhythm?,
        title: title?,
        exercises: in_order(&named),
        suggest_previous: in_order(&suggest),
    }))
}

/// Checks that each named id is an exercise of the chapter (not the reflection), once.
fn refs(
    ck: &mut Checker,
    list: &[(String, std::ops::Range<usize>)],
    ids: &[&str],
    key: &str,
) -> Option<Vec<String>> {
    let mut ok = true;
    let mut seen: Vec<String> = Vec::new();
    for (s, span) in list {
        if s == REFLECTION_ID {
            ck.error(
                span.clone(),
                format!(
                    "`{key}` in `[repeat]` names the closing reflection, which is answered once; list exercises only"
                ),
            );
            ok = false;
        } else if !ids.contains(&s.as_str()) {
            let hint = match super::diag::suggest(s, ids) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "use the id of an exercise in this chapter".to_string(),
            };
            ck.error(
                span.clone(),
                format!("`{key}` in `[repeat]` names `{s}`, which is no exercise of this chapter; {hint}"),
            );
            ok = false;
        } else if seen.contains(s) {
            ck.error(
                span.clone(),
                format!("`{key}` in `[repeat]` names `{s}` twice; list each exercise once"),
            );
            ok = false;
        } else {
            seen.push(s.clone());
        }
    }
    ok.then_some(seen)
}
