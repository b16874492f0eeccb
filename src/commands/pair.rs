//! `trustbook pair`: the keys two computers exchange once (`sync.rs` does a round
//! of reading and writing the couple's exchange folder).

use std::process::ExitCode;

use clap::Args;
use trustbook::content::Workbook;
use trustbook::exchange::PartnerKeys;
use trustbook::exchange::local::{self, Paired};
use trustbook::safe;
use trustbook::store::{StoreOptions, resolve_data_dir};

use super::fail;

/// Options of `trustbook pair`.
#[derive(Debug, Args)]
pub struct PairArgs {
    /// Record the pairing code of your partner's profile NAME (with CODE).
    #[arg(long, value_name = "NAME", value_parser = crate::profile_name, requires = "code")]
    partner: Option<String>,
    /// Your partner's pairing code, as `trustbook pair` printed it on their computer.
    #[arg(value_name = "CODE")]
    code: Option<String>,
    /// Accept a code that differs from the one recorded for this partner.
    #[arg(long)]
    replace: bool,
}

/// `trustbook pair`: prints this profile's pairing code and fingerprint, or records the
/// partner's.
pub fn run(g: &super::Globals, args: &PairArgs) -> ExitCode {
    match super::own_target(g) {
        Ok(t) => pair(&t.opts, args),
        Err(code) => code,
    }
}

/// [`run`] for the profile `opts` names.
fn pair(opts: &StoreOptions, args: &PairArgs) -> ExitCode {
    let dir = match super::own_profile_dir(opts) {
        Ok(dir) => dir,
        Err(code) => return code,
    };
    let me = opts.profile.as_str();
    // A protected profile's keys are under its passphrase.
    let protection = match super::protect::protection_of(&dir, me) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let own = match local::own_keys(&dir, me, &protection) {
        Ok(k) => k.public(),
        Err(e) => return fail(e),
    };
    let (Some(partner), Some(code)) = (&args.partner, &args.code) else {
        trustbook::say!(
            "Pairing code of {} (give it to your partner; it holds no secret):",
            safe::line(me)
        );
        trustbook::say!("{}", own.code());
        trustbook::say!(
            "Fingerprint: {}  (read it aloud to each other to check)",
            own.fingerprint()
        );
        trustbook::say!(
            "Then record theirs: trustbook pair --profile {} --partner NAME CODE",
            safe::line(me)
        );
        return ExitCode::SUCCESS;
    };
    let theirs = match PartnerKeys::from_code(code) {
        Ok(k) => k,
        Err(e) => return fail(format!("that pairing code cannot be used: {e}")),
    };
    match local::pair(&dir, me, partner, &theirs, args.replace, &protection) {
        Ok(outcome) => {
            let p = safe::line(partner);
            match outcome {
                Paired::New => trustbook::say!("Paired with {p}."),
                Paired::Same => trustbook::say!("{p} was already paired with these keys: nothing changed."),
                Paired::Replaced { old } => {
                    trustbook::say!("WARNING: {p}'s keys were replaced (the old fingerprint was {old}).")
                }
            }
            trustbook::say!("{p}'s fingerprint: {}", theirs.fingerprint());
            trustbook::say!("Your fingerprint:  {}", own.fingerprint());
            trustbook::say!("Compare both with {p}, in person or by phone. If they differ, do not share.");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Sets the exchange folder for `partner` and syncs once.
pub fn link(opts: &StoreOptions, wb: &Workbook, partner: &str, folder: &std::path::Path) -> ExitCode {
    let dir = match resolve_data_dir(opts.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(e) => return fail(e),
    };
    if !folder.is_dir() {
        return fail(format!(
            "{} is not a folder; give the folder you and your partner sync (it must exist)",
            safe::path(folder)
        ));
    }
    let me = opts.profile.as_str();
    let protection = match super::protect::protection_of(&dir, me) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut link = match local::link(&dir, me, partner, &protection) {
        Ok(l) => l.unwrap_or_default(),
        Err(e) => return fail(e),
    };
    link.folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    if let Err(e) = local::save_link(&dir, me, partner, &link, &protection) {
        return fail(e);
    }
    trustbook::say!(
        "{} and {} exchange through {} from now on.",
        safe::line(me),
        safe::line(partner),
        safe::path(&link.folder)
    );
    super::sync::sync_one(&dir, wb, (me, &protection), partner)
}
