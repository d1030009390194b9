//! The commands: `cargo xtask openapi diff OLD NEW`, the gate run by `cargo xtask openapi
//! [--check]`, and `cargo xtask openapi release`.

use std::path::Path;

use anyhow::{Context as _, Result};
use serde_json::Value;

use super::release::{self, released, Version, DIR};
use super::{any_breaking, diff, summary};

fn read(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// The document derived from the handlers, as written to `openapi/openapi.json`.
fn derived() -> (Value, String) {
    let json = workspaced_api::openapi::to_json(&workspaced_api::openapi());
    (serde_json::from_str(&json).expect("the derived document is JSON"), json)
}

/// Prints every change from `old` to `new`; `false` when one breaks clients.
pub fn diff_files(old: &Path, new: &Path) -> Result<bool> {
    let (old, new) = (read(old)?, read(new)?);
    let changes = diff(&old, &new);
    for c in &changes {
        println!("{c}");
    }
    println!("{}", summary(&changes));
    let breaking = any_breaking(&changes);
    if let (true, Some(vo), Some(vn)) = (breaking, Version::of(&old), Version::of(&new)) {
        let verdict = if vn.major > vo.major { "a new major version: the gate lets it through" } else { "the same major version: the gate refuses it" };
        println!("info.version {vo} → {vn}: {verdict}");
    }
    Ok(!breaking)
}

/// The version gate on `document` (default: the derived document); `false` (with the
/// reasons on stderr) when it does not hold.
pub fn gate(root: &Path, document: Option<&Path>) -> Result<bool> {
    let current = match document {
        Some(path) => read(path)?,
        None => derived().0,
    };
    let verdict = release::gate(&released(root)?, &current);
    for p in &verdict.problems {
        eprintln!("openapi gate: {p}");
    }
    if !verdict.problems.is_empty() {
        eprintln!("\nSee README.md, \"Released versions\". To see every change: cargo xtask openapi diff {DIR}/<latest>.json openapi/openapi.json");
        return Ok(false);
    }
    let latest = verdict.latest.map(|v| v.to_string()).unwrap_or_default();
    let what = if any_breaking(&verdict.unreleased) {
        format!("breaking changes since the released {latest}, under the new major version {}", current["info"]["version"].as_str().unwrap_or_default())
    } else {
        format!("no breaking change since the released {latest}")
    };
    println!("openapi gate: holds: {what} ({})", summary(&verdict.unreleased));
    Ok(true)
}

/// `cargo xtask openapi release`.
pub fn release(root: &Path) -> Result<bool> {
    let (current, json) = derived();
    release::release(root, &current, &json)
}
