//! `cargo xtask bench`: the read path under load, next to what the framework alone can do.
//!
//! One run builds the server and the bare reference app (`bench-bare`) in release, starts the
//! server on a fresh database (a temporary SQLite file, or a PostgreSQL database made next to
//! `--database-url` and dropped at the end), seeds N workspaces through the API, then loads
//! each route with wrk: the bare app serving the very bytes the server answered, then the
//! server. It prints req/s, p50 and p99 per route and each server route's ratio to the bare
//! app in the same run. Every process it starts is killed, and the database dropped, on every
//! way out.

mod api;
mod binaries;
mod seed_sql;
pub(crate) mod proc;
mod watchers;
mod wrk;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use serde_json::Value;

use api::Api;
use binaries::{admin_command, build_release, server_command, server_supports, starter_template};
use proc::{free_port, interrupted, Background, PgDatabase};

#[derive(Args)]
pub struct BenchArgs {
    /// Workspaces to seed through the API before measuring.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    workspaces: u32,
    /// Seconds of load per route.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    duration: u64,
    /// Concurrent connections wrk keeps open.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    connections: u32,
    /// wrk threads (at most the connections).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=64))]
    threads: u32,
    /// Bench on PostgreSQL: a fresh database is made next to this one (postgres://USER@HOST:PORT/DB)
    /// and dropped at the end. Without it, a fresh SQLite file in a temporary directory.
    #[arg(long)]
    database_url: Option<String>,
    /// Leave the database (and the temporary directory with the logs) and print where.
    #[arg(long)]
    keep: bool,
    /// Builds queued while no provisioner runs (the first workspaces seeded), then timed
    /// from the start of a server with the default provisioner daemons until all are done.
    /// 0 skips this phase.
    #[arg(long, default_value_t = 1_000)]
    queued_builds: u32,
    /// Concurrent watchers (`GET /workspaces/{id}/watch`) of one workspace, after the load:
    /// the server's RSS with them idle, and how soon after a write each gets the change.
    /// 0 skips this phase.
    #[arg(long, default_value_t = 1_000, value_parser = clap::value_parser!(u32).range(0..=10_000))]
    watchers: u32,
    /// Create only the first workspaces through the API and copy one of them in SQL up to
    /// `--workspaces` (quick; for the list phase at 100,000 and the million). Needs the `psql`
    /// or `sqlite3` client. The creates/s then describe the first ones only.
    #[arg(long)]
    seed_sql: bool,
}

/// Longest wait for the queued builds to finish.
const QUEUED_WAIT: Duration = Duration::from_secs(120);

/// Concurrent connections used to seed workspaces.
const SEED_CONNECTIONS: usize = 8;
/// Longest wait for the provisioner to pick up the seeded builds before measuring.
const DRAIN_WAIT: Duration = Duration::from_secs(60);
/// Sequential requests before each measured run (pools, caches), for at most this long.
const WARM_UP: Duration = Duration::from_secs(1);
/// wrk counts a request slower than this as a timeout error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Rows of the measured list page.
const PAGE: u32 = 25;
/// The conditional GET's row: `If-None-Match` with the workspace's current tag (304s).
const CONDITIONAL_ROW: &str = "  same, If-None-Match: current (304)";
/// How long after the last create the pending builds are counted (the provisioner keeping up).
const KEEP_UP: Duration = Duration::from_secs(5);

/// The `q` of `GET /workspaces` that clients send (Coder's dashboard and `coder list` open on
/// `owner:me`), each measured on a page of [`PAGE`]. The seeded workspaces are the admin's,
/// named `bench-NNNNN`, from the template `starter`.
const LIST_SHAPES: &[&str] = &[
    "owner:me",
    "owner:admin status:running",
    "status:stopped",
    "name:bench-0004",
    "template:starter",
    "has-agent:connected",
    "outdated:true",
    "dormant:true",
    "shared:true",
    "owner:me name:bench-0004",
];

pub fn run(root: &Path, args: &BenchArgs) -> Result<()> {
    let started = Instant::now();
    let engine = match args.database_url.as_deref() {
        None => "sqlite",
        Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => "postgres",
        Some(u) => bail!(
            "--database-url takes a PostgreSQL URL (postgres://USER@HOST:PORT/DB), not {}; without it the bench uses a fresh SQLite file",
            workspaced_store::redact_url(u)
        ),
    };
    if let Some(host) = args.database_url.as_deref().map(db_host) {
        if !matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]" | "") {
            bail!("the bench only talks to this machine: the database host must be 127.0.0.1 or localhost, not {host}");
        }
    }
    let wrk = wrk::locate_or_install()?;
    proc::catch_interrupt();

    eprintln!("building the server and the bare app in release…");
    let bins = build_release(root)?;
    let build_time = started.elapsed();
    let echo_build_ms = server_supports(&bins.server, "--echo-build-ms")?;
    // The bench measures the server, not Coder's API rate limit (512 requests per minute per
    // user by default): every server it starts runs with the limit disabled.
    let no_rate_limit: &[&str] = if server_supports(&bins.server, "--api-rate-limit")? { &["--api-rate-limit", "-1"] } else { &[] };
    eprintln!(
        "API rate limit: {}",
        if no_rate_limit.is_empty() { "not supported by this server" } else { "disabled for the bench (--api-rate-limit -1)" }
    );

    // Guards, declared in the order they must be dropped in reverse: processes before the
    // database, the database before the directory.
    let mut dir = tempfile::Builder::new().prefix("workspaced-bench-").tempdir().context("making a temporary directory")?;
    dir.disable_cleanup(args.keep);
    let pg = match args.database_url.as_deref() {
        Some(admin) => {
            let mut db = PgDatabase::create(admin)?;
            db.keep = args.keep;
            Some(db)
        }
        None => None,
    };
    let db_url = match &pg {
        Some(db) => db.url.clone(),
        None => format!("sqlite://{}", dir.path().join("bench.db").display()),
    };
    eprintln!("database: {}{}", workspaced_store::redact_url(&db_url), if args.keep { " (kept)" } else { "" });

    let total = args.workspaces as usize;
    let through_api = if args.seed_sql { total.min(seed_sql::FROM_API) } else { total };
    let queued = if echo_build_ms { (args.queued_builds as usize).min(through_api) } else { 0 };
    let mut queued_seed = None;
    if queued > 0 {
        // A server that runs no builds queues them; it is stopped before the timed start.
        let port = free_port()?;
        let base = format!("http://127.0.0.1:{port}");
        let mut cmd = server_command(&bins.server, &db_url);
        cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--provisioner-daemons", "0"]).args(no_rate_limit);
        let mut quiet = Background::spawn("workspaced (no provisioner)", &mut cmd, &dir.path().join("queue.log"))?;
        api::wait_healthy(&base, &mut quiet, Duration::from_secs(60))?;
        let token = admin_command(&bins.server, &db_url, &["tokens", "create", "--user", "admin", "--lifetime", "1d"])?.trim().to_owned();
        let template_id = starter_template(&admin_command(&bins.server, &db_url, &["templates", "list"])?)?;
        eprintln!("queueing {queued} builds with no provisioner running…");
        queued_seed = Some(api::seed(&Api::new(&base, &token), queued, &template_id, SEED_CONNECTIONS, Duration::from_secs(600))?);
        drop(quiet);
    }

    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut cmd = server_command(&bins.server, &db_url);
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")]).args(no_rate_limit);
    if echo_build_ms {
        cmd.args(["--echo-build-ms", "0"]);
    }
    let server_log = dir.path().join("server.log");
    let server_started = Instant::now();
    let mut server = Background::spawn("workspaced", &mut cmd, &server_log)?;
    api::wait_healthy(&base, &mut server, Duration::from_secs(60))?;

    let token = admin_command(&bins.server, &db_url, &["tokens", "create", "--user", "admin", "--lifetime", "1d"])?.trim().to_owned();
    let template_id = starter_template(&admin_command(&bins.server, &db_url, &["templates", "list"])?)?;
    let api = Api::new(&base, &token);

    let queued_time = if queued > 0 { Some(wait_finished(&api, queued, server_started, QUEUED_WAIT)?) } else { None };

    let n = through_api;
    eprintln!("seeding {} workspaces over {SEED_CONNECTIONS} connections…", n - queued);
    let seed_started = Instant::now();
    let seeded = match queued_seed {
        Some(first) if n == queued => first,
        _ => api::seed_from(&api, queued, n - queued, &template_id, SEED_CONNECTIONS, Duration::from_secs(600))?,
    };
    let seed_time = seed_started.elapsed();
    // The workspaces whose creates `seed_time` and the tenths time: those created by the
    // measured server (the queued ones were created before it started).
    let timed = if n == queued { queued } else { n - queued };
    let seed_rates = seeded.rates(timed);
    let first_seeded = seeded.first;
    server.ensure_running()?;
    // Whether the provisioner keeps up: builds still pending a few seconds after the last create.
    std::thread::sleep(KEEP_UP.saturating_sub(seed_started.elapsed().saturating_sub(seed_time)));
    let pending_soon_after = api.pending_builds()?;
    let pending_before = wait_for_builds(&api, DRAIN_WAIT)?;
    if total > n {
        let source = api.workspace_with_status("running")?.context("no running workspace to copy for --seed-sql")?;
        let sqlite_file = dir.path().join("bench.db");
        let target = match &pg {
            Some(db) => seed_sql::Target::Postgres(&db.url),
            None => seed_sql::Target::Sqlite(&sqlite_file),
        };
        seed_sql::clone_workspaces(&target, &source.to_string(), n, total)?;
    } else if let Some(db) = &pg {
        // PostgreSQL plans from the statistics autovacuum gathers within a minute of a
        // table's growth (`autovacuum_naptime`). Measured right after a seeding of a minute,
        // the lists would run on plans made for an empty table (a filtered page sorted from a
        // bitmap scan instead of read in order from its index: 160 ms p99 instead of 15 at
        // 10,000). The bench runs the ANALYZE autovacuum would have run.
        seed_sql::analyze(&seed_sql::Target::Postgres(&db.url))?;
    }
    let n = total;

    // A built workspace (with its resources and agents) when there is one, so that runs
    // measure comparable bodies however far the provisioner got.
    let workspace_id = api.workspace_with_status("running")?.unwrap_or(first_seeded);
    // The bare app serves exactly the bytes the server answers.
    let workspace_path = format!("/api/v2/workspaces/{workspace_id}");
    let list_path = "/api/v2/workspaces";
    let list_query = format!("{list_path}?limit={PAGE}");
    let workspace_body = api.get_ok(&workspace_path)?;
    let list_body = api.get_ok(&list_query)?;
    let listed = serde_json::from_slice::<Value>(&list_body).ok().and_then(|v| v["count"].as_u64()).unwrap_or_default();
    let workspace_file = dir.path().join("workspace.json");
    let list_file = dir.path().join("list.json");
    std::fs::write(&workspace_file, &workspace_body).context("writing the workspace body")?;
    std::fs::write(&list_file, &list_body).context("writing the list body")?;

    let bare_port = free_port()?;
    let bare_base = format!("http://127.0.0.1:{bare_port}");
    let mut bare = Background::spawn(
        "bench-bare",
        Command::new(&bins.bare)
            .args(["--listen", &format!("127.0.0.1:{bare_port}")])
            .arg("--route")
            .arg(format!("{workspace_path}={}", workspace_file.display()))
            .arg("--route")
            .arg(format!("{list_path}={}", list_file.display())),
        &dir.path().join("bare.log"),
    )?;
    let bare_api = Api::new(&bare_base, &token);
    wait_serving(&bare_api, &mut bare, &workspace_path, &workspace_body)?;
    wait_serving(&bare_api, &mut bare, &list_query, &list_body)?;

    let load = wrk::Load {
        threads: args.threads.min(args.connections),
        connections: args.connections,
        duration: Duration::from_secs(args.duration),
        timeout: REQUEST_TIMEOUT,
    };
    let auth = vec![format!("{}: {token}", api::SESSION_HEADER)];
    // A poller whose copy is current: its conditional GET answers 304 with no body.
    let conditional = vec![auth[0].clone(), format!("If-None-Match: {}", api.etag_answering_304(&workspace_path)?)];
    let list_label = format!("GET {list_query}");
    let targets = [
        ("bare: the workspace's bytes", &bare_api, &workspace_path, None, &auth),
        ("GET /api/v2/workspaces/{id}", &api, &workspace_path, Some(0), &auth),
        (CONDITIONAL_ROW, &api, &workspace_path, Some(0), &conditional),
        ("bare: the list page's bytes", &bare_api, &list_query, None, &auth),
        (list_label.as_str(), &api, &list_query, Some(3), &auth),
    ];
    let mut rows: Vec<(&str, wrk::Report, Option<f64>)> = Vec::new();
    for (label, app, path, bare_of, headers) in targets {
        warm_up(app, path)?;
        eprintln!("loading {label} for {} s…", args.duration);
        let mut report = wrk::run(&wrk, &app.url(path), headers, &load)?;
        if label == CONDITIONAL_ROW {
            // Every answer is a 304, which wrk counts with the non-2xx; they are the point.
            report.non_2xx = 0;
        }
        let ratio = bare_of.map(|i| ratio(report.requests_per_sec, rows[i].1.requests_per_sec));
        rows.push((label, report, ratio));
        server.ensure_running()?;
        bare.ensure_running()?;
    }
    // The list phase: each shape of `q`, on the same page size (no bare app: its bytes vary).
    let mut shape_rows: Vec<(String, wrk::Report, u64)> = Vec::new();
    for q in LIST_SHAPES {
        let path = format!("{list_path}?limit={PAGE}&q={}", q.replace(' ', "%20").replace(':', "%3A"));
        // Once more on an error: a pooled connection may have been closed by the server while
        // idle during the previous load.
        let matched = api.get_json(&path).or_else(|_| api.get_json(&path))?["count"].as_u64().unwrap_or_default();
        warm_up(&api, &path).or_else(|_| warm_up(&api, &path))?;
        eprintln!("loading GET {path} for {} s…", args.duration);
        let report = wrk::run(&wrk, &api.url(&path), &auth, &load)?;
        shape_rows.push((format!("q={q}"), report, matched));
        server.ensure_running()?;
    }
    // Once more on an error, as above: an idle pooled connection may have been closed.
    let pending_after = api.pending_builds().or_else(|_| api.pending_builds())?;
    let watching = if args.watchers > 0 {
        eprintln!("connecting {} watchers of one workspace…", args.watchers);
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let report = watchers::run(addr, &token, &workspace_id, args.watchers as usize, server.pid())?;
        server.ensure_running()?;
        Some(report)
    } else {
        None
    };

    println!();
    println!(
        "engine {engine}, {n} workspaces, {} s per route, {} connections, {} wrk threads{}",
        args.duration,
        load.connections,
        load.threads,
        if echo_build_ms { ", echo builds of 0 ms" } else { "" }
    );
    println!(
        "seeded {timed} in {:.1} s ({:.0}/s); builds pending: {pending_before} when measuring began, {pending_after} at the end",
        seed_time.as_secs_f64(),
        timed as f64 / seed_time.as_secs_f64().max(1e-9)
    );
    println!(
        "creates/s per tenth of the seeding: {} (last tenth {} of the first); builds pending {} s after the last create: {pending_soon_after}",
        seed_rates.iter().map(|r| format!("{r:.0}")).collect::<Vec<_>>().join(" "),
        match (seed_rates.first(), seed_rates.last()) {
            (Some(&first), Some(&last)) => format_ratio(ratio(last, first)),
            _ => "-".to_owned(),
        },
        KEEP_UP.as_secs()
    );
    if let Some(t) = queued_time {
        println!(
            "{queued} queued builds finished {:.1} s after the server started ({:.0} builds/s)",
            t.as_secs_f64(),
            queued as f64 / t.as_secs_f64().max(1e-9)
        );
    }
    println!(
        "bodies: workspace {} B, list page {} B ({PAGE} of {listed})",
        workspace_body.len(),
        list_body.len()
    );
    println!();
    print!("{}", table(&rows));
    println!();
    println!("ratio: the route's req/s over the bare app's serving the same bytes in this run (the 304 row: over the bare app's full body)");
    println!();
    println!("list shapes: GET {list_path}?limit={PAGE}&q=…");
    print!("{}", shape_table(&shape_rows));
    if let Some(report) = &watching {
        println!();
        report.print();
    }
    println!("build {:.0} s, whole run {:.0} s", build_time.as_secs_f64(), started.elapsed().as_secs_f64());
    if args.keep {
        println!("kept: database {} and logs in {}", workspaced_store::redact_url(&db_url), dir.path().display());
    }
    Ok(())
}

/// Waits until none of the `queued` builds is pending or starting; returns how long after
/// `since` that was.
fn wait_finished(api: &Api, queued: usize, since: Instant, limit: Duration) -> Result<Duration> {
    eprintln!("timing {queued} queued builds…");
    loop {
        interrupted()?;
        let left = api.count_with_status("pending")? + api.count_with_status("starting")?;
        if left == 0 {
            return Ok(since.elapsed());
        }
        if since.elapsed() > limit {
            bail!("{left} of {queued} queued builds were still unfinished after {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The host of a `postgres://USER@HOST:PORT/DB` URL.
fn db_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match host_port.strip_prefix('[') {
        Some(v6) => format!("[{}]", v6.split(']').next().unwrap_or_default()),
        None => host_port.split(':').next().unwrap_or_default().to_owned(),
    }
}

fn ratio(rps: f64, bare_rps: f64) -> f64 {
    if bare_rps > 0.0 {
        rps / bare_rps
    } else {
        0.0
    }
}

/// A ratio with at least two significant digits (0.25×, 0.016×, 0.00041×).
fn format_ratio(x: f64) -> String {
    let decimals = if x > 0.0 && x.is_finite() { (1 - x.log10().floor() as i32).clamp(2, 8) } else { 2 };
    format!("{x:.*}×", decimals as usize)
}

fn table(rows: &[(&str, wrk::Report, Option<f64>)]) -> String {
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let mut out = format!("{:<34} {:>10} {:>11} {:>11} {:>7} {:>9}\n", "route", "req/s", "p50", "p99", "errors", "vs bare");
    for (label, r, ratio) in rows {
        let ratio = ratio.map_or_else(|| "-".to_owned(), format_ratio);
        out += &format!(
            "{label:<34} {:>10.1} {:>11} {:>11} {:>7} {ratio:>9}\n",
            r.requests_per_sec,
            ms(r.p50),
            ms(r.p99),
            r.errors()
        );
    }
    out
}

fn shape_table(rows: &[(String, wrk::Report, u64)]) -> String {
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let mut out = format!("{:<34} {:>10} {:>11} {:>11} {:>7} {:>9}\n", "q", "req/s", "p50", "p99", "errors", "matches");
    for (label, r, matched) in rows {
        out += &format!(
            "{label:<34} {:>10.1} {:>11} {:>11} {:>7} {matched:>9}\n",
            r.requests_per_sec,
            ms(r.p50),
            ms(r.p99),
            r.errors()
        );
    }
    out
}

/// Waits (at most `limit`) for the provisioner to pick up the seeded builds; gives up early
/// when the rate so far says they will not all be picked up in time. Returns how many are
/// still pending.
fn wait_for_builds(api: &Api, limit: Duration) -> Result<u64> {
    let started = Instant::now();
    let initial = api.pending_builds()?;
    let mut pending = initial;
    if pending > 0 {
        eprintln!("waiting up to {} s for {pending} pending builds…", limit.as_secs());
    }
    while pending > 0 && started.elapsed() < limit {
        interrupted()?;
        std::thread::sleep(Duration::from_millis(500));
        pending = api.pending_builds()?;
        let elapsed = started.elapsed().as_secs_f64();
        if elapsed >= 5.0 {
            let rate = initial.saturating_sub(pending) as f64 / elapsed;
            if rate <= 0.0 || pending as f64 / rate > limit.as_secs_f64() - elapsed {
                eprintln!("builds are picked up at {rate:.1}/s: measuring with {pending} pending");
                break;
            }
        }
    }
    Ok(pending)
}

/// Sends sequential requests for up to [`WARM_UP`] (at most 200), each of which must
/// answer 200. Sequential, so that none is still in flight when the measurement starts.
fn warm_up(app: &Api, path: &str) -> Result<()> {
    let started = Instant::now();
    for _ in 0..200 {
        interrupted()?;
        app.get_ok(path).with_context(|| format!("warming up {}", app.url(path)))?;
        if started.elapsed() >= WARM_UP {
            break;
        }
    }
    Ok(())
}

/// Waits until `app` answers `path` with exactly `body`.
fn wait_serving(app: &Api, process: &mut Background, path: &str, body: &[u8]) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        interrupted()?;
        process.ensure_running()?;
        if let Ok(answer) = app.get(path) {
            if answer.status == 200 && answer.body == body {
                return Ok(());
            }
            if answer.status == 200 {
                bail!("{} answers different bytes than the server", app.url(path));
            }
        }
        if Instant::now() >= deadline {
            bail!("{} did not answer within 30 s; the end of its log:\n{}", app.url(path), process.log_tail(20));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::binaries::executables;
    use super::*;

    #[test]
    fn finds_the_starter_template() {
        let list = "0b6c\tother\n6a3c-11\tstarter\n";
        assert_eq!(starter_template(list).unwrap(), "6a3c-11");
        assert!(starter_template("0b6c\tother\n").is_err());
        assert!(starter_template("").is_err());
    }

    #[test]
    fn reads_executables_from_cargo_messages() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"name":"serde"},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"name":"workspaced"},"executable":"/t/release/workspaced"}"#,
            "\n",
            "not json\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        let exes = executables(messages);
        assert_eq!(exes.len(), 1);
        assert_eq!(exes["workspaced"], PathBuf::from("/t/release/workspaced"));
    }

    #[test]
    fn database_hosts() {
        assert_eq!(db_host("postgres://postgres@127.0.0.1:5432/test"), "127.0.0.1");
        assert_eq!(db_host("postgres://u:p@localhost/db?sslmode=disable"), "localhost");
        assert_eq!(db_host("postgresql://u@[::1]:5432/db"), "[::1]");
        assert_eq!(db_host("postgres://u@db.example.com:5432/db"), "db.example.com");
    }

    #[test]
    fn ratios_and_table() {
        assert_eq!(ratio(50.0, 200.0), 0.25);
        assert_eq!(ratio(50.0, 0.0), 0.0);
        let r = wrk::Report {
            requests: 10,
            requests_per_sec: 1737.0,
            p50: Duration::from_micros(1500),
            p99: Duration::from_millis(12),
            non_2xx: 1,
            socket_errors: 0,
        };
        let t = table(&[("GET /x", r, Some(0.016))]);
        let row = t.lines().nth(1).unwrap();
        for want in ["GET /x", "1737.0", "1.50 ms", "12.00 ms", " 1 ", "0.016×"] {
            assert!(row.contains(want), "{want:?} in {row:?}");
        }
        assert_eq!(format_ratio(1.0), "1.00×");
        assert_eq!(format_ratio(0.25), "0.25×");
        assert_eq!(format_ratio(0.0163), "0.016×");
        assert_eq!(format_ratio(0.000403), "0.00040×");
        assert_eq!(format_ratio(0.0), "0.00×");
    }
}
