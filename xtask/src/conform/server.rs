//! The embedded server: the `workspaced` binary on a temporary SQLite database.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::bench::proc::{free_port, output_within, Background};

/// The embedded server on a temporary SQLite database, with a token of the admin.
pub struct EmbeddedServer {
    pub base: String,
    pub token: String,
    pub(super) _process: Background,
    pub(super) _dir: tempfile::TempDir,
}

impl EmbeddedServer {
    pub fn start(root: &Path) -> Result<EmbeddedServer> {
        let exe = build_debug_server(root)?;
        let dir = tempfile::tempdir()?;
        let db = format!("sqlite://{}", dir.path().join("conform.db").display());
        let port = free_port()?;
        let base = format!("http://127.0.0.1:{port}");
        let mut cmd = Command::new(&exe);
        // No API rate limit on the embedded server: the runner's cases are the contract, and
        // the limit's 429s have tests of their own.
        cmd.args(["--database-url", &db, "serve", "--listen", &format!("127.0.0.1:{port}"), "--echo-build-ms", "50", "--api-rate-limit", "-1"])
            .env_remove("WORKSPACED_DATABASE_URL")
            .env_remove("WORKSPACED_LISTEN");
        let log = dir.path().join("server.log");
        let mut process = Background::spawn("workspaced", &mut cmd, &log)?;
        wait_healthy(&base, &mut process)?;
        let out = output_within(Command::new(&exe).args(["--database-url", &db, "tokens", "create", "--user", "admin"]), Duration::from_secs(60))?;
        if !out.status.success() {
            bail!("workspaced tokens create failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let token = String::from_utf8(out.stdout)?.trim().to_owned();
        eprintln!("started workspaced at {base} (log: {})", log.display());
        Ok(EmbeddedServer { base, token, _process: process, _dir: dir })
    }
}

pub(super) fn wait_healthy(base: &str, process: &mut Background) -> Result<()> {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(2))).build().into();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        process.ensure_running()?;
        if let Ok(res) = agent.get(&format!("{base}/healthz")).call() {
            if res.status().as_u16() == 200 {
                return Ok(());
            }
        }
        if Instant::now() > deadline {
            bail!("workspaced did not become healthy within 60 s: {}", process.log_tail(20));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `cargo build -p workspaced` (debug); the path of the binary.
pub fn build_debug_server(root: &Path) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root)
        .args(["build", "-p", "workspaced", "--bin", "workspaced", "--message-format=json-render-diagnostics"])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo build")?;
    if !out.status.success() {
        bail!("cargo build -p workspaced failed ({})", out.status);
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "workspaced")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .context("cargo built no executable named workspaced")
}
