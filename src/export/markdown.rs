//! The Markdown document: something a person would gladly print or send.
//!
//! Every text that is not ours (answers, and the workbook's own texts too) is
//! escaped so it reads as written and cannot change the document's structure.

use super::{ExportMeta, private_count, shareable};
use crate::answers::{Answer, Answers};
use crate::content::{Kind, Workbook};
use crate::present::{self, Piece, words};

/// The answers as a Markdown document: workbook title, profile and date, a
/// heading per chapter, each exercise's title, prompt (as a quote) and answer,
/// and a last section for answers whose exercise the workbook no longer has.
///
/// Without `include_private`, private answers are dropped before anything is
/// written, so the document is byte for byte the one a profile without them
/// would give: their exercises say "Not answered yet." and nothing counts or
/// marks them (knowing that something was hidden is itself a disclosure).
/// With it, they are there, each marked, and a note under the title counts them.
pub fn markdown(wb: &Workbook, answers: &Answers, meta: &ExportMeta, include_private: bool) -> String {
    let answers = &shareable(answers, include_private);
    let mut blocks = vec![
        format!("# {}", heading(&wb.title)),
        escape_line(&words::answers_of(
            &present::clean_line(&meta.profile),
            &present::clean_line(&meta.date),
        )),
    ];
    let private = private_count(answers);
    if private > 0 {
        blocks.push(emphasis(&words::private_included(private)));
    }
    for (n, ch) in wb.chapters.iter().enumerate() {
        blocks.push(format!("## {}. {}", n + 1, heading(&ch.title)));
        for ex in ch.exercises.iter().filter(|ex| ex.takes_answer()) {
            blocks.push(format!("### {}", heading(&ex.title)));
            blocks.push(quote(&ex.prompt));
            if answers.not_needed(&ch.id, ex) {
                blocks.push(emphasis(words::NOT_NEEDED));
                continue;
            }
            answer_blocks(
                &mut blocks,
                Some(&answers.resolved_kind(&ex.kind)),
                ex.optional,
                answers.get(&ch.id, &ex.id),
            );
        }
    }
    let orphans = answers.orphans(wb);
    if !orphans.is_empty() {
        blocks.push(format!("## {}", heading(words::ORPHANS_HEADING)));
        for (c, e) in orphans {
            blocks.push(format!("### {} / {}", heading(&c), heading(&e)));
            answer_blocks(&mut blocks, None, false, answers.get(&c, &e));
        }
    }
    let mut doc = blocks.join("\n\n");
    doc.push('\n');
    doc
}

/// The blocks of one answer (marked when private: only an export that
/// includes private answers has any), or the note that stands in for it.
/// `optional`: the exercise may stay empty, and says so when it is.
fn answer_blocks(blocks: &mut Vec<String>, kind: Option<&Kind>, optional: bool, answer: Option<&Answer>) {
    let unanswered = if optional {
        words::LEFT_EMPTY
    } else {
        words::NOT_ANSWERED
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
