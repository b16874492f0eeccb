//! The Markdown document: something a person would gladly print or send.
//!
//! Every text that is not ours (answers, and the workbook's own texts too) is
//! escaped so it reads as written and cannot change the document's structure.

use unicode_width::UnicodeWidthStr;

use super::{ExportMeta, Scope, private_count, select, shareable};
use crate::answers::{Answer, Answers};
use crate::content::{Chapter, Exercise, Kind, Repeat, Rhythm, Workbook};
use crate::entry::{Entry, Open};
use crate::present::{self, Piece, words};

/// The answers as a Markdown document: workbook title, profile and date, a
/// heading per chapter, each exercise's title, prompt (as a quote) and answer,
/// and a last section for answers whose exercise the workbook no longer has.
///
/// A chapter with a repeated part (`[repeat]`) shows its exercises answered once
/// first, then the repeated part: its prompts once, a section per entry (newest
/// first) with each answer, and, when the part has scales or ratings, a table of
/// their values by date, one row per entry (newest first too); its closing reflection
/// comes last, as in the app.
///
/// Without `include_private`, private answers are dropped before anything is
/// written, so the document is byte for byte the one a profile without them
/// would give: their exercises say "No answer in this export.", as unanswered ones do,
/// and nothing counts or marks them (knowing that something was hidden is itself a
/// disclosure; the note under the title is the same in every such export); an entry
/// whose answers are all private is not there at all.
/// With it, they are there, each marked, and a note under the title counts them.
pub fn markdown(wb: &Workbook, answers: &Answers, meta: &ExportMeta, include_private: bool) -> String {
    markdown_part(wb, answers, meta, include_private, &Scope::default())
}

/// [`markdown`] of the part of the answers in `scope` (see [`select`]): only its
/// chapter, only entries from its day on; a line under the title says which part.
pub fn markdown_part(
    wb: &Workbook,
    answers: &Answers,
    meta: &ExportMeta,
    include_private: bool,
    scope: &Scope,
) -> String {
    // Past ratings under the wording their list items have now ("(was: …)" beside),
    // read before `shareable` keeps only this person's own answers: for the partner who
    // did not type a shared list, the list in effect is the other's version.
    let sources = answers.with_private_sources(wb);
    let selected = select(&sources.in_current_words(wb), scope);
    let mut answers = shareable(&selected, include_private);
    // The couple's list, when the partner's version is the one in effect: this is the
    // person's own document, and the app shows them that list as theirs too.
    answers.keep_partners_lists(&selected);
    let mut blocks = vec![
        format!("# {}", heading(&wb.title)),
        escape_line(&words::answers_of(
            &present::clean_line(&meta.profile),
            &present::clean_line(&meta.date),
        )),
    ];
    if let Some(id) = &scope.chapter {
        let note = match wb.chapters.iter().position(|c| c.id == *id) {
            Some(n) => words::only_chapter(n + 1, &present::clean_line(&wb.chapters[n].title)),
            None => words::only_old_chapter(&present::clean_line(id)),
        };
        blocks.push(emphasis(&note));
    }
    if let Some(day) = scope.since {
        blocks.push(emphasis(&words::entries_since(&crate::date::readable(day))));
    }
    let private = private_count(&answers);
    if private > 0 {
        blocks.push(emphasis(&words::private_included(private)));
    } else if !include_private {
        // The same note whether or not anything was left out: a count would disclose.
        blocks.push(emphasis(words::PRIVATE_LEFT_OUT));
    }
    // Routed, so that an exercise of a repeated part reads in the entry opened for it.
    answers.route(wb);
    let in_scope = |ch: &&Chapter| scope.chapter.as_ref().is_none_or(|c| *c == ch.id);
    for (n, ch) in wb.chapters.iter().enumerate().filter(|(_, ch)| in_scope(ch)) {
        blocks.push(format!("## {}. {}", n + 1, heading(&ch.title)));
        // The closing reflection closes the chapter, after the entries, as in the app.
        let once = |reflection: bool| {
            answered(ch).filter(move |ex| !ch.is_repeated(&ex.id) && ex.is_reflection() == reflection)
        };
        for ex in once(false) {
            single_blocks(&mut blocks, &answers, ch, ex);
        }
        if let Some(repeat) = &ch.repeat {
            repeated_blocks(&mut blocks, &mut answers, ch, repeat);
        }
        for ex in once(true) {
            single_blocks(&mut blocks, &answers, ch, ex);
        }
    }
    let orphans = orphans(wb, &answers);
    if !orphans.is_empty() {
        blocks.push(format!("## {}", heading(words::ORPHANS_HEADING)));
        for (title, answer) in orphans {
            blocks.push(format!("### {}", heading(&title)));
            answer_blocks(&mut blocks, None, false, Some(answer));
        }
    }
    let mut doc = blocks.join("\n\n");
    doc.push('\n');
    doc
}

/// The exercises of `ch` that take an answer, and its scores, in order.
fn answered(ch: &Chapter) -> impl Iterator<Item = &Exercise> {
    ch.exercises
        .iter()
        .filter(|ex| ex.takes_answer() || ex.kind.as_score().is_some())
}

/// An exercise answered once: its title, prompt and answer.
fn single_blocks(blocks: &mut Vec<String>, answers: &Answers, chapter: &Chapter, ex: &Exercise) {
    blocks.push(format!("### {}", heading(&ex.title)));
    blocks.push(quote(&ex.prompt));
    exercise_blocks(blocks, answers, chapter, ex);
}

/// The answer to one exercise as `answers` reads it now (for a repeated one, in the
/// entry open), or the note that it is not needed.
fn exercise_blocks(blocks: &mut Vec<String>, answers: &Answers, ch: &Chapter, ex: &Exercise) {
    let chapter = ch.id.as_str();
    if answers.not_needed(chapter, ex) {
        blocks.push(emphasis(words::NOT_NEEDED));
        return;
    }
    if let Some(score) = ex.kind.as_score() {
        // Worked out from the answers this export holds: an input left out as private
        // leaves the score waiting, so it never tells what the private answer was.
        let outcome = present::score::compute(score, ch, |id| answers.get(chapter, id));
        for line in present::score::lines(score, &outcome) {
            blocks.push(paragraph(&[line]));
        }
        return;
    }
    if let Some((who, theirs)) = answers.shared_from(chapter, &ex.id) {
        let day: String = theirs.changed.chars().take(10).collect();
        blocks.push(emphasis(&words::shared_list_by(
            &present::clean_line(who),
            &present::clean_line(&day),
        )));
    }
    answer_blocks(
        blocks,
        Some(&answers.resolved_kind(&ex.kind)),
        ex.optional,
        answers.get(chapter, &ex.id),
    );
}

/// A chapter's repeated part: its title, each repeated exercise's prompt once, a section
/// per live entry (newest first), then the table of values by date.
fn repeated_blocks(blocks: &mut Vec<String>, answers: &mut Answers, ch: &Chapter, repeat: &Repeat) {
    let exercises: Vec<&Exercise> = answered(ch).filter(|ex| ch.is_repeated(&ex.id)).collect();
    blocks.push(format!("### {}", heading(&repeat.title)));
    for ex in &exercises {
        blocks.push(quote(&format!(
            "{}: {}",
            present::clean_line(&ex.title),
            ex.prompt
        )));
    }
    // Newest first. Each entry is opened in turn, so its answers read as the app shows
    // them (`when` included); the opening is by id and start, cloned out of the list.
    let mut opens: Vec<Open> = answers
        .live_entries(&ch.id)
        .map(|e| Open {
            id: e.id.clone(),
            started: e.started.clone(),
            old: true,
        })
        .collect();
    opens.reverse();
    blocks.push(emphasis(&words::entries_count(opens.len())));
    for open in opens {
        let id = open.id.clone();
        answers.open_entry(&ch.id, open);
        let Some(entry) = answers.entry(&ch.id, &id) else {
            continue;
        };
        blocks.push(format!(
            "#### {}",
            heading(&words::entry_heading(&entry.label(repeat.rhythm)))
        ));
        if let Some(edited) = &entry.edited {
            blocks.push(emphasis(&words::edited_on(&day_of(edited))));
        }
        for ex in &exercises {
            blocks.push(format!("##### {}", heading(&ex.title)));
            exercise_blocks(blocks, answers, ch, ex);
        }
    }
    answers.close_entry(&ch.id);
    // A column per item rated: the list's items as resolved now, then any rated only in
    // past entries (an item since deleted, an own item).
    let rated: Vec<Exercise> = exercises
        .iter()
        .map(|ex| present::with_rated_items(answers, &ch.id, ex))
        .collect();
    let columns = present::value_columns(&rated);
    let first = match repeat.rhythm {
        Rhythm::Weekly => words::WEEK_COLUMN,
        Rhythm::Entries => words::STARTED_COLUMN,
    };
    let head: Vec<String> = std::iter::once(first.to_string())
        .chain(columns.iter().map(|c| c.head.clone()))
        .collect();
    let entries: Vec<&Entry> = answers.live_entries(&ch.id).collect();
    if columns.is_empty() || entries.is_empty() {
        return;
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .rev()
        .map(|e| {
            let when = match repeat.rhythm {
                Rhythm::Weekly => crate::date::week_label(e.day()),
                Rhythm::Entries => e.label(repeat.rhythm),
            };
            std::iter::once(when)
                .chain(columns.iter().map(|c| match c.score {
                    Some(score) => present::score::cell(score, ch, |id| e.answers.get(id)),
                    None => present::cell(c, e.answers.get(c.exercise)),
                }))
                .collect()
        })
        .collect();
    blocks.push(format!("#### {}", heading(words::VALUES_HEADING)));
    blocks.push(table(&head, &rows));
}

/// An RFC 3339 time's day as people read it (`3 Dec 2026`), or the text itself, cleaned,
/// when it is no such time.
fn day_of(time: &str) -> String {
    crate::date::readable_day_of(time).unwrap_or_else(|| present::clean_line(time))
}

/// A table that reads as plain text too: cells escaped and padded to their column's
/// width, the first column (the dates) to the left and the numbers to the right.
fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let escaped = |row: &[String]| -> Vec<String> { row.iter().map(|c| escape_line(c)).collect() };
    let head = escaped(head);
    let rows: Vec<Vec<String>> = rows.iter().map(|r| escaped(r)).collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .chain([&head[i]])
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                let pad = " ".repeat(w.saturating_sub(c.width()));
                if i == 0 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == 0 {
                "-".repeat(*w)
            } else {
                format!("{}:", "-".repeat(w - 1))
            }
        })
        .collect();
    let mut out = vec![line(&head), format!("| {} |", rule.join(" | "))];
    out.extend(rows.iter().map(|r| line(r)));
    out.join("\n")
}

/// Answers the workbook has no place for, with their headings: those given once whose
/// exercise is gone or is now answered per entry (`chapter / exercise`), then those in
/// live entries whose exercise is no longer one of its chapter's repeated part
/// (`chapter / exercise, entry id`).
fn orphans<'a>(wb: &Workbook, answers: &'a Answers) -> Vec<(String, &'a Answer)> {
    let chapter = |c: &str| wb.chapters.iter().find(|ch| ch.id == c);
    let mut out = Vec::new();
    for (c, exercises) in &answers.single {
        for (e, answer) in exercises {
            if wb.find(c, e).is_none() || chapter(c).is_some_and(|ch| ch.is_repeated(e)) {
                out.push((format!("{c} / {e}"), answer));
            }
        }
    }
    for (c, list) in &answers.entries {
        for entry in list.iter().filter(|e| e.is_live()) {
            for (e, answer) in &entry.answers {
                if chapter(c).is_none_or(|ch| !ch.is_repeated(e)) {
                    out.push((format!("{c} / {e}, {}", entry.id), answer));
                }
            }
        }
    }
    out
}

/// The blocks of one answer (marked when private: only an export that
/// includes private answers has any), or the note that stands in for it.
/// `optional`: the exercise may stay empty, and says so when it is.
fn answer_blocks(blocks: &mut Vec<String>, kind: Option<&Kind>, optional: bool, answer: Option<&Answer>) {
    let unanswered = if optional {
        words::NO_ANSWER_IN_EXPORT_OPTIONAL
    } else {
        words::NO_ANSWER_IN_EXPORT
    };
    let Some(answer) = answer else {
        blocks.push(emphasis(unanswered));
        return;
    };
    if answer.private {
        blocks.push(emphasis(words::MARKED_PRIVATE));
    }
    // A skip shares nothing: what was written before it stays in the answers file only.
    if answer.skipped {
        blocks.push(emphasis(words::SKIPPED));
        return;
    }
    let pieces = present::pieces(kind, &answer.value);
    if pieces.is_empty() {
        blocks.push(emphasis(unanswered));
    }
    let mut list: Vec<String> = Vec::new();
    for piece in pieces {
        let item = match piece {
            Piece::Paragraph(lines) => {
                if !list.is_empty() {
                    blocks.push(std::mem::take(&mut list).join("\n"));
                }
                blocks.push(paragraph(&lines));
                continue;
            }
            Piece::Item(text) => format!("- {}", escape_line(&text)),
            Piece::Check { ticked, text } => {
                format!("- [{}] {}", if ticked { 'x' } else { ' ' }, escape_line(&text))
            }
        };
        list.push(item);
    }
    if !list.is_empty() {
        blocks.push(list.join("\n"));
    }
}

/// Lines of one paragraph, each line the person wrote its own Markdown paragraph:
/// a hard break would end lines in a backslash (or two invisible spaces), which
/// reads badly as plain text and is easily lost; a blank line reads the same
/// either way.
fn paragraph(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| escape_line(l))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A workbook text as a quote, paragraph by paragraph.
fn quote(text: &str) -> String {
    present::paragraphs(text)
        .iter()
        .map(|p| format!("> {}", paragraph(p).replace('\n', "\n> ")))
        .collect::<Vec<_>>()
        .join("\n>\n")
}

/// One of our own notes, in italics.
fn emphasis(text: &str) -> String {
    format!("*{}*", escape_line(text))
}

/// Text for after `#`s: escaped, and `#` escaped too so a trailing one is not
/// taken for a closing sequence.
fn heading(text: &str) -> String {
    escape_inline(&present::clean_line(text)).replace('#', "\\#")
}

/// Escapes one line of text that stands at the start of a Markdown line (or
/// right after a list marker, which is the same to a parser). Leading spaces
/// are dropped (four would make a code block) and so are trailing ones (two
/// would make a line break).
pub(crate) fn escape_line(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    // Block markers that only count at the start of a line: headings, quotes,
    // bullets, setext underlines and thematic breaks.
    if text.starts_with(['#', '>', '-', '+', '=']) {
        out.push('\\');
    }
    // An ordered list marker: digits, then `.` or `)`.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(['.', ')']) {
        out.push_str(&text[..digits]);
        out.push('\\');
        out.push_str(&escape_inline(&text[digits..]));
    } else {
        out.push_str(&escape_inline(text));
    }
    out
}

/// Escapes what means something anywhere in a line: backslash, emphasis, code
/// spans and fences, links and images, raw HTML and autolinks, strikethrough,
/// table cells, and `&` where it could start an entity.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#');
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|') || entity {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_line;

    #[test]
    fn escapes_line_starts() {
        assert_eq!(escape_line("# a"), "\\# a");
        assert_eq!(escape_line("    - a"), "\\- a");
        assert_eq!(escape_line("12. a"), "12\\. a");
        assert_eq!(escape_line("3) a"), "3\\) a");
        assert_eq!(escape_line("2026 was"), "2026 was");
        assert_eq!(escape_line("==="), "\\===");
        assert_eq!(escape_line("> q"), "\\> q");
    }

    #[test]
    fn escapes_inline_syntax() {
        assert_eq!(escape_line("a **b** _c_ `d`"), "a \\*\\*b\\*\\* \\_c\\_ \\`d\\`");
        assert_eq!(
            escape_line("[l](x) <b> |t| ~~s~~ \\"),
            "\\[l\\](x) \\<b> \\|t\\| \\~\\~s\\~\\~ \\\\"
        );
        assert_eq!(
            escape_line("Tom & Jerry &amp; &#60;"),
            "Tom & Jerry \\&amp; \\&#60;"
        );
    }
}
