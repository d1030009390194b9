//! The binary end to end: first start seeds and prints the token and template, the API
//! answers with that token, a created workspace reaches `running` through the background
//! provisioner, SIGTERM stops the server cleanly, a second start prints only the URL, and
//! the admin commands work on the same database.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_workspaced");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A minimal HTTP/1.1 client (one request per connection): status and body.
fn http(port: u16, method: &str, path: &str, token: &str, body: Option<&str>) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let body = body.unwrap_or("");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCoder-Session-Token: {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status: u16 = raw.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(db: &str, port: u16) -> Server {
        Self::start_with(db, port, &[], Stdio::null())
    }

    fn start_with(db: &str, port: u16, extra: &[&str], stderr: Stdio) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--database-url", db])
            .args(extra)
            .env("RUST_LOG", "warn,workspaced_api::middleware=info")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Server { child, lines }
    }

    /// Lines printed until `stop` matches one (or 30 s pass).
    fn read_until(&self, stop: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            let done = stop(&line);
            seen.push(line);
            if done {
                break;
            }
        }
        seen
    }

    fn terminate(&mut self) -> std::process::ExitStatus {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not stop after SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn wait_ready(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "server did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn cli(db: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(BIN).args(args).args(["--database-url", db]).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn first_start_serves_builds_and_stops_cleanly_then_admin_commands_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("w.db").display());
    let token_re = regex::Regex::new(r"^admin token: ([A-Za-z0-9]{10}-[A-Za-z0-9]{22})$").unwrap();
    let template_re = regex::Regex::new(r"^template starter \(([0-9a-f-]{36})\)$").unwrap();

    let port = free_port();
    let mut server = Server::start(&db, port);
    let lines = server.read_until(|l| l.starts_with("template "));
    assert!(lines.contains(&format!("Swagger UI: http://127.0.0.1:{port}/swagger-ui/")), "{lines:?}");
    let token = lines.iter().find_map(|l| token_re.captures(l)).expect("admin token line")[1].to_owned();
    let template = lines.iter().find_map(|l| template_re.captures(l)).expect("template line")[1].to_owned();
    wait_ready(port);

    let (status, body) = http(port, "GET", "/api/v2/workspaces", &token, None);
    assert_eq!((status, body.as_str()), (200, r#"{"count":0,"workspaces":[]}"#));
    let (status, body) = http(
        port,
        "POST",
        "/api/v2/users/me/workspaces",
        &token,
        Some(&format!(r#"{{"name":"dev","template_id":"{template}"}}"#)),
    );
    assert_eq!(status, 201, "{body}");
    let ws: serde_json::Value = serde_json::from_str(&body).unwrap();
    let path = format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, body) = http(port, "GET", &path, &token, None);
        let ws: serde_json::Value = serde_json::from_str(&body).unwrap();
        if ws["latest_build"]["status"] == "running" {
            break;
        }
        assert!(Instant::now() < deadline, "build did not reach running: {}", ws["latest_build"]["status"]);
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, body) = http(port, "GET", "/healthz", "", None);
    assert_eq!((status, body.as_str()), (200, "OK"));
    let stopped = server.terminate();
    assert!(stopped.success(), "graceful stop exits 0: {stopped:?}");

    // Second start: the URL only, and the first token still works; with a single database
    // connection too (no operation holds two at once, or this would wait forever).
    let port = free_port();
    let mut server = Server::start_with(&db, port, &["--database-max-connections", "1"], Stdio::null());
    wait_ready(port);
    let (status, body) = http(port, "GET", "/api/v2/workspaces", &token, None);
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["count"], 1, "{body}");
    let (status, _) = http(port, "GET", &path, &token, None);
    assert_eq!(status, 200);
    let stopped = server.terminate();
    assert!(stopped.success(), "graceful stop exits 0 again: {stopped:?}");
    let printed: Vec<String> = server.lines.iter().collect();
    assert_eq!(printed, vec![format!("Swagger UI: http://127.0.0.1:{port}/swagger-ui/")]);

    // Admin commands on the same database.
    let (ok, out) = cli(&db, &["users", "create", "--username", "alice", "--email", "alice@example.com"]);
    assert!(ok && out.contains("alice\tmember"), "{out}");
    let (ok, out) = cli(&db, &["users", "create", "--username", "alice", "--email", "other@example.com"]);
    assert!(!ok && out.is_empty(), "a taken username fails");
    let (ok, out) = cli(&db, &["users", "list"]);
    assert!(ok && out.lines().count() == 2 && out.contains("admin") && out.contains("alice"), "{out}");
    let (ok, out) = cli(&db, &["tokens", "create", "--user", "alice", "--lifetime", "1h"]);
    assert!(ok, "{out}");
    let alice_token = out.trim().to_owned();
    assert!(regex::Regex::new(r"^[A-Za-z0-9]{10}-[A-Za-z0-9]{22}$").unwrap().is_match(&alice_token), "only the token: {out:?}");
    let (ok, out) = cli(&db, &["templates", "list"]);
    assert_eq!((ok, out), (true, format!("{template}\tstarter\n")));

    // Alice's token works and she sees none of admin's workspaces; the JSON log has one
    // line per request with its id, method, path, status and latency.
    let port = free_port();
    let log = dir.path().join("server.log");
    let mut server = Server::start_with(&db, port, &["--log-format", "json"], Stdio::from(std::fs::File::create(&log).unwrap()));
    wait_ready(port);
    let (status, body) = http(port, "GET", "/api/v2/workspaces", &alice_token, None);
    assert_eq!((status, body.as_str()), (200, r#"{"count":0,"workspaces":[]}"#));
    let stopped = server.terminate();
    assert!(stopped.success(), "graceful stop exits 0 with a JSON log: {stopped:?}");
    let requests: Vec<serde_json::Value> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|l| l["fields"]["message"] == "request")
        .collect();
    assert_eq!(requests.len(), 1, "one line per request");
    let f = &requests[0]["fields"];
    assert_eq!((f["method"].as_str(), f["path"].as_str(), f["status"].as_u64()), (Some("GET"), Some("/api/v2/workspaces"), Some(200)));
    assert!(f["request_id"].as_str().is_some_and(|id| id.len() == 16) && f["latency_ms"].is_string(), "{f}");
}

/// Admin commands on PostgreSQL exit cleanly, every time. (They used to crash at exit in
/// about one run of three: a pool thread opening a connection, through libpq and OpenSSL,
/// raced OpenSSL's exit handlers.) Runs where `WORKSPACED_TEST_DATABASE_URL` names a
/// PostgreSQL server to make a database on, as in CI's PostgreSQL run.
#[test]
fn admin_commands_on_postgresql_exit_cleanly() {
    let Some(admin_url) = std::env::var("WORKSPACED_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) else {
        eprintln!("skipped: WORKSPACED_TEST_DATABASE_URL names no PostgreSQL server");
        return;
    };
    let name = format!("wsd_cli_{}", uuid::Uuid::new_v4().simple());
    let url = workspaced_store::Store::create_postgres_database(&admin_url, &name).expect("create a database");
    let run = |args: &[&str]| {
        Command::new(BIN).args(["--database-url", &url]).args(args).stdin(Stdio::null()).output().unwrap()
    };
    let created = run(&["users", "create", "--username", "alice", "--email", "alice@example.com"]);
    let mut failures = Vec::new();
    if !created.status.success() {
        failures.push(format!("users create: {}", created.status));
    }
    for i in 0..12 {
        let out = run(&["tokens", "create", "--user", "alice"]);
        if !out.status.success() {
            failures.push(format!("tokens create #{i}: {}", out.status));
        }
    }
    workspaced_store::Store::drop_postgres_database(&admin_url, &name).expect("drop the database");
    assert!(failures.is_empty(), "admin commands that did not exit cleanly: {failures:?}");
}

/// `groups create` and `groups add` make the groups workspaces are shared with.
#[test]
fn groups_are_created_and_filled_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("g.db").display());
    {
        // A first start's default organization, and a second one.
        let store = workspaced_store::Store::connect(&db).unwrap();
        store.create_organization("coder", "Coder", true).unwrap();
        store.create_organization("other", "Other", false).unwrap();
    }
    assert!(cli(&db, &["users", "create", "--username", "alice", "--email", "alice@example.com"]).0);
    let (ok, out) = cli(&db, &["groups", "create", "devs"]);
    assert!(ok && regex::Regex::new(r"^[0-9a-f-]{36}\tdevs\tcoder\n$").unwrap().is_match(&out), "{out:?}");
    let group_id = out.split('\t').next().unwrap().to_owned();
    assert_eq!(cli(&db, &["groups", "create", "DEVS"]), (false, String::new()), "names are unique in an organization, any case");
    assert!(cli(&db, &["groups", "create", "devs", "--org", "other"]).0, "but not across organizations");
    assert_eq!(cli(&db, &["groups", "create", "ops", "--org", "nowhere"]), (false, String::new()));
    assert_eq!(cli(&db, &["groups", "create", "bad name"]), (false, String::new()));

    assert_eq!(cli(&db, &["groups", "add", "devs", "alice"]), (true, "devs\talice\n".to_owned()));
    assert_eq!(cli(&db, &["groups", "add", &group_id, "alice"]), (false, String::new()), "already a member");
    assert_eq!(cli(&db, &["groups", "add", "other/devs", "alice"]), (false, String::new()), "alice is not in other");
    assert_eq!(cli(&db, &["groups", "add", "coder/ops", "alice"]), (false, String::new()), "no such group");
    assert_eq!(cli(&db, &["groups", "add", "devs", "nobody"]), (false, String::new()), "no such user");

    let store = workspaced_store::Store::connect(&db).unwrap();
    let org = store.default_organization().unwrap().unwrap();
    let devs = store.group_by_name(org.id, "devs").unwrap().unwrap();
    let members: Vec<String> = store.group_members(devs.id).unwrap().into_iter().map(|u| u.username).collect();
    assert_eq!(members, ["alice"]);
}

/// `templates set-max-port-share-level` caps port sharing and lowers the shares above the
/// new max (removes them all for `owner`), as a template update does in Coder.
#[test]
fn the_max_port_share_level_is_set_from_the_command_line() {
    use workspaced_store::models::WorkspacePortShare;
    use workspaced_store::types::{AutomaticUpdates, PortShareLevel as L, PortShareProtocol};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("p.db").display());
    let (template, workspace) = {
        let store = workspaced_store::Store::connect(&db).unwrap();
        let seeded = workspaced_api::bootstrap::first_start(&store).unwrap().unwrap();
        let t = seeded.template;
        let ws = store
            .create_workspace(&workspaced_store::NewWorkspace {
                organization_id: t.organization_id,
                owner_id: seeded.admin.id,
                template_id: t.id,
                template_version_id: t.active_version_id,
                name: "dev".into(),
                autostart_schedule: None,
                ttl_ms: None,
                automatic_updates: AutomaticUpdates::Never,
                next_start_at: None,
                initiator_id: seeded.admin.id,
                parameters: Vec::new(),
            })
            .unwrap();
        for (port, share_level) in [(80, L::Public), (81, L::Authenticated), (82, L::Organization)] {
            let share = WorkspacePortShare { workspace_id: ws, agent_name: "main".into(), port, share_level, protocol: PortShareProtocol::Http };
            store.upsert_workspace_port_share(t.id, &share).unwrap();
        }
        (t.id, ws)
    };
    let levels = || -> Vec<(i32, L)> {
        let store = workspaced_store::Store::connect(&db).unwrap();
        store.workspace_port_shares(workspace).unwrap().into_iter().map(|s| (s.port, s.share_level)).collect()
    };

    let (ok, out) = cli(&db, &["templates", "set-max-port-share-level", "starter", "authenticated"]);
    assert_eq!((ok, out), (true, format!("{template}\tstarter\tauthenticated\t1 shares lowered or removed\n")));
    assert_eq!(levels(), [(80, L::Authenticated), (81, L::Authenticated), (82, L::Organization)]);
    let (ok, out) = cli(&db, &["templates", "set-max-port-share-level", &template.to_string(), "organization"]);
    assert!(ok && out.ends_with("\t2 shares lowered or removed\n"), "{out}");
    assert_eq!(levels(), [(80, L::Organization), (81, L::Organization), (82, L::Organization)]);
    assert!(cli(&db, &["templates", "set-max-port-share-level", "starter", "public"]).0);
    assert_eq!(levels().len(), 3, "raising it changes no share");
    let (ok, out) = cli(&db, &["templates", "set-max-port-share-level", "STARTER", "owner"]);
    assert!(ok && out.ends_with("\t3 shares lowered or removed\n"), "{out}");
    assert!(levels().is_empty(), "owner: nothing may be shared");

    assert_eq!(cli(&db, &["templates", "set-max-port-share-level", "starter", "everyone"]), (false, String::new()));
    assert_eq!(cli(&db, &["templates", "set-max-port-share-level", "nope", "public"]), (false, String::new()));
    let store = workspaced_store::Store::connect(&db).unwrap();
    assert_eq!(store.template_by_id(template).unwrap().unwrap().max_port_share_level, L::Owner, "refusals change nothing");
}

/// `users rename` renames a user from another process while a server runs: the server's next
/// read of a workspace the user owns (kept from before) and its list show the new name at
/// once, and a watcher of the workspace hears of it. `groups set-display-name` sets what the
/// ACL shows.
#[test]
fn a_user_renamed_from_the_command_line_shows_at_once_in_a_running_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("r.db").display());
    let port = free_port();
    let mut server = Server::start(&db, port);
    let lines = server.read_until(|l| l.starts_with("template "));
    let token = lines.iter().find_map(|l| l.strip_prefix("admin token: ")).expect("admin token line").to_owned();
    let template = lines.iter().find_map(|l| l.strip_prefix("template starter (")).expect("template line")[..36].to_owned();
    wait_ready(port);
    let (status, body) = http(
        port,
        "POST",
        "/api/v2/users/me/workspaces",
        &token,
        Some(&format!(r#"{{"name":"dev","template_id":"{template}"}}"#)),
    );
    assert_eq!(status, 201, "{body}");
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v2/workspaces/{id}");
    let owner_name = |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap()["owner_name"].clone();
    // Built (so that its reads are kept), then read twice: the second read is served warm.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !http(port, "GET", &path, &token, None).1.contains(r#""status":"running""#) {
        assert!(Instant::now() < deadline, "the build did not finish");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(owner_name(&http(port, "GET", &path, &token, None).1), "admin");

    // A watcher of the workspace (SSE), past its first event.
    let mut watch = TcpStream::connect(("127.0.0.1", port)).unwrap();
    watch.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(watch, "GET {path}/watch HTTP/1.1\r\nHost: localhost\r\nCoder-Session-Token: {token}\r\n\r\n").unwrap();
    let mut seen = String::new();
    let read_until = |watch: &mut TcpStream, needle: &str, seen: &mut String| {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut buf = [0u8; 8192];
        while !seen.contains(needle) {
            assert!(Instant::now() < deadline, "the watcher did not see {needle:?}: {seen}");
            if let Ok(n) = watch.read(&mut buf) {
                seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    };
    read_until(&mut watch, r#""owner_name":"admin""#, &mut seen);

    let (ok, out) = cli(&db, &["users", "rename", "admin", "root"]);
    assert!(ok && out.ends_with("\troot\tadmin\n"), "{out:?}");
    assert_eq!(owner_name(&http(port, "GET", &path, &token, None).1), "root", "the kept read is not served");
    let (_, list) = http(port, "GET", "/api/v2/workspaces", &token, None);
    assert_eq!(owner_name(&serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&list).unwrap()["workspaces"][0]).unwrap()), "root");
    let (status, _) = http(port, "GET", "/api/v2/users/root/workspace/dev", &token, None);
    assert_eq!(status, 200, "the workspace is found by its owner's new name");
    read_until(&mut watch, r#""owner_name":"root""#, &mut seen);

    assert_eq!(cli(&db, &["users", "rename", "root", "bad name"]), (false, String::new()), "Coder's username rule");
    assert!(cli(&db, &["users", "create", "--username", "alice", "--email", "alice@example.com"]).0);
    assert_eq!(cli(&db, &["users", "rename", "root", "ALICE"]), (false, String::new()), "taken, in any case");
    assert_eq!(cli(&db, &["users", "rename", "nobody", "somebody"]), (false, String::new()), "no such user");

    // A group's display name, as the ACL shows it.
    let (ok, out) = cli(&db, &["groups", "create", "devs"]);
    assert!(ok, "{out}");
    let group = out.split('\t').next().unwrap().to_owned();
    let acl = format!("{path}/acl");
    let (status, body) = http(port, "PATCH", &acl, &token, Some(&format!(r#"{{"group_roles":{{"{group}":"use"}}}}"#)));
    assert_eq!(status, 204, "{body}");
    let (ok, out) = cli(&db, &["groups", "set-display-name", "devs", "Developers"]);
    assert_eq!((ok, out), (true, format!("{group}\tdevs\tDevelopers\n")));
    let (_, body) = http(port, "GET", &acl, &token, None);
    assert!(body.contains(r#""display_name":"Developers""#), "{body}");
    assert!(server.terminate().success());
}
