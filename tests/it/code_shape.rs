//! The shape of the code itself: no function in `src/` is longer than a reader
//! takes in at once (docs/architecture.md, "Tests"). Measured by counting braces,
//! after strings, characters and comments are blanked out, from the line of `fn`
//! to the line of its closing brace.

use std::path::{Path, PathBuf};

/// The longest a function may be, in lines from `fn` to its closing brace.
const MOST_LINES: usize = 150;

/// A function found in a source file.
#[derive(Debug, PartialEq)]
struct Function {
    name: String,
    /// 1-based line of `fn`.
    line: usize,
    /// Lines from `fn` to the closing brace, both counted.
    lines: usize,
}

/// `src` with every comment, string and character literal turned into spaces
/// (newlines kept), so the braces left are the code's own.
fn blank_literals(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    // Blanks `b[from..to]`, keeping newlines so line numbers stay right.
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        out.extend(b[from..to].iter().map(|c| if *c == b'\n' { b'\n' } else { b' ' }));
    };
    while i < b.len() {
        let rest = &b[i..];
        let end = if rest.starts_with(b"//") {
            i + rest.iter().position(|c| *c == b'\n').unwrap_or(rest.len())
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            let mut j = i;
            loop {
                if j + 1 >= b.len() {
                    break b.len();
                } else if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break j;
                    }
                } else {
                    j += 1;
                }
            }
        } else if let Some(end) = raw_string_end(b, i) {
            end
        } else if rest[0] == b'"' || rest.starts_with(b"b\"") {
            let mut j = i + if rest[0] == b'"' { 1 } else { 2 };
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(b.len())
        } else if rest[0] == b'\'' {
            char_literal_end(b, i).unwrap_or(i + 1)
        } else {
            out.push(rest[0]);
            i += 1;
            continue;
        };
        blank(&mut out, i, end);
        i = end;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where a raw string starting at `i` (`r"…"`, `r#"…"#`, `br"…"`) ends, if one does.
fn raw_string_end(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let mut j = i;
    if b.get(j) == Some(&b'b') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|c| **c == b'#').count();
    j += hashes;
    if b.get(j) != Some(&b'"') {
        return None;
    }
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    let body = j + 1;
    let found = b[body..]
        .windows(close.len())
        .position(|w| w == close.as_slice())?;
    Some(body + found + close.len())
}

/// Where a character literal starting at `i` ends; `None` for a lifetime (`'a`).
fn char_literal_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i + 1) == Some(&b'\\') {
        let close = b[i + 2..].iter().position(|c| *c == b'\'')?;
        return Some(i + 2 + close + 1);
    }
    // One character (up to four bytes of UTF-8) and a closing quote.
    (2..=5)
        .find(|n| b.get(i + n) == Some(&b'\''))
        .map(|n| i + n + 1)
        .filter(|end| std::str::from_utf8(&b[i + 1..end - 1]).is_ok_and(|s| s.chars().count() == 1))
}

/// Every function with a body in `src`, with its length.
fn functions(src: &str) -> Vec<Function> {
    let code = blank_literals(src);
    let b = code.as_bytes();
    let line_of = |at: usize| b[..at].iter().filter(|c| **c == b'\n').count() + 1;
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(off) = code[at..].find("fn ") {
        let start = at + off;
        at = start + 3;
        let word_before = start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_');
        if word_before {
            continue;
        }
        let name: String = code[at..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue; // `fn(` types
        }
        // The body opens at the first `{` not after a `;` (a declaration has none).
        let Some(open) = code[at..].find(['{', ';']).map(|o| at + o) else {
            break;
        };
        if b[open] == b';' {
            continue;
        }
        let mut depth = 0usize;
        let close = (open..b.len()).find(|j| {
            match b[*j] {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
            depth == 0
        });
        let Some(close) = close else { break };
        found.push(Function {
            name,
            line: line_of(start),
            lines: line_of(close) - line_of(start) + 1,
        });
        // Nested functions are measured too: go on from inside the body.
        at = open + 1;
    }
    found
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).expect("read the source folder") {
            let path = entry.expect("read a source folder entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn no_function_in_src_is_longer_than_150_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&src);
    let mut all = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read a source file");
        let rel = file.strip_prefix(&src).expect("under src").display().to_string();
        all.extend(functions(&text).into_iter().map(|f| (rel.clone(), f)));
    }
    // The scan must have found the code it measures, or it proves nothing.
    assert!(files.len() > 100, "only {} files under src/", files.len());
    assert!(all.iter().any(|(file, f)| file == "main.rs" && f.name == "main"));
    assert!(all.len() > 1000, "only {} functions found", all.len());
    let mut long: Vec<_> = all.iter().filter(|(_, f)| f.lines > MOST_LINES).collect();
    long.sort_by_key(|(_, f)| std::cmp::Reverse(f.lines));
    let list: Vec<String> = long
        .iter()
        .map(|(file, f)| format!("src/{file}:{} {} ({} lines)", f.line, f.name, f.lines))
        .collect();
    assert!(
        list.is_empty(),
        "functions over {MOST_LINES} lines; split them by concern:\n{}",
        list.join("\n")
    );
}

#[test]
fn the_measure_counts_from_fn_to_its_closing_brace_and_skips_literals() {
    let body: String = (0..149).map(|i| format!("    let x{i} = \"}}{{\";\n")).collect();
    let src = format!(
        "/// Doc {{\nfn long() {{\n{body}}}\n\
         fn short(a: &'static str) -> char {{\n    // }} in a comment\n    let _ = r#\"}}\"#;\n    '}}'\n}}\n\
         trait T {{ fn declared(&self); fn given(&self) {{ }} }}\n"
    );
    let found = functions(&src);
    let got: Vec<(&str, usize, usize)> = found.iter().map(|f| (f.name.as_str(), f.line, f.lines)).collect();
    assert_eq!(got, [("long", 2, 151), ("short", 153, 5), ("given", 158, 1)]);
}
