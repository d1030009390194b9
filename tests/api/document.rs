//! The document itself: it is current, it follows our conventions, its examples are valid,
//! every operation and response is covered by a contract snapshot, and routes and document
//! agree both ways.

use std::collections::{BTreeSet, HashMap};

use actix_web::http::{Method, StatusCode};
use serde_json::Value;
use workspaced_sdk as sdk;

use crate::harness::{document, operations, repo_root, schema_errors, TestApp};

#[test]
fn committed_document_is_current() {
    let doc = workspaced_api::openapi();
    for (rel, want) in [
        ("openapi/openapi.json", workspaced_api::openapi::to_json(&doc)),
        ("openapi/operations.txt", workspaced_api::openapi::operations_index(&doc)),
    ] {
        let have = std::fs::read_to_string(repo_root().join(rel)).unwrap_or_default();
        assert!(have == want, "{rel} is stale: run `cargo xtask openapi` and commit the result");
    }
}

/// Coder's operationId: the summary in kebab case, apostrophes dropped.
fn slug(summary: &str) -> String {
    let cleaned: String = summary.replace('\'', "").to_lowercase();
    cleaned.split(|c: char| !c.is_ascii_alphanumeric()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-")
}

#[test]
fn document_follows_the_conventions() {
    let doc = document();
    assert_eq!(doc["openapi"].as_str().map(|v| v.starts_with("3.1")), Some(true), "OpenAPI 3.1");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let scheme = &doc["components"]["securitySchemes"]["CoderSessionToken"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "header");
    assert_eq!(scheme["name"], "Coder-Session-Token");
    let tags: BTreeSet<&str> = workspaced_api::openapi::TAGS.iter().map(|(t, _)| *t).collect();
    let mut ids = BTreeSet::new();
    let mut problems = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v2/") {
            problems.push(format!("{path}: not under /api/v2"));
        }
        let declared_in_path: BTreeSet<String> =
            path.split('/').filter(|s| s.starts_with('{')).map(|s| s.trim_matches(|c| c == '{' || c == '}').to_owned()).collect();
        for (method, op) in item.as_object().unwrap() {
            let here = format!("{} {path}", method.to_uppercase());
            let summary = op["summary"].as_str().unwrap_or_default();
            if summary.is_empty() {
                problems.push(format!("{here}: no summary"));
            }
            let id = op["operationId"].as_str().unwrap_or_default();
            if id != slug(summary) {
                problems.push(format!("{here}: operationId {id:?} is not the slug of its summary ({:?})", slug(summary)));
            }
            if !ids.insert(id.to_owned()) {
                problems.push(format!("{here}: duplicate operationId {id}"));
            }
            match op["tags"].as_array().map(Vec::as_slice) {
                Some([t]) if tags.contains(t.as_str().unwrap_or_default()) => {}
                other => problems.push(format!("{here}: needs exactly one known tag, has {other:?}")),
            }
            let public = workspaced_api::openapi::PUBLIC_OPERATIONS.contains(&id);
            if public {
                if op["security"] != serde_json::json!([{}]) {
                    problems.push(format!("{here}: a public operation says it needs no security: [{{}}]"));
                }
            } else if op["security"] != serde_json::json!([{ "CoderSessionToken": [] }]) {
                problems.push(format!("{here}: security must be CoderSessionToken"));
            }
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let path_params: BTreeSet<String> = params
                .iter()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap_or_default().to_owned())
                .collect();
            if path_params != declared_in_path {
                problems.push(format!("{here}: path parameters {path_params:?} differ from the path's {declared_in_path:?}"));
            }
            for p in &params {
                let name = p["name"].as_str().unwrap_or_default();
                if ["workspace", "organization"].contains(&name) && p["schema"]["format"] != "uuid" {
                    problems.push(format!("{here}: parameter {name} must have format uuid"));
                }
                if p["description"].as_str().unwrap_or_default().is_empty() {
                    problems.push(format!("{here}: parameter {name} has no description"));
                }
            }
            for (status, resp) in op["responses"].as_object().unwrap() {
                if resp["description"].as_str().unwrap_or_default().is_empty() {
                    problems.push(format!("{here} {status}: no description"));
                }
                let code: u16 = status.parse().unwrap_or(0);
                if code >= 400 && resp.pointer("/content/application~1json/schema/$ref").and_then(Value::as_str)
                    != Some("#/components/schemas/codersdk.Response")
                {
                    problems.push(format!("{here} {status}: errors must answer codersdk.Response"));
                }
            }
            if !op["responses"].as_object().unwrap().keys().any(|s| s.starts_with('2')) {
                problems.push(format!("{here}: no success response"));
            }
            if !public && !op["responses"].as_object().unwrap().contains_key("401") {
                problems.push(format!("{here}: every operation needs a session, so documents 401"));
            }
        }
    }
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        if !(name.starts_with("codersdk.") || name.starts_with("uuid.")) {
            problems.push(format!("schema {name}: not named after Coder's Go package"));
        }
    }
    assert!(problems.is_empty(), "convention problems:\n{}", problems.join("\n"));
}

type Check = fn(Value) -> Result<Value, String>;

/// Every schema of the document and the Rust type it is generated from
/// (`workspaced_sdk::registry`, the one list of wire types).
fn rust_types() -> HashMap<&'static str, Check> {
    sdk::registry::wire_types().into_iter().map(|t| (t.name(), t.round_trip)).collect()
}

#[test]
fn every_example_validates_and_deserialises() {
    let doc = document();
    let types = rust_types();
    let mut problems = Vec::new();
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        let Some(check) = types.get(name.as_str()) else {
            problems.push(format!("{name}: no Rust type registered (wire_type! beside it in crates/sdk)"));
            continue;
        };
        let examples = schema["examples"].as_array().cloned().unwrap_or_default();
        if examples.is_empty() {
            problems.push(format!("{name}: no example"));
        }
        let reference = serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
        for ex in examples {
            for e in schema_errors(&reference, &ex) {
                problems.push(format!("{name}: example does not validate: {e}"));
            }
            if let Err(e) = check(ex.clone()) {
                problems.push(format!("{name}: example does not deserialise: {e}"));
            }
        }
    }
    for op in operations() {
        for (status, resp) in op.responses.as_object().unwrap() {
            let Some(media) = resp.pointer("/content/application~1json") else { continue };
            let schema = &media["schema"];
            for ex in media.get("example").into_iter().chain(media["examples"].as_object().into_iter().flat_map(|m| m.values().map(|e| &e["value"]))) {
                for e in schema_errors(schema, ex) {
                    problems.push(format!("{} {status}: response example does not validate: {e}", op.id));
                }
                let name = schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")).unwrap_or_default();
                if let Some(Err(e)) = types.get(name).map(|check| check(ex.clone())) {
                    problems.push(format!("{} {status}: response example does not deserialise: {e}", op.id));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn required_and_nullable_follow_how_coder_writes_each_key() {
    let schemas = document()["components"]["schemas"].as_object().unwrap();
    let table: BTreeSet<&str> = sdk::shapes::shapes().iter().map(|s| s.name).collect();
    let unknown: Vec<&String> = schemas.keys().filter(|name| !table.contains(name.as_str())).collect();
    assert!(unknown.is_empty(), "schemas without their rules (wire_type! beside the type in crates/sdk): {unknown:?}");
    let problems = sdk::shapes::document_disagreements(schemas);
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    // Spot checks of the three rules on the document as served.
    let workspace = &schemas["codersdk.Workspace"];
    let required = workspace["required"].as_array().unwrap();
    assert!(!required.contains(&"ttl_ms".into()) && workspace["properties"]["ttl_ms"]["type"] == "integer");
    assert!(required.contains(&"dormant_at".into()) && workspace["properties"]["dormant_at"]["type"] == serde_json::json!(["string", "null"]));
    assert_eq!(workspace["properties"]["task_id"]["$ref"], "#/components/schemas/uuid.NullUUID");
    assert_eq!(schemas["uuid.NullUUID"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(schemas["codersdk.CreateWorkspaceRequest"]["required"], serde_json::json!(["name"]));
}

#[test]
fn the_strict_harness_refuses_an_undeclared_key() {
    let reference = serde_json::json!({ "$ref": "#/components/schemas/codersdk.Workspace" });
    let mut body = serde_json::to_value(sdk::examples::workspace()).unwrap();
    assert_eq!(schema_errors(&reference, &body), Vec::<String>::new());
    body["latest_build"]["job"]["surprise"] = serde_json::json!(1);
    assert_eq!(schema_errors(&reference, &body).len(), 1, "a nested undeclared key fails");
    body["latest_build"]["job"].as_object_mut().unwrap().remove("surprise");
    body["surprise"] = serde_json::json!(1);
    assert_eq!(schema_errors(&reference, &body).len(), 1, "a top-level undeclared key fails");
}

/// (operationId, status) pairs that may lack a contract snapshot; it only shrinks.
fn known_gaps() -> BTreeSet<String> {
    include_str!("known-gaps.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_documented_response_has_a_contract_snapshot() {
    let snapshots: Vec<String> = std::fs::read_dir(repo_root().join("snapshots"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let mut documented = BTreeSet::new();
    let mut missing = BTreeSet::new();
    for op in operations() {
        for status in op.responses.as_object().unwrap().keys() {
            let key = format!("{}__{status}", op.id);
            documented.insert(key.clone());
            if !snapshots.iter().any(|s| s.starts_with(&format!("{key}__")) && s.ends_with(".snap")) {
                missing.insert(key);
            }
        }
    }
    assert_eq!(missing, known_gaps(), "documented responses without a contract snapshot (left) vs tests/api/known-gaps.txt (right)");
    let orphans: Vec<&String> = snapshots
        .iter()
        .filter(|s| s.ends_with(".snap"))
        .filter(|s| !documented.iter().any(|k| s.starts_with(&format!("{k}__"))))
        .collect();
    assert!(orphans.is_empty(), "snapshots of undocumented operations or statuses: {orphans:?}");
}

/// Every `.rs` file under `dir`, at any depth.
fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn undocumented_routes_are_registered_in_one_place() {
    let files = rust_files(&repo_root().join("crates/api/src"));
    assert!(files.iter().any(|p| p.ends_with("middleware.rs")));
    for path in files {
        if !path.ends_with("middleware.rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!text.contains(".route("), "{}: undocumented routes belong in middleware.rs", path.display());
        }
    }
}

/// The routes, which each handler's file registers itself (`route!`), are registered in
/// rank order, each rank once, and none is shadowed: actix tries them in that order, so the
/// path of each (its parameters filled) must be matched, for its method, by no route before
/// it (a `{workspace}` pattern before a literal segment at the same place would take its
/// requests). Every documented operation is one route.
#[test]
fn routes_are_in_rank_order_and_none_is_shadowed() {
    let routes = workspaced_api::handlers::routes();
    let ranks: BTreeSet<u32> = routes.iter().map(|r| r.rank).collect();
    assert_eq!(ranks.len(), routes.len(), "two routes have the same rank");
    assert!(routes.windows(2).all(|w| w[0].rank < w[1].rank));
    let mut before: Vec<(String, actix_web::dev::ResourceDef, &str)> = Vec::new();
    let mut operations_seen = 0;
    let mut problems = Vec::new();
    for route in &routes {
        let paths = serde_json::to_value((route.paths)()).unwrap();
        for (path, item) in paths.as_object().unwrap() {
            let concrete: String = path.split('/').map(|s| if s.starts_with('{') { "x" } else { s }).collect::<Vec<_>>().join("/");
            for method in item.as_object().unwrap().keys().filter(|m| ["get", "put", "post", "delete", "patch"].contains(&m.as_str())) {
                operations_seen += 1;
                if let Some((_, _, earlier)) = before.iter().find(|(m, def, _)| m == method && def.is_match(&concrete)) {
                    problems.push(format!("{} ({} {path}) is shadowed by {earlier}, registered before it", route.name, method.to_uppercase()));
                }
                before.push((method.clone(), actix_web::dev::ResourceDef::new(path.as_str()), route.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(operations_seen, operations().len(), "every documented operation is one registered route");
}

/// Walks the built app: on every documented path, every method. A documented operation
/// reaches its handler (which, without a session, answers 401); any other method answers
/// 405 from the fallback. So the app serves exactly the documented operations there.
#[actix_web::test]
async fn the_app_serves_exactly_the_documented_operations() {
    let app = TestApp::new().await;
    let public: BTreeSet<(String, String)> = operations()
        .into_iter()
        .filter(|o| workspaced_api::openapi::PUBLIC_OPERATIONS.contains(&o.id.as_str()))
        .map(|o| (o.method, o.path))
        .collect();
    let documented: BTreeSet<(String, String)> = operations().into_iter().map(|o| (o.method, o.path)).collect();
    let paths: BTreeSet<&String> = documented.iter().map(|(_, p)| p).collect();
    for path in paths {
        let concrete = path.replace("{organization}", &app.org_id.to_string()).replace(['{', '}'], "");
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            let res = app.request(Method::from_bytes(method.as_bytes()).unwrap(), &concrete).send().await;
            let expected = if public.contains(&(method.to_owned(), path.clone())) {
                StatusCode::OK
            } else if documented.contains(&(method.to_owned(), path.clone())) {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::METHOD_NOT_ALLOWED
            };
            assert_eq!(res.status, expected, "{method} {path}: {}", res.body);
            if res.status != StatusCode::OK {
                assert!(res.body["message"].is_string(), "{method} {path}: answered in the envelope");
            }
        }
    }
}

#[actix_web::test]
async fn served_document_and_swagger_ui() {
    let app = TestApp::new().await;
    let res = app.get("/api/v2/openapi.json").send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(&res.body, document());
    let ui = app.get("/swagger-ui/").send().await;
    assert_eq!(ui.status, StatusCode::OK);
    assert!(ui.body.as_str().unwrap_or_default().contains("swagger"), "Swagger UI page");
    let init = app.get("/swagger-ui/swagger-initializer.js").send().await;
    assert!(init.body.as_str().unwrap_or_default().contains("/api/v2/openapi.json"), "the UI reads our document");
    assert!(init.body.as_str().unwrap_or_default().contains(r#""validatorUrl": "none""#), "no online validator badge");
    for bare in ["/swagger-ui", "/swagger"] {
        for method in [Method::GET, Method::HEAD] {
            let res = app.request(method.clone(), bare).send().await;
            assert_eq!(res.status, StatusCode::PERMANENT_REDIRECT, "{method} {bare}");
            assert_eq!(res.headers.get("location").unwrap(), "/swagger-ui/");
        }
    }
    let health = app.get("/healthz").send().await;
    assert_eq!((health.status, health.body.as_str()), (StatusCode::OK, Some("OK")));
}

/// `/redoc` works offline: the page inlines the document and loads only the Redoc bundle the
/// binary serves (vendored, `crates/api/assets/redoc/`); nothing outside the server.
#[actix_web::test]
async fn redoc_is_served_from_the_binary() {
    let app = TestApp::new().await;
    let redoc = app.get("/redoc").send().await;
    assert_eq!(redoc.status, StatusCode::OK);
    assert_eq!(redoc.headers.get("content-type").unwrap(), "text/html; charset=utf-8");
    // The browser may load nothing from another origin (Redoc's sidebar logo is on a CDN).
    let policy = redoc.headers.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(policy.starts_with("default-src 'none';") && !policy.contains("http") && !policy.contains('*'), "{policy}");
    let page = redoc.body.as_str().unwrap_or_default();
    // The inlined document is the served one.
    let inlined_at = page.find("Redoc.init(").map(|i| i + "Redoc.init(".len()).expect("the page starts Redoc");
    let mut values = serde_json::Deserializer::from_str(&page[inlined_at..]).into_iter::<Value>();
    let inlined = values.next().expect("a document").expect("JSON");
    assert_eq!(&inlined, document(), "the page inlines the served document");
    let inlined_end = inlined_at + values.byte_offset();
    assert!(!page[inlined_at..inlined_end].contains('<'), "`<` is escaped in the inlined document");
    // Everything but the document: no URL with a scheme or a host, one script, ours.
    let shell = format!("{}{}", &page[..inlined_at], &page[inlined_end..]);
    assert!(shell.len() < 1000, "the document was found in the page and cut out: {shell}");
    assert!(!shell.contains("://") && !shell.contains("\"//"), "the page references an external URL: {shell}");
    let sources: Vec<&str> = shell.split("src=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    let bundle = workspaced_api::redoc::bundle_path();
    assert_eq!(sources, [bundle.as_str()], "the page's one external script is the served bundle");
    assert!(!shell.contains("href=") && !shell.contains("@import"), "no stylesheet or font is fetched: {shell}");

    let script = app.get(&bundle).send().await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.headers.get("content-type").unwrap(), "text/javascript; charset=utf-8");
    assert_eq!(script.headers.get("cache-control").unwrap(), "public, max-age=31536000, immutable");
    assert!(script.body.as_str().unwrap().as_bytes() == workspaced_api::redoc::BUNDLE, "the vendored bundle, byte for byte");
    let vendored = std::fs::read(repo_root().join("crates/api/assets/redoc/redoc.standalone.js")).unwrap();
    assert!(vendored == workspaced_api::redoc::BUNDLE && vendored.len() > 1_000_000, "Redoc's standalone build");
    // Another version's path is not served.
    let other = app.get("/redoc/redoc-0.0.0.standalone.js").send().await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

#[test]
fn slugs_follow_coder() {
    assert_eq!(slug("Get workspace metadata by ID"), "get-workspace-metadata-by-id");
    assert_eq!(slug("Completely clears the workspace's user and group ACLs."), "completely-clears-the-workspaces-user-and-group-acls");
    assert_eq!(slug("Update workspace dormancy status by id."), "update-workspace-dormancy-status-by-id");
}
