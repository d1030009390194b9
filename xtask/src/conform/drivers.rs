//! The hand-written drivers: one per operation, making its requests (success and documented
//! errors) on the shared fixtures.

use anyhow::{Context, Result};
use serde_json::{json, Value};

use super::client::{short, Conform, Req, SESSION_HEADER};

/// A driver: the requests of one operation (success and documented errors).
pub type Driver = fn(&mut Conform) -> Result<()>;

/// The hand-written drivers, in the order they run (the first ones make the fixtures; the
/// last ones delete what the run made). Only operations the document cannot drive alone have
/// one: those that make the fixtures or read them back, streams, several successes, bodies
/// that must name what the run made (a template, an agent, another workspace's name), and
/// cases of several steps. An operation whose path the fixtures fill, with no body or a JSON
/// body whose example succeeds, and one JSON or empty success (setting the autostart
/// schedule, say) needs none: its driver is derived from the document
/// ([`super::generic::derived_success`]) and runs after these.
pub fn drivers() -> Vec<(&'static str, Driver)> {
    vec![
        ("build-info", build_info),
        ("get-user-by-name", get_user),
        ("get-all-templates", templates),
        ("create-user-workspace", create),
        ("create-user-workspace-by-organization", create_in_org),
        ("get-users-available-for-workspace-creation", available_users),
        ("list-workspaces", list),
        ("get-workspace-metadata-by-id", get),
        ("get-workspace-metadata-by-user-and-workspace-name", get_by_name),
        ("update-workspace-metadata-by-id", rename),
        ("extend-workspace-deadline-by-id", extend),
        ("update-workspace-acl", acl_update),
        ("favorite-workspace-by-id", favorite),
        ("post-workspace-usage-by-id", usage),
        ("upsert-workspace-agent-port-share", port_share_upsert),
        ("get-workspace-agent-port-shares", port_shares),
        ("get-workspace-agent-port-shares-older-path", port_shares_older),
        ("delete-workspace-agent-port-share", port_share_delete),
        ("get-workspace-builds-by-workspace-id", builds),
        ("update-workspace-dormancy-status-by-id", dormancy),
        ("create-workspace-build", create_build),
        ("watch-workspace-by-id", watch),
        ("watch-workspace-by-id-via-websockets", watch_ws),
    ]
}

/// `GET /watch`: a ping first, then the workspace as a `data` event (the stream does not
/// end by itself; the runner reads two events and hangs up).
pub fn watch(c: &mut Conform) -> Result<()> {
    let id = "watch-workspace-by-id";
    let ws = c.fx.workspace_id.clone();
    let (status, content_type, events) = c.read_sse(&format!("/api/v2/workspaces/{ws}/watch"), 2)?;
    let mut problems = Vec::new();
    if status != 200 {
        problems.push(format!("expected 200, got {status}"));
    }
    if !content_type.starts_with("text/event-stream") {
        problems.push(format!("Content-Type {content_type:?}, not text/event-stream"));
    }
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap_or_default()).collect();
    if kinds != ["ping", "data"] {
        problems.push(format!("first events {kinds:?}, expected [\"ping\", \"data\"]"));
    } else if events[1]["data"]["id"] != ws.as_str() {
        problems.push("the data event is not the watched workspace".into());
    }
    c.record_stream(id, "the workspace's first events", status, &events, problems);
    Ok(())
}

/// `GET /watch-ws`: the same events as text frames; a message from the client closes the
/// socket with 1002.
pub fn watch_ws(c: &mut Conform) -> Result<()> {
    use tungstenite::{client::IntoClientRequest, Message};
    let id = "watch-workspace-by-id-via-websockets";
    let ws = c.fx.workspace_id.clone();
    let url = format!("{}/api/v2/workspaces/{ws}/watch-ws", c.base.replacen("http", "ws", 1));
    let mut request = url.as_str().into_client_request()?;
    request.headers_mut().insert(SESSION_HEADER, c.token.parse()?);
    c.requests += 1;
    let (mut socket, response) = match tungstenite::connect(request) {
        Ok(pair) => pair,
        Err(e) => {
            c.problem(id, format!("the handshake failed: {e}"));
            return Ok(());
        }
    };
    let mut events = Vec::new();
    let mut problems = Vec::new();
    while events.len() < 2 {
        match socket.read()? {
            Message::Text(text) => events.push(serde_json::from_str::<Value>(text.as_str()).unwrap_or(Value::String(text.to_string()))),
            Message::Close(frame) => {
                problems.push(format!("closed early: {frame:?}"));
                break;
            }
            _ => {}
        }
    }
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap_or_default()).collect();
    if kinds != ["ping", "data"] {
        problems.push(format!("first frames {kinds:?}, expected [\"ping\", \"data\"]"));
    }
    // One-way: a message from the client ends it with 1002 (protocol error).
    socket.send(Message::Text("hello".into()))?;
    let mut closed_with = None;
    for _ in 0..10 {
        match socket.read() {
            Ok(Message::Close(frame)) => {
                closed_with = frame.map(|f| u16::from(f.code));
                break;
            }
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    if closed_with != Some(1002) {
        problems.push(format!("a client message closed the socket with {closed_with:?}, expected 1002"));
    }
    // The handshake's own status is 101; the document describes the frames as its 200.
    let status = if response.status().as_u16() == 101 { 200 } else { response.status().as_u16() };
    c.record_stream(id, "the first frames, then a client message", status, &events, problems);
    c.check(id, "a plain GET, not a handshake", Req::new().p("workspace", &ws), 426);
    Ok(())
}

pub fn build_info(c: &mut Conform) -> Result<()> {
    c.check("build-info", "anonymous", Req::new().anonymous(), 200);
    c.check("build-info", "with a session", Req::new(), 200);
    Ok(())
}

pub fn get_user(c: &mut Conform) -> Result<()> {
    let me = c.check("get-user-by-name", "me", Req::new().p("user", "me"), 200);
    c.fx.me = me.body["username"].as_str().context("GET /users/me has no username")?.to_owned();
    c.fx.me_id = me.body["id"].as_str().unwrap_or_default().to_owned();
    let by_name = c.fx.me.clone();
    c.check("get-user-by-name", "by username", Req::new().p("user", by_name), 200);
    let id = c.fx.me_id.clone();
    c.check("get-user-by-name", "by id", Req::new().p("user", id), 200);
    c.check("get-user-by-name", "unknown user", Req::new().p("user", format!("nobody-{}", c.fx.run)), 400);
    Ok(())
}

pub fn templates(c: &mut Conform) -> Result<()> {
    let all = c.check("get-all-templates", "all", Req::new(), 200);
    let list = all.body.as_array().context("templates: not a list")?;
    let t = list
        .iter()
        .find(|t| t["name"] == "starter")
        .or_else(|| list.first())
        .context("the server has no template to build workspaces from")?;
    c.fx.template_id = t["id"].as_str().unwrap_or_default().to_owned();
    c.fx.org_id = t["organization_id"].as_str().unwrap_or_default().to_owned();
    Ok(())
}

pub fn create(c: &mut Conform) -> Result<()> {
    let name = format!("conform-{}", c.fx.run);
    let body = json!({ "name": name, "template_id": c.fx.template_id, "ttl_ms": 3_600_000 });
    let ws = c.check("create-user-workspace", "create", Req::new().p("user", "me").json(body.clone()), 201);
    c.fx.workspace_id = ws.body["id"].as_str().context("the created workspace has no id")?.to_owned();
    c.fx.workspace_name = name;
    c.check("create-user-workspace", "the same name again", Req::new().p("user", "me").json(body), 409);
    let bad = json!({ "name": "-not a name-", "template_id": c.fx.template_id });
    c.check("create-user-workspace", "invalid name", Req::new().p("user", "me").json(bad), 400);
    c.check("create-user-workspace", "body is a JSON array", Req::new().p("user", "me").json(json!([])), 400);
    c.check("create-user-workspace", "body is not JSON", Req::new().p("user", "me").raw("{"), 400);
    let no_template = json!({ "name": format!("conform-x-{}", c.fx.run), "template_id": "7b8e6d1c-0c55-4a27-9f3e-2d9d1f0c4b6a" });
    c.check("create-user-workspace", "unknown template", Req::new().p("user", "me").json(no_template), 400);
    let id = c.fx.workspace_id.clone();
    let ws = c.wait_for(&id, "running")?;
    c.fx.agent_name = ws["latest_build"]["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["agents"].as_array().cloned().unwrap_or_default())
        .find_map(|a| a["name"].as_str().map(str::to_owned))
        .unwrap_or_default();
    Ok(())
}

pub fn create_in_org(c: &mut Conform) -> Result<()> {
    let id = "create-user-workspace-by-organization";
    let name = format!("conform-org-{}", c.fx.run);
    let body = json!({ "name": name, "template_id": c.fx.template_id });
    let org = c.fx.org_id.clone();
    let ws = c.check(id, "create", Req::new().p("organization", &org).p("user", "me").json(body.clone()), 201);
    c.fx.other_id = ws.body["id"].as_str().context("the created workspace has no id")?.to_owned();
    c.fx.other_name = name;
    c.check(id, "the same name again", Req::new().p("organization", &org).p("user", "me").json(body), 409);
    let bad = json!({ "name": "", "template_id": c.fx.template_id });
    c.check(id, "empty name", Req::new().p("organization", &org).p("user", "me").json(bad), 400);
    let body = json!({ "name": "conform-nobody", "template_id": c.fx.template_id });
    c.check(id, "unknown user", Req::new().p("organization", &org).p("user", format!("nobody-{}", c.fx.run)).json(body), 400);
    Ok(())
}

pub fn available_users(c: &mut Conform) -> Result<()> {
    let id = "get-users-available-for-workspace-creation";
    let org = c.fx.org_id.clone();
    let all = c.check(id, "all", Req::new().p("organization", &org).p("user", "me"), 200);
    let me = c.fx.me.clone();
    if !all.body.as_array().into_iter().flatten().any(|u| u["username"] == me.as_str()) {
        c.problem(id, format!("the caller {me} is not among the available users"));
    }
    c.check(id, "limit", Req::new().p("organization", &org).p("user", "me").q("limit=1"), 200);
    c.check(id, "bad limit", Req::new().p("organization", &org).p("user", "me").q("limit=x"), 400);
    Ok(())
}

pub fn list(c: &mut Conform) -> Result<()> {
    let id = "list-workspaces";
    let page = c.check(id, "owner:me", Req::new().q("q=owner:me"), 200);
    conditional(c, id, || Req::new().q("q=owner:me"));
    let wanted = c.fx.workspace_id.clone();
    if !page.body["workspaces"].as_array().into_iter().flatten().any(|w| w["id"] == wanted.as_str()) {
        c.problem(id, "the created workspace is not in the list of owner:me".to_owned());
    }
    let name = c.fx.workspace_name.clone();
    let one = c.check(id, "by name, limit 1", Req::new().q(&format!("q=name:{name}&limit=1")), 200);
    if one.body["workspaces"][0]["name"] != name.as_str() {
        c.problem(id, format!("q=name:{name} did not find the workspace"));
    }
    c.check(id, "offset", Req::new().q("limit=2&offset=1"), 200);
    c.check(id, "bad limit", Req::new().q("limit=-1"), 400);
    c.check(id, "repeated garbage limit", Req::new().q("limit=%23&limit=5"), 400);
    c.check(id, "unknown filter", Req::new().q("q=nonsense:1"), 400);
    Ok(())
}

/// Where the document declares a 304: the read again, for its `ETag`, then once more with
/// `If-None-Match` set to that tag, which must answer 304 with no body. (Not across a whole
/// minute: the provisioners' heartbeat moves every workspace's representation then.) A
/// server that sends no tag is not held to it: the 304 is then counted as not reached.
fn conditional(c: &mut Conform, id: &str, again: impl Fn() -> Req) {
    if !c.op(id).is_ok_and(|op| op.declares(304)) {
        return;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let into_minute = now.as_millis() % 60_000;
    if into_minute > 58_000 {
        std::thread::sleep(std::time::Duration::from_millis((60_000 - into_minute + 100) as u64));
    }
    let first = c.check(id, "again, for its ETag", again(), 200);
    if let Some(tag) = first.etag {
        c.check(id, "If-None-Match: the current ETag", again().header("If-None-Match", &tag), 304);
    }
}

pub fn get(c: &mut Conform) -> Result<()> {
    let id = "get-workspace-metadata-by-id";
    let ws = c.fx.workspace_id.clone();
    c.check(id, "the workspace", Req::new().p("workspace", &ws), 200);
    conditional(c, id, || Req::new().p("workspace", &ws));
    c.check(id, "include_deleted", Req::new().p("workspace", &ws).q("include_deleted=true"), 200);
    c.check(id, "bad include_deleted", Req::new().p("workspace", &ws).q("include_deleted=maybe"), 400);
    Ok(())
}

pub fn get_by_name(c: &mut Conform) -> Result<()> {
    let id = "get-workspace-metadata-by-user-and-workspace-name";
    let name = c.fx.workspace_name.clone();
    c.check(id, "me", Req::new().p("user", "me").p("workspacename", &name), 200);
    conditional(c, id, || Req::new().p("user", "me").p("workspacename", &name));
    let me = c.fx.me.clone();
    c.check(id, "by username", Req::new().p("user", me).p("workspacename", &name), 200);
    c.check(id, "unknown workspace", Req::new().p("user", "me").p("workspacename", "no-such-workspace"), 404);
    c.check(id, "unknown user", Req::new().p("user", format!("nobody-{}", c.fx.run)).p("workspacename", &name), 400);
    Ok(())
}

pub fn rename(c: &mut Conform) -> Result<()> {
    let id = "update-workspace-metadata-by-id";
    let ws = c.fx.workspace_id.clone();
    let new = format!("conform-r-{}", c.fx.run);
    c.check(id, "rename", Req::new().p("workspace", &ws).json(json!({ "name": new })), 204);
    c.fx.workspace_name = new;
    c.check(id, "empty body changes nothing", Req::new().p("workspace", &ws).json(json!({})), 204);
    let taken = c.fx.other_name.clone();
    c.check(id, "a name the owner already has", Req::new().p("workspace", &ws).json(json!({ "name": taken })), 409);
    c.check(id, "invalid name", Req::new().p("workspace", &ws).json(json!({ "name": "a b" })), 400);
    c.check(id, "body is a JSON array", Req::new().p("workspace", &ws).json(json!([])), 400);
    c.check(id, "name is not a string", Req::new().p("workspace", &ws).json(json!({ "name": 7 })), 400);
    Ok(())
}

pub fn extend(c: &mut Conform) -> Result<()> {
    let id = "extend-workspace-deadline-by-id";
    let ws = c.fx.workspace_id.clone();
    let deadline = rfc3339(chrono_now() + 3 * 3600);
    c.check(id, "three hours from now", Req::new().p("workspace", &ws).json(json!({ "deadline": deadline })), 200);
    let soon = rfc3339(chrono_now() + 60);
    c.check(id, "a deadline too soon", Req::new().p("workspace", &ws).json(json!({ "deadline": soon })), 400);
    Ok(())
}

pub fn acl_update(c: &mut Conform) -> Result<()> {
    let id = "update-workspace-acl";
    let ws = c.fx.workspace_id.clone();
    c.check(id, "no changes", Req::new().p("workspace", &ws).json(json!({ "user_roles": {}, "group_roles": {} })), 204);
    let unknown = json!({ "user_roles": { "7b8e6d1c-0c55-4a27-9f3e-2d9d1f0c4b6a": "use" } });
    c.check(id, "unknown user", Req::new().p("workspace", &ws).json(unknown), 400);
    let bad_role = json!({ "user_roles": { "7b8e6d1c-0c55-4a27-9f3e-2d9d1f0c4b6a": "owner" } });
    c.check(id, "invalid role", Req::new().p("workspace", &ws).json(bad_role), 400);
    Ok(())
}

pub fn favorite(c: &mut Conform) -> Result<()> {
    let ws = c.fx.workspace_id.clone();
    c.check("favorite-workspace-by-id", "favorite", Req::new().p("workspace", &ws), 204);
    let page = c.check("list-workspaces", "favorites first", Req::new().q("q=owner:me"), 200);
    if page.body["workspaces"][0]["id"] != ws.as_str() || page.body["workspaces"][0]["favorite"] != true {
        c.problem("favorite-workspace-by-id", "the favorite workspace is not listed first with favorite: true".to_owned());
    }
    Ok(())
}

pub fn usage(c: &mut Conform) -> Result<()> {
    let id = "post-workspace-usage-by-id";
    let ws = c.fx.workspace_id.clone();
    c.check(id, "no body", Req::new().p("workspace", &ws), 204);
    c.check(id, "empty object", Req::new().p("workspace", &ws).json(json!({})), 204);
    c.check(id, "app without agent", Req::new().p("workspace", &ws).json(json!({ "app_name": "vscode" })), 400);
    let unknown_agent = json!({ "agent_id": "7b8e6d1c-0c55-4a27-9f3e-2d9d1f0c4b6a", "app_name": "vscode" });
    c.check(id, "unknown agent", Req::new().p("workspace", &ws).json(unknown_agent), 404);
    Ok(())
}

pub fn port_share_upsert(c: &mut Conform) -> Result<()> {
    let id = "upsert-workspace-agent-port-share";
    let ws = c.fx.workspace_id.clone();
    let agent = c.fx.agent_name.clone();
    let body = json!({ "agent_name": agent, "port": 8080, "share_level": "authenticated", "protocol": "http" });
    let share = c.check(id, "share 8080", Req::new().p("workspace", &ws).json(body), 200);
    if share.body["port"] != 8080 {
        c.problem(id, format!("the share answered is not port 8080: {}", short(&share.body)));
    }
    let body = json!({ "agent_name": agent, "port": 8080, "share_level": "public", "protocol": "https" });
    c.check(id, "change it", Req::new().p("workspace", &ws).json(body), 200);
    let body = json!({ "agent_name": agent, "port": 1, "share_level": "authenticated" });
    c.check(id, "port below 9", Req::new().p("workspace", &ws).json(body), 400);
    let body = json!({ "agent_name": agent, "port": 8081, "share_level": "everyone" });
    c.check(id, "unknown share level", Req::new().p("workspace", &ws).json(body), 400);
    Ok(())
}

fn shares_hold_8080(c: &mut Conform, id: &str) -> Result<()> {
    let ws = c.fx.workspace_id.clone();
    let list = c.check(id, "the workspace", Req::new().p("workspace", ws), 200);
    if !list.body["shares"].as_array().into_iter().flatten().any(|s| s["port"] == 8080) {
        c.problem(id, format!("port 8080 is not among the shares: {}", short(&list.body)));
    }
    Ok(())
}

pub fn port_shares(c: &mut Conform) -> Result<()> {
    shares_hold_8080(c, "get-workspace-agent-port-shares")
}

pub fn port_shares_older(c: &mut Conform) -> Result<()> {
    shares_hold_8080(c, "get-workspace-agent-port-shares-older-path")
}

pub fn port_share_delete(c: &mut Conform) -> Result<()> {
    let id = "delete-workspace-agent-port-share";
    let ws = c.fx.workspace_id.clone();
    let body = json!({ "agent_name": c.fx.agent_name, "port": 8080 });
    c.check(id, "unshare 8080", Req::new().p("workspace", &ws).json(body.clone()), 200);
    c.check(id, "again: no such share", Req::new().p("workspace", &ws).json(body), 404);
    Ok(())
}

pub fn builds(c: &mut Conform) -> Result<()> {
    let id = "get-workspace-builds-by-workspace-id";
    let ws = c.fx.workspace_id.clone();
    let all = c.check(id, "history", Req::new().p("workspace", &ws), 200);
    let first = all.body[0]["id"].as_str().unwrap_or_default().to_owned();
    c.check(id, "limit and offset", Req::new().p("workspace", &ws).q("limit=1&offset=0"), 200);
    c.check(id, "after_id", Req::new().p("workspace", &ws).q(&format!("after_id={first}")), 200);
    c.check(id, "since", Req::new().p("workspace", &ws).q("since=2020-01-01T00:00:00Z"), 200);
    c.check(id, "unknown after_id", Req::new().p("workspace", &ws).q("after_id=7b8e6d1c-0c55-4a27-9f3e-2d9d1f0c4b6a"), 400);
    c.check(id, "bad limit", Req::new().p("workspace", &ws).q("limit=x"), 400);
    Ok(())
}

pub fn dormancy(c: &mut Conform) -> Result<()> {
    let id = "update-workspace-dormancy-status-by-id";
    let ws = c.fx.other_id.clone();
    c.wait_for(&ws, "running")?;
    c.check(id, "make dormant", Req::new().p("workspace", &ws).json(json!({ "dormant": true })), 200);
    c.check(id, "already dormant", Req::new().p("workspace", &ws).json(json!({ "dormant": true })), 304);
    c.check(id, "wake up", Req::new().p("workspace", &ws).json(json!({ "dormant": false })), 200);
    c.check(id, "dormant is not a boolean", Req::new().p("workspace", &ws).json(json!({ "dormant": "yes" })), 400);
    Ok(())
}

pub fn create_build(c: &mut Conform) -> Result<()> {
    let id = "create-workspace-build";
    let ws = c.fx.workspace_id.clone();
    c.check(id, "stop", Req::new().p("workspace", &ws).json(json!({ "transition": "stop" })), 201);
    c.check(id, "while a build is active", Req::new().p("workspace", &ws).json(json!({ "transition": "start" })), 409);
    c.wait_for(&ws, "stopped")?;
    c.check(id, "start", Req::new().p("workspace", &ws).json(json!({ "transition": "start", "reason": "cli" })), 201);
    c.wait_for(&ws, "running")?;
    c.check(id, "unknown transition", Req::new().p("workspace", &ws).json(json!({ "transition": "pause" })), 400);
    Ok(())
}

/// Deletes the run's workspaces (after the generic cases), checking what a deleted
/// workspace answers on the way.
pub fn teardown(c: &mut Conform) -> Result<()> {
    let id = "create-workspace-build";
    let ws = c.fx.workspace_id.clone();
    let other = c.fx.other_id.clone();
    c.check(id, "delete", Req::new().p("workspace", &other).json(json!({ "transition": "delete" })), 201);
    c.wait_for(&other, "deleted")?;
    // What a deleted workspace answers.
    c.check("get-workspace-metadata-by-id", "deleted", Req::new().p("workspace", &other), 410);
    c.check("get-workspace-metadata-by-id", "deleted, include_deleted", Req::new().p("workspace", &other).q("include_deleted=true"), 200);
    c.check("update-workspace-metadata-by-id", "deleted", Req::new().p("workspace", &other).json(json!({ "name": "conform-gone" })), 410);
    c.check(id, "a deleted workspace", Req::new().p("workspace", &other).json(json!({ "transition": "start" })), 409);
    c.check("extend-workspace-deadline-by-id", "a deleted workspace", Req::new().p("workspace", &other).json(json!({ "deadline": rfc3339(chrono_now() + 3 * 3600) })), 409);
    // Clean up: the run leaves no running workspace behind.
    c.check(id, "delete the first", Req::new().p("workspace", &ws).json(json!({ "transition": "delete" })), 201);
    c.wait_for(&ws, "deleted")?;
    Ok(())
}

/// Seconds since the epoch.
pub fn chrono_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}

/// An RFC 3339 UTC time for seconds since the epoch.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Howard Hinnant's days-to-civil.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}
