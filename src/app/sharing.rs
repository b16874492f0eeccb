//! The sharing screen: who sees this profile's answers, sharing with a partner and
//! withdrawing it. Nothing is read or written here: the list comes from the edge
//! ([`Effect::ListSharing`], answered by [`Event::SharingListed`]), and so do the
//! changes ([`Effect::StartSharing`], [`Effect::StopSharing`], answered by
//! [`Event::SharingChanged`]). Both changes are asked about first.

use super::screen::{Screen, ScreenState, SharingAsk};
use super::{App, Effect, Move, Notice};
use crate::sharing::{Change, Overview, Partner, Reach, SharingError};

impl App {
    /// The sharing screen's cursor, list and question, when it is showing.
    fn sharing_state(&self) -> Option<(usize, Option<&Overview>, Option<&SharingAsk>)> {
        let ScreenState::Sharing {
            cursor,
            overview,
            confirm,
            ..
        } = &self.state
        else {
            return None;
        };
        Some((*cursor, overview.as_ref(), confirm.as_ref()))
    }

    /// The sharing list as last read by the edge (`None` until it answered, or off the screen).
    pub fn sharing_overview(&self) -> Option<&Overview> {
        self.sharing_state().and_then(|(_, o, _)| o)
    }

    /// Selected partner on the sharing screen (0 elsewhere).
    pub fn sharing_cursor(&self) -> usize {
        self.sharing_state().map_or(0, |(c, _, _)| c)
    }

    /// The question the sharing screen is asking, if any.
    pub fn sharing_asking(&self) -> Option<&SharingAsk> {
        self.sharing_state().and_then(|(_, _, a)| a)
    }

    /// The selected partner on the sharing screen.
    fn sharing_selected(&self) -> Option<&Partner> {
        self.sharing_overview()?.partners.get(self.sharing_cursor())
    }

    /// Opens the sharing screen and asks the edge who sees what.
    pub(super) fn open_sharing(&mut self, fx: &mut Vec<Effect>) {
        self.go_to(Screen::Sharing, fx);
        fx.push(Effect::ListSharing);
    }

    /// Takes back the question, if one is open; true when there was one.
    pub(super) fn sharing_cancel(&mut self) -> bool {
        let ScreenState::Sharing { confirm, .. } = &mut self.state else {
            return false;
        };
        confirm.take().is_some()
    }

    /// `s` (or Enter): asks whether to share with the selected partner; asked already, shares.
    pub(super) fn sharing_share(&mut self, fx: &mut Vec<Effect>) {
        if let Some(SharingAsk::Share(name)) = self.sharing_asking().cloned() {
            self.sharing_cancel();
            fx.push(Effect::StartSharing(name));
            return;
        }
        self.sharing_cancel();
        let Some(p) = self.sharing_selected().cloned() else {
            return;
        };
        if p.sees {
            self.notice = Some(Notice::AlreadySharing(p.name));
            return;
        }
        let ask = match p.reach {
            Reach::Folder { .. } => Err(SharingError::NeedsFolder(p.name)),
            Reach::ThisComputer { .. } => Ok(SharingAsk::Share(p.name)),
        };
        self.sharing_ask(ask);
    }

    /// `w`: asks whether to withdraw sharing with the selected partner; asked already, withdraws.
    pub(super) fn sharing_withdraw(&mut self, fx: &mut Vec<Effect>) {
        if let Some(SharingAsk::Withdraw(name)) = self.sharing_asking().cloned() {
            self.sharing_cancel();
            fx.push(Effect::StopSharing(name));
            return;
        }
        self.sharing_cancel();
        let Some(p) = self.sharing_selected().cloned() else {
            return;
        };
        if p.sees {
            self.sharing_ask(Ok(SharingAsk::Withdraw(p.name)));
        } else {
            self.notice = Some(Notice::NotSharing(p.name));
        }
    }

    fn sharing_ask(&mut self, ask: Result<SharingAsk, SharingError>) {
        match ask {
            Ok(ask) => {
                if let ScreenState::Sharing { confirm, .. } = &mut self.state {
                    *confirm = Some(ask);
                }
            }
            Err(e) => self.notice = Some(Notice::SharingFailed(e)),
        }
    }

    /// A move on the sharing screen: up and down pick a partner (and take back a
    /// question); Enter starts sharing, as `s` does.
    pub(super) fn sharing_move(&mut self, m: Move, fx: &mut Vec<Effect>) {
        if m == Move::Select {
            self.sharing_share(fx);
            return;
        }
        let len = self.sharing_overview().map_or(0, |o| o.partners.len());
        let ScreenState::Sharing { cursor, confirm, .. } = &mut self.state else {
            return;
        };
        let step = match m {
            Move::ScrollUp => Move::Up,
            Move::ScrollDown => Move::Down,
            Move::PageUp => Move::First,
            Move::PageDown => Move::Last,
            other => other,
        };
        if let Some(to) = super::component::moved(*cursor, step, len) {
            *confirm = None;
            *cursor = to;
        }
    }

    /// The edge's answer: the list read, or sharing changed (with the new list).
    pub(super) fn sharing_answered(
        &mut self,
        change: Option<Change>,
        result: Result<Overview, SharingError>,
    ) {
        let ScreenState::Sharing { overview, cursor, .. } = &mut self.state else {
            return;
        };
        match result {
            Ok(new) => {
                *cursor = (*cursor).min(new.partners.len().saturating_sub(1));
                *overview = Some(new);
                if let Some(change) = change {
                    self.notice = Some(Notice::SharingChanged(change));
                }
            }
            Err(e) => {
                if overview.is_none() {
                    *overview = Some(Overview::default());
                }
                self.notice = Some(Notice::SharingFailed(e));
            }
        }
    }
}
