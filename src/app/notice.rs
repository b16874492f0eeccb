//! Short messages for the status line, as data: the UI words them.

/// Where a text too long for an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLongFrom {
    /// Typed.
    Typing,
    /// Pasted.
    Paste,
    /// Back from `$EDITOR`.
    Editor,
}

/// Something the status line tells the user once, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The answer was marked private.
    PrivateOn,
    /// The answer is shared again.
    PrivateOff,
    /// Private was asked for before the exercise had any value.
    PrivateNeedsValue,
    /// `p` on a shared list whose version on screen is this partner's: only its owner can
    /// mark it, and this person's own (hidden) version is left as it is.
    PrivatePartnersList(String),
    /// The couple's weeks now start on this day.
    WeekStarts(crate::week::WeekStart),
    /// The exercise was marked skipped.
    SkippedOn,
    /// The skip was taken back.
    SkippedOff,
    /// A list item cannot be added: the list holds its maximum.
    ListFull {
        /// The list's maximum.
        max: u32,
    },
    /// The item just added filled the list.
    ListNowFull {
        /// The list's maximum.
        max: u32,
    },
    /// A list item was deleted (its text, to name it).
    ItemDeleted(String),
    /// A paste of several lines into a list item became this many items of their own.
    PastedAsItems(usize),
    /// A paste of `lines` lines into a list item was refused: the list has room for
    /// only `room` more items. Nothing changed.
    PasteOverflowsList {
        /// The non-empty lines pasted.
        lines: usize,
        /// Items the list can still take.
        room: usize,
    },
    /// Only the person's own items of a ratings exercise can be removed.
    NotOwnItem,
    /// An entry was shared whole: this many answers were private and are shared now.
    EntryShared(usize),
    /// The marks of an entry shared whole were put back: this many answers.
    EntryShareUndone(usize),
    /// `n` on a ratings exercise that has no "didn't apply" choice (`na_label`).
    NoNotApplicable,
    /// The digits typed into a date make no real date (what was typed, as YYYY-MM-DD).
    InvalidDate(String),
    /// Letters were typed where no text is written (the context they were typed in):
    /// they ran no command, and this says where to type.
    TypeElsewhere(super::Context),
    /// One key changed the answer (what it did); undo takes it back.
    Made(super::history::Made),
    /// The last change on the screen was undone (what it was).
    Undone(super::Changed),
    /// The last undone change was made again (what it was).
    Redone(super::Changed),
    /// A paste, an editor's text or a key would make the answer longer than an answer
    /// holds: refused whole, the answer kept as it was.
    TooLong {
        /// Where the text came from.
        from: TooLongFrom,
        /// How long the answer would have been, in bytes.
        bytes: usize,
    },
    /// Undo found nothing to take back.
    NothingToUndo,
    /// The external editor could not be run or its text read back (the edge's reason).
    EditorFailed(String),
    /// A partner's answers could not be read for comparing (the edge's reason).
    PartnerUnreadable(String),
    /// The answers file could not be used and was moved here (`--start-fresh`).
    StartedFresh(std::path::PathBuf),
    /// The data folder was open to other people and has been made private to this
    /// computer account (its path); said in the app, where stderr would be hidden.
    FolderMadePrivate(std::path::PathBuf),
    /// A first run's offer to protect the answers was declined: how to do it later (the
    /// profile's name, for the command to run).
    ProtectLater(String),
    /// A first run's offer was taken: the answers are protected with a passphrase.
    Protected,
    /// Sharing was started or withdrawn on the sharing screen.
    SharingChanged(crate::sharing::Change),
    /// The sharing screen could not do what was asked (why).
    SharingFailed(crate::sharing::SharingError),
    /// `s` on a partner who already sees this profile's shareable answers.
    AlreadySharing(String),
    /// `w` on a partner who sees nothing of this profile's.
    NotSharing(String),
    /// A partner's code was recorded, or was already (the partner, what recording did).
    Paired(String, crate::exchange::local::Paired),
    /// Pairing was left before recording anything for this partner.
    NotPaired(String),
    /// This profile's keys could not be read, made or written (why).
    PairFailed(crate::exchange::local::PairError),
}
