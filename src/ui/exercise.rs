//! An exercise screen: title, prompt, optional hint, and the answer of its kind.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Borders, HighlightSpacing, List, ListItem, ListState, Padding, Paragraph, Wrap,
};

use super::{Theme, text, wrap};
use crate::answers::Value;
use crate::app::{App, Editor, ListEditor};
use crate::content::{Exercise, Kind};

/// Draws exercise `e` of chapter `c` into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, c: usize, e: usize) {
    let ch = &app.workbook().chapters[c];
    let ex = &ch.exercises[e];
    let answer = app.answers().get(&ch.id, &ex.id);
    let value = answer.map(|a| &a.value);
    let private = answer.is_some_and(|a| a.private);

    // The prompt and hint get what they need, but never more than half the screen.
    let prompt_h = wrap::height(&ex.prompt, area.width).min(area.height / 3).max(1);
    let hint = hint_text(ex);
    let hint_h = if app.hint_shown() {
        (wrap::height(&hint, area.width.saturating_sub(4)) + 2).min(area.height / 2)
    } else {
        0
    };
    let [title_area, prompt_area, hint_area, _, answer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(prompt_h),
        Constraint::Length(hint_h),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);

    // Room is kept for the marks after the title; a long title ends in an ellipsis.
    let title_room = usize::from(area.width).saturating_sub(if private { 12 } else { 2 });
    let mut title = vec![Span::styled(
        super::truncate(&ex.title, title_room),
        theme.title(),
    )];
    if private {
        title.push(Span::styled(format!("  {}", text::PRIVATE_MARK), theme.warn()));
    }
    if !app.hint_shown() && (ex.hint.is_some() || ex.example.is_some()) {
        title.push(Span::styled(format!("  ({})", text::HINT_AVAILABLE), theme.dim()));
    }
    frame.render_widget(Line::from(title), title_area);
    frame.render_widget(
        Paragraph::new(ex.prompt.trim()).wrap(Wrap { trim: true }),
        prompt_area,
    );
    if app.hint_shown() {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .padding(Padding::horizontal(1));
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme.dim())
                .wrap(Wrap { trim: true })
                .block(block),
            hint_area,
        );
    }

    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {} ", text::YOUR_ANSWER), theme.dim()));
    let inner = block.inner(answer_area);
    frame.render_widget(block, answer_area);
    match (app.editor(), &ex.kind) {
        (Some(Editor::Text(ta)), _) => {
            if ta.is_empty() {
                frame.render_widget(
                    Line::from(Span::styled(text::TEXT_PLACEHOLDER, theme.dim())),
                    inner,
                );
                frame.set_cursor_position((inner.x, inner.y));
            } else {
                frame.render_widget(ta, inner);
            }
        }
        (Some(Editor::List(l)), Kind::List { min, max }) => draw_list(frame, theme, inner, l, *min, *max),
        (
            Some(Editor::Choice { cursor, other, .. }),
            Kind::Choice {
                options,
                other: has_other,
            },
        ) => {
            draw_choice(
                frame,
                theme,
                inner,
                value,
                options,
                *has_other,
                *cursor,
                other.as_ref(),
            );
        }
        (Some(Editor::Checklist { cursor }), Kind::Checklist { options }) => {
            draw_checklist(frame, theme, inner, value, options, *cursor);
        }
        (
            Some(Editor::Scale { .. }),
            Kind::Scale {
                min,
                max,
                min_label,
                max_label,
            },
        ) => {
            let v = match value {
                Some(Value::Scale { value }) => Some(*value),
                _ => None,
            };
            draw_scale(frame, theme, inner, v, (*min, *max), (min_label, max_label));
        }
        _ => {}
    }
}

fn hint_text(ex: &Exercise) -> String {
    let mut parts = Vec::new();
    if let Some(h) = &ex.hint {
        parts.push(format!("{}: {}", text::HINT, h.trim()));
    }
    if let Some(x) = &ex.example {
        parts.push(format!("{}: {}", text::EXAMPLE, x.trim()));
    }
    if parts.is_empty() {
        parts.push(text::NO_HINT.to_string());
    }
    parts.join("\n\n")
}

/// A list of rows with a highlighted one, scrolled so it stays in view.
fn draw_rows(frame: &mut Frame, theme: &Theme, area: Rect, rows: Vec<ListItem>, cursor: Option<usize>) {
    // The marker column is kept even with nothing selected, so rows never shift.
    let list = List::new(rows)
        .highlight_style(theme.selected())
        .highlight_symbol("› ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(cursor);
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_list(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    l: &ListEditor,
    min: Option<u32>,
    max: Option<u32>,
) {
    let [rows_area, count_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let editing = l.editing.as_ref();
    let mut rows: Vec<ListItem> = l
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ListItem::new(format!("{}. {item}", i + 1)))
        .collect();
    let new_row = matches!(editing, Some((None, _)));
    if new_row {
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
        frame.render_widget(field, field_area);
    }
    frame.render_widget(
        Line::from(Span::styled(
            text::list_count(l.items.len(), min, max),
            theme.dim(),
        )),
        count_area,
    );
}

#[allow(clippy::too_many_arguments)]
fn draw_choice(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    value: Option<&Value>,
    options: &[String],
    has_other: bool,
    cursor: usize,
    field: Option<&ratatui_textarea::TextArea<'static>>,
) {
    let (chosen, other_text) = match value {
        Some(Value::Choice { option, other }) => (option.as_deref(), other.as_deref()),
        _ => (None, None),
    };
    let mark = |on: bool| if on { "(•) " } else { "( ) " };
    let width = usize::from(area.width).saturating_sub(2 + 4);
    let mut rows: Vec<ListItem> = options
        .iter()
        .map(|o| {
            option_item(
                mark(chosen == Some(o.as_str())),
                o,
                chosen == Some(o.as_str()),
                width,
                theme,
            )
        })
        .collect();
    let mut heights: Vec<usize> = options
        .iter()
        .map(|o| crate::present::wrap(o, width).len())
        .collect();
    if has_other {
        let on = other_text.is_some();
        let shown = if field.is_some() {
            ""
        } else {
            other_text.unwrap_or("")
        };
        let label = format!("{} {shown}", text::OTHER);
        heights.push(crate::present::wrap(&label, width).len());
        rows.push(option_item(mark(on), &label, on, width, theme));
    }
    let list = List::new(rows)
        .highlight_style(theme.selected())
        .highlight_symbol("› ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, area, &mut state);
    if let Some(field) = field {
        // The field sits on the "other" row, after the label, wherever the list scrolled it.
        let above: usize = heights.iter().take(cursor).skip(state.offset()).sum();
        let y = area.y + above as u16;
        if y < area.bottom() {
            let x = area.x + 2 + 4 + text::OTHER.chars().count() as u16 + 1;
            let rect = Rect {
                x,
                y,
                width: area.right().saturating_sub(x),
                height: 1,
            };
            frame.render_widget(field, rect);
        }
    }
}

/// One option of a choice or checklist: its mark, then its text wrapped under itself.
fn option_item<'a>(mark: &'a str, option: &str, on: bool, width: usize, theme: &Theme) -> ListItem<'a> {
    let style = if on { theme.chosen() } else { Style::default() };
    let lines: Vec<Line> = crate::present::wrap(option, width)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                Span::styled(mark, style)
            } else {
                Span::raw("    ")
            };
            Line::from(vec![lead, Span::styled(l, style)])
        })
        .collect();
    ListItem::new(Text::from(lines))
}

fn draw_checklist(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    value: Option<&Value>,
    options: &[String],
    cursor: usize,
) {
    let ticked: &[String] = match value {
        Some(Value::Checklist { ticked }) => ticked,
        _ => &[],
    };
    let width = usize::from(area.width).saturating_sub(2 + 4);
    let rows: Vec<ListItem> = options
        .iter()
        .map(|o| {
            let on = ticked.contains(o);
            option_item(if on { "[x] " } else { "[ ] " }, o, on, width, theme)
        })
        .collect();
    draw_rows(frame, theme, area, rows, Some(cursor));
}

fn draw_scale(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    value: Option<i64>,
    (min, max): (i64, i64),
    (lo, hi): (&str, &str),
) {
    let cells: Vec<String> = (min..=max).map(|n| n.to_string()).collect();
    let cell_w = cells.iter().map(String::len).max().unwrap_or(1) + 2;
    let width = usize::from(area.width);
    let mut lines = vec![Line::raw("")];
    let row_w = if cells.len() * cell_w <= width {
        let spans: Vec<Span> = (min..=max)
            .zip(&cells)
            .map(|(n, s)| {
                // Brackets as well as colour mark the value, so it shows without colour.
                if Some(n) == value {
                    Span::styled(format!("[{s:^w$}]", w = cell_w - 2), theme.chosen())
                } else {
                    Span::raw(format!(" {s:^w$} ", w = cell_w - 2))
                }
            })
            .collect();
        lines.push(Line::from(spans));
        cells.len() * cell_w
    } else {
        // Too many steps to number them all: a slider.
        let w = width.max(2);
        let pos = value.map(|v| ((v - min) as usize * (w - 1)) / (max - min) as usize);
        let bar: String = (0..w).map(|i| if Some(i) == pos { '●' } else { '─' }).collect();
        lines.push(Line::raw(bar));
        w
    };
    let lo = format!("{min}: {lo}");
    let hi = format!("{max}: {hi}");
    let (lo_w, hi_w) = (lo.chars().count(), hi.chars().count());
    if lo_w + hi_w + 2 <= row_w.max(width.min(row_w + 20)) {
        let gap = row_w.max(lo_w + hi_w + 2) - lo_w - hi_w;
        lines.push(Line::from(Span::styled(
            format!("{lo}{}{hi}", " ".repeat(gap)),
            theme.dim(),
        )));
    } else {
        lines.push(Line::from(Span::styled(lo, theme.dim())));
        lines.push(Line::from(Span::styled(hi, theme.dim())));
    }
    lines.push(Line::raw(""));
    let style = if value.is_some() {
        theme.chosen()
    } else {
        theme.dim()
    };
    lines.push(Line::from(Span::styled(text::scale_value(value, max), style)));
    frame.render_widget(Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }), area);
}
