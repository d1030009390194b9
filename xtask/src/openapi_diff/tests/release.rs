//! The version gate, `release` and the changelog, on documents made here.

use serde_json::{json, Value};

use super::super::changelog;
use super::super::release::{gate, release, released, Released, Version};
use super::{edit, plain};

fn versioned(doc: &Value, version: &str) -> Value {
    edit(doc, "/info", |i| i["version"] = json!(version))
}

fn rel(doc: &Value) -> Released {
    Released { version: Version::of(doc).unwrap(), doc: doc.clone() }
}

/// [`plain`] without the response's `id`: breaks it.
fn broken(version: &str) -> Value {
    edit(&versioned(&plain(), version), "/components/schemas/Res", |s| {
        s["properties"].as_object_mut().unwrap().remove("id");
        s["required"] = json!([]);
    })
}

/// [`plain`] with a new optional request property: does not break it.
fn grown(version: &str) -> Value {
    edit(&versioned(&plain(), version), "/components/schemas/Req/properties", |p| p["size"] = json!({"type": "integer"}))
}

#[test]
fn versions_parse_as_major_minor_patch_only() {
    assert_eq!(Version::parse("1.2.3"), Some(Version { major: 1, minor: 2, patch: 3 }));
    for bad in ["1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.2.x", ""] {
        assert_eq!(Version::parse(bad), None, "{bad}");
    }
    assert!(Version::parse("1.10.0") > Version::parse("1.9.9"));
}

#[test]
fn the_gate_needs_a_released_document() {
    let verdict = gate(&[], &plain());
    assert!(verdict.problems[0].contains("no released document"), "{:?}", verdict.problems);
}

#[test]
fn a_breaking_change_is_refused_within_a_major_version() {
    let v1 = rel(&versioned(&plain(), "1.0.0"));
    for version in ["1.0.0", "1.1.0"] {
        let verdict = gate(std::slice::from_ref(&v1), &broken(version));
        assert_eq!(verdict.problems.len(), 1, "{:?}", verdict.problems);
        let p = &verdict.problems[0];
        assert!(p.contains("needs info.version 2.0.0") && p.contains("/components/schemas/Res/properties/id"), "{p}");
    }
}

#[test]
fn a_breaking_change_passes_with_the_next_major_version() {
    let v1 = rel(&versioned(&plain(), "1.0.0"));
    let verdict = gate(&[v1], &broken("2.0.0"));
    assert!(verdict.problems.is_empty(), "{:?}", verdict.problems);
    assert!(super::super::any_breaking(&verdict.unreleased));
}

#[test]
fn a_non_breaking_change_passes_with_or_without_a_bump() {
    let v1 = rel(&versioned(&plain(), "1.0.0"));
    for version in ["1.0.0", "1.1.0"] {
        let verdict = gate(std::slice::from_ref(&v1), &grown(version));
        assert!(verdict.problems.is_empty(), "{version}: {:?}", verdict.problems);
        assert!(!verdict.unreleased.is_empty());
    }
}

#[test]
fn the_version_may_not_go_back_or_skip_a_major() {
    let v12 = rel(&versioned(&plain(), "1.2.0"));
    let back = gate(std::slice::from_ref(&v12), &versioned(&plain(), "1.1.0"));
    assert!(back.problems[0].contains("below the latest released 1.2.0"), "{:?}", back.problems);
    let skip = gate(&[v12], &broken("3.0.0"));
    assert!(skip.problems[0].contains("skips a major version"), "{:?}", skip.problems);
}

#[test]
fn released_documents_stay_and_keep_their_version() {
    // Only 2.0.0 left: the 1.x release it replaced was deleted.
    let only_two = gate(&[rel(&broken("2.0.0"))], &broken("2.0.0"));
    assert!(only_two.problems.iter().any(|p| p.contains("no released document of major version 1")), "{:?}", only_two.problems);
    // A released document edited to say another version.
    let mut edited = rel(&versioned(&plain(), "1.0.0"));
    edited.doc = versioned(&plain(), "1.0.1");
    let verdict = gate(&[edited], &versioned(&plain(), "1.0.1"));
    assert!(verdict.problems.iter().any(|p| p.contains("a released document is never edited")), "{:?}", verdict.problems);
    // A released breaking change within a major version.
    let verdict = gate(&[rel(&versioned(&plain(), "1.0.0")), rel(&broken("1.1.0"))], &broken("1.1.0"));
    assert!(verdict.problems.iter().any(|p| p.contains("released 1.1.0 breaks released 1.0.0")), "{:?}", verdict.problems);
}

#[test]
fn release_writes_the_document_once_and_refuses_what_the_gate_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let write = |doc: &Value| release(dir.path(), doc, &serde_json::to_string_pretty(doc).unwrap()).unwrap();
    assert!(!write(&versioned(&plain(), "0.1.0")), "the first release is 1.x");
    assert!(write(&versioned(&plain(), "1.0.0")));
    assert!(dir.path().join("openapi/released/1.0.0.json").exists());
    assert!(write(&versioned(&plain(), "1.0.0")), "the same document again: already released");
    assert!(!write(&grown("1.0.0")), "another document under a released version");
    assert!(!write(&broken("1.1.0")), "a breaking change within the major version");
    assert!(write(&grown("1.1.0")));
    assert!(write(&broken("2.0.0")));
    let versions: Vec<String> = released(dir.path()).unwrap().iter().map(|r| r.version.to_string()).collect();
    assert_eq!(versions, ["1.0.0", "1.1.0", "2.0.0"]);
}

#[test]
fn the_changelog_lists_each_release_and_the_unreleased_changes() {
    let history = [rel(&versioned(&plain(), "1.0.0")), rel(&grown("1.1.0"))];
    let page = changelog::render(&history, &broken("2.0.0"));
    let unreleased = page.find("## Unreleased (info.version 2.0.0, since 1.1.0)").expect(&page);
    let v11 = page.find("## 1.1.0 (since 1.0.0)").expect(&page);
    let v10 = page.find("## 1.0.0\n\nThe first released document: 1 operations, 2 schemas.").expect(&page);
    assert!(unreleased < v11 && v11 < v10, "newest first:\n{page}");
    let breaking = &page[unreleased..v11];
    assert!(breaking.contains("### Breaking\n") && breaking.contains("- response: property id removed (`/components/schemas/Res/properties/id`)"), "{page}");
    assert!(page[v11..v10].contains("### Changed\n") && page[v11..v10].contains("- request: optional property size added"), "{page}");
    let current = changelog::render(&history, &grown("1.1.0"));
    assert!(!current.contains("Unreleased"), "no section when the current document is the latest released:\n{current}");
}

#[test]
fn the_derived_document_passes_this_repositorys_gate() {
    let current: Value = serde_json::from_str(&workspaced_api::openapi::to_json(&workspaced_api::openapi())).unwrap();
    let verdict = gate(&released(&crate::root()).unwrap(), &current);
    assert!(verdict.problems.is_empty(), "{}", verdict.problems.join("\n"));
}

#[test]
fn diff_files_tells_breaking_from_not_and_fails_on_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, doc: &Value| {
        let path = dir.path().join(name);
        std::fs::write(&path, doc.to_string()).unwrap();
        path
    };
    let (old, grown, broken) = (file("old.json", &plain()), file("grown.json", &grown("1.1.0")), file("broken.json", &broken("1.1.0")));
    assert!(super::super::cli::diff_files(&old, &grown).unwrap());
    assert!(!super::super::cli::diff_files(&old, &broken).unwrap());
    assert!(super::super::cli::diff_files(&old, &dir.path().join("missing.json")).is_err());
}

#[test]
fn the_gate_on_a_file_refuses_a_breaking_change_until_the_next_major() {
    let root = crate::root();
    let latest = released(&root).unwrap().pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let write = |doc: &Value| {
        let path = dir.path().join("doc.json");
        std::fs::write(&path, doc.to_string()).unwrap();
        path
    };
    let gate = |doc: &Value| super::super::cli::gate(&root, Some(&write(doc))).unwrap();
    assert!(gate(&latest.doc));
    let broken = edit(&latest.doc, "/paths", |p| {
        let first = p.as_object().unwrap().keys().next().unwrap().clone();
        p.as_object_mut().unwrap().remove(&first);
    });
    assert!(!gate(&broken));
    assert!(gate(&versioned(&broken, &format!("{}.0.0", latest.version.major + 1))));
}
