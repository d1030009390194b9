//! `/workspaces/{workspace}/port-share` (and the page's `/port-shares`): sharing agent ports.

use actix_web::http::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use workspaced_store::types::{AclRole, BuildReason, PortShareLevel, WorkspaceTransition};

use super::check_unauthorized;
use crate::harness::{TestApp, TestUser};

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";

fn ws_id(ws: &Value) -> Uuid {
    ws["id"].as_str().unwrap().parse().unwrap()
}

fn share_path(ws: &Value) -> String {
    format!("/api/v2/workspaces/{}/port-share", ws["id"].as_str().unwrap())
}

async fn upsert(app: &TestApp, user: &TestUser, ws: &Value, body: Value) -> crate::harness::TestResponse {
    app.post(&share_path(ws)).token(&user.token).json(body).send().await
}

async fn unshare(app: &TestApp, user: &TestUser, ws: &Value, body: Value) -> crate::harness::TestResponse {
    app.request(Method::DELETE, &share_path(ws)).token(&user.token).json(body).send().await
}

/// (port, agent, level, protocol) of each share listed, in order.
async fn listed(app: &TestApp, user: &TestUser, ws: &Value) -> Vec<(i64, String, String, String)> {
    let res = app.get(&share_path(ws)).token(&user.token).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["port"].as_i64().unwrap(),
                s["agent_name"].as_str().unwrap().to_owned(),
                s["share_level"].as_str().unwrap().to_owned(),
                s["protocol"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn share(port: i64, agent: &str, level: &str, protocol: &str) -> (i64, String, String, String) {
    (port, agent.to_owned(), level.to_owned(), protocol.to_owned())
}

#[actix_web::test]
async fn ports_are_shared_changed_listed_and_unshared() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let ws = app.workspace(&alice, "dev").await;
    app.provision().await;

    let res = app.get(&share_path(&ws)).token(&alice.token).send().await;
    res.snapshot(StatusCode::OK, "no-shares");
    assert_eq!(res.body, json!({ "shares": [] }), "no shares is an empty list, not null");

    // Created: the protocol defaults to http.
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "main", "port": 8080, "share_level": "authenticated" })).await;
    res.snapshot(StatusCode::OK, "created-default-protocol");
    assert_eq!(
        res.body,
        json!({ "workspace_id": ws["id"], "agent_name": "main", "port": 8080, "share_level": "authenticated", "protocol": "http" })
    );
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "main", "port": 3000, "share_level": "public", "protocol": "https" })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "main", "port": 65535, "share_level": "organization" })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "main", "port": 9, "share_level": "organization", "protocol": "" })).await;
    assert_eq!((res.status, res.body["protocol"].as_str()), (StatusCode::OK, Some("http")), "the bounds are allowed; \"\" is http");

    // Upserted on (workspace, agent, port): changed in place, not added.
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "main", "port": 8080, "share_level": "organization", "protocol": "https" })).await;
    res.snapshot(StatusCode::OK, "changed");
    assert_eq!((res.body["share_level"].as_str(), res.body["protocol"].as_str()), (Some("organization"), Some("https")));
    let want = vec![
        share(9, "main", "organization", "http"),
        share(3000, "main", "public", "https"),
        share(8080, "main", "organization", "https"),
        share(65535, "main", "organization", "http"),
    ];
    assert_eq!(listed(&app, &alice, &ws).await, want, "by port");

    // Both list paths give the same answer.
    let newer = app.get(&share_path(&ws)).token(&alice.token).send().await;
    newer.snapshot(StatusCode::OK, "four-shares");
    let older = app.get(&format!("{}s", share_path(&ws))).token(&alice.token).send().await;
    older.snapshot(StatusCode::OK, "four-shares");
    assert_eq!(older.body, newer.body);

    // Removed; removing again is a 404 with Coder's text.
    unshare(&app, &alice, &ws, json!({ "agent_name": "main", "port": 3000 })).await.snapshot(StatusCode::OK, "removed");
    let res = unshare(&app, &alice, &ws, json!({ "agent_name": "main", "port": 3000 })).await;
    res.snapshot(StatusCode::NOT_FOUND, "not-shared");
    assert_eq!(res.message(), "Port share not found.");
    let res = unshare(&app, &alice, &ws, json!({ "agent_name": "other", "port": 8080 })).await;
    assert_eq!((res.status, res.message()), (StatusCode::NOT_FOUND, "Port share not found."), "the agent is part of the key");
    assert_eq!(listed(&app, &alice, &ws).await, [want[0].clone(), want[2].clone(), want[3].clone()]);
}

#[actix_web::test]
async fn bad_shares_are_refused_with_coders_texts() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let ws = app.workspace(&alice, "dev").await;

    // Before the first build ran, the latest build has no agent.
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "main", "port": 8080, "share_level": "public" })).await;
    res.snapshot(StatusCode::BAD_REQUEST, "no-agent-yet");
    assert_eq!(res.message(), "Agent not found.");
    app.provision().await;

    let level = "Port sharing level not allowed.";
    let port = "Port must be between 9 and 65535.";
    let cases: [(&str, Value, &str, Option<&str>); 11] = [
        ("owner-level", json!({ "agent_name": "main", "port": 8080, "share_level": "owner" }), level, Some("share_level")),
        ("missing-level", json!({ "agent_name": "main", "port": 8080 }), level, Some("share_level")),
        ("unknown-level", json!({ "agent_name": "main", "port": 8080, "share_level": "everyone" }), level, Some("share_level")),
        ("port-below-9", json!({ "agent_name": "main", "port": 8, "share_level": "public" }), port, Some("port")),
        ("port-above-65535", json!({ "agent_name": "main", "port": 65536, "share_level": "public" }), port, Some("port")),
        ("missing-port", json!({ "agent_name": "main", "share_level": "public" }), port, Some("port")),
        ("unknown-protocol", json!({ "agent_name": "main", "port": 8080, "share_level": "public", "protocol": "ftp" }), "Port protocol not allowed.", None),
        ("unknown-agent", json!({ "agent_name": "sidecar", "port": 8080, "share_level": "public" }), "Agent not found.", None),
        ("missing-agent", json!({ "port": 8080, "share_level": "public" }), "Agent not found.", None),
        ("level-not-a-string", json!({ "agent_name": "main", "port": 8080, "share_level": 3 }), "Request body must be valid JSON.", None),
        ("port-not-an-int32", json!({ "agent_name": "main", "port": 4294967296u64, "share_level": "public" }), "Request body must be valid JSON.", None),
    ];
    for (case, body, message, field) in cases {
        let res = upsert(&app, &alice, &ws, body).await;
        res.snapshot(StatusCode::BAD_REQUEST, case);
        assert_eq!(res.message(), message, "{case}");
        match field {
            Some(f) => assert_eq!(res.body["validations"], json!([{ "field": f, "detail": message }]), "{case}"),
            None => assert!(res.body.get("validations").is_none(), "{case}"),
        }
    }
    // Checked in Coder's order: the level first, then the port, then the protocol.
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "x", "port": 1, "share_level": "owner", "protocol": "ftp" })).await;
    assert_eq!(res.message(), level);
    let res = upsert(&app, &alice, &ws, json!({ "agent_name": "x", "port": 1, "share_level": "public", "protocol": "ftp" })).await;
    assert_eq!(res.message(), port);
    let res = app.post(&share_path(&ws)).token(&alice.token).raw("{\"port\":").send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "malformed-json");
    app.post("/api/v2/workspaces/not-a-uuid/port-share")
        .token(&alice.token)
        .json(json!({}))
        .send()
        .await
        .snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    assert!(listed(&app, &alice, &ws).await.is_empty(), "refused requests share nothing");

    for path in ["port-share", "port-shares"] {
        app.get(&format!("/api/v2/workspaces/not-a-uuid/{path}"))
            .token(&alice.token)
            .send()
            .await
            .snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
        app.get(&format!("/api/v2/workspaces/{MISSING}/{path}")).token(&alice.token).send().await.snapshot(StatusCode::NOT_FOUND, "missing-workspace");
    }
    let res = app.request(Method::DELETE, "/api/v2/workspaces/not-a-uuid/port-share").token(&alice.token).json(json!({})).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    let res = app.request(Method::DELETE, &share_path(&ws)).token(&alice.token).raw("[8080]").send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "array-body");
    let res = app.request(Method::DELETE, &share_path(&ws)).token(&alice.token).send().await;
    assert_eq!((res.status, res.message()), (StatusCode::BAD_REQUEST, "Request body must be valid JSON."), "the body is required");
    let missing = json!({ "share_level": "public", "port": 8080, "agent_name": "main" });
    app.post(&format!("/api/v2/workspaces/{MISSING}/port-share"))
        .token(&alice.token)
        .json(missing.clone())
        .send()
        .await
        .snapshot(StatusCode::NOT_FOUND, "missing-workspace");
    app.request(Method::DELETE, &format!("/api/v2/workspaces/{MISSING}/port-share"))
        .token(&alice.token)
        .json(missing)
        .send()
        .await
        .snapshot(StatusCode::NOT_FOUND, "missing-workspace");

    for (method, path) in [(Method::POST, "port-share"), (Method::GET, "port-share"), (Method::GET, "port-shares"), (Method::DELETE, "port-share")] {
        check_unauthorized(&app, method, &format!("/api/v2/workspaces/{MISSING}/{path}")).await;
    }
}

#[actix_web::test]
async fn only_those_who_may_change_the_workspace_share_its_ports() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let carol = app.user("carol", false).await;
    let eve = app.user("eve", false).await;
    let ws = app.workspace(&alice, "dev").await;
    app.provision().await;
    let (store, id, bob_id, carol_id) = (app.store().clone(), ws_id(&ws), bob.user.id, carol.user.id);
    tokio::task::spawn_blocking(move || {
        store.set_workspace_user_role(id, bob_id, Some(AclRole::Use)).unwrap();
        store.set_workspace_user_role(id, carol_id, Some(AclRole::Admin)).unwrap();
    })
    .await
    .unwrap();
    let body = |port: i64| json!({ "agent_name": "main", "port": port, "share_level": "authenticated" });

    assert_eq!(upsert(&app, &carol, &ws, body(8080)).await.status, StatusCode::OK, "an ACL admin may");
    assert_eq!(upsert(&app, &app.owner, &ws, body(8081)).await.status, StatusCode::OK, "a site owner may");
    let res = upsert(&app, &bob, &ws, body(8082)).await;
    res.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    assert_eq!(res.message(), "Forbidden.");
    upsert(&app, &eve, &ws, body(8082)).await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    // A refusal of who comes before one of what: bob gets 403 for a bad body too.
    assert_eq!(upsert(&app, &bob, &ws, json!({ "share_level": "owner" })).await.status, StatusCode::FORBIDDEN);

    assert_eq!(listed(&app, &bob, &ws).await.len(), 2, "use may read the shares");
    for path in ["port-share", "port-shares"] {
        let path = format!("/api/v2/workspaces/{id}/{path}");
        app.get(&path).token(&eve.token).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    }

    let key = json!({ "agent_name": "main", "port": 8080 });
    unshare(&app, &bob, &ws, key.clone()).await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    unshare(&app, &eve, &ws, key.clone()).await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    assert_eq!(listed(&app, &alice, &ws).await.len(), 2, "refused removals remove nothing");
    assert_eq!(unshare(&app, &carol, &ws, key).await.status, StatusCode::OK);
    assert_eq!(listed(&app, &alice, &ws).await, [share(8081, "main", "authenticated", "http")]);
}

#[actix_web::test]
async fn the_template_caps_the_level_and_lowering_it_lowers_the_shares() {
    let app = TestApp::new().await;
    let capped = app.template_with("capped", |t| t.max_port_share_level = PortShareLevel::Authenticated).await;
    let res = app.post("/api/v2/users/me/workspaces").token(&app.owner.token).json(json!({ "name": "dev", "template_id": capped.id })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let ws = res.body;
    let open = app.workspace(&app.owner, "open").await;
    app.provision().await;
    let owner = &app.owner;

    let res = upsert(&app, owner, &ws, json!({ "agent_name": "main", "port": 8080, "share_level": "public" })).await;
    res.snapshot(StatusCode::BAD_REQUEST, "above-the-template-max");
    assert_eq!(res.message(), "\"public\" sharing level is not allowed under max level \"authenticated\"");
    for (port, level) in [(8080, "authenticated"), (8081, "organization")] {
        let res = upsert(&app, owner, &ws, json!({ "agent_name": "main", "port": port, "share_level": level })).await;
        assert_eq!(res.status, StatusCode::OK, "{level}: {}", res.body);
    }
    for (port, level) in [(80, "public"), (81, "authenticated")] {
        let res = upsert(&app, owner, &open, json!({ "agent_name": "main", "port": port, "share_level": level })).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }

    // Lowered to organization: the authenticated share comes down to it.
    let set = |level: PortShareLevel| {
        let store = app.store().clone();
        let id = capped.id;
        async move { tokio::task::spawn_blocking(move || store.set_template_max_port_share_level(id, level).unwrap()).await.unwrap() }
    };
    assert_eq!(set(PortShareLevel::Organization).await, 1);
    assert_eq!(listed(&app, owner, &ws).await, [share(8080, "main", "organization", "http"), share(8081, "main", "organization", "http")]);
    let res = upsert(&app, owner, &ws, json!({ "agent_name": "main", "port": 8080, "share_level": "authenticated" })).await;
    assert_eq!(res.message(), "\"authenticated\" sharing level is not allowed under max level \"organization\"");
    // Raised again: nothing changes by itself.
    assert_eq!(set(PortShareLevel::Public).await, 0);
    assert_eq!(listed(&app, owner, &ws).await.len(), 2);
    // Lowered to owner: nothing may be shared, every share of the template's workspaces goes.
    assert_eq!(set(PortShareLevel::Owner).await, 2);
    assert!(listed(&app, owner, &ws).await.is_empty());
    let res = upsert(&app, owner, &ws, json!({ "agent_name": "main", "port": 8080, "share_level": "organization" })).await;
    assert_eq!(res.message(), "\"organization\" sharing level is not allowed under max level \"owner\"");
    // Other templates' workspaces keep theirs.
    assert_eq!(listed(&app, owner, &open).await, [share(80, "main", "public", "http"), share(81, "main", "authenticated", "http")]);

    // The policy update used by the admin tools lowers them the same way.
    let store = app.store().clone();
    let starter = app.template.id;
    tokio::task::spawn_blocking(move || {
        let mut t = store.template_by_id(starter).unwrap().unwrap();
        t.max_port_share_level = PortShareLevel::Authenticated;
        store.update_template_policy(&t).unwrap();
    })
    .await
    .unwrap();
    assert_eq!(listed(&app, owner, &open).await, [share(80, "main", "authenticated", "http"), share(81, "main", "authenticated", "http")]);
}

#[actix_web::test]
async fn shares_go_with_their_workspace() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let kept = app.workspace(&app.owner, "kept").await;
    app.provision().await;
    for w in [&ws, &kept] {
        let res = upsert(&app, &app.owner, w, json!({ "agent_name": "main", "port": 8080, "share_level": "public" })).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let (store, id, owner) = (app.store().clone(), ws_id(&ws), app.owner.user.id);
    tokio::task::spawn_blocking(move || store.create_build(id, WorkspaceTransition::Delete, BuildReason::Initiator, owner).unwrap())
        .await
        .unwrap();
    assert_eq!(listed(&app, &app.owner, &ws).await.len(), 1, "kept while the delete build is pending");
    app.provision().await;
    let gone = app.get(&format!("/api/v2/workspaces/{id}?include_deleted=true")).token(&app.owner.token).send().await;
    assert_eq!(gone.body["latest_build"]["status"], "deleted");
    assert!(listed(&app, &app.owner, &ws).await.is_empty(), "a deleted workspace has no shares");
    assert_eq!(listed(&app, &app.owner, &kept).await.len(), 1, "the other workspace keeps its share");
    // Its latest build has no agent any more: nothing can be shared again.
    let res = upsert(&app, &app.owner, &ws, json!({ "agent_name": "main", "port": 8080, "share_level": "public" })).await;
    assert_eq!((res.status, res.message()), (StatusCode::BAD_REQUEST, "Agent not found."));
}

/// 413 and 500 of the port-sharing operations, in the envelope.
#[actix_web::test]
async fn oversized_bodies_and_a_broken_database() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let path = share_path(&ws);
    let big = json!({ "agent_name": "x".repeat(1 << 20) });
    for method in [Method::POST, Method::DELETE] {
        let res = app.request(method, &path).token(&app.owner.token).json(big.clone()).send().await;
        res.snapshot(StatusCode::PAYLOAD_TOO_LARGE, "body-over-1mib");
        assert_eq!(res.message(), "Request body is too large.");
    }
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.execute_admin_sql("ALTER TABLE workspace_port_shares RENAME TO port_shares_gone").unwrap())
        .await
        .unwrap();
    app.provision().await;
    let body = json!({ "agent_name": "main", "port": 8080, "share_level": "public" });
    let cases = [
        (Method::POST, path.clone(), Some(body.clone())),
        (Method::GET, path.clone(), None),
        (Method::GET, format!("{path}s"), None),
        (Method::DELETE, path.clone(), Some(body)),
    ];
    for (method, path, body) in cases {
        let mut req = app.request(method, &path).token(&app.owner.token);
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.snapshot(StatusCode::INTERNAL_SERVER_ERROR, "database-broken");
    }
}
