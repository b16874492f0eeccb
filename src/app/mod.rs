//! Application state and the one place it changes: [`App::update`].
//!
//! `App` knows nothing of the terminal. The edges turn events into
//! [`Action`]s with [`keys::action`], call `update`, and carry out the
//! [`Effect`]s it returns (saving, the external editor).

mod action;
mod editor;
mod exercise;
pub mod keys;
mod nav;

pub use action::{Action, Effect};
pub use editor::{Editor, ListEditor, field_text};

use serde::{Deserialize, Serialize};

use crate::answers::{Answers, now_utc};
use crate::content::Workbook;

/// Where the user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Title, welcome text, self-help note and the start menu.
    Welcome,
    /// Chapters with progress, expandable to exercises.
    Contents,
    /// A chapter's introduction (chapter index).
    Intro(usize),
    /// An exercise (chapter index, exercise index); the last of a chapter is its reflection.
    Exercise(usize, usize),
    /// The workbook's closing words.
    Closing,
    /// All answers, chapter by chapter, to read back.
    Review,
    /// My answers beside a partner's.
    Compare,
}

/// Undo bookkeeping for the external editor's replacement (see `App::editor_pair`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EditorPair {
    /// The last edit was ordinary.
    None,
    /// The last edit was the editor's replacement: undo both steps.
    Undo,
    /// The replacement was just undone: redo both steps.
    Redo,
}

/// A place to resume at, by ids so it survives content edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Chapter id.
    pub chapter: String,
    /// Exercise id; absent for the chapter introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
}

/// Whether the answers on screen are safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is saved (or nothing changed yet).
    Saved,
    /// The last save failed, with the reason.
    Failed(String),
}

/// A row of the contents screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentsRow {
    /// A chapter (index).
    Chapter(usize),
    /// An exercise (chapter, exercise).
    Exercise(usize, usize),
    /// The closing screen.
    Closing,
}

/// A choice on the welcome screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeItem {
    /// Continue at the saved place.
    Continue,
    /// Start at chapter 1.
    Start,
    /// Open the contents.
    Contents,
    /// Read all answers back.
    Review,
    /// Compare with a partner (by index into the partner list).
    Compare(usize),
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    workbook: Workbook,
    answers: Answers,
    screen: Screen,
    editor: Option<Editor>,
    /// Text typed since the last commit.
    text_dirty: bool,
    /// A save was asked for and has not reported back.
    save_pending: bool,
    /// The external editor's text replaced the answer in two undo steps (cut, insert):
    /// the next undo (or redo after it) takes both, so it acts as one.
    editor_pair: EditorPair,
    help: bool,
    show_hint: bool,
    welcome_cursor: usize,
    contents_cursor: usize,
    expanded: Vec<bool>,
    scroll: u16,
    save: SaveState,
    confirm_quit: bool,
    quit: bool,
    notice: Option<String>,
    size: (u16, u16),
    resume: Option<Place>,
    review_cursor: usize,
    /// The exercise was opened from the review, so Esc goes back there.
    from_review: bool,
    profile: String,
    partners: Vec<String>,
    /// Which partner the welcome menu's compare row names.
    partner_pick: usize,
    comparison: Option<crate::compare::Comparison>,
}

impl App {
    /// A new session on `workbook` with saved `answers` and the place to resume at.
    pub fn new(workbook: Workbook, answers: Answers, resume: Option<Place>) -> App {
        let expanded = vec![false; workbook.chapters.len()];
        let resume = resume.filter(|p| place_screen(&workbook, p).is_some());
        App {
            workbook,
            answers,
            screen: Screen::Welcome,
            editor: None,
            text_dirty: false,
            save_pending: false,
            editor_pair: EditorPair::None,
            help: false,
            show_hint: false,
            welcome_cursor: 0,
            contents_cursor: 0,
            expanded,
            scroll: 0,
            save: SaveState::Saved,
            confirm_quit: false,
            quit: false,
            notice: None,
            size: (80, 24),
            resume,
            review_cursor: 0,
            from_review: false,
            profile: "default".to_string(),
            partners: Vec::new(),
            partner_pick: 0,
            comparison: None,
        }
    }

    /// Names this person's profile (shown in the comparison).
    pub fn with_profile(mut self, name: &str) -> App {
        self.profile = name.to_string();
        self
    }

    /// A message to show at the first screen (e.g. that a bad answers file was moved aside).
    pub fn with_notice(mut self, notice: &str) -> App {
        self.notice = Some(notice.to_string());
        self
    }

    /// Partner profiles that can be compared with, offered on the welcome screen.
    pub fn with_partners(mut self, names: Vec<String>) -> App {
        self.partners = names;
        self
    }

    /// The profile's name.
    pub fn profile(&self) -> &str {
        &self.profile
    }
    /// Partner profiles on offer.
    pub fn partners(&self) -> &[String] {
        &self.partners
    }
    /// The comparison on screen, once loaded.
    pub fn comparison(&self) -> Option<&crate::compare::Comparison> {
        self.comparison.as_ref()
    }
    /// Selected exercise of the review screen, as an index into [`App::review_rows`].
    pub fn review_cursor(&self) -> usize {
        self.review_cursor
    }
    /// Every exercise in order, as (chapter, exercise), for the review screen.
    pub fn review_rows(&self) -> Vec<(usize, usize)> {
        let wb = &self.workbook;
        (0..wb.chapters.len())
            .flat_map(|c| (0..wb.chapters[c].exercises.len()).map(move |e| (c, e)))
            .collect()
    }

    /// The workbook being worked through.
    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }
    /// The answers as last committed (text being typed is committed on pause).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }
    /// The current screen.
    pub fn screen(&self) -> Screen {
        self.screen
    }
    /// The editing state of the exercise on screen.
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }
    /// Whether the help overlay is open.
    pub fn help_open(&self) -> bool {
        self.help
    }
    /// Whether hint and example are shown.
    pub fn hint_shown(&self) -> bool {
        self.show_hint
    }
    /// Selected row of the welcome menu.
    pub fn welcome_cursor(&self) -> usize {
        self.welcome_cursor
    }
    /// Selected row of the contents.
    pub fn contents_cursor(&self) -> usize {
        self.contents_cursor
    }
    /// Whether a chapter is expanded in the contents.
    pub fn is_expanded(&self, chapter: usize) -> bool {
        self.expanded.get(chapter).copied().unwrap_or(false)
    }
    /// Scroll offset of the page text, in lines.
    pub fn scroll(&self) -> u16 {
        self.scroll
    }
    /// Whether the answers are saved.
    pub fn save_state(&self) -> &SaveState {
        &self.save
    }
    /// True while something on screen is not yet on disk: text typed since the
    /// last pause, or a save under way.
    pub fn saving(&self) -> bool {
        self.text_dirty || self.save_pending
    }
    /// Whether the "quit without saving?" question is open.
    pub fn confirm_quit_open(&self) -> bool {
        self.confirm_quit
    }
    /// True once the app should exit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }
    /// A short message for the status line, e.g. after an editor failure.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }
    /// Terminal size as last reported.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }
    /// True while a text field has the keyboard.
    pub fn is_typing(&self) -> bool {
        !self.help && !self.confirm_quit && self.editor.as_ref().is_some_and(Editor::is_typing)
    }
    /// Where the user is now, to be saved for resuming.
    pub fn place(&self) -> Option<Place> {
        match self.screen {
            Screen::Intro(c) => Some(Place {
                chapter: self.workbook.chapters[c].id.clone(),
                exercise: None,
            }),
            Screen::Exercise(c, e) => {
                let ch = &self.workbook.chapters[c];
                Some(Place {
                    chapter: ch.id.clone(),
                    exercise: Some(ch.exercises[e].id.clone()),
                })
            }
            _ => self.resume.clone(),
        }
    }
    /// The place "Continue" leads to, if there is one.
    pub fn resume_place(&self) -> Option<&Place> {
        self.resume.as_ref()
    }
    /// Items of the welcome menu, in order.
    pub fn welcome_items(&self) -> Vec<WelcomeItem> {
        let mut items = Vec::with_capacity(3);
        if self.resume.is_some() || !self.answers.is_empty() {
            items.push(WelcomeItem::Continue);
        }
        items.push(WelcomeItem::Start);
        items.push(WelcomeItem::Contents);
        if !self.answers.is_empty() {
            items.push(WelcomeItem::Review);
        }
        // One row for comparing, whatever the number of partners (←/→ picks among
        // them), so the menu never pushes the safety note off a small screen.
        if !self.partners.is_empty() {
            items.push(WelcomeItem::Compare(
                self.partner_pick.min(self.partners.len() - 1),
            ));
        }
        items
    }
    /// Rows of the contents screen, following which chapters are expanded.
    pub fn contents_rows(&self) -> Vec<ContentsRow> {
        let mut rows = Vec::new();
        for (c, ch) in self.workbook.chapters.iter().enumerate() {
            rows.push(ContentsRow::Chapter(c));
            if self.is_expanded(c) {
                rows.extend((0..ch.exercises.len()).map(|e| ContentsRow::Exercise(c, e)));
            }
        }
        rows.push(ContentsRow::Closing);
        rows
    }

    /// Applies one action and returns the work the edges must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        if !matches!(
            action,
            Action::Resize(..) | Action::Commit | Action::Saved | Action::SaveFailed(_)
        ) {
            self.notice = None;
        }
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.scroll = self.scroll.min(crate::ui::max_scroll(self));
                if let Some(Editor::Text(ta)) = &mut self.editor {
                    editor::refit(ta);
                }
            }
            Action::Saved => {
                self.save = SaveState::Saved;
                self.save_pending = false;
                if self.confirm_quit {
                    // The question was asked only because saving had failed; a save that was
                    // already under way (a retry) has now worked, so quit as asked.
                    self.confirm_quit = false;
                    self.quit = true;
                }
            }
            Action::SaveFailed(reason) => {
                self.save = SaveState::Failed(reason);
                self.save_pending = false;
                if self.quit {
                    // The final save failed: do not leave silently, ask instead.
                    self.quit = false;
                    self.confirm_quit = true;
                }
            }
            Action::Commit => self.commit(&mut fx),
            Action::Quit => self.request_quit(&mut fx),
            Action::RetrySave => {
                self.confirm_quit = false;
                fx.push(Effect::Save);
            }
            Action::QuitWithFallback => {
                self.confirm_quit = false;
                self.quit = true;
                fx.push(Effect::WriteFallback);
            }
            _ if self.confirm_quit => {
                if action == Action::Back {
                    self.confirm_quit = false;
                }
            }
            Action::Help => self.help = !self.help,
            _ if self.help => {
                if action == Action::Back {
                    self.help = false;
                }
            }
            action => self.update_screen(action, &mut fx),
        }
        if fx.contains(&Effect::Save) {
            self.save_pending = true;
        }
        fx
    }

    fn request_quit(&mut self, fx: &mut Vec<Effect>) {
        self.commit(fx);
        if matches!(self.save, SaveState::Failed(_)) && !fx.contains(&Effect::Save) {
            self.confirm_quit = true;
            return;
        }
        // Save the place too, so the next start can continue here.
        if !fx.contains(&Effect::Save) {
            fx.push(Effect::Save);
        }
        self.quit = true;
    }

    /// Stores the text being typed into the answers, if it changed; fields stay open.
    fn commit(&mut self, fx: &mut Vec<Effect>) {
        if !self.text_dirty {
            return;
        }
        self.text_dirty = false;
        let (Screen::Exercise(c, e), Some(editor)) = (self.screen, &self.editor) else {
            return;
        };
        let ch = &self.workbook.chapters[c];
        let ex = &ch.exercises[e];
        let stored = self.answers.get(&ch.id, &ex.id).map(|a| &a.value);
        if let Some(value) = editor.pending_value(stored)
            && Some(&value) != stored
        {
            self.answers.set(&ch.id, &ex.id, value, now_utc());
            fx.push(Effect::Save);
        }
    }

    /// True where the mouse wheel should move the selection rather than scroll text:
    /// the contents, the review, and exercises answered by picking rows.
    fn wheel_moves_selection(&self) -> bool {
        match (self.screen, &self.editor) {
            (Screen::Contents | Screen::Review, _) => true,
            (Screen::Exercise(..), Some(ed)) => {
                !ed.is_typing()
                    && matches!(
                        ed,
                        Editor::List(_) | Editor::Choice { .. } | Editor::Checklist { .. }
                    )
            }
            _ => false,
        }
    }

    /// Scrolls the page text, never past its end at the current size.
    fn scroll_by(&mut self, lines: i32) {
        let max = i32::from(crate::ui::max_scroll(self));
        self.scroll = (i32::from(self.scroll) + lines).clamp(0, max) as u16;
    }

    fn update_screen(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Next => self.go_next(fx),
            Action::Prev => self.go_prev(fx),
            Action::Contents => self.go(Screen::Contents, fx),
            Action::Start => self.go(Screen::Intro(0), fx),
            Action::Continue => self.continue_at_place(fx),
            Action::Review => {
                self.go(Screen::Review, fx);
                self.focus_review_on_place();
            }
            Action::PartnerLoaded(Ok((name, answers))) => {
                let me = (self.profile.as_str(), &self.answers);
                self.comparison = Some(crate::compare::compare(&self.workbook, me, (&name, &answers)));
                self.go(Screen::Compare, fx);
            }
            Action::PartnerLoaded(Err(msg)) => self.notice = Some(msg),
            // Esc in a one-line field finishes the field, not the exercise.
            Action::Back
                if self
                    .editor
                    .as_ref()
                    .is_some_and(|e| e.is_typing() && e.is_single_line()) =>
            {
                if let Screen::Exercise(c, e) = self.screen {
                    self.update_exercise(c, e, Action::Back, fx);
                }
            }
            Action::Back => self.back(fx),
            // On lists of rows the wheel moves the selection, which scrolls the view.
            Action::ScrollUp | Action::ScrollDown if self.wheel_moves_selection() => {
                let step = if action == Action::ScrollUp {
                    Action::Up
                } else {
                    Action::Down
                };
                self.update_screen(step, fx);
            }
            Action::PageUp | Action::PageDown if !matches!(self.screen, Screen::Exercise(..)) => {
                let page = i32::from(crate::ui::page_rows(self).saturating_sub(1).max(1));
                if self.wheel_moves_selection() {
                    let step = if action == Action::PageUp {
                        Action::Up
                    } else {
                        Action::Down
                    };
                    for _ in 0..page / 3 {
                        self.update_screen(step.clone(), fx);
                    }
                } else {
                    self.scroll_by(if action == Action::PageUp { -page } else { page });
                }
            }
            Action::ScrollUp if !matches!(self.screen, Screen::Exercise(..)) => self.scroll_by(-3),
            Action::ScrollDown if !matches!(self.screen, Screen::Exercise(..)) => self.scroll_by(3),
            action => match self.screen {
                Screen::Welcome => self.update_welcome(action, fx),
                Screen::Contents => self.update_contents(action, fx),
                Screen::Intro(_) | Screen::Closing => {
                    if action == Action::Select && self.screen == Screen::Closing {
                        // Enter on the last page leads back to the start, where review and compare are.
                        self.go(Screen::Welcome, fx);
                    } else if action == Action::Select {
                        self.go_next(fx);
                    } else if action == Action::Up {
                        self.scroll_by(-1);
                    } else if action == Action::Down {
                        self.scroll_by(1);
                    }
                }
                Screen::Exercise(c, e) => self.update_exercise(c, e, action, fx),
                Screen::Review => self.update_review(action, fx),
                Screen::Compare => match action {
                    Action::Up => self.scroll_by(-1),
                    Action::Down => self.scroll_by(1),
                    Action::First => self.scroll = 0,
                    Action::Last => self.scroll_by(i32::from(u16::MAX)),
                    _ => {}
                },
            },
        }
    }
}

/// The cursor after a move (↑ ↓ Home End) among `len` rows, or `None` when
/// `action` is not a move. Every list of rows moves through this.
fn moved(cursor: usize, action: &Action, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => Some(cursor.saturating_sub(1)),
        Action::Down => Some((cursor + 1).min(last)),
        Action::First => Some(0),
        Action::Last => Some(last),
        _ => None,
    }
}

/// The screen a saved place points to, if the workbook still has it.
fn place_screen(wb: &Workbook, p: &Place) -> Option<Screen> {
    let c = wb.chapters.iter().position(|c| c.id == p.chapter)?;
    match &p.exercise {
        None => Some(Screen::Intro(c)),
        Some(e) => wb.find(&p.chapter, e).map(|(c, e)| Screen::Exercise(c, e)),
    }
}
