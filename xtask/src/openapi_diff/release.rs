//! Released documents and the version gate.
//!
//! `openapi/released/<version>.json` holds each released document, named by its
//! `info.version` (`MAJOR.MINOR.PATCH`, the document's own semantic version). The gate
//! holds when:
//! - there is at least one released document, each named by its own `info.version`, and
//!   their major versions run from 1 without a gap (a deleted release shows);
//! - each released document breaks the one before it only with a new major version;
//! - the current document's version is not below the latest released one, moves the major
//!   by one at most, and the current document breaks the latest released one only when its
//!   major version is the next one.

use std::cmp::Ordering;
use std::fmt;
use std::path::Path;

use anyhow::{bail, Context as _, Result};
use serde_json::Value;

use super::{any_breaking, diff, Change, Kind};

/// Where released documents live, relative to the workspace.
pub const DIR: &str = "openapi/released";

/// `MAJOR.MINOR.PATCH`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = s.split('.').map(|p| if p.len() > 1 && p.starts_with('0') { None } else { p.parse::<u64>().ok() });
        let v = Version { major: parts.next()??, minor: parts.next()??, patch: parts.next()?? };
        parts.next().is_none().then_some(v)
    }

    /// A document's `info.version`.
    pub fn of(doc: &Value) -> Option<Version> {
        doc["info"]["version"].as_str().and_then(Version::parse)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A released document.
pub struct Released {
    pub version: Version,
    pub doc: Value,
}

/// The released documents under `root`, oldest first; a file whose name is no version, or
/// that is no JSON, is an error.
pub fn released(root: &Path) -> Result<Vec<Released>> {
    let dir = root.join(DIR);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten() {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let Some(version) = name.strip_suffix(".json").and_then(Version::parse) else {
            bail!("{DIR}/{name}: released documents are named MAJOR.MINOR.PATCH.json");
        };
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let doc = serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        out.push(Released { version, doc });
    }
    out.sort_by_key(|r| r.version);
    Ok(out)
}

/// What the gate found: what stops it, and the changes since the latest release.
pub struct Verdict {
    pub problems: Vec<String>,
    /// The changes from the latest released document to the current one.
    pub unreleased: Vec<Change>,
    pub latest: Option<Version>,
}

fn breaking_lines(changes: &[Change]) -> String {
    changes.iter().filter(|c| c.kind == Kind::Breaking).map(|c| format!("\n    {c}")).collect()
}

/// The gate: the released history and the current document against it.
pub fn gate(released: &[Released], current: &Value) -> Verdict {
    let mut problems = Vec::new();
    let Some(latest) = released.last() else {
        problems.push(format!("no released document under {DIR}/: cut the first with `cargo xtask openapi release`"));
        return Verdict { problems, unreleased: Vec::new(), latest: None };
    };
    for r in released {
        if Version::of(&r.doc) != Some(r.version) {
            problems.push(format!("{DIR}/{}.json says info.version {}: a released document is never edited", r.version, r.doc["info"]["version"]));
        }
    }
    let mut expected_major = 1;
    for r in released {
        if r.version.major > expected_major {
            problems.push(format!("no released document of major version {expected_major} before {}: released documents stay", r.version));
        }
        expected_major = r.version.major + 1;
    }
    for pair in released.windows(2) {
        let changes = diff(&pair[0].doc, &pair[1].doc);
        if any_breaking(&changes) && pair[1].version.major == pair[0].version.major {
            problems.push(format!("released {} breaks released {} without a new major version:{}", pair[1].version, pair[0].version, breaking_lines(&changes)));
        }
    }
    let unreleased = diff(&latest.doc, current);
    match Version::of(current) {
        None => problems.push(format!("the current info.version {} is not MAJOR.MINOR.PATCH", current["info"]["version"])),
        Some(v) => match v.cmp(&latest.version) {
            Ordering::Less => problems.push(format!("the current info.version {v} is below the latest released {}", latest.version)),
            _ if v.major > latest.version.major + 1 => problems.push(format!("info.version {v} skips a major version (latest released: {})", latest.version)),
            _ if any_breaking(&unreleased) && v.major == latest.version.major => problems.push(format!(
                "breaking changes since the released {} (a breaking change needs info.version {}.0.0, with {DIR}/{}.json kept):{}",
                latest.version,
                latest.version.major + 1,
                latest.version,
                breaking_lines(&unreleased)
            )),
            _ => {}
        },
    }
    Verdict { problems, unreleased, latest: Some(latest.version) }
}

/// `cargo xtask openapi release`: writes the current document as `released/<version>.json`
/// when the gate holds and that version is not released yet.
pub fn release(root: &Path, current: &Value, json: &str) -> Result<bool> {
    let all = released(root)?;
    let Some(version) = Version::of(current) else {
        bail!("info.version {} is not MAJOR.MINOR.PATCH", current["info"]["version"]);
    };
    let path = root.join(DIR).join(format!("{version}.json"));
    if let Some(same) = all.iter().find(|r| r.version == version) {
        if same.doc == *current {
            println!("{version} is already released ({DIR}/{version}.json)");
            return Ok(true);
        }
        eprintln!(
            "{version} is released with other content: bump API_VERSION in crates/api/src/openapi.rs \
             (minor for additions, major for breaking changes) and release again"
        );
        return Ok(false);
    }
    if !all.is_empty() {
        let verdict = gate(&all, current);
        if !verdict.problems.is_empty() {
            for p in &verdict.problems {
                eprintln!("refused: {p}");
            }
            return Ok(false);
        }
    } else if version.major != 1 {
        eprintln!("the first released version is 1.x.y, not {version}");
        return Ok(false);
    }
    std::fs::create_dir_all(root.join(DIR))?;
    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
    println!("released {version}: wrote {DIR}/{version}.json (now run `cargo xtask docs` for the changelog)");
    Ok(true)
}
