//! `trustbook` with no command: open the profile, then the terminal app.

use std::process::ExitCode;

use trustbook::app::App;
use trustbook::content::Workbook;
use trustbook::saver::Saver;
use trustbook::store::{self, StoreOptions};
use trustbook::{partner, tui};

use crate::commands;

/// Opens the profile (before the terminal, so a lock or a bad file is reported
/// plainly), then runs the app until the user quits.
pub fn run_app(wb: Workbook, opts: &StoreOptions, start_fresh: bool) -> ExitCode {
    let (mut store, saved, notice) = match commands::open_store(opts, &wb, start_fresh) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    if let Err(msg) = tui::require_terminal() {
        trustbook::report!("error: {msg}");
        return ExitCode::from(2);
    }
    tui::install_panic_hook();
    let data_dir = store.data_dir().to_path_buf();
    let profile = opts.profile.clone();
    let partners = partner::others(&data_dir, &profile);
    let wb_id = wb.id.clone();
    let wb_id2 = wb.id.clone();
    let fallback_profile = profile.clone();
    let persist = tui::Persistence {
        encode: Box::new(move |answers, place| store::encode(answers, place, &wb_id)),
        // The store moves to the writer thread: only it writes the answers file. The reason
        // goes in the header, which has half a row for it: the short form, not the sentence.
        saver: Saver::spawn(Box::new(move |text| {
            store.save_text(text).map_err(|e| e.problem())
        })),
        fallback: Box::new(move |text| {
            store::write_fallback(&fallback_profile, text).map_err(|e| e.to_string())
        }),
        load_partner: Box::new(move |name| partner::read(&data_dir, name, &wb_id2)),
    };
    let mut app = App::new(wb.for_display(), saved.answers, saved.place)
        .with_profile(&profile)
        .with_partners(partners);
    if let Some(notice) = notice {
        app = app.with_notice(trustbook::app::Notice::StartedFresh(notice));
    }
    match tui::run(app, persist) {
        Ok(tui::Outcome::Saved) => ExitCode::SUCCESS,
        Ok(tui::Outcome::Fallback(path)) => {
            trustbook::report!(
                "Your answers could not be saved in the usual place, so a copy was written to {}",
                trustbook::safe::path(&path)
            );
            trustbook::report!(
                "Keep that file: copy it over the answers file once saving works again (`trustbook where` shows where)."
            );
            ExitCode::from(1)
        }
        Ok(tui::Outcome::Lost(e)) => {
            trustbook::report!("error: your latest answers could not be saved anywhere: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            trustbook::report!("error: the terminal failed: {e}");
            ExitCode::from(1)
        }
    }
}
