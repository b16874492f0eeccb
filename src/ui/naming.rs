//! A first run's question of a name: what it is for, the field, and why a name
//! given cannot be used.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding};

use super::{Theme, text, wrap};
use crate::app::{App, Context, Go, Move, ScreenState, keys};

/// Draws the question into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let ScreenState::Name { field, problem } = app.state() else {
        return;
    };
    // A readable measure on wide terminals, as on the reading pages.
    let area = Rect {
        width: area.width.min(76),
        ..area
    };
    let why = text::NAME_WHY;
    let enter = keys::label_of(Context::Name, &Move::Select.into());
    let esc = keys::label_of(Context::Name, &Go::Back.into());
    let rule = text::name_rule(enter, esc);
    let problem = problem.as_ref().map(text::name_problem).unwrap_or_default();
    let rows = |s: &str| wrap::height(s, area.width);
    let [_, title, _, body, _, input, rule_area, _, problem_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(rows(why)),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(rows(&rule)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Line::from(Span::styled(text::NAME_TITLE, theme.title())), title);
    frame.render_widget(wrap::paragraph(why, body.width), body);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {} ", text::NAME_LABEL), theme.dim()));
    let inner = block.inner(input);
    frame.render_widget(block, input);
    super::component::draw_field(frame, field, inner);
    frame.render_widget(
        wrap::paragraph(&rule, rule_area.width).style(theme.dim()),
        rule_area,
    );
    frame.render_widget(
        wrap::paragraph(&problem, problem_area.width).style(theme.warn()),
        problem_area,
    );
}
