//! References from one exercise to another (`show`, `when`, `items_from`): one
//! lookup that names a missing id with "did you mean", and the workbook-wide check
//! of `items_from`, which may point into another chapter.

use std::ops::Range;

use super::Diagnostic;
use super::walk::{Checker, Source};

/// Where a reference looks when it names no chapter, for its messages.
pub const SAME_CHAPTER: &str = "exercise of this chapter";

/// A reference as written: who makes it, the id it names, and where.
pub struct Ref<'a> {
    /// How the message starts, such as "`show` in exercise `x`".
    pub subject: String,
    /// The id named.
    pub name: &'a str,
    /// Where the name is written.
    pub span: Range<usize>,
}

impl Ref<'_> {
    /// The position of the named id among `ids`; `None` after reporting it as no
    /// `place` ("exercise of this chapter"), with the nearest of `names` suggested,
    /// else `fallback`.
    pub fn find(
        &self,
        ck: &mut Checker,
        ids: &[&str],
        names: &[&str],
        place: &str,
        fallback: &str,
    ) -> Option<usize> {
        if let Some(pos) = ids.iter().position(|i| *i == self.name) {
            return Some(pos);
        }
        let hint = match super::diag::suggest(self.name, names) {
            Some(m) => format!("did you mean `{m}`?"),
            None => fallback.to_string(),
        };
        ck.error(
            self.span.clone(),
            format!(
                "{} names `{}`, which is no {place}; {hint}",
                self.subject, self.name
            ),
        );
        None
    }
}

/// `exercise` or `chapter/exercise`, each an id: (the chapter, if written; the exercise).
pub fn split_ref(s: &str) -> Option<(Option<&str>, &str)> {
    let (chapter, exercise) = match s.split_once('/') {
        Some((c, e)) => (Some(c), e),
        None => (None, s),
    };
    let ok = chapter.is_none_or(super::walk::is_id) && super::walk::is_id(exercise);
    ok.then_some((chapter, exercise))
}

/// One ratings exercise's `items_from`, kept until every chapter is read.
pub struct ItemsFromRef {
    /// How to name the ratings exercise ("exercise `moods`").
    pub what: String,
    /// Its place among its chapter's exercises.
    pub at: usize,
    /// The chapter id, when written (`chapter/exercise`).
    pub chapter: Option<String>,
    /// The list's exercise id.
    pub exercise: String,
    /// Where `items_from` is written.
    pub span: Range<usize>,
}

/// What one chapter file offers to references and asks of the others.
#[derive(Default)]
pub struct ChapterRefs {
    /// The chapter's id as written, if any.
    pub id: Option<String>,
    /// Every exercise id as written, in order.
    pub ids: Vec<String>,
    /// The kind name of each exercise that loaded, by id.
    pub kinds: Vec<(String, &'static str)>,
    /// Its ratings' `items_from`.
    pub items_from: Vec<ItemsFromRef>,
    /// Its exercises whose answers start private, and why.
    pub private: Vec<(String, PrivateBecause)>,
    /// Its exercises answered once per entry (`[repeat]`).
    pub repeated: Vec<String>,
}

/// Why an exercise's answers start private, for a message about reading them elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivateBecause {
    /// `private = true` at the top of its chapter file.
    Chapter,
    /// `private = true` on the exercise.
    Exercise,
    /// It is in a `[repeat]` with `rhythm = "entries"`, which is solo.
    Entries,
}

impl PrivateBecause {
    /// The reason as the message gives it.
    fn words(self) -> &'static str {
        match self {
            PrivateBecause::Chapter => "its chapter is private (`private = true`)",
            PrivateBecause::Exercise => "it is private (`private = true`)",
            PrivateBecause::Entries => {
                "it is part of a `[repeat]` with `rhythm = \"entries\"`, whose answers are private"
            }
        }
    }
}

/// A chapter file read, for the check of `items_from` after all are read.
pub struct ReadChapter {
    /// The file's name.
    pub file: String,
    /// Its text.
    pub source: Source,
    /// Its references.
    pub refs: ChapterRefs,
}

/// Checks every `items_from`: an existing chapter (when named) and exercise there, a
/// `list`, and earlier in reading order (a later one is a warning: it is usually
/// still empty). Chapters are in reading order; `all_read` is false when a listed
/// chapter file could not be read, whose id then is not known.
pub fn check_items_from(chapters: &[ReadChapter], all_read: bool, diags: &mut Vec<Diagnostic>) {
    let chapter_ids: Vec<&str> = chapters.iter().filter_map(|c| c.refs.id.as_deref()).collect();
    // A chapter whose id is unknown (unreadable, or no id) may be the one named.
    let ids_known = all_read && chapter_ids.len() == chapters.len();
    for (own, ch) in chapters.iter().enumerate() {
        let mut ck = Checker::new(&ch.file, &ch.source, diags);
        for r in &ch.refs.items_from {
            let subject = format!("`items_from` in {}", r.what);
            // The chapter: this one, or the one named.
            let (target, place) = match &r.chapter {
                None => (own, SAME_CHAPTER.to_string()),
                Some(c) if !ids_known && !chapter_ids.contains(&c.as_str()) => continue,
                Some(c) => {
                    let lookup = Ref {
                        subject: subject.clone(),
                        name: c,
                        span: r.span.clone(),
                    };
                    let fallback =
                        "use a chapter's `id`, or leave the chapter out for a list of this chapter";
                    let Some(pos) = lookup.find(
                        &mut ck,
                        &chapter_ids,
                        &chapter_ids,
                        "chapter of this workbook",
                        fallback,
                    ) else {
                        continue;
                    };
                    let Some(t) = chapters
                        .iter()
                        .position(|x| x.refs.id.as_deref() == Some(chapter_ids[pos]))
                    else {
                        continue;
                    };
                    (t, format!("exercise of chapter `{c}`"))
                }
            };
            let there = &chapters[target].refs;
            let ids: Vec<&str> = there.ids.iter().map(String::as_str).collect();
            // Never suggest the ratings exercise itself.
            let names: Vec<&str> = ids
                .iter()
                .enumerate()
                .filter(|(i, _)| target != own || *i != r.at)
                .map(|(_, x)| *x)
                .collect();
            let lookup = Ref {
                subject: subject.clone(),
                name: &r.exercise,
                span: r.span.clone(),
            };
            let Some(pos) = lookup.find(
                &mut ck,
                &ids,
                &names,
                &place,
                "use the id of an earlier list exercise",
            ) else {
                continue;
            };
            if target == own && pos == r.at {
                ck.error(
                    r.span.clone(),
                    format!(
                        "{subject} names the exercise itself; name an earlier list exercise, whose items are rated"
                    ),
                );
                continue;
            }
            if let Some(message) = crossing(chapters, (own, r), target, &subject) {
                ck.error(r.span.clone(), message);
                continue;
            }
            // An exercise with mistakes of its own has no kind yet; those are reported.
            if let Some((_, kind)) = there.kinds.iter().find(|(id, _)| *id == r.exercise)
                && *kind != "list"
            {
                ck.error(
                    r.span.clone(),
                    format!(
                        "{subject} names `{}`, a {kind} exercise; it must name a list, whose items are rated",
                        r.exercise
                    ),
                );
                continue;
            }
            if target > own || (target == own && pos >= r.at) {
                ck.warn(
                    r.span.clone(),
                    format!(
                        "{subject} names `{}`, which comes later, so the list is usually still empty when this is rated; move the list before this exercise",
                        r.exercise
                    ),
                );
            }
        }
    }
}

/// Why `items_from` of `r` (in chapter `own`) may not read the list in chapter
/// `target`: a private list of another chapter (its items would be shown and shared with
/// this chapter's answers), or a list answered once per entry read by an exercise
/// answered once, or from another chapter (no one entry's list is meant).
fn crossing(
    chapters: &[ReadChapter],
    (own, r): (usize, &ItemsFromRef),
    target: usize,
    subject: &str,
) -> Option<String> {
    let there = &chapters[target].refs;
    let name = &r.exercise;
    let chapter = there.id.as_deref().unwrap_or("?");
    if target != own
        && let Some((_, why)) = there.private.iter().find(|(id, _)| id == name)
    {
        return Some(format!(
            "{subject} names `{name}` of chapter `{chapter}`, whose answers are private because {}; another chapter's ratings would show and share its items, so name a list of this chapter or one that is not private",
            why.words()
        ));
    }
    if !there.repeated.contains(name) {
        return None;
    }
    let rater = chapters[own].refs.ids.get(r.at).map_or("", String::as_str);
    if target != own {
        return Some(format!(
            "{subject} names `{name}` of chapter `{chapter}`, which is answered once per entry there (it is in `[repeat]`), so no one entry's list is meant; name a list answered once, or one of this chapter"
        ));
    }
    (!there.repeated.iter().any(|x| x == rater)).then(|| {
        format!(
            "{subject} names `{name}`, which is answered once per entry (it is in `[repeat]`), while `{rater}` is answered once, so no one entry's list is meant; add `{rater}` to the `exercises` of `[repeat]`, or name a list answered once"
        )
    })
}
