//! The watcher phase of the bench: N concurrent watchers (`GET …/watch`, Server-Sent
//! Events) of one workspace, the server's resident memory with them idle, then one change
//! and how long after its write each watcher received it.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::api::SESSION_HEADER;
use super::proc::interrupted;

/// What the phase measured.
pub struct Report {
    pub watchers: usize,
    /// The server's RSS before the watchers connected, and with all of them idle.
    pub rss_before: Option<Rss>,
    pub rss_idle: Option<Rss>,
    /// How long after the write each watcher that got the change got it, sorted.
    pub latencies: Vec<Duration>,
}

impl Report {
    pub fn print(&self) {
        let mib = |r: Option<Rss>| r.map_or_else(|| "?".to_owned(), |r| r.to_string());
        println!(
            "watchers: server RSS {} before, {} with {} idle watchers of one workspace",
            mib(self.rss_before),
            mib(self.rss_idle),
            self.watchers
        );
        let within = self.latencies.iter().filter(|l| **l <= Duration::from_secs(1)).count();
        let at = |q: f64| {
            if self.latencies.is_empty() {
                "-".to_owned()
            } else {
                let i = ((self.latencies.len() - 1) as f64 * q).round() as usize;
                format!("{:.1} ms", self.latencies[i].as_secs_f64() * 1000.0)
            }
        };
        println!(
            "watchers: {within} of {} received the change within 1 s of the write (p50 {}, p99 {}, last {})",
            self.watchers,
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
}

/// Longest wait for every watcher to be connected and to have the workspace.
const CONNECT_WAIT: Duration = Duration::from_secs(120);
/// Longest wait for the change to reach every watcher.
const CHANGE_WAIT: Duration = Duration::from_secs(10);
/// Watchers connecting at once.
const CONNECT_BATCH: usize = 100;

/// Runs the phase against the server at `addr` (process `pid`).
pub fn run(addr: SocketAddr, token: &str, workspace_id: &str, watchers: usize, pid: u32) -> Result<Report> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting a tokio runtime")?;
    runtime.block_on(measure(addr, token, workspace_id, watchers, pid))
}

async fn measure(addr: SocketAddr, token: &str, workspace_id: &str, n: usize, pid: u32) -> Result<Report> {
    let rss_before = rss(pid);
    let (ready_tx, mut ready_rx) = mpsc::unbounded_channel::<Result<()>>();
    let (changed_tx, mut changed_rx) = mpsc::unbounded_channel::<Instant>();
    let request = format!(
        "GET /api/v2/workspaces/{workspace_id}/watch HTTP/1.1\r\nHost: {addr}\r\n{SESSION_HEADER}: {token}\r\nAccept: text/event-stream\r\n\r\n"
    );
    let started = Instant::now();
    let mut ready = 0;
    let mut spawned = 0;
    while ready < n {
        interrupted()?;
        while spawned < n && spawned < ready + CONNECT_BATCH {
            let (request, ready_tx, changed_tx) = (request.clone(), ready_tx.clone(), changed_tx.clone());
            tokio::spawn(async move {
                let _ = watch(addr, request, ready_tx, changed_tx).await;
            });
            spawned += 1;
        }
        match tokio::time::timeout(Duration::from_secs(1), ready_rx.recv()).await {
            Ok(Some(Ok(()))) => ready += 1,
            Ok(Some(Err(e))) => return Err(e.context(format!("watcher {} of {n}", ready + 1))),
            Ok(None) => bail!("the watchers ended"),
            Err(_) => {}
        }
        if started.elapsed() > CONNECT_WAIT {
            bail!("only {ready} of {n} watchers had the workspace after {} s", CONNECT_WAIT.as_secs());
        }
    }
    eprintln!("{n} watchers connected in {:.1} s; letting them idle…", started.elapsed().as_secs_f64());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_idle = rss(pid);

    let written = Instant::now();
    rename(addr, token, workspace_id).await?;
    let mut latencies = Vec::with_capacity(n);
    let deadline = tokio::time::Instant::now() + CHANGE_WAIT;
    while latencies.len() < n {
        match tokio::time::timeout_at(deadline, changed_rx.recv()).await {
            Ok(Some(at)) => latencies.push(at.saturating_duration_since(written)),
            _ => break,
        }
    }
    latencies.sort();
    Ok(Report { watchers: n, rss_before, rss_idle, latencies })
}

/// One watcher: connects, reports once it has the workspace (the first `data` event),
/// then reports when the next `data` event arrives.
async fn watch(addr: SocketAddr, request: String, ready: mpsc::UnboundedSender<Result<()>>, changed: mpsc::UnboundedSender<Instant>) -> Result<()> {
    let mut stream = match TcpStream::connect(addr).await {
        Ok(s) => s,
        Err(e) => {
            let _ = ready.send(Err(anyhow::Error::new(e).context("connecting")));
            return Ok(());
        }
    };
    stream.write_all(request.as_bytes()).await?;
    let marker = b"event: data";
    let mut seen = 0;
    let mut tail: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let got = stream.read(&mut buf).await?;
        if got == 0 {
            if seen == 0 {
                let _ = ready.send(Err(anyhow::anyhow!("the stream ended before the first data event")));
            }
            return Ok(());
        }
        if seen == 0 && tail.is_empty() && !buf.starts_with(b"HTTP/1.1 200") {
            let head = String::from_utf8_lossy(&buf[..got.min(200)]).into_owned();
            let _ = ready.send(Err(anyhow::anyhow!("the watch was refused: {head}")));
            return Ok(());
        }
        tail.extend_from_slice(&buf[..got]);
        let found = tail.windows(marker.len()).filter(|w| *w == marker).count();
        for _ in 0..found {
            seen += 1;
            if seen == 1 {
                let _ = ready.send(Ok(()));
            } else if seen == 2 {
                let _ = changed.send(Instant::now());
            }
        }
        // Keep only what could be the start of a marker split across reads.
        let keep = tail.len().min(marker.len() - 1);
        tail.drain(..tail.len() - keep);
    }
}

/// Renames the workspace (PATCH, answered 204): the change the watchers wait for.
async fn rename(addr: SocketAddr, token: &str, workspace_id: &str) -> Result<()> {
    let name = format!("watched-{}", std::process::id() % 100_000);
    let body = format!("{{\"name\":\"{name}\"}}");
    let request = format!(
        "PATCH /api/v2/workspaces/{workspace_id} HTTP/1.1\r\nHost: {addr}\r\n{SESSION_HEADER}: {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).await.context("connecting for the change")?;
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let status = String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_owned();
    if !status.starts_with("HTTP/1.1 204") {
        bail!("renaming the watched workspace answered {status:?}");
    }
    Ok(())
}

/// A process's resident set (bytes): in all, and its anonymous (heap, stacks) and file-backed
/// (the binary, SQLite's memory map of the database: shared and reclaimable) parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rss {
    pub total: u64,
    pub anon: u64,
    pub file: u64,
}

impl std::fmt::Display for Rss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        write!(f, "{:.1} MiB (anonymous {:.1}, file-backed {:.1})", mib(self.total), mib(self.anon), mib(self.file))
    }
}

/// The resident set of process `pid` (Linux).
fn rss(pid: u32) -> Option<Rss> {
    parse_rss(&std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?)
}

/// `VmRSS`, `RssAnon` and `RssFile` (kB) of a `/proc/PID/status`.
fn parse_rss(status: &str) -> Option<Rss> {
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
    };
    Some(Rss { total: field("VmRSS:")?, anon: field("RssAnon:")?, file: field("RssFile:")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resident_set_is_read_with_its_parts() {
        let status = "Name:\tworkspaced\nVmRSS:\t   90112 kB\nRssAnon:\t   40960 kB\nRssFile:\t   49152 kB\nRssShmem:\t       0 kB\n";
        let rss = parse_rss(status).unwrap();
        assert_eq!(rss, Rss { total: 90112 * 1024, anon: 40960 * 1024, file: 49152 * 1024 });
        assert_eq!(rss.to_string(), "88.0 MiB (anonymous 40.0, file-backed 48.0)");
        assert_eq!(parse_rss("VmRSS:\t 1 kB\n"), None, "a kernel without the parts");
    }
}
