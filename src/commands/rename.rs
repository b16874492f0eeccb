//! `trustbook rename OLD NEW`: a profile's answers and every kept copy under a new name.

use std::process::ExitCode;

use trustbook::safe;
use trustbook::store::{self, DefaultProfile};

use super::{Globals, fail};

/// Says what moved and how to open it now, or why nothing did.
pub fn run(g: &Globals, old: &str, new: &str) -> ExitCode {
    let wb = match super::load_workbook(g.content.as_deref()) {
        Ok(wb) => wb,
        Err(code) => return code,
    };
    let dir = match store::resolve_data_dir(g.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(e) => return fail(e),
    };
    // Names are lowercase: capitals are lowered, as the first run's name prompt does.
    let typed = new;
    let lowered = new.to_ascii_lowercase();
    let new = lowered.as_str();
    if let Err(e) = store::validate_profile(new) {
        return fail(e);
    }
    if new != typed {
        trustbook::say!(
            "Names are lowercase: \"{}\" becomes \"{}\".",
            safe::line(typed),
            safe::line(new)
        );
    }
    match store::rename_profile(&dir, old, new) {
        Ok(moved) => {
            let open = if store::default_profile(&dir, &wb.id) == DefaultProfile::Found(new.to_string()) {
                "trustbook (it is the profile that opens by default)".to_string()
            } else {
                format!("trustbook --profile {}", safe::line(new))
            };
            trustbook::say!(
                "Renamed profile \"{}\" to \"{}\" ({} file(s)). Open it with: {open}",
                safe::line(old),
                safe::line(new),
                moved.len(),
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
