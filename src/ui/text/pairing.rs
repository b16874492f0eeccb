//! The words of pairing on the sharing screen: this profile's code, the partner's,
//! the fingerprints to compare and the warning of a changed key. Names go through the
//! sanitiser; fingerprints and codes are made here, from keys, never taken as typed.

use crate::app::PairProblem;
use crate::exchange::keys::CODE_LEN;
use crate::exchange::local::{PairError, Paired};
use crate::present::clean_line;
use crate::safe;

fn name_of(name: &str) -> String {
    safe::line(name).to_string()
}

/// Above this profile's code.
pub fn my_code_title(profile: &str) -> String {
    format!("Your pairing code ({})", name_of(profile))
}

/// While the edge reads (or makes) this profile's keys.
pub const READING_KEYS: &str = "Reading your keys…";

/// What the code is for and how to copy it.
pub const MY_CODE_ABOUT: &str = "Give this code to your partner: it holds no secret, so mail or a chat message will do. \
     To copy it, select it with the mouse while holding Shift; the line breaks inside it are ignored when it is pasted.";

/// This profile's fingerprint.
pub fn my_fingerprint(fingerprint: &str) -> String {
    format!("Your fingerprint: {fingerprint}")
}

/// What comes next, under the code.
pub fn my_code_next(profile: &str, partner_key: &str) -> String {
    format!(
        "Your partner enters it in Sharing → {partner_key} on their computer; you enter theirs here with {partner_key}. \
         trustbook pair --profile {} prints the same code.",
        name_of(profile)
    )
}

/// Above the fields of the partner's name and code.
pub const ENTRY_TITLE: &str = "Enter your partner's pairing code";
/// The name field's label.
pub const NAME_LABEL: &str = "their profile name";
/// The code field's label.
pub const CODE_LABEL: &str = "their pairing code";

/// Under the fields: how to fill them in.
pub fn entry_rule(enter: &str, tab: &str, esc: &str) -> String {
    format!(
        "Paste or type it; spaces and line breaks in it are ignored. {enter} checks it, {tab} moves between the fields, {esc} cancels."
    )
}

/// Why the name or code given cannot be used, and how to fix it.
pub fn problem(p: &PairProblem, my_code_key: &str) -> String {
    match p {
        PairProblem::NoName => {
            "Type your partner's profile name first: the name their trustbook uses.".to_string()
        }
        PairProblem::BadName(n) => format!(
            "\"{}\" cannot be a profile name: lowercase letters (a-z) and digits, with single dashes between words, at most {}.",
            clean_line(n),
            crate::store::MAX_PROFILE_LEN
        ),
        PairProblem::OwnName => "That is your own profile's name: type your partner's.".to_string(),
        PairProblem::NoCode => "Paste or type the pairing code your partner's trustbook shows.".to_string(),
        PairProblem::BadCode(name, why) => {
            let n = name_of(name);
            format!(
                "That code cannot be used: {}. Nothing was recorded. {n} finds the code in Sharing → {my_code_key} on their computer (or with trustbook pair --profile {n}).",
                clean_line(why)
            )
        }
        PairProblem::TooLong(n) => {
            format!("That would be {n} characters; a pairing code has {CODE_LEN}. Copy the code alone.")
        }
        PairProblem::Keys(why) => format!("Your keys could not be read: {}", clean_line(why)),
    }
}

/// Above both fingerprints.
pub fn compare_title(partner: &str) -> String {
    format!("Compare fingerprints with {}", name_of(partner))
}

/// What to do with the fingerprints.
pub const COMPARE_ABOUT: &str = "Read these aloud to each other, in person or by phone. \
     If they differ, do not pair: someone may have changed a code on its way.";

/// Both fingerprints, this profile's and the partner's, labels padded to one width so
/// that, one under the other, they line up.
pub fn fingerprint_rows(mine: &str, partner: &str, theirs: &str) -> [String; 2] {
    let theirs_label = format!("{}'s:", name_of(partner));
    let w = theirs_label.chars().count().max(6);
    [
        format!("{:<w$} {mine}", "yours:"),
        format!("{theirs_label:<w$} {theirs}"),
    ]
}

/// The question under the fingerprints.
pub fn compare_ask(partner: &str, yes: &str, no: &str) -> String {
    let n = name_of(partner);
    format!("Do both match what {n}'s screen shows? {yes} records {n}'s code, {no} records nothing.")
}

/// The warning's first line.
pub fn changed_title(partner: &str) -> String {
    format!("WARNING: {}'s key has changed", name_of(partner))
}

/// The fingerprints of a changed key: recorded before, in the new code, and this profile's.
pub fn changed_rows(old: &str, new: &str, mine: &str) -> [String; 3] {
    [
        format!("recorded before:  {old}"),
        format!("in this code:     {new}"),
        format!("yours:            {mine}"),
    ]
}

/// What a changed key may mean, and what to do.
pub fn changed_about(partner: &str) -> String {
    let n = name_of(partner);
    format!(
        "A different code is already recorded for {n}. That happens when {n} made new keys (a new computer, trustbook set up again), \
         and also when someone else made this code to read what you share. Call {n} or meet, and compare the new fingerprint aloud first."
    )
}

/// The label of the field the partner's name is typed into.
pub fn changed_label(partner: &str) -> String {
    format!("type {} and Enter to replace the key", name_of(partner))
}

/// After Enter on something other than the partner's name.
pub fn changed_refused(partner: &str, esc: &str) -> String {
    format!(
        "Not replaced: type {} exactly, then Enter. {esc} keeps the old key.",
        name_of(partner)
    )
}

/// After a partner's code was recorded (or was already). One footer line.
pub fn paired(partner: &str, outcome: &Paired) -> String {
    let n = name_of(partner);
    match outcome {
        Paired::New => format!("Paired with {n}: their code is recorded."),
        Paired::Same => format!("{n}'s code was already recorded: nothing changed."),
        Paired::Replaced { old } => format!("{n}'s key replaced (it was {old})."),
    }
}

/// Pairing left before anything was recorded.
pub fn not_paired(partner: &str) -> String {
    format!("Nothing recorded for {}.", name_of(partner))
}

/// Pairing could not be done.
pub fn pair_failed(e: &PairError) -> String {
    format!("Pairing failed: {}", clean_line(&e.to_string()))
}
