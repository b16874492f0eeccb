//! The editing core on its own: moves, grouping of undo, wrapping while editing,
//! and random edits against a plain `String`.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;

fn key(k: Key) -> Input {
    Input {
        key: k,
        ..Input::default()
    }
}

fn ctrl(c: char) -> Input {
    Input {
        key: Key::Char(c),
        ctrl: true,
        ..Input::default()
    }
}

fn typed(ed: &mut Editor, s: &str, at: Option<Instant>) {
    for c in s.chars() {
        let k = if c == '\n' { Key::Enter } else { Key::Char(c) };
        ed.input(&Input { at, ..key(k) });
    }
}

#[test]
fn moves_by_grapheme_over_clusters_and_accents() {
    let family = "👨‍👩‍👧";
    let mut ed = Editor::new(&format!("a{family}e\u{301}"), false);
    ed.input(&key(Key::Left));
    assert_eq!(ed.cursor().byte, 1 + family.len());
    ed.input(&key(Key::Left));
    assert_eq!(ed.cursor().byte, 1);
    ed.input(&key(Key::Delete));
    assert_eq!(ed.text(), "ae\u{301}");
    ed.input(&key(Key::End));
    ed.input(&key(Key::Backspace));
    assert_eq!(ed.text(), "a");
}

#[test]
fn moves_and_deletes_by_word() {
    let mut ed = Editor::new("one two, three", false);
    let left = Input {
        ctrl: true,
        ..key(Key::Left)
    };
    ed.input(&left);
    assert_eq!(ed.cursor().byte, 9);
    ed.input(&left);
    assert_eq!(ed.cursor().byte, 4);
    ed.input(&Input {
        ctrl: true,
        ..key(Key::Right)
    });
    assert_eq!(ed.cursor().byte, 7);
    ed.input(&ctrl('w'));
    assert_eq!(ed.text(), "one , three");
    ed.input(&Input {
        alt: true,
        ..key(Key::Char('d'))
    });
    assert_eq!(ed.text(), "one ");
    ed.input(&ctrl('j'));
    assert_eq!(ed.text(), "");
    let mut ed = Editor::new("keep this", false);
    ed.input(&key(Key::Home));
    ed.input(&Input {
        alt: true,
        ..key(Key::Char('f'))
    });
    ed.input(&ctrl('k'));
    assert_eq!(ed.text(), "keep");
}

#[test]
fn home_end_and_up_down_follow_the_visual_rows() {
    // At width 9: "one two " / "three " / "four five".
    let mut ed = Editor::new("one two three four five", false);
    let view = ed.view(9, 5);
    assert_eq!(view.rows.len(), 3);
    ed.input(&key(Key::Home));
    assert_eq!(ed.cursor().byte, 14, "start of the last row");
    ed.input(&key(Key::Right));
    ed.input(&key(Key::Right));
    ed.input(&key(Key::Up));
    assert_eq!(ed.cursor().byte, 10, "column 2 of \"three\"");
    ed.input(&key(Key::End));
    assert_eq!(ed.cursor().byte, 13, "before the row's trailing space");
    ed.input(&key(Key::Up));
    ed.input(&key(Key::Down));
    ed.input(&key(Key::Down));
    assert_eq!(ed.cursor().byte, 19, "the column survives a shorter row");
    ed.input(&Input {
        ctrl: true,
        ..key(Key::Home)
    });
    assert_eq!(ed.cursor(), Pos::default());
}

#[test]
fn page_down_never_scrolls_past_the_last_row() {
    let text = (0..30)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut ed = Editor::new(&text, false);
    ed.input(&Input {
        ctrl: true,
        ..key(Key::Home)
    });
    let v = ed.view(20, 5);
    assert!(!v.above && v.below);
    for _ in 0..20 {
        ed.page(1);
        ed.view(20, 5);
    }
    let v = ed.view(20, 5);
    assert_eq!(v.rows.len(), 5, "the box stays full");
    assert_eq!(v.rows[4].0, 29);
    assert!(v.above && !v.below);
    assert_eq!(v.cursor.map(|c| c.0), Some(4));
}

#[test]
fn the_cursor_stays_in_view_when_the_box_shrinks() {
    let text = "word ".repeat(200);
    let mut ed = Editor::new(&text, false);
    for (w, h) in [(40, 10), (20, 3), (60, 1), (5, 2)] {
        let v = ed.view(w, h);
        assert!(v.cursor.is_some(), "cursor hidden at {w}x{h}");
        assert!(v.rows.len() <= h);
    }
    ed.refit();
    assert!(ed.view(30, 4).cursor.is_some());
}

#[test]
fn typing_a_word_is_one_undo_step_and_a_pause_starts_another() {
    let t0 = Instant::now();
    let mut ed = Editor::new("", false);
    typed(&mut ed, "I broke", Some(t0));
    typed(&mut ed, " trust", Some(t0 + Duration::from_millis(200)));
    assert!(ed.undo());
    assert_eq!(ed.text(), "I broke ");
    assert!(ed.undo());
    assert_eq!(ed.text(), "I broke");
    assert!(ed.redo() && ed.redo());
    assert_eq!(ed.text(), "I broke trust");
    // The same word, typed with a long pause in it, is two steps.
    typed(&mut ed, "ed", Some(t0 + Duration::from_secs(1)));
    typed(&mut ed, "ly", Some(t0 + Duration::from_secs(5)));
    ed.undo();
    assert_eq!(ed.text(), "I broke trusted");
    // A cursor jump starts a new step too.
    typed(&mut ed, "ab", None);
    ed.input(&key(Key::Left));
    ed.input(&key(Key::Right));
    typed(&mut ed, "cd", None);
    ed.undo();
    assert_eq!(ed.text(), "I broke trustedab");
}

#[test]
fn a_paste_and_a_replacement_are_one_step_each() {
    let mut ed = Editor::new("start", false);
    ed.paste("\none\ntwo\nthree", None);
    assert_eq!(ed.paragraphs().len(), 4);
    ed.undo();
    assert_eq!(ed.text(), "start");
    assert!(ed.replace_all("all\nnew"));
    assert!(!ed.replace_all("all\nnew"));
    ed.undo();
    assert_eq!(ed.text(), "start");
    let mut one = Editor::new("", true);
    one.paste("a\nb", None);
    one.input(&key(Key::Enter));
    assert_eq!(one.text(), "a b");
}

#[test]
fn rows_stay_right_while_editing_a_long_paragraph() {
    let mut ed = Editor::new(
        &"so I broke Jo's trust too. That was humbling. ".repeat(300),
        false,
    );
    ed.view(37, 10);
    ed.input(&Input {
        ctrl: true,
        ..key(Key::Home)
    });
    for _ in 0..40 {
        ed.input(&key(Key::Right));
    }
    typed(&mut ed, "xyz ", None);
    ed.input(&ctrl('w'));
    ed.input(&key(Key::Backspace));
    let lay = ed.layout.borrow();
    assert_eq!(lay.starts(0), wrap::rows(&ed.paragraphs()[0], 37).as_slice());
}

/// One random edit.
#[derive(Debug, Clone)]
enum Op {
    Type(char),
    Paste(String),
    Key(Key, bool),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let keys = prop_oneof![
        Just(Key::Left),
        Just(Key::Right),
        Just(Key::Up),
        Just(Key::Down),
        Just(Key::Home),
        Just(Key::End),
        Just(Key::Backspace),
        Just(Key::Delete),
        Just(Key::Enter),
        Just(Key::PageDown),
    ];
    prop_oneof![
        4 => prop::sample::select(vec!['a', 'b', ' ', ',', '.', 'é', '信', '👍', '\u{301}', '(', ')', '"', '-', '!', '…']).prop_map(Op::Type),
        1 => "[a-c \n.]{0,12}".prop_map(Op::Paste),
        4 => (keys, any::<bool>()).prop_map(|(k, c)| Op::Key(k, c)),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

/// The model: the text and the cursor as a byte offset into it.
fn apply_model(text: &mut String, at: &mut usize, ed: &Editor) {
    // The model follows the editor's cursor, then checks the text it produces.
    let Pos { para, byte } = ed.cursor();
    *at = ed.paragraphs()[..para].iter().map(|p| p.len() + 1).sum::<usize>() + byte;
    let _ = text;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128), ..ProptestConfig::default() })]

    #[test]
    fn random_edits_match_a_plain_string(start in "[a-c .\n]{0,30}", ops in prop::collection::vec(op(), 0..60)) {
        let mut ed = Editor::new(&start, false);
        let mut model = start.clone();
        let mut at = model.len();
        let mut done: Vec<String> = vec![model.clone()];
        for (i, op) in ops.iter().enumerate() {
            if i % 5 == 0 {
                // Laid out at one width, kept up edit by edit (checked at the end).
                ed.view(7, 1 + i % 4);
            }
            match op {
                Op::Type(c) => {
                    ed.input(&key(Key::Char(*c)));
                    model.insert(at, *c);
                }
                Op::Paste(s) => {
                    ed.paste(s, None);
                    model.insert_str(at, s);
                }
                Op::Key(Key::Enter, _) => {
                    ed.input(&key(Key::Enter));
                    model.insert(at, '\n');
                }
                Op::Key(Key::Backspace, false) => {
                    let before = ed.text();
                    ed.input(&key(Key::Backspace));
                    let after = ed.text();
                    // Whatever went, it went from just before the cursor.
                    let gone = before.len() - after.len();
                    prop_assert!(gone <= at);
                    model.replace_range(at - gone..at, "");
                }
                Op::Key(Key::Delete, false) => {
                    let before = ed.text();
                    ed.input(&key(Key::Delete));
                    let gone = before.len() - ed.text().len();
                    model.replace_range(at..at + gone, "");
                }
                Op::Key(k, c) => {
                    let before = ed.text();
                    ed.input(&Input { key: *k, ctrl: *c, ..Input::default() });
                    let after = ed.text();
                    if before != after {
                        // Word deletes: the model takes the editor's word for what went.
                        model = after;
                    }
                }
                Op::Undo => {
                    ed.undo();
                    model = ed.text();
                }
                Op::Redo => {
                    ed.redo();
                    model = ed.text();
                }
            }
            prop_assert_eq!(ed.text(), model.clone());
            done.push(model.clone());
            apply_model(&mut model, &mut at, &ed);
            // The cursor is always on a boundary of the text.
            prop_assert!(model.is_char_boundary(at));
        }
        // Every layout kept up edit by edit equals one made afresh.
        ed.view(7, 3);
        let fresh: Vec<Vec<usize>> = ed.paragraphs().iter().map(|p| wrap::rows(p, 7)).collect();
        let lay = ed.layout.borrow();
        for (i, rows) in fresh.iter().enumerate() {
            prop_assert_eq!(lay.starts(i), rows.as_slice());
        }
        drop(lay);
        while ed.undo() {}
        prop_assert_eq!(ed.text(), start);
    }
}

#[test]
fn home_and_end_in_a_one_line_field_go_to_its_ends() {
    let mut ed = Editor::new("the last to know, again and again", true);
    ed.view(10, 1);
    ed.input(&key(Key::Home));
    assert_eq!(ed.cursor().byte, 0);
    ed.input(&key(Key::End));
    assert_eq!(ed.cursor().byte, ed.text().len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    /// The wrap rule on any text: rows cover it in order, no row but the first starts
    /// with a space, and a row is only wider than the width when it is one grapheme.
    #[test]
    fn rows_fit_and_never_start_with_a_space(text in "[a-z ,.信👍(\"-]{0,80}", width in 1usize..20) {
        let starts = wrap::rows(&text, width);
        prop_assert_eq!(starts[0], 0);
        for (i, &s) in starts.iter().enumerate() {
            let e = starts.get(i + 1).copied().unwrap_or(text.len());
            prop_assert!(s < e || text.is_empty());
            let row = &text[s..e];
            if i > 0 {
                prop_assert!(!row.starts_with(' '), "row {} {:?}", i, row);
            }
            let body = row.trim_end_matches(' ');
            prop_assert!(body.width() <= width || body.graphemes(true).count() == 1, "{:?} at {}", row, width);
        }
    }
}

/// Found by the property test: a break that appears at the edit lets a row two
/// rows back end later (" aaa .. ." has no break before the last ".", " aaa .. a."
/// has one before the "a"), so the kept rows must follow.
#[test]
fn an_edit_can_move_the_end_of_a_row_two_rows_back() {
    let mut ed = Editor::new(" aaa .. .", false);
    ed.view(7, 3);
    ed.input(&key(Key::End));
    ed.input(&key(Key::Left));
    ed.input(&key(Key::Char('a')));
    assert_eq!(ed.text(), " aaa .. a.");
    ed.view(7, 3);
    let lay = ed.layout.borrow();
    assert_eq!(lay.starts(0), wrap::rows(" aaa .. a.", 7).as_slice());
}
