//! An exercise screen: title, prompt, optional hint, and the answer of its kind.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::{Theme, text, wrap};
use crate::app::{App, Go, keys};
use crate::content::Exercise;
use crate::present::words;

/// Draws exercise `e` of chapter `c` into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, c: usize, e: usize) {
    let ch = &app.workbook().chapters[c];
    let ex = &ch.exercises[e];
    let answer = app.shown().get(&ch.id, &ex.id);
    let value = answer.map(|a| &a.value);
    // An exercise that starts private shows so before anything is written.
    // Ratings of a private list's items are private with it (`items_from`).
    let private = answer.map_or(ex.private, |a| a.private) || app.shown().private_source(&ex.kind);
    let skipped = answer.is_some_and(|a| a.skipped);

    if !ex.takes_answer() && ex.kind.as_score().is_none() {
        // Reading on passes a page whose `when` does not hold; opened from the
        // contents it still shows, saying so.
        let note = shown_lines(app, c, ex, usize::from(area.width), usize::from(area.height / 4));
        draw_page(frame, theme, area, ex, &note);
        return;
    }
    // The prompt gets what it needs up to a third of the screen; the hint what is
    // left after the answer box keeps room for a few lines (it pages with F2).
    let prompt = wrap::lines(ex.prompt.trim(), area.width);
    let prompt_h = u16::try_from(prompt.len())
        .unwrap_or(u16::MAX)
        .min(area.height / 3)
        .max(1);
    // Wrapped only while shown: a hidden hint costs nothing per frame.
    let (hint, hint_h) = if app.hint_shown() {
        let hint: Vec<String> = hint_text(ex)
            .split('\n')
            .flat_map(|p| crate::present::wrap(p, usize::from(area.width.saturating_sub(4))))
            .collect();
        let room = area.height.saturating_sub(1 + prompt_h + 1 + ANSWER_MIN).max(3);
        let hint_h = (u16::try_from(hint.len()).unwrap_or(u16::MAX) + 2).min(room);
        (hint, hint_h)
    } else {
        (Vec::new(), 0)
    };
    let shown_max = area.height / 4;
    let shown = shown_lines(
        app,
        c,
        ex,
        usize::from(area.width).saturating_sub(2),
        shown_max.into(),
    );
    let shown_h = (shown.len() as u16).min(shown_max);
    let [title_area, shown_area, prompt_area, hint_area, _, answer_area] = super::stack::stack(
        area,
        [
            Constraint::Length(1),
            Constraint::Length(shown_h),
            Constraint::Length(prompt_h),
            Constraint::Length(hint_h),
            Constraint::Length(1),
            Constraint::Min(ANSWER_MIN.min(3)),
        ],
    );

    // Room is kept for the marks after the title; a long title ends in an ellipsis.
    let marks = 2 + if private { 10 } else { 0 } + if skipped { 11 } else { 0 };
    let title_room = usize::from(area.width).saturating_sub(marks);
    let mut title = vec![Span::styled(
        super::truncate(&ex.title, title_room),
        theme.title(),
    )];
    if private {
        title.push(Span::styled(format!("  {}", text::PRIVATE_MARK), theme.warn()));
    }
    if skipped {
        title.push(Span::styled(format!("  {}", text::SKIPPED_MARK), theme.warn()));
    }
    if !app.hint_shown() && (ex.hint.is_some() || ex.example.is_some()) {
        let key = keys::label_of(keys::context_below_help(app), &Go::ToggleHint.into());
        title.push(Span::styled(
            format!("  ({})", text::hint_available(key)),
            theme.dim(),
        ));
    }
    wrap::put_line(frame.buffer_mut(), title_area, &Line::from(title));
    if shown_h > 0 {
        let lines: Vec<Line> = shown
            .into_iter()
            .map(|(head, l)| {
                let style = if head { theme.title() } else { theme.dim() };
                Line::from(Span::styled(l, style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), shown_area);
    }
    // Drawn from the rows it was measured with: one wrap a frame, not two.
    frame.render_widget(wrap::Rows::new(prompt), prompt_area);
    if app.hint_shown() {
        draw_hint(frame, app, theme, hint_area, &hint);
    }

    let title = Span::styled(
        format!(
            " {} ",
            if ex.kind.as_score().is_some() {
                text::YOUR_SCORE
            } else {
                text::YOUR_ANSWER
            }
        ),
        theme.dim(),
    );
    let block = super::boxed::Boxed::new(title, theme.border()).padding(Padding::horizontal(1));
    let inner = block.inner(answer_area);
    frame.render_widget(block, answer_area);
    if let Some(component) = app.component() {
        super::component::draw(frame, theme, inner, component, &ex.kind, value);
    }
}

/// Rows the answer box keeps however long the hint: its frame and three lines.
const ANSWER_MIN: u16 = 5;

/// The hint panel: the rows that fit from where it is scrolled, with a marker on its
/// frame when more is below (F2 turns the page) or above.
fn draw_hint(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, lines: &[String]) {
    let rows = area.height.saturating_sub(2);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let view = app.hint_view();
    view.record(rows, total.saturating_sub(rows));
    let top = view.offset();
    let key = keys::label_of(keys::context_below_help(app), &Go::ToggleHint.into());
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .padding(Padding::horizontal(1));
    if top + rows < total {
        block =
            block.title_bottom(Line::from(Span::styled(text::more_below(key), theme.key())).right_aligned());
    }
    if top > 0 {
        block =
            block.title_top(Line::from(Span::styled(text::hint_more_above(), theme.key())).right_aligned());
    }
    let shown: Vec<Line> = lines
        .iter()
        .skip(usize::from(top))
        .take(usize::from(rows))
        .map(|l| Line::raw(l.clone()))
        .collect();
    frame.render_widget(Paragraph::new(shown).style(theme.dim()).block(block), area);
}

/// A page inside a chapter: its title, what it says of its entry or its `when`
/// (`note`, dimmed, at most a quarter of the area), and its text; nothing to answer.
fn draw_page(frame: &mut Frame, theme: &Theme, area: Rect, ex: &Exercise, note: &[(bool, String)]) {
    let note_h = u16::try_from(note.len()).unwrap_or(u16::MAX).min(area.height / 4);
    let [title_area, note_area, _, text_area] = super::stack::stack(
        area,
        [
            Constraint::Length(1),
            Constraint::Length(note_h),
            Constraint::Length(1),
            Constraint::Min(1),
        ],
    );
    frame.render_widget(
        Line::from(Span::styled(
            super::truncate(&ex.title, usize::from(area.width)),
            theme.title(),
        )),
        title_area,
    );
    let note: Vec<Line> = note.iter().map(|(_, l)| Line::raw(l.clone())).collect();
    frame.render_widget(Paragraph::new(note).style(theme.dim()), note_area);
    frame.render_widget(wrap::paragraph(ex.prompt.trim(), text_area.width), text_area);
}

/// The earlier answers an exercise shows (`show`), read-only: per exercise its title
/// (flagged `true`), then its answer indented, as the review words it. Only the
/// first `max` lines can be shown, so an answer is wrapped no further than that.
fn shown_lines(app: &App, c: usize, ex: &Exercise, width: usize, max: usize) -> Vec<(bool, String)> {
    let ch = &app.workbook().chapters[c];
    let mut out = Vec::new();
    if let (Some(repeat), Some(open)) = (&ch.repeat, app.open_entry(c))
        && ch.is_repeated(&ex.id)
    {
        let entry = crate::entry::Entry::new(open.id.clone(), open.started.clone());
        let line = text::entry_open(
            &crate::present::clean_line(&repeat.title),
            &entry.label(repeat.rhythm),
            open.old,
        );
        out.extend(crate::present::wrap(&line, width).into_iter().map(|l| (true, l)));
        // The previous entry's answer, offered: it is shown, never copied in unasked.
        let unanswered = app.shown().get(&ch.id, &ex.id).is_none();
        let before = app
            .shown()
            .live_entries(&ch.id)
            .filter(|e| e.id < open.id)
            .last()
            .and_then(|e| e.answers.get(&ex.id))
            .filter(|a| !a.skipped && !crate::answers::value_is_empty(&a.value));
        if unanswered
            && repeat.suggest_previous.contains(&ex.id)
            && let Some(a) = before
        {
            out.push((true, text::LAST_TIME.to_string()));
            let lines = crate::present::first_plain_lines(
                &crate::present::pieces(Some(&ex.kind), &a.value),
                Some(width),
                max,
            );
            out.extend(lines.into_iter().map(|l| (false, format!("  {l}"))));
        }
    }
    if let Some((who, theirs)) = app.shown().shared_from(&ch.id, &ex.id) {
        // `changed` is the partner file's text: only a real day of it is shown.
        let day = crate::date::valid_day_of(&theirs.changed).unwrap_or_default();
        let line = text::shared_from(&crate::present::clean_line(who), &day);
        out.extend(crate::present::wrap(&line, width).into_iter().map(|l| (true, l)));
    } else if ex.kind.as_list().is_some_and(|l| l.shared)
        && !app.partners().is_empty()
        && let Some((None, when)) = app.shown().shared_changed(&ch.id, &ex.id)
    {
        // The couple's one list: who changed it last, this person too.
        let day = crate::date::valid_day_of(when).unwrap_or_default();
        let line = text::shared_by_me(&day);
        out.extend(crate::present::wrap(&line, width).into_iter().map(|l| (true, l)));
    }
    if app.shown().not_needed(&ch.id, ex)
        && let Some(w) = &ex.when
    {
        let title = ch
            .exercises
            .iter()
            .find(|e| e.id == w.exercise)
            .map_or("", |e| e.title.as_str());
        for l in crate::present::wrap(
            &words::not_needed_because(&crate::present::clean_line(title)),
            width,
        ) {
            out.push((true, l));
        }
    }
    for id in &ex.show {
        let Some(other) = ch.exercises.iter().find(|e| e.id == *id) else {
            continue;
        };
        out.push((true, format!("{}:", crate::present::clean_line(&other.title))));
        let answer = app.shown().get(&ch.id, id);
        let body = match answer {
            Some(a) if a.skipped => vec![words::SKIPPED.to_string()],
            Some(a) if !crate::answers::value_is_empty(&a.value) => crate::present::first_plain_lines(
                &crate::present::pieces(Some(&app.shown().resolved_kind(&other.kind)), &a.value),
                Some(width),
                max,
            ),
            Some(_) | None => vec![words::NOT_ANSWERED.to_string()],
        };
        out.extend(body.into_iter().map(|l| (false, format!("  {l}"))));
    }
    out
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
