//! Child processes with deadlines, and guards that clean up on every way out: a server
//! process is killed and a benchmark database dropped when its guard is dropped, on success,
//! on error, on panic and on Ctrl-C (which makes every wait fail, so the guards unwind).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// From now on, Ctrl-C (SIGINT) no longer kills this process at once: it makes
/// [`interrupted`] fail, so that the run unwinds through its guards.
pub fn catch_interrupt() {
    thread::spawn(|| {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
            return;
        };
        if rt.block_on(tokio::signal::ctrl_c()).is_ok() {
            eprintln!("interrupted: stopping and cleaning up…");
            INTERRUPTED.store(true, Ordering::SeqCst);
        }
    });
}

/// Fails once Ctrl-C was pressed (see [`catch_interrupt`]); every wait of the bench asks.
pub fn interrupted() -> Result<()> {
    if INTERRUPTED.load(Ordering::SeqCst) {
        bail!("interrupted");
    }
    Ok(())
}

/// Runs `cmd` to completion with its output captured; kills it after `limit`.
pub fn output_within(cmd: &mut Command, limit: Duration) -> Result<Output> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {program}"))?;
    // Drain both pipes while waiting, so a chatty child cannot block on a full pipe.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().with_context(|| format!("waiting for {program}"))? {
            break status;
        }
        let late = Instant::now() >= deadline;
        if late || interrupted().is_err() {
            let _ = child.kill();
            let _ = child.wait();
            interrupted()?;
            bail!("{program} did not finish within {} s", limit.as_secs());
        }
        thread::sleep(Duration::from_millis(20));
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    })
}

/// A background process (a server) writing stdout and stderr to a log file; killed when
/// dropped.
pub struct Background {
    name: &'static str,
    child: Child,
    log: PathBuf,
}

impl Background {
    pub fn spawn(name: &'static str, cmd: &mut Command, log: &Path) -> Result<Background> {
        let file = File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file)
            .spawn()
            .with_context(|| format!("starting {name} ({})", cmd.get_program().to_string_lossy()))?;
        Ok(Background { name, child, log: log.to_owned() })
    }

    /// Fails, quoting the end of its log, when the process has exited.
    pub fn ensure_running(&mut self) -> Result<()> {
        match self.child.try_wait()? {
            None => Ok(()),
            Some(status) => bail!("{} exited ({status}); the end of {}:\n{}", self.name, self.log.display(), self.log_tail(20)),
        }
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The last `lines` lines of its log.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A PostgreSQL database made for one run, next to the one `admin_url` names; dropped
/// (with its connections) when the guard is dropped, unless kept.
pub struct PgDatabase {
    admin_url: String,
    name: String,
    pub url: String,
    pub keep: bool,
}

impl PgDatabase {
    pub fn create(admin_url: &str) -> Result<PgDatabase> {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_millis();
        let name = format!("workspaced_bench_{}_{stamp}", std::process::id());
        let url = workspaced_store::Store::create_postgres_database(admin_url, &name)
            .with_context(|| format!("creating database {name} next to {}", workspaced_store::redact_url(admin_url)))?;
        Ok(PgDatabase { admin_url: admin_url.to_owned(), name, url, keep: false })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        if let Err(e) = workspaced_store::Store::drop_postgres_database(&self.admin_url, &self.name) {
            eprintln!("warning: could not drop the benchmark database {}: {e}", self.name);
        }
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}
