//! `/workspaces/{workspace}/favorite`, `/autoupdates`, `/usage` and `/dormant`.

use actix_web::http::{Method, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use uuid::Uuid;
use workspaced_store::types::AclRole;

use super::check_unauthorized;
use crate::harness::{TestApp, TestUser};

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";

/// Alice (with a workspace), Bob (it is shared with him with `use`) and Eve (a stranger).
struct Cast {
    alice: TestUser,
    bob: TestUser,
    eve: TestUser,
    ws: Value,
}

impl Cast {
    async fn new(app: &TestApp) -> Cast {
        let alice = app.user("alice", false).await;
        let bob = app.user("bob", false).await;
        let eve = app.user("eve", false).await;
        let ws = app.workspace(&alice, "dev").await;
        let (store, id, bob_id) = (app.store().clone(), ws_id(&ws), bob.user.id);
        tokio::task::spawn_blocking(move || store.set_workspace_user_role(id, bob_id, Some(AclRole::Use)).unwrap()).await.unwrap();
        Cast { alice, bob, eve, ws }
    }

    fn path(&self, tail: &str) -> String {
        format!("/api/v2/workspaces/{}/{tail}", self.ws["id"].as_str().unwrap())
    }
}

fn ws_id(ws: &Value) -> Uuid {
    ws["id"].as_str().unwrap().parse().unwrap()
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

async fn get(app: &TestApp, user: &TestUser, ws: &Value) -> Value {
    app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&user.token).send().await.body
}

#[actix_web::test]
async fn favorites_are_the_owners_and_come_first() {
    let app = TestApp::new().await;
    let cast = Cast::new(&app).await;
    app.workspace(&cast.alice, "alpha").await;
    let names = |body: &Value| -> Vec<String> {
        body["workspaces"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_owned()).collect()
    };
    let list = app.get("/api/v2/workspaces").token(&cast.alice.token).send().await;
    assert_eq!(names(&list.body), ["alpha", "dev"]);

    let fav = cast.path("favorite");
    app.request(Method::PUT, &fav).token(&cast.alice.token).send().await.snapshot(StatusCode::NO_CONTENT, "owner");
    assert_eq!(get(&app, &cast.alice, &cast.ws).await["favorite"], true);
    assert_eq!(get(&app, &app.owner, &cast.ws).await["favorite"], false, "favorites are personal");
    let list = app.get("/api/v2/workspaces").token(&cast.alice.token).send().await;
    assert_eq!(names(&list.body), ["dev", "alpha"], "the favorite comes first");
    assert_eq!(list.body["workspaces"][0]["favorite"], true);
    let list = app.get("/api/v2/workspaces").token(&app.owner.token).send().await;
    assert_eq!(names(&list.body), ["alpha", "dev"], "only in its owner's list");

    let res = app.request(Method::PUT, &fav).token(&app.owner.token).send().await;
    res.snapshot(StatusCode::FORBIDDEN, "not-the-owner");
    assert_eq!(res.message(), "You can only favorite workspaces that you own.");
    let res = app.request(Method::DELETE, &fav).token(&cast.bob.token).send().await;
    res.snapshot(StatusCode::FORBIDDEN, "not-the-owner");
    assert_eq!(res.message(), "You can only un-favorite workspaces that you own.");
    for method in [Method::PUT, Method::DELETE] {
        app.request(method.clone(), &fav).token(&cast.eve.token).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
        app.request(method.clone(), "/api/v2/workspaces/not-a-uuid/favorite")
            .token(&cast.alice.token)
            .send()
            .await
            .snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
        check_unauthorized(&app, method, &format!("/api/v2/workspaces/{MISSING}/favorite")).await;
    }

    app.request(Method::DELETE, &fav).token(&cast.alice.token).send().await.snapshot(StatusCode::NO_CONTENT, "owner");
    assert_eq!(get(&app, &cast.alice, &cast.ws).await["favorite"], false);
    let list = app.get("/api/v2/workspaces").token(&cast.alice.token).send().await;
    assert_eq!(names(&list.body), ["alpha", "dev"]);
}

#[actix_web::test]
async fn automatic_updates_are_always_or_never() {
    let app = TestApp::new().await;
    let cast = Cast::new(&app).await;
    let path = cast.path("autoupdates");
    let put = |user: &TestUser, body: Value| app.request(Method::PUT, &path).token(&user.token).json(body);
    put(&cast.alice, json!({ "automatic_updates": "always" })).send().await.snapshot(StatusCode::NO_CONTENT, "always");
    assert_eq!(get(&app, &cast.alice, &cast.ws).await["automatic_updates"], "always");
    assert_eq!(put(&app.owner, json!({ "automatic_updates": "never" })).send().await.status, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &cast.alice, &cast.ws).await["automatic_updates"], "never");

    let res = put(&cast.alice, json!({ "automatic_updates": "sometimes" })).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "not-always-or-never");
    assert_eq!(res.body["validations"], json!([{ "field": "automatic_updates", "detail": "must be always or never" }]));
    let res = put(&cast.alice, json!({})).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "missing");
    put(&cast.alice, json!({ "automatic_updates": true })).send().await.snapshot(StatusCode::BAD_REQUEST, "not-a-string");
    put(&cast.bob, json!({ "automatic_updates": "always" })).send().await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    put(&cast.eve, json!({ "automatic_updates": "always" })).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    assert_eq!(get(&app, &cast.alice, &cast.ws).await["automatic_updates"], "never", "refused requests change nothing");
    check_unauthorized(&app, Method::PUT, &format!("/api/v2/workspaces/{MISSING}/autoupdates")).await;
}

#[actix_web::test]
async fn usage_bumps_last_used_and_checks_the_agent_and_app() {
    let app = TestApp::new().await;
    let cast = Cast::new(&app).await;
    let other = app.workspace(&cast.alice, "other").await;
    app.provision().await;
    let agent_of = |ws: &Value| ws["latest_build"]["resources"][0]["agents"][0]["id"].as_str().unwrap().to_owned();
    let ws = get(&app, &cast.alice, &cast.ws).await;
    let (agent, other_agent) = (agent_of(&ws), agent_of(&get(&app, &cast.alice, &other).await));
    let path = cast.path("usage");
    let mut last = time(&ws["last_used_at"]);

    // No body, an empty object, null and a full body: each a use.
    let bodies: [(Option<Value>, &str); 4] = [
        (None, "no-body"),
        (Some(json!({})), "empty-object"),
        (Some(Value::Null), "null"),
        (Some(json!({ "agent_id": agent, "app_name": "vscode" })), "agent-and-app"),
    ];
    for (body, case) in bodies {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let mut req = app.post(&path).token(&cast.alice.token);
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.snapshot(StatusCode::NO_CONTENT, case);
        let now = time(&get(&app, &cast.alice, &cast.ws).await["last_used_at"]);
        assert!(now > last, "{case}: last_used_at moves on");
        last = now;
    }

    let post = |user: &TestUser, body: Value| app.post(&path).token(&user.token).json(body);
    let res = post(&cast.alice, json!({ "agent_id": agent, "app_name": "notepad" })).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "unknown-app");
    assert_eq!(res.body["validations"][0]["detail"], "must be one of [vscode jetbrains reconnecting-pty ssh]");
    post(&cast.alice, json!({ "app_name": "ssh" })).send().await.snapshot(StatusCode::BAD_REQUEST, "app-without-agent");
    post(&cast.alice, json!({ "agent_id": agent })).send().await.snapshot(StatusCode::BAD_REQUEST, "agent-without-app");
    post(&cast.alice, json!({ "agent_id": "nope", "app_name": "ssh" })).send().await.snapshot(StatusCode::BAD_REQUEST, "agent-not-a-uuid");
    post(&cast.alice, json!({ "agent_id": other_agent, "app_name": "ssh" }))
        .send()
        .await
        .snapshot(StatusCode::NOT_FOUND, "agent-of-another-workspace");
    assert_eq!(time(&get(&app, &cast.alice, &cast.ws).await["last_used_at"]), last, "refused reports are no use");
    app.post(&path).token(&cast.bob.token).send().await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    app.post(&path).token(&cast.eve.token).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    check_unauthorized(&app, Method::POST, &format!("/api/v2/workspaces/{MISSING}/usage")).await;
}

#[actix_web::test]
async fn dormancy_follows_the_templates_policy_and_waking_clears_it() {
    let app = TestApp::new().await;
    let cast = Cast::new(&app).await;
    const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;
    let sleepy = app.template_with("sleepy", |t| t.time_til_dormant_autodelete_ms = WEEK_MS).await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&cast.alice.token)
        .json(json!({ "name": "napper", "template_id": sleepy.id }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let napper = format!("/api/v2/workspaces/{}/dormant", res.body["id"].as_str().unwrap());
    let put = |user: &TestUser, path: &str, body: Value| app.request(Method::PUT, path).token(&user.token).json(body);

    let res = put(&cast.alice, &napper, json!({ "dormant": true })).send().await;
    res.snapshot(StatusCode::OK, "dormant-with-autodelete");
    let dormant_at = time(&res.body["dormant_at"]);
    assert_eq!(time(&res.body["deleting_at"]) - dormant_at, chrono::Duration::milliseconds(WEEK_MS));
    put(&cast.alice, &napper, json!({ "dormant": true })).send().await.snapshot(StatusCode::NOT_MODIFIED, "already-dormant");
    let list = app.get("/api/v2/workspaces?q=dormant:true").token(&cast.alice.token).send().await;
    assert_eq!(list.body["count"], 1);
    assert_eq!(list.body["workspaces"][0]["name"], "napper");

    let res = put(&cast.alice, &napper, json!({ "dormant": false })).send().await;
    res.snapshot(StatusCode::OK, "awake");
    assert_eq!((&res.body["dormant_at"], &res.body["deleting_at"]), (&Value::Null, &Value::Null));
    assert!(time(&res.body["last_used_at"]) >= dormant_at, "waking is a use");
    put(&cast.alice, &napper, json!({ "dormant": false })).send().await.snapshot(StatusCode::NOT_MODIFIED, "already-awake");

    // The starter template deletes nothing: no deleting_at.
    let path = cast.path("dormant");
    let res = put(&app.owner, &path, json!({ "dormant": true })).send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body["dormant_at"].is_string() && res.body["deleting_at"].is_null());
    assert_eq!(get(&app, &cast.alice, &cast.ws).await["dormant_at"], res.body["dormant_at"], "the owner sees it at once");

    put(&cast.bob, &path, json!({ "dormant": false })).send().await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    put(&cast.eve, &path, json!({ "dormant": false })).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    put(&cast.alice, &path, json!({ "dormant": "yes" })).send().await.snapshot(StatusCode::BAD_REQUEST, "not-a-boolean");
    check_unauthorized(&app, Method::PUT, &format!("/api/v2/workspaces/{MISSING}/dormant")).await;
}

/// 413 and 500 of these operations and of the ACL's, in the envelope.
#[actix_web::test]
async fn oversized_bodies_and_a_broken_database() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let id = ws["id"].as_str().unwrap().to_owned();
    let big = json!({ "pad": "x".repeat(1 << 20) });
    let with_body = [
        (Method::PATCH, format!("/api/v2/workspaces/{id}/acl")),
        (Method::PUT, format!("/api/v2/workspaces/{id}/autoupdates")),
        (Method::POST, format!("/api/v2/workspaces/{id}/usage")),
        (Method::PUT, format!("/api/v2/workspaces/{id}/dormant")),
    ];
    for (method, path) in &with_body {
        let res = app.request(method.clone(), path).token(&app.owner.token).json(big.clone()).send().await;
        res.snapshot(StatusCode::PAYLOAD_TOO_LARGE, "body-over-1mib");
    }
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.execute_admin_sql("ALTER TABLE workspaces RENAME TO workspaces_gone").unwrap())
        .await
        .unwrap();
    let bodies: [(Method, String, Option<Value>); 9] = [
        (Method::GET, format!("/api/v2/workspaces/{id}/acl"), None),
        (Method::PATCH, format!("/api/v2/workspaces/{id}/acl"), Some(json!({}))),
        (Method::DELETE, format!("/api/v2/workspaces/{id}/acl"), None),
        (Method::PUT, format!("/api/v2/workspaces/{id}/favorite"), None),
        (Method::DELETE, format!("/api/v2/workspaces/{id}/favorite"), None),
        (Method::PUT, format!("/api/v2/workspaces/{id}/autoupdates"), Some(json!({ "automatic_updates": "always" }))),
        (Method::POST, format!("/api/v2/workspaces/{id}/usage"), None),
        (Method::PUT, format!("/api/v2/workspaces/{id}/dormant"), Some(json!({ "dormant": true }))),
        (
            Method::GET,
            format!("/api/v2/organizations/{}/members/me/workspaces/available-users", app.org_id),
            None,
        ),
    ];
    for (method, path, body) in bodies {
        let mut req = app.request(method, &path).token(&app.owner.token);
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await;
        if path.contains("available-users") {
            // It reads no workspace: the users table is what breaks it.
            assert_eq!(res.status, StatusCode::OK);
            continue;
        }
        res.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "database-broken");
    }
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.execute_admin_sql("ALTER TABLE organization_members RENAME TO members_gone").unwrap())
        .await
        .unwrap();
    let path = format!("/api/v2/organizations/{}/members/me/workspaces/available-users", app.org_id);
    app.get(&path).token(&app.owner.token).send().await.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "database-broken");
}
