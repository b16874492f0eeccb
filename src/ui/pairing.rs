//! Pairing on the sharing screen: this profile's code (broken at the width, so a
//! selection copies it whole), the fields of the partner's name and code, both
//! fingerprints with the question, and the warning of a changed key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::text::pairing as words;
use super::{Theme, wrap};
use crate::app::field::Field;
use crate::app::keys::{self, Context};
use crate::app::{Action, App, Checked, Go, KeyChange, Move, PairEntry, Pairing};
use crate::exchange::PartnerKeys;
use crate::exchange::keys::CODE_LEN;

/// The widest the steps are drawn: long lines are hard to read and to compare.
const MEASURE: u16 = 78;

/// One piece of a pairing step, stacked from the top.
enum Piece<'a> {
    /// Words wrapped to the width.
    Words(String, Style),
    /// Rows kept as they are (aligned fingerprints), cut at the width.
    Rows(Vec<String>, Style),
    /// The pairing code, broken at the width: no indent, nothing but the code.
    Code(String, Style),
    /// A field in a box with its label, the cursor in it when `focused`.
    Field {
        /// The field.
        field: &'a Field,
        /// Its label, on the box.
        label: String,
        /// Rows inside the box.
        rows: u16,
        /// True when it has the keyboard.
        focused: bool,
    },
    /// An empty row, left out first when the step does not fit.
    Gap,
}

/// Draws the pairing step `step` into `area` (the sharing screen's body).
pub fn draw(frame: &mut Frame, app: &App, step: &Pairing, theme: &Theme, area: Rect) {
    // A readable measure on wide terminals, as on the first run's question.
    let area = Rect {
        width: area.width.min(MEASURE),
        ..area
    };
    let pieces = match step {
        Pairing::Mine(keys) => mine(app.profile(), keys.as_ref(), theme),
        Pairing::Entering(entry) => entering(entry, theme, area.width),
        Pairing::Compare(c) => compare(c, theme, area.width),
        Pairing::Changed(k) => changed(k, theme),
    };
    stack(frame, pieces, theme, area);
}

/// The label of `action`'s key in `cx`, for the words that name it.
fn label(cx: Context, action: Action) -> &'static str {
    keys::label_of(cx, &action)
}

/// This profile's code and fingerprint (`None` while the edge reads them).
fn mine(profile: &str, keys: Option<&PartnerKeys>, theme: &Theme) -> Vec<Piece<'static>> {
    let title = Piece::Words(words::my_code_title(profile), theme.title());
    let Some(keys) = keys else {
        return vec![
            title,
            Piece::Gap,
            Piece::Words(words::READING_KEYS.to_string(), theme.dim()),
        ];
    };
    let their_code = label(Context::MyCode, Go::PartnerCode.into());
    vec![
        title,
        Piece::Words(words::MY_CODE_ABOUT.to_string(), Style::new()),
        Piece::Gap,
        Piece::Code(keys.code(), theme.selected_soft()),
        Piece::Gap,
        Piece::Words(words::my_fingerprint(&keys.fingerprint()), theme.title()),
        Piece::Gap,
        Piece::Words(words::my_code_next(profile, their_code), theme.dim()),
    ]
}

/// The fields of the partner's name and code, how to fill them in, and what is wrong.
fn entering<'a>(entry: &'a PairEntry, theme: &Theme, width: u16) -> Vec<Piece<'a>> {
    let cx = Context::PairEntry;
    let rule = words::entry_rule(
        label(cx, Move::Select.into()),
        label(cx, Move::Down.into()),
        label(cx, Go::Back.into()),
    );
    // Room for a whole code, so the box does not grow while it is pasted; one row more,
    // as the word wrap breaks the code after its dashes.
    let inner = usize::from(width.saturating_sub(5).max(1));
    let code_rows = (CODE_LEN.div_ceil(inner) + 1).clamp(2, 4);
    let mut v = vec![
        Piece::Words(words::ENTRY_TITLE.to_string(), theme.title()),
        Piece::Gap,
        Piece::Field {
            field: &entry.name,
            label: words::NAME_LABEL.to_string(),
            rows: 1,
            focused: !entry.on_code,
        },
        Piece::Field {
            field: &entry.code,
            label: words::CODE_LABEL.to_string(),
            rows: u16::try_from(code_rows).unwrap_or(4),
            focused: entry.on_code,
        },
        Piece::Words(rule, theme.dim()),
    ];
    if let Some(p) = &entry.problem {
        let my_code = label(Context::Sharing, Go::MyCode.into());
        v.extend([Piece::Gap, Piece::Words(words::problem(p, my_code), theme.warn())]);
    }
    v
}

/// Both fingerprints and the question before recording.
fn compare(c: &Checked, theme: &Theme, width: u16) -> Vec<Piece<'static>> {
    let cx = Context::ConfirmPair;
    let rows = words::fingerprint_rows(&c.mine, &c.partner, &c.keys.fingerprint());
    let ask = words::compare_ask(&c.partner, label(cx, Go::Pair.into()), label(cx, Go::Back.into()));
    vec![
        Piece::Words(words::compare_title(&c.partner), theme.title()),
        Piece::Words(words::COMPARE_ABOUT.to_string(), Style::new()),
        Piece::Gap,
        Piece::Rows(side_by_side(rows, width), theme.selected_soft()),
        Piece::Gap,
        Piece::Words(ask, theme.warn()),
    ]
}

/// The warning of a changed key, and the field the partner's name is typed into.
fn changed<'a>(k: &'a KeyChange, theme: &Theme) -> Vec<Piece<'a>> {
    let partner = &k.checked.partner;
    let rows = words::changed_rows(&k.old, &k.checked.keys.fingerprint(), &k.checked.mine);
    let mut v = vec![
        Piece::Words(words::changed_title(partner), theme.warn()),
        Piece::Rows(rows.to_vec(), theme.warn()),
        Piece::Gap,
        Piece::Words(words::changed_about(partner), Style::new()),
        Piece::Gap,
        Piece::Field {
            field: &k.typed,
            label: words::changed_label(partner),
            rows: 1,
            focused: true,
        },
    ];
    if k.refused {
        let esc = label(Context::KeyChanged, Go::Back.into());
        v.push(Piece::Words(words::changed_refused(partner, esc), theme.warn()));
    }
    v
}

/// Both fingerprints on one row when they fit in `width`, else one under the other.
fn side_by_side(rows: [String; 2], width: u16) -> Vec<String> {
    const APART: &str = "      ";
    let [mine, theirs] = rows;
    let one = format!("{}{APART}{}", mine.trim_end(), theirs.trim_end());
    if unicode_width::UnicodeWidthStr::width(one.as_str()) <= usize::from(width) {
        vec![one]
    } else {
        vec![mine, theirs]
    }
}

/// How many rows `piece` takes at `width` columns.
fn rows_of(piece: &Piece, width: u16) -> u16 {
    let w = usize::from(width.max(1));
    let n = match piece {
        Piece::Words(s, _) => usize::from(wrap::height(s, width)),
        Piece::Rows(rows, _) => rows.len(),
        Piece::Code(code, _) => code.chars().count().div_ceil(w),
        Piece::Field { rows, .. } => usize::from(*rows) + 2,
        Piece::Gap => 1,
    };
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Draws `pieces` from the top of `area`, without the gaps when they do not all fit;
/// what is still too long is cut at the bottom.
fn stack(frame: &mut Frame, mut pieces: Vec<Piece>, theme: &Theme, area: Rect) {
    let total: u16 = pieces.iter().map(|p| rows_of(p, area.width)).sum();
    if total > area.height {
        pieces.retain(|p| !matches!(p, Piece::Gap));
    }
    let mut y = area.y;
    let bottom = area.y + area.height;
    // The focused field is drawn last, so the cursor is in it.
    let mut focused = None;
    for piece in &pieces {
        let h = rows_of(piece, area.width).min(bottom.saturating_sub(y));
        if h == 0 {
            break;
        }
        let at = Rect::new(area.x, y, area.width, h);
        match piece {
            Piece::Words(s, style) => frame.render_widget(wrap::paragraph(s, at.width).style(*style), at),
            Piece::Rows(rows, style) => {
                let lines: Vec<Line> = rows
                    .iter()
                    .map(|r| Line::from(super::truncate(r, usize::from(at.width))))
                    .collect();
                frame.render_widget(Paragraph::new(lines).style(*style), at);
            }
            Piece::Code(code, style) => {
                let chars: Vec<char> = code.chars().collect();
                let lines: Vec<Line> = chars
                    .chunks(usize::from(at.width.max(1)))
                    .map(|c| Line::from(c.iter().collect::<String>()))
                    .collect();
                frame.render_widget(Paragraph::new(lines).style(*style), at);
            }
            Piece::Field {
                field,
                label,
                focused: has,
                ..
            } => {
                let style = if *has { theme.title() } else { theme.border() };
                let block = Block::new()
                    .borders(Borders::ALL)
                    .border_style(style)
                    .padding(Padding::horizontal(1))
                    .title(Span::styled(format!(" {label} "), theme.dim()));
                let inner = block.inner(at);
                frame.render_widget(block, at);
                if *has {
                    focused = Some((*field, inner));
                } else {
                    super::component::draw_field(frame, field, inner);
                }
            }
            Piece::Gap => {}
        }
        y += h;
    }
    if let Some((field, inner)) = focused {
        super::component::draw_field(frame, field, inner);
    }
}
