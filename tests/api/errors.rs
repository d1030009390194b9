//! The error model across routes: unknown routes, wrong methods, oversized bodies, server
//! faults and panics all answer with `codersdk.Response`.

use actix_web::http::{Method, StatusCode};
use actix_web::{test as atest, web, App};
use serde_json::json;

use crate::harness::TestApp;

#[actix_web::test]
async fn unknown_routes_and_wrong_methods() {
    let app = TestApp::new().await;
    let res = app.get("/api/v2/nothing-here").token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.message(), "Route not found.");
    let res = app.request(Method::DELETE, "/api/v2/workspaces").token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.message(), "Method not allowed.");
    assert_eq!(res.headers.get("allow").unwrap(), "GET");
    let res = app.request(Method::PUT, "/api/v2/workspaces/9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11").send().await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers.get("allow").unwrap(), "GET, PATCH");
}

#[actix_web::test]
async fn undecodable_path_segments_are_a_400_not_a_fault() {
    let app = TestApp::new().await;
    let res = app.get("/api/v2/users/%FF%FE/workspace/dev").token(&app.owner.token).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "undecodable-user");
}

#[actix_web::test]
async fn bodies_over_one_mebibyte_are_refused() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let big = json!({ "name": "x".repeat(1 << 20) });
    let paths = [
        "/api/v2/users/me/workspaces".to_owned(),
        format!("/api/v2/organizations/{}/members/me/workspaces", app.org_id),
        format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap()),
    ];
    for (i, path) in paths.iter().enumerate() {
        let method = if i == 2 { Method::PATCH } else { Method::POST };
        let res = app.request(method, path).token(&app.owner.token).json(big.clone()).send().await;
        res.snapshot(StatusCode::PAYLOAD_TOO_LARGE, "body-over-1mib");
        assert_eq!(res.message(), "Request body is too large.");
    }
}

#[actix_web::test]
async fn a_broken_database_is_a_500_with_the_envelope() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let id = ws["id"].as_str().unwrap().to_owned();
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.execute_admin_sql("ALTER TABLE workspaces RENAME TO workspaces_gone").unwrap())
        .await
        .unwrap();
    let token = app.owner.token.clone();
    let body = json!({ "name": "another", "template_id": app.template.id });
    let cases = [
        (Method::GET, "/api/v2/workspaces".to_owned(), None),
        (Method::GET, format!("/api/v2/workspaces/{id}"), None),
        (Method::PATCH, format!("/api/v2/workspaces/{id}"), Some(json!({ "name": "renamed" }))),
        (Method::GET, "/api/v2/users/me/workspace/dev".to_owned(), None),
        (Method::POST, "/api/v2/users/me/workspaces".to_owned(), Some(body.clone())),
        (Method::POST, format!("/api/v2/organizations/{}/members/me/workspaces", app.org_id), Some(body)),
    ];
    for (method, path, body) in cases {
        let mut req = app.request(method, &path).token(&token);
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await;
        res.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "database-broken");
        assert!(!res.message().is_empty());
    }
}

#[actix_web::test]
async fn a_panicking_handler_is_a_500_with_the_envelope() {
    let app = atest::init_service(
        App::new()
            .wrap(actix_web::middleware::from_fn(workspaced_api::middleware::observe))
            .route("/boom", web::get().to(|| async {
                if true {
                    panic!("boom");
                }
                "unreachable"
            })),
    )
    .await;
    // The middleware hands actix an error; actix renders it with the error's own response.
    let Err(err) = atest::try_call_service(&app, atest::TestRequest::get().uri("/boom").to_request()).await else {
        panic!("a panic becomes an error");
    };
    let res = err.error_response();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let bytes = actix_web::body::to_bytes(res.into_body()).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["message"], "An internal server error occurred.");
}

#[actix_web::test]
async fn tokens_are_accepted_from_every_documented_place() {
    let app = TestApp::new().await;
    let t = app.owner.token.clone();
    let ok = |res: crate::harness::TestResponse| assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    ok(app.get("/api/v2/workspaces").header("Coder-Session-Token", &t).send().await);
    ok(app.get("/api/v2/workspaces").header("Cookie", &format!("coder_session_token={t}")).send().await);
    ok(app.get(&format!("/api/v2/workspaces?coder_session_token={t}")).send().await);
    ok(app.get("/api/v2/workspaces").header("Authorization", &format!("Bearer {t}")).send().await);
    // Right id, wrong secret.
    let forged = format!("{}-{}", &t[..10], "A".repeat(22));
    let res = app.get("/api/v2/workspaces").token(&forged).send().await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.body["detail"], "API key secret is invalid.");
}

/// A log sink for one test: what `tracing` writes on this thread while the guard lives.
#[derive(Clone, Default)]
struct CapturedLog(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    /// The log of this test binary: services log on the blocking pool's threads, so the
    /// sink must be the global subscriber (set once; other tests' lines land there too).
    fn global() -> CapturedLog {
        static LOG: std::sync::OnceLock<CapturedLog> = std::sync::OnceLock::new();
        LOG.get_or_init(|| {
            let log = CapturedLog::default();
            let sink = log.clone();
            let subscriber = tracing_subscriber::fmt().with_writer(move || sink.clone()).with_ansi(false).finish();
            tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber in this binary");
            log
        })
        .clone()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[actix_web::test]
async fn data_that_does_not_decode_is_a_logged_500_never_a_default() {
    let log = CapturedLog::global();

    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let id = ws["id"].as_str().unwrap().to_owned();
    let healthy = app.workspace(&app.owner, "other").await;
    let other_id = healthy["id"].as_str().unwrap().to_owned();
    // Built, so that the workspaces have agents (with JSON columns) and their reads are kept:
    // the corruptions below are writes like any other, and no kept read survives them.
    app.provision().await;
    let agents_of = format!(
        "resource_id IN (SELECT r.id FROM workspace_resources r JOIN workspace_builds b ON b.job_id = r.job_id \
         WHERE b.workspace_id = '{id}')"
    );
    let corruptions = [
        // An enum text this build does not know (it used to read as a default variant).
        format!("UPDATE workspaces SET automatic_updates = 'sometimes' WHERE id = '{id}'"),
        // An id that is not a UUID (it used to read as the nil UUID).
        format!(
            "UPDATE provisioner_jobs SET worker_id = 'not-a-uuid' WHERE id = \
             (SELECT job_id FROM workspace_builds WHERE workspace_id = '{id}')"
        ),
        // JSON columns that do not decode (they used to read as empty lists and maps).
        format!("UPDATE workspace_agents SET environment_variables = '{{\"PATH\": 1' WHERE {agents_of}"),
        format!("UPDATE workspace_agents SET display_apps = '[\"teleport\"]' WHERE {agents_of}"),
    ];
    for (i, statement) in corruptions.into_iter().enumerate() {
        let store = app.store().clone();
        let undo = format!(
            "UPDATE workspaces SET automatic_updates = 'never' WHERE id = '{id}'; \
             UPDATE provisioner_jobs SET worker_id = NULL WHERE worker_id = 'not-a-uuid'; \
             UPDATE workspace_agents SET environment_variables = '{{}}', display_apps = '[]' WHERE {agents_of}"
        );
        tokio::task::spawn_blocking(move || {
            for s in undo.split("; ") {
                store.execute_admin_sql(s).unwrap();
            }
            store.execute_admin_sql(&statement).unwrap();
        })
        .await
        .unwrap();
        for path in [format!("/api/v2/workspaces/{id}"), "/api/v2/workspaces".to_owned(), "/api/v2/users/me/workspace/dev".to_owned()] {
            let res = app.get(&path).token(&app.owner.token).send().await;
            assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "corruption {i}, {path}: {}", res.body);
            assert!(res.body["detail"].as_str().unwrap().contains("corrupt"), "{}", res.body);
            if i == 0 && path.ends_with(&id) {
                res.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "corrupt-row");
            }
        }
        // A workspace whose rows are sound still answers.
        let fine = app.get(&format!("/api/v2/workspaces/{other_id}")).token(&app.owner.token).send().await;
        assert_eq!(fine.status, StatusCode::OK);
    }
    let logged = log.text();
    assert!(logged.contains("ERROR"), "the fault is logged: {logged}");
    assert!(logged.contains("sometimes") && logged.contains("not-a-uuid"), "the log names the bad values: {logged}");
    assert!(logged.contains("PATH") && logged.contains("teleport"), "the log names the bad JSON: {logged}");
}

#[actix_web::test]
async fn schedules_and_builds_refuse_bodies_over_one_mebibyte() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let id = ws["id"].as_str().unwrap();
    let big = json!({ "schedule": "x".repeat(1 << 20) });
    for (method, path) in [
        (Method::PUT, format!("/api/v2/workspaces/{id}/autostart")),
        (Method::PUT, format!("/api/v2/workspaces/{id}/ttl")),
        (Method::PUT, format!("/api/v2/workspaces/{id}/extend")),
        (Method::POST, format!("/api/v2/workspaces/{id}/builds")),
    ] {
        let res = app.request(method, &path).token(&app.owner.token).json(big.clone()).send().await;
        res.snapshot(StatusCode::PAYLOAD_TOO_LARGE, "body-over-1mib");
    }
}

#[actix_web::test]
async fn schedules_builds_and_timings_answer_500_on_a_broken_database() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.execute_admin_sql("ALTER TABLE workspaces RENAME TO workspaces_gone").unwrap())
        .await
        .unwrap();
    let cases = [
        (Method::PUT, format!("/api/v2/workspaces/{id}/autostart"), Some(json!({ "schedule": "0 9 * * 1" }))),
        (Method::PUT, format!("/api/v2/workspaces/{id}/ttl"), Some(json!({ "ttl_ms": 3_600_000 }))),
        (Method::PUT, format!("/api/v2/workspaces/{id}/extend"), Some(json!({ "deadline": "2030-01-01T00:00:00Z" }))),
        (Method::GET, format!("/api/v2/workspaces/{id}/resolve-autostart"), None),
        (Method::GET, format!("/api/v2/workspaces/{id}/timings"), None),
        (Method::POST, format!("/api/v2/workspaces/{id}/builds"), Some(json!({ "transition": "stop" }))),
        (Method::GET, format!("/api/v2/workspaces/{id}/builds"), None),
    ];
    for (method, path, body) in cases {
        let mut req = app.request(method, &path).token(&app.owner.token);
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "database-broken");
    }
}

#[actix_web::test]
async fn templates_users_and_build_info_answer_500_on_a_broken_database() {
    let app = TestApp::new().await;
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || {
        store.execute_admin_sql("ALTER TABLE templates RENAME TO templates_gone").unwrap();
        store.execute_admin_sql("ALTER TABLE organization_members RENAME TO members_gone").unwrap();
        store.execute_admin_sql("ALTER TABLE organizations RENAME TO organizations_gone").unwrap();
    })
    .await
    .unwrap();
    for path in [
        "/api/v2/templates".to_owned(),
        format!("/api/v2/templates/{}", app.template.id),
        "/api/v2/users/me".to_owned(),
        "/api/v2/buildinfo".to_owned(),
    ] {
        app.get(&path).token(&app.owner.token).send().await.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "database-broken");
    }
}
