//! Property tests: random and mutated workbooks, answers files, exports and
//! terminal input never panic, and whatever they make trustbook say holds no raw
//! control character. Case counts are small so CI stays fast; raise them with
//! `PROPTEST_CASES=5000 cargo test --test it props`.

use std::path::Path;

use proptest::prelude::*;
use trustbook::content;
use trustbook::export;
use trustbook::input::decode::Decoder;
use trustbook::store;

fn fixture_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One mutation of a text: a byte flipped, a slice cut, bytes inserted, or a cut at a point.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to TOML, JSON and terminals, and some of any kind.
    let special = prop::sample::select(b"[]{}=\",.#'\\\n\r\t\x1b\x00\x7f\xc2\x9b\xe2\x80\xae".to_vec());
    let byte = prop_oneof![special, any::<u8>()];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 0usize..64).prop_map(|(i, n)| Mutation::Cut(i, n)),
        (any::<usize>(), prop::collection::vec(byte, 1..16)).prop_map(|(i, v)| Mutation::Insert(i, v)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, muts: &[Mutation]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for m in muts {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match m {
            Mutation::Flip(i, v) if !b.is_empty() => {
                let i = i % b.len();
                b[i] = *v;
            }
            Mutation::Flip(..) => {}
            Mutation::Cut(i, n) => {
                let s = at(*i, b.len());
                let e = (s + n).min(b.len());
                b.drain(s..e);
            }
            Mutation::Insert(i, v) => {
                let s = at(*i, b.len());
                b.splice(s..s, v.iter().copied());
            }
            Mutation::Truncate(i) => {
                let s = at(*i, b.len());
                b.truncate(s);
            }
        }
    }
    b
}

/// A raw control that must never reach a terminal: ESC, other C0 but newline and
/// tab, DEL, C1, bidi controls.
fn raw_control(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// 96 cases per property, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// A mutated chapter file is loaded or refused with messages, never a panic,
    /// and the messages quote what they show.
    #[test]
    fn mutated_workbooks_are_validated_without_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["workbook.toml", "one.toml", "two.toml"] {
            let text = fixture_file(&format!("tests/fixtures/valid/{name}"));
            let bytes = if name == "one.toml" { mutate(&text, &muts) } else { text.into_bytes() };
            std::fs::write(dir.path().join(name), bytes).expect("write");
        }
        match content::check_dir(dir.path()) {
            Ok((_, warnings)) => prop_assert_eq!(raw_control(&warnings.to_string()), None),
            Err(problems) => {
                let shown = problems.to_string();
                prop_assert!(!shown.is_empty());
                prop_assert_eq!(raw_control(&shown), None, "{}", shown);
            }
        }
    }

    /// A mutated answers file decodes or is refused with a message, never a panic.
    #[test]
    fn mutated_answers_files_decode_without_panic(
        which in prop::sample::select(vec!["kept.toml", "unknown-key.toml", "wrong-type.toml"]),
        muts in prop::collection::vec(mutation(), 1..6),
    ) {
        let text = fixture_file(&format!("tests/fixtures/answers/{which}"));
        let bytes = mutate(&text, &muts);
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = store::decode(&text, Path::new("default.toml")) {
            let shown = e.to_string();
            prop_assert_eq!(raw_control(&shown), None, "{}", shown);
        }
    }

    /// A mutated partner export is imported or refused with a message, never a panic.
    #[test]
    fn mutated_exports_import_without_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        let text = fixture_file("tests/fixtures/exports/export.json");
        let bytes = mutate(&text, &muts);
        let text = String::from_utf8_lossy(&bytes);
        let checked = export::parse_json(&text).and_then(|exp| export::check_import(&exp, "fixture-book"));
        if let Err(e) = checked {
            let shown = e.to_string();
            prop_assert_eq!(raw_control(&shown), None, "{}", shown);
        }
    }

    /// Terminal input decodes to the same events however the bytes are split
    /// across reads, and nothing is held once the input pauses.
    #[test]
    fn input_decodes_the_same_in_any_pieces(
        bytes in prop::collection::vec(
            prop_oneof![
                prop::sample::select(b"\x1b[O;<0123456789~ABCMmZ\x11\x03\rx\xc3\xa9".to_vec()),
                any::<u8>(),
            ],
            0..80,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let mut whole = Decoder::default();
        let mut expected = whole.feed(&bytes);
        expected.extend(whole.flush());
        prop_assert!(!whole.pending());

        let mut points: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        points.sort_unstable();
        let mut pieces = Decoder::default();
        let mut got = Vec::new();
        let mut from = 0;
        for p in points.into_iter().chain([bytes.len()]) {
            got.extend(pieces.feed(&bytes[from..p]));
            from = p;
        }
        got.extend(pieces.flush());
        prop_assert_eq!(got, expected);
        prop_assert!(!pieces.pending());
    }
}

/// Presses PageDown until the screen stops changing, and returns the last screen.
fn scrolled_to_the_end(app: &mut trustbook::app::App, w: u16, h: u16) -> String {
    use ratatui::crossterm::event::KeyCode;
    let mut screen = crate::common::render(app, w, h);
    for _ in 0..200 {
        crate::common::press(app, KeyCode::PageDown);
        let next = crate::common::render(app, w, h);
        if next == screen {
            break;
        }
        screen = next;
    }
    screen
}

/// The shipped safety page and every chapter introduction scroll to their last
/// word at small, usual and large sizes (pages are drawn as they are measured).
#[test]
fn shipped_pages_scroll_to_their_last_word() {
    use crate::common::{char_key, send, shipped, shipped_app, tab_to};
    use ratatui::crossterm::event::Event;
    use trustbook::app::Screen;
    let wb = shipped();
    let last_word = |s: &str| s.split_whitespace().last().expect("a page has words").to_string();
    for (w, h) in [(60, 20), (61, 20), (80, 24), (99, 30), (150, 50), (202, 20)] {
        let mut app = shipped_app();
        send(&mut app, Event::Resize(w, h));
        send(&mut app, char_key('s'));
        assert!(app.safety_open(), "a first run opens the safety page");
        let safety = wb
            .safety
            .as_ref()
            .expect("the shipped workbook has a safety page");
        let screen = scrolled_to_the_end(&mut app, w, h);
        let end = last_word(&safety.text);
        assert!(
            screen.contains(&end),
            "{w}x{h}: safety page never shows {end:?}:\n{screen}"
        );
        for (c, chapter) in wb.chapters.iter().enumerate() {
            let mut app = shipped_app();
            send(&mut app, Event::Resize(w, h));
            tab_to(&mut app, Screen::Intro(c));
            let screen = scrolled_to_the_end(&mut app, w, h);
            let end = last_word(&chapter.introduction);
            assert!(
                screen.contains(&end),
                "{w}x{h}: chapter {c} never shows {end:?}:\n{screen}"
            );
        }
    }
}
