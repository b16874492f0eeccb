//! Every screen rendered to text, at 80x24 and at the 60x20 minimum, with the
//! shipped workbook. Review changes with `INSTA_UPDATE=always cargo test` and
//! read the `.snap` files; they are the picture of what a user sees.

use crate::common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode::{Down, Enter, F, Right, Up};
use trustbook::answers::{Answers, Value};
use trustbook::app::{Action, App, Event, Screen};
use trustbook::store::SaveProblem;
use trustbook::ui::{self, Theme};

/// Chapter and exercise ids of the shipped workbook used below.
const CH1: &str = "where-distrust-comes-from";
const CH2: &str = "rebuilding-trust";

/// Sizes every screen is checked at.
const SIZES: [(u16, u16); 2] = [(80, 24), (60, 20)];

/// Snapshots `app` at 80x24 and 60x20.
fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h));
    }
}

/// Some progress: chapter one mostly done (one answer private), chapter two
/// with one done and one started exercise, chapter three untouched.
fn progress() -> Answers {
    let mut a = answers_with(&[
        (
            CH1,
            "looking-back",
            Value::Text {
                text: "My father left when I was nine.\nI still wait for people to go.".into(),
            },
        ),
        (
            CH1,
            "naming-insecurities",
            Value::Checklist {
                ticked: vec![
                    "I'm afraid of being left".into(),
                    "I get anxious when I don't hear from my partner".into(),
                ],
                other: None,
            },
        ),
        (CH1, "how-strongly", Value::Scale { value: 7 }),
        (
            CH1,
            "looking-at-today",
            Value::list(vec![
                "Phone turned face down when I come in".into(),
                "Plans change without a message".into(),
            ]),
        ),
        (
            CH1,
            "main-source",
            Value::Choice {
                option: Some("My own insecurities and doubts about myself".into()),
                other: None,
            },
        ),
        (
            CH2,
            "owning-it",
            Value::Text {
                text: "I lied about the money.".into(),
            },
        ),
        (
            CH2,
            "actions-over-words",
            Value::list(vec!["Text if I'll be late".into()]),
        ),
    ]);
    let ch1 = shipped().chapters[0].clone();
    let ex = ch1
        .exercises
        .iter()
        .find(|e| e.id == "naming-insecurities")
        .expect("exercise");
    a.toggle_private(CH1, ex, "2026-01-01T00:00:00Z".into());
    a
}

/// A session on the shipped workbook with some progress, opened at `to`.
fn progress_at(to: Screen) -> App {
    let mut app = app_with(shipped(), progress(), None);
    tab_to(&mut app, to);
    app
}

/// A fresh session on the shipped workbook, opened at `to`.
fn fresh_at(to: Screen) -> App {
    let mut app = shipped_app();
    tab_to(&mut app, to);
    app
}

/// Chapter one, exercise one (text) with a long, wrapping, multi-line answer.
fn text_answer_app() -> App {
    let mut app = fresh_at(shipped_at(CH1, "looking-back"));
    type_str(
        &mut app,
        "When I was little, my parents often promised things they did not keep, \
         and I learned early not to count on anyone, not even the people closest to me.\n\
         Since then I check twice.\n\n信頼には時間がかかる 🙂 and that is all right.",
    );
    app
}

// ---- welcome and contents --------------------------------------------------------

#[test]
fn welcome_fresh() {
    snap("welcome_fresh", &shipped_app());
}

#[test]
fn welcome_with_progress() {
    let app = app_with(shipped(), progress(), Some(place(CH1, Some("looking-at-today"))));
    snap("welcome_with_progress", &app);
}

#[test]
fn contents_collapsed() {
    let mut app = app_with(shipped(), progress(), None);
    send(&mut app, char_key('t'));
    snap("contents_collapsed", &app);
}

#[test]
fn contents_expanded_with_marks() {
    let mut app = app_with(shipped(), progress(), None);
    send(&mut app, char_key('t'));
    press(&mut app, Right);
    let chapter_two = 1 + app.workbook().chapters[0].exercises.len();
    for _ in 0..chapter_two {
        press(&mut app, Down);
    }
    press(&mut app, Right);
    // Select "Actions, not just words" (started).
    for _ in 0..6 {
        press(&mut app, Down);
    }
    snap("contents_expanded", &app);
}

// ---- reading pages ---------------------------------------------------------------

#[test]
fn chapter_intro() {
    snap("intro", &fresh_at(Screen::Intro(0)));
}

#[test]
fn closing_screen() {
    snap("closing", &fresh_at(Screen::Closing));
}

// ---- exercises -------------------------------------------------------------------

#[test]
fn text_empty() {
    snap("text_empty", &fresh_at(shipped_at(CH1, "why-this-source")));
}

#[test]
fn text_with_answer() {
    snap("text_answer", &text_answer_app());
}

#[test]
fn text_hint_shown() {
    let mut app = text_answer_app();
    press(&mut app, F(2));
    snap("text_hint", &app);
}

#[test]
fn list_with_items() {
    snap("list", &progress_at(shipped_at(CH1, "looking-at-today")));
}

#[test]
fn list_item_being_edited() {
    let mut app = progress_at(shipped_at(CH1, "looking-at-today"));
    press(&mut app, Up);
    press(&mut app, Enter);
    type_str(&mut app, " (every evening)");
    snap("list_editing", &app);
}

#[test]
fn list_item_being_added() {
    let mut app = progress_at(shipped_at(CH1, "looking-at-today"));
    press(&mut app, Enter);
    type_str(&mut app, "We never talk about money");
    snap("list_adding", &app);
}

#[test]
fn choice_picked() {
    snap("choice", &progress_at(shipped_at(CH1, "main-source")));
}

#[test]
fn choice_other_field_open() {
    let mut app = progress_at(shipped_at(CH1, "main-source"));
    // Down stops at the last row, "other".
    press_n(&mut app, Down, 10);
    press(&mut app, Enter);
    assert!(app.is_typing());
    type_str(&mut app, "Something my friends keep saying");
    snap("choice_other", &app);
}

#[test]
fn checklist_ticked_and_private() {
    let mut app = progress_at(shipped_at(CH1, "naming-insecurities"));
    press(&mut app, Down);
    press(&mut app, Down);
    snap("checklist", &app);
}

#[test]
fn scale_with_value() {
    snap("scale", &progress_at(shipped_at(CH1, "how-strongly")));
}

#[test]
fn scale_unset() {
    snap("scale_unset", &fresh_at(shipped_at(CH1, "trust-today")));
}

#[test]
fn chapter_reflection() {
    let mut app = fresh_at(shipped_at(CH1, "reflection"));
    type_str(&mut app, "That it started long before we met.");
    snap("reflection", &app);
}

// ---- overlays and status ---------------------------------------------------------

#[test]
fn help_on_a_text_exercise() {
    let mut app = text_answer_app();
    press(&mut app, F(1));
    snap("help_text", &app);
}

#[test]
fn help_on_a_list() {
    let mut app = progress_at(shipped_at(CH1, "looking-at-today"));
    send(&mut app, char_key('?'));
    snap("help_list", &app);
}

#[test]
fn private_mark_and_notice() {
    let mut app = text_answer_app();
    send(&mut app, ctrl('p'));
    snap("private", &app);
}

#[test]
fn unsaved_quit_question() {
    let mut app = text_answer_app();
    app.update(Action::Event(Event::SaveFailed(SaveProblem::DiskFull)));
    press(&mut app, F(2));
    app.update(Action::Event(Event::Commit));
    send(&mut app, ctrl('q'));
    assert!(app.confirm_quit_open());
    snap("confirm_quit", &app);
}

#[test]
fn save_failed_header() {
    let mut app = progress_at(shipped_at(CH1, "how-strongly"));
    app.update(Action::Event(Event::SaveFailed(SaveProblem::ReadOnly)));
    snap("save_failed", &app);
}

// ---- too small and resizing ------------------------------------------------------

#[test]
fn too_small() {
    let app = text_answer_app();
    for (w, h) in [(59, 20), (60, 19), (40, 10)] {
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), render(&app, w, h));
    }
}

/// Every kind of screen and overlay, for the resize sweep.
fn every_screen() -> Vec<App> {
    let mut apps = vec![
        shipped_app(),
        app_with(shipped(), progress(), Some(place(CH2, None))),
        text_answer_app(),
    ];
    let wb = shipped();
    apps.push(progress_at(Screen::Closing));
    // Every page and exercise, each opened by Continue at its place: the same
    // screens as tabbing there, without tabbing through all the ones before.
    for ch in &wb.chapters {
        let at = std::iter::once(None).chain(ch.exercises.iter().map(|e| Some(e.id.as_str())));
        for ex in at {
            let mut app = app_with(shipped(), progress(), Some(place(&ch.id, ex)));
            app.update(Action::Go(trustbook::app::Go::Continue));
            draw(&app);
            apps.push(app);
        }
    }
    let mut contents = app_with(shipped(), progress(), None);
    send(&mut contents, char_key('t'));
    press(&mut contents, Right);
    apps.push(contents);
    let mut help = progress_at(shipped_at(CH1, "looking-at-today"));
    press(&mut help, F(1));
    apps.push(help);
    let mut hint = text_answer_app();
    press(&mut hint, F(2));
    apps.push(hint);
    let mut editing = progress_at(shipped_at(CH1, "looking-at-today"));
    press(&mut editing, Enter);
    type_str(
        &mut editing,
        "a very long item that goes on and on past the edge of the field",
    );
    apps.push(editing);
    let mut confirm = text_answer_app();
    confirm.update(Action::Event(Event::SaveFailed(SaveProblem::DiskFull)));
    send(&mut confirm, ctrl('q'));
    apps.push(confirm);
    let mut big = fresh_at(shipped_at(CH1, "looking-back"));
    paste(&mut big, &"word ".repeat(2_000));
    apps.push(big);
    apps.extend(pairing_steps());
    apps.extend(protect_offer_steps());
    apps
}

/// The sharing screen's pairing steps with long text: this profile's code, and the
/// warning of a changed key with a name of the longest kind, answered as the edge would.
fn pairing_steps() -> Vec<App> {
    use trustbook::app::{Go, PairingRead};
    use trustbook::exchange::OwnKeys;
    let keys = || OwnKeys::generate().expect("keys").public();
    let on_sharing = || {
        let mut app = shipped_app();
        app.update(Action::Go(Go::Sharing));
        app.update(Action::Event(Event::SharingListed(Ok(Default::default()))));
        app
    };
    let mut mine = on_sharing();
    mine.update(Action::Go(Go::MyCode));
    mine.update(Action::Event(Event::OwnCode(Ok(Box::new(keys())))));
    let mut changed = on_sharing();
    changed.update(Action::Go(Go::PartnerCode));
    let partner = "a-partner-with-a-rather-long-name";
    paste(&mut changed, partner);
    press(&mut changed, ratatui::crossterm::event::KeyCode::Tab);
    let new = keys();
    paste(&mut changed, &new.code());
    press(&mut changed, Enter);
    let read = PairingRead {
        partner: partner.to_string(),
        keys: new,
        read: Ok((keys(), Some(keys()))),
    };
    changed.update(Action::Event(Event::PairingRead(Box::new(read))));
    assert_eq!(
        trustbook::app::keys::context(&changed),
        trustbook::app::Context::KeyChanged
    );
    vec![mine, changed]
}

/// A first run's offer of a passphrase, right after the name: the question, the
/// masked field being repeated, "Locking your answers…" and the recovery key.
fn protect_offer_steps() -> Vec<App> {
    use trustbook::app::{Go, Move};
    let offer = || {
        let mut app = shipped_app().asking_name();
        app.update(Action::Go(Go::Back));
        app.update(Action::Event(Event::ProfileOpened("sam".into(), Ok(()))));
        assert_eq!(app.screen(), Screen::Protect);
        app
    };
    let typing = || {
        let mut app = offer();
        app.update(Action::Move(Move::Select));
        paste(&mut app, "correct horse");
        app.update(Action::Move(Move::Select));
        paste(&mut app, "correct");
        app
    };
    let mut locking = typing();
    paste(&mut locking, " horse");
    locking.update(Action::Move(Move::Select));
    let mut recovery = typing();
    paste(&mut recovery, " horse");
    recovery.update(Action::Move(Move::Select));
    let key = trustbook::vault::SecretString::from(trustbook::persist::fake::FAKE_RECOVERY_KEY.to_string());
    recovery.update(Action::Event(Event::Protected(Ok(
        trustbook::vault::Secret::new(key),
    ))));
    vec![offer(), typing(), locking, recovery]
}

#[test]
fn any_size_renders_without_panic_and_keeps_header_and_footer() {
    let widths = [20, 40, 59, 60, 61, 80, 120, 200];
    let heights = [5, 10, 19, 20, 21, 24, 40, 60];
    for app in every_screen() {
        for w in widths {
            for h in heights {
                let screen = render(&app, w, h);
                let fits = w >= 60 && h >= 20;
                let what = format!("{:?} at {w}x{h}:\n{screen}", app.screen());
                assert_eq!(screen.split('\n').count(), usize::from(h), "{what}");
                assert_eq!(!fits, screen.contains("terminal too small"), "{what}");
                if fits {
                    let rows: Vec<&str> = screen.split('\n').collect();
                    assert!(!rows[0].trim().is_empty(), "header missing: {what}");
                    let footer = rows[rows.len() - 1];
                    if !app.help_open() && !app.confirm_quit_open() {
                        assert!(!footer.trim().is_empty(), "footer missing: {what}");
                    }
                }
            }
        }
    }
}

// ---- screen defects once found in the snapshots, each kept fixed by a test ---------

/// The rows of a rendered screen.
fn rows(screen: &str) -> Vec<&str> {
    screen.split('\n').collect()
}

/// "Exercise 2/10": where the header puts exercise `id` of chapter `chapter`.
fn exercise_of(chapter: &str, id: &str) -> String {
    let wb = shipped();
    let (c, e) = wb.find(chapter, id).expect("exercise");
    format!("Exercise {}/{}", e + 1, wb.chapters[c].exercises.len())
}

#[test]
fn header_keeps_a_gap_between_title_and_position() {
    let app = fresh_at(shipped_at(CH1, "looking-back"));
    let screen = render(&app, 60, 20);
    let header = rows(&screen)[0];
    let position = format!("  {}", exercise_of(CH1, "looking-back"));
    assert!(header.contains(&position), "{header:?}");
    assert!(header.starts_with(" default · "), "whose answers: {header:?}");
}

#[test]
fn header_with_a_failed_save_stays_readable() {
    let mut app = fresh_at(shipped_at(CH1, "looking-back"));
    app.update(Action::Event(Event::SaveFailed(SaveProblem::ReadOnly)));
    for (w, h) in SIZES {
        let screen = render(&app, w, h);
        let header = rows(&screen)[0];
        assert!(header.contains("NOT SAVED"), "{w}x{h}: {header:?}");
        assert!(
            header.contains(&exercise_of(CH1, "looking-back")),
            "{w}x{h}: {header:?}"
        );
        assert!(!header.contains("doneNOT"), "{w}x{h}: {header:?}");
    }
}

#[test]
fn footer_shows_the_help_key_at_the_minimum_size() {
    for to in [
        shipped_at(CH1, "looking-back"),
        shipped_at(CH1, "naming-insecurities"),
        shipped_at(CH1, "how-strongly"),
        shipped_at(CH1, "looking-at-today"),
    ] {
        let app = fresh_at(to);
        let screen = render(&app, 60, 20);
        let footer = *rows(&screen).last().expect("footer");
        assert!(footer.ends_with("help"), "{to:?}: {footer:?}");
    }
}

#[test]
fn welcome_note_is_whole_at_the_minimum_size() {
    let screen = render(&shipped_app(), 60, 20);
    assert!(screen.contains("not therapy"), "{screen}");
    assert!(screen.contains("emergency number."), "{screen}");
}

#[test]
fn hint_box_shows_hint_and_example() {
    for (w, h) in SIZES {
        let mut app = fresh_at(shipped_at(CH1, "looking-back"));
        press(&mut app, F(2));
        // F2 turns the hint's pages while it says there is more, then hides it.
        let mut screen = render(&app, w, h);
        let mut seen = screen.clone();
        while screen.contains("↓ more: F2") {
            assert!(seen.len() < 100_000, "F2 never reaches the hint's end");
            press(&mut app, F(2));
            assert!(app.hint_shown(), "{w}x{h}: hidden before its end");
            screen = render(&app, w, h);
            seen.push_str(&screen);
        }
        assert!(seen.contains("plenty."), "{w}x{h}:\n{seen}");
        assert!(seen.contains("Example:"), "{w}x{h}:\n{seen}");
        press(&mut app, F(2));
        assert!(!app.hint_shown(), "{w}x{h}: F2 on the last page hides the hint");
    }
}

#[test]
fn long_hint_pages_at_every_size() {
    let mut app = fresh_at(shipped_at(CH1, "looking-back"));
    press(&mut app, F(2));
    snap_long("hint_long", &app);
    // Drawn at the smallest size, then one page on: the top marker shows.
    render(&app, 60, 20);
    press(&mut app, F(2));
    let screen = render(&app, 60, 20);
    assert!(screen.contains("↑ more above"), "{screen}");
    assert!(
        screen.contains("│ Since then") || screen.contains("Your answer"),
        "{screen}"
    );
}

#[test]
fn contents_rows_are_not_cut_at_the_minimum_size() {
    let mut app = app_with(shipped(), progress(), None);
    send(&mut app, char_key('t'));
    let screen = render(&app, 60, 20);
    let rows = screen.lines().filter(|l| l.trim_end().ends_with(" done")).count();
    assert_eq!(rows, 3, "{screen}");
    assert!(screen.contains("0/12 done"), "{screen}");
}

#[test]
fn list_rows_stay_aligned_while_an_item_is_edited() {
    let mut app = progress_at(shipped_at(CH1, "looking-at-today"));
    let before = render(&app, 80, 24);
    press(&mut app, Up);
    press(&mut app, Enter);
    let editing = render(&app, 80, 24);
    let col = |s: &str| {
        rows(s)
            .iter()
            .find_map(|r| r.find("1. Phone"))
            .expect("first item")
    };
    assert_eq!(col(&editing), col(&before), "{before}\n{editing}");
}

/// Every cell of every screen drawn with `theme` at 80x24.
fn cells_of_every_screen(apps: &[App], theme: &Theme) -> Vec<ratatui::buffer::Cell> {
    let mut cells = Vec::new();
    for app in apps {
        let mut term = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        term.draw(|f| ui::draw(f, app, theme)).expect("draw");
        cells.extend(term.backend().buffer().content().iter().cloned());
    }
    cells
}

#[test]
fn no_color_means_no_colour_and_no_screen_sets_a_background() {
    use ratatui::style::Color;
    // Built once: both themes draw the same screens.
    let apps = every_screen();
    let plain = cells_of_every_screen(&apps, &Theme::new(false));
    assert!(
        plain.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "NO_COLOR draws a colour"
    );
    // Some styling remains without colour (selection is reversed, titles bold).
    assert!(plain.iter().any(|c| !c.modifier.is_empty()));
    let coloured = cells_of_every_screen(&apps, &Theme::new(true));
    assert!(
        coloured.iter().any(|c| c.fg != Color::Reset),
        "colour is used when allowed"
    );
    assert!(
        coloured.iter().all(|c| c.bg == Color::Reset),
        "backgrounds stay the terminal's own"
    );
}

#[test]
fn the_safety_note_stays_whole_with_partners_on_the_menu() {
    let app = app_with(shipped(), progress(), None).with_partners(vec!["sam".into(), "robin".into()]);
    for (w, h) in SIZES {
        let screen = render(&app, w, h);
        assert!(screen.contains("emergency number."), "{w}x{h}:\n{screen}");
        assert!(screen.contains("Compare with sam  ‹ ›"), "{w}x{h}:\n{screen}");
    }
}

/// The three sizes a long text is checked at: the minimum, the usual, a large one.
const LONG_SIZES: [(u16, u16); 3] = [(60, 20), (80, 24), (120, 40)];

/// Snapshots `app` at [`LONG_SIZES`].
fn snap_long(name: &str, app: &App) {
    for (w, h) in LONG_SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h));
    }
}

/// A list whose items are longer than any row, on the list exercise of chapter one.
fn long_list_app() -> App {
    let mut a = progress();
    let items = vec![
        "Being the last to know about plans that were made weeks ago and mentioned only on the day, as if I would not mind".to_string(),
        "Short one".to_string(),
        "Messages answered hours later with one word, while I can see the phone was in use the whole evening long".to_string(),
    ];
    put(&mut a, CH1, "looking-at-today", false, Value::list(items));
    let mut app = app_with(shipped(), a, None);
    tab_to(&mut app, shipped_at(CH1, "looking-at-today"));
    app
}

#[test]
fn long_list_items_wrap() {
    snap_long("list_long", &long_list_app());
}

#[test]
fn long_list_item_edited_leaves_nothing_of_the_old_row() {
    let mut app = long_list_app();
    // "Add an item" is last: three Ups reach the first item.
    press_n(&mut app, Up, 3);
    press(&mut app, Enter);
    assert!(app.is_typing());
    // Shorter than before: nothing of the old text may show after it.
    press_n(&mut app, ratatui::crossterm::event::KeyCode::Backspace, 60);
    type_str(&mut app, " and told");
    snap_long("list_long_editing", &app);
}

#[test]
fn long_other_text_shows_from_its_start() {
    let mut app = progress_at(shipped_at(CH1, "main-source"));
    press_n(&mut app, Down, 10);
    press(&mut app, Enter);
    type_str(
        &mut app,
        "Something my friends keep saying about people who change their plans at the last minute and never explain",
    );
    snap_long("choice_other_long", &app);
}

#[test]
fn header_title_stays_put_while_saving() {
    let mut app = progress_at(shipped_at(CH1, "looking-back"));
    type_str(&mut app, " more");
    for (w, h) in LONG_SIZES {
        let saving = render(&app, w, h);
        let mut saved_app = progress_at(shipped_at(CH1, "looking-back"));
        saved_app.update(Action::Event(Event::SaveDone));
        let saved = render(&saved_app, w, h);
        let head = |s: &str| s.lines().next().unwrap_or_default().to_string();
        let (a, b) = (head(&saving), head(&saved));
        assert!(a.contains("saving…") && b.contains("saved"), "{a}\n{b}");
        let cut = |s: &str| s.split("  Exercise").next().unwrap_or_default().to_string();
        assert_eq!(cut(&a), cut(&b), "{w}x{h}: the title moved");
        assert_eq!(
            a.find("Exercise"),
            b.find("Exercise"),
            "{w}x{h}: the progress moved"
        );
    }
}

#[test]
fn contents_bars_are_all_as_wide() {
    let mut app = app_with(shipped(), progress(), None);
    send(&mut app, char_key('t'));
    for (w, h) in LONG_SIZES {
        let screen = render(&app, w, h);
        let bars: Vec<(Option<usize>, usize)> = screen
            .lines()
            .filter(|l| l.contains('░') || l.contains('█'))
            .map(|l| {
                let start = l.find(['█', '░']).map(|i| l[..i].chars().count());
                (start, l.chars().filter(|c| matches!(c, '█' | '░')).count())
            })
            .collect();
        assert!(bars.len() >= 3, "{screen}");
        assert!(
            bars.windows(2).all(|p| p[0] == p[1]),
            "{w}x{h}: {bars:?}\n{screen}"
        );
    }
}

#[test]
fn help_on_a_first_run_lists_only_what_exists() {
    let mut app = shipped_app();
    press(&mut app, F(1));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Keys on this screen"), "{screen}");
    assert!(!screen.contains("continue"), "{screen}");
    assert!(!screen.contains("review answers"), "{screen}");
    let mut app = app_with(shipped(), progress(), Some(place(CH1, Some("looking-back"))));
    press(&mut app, F(1));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("continue") && screen.contains("review answers"),
        "{screen}"
    );
}

/// The answer box where rows meet punctuation: no row of the box starts with a space
/// or with the full stop, comma or ellipsis of the word before (issue 10), at the
/// minimum size, the usual one and a large one.
#[test]
fn text_editor_wraps_at_punctuation() {
    let mut app = fresh_at(shipped_at(CH1, "looking-back"));
    type_str(
        &mut app,
        "Then I remembered that I broke Jo's trust too. That was humbling. \
         I sat there waiting at the window, waiting… and waiting, for a call, \
         a text, anything. Nobody came. Why, I asked, and who, and what for? \
         Every evening, every weekend; every time.",
    );
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        let shown = render(&app, w, h);
        insta::assert_snapshot!(format!("text_punctuation_{w}x{h}"), shown);
        for row in shown.lines().filter_map(|l| l.split('│').nth(1)) {
            // Inside the box, after its one-column margin.
            let text = row.strip_prefix(' ').unwrap_or(row);
            if text.trim().is_empty() {
                continue;
            }
            assert!(
                !text.starts_with([' ', '.', ',', '…', ';', '?']),
                "a row starts with punctuation at {w}x{h}: {row:?}"
            );
        }
    }
}
