//! The load generator: wrk (Debian's package), found on PATH or installed with apt-get when
//! running as root; one run and the parsing of its report.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::proc::output_within;

/// How wrk loads one URL.
pub struct Load {
    pub threads: u32,
    pub connections: u32,
    pub duration: Duration,
    /// A request slower than this counts as a timeout error instead of a latency sample.
    pub timeout: Duration,
}

/// What one wrk run reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub requests: u64,
    pub requests_per_sec: f64,
    pub p50: Duration,
    pub p99: Duration,
    /// Responses outside 2xx/3xx.
    pub non_2xx: u64,
    /// Connect, read, write errors and timeouts.
    pub socket_errors: u64,
}

impl Report {
    pub fn errors(&self) -> u64 {
        self.non_2xx + self.socket_errors
    }
}

/// The wrk executable: from PATH, else installed with `apt-get install -y wrk` when this
/// process is root; otherwise an error that says how to install it.
pub fn locate_or_install() -> Result<PathBuf> {
    if let Some(path) = on_path("wrk") {
        return Ok(path);
    }
    if !is_root() {
        bail!("wrk is not on PATH: install it (Debian/Ubuntu: `sudo apt-get install wrk`) and run again");
    }
    eprintln!("wrk is not on PATH; installing it with apt-get");
    let install = || -> Result<bool> {
        let out = output_within(Command::new("apt-get").args(["install", "-y", "wrk"]).env("DEBIAN_FRONTEND", "noninteractive"), Duration::from_secs(600))
            .context("running apt-get install")?;
        if !out.status.success() {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr).trim_end());
        }
        Ok(out.status.success())
    };
    if !install()? {
        // A fresh machine may have no package lists yet.
        let out = output_within(Command::new("apt-get").arg("update"), Duration::from_secs(600)).context("running apt-get update")?;
        if !out.status.success() || !install()? {
            bail!("could not install wrk with apt-get; install it by hand and run again");
        }
    }
    on_path("wrk").context("apt-get installed wrk, but it is not on PATH")
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

fn is_root() -> bool {
    output_within(Command::new("id").arg("-u"), Duration::from_secs(10))
        .map(|out| out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Loads `url` for `load.duration` and parses wrk's report; `headers` are `Name: value`.
pub fn run(wrk: &Path, url: &str, headers: &[String], load: &Load) -> Result<Report> {
    let mut cmd = Command::new(wrk);
    cmd.arg(format!("-t{}", load.threads))
        .arg(format!("-c{}", load.connections))
        .arg(format!("-d{}s", load.duration.as_secs().max(1)))
        .arg(format!("--timeout={}s", load.timeout.as_secs().max(1)))
        .arg("--latency");
    for h in headers {
        cmd.arg("-H").arg(h);
    }
    cmd.arg(url);
    // wrk stops by itself after the duration; the margin covers its start and last responses.
    let out = output_within(&mut cmd, load.duration + load.timeout + Duration::from_secs(30)).context("running wrk")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("wrk failed ({}): {}{}", out.status, stdout.trim_end(), String::from_utf8_lossy(&out.stderr).trim_end());
    }
    parse(&stdout).with_context(|| format!("reading wrk's report:\n{stdout}"))
}

/// Parses the report wrk prints with `--latency`.
pub fn parse(out: &str) -> Result<Report> {
    let mut requests = None;
    let mut requests_per_sec = None;
    let (mut p50, mut p99) = (None, None);
    let mut non_2xx = 0;
    let mut socket_errors = 0;
    let mut in_distribution = false;
    for line in out.lines().map(str::trim) {
        if line.starts_with("Latency Distribution") {
            in_distribution = true;
            continue;
        }
        if in_distribution {
            if let Some((pct, value)) = line.split_once('%') {
                match pct.trim() {
                    "50" => p50 = Some(parse_time(value.trim())?),
                    "99" => p99 = Some(parse_time(value.trim())?),
                    _ => {}
                }
                continue;
            }
            in_distribution = false;
        }
        if let Some(v) = line.strip_prefix("Requests/sec:") {
            requests_per_sec = Some(v.trim().parse::<f64>().with_context(|| format!("bad Requests/sec {:?}", v.trim()))?);
        } else if let Some(v) = line.strip_prefix("Non-2xx or 3xx responses:") {
            non_2xx = v.trim().parse().with_context(|| format!("bad Non-2xx count {:?}", v.trim()))?;
        } else if let Some(v) = line.strip_prefix("Socket errors:") {
            // "connect 0, read 0, write 0, timeout 3"
            for part in v.split(',') {
                let n = part.split_whitespace().last().unwrap_or_default();
                socket_errors += n.parse::<u64>().with_context(|| format!("bad socket error count in {line:?}"))?;
            }
        } else if let Some((n, rest)) = line.split_once(' ') {
            if rest.starts_with("requests in ") {
                requests = Some(n.parse().with_context(|| format!("bad request count in {line:?}"))?);
            }
        }
    }
    Ok(Report {
        requests: requests.context("no \"N requests in\" line")?,
        requests_per_sec: requests_per_sec.context("no Requests/sec line")?,
        p50: p50.context("no 50% line in the latency distribution (was --latency passed?)")?,
        p99: p99.context("no 99% line in the latency distribution (was --latency passed?)")?,
        non_2xx,
        socket_errors,
    })
}

/// Parses a wrk time: a number with unit `us`, `ms`, `s`, `m` or `h` (e.g. `250.00us`).
pub fn parse_time(s: &str) -> Result<Duration> {
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).with_context(|| format!("time {s:?} has no unit"))?;
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().with_context(|| format!("bad time {s:?}"))?;
    let nanos_per_unit = match unit {
        "us" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        "m" => 60e9,
        "h" => 3600e9,
        other => bail!("unknown time unit {other:?} in {s:?}"),
    };
    let nanos = (n * nanos_per_unit).round();
    if !(0.0..1e18).contains(&nanos) {
        bail!("time {s:?} out of range");
    }
    Ok(Duration::from_nanos(nanos as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: &str = "\
Running 10s test @ http://127.0.0.1:3001/api/v2/workspaces/6a3c
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   635.91us    0.89ms  12.92ms   93.69%
    Req/Sec    56.20k     8.07k   62.00k    86.54%
  Latency Distribution
     50%  250.00us
     75%  491.00us
     90%  700.00us
     99%    5.80ms
  1122845 requests in 10.10s, 7.14GB read
Requests/sec: 111173.76
Transfer/sec:    723.95MB
";

    const SLOW_WITH_ERRORS: &str = "\
Running 10s test @ http://127.0.0.1:3000/api/v2/workspaces?limit=25
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52s   301.22ms   2.00s    70.00%
    Req/Sec     9.10      5.20    20.00     60.00%
  Latency Distribution
     50%    1.50s
     75%    1.70s
     90%    1.90s
     99%    2.00m
  175 requests in 10.02s, 28.11MB read
  Socket errors: connect 0, read 1, write 0, timeout 12
  Non-2xx or 3xx responses: 4
Requests/sec:     17.46
Transfer/sec:      2.81MB
";

    #[test]
    fn parses_a_clean_report() {
        let r = parse(FAST).unwrap();
        assert_eq!(r.requests, 1_122_845);
        assert!((r.requests_per_sec - 111_173.76).abs() < 1e-6);
        assert_eq!(r.p50, Duration::from_micros(250));
        assert_eq!(r.p99, Duration::from_micros(5_800));
        assert_eq!(r.errors(), 0);
    }

    #[test]
    fn parses_seconds_minutes_and_errors() {
        let r = parse(SLOW_WITH_ERRORS).unwrap();
        assert_eq!(r.requests, 175);
        assert!((r.requests_per_sec - 17.46).abs() < 1e-9);
        assert_eq!(r.p50, Duration::from_millis(1_500));
        assert_eq!(r.p99, Duration::from_secs(120));
        assert_eq!((r.non_2xx, r.socket_errors, r.errors()), (4, 13, 17));
    }

    #[test]
    fn a_report_without_latency_distribution_is_an_error() {
        let without: String = FAST.lines().filter(|l| !l.contains('%') || l.contains("Latency ")).collect::<Vec<_>>().join("\n");
        let err = parse(&without).unwrap_err().to_string();
        assert!(err.contains("--latency"), "{err}");
        assert!(parse("").is_err());
        assert!(parse("garbage\nRequests/sec: lots\n").is_err());
    }

    #[test]
    fn times_in_every_unit() {
        assert_eq!(parse_time("0.00us").unwrap(), Duration::ZERO);
        assert_eq!(parse_time("12.50us").unwrap(), Duration::from_nanos(12_500));
        assert_eq!(parse_time("3.25ms").unwrap(), Duration::from_micros(3_250));
        assert_eq!(parse_time("1.00s").unwrap(), Duration::from_secs(1));
        assert_eq!(parse_time("1.50h").unwrap(), Duration::from_secs(5_400));
        assert!(parse_time("12").is_err(), "a time needs a unit");
        assert!(parse_time("1.0ns").is_err());
        assert!(parse_time("ms").is_err());
    }
}
