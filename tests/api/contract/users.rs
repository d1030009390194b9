//! `/users/{user}/workspaces` (create) and `/users/{user}/workspace/{workspacename}`.

use actix_web::http::{Method, StatusCode};
use serde_json::json;
use workspaced_store::ParameterSpec;

use super::check_unauthorized;
use crate::harness::TestApp;

#[actix_web::test]
async fn create_user_workspace_succeeds_with_a_template() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "dev", "template_id": app.template.id, "ttl_ms": 3_600_000, "automatic_updates": "always" }))
        .send()
        .await;
    res.snapshot(StatusCode::CREATED, "template-id");
    let ws = &res.body;
    assert_eq!(ws["name"], "dev");
    assert_eq!(ws["owner_name"], "admin");
    assert_eq!(ws["ttl_ms"], 3_600_000);
    assert_eq!(ws["automatic_updates"], "always");
    assert_eq!(ws["latest_build"]["build_number"], 1);
    assert_eq!(ws["latest_build"]["transition"], "start");
    assert_eq!(ws["latest_build"]["reason"], "initiator");
    assert_eq!(ws["latest_build"]["status"], "pending");
    assert_eq!(ws["latest_build"]["job"]["status"], "pending");
    assert_eq!(ws["latest_build"]["job"]["queue_position"], 1);
    assert_eq!(ws["outdated"], false);
}

#[actix_web::test]
async fn create_user_workspace_by_version_for_another_user_by_name_and_id() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let by_name = app
        .post("/api/v2/users/alice/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "one", "template_version_id": app.template.active_version_id }))
        .send()
        .await;
    by_name.snapshot(StatusCode::CREATED, "template-version-id-for-other-user");
    assert_eq!(by_name.body["owner_id"], alice.user.id.to_string());
    assert_eq!(by_name.body["latest_build"]["initiator_name"], "admin");
    let by_id = app
        .post(&format!("/api/v2/users/{}/workspaces", alice.user.id))
        .token(&app.owner.token)
        .json(json!({ "name": "two", "template_id": app.template.id }))
        .send()
        .await;
    assert_eq!(by_id.status, StatusCode::CREATED);
    assert_eq!(by_id.body["owner_name"], "alice");
}

#[actix_web::test]
async fn create_user_workspace_rejects_bad_input() {
    let app = TestApp::new().await;
    let tpl = app.template.id.clone();
    let cases = [
        ("invalid-name", json!({ "name": "bad name!", "template_id": tpl })),
        ("reserved-name", json!({ "name": "new", "template_id": tpl })),
        ("name-too-long", json!({ "name": "x".repeat(33), "template_id": tpl })),
        ("template-and-version", json!({ "name": "a", "template_id": tpl, "template_version_id": app.template.active_version_id })),
        ("neither-template-nor-version", json!({ "name": "a" })),
        ("unknown-template", json!({ "name": "a", "template_id": "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11" })),
        ("unknown-template-version", json!({ "name": "a", "template_version_id": "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11" })),
        ("ttl-below-one-minute", json!({ "name": "a", "template_id": tpl, "ttl_ms": 59_000 })),
        ("ttl-above-thirty-days", json!({ "name": "a", "template_id": tpl, "ttl_ms": 31i64 * 24 * 3_600_000 })),
        ("monthly-schedule", json!({ "name": "a", "template_id": tpl, "autostart_schedule": "CRON_TZ=UTC 0 9 1 * *" })),
        ("unknown-time-zone", json!({ "name": "a", "template_id": tpl, "autostart_schedule": "CRON_TZ=Mars/Olympus 0 9 * * 1-5" })),
        ("unknown-parameter", json!({ "name": "a", "template_id": tpl, "rich_parameter_values": [{ "name": "gpu", "value": "1" }] })),
        ("wrong-field-type", json!({ "name": 7, "template_id": tpl })),
        ("bad-automatic-updates", json!({ "name": "a", "template_id": tpl, "automatic_updates": "sometimes" })),
        ("preset-not-found", json!({ "name": "a", "template_id": tpl, "template_version_preset_id": "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11" })),
        // Serde would read a struct from an array of its members; Go (and so Coder) does not.
        ("array-body", json!([tpl, "00000000-0000-0000-0000-000000000000", "a"])),
        ("string-body", json!("a")),
        ("nested-array-member", json!({ "name": "a", "template_id": tpl, "rich_parameter_values": [["region", "eu"]] })),
    ];
    for (case, body) in cases {
        let res = app.post("/api/v2/users/me/workspaces").token(&app.owner.token).json(body).send().await;
        res.snapshot(StatusCode::BAD_REQUEST, case);
    }
    let res = app.post("/api/v2/users/me/workspaces").token(&app.owner.token).raw("{not json").send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "malformed-json");
    assert_eq!(res.message(), "Request body must be valid JSON.");
    let res = app
        .post("/api/v2/users/nobody/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "a", "template_id": tpl }))
        .send()
        .await;
    res.snapshot(StatusCode::BAD_REQUEST, "unknown-user");
    assert_eq!(res.message(), "\"user\" must be an existing uuid or username.");
}

#[actix_web::test]
async fn create_user_workspace_checks_rich_parameters() {
    let app = TestApp::new().await;
    let template = app
        .template_with("params", |t| {
            t.parameters = vec![
                ParameterSpec {
                    name: "region".into(),
                    description: "Where it runs".into(),
                    kind: "string".into(),
                    default_value: None,
                    mutable: false,
                    options: vec!["eu".into(), "us".into()],
                    validation_min: None,
                    validation_max: None,
                    validation_regex: None,
                },
                ParameterSpec {
                    name: "cpu".into(),
                    description: String::new(),
                    kind: "number".into(),
                    default_value: Some("2".into()),
                    mutable: true,
                    options: vec![],
                    validation_min: Some(1),
                    validation_max: Some(8),
                    validation_regex: None,
                },
            ]
        })
        .await;
    let create = |body| app.post("/api/v2/users/me/workspaces").token(&app.owner.token).json(body).send();
    create(json!({ "name": "a", "template_id": template.id })).await.snapshot(StatusCode::BAD_REQUEST, "missing-required-parameter");
    create(json!({ "name": "a", "template_id": template.id, "rich_parameter_values": [{ "name": "region", "value": "mars" }] }))
        .await
        .snapshot(StatusCode::BAD_REQUEST, "parameter-not-an-option");
    create(json!({ "name": "a", "template_id": template.id, "rich_parameter_values": [{ "name": "region", "value": "eu" }, { "name": "cpu", "value": "16" }] }))
        .await
        .snapshot(StatusCode::BAD_REQUEST, "parameter-above-maximum");
    let ok = create(json!({ "name": "a", "template_id": template.id, "rich_parameter_values": [{ "name": "region", "value": "eu" }] })).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    // The default filled in for `cpu` is stored with the build: the param filter finds it.
    let found = app.get("/api/v2/workspaces?q=param:cpu=2").token(&app.owner.token).send().await;
    assert_eq!(found.body["count"], 1);
    let none = app.get("/api/v2/workspaces?q=param:cpu=3").token(&app.owner.token).send().await;
    assert_eq!(none.body["count"], 0);
}

#[actix_web::test]
async fn create_user_workspace_forbids_members_creating_for_others() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let res = app
        .post("/api/v2/users/admin/workspaces")
        .token(&alice.token)
        .json(json!({ "name": "sneaky", "template_id": app.template.id }))
        .send()
        .await;
    res.snapshot(StatusCode::FORBIDDEN, "member-for-other-user");
    assert_eq!(res.message(), "Unauthorized to create workspace.");
    let own = app
        .post("/api/v2/users/me/workspaces")
        .token(&alice.token)
        .json(json!({ "name": "mine", "template_id": app.template.id }))
        .send()
        .await;
    assert_eq!(own.status, StatusCode::CREATED);
}

#[actix_web::test]
async fn create_user_workspace_refuses_a_taken_name_in_any_case() {
    let app = TestApp::new().await;
    app.workspace(&app.owner, "dev").await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "DEV", "template_id": app.template.id }))
        .send()
        .await;
    res.snapshot(StatusCode::CONFLICT, "name-taken");
    assert_eq!(res.message(), "Workspace \"DEV\" already exists.");
    // Another owner may use the name.
    let alice = app.user("alice", false).await;
    app.workspace(&alice, "dev").await;
}

#[actix_web::test]
async fn create_user_workspace_requires_a_session() {
    let app = TestApp::new().await;
    check_unauthorized(&app, Method::POST, "/api/v2/users/me/workspaces").await;
}

#[actix_web::test]
async fn get_workspace_by_owner_and_name() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let ws = app.workspace(&alice, "dev").await;
    app.provision().await;
    let res = app.get("/api/v2/users/alice/workspace/dev").token(&alice.token).send().await;
    res.snapshot(StatusCode::OK, "running");
    assert_eq!(res.body["id"], ws["id"]);
    assert_eq!(res.body["latest_build"]["status"], "running");
    // me, a UUID, and the owner's view all find it; names are case-insensitive.
    for path in ["/api/v2/users/me/workspace/DEV".to_owned(), format!("/api/v2/users/{}/workspace/dev", alice.user.id)] {
        let res = app.get(&path).token(&alice.token).send().await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
    }
    let as_admin = app.get("/api/v2/users/alice/workspace/dev").token(&app.owner.token).send().await;
    assert_eq!(as_admin.status, StatusCode::OK);
}

#[actix_web::test]
async fn get_workspace_by_owner_and_name_errors() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    app.workspace(&alice, "dev").await;
    app.get("/api/v2/users/alice/workspace/nope").token(&alice.token).send().await.snapshot(StatusCode::NOT_FOUND, "missing");
    // Bob may not see Alice's workspace: the same 404 as a missing one.
    let hidden = app.get("/api/v2/users/alice/workspace/dev").token(&bob.token).send().await;
    hidden.snapshot(StatusCode::NOT_FOUND, "not-visible");
    app.get("/api/v2/users/nobody/workspace/dev").token(&alice.token).send().await.snapshot(StatusCode::BAD_REQUEST, "unknown-user");
    app.get("/api/v2/users/alice/workspace/dev?include_deleted=maybe")
        .token(&alice.token)
        .send()
        .await
        .snapshot(StatusCode::BAD_REQUEST, "bad-include-deleted");
    check_unauthorized(&app, Method::GET, "/api/v2/users/alice/workspace/dev").await;
}
