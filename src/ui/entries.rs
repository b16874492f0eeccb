//! The entries of a chapter's repeated part: the list (newest first, deleted ones
//! last) and the trends of its scales and ratings, as sparklines and as a table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph, Sparkline, SparklineBar};

use super::{Theme, text};
use crate::app::keys::{self, Context};
use crate::app::{Action, App, EntryRow, Go, Move, Viewport};
use crate::content::Chapter;
use crate::entry::{Column, Series, Trends};

/// Draws the entries screen of chapter `c` into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, c: usize) {
    let wb = app.workbook();
    let ch = &wb.chapters[c];
    if ch.repeat.is_none() {
        return;
    }
    let rows = app.entry_rows();
    let Some((trends, trend_view)) = app.trends() else {
        return;
    };
    let shown = &trends.series;
    // Each series: its name, a sparkline, and its values as text. The list gets its
    // rows when there is room, and never less than half of what is left.
    let trend_h = if shown.is_empty() {
        2
    } else {
        1 + 3 * shown.len() as u16
    };
    // The heading, with a blank row under it when it fits on one; a question about the
    // selected entry may wrap to several rows, and gets them all (up to half the screen).
    let head_text = super::wrap::fitted(vec![heading(app, theme, ch, &rows)], area.width);
    let head_h = u16::try_from(head_text.lines.len())
        .unwrap_or(u16::MAX)
        .clamp(2, (area.height / 2).max(2));
    let avail = area.height.saturating_sub(head_h);
    let lines: usize = rows.iter().map(|r| if r.deleted { 1 } else { 2 }).sum();
    let list_want = u16::try_from(lines).unwrap_or(u16::MAX).max(1) + 1;
    let list_h = if list_want + trend_h <= avail {
        list_want
    } else {
        avail.saturating_sub(trend_h).max(list_want.min(avail / 2))
    };
    let [head, list_area, trend_area] = super::stack::stack(
        area,
        [
            Constraint::Length(head_h),
            Constraint::Length(list_h),
            Constraint::Min(0),
        ],
    );
    frame.render_widget(Paragraph::new(head_text), head);
    if rows.is_empty() {
        let new = keys::label_of(Context::Entries, &Action::Go(Go::NewEntry));
        frame.render_widget(
            super::wrap::paragraph(&text::no_entries(new), list_area.width),
            list_area,
        );
    } else {
        draw_list(frame, app, theme, list_area, (c, &rows));
    }
    let live: Vec<&crate::entry::Entry> = app.shown().live_entries(&ch.id).collect();
    draw_trends(frame, theme, trend_area, (trends, &live), trend_view);
}

/// The line above the list: the question being asked about the selected entry, or the
/// part's title (with the day weeks start on, for a weekly part).
fn heading(app: &App, theme: &Theme, ch: &Chapter, rows: &[EntryRow]) -> Line<'static> {
    let Some(repeat) = &ch.repeat else {
        return Line::default();
    };
    if app.entries_confirming() {
        let label = rows
            .get(app.entries_cursor())
            .and_then(|r| app.shown().entry(&ch.id, &r.id))
            .map_or(String::new(), |e| e.label(repeat.rhythm));
        let line = if app.entries_confirming_share() {
            let yes = keys::label_of(Context::ConfirmShareEntry, &Action::Go(Go::ShareEntry));
            text::confirm_share_entry(&label, yes)
        } else {
            let yes = keys::label_of(Context::ConfirmDelete, &Action::Go(Go::DeleteEntry));
            text::confirm_delete(&label, yes)
        };
        Line::from(Span::styled(line, theme.warn()))
    } else {
        let week = (repeat.rhythm == crate::content::Rhythm::Weekly).then(|| {
            let key = keys::label_of(Context::Entries, &Action::Go(Go::WeekStart));
            (app.shown().week_start(app.now()), key)
        });
        Line::from(Span::styled(
            text::entries_heading(&repeat.title, week),
            theme.title(),
        ))
    }
}

/// The entries of chapter `c` (its `rows`, not empty), newest first: a live entry is two
/// lines (its dates and progress, then what it holds), a deleted one a line.
fn draw_list(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, (c, rows): (usize, &[EntryRow])) {
    let ch = &app.workbook().chapters[c];
    let Some(repeat) = &ch.repeat else {
        return;
    };
    let restore = keys::label_of(Context::Entries, &Action::Go(Go::RestoreEntry));
    // Only rows that can show are worked out in full (twenty years of weekly entries
    // would otherwise cost every frame).
    let offset = if let crate::app::ScreenState::Entries { list, .. } = app.state() {
        list.offset()
    } else {
        0
    };
    let h = usize::from(area.height);
    let cursor = app.entries_cursor();
    // The list shows from the first of these (the cursor above the view moves it up)
    // and at most h/2 two-line rows below the last (the cursor below moves it down).
    let near = offset.min(cursor)..=offset.max(cursor) + h / 2 + 1;
    let mut as_of = app.shown().as_of_each(&ch.id);
    let room = usize::from(area.width).saturating_sub(4);
    let items: Vec<ListItem> = rows
        .iter()
        .filter_map(|r| app.shown().entry(&ch.id, &r.id))
        .enumerate()
        .map(|(i, e)| {
            let mut parts = vec![e.label(repeat.rhythm)];
            if !e.is_live() {
                parts.push(text::deleted_entry(restore));
                return ListItem::new(Line::from(Span::styled(parts.join(" · "), theme.dim())));
            }
            if !near.contains(&i) {
                return ListItem::new(vec![Line::from(parts.remove(0)), Line::from("")]);
            }
            let ((done, total), summary) = app.entry_line_in(c, e, as_of.at(Some(e)));
            parts.push(text::done_of(done, total));
            if let Some(day) = e.edited.as_deref().and_then(crate::date::valid_day_of) {
                parts.push(text::edited_on(&day));
            }
            let summary = crate::present::clean_line(&summary);
            ListItem::new(vec![
                Line::from(parts.join(" · ")),
                Line::from(Span::styled(
                    format!("  {}", super::truncate(&summary, room)),
                    theme.dim(),
                )),
            ])
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("› ");
    super::contents::draw_list(frame, app, list, area, app.entries_cursor());
}

/// The trends: per series a name, a sparkline over the entries (a week with no check-in
/// is a gap) and the values as text, from the series the view is scrolled to.
fn draw_trends(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    (trends, live): (&Trends, &[&crate::entry::Entry]),
    view: &Viewport,
) {
    if area.height == 0 {
        return;
    }
    let shown = &trends.series;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    if shown.is_empty() {
        frame.render_widget(Line::from(Span::styled(text::TRENDS_NONE, theme.dim())), head);
        return;
    }
    frame.render_widget(Line::from(Span::styled(text::TRENDS, theme.title())), head);
    let width = usize::from(area.width);
    // Three lines a series; when not all fit, the last line says how many more there are
    // and which key shows them.
    let fit = usize::from(body.height) / 3;
    let fit = if fit < shown.len() {
        (usize::from(body.height.saturating_sub(1)) / 3).max(1)
    } else {
        fit
    };
    let max = shown.len().saturating_sub(fit);
    view.record(
        u16::try_from(fit).unwrap_or(u16::MAX),
        u16::try_from(max).unwrap_or(u16::MAX),
    );
    let from = usize::from(view.offset()).min(max);
    if fit < shown.len() {
        let (above, below) = (from, shown.len() - from - fit.min(shown.len() - from));
        let more = text::trends_more(
            above,
            below,
            keys::label_of(Context::Entries, &Move::PageDown.into()),
            keys::label_of(Context::Entries, &Move::PageUp.into()),
        );
        let at = Rect {
            y: body.bottom().saturating_sub(1),
            height: 1,
            ..body
        };
        frame.render_widget(
            Line::from(Span::styled(super::truncate(&more, width), theme.key())),
            at,
        );
    }
    // The latest columns that fit, one each: entries and the weeks missed between them.
    let columns = Columns {
        columns: trends.columns(width.saturating_sub(1).max(1)),
        live,
        days: &trends.days,
        latest_year: trends
            .days
            .last()
            .map(|d| crate::date::civil_from_days(*d)[..4].to_string()),
    };
    let mut y = body.y;
    for s in shown.iter().skip(from).take(fit) {
        let area = Rect {
            y,
            height: body.bottom().saturating_sub(y),
            ..body
        };
        draw_series(frame, theme, area, s, &columns);
        y += 3;
    }
}

/// The columns the trends show, with what their labels need.
struct Columns<'a> {
    /// Oldest first: entries and the weeks missed between them.
    columns: Vec<Column>,
    /// The entries not deleted, which `Column::Entry` indexes.
    live: &'a [&'a crate::entry::Entry],
    /// Each live entry's day.
    days: &'a [i64],
    /// The latest entry's year, left out of the days in it.
    latest_year: Option<String>,
}

impl Columns<'_> {
    /// A day as the values line names it: the year only where it is not the latest
    /// entry's.
    fn day_of(&self, d: i64) -> String {
        let day = crate::date::readable(d);
        match (&self.latest_year, day.rsplit_once(' ')) {
            (Some(y), Some((dm, year))) if year == y => dm.to_string(),
            _ => day,
        }
    }

    /// The series' value in column `c`, if that entry has one.
    fn value(&self, s: &Series, c: &Column) -> Option<i64> {
        match c {
            Column::Entry(i) => self.live.get(*i).and_then(|e| s.value_in(e)),
            Column::Missed(_) => None,
        }
    }

    /// The series' values as text, newest first, only as many as fill `width`.
    fn values_line(&self, s: &Series, width: usize) -> String {
        let mut values: Vec<String> = Vec::new();
        let mut used = 0;
        for c in self.columns.iter().rev() {
            if used > width {
                break;
            }
            let part = match (c, self.value(s, c)) {
                (Column::Missed(d), _) => text::no_check_in(&self.day_of(*d)),
                (Column::Entry(i), Some(v)) => format!(
                    "{}: {}",
                    self.day_of(self.days.get(*i).copied().unwrap_or_default()),
                    crate::content::with_unit(v, s.unit.as_deref())
                ),
                (Column::Entry(_), None) => continue,
            };
            used += part.len() + 3;
            values.push(part);
        }
        text::latest_first(&values.join(" · "))
    }
}

/// One series from the top of `area` (which reaches to the bottom of the trends): its
/// name, a sparkline over the columns (a week with no check-in is a gap), and the same
/// values as text for screen readers and without colour, when that third line is
/// inside `area`.
fn draw_series(frame: &mut Frame, theme: &Theme, area: Rect, s: &Series, columns: &Columns) {
    let width = usize::from(area.width);
    let line = |dy: u16| Rect {
        y: area.y + dy,
        height: 1,
        ..area
    };
    let name = crate::safe::quote_text(&s.name);
    frame.render_widget(
        Line::from(Span::styled(super::truncate(&name, width), Style::default())),
        line(0),
    );
    let bars: Vec<SparklineBar> = columns
        .columns
        .iter()
        .map(|c| SparklineBar::from(columns.value(s, c).map(|v| (v - s.min).max(0) as u64 + 1)))
        .collect();
    let spark = Sparkline::default()
        .data(bars)
        .max((s.max - s.min).max(1) as u64 + 1)
        .absent_value_symbol("·")
        .style(Style::default());
    frame.render_widget(spark, line(1));
    if area.y + 2 < area.bottom() {
        let values = columns.values_line(s, width);
        frame.render_widget(
            Line::from(Span::styled(super::truncate(&values, width), theme.dim())),
            line(2),
        );
    }
}
