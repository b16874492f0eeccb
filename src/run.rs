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

/// `trustbook` with no command, for the profile the options name (refusing to guess
/// among several own profiles); a first run without `--profile` asks for a name.
pub fn run(g: &commands::Globals) -> ExitCode {
    match commands::own_target(g) {
        Ok(t) => {
            let first_run = t.first_run();
            run_app(t.wb, &t.opts, g.start_fresh, first_run)
        }
        Err(code) => code,
    }
}

/// Opens the profile (before the app's screen, so a lock or a bad file is reported
/// plainly; a protected one is unlocked on a screen of its own first), then runs the app
/// until the user quits.
///
/// With `ask_name` (a first run without `--profile`), no profile is opened yet: the app
/// first asks what name the answers go under, and opens that one.
fn run_app(wb: Workbook, opts: &StoreOptions, start_fresh: bool, ask_name: bool) -> ExitCode {
    if ask_name {
        return run_first(wb, opts);
    }
    // The passphrase of a protected profile is asked on the app's own screen, in a masked
    // field; without a full terminal the app refuses below, after the plain prompt.
    let ask: commands::protect::Asker = if tui::require_terminal().is_ok() {
        commands::protect::unlock_on_screen
    } else {
        commands::protect::unlock
    };
    let (store, saved, notice) = match commands::open_store(opts, &wb, start_fresh, ask) {
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
    let protection = store.protection().clone();
    if protection.is_locked() {
        // Files of others kept plain by an older trustbook, or written meanwhile by a
        // plain profile, go under the passphrase now.
        if let Err(e) =
            trustbook::exchange::local::reseal(store.data_dir(), &profile, &protection, &protection)
        {
            unreadable.get_or_insert(format!("the exchange files: {e}"));
        }
        if let Some(said) = trustbook::sharing::seal_plain_shares(store.data_dir(), &profile)
            .into_iter()
            .next()
        {
            unreadable.get_or_insert(said);
        }
    }
    // Through an exchange folder: the partner's newest share is read (and this profile's
    // written) before anything of theirs is shown.
    for name in trustbook::exchange::local::linked_partners(store.data_dir(), &profile) {
        let now = trustbook::answers::now_utc();
        let pair = (profile.as_str(), name.as_str());
        if let Err(e) =
            trustbook::exchange::local::sync(store.data_dir(), &wb, pair, &answers, &now, &protection)
        {
            unreadable.get_or_insert(format!("the exchange folder with {name}: {e}"));
        }
    }
    let partners = partner::others(store.data_dir(), &profile);
    let now = trustbook::answers::now_utc();
    if let Some(e) =
        partner::take_shared_lists(store.data_dir(), &wb, (&profile, &protection), &mut answers, &now)
    {
        unreadable.get_or_insert(e);
    }
    let tightened = folder_notice(store.data_dir(), store.dir_state());
    let persist = DiskPersistence::new(store, &wb, &answers);
    let mut app = App::new(wb.for_display(), answers, saved.place)
        .with_profile(&profile)
        .with_partners(partners);
    // The least pressing start-up notice: any of the ones below replaces it.
    if let Some(notice) = tightened {
        app = app.with_notice(notice);
    }
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
    let (dir, state) = match store::prepare_data_dir(opts.data_dir.as_deref()) {
        Ok((dir, state)) => {
            commands::report_dir_state(&dir, state);
            (dir, state)
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
    let mut app = App::new(wb.for_display(), Answers::default(), None)
        .with_partners(partners)
        .asking_name();
    if let Some(notice) = folder_notice(&dir, state) {
        app = app.with_notice(notice);
    }
    ended(tui::run(app, persist))
}

/// The app's notice for a data folder made private as it opened: stderr, where the
/// same note goes, is hidden once the app's screen takes over.
fn folder_notice(dir: &std::path::Path, state: store::DirState) -> Option<trustbook::app::Notice> {
    match state {
        store::DirState::Tightened(_) => Some(trustbook::app::Notice::FolderMadePrivate(dir.to_path_buf())),
        store::DirState::Created | store::DirState::Private => None,
    }
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
