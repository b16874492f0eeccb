//! The sharing screen: what this profile's shares hold and leave out, every partner
//! with whether they see it (and, through a folder, the fingerprints to compare), and
//! the question asked before sharing or withdrawing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph, Wrap};

use super::{Theme, text, wrap};
use crate::app::keys::{self, Context};
use crate::app::{Action, App, Go, ScreenState, SharingAsk};
use crate::sharing::Reach;

/// Draws the sharing screen into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let ScreenState::Sharing { counts, .. } = app.state() else {
        return;
    };
    if let Some(step) = app.pairing() {
        super::pairing::draw(frame, app, step, theme, area);
        return;
    }
    let width = area.width;
    let (head, head_style) = match app.sharing_asking() {
        Some(SharingAsk::Share(name)) => {
            let yes = keys::label_of(Context::ConfirmShare, &Action::Go(Go::Share));
            let no = keys::label_of(Context::ConfirmShare, &Action::Go(Go::Back));
            (text::confirm_share(name, counts, yes, no), theme.warn())
        }
        Some(SharingAsk::Withdraw(name)) => {
            let yes = keys::label_of(Context::ConfirmWithdraw, &Action::Go(Go::Withdraw));
            let no = keys::label_of(Context::ConfirmWithdraw, &Action::Go(Go::Back));
            (text::confirm_withdraw(name, yes, no), theme.warn())
        }
        None => (text::sharing_heading(app.profile()), theme.title()),
    };
    // While asking, the question says the counts itself.
    let about = if app.sharing_asking().is_some() {
        String::new()
    } else {
        text::sharing_counts(counts)
    };
    let head_h = wrap::height(&head, width).min(area.height / 2).max(1);
    let about_h = if about.is_empty() {
        0
    } else {
        wrap::height(&about, width)
    };
    let [head_area, _, about_area, _, list_area] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Length(1),
        Constraint::Length(about_h),
        Constraint::Length(1),
        Constraint::Min(2),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(head, head_style)).wrap(Wrap { trim: true }),
        head_area,
    );
    frame.render_widget(Paragraph::new(about).wrap(Wrap { trim: true }), about_area);
    let Some(overview) = app.sharing_overview() else {
        frame.render_widget(
            Line::from(Span::styled(text::SHARING_READING, theme.dim())),
            list_area,
        );
        return;
    };
    if overview.partners.is_empty() {
        frame.render_widget(
            Paragraph::new(text::sharing_nobody(
                keys::label_of(Context::Sharing, &Action::Go(Go::MyCode)),
                keys::label_of(Context::Sharing, &Action::Go(Go::PartnerCode)),
            ))
            .wrap(Wrap { trim: true }),
            list_area,
        );
        return;
    }
    let room = usize::from(width).saturating_sub(4);
    let cut = |s: String| super::truncate(&s, room);
    let items: Vec<ListItem> = overview
        .partners
        .iter()
        .map(|p| {
            let mut lines = vec![Line::from(cut(text::sharing_sees(&p.name, p.sees)))];
            lines.push(Line::from(Span::styled(
                format!("  {}", cut(text::sharing_reach(&p.reach))),
                theme.dim(),
            )));
            if let Reach::Folder { mine, theirs, .. } = &p.reach {
                for l in text::sharing_fingerprints(&p.name, mine.as_deref(), theirs.as_deref()) {
                    lines.push(Line::from(Span::styled(format!("  {}", cut(l)), theme.dim())));
                }
            }
            lines.push(Line::raw(""));
            ListItem::new(lines)
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("› ");
    super::contents::draw_list(frame, app, list, list_area, app.sharing_cursor());
}
