//! Moving between screens: pages in reading order, back, welcome and contents.

use super::editor::Editor;
use super::{Action, App, ContentsRow, Effect, Screen, WelcomeItem, moved, place_screen};

impl App {
    /// Goes to `to`, committing the exercise being left and recording the place.
    pub(super) fn go(&mut self, to: Screen, fx: &mut Vec<Effect>) {
        self.commit(fx);
        // Only moves between pages keep the way back to the review.
        if !matches!(to, Screen::Intro(_) | Screen::Exercise(..) | Screen::Closing) {
            self.from_review = false;
        }
        self.screen = to;
        self.scroll = 0;
        self.show_hint = false;
        self.editor = match to {
            Screen::Exercise(c, e) => {
                let ch = &self.workbook.chapters[c];
                let ex = &ch.exercises[e];
                Some(Editor::new(
                    ex,
                    self.answers.get(&ch.id, &ex.id).map(|a| &a.value),
                ))
            }
            _ => None,
        };
        if let Screen::Contents = to {
            self.focus_contents_on_place();
        }
        if matches!(to, Screen::Intro(_) | Screen::Exercise(..)) {
            self.resume = self.place();
            if !fx.contains(&Effect::Save) {
                fx.push(Effect::Save);
            }
        }
    }

    /// The page after the current one in reading order.
    fn next_screen(&self) -> Screen {
        let chapters = &self.workbook.chapters;
        match self.screen {
            Screen::Welcome | Screen::Contents | Screen::Review | Screen::Compare => Screen::Intro(0),
            Screen::Intro(c) => Screen::Exercise(c, 0),
            Screen::Exercise(c, e) if e + 1 < chapters[c].exercises.len() => Screen::Exercise(c, e + 1),
            Screen::Exercise(c, _) if c + 1 < chapters.len() => Screen::Intro(c + 1),
            Screen::Exercise(..) | Screen::Closing => Screen::Closing,
        }
    }

    /// The page before the current one in reading order.
    fn prev_screen(&self) -> Screen {
        let chapters = &self.workbook.chapters;
        match self.screen {
            Screen::Welcome | Screen::Contents | Screen::Review | Screen::Compare | Screen::Intro(0) => {
                Screen::Welcome
            }
            Screen::Intro(c) => Screen::Exercise(c - 1, chapters[c - 1].exercises.len() - 1),
            Screen::Exercise(c, 0) => Screen::Intro(c),
            Screen::Exercise(c, e) => Screen::Exercise(c, e - 1),
            Screen::Closing => {
                let c = chapters.len() - 1;
                Screen::Exercise(c, chapters[c].exercises.len() - 1)
            }
        }
    }

    pub(super) fn go_next(&mut self, fx: &mut Vec<Effect>) {
        let to = self.next_screen();
        if to != self.screen {
            self.go(to, fx);
        }
    }

    pub(super) fn go_prev(&mut self, fx: &mut Vec<Effect>) {
        let to = self.prev_screen();
        if to != self.screen {
            self.go(to, fx);
        }
    }

    /// Back one level: exercise/intro/closing -> contents -> welcome -> quit.
    pub(super) fn back(&mut self, fx: &mut Vec<Effect>) {
        match self.screen {
            Screen::Welcome => self.request_quit(fx),
            Screen::Intro(_) | Screen::Exercise(..) | Screen::Closing if self.from_review => {
                self.go(Screen::Review, fx);
                self.focus_review_on_place();
            }
            Screen::Contents | Screen::Review | Screen::Compare => self.go(Screen::Welcome, fx),
            _ => self.go(Screen::Contents, fx),
        }
    }

    pub(super) fn continue_at_place(&mut self, fx: &mut Vec<Effect>) {
        let to = self
            .resume
            .as_ref()
            .and_then(|p| place_screen(&self.workbook, p))
            .unwrap_or(Screen::Intro(0));
        self.go(to, fx);
    }

    pub(super) fn update_welcome(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let items = self.welcome_items();
        if let Some(to) = moved(self.welcome_cursor, &action, items.len()) {
            self.welcome_cursor = to;
            return;
        }
        match action {
            Action::Right if matches!(items.get(self.welcome_cursor), Some(WelcomeItem::Compare(_))) => {
                self.partner_pick = (self.partner_pick + 1) % self.partners.len();
            }
            Action::Select | Action::Toggle => match items.get(self.welcome_cursor) {
                Some(WelcomeItem::Continue) => self.continue_at_place(fx),
                Some(WelcomeItem::Start) => self.go(Screen::Intro(0), fx),
                Some(WelcomeItem::Contents) | None => self.go(Screen::Contents, fx),
                Some(WelcomeItem::Review) => self.update_screen(Action::Review, fx),
                Some(WelcomeItem::Compare(i)) => {
                    if let Some(name) = self.partners.get(*i) {
                        fx.push(Effect::LoadPartner(name.clone()));
                    }
                }
            },
            _ => {}
        }
    }

    /// Puts the review cursor on the exercise last worked on.
    pub(super) fn focus_review_on_place(&mut self) {
        if let Some(Screen::Exercise(c, e)) =
            self.resume.as_ref().and_then(|p| place_screen(&self.workbook, p))
        {
            self.review_cursor = self.review_rows().iter().position(|r| *r == (c, e)).unwrap_or(0);
        }
    }

    pub(super) fn update_review(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let rows = self.review_rows();
        if let Some(to) = moved(self.review_cursor, &action, rows.len()) {
            self.review_cursor = to;
            return;
        }
        if action == Action::Select
            && let Some(&(c, e)) = rows.get(self.review_cursor)
        {
            self.go(Screen::Exercise(c, e), fx);
            self.from_review = true;
        }
    }

    fn focus_contents_on_place(&mut self) {
        if let Some(p) = &self.resume
            && let Some(c) = self.workbook.chapters.iter().position(|c| c.id == p.chapter)
        {
            if p.exercise.is_some() {
                self.expanded[c] = true;
            }
            let target = match place_screen(&self.workbook, p) {
                Some(Screen::Exercise(c, e)) => ContentsRow::Exercise(c, e),
                _ => ContentsRow::Chapter(c),
            };
            self.contents_cursor = self
                .contents_rows()
                .iter()
                .position(|r| *r == target)
                .unwrap_or(0);
        }
    }

    pub(super) fn update_contents(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let rows = self.contents_rows();
        let row = rows
            .get(self.contents_cursor)
            .copied()
            .unwrap_or(ContentsRow::Closing);
        if let Some(to) = moved(self.contents_cursor, &action, rows.len()) {
            self.contents_cursor = to;
            return;
        }
        match action {
            Action::Right | Action::Toggle => match row {
                ContentsRow::Chapter(c) if action == Action::Toggle || !self.expanded[c] => {
                    self.expanded[c] = !self.expanded[c];
                }
                _ => {}
            },
            Action::Left => {
                let c = match row {
                    ContentsRow::Chapter(c) | ContentsRow::Exercise(c, _) => c,
                    ContentsRow::Closing => return,
                };
                self.expanded[c] = false;
                let rows = self.contents_rows();
                self.contents_cursor = rows
                    .iter()
                    .position(|r| *r == ContentsRow::Chapter(c))
                    .unwrap_or(0);
            }
            Action::Select => match row {
                ContentsRow::Chapter(c) => self.go(Screen::Intro(c), fx),
                ContentsRow::Exercise(c, e) => self.go(Screen::Exercise(c, e), fx),
                ContentsRow::Closing => self.go(Screen::Closing, fx),
            },
            _ => {}
        }
    }
}
