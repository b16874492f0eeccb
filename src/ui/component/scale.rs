//! A scale: numbered cells (or a slider when there are too many), its end
//! labels, and the value picked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::answers::Value;
use crate::app::scale_value;
use crate::content::{Kind, ScaleView};
use crate::ui::{Theme, text};

/// Draws the scale with the stored value marked, or the value the arrows point at
/// (`proposed`, not picked yet) marked differently.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    kind: &Kind,
    value: Option<&Value>,
    proposed: Option<i64>,
) {
    let Some(ScaleView {
        min,
        max,
        min_label,
        max_label,
        step,
        unit,
    }) = kind.as_scale()
    else {
        return;
    };
    let picked = scale_value(value, min, max);
    // A stored value the scale no longer has is shown, to be picked again.
    let off_scale = match value {
        Some(Value::Scale { value }) if picked.is_none() => Some(*value),
        Some(_) | None => None,
    };
    // The validator keeps `step` positive; `max(1)` keeps a hand-built Kind from stalling.
    let step = usize::try_from(step).unwrap_or(1).max(1);
    let values: Vec<i64> = (min..=max).step_by(step).collect();
    let cells: Vec<String> = values.iter().map(|n| n.to_string()).collect();
    let cell_w = cells.iter().map(String::len).max().unwrap_or(1) + 2;
    let width = usize::from(area.width);
    let mut lines = vec![Line::raw("")];
    let row_w = if cells.len() * cell_w <= width {
        let spans: Vec<Span> = values
            .iter()
            .zip(&cells)
            .map(|(n, s)| {
                // Brackets as well as colour mark the value, so it shows without colour.
                if Some(*n) == picked {
                    Span::styled(format!("[{s:^w$}]", w = cell_w - 2), theme.chosen())
                } else if picked.is_none() && Some(*n) == proposed {
                    Span::styled(format!("<{s:^w$}>", w = cell_w - 2), theme.key())
                } else {
                    Span::raw(format!(" {s:^w$} ", w = cell_w - 2))
                }
            })
            .collect();
        lines.push(Line::from(spans));
        cells.len() * cell_w
    } else {
        // Too many steps to number them all: a slider. Widths are computed in i128
        // so no stored value can overflow them.
        let w = width.max(2);
        let pos = picked.or(proposed).map(|v| {
            let span = i128::from(max) - i128::from(min);
            ((i128::from(v) - i128::from(min)) * (w as i128 - 1) / span.max(1)) as usize
        });
        let bar: String = (0..w).map(|i| if Some(i) == pos { '●' } else { '─' }).collect();
        lines.push(Line::raw(bar));
        w
    };
    let lo = format!("{min}: {min_label}");
    let hi = format!("{max}: {max_label}");
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
    let style = if picked.is_some() {
        theme.chosen()
    } else {
        theme.dim()
    };
    let status = match (off_scale, picked, proposed) {
        (Some(v), _, _) => text::scale_off(v, min, max),
        (None, None, Some(p)) => text::scale_proposed(&crate::content::with_unit(p, unit)),
        (None, _, _) => text::scale_value(picked, max, unit),
    };
    lines.push(Line::from(Span::styled(status, style)));
    frame.render_widget(Paragraph::new(crate::ui::wrap::fitted(lines, area.width)), area);
}
