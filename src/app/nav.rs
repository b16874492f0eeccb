//! Screens: moving between them (pages in reading order, back, welcome,
//! contents, review) and the keys each screen handles itself.

use super::component::{Component, Intent, moved};
use super::keys::Context;
use super::screen::{self, ContentsRow, Screen, ScreenState, WelcomeItem, place_screen};
use super::view::{ListView, Viewport};
use super::{Action, App, Edit, Effect, Go, Move};
use crate::comparison::Comparison;

impl App {
    /// Items of the welcome menu, in order.
    pub fn welcome_items(&self) -> Vec<WelcomeItem> {
        let pick = if let ScreenState::Welcome { partner, .. } = &self.state {
            *partner
        } else {
            0
        };
        let safety = self.workbook.safety.is_some();
        let due: Vec<usize> = self.due().into_iter().map(|(c, _)| c).collect();
        screen::welcome_items(
            &self.answers,
            self.resume.as_ref(),
            safety,
            self.partners.len(),
            pick,
            &due,
        )
    }
    /// Selected row of the welcome menu (0 on other screens).
    pub fn welcome_cursor(&self) -> usize {
        if let ScreenState::Welcome { cursor, .. } = &self.state {
            *cursor
        } else {
            0
        }
    }
    /// Rows of the contents screen (chapters only, off that screen).
    pub fn contents_rows(&self) -> Vec<ContentsRow> {
        let expanded: &[bool] = if let ScreenState::Contents { expanded, .. } = &self.state {
            expanded
        } else {
            &[]
        };
        screen::contents_rows(&self.workbook, expanded)
    }
    /// Selected row of the contents (0 on other screens).
    pub fn contents_cursor(&self) -> usize {
        if let ScreenState::Contents { cursor, .. } = &self.state {
            *cursor
        } else {
            0
        }
    }
    /// Whether a chapter shows its exercises in the contents.
    pub fn is_expanded(&self, chapter: usize) -> bool {
        if let ScreenState::Contents { expanded, .. } = &self.state {
            expanded.get(chapter).copied().unwrap_or(false)
        } else {
            false
        }
    }
    /// Every exercise in order, as (chapter, exercise), for the review screen.
    pub fn review_rows(&self) -> Vec<(usize, usize)> {
        screen::review_rows(&self.workbook)
    }
    /// Selected exercise of the review, as an index into [`App::review_rows`].
    pub fn review_cursor(&self) -> usize {
        if let ScreenState::Review { cursor, .. } = &self.state {
            *cursor
        } else {
            0
        }
    }
    /// The comparison on screen.
    pub fn comparison(&self) -> Option<&Comparison> {
        if let ScreenState::Compare { comparison, .. } = &self.state {
            Some(comparison)
        } else {
            None
        }
    }
    /// Scroll offset of the page text, in rows (0 where nothing scrolls).
    pub fn scroll(&self) -> u16 {
        self.state.viewport().map_or(0, Viewport::offset)
    }

    /// The state of screen `to`, fresh.
    pub(super) fn state_for(&self, to: Screen) -> ScreenState {
        match to {
            Screen::Name => ScreenState::name(),
            Screen::Protect => ScreenState::Protect {
                step: super::ProtectStep::Offer(None),
            },
            Screen::Welcome => ScreenState::welcome(),
            Screen::Contents => {
                let mut expanded = vec![false; self.workbook.chapters.len()];
                let cursor = self.contents_place(&mut expanded);
                ScreenState::Contents {
                    cursor,
                    expanded,
                    list: ListView::default(),
                }
            }
            Screen::Intro(chapter) => ScreenState::Intro {
                chapter,
                text: Viewport::default(),
            },
            Screen::Exercise(chapter, exercise) => ScreenState::Exercise {
                chapter,
                exercise,
                component: Box::new(Component::new(
                    &self.workbook,
                    &self.answers,
                    (chapter, exercise),
                    self.now,
                )),
            },
            Screen::Closing => ScreenState::Closing {
                text: Viewport::default(),
            },
            Screen::Review => ScreenState::Review {
                cursor: self.review_place(),
                list: ListView::default(),
                reading: None,
            },
            // Only a loaded partner opens the comparison (`Event::PartnerLoaded`).
            Screen::Compare => ScreenState::welcome(),
            Screen::Entries(chapter) => ScreenState::Entries {
                chapter,
                cursor: 0,
                list: ListView::default(),
                confirm_delete: false,
                confirm_share: false,
                shared_undo: None,
                trends: self.entries_trends(chapter),
                trend_view: Viewport::default(),
            },
            // The list comes from the edge (`Effect::ListSharing`); the counts are the
            // answers' own, worked out once here.
            Screen::Sharing => ScreenState::Sharing {
                cursor: 0,
                list: ListView::default(),
                overview: None,
                counts: crate::sharing::counts(&self.workbook, &self.answers),
                confirm: None,
                pairing: None,
            },
        }
    }

    /// Goes to screen `to`.
    pub(super) fn go_to(&mut self, to: Screen, fx: &mut Vec<Effect>) {
        if let Screen::Exercise(c, _) = to {
            self.ensure_entry_open(c);
        }
        let state = self.state_for(to);
        self.go(state, fx);
    }

    /// Goes to `state`, committing the exercise being left and recording the place.
    pub(super) fn go(&mut self, state: ScreenState, fx: &mut Vec<Effect>) {
        let to = state.screen();
        // On a first run the safety page comes before chapter 1.
        if to == Screen::Intro(0) && self.safety_first() {
            self.open_safety(true);
            return;
        }
        self.commit(fx);
        // Off the workbook's pages no entry stays open: the next visit opens the one due.
        if !matches!(to, Screen::Intro(_) | Screen::Exercise(..) | Screen::Closing) {
            self.close_entries();
        }
        // Only moves between pages keep the way back to the review.
        if !matches!(to, Screen::Intro(_) | Screen::Exercise(..) | Screen::Closing) {
            self.from_review = false;
            self.from_entries = None;
        }
        self.state = state;
        // Undo takes back changes on the screen in view only.
        self.history.clear();
        // The hint stays shown from exercise to exercise until turned off; each starts at its top.
        self.hint.view.to_top();
        if matches!(to, Screen::Intro(_) | Screen::Exercise(..)) {
            self.resume = self.state.place(&self.workbook);
            if !fx.contains(&Effect::Save) {
                fx.push(Effect::Save);
            }
        }
    }

    /// The page after the current one in reading order, passing over a `page` whose
    /// `when` does not hold (a crisis page shows only when its condition does).
    fn next_screen(&self) -> Screen {
        let mut to = self.step_after(self.screen());
        while self.passed_over(to) {
            to = self.step_after(to);
        }
        to
    }

    /// The page before the current one in reading order, passing over a `page` whose
    /// `when` does not hold.
    fn prev_screen(&self) -> Screen {
        let mut to = self.step_before(self.screen());
        while self.passed_over(to) {
            to = self.step_before(to);
        }
        to
    }

    /// True for a `page` whose `when` is decided and does not hold: reading on passes
    /// it by. Other kinds stay on the way, saying "Not needed", since they hold answers.
    fn passed_over(&self, to: Screen) -> bool {
        let Screen::Exercise(c, e) = to else {
            return false;
        };
        let ch = &self.workbook.chapters[c];
        let ex = &ch.exercises[e];
        !ex.takes_answer() && self.answers.not_needed(&ch.id, ex)
    }

    /// The page after `from` in reading order.
    fn step_after(&self, from: Screen) -> Screen {
        let chapters = &self.workbook.chapters;
        match from {
            // The question of a name is no page: it is left only by giving one.
            Screen::Name => Screen::Name,
            Screen::Protect => Screen::Protect,
            Screen::Welcome | Screen::Contents | Screen::Review | Screen::Compare | Screen::Sharing => {
                Screen::Intro(0)
            }
            Screen::Entries(c) => Screen::Intro(c),
            Screen::Intro(c) => Screen::Exercise(c, 0),
            Screen::Exercise(c, e) if e + 1 < chapters[c].exercises.len() => Screen::Exercise(c, e + 1),
            Screen::Exercise(c, _) if c + 1 < chapters.len() => Screen::Intro(c + 1),
            Screen::Exercise(..) | Screen::Closing => Screen::Closing,
        }
    }

    /// The page before `from` in reading order.
    fn step_before(&self, from: Screen) -> Screen {
        let chapters = &self.workbook.chapters;
        match from {
            Screen::Name => Screen::Name,
            Screen::Protect => Screen::Protect,
            Screen::Welcome
            | Screen::Contents
            | Screen::Review
            | Screen::Compare
            | Screen::Sharing
            | Screen::Intro(0) => Screen::Welcome,
            Screen::Entries(c) => Screen::Intro(c),
            Screen::Intro(c) => Screen::Exercise(c - 1, chapters[c - 1].exercises.len() - 1),
            Screen::Exercise(c, 0) => Screen::Intro(c),
            Screen::Exercise(c, e) => Screen::Exercise(c, e - 1),
            Screen::Closing => {
                let c = chapters.len() - 1;
                Screen::Exercise(c, chapters[c].exercises.len() - 1)
            }
        }
    }

    fn go_step(&mut self, to: Screen, fx: &mut Vec<Effect>) {
        if to != self.screen() {
            self.go_to(to, fx);
        }
    }

    /// Back one level: exercise/intro/closing -> contents -> welcome -> quit.
    fn back(&mut self, fx: &mut Vec<Effect>) {
        // Reading one answer: back to the list of them.
        if let ScreenState::Review { reading, .. } = &mut self.state
            && reading.take().is_some()
        {
            return;
        }
        match self.screen() {
            // Esc there keeps the name `default` (`name_key`) or says not now
            // (`protect_key`); it never gets here.
            Screen::Name | Screen::Protect => {}
            Screen::Welcome => self.request_quit(fx),
            Screen::Intro(_) | Screen::Exercise(..) | Screen::Closing if self.from_review => {
                self.go_to(Screen::Review, fx)
            }
            Screen::Intro(_) | Screen::Exercise(..) | Screen::Closing if let Some(c) = self.from_entries => {
                self.go_to(Screen::Entries(c), fx)
            }
            Screen::Contents | Screen::Review | Screen::Compare => self.go_to(Screen::Welcome, fx),
            Screen::Entries(_) if self.entries_confirming() => self.cancel_delete(),
            Screen::Sharing if self.sharing_cancel() => {}
            Screen::Sharing => self.go_to(Screen::Welcome, fx),
            Screen::Entries(_) => self.go_to(Screen::Contents, fx),
            Screen::Intro(_) | Screen::Exercise(..) | Screen::Closing => self.go_to(Screen::Contents, fx),
        }
    }

    fn continue_at_place(&mut self, fx: &mut Vec<Effect>) {
        let to = self
            .resume
            .as_ref()
            .and_then(|p| place_screen(&self.workbook, p))
            .unwrap_or(Screen::Intro(0));
        self.go_to(to, fx);
    }

    /// The review row of the exercise last worked on.
    fn review_place(&self) -> usize {
        match self.resume.as_ref().and_then(|p| place_screen(&self.workbook, p)) {
            Some(Screen::Exercise(c, e)) => self.review_rows().iter().position(|r| *r == (c, e)).unwrap_or(0),
            Some(_) | None => 0,
        }
    }

    /// The contents row of the place last worked on, expanding its chapter.
    fn contents_place(&self, expanded: &mut [bool]) -> usize {
        let Some(p) = &self.resume else { return 0 };
        let Some(c) = self.workbook.chapters.iter().position(|c| c.id == p.chapter) else {
            return 0;
        };
        if p.exercise.is_some() {
            expanded[c] = true;
        }
        let target = match place_screen(&self.workbook, p) {
            Some(Screen::Exercise(c, e)) => ContentsRow::Exercise(c, e),
            Some(_) | None => ContentsRow::Chapter(c),
        };
        screen::contents_rows(&self.workbook, expanded)
            .iter()
            .position(|r| *r == target)
            .unwrap_or(0)
    }

    /// A user's action on the screen itself (no overlay, no question open).
    pub(super) fn update_screen(&mut self, action: Action, fx: &mut Vec<Effect>) {
        if self.asking_for_name() {
            self.name_key(action, fx);
            return;
        }
        if self.pairing().is_some() {
            self.pairing_key(action, fx);
            return;
        }
        if self.screen() == Screen::Protect {
            self.protect_key(action, fx);
            return;
        }
        // The question which week a check-in is about takes only its own answers.
        if self.week_question.is_some() {
            match action {
                Action::Go(Go::LastWeek) => self.answer_week(true, fx),
                Action::Go(Go::ThisWeek | Go::Back) => self.answer_week(false, fx),
                Action::Go(_) | Action::Move(_) | Action::Edit(_) | Action::Event(_) | Action::Stroke(_) => {}
            }
            return;
        }
        match action {
            Action::Go(go) => self.on_go(go, fx),
            Action::Move(m) => self.on_move(m, fx),
            Action::Edit(edit) => {
                if let ScreenState::Exercise { .. } = self.state {
                    if matches!(edit, Edit::Undo | Edit::Redo) && self.undo_here(edit == Edit::Undo, fx) {
                        return;
                    }
                    if let Some(n) = self.too_long(&edit) {
                        self.notice = Some(n);
                        return;
                    }
                    self.exercise_key(Intent::Edit(edit), fx);
                }
            }
            // Events never reach here: `App::update` takes them first.
            Action::Event(_) | Action::Stroke(_) => {}
        }
    }

    /// The notice refusing `edit` when it would make the text being typed longer than
    /// an answer may be (the store refuses to read such a file back), else `None`.
    fn too_long(&self, edit: &Edit) -> Option<super::Notice> {
        use crate::store::limits::MAX_TEXT_BYTES;
        let now = self.component().and_then(Component::typed_len);
        let (from, bytes) = match edit {
            Edit::Paste(s) => (super::TooLongFrom::Paste, now? + s.len()),
            Edit::EditorDone(Ok(s)) => (super::TooLongFrom::Editor, s.len()),
            // A key adds at most a character (4 bytes) or a line break.
            Edit::Type(_) => (super::TooLongFrom::Typing, now? + 4),
            Edit::Digit(_)
            | Edit::Clear
            | Edit::AddItem
            | Edit::EditItem
            | Edit::DeleteItem
            | Edit::MoveItemUp
            | Edit::MoveItemDown
            | Edit::Undo
            | Edit::Redo
            | Edit::ExternalEditor
            | Edit::NotApplicable
            | Edit::EditorDone(Err(_)) => return None,
        };
        (bytes > MAX_TEXT_BYTES).then_some(super::Notice::TooLong { from, bytes })
    }

    fn on_go(&mut self, go: Go, fx: &mut Vec<Effect>) {
        match go {
            Go::Next => self.go_step(self.next_screen(), fx),
            Go::Prev => self.go_step(self.prev_screen(), fx),
            Go::Contents => self.go_to(Screen::Contents, fx),
            Go::Start => self.go_to(Screen::Intro(0), fx),
            Go::Continue => self.continue_at_place(fx),
            Go::Review => self.go_to(Screen::Review, fx),
            // Esc in a one-line field finishes the field, not the exercise.
            Go::Back
                if self
                    .component()
                    .is_some_and(|c| c.is_typing() && c.is_single_line()) =>
            {
                self.exercise_key(Intent::Done, fx);
            }
            Go::Back => self.back(fx),
            Go::ToggleHint => {
                if let ScreenState::Exercise { component, .. } = &mut self.state {
                    // A hint longer than its panel: F2 turns the page, and past the last one hides it.
                    if self.hint.shown && self.hint.view.offset() < self.hint.view.max() {
                        self.hint.view.page_by(1);
                    } else {
                        self.hint.shown = !self.hint.shown;
                        self.hint.view.to_top();
                        component.refit();
                    }
                }
            }
            Go::TogglePrivate => self.toggle_private(fx),
            Go::ToggleSkip => self.toggle_skip(fx),
            Go::Entries => self.open_entries(fx),
            Go::NewEntry => self.new_entry(fx),
            Go::DeleteEntry => self.delete_entry(fx),
            Go::RestoreEntry => self.restore_entry(fx),
            Go::ShareEntry => self.share_entry(fx),
            Go::Sharing => self.open_sharing(fx),
            Go::Share => self.sharing_share(fx),
            Go::Withdraw => self.sharing_withdraw(fx),
            Go::MyCode if self.screen() == Screen::Sharing => self.show_my_code(fx),
            Go::PartnerCode if self.screen() == Screen::Sharing => self.enter_partner_code(),
            // Only a pairing step takes these (`pairing_key`), and only on the sharing screen.
            Go::MyCode | Go::PartnerCode | Go::Pair => {}
            Go::LastWeek => self.answer_week(true, fx),
            Go::ThisWeek => self.answer_week(false, fx),
            Go::WeekStart => self.next_week_start(fx),
            // Handled by `App::update` whatever the screen.
            Go::Quit | Go::Help | Go::Safety | Go::RetrySave | Go::QuitWithFallback => {}
        }
    }

    fn toggle_private(&mut self, fx: &mut Vec<Effect>) {
        let ScreenState::Exercise {
            chapter, exercise, ..
        } = self.state
        else {
            return;
        };
        self.commit(fx);
        let ch = &self.workbook.chapters[chapter];
        let ex = &ch.exercises[exercise];
        // `p` acts on what is on screen: a partner's version of a shared list is theirs.
        if let Some((who, _)) = self.answers.shared_from(&ch.id, &ex.id) {
            self.notice = Some(super::Notice::PrivatePartnersList(who.to_string()));
            return;
        }
        let when = self.now.to_string();
        if self.workbook.is_v2() {
            // Format 2 can carry the mark on an exercise with no value yet (a scale):
            // marked now, the value picked later starts private.
            self.answers
                .ensure_entry(&ch.id, &ch.exercises[exercise], when.clone());
        }
        let mut now_private = None;
        let ex = ch.exercises[exercise].clone();
        let ch_id = ch.id.clone();
        self.recorded(super::Changed::Private(true), |app| {
            now_private = app.answers.toggle_private(&ch_id, &ex, when);
        });
        self.history
            .name_last(super::Changed::Private(now_private == Some(true)));
        self.notice = Some(match now_private {
            Some(true) => super::Notice::PrivateOn,
            Some(false) => super::Notice::PrivateOff,
            None => super::Notice::PrivateNeedsValue,
        });
        fx.push(Effect::Save);
    }

    fn toggle_skip(&mut self, fx: &mut Vec<Effect>) {
        let ScreenState::Exercise {
            chapter, exercise, ..
        } = self.state
        else {
            return;
        };
        if !self.workbook.is_v2() {
            return;
        }
        self.commit(fx);
        let ch = &self.workbook.chapters[chapter];
        let when = self.now.to_string();
        let mut skipped = false;
        let ex = ch.exercises[exercise].clone();
        let ch_id = ch.id.clone();
        self.recorded(super::Changed::Skip(true), |app| {
            skipped = app.answers.toggle_skipped(&ch_id, &ex, when);
        });
        self.history.name_last(super::Changed::Skip(skipped));
        self.notice = Some(if skipped {
            super::Notice::SkippedOn
        } else {
            super::Notice::SkippedOff
        });
        fx.push(Effect::Save);
    }

    /// Hands a key to the exercise's component and applies what it produced.
    fn exercise_key(&mut self, intent: Intent, fx: &mut Vec<Effect>) {
        let ScreenState::Exercise {
            chapter,
            exercise,
            component,
        } = &mut self.state
        else {
            return;
        };
        let (c, e) = (*chapter, *exercise);
        let (ch_id, ex_id) = self.workbook.ids(c, e);
        // The value as shown: a past week's ratings under the wording the list has now.
        let shown = self.shown.as_ref().unwrap_or(&self.answers);
        let stored = shown.get(ch_id, ex_id).map(|a| &a.value);
        let out = component.update(intent, stored);
        self.apply((c, e), out, fx);
    }

    fn on_move(&mut self, m: Move, fx: &mut Vec<Effect>) {
        // On lists of rows the wheel and the page keys move the selection, which
        // scrolls the view; elsewhere they scroll the text.
        let rows_screen = matches!(self.screen(), Screen::Contents | Screen::Review);
        let picking = self
            .component()
            .is_some_and(|c| !c.is_typing() && c.wheel_moves_selection());
        match m {
            Move::ScrollUp | Move::ScrollDown if rows_screen || picking => {
                let step = if m == Move::ScrollUp { Move::Up } else { Move::Down };
                return self.on_move(step, fx);
            }
            Move::Up
            | Move::Down
            | Move::Left
            | Move::Right
            | Move::First
            | Move::Last
            | Move::Select
            | Move::Toggle
            | Move::ScrollUp
            | Move::ScrollDown
            | Move::PageUp
            | Move::PageDown => {}
        }
        // Enter on a page (an exercise without an answer) reads on, as on an introduction.
        if m == Move::Select && self.component().is_some_and(|c| c.context() == Context::Page) {
            self.go_step(self.next_screen(), fx);
            return;
        }
        match &mut self.state {
            // Their keys go to `name_key` and `protect_key` (see `update_screen`).
            ScreenState::Name { .. } | ScreenState::Protect { .. } => {}
            ScreenState::Welcome { .. } => self.welcome_move(m, fx),
            ScreenState::Contents { .. } => self.contents_move(m, fx),
            ScreenState::Intro { text, .. }
            | ScreenState::Closing { text }
            | ScreenState::Compare { text, .. } => {
                if !text.on_move(m) && m == Move::Select {
                    self.page_select(fx);
                }
            }
            ScreenState::Exercise { .. } => self.exercise_key(Intent::Move(m), fx),
            ScreenState::Entries { .. } => self.entries_move(m, fx),
            ScreenState::Sharing { .. } => self.sharing_move(m, fx),
            ScreenState::Review {
                reading: Some(text),
                cursor,
                ..
            } => {
                if text.on_move(m) {
                    return;
                }
                let cursor = *cursor;
                if m == Move::Select {
                    self.edit_from_review(cursor, fx);
                } else if m == Move::Toggle
                    && let ScreenState::Review { reading, .. } = &mut self.state
                {
                    *reading = None;
                }
            }
            ScreenState::Review { cursor, reading, .. } => {
                if m == Move::Toggle {
                    *reading = Some(Viewport::default());
                } else if let Some(to) = moved(*cursor, m, screen::review_rows(&self.workbook).len()) {
                    *cursor = to;
                } else if m == Move::Select {
                    let cursor = *cursor;
                    self.edit_from_review(cursor, fx);
                }
            }
        }
    }

    /// Opens the exercise of review row `cursor` to edit its answer (the latest entry's,
    /// for a repeated one); Esc there comes back to the review.
    fn edit_from_review(&mut self, cursor: usize, fx: &mut Vec<Effect>) {
        if let Some(&(c, e)) = screen::review_rows(&self.workbook).get(cursor) {
            self.open_latest_entry(c, e);
            self.go_to(Screen::Exercise(c, e), fx);
            self.from_review = true;
        }
    }

    /// Enter on a reading page: on to the next page; the last page leads back to
    /// the start, where review and compare are.
    fn page_select(&mut self, fx: &mut Vec<Effect>) {
        match self.screen() {
            Screen::Closing => self.go_to(Screen::Welcome, fx),
            Screen::Intro(_) => self.go_step(self.next_screen(), fx),
            Screen::Name
            | Screen::Protect
            | Screen::Welcome
            | Screen::Contents
            | Screen::Exercise(..)
            | Screen::Review
            | Screen::Compare
            | Screen::Entries(_)
            | Screen::Sharing => {}
        }
    }

    fn welcome_move(&mut self, m: Move, fx: &mut Vec<Effect>) {
        let items = self.welcome_items();
        let partners = self.partners.len();
        let ScreenState::Welcome {
            cursor,
            partner,
            text,
        } = &mut self.state
        else {
            return;
        };
        if let Some(to) = moved(*cursor, m, items.len()) {
            *cursor = to;
            return;
        }
        let item = items.get(*cursor).copied();
        match m {
            Move::Left | Move::Right if matches!(item, Some(WelcomeItem::Compare(_))) => {
                *partner = (*partner + 1) % partners.max(1);
            }
            Move::ScrollUp => text.scroll_by(-3),
            Move::ScrollDown => text.scroll_by(3),
            Move::PageUp => text.page_by(-1),
            Move::PageDown => text.page_by(1),
            Move::Select | Move::Toggle => match item {
                Some(WelcomeItem::Continue) => self.continue_at_place(fx),
                Some(WelcomeItem::Start) => self.go_to(Screen::Intro(0), fx),
                Some(WelcomeItem::Safety) => {
                    let then_start = self.first_run();
                    self.open_safety(then_start);
                }
                Some(WelcomeItem::Contents) | None => self.go_to(Screen::Contents, fx),
                Some(WelcomeItem::Review) => self.go_to(Screen::Review, fx),
                Some(WelcomeItem::Due(c)) => self.start_due(c, true, fx),
                Some(WelcomeItem::Sharing) => self.open_sharing(fx),
                Some(WelcomeItem::Compare(i)) => {
                    if let Some(name) = self.partners.get(i) {
                        fx.push(Effect::LoadPartner(name.clone()));
                    }
                }
            },
            Move::Left | Move::Right | Move::Up | Move::Down | Move::First | Move::Last => {}
        }
    }

    fn contents_move(&mut self, m: Move, fx: &mut Vec<Effect>) {
        let wb = &self.workbook;
        let ScreenState::Contents { cursor, expanded, .. } = &mut self.state else {
            return;
        };
        let rows = screen::contents_rows(wb, expanded);
        let row = rows.get(*cursor).copied().unwrap_or(ContentsRow::Closing);
        if let Some(to) = moved(*cursor, m, rows.len()) {
            *cursor = to;
            return;
        }
        match (m, row) {
            (Move::Toggle, ContentsRow::Chapter(c)) => expanded[c] = !expanded[c],
            (Move::Right, ContentsRow::Chapter(c)) => expanded[c] = true,
            (Move::Left, ContentsRow::Chapter(c) | ContentsRow::Exercise(c, _)) => {
                expanded[c] = false;
                *cursor = screen::contents_rows(wb, expanded)
                    .iter()
                    .position(|r| *r == ContentsRow::Chapter(c))
                    .unwrap_or(0);
            }
            (Move::Select, ContentsRow::Chapter(c)) => self.go_to(Screen::Intro(c), fx),
            (Move::Select, ContentsRow::Exercise(c, e)) => self.go_to(Screen::Exercise(c, e), fx),
            (Move::Select, ContentsRow::Closing) => self.go_to(Screen::Closing, fx),
            (Move::Toggle | Move::Right, ContentsRow::Exercise(..) | ContentsRow::Closing)
            | (Move::Left, ContentsRow::Closing)
            | (
                Move::Up
                | Move::Down
                | Move::First
                | Move::Last
                | Move::ScrollUp
                | Move::ScrollDown
                | Move::PageUp
                | Move::PageDown,
                _,
            ) => {}
        }
    }
}
