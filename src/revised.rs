//! Answers changed after the reveal, through an exchange folder: the answer seen first
//! stays visible to both partners, marked "changed after seeing yours". Built from what
//! the edge read of the link state (`crate::exchange::share::changed_since_reveal` and
//! `changed_since_opened`) and rendered by the comparison, so `trustbook compare` and the
//! app's Compare screen say the same words.

use crate::answers::Answer;
use crate::content::Workbook;
use crate::exchange::share;
use crate::present::{self, Piece, words};

/// Whose answer changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changer {
    /// The partner changed theirs after it was shown to me.
    Partner,
    /// I changed mine after it was opened to the partner.
    Me,
}

/// One answer changed after the reveal, as read from the link state: who changed it,
/// the item, the answer first shown and the answer now.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Whose answer it is.
    pub by: Changer,
    /// The item (`chapter/exercise` or `chapter/exercise@entry`).
    pub item: String,
    /// The answer as first shown.
    pub first: Answer,
    /// The answer now.
    pub now: Answer,
}

/// A change ready to show: its heading and both answers as pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revised {
    /// Whose answer it is.
    pub by: Changer,
    /// The exercise's title, with its week for a weekly answer (clean).
    pub title: String,
    /// The answer as first shown.
    pub first: Vec<Piece>,
    /// The answer now.
    pub now: Vec<Piece>,
}

/// The changes of `changes` the workbook still has an exercise for, ready to show.
pub fn prepare(wb: &Workbook, changes: &[Change]) -> Vec<Revised> {
    changes
        .iter()
        .filter_map(|c| {
            let (chapter, exercise, entry) = share::parse_item(&c.item)?;
            let (ci, ei) = wb.find(chapter, exercise)?;
            let ex = &wb.chapters[ci].exercises[ei];
            let title = present::clean_line(&ex.title);
            let title = match entry {
                Some(e) => words::of_week(&title, &present::clean_line(e)),
                None => title,
            };
            Some(Revised {
                by: c.by,
                title,
                first: present::pieces(Some(&ex.kind), &c.first.value),
                now: present::pieces(Some(&ex.kind), &c.now.value),
            })
        })
        .collect()
}

/// The changes as plain lines of at most `width` columns, after the comparison with
/// `partner` (a clean name); none when there are none.
pub fn lines(revised: &[Revised], partner: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let indent = |n: usize| if width >= 30 { " ".repeat(n) } else { String::new() };
    let mut out = Vec::new();
    for r in revised {
        out.push(String::new());
        let (heading, first) = match r.by {
            Changer::Partner => (
                words::changed_after_seeing(&r.title),
                words::first_as_you_saw(partner),
            ),
            Changer::Me => (
                words::you_changed_after_seeing(&r.title, partner),
                words::first_as_opened(partner),
            ),
        };
        out.extend(present::wrap(&heading, width));
        for (label, pieces) in [(first, &r.first), (words::AND_NOW.to_string(), &r.now)] {
            let pad = indent(2);
            out.extend(
                present::wrap(&label, width - pad.len())
                    .into_iter()
                    .map(|l| format!("{pad}{l}")),
            );
            let pad = indent(4);
            for l in present::plain_lines(pieces, Some(width - pad.len())) {
                out.push(if l.is_empty() { l } else { format!("{pad}{l}") });
            }
        }
    }
    out
}
