//! `cargo xtask conform`: a black-box conformance runner. It drives every operation of the
//! committed OpenAPI document over real HTTP — the success case and the documented error
//! cases it can reach with one token — and checks each answer against the document: the
//! status must be declared for the operation (and be the one the case expects) and the body
//! must validate against the declared schema (strictly: no undeclared keys).
//!
//! It knows the server only through the API and the token: the data it works on (two
//! workspaces, a port share, builds, ...) is made through the API, so it runs against any
//! server that claims the contract. Without `--base-url` it builds the `workspaced` binary
//! (debug), starts it on a temporary SQLite database and makes a token with
//! `workspaced tokens create --user admin`.
//!
//! Each operation has a driver: a function making that operation's requests, from the
//! [`drivers::drivers`] table, or derived from the document (path parameters the fixtures
//! fill, no body or a JSON body sent as its schema's example, one JSON or empty success:
//! [`generic::derived_success`]). Generic cases derived from the document are added for every
//! operation (401 without a token, 400 for a path id that is not a UUID and for a body that
//! is a JSON array, 404 for an unknown one, 413 for a body over 1 MiB). An operation with
//! neither fails the run, so only an endpoint the document cannot drive (a stream, several
//! successes, a case that needs what the run made) comes with its own driver.
//!
//! The module by concern: [`document`] (the operations of the document), [`client`] (the
//! runner: requests, answers checked against the document, fixtures), [`generic`] (the
//! cases every operation gets from the document, and the drivers derived from it),
//! [`drivers`] (the hand-written drivers), [`server`] (the embedded server).

mod client;
mod document;
mod drivers;
mod generic;
mod server;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use serde_json::Value;

use client::Conform;
use document::Op;
use server::EmbeddedServer;

#[derive(Args)]
pub struct ConformArgs {
    /// The server to check, e.g. http://127.0.0.1:3000 (default: start the embedded one on a
    /// temporary SQLite database).
    #[arg(long)]
    base_url: Option<String>,
    /// A session token of a site owner (required with --base-url).
    #[arg(long, env = "WORKSPACED_TOKEN")]
    token: Option<String>,
    /// Also write the results as a JUnit XML report.
    #[arg(long)]
    junit: Option<PathBuf>,
    /// The OpenAPI document to hold the server to (default: the committed openapi/openapi.json).
    #[arg(long)]
    document: Option<PathBuf>,
}

/// Runs the whole conformance check; returns whether every operation passed.
pub fn run(root: &Path, args: &ConformArgs) -> Result<bool> {
    let doc_path = args.document.clone().unwrap_or_else(|| root.join("openapi/openapi.json"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&doc_path).with_context(|| format!("reading {}", doc_path.display()))?)
        .with_context(|| format!("{} is not JSON", doc_path.display()))?;
    let mut _server = None;
    let (base, token) = match &args.base_url {
        Some(base) => (base.clone(), args.token.clone().context("--base-url needs --token (or WORKSPACED_TOKEN)")?),
        None => {
            let s = EmbeddedServer::start(root)?;
            let pair = (s.base.clone(), s.token.clone());
            _server = Some(s);
            pair
        }
    };
    let mut c = Conform::new(&base, &token, &doc);
    c.fx.run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() % 0xffff_ffff);
    println!("conform: {} operations of {} against {base}", c.ops.len(), doc_path.display());

    let table = drivers::drivers();
    let driven: BTreeSet<&str> = table.iter().map(|(id, _)| *id).collect();
    for (id, driver) in &table {
        if !c.ops.contains_key(*id) {
            continue; // a driver for an operation this document does not have
        }
        if let Err(e) = driver(&mut c) {
            c.problem(id, format!("driver stopped: {e:#}"));
            // The fixtures may be missing: the remaining drivers would only repeat it.
            if c.fx.workspace_id.is_empty() {
                break;
            }
        }
    }
    // The derived drivers, then the generic cases, on the fixtures while they still exist.
    let ops: Vec<Op> = c.ops.values().cloned().collect();
    for op in ops.iter().filter(|op| !driven.contains(op.id.as_str())) {
        let example = op.body_schema.as_ref().and_then(|s| c.example_of(s));
        match generic::derived_success(op, example.as_ref()) {
            Some(status) => c.derived(op, status),
            None => c.problem(&op.id, "no driver, and none can be derived (a stream, several successes, a body without an example, or a path parameter the fixtures do not fill): add one to xtask/src/conform/drivers.rs".to_owned()),
        }
    }
    for op in &ops {
        c.generic(op);
    }
    if !c.fx.workspace_id.is_empty() && c.ops.contains_key("create-workspace-build") {
        if let Err(e) = drivers::teardown(&mut c) {
            c.problem("create-workspace-build", format!("teardown stopped: {e:#}"));
        }
    }
    Ok(report(&c, args.junit.as_deref())?)
}

/// Prints one line per operation and a total; writes the JUnit report. Returns success.
fn report(c: &Conform, junit: Option<&Path>) -> Result<bool> {
    let mut failed = 0;
    let mut cases = 0;
    let mut documented = 0;
    let mut exercised = 0;
    let mut junit_cases = String::new();
    for (id, op) in &c.ops {
        let r = c.results.get(id);
        let seen: BTreeSet<u16> = r.map(|r| r.statuses.keys().copied().collect()).unwrap_or_default();
        let declared = op.declared();
        let missing: Vec<String> = declared.difference(&seen).map(u16::to_string).collect();
        documented += declared.len();
        exercised += declared.intersection(&seen).count();
        let problems = r.map(|r| r.problems.clone()).unwrap_or_else(|| vec!["never exercised".to_owned()]);
        let n = r.map_or(0, |r| r.cases);
        cases += n;
        let ok = problems.is_empty();
        if !ok {
            failed += 1;
        }
        let statuses: Vec<String> = seen.iter().map(u16::to_string).collect();
        println!(
            "{} {id:<55} {:<6} {:<72} {n:>3} cases  {}{}",
            if ok { "ok  " } else { "FAIL" },
            op.method,
            op.path,
            statuses.join(" "),
            if missing.is_empty() { String::new() } else { format!("  (not reached: {})", missing.join(" ")) }
        );
        for p in &problems {
            println!("       - {p}");
        }
        junit_cases.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\" time=\"0\">{}</testcase>\n",
            xml(&op.tag),
            xml(id),
            if ok { String::new() } else { format!("<failure message=\"{} problems\">{}</failure>", problems.len(), xml(&problems.join("\n"))) }
        ));
    }
    let total = c.ops.len();
    println!(
        "conform: {total} operations, {} passed, {failed} failed; {cases} cases, {} requests; {exercised} of {documented} documented statuses reached",
        total - failed,
        c.requests
    );
    println!("(403 needs a second, less privileged user, which the API cannot make; 500 is a fault)");
    if let Some(path) = junit {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"conform\" tests=\"{total}\" failures=\"{failed}\">\n{junit_cases}  </testsuite>\n</testsuites>\n"
        );
        std::fs::write(path, xml).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(failed == 0)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
