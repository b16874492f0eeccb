//! The last row of any scrolling page can be scrolled into view, at every width:
//! pages are measured and drawn by the same line-breaking rule.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, scrolled_in};
use crate::app::Viewport;

/// Words chosen to break differently under UAX #14 than at spaces alone: dashes,
/// slashes, hyphens, brackets, quotes, wide characters, overlong words.
const WORDS: &[&str] = &[
    "a",
    "trust",
    "is",
    "built",
    "slowly,",
    "well-known",
    "self-respect",
    "and/or",
    "e.g.",
    "—",
    "word—word",
    "(aside)",
    "«quoted»",
    "“this”",
    "1,000",
    "10:30",
    "http://example.com/a/b/c",
    "日本語の文章です",
    "😀",
    "…",
    "?!",
    "supercalifragilisticexpialidocious",
    "x",
    "-",
    "/",
    "don't",
    "50%",
    "$20",
    "#tag",
    "[note]",
    "so.",
    "ok:",
];

/// A page of those words, with single and double line breaks, ending in a marker.
fn page() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(vec![" ", " ", " ", " ", "  ", "\n", "\n\n"]);
    prop::collection::vec((prop::sample::select(WORDS.to_vec()), sep), 1..160).prop_map(|parts| {
        let mut text: String = parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect();
        text.push_str("zzend");
        text
    })
}

/// The screen as text after drawing `body` in a `width`x`height` region scrolled by `view`.
fn shown(body: &str, view: &Viewport, width: u16, height: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    term.draw(|f| scrolled_in(f, Some(view), &Theme::new(false), f.area(), body))
        .expect("draw");
    let buf = term.backend().buffer();
    buf.content.iter().map(|c| c.symbol()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn last_row_can_be_scrolled_into_view(body in page(), height in 3u16..=30) {
        for width in 20u16..=200 {
            let mut view = Viewport::default();
            // The first draw records the size; then scroll as far as it goes.
            let _ = shown(&body, &view, width, height);
            view.scroll_by(100_000);
            let screen = shown(&body, &view, width, height);
            prop_assert!(
                screen.contains("zzend"),
                "width {width}, height {height}: the end is not on screen"
            );
        }
    }
}
