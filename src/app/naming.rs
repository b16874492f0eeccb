//! A first run's question, before anything is saved: what name the answers go under.
//! The name is checked here; whether it is free is for the edge that opens it
//! ([`Effect::OpenProfile`]), which answers with [`super::Event::ProfileOpened`].

use super::component::field::edit_line;
use super::screen::{NameProblem, Screen, ScreenState};
use super::{Action, App, Edit, Effect, Go, Move};
use crate::editor::{Input, Key};
use crate::store::{DEFAULT_PROFILE, NameRefused, validate_profile};

impl App {
    /// Starts on the question of a name (a first run without `--profile`): no profile is
    /// open until one is given, so nothing is saved before.
    /// The safety page ("Before you start") comes first, before anything is asked.
    pub fn asking_name(mut self) -> App {
        self.state = ScreenState::name();
        self.open_safety(false);
        self
    }

    /// True while the question of a name is open: no profile is open yet.
    pub fn asking_for_name(&self) -> bool {
        self.screen() == Screen::Name
    }

    /// Why the name last given cannot be used, while the question is open.
    pub fn name_problem(&self) -> Option<&NameProblem> {
        let ScreenState::Name { problem, .. } = &self.state else {
            return None;
        };
        problem.as_ref()
    }

    /// A key on the question: typing (upper case lowered), Enter to take the name, Esc
    /// (or Enter on nothing) to keep `default`.
    pub(super) fn name_key(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let ScreenState::Name { field, problem } = &mut self.state else {
            return;
        };
        match action {
            Action::Edit(edit) => {
                if edit_line(field, lowered(edit)) {
                    *problem = None;
                }
            }
            // Other moves do nothing here: Up, Down and the rest are typing keys.
            Action::Move(m) => {
                if m == Move::Select {
                    let name = field.text().trim().to_string();
                    if name.is_empty() {
                        fx.push(Effect::OpenProfile(DEFAULT_PROFILE.to_string()));
                    } else if validate_profile(&name).is_err() {
                        *problem = Some(NameProblem {
                            name,
                            why: NameRefused::Invalid,
                        });
                    } else {
                        fx.push(Effect::OpenProfile(name));
                    }
                }
            }
            // Nothing else leads anywhere before there is a profile to save into.
            Action::Go(go) => {
                if go == Go::Back {
                    fx.push(Effect::OpenProfile(DEFAULT_PROFILE.to_string()));
                }
            }
            Action::Event(_) | Action::Stroke(_) => {}
        }
    }

    /// The edge's answer to [`Effect::OpenProfile`]: on to the welcome screen under the
    /// name, its (empty) answers file written at once so the next start finds it; or
    /// back to the question, saying why not.
    pub(super) fn profile_opened(
        &mut self,
        name: String,
        result: Result<(), NameRefused>,
        fx: &mut Vec<Effect>,
    ) {
        let ScreenState::Name { problem, .. } = &mut self.state else {
            return;
        };
        match result {
            Ok(()) => {
                // Nothing is saved yet: the offer to protect the answers comes first.
                self.go_to(Screen::Protect, fx);
                self.profile = name;
            }
            Err(why) => *problem = Some(NameProblem { name, why }),
        }
    }
}

/// A name is lowercase: letters typed or pasted in upper case are lowered as they come.
fn lowered(edit: Edit) -> Edit {
    if let Edit::Paste(text) = &edit {
        return Edit::Paste(text.to_ascii_lowercase());
    }
    if let Edit::Type(
        input @ Input {
            key: Key::Char(c), ..
        },
    ) = edit
    {
        return Edit::Type(Input {
            key: Key::Char(c.to_ascii_lowercase()),
            ..input
        });
    }
    edit
}
