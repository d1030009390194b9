//! The fault suite: the real `workspaced` binary under load while something breaks, on
//! loopback only, each case bounded in time. Each case prints what it applied and what it
//! saw (`fault …` lines: the load, the acknowledged writes, what was lost, the recovery).
//!
//! 1. two servers on one PostgreSQL database, one SIGKILLed mid-load;
//! 2. PostgreSQL out of reach under load (a TCP proxy on loopback between the server and
//!    the database is stopped, then started again — the shared PostgreSQL server itself is
//!    never restarted);
//! 3. SQLite with a full disk mid-load (the server's file size limit is lowered to nothing
//!    with `prlimit`, which makes every write that grows a file fail as a full disk does);
//! 4. 50 racing creates of one name, on each engine.
//!
//! The PostgreSQL cases need `WORKSPACED_TEST_DATABASE_URL` (an admin URL; each case makes
//! its own database) and are skipped without it, saying so; `.ci/run` sets it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use workspaced_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_workspaced");
const PG_ENV: &str = "WORKSPACED_TEST_DATABASE_URL";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

// ---------------------------------------------------------------------------------------
// A small HTTP/1.1 client (one request per connection).

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    took: Duration,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
    /// Coder's error envelope: a JSON object with a non-empty `message`.
    fn is_envelope(&self) -> bool {
        self.json()["message"].as_str().is_some_and(|m| !m.is_empty())
    }
}

fn request(port: u16, method: &str, path: &str, token: &str, body: Option<&Value>, timeout: Duration) -> std::io::Result<Answer> {
    let started = Instant::now();
    let mut s = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), timeout)?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nCoder-Session-Token: {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").ok_or_else(|| std::io::Error::other(format!("no answer head: {raw:?}")))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line: {head:?}")))?;
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Ok(Answer { status, headers, body: body.to_owned(), took: started.elapsed() })
}

// ---------------------------------------------------------------------------------------
// Servers and databases.

struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
    stdout: mpsc::Receiver<String>,
}

impl Server {
    fn start(db: &str, dir: &Path, name: &str, extra: &[&str]) -> Server {
        let port = free_port();
        let log = dir.join(format!("{name}.log"));
        let mut child = Command::new(BIN)
            .args(["--log-format", "json", "serve", "--listen", &format!("127.0.0.1:{port}"), "--database-url", db])
            .args(["--api-rate-limit", "-1"])
            .args(extra)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, stdout) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let server = Server { child, port, log, stdout };
        server.wait_healthy();
        server
    }

    fn wait_healthy(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(a) = request(self.port, "GET", "/healthz", "", None, Duration::from_secs(2)) {
                if a.status == 200 {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "server did not become healthy; log:\n{}", self.log_text());
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The admin token and the starter template a first start prints.
    fn seed(&self) -> (String, String) {
        let (mut token, mut template) = (None, None);
        let deadline = Instant::now() + Duration::from_secs(30);
        while token.is_none() || template.is_none() {
            let line = self.stdout.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("the first start prints the token and template");
            if let Some(t) = line.strip_prefix("admin token: ") {
                token = Some(t.trim().to_owned());
            }
            if let Some(rest) = line.strip_prefix("template starter (") {
                template = Some(rest.trim_end_matches(')').to_owned());
            }
        }
        (token.unwrap(), template.unwrap())
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The ids of this server's provisioner daemons (from its JSON log).
    fn worker_ids(&self) -> Vec<String> {
        let re = regex::Regex::new(r#""worker_id":"([0-9a-f-]{36})""#).unwrap();
        self.log_text().lines().filter(|l| l.contains("daemon started")).filter_map(|l| re.captures(l).map(|c| c[1].to_owned())).collect()
    }

    fn kill9(&mut self) {
        self.child.kill().unwrap(); // SIGKILL
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh PostgreSQL database (dropped at the end), or None when no server is configured.
struct PgDb {
    admin: String,
    name: String,
    url: String,
}

impl PgDb {
    fn create(case: &str) -> Option<PgDb> {
        let Some(admin) = std::env::var(PG_ENV).ok().filter(|v| !v.is_empty()) else {
            println!("fault {case}: skipped (set {PG_ENV} to a PostgreSQL admin URL to run it)");
            return None;
        };
        let name = format!("wsd_fault_{}", uuid::Uuid::new_v4().simple());
        let url = Store::create_postgres_database(&admin, &name).expect("create the fault database");
        Some(PgDb { admin, name, url })
    }

    /// The URL of this database through another host:port (the proxy).
    fn url_via(&self, port: u16) -> String {
        let rest = self.admin.split_once("://").unwrap().1;
        let (userinfo, _) = rest.split_once('@').unwrap();
        format!("postgres://{userinfo}@127.0.0.1:{port}/{}", self.name)
    }

    fn upstream(&self) -> String {
        let rest = self.admin.split_once('@').unwrap().1;
        rest.split('/').next().unwrap().to_owned()
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let _ = Store::drop_postgres_database(&self.admin, &self.name);
    }
}

// ---------------------------------------------------------------------------------------
// Load.

/// What a load run saw.
#[derive(Default)]
struct Tally {
    requests: AtomicU64,
    /// Workspaces whose create was acknowledged (201): (id, name).
    created: Mutex<Vec<(String, String)>>,
}

/// One answer (or the error that took its place) as the load's observer sees it.
type Check<'a> = Result<&'a Answer, &'a std::io::Error>;
type Observer = Arc<dyn Fn(u16, &str, Check<'_>) + Send + Sync>;

fn create_body(name: &str, template: &str) -> Value {
    json!({ "name": name, "template_id": template })
}

/// Runs `writers` threads creating workspaces (and `readers` reading them) against `ports`
/// in turn until `stop`; each answer goes to `check` with the port it came from.
#[allow(clippy::too_many_arguments)]
fn load(
    ports: Arc<Mutex<Vec<u16>>>,
    token: &str,
    template: &str,
    tag: &str,
    writers: usize,
    readers: usize,
    stop: Arc<AtomicBool>,
    tally: Arc<Tally>,
    check: Observer,
) -> Vec<thread::JoinHandle<()>> {
    let mut handles = Vec::new();
    for w in 0..writers + readers {
        let (ports, token, template, tag, stop, tally, check) =
            (ports.clone(), token.to_owned(), template.to_owned(), tag.to_owned(), stop.clone(), tally.clone(), check.clone());
        handles.push(thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let port = {
                    let p = ports.lock().unwrap();
                    p[(n as usize + w) % p.len()]
                };
                tally.requests.fetch_add(1, Ordering::Relaxed);
                if w < writers {
                    let name = format!("{tag}-{w}-{n}");
                    let res = request(port, "POST", "/api/v2/users/me/workspaces", &token, Some(&create_body(&name, &template)), Duration::from_secs(20));
                    if let Ok(a) = &res {
                        if a.status == 201 {
                            tally.created.lock().unwrap().push((a.json()["id"].as_str().unwrap().to_owned(), name));
                        }
                    }
                    check(port, "create", res.as_ref());
                } else {
                    let known = tally.created.lock().unwrap().last().map(|(id, _)| id.clone());
                    let path = match known {
                        Some(id) if n % 2 == 0 => format!("/api/v2/workspaces/{id}"),
                        _ => "/api/v2/workspaces?limit=5".to_owned(),
                    };
                    let res = request(port, "GET", &path, &token, None, Duration::from_secs(20));
                    check(port, "read", res.as_ref());
                }
            }
        }));
    }
    handles
}

/// Every acknowledged create is there (read through `port`); returns how many were checked.
fn assert_all_present(port: u16, token: &str, created: &[(String, String)]) -> usize {
    for (id, name) in created {
        let a = request(port, "GET", &format!("/api/v2/workspaces/{id}"), token, None, Duration::from_secs(20)).unwrap();
        assert_eq!(a.status, 200, "acknowledged workspace {name} ({id}) is missing: {}", a.body);
        assert_eq!(a.json()["name"], name.as_str());
    }
    created.len()
}

// ---------------------------------------------------------------------------------------
// 1. Two servers, one SIGKILLed.

#[test]
fn a_killed_server_loses_no_acknowledged_write_and_its_jobs_are_finished_by_the_other() {
    let Some(db) = PgDb::create("1 (two servers, one SIGKILLed)") else { return };
    let dir = tempfile::tempdir().unwrap();
    // A runs long builds, so it holds running jobs when it dies; B runs short ones.
    let mut a = Server::start(&db.url, dir.path(), "a", &["--provisioner-daemons", "3", "--echo-build-ms", "8000"]);
    let (token, template) = a.seed();
    let b = Server::start(&db.url, dir.path(), "b", &["--provisioner-daemons", "2", "--echo-build-ms", "200"]);
    let a_workers = a.worker_ids();
    assert_eq!(a_workers.len(), 3, "{}", a.log_text());

    let ports = Arc::new(Mutex::new(vec![a.port, b.port]));
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let b_port = b.port;
    let b_failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let a_killed = Arc::new(AtomicBool::new(false));
    let check = {
        let (b_failures, a_killed) = (b_failures.clone(), a_killed.clone());
        Arc::new(move |port: u16, what: &str, res: Check<'_>| {
            let ok = matches!(res, Ok(a) if a.status < 300);
            if port == b_port && !ok {
                b_failures.lock().unwrap().push(format!("{what}: {:?}", res.map(|a| (a.status, a.body.clone()))));
            } else if !ok && !a_killed.load(Ordering::Relaxed) {
                if let Ok(a) = res {
                    panic!("server A answered {what} with {} before it was killed: {}", a.status, a.body);
                }
            }
        }) as Observer
    };
    let workers = load(ports.clone(), &token, &template, "k", 4, 2, stop.clone(), tally.clone(), check);
    thread::sleep(Duration::from_secs(3));
    a_killed.store(true, Ordering::Relaxed);
    a.kill9();
    let killed_at = Instant::now();
    *ports.lock().unwrap() = vec![b.port];
    // B keeps answering while A's jobs are orphaned.
    thread::sleep(Duration::from_secs(3));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let failures = b_failures.lock().unwrap().clone();
    assert!(failures.is_empty(), "server B failed {} requests: {:?}", failures.len(), &failures[..failures.len().min(5)]);

    // The jobs A was running when it died.
    let list = request(b.port, "GET", "/api/v2/workspaces?limit=0", &token, None, Duration::from_secs(20)).unwrap().json();
    let orphans: Vec<String> = list["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| {
            let job = &w["latest_build"]["job"];
            job["status"] == "running" && a_workers.iter().any(|id| job["worker_id"] == id.as_str())
        })
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!orphans.is_empty(), "A held no running job when it was killed");
    // Taken up after their heartbeat expired, and finished by B.
    let deadline = killed_at + Duration::from_secs(60);
    let mut pending = orphans.clone();
    while !pending.is_empty() {
        assert!(Instant::now() < deadline, "{} of A's jobs never finished", pending.len());
        pending.retain(|id| {
            let w = request(b.port, "GET", &format!("/api/v2/workspaces/{id}"), &token, None, Duration::from_secs(20)).unwrap().json();
            let job = &w["latest_build"]["job"];
            !(job["status"] == "succeeded" && !a_workers.iter().any(|a| job["worker_id"] == a.as_str()))
        });
        thread::sleep(Duration::from_millis(250));
    }
    let recovered = killed_at.elapsed();
    let created = tally.created.lock().unwrap().clone();
    let checked = assert_all_present(b.port, &token, &created);
    println!(
        "fault 1 (two servers on PostgreSQL, one SIGKILLed after 3 s): {} requests from 6 clients, {checked} acknowledged creates, \
         0 lost; B failed 0 requests; {} orphaned jobs finished by B {:.1} s after the kill",
        tally.requests.load(Ordering::Relaxed),
        orphans.len(),
        recovered.as_secs_f64()
    );
}

// ---------------------------------------------------------------------------------------
// 2. PostgreSQL out of reach.

/// A TCP proxy on loopback: started, it forwards to `upstream`; stopped, it refuses new
/// connections and cuts the open ones, as a database that went away.
struct Proxy {
    port: u16,
    upstream: String,
    running: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
    acceptor: Option<thread::JoinHandle<()>>,
}

impl Proxy {
    fn new(upstream: String) -> Proxy {
        Proxy { port: free_port(), upstream, running: Arc::new(AtomicBool::new(false)), open: Arc::default(), acceptor: None }
    }

    fn start(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("proxy port");
        listener.set_nonblocking(true).unwrap();
        self.running.store(true, Ordering::SeqCst);
        let (running, open, upstream) = (self.running.clone(), self.open.clone(), self.upstream.clone());
        self.acceptor = Some(thread::spawn(move || {
            while running.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let Ok(server) = TcpStream::connect(&upstream) else { continue };
                        let mut open = open.lock().unwrap();
                        open.push(client.try_clone().unwrap());
                        open.push(server.try_clone().unwrap());
                        for (mut from, mut to) in [(client.try_clone().unwrap(), server.try_clone().unwrap()), (server, client)] {
                            thread::spawn(move || {
                                let _ = std::io::copy(&mut from, &mut to);
                                let _ = to.shutdown(Shutdown::Both);
                                let _ = from.shutdown(Shutdown::Both);
                            });
                        }
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        }));
    }

    fn stop(&mut self) {
        self.running.store(false, Ordering::SeqCst);
        if let Some(a) = self.acceptor.take() {
            a.join().unwrap(); // the listener is closed: connects are refused
        }
        for s in self.open.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop();
    }
}

#[test]
fn a_database_outage_is_answered_503_and_the_server_serves_again_when_it_returns() {
    let Some(db) = PgDb::create("2 (PostgreSQL out of reach)") else { return };
    let mut proxy = Proxy::new(db.upstream());
    proxy.start();
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db.url_via(proxy.port), dir.path(), "server", &["--provisioner-daemons", "1", "--echo-build-ms", "100"]);
    let (token, template) = server.seed();

    #[derive(Debug)]
    struct Seen {
        at: Instant,
        what: String,
        status: Option<u16>,
        retry_after: bool,
        envelope: bool,
        took: Duration,
    }
    let seen = Arc::new(Mutex::new(Vec::<Seen>::new()));
    let check = {
        let seen = seen.clone();
        Arc::new(move |_: u16, what: &str, res: Check<'_>| {
            let (status, retry_after, envelope, took) = match res {
                Ok(a) => (Some(a.status), a.header("retry-after").is_some(), a.is_envelope(), a.took),
                Err(_) => (None, false, false, Duration::ZERO),
            };
            seen.lock().unwrap().push(Seen { at: Instant::now(), what: what.to_owned(), status, retry_after, envelope, took });
        }) as Observer
    };
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let workers = load(Arc::new(Mutex::new(vec![server.port])), &token, &template, "o", 2, 2, stop.clone(), tally.clone(), check);
    thread::sleep(Duration::from_secs(2));
    proxy.stop();
    let down_at = Instant::now();
    thread::sleep(Duration::from_secs(6));
    proxy.start();
    let back_at = Instant::now();
    // Served again: the first success after the database's return.
    let deadline = back_at + Duration::from_secs(20);
    let served_at = loop {
        if let Some(s) = seen.lock().unwrap().iter().find(|s| s.at > back_at && s.status.is_some_and(|c| c < 300)) {
            break s.at;
        }
        assert!(Instant::now() < deadline, "the server did not serve again within 20 s of the database's return");
        thread::sleep(Duration::from_millis(20));
    };
    thread::sleep(Duration::from_secs(2));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let recovery = served_at.duration_since(back_at);
    let seen = seen.lock().unwrap();
    // During the outage: envelopes, 503 with Retry-After; never a bare 500, never a hang.
    let during: Vec<&Seen> = seen.iter().filter(|s| s.at > down_at + Duration::from_millis(100) && s.at < back_at).collect();
    let refused = during.iter().filter(|s| s.status == Some(503)).count();
    assert!(refused > 0, "no request was answered during the outage: {during:?}");
    for s in &during {
        assert!(s.status.is_some(), "a request got no answer during the outage: {s:?}");
        let status = s.status.unwrap();
        assert!(status < 300 || (status == 503 && s.retry_after && s.envelope), "during the outage: {s:?}");
        assert!(s.took < Duration::from_secs(10), "a request hung during the outage: {s:?}");
    }
    assert!(seen.iter().all(|s| s.status != Some(500)), "a 500 was answered");
    // After recovery: everything served.
    let after: Vec<&Seen> = seen.iter().filter(|s| s.at > served_at + Duration::from_millis(500)).collect();
    assert!(after.iter().all(|s| s.status.is_some_and(|c| c < 300)), "after recovery: {:?}", after.iter().filter(|s| s.status.is_none_or(|c| c >= 300)).collect::<Vec<_>>());
    assert!(recovery < Duration::from_secs(5), "served again {:.1} s after the database returned", recovery.as_secs_f64());
    let created = tally.created.lock().unwrap().clone();
    let checked = assert_all_present(server.port, &token, &created);
    let max_wait = during.iter().map(|s| s.took).max().unwrap_or_default();
    println!(
        "fault 2 (PostgreSQL out of reach for 6 s): {} requests from 4 clients, {checked} acknowledged creates, 0 lost; \
         {refused} answered 503 with Retry-After during the outage (slowest {:.1} s), none 500; served again {:.2} s after the database returned",
        tally.requests.load(Ordering::Relaxed),
        max_wait.as_secs_f64(),
        recovery.as_secs_f64()
    );
    let _ = seen.iter().map(|s| &s.what).count();
}

// ---------------------------------------------------------------------------------------
// 3. SQLite, disk full.

/// How many answers of each kind, for assertion messages.
fn summary(seen: &[&(Instant, String, Option<u16>, bool, bool)]) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for s in seen {
        *counts.entry(format!("{} {:?}", s.1, s.2)).or_insert(0) += 1;
    }
    format!("{counts:?}")
}

fn prlimit_fsize(pid: u32, soft: &str) {
    let ok = Command::new("prlimit").args(["--pid", &pid.to_string(), &format!("--fsize={soft}:")]).status().expect("prlimit (util-linux)");
    assert!(ok.success(), "prlimit failed");
}

#[test]
fn sqlite_with_a_full_disk_answers_clear_errors_keeps_its_file_sound_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let url = format!("sqlite://{}", path.display());
    let server = Server::start(&url, dir.path(), "server", &["--provisioner-daemons", "1", "--echo-build-ms", "50"]);
    let (token, template) = server.seed();
    let pid = server.child.id();

    let seen = Arc::new(Mutex::new(Vec::<(Instant, String, Option<u16>, bool, bool)>::new()));
    let check = {
        let seen = seen.clone();
        Arc::new(move |_: u16, what: &str, res: Check<'_>| {
            let entry = match res {
                Ok(a) => (Instant::now(), what.to_owned(), Some(a.status), a.header("retry-after").is_some(), a.is_envelope()),
                Err(_) => (Instant::now(), what.to_owned(), None, false, false),
            };
            seen.lock().unwrap().push(entry);
        }) as Observer
    };
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let workers = load(Arc::new(Mutex::new(vec![server.port])), &token, &template, "d", 3, 2, stop.clone(), tally.clone(), check);
    thread::sleep(Duration::from_secs(2));
    let full_at = Instant::now();
    prlimit_fsize(pid, "1"); // no file may grow: the disk is full
    thread::sleep(Duration::from_secs(3));
    prlimit_fsize(pid, "unlimited");
    let freed_at = Instant::now();
    let deadline = freed_at + Duration::from_secs(20);
    let resumed_at = loop {
        if let Some(s) = seen.lock().unwrap().iter().find(|s| s.0 > freed_at && s.1 == "create" && s.2 == Some(201)) {
            break s.0;
        }
        assert!(Instant::now() < deadline, "writes did not resume within 20 s of space returning");
        thread::sleep(Duration::from_millis(20));
    };
    thread::sleep(Duration::from_secs(1));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let seen = seen.lock().unwrap();
    let during: Vec<_> = seen.iter().filter(|s| s.0 > full_at + Duration::from_millis(200) && s.0 < freed_at).collect();
    let refused_writes = during.iter().filter(|s| s.1 == "create" && s.2 == Some(503)).count();
    let served_reads = during.iter().filter(|s| s.1 == "read" && s.2 == Some(200)).count();
    assert!(refused_writes > 0, "no write was refused while the disk was full: {}", summary(&during));
    for s in &during {
        let Some(status) = s.2 else { panic!("a request got no answer while the disk was full: {}", summary(&during)) };
        assert!(status < 300 || (status == 503 && s.3 && s.4), "while the disk was full: {s:?}; {}", summary(&during));
    }
    assert!(seen.iter().all(|s| s.2.is_some() && s.2 != Some(500)), "a request failed or was answered 500");
    let created = tally.created.lock().unwrap().clone();
    let checked = assert_all_present(server.port, &token, &created);
    drop(server);
    let store = Store::connect_short_lived(&url).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    println!(
        "fault 3 (SQLite, disk full for 3 s): {} requests from 5 clients, {checked} acknowledged creates, 0 lost; \
         {refused_writes} writes answered 503 with Retry-After and {served_reads} reads served while full; writes resumed {:.2} s after space returned; integrity_check ok",
        tally.requests.load(Ordering::Relaxed),
        resumed_at.duration_since(freed_at).as_secs_f64()
    );
}

// ---------------------------------------------------------------------------------------
// 4. Racing creates.

fn race(url: &str, engine: &str) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(url, dir.path(), "server", &["--provisioner-daemons", "0"]);
    let (token, template) = server.seed();
    let barrier = Arc::new(std::sync::Barrier::new(50));
    let answers: Vec<u16> = (0..50)
        .map(|_| {
            let (barrier, token, template, port) = (barrier.clone(), token.clone(), template.clone(), server.port);
            thread::spawn(move || {
                barrier.wait();
                request(port, "POST", "/api/v2/users/me/workspaces", &token, Some(&create_body("race", &template)), Duration::from_secs(30)).unwrap().status
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .collect();
    let created = answers.iter().filter(|s| **s == 201).count();
    let conflicts = answers.iter().filter(|s| **s == 409).count();
    assert_eq!((created, conflicts), (1, 49), "{answers:?}");
    let list = request(server.port, "GET", "/api/v2/workspaces?q=name:race", &token, None, Duration::from_secs(10)).unwrap().json();
    assert_eq!(list["count"], 1);
    println!("fault 4 ({engine}): 50 racing creates of one name: 1 created, 49 answered 409");
}

#[test]
fn fifty_racing_creates_of_one_name_make_one_workspace_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    race(&format!("sqlite://{}", dir.path().join("race.db").display()), "SQLite");
}

#[test]
fn fifty_racing_creates_of_one_name_make_one_workspace_on_postgres() {
    let Some(db) = PgDb::create("4 (racing creates on PostgreSQL)") else { return };
    race(&db.url, "PostgreSQL");
}
