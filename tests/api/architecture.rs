//! The module rules of ARCHITECTURE.md ("Which module may use which"), checked on the
//! sources: a rule that only a document states is a rule the next change breaks.
//!
//! These read the repository's own files (never `../shared`), so they run in any clone.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, recursively, as (path relative to the root, text).
fn sources(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join(dir), &mut files);
    assert!(!files.is_empty(), "no sources under {dir}");
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.strip_prefix(root()).unwrap().display().to_string(), text)
        })
        .collect()
}

/// The code of a file without its comments and its `#[cfg(test)]` module (a rule is about
/// what the code uses, not what its prose or its tests mention).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| l.trim_start())
        .filter(|l| !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `[dependencies]` table of a crate's manifest (not its dev-dependencies).
fn dependencies(manifest: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(manifest)).unwrap();
    let mut in_deps = false;
    let mut deps = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.', ' ']).next().unwrap().trim().to_owned();
            deps.push(name);
        }
    }
    assert!(!deps.is_empty(), "{manifest} has no [dependencies]");
    deps
}

fn offenders(files: &[(String, String)], forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let code = code(text);
        for word in forbidden {
            if code.contains(word) {
                found.push(format!("{path}: uses `{word}`"));
            }
        }
    }
    found
}

/// The layers: sdk ← store ← api ← server / xtask, and nothing points back up.
#[test]
fn crates_depend_only_downwards() {
    let sdk = dependencies("crates/sdk/Cargo.toml");
    let store = dependencies("crates/store/Cargo.toml");
    let api = dependencies("crates/api/Cargo.toml");
    for (name, deps, forbidden) in [
        ("workspaced-sdk", &sdk, &["diesel", "actix-web", "workspaced-store", "workspaced-api"][..]),
        ("workspaced-store", &store, &["actix-web", "utoipa", "workspaced-api"][..]),
        ("workspaced-api", &api, &["diesel", "r2d2"][..]),
    ] {
        for f in forbidden {
            assert!(!deps.iter().any(|d| d == f), "{name} depends on {f}: {deps:?}");
        }
    }
    assert!(store.iter().any(|d| d == "diesel"), "the rule reads the manifests: {store:?}");
}

/// SQL lives in the store crate only.
#[test]
fn no_sql_outside_the_store() {
    let mut files = sources("crates/api/src");
    files.extend(sources("crates/server/src"));
    let found = offenders(&files, &["diesel::", "sql_query", "workspaced_store::schema"]);
    assert!(found.is_empty(), "SQL outside crates/store:\n{}", found.join("\n"));
}

/// Services are what an operation does apart from HTTP: they use the store and the sdk,
/// never the handlers or actix, and their failures are typed (`services::Failure`), made
/// an `ApiError` in one `From`.
#[test]
fn services_know_nothing_of_http() {
    let files = sources("crates/api/src/services");
    let found = offenders(&files, &["actix", "crate::handlers", "StatusCode", "HttpRequest", "HttpResponse", "ApiError"]);
    assert!(found.is_empty(), "services reaching up into the HTTP layer:\n{}", found.join("\n"));
}

/// The store hands out rows and aggregates; it knows no wire structs and no HTTP.
#[test]
fn the_store_knows_no_http() {
    let files = sources("crates/store/src");
    let found = offenders(&files, &["actix", "utoipa", "StatusCode"]);
    assert!(found.is_empty(), "HTTP in the store:\n{}", found.join("\n"));
}

/// Handlers are thin: they reach the database only through a service or the store's
/// typed calls, and build no wire type from rows (`convert.rs` does).
#[test]
fn handlers_do_not_touch_rows() {
    let files = sources("crates/api/src/handlers");
    let found = offenders(&files, &["workspaced_store::models", "workspaced_store::schema"]);
    assert!(found.is_empty(), "handlers reading rows:\n{}", found.join("\n"));
}

/// No room too big to read at once: a non-test source file stays under about 600 lines.
/// Example data is exempt (it is a table, not logic).
#[test]
fn no_source_file_is_too_big() {
    const LIMIT: usize = 620;
    const EXEMPT: [&str; 1] = ["crates/sdk/src/examples.rs"];
    let mut files = Vec::new();
    for dir in ["crates/sdk/src", "crates/store/src", "crates/api/src", "crates/server/src", "xtask/src"] {
        files.extend(sources(dir));
    }
    let too_big: Vec<String> = files
        .iter()
        .filter(|(path, _)| !EXEMPT.contains(&path.as_str()))
        .filter(|(path, _)| !path.ends_with("tests.rs") && !path.contains("/tests/"))
        .filter(|(_, text)| text.lines().count() > LIMIT)
        .map(|(path, text)| format!("{path}: {} lines", text.lines().count()))
        .collect();
    assert!(too_big.is_empty(), "split these along their domain:\n{}", too_big.join("\n"));
}
