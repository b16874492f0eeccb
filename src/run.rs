//! `trustbook` with no command: open the profile, then the terminal app.

use std::process::ExitCode;

use trustbook::answers::Answers;
use trustbook::app::App;
use trustbook::content::Workbook;
use trustbook::persist::DiskPersistence;
use trustbook::session::Ending;
use trustbook::store::{self, StoreOptions};
use trustbook::{partner, tui};

use crate::commands;

/// Opens the profile (before the terminal, so a lock or a bad file is reported
/// plainly), then runs the app until the user quits.
///
/// With `ask_name` (a first run without `--profile`), no profile is opened yet: the app
/// first asks what name the answers go under, and opens that one.
pub fn run_app(wb: Workbook, opts: &StoreOptions, start_fresh: bool, ask_name: bool) -> ExitCode {
    if ask_name {
        return run_first(wb, opts);
    }
    let (store, saved, notice) = match commands::open_store(opts, &wb, start_fresh) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    if let Err(msg) = tui::require_terminal() {
        trustbook::report!("error: {msg}");
        return ExitCode::from(2);
    }
    tui::install_panic_hook();
    let profile = opts.profile.clone();
    let unsaved = store.save_problem().cloned();
    // A shared list a partner changed later is the version in effect (read, never
    // written: this profile's file keeps its own version until the list is changed).
    // A partner that cannot be read is said on the first screen, not passed over.
    let mut answers = saved.answers;
    let mut unreadable = None;
    // Through an exchange folder: the partner's newest share is read (and this profile's
    // written) before anything of theirs is shown.
    let exchanges = !store.protection().is_locked();
    for name in trustbook::exchange::local::linked_partners(store.data_dir(), &profile)
        .into_iter()
        .filter(|_| exchanges)
    {
        let now = trustbook::answers::now_utc();
        if let Err(e) =
            trustbook::exchange::local::sync(store.data_dir(), &wb, (&profile, &name), &answers, &now)
        {
            unreadable.get_or_insert(format!("the exchange folder with {name}: {e}"));
        }
    }
    let partners = partner::others(store.data_dir(), &profile);
    let weekly = wb.chapters.iter().any(|c| c.repeat.is_some());
    if wb.has_shared_lists() || weekly {
        for name in &partners {
            match partner::read_shared(store.data_dir(), name, &profile, &wb.id) {
                Ok(Some(theirs)) => {
                    answers.take_shared(&wb, name, &theirs);
                    // The couple's first day of the week, if they set it later.
                    answers.take_week(&theirs);
                }
                // Not shared with this profile: nothing of theirs is taken, nothing said.
                Ok(None) => {}
                Err(e) => {
                    unreadable.get_or_insert(format!("shared lists leave out {name}'s answers: {e}"));
                }
            }
        }
    }
    let persist = DiskPersistence::new(store, &wb, &answers);
    let mut app = App::new(wb.for_display(), answers, saved.place)
        .with_profile(&profile)
        .with_partners(partners);
    if let Some(problem) = unsaved {
        // The profile could only be opened to read (a full disk, a read-only folder): the
        // answers are shown, and the header says they are not saved until saving works.
        app = app.with_save_failed(problem);
    }
    if let Some(why) = unreadable {
        app = app.with_notice(trustbook::app::Notice::PartnerUnreadable(why));
    }
    if let Some(moved) = notice {
        app = app.with_notice(trustbook::app::Notice::StartedFresh(moved));
    }
    ended(tui::run(app, persist))
}

/// A first run: the data folder is made ready (and its problems said plainly), but
/// nothing is written under a profile name until the person has chosen one.
fn run_first(wb: Workbook, opts: &StoreOptions) -> ExitCode {
    let dir = match store::prepare_data_dir(opts.data_dir.as_deref()) {
        Ok((dir, state)) => {
            commands::report_dir_state(&dir, state);
            dir
        }
        Err(e) => return commands::fail(e),
    };
    if let Err(msg) = tui::require_terminal() {
        trustbook::report!("error: {msg}");
        return ExitCode::from(2);
    }
    tui::install_panic_hook();
    let partners = partner::others(&dir, &opts.profile);
    let persist = DiskPersistence::unopened(&dir, &wb);
    let app = App::new(wb.for_display(), Answers::default(), None)
        .with_partners(partners)
        .asking_name();
    ended(tui::run(app, persist))
}

/// The exit code of a session, with what became of unsaved answers said on stderr.
fn ended(result: std::io::Result<Ending>) -> ExitCode {
    match result {
        Ok(Ending::Saved) => ExitCode::SUCCESS,
        Ok(Ending::Fallback(path)) => {
            trustbook::report!(
                "Your answers could not be saved in the usual place, so a copy was written to {}",
                trustbook::safe::path(&path)
            );
            trustbook::report!(
                "Keep that file: copy it over the answers file once saving works again (`trustbook where` shows where)."
            );
            ExitCode::from(1)
        }
        Ok(Ending::Lost(e)) => {
            trustbook::report!("error: your latest answers could not be saved anywhere: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            trustbook::report!("error: the terminal failed: {e}");
            ExitCode::from(1)
        }
    }
}
