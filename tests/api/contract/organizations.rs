//! `POST /organizations/{organization}/members/{user}/workspaces`.

use actix_web::http::{Method, StatusCode};
use serde_json::json;
use workspaced_store::NewTemplate;

use super::check_unauthorized;
use crate::harness::TestApp;

fn path(org: &(impl std::fmt::Display + ?Sized), user: &str) -> String {
    format!("/api/v2/organizations/{org}/members/{user}/workspaces")
}

#[actix_web::test]
async fn create_in_organization_by_id_and_by_name() {
    let app = TestApp::new().await;
    let res = app
        .post(&path(&app.org_id, "me"))
        .token(&app.owner.token)
        .json(json!({ "name": "dev", "template_id": app.template.id }))
        .send()
        .await;
    res.snapshot(StatusCode::CREATED, "by-organization-id");
    assert_eq!(res.body["organization_id"], app.org_id.to_string());
    assert_eq!(res.body["organization_name"], "coder");
    let by_name = app
        .post(&path("coder", "admin"))
        .token(&app.owner.token)
        .json(json!({ "name": "other", "template_id": app.template.id }))
        .send()
        .await;
    assert_eq!(by_name.status, StatusCode::CREATED);
}

#[actix_web::test]
async fn create_in_organization_errors() {
    let app = TestApp::new().await;
    // A template of another organization may not be used through this one.
    let store = app.store().clone();
    let admin = app.owner.user.id;
    let foreign = tokio::task::spawn_blocking(move || {
        let org = store.create_organization("acme", "Acme", false).unwrap();
        store.create_template(&NewTemplate::new(org.id, "elsewhere", admin)).unwrap().0
    })
    .await
    .unwrap();
    let res = app
        .post(&path(&app.org_id, "me"))
        .token(&app.owner.token)
        .json(json!({ "name": "dev", "template_id": foreign.id }))
        .send()
        .await;
    res.snapshot(StatusCode::BAD_REQUEST, "template-in-other-organization");

    let res = app
        .post(&path("9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11", "me"))
        .token(&app.owner.token)
        .json(json!({ "name": "dev", "template_id": app.template.id }))
        .send()
        .await;
    res.snapshot(StatusCode::NOT_FOUND, "unknown-organization");

    let alice = app.user("alice", false).await;
    let res = app
        .post(&path(&app.org_id, "admin"))
        .token(&alice.token)
        .json(json!({ "name": "dev", "template_id": app.template.id }))
        .send()
        .await;
    res.snapshot(StatusCode::FORBIDDEN, "member-for-other-user");

    app.workspace(&app.owner, "taken").await;
    let res = app
        .post(&path(&app.org_id, "me"))
        .token(&app.owner.token)
        .json(json!({ "name": "taken", "template_id": app.template.id }))
        .send()
        .await;
    res.snapshot(StatusCode::CONFLICT, "name-taken");
    check_unauthorized(&app, Method::POST, &path(&app.org_id, "me")).await;
}
