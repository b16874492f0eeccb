//! `trustbook export`: a profile's answers out of the app, as a Markdown document or
//! JSON for a partner.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use trustbook::answers::{Answers, now_utc};
use trustbook::content::Workbook;
use trustbook::export::{self, ExportMeta};
use trustbook::partner;
use trustbook::safe;
use trustbook::store::{self, ProfileKind, StoreOptions, resolve_data_dir};

use super::{Globals, fail, print_result};

/// What an export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A document to read, print or send.
    Markdown,
    /// For a partner to `trustbook import` (see docs/export-format.md).
    Json,
}

/// Options of `trustbook export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Write to this file instead of standard output (created private, 0600).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the --output file if it exists.
    #[arg(long)]
    force: bool,
    /// Include answers marked private (think before you share the result).
    #[arg(long)]
    include_private: bool,
    /// Only this chapter: its number (1, 2, ...) or its id.
    #[arg(long, value_name = "N|ID")]
    chapter: Option<String>,
    /// Only entries of repeated parts (check-ins, records) from this day on; answers given
    /// once are all kept.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = since_day)]
    since: Option<i64>,
}

/// Reads `--since`: a day as `YYYY-MM-DD`, in days since 1970-01-01.
fn since_day(text: &str) -> Result<i64, String> {
    if let Some(day) = trustbook::date::parse(text) {
        return Ok(day);
    }
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    Err(if shaped {
        "there is no such day in the calendar; give a real day as YYYY-MM-DD, e.g. 2026-11-30".to_string()
    } else {
        "give a day as YYYY-MM-DD (year, month, day, with dashes), e.g. 2026-11-30".to_string()
    })
}

/// `trustbook export`: the answers of `opts.profile`, own or imported partner profile, read
/// without taking its lock (so it works while the app is open).
pub fn run(g: &Globals, args: &ExportArgs) -> ExitCode {
    let t = match super::own_target(g) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if t.first_run() {
        return fail(
            "there are no answers to export yet: no profile has been started (trustbook asks for a name when it first opens).",
        );
    }
    export(&t.opts, &t.wb, args)
}

/// Writes the export of the profile `opts` names.
fn export(opts: &StoreOptions, wb: &Workbook, args: &ExportArgs) -> ExitCode {
    if let Some(path) = &args.output
        && let Err(msg) = check_output(opts, args, path)
    {
        return fail(msg);
    }
    let (answers, meta) = match read_for_export(opts, wb) {
        Ok(read) => read,
        Err(msg) => return fail(msg),
    };
    let chapter = match args
        .chapter
        .as_deref()
        .map(|c| super::chapter_arg(wb, &answers, c))
    {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(msg)) => return fail(msg),
    };
    let scope = export::Scope {
        chapter,
        since: args.since,
    };
    let answers = export::select(&answers, &scope);
    let text = match args.format {
        Format::Markdown => export::markdown_part(wb, &answers, &meta, args.include_private, &scope),
        Format::Json => export::json(wb, &answers, &meta, args.include_private),
    };
    if args.format == Format::Json {
        trustbook::report!(
            "note: a JSON export is plain text: anyone who has the file can read it, and the weekly answers in it are not blind (the exchange folder keeps them sealed: see docs/sharing.md)."
        );
    }
    if args.format == Format::Json && scope != export::Scope::default() {
        trustbook::report!(
            "note: this export holds part of the answers (--chapter or --since); a partner who imports it sees only that part, in place of any earlier import."
        );
    }
    let private = export::private_count(&answers);
    let left_out = if args.include_private { 0 } else { private };
    let Some(path) = &args.output else {
        return match print_result(&text) {
            Ok(()) => {
                note_left_out(left_out);
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("could not write the export to standard output: {e}")),
        };
    };
    // Absolute, so the temporary file goes next to it even for a bare file name.
    let target = std::path::absolute(path).unwrap_or_else(|_| path.clone());
    if let Err(e) = store::write_atomic(&target, &text) {
        // Not the store's own message: "Answers not saved" is the app's alarm for the
        // answers file, which an export never touches.
        let reason = std::error::Error::source(&e).map_or_else(|| e.short(), ToString::to_string);
        return fail(format!(
            "could not write the export to {}: {reason}",
            safe::path(path)
        ));
    }
    trustbook::report!(
        "Wrote the answers of profile \"{}\" to {}.",
        safe::line(&opts.profile),
        safe::path(path)
    );
    note_left_out(left_out);
    if private > 0 && args.include_private {
        trustbook::report!("It holds {private} private answer(s): think before you share it.");
    }
    ExitCode::SUCCESS
}

/// Refuses an `--output` that is inside the data folder (it could replace trustbook's own
/// files, e.g. an answers file), that is a folder, or that exists without `--force`. Runs
/// before anything is read or written.
fn check_output(opts: &StoreOptions, args: &ExportArgs, path: &Path) -> Result<(), String> {
    let data_dir = resolve_data_dir(opts.data_dir.as_deref()).map_err(|e| e.to_string())?;
    let data_dir = resolved(&data_dir);
    if resolved(path).starts_with(&data_dir) {
        return Err(format!(
            "{} is inside trustbook's data folder ({}), where it keeps the answers; nothing was written. \
             Choose an --output outside that folder, e.g. in your home folder.",
            safe::path(path),
            safe::path(&data_dir)
        ));
    }
    if path.is_dir() {
        let example = path.join(format!(
            "{}-answers.{}",
            opts.profile,
            match args.format {
                Format::Markdown => "md",
                Format::Json => "json",
            }
        ));
        return Err(format!(
            "{} is a folder; give a file name, e.g. --output {}. Nothing was written.",
            safe::path(path),
            safe::path(&example)
        ));
    }
    if let Ok(meta) = path.symlink_metadata()
        && !meta.file_type().is_file()
    {
        let what = if meta.file_type().is_symlink() {
            "a symbolic link"
        } else {
            store::not_regular_words(&meta)
        };
        return Err(format!(
            "{} is {what}, not a regular file; an export only ever replaces a regular file, even with --force. \
             Nothing was written. Choose another --output.",
            path.display()
        ));
    }
    if !args.force && path.symlink_metadata().is_ok() {
        return Err(format!(
            "{} already exists; nothing was written. Add --force to replace it, or choose another --output.",
            safe::path(path)
        ));
    }
    Ok(())
}

/// `path` made absolute with every link resolved, as far as it exists: the deepest existing
/// ancestor is canonicalized and the rest (not created yet) appended. Two paths to the same
/// place give the same result, whichever links or `..` led there.
fn resolved(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut at = path.as_path();
    loop {
        if let Ok(mut real) = at.canonicalize() {
            real.extend(rest.iter().rev());
            return real;
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            // A `..` past a missing folder: the system cannot open such a path either.
            _ => return path,
        }
    }
}

/// Says on stderr how many private answers an export left out.
fn note_left_out(count: usize) {
    if count > 0 {
        trustbook::report!("{count} private answer(s) left out; add --include-private to include them.");
    }
}

/// The answers to export and whose they are. An own profile is exported as of today; an
/// imported partner profile as it was exported (its name and day), so that export, import
/// and export again give the same file.
fn read_for_export(opts: &StoreOptions, wb: &Workbook) -> Result<(Answers, ExportMeta), String> {
    let dir = resolve_data_dir(opts.data_dir.as_deref()).map_err(|e| e.to_string())?;
    let name = opts.profile.as_str();
    match store::profile_kind(&dir, name) {
        Some(ProfileKind::Own) => {
            // Asked once: the protection reads the answers and opens what was shared with it.
            let protection = super::protect::protection_of(&dir, name)?;
            let mut saved = super::protect::read_own_as(&dir, name, wb, &protection)?
                .ok_or_else(|| partner::no_profile(name))?;
            store::migrate(&mut saved.answers, wb);
            // The couple's one version of each shared list, whoever typed it (read, and
            // never written into this profile's own answers: a JSON export keeps its own).
            if let Some(e) =
                partner::take_shared_lists(&dir, wb, (name, &protection), &mut saved.answers, &now_utc())
            {
                trustbook::report!("note: {e}");
            }
            let date = now_utc().chars().take(10).collect();
            let meta = ExportMeta {
                profile: name.to_string(),
                date,
            };
            Ok((saved.answers, meta))
        }
        Some(ProfileKind::Partner) => {
            let exp = partner::read_export(&dir, name, &wb.id)?;
            let meta = ExportMeta {
                profile: exp.profile,
                date: exp.exported,
            };
            Ok((exp.answers, meta))
        }
        None => Err(partner::no_profile(name)),
    }
}
