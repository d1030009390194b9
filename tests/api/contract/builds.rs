//! `/workspaces/{workspace}/builds` and `/workspaces/{workspace}/timings`.

use actix_web::http::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use workspaced_store::types::AclRole;
use workspaced_store::{AgentSpec, ResourceSpec, ScriptSpec};

use super::check_unauthorized;
use crate::harness::TestApp;

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";

async fn build(app: &TestApp, id: &str, body: Value) -> crate::harness::TestResponse {
    app.post(&format!("/api/v2/workspaces/{id}/builds")).token(&app.owner.token).json(body).send().await
}

async fn status(app: &TestApp, id: &str) -> Value {
    let res = app.get(&format!("/api/v2/workspaces/{id}?include_deleted=true")).token(&app.owner.token).send().await;
    res.body["latest_build"]["status"].clone()
}

#[actix_web::test]
async fn stop_start_and_delete_run_through_the_provisioner() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    let res = build(&app, &id, json!({ "transition": "stop" })).await;
    res.snapshot(StatusCode::CREATED, "stop");
    assert_eq!((res.body["build_number"].as_i64(), res.body["status"].as_str()), (Some(2), Some("pending")));
    assert_eq!(res.body["transition"], "stop");
    app.provision().await;
    assert_eq!(status(&app, &id).await, "stopped");

    let res = build(&app, &id, json!({ "transition": "start", "reason": "cli" })).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(res.body["reason"], "cli");
    app.provision().await;
    assert_eq!(status(&app, &id).await, "running");

    let res = build(&app, &id, json!({ "transition": "delete" })).await;
    res.snapshot(StatusCode::CREATED, "delete");
    app.provision().await;
    let gone = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
    assert_eq!(gone.status, StatusCode::GONE, "a deleted workspace is gone: {}", gone.body);
    assert_eq!(status(&app, &id).await, "deleted");
    let res = build(&app, &id, json!({ "transition": "start" })).await;
    res.snapshot(StatusCode::CONFLICT, "deleted");
    assert_eq!(res.message(), "Cannot start a deleted workspace!");

    let list = app.get(&format!("/api/v2/workspaces/{id}/builds")).token(&app.owner.token).send().await;
    list.snapshot(StatusCode::OK, "history");
    let numbers: Vec<i64> = list.body.as_array().unwrap().iter().map(|b| b["build_number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [4, 3, 2, 1], "newest first");
    let page = app.get(&format!("/api/v2/workspaces/{id}/builds?limit=2&offset=1")).token(&app.owner.token).send().await;
    let numbers: Vec<i64> = page.body.as_array().unwrap().iter().map(|b| b["build_number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [3, 2]);
    let second = list.body[2]["id"].as_str().unwrap();
    let after = app.get(&format!("/api/v2/workspaces/{id}/builds?after_id={second}")).token(&app.owner.token).send().await;
    let numbers: Vec<i64> = after.body.as_array().unwrap().iter().map(|b| b["build_number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [4, 3], "builds after build 2");
    let since = list.body[1]["created_at"].as_str().unwrap();
    let res = app.get(&format!("/api/v2/workspaces/{id}/builds?since={since}")).token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.as_array().unwrap().iter().all(|b| b["build_number"].as_i64().unwrap() >= 4), "{}", res.body);
}

/// A dormant workspace cannot be started, by its owner or a site owner: Coder gives it the
/// RBAC object `workspace_dormant`, which grants read, update, stop and delete but not start
/// (`wsbuilder`'s authorize answers 403 naming the action). It can be stopped, and started
/// again once woken.
#[actix_web::test]
async fn a_dormant_workspace_is_not_started() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let id = app.running_workspace(&alice, "dev").await;
    let path = format!("/api/v2/workspaces/{id}/builds");
    let dormant = format!("/api/v2/workspaces/{id}/dormant");
    let res = app.post(&path).token(&alice.token).json(json!({ "transition": "stop" })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    app.provision().await;
    let res = app.request(Method::PUT, &dormant).token(&alice.token).json(json!({ "dormant": true })).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    let res = app.post(&path).token(&alice.token).json(json!({ "transition": "start" })).send().await;
    res.snapshot(StatusCode::FORBIDDEN, "dormant-start");
    assert_eq!(res.message(), "You do not have permission to start this workspace.");
    let res = app.post(&path).token(&app.owner.token).json(json!({ "transition": "start" })).send().await;
    assert_eq!((res.status, res.message()), (StatusCode::FORBIDDEN, "You do not have permission to start this workspace."), "site owners too");
    let res = app.post(&path).token(&app.owner.token).json(json!({ "transition": "stop" })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "a dormant workspace may be stopped: {}", res.body);
    app.provision().await;
    assert_eq!(status(&app, &id).await, "stopped");

    let res = app.request(Method::PUT, &dormant).token(&alice.token).json(json!({ "dormant": false })).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app.post(&path).token(&alice.token).json(json!({ "transition": "start" })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "woken, it starts: {}", res.body);
}

#[actix_web::test]
async fn a_new_build_waits_for_the_active_one() {
    let app = TestApp::new().await;
    let id = app.workspace(&app.owner, "dev").await["id"].as_str().unwrap().to_owned();
    let res = build(&app, &id, json!({ "transition": "stop" })).await;
    res.snapshot(StatusCode::CONFLICT, "build-active");
    assert_eq!(res.message(), "A workspace build is already active.");
}

#[actix_web::test]
async fn a_build_can_move_to_another_version_with_new_parameters() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    let spec = workspaced_store::ParameterSpec {
        name: "region".into(),
        description: String::new(),
        kind: "string".into(),
        default_value: None,
        mutable: true,
        options: vec!["eu".into(), "us".into()],
        validation_min: None,
        validation_max: None,
        validation_regex: None,
    };
    let (store, template, admin) = (app.store().clone(), app.template.clone(), app.owner.user.id);
    let v2 = tokio::task::spawn_blocking(move || {
        store.create_template_version(&template, "v2", &[spec], &[ResourceSpec::default_dev_container()], admin, true).unwrap()
    })
    .await
    .unwrap();
    let res = build(&app, &id, json!({ "transition": "stop" })).await;
    assert_eq!(res.body["template_version_name"], "v1", "a stop keeps the version");
    app.provision().await;
    let res = build(&app, &id, json!({ "transition": "start", "template_version_id": v2.id })).await;
    res.snapshot(StatusCode::BAD_REQUEST, "missing-parameter");
    let res = build(
        &app,
        &id,
        json!({ "transition": "start", "template_version_id": v2.id, "rich_parameter_values": [{ "name": "region", "value": "eu" }] }),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(res.body["template_version_name"], "v2");
    app.provision().await;
    let ws = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
    assert_eq!(ws.body["outdated"], false);
}

#[actix_web::test]
async fn create_build_errors() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    build(&app, &id, json!({ "transition": "restart" })).await.snapshot(StatusCode::BAD_REQUEST, "unknown-transition");
    build(&app, &id, json!({})).await.snapshot(StatusCode::BAD_REQUEST, "no-transition");
    build(&app, &id, json!({ "transition": "start", "template_version_id": MISSING })).await.snapshot(StatusCode::BAD_REQUEST, "unknown-version");
    let other = app.template_with("other", |_| {}).await;
    build(&app, &id, json!({ "transition": "start", "template_version_id": other.active_version_id }))
        .await
        .snapshot(StatusCode::BAD_REQUEST, "version-of-another-template");
    app.post(&format!("/api/v2/workspaces/{id}/builds")).token(&app.owner.token).raw("[]").send().await.snapshot(StatusCode::BAD_REQUEST, "not-an-object");
    app.post("/api/v2/workspaces/nope/builds").token(&app.owner.token).json(json!({ "transition": "stop" })).send().await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    build(&app, MISSING, json!({ "transition": "stop" })).await.snapshot(StatusCode::NOT_FOUND, "missing");

    let bob = app.user("bob", false).await;
    let eve = app.user("eve", false).await;
    let (store, wid, uid) = (app.store().clone(), id.parse::<Uuid>().unwrap(), bob.user.id);
    tokio::task::spawn_blocking(move || store.set_workspace_user_role(wid, uid, Some(AclRole::Use)).unwrap()).await.unwrap();
    let path = format!("/api/v2/workspaces/{id}/builds");
    let res = app.post(&path).token(&bob.token).json(json!({ "transition": "delete" })).send().await;
    res.snapshot(StatusCode::FORBIDDEN, "delete-with-use");
    assert_eq!(res.message(), "You do not have permission to delete this workspace.");
    let res = app.post(&path).token(&eve.token).json(json!({ "transition": "stop" })).send().await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "a stranger does not see it");
    check_unauthorized(&app, Method::POST, &path).await;
}

#[actix_web::test]
async fn list_builds_errors() {
    let app = TestApp::new().await;
    let id = app.workspace(&app.owner, "dev").await["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v2/workspaces/{id}/builds");
    let get = |q: String| app.get(&q).token(&app.owner.token).send();
    get(format!("{path}?after_id={MISSING}")).await.snapshot(StatusCode::BAD_REQUEST, "unknown-after-id");
    get(format!("{path}?after_id=x&limit=-1")).await.snapshot(StatusCode::BAD_REQUEST, "bad-pagination");
    get(format!("{path}?since=yesterday")).await.snapshot(StatusCode::BAD_REQUEST, "bad-since");
    get("/api/v2/workspaces/nope/builds".into()).await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    get(format!("/api/v2/workspaces/{MISSING}/builds")).await.snapshot(StatusCode::NOT_FOUND, "missing");
    check_unauthorized(&app, Method::GET, &path).await;
}

#[actix_web::test]
async fn timings_are_what_the_provisioner_recorded() {
    let app = TestApp::new().await;
    let template = app
        .template_with("scripted", |t| {
            let mut dev = ResourceSpec::default_dev_container();
            dev.agents[0].scripts = vec![ScriptSpec { display_name: "Startup Script".into() }];
            let volume = ResourceSpec { name: "home".into(), kind: "docker_volume".into(), icon: String::new(), hide: false, daily_cost: 0, agents: Vec::<AgentSpec>::new() };
            t.resources = vec![dev, volume];
        })
        .await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "dev", "template_id": template.id }))
        .send()
        .await;
    let id = res.body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v2/workspaces/{id}/timings");
    let pending = app.get(&path).token(&app.owner.token).send().await;
    pending.snapshot(StatusCode::OK, "pending");
    assert_eq!(pending.body, json!({ "provisioner_timings": [], "agent_script_timings": [], "agent_connection_timings": [] }));
    app.provision().await;
    let res = app.get(&path).token(&app.owner.token).send().await;
    res.snapshot(StatusCode::OK, "started");
    let stages: Vec<(&str, &str)> = res.body["provisioner_timings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["stage"].as_str().unwrap(), t["resource"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stages,
        [
            ("init", "state file"),
            ("plan", "state file"),
            ("graph", "state file"),
            ("apply", "docker_container.dev"),
            ("apply", "docker_volume.home")
        ]
    );
    let ws = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
    let agent = &ws.body["latest_build"]["resources"][0]["agents"][0];
    let job = &ws.body["latest_build"]["job"]["id"];
    assert!(res.body["provisioner_timings"].as_array().unwrap().iter().all(|t| &t["job_id"] == job));
    assert_eq!(res.body["agent_connection_timings"][0]["workspace_agent_id"], agent["id"]);
    assert_eq!(res.body["agent_connection_timings"][0]["ended_at"], agent["first_connected_at"]);
    assert_eq!(res.body["agent_script_timings"][0]["display_name"], "Startup Script");
    assert_eq!(res.body["agent_script_timings"][0]["status"], "ok");

    app.get(&format!("/api/v2/workspaces/{MISSING}/timings")).token(&app.owner.token).send().await.snapshot(StatusCode::NOT_FOUND, "missing");
    app.get("/api/v2/workspaces/nope/timings").token(&app.owner.token).send().await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    check_unauthorized(&app, Method::GET, &path).await;
}
