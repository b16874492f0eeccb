//! A list answer: numbered items, the "add an item" row, the item being typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, HighlightSpacing, List, ListItem, ListState};

use super::field_rows;
use crate::app::ListAnswer;
use crate::app::field::field_text;
use crate::content::Kind;
use crate::ui::{Theme, text};

/// Columns of the selection mark before every row.
const MARK: u16 = 2;

/// One item: its number, then its text wrapped under itself.
fn item_lines(number: &str, item: &str, width: usize) -> Vec<Line<'static>> {
    let indent = " ".repeat(number.chars().count());
    crate::present::wrap(item, width.saturating_sub(indent.len()).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                number.to_string()
            } else {
                indent.clone()
            };
            Line::raw(format!("{lead}{l}"))
        })
        .collect()
}

/// Draws the items, the field being typed over its row, and the count line.
pub fn draw(frame: &mut Frame, theme: &Theme, area: Rect, l: &ListAnswer, kind: &Kind) {
    let Kind::List { min, max, .. } = kind else {
        return;
    };
    let (min, max) = (*min, *max);
    let [rows_area, count_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let editing = l.editing.as_ref();
    let width = usize::from(rows_area.width.saturating_sub(MARK));
    let cursor = match editing {
        Some((Some(i), _)) => *i,
        Some((None, _)) => l.items.len(),
        None => l.cursor,
    };
    let number = |i: usize| format!("{}. ", i + 1);
    // The field's place: after the number, to the right edge, as tall as its text wraps.
    let field_x = rows_area.x + MARK + number(cursor).len() as u16;
    let field_w = rows_area.right().saturating_sub(field_x);
    let field_h =
        editing.map(|(_, f)| field_rows(&field_text(f), field_w).min(usize::from(rows_area.height.max(1))));
    let mut heights = Vec::with_capacity(l.items.len() + 1);
    let mut rows: Vec<ListItem> = Vec::with_capacity(l.items.len() + 1);
    for (i, item) in l.items.iter().enumerate() {
        let lines = match field_h {
            // The row being edited is left blank: the field is drawn there.
            Some(h) if i == cursor => vec![Line::raw(""); h],
            Some(_) | None => item_lines(&number(i), item, width),
        };
        heights.push(lines.len());
        rows.push(ListItem::new(Text::from(lines)));
    }
    match (editing, field_h) {
        (Some((None, _)), Some(h)) => {
            heights.push(h);
            rows.push(ListItem::new(Text::from(vec![Line::raw(""); h])));
        }
        (Some((None, _)), None) | (Some((Some(_), _)), _) | (None, _) => {
            heights.push(1);
            rows.push(ListItem::new(Span::styled(text::ADD_ITEM, theme.dim())));
        }
    }
    // While typing, the field replaces the row, so the row itself is not highlighted;
    // it is still selected, so the list scrolls it into view.
    let style = if editing.is_some() {
        ratatui::style::Style::default()
    } else {
        theme.selected()
    };
    let list = List::new(rows)
        .highlight_style(style)
        .highlight_symbol("› ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, rows_area, &mut state);
    if let (Some((_, field)), Some(h)) = (editing, field_h) {
        let above: usize = heights.iter().take(cursor).skip(state.offset()).sum();
        let y = rows_area.y + above as u16;
        let h = (h as u16).min(rows_area.bottom().saturating_sub(y));
        if h > 0 {
            let row = Rect {
                x: rows_area.x,
                y,
                width: rows_area.width,
                height: h,
            };
            // Nothing of the row under the field may show through.
            frame.render_widget(Clear, row);
            frame.render_widget(
                Span::styled(number(cursor), theme.key()),
                Rect {
                    x: rows_area.x + MARK,
                    height: 1,
                    width: rows_area.width.saturating_sub(MARK),
                    ..row
                },
            );
            let field_area = Rect {
                x: field_x,
                y,
                width: field_w,
                height: h,
            };
            super::draw_field(frame, field, field_area);
        }
    }
    frame.render_widget(
        Line::from(Span::styled(
            text::list_count(l.items.len(), min, max),
            theme.dim(),
        )),
        count_area,
    );
}
