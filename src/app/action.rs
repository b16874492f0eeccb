//! Everything a user can do, and what the edges must do in response.
//!
//! Actions come in groups so that each part of the app matches only the group it
//! handles, every variant by name: the compiler then lists every place a new
//! action must be handled.

use std::time::Instant;

use crate::editor::Input;

use crate::answers::Answers;
use crate::exchange::PartnerKeys;
use crate::exchange::local::{PairError, Paired};
use crate::sharing::{Change, Overview, SharingError};
use crate::store::{NameRefused, SaveProblem};
use crate::vault::Secret;

/// One user intent or report from an edge, already decoded from a key, mouse or paste event.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Going somewhere, or a command that works the same on every screen.
    Go(Go),
    /// Moving a selection or scrolling.
    Move(Move),
    /// Changing the answer on screen.
    Edit(Edit),
    /// A report from an edge: a save finished, a timer fired, the terminal resized.
    Event(Event),
    /// A printable key where no text is typed, with what it is bound to here: the
    /// app decides whether it is a command or typing in the wrong place.
    Stroke(Stroke),
}

/// A printable key pressed where no text field has the keyboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    /// The character.
    pub key: char,
    /// When it was pressed, stamped at the edge (the app never reads the clock).
    pub at: Option<Instant>,
    /// What the key is bound to here, if anything.
    pub then: Option<Box<Action>>,
}

/// Going somewhere, or a command that works the same on every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// Leave the app (asks first when answers could not be saved).
    Quit,
    /// Back one level: close an overlay, stop editing, exercise -> contents -> welcome -> quit.
    Back,
    /// Show or hide the help overlay.
    Help,
    /// Open or close the "before you start" safety page, from any screen.
    Safety,
    /// Go to the next page of the workbook (across chapter boundaries).
    Next,
    /// Go to the previous page of the workbook.
    Prev,
    /// Continue at the saved place (welcome screen).
    Continue,
    /// Start at the first chapter (welcome screen).
    Start,
    /// Open the table of contents.
    Contents,
    /// Read all answers back, chapter by chapter.
    Review,
    /// Show or hide the hint and example of the exercise.
    ToggleHint,
    /// Mark the current answer private or shared.
    TogglePrivate,
    /// Mark the current exercise skipped, or take the skip back (format 2 workbooks).
    ToggleSkip,
    /// Open the dated entries of the chapter on screen or selected (its history and trends).
    Entries,
    /// Start a new entry of the chapter's repeated part (or this week's).
    NewEntry,
    /// Delete the selected entry: asks first, then moves it aside (it can be restored).
    DeleteEntry,
    /// Bring back the selected deleted entry, or put back the marks of the entry last
    /// shared whole.
    RestoreEntry,
    /// Share the selected entry whole (every answer in it not private): asks first.
    ShareEntry,
    /// Retry saving (from the unsaved-quit question).
    RetrySave,
    /// Quit anyway, writing the answers to a fallback file.
    QuitWithFallback,
    /// Open the sharing screen: who sees your answers.
    Sharing,
    /// Start sharing with the selected partner (asks first; a second press says yes).
    Share,
    /// Withdraw sharing with the selected partner (asks first; a second press says yes).
    Withdraw,
    /// Show this profile's pairing code and fingerprint (sharing screen).
    MyCode,
    /// Open the fields for the partner's profile name and pairing code (sharing screen).
    PartnerCode,
    /// Record the partner's code, the fingerprints compared (the pairing question's yes).
    Pair,
    /// The check-in is about last week (the question asked in the grace window).
    LastWeek,
    /// The check-in is about this week (the question asked in the grace window).
    ThisWeek,
    /// Make the couple's weeks start one day later (Monday, Tuesday, … Sunday, Monday).
    WeekStart,
}

/// Moving a selection or scrolling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move left: lower a scale, collapse a chapter in the contents.
    Left,
    /// Move right: raise a scale, expand a chapter in the contents.
    Right,
    /// Jump to the first item or lowest value.
    First,
    /// Jump to the last item or highest value.
    Last,
    /// Confirm: open, pick, start or finish editing the selected item.
    Select,
    /// Tick or untick; pick an option.
    Toggle,
    /// Scroll the page or answer up a little (mouse wheel).
    ScrollUp,
    /// Scroll the page or answer down a little (mouse wheel).
    ScrollDown,
    /// Scroll up by a screenful (Page Up).
    PageUp,
    /// Scroll down by a screenful (Page Down).
    PageDown,
}

/// Changing the answer on screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Type a digit on a scale.
    Digit(u8),
    /// Take back the value picked on a scale (leave it unanswered).
    Clear,
    /// Add an item to a list exercise.
    AddItem,
    /// Edit the selected list item.
    EditItem,
    /// Delete the selected list item.
    DeleteItem,
    /// Move the selected list item up.
    MoveItemUp,
    /// Move the selected list item down.
    MoveItemDown,
    /// A key for the text field being typed in.
    Type(Input),
    /// Text pasted from the terminal (bracketed paste).
    Paste(String),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Hand the text answer to $VISUAL / $EDITOR.
    ExternalEditor,
    /// The external editor finished with this text, or failed with a message.
    EditorDone(Result<String, String>),
    /// Mark the rated item under the cursor "didn't apply" (the exercise's `na_label`),
    /// or take the mark back.
    NotApplicable,
}

/// A report from an edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Typing paused: store the text being typed so it can be saved.
    Commit,
    /// The terminal changed size.
    Resize(u16, u16),
    /// The answers were saved.
    SaveDone,
    /// Saving failed, with the reason.
    SaveFailed(SaveProblem),
    /// A partner's answers were loaded for comparing (name, answers, the answers changed
    /// after the reveal between us), or could not be.
    PartnerLoaded(Result<(String, Answers, Vec<crate::revised::Change>), String>),
    /// The new profile of this name was started, or why it could not be (first run).
    ProfileOpened(String, Result<(), NameRefused>),
    /// Who sees this profile's answers, as the edge read it, or why it could not.
    SharingListed(Result<Overview, SharingError>),
    /// Sharing was started or withdrawn (the new list), or why it could not be.
    SharingChanged(Change, Result<Overview, SharingError>),
    /// The new profile was protected (its recovery key, to show once), or why not.
    Protected(Result<Secret, String>),
    /// This profile's public keys (its pairing code), or why they could not be read or made.
    OwnCode(Result<Box<PartnerKeys>, PairError>),
    /// What the edge read to judge a partner's code (boxed: keys are large).
    PairingRead(Box<PairingRead>),
    /// The partner's code was recorded (what it did, the new list), or why not.
    Paired(String, Result<(Paired, Overview), PairError>),
}

/// The edge's answer to [`Effect::ReadPairing`].
#[derive(Debug, Clone, PartialEq)]
pub struct PairingRead {
    /// The partner's profile name.
    pub partner: String,
    /// Their keys, from the code given.
    pub keys: PartnerKeys,
    /// This profile's own public keys and those recorded for the partner (if any), or
    /// why they could not be read.
    pub read: Result<(PartnerKeys, Option<PartnerKeys>), PairError>,
}

/// Work for the edges (store, terminal) that an update asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Answers or the resume place changed: save now.
    Save,
    /// Text is being typed: save once typing pauses.
    TextEdited,
    /// Open the external editor on this text (already saved: see `App::update`).
    ExternalEditor(String),
    /// Write the answers to a fallback file, then exit.
    WriteFallback,
    /// Load this partner profile's answers for comparing.
    LoadPartner(String),
    /// Start the new profile of this name and save there from now on (first run).
    OpenProfile(String),
    /// Read who sees this profile's answers (answered by `Event::SharingListed`).
    ListSharing,
    /// Share this profile's shareable answers with this partner from now on (answered by
    /// `Event::SharingChanged`).
    StartSharing(String),
    /// Withdraw sharing with this partner at once (answered by `Event::SharingChanged`).
    StopSharing(String),
    /// Read this profile's public keys, made now if it has none (answered by `Event::OwnCode`).
    OwnCode,
    /// Read this profile's public keys and those recorded for this partner, to judge
    /// these keys of theirs (answered by `Event::PairingRead`).
    ReadPairing(String, PartnerKeys),
    /// Record these keys as this partner's; a changed key only with `replace` (answered
    /// by `Event::Paired`).
    RecordPairing {
        /// The partner's profile name.
        partner: String,
        /// Their public keys, from their code.
        keys: PartnerKeys,
        /// True once a changed key was confirmed deliberately.
        replace: bool,
    },
    /// Protect the new profile with this passphrase (slow: the edge shows the frame that
    /// says so first); answered by `Event::Protected`.
    Protect(Secret),
}

impl From<Go> for Action {
    fn from(g: Go) -> Action {
        Action::Go(g)
    }
}
impl From<Move> for Action {
    fn from(m: Move) -> Action {
        Action::Move(m)
    }
}
impl From<Edit> for Action {
    fn from(e: Edit) -> Action {
        Action::Edit(e)
    }
}
impl From<Event> for Action {
    fn from(e: Event) -> Action {
        Action::Event(e)
    }
}
