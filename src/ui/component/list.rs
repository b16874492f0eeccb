//! A list answer: numbered items, the "add an item" row, the item being typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::draw_rows;
use crate::app::ListAnswer;
use crate::content::Kind;
use crate::ui::{Theme, text};

/// Draws the items, the field being typed over its row, and the count line.
pub fn draw(frame: &mut Frame, theme: &Theme, area: Rect, l: &ListAnswer, kind: &Kind) {
    let (min, max) = match kind {
        Kind::List { min, max } => (*min, *max),
        Kind::Text | Kind::Choice { .. } | Kind::Checklist { .. } | Kind::Scale { .. } | Kind::Page => {
            (None, None)
        }
    };
    let [rows_area, count_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let editing = l.editing.as_ref();
    let mut rows: Vec<ListItem> = l
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ListItem::new(format!("{}. {item}", i + 1)))
        .collect();
    if matches!(editing, Some((None, _))) {
        rows.push(ListItem::new(format!("{}. ", l.items.len() + 1)));
    } else {
        rows.push(ListItem::new(Span::styled(text::ADD_ITEM, theme.dim())));
    }
    let cursor = match editing {
        Some((Some(i), _)) => *i,
        Some((None, _)) => l.items.len(),
        None => l.cursor,
    };
    // While typing, the field replaces the row, so the row itself is not highlighted.
    let highlight = if editing.is_some() { None } else { Some(cursor) };
    let visible = usize::from(rows_area.height.max(1));
    let offset = cursor.saturating_sub(visible - 1);
    draw_rows(
        frame,
        theme,
        rows_area,
        rows.into_iter().skip(offset).collect(),
        highlight.map(|c| c - offset),
    );
    if let Some((_, field)) = editing {
        let y = rows_area.y + (cursor - offset) as u16;
        let prefix = format!("{}. ", cursor + 1);
        let x = rows_area.x + 2 + prefix.len() as u16;
        frame.render_widget(
            Span::styled(prefix, theme.key()),
            Rect {
                x: rows_area.x + 2,
                y,
                height: 1,
                width: rows_area.width.saturating_sub(2),
            },
        );
        let field_area = Rect {
            x,
            y,
            width: rows_area.width.saturating_sub(x - rows_area.x),
            height: 1,
        };
        super::draw_field(frame, field, field_area);
    }
    frame.render_widget(
        Line::from(Span::styled(
            text::list_count(l.items.len(), min, max),
            theme.dim(),
        )),
        count_area,
    );
}
