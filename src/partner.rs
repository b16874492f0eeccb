//! Reading another profile's answers to compare with: an own profile on this
//! machine, or a partner's export imported into `partners/`.

use std::path::Path;

use crate::answers::Answers;
use crate::export::{self, Export};
use crate::safe;
use crate::sharing;
use crate::store::{self, ProfileKind};

/// Largest partner export read; real ones are a few KiB to a few MiB.
pub const MAX_IMPORT_BYTES: u64 = store::MAX_FILE_BYTES;

/// Names of the profiles `me` can compare with (every other profile), in order.
pub fn others(data_dir: &Path, me: &str) -> Vec<String> {
    let mut names: Vec<String> = store::list_profiles(data_dir)
        .into_iter()
        .map(|p| p.name)
        .filter(|n| n != me)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Reads what profile `name` has shared with `reader` for workbook `workbook_id`: an own
/// profile's share ([`sharing::read`]), never its answers file, or an imported partner's
/// export (handed over, so shared). `Ok(None)`: `name` has not shared with `reader`.
///
/// `protection` is the reader's own (unlocked) protection: a share encrypted to the
/// reader is opened with the reader's exchange key, and a partner profile its sync wrote
/// under its passphrase with its key.
pub fn read_shared(
    data_dir: &Path,
    name: &str,
    reader: &str,
    workbook_id: &str,
    protection: &store::Protection,
) -> Result<Option<Answers>, String> {
    match store::profile_kind(data_dir, name) {
        Some(ProfileKind::Own) => match sharing::read(data_dir, name, reader, workbook_id, protection) {
            Ok(answers) => Ok(Some(answers)),
            Err(sharing::NotShared::NotShared { .. }) => Ok(None),
            Err(e @ sharing::NotShared::Unreadable(_)) => Err(e.to_string()),
        },
        Some(ProfileKind::Partner) => Ok(Some(
            read_export_as(data_dir, name, workbook_id, protection)?.answers,
        )),
        None => Err(no_profile(name)),
    }
}

/// Takes into `answers` (profile `reader`'s) every partner's version of the workbook's
/// shared lists, as far as each shared it with `reader` (see [`Answers::take_shared`]):
/// the couple's one list, whoever typed it; and the day the couple's weeks start on, when
/// a partner set it later (see [`Answers::take_week`]). Nothing is written. The first partner that
/// cannot be read is returned, to be said, not passed over.
pub fn take_shared_lists(
    data_dir: &Path,
    wb: &crate::content::Workbook,
    (reader, protection): (&str, &store::Protection),
    answers: &mut Answers,
    now: &str,
) -> Option<String> {
    let mut problem = None;
    let weekly = wb.chapters.iter().any(|c| c.repeat.is_some());
    if !wb.has_shared_lists() && !weekly {
        return problem;
    }
    for name in others(data_dir, reader) {
        match read_shared(data_dir, &name, reader, &wb.id, protection) {
            Ok(Some(theirs)) => {
                answers.take_shared(wb, &name, &theirs, now);
                // The couple's first day of the week, if they set it later.
                answers.take_week(&theirs);
            }
            // Not shared with this profile: nothing of theirs is taken, nothing said.
            Ok(None) => {}
            Err(e) => {
                problem.get_or_insert(format!("shared lists leave out {name}'s answers: {e}"));
            }
        }
    }
    problem
}

/// [`read_shared`], with "not shared" as an error that says how the partner can share.
pub fn read(
    data_dir: &Path,
    name: &str,
    reader: &str,
    workbook_id: &str,
    protection: &store::Protection,
) -> Result<Answers, String> {
    read_shared(data_dir, name, reader, workbook_id, protection)?.ok_or_else(|| {
        sharing::NotShared::NotShared {
            owner: name.to_string(),
            reader: reader.to_string(),
        }
        .to_string()
    })
}

/// Reads profile `name`'s own answers, as the person who owns them sees them (private
/// ones included: the comparison keeps them to their owner): an own profile's answers
/// file, or an imported partner's export.
pub fn read_mine(data_dir: &Path, name: &str, workbook_id: &str) -> Result<Answers, String> {
    match store::profile_kind(data_dir, name) {
        Some(ProfileKind::Own) => {
            let path = data_dir.join(format!("{name}.toml"));
            let saved = store::read_answers(&path, name, workbook_id).map_err(|e| e.to_string())?;
            Ok(saved.map(|s| s.answers).unwrap_or_default())
        }
        Some(ProfileKind::Partner) => Ok(read_export(data_dir, name, workbook_id)?.answers),
        None => Err(no_profile(name)),
    }
}

/// Reads the imported partner profile `name` as it was exported (private answers included
/// when the export holds them), checked for workbook `workbook_id`.
pub fn read_export(data_dir: &Path, name: &str, workbook_id: &str) -> Result<Export, String> {
    read_export_as(data_dir, name, workbook_id, &store::Protection::Plain)
}

/// [`read_export`] of a partner profile that a protected profile's sync may have written
/// encrypted to its key (`protection`).
pub fn read_export_as(
    data_dir: &Path,
    name: &str,
    workbook_id: &str,
    protection: &store::Protection,
) -> Result<Export, String> {
    let path = store::partner_path(data_dir, name);
    let sealed = store::read_regular(&path, false, MAX_IMPORT_BYTES)
        .ok()
        .filter(|b| crate::vault::is_age(b));
    let text = if let Some(bytes) = sealed {
        if !protection.is_locked() {
            return Err(format!(
                "{} is encrypted: a protected profile's exchange wrote it, and only that profile reads it",
                safe::path(&path)
            ));
        }
        let plain = protection
            .open(&bytes)
            .map_err(|e| format!("{}: {e}", safe::path(&path)))?;
        zeroize::Zeroizing::new(
            String::from_utf8(plain.to_vec())
                .map_err(|_| format!("{} is not UTF-8 text", safe::path(&path)))?,
        )
    } else {
        zeroize::Zeroizing::new(read_limited(&path, false)?)
    };
    let exp = export::parse_json(&text).map_err(|e| format!("{}: {e}", safe::path(&path)))?;
    export::check_import(&exp, workbook_id).map_err(|e| format!("{}: {e}", safe::path(&path)))?;
    Ok(exp)
}

/// The message for a profile name that is neither an own nor a partner profile.
pub fn no_profile(name: &str) -> String {
    format!(
        "there is no profile called \"{}\"; `trustbook where` lists the profiles",
        safe::line(name)
    )
}

/// Reads a regular file of at most [`MAX_IMPORT_BYTES`]: a named pipe, a device or a folder
/// is refused at once, and so is a link unless `follow_links` (a path the person typed may
/// be a link; a partner file in the data folder may not).
pub fn read_limited(path: &Path, follow_links: bool) -> Result<String, String> {
    let bytes = store::read_regular(path, follow_links, MAX_IMPORT_BYTES).map_err(|e| match e {
        store::ReadError::Io(e) => format!("cannot read {}: {e}", safe::path(path)),
        store::ReadError::Link => format!(
            "{} is a symbolic link, which trustbook does not follow in its data folder; \
             replace it with the file it points to, or import the export again",
            safe::path(path)
        ),
        e @ (store::ReadError::NotRegular(_) | store::ReadError::TooLarge(_)) => {
            format!(
                "{} cannot be read: {e}; that is not a trustbook export",
                safe::path(path)
            )
        }
    })?;
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "{} is not UTF-8 text; that is not a trustbook export",
            safe::path(path)
        )
    })
}
