//! The runner's client: requests of a case, answers checked against the document, the
//! fixtures the drivers share.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::document::{operations, Op};

/// The session header Coder's API authenticates with.
pub(super) const SESSION_HEADER: &str = "Coder-Session-Token";

/// A request of a case: path parameters, query, body, and whether it carries the token.
#[derive(Default, Clone)]
pub struct Req {
    pub(super) params: Vec<(String, String)>,
    pub(super) query: String,
    pub(super) body: Option<Vec<u8>>,
    pub(super) anonymous: bool,
    /// A token to send instead of the run's.
    pub(super) token: Option<String>,
    /// Other request headers.
    pub(super) headers: Vec<(String, String)>,
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
    /// A request header.
    pub fn header(mut self, name: &str, value: &str) -> Req {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// An answer: status (0 when the request failed) and body (JSON, or a string, or null).
pub struct Answer {
    pub status: u16,
    pub body: Value,
    /// The `ETag` header, if any.
    pub etag: Option<String>,
}

#[derive(Default)]
pub(super) struct OpResult {
    /// Statuses seen, each with the number of cases.
    pub(super) statuses: BTreeMap<u16, usize>,
    pub(super) cases: usize,
    pub(super) problems: Vec<String>,
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
    pub(super) agent: ureq::Agent,
    pub(super) base: String,
    pub(super) token: String,
    pub(super) ops: BTreeMap<String, Op>,
    pub(super) components: Value,
    pub(super) validators: HashMap<String, jsonschema::Validator>,
    pub(super) results: BTreeMap<String, OpResult>,
    pub(super) requests: usize,
    pub fx: Fixtures,
}

impl Conform {
    pub(super) fn new(base: &str, token: &str, doc: &Value) -> Conform {
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

    pub(super) fn send(&mut self, op: &Op, req: &Req) -> Result<Answer> {
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
        for (name, value) in &req.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let body = req.body.clone().unwrap_or_default();
        if req.body.is_some() {
            builder = builder.header("Content-Type", "application/json");
        }
        let request = builder.body(body).context("building the request")?;
        self.requests += 1;
        let mut res = self.agent.run(request).with_context(|| format!("{} {url}", op.method))?;
        let status = res.status().as_u16();
        let etag = res.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let bytes = res.body_mut().with_config().limit(64 << 20).read_to_vec().with_context(|| format!("reading {} {url}", op.method))?;
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Ok(Answer { status, body, etag })
    }

    /// Sends one case of operation `id`, expecting `expect`; checks the answer against the
    /// document and records the outcome. Returns the answer (status 0 on a transport error).
    pub fn check(&mut self, id: &str, case: &str, req: Req, expect: u16) -> Answer {
        let op = match self.op(id) {
            Ok(op) => op,
            Err(e) => {
                self.results.entry(id.to_owned()).or_default().problems.push(format!("{case}: {e}"));
                return Answer { status: 0, body: Value::Null, etag: None };
            }
        };
        let answer = match self.send(&op, &req) {
            Ok(a) => a,
            Err(e) => {
                let r = self.results.entry(id.to_owned()).or_default();
                r.cases += 1;
                r.problems.push(format!("{case}: {e:#}"));
                return Answer { status: 0, body: Value::Null, etag: None };
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
    pub(super) fn contract_problems(&mut self, op: &Op, answer: &Answer) -> Vec<String> {
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

    pub(super) fn validator(&mut self, schema: &Value) -> Result<&jsonschema::Validator> {
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
    pub(super) fn record_stream(&mut self, id: &str, case: &str, status: u16, events: &[Value], mut problems: Vec<String>) {
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
    pub(super) fn read_sse(&mut self, path: &str, n: usize) -> Result<(u16, String, Vec<Value>)> {
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
    pub(super) fn get_json(&mut self, path: &str) -> Result<Value> {
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

}

pub(super) fn override_param(params: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = params.iter().filter(|(n, _)| n != name).cloned().collect();
    out.push((name.to_owned(), value.to_owned()));
    out
}

pub(super) fn encode_segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(super) fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 300 {
        format!("{}…", &s[..s.char_indices().take_while(|(i, _)| *i < 300).last().map_or(0, |(i, c)| i + c.len_utf8())])
    } else {
        s
    }
}

