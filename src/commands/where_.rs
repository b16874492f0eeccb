//! `trustbook where`: where answers are kept.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use trustbook::content::Workbook;
use trustbook::safe;
use trustbook::store::{
    self, DefaultProfile, ProfileKind, StoreOptions, list_profiles, resolve_data_dir, validate_profile,
};

use super::{Globals, fail};

/// `trustbook where`: the data directory, this profile's file, every profile, kept answers.
/// Every path, name and key is shown quoted (see `trustbook::safe`), and the whole text
/// goes through the sanitiser once more on its way out.
///
/// `pick` is what was found when no `--profile` was given: on a first run or among several
/// profiles there is no answers file of "this" profile to show, and none is current.
pub fn run(g: &Globals) -> ExitCode {
    let t = match super::target(g) {
        Ok(t) => t,
        Err(code) => return code,
    };
    print(&t.opts, &t.wb, t.pick.as_ref(), &mut std::io::stdout().lock()).unwrap_or_else(fail)
}

/// [`run`], writing to `out`.
fn print(
    opts: &StoreOptions,
    wb: &Workbook,
    pick: Option<&DefaultProfile>,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let mut text = Vec::new();
    let code = where_text(opts, wb, pick, &mut text)?;
    match safe::write_out(out, &String::from_utf8_lossy(&text)) {
        // A reader that stops early (`where | head`) is no failure, as for every command.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(e),
        Ok(()) => Ok(code),
    }
}

/// The text of `where`: the data folder, this profile's answers file, every profile,
/// and answers kept for exercises the workbook no longer has.
fn where_text(
    opts: &StoreOptions,
    wb: &Workbook,
    pick: Option<&DefaultProfile>,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let dir = match validate_profile(&opts.profile).and_then(|()| resolve_data_dir(opts.data_dir.as_deref()))
    {
        Ok(d) => d,
        Err(e) => return Ok(fail(e)),
    };
    if dir.symlink_metadata().is_ok() && !dir.is_dir() {
        return Ok(fail(store::StoreError::NotAFolder { path: dir }));
    }
    let path = dir.join(format!("{}.toml", opts.profile));
    writeln!(out, "data directory: {}", safe::path(&dir))?;
    let unnamed = match pick {
        Some(DefaultProfile::FirstRun) => Some("none yet: trustbook asks for a name when it first opens"),
        Some(DefaultProfile::Several(_)) => {
            Some("none chosen: there are several profiles; name one with --profile NAME")
        }
        Some(DefaultProfile::Found(_)) | None => None,
    };
    let current = match unnamed {
        Some(why) => {
            writeln!(out, "answers file:   {why}")?;
            None
        }
        None => answers_file_lines(out, &path, &opts.profile, wb)?,
    };

    let profiles = list_profiles(&dir);
    writeln!(out, "profiles:")?;
    if profiles.is_empty() {
        writeln!(out, "  (none yet)")?;
    }
    for p in &profiles {
        let current = p.kind == ProfileKind::Own && p.name == opts.profile && unnamed.is_none();
        profile_lines(out, &dir, wb, p, current)?;
    }

    if let Some(saved) = &current {
        let orphans = saved.answers.orphans(wb);
        if !orphans.is_empty() {
            writeln!(
                out,
                "answers kept for exercises the workbook no longer has ({}):",
                orphans.len()
            )?;
            for (c, e) in orphans {
                writeln!(out, "  {} / {}", safe::line(&c), safe::line(&e))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// This profile's answers file at `path`: where it is, whether it can be read, its kept
/// copies. Gives what it holds when it was read.
fn answers_file_lines(
    out: &mut dyn Write,
    path: &Path,
    profile: &str,
    wb: &Workbook,
) -> std::io::Result<Option<store::Saved>> {
    writeln!(out, "answers file:   {}", safe::path(path))?;
    let current = store::read_answers(path, profile, &wb.id);
    match &current {
        Ok(None) => writeln!(out, "                (not created yet)")?,
        Ok(Some(_)) => {}
        Err(store::StoreError::Protected { .. }) => writeln!(
            out,
            "                protected with a passphrase (its contents are not shown)"
        )?,
        Err(e) => writeln!(out, "                cannot be used: {}", e.problem())?,
    }
    for copy in kept_copies(path) {
        writeln!(out, "kept copy:      {}", safe::path(&copy))?;
    }
    Ok(current.ok().flatten())
}

/// One profile's line (`current` marks the one this command works on) and, for an own
/// profile, its kept copies, who it shares with and its exchanges.
fn profile_lines(
    out: &mut dyn Write,
    dir: &Path,
    wb: &Workbook,
    p: &store::ProfileInfo,
    current: bool,
) -> std::io::Result<()> {
    let kind = match p.kind {
        ProfileKind::Own => "own",
        ProfileKind::Partner => "partner",
    };
    let mark = if current { " (current)" } else { "" };
    writeln!(
        out,
        "  {:<20} {kind:<8} {}{mark}",
        safe::line(&p.name).to_string(),
        profile_count(dir, wb, p)
    )?;
    if p.kind == ProfileKind::Partner {
        return Ok(());
    }
    let copies = store::kept::kept_copies(dir, &p.name);
    if !copies.is_empty() {
        let n = match copies.len() {
            1 => "1 kept copy".to_string(),
            n => format!("{n} kept copies"),
        };
        writeln!(
            out,
            "  {:<20} {:<8} {n}, {} bytes (trustbook erase --profile {} removes all)",
            "",
            "",
            store::kept::total_size(&copies),
            safe::line(&p.name)
        )?;
    }
    let shares = trustbook::sharing::partners_of(dir, &p.name);
    if !shares.is_empty() {
        writeln!(
            out,
            "  {:<20} {:<8} shares with: {}",
            "",
            "",
            safe::line(&shares.join(", "))
        )?;
    }
    exchange_lines(out, dir, &p.name, &wb.id)
}

/// What a profile holds, as its line says it: how many answers, or why they are not
/// counted.
fn profile_count(dir: &Path, wb: &Workbook, p: &store::ProfileInfo) -> String {
    // A partner's export is counted as import counts it (entries included), so the
    // two never disagree; the store's quick count reads only answers given once.
    let answers = match p.kind {
        ProfileKind::Partner => trustbook::partner::read_export(dir, &p.name, &wb.id)
            .map(|e| e.answers.len())
            .ok()
            .or(p.answers),
        ProfileKind::Own => p.answers,
    };
    match (answers, &p.problem) {
        _ if p.protected => "protected with a passphrase".to_string(),
        _ if p.workbook.as_ref().is_some_and(|w| *w != wb.id) => format!(
            "belongs to another workbook (\"{}\")",
            trustbook::present::clean_line(p.workbook.as_deref().unwrap_or_default())
        ),
        (Some(1), _) => "1 answer".to_string(),
        (Some(n), _) => format!("{n} answers"),
        (None, Some(problem)) => format!("cannot be read: {}", safe::line(problem)),
        (None, None) => "answers not counted".to_string(),
    }
}

/// For each partner `name` exchanges with through a folder: the folder, the shares
/// numbered so far, and every file there that was not taken, with why.
fn exchange_lines(out: &mut dyn Write, dir: &Path, name: &str, workbook: &str) -> std::io::Result<()> {
    use trustbook::exchange::{folder, local};
    let plain = trustbook::store::Protection::Plain;
    for partner in local::linked_partners(dir, name) {
        if store::is_protected(dir, name) {
            // Its exchange files are under its passphrase: `where` shows nothing of them.
            writeln!(
                out,
                "  {:<20} {:<8} exchanges with {} through a folder (details protected)",
                "",
                "",
                safe::line(&partner)
            )?;
            continue;
        }
        let Ok(Some(link)) = local::link(dir, name, &partner, &plain) else {
            continue;
        };
        writeln!(
            out,
            "  {:<20} {:<8} exchanges with {} through {} (yours: number {}, theirs read: number {})",
            "",
            "",
            safe::line(&partner),
            safe::path(&link.folder),
            link.writer.seq,
            link.reader.seq
        )?;
        let (Ok(own), Ok(Some(theirs))) = (
            local::own_keys(dir, name, &plain),
            local::partner_keys(dir, name, &partner, &plain),
        ) else {
            continue;
        };
        let found = folder::read(&link.folder, &own, &theirs, (&partner, name, workbook));
        for (path, why) in found.ignored {
            writeln!(
                out,
                "  {:<20} {:<8}   ignored {}: {}",
                "",
                "",
                safe::path(&path),
                safe::line(&why)
            )?;
        }
    }
    Ok(())
}

/// Backups and moved-aside files of the answers file at `path`, sorted by name.
fn kept_copies(path: &Path) -> Vec<std::path::PathBuf> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let prefix = format!("{name}.");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(&prefix)))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}
