//! `GET /workspaces/{workspace}/watch` (SSE) and `/watch-ws` (WebSocket), with real
//! streaming clients over real HTTP: the app is served on a port of 127.0.0.1.

use std::time::Duration;

use actix_web::http::{Method, StatusCode};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use workspaced_api::AppState;

use super::check_unauthorized;
use crate::harness::{redact, repo_root, schema_errors, TestApp};

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";
/// Longest wait for an event that should come.
const PATIENCE: Duration = Duration::from_secs(10);

/// The app of `state` served on a free port of 127.0.0.1 until dropped.
pub struct LiveServer {
    pub base: String,
    handle: actix_web::dev::ServerHandle,
}

impl LiveServer {
    pub async fn start(state: &AppState) -> LiveServer {
        let state = state.clone();
        let server = actix_web::HttpServer::new(move || workspaced_api::build(Some(state.clone())).0)
            .workers(1)
            .disable_signals()
            .shutdown_timeout(1)
            .bind(("127.0.0.1", 0))
            .expect("bind a free port");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        LiveServer { base: format!("http://{addr}"), handle }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for LiveServer {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        actix_web::rt::spawn(async move { handle.stop(false).await });
    }
}

fn client() -> awc::Client {
    awc::Client::builder().timeout(PATIENCE).finish()
}

/// One parsed Server-Sent Event: its type and data (null when it carries none).
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: String,
    pub data: Value,
}

impl Event {
    /// As the WebSocket variant sends it: a `codersdk.ServerSentEvent`.
    fn as_server_sent_event(&self) -> Value {
        json!({ "type": self.kind, "data": self.data })
    }
}

/// A client reading an SSE stream.
pub struct SseClient {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    body: futures_util::stream::LocalBoxStream<'static, Result<actix_web::web::Bytes, awc::error::PayloadError>>,
    buffer: Vec<u8>,
}

impl SseClient {
    pub async fn connect(url: &str, token: &str) -> SseClient {
        let res = client().get(url).insert_header(("Coder-Session-Token", token)).send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        SseClient { status, headers, body: res.boxed_local(), buffer: Vec::new() }
    }

    /// The next event, or `None` when the stream ended or none came in time.
    pub async fn next(&mut self) -> Option<Event> {
        self.next_within(PATIENCE).await
    }

    pub async fn next_within(&mut self, patience: Duration) -> Option<Event> {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            if let Some(end) = self.buffer.windows(2).position(|w| w == b"\n\n") {
                let frame: Vec<u8> = self.buffer.drain(..end + 2).collect();
                return Some(parse_frame(&String::from_utf8(frame).expect("utf-8 frame")));
            }
            let chunk = tokio::time::timeout_at(deadline, self.body.next()).await.ok()??;
            self.buffer.extend_from_slice(&chunk.expect("stream chunk"));
        }
    }

    /// The next `data` event (pings skipped).
    pub async fn next_data(&mut self) -> Option<Value> {
        loop {
            let event = self.next().await?;
            match event.kind.as_str() {
                "ping" => continue,
                "data" => return Some(event.data),
                other => panic!("unexpected {other} event: {}", event.data),
            }
        }
    }
}

/// `event: <type>\n[data: <json>\n]\n` → the event, checking the framing byte by byte.
fn parse_frame(frame: &str) -> Event {
    let mut lines = frame.strip_suffix("\n\n").expect("a frame ends with a blank line").split('\n');
    let kind = lines.next().and_then(|l| l.strip_prefix("event: ")).expect("event line").to_owned();
    let data = match lines.next() {
        Some(l) => serde_json::from_str(l.strip_prefix("data: ").expect("data line")).expect("data is JSON"),
        None => Value::Null,
    };
    assert!(lines.next().is_none(), "one data line per event: {frame:?}");
    Event { kind, data }
}

/// A client of the WebSocket variant.
pub struct WsClient {
    framed: actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>,
}

impl WsClient {
    pub async fn connect(url: &str, token: &str) -> WsClient {
        let (res, framed) = client()
            .ws(url)
            .header("Coder-Session-Token", token)
            .connect()
            .await
            .unwrap_or_else(|e| panic!("WebSocket handshake with {url}: {e}"));
        assert_eq!(res.status(), StatusCode::SWITCHING_PROTOCOLS);
        WsClient { framed }
    }

    /// The next frame, within [`PATIENCE`].
    pub async fn frame(&mut self) -> Option<awc::ws::Frame> {
        tokio::time::timeout(PATIENCE, self.framed.next()).await.ok()?.map(|f| f.expect("frame"))
    }

    /// The next event (a text frame holding a `codersdk.ServerSentEvent`).
    pub async fn next(&mut self) -> Option<Value> {
        match self.frame().await? {
            awc::ws::Frame::Text(text) => Some(serde_json::from_slice(&text).expect("a JSON event")),
            other => panic!("expected a text frame, got {other:?}"),
        }
    }

    pub async fn next_data(&mut self) -> Option<Value> {
        loop {
            let event = self.next().await?;
            match event["type"].as_str() {
                Some("ping") => continue,
                Some("data") => return Some(event["data"].clone()),
                _ => panic!("unexpected event {event}"),
            }
        }
    }

    pub async fn send_text(&mut self, text: &str) {
        self.framed.send(awc::ws::Message::Text(text.into())).await.expect("send");
    }
}

/// Checks the events against the document and snapshots them as
/// `<operationId>__200__<case>` (the stream's answer).
fn snapshot_events(operation: &str, case: &str, events: &[Value]) {
    let event_schema = json!({ "$ref": "#/components/schemas/codersdk.ServerSentEvent" });
    let workspace_schema = json!({ "$ref": "#/components/schemas/codersdk.Workspace" });
    for event in events {
        let errors = schema_errors(&event_schema, event);
        assert!(errors.is_empty(), "{operation}: event does not match codersdk.ServerSentEvent: {errors:?}");
        if event["type"] == "data" {
            let errors = schema_errors(&workspace_schema, &event["data"]);
            assert!(errors.is_empty(), "{operation}: data is not a codersdk.Workspace: {errors:?}");
        }
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo_root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let value = json!({ "status": 200, "body": redact(&Value::Array(events.to_vec())) });
    settings.bind(|| insta::assert_json_snapshot!(format!("{operation}__200__{case}"), value));
}

fn watch_path(id: &str) -> String {
    format!("/api/v2/workspaces/{id}/watch")
}

fn watch_ws_path(id: &str) -> String {
    format!("/api/v2/workspaces/{id}/watch-ws")
}

#[actix_web::test]
async fn sse_sends_a_ping_the_workspace_and_every_change() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let id = app.running_workspace(&alice, "watched").await;
    let server = LiveServer::start(&app.state).await;

    let mut sse = SseClient::connect(&server.url(&watch_path(&id)), &alice.token).await;
    assert_eq!(sse.status, StatusCode::OK);
    assert_eq!(sse.headers.get("content-type").unwrap(), "text/event-stream");
    assert_eq!(sse.headers.get("cache-control").unwrap(), "no-cache");
    let ping = sse.next().await.expect("the first event");
    assert_eq!((ping.kind.as_str(), &ping.data), ("ping", &Value::Null));
    let first = sse.next().await.expect("the workspace");
    assert_eq!(first.kind, "data");
    assert_eq!(first.data["id"], id.as_str());
    assert_eq!(first.data["latest_build"]["status"], "running");
    snapshot_events(
        "watch-workspace-by-id",
        "ping-then-workspace",
        &[ping.as_server_sent_event(), first.as_server_sent_event()],
    );

    // A change through the API reaches the subscriber.
    let res = app.patch(&format!("/api/v2/workspaces/{id}")).token(&alice.token).json(json!({ "name": "renamed" })).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let renamed = sse.next_data().await.expect("the rename");
    assert_eq!(renamed["name"], "renamed");

    // So do builds and their jobs, as the provisioner moves them on.
    let res = app.post(&format!("/api/v2/workspaces/{id}/builds")).token(&alice.token).json(json!({ "transition": "stop" })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let queued = sse.next_data().await.expect("the queued stop");
    assert_eq!((queued["latest_build"]["transition"].as_str(), queued["latest_build"]["status"].as_str()), (Some("stop"), Some("pending")));
    app.provision().await;
    let mut last = queued;
    while last["latest_build"]["status"] != "stopped" {
        last = sse.next_data().await.expect("the stop's progress");
    }
    // Nothing changed since: no further data event (a ping at most, in 15 s).
    assert!(sse.next_within(Duration::from_millis(300)).await.is_none());
}

#[actix_web::test]
async fn websocket_sends_the_same_events_and_closes_on_a_client_message() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let id = app.running_workspace(&alice, "watched").await;
    let server = LiveServer::start(&app.state).await;
    let url = server.url(&watch_ws_path(&id)).replacen("http", "ws", 1);

    let mut ws = WsClient::connect(&url, &alice.token).await;
    let ping = ws.next().await.expect("the first event");
    assert_eq!(ping, json!({ "type": "ping", "data": null }));
    let first = ws.next().await.expect("the workspace");
    assert_eq!((first["type"].as_str(), first["data"]["id"].as_str()), (Some("data"), Some(id.as_str())));
    snapshot_events("watch-workspace-by-id-via-websockets", "ping-then-workspace", &[ping, first]);

    let res = app.put(&format!("/api/v2/workspaces/{id}/favorite")).token(&alice.token).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(ws.next_data().await.expect("the change")["favorite"], true);

    // One-way: a message from the client closes the socket with 1002.
    ws.send_text("hello").await;
    match ws.frame().await {
        Some(awc::ws::Frame::Close(Some(reason))) => {
            assert_eq!(u16::from(reason.code), 1002);
            assert_eq!(reason.description.as_deref(), Some("Clients cannot send messages for one-way WebSockets"));
        }
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[actix_web::test]
async fn watching_needs_a_session_and_a_visible_workspace() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let ws = app.workspace(&alice, "private").await;
    let id = ws["id"].as_str().unwrap();
    for path in [watch_path(id), watch_ws_path(id)] {
        check_unauthorized(&app, Method::GET, &path).await;
        let res = app.get(&path.replace(id, "not-a-uuid")).token(&alice.token).send().await;
        res.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
        // Another member's workspace is as missing as a missing one.
        let hidden = app.get(&path).token(&bob.token).send().await;
        hidden.snapshot(StatusCode::NOT_FOUND, "not-visible");
        let missing = app.get(&path.replace(id, MISSING)).token(&alice.token).send().await;
        assert_eq!((missing.status, missing.body.clone()), (hidden.status, hidden.body.clone()));
    }
    // watch-ws is a WebSocket: a plain GET is refused as Coder's library does.
    let res = app.get(&watch_ws_path(id)).token(&alice.token).send().await;
    res.snapshot(StatusCode::UPGRADE_REQUIRED, "not-a-handshake");
    assert_eq!(res.message(), "WebSocket protocol violation: Connection header \"\" does not contain Upgrade");
}

#[actix_web::test]
async fn a_revoked_share_ends_the_stream() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let id = app.running_workspace(&alice, "shared").await;
    let acl = format!("/api/v2/workspaces/{id}/acl");
    let grant = json!({ "user_roles": { bob.user.id.to_string(): "use" } });
    assert_eq!(app.patch(&acl).token(&alice.token).json(grant).send().await.status, StatusCode::NO_CONTENT);
    let server = LiveServer::start(&app.state).await;

    let mut sse = SseClient::connect(&server.url(&watch_path(&id)), &bob.token).await;
    assert_eq!(sse.next_data().await.expect("bob sees it")["id"], id.as_str());
    let revoke = json!({ "user_roles": { bob.user.id.to_string(): "" } });
    assert_eq!(app.patch(&acl).token(&alice.token).json(revoke).send().await.status, StatusCode::NO_CONTENT);
    let error = sse.next().await.expect("an error event");
    assert_eq!(error.kind, "error");
    assert_eq!(error.data["message"], "Resource not found or you do not have access to this resource");
    assert!(sse.next().await.is_none(), "the stream ends");
}

/// A client that never reads holds up neither the bus nor the other subscribers; when it
/// reads again it gets the current state.
#[actix_web::test]
async fn a_slow_client_stalls_nobody() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let id = app.running_workspace(&alice, "busy").await;
    let server = LiveServer::start(&app.state).await;
    let addr: std::net::SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();

    // The slow one: a tiny receive buffer, and it does not read.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(2048).unwrap();
    let mut slow = socket.connect(addr).await.unwrap();
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {addr}\r\nCoder-Session-Token: {}\r\n\r\n",
        watch_path(&id),
        alice.token
    );
    slow.write_all(request.as_bytes()).await.unwrap();

    let mut fast = SseClient::connect(&server.url(&watch_path(&id)), &alice.token).await;
    assert!(fast.next_data().await.is_some());
    let path = format!("/api/v2/workspaces/{id}");
    for n in 0..40 {
        let res = app.patch(&path).token(&alice.token).json(json!({ "name": format!("busy-{n}") })).send().await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
        // The fast subscriber is never behind by more than the change just made.
        let started = std::time::Instant::now();
        let mut seen = fast.next_data().await.expect("a change");
        while seen["name"] != format!("busy-{n}") {
            seen = fast.next_data().await.expect("a change");
        }
        assert!(started.elapsed() < Duration::from_secs(2), "change {n} took {:?}", started.elapsed());
    }

    // The slow one catches up with the current state, whatever it missed.
    let mut received = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !String::from_utf8_lossy(&received).contains("\"name\":\"busy-39\"") {
        let n = tokio::time::timeout_at(deadline, slow.read(&mut buf)).await.expect("the slow client catches up").unwrap();
        assert!(n > 0, "the stream ended");
        received.extend_from_slice(&buf[..n]);
    }
}

/// A change made through a second server process on the same PostgreSQL database reaches
/// a subscriber of the first (LISTEN/NOTIFY); when the listener's connection is cut, it
/// reconnects and re-reads, so a change made meanwhile still arrives.
#[actix_web::test]
async fn changes_from_another_server_process_arrive() {
    let app = TestApp::new().await;
    if app.store().backend() != workspaced_store::Backend::Postgres {
        return; // SQLite: one process serves a database file; the bus is in-process.
    }
    let alice = app.user("alice", false).await;
    let id = app.running_workspace(&alice, "replicated").await;
    let listener = app.state.events.listen(app.store()).expect("a PostgreSQL listener");
    let first = LiveServer::start(&app.state).await;
    let url = app.url.clone();
    let other_store = tokio::task::spawn_blocking(move || workspaced_store::Store::connect(&url)).await.unwrap().unwrap();
    let other = AppState::new(other_store);
    let second = LiveServer::start(&other).await;

    let mut sse = SseClient::connect(&first.url(&watch_path(&id)), &alice.token).await;
    assert!(sse.next_data().await.is_some());
    wait_until(|| listener.is_connected()).await;
    let rename = |name: &str| {
        client()
            .patch(second.url(&format!("/api/v2/workspaces/{id}")))
            .insert_header(("Coder-Session-Token", alice.token.as_str()))
            .send_json(&json!({ "name": name }))
    };
    let res = rename("via-the-second").await.expect("PATCH on the second server");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(sse.next_data().await.expect("the change from the other process")["name"], "via-the-second");

    // Cut every connection to the database (the listener's too), change, and the change
    // still arrives once the listener is back.
    let (admin, name) = test_database(&app.url);
    tokio::task::spawn_blocking(move || workspaced_store::Store::terminate_postgres_connections(&admin, &name).unwrap())
        .await
        .unwrap();
    let mut res = rename("after-the-cut").await.expect("PATCH after the cut");
    if res.status() != StatusCode::NO_CONTENT {
        // The pool may meet a dead connection once; it is checked again from then on.
        res = rename("after-the-cut").await.expect("PATCH after the cut");
    }
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let mut seen = sse.next_data().await.expect("a change after the reconnect");
    while seen["name"] != "after-the-cut" {
        seen = sse.next_data().await.expect("the change made while the listener was away");
    }
    wait_until(|| listener.is_connected()).await;
}

/// The admin URL and the name of a test database's URL.
fn test_database(url: &str) -> (String, String) {
    let admin = std::env::var(crate::harness::PG_ENV).expect("a PostgreSQL test run");
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap().to_owned();
    (admin, name)
}

async fn wait_until(mut condition: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !condition() {
        assert!(tokio::time::Instant::now() < deadline, "condition not met in time");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[actix_web::test]
async fn a_broken_database_is_a_500_before_the_stream_starts() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.execute_admin_sql("ALTER TABLE workspaces RENAME TO workspaces_gone").unwrap())
        .await
        .unwrap();
    for path in [watch_path(&id), watch_ws_path(&id)] {
        app.get(&path).token(&app.owner.token).send().await.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "database-broken");
    }
}
