//! `cargo xtask conform`: a black-box conformance runner. It drives every operation of the
//! committed OpenAPI document over real HTTP — the success case and the documented error
//! cases it can reach with one token — and checks each answer against the document: the
//! status must be declared for the operation (and be the one the case expects) and the body
//! must validate against the declared schema (strictly: no undeclared keys).
//!
//! It knows the server only through the API and the token: the data it works on (two
//! workspaces, a port share, builds, ...) is made through the API, so it runs against any
//! server that claims the contract. Without `--base-url` it builds the `workspaced` binary
//! (debug), starts it on a temporary SQLite database and makes a token with
//! `workspaced tokens create --user admin`.
//!
//! Each operation has a driver (the [`drivers`] table): a function making that operation's
//! requests. Generic cases derived from the document are added for every operation (401
//! without a token, 400 for a path id that is not a UUID, 404 for an unknown one, 413 for a
//! body over 1 MiB). An operation of the document without a driver fails the run, so a new
//! endpoint (a streaming one, say) comes with its own driver.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use serde_json::{json, Value};

use crate::bench::proc::{free_port, output_within, Background};

/// The session header Coder's API authenticates with.
const SESSION_HEADER: &str = "Coder-Session-Token";

#[derive(Args)]
pub struct ConformArgs {
    /// The server to check, e.g. http://127.0.0.1:3000 (default: start the embedded one on a
    /// temporary SQLite database).
    #[arg(long)]
    base_url: Option<String>,
    /// A session token of a site owner (required with --base-url).
    #[arg(long, env = "WORKSPACED_TOKEN")]
    token: Option<String>,
    /// Also write the results as a JUnit XML report.
    #[arg(long)]
    junit: Option<PathBuf>,
    /// The OpenAPI document to hold the server to (default: the committed openapi/openapi.json).
    #[arg(long)]
    document: Option<PathBuf>,
}

/// One documented operation.
#[derive(Clone)]
pub struct Op {
    pub id: String,
    pub method: String,
    pub path: String,
    pub tag: String,
    pub responses: Value,
    pub public: bool,
    pub body_schema: Option<Value>,
    /// Path parameters documented as UUIDs.
    pub uuid_params: Vec<String>,
}

impl Op {
    fn declares(&self, status: u16) -> bool {
        self.responses.get(status.to_string()).is_some()
    }
    fn declared(&self) -> BTreeSet<u16> {
        self.responses.as_object().into_iter().flatten().filter_map(|(k, _)| k.parse().ok()).collect()
    }
    fn path_params(&self) -> Vec<String> {
        self.path.split('/').filter(|s| s.starts_with('{')).map(|s| s.trim_matches(|c| c == '{' || c == '}').to_owned()).collect()
    }
}

/// The operations of a document, by operationId.
pub fn operations(doc: &Value) -> BTreeMap<String, Op> {
    let mut out = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op["operationId"].as_str() else { continue };
            let public = op["security"].as_array().is_some_and(|reqs| reqs.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty())));
            out.insert(
                id.to_owned(),
                Op {
                    id: id.to_owned(),
                    method: method.to_uppercase(),
                    path: path.clone(),
                    tag: op["tags"][0].as_str().unwrap_or_default().to_owned(),
                    responses: op["responses"].clone(),
                    public,
                    body_schema: op.pointer("/requestBody/content/application~1json/schema").cloned(),
                    uuid_params: op["parameters"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|p| p["in"] == "path" && p["schema"]["format"] == "uuid")
                        .filter_map(|p| p["name"].as_str().map(str::to_owned))
                        .collect(),
                },
            );
        }
    }
    out
}

/// A request of a case: path parameters, query, body, and whether it carries the token.
#[derive(Default, Clone)]
pub struct Req {
    params: Vec<(String, String)>,
    query: String,
    body: Option<Vec<u8>>,
    anonymous: bool,
    /// A token to send instead of the run's.
    token: Option<String>,
}

impl Req {
    pub fn new() -> Req {
        Req::default()
    }
    /// A path parameter.
    pub fn p(mut self, name: &str, value: impl Into<String>) -> Req {
        self.params.push((name.to_owned(), value.into()));
        self
    }
    /// The query string (without `?`).
    pub fn q(mut self, query: &str) -> Req {
        self.query = query.to_owned();
        self
    }
    pub fn json(mut self, body: Value) -> Req {
        self.body = Some(body.to_string().into_bytes());
        self
    }
    pub fn raw(mut self, body: impl Into<Vec<u8>>) -> Req {
        self.body = Some(body.into());
        self
    }
    pub fn anonymous(mut self) -> Req {
        self.anonymous = true;
        self
    }
    pub fn token(mut self, token: &str) -> Req {
        self.token = Some(token.to_owned());
        self
    }
}

/// An answer: status (0 when the request failed) and body (JSON, or a string, or null).
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

#[derive(Default)]
struct OpResult {
    /// Statuses seen, each with the number of cases.
    statuses: BTreeMap<u16, usize>,
    cases: usize,
    problems: Vec<String>,
}

/// The data the drivers share, all made or read through the API.
#[derive(Clone, Default)]
pub struct Fixtures {
    pub me: String,
    pub me_id: String,
    pub org_id: String,
    pub template_id: String,
    /// A running workspace of the caller (with a TTL, so its build has a deadline).
    pub workspace_id: String,
    pub workspace_name: String,
    /// A second workspace, deleted at the end.
    pub other_id: String,
    pub other_name: String,
    /// The name of an agent of the first workspace.
    pub agent_name: String,
    /// A unique suffix of this run's names.
    pub run: String,
}

pub struct Conform {
    agent: ureq::Agent,
    base: String,
    token: String,
    ops: BTreeMap<String, Op>,
    components: Value,
    validators: HashMap<String, jsonschema::Validator>,
    results: BTreeMap<String, OpResult>,
    requests: usize,
    pub fx: Fixtures,
}

impl Conform {
    fn new(base: &str, token: &str, doc: &Value) -> Conform {
        let agent = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(30))).build().into();
        let mut components = doc["components"].clone();
        workspaced_api::openapi::forbid_undeclared_properties(&mut components);
        Conform {
            agent,
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            ops: operations(doc),
            components,
            validators: HashMap::new(),
            results: BTreeMap::new(),
            requests: 0,
            fx: Fixtures::default(),
        }
    }

    pub fn op(&self, id: &str) -> Result<Op> {
        self.ops.get(id).cloned().ok_or_else(|| anyhow!("the document has no operation {id}"))
    }

    fn send(&mut self, op: &Op, req: &Req) -> Result<Answer> {
        let mut path = op.path.clone();
        for (name, value) in &req.params {
            path = path.replace(&format!("{{{name}}}"), &encode_segment(value));
        }
        if path.contains('{') {
            bail!("{}: path parameters left unset in {path}", op.id);
        }
        let mut url = format!("{}{path}", self.base);
        if !req.query.is_empty() {
            url = format!("{url}?{}", req.query);
        }
        let mut builder = ureq::http::Request::builder().method(op.method.as_str()).uri(&url);
        if let Some(token) = &req.token {
            builder = builder.header(SESSION_HEADER, token);
        } else if !req.anonymous {
            builder = builder.header(SESSION_HEADER, &self.token);
        }
        let body = req.body.clone().unwrap_or_default();
        if req.body.is_some() {
            builder = builder.header("Content-Type", "application/json");
        }
        let request = builder.body(body).context("building the request")?;
        self.requests += 1;
        let mut res = self.agent.run(request).with_context(|| format!("{} {url}", op.method))?;
        let status = res.status().as_u16();
        let bytes = res.body_mut().with_config().limit(64 << 20).read_to_vec().with_context(|| format!("reading {} {url}", op.method))?;
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Ok(Answer { status, body })
    }

    /// Sends one case of operation `id`, expecting `expect`; checks the answer against the
    /// document and records the outcome. Returns the answer (status 0 on a transport error).
    pub fn check(&mut self, id: &str, case: &str, req: Req, expect: u16) -> Answer {
        let op = match self.op(id) {
            Ok(op) => op,
            Err(e) => {
                self.results.entry(id.to_owned()).or_default().problems.push(format!("{case}: {e}"));
                return Answer { status: 0, body: Value::Null };
            }
        };
        let answer = match self.send(&op, &req) {
            Ok(a) => a,
            Err(e) => {
                let r = self.results.entry(id.to_owned()).or_default();
                r.cases += 1;
                r.problems.push(format!("{case}: {e:#}"));
                return Answer { status: 0, body: Value::Null };
            }
        };
        let mut problems = Vec::new();
        if answer.status != expect {
            problems.push(format!("{case}: expected {expect}, got {}: {}", answer.status, short(&answer.body)));
        }
        problems.extend(self.contract_problems(&op, &answer).into_iter().map(|p| format!("{case}: {p}")));
        let r = self.results.entry(id.to_owned()).or_default();
        r.cases += 1;
        *r.statuses.entry(answer.status).or_default() += 1;
        r.problems.extend(problems);
        answer
    }

    /// Whether the document declares the status, and the body matches the declared schema.
    fn contract_problems(&mut self, op: &Op, answer: &Answer) -> Vec<String> {
        let Some(declared) = op.responses.get(answer.status.to_string()) else {
            return vec![format!("status {} is not documented for {}: {}", answer.status, op.id, short(&answer.body))];
        };
        match declared.pointer("/content/application~1json/schema") {
            Some(schema) => {
                if answer.body.is_null() {
                    return vec![format!("{} answered with no body, the document declares one", answer.status)];
                }
                match self.validator(schema) {
                    Ok(v) => v
                        .iter_errors(&answer.body)
                        .take(5)
                        .map(|e| format!("{} body: {e} at {}", answer.status, e.instance_path()))
                        .collect(),
                    Err(e) => vec![format!("the documented schema does not compile: {e}")],
                }
            }
            None if answer.body.is_null() => Vec::new(),
            None => vec![format!("{} answered with a body, the document declares none: {}", answer.status, short(&answer.body))],
        }
    }

    fn validator(&mut self, schema: &Value) -> Result<&jsonschema::Validator> {
        let key = schema.to_string();
        if !self.validators.contains_key(&key) {
            let mut root = schema.as_object().cloned().unwrap_or_default();
            root.insert("components".into(), self.components.clone());
            let v = jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&Value::Object(root))
                .map_err(|e| anyhow!("{e}"))?;
            self.validators.insert(key.clone(), v);
        }
        Ok(&self.validators[&key])
    }

    /// Records one streaming case of operation `id`: the status seen and the problems found
    /// in the events (each event is checked against the documented 200 schema).
    fn record_stream(&mut self, id: &str, case: &str, status: u16, events: &[Value], mut problems: Vec<String>) {
        if let Ok(op) = self.op(id) {
            if let Some(schema) = op.responses.get("200").and_then(|r| r["content"].as_object()).and_then(|c| c.values().next()).map(|m| m["schema"].clone()) {
                let workspace = serde_json::json!({"$ref": "#/components/schemas/codersdk.Workspace"});
                for event in events {
                    let mut found: Vec<String> = match self.validator(&schema) {
                        Ok(v) => v.iter_errors(event).take(3).map(|e| format!("event: {e} at {}", e.instance_path())).collect(),
                        Err(e) => vec![format!("the documented schema does not compile: {e}")],
                    };
                    if event["type"] == "data" {
                        if let Ok(v) = self.validator(&workspace) {
                            found.extend(v.iter_errors(&event["data"]).take(3).map(|e| format!("data event's workspace: {e} at {}", e.instance_path())));
                        }
                    }
                    problems.extend(found);
                }
            } else {
                problems.push("the document declares no 200 body".into());
            }
        }
        let r = self.results.entry(id.to_owned()).or_default();
        r.cases += 1;
        *r.statuses.entry(status).or_default() += 1;
        r.problems.extend(problems.into_iter().map(|p| format!("{case}: {p}")));
    }

    /// Opens `GET path` as an event stream and reads its first `n` events (`event:`/`data:`
    /// lines), as `{"type", "data"}` values. Returns the status and the events.
    fn read_sse(&mut self, path: &str, n: usize) -> Result<(u16, String, Vec<Value>)> {
        use std::io::BufRead;
        let url = format!("{}{path}", self.base);
        self.requests += 1;
        let mut res = self.agent.get(&url).header(SESSION_HEADER, &self.token).call().with_context(|| format!("GET {url}"))?;
        let status = res.status().as_u16();
        let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let mut reader = std::io::BufReader::new(res.body_mut().as_reader());
        let (mut events, mut kind, mut data) = (Vec::new(), String::new(), String::new());
        let mut line = String::new();
        while events.len() < n {
            line.clear();
            if reader.read_line(&mut line).context("reading the event stream")? == 0 {
                break;
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if let Some(v) = l.strip_prefix("event:") {
                kind = v.trim().to_owned();
            } else if let Some(v) = l.strip_prefix("data:") {
                data.push_str(v.trim_start());
            } else if l.is_empty() && !kind.is_empty() {
                let data_value = if data.is_empty() { Value::Null } else { serde_json::from_str(&data).unwrap_or(Value::String(data.clone())) };
                events.push(serde_json::json!({"type": kind, "data": data_value}));
                kind.clear();
                data.clear();
            }
        }
        Ok((status, content_type, events))
    }

    /// Records a problem of an operation that is not an answer's (a driver's own check).
    pub fn problem(&mut self, id: &str, problem: String) {
        self.results.entry(id.to_owned()).or_default().problems.push(problem);
    }

    /// A plain GET of a documented operation that must answer 200 (not recorded).
    fn get_json(&mut self, path: &str) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let mut res = self.agent.get(&url).header(SESSION_HEADER, &self.token).call().with_context(|| format!("GET {url}"))?;
        let status = res.status().as_u16();
        let text = res.body_mut().read_to_string().unwrap_or_default();
        if status != 200 {
            bail!("GET {path} answered {status}: {text}");
        }
        serde_json::from_str(&text).with_context(|| format!("GET {path}: not JSON"))
    }

    /// Waits until the workspace's latest build reached `status` (`running`, `stopped`,
    /// `deleted`, ...).
    pub fn wait_for(&mut self, workspace: &str, status: &str) -> Result<Value> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let ws = self.get_json(&format!("/api/v2/workspaces/{workspace}?include_deleted=true"))?;
            let have = ws["latest_build"]["status"].as_str().unwrap_or_default().to_owned();
            if have == status {
                return Ok(ws);
            }
            if Instant::now() > deadline {
                bail!("workspace {workspace} did not reach {status} within 120 s (it is {have})");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The valid values of every path parameter, from the fixtures.
    fn default_param(&self, name: &str) -> Option<String> {
        Some(match name {
            "workspace" => self.fx.workspace_id.clone(),
            "user" => "me".to_owned(),
            "organization" => self.fx.org_id.clone(),
            "template" => self.fx.template_id.clone(),
            "workspacename" => self.fx.workspace_name.clone(),
            _ => return None,
        })
    }

    /// The cases every operation gets from the document alone.
    fn generic(&mut self, op: &Op) {
        let params: Vec<String> = op.path_params();
        let base = |c: &Conform| {
            let mut req = Req::new();
            for p in &params {
                if let Some(v) = c.default_param(p) {
                    req = req.p(p, v);
                }
            }
            if let Some(example) = op.body_schema.as_ref().and_then(|s| c.example_of(s)) {
                req = req.json(example);
            }
            req
        };
        if !op.public && op.declares(401) {
            self.check(&op.id, "no session token", base(self).anonymous(), 401);
            self.check(&op.id, "an unknown session token", base(self).token("AbCdEfGhIj-0123456789abcdefghijkl"), 401);
        }
        for id_param in ["workspace", "template", "organization"] {
            if !params.iter().any(|p| p == id_param) {
                continue;
            }
            // (An organization is found by ID or by name, as in Coder: any text is a name,
            // so only workspace and template IDs answer 400 when they are not UUIDs.)
            if op.declares(400) && id_param != "organization" && op.uuid_params.iter().any(|p| p == id_param) {
                let req = base(self).p(id_param, "not-a-uuid");
                let req = Req { params: override_param(&req.params, id_param, "not-a-uuid"), ..req };
                self.check(&op.id, &format!("{id_param} is not a UUID"), req, 400);
            }
            if op.declares(404) {
                let unknown = "7b8e6d1c-0c55-4a27-9f3e-2d9d1f0c4b6a";
                let req = base(self);
                let req = Req { params: override_param(&req.params, id_param, unknown), ..req };
                self.check(&op.id, &format!("unknown {id_param}"), req, 404);
            }
        }
        if op.declares(413) {
            let mut big = Vec::with_capacity(1 << 21);
            big.extend_from_slice(b"{\"name\":\"");
            big.resize((1 << 20) + 4096, b'a');
            big.extend_from_slice(b"\"}");
            let req = base(self).raw(big);
            self.check(&op.id, "a body over 1 MiB", req, 413);
        }
    }

    /// The first example of a request body schema (a `$ref` to a component, or `oneOf` one).
    fn example_of(&self, schema: &Value) -> Option<Value> {
        if let Some(r) = schema["$ref"].as_str() {
            let name = r.trim_start_matches("#/components/schemas/");
            return self.components["schemas"][name]["examples"][0].clone().into();
        }
        schema["oneOf"].as_array()?.iter().find_map(|s| self.example_of(s))
    }
}

fn override_param(params: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = params.iter().filter(|(n, _)| n != name).cloned().collect();
    out.push((name.to_owned(), value.to_owned()));
    out
}

fn encode_segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 300 {
        format!("{}…", &s[..s.char_indices().take_while(|(i, _)| *i < 300).last().map_or(0, |(i, c)| i + c.len_utf8())])
    } else {
        s
    }
}


/// A driver: the requests of one operation (success and documented errors).
pub type Driver = fn(&mut Conform) -> Result<()>;

/// Every operation's driver, in the order they run (the first ones make the fixtures; the
/// last ones delete what the run made). Streaming operations get theirs here too.
pub fn drivers() -> Vec<(&'static str, Driver)> {
    vec![
        ("build-info", drivers::build_info),
        ("get-user-by-name", drivers::get_user),
        ("get-all-templates", drivers::templates),
        ("get-template-settings-by-id", drivers::template),
        ("create-user-workspace", drivers::create),
        ("create-user-workspace-by-organization", drivers::create_in_org),
        ("get-users-available-for-workspace-creation", drivers::available_users),
        ("list-workspaces", drivers::list),
        ("get-workspace-metadata-by-id", drivers::get),
        ("get-workspace-metadata-by-user-and-workspace-name", drivers::get_by_name),
        ("update-workspace-metadata-by-id", drivers::rename),
        ("update-workspace-autostart-schedule-by-id", drivers::autostart),
        ("resolve-workspace-autostart-by-id", drivers::resolve_autostart),
        ("update-workspace-ttl-by-id", drivers::ttl),
        ("extend-workspace-deadline-by-id", drivers::extend),
        ("get-workspace-timings-by-id", drivers::timings),
        ("get-workspace-acls", drivers::acl_get),
        ("update-workspace-acl", drivers::acl_update),
        ("completely-clears-the-workspaces-user-and-group-acls", drivers::acl_clear),
        ("favorite-workspace-by-id", drivers::favorite),
        ("unfavorite-workspace-by-id", drivers::unfavorite),
        ("update-workspace-automatic-updates-by-id", drivers::autoupdates),
        ("post-workspace-usage-by-id", drivers::usage),
        ("upsert-workspace-agent-port-share", drivers::port_share_upsert),
        ("get-workspace-agent-port-shares", drivers::port_shares),
        ("get-workspace-agent-port-shares-older-path", drivers::port_shares_older),
        ("delete-workspace-agent-port-share", drivers::port_share_delete),
        ("get-workspace-builds-by-workspace-id", drivers::builds),
        ("update-workspace-dormancy-status-by-id", drivers::dormancy),
        ("create-workspace-build", drivers::create_build),
        ("watch-workspace-by-id", drivers::watch),
        ("watch-workspace-by-id-via-websockets", drivers::watch_ws),
    ]
}

mod drivers {
    use super::*;

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

    pub fn template(c: &mut Conform) -> Result<()> {
        let id = c.fx.template_id.clone();
        c.check("get-template-settings-by-id", "the template", Req::new().p("template", id), 200);
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

    pub fn get(c: &mut Conform) -> Result<()> {
        let id = "get-workspace-metadata-by-id";
        let ws = c.fx.workspace_id.clone();
        c.check(id, "the workspace", Req::new().p("workspace", &ws), 200);
        c.check(id, "include_deleted", Req::new().p("workspace", &ws).q("include_deleted=true"), 200);
        c.check(id, "bad include_deleted", Req::new().p("workspace", &ws).q("include_deleted=maybe"), 400);
        Ok(())
    }

    pub fn get_by_name(c: &mut Conform) -> Result<()> {
        let id = "get-workspace-metadata-by-user-and-workspace-name";
        let name = c.fx.workspace_name.clone();
        c.check(id, "me", Req::new().p("user", "me").p("workspacename", &name), 200);
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

    pub fn autostart(c: &mut Conform) -> Result<()> {
        let id = "update-workspace-autostart-schedule-by-id";
        let ws = c.fx.workspace_id.clone();
        c.check(id, "weekdays at 9:30 UTC", Req::new().p("workspace", &ws).json(json!({ "schedule": "CRON_TZ=UTC 30 9 * * 1-5" })), 204);
        c.check(id, "invalid schedule", Req::new().p("workspace", &ws).json(json!({ "schedule": "every day" })), 400);
        Ok(())
    }

    pub fn resolve_autostart(c: &mut Conform) -> Result<()> {
        let ws = c.fx.workspace_id.clone();
        c.check("resolve-workspace-autostart-by-id", "the workspace", Req::new().p("workspace", ws), 200);
        Ok(())
    }

    pub fn ttl(c: &mut Conform) -> Result<()> {
        let id = "update-workspace-ttl-by-id";
        let ws = c.fx.workspace_id.clone();
        c.check(id, "two hours", Req::new().p("workspace", &ws).json(json!({ "ttl_ms": 7_200_000 })), 204);
        c.check(id, "under a minute", Req::new().p("workspace", &ws).json(json!({ "ttl_ms": 1000 })), 400);
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

    pub fn timings(c: &mut Conform) -> Result<()> {
        let ws = c.fx.workspace_id.clone();
        c.check("get-workspace-timings-by-id", "the workspace", Req::new().p("workspace", ws), 200);
        Ok(())
    }

    pub fn acl_get(c: &mut Conform) -> Result<()> {
        let ws = c.fx.workspace_id.clone();
        c.check("get-workspace-acls", "the workspace", Req::new().p("workspace", ws), 200);
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

    pub fn acl_clear(c: &mut Conform) -> Result<()> {
        let ws = c.fx.workspace_id.clone();
        c.check("completely-clears-the-workspaces-user-and-group-acls", "the workspace", Req::new().p("workspace", ws), 204);
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

    pub fn unfavorite(c: &mut Conform) -> Result<()> {
        let ws = c.fx.workspace_id.clone();
        c.check("unfavorite-workspace-by-id", "unfavorite", Req::new().p("workspace", ws), 204);
        Ok(())
    }

    pub fn autoupdates(c: &mut Conform) -> Result<()> {
        let id = "update-workspace-automatic-updates-by-id";
        let ws = c.fx.workspace_id.clone();
        c.check(id, "always", Req::new().p("workspace", &ws).json(json!({ "automatic_updates": "always" })), 204);
        c.check(id, "never", Req::new().p("workspace", &ws).json(json!({ "automatic_updates": "never" })), 204);
        c.check(id, "invalid value", Req::new().p("workspace", &ws).json(json!({ "automatic_updates": "sometimes" })), 400);
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
}

/// Runs the whole conformance check; returns whether every operation passed.
pub fn run(root: &Path, args: &ConformArgs) -> Result<bool> {
    let doc_path = args.document.clone().unwrap_or_else(|| root.join("openapi/openapi.json"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&doc_path).with_context(|| format!("reading {}", doc_path.display()))?)
        .with_context(|| format!("{} is not JSON", doc_path.display()))?;
    let mut _server = None;
    let (base, token) = match &args.base_url {
        Some(base) => (base.clone(), args.token.clone().context("--base-url needs --token (or WORKSPACED_TOKEN)")?),
        None => {
            let s = EmbeddedServer::start(root)?;
            let pair = (s.base.clone(), s.token.clone());
            _server = Some(s);
            pair
        }
    };
    let mut c = Conform::new(&base, &token, &doc);
    c.fx.run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() % 0xffff_ffff);
    println!("conform: {} operations of {} against {base}", c.ops.len(), doc_path.display());

    let table = drivers();
    let driven: BTreeSet<&str> = table.iter().map(|(id, _)| *id).collect();
    for (id, driver) in &table {
        if !c.ops.contains_key(*id) {
            continue; // a driver for an operation this document does not have
        }
        if let Err(e) = driver(&mut c) {
            c.problem(id, format!("driver stopped: {e:#}"));
            // The fixtures may be missing: the remaining drivers would only repeat it.
            if c.fx.workspace_id.is_empty() {
                break;
            }
        }
    }
    // The generic cases, on the fixtures while they still exist.
    let ops: Vec<Op> = c.ops.values().cloned().collect();
    for op in &ops {
        c.generic(op);
        if !driven.contains(op.id.as_str()) {
            c.problem(&op.id, "no driver: add one to xtask/src/conform.rs".to_owned());
        }
    }
    if !c.fx.workspace_id.is_empty() && c.ops.contains_key("create-workspace-build") {
        if let Err(e) = drivers::teardown(&mut c) {
            c.problem("create-workspace-build", format!("teardown stopped: {e:#}"));
        }
    }
    Ok(report(&c, args.junit.as_deref())?)
}

/// Prints one line per operation and a total; writes the JUnit report. Returns success.
fn report(c: &Conform, junit: Option<&Path>) -> Result<bool> {
    let mut failed = 0;
    let mut cases = 0;
    let mut documented = 0;
    let mut exercised = 0;
    let mut junit_cases = String::new();
    for (id, op) in &c.ops {
        let r = c.results.get(id);
        let seen: BTreeSet<u16> = r.map(|r| r.statuses.keys().copied().collect()).unwrap_or_default();
        let declared = op.declared();
        let missing: Vec<String> = declared.difference(&seen).map(u16::to_string).collect();
        documented += declared.len();
        exercised += declared.intersection(&seen).count();
        let problems = r.map(|r| r.problems.clone()).unwrap_or_else(|| vec!["never exercised".to_owned()]);
        let n = r.map_or(0, |r| r.cases);
        cases += n;
        let ok = problems.is_empty();
        if !ok {
            failed += 1;
        }
        let statuses: Vec<String> = seen.iter().map(u16::to_string).collect();
        println!(
            "{} {id:<55} {:<6} {:<72} {n:>3} cases  {}{}",
            if ok { "ok  " } else { "FAIL" },
            op.method,
            op.path,
            statuses.join(" "),
            if missing.is_empty() { String::new() } else { format!("  (not reached: {})", missing.join(" ")) }
        );
        for p in &problems {
            println!("       - {p}");
        }
        junit_cases.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\" time=\"0\">{}</testcase>\n",
            xml(&op.tag),
            xml(id),
            if ok { String::new() } else { format!("<failure message=\"{} problems\">{}</failure>", problems.len(), xml(&problems.join("\n"))) }
        ));
    }
    let total = c.ops.len();
    println!(
        "conform: {total} operations, {} passed, {failed} failed; {cases} cases, {} requests; {exercised} of {documented} documented statuses reached",
        total - failed,
        c.requests
    );
    println!("(403 needs a second, less privileged user, which the API cannot make; 500 is a fault)");
    if let Some(path) = junit {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"conform\" tests=\"{total}\" failures=\"{failed}\">\n{junit_cases}  </testsuite>\n</testsuites>\n"
        );
        std::fs::write(path, xml).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(failed == 0)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The embedded server on a temporary SQLite database, with a token of the admin.
pub struct EmbeddedServer {
    pub base: String,
    pub token: String,
    _process: Background,
    _dir: tempfile::TempDir,
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

fn wait_healthy(base: &str, process: &mut Background) -> Result<()> {
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
