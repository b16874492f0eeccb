//! `trustbook import`: a partner's JSON export in, as a partner profile.

use std::path::Path;
use std::process::ExitCode;

use trustbook::content::Workbook;
use trustbook::store::{self, ProfileKind, resolve_data_dir};
use trustbook::{export, partner, safe};

use super::{Globals, fail};

/// `trustbook import FILE --profile NAME`: checks the name (not one of the user's own
/// profiles, nor `default`), then the export (JSON, this workbook, a version this build
/// reads), then writes it as the partner profile `NAME`. Any refusal touches nothing.
pub fn run(g: &Globals, file: &Path) -> ExitCode {
    let (data_dir, name) = (g.data_dir.as_deref(), g.profile.as_deref());
    let wb = match super::load_workbook(g.content.as_deref()) {
        Ok(wb) => wb,
        Err(code) => return code,
    };
    let Some(name) = name else {
        return fail(
            "import needs --profile NAME: the name to keep your partner's answers under, e.g. --profile sam.",
        );
    };
    match import_as(data_dir, name, &wb, file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => fail(format!("{}. Nothing was imported.", msg.trim_end_matches('.'))),
    }
}

fn import_as(data_dir: Option<&Path>, name: &str, wb: &Workbook, file: &Path) -> Result<(), String> {
    let dir = resolve_data_dir(data_dir).map_err(|e| e.to_string())?;
    let own = store::list_profiles(&dir);
    let own = own
        .iter()
        .filter(|p| p.kind == ProfileKind::Own)
        .map(|p| p.name.as_str());
    export::check_target(name, own).map_err(|e| e.to_string())?;
    let text = partner::read_limited(file, true)?;
    let at = |e: export::ImportError| format!("{}: {e}", safe::path(file));
    let exp = export::parse_json(&text).map_err(at)?;
    export::check_import(&exp, &wb.id).map_err(at)?;
    let again = store::profile_kind(&dir, name) == Some(ProfileKind::Partner);
    let (_, dir_state) =
        store::write_partner(&dir, name, &exp.to_compact_json()).map_err(|e| e.to_string())?;
    super::report_dir_state(&dir, dir_state);
    let count = exp.answers.len();
    trustbook::say!(
        "imported {count} answer{} from {}'s export of {} as partner profile \"{}\"{}",
        if count == 1 { "" } else { "s" },
        safe::line(&exp.profile),
        safe::line(&exp.exported),
        safe::line(name),
        if again {
            " (replacing the earlier import)"
        } else {
            ""
        },
    );
    Ok(())
}
