//! The binary's guards, end to end: token lifecycle from the CLI on two running servers,
//! no token in the JSON request log, the Prometheus metrics on their own address, slow
//! clients and oversized heads. Runs on SQLite, or on PostgreSQL when
//! `WORKSPACED_TEST_DATABASE_URL` names a server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use workspaced_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_workspaced");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Sends raw request text; returns (status, whole answer).
fn raw(port: u16, text: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    s.write_all(text.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let out = String::from_utf8_lossy(&out).into_owned();
    let status = out.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, out)
}

fn get(port: u16, path: &str, extra_headers: &str) -> (u16, String) {
    raw(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{extra_headers}\r\n"))
}

struct Server {
    child: Child,
    port: u16,
    stdout: mpsc::Receiver<String>,
}

impl Server {
    fn start(db: &str, log: &Path, extra: &[&str]) -> Server {
        Server::start_logging(db, log, "json", extra)
    }

    /// A server whose stderr (`--log-format format`) goes to the file `log`.
    fn start_logging(db: &str, log: &Path, format: &str, extra: &[&str]) -> Server {
        let port = free_port();
        let mut child = Command::new(BIN)
            .args(["--log-format", format, "serve", "--listen", &format!("127.0.0.1:{port}"), "--database-url", db])
            .args(["--provisioner-daemons", "0"])
            .args(extra)
            .env("RUST_LOG", "debug")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, stdout) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() || get(port, "/healthz", "").0 != 200 {
            assert!(Instant::now() < deadline, "server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, port, stdout }
    }

    fn admin_token(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let line = self.stdout.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("admin token line");
            if let Some(t) = line.strip_prefix("admin token: ") {
                return t.trim().to_owned();
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A database for one test: SQLite in `dir`, or a fresh PostgreSQL one.
fn database(dir: &Path) -> (String, Option<(String, String)>) {
    match std::env::var("WORKSPACED_TEST_DATABASE_URL").ok().filter(|v| !v.is_empty()) {
        Some(admin) => {
            let name = format!("wsd_hard_{}", uuid::Uuid::new_v4().simple());
            (Store::create_postgres_database(&admin, &name).unwrap(), Some((admin, name)))
        }
        None => (format!("sqlite://{}", dir.join("w.db").display()), None),
    }
}

fn drop_database(pg: Option<(String, String)>) {
    if let Some((admin, name)) = pg {
        let _ = Store::drop_postgres_database(&admin, &name);
    }
}

fn cli(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).args(["--database-url", db]).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn tokens_are_listed_without_secrets_deleted_for_every_server_and_never_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pg) = database(dir.path());
    let a = Server::start(&db, &dir.path().join("a.log"), &[]);
    let admin = a.admin_token();
    let b = Server::start(&db, &dir.path().join("b.log"), &[]);
    let (ok, token, _) = cli(&db, &["tokens", "create", "--user", "admin", "--lifetime", "1h"]);
    assert!(ok);
    let token = token.trim().to_owned();
    let (id, secret) = token.split_once('-').unwrap();

    // Every place a token may travel, on both servers.
    for server in [&a, &b] {
        for (path, headers) in [
            ("/api/v2/workspaces".to_owned(), format!("Coder-Session-Token: {token}\r\n")),
            (format!("/api/v2/workspaces?coder_session_token={token}&limit=1"), String::new()),
            ("/api/v2/workspaces".to_owned(), format!("Cookie: coder_session_token={token}\r\n")),
            ("/api/v2/workspaces".to_owned(), format!("Authorization: Bearer {token}\r\n")),
        ] {
            assert_eq!(get(server.port, &path, &headers).0, 200, "{path} {headers}");
        }
    }

    // Listed: id, created, expires, last used, name; never the secret nor its hash.
    let (ok, listed, err) = cli(&db, &["tokens", "list", "--user", "admin"]);
    assert!(ok, "{err}");
    let line = listed.lines().find(|l| l.starts_with(id)).expect("the new token is listed");
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields.len(), 5, "{line}");
    for t in &fields[1..4] {
        chrono::DateTime::parse_from_rfc3339(t).unwrap_or_else(|e| panic!("{t}: {e}"));
    }
    assert_eq!(fields[4], "cli");
    assert_eq!(listed.lines().count(), 2, "the admin token and this one: {listed}");
    assert!(!listed.contains(secret), "the secret is never shown");

    // Deleted: refused at once by both servers.
    let (ok, out, err) = cli(&db, &["tokens", "delete", id]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), format!("deleted {id}"));
    for server in [&a, &b] {
        let (status, body) = get(server.port, "/api/v2/workspaces", &format!("Coder-Session-Token: {token}\r\n"));
        assert_eq!(status, 401, "{body}");
    }
    assert_eq!(get(a.port, "/api/v2/workspaces", &format!("Coder-Session-Token: {admin}\r\n")).0, 200);
    let (ok, _, err) = cli(&db, &["tokens", "delete", id]);
    assert!(!ok && err.contains("no token"), "{err}");

    // No token in any log line, in any field.
    drop((a, b));
    for log in ["a.log", "b.log"] {
        let text = std::fs::read_to_string(dir.path().join(log)).unwrap();
        assert!(text.lines().any(|l| l.contains("\"message\":\"request\"")), "the request log is there");
        for l in text.lines() {
            serde_json::from_str::<serde_json::Value>(l).unwrap_or_else(|e| panic!("not a JSON log line ({e}): {l}"));
            assert!(!l.contains(secret) && !l.contains(&token), "a token in the log: {l}");
            assert!(!l.contains(&admin[11..]), "the admin token in the log: {l}");
        }
    }
    drop_database(pg);
}

#[test]
fn the_text_log_redirected_to_a_file_is_plain() {
    // stderr is a file, not a terminal: no ANSI colour codes (a terminal keeps its colours).
    let dir = tempfile::tempdir().unwrap();
    let (db, pg) = database(dir.path());
    let log = dir.path().join("text.log");
    let server = Server::start_logging(&db, &log, "text", &[]);
    let admin = server.admin_token();
    assert_eq!(get(server.port, "/api/v2/workspaces", &format!("Coder-Session-Token: {admin}\r\n")).0, 200);
    assert_eq!(get(server.port, "/api/v2/workspaces/not-a-uuid", &format!("Coder-Session-Token: {admin}\r\n")).0, 400);
    drop(server);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.lines().any(|l| l.contains("INFO") && l.contains("serving")), "the start is logged: {text}");
    assert!(text.lines().any(|l| l.contains("request")), "the request log is there: {text}");
    for l in text.lines() {
        assert!(!l.contains("\x1b["), "an ANSI escape in a redirected log: {l:?}");
    }
    drop_database(pg);
}

#[test]
fn metrics_are_served_on_their_own_address_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pg) = database(dir.path());
    let metrics_port = free_port();
    let server = Server::start(&db, &dir.path().join("s.log"), &["--prometheus-address", &format!("127.0.0.1:{metrics_port}")]);
    let token = server.admin_token();
    for _ in 0..3 {
        assert_eq!(get(server.port, "/api/v2/workspaces", &format!("Coder-Session-Token: {token}\r\n")).0, 200);
    }
    assert_eq!(get(server.port, "/api/v2/workspaces", "").0, 401);
    let (status, text) = get(metrics_port, "/metrics", "");
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("text/plain; version=0.0.4"), "Prometheus text format");
    for needle in [
        "workspaced_api_requests_total{operation=\"list-workspaces\",status=\"200\"} 3",
        "workspaced_api_requests_total{operation=\"list-workspaces\",status=\"401\"} 1",
        "workspaced_api_request_duration_seconds_bucket{operation=\"list-workspaces\",status=\"200\",le=",
        "workspaced_db_pool_in_use ",
        "workspaced_db_pool_waiting 0",
        "workspaced_db_pool_connections ",
        "workspaced_provisioner_jobs_pending 0",
        "workspaced_provisioner_jobs_running 0",
        "workspaced_watchers 0",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    // Not on the API's address.
    assert_eq!(get(server.port, "/metrics", "").0, 404);
    drop(server);
    // Off by default.
    let server = Server::start(&db, &dir.path().join("t.log"), &[]);
    assert!(TcpStream::connect(("127.0.0.1", metrics_port)).is_err());
    drop(server);
    drop_database(pg);
}

#[test]
fn slow_clients_and_oversized_heads_do_not_hold_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pg) = database(dir.path());
    let server = Server::start(&db, &dir.path().join("s.log"), &[]);
    let token = server.admin_token();
    // A client that never finishes its head is dropped after the client request timeout.
    let started = Instant::now();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    slow.write_all(b"GET /api/v2/workspaces HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut out = Vec::new();
    let _ = slow.read_to_end(&mut out);
    assert!(started.elapsed() < Duration::from_secs(10), "a slow head held its connection {:?}", started.elapsed());
    let answered = String::from_utf8_lossy(&out);
    assert!(answered.is_empty() || answered.starts_with("HTTP/1.1 408"), "{answered}");
    // A head over the limit is refused, and the server goes on.
    let big = format!("X-Filler: {}\r\n", "a".repeat(256 * 1024));
    let (status, _) = get(server.port, "/api/v2/workspaces", &big);
    assert!(status == 431 || status == 400 || status == 0, "oversized head: {status}");
    let many: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    let (status, _) = get(server.port, "/api/v2/workspaces", &many);
    assert!(status == 431 || status == 400 || status == 0, "too many headers: {status}");
    // A body that trickles in is cut off too (the body read timeout is 30 s; the test only
    // checks the server keeps answering others meanwhile).
    let mut trickle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    trickle
        .write_all(format!("POST /api/v2/users/me/workspaces HTTP/1.1\r\nHost: x\r\nCoder-Session-Token: {token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{").as_bytes())
        .unwrap();
    assert_eq!(get(server.port, "/api/v2/workspaces", &format!("Coder-Session-Token: {token}\r\n")).0, 200);
    drop(trickle);
    // The security headers are on the binary's answers.
    let (_, answer) = get(server.port, "/api/v2/buildinfo", "");
    assert!(answer.to_ascii_lowercase().contains("x-content-type-options: nosniff"), "{answer}");
    drop(server);
    drop_database(pg);
}
