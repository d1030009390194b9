//! The test harness: a `TestApp` per test (its own database), in-process requests, and the
//! contract checks every response goes through — the response must be declared by the
//! OpenAPI document for that operation and status, and its body must validate against the
//! declared schema. Snapshots go to the top-level `snapshots/` with central redactions.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use actix_web::http::{header, Method, StatusCode};
use actix_web::test as atest;
use serde_json::{json, Value};
use workspaced_api::provisioner::{self, ProvisionerConfig};
use workspaced_api::AppState;
use workspaced_store::models::{Template, User};
use workspaced_store::types::SiteRole;
use workspaced_store::{NewTemplate, NewUser, Store};

/// The admin URL of the PostgreSQL server to make test databases on, when set.
pub const PG_ENV: &str = "WORKSPACED_TEST_DATABASE_URL";

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The OpenAPI document, as the server derives it, in JSON.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(workspaced_api::openapi()).expect("document serialises"))
}

pub enum Database {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Database::Postgres { admin_url, name } = self {
            if let Err(e) = Store::drop_postgres_database(admin_url, name) {
                eprintln!("dropping test database {name}: {e}");
            }
        }
    }
}

/// A user of a test with a session token.
#[derive(Clone)]
pub struct TestUser {
    pub user: User,
    pub token: String,
}

/// One server with its own fresh database, seeded like a first start: organization
/// `coder`, owner `admin` (with a token) and template `starter`.
pub struct TestApp {
    pub state: AppState,
    pub owner: TestUser,
    pub template: Template,
    pub org_id: uuid::Uuid,
    /// The database's URL, for a second server process on the same database.
    pub url: String,
    _db: Arc<Database>,
}

impl TestApp {
    pub async fn new() -> TestApp {
        let (store, db, url) = tokio::task::spawn_blocking(open_database).await.expect("open database");
        let s = store.clone();
        let seeded = tokio::task::spawn_blocking(move || workspaced_api::bootstrap::first_start(&s))
            .await
            .expect("join")
            .expect("seed")
            .expect("fresh database is seeded");
        let org_id = seeded.template.organization_id;
        TestApp {
            state: AppState::new(store),
            owner: TestUser { user: seeded.admin, token: seeded.token },
            template: seeded.template,
            org_id,
            url,
            _db: Arc::new(db),
        }
    }

    /// Another server on the same database (and seed): `state` is its state.
    pub fn with_state(&self, state: AppState) -> TestApp {
        TestApp {
            state,
            owner: self.owner.clone(),
            template: self.template.clone(),
            org_id: self.org_id,
            url: self.url.clone(),
            _db: self._db.clone(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.state.store
    }

    /// Creates a member (or owner) with a token.
    pub async fn user(&self, username: &str, owner: bool) -> TestUser {
        let store = self.store().clone();
        let username = username.to_owned();
        tokio::task::spawn_blocking(move || {
            let user = store
                .create_user(&NewUser {
                    username: username.clone(),
                    email: format!("{username}@example.com"),
                    name: String::new(),
                    site_role: if owner { SiteRole::Owner } else { SiteRole::Member },
                })
                .expect("create user");
            let token = workspaced_api::auth::create_token(&store, user.id, chrono::Duration::days(1), "test")
                .expect("token");
            TestUser { user, token }
        })
        .await
        .expect("join")
    }

    /// Adds a template (mutate the policy with `edit`).
    pub async fn template_with(&self, name: &str, edit: impl FnOnce(&mut NewTemplate) + Send + 'static) -> Template {
        let store = self.store().clone();
        let mut t = NewTemplate::new(self.org_id, name, self.owner.user.id);
        edit(&mut t);
        tokio::task::spawn_blocking(move || store.create_template(&t).expect("create template").0)
            .await
            .expect("join")
    }

    /// Creates a workspace for `owner` from the starter template and returns its body.
    pub async fn workspace(&self, owner: &TestUser, name: &str) -> Value {
        let res = self
            .post("/api/v2/users/me/workspaces")
            .token(&owner.token)
            .json(json!({ "name": name, "template_id": self.template.id }))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        res.body
    }

    /// Runs the queued provisioner jobs now (the same code as the background loop).
    pub async fn provision(&self) -> usize {
        provisioner::drain(self.store(), &ProvisionerConfig { step: Duration::ZERO, daemons: 1 }).await
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder<'_> {
        RequestBuilder { app: self, method, path: path.to_owned(), token: None, body: None, headers: Vec::new(), checked: true }
    }

    pub fn get(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::GET, path)
    }
    pub fn post(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::POST, path)
    }
    pub fn patch(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::PATCH, path)
    }
    pub fn put(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::PUT, path)
    }

    /// Creates a workspace for `owner` and runs its first build; returns its id.
    pub async fn running_workspace(&self, owner: &TestUser, name: &str) -> String {
        let id = self.workspace(owner, name).await["id"].as_str().unwrap().to_owned();
        self.provision().await;
        id
    }

    /// Changes a template's policy in place.
    pub async fn edit_template(&self, id: uuid::Uuid, edit: impl FnOnce(&mut Template) + Send + 'static) {
        let store = self.store().clone();
        tokio::task::spawn_blocking(move || {
            let mut t = store.template_by_id(id).unwrap().unwrap();
            edit(&mut t);
            store.update_template_policy(&t).unwrap();
        })
        .await
        .unwrap();
    }
}

fn open_database() -> (Store, Database, String) {
    let (url, db) = empty_database();
    (Store::connect(&url).expect("open the test database"), db, url)
}

/// A new, empty (unmigrated) database of the engine under test: its URL, and a guard that
/// removes it when dropped.
pub fn empty_database() -> (String, Database) {
    match std::env::var(PG_ENV).ok().filter(|v| !v.is_empty()) {
        Some(admin_url) => {
            let name = format!("wsd_test_{}", uuid::Uuid::new_v4().simple());
            let url = Store::create_postgres_database(&admin_url, &name).expect("create test database");
            (url, Database::Postgres { admin_url, name })
        }
        None => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, Database::Sqlite(dir))
        }
    }
}

pub struct RequestBuilder<'a> {
    app: &'a TestApp,
    method: Method,
    path: String,
    token: Option<String>,
    body: Option<Vec<u8>>,
    headers: Vec<(String, String)>,
    checked: bool,
}

impl RequestBuilder<'_> {
    pub fn token(mut self, token: &str) -> Self {
        self.token = Some(token.to_owned());
        self
    }
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(serde_json::to_vec(&body).expect("json"));
        self
    }
    pub fn raw(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some(body.into());
        self
    }
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends it without checking the answer against the document: for the answers of the
    /// guards every operation shares and no operation documents (CSRF 403, 429).
    pub fn unchecked(mut self) -> Self {
        self.checked = false;
        self
    }

    /// Sends the request in-process and checks the answer against the document.
    pub async fn send(self) -> TestResponse {
        let service = atest::init_service(workspaced_api::build(Some(self.app.state.clone())).0).await;
        let mut req = atest::TestRequest::default().method(self.method.clone()).uri(&self.path);
        if let Some(t) = &self.token {
            req = req.insert_header(("Coder-Session-Token", t.as_str()));
        }
        for (k, v) in &self.headers {
            req = req.insert_header((k.as_str(), v.as_str()));
        }
        if let Some(b) = self.body {
            // A body is JSON unless the test says otherwise.
            if !self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
                req = req.insert_header((header::CONTENT_TYPE, "application/json"));
            }
            req = req.set_payload(b);
        }
        let res = atest::call_service(&service, req.to_request()).await;
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = atest::read_body(res).await;
        let body: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        let path_only = self.path.split('?').next().unwrap_or_default().to_owned();
        let operation = find_operation(&self.method, &path_only);
        if let (Some(op), true) = (&operation, self.checked) {
            check_contract(op, status, &body, bytes.is_empty());
        }
        TestResponse { status, headers, body, raw: bytes.to_vec(), operation }
    }
}

/// An answer, already checked against the contract.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Value,
    /// The body's bytes as sent.
    pub raw: Vec<u8>,
    /// The documented operation the request reached, if any.
    pub operation: Option<Operation>,
}

impl TestResponse {
    /// Asserts the status, then snapshots status and (redacted) body as
    /// `<operationId>__<status>__<case>`.
    pub fn snapshot(&self, expected: StatusCode, case: &str) -> &Self {
        assert_eq!(self.status, expected, "unexpected status; body: {}", self.body);
        let op = self.operation.as_ref().expect("snapshots are for documented operations");
        let name = format!("{}__{}__{}", op.id, self.status.as_u16(), case);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(repo_root().join("snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        let mut body = redact(&self.body);
        if self.status.is_server_error() && body.get("detail").is_some() {
            // The cause of a server fault is the engine's own text (SQLite and PostgreSQL differ).
            body["detail"] = json!("[server fault detail]");
        }
        let value = json!({ "status": self.status.as_u16(), "body": body });
        settings.bind(|| insta::assert_json_snapshot!(name, value));
        self
    }

    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_default()
    }
}

/// A documented operation a request reached.
#[derive(Clone, Debug)]
pub struct Operation {
    pub id: String,
    pub method: String,
    pub path: String,
    pub responses: Value,
}

/// Every documented (method, path template, operation).
pub fn operations() -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in document()["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                out.push(Operation {
                    id: id.to_owned(),
                    method: method.to_uppercase(),
                    path: path.clone(),
                    responses: op["responses"].clone(),
                });
            }
        }
    }
    out
}

pub fn path_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

fn find_operation(method: &Method, path: &str) -> Option<Operation> {
    operations().into_iter().find(|o| o.method == method.as_str() && path_matches(&o.path, path))
}

/// A validator for `schema` (a `$ref` or an inline schema) with the document's components.
pub fn validator(schema: &Value) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let key = schema.to_string();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().unwrap().get(&key) {
        return v.clone();
    }
    let mut root = schema.as_object().cloned().unwrap_or_default();
    let mut components = document()["components"].clone();
    workspaced_api::openapi::forbid_undeclared_properties(&mut components);
    root.insert("components".into(), components);
    let v = Arc::new(
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&Value::Object(root))
            .unwrap_or_else(|e| panic!("schema {key} does not compile: {e}")),
    );
    cache.lock().unwrap().insert(key, v.clone());
    v
}


/// Checks a body against a schema; returns the problems.
pub fn schema_errors(schema: &Value, body: &Value) -> Vec<String> {
    validator(schema).iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn check_contract(op: &Operation, status: StatusCode, body: &Value, empty: bool) {
    let code = status.as_u16().to_string();
    let Some(declared) = op.responses.get(&code) else {
        panic!(
            "{} {} ({}) answered {code}, which the document does not declare; body: {body}",
            op.method, op.path, op.id
        );
    };
    match declared.pointer("/content/application~1json/schema") {
        Some(schema) => {
            assert!(!empty, "{} answered {code} with no body, but the document declares one", op.id);
            let errors = schema_errors(schema, body);
            assert!(errors.is_empty(), "{} {code}: body does not match the documented schema:\n{}\nbody: {body}", op.id, errors.join("\n"));
        }
        None => assert!(empty, "{} answered {code} with a body, but the document declares none: {body}", op.id),
    }
}

/// Replaces what changes from run to run: ids, times and tokens.
pub fn redact(v: &Value) -> Value {
    static UUID: OnceLock<regex::Regex> = OnceLock::new();
    static TIME: OnceLock<regex::Regex> = OnceLock::new();
    let uuid = UUID.get_or_init(|| regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap());
    let time = TIME.get_or_init(|| regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$").unwrap());
    match v {
        Value::String(s) if s == "00000000-0000-0000-0000-000000000000" => Value::String("[nil-uuid]".into()),
        Value::String(s) if time.is_match(s) => Value::String("[timestamp]".into()),
        Value::String(s) => Value::String(time_in_text(&uuid.replace_all(s, "[uuid]"))),
        Value::Array(a) => Value::Array(a.iter().map(redact).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), redact(v))).collect()),
        other => other.clone(),
    }
}

fn time_in_text(s: &str) -> String {
    static T: OnceLock<regex::Regex> = OnceLock::new();
    let t = T.get_or_init(|| regex::Regex::new(r"20[1-9]\d-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})").unwrap());
    // (Go's reference layout, 2006-01-02T15:04:05Z07:00, stays as it is.)
    t.replace_all(s, "[timestamp]").into_owned()
}
