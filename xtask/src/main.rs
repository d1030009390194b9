//! Project chores:
//! - `cargo xtask openapi [--check]` writes (or checks) the committed OpenAPI document and its
//!   operations index, both derived from the annotated handlers, and holds the document to
//!   the released ones (`openapi diff`, `openapi release`: see [`openapi_diff`]);
//! - `cargo xtask clients [--check]` writes (or checks) the generated parts of the SDK
//!   packages under `clients/` (see [`clients`]);
//! - `cargo xtask bench` measures the read path against a bare actix-web handler (see
//!   [`bench`]).

mod bench;
mod clients;
mod conform;
mod docs;
mod openapi_diff;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// The generated files: path relative to the workspace and expected content.
fn generated() -> Vec<(&'static str, String)> {
    let doc = workspaced_api::openapi();
    vec![
        ("openapi/openapi.json", workspaced_api::openapi::to_json(&doc)),
        ("openapi/operations.txt", workspaced_api::openapi::operations_index(&doc)),
    ]
}

/// Writes the generated files under `root`, or with `check` only compares them; returns
/// whether they were current.
fn openapi(root: &Path, check: bool) -> Result<bool> {
    let mut stale = false;
    for (rel, want) in generated() {
        let path = root.join(rel);
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have == want {
            continue;
        }
        if check {
            stale = true;
            eprintln!("{rel} is out of date:");
            let diff = similar::TextDiff::from_lines(&have, &want);
            eprint!("{}", diff.unified_diff().context_radius(2).header(&format!("{rel} (committed)"), &format!("{rel} (derived)")));
        } else {
            std::fs::create_dir_all(path.parent().expect("has a parent"))?;
            std::fs::write(&path, want).with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {rel}");
        }
    }
    if check && stale {
        eprintln!("\nThe OpenAPI document is stale. Fix it with: cargo xtask openapi");
    } else if check {
        println!("openapi/ is current");
    }
    Ok(!stale)
}

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project chores")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Write the OpenAPI document and operations index derived from the handlers.
    Openapi {
        /// Only compare; print the diff and fail when the committed files are stale or the
        /// document breaks the latest released one without a new major version.
        #[arg(long)]
        check: bool,
        #[command(subcommand)]
        action: Option<OpenapiAction>,
    },
    /// Drive every documented operation over HTTP and check each answer against the document.
    Conform(conform::ConformArgs),
    /// Write (or check) the Markdown API reference under docs/api/, generated from the document.
    Docs {
        /// Only compare; fail when the committed pages are stale.
        #[arg(long)]
        check: bool,
    },
    /// Benchmark the read path against a bare actix-web handler serving the same bytes.
    Bench(bench::BenchArgs),
    /// Generate the SDK packages' code (clients/typescript, clients/python) from the committed
    /// document with the pinned generators (scripts/contract-tools-setup.sh installs them).
    Clients {
        /// Only compare; fail when the committed clients are stale.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand)]
enum OpenapiAction {
    /// Print every change from OLD to NEW as breaking or not; exit 1 when one breaks clients.
    Diff { old: PathBuf, new: PathBuf },
    /// Release the derived document as openapi/released/<info.version>.json.
    Release,
    /// Hold a document (default: the derived one) to the released ones, as --check does.
    Gate { document: Option<PathBuf> },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Task::Openapi { action: Some(OpenapiAction::Diff { old, new }), .. } = &cli.task {
        // 0: nothing breaks, 1: something breaks, 2: the files could not be read.
        return match openapi_diff::cli::diff_files(old, new) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    let run = || -> Result<bool> {
        match &cli.task {
            Task::Openapi { action: Some(OpenapiAction::Release), .. } => openapi_diff::cli::release(&root()),
            Task::Openapi { action: Some(OpenapiAction::Gate { document }), .. } => openapi_diff::cli::gate(&root(), document.as_deref()),
            Task::Openapi { action: Some(OpenapiAction::Diff { .. }), .. } => unreachable!("handled above"),
            Task::Openapi { check, action: None } => {
                let current = openapi(&root(), *check)?;
                Ok(openapi_diff::cli::gate(&root(), None)? && current)
            }
            Task::Conform(args) => conform::run(&root(), args),
            Task::Docs { check } => docs::run(&root(), *check),
            Task::Bench(args) => bench::run(&root(), args).map(|()| true),
            Task::Clients { check } => clients::run(&root(), *check),
        }
    };
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_reports_drift_without_writing_and_write_fixes_it() {
        let dir = std::env::temp_dir().join(format!("xtask-openapi-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("openapi")).unwrap();
        std::fs::write(dir.join("openapi/openapi.json"), "{}\n").unwrap();
        assert!(!openapi(&dir, true).unwrap(), "a stale document is reported");
        assert_eq!(std::fs::read_to_string(dir.join("openapi/openapi.json")).unwrap(), "{}\n", "--check writes nothing");
        openapi(&dir, false).unwrap();
        assert!(openapi(&dir, true).unwrap(), "after writing, the check passes");
        let written = std::fs::read_to_string(dir.join("openapi/openapi.json")).unwrap();
        assert!(written.ends_with("}\n") && written.contains("\"openapi\": \"3.1"), "pretty 3.1 JSON with a trailing newline");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
