//! `docs/workbook.schema.json` stays true: it accepts the shipped content, the fixtures
//! and the guide's examples, rejects the typos the validator catches, and knows exactly
//! the keys the validator allows (read from the validator's own messages).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value as Json;

const SCHEMA: &str = include_str!("../../docs/workbook.schema.json");
const GUIDE: &str = include_str!("../../docs/content-format.md");

fn schema() -> Json {
    serde_json::from_str(SCHEMA).expect("the schema is valid JSON")
}

fn def<'a>(root: &'a Json, name: &str) -> &'a Json {
    &root["$defs"][name]
}

/// A small JSON Schema check: `$ref`, `anyOf`, `allOf`, `if`/`then`, `not`, `type`,
/// `enum`, `required`, `properties` (a `false` one refuses its key),
/// `additionalProperties: false`, `items`, `minItems`, `minLength`. Other keywords are
/// left to the validator. `required` is skipped for guide fragments, except in an `if`.
fn check(root: &Json, node: &Json, v: &Json, required: bool, at: &str) -> Result<(), String> {
    if node == &Json::Bool(false) {
        return Err(format!("{at}: not allowed here"));
    }
    for n in node.get("allOf").and_then(Json::as_array).into_iter().flatten() {
        check(root, n, v, required, at)?;
    }
    if let (Some(cond), Some(then)) = (node.get("if"), node.get("then"))
        && check(root, cond, v, true, at).is_ok()
    {
        check(root, then, v, required, at)?;
    }
    if let Some(n) = node.get("not")
        && check(root, n, v, required, at).is_ok()
    {
        return Err(format!("{at}: {v} is not allowed"));
    }
    if let Some(r) = node.get("$ref").and_then(Json::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local refs only");
        check(root, def(root, name), v, required, at)?;
    }
    if let Some(any) = node.get("anyOf").and_then(Json::as_array) {
        let errs: Vec<String> = any
            .iter()
            .filter_map(|n| check(root, n, v, required, at).err())
            .collect();
        if errs.len() == any.len() {
            return Err(errs.join(" / "));
        }
    }
    if let Some(t) = node.get("type").and_then(Json::as_str) {
        let ok = match t {
            "string" => v.is_string(),
            "integer" => v.is_i64(),
            "boolean" => v.is_boolean(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            other => panic!("type {other} is not used by the schema"),
        };
        if !ok {
            return Err(format!("{at}: {v} is not {t}"));
        }
    }
    if let Some(e) = node.get("enum").and_then(Json::as_array)
        && !e.contains(v)
    {
        return Err(format!("{at}: {v} is not one of {e:?}"));
    }
    if let Some(n) = node.get("minLength").and_then(Json::as_u64)
        && v.as_str().is_some_and(|s| (s.chars().count() as u64) < n)
    {
        return Err(format!("{at}: too short"));
    }
    if let Some(obj) = v.as_object() {
        let props = node.get("properties").and_then(Json::as_object);
        if required {
            for r in node
                .get("required")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
            {
                let r = r.as_str().expect("required names are strings");
                if !obj.contains_key(r) {
                    return Err(format!("{at}: `{r}` is required"));
                }
            }
        }
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(p) => check(root, p, val, required, &format!("{at}.{k}"))?,
                None if node.get("additionalProperties") == Some(&Json::Bool(false)) => {
                    return Err(format!("{at}: unknown key `{k}`"));
                }
                None => {}
            }
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(n) = node.get("minItems").and_then(Json::as_u64)
            && (items.len() as u64) < n
        {
            return Err(format!("{at}: fewer than {n} items"));
        }
        if let Some(i) = node.get("items") {
            for (n, item) in items.iter().enumerate() {
                check(root, i, item, required, &format!("{at}[{n}]"))?;
            }
        }
    }
    Ok(())
}

fn toml_json(text: &str) -> Json {
    let v: toml::Value = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(v).expect("TOML as JSON")
}

/// Checks a whole content file against the schema.
fn accepts(text: &str) -> Result<(), String> {
    let root = schema();
    check(&root, &root, &toml_json(text), true, "")
}

fn content_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_schema_is_json_schema_2020_12() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for name in ["workbook", "chapter", "exercise", "reflection"] {
        assert!(def(&s, name).is_object(), "$defs/{name}");
    }
}

#[test]
fn the_schema_accepts_the_shipped_content_and_the_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "content",
        "tests/fixtures/v2-workbook",
        "tests/fixtures/valid",
        "tests/fixtures/pty-workbook",
    ] {
        let files = content_files(&root.join(dir));
        assert!(files.len() >= 2, "{dir} has a workbook and a chapter");
        for f in files {
            let text = std::fs::read_to_string(&f).expect("read");
            if let Err(e) = accepts(&text) {
                panic!("{}: {e}", f.display());
            }
        }
    }
}

#[test]
fn the_schema_accepts_every_example_in_the_guide() {
    let root = schema();
    let mut blocks = 0;
    for block in GUIDE.split("```toml\n").skip(1) {
        let body = block.split_once("```").expect("the block ends").0;
        let body: String = body
            .lines()
            .map(|l| l.trim_start_matches("  "))
            .collect::<Vec<_>>()
            .join("\n");
        let v = toml_json(&body);
        // A fragment (a few keys, one exercise) fits one of the shapes, keys and types.
        let fits = ["workbook", "chapter", "exercise"]
            .iter()
            .map(|d| check(&root, def(&root, d), &v, false, d))
            .collect::<Vec<_>>();
        assert!(
            fits.iter().any(Result::is_ok),
            "guide example not in the schema: {fits:?}\n{body}"
        );
        blocks += 1;
    }
    assert!(blocks >= 6, "only {blocks} examples found");
}

#[test]
fn the_schema_rejects_the_typos_the_validator_catches() {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook/after-a-fight.toml"),
    )
    .expect("read");
    accepts(&base).expect("the fixture is accepted as written");
    let typos = [
        ("prompt = ", "promt = "),
        ("title = ", "titel = "),
        ("kind = \"checklist\"", "kind = \"checklst\""),
        ("exclusive = ", "exclusiv = "),
        ("[reflection]", "[reflectoin]"),
        ("[[exercises]]\nid", "[[exercises]]\n[[exercises.fields]]\nid"),
    ];
    for (from, to) in typos {
        assert!(base.contains(from), "the fixture has {from}");
        let bad = base.replacen(from, to, 1);
        assert!(accepts(&bad).is_err(), "the schema accepts the typo {to:?}");
    }
}

/// The keys the validator allows in each table, read from its "allowed keys here" messages.
fn validator_keys() -> Vec<(String, BTreeSet<String>)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let z = "zzzzzzzz = 1";
    let wb = format!(
        "format_version = 2\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n{z}\n[safety]\ntitle = \"S\"\ntext = \"T\"\n{z}\n"
    );
    let ch = format!(
        "id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n{z}\n[[exercises]]\nid = \"first\"\n{z}\ntitle = \"F\"\nprompt = \"P\"\nwhen = {{ exercise = \"x\", {z} }}\n[[exercises]]\nid = \"second\"\nkind = \"zzzzzzzz\"\ntitle = \"F\"\nprompt = \"P\"\n[reflection]\nprompt = \"R\"\n{z}\n"
    );
    std::fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    std::fs::write(dir.path().join("a.toml"), ch).expect("write");
    let diags = trustbook::content::load_dir(dir.path()).expect_err("the probe has errors");
    diags
        .0
        .iter()
        .filter_map(|d| {
            let (what, list) = d
                .message
                .split_once("; allowed keys here: ")
                .map(|(w, l)| (w.to_string(), l))
                .or_else(|| {
                    d.message
                        .split_once("; use one of: ")
                        .map(|(_, l)| ("kind".to_string(), l))
                })?;
            Some((what, list.split(", ").map(str::to_string).collect()))
        })
        .collect()
}

fn schema_keys(node: &Json) -> BTreeSet<String> {
    node["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn the_schema_knows_exactly_the_validators_keys_and_kinds() {
    let s = schema();
    let found = validator_keys();
    let expect = |part: &str, node: &Json| {
        let (_, keys) = found
            .iter()
            .find(|(what, _)| what.contains(part))
            .unwrap_or_else(|| panic!("no message for {part}: {found:#?}"));
        assert_eq!(&schema_keys(node), keys, "{part}");
    };
    expect("the workbook file", def(&s, "workbook"));
    expect("the safety page", &def(&s, "workbook")["properties"]["safety"]);
    expect("in the chapter", def(&s, "chapter"));
    expect("in exercise `first`", def(&s, "exercise"));
    expect("the `when` of", &def(&s, "exercise")["properties"]["when"]);
    expect("the closing reflection", def(&s, "reflection"));
    let (_, kinds) = found
        .iter()
        .find(|(w, _)| w == "kind")
        .expect("the kinds message");
    let schema_kinds: BTreeSet<String> = def(&s, "exercise")["properties"]["kind"]["enum"]
        .as_array()
        .expect("kind enum")
        .iter()
        .map(|k| k.as_str().expect("kind name").to_string())
        .collect();
    assert_eq!(&schema_kinds, kinds);
    assert_eq!(found.len(), 7, "{found:#?}");
}

/// An exercise table as TOML, for the per-kind rules.
fn exercise_accepts(body: &str) -> Result<(), String> {
    let root = schema();
    let text = format!("id = \"e\"\ntitle = \"T\"\nprompt = \"P\"\n{body}");
    check(&root, def(&root, "exercise"), &toml_json(&text), true, "exercise")
}

#[test]
fn the_schema_keeps_each_kind_s_keys_to_that_kind() {
    let ratings = "kind = \"ratings\"\nmin = 0\nmax = 10\n";
    for ok in [
        format!("{ratings}items_from = \"what-helps\""),
        format!("{ratings}items_from = \"after-a-fight/what-helps\"\nitems = [\"Safe\"]"),
        format!("{ratings}add_items = true"),
        format!("{ratings}items = [\"Safe\"]\nmin_label = \"low\""),
        "kind = \"scale\"\nmin = 0\nmax = 10\nmin_label = \"a\"\nmax_label = \"b\"".to_string(),
        "kind = \"list\"\nmin = 1".to_string(),
    ] {
        exercise_accepts(&ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for bad in [
        "kind = \"text\"\nitems_from = \"what-helps\"".to_string(),
        "kind = \"list\"\nadd_items = true".to_string(),
        "kind = \"scale\"\nmin = 0\nmax = 10\nmin_label = \"a\"\nmax_label = \"b\"\nitems = [\"x\"]"
            .to_string(),
        "kind = \"text\"\noptions = [\"a\", \"b\"]".to_string(),
        "kind = \"choice\"".to_string(),
        "kind = \"scale\"\nmin = 0\nmax = 10".to_string(),
        ratings.to_string(),
        format!("{ratings}add_items = \"yes\""),
    ] {
        assert!(exercise_accepts(&bad).is_err(), "the schema accepts {bad:?}");
    }
}
