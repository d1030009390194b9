//! The guards every request passes besides authentication: the CSRF check of requests
//! authenticated by the session cookie alone, JSON bodies sent as JSON, Coder's API rate
//! limit, the security headers, hostile JSON; the token lifecycle (deleted and expired
//! tokens refused at once, on every server of the database); and the workspace of another
//! user, which every documented operation hides (404).

use actix_web::http::{Method, StatusCode};
use serde_json::{json, Value};
use workspaced_api::AppState;

use crate::harness::{document, operations, schema_errors, Operation, TestApp, TestResponse};

fn cookie(token: &str) -> String {
    format!("coder_session_token={token}")
}

/// The answer is Coder's error envelope with this status.
fn assert_envelope(res: &TestResponse, status: StatusCode) {
    assert_eq!(res.status, status, "{}", res.body);
    let errors = schema_errors(&json!({ "$ref": "#/components/schemas/codersdk.Response" }), &res.body);
    assert!(errors.is_empty(), "not a codersdk.Response: {errors:?}: {}", res.body);
    assert!(!res.message().is_empty());
}

async fn count_workspaces(app: &TestApp) -> u64 {
    let list = app.get("/api/v2/workspaces").token(&app.owner.token).send().await;
    list.body["count"].as_u64().unwrap()
}

// ---------------------------------------------------------------------------------------
// CSRF

#[actix_web::test]
async fn a_cross_site_post_with_only_the_cookie_is_refused() {
    let app = TestApp::new().await;
    let body = json!({ "name": "forged", "template_id": app.template.id }).to_string();
    // What a form or fetch() on any page can send without a preflight.
    for (case, headers) in [
        ("text/plain, no origin information", vec![("Content-Type", "text/plain")]),
        ("cross-site by Sec-Fetch-Site", vec![("Content-Type", "text/plain"), ("Sec-Fetch-Site", "cross-site")]),
        ("same-site is not same-origin", vec![("Content-Type", "application/json"), ("Sec-Fetch-Site", "same-site")]),
        ("another Origin", vec![("Content-Type", "application/json"), ("Origin", "https://evil.example"), ("Host", "localhost:3000")]),
        ("a null Origin", vec![("Content-Type", "application/json"), ("Origin", "null"), ("Host", "localhost:3000")]),
        ("form encoded", vec![("Content-Type", "application/x-www-form-urlencoded")]),
    ] {
        let mut req = app.post("/api/v2/users/me/workspaces").header("Cookie", &cookie(&app.owner.token)).raw(body.clone()).unchecked();
        for (k, v) in headers {
            req = req.header(k, v);
        }
        let res = req.send().await;
        assert_envelope(&res, StatusCode::FORBIDDEN);
        assert!(res.message().contains("CSRF"), "{case}: {}", res.body);
        assert!(res.body["detail"].as_str().unwrap().contains("Coder-Session-Token"), "{case}: the detail says what to do");
    }
    // Unsafe methods without a body are checked too.
    let id = app.workspace(&app.owner, "mine").await["id"].as_str().unwrap().to_owned();
    let res = app
        .put(&format!("/api/v2/workspaces/{id}/favorite"))
        .header("Cookie", &cookie(&app.owner.token))
        .header("Sec-Fetch-Site", "cross-site")
        .unchecked()
        .send()
        .await;
    assert_envelope(&res, StatusCode::FORBIDDEN);
    assert_eq!(count_workspaces(&app).await, 1, "nothing forged was created");
}

#[actix_web::test]
async fn cookie_requests_pass_when_they_prove_their_origin() {
    let app = TestApp::new().await;
    let t = app.owner.token.clone();
    let create = |name: &str| json!({ "name": name, "template_id": app.template.id });
    let passes = [
        ("Sec-Fetch-Site same-origin", vec![("Sec-Fetch-Site", "same-origin".to_owned())]),
        ("Sec-Fetch-Site none (typed by the user)", vec![("Sec-Fetch-Site", "none".to_owned())]),
        ("Origin is this server", vec![("Origin", "http://localhost:3000".to_owned()), ("Host", "localhost:3000".to_owned())]),
        ("double-submit token", vec![("X-CSRF-Token", "s3cr3t".to_owned()), ("Cookie", format!("{}; csrf_token=s3cr3t", cookie(&t)))]),
        ("the header carries the same token", vec![("Coder-Session-Token", t.clone())]),
        ("a bearer token, the same", vec![("Authorization", format!("Bearer {t}"))]),
    ];
    for (i, (case, headers)) in passes.into_iter().enumerate() {
        let mut req = app.post("/api/v2/users/me/workspaces").json(create(&format!("ok-{i}")));
        if !headers.iter().any(|(k, _)| *k == "Cookie") {
            req = req.header("Cookie", &cookie(&t));
        }
        for (k, v) in &headers {
            req = req.header(k, v);
        }
        let res = req.send().await;
        assert_eq!(res.status, StatusCode::CREATED, "{case}: {}", res.body);
    }
    // A double-submit token that does not match is no proof.
    let res = app
        .post("/api/v2/users/me/workspaces")
        .header("Cookie", &format!("{}; csrf_token=one", cookie(&t)))
        .header("X-CSRF-Token", "two")
        .json(create("mismatch"))
        .unchecked()
        .send()
        .await;
    assert_envelope(&res, StatusCode::FORBIDDEN);
    // The query token is exempt only when it is the cookie's: another one (an attacker's)
    // does not make the cookie's request legitimate.
    let other = app.user("mallory", false).await;
    let res = app
        .post(&format!("/api/v2/users/me/workspaces?coder_session_token={}", other.token))
        .header("Cookie", &cookie(&t))
        .json(create("smuggled"))
        .unchecked()
        .send()
        .await;
    assert_envelope(&res, StatusCode::FORBIDDEN);
    // Safe methods are never checked; requests without the cookie neither.
    let res = app.get("/api/v2/workspaces").header("Cookie", &cookie(&t)).header("Sec-Fetch-Site", "cross-site").send().await;
    assert_eq!(res.status, StatusCode::OK);
    let res = app.post("/api/v2/users/me/workspaces").token(&t).header("Sec-Fetch-Site", "cross-site").json(create("api-client")).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
}

#[actix_web::test]
async fn a_body_must_be_sent_as_json() {
    let app = TestApp::new().await;
    let body = json!({ "name": "typed", "template_id": app.template.id }).to_string();
    for content_type in ["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "nonsense"] {
        let res = app.post("/api/v2/users/me/workspaces").token(&app.owner.token).header("Content-Type", content_type).raw(body.clone()).send().await;
        assert_envelope(&res, StatusCode::BAD_REQUEST);
        assert_eq!(res.message(), "Request body must be valid JSON.");
        assert!(res.body["detail"].as_str().unwrap().contains("application/json"), "{content_type}: {}", res.body);
    }
    // No Content-Type at all, with a body: refused too.
    let id = app.workspace(&app.owner, "typed").await["id"].as_str().unwrap().to_owned();
    let service = actix_web::test::init_service(workspaced_api::build(Some(app.state.clone())).0).await;
    let req = actix_web::test::TestRequest::patch()
        .uri(&format!("/api/v2/workspaces/{id}"))
        .insert_header(("Coder-Session-Token", app.owner.token.as_str()))
        .set_payload(r#"{"name":"renamed"}"#)
        .to_request();
    let res = actix_web::test::call_service(&service, req).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // JSON types with parameters or a +json suffix are JSON.
    for (i, content_type) in ["application/json; charset=utf-8", "application/merge-patch+json"].into_iter().enumerate() {
        let res = app
            .patch(&format!("/api/v2/workspaces/{id}"))
            .token(&app.owner.token)
            .header("Content-Type", content_type)
            .raw(json!({ "name": format!("renamed-{i}") }).to_string())
            .send()
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{content_type}: {}", res.body);
    }
    assert_eq!(count_workspaces(&app).await, 1);
}

// ---------------------------------------------------------------------------------------
// Rate limit

fn limited(app: &TestApp, per_minute: i64) -> TestApp {
    app.with_state(app.state.clone().with_rate_limit(per_minute))
}

fn header<'a>(res: &'a TestResponse, name: &str) -> &'a str {
    res.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("no {name} header"))
}

#[actix_web::test]
async fn the_api_rate_limit_counts_per_user_and_answers_429_with_coders_headers() {
    let base = TestApp::new().await;
    let app = limited(&base, 5);
    let alice = app.user("alice", false).await;
    for i in 0..5 {
        let res = app.get("/api/v2/workspaces").token(&alice.token).send().await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(header(&res, "x-ratelimit-limit"), "5");
        assert_eq!(header(&res, "x-ratelimit-remaining"), (4 - i).to_string());
        let reset: u64 = header(&res, "x-ratelimit-reset").parse().unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        assert!(reset >= now && reset <= now + 61, "reset {reset} is a unix time within the minute");
    }
    let res = app.get("/api/v2/workspaces").token(&alice.token).unchecked().send().await;
    assert_envelope(&res, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.message(), "You've been rate limited for sending more than 5 requests in 1m0s.");
    assert_eq!(header(&res, "x-ratelimit-remaining"), "0");
    assert_eq!(header(&res, "x-ratelimit-limit"), "5");
    let retry: u64 = header(&res, "retry-after").parse().unwrap();
    assert!((1..=12).contains(&retry), "one request's worth of a minute: {retry}");
    // Every operation counts, writes too; the limit is per user: another is not affected.
    let res = app.post("/api/v2/users/me/workspaces").token(&alice.token).json(json!({ "name": "x", "template_id": app.template.id })).unchecked().send().await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let res = app.get("/api/v2/workspaces").token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::OK);
    // Security headers are on the refusal too.
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
}

#[actix_web::test]
async fn anonymous_requests_are_limited_by_address() {
    let base = TestApp::new().await;
    let app = limited(&base, 3);
    for _ in 0..3 {
        let res = app.get("/api/v2/buildinfo").send().await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let res = app.get("/api/v2/buildinfo").unchecked().send().await;
    assert_envelope(&res, StatusCode::TOO_MANY_REQUESTS);
    // Probing without a valid token is anonymous too.
    let res = app.get("/api/v2/workspaces").unchecked().send().await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // The undocumented routes are not the API's.
    let service = actix_web::test::init_service(workspaced_api::build(Some(app.state.clone())).0).await;
    let res = actix_web::test::call_service(&service, actix_web::test::TestRequest::get().uri("/healthz").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[actix_web::test]
async fn site_owners_may_bypass_the_limit_and_members_may_not() {
    let base = TestApp::new().await;
    let app = limited(&base, 3);
    let member = app.user("member", false).await;
    for i in 0..20 {
        let res = app.get("/api/v2/workspaces").token(&app.owner.token).header("X-Coder-Bypass-Ratelimit", "true").send().await;
        assert_eq!(res.status, StatusCode::OK, "owner request {i}");
    }
    let answers: Vec<StatusCode> = futures_util::future::join_all(
        (0..5).map(|_| app.get("/api/v2/workspaces").token(&member.token).header("X-Coder-Bypass-Ratelimit", "true").unchecked().send()),
    )
    .await
    .iter()
    .map(|r| r.status)
    .collect();
    assert_eq!(answers.iter().filter(|s| **s == StatusCode::OK).count(), 3, "{answers:?}");
    assert_eq!(answers.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 2, "{answers:?}");
    // A forged secret with the owner's key id proves nothing: it is counted (and refused).
    let forged = format!("{}-{}", &app.owner.token[..10], "A".repeat(22));
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(app.get("/api/v2/workspaces").token(&forged).header("X-Coder-Bypass-Ratelimit", "true").unchecked().send().await.status);
    }
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    // Without the header the owner is limited like anyone.
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(app.get("/api/v2/workspaces").token(&app.owner.token).unchecked().send().await.status);
    }
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}

#[actix_web::test]
async fn a_negative_limit_disables_it() {
    let base = TestApp::new().await;
    let app = limited(&base, -1);
    assert!(app.state.rate_limit.is_none());
    for _ in 0..50 {
        let res = app.get("/api/v2/buildinfo").send().await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.headers.get("x-ratelimit-limit").is_none());
    }
    assert!(workspaced_api::security::RateLimiter::per_minute(0).is_none());
}

// ---------------------------------------------------------------------------------------
// Tokens

#[actix_web::test]
async fn a_deleted_or_expired_token_is_refused_at_once_by_every_server() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let id = app.workspace(&alice, "mine").await["id"].as_str().unwrap().to_owned();
    // A second server on the same database.
    let url = app.url.clone();
    let other_store = tokio::task::spawn_blocking(move || workspaced_store::Store::connect(&url).unwrap()).await.unwrap();
    let other = app.with_state(AppState::new(other_store));
    for server in [&app, &other] {
        // Warm: the read path has answered this request before.
        for _ in 0..2 {
            let res = server.get(&format!("/api/v2/workspaces/{id}")).token(&alice.token).send().await;
            assert_eq!(res.status, StatusCode::OK);
        }
    }
    let store = app.store().clone();
    let key_id = alice.token[..10].to_owned();
    assert!(tokio::task::spawn_blocking(move || store.delete_api_key(&key_id)).await.unwrap().unwrap());
    for server in [&app, &other] {
        let res = server.get(&format!("/api/v2/workspaces/{id}")).token(&alice.token).send().await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
        assert_eq!(res.body["detail"], "API key secret is invalid.");
    }
    // A token past its expiry.
    let minted = workspaced_api::auth::mint_token(alice.user.id, chrono::Duration::days(1), "short");
    let mut key = minted.key.clone();
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.insert_api_key(&key).unwrap()).await.unwrap();
    let res = other.get(&format!("/api/v2/workspaces/{id}")).token(&minted.token).send().await;
    assert_eq!(res.status, StatusCode::OK);
    key = minted.key.clone();
    key.expires_at = workspaced_store::now() - chrono::Duration::seconds(1);
    let store = app.store().clone();
    let kid = key.id.clone();
    tokio::task::spawn_blocking(move || {
        store.delete_api_key(&kid).unwrap();
        store.insert_api_key(&key).unwrap();
    })
    .await
    .unwrap();
    for server in [&app, &other] {
        let res = server.get(&format!("/api/v2/workspaces/{id}")).token(&minted.token).send().await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert_eq!(res.body["detail"], "API key expired.");
    }
}

// ---------------------------------------------------------------------------------------
// Hardening

#[actix_web::test]
async fn answers_carry_coders_security_headers() {
    let app = TestApp::new().await;
    for res in [
        app.get("/api/v2/workspaces").token(&app.owner.token).send().await,
        app.get("/api/v2/workspaces").send().await,
        app.get("/api/v2/no-such-route").send().await,
        app.get("/api/v2/buildinfo").send().await,
    ] {
        assert_eq!(header(&res, "x-content-type-options"), "nosniff");
        assert_eq!(header(&res, "referrer-policy"), "strict-origin-when-cross-origin");
        assert_eq!(header(&res, "x-frame-options"), "DENY");
        assert!(header(&res, "permissions-policy").contains("camera=()"));
    }
}

#[actix_web::test]
async fn hostile_json_is_a_400_never_a_fault() {
    let app = TestApp::new().await;
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_object = format!("{{\"name\":{}1{}}}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let huge_number = format!("{{\"name\":\"n\",\"template_id\":\"{}\",\"ttl_ms\":1{}}}", app.template.id, "0".repeat(400));
    let huge_exponent = format!("{{\"name\":\"n\",\"template_id\":\"{}\",\"ttl_ms\":1e999999999}}", app.template.id);
    let long_digits = format!("{{\"name\":\"n\",\"template_id\":\"{}\",\"ttl_ms\":{}}}", app.template.id, "9".repeat(500_000));
    for (case, body) in [("deep array", deep), ("deep object", deep_object), ("huge number", huge_number), ("huge exponent", huge_exponent), ("long digits", long_digits)] {
        let res = app.post("/api/v2/users/me/workspaces").token(&app.owner.token).raw(body).send().await;
        assert_envelope(&res, StatusCode::BAD_REQUEST);
        assert_eq!(res.message(), "Request body must be valid JSON.", "{case}");
    }
    let id = app.workspace(&app.owner, "ok").await["id"].as_str().unwrap().to_owned();
    let deep_acl = format!("{{\"user_roles\":{}\"x\"{}}}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let res = app.request(Method::PATCH, &format!("/api/v2/workspaces/{id}/acl")).token(&app.owner.token).raw(deep_acl).send().await;
    assert_envelope(&res, StatusCode::BAD_REQUEST);
}

// ---------------------------------------------------------------------------------------
// Another user's workspace

/// The document's example of the operation's request body (its schema's first), if it
/// takes one: the body of an operation [`body_for`] does not name.
fn example_body(op: &Operation) -> Option<Value> {
    let doc = document();
    let schema = doc["paths"][&op.path][op.method.to_lowercase()].pointer("/requestBody/content/application~1json/schema")?;
    let name = schema["$ref"].as_str()?.trim_start_matches("#/components/schemas/");
    doc["components"]["schemas"][name]["examples"].get(0).cloned()
}

/// A plausible body for each operation that takes one (so that what is answered is about
/// the workspace, not the body); one it does not name sends its example ([`example_body`]).
fn body_for(operation: &str, template: &str) -> Option<Value> {
    Some(match operation {
        "update-workspace-metadata-by-id" => json!({ "name": "stolen" }),
        "update-workspace-autostart-schedule-by-id" => json!({ "schedule": "CRON_TZ=UTC 30 9 * * 1-5" }),
        "update-workspace-ttl-by-id" => json!({ "ttl_ms": 3_600_000 }),
        "extend-workspace-deadline-by-id" => json!({ "deadline": "2099-01-01T00:00:00Z" }),
        "update-workspace-acl" => json!({ "user_roles": {}, "group_roles": {} }),
        "update-workspace-automatic-updates-by-id" => json!({ "automatic_updates": "always" }),
        "post-workspace-usage-by-id" => json!({ "agent_id": "00000000-0000-0000-0000-000000000000", "app_name": "ssh" }),
        "update-workspace-dormancy-status-by-id" => json!({ "dormant": true }),
        "create-workspace-build" => json!({ "transition": "stop" }),
        "create-user-workspace-by-organization" | "create-user-workspace" => json!({ "name": "x", "template_id": template }),
        _ => return None,
    })
}

#[actix_web::test]
async fn every_operation_on_another_users_workspace_is_a_404() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let eve = app.user("eve", false).await;
    let ws = app.workspace(&alice, "private").await;
    app.provision().await;
    let id = ws["id"].as_str().unwrap();
    let template = app.template.id.to_string();
    let mut walked = Vec::new();
    for op in operations() {
        let path = if op.path.contains("{workspace}") {
            op.path.replace("{workspace}", id)
        } else if op.path.contains("{workspacename}") {
            op.path.replace("{user}", "alice").replace("{workspacename}", "private")
        } else {
            continue;
        };
        let method = Method::from_bytes(op.method.as_bytes()).unwrap();
        let mut req = app.request(method, &path).token(&eve.token);
        if let Some(body) = body_for(&op.id, &template).or_else(|| example_body(&op)) {
            req = req.json(body);
        }
        let res = req.send().await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{} {} as a stranger: {}", op.method, op.path, res.body);
        assert_eq!(res.message(), workspaced_api::error::NOT_FOUND_MESSAGE, "{}", op.id);
        walked.push(op.id);
    }
    assert!(walked.len() >= 18, "walked {walked:?}");
    // And nothing changed: alice still sees her workspace as it was.
    let res = app.get(&format!("/api/v2/workspaces/{id}")).token(&alice.token).send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body["name"], "private");
    assert_eq!(res.body["latest_build"]["build_number"], 1);
    assert!(res.body["autostart_schedule"].is_null());
}
