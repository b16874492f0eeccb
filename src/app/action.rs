//! Everything a user can do, and what the edges must do in response.

use ratatui_textarea::Input;

/// One user intent, already decoded from a key, mouse or paste event.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the app (asks first when answers could not be saved).
    Quit,
    /// Back one level: close an overlay, stop editing, exercise -> contents -> welcome -> quit.
    Back,
    /// Show or hide the help overlay.
    Help,
    /// Go to the next page of the workbook (across chapter boundaries).
    Next,
    /// Go to the previous page of the workbook.
    Prev,
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
    /// Type a digit on a scale.
    Digit(u8),
    /// Take back the value picked on a scale (leave it unanswered).
    Clear,
    /// Continue at the saved place (welcome screen).
    Continue,
    /// Start at the first chapter (welcome screen).
    Start,
    /// Open the table of contents.
    Contents,
    /// Read all answers back, chapter by chapter.
    Review,
    /// A partner's answers were loaded for comparing, or could not be.
    PartnerLoaded(Result<(String, crate::answers::Answers), String>),
    /// Show or hide the hint and example of the exercise.
    ToggleHint,
    /// Mark the current answer private or shared.
    TogglePrivate,
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
    /// Undo the last edit of the text field.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Hand the text answer to $VISUAL / $EDITOR.
    ExternalEditor,
    /// The external editor finished with this text, or failed with a message.
    EditorDone(Result<String, String>),
    /// Scroll the page or answer up a little (mouse wheel).
    ScrollUp,
    /// Scroll the page or answer down a little (mouse wheel).
    ScrollDown,
    /// Scroll up by a screenful (Page Up).
    PageUp,
    /// Scroll down by a screenful (Page Down).
    PageDown,
    /// Typing paused: store the text being typed so it can be saved.
    Commit,
    /// The terminal changed size.
    Resize(u16, u16),
    /// The answers were saved.
    Saved,
    /// Saving failed, with the reason.
    SaveFailed(String),
    /// Retry saving (from the unsaved-quit question).
    RetrySave,
    /// Quit anyway, writing the answers to a fallback file.
    QuitWithFallback,
}

/// Work for the edges (store, terminal) that an update asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Answers or the resume place changed: save now.
    Save,
    /// Text is being typed: save once typing pauses.
    TextEdited,
    /// Open the external editor on this text.
    ExternalEditor(String),
    /// Write the answers to a fallback file, then exit.
    WriteFallback,
    /// Load this partner profile's answers for comparing.
    LoadPartner(String),
}
