//! The binaries the bench runs: the server and the bare app built in release, and the
//! server's admin commands on the bench's database.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::proc::{interrupted, output_within};

pub(super) struct Binaries {
    pub(super) server: PathBuf,
    pub(super) bare: PathBuf,
}

/// Builds `workspaced` and `bench-bare` with the release profile in one cargo invocation
/// (so they share the compiled dependencies) and returns where cargo put them.
pub(super) fn build_release(root: &Path) -> Result<Binaries> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--release", "-p", "workspaced", "-p", "xtask", "--bin", "workspaced", "--bin", "bench-bare"])
        .arg("--message-format=json-render-diagnostics")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo build")?;
    interrupted()?;
    if !out.status.success() {
        bail!("cargo build --release failed ({})", out.status);
    }
    let mut exes = executables(&String::from_utf8_lossy(&out.stdout));
    let mut take = |name: &str| exes.remove(name).with_context(|| format!("cargo built no executable named {name}"));
    Ok(Binaries { server: take("workspaced")?, bare: take("bench-bare")? })
}

/// Executables named in cargo's JSON messages, by target name.
pub(super) fn executables(messages: &str) -> HashMap<String, PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter_map(|m| Some((m["target"]["name"].as_str()?.to_owned(), PathBuf::from(m["executable"].as_str()?))))
        .collect()
}

/// The server binary with its global options, for `serve` and the admin commands.
pub(super) fn server_command(server: &Path, db_url: &str) -> Command {
    let mut cmd = Command::new(server);
    cmd.args(["--database-url", db_url])
        .env_remove("WORKSPACED_DATABASE_URL")
        .env_remove("WORKSPACED_LISTEN")
        .env_remove("RUST_LOG");
    cmd
}

/// Whether `workspaced serve` takes `flag` (options the server gained over time).
pub(super) fn server_supports(server: &Path, flag: &str) -> Result<bool> {
    let out = output_within(Command::new(server).args(["serve", "--help"]), Duration::from_secs(30))?;
    if !out.status.success() {
        bail!("workspaced serve --help failed ({})", out.status);
    }
    let help = String::from_utf8_lossy(&out.stdout);
    Ok(help.split(|c: char| c.is_whitespace() || c == ',' || c == '=' || c == '[').any(|word| word == flag))
}

/// Runs an admin command on the bench's database; returns its stdout.
pub(super) fn admin_command(server: &Path, db_url: &str, args: &[&str]) -> Result<String> {
    let out = output_within(server_command(server, db_url).args(args), Duration::from_secs(60))?;
    if !out.status.success() {
        bail!("workspaced {} failed ({}): {}", args.join(" "), out.status, String::from_utf8_lossy(&out.stderr).trim_end());
    }
    String::from_utf8(out.stdout).with_context(|| format!("workspaced {} printed non-UTF-8", args.join(" ")))
}

/// The id of the template `starter` in the output of `workspaced templates list` (id, tab, name).
pub(super) fn starter_template(list: &str) -> Result<String> {
    list.lines()
        .filter_map(|l| l.split_once('\t'))
        .find(|(_, name)| name.trim() == "starter")
        .map(|(id, _)| id.trim().to_owned())
        .with_context(|| format!("no template starter in `workspaced templates list`:\n{list}"))
}
