//! `trustbook share`: what a profile shares with whom, on this computer. Sharing is the
//! act of the person whose answers are shown: `--with` gives standing consent, `--stop`
//! withdraws it at once, and without either it lists who sees what.

use std::process::ExitCode;

use clap::Args;
use trustbook::answers::now_utc;
use trustbook::content::Workbook;
use trustbook::store::{self, StoreOptions};
use trustbook::{export, safe, sharing};

use super::fail;

/// Options of `trustbook share`.
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// Share this profile's answers with profile NAME on this computer, from now on, as
    /// they are saved (never the private ones).
    #[arg(long, value_name = "NAME", value_parser = crate::profile_name, conflicts_with = "stop")]
    with: Option<String>,
    /// Stop sharing with profile NAME at once.
    #[arg(long, value_name = "NAME", value_parser = crate::profile_name)]
    stop: Option<String>,
    /// With --with: share through this folder the two computers sync (after `trustbook
    /// pair`), encrypted and signed, blind answers sealed until both answered.
    #[arg(long, value_name = "DIR", requires = "with")]
    folder: Option<std::path::PathBuf>,
}

/// Runs `trustbook share` for the profile the options name.
pub fn run(g: &super::Globals, args: &ShareArgs) -> ExitCode {
    match super::own_target(g) {
        Ok(t) => share(&t.opts, &t.wb, args),
        Err(code) => code,
    }
}

/// [`run`] for `opts.profile`.
fn share(opts: &StoreOptions, wb: &Workbook, args: &ShareArgs) -> ExitCode {
    let dir = match super::own_profile_dir(opts) {
        Ok(dir) => dir,
        Err(code) => return code,
    };
    let owner = opts.profile.as_str();
    match (&args.with, &args.stop) {
        (Some(with), _) if args.folder.is_some() => {
            let folder = args.folder.as_deref().unwrap_or(std::path::Path::new("."));
            super::pair::link(
                &StoreOptions {
                    data_dir: Some(dir.clone()),
                    profile: owner.to_string(),
                },
                wb,
                with,
                folder,
            )
        }
        (Some(with), _) => grant(&dir, wb, owner, with),
        (None, Some(stop)) => withdraw(&dir, wb, owner, stop),
        (None, None) => list(&dir, owner),
    }
}

fn grant(dir: &std::path::Path, wb: &Workbook, owner: &str, with: &str) -> ExitCode {
    if with == owner {
        return fail("a profile cannot share with itself; name your partner's profile, e.g. --with sam");
    }
    // A protected profile asks its passphrase to read its answers; the share is then
    // encrypted to the reader (see `sharing`).
    let answers = match super::protect::read_own(dir, owner, wb) {
        Ok(a) => {
            let mut a = a.map(|s| s.answers).unwrap_or_default();
            store::migrate(&mut a, wb);
            a
        }
        Err(e) => return fail(e),
    };
    let today: String = now_utc().chars().take(10).collect();
    let text = sharing::share_text(wb, owner, &answers, &today);
    if let Err(e) = sharing::write(dir, owner, with, &text) {
        return fail(e);
    }
    let shared = sharing::shareable(wb, &answers).len();
    let left_out = export::private_count(&answers.with_private_sources(wb));
    let (o, w) = (safe::line(owner), safe::line(with));
    trustbook::say!(
        "{o} now shares with {w}: {shared} answer(s), and from now on each answer as it is saved."
    );
    trustbook::say!("Left out: {left_out} private answer(s), and anything skipped. They stay with {o}.");
    if store::profile_kind(dir, with).is_none() {
        trustbook::say!(
            "There is no profile called {w} on this computer yet; it will see this once it exists."
        );
    }
    trustbook::say!("To stop at once: trustbook share --profile {o} --stop {w}");
    ExitCode::SUCCESS
}

fn withdraw(dir: &std::path::Path, wb: &Workbook, owner: &str, stop: &str) -> ExitCode {
    let (o, s) = (safe::line(owner), safe::line(stop));
    // Through an exchange folder: a withdrawal goes into the folder, and the link goes.
    let folder = trustbook::exchange::local::linked_partners(dir, owner)
        .iter()
        .any(|p| p == stop);
    let protection = if folder {
        match super::protect::protection_of(dir, owner) {
            Ok(p) => p,
            Err(e) => return fail(e),
        }
    } else {
        store::Protection::Plain
    };
    match sharing::withdraw_any(dir, wb, owner, stop, &now_utc(), &protection) {
        Ok(true) if folder => {
            trustbook::say!(
                "{o} no longer shares with {s} through the folder: a withdrawal is written there, and {s}'s trustbook deletes what it holds of {o}'s when it reads it."
            );
            trustbook::say!("What {s} has already seen or copied cannot be taken back.");
            ExitCode::SUCCESS
        }
        Ok(true) => {
            trustbook::say!(
                "{o} no longer shares with {s}: from now on nothing of {o}'s shows to {s} on this computer."
            );
            trustbook::say!("What {s} has already seen or copied cannot be taken back.");
            ExitCode::SUCCESS
        }
        Ok(false) => {
            trustbook::say!("{o} was not sharing with {s}: nothing changed.");
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("cannot stop sharing with {s}: {e}")),
    }
}

fn list(dir: &std::path::Path, owner: &str) -> ExitCode {
    let o = safe::line(owner);
    let partners = sharing::partners_of(dir, owner);
    if partners.is_empty() {
        trustbook::say!("{o} shares with nobody: no other profile sees any of {o}'s answers.");
        trustbook::say!("To share (never the private answers): trustbook share --profile {o} --with NAME");
        return ExitCode::SUCCESS;
    }
    trustbook::say!("{o} shares every answer that is not private or skipped with:");
    for p in &partners {
        trustbook::say!("  {}", safe::line(p));
    }
    trustbook::say!("Private answers, skips and ratings of a private list stay with {o}.");
    trustbook::say!("To stop: trustbook share --profile {o} --stop NAME");
    ExitCode::SUCCESS
}
