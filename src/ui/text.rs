//! Every user-facing word of the interface, in one place. Texts that name a key
//! take its label from the key table (`app::keys::label_of`), so they never disagree.

pub mod pairing;

use crate::app::{Context, Edit, Go, NameProblem, Notice, keys};
use crate::store::{NameRefused, SaveProblem};

/// Shown when the terminal is below the minimum size: keys other than `quit` are
/// ignored until it is bigger, which it says, so nothing typed seems lost.
pub fn too_small(w: u16, h: u16, quit: &str) -> String {
    format!(
        "terminal too small: needs {}x{} (now {w}x{h})\ntyping paused until it is bigger · {quit} quits",
        crate::app::MIN_WIDTH,
        crate::app::MIN_HEIGHT
    )
}

/// Title of a first run's question of a name.
pub const NAME_TITLE: &str = "What name should your answers go under?";
/// What the name is for, and that it can change.
pub const NAME_WHY: &str = "Your partner sees this name when you compare answers, and your exports \
carry it. A first name or a nickname is enough. You can change it later with `trustbook rename`.";
/// Label of the name field.
pub const NAME_LABEL: &str = "Name";
/// What a name may be, and how to keep `default`; `enter` and `esc` are their keys.
pub fn name_rule(enter: &str, esc: &str) -> String {
    format!(
        "Lowercase letters and digits, dashes between words, e.g. sam or sam-2. \
         {esc}, or {enter} with nothing typed, keeps the name \"default\"."
    )
}
/// Why a name given cannot be used.
pub fn name_problem(p: &NameProblem) -> String {
    let name = crate::present::clean_line(&p.name);
    match &p.why {
        NameRefused::Invalid => format!(
            "\"{name}\" cannot be a name: use lowercase letters (a-z) and digits, \
             with single dashes between words (no spaces), at most {} in all.",
            crate::store::MAX_PROFILE_LEN
        ),
        NameRefused::Own => format!("There is already a profile called \"{name}\" here: pick another name."),
        NameRefused::Partner => {
            format!("\"{name}\" is an imported partner's profile: pick another name.")
        }
        NameRefused::Failed(why) => format!(
            "The profile \"{name}\" could not be started: {}",
            crate::present::clean_line(why)
        ),
    }
}

/// Title of a first run's offer to protect the answers.
pub const PROTECT_TITLE: &str = "Protect your answers with a passphrase?";
/// The offer itself; `yes` and `no` are their keys.
pub fn protect_offer(yes: &str, no: &str) -> String {
    format!(
        "Does anyone else use this computer account? Then protect your answers with a passphrase: \
         trustbook encrypts them, and asks for the passphrase each time it opens. Without one, \
         anyone who can use this account can read your answers.\n\n\
         {yes}: protect them now. {no}: not now (you can still do it later with `trustbook protect`)."
    )
}
/// Title while a new passphrase is typed, the first time or the second.
pub fn passphrase_title(repeating: bool) -> &'static str {
    if repeating {
        "Type the same passphrase again"
    } else {
        "Choose a passphrase"
    }
}
/// Label of the masked field, the first time or the second.
pub fn passphrase_label(repeating: bool) -> &'static str {
    if repeating {
        "The same passphrase again"
    } else {
        "New passphrase"
    }
}
/// Under the field: it is not shown, and what a good one is.
pub const PASSPHRASE_HOW: &str = "It is not shown as you type. Several words are easier to remember \
    and harder to guess than one.";
/// Why the passphrase typed was not taken.
pub fn passphrase_problem(p: crate::app::PassphraseProblem) -> String {
    use crate::app::PassphraseProblem as P;
    match p {
        P::Empty => "Nothing was typed: type a passphrase, then Enter.".to_string(),
        P::Mismatch => "The two were not the same, so nothing was set. Type it again, twice.".to_string(),
        P::TooLong => format!(
            "That is longer than {} characters, so it was not taken (was something pasted by \
             mistake?). What you typed before is kept.",
            crate::vault::MAX_PASSPHRASE_BYTES
        ),
    }
}
/// Title while the answers are being locked (scrypt takes a second or two).
pub const LOCKING_TITLE: &str = "Locking your answers…";
/// What is happening meanwhile.
pub const LOCKING_WHY: &str = "This takes a second or two: the passphrase is made slow to guess on purpose.";
/// Title of the recovery key, shown once.
pub const RECOVERY_TITLE: &str = "Your recovery key: write it down";
/// What the recovery key is, above it.
pub const RECOVERY_WHY: &str = "Your answers are protected. If you forget the passphrase, this key \
    is the only way back to them. Write it down now and keep it away from this computer: it is \
    shown only this once.";
/// How the recovery key is used, below it. The command has a line of its own, so it
/// is never broken at one of its hyphens.
pub fn recovery_use(profile: &str) -> String {
    format!(
        "Forgot the passphrase? This command takes this key and sets a new one:\n  trustbook protect --recover --profile {}",
        crate::present::clean_line(profile)
    )
}

/// Welcome menu: continue.
pub const CONTINUE: &str = "Continue where I left off";
/// Welcome menu: start.
pub const START: &str = "Start from the beginning";
/// Welcome menu: contents.
pub const CONTENTS: &str = "Contents";
/// Welcome menu: review.
pub const REVIEW: &str = "Review my answers";
/// Welcome menu: compare with a partner.
pub fn compare_with(name: &str) -> String {
    format!("Compare with {}", crate::present::clean_line(name))
}
/// Heading of the review screen.
pub const REVIEW_HEADING: &str = "Your answers";
/// Shown in the review under an answer cut short; `open` is the key that opens it.
pub fn review_more(open: &str) -> String {
    format!("… ({open} to read all of it)")
}
/// Marker on the review when its rows do not all fit: where the selection is, and
/// the key that moves on; at the last row, that it is the end.
pub fn review_position(n: usize, total: usize, down: &str) -> String {
    if n >= total {
        format!(" {n} of {total} · the end ")
    } else {
        format!(" {n} of {total} · more: {down} ")
    }
}
/// Heading of the self-help note.
pub const NOTE_HEADING: &str = "Please note";
/// Heading of the contents screen.
pub const CONTENTS_HEADING: &str = "Contents";
/// Contents row for the closing screen.
pub const CLOSING_ROW: &str = "Closing words";
/// Legend of the status symbols.
pub const LEGEND: &str = "✓ done   ✎ started   ○ not started";
/// Symbol for a done exercise.
pub const DONE: &str = "✓";
/// Symbol for a started exercise.
pub const STARTED: &str = "✎";
/// Symbol for an exercise not started.
pub const NOT_STARTED: &str = "○";
/// Marker when a page has more text below; `key` pages down.
pub fn more_below(key: &str) -> String {
    format!(" ↓ more: {key} ")
}
/// Marker when a page is scrolled to its end; `key` pages up.
pub fn more_above(key: &str) -> String {
    format!(" ↑ {key} ")
}
/// Marker on the hint panel when it is scrolled past its first rows.
pub fn hint_more_above() -> String {
    " ↑ more above ".to_string()
}
/// Heading above an introduction.
pub const INTRO_LABEL: &str = "Introduction";
/// Title of the closing screen.
pub const CLOSING_TITLE: &str = "Closing words";
/// Label of the answer box.
pub const YOUR_ANSWER: &str = "Your answer";
/// Title of a score's box: worked out, not answered.
pub const YOUR_SCORE: &str = "Your score";
/// Placeholder in an empty text answer; `new_line` is the key that starts a line.
pub fn text_placeholder(new_line: &str) -> String {
    format!("Type your answer here. {new_line} starts a new line.")
}
/// Hint heading.
pub const HINT: &str = "Hint";
/// Example heading.
pub const EXAMPLE: &str = "Example";
/// Shown when the hint panel has nothing.
pub const NO_HINT: &str = "This exercise has no hint or example.";
/// Offer of the hint key when hidden.
pub fn hint_available(key: &str) -> String {
    format!("{key} shows a hint")
}
/// On the note's border when the terminal is too small to show it whole.
pub const NOTE_CUT: &str = "… cut: make the window taller";
/// Marker of a private answer.
pub const PRIVATE_MARK: &str = "[private]";
/// Notice after marking private: what it does (left out of compare and export) and what it
/// does not (the answers file is readable by anyone who can log in as you).
pub const PRIVATE_ON: &str = "Private: not compared or exported; your login can read it.";
/// Notice after unmarking private.
pub const PRIVATE_OFF: &str = "Shared again: your partner sees it once both have answered.";
/// Notice when an unanswered scale is marked private.
pub const PRIVATE_NEEDS_VALUE: &str = "Pick a value first, then mark it private.";
/// Notice when `p` is pressed on a shared list whose version on screen is `who`'s.
pub fn private_partners_list(who: &str) -> String {
    format!(
        "This is {}'s version of the list: nothing was marked. Change the list to make it yours, then mark it.",
        crate::safe::line(who)
    )
}
/// Notice after skipping an exercise.
pub const SKIPPED_ON: &str = "Skipped: counts as done; your partner cannot tell it from not answered.";
/// Notice after taking a skip back.
pub const SKIPPED_OFF: &str = "No longer skipped. Ctrl+Z undoes.";
/// After the title of a skipped exercise.
pub const SKIPPED_MARK: &str = "[skipped]";
/// Row that adds a list item.
pub const ADD_ITEM: &str = "+ Add an item";
/// The "other" option of a choice.
pub const OTHER: &str = "Other, namely:";
/// Heading of the help overlay.
pub const HELP_HEADING: &str = "Keys on this screen";
/// Header save status when saved.
pub const SAVED: &str = "saved";
/// Header save status while typed text or a save is on its way to disk.
pub const SAVING: &str = "saving…";
/// Header save status when saving failed.
pub const NOT_SAVED: &str = "NOT SAVED";
/// Title of the unsaved-quit question.
pub const CONFIRM_QUIT_TITLE: &str = "Your latest answers are not saved";
/// Body of the unsaved-quit question.
pub const CONFIRM_QUIT_BODY: &str =
    "Saving failed, so quitting now would lose what you wrote since the last save.";

/// Notice when a list is full.
pub fn list_full(max: u32) -> String {
    format!(
        "The list is full ({}): edit or delete one first.",
        items(max as usize)
    )
}

/// "1 item", "3 items".
fn items(n: usize) -> String {
    if n == 1 {
        "1 item".to_string()
    } else {
        format!("{n} items")
    }
}

/// First lines of the closing screen while exercises are left; `back` opens the contents.
pub fn closing_left(done: usize, total: usize, back: &str) -> String {
    format!(
        "You have answered {done} of {total} exercises so far. The contents ({back}) show what is left; come back to it whenever you like."
    )
}

/// Notice when adding an item filled the list; `next` goes on to the next page.
pub fn list_now_full(max: u32, next: &str) -> String {
    format!("The list is full ({}). {next} goes on.", items(max as usize))
}

/// Notice after deleting a list item; `undo` brings it back.
pub fn item_deleted(item: &str, undo: &str) -> String {
    let item = crate::present::clean_line(item);
    let short: String = item.chars().take(30).collect();
    let more = if item.chars().count() > 30 { "…" } else { "" };
    format!("Deleted \"{short}{more}\". {undo} brings it back.")
}

/// The words of a notice.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::InvalidDate(d) => format!(
            "{} is no date: type YYYYMMDD, e.g. 20261130",
            crate::safe::quote_text(d)
        ),
        Notice::PrivateOn => PRIVATE_ON.to_string(),
        Notice::PrivateOff => PRIVATE_OFF.to_string(),
        Notice::PrivateNeedsValue => PRIVATE_NEEDS_VALUE.to_string(),
        Notice::PrivatePartnersList(who) => private_partners_list(who),
        Notice::WeekStarts(day) => week_starts(*day),
        Notice::SkippedOn => SKIPPED_ON.to_string(),
        Notice::SkippedOff => SKIPPED_OFF.to_string(),
        Notice::ListFull { max } => list_full(*max),
        Notice::ListNowFull { max } => list_now_full(*max, keys::label_of(Context::List, &Go::Next.into())),
        Notice::ItemDeleted(item) => item_deleted(item, keys::label_of(Context::List, &Edit::Undo.into())),
        Notice::PastedAsItems(n) => format!(
            "{n} pasted lines became {n} items; {} puts the list back.",
            keys::label_of(Context::List, &Edit::Undo.into())
        ),
        Notice::PasteOverflowsList { lines, room } => {
            format!("Not pasted: {lines} lines, room for {room} more items.")
        }
        Notice::TypeElsewhere(cx) => type_elsewhere(*cx),
        Notice::Made(m) => made(m),
        Notice::Undone(c) => format!(
            "Undone: {}. {} makes it again.",
            changed(c),
            keys::label_of(Context::Scale, &Edit::Redo.into())
        ),
        Notice::Redone(c) => format!(
            "Made again: {}. {} undoes it.",
            changed(c),
            keys::label_of(Context::Scale, &Edit::Undo.into())
        ),
        Notice::TooLong { from, bytes } => too_long(*from, *bytes),
        Notice::NothingToUndo => NOTHING_TO_UNDO.to_string(),
        Notice::NotOwnItem => NOT_OWN_ITEM.to_string(),
        Notice::NoNotApplicable => NO_NOT_APPLICABLE.to_string(),
        Notice::EntryShared(n) => {
            entry_shared(*n, keys::label_of(Context::Entries, &Go::RestoreEntry.into()))
        }
        Notice::EntryShareUndone(n) => entry_share_undone(*n),
        Notice::EditorFailed(why) => crate::present::clean_line(why),
        Notice::PartnerUnreadable(why) => crate::present::clean_line(why),
        Notice::StartedFresh(to) => started_fresh(&to.display().to_string()),
        Notice::FolderMadePrivate(dir) => folder_made_private(&dir.display().to_string(), usize::MAX),
        Notice::ProtectLater(name) => protect_later(name, usize::MAX),
        Notice::Protected => protected(usize::MAX),
        Notice::SharingChanged(change) => sharing_changed(change),
        Notice::SharingFailed(e) => sharing_failed(e),
        Notice::AlreadySharing(name) => format!("{} already sees your shareable answers.", name_of(name)),
        Notice::NotSharing(name) => format!("{} sees nothing of yours: nothing to withdraw.", name_of(name)),
        Notice::Paired(name, outcome) => pairing::paired(name, outcome),
        Notice::NotPaired(name) => pairing::not_paired(name),
        Notice::PairFailed(e) => pairing::pair_failed(e),
    }
}

/// Notice refusing a text that would make an answer `bytes` long, over the limit.
fn too_long(from: crate::app::TooLongFrom, bytes: usize) -> String {
    use crate::app::TooLongFrom;
    let mib = |b: usize| format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0));
    let limit = crate::store::limits::MAX_TEXT_BYTES / (1024 * 1024);
    match from {
        TooLongFrom::Typing => format!("This answer is full: an answer holds at most {limit} MiB."),
        TooLongFrom::Paste => format!(
            "Not pasted: the answer would be {}, over the {limit} MiB limit. Kept as it was.",
            mib(bytes)
        ),
        TooLongFrom::Editor => format!(
            "Editor's text not taken: {} is over the {limit} MiB limit. Answer kept as it was.",
            mib(bytes)
        ),
    }
}

/// A short name of an answer change, for the undo and redo notices.
fn changed(c: &crate::app::Changed) -> &'static str {
    use crate::app::Changed;
    match c {
        Changed::Typed => "what was typed",
        Changed::Skip(true) => "the skip",
        Changed::Skip(false) => "taking the skip back",
        Changed::Private(true) => "the private mark",
        Changed::Private(false) => "sharing it again",
        Changed::Value => "the last change",
    }
}

/// An item or option named in a notice: cleaned, and cut short.
fn named(s: &str) -> String {
    let s = crate::present::clean_line(s);
    let short: String = s.chars().take(24).collect();
    let more = if s.chars().count() > 24 { "…" } else { "" };
    format!("\"{short}{more}\"")
}

/// Notice after one key changed an answer: what it did, and the key that undoes it.
fn made(m: &crate::app::Made) -> String {
    use crate::app::Made;
    let what = match m {
        Made::Ticked(o) => format!("Ticked {}", named(o)),
        Made::Unticked(o) => format!("Unticked {}", named(o)),
        Made::TickedAlone(o, 1) => format!("Ticked {}, which took back 1 tick", named(o)),
        Made::TickedAlone(o, n) => format!("Ticked {}, which took back {n} ticks", named(o)),
        Made::Picked(o) => format!("Picked {}", named(o)),
        Made::Set(v) => format!("Set to {v}"),
        Made::Rated(i, v) => format!("Rated {} {v}", named(i)),
        Made::NotApplied(i) => format!("Marked {} as not applying", named(i)),
        Made::Day(d) => format!("Date set to {d}"),
        Made::Cleared => "Answer cleared".to_string(),
        Made::Items => "List changed".to_string(),
    };
    format!(
        "{what} · {} to undo",
        keys::label_of(Context::Scale, &Edit::Undo.into())
    )
}

/// Notice when letters were typed where nothing is written (context `cx`): they
/// ran no command, and this says where typing goes.
pub fn type_elsewhere(cx: Context) -> String {
    use crate::app::{Action, Move};
    let key = |a: Action| keys::label_of(cx, &a);
    let select = key(Move::Select.into());
    let what = match cx {
        Context::List => format!("This is a list: {} adds an item", key(Edit::AddItem.into())),
        Context::RatingsOwn => format!("Rate with a number; {} adds an item", key(Edit::AddItem.into())),
        Context::Ratings | Context::Scale => "Pick with a number or ←/→".to_string(),
        Context::Date => "Type the date as YYYYMMDD".to_string(),
        Context::Choice => format!("This is a choice: {select} picks"),
        Context::Checklist => format!("This is a checklist: {} ticks", key(Move::Toggle.into())),
        Context::Page => format!("{select} goes on to where you write"),
        Context::Welcome | Context::Contents | Context::Review | Context::Entries => {
            format!("{select} opens a page to write on")
        }
        Context::Reading => format!("{select} to write your answer"),
        Context::Name | Context::NewPassphrase | Context::Unlock | Context::Text | Context::Field => {
            "Type your answer here".to_string()
        }
        Context::ProtectOffer => format!(
            "{select} protects your answers, {} goes on without",
            key(Go::Back.into())
        ),
        Context::Locking => "Your answers are being locked".to_string(),
        Context::RecoveryKey => format!("{select} goes on once the key is written down"),
        Context::Sharing => format!("{} shares with the one selected", key(Go::Share.into())),
        Context::MyCode => format!("{} enters your partner's code", key(Go::PartnerCode.into())),
        Context::PairEntry | Context::KeyChanged => "Type here".to_string(),
        Context::ConfirmPair
        | Context::Compare
        | Context::ConfirmShare
        | Context::ConfirmWithdraw
        | Context::ConfirmDelete
        | Context::ConfirmShareEntry
        | Context::WhichWeek
        | Context::Help
        | Context::Safety
        | Context::ConfirmQuit => {
            format!("{} goes back", key(Go::Back.into()))
        }
    };
    format!("Nothing here takes typing. {what}.")
}

/// Notice after a first run's offer to protect was declined: how to protect later, in
/// the longest form that fits in `width` columns (the footer is one line).
pub fn protect_later(name: &str, width: usize) -> String {
    let name = crate::present::clean_line(name);
    let forms = [
        format!(
            "Your answers are not protected with a passphrase. To protect them later: quit and run \
             trustbook protect --profile {name}"
        ),
        format!("Not protected. To add a passphrase later: trustbook protect --profile {name}"),
        format!("To protect later: trustbook protect --profile {name}"),
    ];
    first_fitting(forms, width)
}

/// Notice once the first run's offer has protected the answers, in the longest form
/// that fits in `width` columns.
pub fn protected(width: usize) -> String {
    let forms = [
        "Your answers are protected: trustbook asks for the passphrase each time it opens.".to_string(),
        "Protected: trustbook asks for your passphrase when it opens.".to_string(),
        "Your answers are protected.".to_string(),
    ];
    first_fitting(forms, width)
}

/// Notice after `--start-fresh` moved an unusable answers file aside to `to`.
pub fn started_fresh(to: &str) -> String {
    format!(
        "The old answers file could not be read; it was moved to {}.",
        crate::present::clean_line(to)
    )
}

/// Notice that the data folder `dir` was open to others and is now private to this
/// account, in the longest form that fits `width`.
pub fn folder_made_private(dir: &str, width: usize) -> String {
    let forms = [
        format!(
            "Your data folder {} could be read by other people on this computer; it is now private to you.",
            crate::present::clean_line(dir)
        ),
        "Your data folder could be read by others on this computer; now it is private to you.".to_string(),
        "Your data folder was open to others; now it is private to you.".to_string(),
        "Data folder made private to you.".to_string(),
    ];
    first_fitting(forms, width)
}

/// A notice as the footer shows it, `width` columns wide: the notices that have shorter
/// forms give the longest that fits.
pub fn notice_in(n: &Notice, width: usize) -> String {
    match n {
        Notice::ProtectLater(name) => protect_later(name, width),
        Notice::Protected => protected(width),
        Notice::FolderMadePrivate(dir) => folder_made_private(&dir.display().to_string(), width),
        other => notice(other),
    }
}

/// The first of `forms` no wider than `width`, else the last (the shortest).
fn first_fitting<const N: usize>(forms: [String; N], width: usize) -> String {
    let fits = |f: &&String| f.chars().count() <= width;
    forms
        .iter()
        .find(fits)
        .or(forms.last())
        .cloned()
        .unwrap_or_default()
}

/// Why saving failed, in a few words for the header.
pub fn save_problem(p: &SaveProblem) -> String {
    match p {
        SaveProblem::DiskFull => "disk full".to_string(),
        SaveProblem::ReadOnly => "folder read-only".to_string(),
        SaveProblem::Other(reason) => crate::present::clean_line(reason),
        // Which answer is said on stderr as the app opens (seen after quitting); the
        // header keeps to what fits beside the title.
        SaveProblem::TooLarge(_) => format!(
            "read-only: an answer is over {} MiB",
            crate::store::limits::MAX_TEXT_BYTES / (1024 * 1024)
        ),
    }
}

/// Notice when there is nothing to undo.
pub const NOTHING_TO_UNDO: &str = "Nothing to undo.";
/// Said when removing an item of a ratings exercise that is not the person's own.
/// An entry was shared whole (`n` answers were private); `undo` is the key that puts
/// the marks back.
pub fn entry_shared(n: usize, undo: &str) -> String {
    match n {
        0 => "Nothing changed: every answer in this entry was already shared.".to_string(),
        1 => format!("Shared the 1 private answer in this entry. {undo} undoes it."),
        n => format!("Shared the {n} private answers in this entry. {undo} undoes it."),
    }
}

/// The marks of an entry shared whole were put back.
pub fn entry_share_undone(n: usize) -> String {
    format!("Undone: {n} answer(s) of this entry are private again.")
}

/// Asking whether to share the entry `label` whole; `yes` is the key that does.
pub fn confirm_share_entry(label: &str, yes: &str) -> String {
    format!(
        "Press {yes} to share every answer of “{label}” with the partners you share with; Esc keeps it as it is."
    )
}

/// `n` on a ratings exercise without a "didn't apply" choice.
pub const NO_NOT_APPLICABLE: &str =
    "Every item here takes a value: this exercise has no \"didn't apply\" choice.";

pub const NOT_OWN_ITEM: &str =
    "Only items you added yourself can be removed; this one is part of the exercise.";

/// The count line under a list.
pub fn list_count(n: usize, min: Option<u32>, max: Option<u32>) -> String {
    let count = items(n);
    match (min, max) {
        (Some(lo), Some(hi)) if lo == hi => format!("{count} (asks for {lo})"),
        (Some(lo), Some(hi)) => format!("{count} (asks for {lo} to {hi})"),
        (Some(lo), None) => format!("{count} (asks for at least {lo})"),
        (None, Some(hi)) => format!("{count} (at most {hi})"),
        (None, None) => count,
    }
}

/// Chapter progress, e.g. "3/6 done".
pub fn done_of(done: usize, total: usize) -> String {
    format!("{done}/{total} done")
}

/// Where the user is, for the header.
pub fn chapter_of(n: usize, total: usize) -> String {
    format!("Chapter {n}/{total}")
}

/// Exercise position, for the header.
pub fn exercise_of(n: usize, total: usize) -> String {
    format!("Exercise {n}/{total}")
}

/// Overall progress, for the header.
pub fn overall(done: usize, total: usize) -> String {
    let pct = (done * 100).checked_div(total).unwrap_or(0);
    format!("{pct}% done")
}

/// A stored scale value that lies outside the scale (the workbook changed).
pub fn scale_off(v: i64, min: i64, max: i64) -> String {
    format!("Your earlier answer {v} is not on this {min} to {max} scale: please pick again.")
}

/// The ends of a ratings exercise's scale, above its items.
pub fn rating_ends(min: i64, min_label: Option<&str>, max: i64, max_label: Option<&str>) -> String {
    crate::present::words::rating_ends_between((min, min_label), (max, max_label), " · ")
}

/// Said on a ratings exercise while the list its items come from is still empty.
pub fn ratings_list_empty(title: &str) -> String {
    format!(
        "Your list in \"{title}\" is still empty. Write it there first, then come back here to rate each item."
    )
}

/// Said on a ratings exercise with nothing to rate yet but the person's own items.
pub fn ratings_add_own(add: &str) -> String {
    format!("Nothing to rate yet: {add} adds an item of your own.")
}

/// The label before the field of a new own item of a ratings exercise.
pub const NEW_ITEM: &str = "New item: ";

/// A rated item marked "didn't apply", as its row shows it.
pub fn rated_not_applied(item: &str, na_label: &str) -> String {
    format!("{item} ({na_label})")
}

/// How many items of a ratings exercise have a value.
pub fn ratings_status(rated: usize, total: usize) -> String {
    if rated == total {
        format!("All {total} rated.")
    } else {
        format!("{rated} of {total} rated.")
    }
}

/// A date exercise's line: the day shown, and whether it is taken yet.
pub fn date_line(date: &str, taken: bool) -> String {
    if taken {
        format!("Your answer: {date}")
    } else {
        format!("Today, {date}: press Enter to take it, or ← → to change it.")
    }
}

/// The date being typed, with what is left to type.
pub fn date_typing(shape: &str) -> String {
    format!("Typing: {shape}")
}

/// The "other" row of a checklist (format 2 `other = true`).
pub const CHECKLIST_OTHER: &str = "Other, in my own words:";

/// A scale or rating with no value yet, while the arrows point at `v`.
pub fn scale_proposed(v: &str) -> String {
    format!("{v}? Enter picks it; ← → move. Nothing is picked yet.")
}

/// The current scale value.
pub fn scale_value(v: Option<i64>, max: i64, unit: Option<&str>) -> String {
    match v {
        Some(v) => format!("Your answer: {} / {max}", crate::content::with_unit(v, unit)),
        None => "No value picked yet: use ← → or type a number.".to_string(),
    }
}

/// Above the list of a repeated part's entries.
pub fn entries_heading(title: &str, week: Option<(crate::week::WeekStart, &str)>) -> String {
    match week {
        Some((day, key)) => {
            format!("{title}: every entry, newest first · weeks start on {day} ({key} changes)")
        }
        None => format!("{title}: every entry, newest first"),
    }
}

/// The mark of a repeated exercise in the contents: how often it is filled in.
pub fn repeat_mark(rhythm: crate::content::Rhythm) -> &'static str {
    match rhythm {
        crate::content::Rhythm::Weekly => "(weekly)",
        crate::content::Rhythm::Entries => "(each time)",
    }
}

/// The title of the question which week a check-in is about.
pub const WEEK_QUESTION_TITLE: &str = "Which week?";
/// The question which week a check-in is about, asked the day after an unfinished week.
pub const WEEK_QUESTION: &str =
    "Last week's check-in is not done, and it can still be done today. Which week is this one about?";

/// Said when the day the couple's weeks start on was changed.
pub fn week_starts(day: crate::week::WeekStart) -> String {
    format!("Weeks now start on {day}, from the next new week.")
}

/// The entries screen with no entry yet.
pub fn no_entries(new: &str) -> String {
    format!("No entry yet. Press {new} to start the first.")
}

/// Asked before an entry is deleted.
pub fn confirm_delete(label: &str, yes: &str) -> String {
    format!(
        "Press {yes} to delete “{label}”. It stays in your answers file, marked deleted, so you can restore it; trustbook erase removes it for good."
    )
}

/// A deleted entry's mark in the list.
pub fn deleted_entry(restore: &str) -> String {
    format!("deleted · {restore} restores")
}

/// An entry edited after its time.
pub fn edited_on(day: &str) -> String {
    format!("edited {day}")
}

/// Heading of the trends under the entries.
pub const TRENDS: &str = "Trends: each chart runs oldest to newest";

/// The trends with fewer than two values to show.
pub const TRENDS_NONE: &str = "Trends show here once there are answers on a scale in two entries.";

/// What the welcome screen says a repeated part asks for.
pub fn due_line(title: &str, due: &crate::app::Due) -> String {
    match due {
        crate::app::Due::ThisWeek => format!("{title}: this week's is not done yet"),
        crate::app::Due::Last(0) => format!("{title}: last one today; start another"),
        crate::app::Due::Last(1) => format!("{title}: last one yesterday"),
        crate::app::Due::Last(n) => format!("{title}: last one {n} days ago"),
        crate::app::Due::First => format!("{title}: start the first one"),
    }
}

/// The entry open on an exercise of a repeated part, for the exercise screen.
pub fn entry_open(title: &str, label: &str, old: bool) -> String {
    if old {
        format!("{title} · {label} · an earlier entry: changes are dated")
    } else {
        format!("{title} · {label}")
    }
}

/// A trend's values as text, newest first so the latest is never cut off; said so,
/// since the chart above runs the other way.
pub fn latest_first(values: &str) -> String {
    format!("values, newest first: {values}")
}

/// Above the previous entry's answer, offered in a new entry.
pub const LAST_TIME: &str = "Last time you wrote:";

/// Above a shared list whose version in effect is a partner's.
pub fn shared_from(who: &str, day: &str) -> String {
    format!(
        "Your shared list, as {who} last changed it ({day}). A change you make here becomes the latest for you both."
    )
}

/// Above a shared list whose latest version is this person's own.
pub fn shared_by_me(day: &str) -> String {
    format!(
        "Your shared list: you changed it last ({day}). It is the version you both see, as far as you share it."
    )
}

/// In the review, above a repeated exercise's answer: which entry it is from.
pub fn review_entry(title: &str, label: &str) -> String {
    format!("{title}, the latest: {label}")
}

/// In the review, above a repeated exercise with no entry yet.
pub fn review_no_entry(title: &str) -> String {
    format!("{title}: no entry yet")
}

/// Under the trends, when some do not fit the window: how many are below and above,
/// and the keys that reach them.
pub fn trends_more(above: usize, below: usize, down: &str, up: &str) -> String {
    let count = |n: usize| {
        if n == 1 {
            "1 more trend".to_string()
        } else {
            format!("{n} more trends")
        }
    };
    match (above, below) {
        (0, b) => format!("↓ {}: {down}", count(b)),
        (a, 0) => format!("↑ {} above: {up}", count(a).replacen(" more", "", 1)),
        (a, b) => format!("↓ {}: {down} · ↑ {a} above: {up}", count(b)),
    }
}

/// A week with no check-in, in a trend's values as text.
pub fn no_check_in(day: &str) -> String {
    format!("{day}: no check-in")
}

// The sharing screen.

/// The welcome menu's row that opens the sharing screen.
pub const SHARING_ROW: &str = "Sharing: who sees your answers";
/// While the edge has not yet said who sees what.
pub const SHARING_READING: &str = "Reading who sees your answers…";
/// No other profile and no paired partner; how to pair with one on another computer.
pub fn sharing_nobody(my_code: &str, their_code: &str) -> String {
    format!(
        "There is no other profile on this computer and no partner paired: nobody sees your answers. \
         To pair with your partner's computer, {my_code} shows your pairing code and {their_code} takes theirs."
    )
}

/// A profile name on the sharing screen: through the sanitiser.
fn name_of(name: &str) -> String {
    crate::safe::line(name).to_string()
}

/// The sharing screen's heading.
pub fn sharing_heading(profile: &str) -> String {
    format!("Who sees {}'s answers", name_of(profile))
}

/// What a share of this profile holds and leaves out.
pub fn sharing_counts(c: &crate::sharing::Counts) -> String {
    format!(
        "A share holds {}. Left out, never shared: {} private (ratings of a private list included), {} skipped.",
        answers_n(c.shared),
        c.private,
        c.skipped
    )
}

fn answers_n(n: usize) -> String {
    if n == 1 {
        "1 answer".to_string()
    } else {
        format!("{n} answers")
    }
}

/// Whether `name` sees this profile's answers.
pub fn sharing_sees(name: &str, sees: bool) -> String {
    if sees {
        format!("{} sees your shareable answers as you save them", name_of(name))
    } else {
        format!("{} sees nothing of yours", name_of(name))
    }
}

/// How a partner is reached.
pub fn sharing_reach(reach: &crate::sharing::Reach) -> String {
    use crate::sharing::Reach;
    match reach {
        Reach::ThisComputer { exists: true } => "a profile on this computer".to_string(),
        Reach::ThisComputer { exists: false } => {
            "no profile of this name on this computer yet: it will see this once it exists".to_string()
        }
        Reach::Folder {
            folder: Some(folder), ..
        } => format!("on another computer, through {}", crate::safe::path(folder)),
        Reach::Folder { folder: None, .. } => "on another computer, paired, no folder shared".to_string(),
    }
}

/// Both fingerprints of a folder partner, one line each, to compare together.
pub fn sharing_fingerprints(name: &str, mine: Option<&str>, theirs: Option<&str>) -> [String; 3] {
    let show = |f: Option<&str>| f.map_or("unknown".to_string(), |f| crate::safe::line(f).to_string());
    [
        "fingerprints, to compare together:".to_string(),
        format!("  yours: {}", show(mine)),
        format!("  {}'s: {}", name_of(name), show(theirs)),
    ]
}

/// The question before sharing with `name`: exactly what they will see.
pub fn confirm_share(name: &str, c: &crate::sharing::Counts, yes: &str, no: &str) -> String {
    let n = name_of(name);
    format!(
        "Share with {n}? {n} will see {} of yours (all not private or skipped), and each answer as you save it from now on. Private answers ({}), skipped ones ({}) and ratings of a private list are never shown. {yes} shares, {no} keeps things as they are.",
        answers_n(c.shared),
        c.private,
        c.skipped
    )
}

/// The question before withdrawing sharing with `name`.
pub fn confirm_withdraw(name: &str, yes: &str, no: &str) -> String {
    let n = name_of(name);
    format!(
        "Stop sharing with {n}? From now on {n} sees nothing of yours. What {n} has already seen or copied cannot be taken back. {yes} withdraws, {no} keeps sharing."
    )
}

/// After sharing was started or withdrawn.
pub fn sharing_changed(change: &crate::sharing::Change) -> String {
    use crate::sharing::Change;
    match change {
        // One footer line: short enough for 60 columns.
        Change::Started(n) => format!("Shared with {}; private answers never are.", name_of(n)),
        Change::Withdrawn(n) => format!("Withdrawn: {} sees nothing of yours from now on.", name_of(n)),
    }
}

/// Why the sharing screen could not do what was asked.
pub fn sharing_failed(e: &crate::sharing::SharingError) -> String {
    use crate::sharing::SharingError;
    match e {
        // One footer line; the screen says the rest.
        SharingError::WithItself => "A profile cannot share with itself.".to_string(),
        SharingError::NeedsFolder(n) => format!(
            "{n} is on another computer: share through your folder with trustbook share --with {n} --folder DIR.",
            n = name_of(n)
        ),
        SharingError::Write(n, why) => format!(
            "Could not share with {}: {}",
            name_of(n),
            crate::present::clean_line(why)
        ),
        SharingError::Withdraw(n, why) => format!(
            "Could not withdraw from {}: {}",
            name_of(n),
            crate::present::clean_line(why)
        ),
        SharingError::Read(why) => format!(
            "Could not read who sees your answers: {}",
            crate::present::clean_line(why)
        ),
    }
}
