//! `trustbook sync`: one round of reading the partner's share from the exchange folder
//! and writing this profile's.

use std::process::ExitCode;

use trustbook::answers::now_utc;
use trustbook::content::Workbook;
use trustbook::exchange::local;
use trustbook::safe;
use trustbook::store::{self, StoreOptions, resolve_data_dir};

use super::{Globals, fail};

/// `trustbook sync` for the profile the options name.
pub fn run(g: &Globals) -> ExitCode {
    match super::own_target(g) {
        Ok(t) => sync(&t.opts, &t.wb),
        Err(code) => code,
    }
}

/// `trustbook sync`: one round with every partner that has an exchange folder.
fn sync(opts: &StoreOptions, wb: &Workbook) -> ExitCode {
    let dir = match resolve_data_dir(opts.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(e) => return fail(e),
    };
    let me = opts.profile.as_str();
    let partners = local::linked_partners(&dir, me);
    if partners.is_empty() {
        trustbook::say!(
            "{} has no exchange folder yet: trustbook share --profile {} --with NAME --folder DIR",
            safe::line(me),
            safe::line(me)
        );
        return ExitCode::SUCCESS;
    }
    let protection = match super::protect::protection_of(&dir, me) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut code = ExitCode::SUCCESS;
    for p in &partners {
        if sync_one(&dir, wb, (me, &protection), p) != ExitCode::SUCCESS {
            code = ExitCode::from(1);
        }
    }
    code
}

/// One round with `partner_name`, saying what was read, written and ignored; `me`'s
/// protection (unlocked when protected) reads its answers and opens its keys.
pub fn sync_one(
    dir: &std::path::Path,
    wb: &Workbook,
    (me, protection): (&str, &store::Protection),
    partner_name: &str,
) -> ExitCode {
    let mut answers = match super::protect::read_own_as(dir, me, wb, protection) {
        Ok(a) => a.map(|s| s.answers).unwrap_or_default(),
        Err(e) => return fail(e),
    };
    store::migrate(&mut answers, wb);
    match local::sync(dir, wb, (me, partner_name), &answers, &now_utc(), protection) {
        Ok(report) => {
            for line in report.said {
                trustbook::say!("{line}");
            }
            for (path, why) in report.ignored {
                trustbook::say!("ignored {}: {}", safe::path(&path), safe::line(&why));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
