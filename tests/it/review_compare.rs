//! The review and compare screens, driven through the app by keys and rendered at 80x24
//! and the 60x20 minimum, on the fixture workbook (every kind of exercise). Review changes
//! with `INSTA_UPDATE=always cargo test --test it review_compare` and read the `.snap` files.

use crate::common::*;
use ratatui::crossterm::event::KeyCode::{Down, End, Enter, Esc, Home, Tab};
use trustbook::answers::{Answers, Value};
use trustbook::app::{Action, App, Effect, Event, Screen, WelcomeItem};

/// Sizes every screen is checked at.
const SIZES: [(u16, u16); 2] = [(80, 24), (60, 20)];

/// Snapshots `app` at 80x24 and 60x20.
fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h));
    }
}

/// A long answer: more lines than the review shows of one answer.
const LONG: &str = "The first time I noticed it was on a Sunday, when a message came in and the phone went face down. \
I said nothing, and then I said nothing for weeks, which was worse.\n\n\
Now I would rather ask than guess. Asking is hard, but guessing is harder on both of us, \
and the guesses are always darker than the truth. LONG-TAIL-END";

/// My answers: every kind, one private, one exercise unanswered, one long text.
fn mine() -> Answers {
    let mut a = Answers::default();
    put(&mut a, "one", "free", false, text(LONG));
    put(
        &mut a,
        "one",
        "items",
        false,
        list(&["Phone face down at dinner", "Late without a message"]),
    );
    put(&mut a, "one", "pick", false, chosen("Green"));
    put(
        &mut a,
        "one",
        "reflection",
        true,
        text("Only for me: I was scared."),
    );
    put(&mut a, "two", "ticks", false, ticked(&["One", "Three"]));
    put(&mut a, "two", "rate", false, Value::Scale { value: 7 });
    a
}

/// A fresh app on the fixture workbook with `answers`, profile alex, partner sam.
fn app_with_answers(answers: Answers) -> App {
    app_with(workbook(), answers, None)
        .with_profile("alex")
        .with_partners(vec!["sam".into()])
}

// ---- review ------------------------------------------------------------------------

fn review_app() -> App {
    let mut app = app_with_answers(mine());
    send(&mut app, char_key('r'));
    assert_eq!(app.screen(), Screen::Review);
    app
}

#[test]
fn review_top() {
    snap("review_top", &review_app());
}

#[test]
fn review_end() {
    let mut app = review_app();
    press(&mut app, End);
    assert_eq!(app.review_cursor(), app.review_rows().len() - 1);
    snap("review_end", &app);
}

#[test]
fn review_cuts_a_long_answer_short() {
    let app = review_app();
    for (w, h) in SIZES {
        let screen = render(&app, w, h);
        assert!(screen.contains("The first time I noticed"), "{screen}");
        assert!(!screen.contains("LONG-TAIL-END"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn review_enter_opens_the_exercise() {
    let mut app = review_app();
    press(&mut app, Down);
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 1));
    // Esc goes back to the review, on the same exercise, even after moving on with Tab.
    press(&mut app, Tab);
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Review);
    assert_eq!(app.review_rows()[app.review_cursor()], (0, 2));
    // From the review, Esc goes on to the welcome; an exercise opened from the
    // contents goes back to the contents as before.
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Welcome);
    send(&mut app, char_key('t'));
    press(&mut app, Enter);
    press(&mut app, Enter);
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Contents);
}

// ---- compare -----------------------------------------------------------------------

/// Texts of sam's that must never be on screen: sam keeps "pick" private (which must read
/// as not answered), and answered the first reflection, which alex keeps private.
const SAM_PRIVATE: &str = "SAM-PRIVATE-PICK";
const SAM_BLIND: &str = "SAM-BLIND-REFLECTION";
/// Only alex answered the last reflection: hidden too.
const ALEX_ONE_SIDED: &str = "ALEX-ONE-SIDED";

/// sam's answers: free and ticks as well as alex (shown), pick private, items and rate not
/// answered, the first reflection answered (but alex keeps it private).
fn sam_answers() -> Answers {
    let mut a = Answers::default();
    put(
        &mut a,
        "one",
        "free",
        false,
        text("I noticed it too, and I was afraid to ask."),
    );
    put(&mut a, "one", "pick", true, other(SAM_PRIVATE));
    put(&mut a, "one", "reflection", false, text(SAM_BLIND));
    put(&mut a, "two", "ticks", false, ticked(&["Two"]));
    a
}

/// alex's answers for the comparison: [`mine`] plus a one-sided last reflection.
fn alex_answers() -> Answers {
    let mut a = mine();
    put(&mut a, "two", "reflection", false, text(ALEX_ONE_SIDED));
    a
}

/// Selects "Compare with sam" on the welcome screen and hands back what the edge loads.
fn open_compare(app: &mut App, partner: Answers) {
    open_compare_with(app, partner, Vec::new());
}

/// Opens the comparison with `partner`, whose link holds `changes` after the reveal.
fn open_compare_with(app: &mut App, partner: Answers, changes: Vec<trustbook::revised::Change>) {
    let at = app
        .welcome_items()
        .iter()
        .position(|i| *i == WelcomeItem::Compare(0))
        .expect("compare is offered");
    while app.welcome_cursor() < at {
        press(app, Down);
    }
    let fx = press(app, Enter);
    assert_eq!(fx, vec![Effect::LoadPartner("sam".to_string())]);
    app.update(Action::Event(Event::PartnerLoaded(Ok((
        "sam".to_string(),
        partner,
        changes,
    )))));
    assert_eq!(app.screen(), Screen::Compare);
}

fn compare_app() -> App {
    let mut app = app_with_answers(alex_answers());
    open_compare(&mut app, sam_answers());
    app
}

#[test]
fn compare_top() {
    snap("compare_top", &compare_app());
}

#[test]
fn compare_end() {
    for (w, h) in SIZES {
        let mut app = compare_app();
        app.update(Action::Event(Event::Resize(w, h)));
        draw(&app);
        press(&mut app, End);
        assert!(app.scroll() > 0);
        insta::assert_snapshot!(format!("compare_end_{w}x{h}"), render(&app, w, h));
    }
}

/// Every screenful of the comparison at `w`x`h`, from the top to the end.
fn every_screenful(w: u16, h: u16) -> Vec<String> {
    let mut app = compare_app();
    app.update(Action::Event(Event::Resize(w, h)));
    draw(&app);
    let mut screens = vec![render(&app, w, h)];
    loop {
        let before = app.scroll();
        press(&mut app, Down);
        if app.scroll() == before {
            return screens;
        }
        screens.push(render(&app, w, h));
    }
}

#[test]
fn hidden_partner_answers_never_reach_the_screen() {
    for (w, h) in SIZES {
        let screens = every_screenful(w, h);
        assert!(screens.len() > 5, "the comparison should scroll at {w}x{h}");
        let all = screens.join("\n");
        // The shared answers are there, so the screens were read...
        assert!(all.contains("I was afraid to"), "{all}");
        assert!(all.contains("[x] Two"), "{all}");
        // ... and the hidden ones are not, nor alex's own private answer.
        for hidden in [SAM_PRIVATE, SAM_BLIND, ALEX_ONE_SIDED, "Only for me"] {
            assert!(!all.contains(hidden), "{hidden} on screen at {w}x{h}:\n{all}");
        }
        // Nor that anything of sam's is private: sam's private pick reads as not answered
        // yet. Only alex's own private answer says so, to alex.
        assert!(all.contains("Your answer is private"), "{all}");
        let lower = all
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace("your answer is private", "")
            .replace("private (yours, not shared)", "");
        for marker in ["private", "keeps", "kept"] {
            assert!(!lower.contains(marker), "{marker:?} on screen at {w}x{h}:\n{all}");
        }
        assert!(all.contains("Nothing of sam's to show yet"), "{all}");
    }
}

#[test]
fn one_compare_row_picks_among_several_partners() {
    let mut app = app_with(workbook(), mine(), None).with_partners(vec!["robin".into(), "sam".into()]);
    assert_eq!(app.screen(), Screen::Welcome);
    let rows: Vec<WelcomeItem> = app.welcome_items();
    assert_eq!(
        rows.iter()
            .filter(|i| matches!(i, WelcomeItem::Compare(_)))
            .count(),
        1
    );
    let at = rows
        .iter()
        .position(|i| matches!(i, WelcomeItem::Compare(_)))
        .expect("compare row");
    press(&mut app, End);
    assert_eq!(app.welcome_cursor(), at);
    assert!(render(&app, 80, 24).contains("Compare with robin"));
    press(&mut app, ratatui::crossterm::event::KeyCode::Right);
    assert!(render(&app, 80, 24).contains("Compare with sam"));
    let fx = press(&mut app, Enter);
    assert_eq!(fx, vec![Effect::LoadPartner("sam".to_string())]);
    // Around again.
    press(&mut app, ratatui::crossterm::event::KeyCode::Left);
    assert!(render(&app, 80, 24).contains("Compare with robin"));
}

// ---- reading one answer whole ----------------------------------------------------

/// An answer longer than any of the three screens.
fn very_long() -> String {
    let para = "Some evenings I sit with the phone in my hand and do not write, because I know the message would \
be a question dressed as a greeting, and we both would hear it.";
    let mut s: Vec<String> = (1..=12).map(|i| format!("{i}. {para}")).collect();
    s.push("VERY-LONG-END".into());
    s.join("\n\n")
}

#[test]
fn space_reads_a_whole_answer_and_enter_edits_it() {
    let mut a = mine();
    put(&mut a, "one", "free", false, text(&very_long()));
    let mut app = app_with_answers(a);
    send(&mut app, char_key('r'));
    send(&mut app, char_key(' '));
    assert_eq!(app.screen(), Screen::Review, "reading stays on the review");
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("review_read_{w}x{h}"), render(&app, w, h));
    }
    let top = render(&app, 60, 20);
    assert!(top.contains("↓ more"), "{top}");
    assert!(!top.contains("VERY-LONG-END"), "{top}");
    press(&mut app, End);
    let end = render(&app, 60, 20);
    assert!(end.contains("VERY-LONG-END"), "the end can be read: {end}");
    // Esc goes back to the list, on the same answer; Space again, then Enter edits.
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Review);
    assert!(render(&app, 60, 20).contains("Space read"), "back on the list");
    send(&mut app, char_key(' '));
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 0));
}

/// At the last row the review says it is the end, not "more: ↓"; after Home the first
/// chapter's heading is back on top and the screen is filled, not one answer above blank
/// rows (issue 20).
#[test]
fn review_end_says_the_end_and_home_fills_the_screen() {
    for (w, h) in [(60, 20), (80, 24)] {
        let mut app = review_app();
        draw(&app);
        press(&mut app, End);
        let end = render(&app, w, h);
        assert!(!end.contains("more:"), "{end}");
        press(&mut app, Home);
        let top = render(&app, w, h);
        let first = &app.workbook().chapters[0].title;
        assert!(top.contains(first.as_str()), "{top}");
        let lines: Vec<&str> = top.lines().collect();
        let blank_run = lines
            .windows(4)
            .filter(|w| w.iter().all(|l| l.trim().is_empty()))
            .count();
        assert_eq!(blank_run, 0, "blank rows under the answers:\n{top}");
    }
}

/// An answer as the exchange link keeps it.
fn said(value: Value) -> trustbook::answers::Answer {
    trustbook::answers::Answer {
        changed: "2026-11-26T10:04:00Z".to_string(),
        private: false,
        skipped: false,
        value,
    }
}

/// Answers changed after the reveal show at the end of the Compare screen, on both
/// sides: sam's change with the answer alex saw first, and alex's own change with the
/// answer sam was shown first, each marked as the CLI marks it.
#[test]
fn compare_shows_changes_after_the_reveal() {
    use trustbook::revised::{Change, Changer};
    let changes = vec![
        Change {
            by: Changer::Partner,
            item: "one/free".to_string(),
            first: said(text("SAM-FIRST-WORDS before the change")),
            now: said(text("I noticed it too, and I was afraid to ask.")),
        },
        Change {
            by: Changer::Me,
            item: "one/items".to_string(),
            first: said(list(&["ALEX-FIRST-ITEM"])),
            now: said(list(&["Phone face down at dinner", "Late without a message"])),
        },
    ];
    for (w, h) in SIZES {
        let mut app = app_with_answers(alex_answers());
        open_compare_with(&mut app, sam_answers(), changes.clone());
        app.update(Action::Event(Event::Resize(w, h)));
        draw(&app);
        press(&mut app, End);
        let screen = render(&app, w, h);
        assert!(screen.contains("ALEX-FIRST-ITEM"), "{screen}");
        assert!(screen.contains("and now:"), "{screen}");
        let text = trustbook::comparison::render_text(app.comparison().expect("compare"), w);
        let theirs = text
            .find("changed after seeing yours")
            .expect("sam's change is marked");
        assert!(
            text[theirs..].contains("sam first answered, as you saw it:"),
            "{text}"
        );
        assert!(text[theirs..].contains("SAM-FIRST-WORDS"), "{text}");
        assert!(text.contains("you changed this after seeing sam's"), "{text}");
        assert!(
            text.contains("you first answered, as sam was shown it:"),
            "{text}"
        );
    }
    // Without changes nothing of the kind is said.
    let app = compare_app();
    let text = trustbook::comparison::render_text(app.comparison().expect("compare"), 80);
    assert!(!text.contains("changed after seeing"), "{text}");
}

/// What the partner controls in a change (the answer, the week's id) reaches the screen
/// sanitised: no escape sequence, no direction override.
#[test]
fn a_hostile_change_is_drawn_sanitised() {
    use trustbook::revised::{Change, Changer};
    let changes = vec![Change {
        by: Changer::Partner,
        item: "one/free@2026\u{202e}-11\x1b[2J".to_string(),
        first: said(text("FIRST\x1b[31m red \u{202e}reversed")),
        now: said(text("I noticed it too, and I was afraid to ask.")),
    }];
    let mut app = app_with_answers(alex_answers());
    open_compare_with(&mut app, sam_answers(), changes);
    draw(&app);
    press(&mut app, End);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("FIRST"), "{screen}");
    let text = trustbook::comparison::render_text(app.comparison().expect("compare"), 80);
    for shown in [&screen, &text] {
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
    }
}
