//! `/workspaces` and `/workspaces/{workspace}`.

use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::check_unauthorized;
use workspaced_store::types::{BuildReason, WorkspaceTransition};

use crate::harness::TestApp;

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";

/// Creates a workspace and runs it through its first build, then deletes it through a
/// `delete` build; returns its id.
async fn deleted_workspace(app: &TestApp, name: &str) -> String {
    let ws = app.workspace(&app.owner, name).await;
    let id = ws["id"].as_str().unwrap().to_owned();
    app.provision().await;
    let (store, wid, owner) = (app.store().clone(), id.parse().unwrap(), app.owner.user.id);
    tokio::task::spawn_blocking(move || {
        store.create_build(wid, WorkspaceTransition::Delete, BuildReason::Initiator, owner).unwrap()
    })
    .await
    .unwrap();
    app.provision().await;
    id
}

#[actix_web::test]
async fn get_workspace_shows_the_running_build() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    assert_eq!(app.provision().await, 1);
    let res = app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&app.owner.token).send().await;
    res.snapshot(StatusCode::OK, "running");
    let b = &res.body["latest_build"];
    assert_eq!(b["status"], "running");
    assert_eq!(b["job"]["status"], "succeeded");
    assert!(b["deadline"].is_string(), "the starter template has a default TTL, so a deadline is set");
    let agent = &b["resources"][0]["agents"][0];
    assert_eq!(agent["name"], "main");
    assert_eq!(agent["status"], "connected");
    assert_eq!(agent["lifecycle_state"], "ready");
    assert_eq!(agent["apps"].as_array().unwrap().len(), 2);
    assert_eq!(res.body["health"], json!({ "healthy": true, "failing_agents": [] }));
}

#[actix_web::test]
async fn get_workspace_errors() {
    let app = TestApp::new().await;
    app.get("/api/v2/workspaces/not-a-uuid").token(&app.owner.token).send().await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    app.get(&format!("/api/v2/workspaces/{MISSING}")).token(&app.owner.token).send().await.snapshot(StatusCode::NOT_FOUND, "missing");
    let alice = app.user("alice", false).await;
    let ws = app.workspace(&app.owner, "secret").await;
    let hidden = app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&alice.token).send().await;
    hidden.snapshot(StatusCode::NOT_FOUND, "not-visible");
    check_unauthorized(&app, Method::GET, &format!("/api/v2/workspaces/{MISSING}")).await;
}

/// A `{workspace}` segment is read by Go's `uuid.Parse`: its other forms name the same
/// workspace, and what it refuses is answered with its texts.
#[actix_web::test]
async fn workspace_ids_in_paths_are_read_as_go_reads_them() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let id = ws["id"].as_str().unwrap().to_owned();
    for form in [
        id.to_uppercase(),
        format!("urn:uuid:{id}"),
        format!("URN:UUID:{id}"),
        format!("%7B{id}%7D"),
        format!("({id})"),
        id.replace('-', ""),
    ] {
        let res = app.get(&format!("/api/v2/workspaces/{form}")).token(&app.owner.token).send().await;
        assert_eq!(res.status, StatusCode::OK, "{form}: {}", res.body);
        assert_eq!(res.body["id"], ws["id"], "{form}");
    }
    for (form, detail) in [
        (id.replace('-', "_"), "invalid UUID format".to_owned()),
        (id.replacen(|c: char| c.is_ascii_hexdigit(), "z", 1), "invalid UUID format".to_owned()),
        (format!("{id}0"), "invalid UUID length: 37".to_owned()),
        (format!("urn:uuix:{id}"), r#"invalid urn prefix: "urn:uuix:""#.to_owned()),
    ] {
        let res = app.get(&format!("/api/v2/workspaces/{form}")).token(&app.owner.token).send().await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{form}: {}", res.body);
        assert_eq!(res.message(), format!("Invalid UUID \"{form}\"."));
        assert_eq!(res.body["detail"], detail.as_str(), "{form}");
    }
}

#[actix_web::test]
async fn get_deleted_workspace_is_gone_unless_asked_for() {
    let app = TestApp::new().await;
    let id = deleted_workspace(&app, "old").await;
    let gone = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
    gone.snapshot(StatusCode::GONE, "deleted");
    assert_eq!(
        gone.message(),
        "Workspace \"old\" was deleted, you can view this workspace by specifying 'include_deleted=true' and trying again."
    );
    let shown = app.get(&format!("/api/v2/workspaces/{id}?include_deleted=true")).token(&app.owner.token).send().await;
    shown.snapshot(StatusCode::OK, "include-deleted");
    assert_eq!(shown.body["latest_build"]["status"], "deleted");
    assert_eq!(shown.body["latest_build"]["build_number"], 2);
    // Its name is free again, and by-name lookups only show the deleted one on request.
    app.workspace(&app.owner, "old").await;
    let by_name = app.get("/api/v2/users/me/workspace/old?include_deleted=true").token(&app.owner.token).send().await;
    assert_ne!(by_name.body["id"], id.as_str(), "the live workspace wins");
}

/// Coder's Go SDK writes every key of `codersdk.CreateWorkspaceRequest` in struct order,
/// an unset `uuid.UUID` as the nil UUID (its `omitempty` cannot drop an array) and leaves
/// out only the empty `omitempty` members (`autostart_schedule`, `ttl_ms`,
/// `rich_parameter_values`, `automatic_updates`); this is the body it sends.
#[actix_web::test]
async fn create_workspace_with_a_body_shaped_as_coders_go_sdk_sends_it() {
    const NIL: &str = "00000000-0000-0000-0000-000000000000";
    let app = TestApp::new().await;
    let (tid, vid) = (app.template.id.clone(), app.template.active_version_id.clone());

    // By template: template_version_id and template_version_preset_id are nil.
    let go_body = format!(
        r#"{{"template_id":"{tid}","template_version_id":"{NIL}","name":"go-sdk","ttl_ms":3600000,"template_version_preset_id":"{NIL}"}}"#
    );
    let res = app.post("/api/v2/users/me/workspaces").token(&app.owner.token).raw(go_body).send().await;
    res.snapshot(StatusCode::CREATED, "go-sdk-body");
    assert_eq!(res.body["template_id"], tid.to_string());
    assert_eq!(res.body["ttl_ms"], 3_600_000);
    assert_eq!(res.body["latest_build"]["template_version_preset_id"], serde_json::Value::Null);

    // By version, through the organization route: template_id is nil; nothing optional set.
    let go_body = format!(r#"{{"template_id":"{NIL}","template_version_id":"{vid}","name":"go-sdk-2","template_version_preset_id":"{NIL}"}}"#);
    let res = app
        .post(&format!("/api/v2/organizations/{}/members/me/workspaces", app.org_id))
        .token(&app.owner.token)
        .raw(go_body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(res.body["latest_build"]["template_version_id"], vid.to_string());
    assert!(res.body.get("ttl_ms").is_some(), "the template's default TTL applies");

    // Clients that are not Go write null or "" for what they leave unset: the same.
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({
            "template_id": tid, "template_version_id": null, "name": "ts-client", "autostart_schedule": null,
            "ttl_ms": null, "rich_parameter_values": null, "automatic_updates": "", "template_version_preset_id": null,
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(res.body["automatic_updates"], "never");

    // Both ids nil is neither.
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "template_id": NIL, "template_version_id": NIL, "name": "none" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.message(), "Must specify either a template ID or a template version ID.");
}

#[actix_web::test]
async fn list_workspaces_pages_filters_and_orders() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    for name in ["zeta", "alpha", "mid"] {
        app.workspace(&app.owner, name).await;
    }
    app.provision().await;
    app.workspace(&alice, "hers").await;

    let all = app.get("/api/v2/workspaces").token(&app.owner.token).send().await;
    all.snapshot(StatusCode::OK, "owner-sees-all");
    let names: Vec<&str> = all.body["workspaces"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap()).collect();
    // Running first (admin's three), then the pending one; by owner then name within.
    assert_eq!(names, ["alpha", "mid", "zeta", "hers"]);
    assert_eq!(all.body["count"], 4);

    let page = app.get("/api/v2/workspaces?limit=2&offset=1").token(&app.owner.token).send().await;
    let names: Vec<&str> = page.body["workspaces"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["mid", "zeta"]);
    assert_eq!(page.body["count"], 4, "count ignores limit and offset");

    let mine = app.get("/api/v2/workspaces").token(&alice.token).send().await;
    mine.snapshot(StatusCode::OK, "member-sees-own");
    assert_eq!(mine.body["count"], 1);

    let query = |q: &'static str| app.get(&format!("/api/v2/workspaces?q={q}")).token(&app.owner.token).send();
    assert_eq!(query("owner:alice").await.body["count"], 1);
    assert_eq!(query("owner:me").await.body["count"], 3);
    assert_eq!(query("status:running").await.body["count"], 3);
    assert_eq!(query("status:pending").await.body["count"], 1);
    assert_eq!(query("name:ph").await.body["count"], 1);
    assert_eq!(query("al").await.body["count"], 1, "a bare term is a name");
    assert_eq!(query("template:starter").await.body["count"], 4);
    assert_eq!(query("template:other").await.body["count"], 0);
    assert_eq!(query("has-agent:connected").await.body["count"], 3);
    assert_eq!(query("healthy:true").await.body["count"], 3);
    assert_eq!(query("dormant:true").await.body["count"], 0);
    assert_eq!(query("outdated:false").await.body["count"], 4);
    assert_eq!(query("organization:coder").await.body["count"], 4);
    assert_eq!(query("owner:admin%20status:running%20name:a").await.body["count"], 2);
    // A nil UUID is Coder's "not given": no filter at all.
    const NIL: &str = "00000000-0000-0000-0000-000000000000";
    for key in ["organization", "shared_with_user", "shared_with_group"] {
        let res = app.get(&format!("/api/v2/workspaces?q={key}:{NIL}")).token(&app.owner.token).send().await;
        assert_eq!(res.status, StatusCode::OK, "{key}: {}", res.body);
        assert_eq!(res.body["count"], 4, "{key}:{NIL} filters nothing");
    }
    assert_eq!(query("organization:9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11").await.body["count"], 0);
}

/// Coder's list order: the requester's favorites, then running workspaces, then the
/// owner's username and the workspace name, both without regard to case; `limit=0` (or no
/// limit) means every workspace, not an empty page.
#[actix_web::test]
async fn list_order_is_running_then_owner_then_name_ignoring_case() {
    let app = TestApp::new().await;
    let carol = app.user("carol", false).await;
    let bob = app.user("bob", false).await;
    app.workspace(&carol, "cat").await;
    app.workspace(&app.owner, "Zed").await;
    app.workspace(&bob, "Beta").await;
    app.workspace(&app.owner, "alpha").await;
    app.workspace(&bob, "apple").await;
    app.provision().await;
    // Created after the provisioner ran: still pending, so after every running one even
    // though its owner and name sort first.
    app.workspace(&app.owner, "aaa").await;

    let names = |body: &serde_json::Value| -> Vec<String> {
        body["workspaces"].as_array().unwrap().iter().map(|w| format!("{}/{}", w["owner_name"].as_str().unwrap(), w["name"].as_str().unwrap())).collect()
    };
    let expected = ["admin/alpha", "admin/Zed", "bob/apple", "bob/Beta", "carol/cat", "admin/aaa"];
    for query in ["", "?limit=0", "?limit=0&offset=0"] {
        let res = app.get(&format!("/api/v2/workspaces{query}")).token(&app.owner.token).send().await;
        assert_eq!(res.status, StatusCode::OK, "{query}");
        assert_eq!(names(&res.body), expected, "{query}");
        assert_eq!(res.body["count"], 6, "{query}");
    }
    let page = app.get("/api/v2/workspaces?limit=2&offset=2").token(&app.owner.token).send().await;
    assert_eq!(names(&page.body), ["bob/apple", "bob/Beta"]);
    let tail = app.get("/api/v2/workspaces?limit=0&offset=4").token(&app.owner.token).send().await;
    assert_eq!(names(&tail.body), ["carol/cat", "admin/aaa"], "an offset with no limit is the rest");
}

#[actix_web::test]
async fn list_workspaces_rejects_bad_queries() {
    let app = TestApp::new().await;
    let get = |q: &'static str| app.get(&format!("/api/v2/workspaces?{q}")).token(&app.owner.token).send();
    get("q=color:blue").await.snapshot(StatusCode::BAD_REQUEST, "unknown-search-key");
    get("q=status:sleeping%20dormant:maybe").await.snapshot(StatusCode::BAD_REQUEST, "bad-search-values");
    get("q=last_used_after:yesterday").await.snapshot(StatusCode::BAD_REQUEST, "bad-search-date");
    get("q=name:a:b").await.snapshot(StatusCode::BAD_REQUEST, "bad-search-syntax");
    get("limit=-1&offset=x").await.snapshot(StatusCode::BAD_REQUEST, "bad-pagination");
    check_unauthorized(&app, Method::GET, "/api/v2/workspaces").await;
}

#[actix_web::test]
async fn rename_workspace() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let id = ws["id"].as_str().unwrap();
    let res = app.patch(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).json(json!({ "name": "renamed" })).send().await;
    res.snapshot(StatusCode::NO_CONTENT, "renamed");
    let got = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
    assert_eq!(got.body["name"], "renamed");
    // An empty name changes nothing.
    let res = app.patch(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).json(json!({})).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let got = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
    assert_eq!(got.body["name"], "renamed");
}

#[actix_web::test]
async fn rename_workspace_errors() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    app.workspace(&app.owner, "taken").await;
    let id = ws["id"].as_str().unwrap().to_owned();
    let patch = |path: String, body| app.patch(&path).token(&app.owner.token).json(body).send();
    patch(format!("/api/v2/workspaces/{id}"), json!({ "name": "no spaces" })).await.snapshot(StatusCode::BAD_REQUEST, "invalid-name");
    patch("/api/v2/workspaces/xyz".into(), json!({ "name": "ok" })).await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    patch(format!("/api/v2/workspaces/{MISSING}"), json!({ "name": "ok" })).await.snapshot(StatusCode::NOT_FOUND, "missing");
    patch(format!("/api/v2/workspaces/{id}"), json!({ "name": "Taken" })).await.snapshot(StatusCode::CONFLICT, "name-taken");
    let gone = deleted_workspace(&app, "old").await;
    patch(format!("/api/v2/workspaces/{gone}"), json!({ "name": "new-name" })).await.snapshot(StatusCode::GONE, "deleted");
    let alice = app.user("alice", false).await;
    let hidden = app.patch(&format!("/api/v2/workspaces/{id}")).token(&alice.token).json(json!({ "name": "mine" })).send().await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "members cannot see, so cannot rename, others' workspaces");
    check_unauthorized(&app, Method::PATCH, &format!("/api/v2/workspaces/{id}")).await;
}

#[actix_web::test]
async fn a_new_active_template_version_makes_workspaces_outdated() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    assert_eq!(ws["outdated"], false);
    let (store, template, admin) = (app.store().clone(), app.template.clone(), app.owner.user.id);
    let v2 = tokio::task::spawn_blocking(move || {
        store
            .create_template_version(&template, "v2", &[], &[workspaced_store::ResourceSpec::default_dev_container()], admin, true)
            .unwrap()
    })
    .await
    .unwrap();
    let res = app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&app.owner.token).send().await;
    assert_eq!(res.body["outdated"], true);
    assert_eq!(res.body["template_active_version_id"], v2.id.to_string());
    assert_eq!(res.body["latest_build"]["template_version_name"], "v1");
    let outdated = app.get("/api/v2/workspaces?q=outdated:true").token(&app.owner.token).send().await;
    assert_eq!(outdated.body["count"], 1);
    // A workspace created now uses v2 and is current.
    app.workspace(&app.owner, "fresh").await;
    let current = app.get("/api/v2/workspaces?q=outdated:false").token(&app.owner.token).send().await;
    assert_eq!(current.body["workspaces"][0]["name"], "fresh");
    assert_eq!(current.body["count"], 1);
}
