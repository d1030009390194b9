//! `cargo xtask clients [--check]`: the generated parts of the SDK packages, from the
//! committed document (`openapi/openapi.json`), by the pinned generators that
//! `scripts/contract-tools-setup.sh` installs:
//! - `clients/typescript`: `src/schema.ts` (openapi-typescript, from the package's own
//!   `node_modules`), and the `version` of `package.json` and `package-lock.json`, which
//!   follows the document's `info.version`; the rest of the package is written by hand;
//! - `clients/python`: everything openapi-python-client writes (`--meta setup`, configured
//!   by `clients/openapi-python-client.yaml`, formatted by its ruff post-hooks) except
//!   `README.md`, which is written by hand, as is `tests/`.
//!
//! The generators run in a temporary directory; the result is compared with (or copied over)
//! the committed files, so a run is deterministic (the same document gives the same bytes) and
//! can be repeated. `--check` writes nothing and fails when a file differs, is missing, or is
//! a generated file the document no longer gives (e.g. the model of a removed schema).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};
use serde_json::Value;

const DOCUMENT: &str = "openapi/openapi.json";
const TYPESCRIPT: &str = "clients/typescript";
const PYTHON: &str = "clients/python";
const PYTHON_CONFIG: &str = "clients/openapi-python-client.yaml";

/// Directories never looked into: build and cache artefacts (gitignored).
fn skipped_dir(name: &str) -> bool {
    matches!(name, "__pycache__" | "build" | "dist" | "node_modules" | ".ruff_cache" | ".pytest_cache" | ".mypy_cache" | ".venv")
        || name.ends_with(".egg-info")
}

/// The files of the TypeScript package this task writes.
fn typescript_owned(rel: &str) -> bool {
    matches!(rel, "src/schema.ts" | "package.json" | "package-lock.json")
}

/// The files of the Python package this task writes: all but the hand-written ones.
fn python_owned(rel: &str) -> bool {
    rel != "README.md" && !rel.starts_with("tests/")
}

/// The files under `dir` (relative paths with `/`), outside the skipped directories.
fn files_under(dir: &Path) -> Result<Vec<String>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        };
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_dir() {
                if !skipped_dir(&name) {
                    walk(base, &path, out)?;
                }
            } else {
                let rel = path.strip_prefix(base).expect("under base").components();
                out.push(rel.map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Brings the files that `owned` selects under `root/dir` to `want` (relative path →
/// content), or with `check` only compares and prints what differs. Returns the paths
/// (`dir/rel`) that were stale.
fn sync(root: &Path, dir: &str, want: &BTreeMap<String, Vec<u8>>, owned: &dyn Fn(&str) -> bool, check: bool) -> Result<Vec<String>> {
    let base = root.join(dir);
    let mut stale = Vec::new();
    for (rel, content) in want {
        debug_assert!(owned(rel), "{dir}/{rel} is generated but not owned");
        let path = base.join(rel);
        let have = std::fs::read(&path).ok();
        if have.as_deref() == Some(content.as_slice()) {
            continue;
        }
        stale.push(format!("{dir}/{rel}"));
        if check {
            match &have {
                None => eprintln!("{dir}/{rel} is missing"),
                Some(have) => print_diff(&format!("{dir}/{rel}"), have, content),
            }
        } else {
            std::fs::create_dir_all(path.parent().expect("has a parent"))?;
            std::fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {dir}/{rel}");
        }
    }
    for rel in files_under(&base)? {
        if owned(&rel) && !want.contains_key(&rel) {
            stale.push(format!("{dir}/{rel}"));
            if check {
                eprintln!("{dir}/{rel} is no longer generated");
            } else {
                let path = base.join(&rel);
                std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
                println!("removed {dir}/{rel}");
                // Empty directories left behind go too.
                let mut parent = path.parent();
                while let Some(p) = parent.filter(|p| *p != base) {
                    if std::fs::remove_dir(p).is_err() {
                        break;
                    }
                    parent = p.parent();
                }
            }
        }
    }
    Ok(stale)
}

fn print_diff(name: &str, have: &[u8], want: &[u8]) {
    let (Ok(have), Ok(want)) = (std::str::from_utf8(have), std::str::from_utf8(want)) else {
        eprintln!("{name} differs (binary)");
        return;
    };
    let diff = similar::TextDiff::from_lines(have, want);
    let text = diff.unified_diff().context_radius(2).header(&format!("{name} (committed)"), &format!("{name} (generated)")).to_string();
    const MAX_LINES: usize = 60;
    let lines: Vec<&str> = text.lines().collect();
    for line in lines.iter().take(MAX_LINES) {
        eprintln!("{line}");
    }
    if lines.len() > MAX_LINES {
        eprintln!("… {} more lines of diff", lines.len() - MAX_LINES);
    }
}

/// Runs a generator; its output is shown only when it fails.
fn run_tool(mut cmd: Command, what: &str) -> Result<()> {
    let out = cmd.output().with_context(|| format!("running {what}"))?;
    if !out.status.success() {
        bail!("{what} failed ({}):\n{}{}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

fn tool(path: PathBuf) -> Result<PathBuf> {
    ensure!(path.exists(), "{} is missing: run scripts/contract-tools-setup.sh (it installs the pinned generators)", path.display());
    Ok(path)
}

/// `text` (a JSON file as npm writes it: two spaces, a final newline) with `version` set at
/// the JSON pointers `at`.
fn with_version(text: &str, at: &[&str], version: &str) -> Result<String> {
    let mut value: Value = serde_json::from_str(text)?;
    for pointer in at {
        *value.pointer_mut(pointer).with_context(|| format!("no {pointer}"))? = Value::String(version.to_owned());
    }
    Ok(serde_json::to_string_pretty(&value)? + "\n")
}

/// The TypeScript package's generated files.
fn typescript(root: &Path, tmp: &Path, version: &str) -> Result<BTreeMap<String, Vec<u8>>> {
    let bin = tool(root.join(TYPESCRIPT).join("node_modules/.bin/openapi-typescript"))?;
    let out = tmp.join("schema.ts");
    let mut cmd = Command::new(bin);
    // Run elsewhere than the repository, so no redocly.yaml is picked up on the way.
    cmd.arg(root.join(DOCUMENT)).arg("--output").arg(&out).current_dir(tmp);
    run_tool(cmd, "openapi-typescript")?;
    let mut files = BTreeMap::new();
    files.insert("src/schema.ts".to_owned(), std::fs::read(&out)?);
    for (file, at) in [("package.json", &["/version"][..]), ("package-lock.json", &["/version", "/packages//version"][..])] {
        let path = root.join(TYPESCRIPT).join(file);
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        files.insert(file.to_owned(), with_version(&text, at, version).with_context(|| format!("{TYPESCRIPT}/{file}"))?.into_bytes());
    }
    Ok(files)
}

/// The Python package's generated files.
fn python(root: &Path, tmp: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let venv = root.join(".tools/venv/bin");
    let bin = tool(venv.join("openapi-python-client"))?;
    let out = tmp.join("python");
    let mut cmd = Command::new(bin);
    cmd.arg("generate")
        .arg("--path")
        .arg(root.join(DOCUMENT))
        .arg("--output-path")
        .arg(&out)
        .args(["--meta", "setup", "--fail-on-warning", "--config"])
        .arg(root.join(PYTHON_CONFIG))
        .current_dir(tmp)
        // Its post-hooks call ruff: the venv's, pinned; no cache left in the output.
        .env("PATH", std::env::join_paths(std::iter::once(venv).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())))?)
        .env("RUFF_NO_CACHE", "true");
    run_tool(cmd, "openapi-python-client")?;
    let mut files = BTreeMap::new();
    for rel in files_under(&out)? {
        if python_owned(&rel) {
            let content = std::fs::read(out.join(&rel))?;
            files.insert(rel, content);
        }
    }
    ensure!(files.keys().any(|f| f.ends_with("client.py")), "openapi-python-client wrote no client");
    Ok(files)
}

pub fn run(root: &Path, check: bool) -> Result<bool> {
    let doc_path = root.join(DOCUMENT);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&doc_path).with_context(|| format!("reading {}", doc_path.display()))?)?;
    let version = doc["info"]["version"].as_str().context("the document has no info.version")?;
    let tmp = tempfile::tempdir()?;
    let ts = typescript(root, tmp.path(), version)?;
    let py = python(root, tmp.path())?;
    let mut stale = sync(root, TYPESCRIPT, &ts, &typescript_owned, check)?;
    stale.extend(sync(root, PYTHON, &py, &python_owned, check)?);
    if check {
        if stale.is_empty() {
            println!("clients/ are current ({} TypeScript and {} Python files generated)", ts.len(), py.len());
        } else {
            eprintln!("\n{} generated client files are stale. Fix them with: cargo xtask clients", stale.len());
        }
    } else if stale.is_empty() {
        println!("clients/ were current");
    }
    Ok(stale.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files.iter().map(|(k, v)| (k.to_string(), v.as_bytes().to_vec())).collect()
    }

    #[test]
    fn check_reports_changed_missing_and_extra_files_and_write_fixes_them_leaving_hand_written_ones() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join(PYTHON);
        for (rel, content) in [
            ("setup.py", "old\n"),
            ("pkg/models/removed.py", "gone\n"),
            ("pkg/client.py", "same\n"),
            ("README.md", "hand-written\n"),
            ("tests/workflow.py", "hand-written\n"),
            ("pkg/__pycache__/client.cpython-311.pyc", "cache"),
            ("workspaced_client.egg-info/PKG-INFO", "artefact"),
        ] {
            std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
            std::fs::write(dir.join(rel), content).unwrap();
        }
        let want = tree(&[("setup.py", "new\n"), ("pkg/client.py", "same\n"), ("pkg/models/added.py", "new\n")]);
        let stale = sync(root.path(), PYTHON, &want, &python_owned, true).unwrap();
        assert_eq!(
            stale,
            ["clients/python/pkg/models/added.py", "clients/python/setup.py", "clients/python/pkg/models/removed.py"],
            "changed, missing and no longer generated; hand-written files and artefacts are not the generator's"
        );
        assert_eq!(std::fs::read_to_string(dir.join("setup.py")).unwrap(), "old\n", "--check writes nothing");
        assert!(dir.join("pkg/models/removed.py").exists());

        assert_eq!(sync(root.path(), PYTHON, &want, &python_owned, false).unwrap().len(), 3);
        assert!(sync(root.path(), PYTHON, &want, &python_owned, true).unwrap().is_empty(), "current after writing");
        assert_eq!(std::fs::read_to_string(dir.join("setup.py")).unwrap(), "new\n");
        assert!(!dir.join("pkg/models/removed.py").exists() && dir.join("pkg/models/added.py").exists());
        assert_eq!(std::fs::read_to_string(dir.join("README.md")).unwrap(), "hand-written\n");
        assert_eq!(std::fs::read_to_string(dir.join("tests/workflow.py")).unwrap(), "hand-written\n");
        assert!(dir.join("pkg/__pycache__/client.cpython-311.pyc").exists() && dir.join("workspaced_client.egg-info/PKG-INFO").exists());
        // A directory emptied by a removal goes too; a shared one stays.
        let emptied = root.path().join("clients/python/old");
        std::fs::create_dir_all(&emptied).unwrap();
        std::fs::write(emptied.join("x.py"), "").unwrap();
        sync(root.path(), PYTHON, &want, &python_owned, false).unwrap();
        assert!(!emptied.exists() && dir.join("pkg/models").exists());
    }

    /// The version follows the document's without reformatting npm's files: setting the
    /// version they already have reproduces them byte for byte; a new one changes only it.
    #[test]
    fn the_typescript_package_version_is_set_in_npms_own_format() {
        let root = crate::root();
        for (file, at) in [("package.json", &["/version"][..]), ("package-lock.json", &["/version", "/packages//version"][..])] {
            let text = std::fs::read_to_string(root.join(TYPESCRIPT).join(file)).unwrap();
            let current: Value = serde_json::from_str(&text).unwrap();
            let version = current["version"].as_str().unwrap();
            assert_eq!(with_version(&text, at, version).unwrap(), text, "{file} round-trips");
            let bumped = with_version(&text, at, "9.8.7").unwrap();
            let changed: Vec<_> = similar::TextDiff::from_lines(&text, &bumped)
                .iter_all_changes()
                .filter(|c| c.tag() == similar::ChangeTag::Insert)
                .map(|c| c.value().trim().to_owned())
                .collect();
            assert_eq!(changed, vec!["\"version\": \"9.8.7\",".to_owned(); at.len()], "{file}");
        }
    }
}
