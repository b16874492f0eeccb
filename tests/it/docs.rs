//! The content-format guide stays true: its complete example is a valid workbook,
//! and the error output it shows is what `trustbook validate` really prints.

use std::path::Path;
use std::process::Command;

const GUIDE: &str = include_str!("../../docs/content-format.md");

/// The body of the first ```toml block after the line naming `file` (`` `file`: ``).
fn example_file(file: &str) -> String {
    let label = format!("`{file}`:");
    let after = GUIDE
        .split_once(&label)
        .unwrap_or_else(|| panic!("the guide names {file}"))
        .1;
    let block = after.split_once("```toml\n").expect("a toml block follows").1;
    block.split_once("\n```").expect("the block ends").0.to_string() + "\n"
}

/// The plain ``` block that follows `marker` in the guide.
fn shown_output(marker: &str) -> String {
    let after = GUIDE
        .split_once(marker)
        .unwrap_or_else(|| panic!("the guide says {marker:?}"))
        .1;
    let block = after.split_once("```\n").expect("an output block follows").1;
    block.split_once("```").expect("the block ends").0.to_string()
}

fn validate(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .arg("validate")
        .arg(dir)
        .output()
        .expect("run trustbook validate")
}

fn write_example(dir: &Path, chapter: &str) {
    std::fs::write(dir.join("workbook.toml"), example_file("workbook.toml")).expect("write");
    std::fs::write(dir.join("01-our-money-story.toml"), chapter).expect("write");
}

#[test]
fn the_complete_example_validates_as_the_guide_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_example(dir.path(), &example_file("01-our-money-story.toml"));
    let out = validate(dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, shown_output("The closing reflections are not counted:"));
}

/// Validates `chapter` as the one chapter `file` of the guide's workbook in format 2.
fn validate_v2_chapter(file: &str, chapter: &str) -> std::process::Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let workbook = example_file("workbook.toml")
        .replacen("format_version = 1", "format_version = 2", 1)
        .replacen("\"01-our-money-story.toml\"", &format!("\"{file}\""), 1);
    std::fs::write(dir.path().join("workbook.toml"), workbook).expect("write");
    std::fs::write(dir.path().join(file), chapter).expect("write");
    validate(dir.path())
}

#[test]
fn the_score_examples_validate() {
    let exercises = example_file("thought-record.toml");
    assert!(exercises.contains("kind = \"score\"") && exercises.contains("method = \"change\""));
    let chapter = format!(
        "id = \"thought-record\"\ntitle = \"Thought record\"\nintroduction = \"I\"\n\n{exercises}\n[repeat]\nrhythm = \"entries\"\ntitle = \"Thought record\"\n\n[reflection]\nprompt = \"R\"\n"
    );
    let out = validate_v2_chapter("thought-record.toml", &chapter);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The outcome measure: placeholders only, and a valid chapter as written.
    let measure = example_file("00-how-we-are.toml");
    assert!(measure.contains("method = \"sum\"") && measure.contains("[band from your manual]"));
    let out = validate_v2_chapter("00-how-we-are.toml", &measure);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_ratings_chapter_example_validates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workbook = example_file("workbook.toml")
        .replacen("format_version = 1", "format_version = 2", 1)
        .replacen("\"01-our-money-story.toml\"", "\"02-after-a-fight.toml\"", 1);
    std::fs::write(dir.path().join("workbook.toml"), workbook).expect("write");
    let chapter = example_file("02-after-a-fight.toml");
    assert!(chapter.contains("items_from = ") && chapter.contains("add_items = true"));
    std::fs::write(dir.path().join("02-after-a-fight.toml"), chapter).expect("write");
    let out = validate(dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ok: 1 chapter, 3 exercises\n"
    );
}

#[test]
fn the_error_output_in_the_guide_is_real() {
    // The three mistakes the guide describes, made in its own example.
    let chapter = example_file("01-our-money-story.toml")
        .replacen("prompt = \"List the money", "promt = \"List the money", 1)
        .replacen("kind = \"checklist\"", "kind = \"checklst\"", 1)
        .replacen("min = 0\nmax = 10", "min = 10\nmax = 0", 1);
    let dir = tempfile::tempdir().expect("temp dir");
    write_example(dir.path(), &chapter);
    let out = validate(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, shown_output("would then report:"));
}

/// The first block of `lang` in a guide.
fn first_block(guide: &str, lang: &str) -> String {
    let after = guide.split_once(&format!("```{lang}\n")).expect("a block").1;
    after.split_once("\n```").expect("the block ends").0.to_string() + "\n"
}

#[test]
fn the_answers_file_example_is_a_real_answers_file() {
    let guide = include_str!("../../docs/answers-format.md");
    let text = first_block(guide, "toml");
    let saved = trustbook::store::decode(&text, Path::new("example.toml")).expect("the example parses");
    assert!(saved.answers.len() >= 3, "the example shows several answers");
    // Written back by trustbook, it reads the same.
    let again = trustbook::store::encode(&saved.answers, saved.place.as_ref(), "trust-workbook");
    let back = trustbook::store::decode(&again, Path::new("again.toml")).expect("round trip");
    assert_eq!(back.answers, saved.answers);
}

#[test]
fn the_export_example_is_a_real_export() {
    let guide = include_str!("../../docs/export-format.md");
    let text = first_block(guide, "json");
    let export = trustbook::export::parse_json(&text).expect("the example parses");
    assert!(!export.answers.is_empty());
}

#[test]
fn the_repeat_example_is_a_valid_chapter() {
    let after = GUIDE
        .split_once("For example, the end of a chapter with a weekly check-in:")
        .expect("the guide shows a [repeat] example")
        .1;
    let block = after.split_once("```toml\n").expect("a toml block follows").1;
    let block = block.split_once("\n```").expect("the block ends").0;
    let dir = tempfile::tempdir().expect("temp dir");
    let workbook = example_file("workbook.toml").replacen("format_version = 1", "format_version = 2", 1);
    std::fs::write(dir.path().join("workbook.toml"), workbook).expect("write");
    // The example ends the chapter; a reflection follows [repeat] in the same file.
    let chapter = format!(
        "id = \"our-money-story\"\ntitle = \"Our money story\"\nintroduction = \"Each week.\"\n\n{block}\n\n[reflection]\nprompt = \"What changed?\"\n"
    );
    std::fs::write(dir.path().join("01-our-money-story.toml"), chapter).expect("write");
    let out = validate(dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // And a slip in it is caught, with its place and a suggestion.
    let slipped = std::fs::read_to_string(dir.path().join("01-our-money-story.toml"))
        .expect("read")
        .replacen("rhythm = \"weekly\"", "rhythm = \"weeky\"", 1);
    std::fs::write(dir.path().join("01-our-money-story.toml"), slipped).expect("write");
    let out = validate(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("did you mean `weekly`?"), "{stderr}");
}
