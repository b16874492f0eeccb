//! The app wired to its persistence: actions go in, the effects they return are
//! carried out, and the save schedule is kept. No terminal here: the terminal
//! loop (`tui`) feeds it events and the time, and tests drive it with a fake
//! persistence, a fake editor and made-up instants.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::answers::Timestamp;
use crate::app::{Action, App, Edit, Effect, Event, PairingRead, SaveState};
use crate::persist::{Persistence, SaveSchedule, Snapshot};
use crate::sharing::Change;
use crate::vault::Secret;

/// How long the final save may take before the fallback copy is written instead.
const FINAL_SAVE_WAIT: Duration = Duration::from_secs(5);

/// Runs the external editor on a text: the edited text, or why it failed;
/// `Err` when the terminal itself failed.
pub type EditorFn<'a> = dyn FnMut(&str) -> std::io::Result<Result<String, String>> + 'a;

/// How the app ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Everything was saved.
    Saved,
    /// Saving failed; a copy was written to this path.
    Fallback(PathBuf),
    /// Saving failed and so did the copy, for this reason.
    Lost(String),
}

/// The app, its persistence, and the save schedule.
pub struct Session<P: Persistence> {
    /// The app state.
    pub app: App,
    /// Where answers go.
    pub persist: P,
    schedule: SaveSchedule,
    /// Set once the app asked to write the fallback copy and quit.
    ending: Option<Ending>,
    /// The wall-clock time at one instant: the time the app is given for any later
    /// instant is counted from it, so the instants a test makes up move it too.
    clock: (Instant, Timestamp),
    /// The computer's time zone, read once at the edge and handed to the app with the
    /// time, so weeks follow the local calendar.
    zone: jiff::tz::TimeZone,
    /// The passphrase to protect the new profile with, once the frame saying so is drawn.
    slow: Option<Secret>,
}

impl<P: Persistence> Session<P> {
    /// A session on `app` saving through `persist`.
    pub fn new(app: App, persist: P) -> Session<P> {
        Session {
            app,
            persist,
            schedule: SaveSchedule::default(),
            ending: None,
            clock: (Instant::now(), Timestamp::now()),
            zone: crate::week::system_zone(),
            slow: None,
        }
    }

    /// The same session in the time zone `zone` (tests make one up).
    pub fn with_zone(mut self, zone: jiff::tz::TimeZone) -> Session<P> {
        self.zone = zone;
        self
    }

    /// The same session with its clock reading `time` at the instant `at`.
    pub fn with_clock(mut self, at: Instant, time: Timestamp) -> Session<P> {
        self.clock = (at, time);
        self
    }

    /// The wall-clock time at the instant `now`.
    pub fn time_at(&self, now: Instant) -> Timestamp {
        let (at, time) = self.clock;
        time.plus(now.saturating_duration_since(at))
    }

    /// Applies `action` at `now` and carries out what it asks for; `editor` runs
    /// the external editor.
    pub fn dispatch(&mut self, action: Action, now: Instant, editor: &mut EditorFn) -> std::io::Result<()> {
        let mut action = action;
        // The key's time is stamped here, at the edge, so the editor's undo can group
        // by pauses without reading the clock itself.
        match &mut action {
            Action::Edit(Edit::Type(input)) => input.at = Some(now),
            // The app tells typing from commands by the time between printable keys.
            Action::Stroke(stroke) => stroke.at = Some(now),
            Action::Edit(_) | Action::Go(_) | Action::Move(_) | Action::Event(_) => {}
        }
        let mut queue = vec![action];
        while let Some(action) = queue.pop() {
            for effect in self.app.update_at(action, self.time_at(now), &self.zone) {
                match effect {
                    Effect::Save => self.save(now),
                    Effect::TextEdited => self.schedule.typed(now),
                    Effect::ExternalEditor(text) => {
                        // The editor may run for long: what was typed before it is on disk
                        // first (the app asked for that save just before this effect).
                        self.flush(&mut queue);
                        queue.push(Action::Edit(Edit::EditorDone(editor(&text)?)));
                    }
                    Effect::LoadPartner(name) => {
                        let loaded = self.persist.read_partner(&name).map(|theirs| {
                            let changes = self.persist.changes_with(&name, self.app.answers(), &theirs);
                            (name, theirs, changes)
                        });
                        queue.push(Action::Event(Event::PartnerLoaded(loaded)));
                    }
                    Effect::OpenProfile(name) => {
                        let opened = self.persist.open_profile(&name);
                        queue.push(Action::Event(Event::ProfileOpened(name, opened)));
                    }
                    Effect::ListSharing => {
                        let listed = self.persist.sharing();
                        queue.push(Action::Event(Event::SharingListed(listed)));
                    }
                    Effect::StartSharing(name) => {
                        let done = self.persist.share_with(&name, self.app.answers());
                        queue.push(Action::Event(Event::SharingChanged(Change::Started(name), done)));
                    }
                    Effect::StopSharing(name) => {
                        let done = self.persist.stop_sharing(&name);
                        queue.push(Action::Event(Event::SharingChanged(
                            Change::Withdrawn(name),
                            done,
                        )));
                    }
                    Effect::OwnCode => {
                        let read = self.persist.own_code().map(Box::new);
                        queue.push(Action::Event(Event::OwnCode(read)));
                    }
                    Effect::ReadPairing(partner, keys) => {
                        let read = self.persist.read_pairing(&partner);
                        let read = PairingRead { partner, keys, read };
                        queue.push(Action::Event(Event::PairingRead(Box::new(read))));
                    }
                    Effect::RecordPairing {
                        partner,
                        keys,
                        replace,
                    } => {
                        let done = self.persist.pair_with(&partner, &keys, replace);
                        queue.push(Action::Event(Event::Paired(partner, done)));
                    }
                    // Slow (scrypt): done by `work`, after the frame that says so is drawn.
                    Effect::Protect(passphrase) => self.slow = Some(passphrase),
                    Effect::WriteFallback => {
                        let text = self.encode();
                        self.ending = Some(self.fallback(&text));
                    }
                }
            }
        }
        Ok(())
    }

    /// True when slow work waits (protecting the new profile): the edge draws the
    /// frame that says so, then calls [`Session::work`].
    pub fn has_work(&self) -> bool {
        self.slow.is_some()
    }

    /// Does the slow work waiting, if any, and hands its result to the app.
    pub fn work(&mut self, now: Instant) -> std::io::Result<()> {
        let Some(passphrase) = self.slow.take() else {
            return Ok(());
        };
        let done = self.persist.protect(passphrase.secret()).map(Secret::new);
        // The passphrase is wiped here: the only copy was in the effect.
        drop(passphrase);
        let mut no_editor = |_: &str| Ok(Err(String::new()));
        self.dispatch(Action::Event(Event::Protected(done)), now, &mut no_editor)
    }

    /// What is due at `now`: committing typed text after a pause, collecting a
    /// finished save (waiting at most `wait` for it), retrying a failed one.
    pub fn tick(&mut self, now: Instant, wait: Duration) -> std::io::Result<()> {
        let mut no_editor = |_: &str| Ok(Err(String::new()));
        if self.schedule.commit_due(now) {
            self.dispatch(Action::Event(Event::Commit), now, &mut no_editor)?;
        }
        if let Some(result) = self.persist.poll(wait) {
            let event = match result {
                Ok(()) => Event::SaveDone,
                Err(problem) => Event::SaveFailed(problem),
            };
            self.dispatch(Action::Event(event), now, &mut no_editor)?;
        }
        let failing = matches!(self.app.save_state(), SaveState::Failed(_));
        if self.schedule.retry_due(now, failing, self.persist.busy()) {
            self.save(now);
        }
        Ok(())
    }

    /// How long the loop may wait for input at `now`.
    pub fn wait(&self, now: Instant) -> Duration {
        self.schedule.wait(now)
    }

    /// The ending, once the app has asked to end with a fallback copy.
    pub fn ending(&mut self) -> Option<Ending> {
        self.ending.take()
    }

    /// True once the app has quit and no save is still running.
    pub fn done(&self) -> bool {
        self.app.should_quit() && !self.persist.busy()
    }

    /// Commits what is typed and saves it, waiting for the write; when saving fails
    /// (or takes too long), writes the fallback copy, since nobody may be there to
    /// answer a question.
    pub fn final_save(&mut self) -> Ending {
        // Still on the first run's questions: nothing was given to save, and nothing may
        // be written before the answers are protected, if they are to be.
        if self.app.starting() {
            return Ending::Saved;
        }
        self.app.update(Action::Event(Event::Commit));
        self.persist.save(self.snapshot());
        let deadline = Instant::now() + FINAL_SAVE_WAIT;
        loop {
            match self.persist.poll(Duration::from_millis(100)) {
                Some(Ok(())) if !self.persist.busy() => return Ending::Saved,
                Some(Ok(())) | None if Instant::now() < deadline => {}
                Some(Ok(()) | Err(_)) | None => break,
            }
        }
        let text = self.encode();
        self.fallback(&text)
    }

    /// Waits (bounded) for the running save and queues its result.
    fn flush(&mut self, queue: &mut Vec<Action>) {
        let deadline = Instant::now() + FINAL_SAVE_WAIT;
        while self.persist.busy() && Instant::now() < deadline {
            if let Some(result) = self.persist.poll(Duration::from_millis(50)) {
                queue.push(Action::Event(match result {
                    Ok(()) => Event::SaveDone,
                    Err(problem) => Event::SaveFailed(problem),
                }));
            }
        }
    }

    fn encode(&self) -> String {
        self.persist.encode(self.app.answers(), self.app.place().as_ref())
    }

    /// A copy of what a save writes, for the writer thread to encode.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            answers: self.app.answers().clone(),
            place: self.app.place(),
        }
    }

    fn save(&mut self, now: Instant) {
        let snapshot = self.snapshot();
        self.persist.save(snapshot);
        self.schedule.attempted(now);
    }

    fn fallback(&mut self, text: &str) -> Ending {
        match self.persist.fallback(text) {
            Ok(path) => Ending::Fallback(path),
            Err(e) => Ending::Lost(e),
        }
    }
}
