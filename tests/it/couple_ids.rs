//! Issue 19, both findings together: the couple's one shared list, typed by alex alone,
//! keeps its item ids for both partners when alex rewords one item and deletes another,
//! in compare (both ways, library and command line), the trends and the Markdown export.

use trustbook::answers::Answers;
use trustbook::comparison::{self, RowView};
use trustbook::content::Workbook;
use trustbook::entry::{self, Entry};
use trustbook::export::{self, ExportMeta};

use crate::couple_list::{CH, NOW, run, workbook, write_profile};
use crate::item_ids::{edit, first_list, rate};

const WEEK_1: &str = "2026-11-30";
const WEEK_2: &str = "2026-12-07";

/// Alex types the list (with a typo) and both rate week 1, sam against alex's list as
/// shared; alex then fixes the typo and deletes "Plans kept", and both rate week 2.
fn two_weeks(wb: &Workbook) -> (Answers, Answers) {
    let mut alex = first_list("2026-11-20T10:00:00Z");
    rate(
        &mut alex,
        wb,
        WEEK_1,
        &[("Calls retuned", 5), ("Plans kept", 8), ("Tea on Sunday", 3)],
    );
    let mut sam = Answers::default();
    sam.take_shared(wb, "alex", &alex, NOW);
    rate(
        &mut sam,
        wb,
        WEEK_1,
        &[("Calls retuned", 6), ("Plans kept", 2), ("Tea on Sunday", 4)],
    );
    edit(&mut alex, "2026-12-01T10:00:00Z", |items, ids| {
        items[0] = "Calls returned".into();
        let at = items.iter().position(|i| i == "Plans kept").expect("listed");
        items.remove(at);
        ids.remove(at);
    });
    rate(
        &mut alex,
        wb,
        WEEK_2,
        &[("Calls returned", 7), ("Tea on Sunday", 5)],
    );
    sam.take_shared(wb, "alex", &alex, NOW);
    rate(
        &mut sam,
        wb,
        WEEK_2,
        &[("Calls returned", 9), ("Tea on Sunday", 1)],
    );
    (alex, sam)
}

/// What each week's compare says, from `me`'s side; every row of the week shows both.
fn compared(wb: &Workbook, me: (&str, &Answers), partner: (&str, &Answers)) -> [String; 2] {
    [WEEK_1, WEEK_2].map(|w| {
        let c = comparison::compare_at(wb, me, partner, Some(w), NOW);
        let text = comparison::render_text(&c, 100);
        // Neither waits on the other: each side's week is judged against the one list.
        let week = c.chapters.iter().filter(|ch| ch.week.is_some());
        let rows: Vec<_> = week.flat_map(|ch| &ch.rows).collect();
        assert!(!rows.is_empty(), "{}, {w}: {text}", me.0);
        for r in rows {
            assert!(matches!(r.view, RowView::Both { .. }), "{}, {w}: {text}", me.0);
        }
        text
    })
}

/// One partner's trend values per week, by trend name, as the app shows them.
fn trends(wb: &Workbook, a: &Answers) -> Vec<(String, Vec<Option<i64>>)> {
    let shown = a.in_current_words(wb);
    let entries: Vec<&Entry> = shown.live_entries(CH).collect();
    entry::series(&wb.chapters[0], &entries)
        .iter()
        .map(|s| {
            let values = entries.iter().map(|e| s.value_in(e)).collect();
            (s.name.clone(), values)
        })
        .collect()
}

#[test]
fn the_couples_shared_list_keeps_ids_for_both_partners_through_rewording() {
    let (content, wb) = workbook();
    let (alex, sam) = two_weeks(&wb);
    // Sam rated alex's items: sam's weeks carry alex's ids, never ids of sam's own.
    assert!(sam.own(CH, "agreements").is_none());

    // Compare, each way round: the reworded item is one row, "(was: …)" in week 1;
    // the deleted item keeps its week-1 ratings under its old wording, and is gone after.
    for (me, partner) in [(("alex", &alex), ("sam", &sam)), (("sam", &sam), ("alex", &alex))] {
        let [first, second] = compared(&wb, me, partner);
        for line in [
            "Calls returned (was: Calls retuned): 5 / 10",
            "Calls returned (was: Calls retuned): 6 / 10",
            "Plans kept: 8 / 10",
            "Plans kept: 2 / 10",
        ] {
            assert!(first.contains(line), "{}, week 1: {line}\n{first}", me.0);
        }
        for line in ["Calls returned: 7 / 10", "Calls returned: 9 / 10"] {
            assert!(second.contains(line), "{}, week 2: {line}\n{second}", me.0);
        }
        assert!(!second.contains("Plans kept"), "{}: {second}", me.0);
        assert!(!second.contains("retuned"), "{}: {second}", me.0);
    }

    // Trends, for each partner: one line for the reworded item under today's wording,
    // the deleted item's line ends where it was deleted.
    for (who, a, calls, plans) in [
        ("alex", &alex, [Some(5), Some(7)], [Some(8), None]),
        ("sam", &sam, [Some(6), Some(9)], [Some(2), None]),
    ] {
        let t = trends(&wb, a);
        let of = |name: &str| t.iter().find(|(n, _)| n.ends_with(name)).map(|(_, v)| v.clone());
        assert_eq!(of("Calls returned"), Some(calls.to_vec()), "{who}: {t:?}");
        assert_eq!(of("Plans kept"), Some(plans.to_vec()), "{who}: {t:?}");
        assert!(!t.iter().any(|(n, _)| n.contains("retuned")), "{who}: {t:?}");
    }

    // The Markdown export of each: one column per item, the old week with "(was: …)".
    for (who, a, old) in [("alex", &alex, 5), ("sam", &sam, 6)] {
        let meta = ExportMeta {
            profile: who.into(),
            date: "2026-12-10".into(),
        };
        let md = export::markdown(&wb, a, &meta, false);
        let was = format!("Calls returned (was: Calls retuned): {old} / 10");
        assert!(md.contains(&was), "{who}: {md}");
        let head = md
            .lines()
            .find(|l| l.starts_with('|') && l.contains("Calls returned"))
            .unwrap_or_else(|| panic!("{who}: no table of values\n{md}"));
        assert!(
            head.contains("Plans kept") && !head.contains("retuned"),
            "{who}: {head}"
        );
    }

    // The command line, on two data folders joined by export and import only.
    let (alex_dir, sam_dir, outside) = (
        tempfile::tempdir().expect("alex"),
        tempfile::tempdir().expect("sam"),
        tempfile::tempdir().expect("exports"),
    );
    let c = content.path();
    let folks = [("alex", &alex_dir, &alex), ("sam", &sam_dir, &sam)];
    for (who, dir, a) in folks {
        write_profile(dir.path(), who, &wb, a);
        let out = outside.path().join(format!("{who}.json"));
        let out = out.to_str().unwrap_or_default();
        run(
            c,
            dir.path(),
            &["export", "--profile", who, "--format", "json", "--output", out],
        );
    }
    for ((me, dir, _), (partner, ..)) in [(folks[0], folks[1]), (folks[1], folks[0])] {
        let from = outside.path().join(format!("{partner}.json"));
        let from = from.to_str().unwrap_or_default();
        run(c, dir.path(), &["import", from, "--profile", partner]);
        let args = ["compare", me, partner, "--width", "100", "--week", WEEK_1];
        let text = run(c, dir.path(), &args);
        for line in [
            "Calls returned (was: Calls retuned): 5 / 10",
            "Calls returned (was: Calls retuned): 6 / 10",
            "Plans kept: 8 / 10",
            "Plans kept: 2 / 10",
        ] {
            assert!(text.contains(line), "{me}: {line}\n{text}");
        }
        let md = run(c, dir.path(), &["export", "--profile", me]);
        assert!(md.contains("Calls returned (was: Calls retuned)"), "{me}: {md}");
    }
}
