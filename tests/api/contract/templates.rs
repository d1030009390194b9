//! `/templates`, `/templates/{template}`, `/users/{user}` and `/buildinfo`: what an API
//! explorer needs to find a template id and who they are.

use actix_web::http::{Method, StatusCode};

use super::check_unauthorized;
use crate::harness::TestApp;

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";

#[actix_web::test]
async fn templates_of_the_callers_organizations() {
    let app = TestApp::new().await;
    app.template_with("weekdays", |t| {
        t.display_name = "Weekdays".into();
        t.autostart_allowed_days = 0b001_1111;
    })
    .await;
    let res = app.get("/api/v2/templates").token(&app.owner.token).send().await;
    res.snapshot(StatusCode::OK, "owner");
    let names: Vec<&str> = res.body.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["starter", "weekdays"]);
    assert_eq!(
        res.body[1]["autostart_requirement"]["days_of_week"],
        serde_json::json!(["monday", "tuesday", "wednesday", "thursday", "friday"])
    );
    assert_eq!(res.body[0]["created_by_name"], "admin");
    assert_eq!(res.body[0]["organization_name"], "coder");

    let alice = app.user("alice", false).await;
    let mine = app.get("/api/v2/templates").token(&alice.token).send().await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.body.as_array().unwrap().len(), 2, "a member of the organization sees its templates");
    // An organization she is not in.
    let store = app.store().clone();
    let other = tokio::task::spawn_blocking(move || store.create_organization("elsewhere", "Elsewhere", false).unwrap()).await.unwrap();
    let (store, admin) = (app.store().clone(), app.owner.user.id);
    let hidden = tokio::task::spawn_blocking(move || {
        store.create_template(&workspaced_store::NewTemplate::new(other.id, "hidden", admin)).unwrap().0
    })
    .await
    .unwrap();
    let mine = app.get("/api/v2/templates").token(&alice.token).send().await;
    assert_eq!(mine.body.as_array().unwrap().len(), 2, "not another organization's");
    let res = app.get(&format!("/api/v2/templates/{}", hidden.id)).token(&alice.token).send().await;
    res.snapshot(StatusCode::NOT_FOUND, "other-organization");
    let all = app.get("/api/v2/templates").token(&app.owner.token).send().await;
    assert_eq!(all.body.as_array().unwrap().len(), 3, "a site owner sees every organization's");
    check_unauthorized(&app, Method::GET, "/api/v2/templates").await;
}

#[actix_web::test]
async fn template_by_id() {
    let app = TestApp::new().await;
    let res = app.get(&format!("/api/v2/templates/{}", app.template.id)).token(&app.owner.token).send().await;
    res.snapshot(StatusCode::OK, "starter");
    assert_eq!(res.body["id"], app.template.id.to_string());
    assert_eq!(res.body["active_version_id"], app.template.active_version_id.to_string());
    app.get(&format!("/api/v2/templates/{MISSING}")).token(&app.owner.token).send().await.snapshot(StatusCode::NOT_FOUND, "missing");
    app.get("/api/v2/templates/nope").token(&app.owner.token).send().await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    check_unauthorized(&app, Method::GET, &format!("/api/v2/templates/{MISSING}")).await;
}

#[actix_web::test]
async fn user_by_me_name_or_id() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let me = app.get("/api/v2/users/me").token(&app.owner.token).send().await;
    me.snapshot(StatusCode::OK, "me-site-owner");
    assert_eq!(me.body["username"], "admin");
    assert_eq!(me.body["roles"][0]["name"], "owner");
    assert_eq!(me.body["organization_ids"], serde_json::json!([app.org_id]));
    let by_name = app.get("/api/v2/users/alice").token(&app.owner.token).send().await;
    by_name.snapshot(StatusCode::OK, "member-by-name");
    assert_eq!(by_name.body["roles"], serde_json::json!([]), "the implied member role is not listed");
    let by_id = app.get(&format!("/api/v2/users/{}", alice.user.id)).token(&alice.token).send().await;
    assert_eq!(by_id.body, by_name.body);
    let res = app.get("/api/v2/users/nobody").token(&app.owner.token).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "unknown");
    assert_eq!(res.message(), "\"user\" must be an existing uuid or username.");
    check_unauthorized(&app, Method::GET, "/api/v2/users/me").await;
}

#[actix_web::test]
async fn build_info_needs_no_session() {
    let app = TestApp::new().await;
    let res = app.get("/api/v2/buildinfo").send().await;
    res.snapshot(StatusCode::OK, "no-session");
    assert_eq!(res.body["version"], concat!("v", env!("CARGO_PKG_VERSION")));
    assert_eq!(res.body["deployment_id"], app.org_id.to_string());
}
