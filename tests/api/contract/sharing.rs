//! `/workspaces/{workspace}/acl` and
//! `/organizations/{organization}/members/{user}/workspaces/available-users`.

use actix_web::http::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use super::check_unauthorized;
use crate::harness::{TestApp, TestUser};

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";

/// A group of the default organization with these members.
async fn group(app: &TestApp, name: &str, members: &[&TestUser]) -> Uuid {
    let (store, org, name) = (app.store().clone(), app.org_id, name.to_owned());
    let ids: Vec<Uuid> = members.iter().map(|m| m.user.id).collect();
    tokio::task::spawn_blocking(move || {
        let g = store.create_group(org, &name).unwrap();
        for id in ids {
            store.add_group_member(g.id, id).unwrap();
        }
        g.id
    })
    .await
    .unwrap()
}

fn names(body: &Value, list: &str, key: &str) -> Vec<String> {
    body[list].as_array().unwrap().iter().map(|e| e[key].as_str().unwrap().to_owned()).collect()
}

#[actix_web::test]
async fn the_acl_is_read_changed_and_cleared_through_the_api() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let carol = app.user("carol", false).await;
    let dave = app.user("dave", false).await;
    let eve = app.user("eve", false).await;
    let devs = group(&app, "devs", &[&dave, &carol]).await;
    let ws = app.workspace(&alice, "shared").await;
    let acl = format!("/api/v2/workspaces/{}/acl", ws["id"].as_str().unwrap());

    let empty = app.get(&acl).token(&alice.token).send().await;
    empty.snapshot(StatusCode::OK, "not-shared");
    assert_eq!(empty.body, json!({ "group": [], "users": [] }));

    let grant = json!({
        "user_roles": { bob.user.id.to_string(): "use", carol.user.id.to_string(): "admin" },
        "group_roles": { devs.to_string(): "use" },
    });
    app.patch(&acl).token(&alice.token).json(grant).send().await.snapshot(StatusCode::NO_CONTENT, "grant-users-and-a-group");

    let res = app.get(&acl).token(&alice.token).send().await;
    res.snapshot(StatusCode::OK, "users-and-a-group");
    assert_eq!(names(&res.body, "users", "username"), ["bob", "carol"]);
    assert_eq!(names(&res.body, "users", "role"), ["use", "admin"]);
    let g = &res.body["group"][0];
    assert_eq!((g["name"].as_str(), g["role"].as_str(), g["total_member_count"].as_i64()), (Some("devs"), Some("use"), Some(2)));
    assert_eq!(names(g, "members", "username"), ["carol", "dave"]);
    assert_eq!(g["organization_name"], "coder");

    // The grants are real: the sharees see it, and the workspace shows them.
    for sharee in [&bob, &dave] {
        let list = app.get("/api/v2/workspaces").token(&sharee.token).send().await;
        assert_eq!(names(&list.body, "workspaces", "name"), ["shared"], "{}", sharee.user.username);
    }
    let shown = app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&alice.token).send().await;
    assert_eq!(names(&shown.body, "shared_with", "name"), ["bob", "carol", "devs"]);

    // Who may read or change it: admins yes, `use` no (403), strangers do not see it (404).
    assert_eq!(app.get(&acl).token(&carol.token).send().await.status, StatusCode::OK);
    app.get(&acl).token(&bob.token).send().await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    app.get(&acl).token(&eve.token).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    app.get("/api/v2/workspaces/not-a-uuid/acl").token(&alice.token).send().await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    let change = json!({ "user_roles": { eve.user.id.to_string(): "use" } });
    app.patch(&acl).token(&bob.token).json(change.clone()).send().await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    app.patch(&acl).token(&eve.token).json(change.clone()).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    app.patch(&format!("/api/v2/workspaces/{MISSING}/acl")).token(&alice.token).json(change).send().await;

    // Removing with "" (also an id that never existed), keeping what is not named.
    let remove = json!({ "user_roles": { bob.user.id.to_string(): "", MISSING: "" }, "group_roles": { devs.to_string(): "" } });
    assert_eq!(app.patch(&acl).token(&carol.token).json(remove).send().await.status, StatusCode::NO_CONTENT);
    let res = app.get(&acl).token(&alice.token).send().await;
    assert_eq!(names(&res.body, "users", "username"), ["carol"]);
    assert_eq!(res.body["group"], json!([]));
    let bob_sees = app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&bob.token).send().await;
    assert_eq!(bob_sees.status, StatusCode::NOT_FOUND, "a removed grant no longer shows the workspace");

    // Clearing.
    let dave_uses = json!({ "user_roles": { dave.user.id.to_string(): "use" } });
    assert_eq!(app.patch(&acl).token(&carol.token).json(dave_uses).send().await.status, StatusCode::NO_CONTENT);
    app.request(Method::DELETE, &acl).token(&dave.token).send().await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    app.request(Method::DELETE, &acl).token(&eve.token).send().await.snapshot(StatusCode::NOT_FOUND, "not-visible");
    app.request(Method::DELETE, "/api/v2/workspaces/not-a-uuid/acl")
        .token(&alice.token)
        .send()
        .await
        .snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    app.request(Method::DELETE, &acl).token(&carol.token).send().await.snapshot(StatusCode::NO_CONTENT, "cleared-by-an-admin");
    let res = app.get(&acl).token(&alice.token).send().await;
    assert_eq!(res.body, json!({ "group": [], "users": [] }));
    let shown = app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&alice.token).send().await;
    assert!(shown.body.get("shared_with").is_none(), "an unshared workspace leaves shared_with out");
    assert_eq!(app.get(&acl).token(&carol.token).send().await.status, StatusCode::NOT_FOUND, "carol lost her admin role");

    for method in [Method::GET, Method::PATCH, Method::DELETE] {
        check_unauthorized(&app, method, &format!("/api/v2/workspaces/{MISSING}/acl")).await;
    }
}

#[actix_web::test]
async fn a_bad_acl_update_reports_every_entry_and_changes_nothing() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let ws = app.workspace(&alice, "dev").await;
    let acl = format!("/api/v2/workspaces/{}/acl", ws["id"].as_str().unwrap());
    let unknown = "0c8b6d2e-3f4a-4b5c-8d9e-1f2a3b4c5d6e";
    let body = json!({
        "user_roles": {
            "Quifrey": "level 5",
            unknown: "admin",
            alice.user.id.to_string(): "use",
            bob.user.id.to_string(): "use",
        },
        "group_roles": { "apprentices": "level 2", MISSING: "use" },
    });
    let res = app.patch(&acl).token(&alice.token).json(body).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "invalid-entries");
    assert_eq!(res.message(), "Invalid request to update workspace ACL");
    let v: Vec<(String, String)> = res.body["validations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["field"].as_str().unwrap().to_owned(), v["detail"].as_str().unwrap().to_owned()))
        .collect();
    let want = [
        ("group_roles", "role \"level 2\" is not a valid workspace role".to_owned()),
        ("group_roles", "apprentices is not a valid UUID.".to_owned()),
        ("group_roles", format!("group with ID {MISSING} does not exist")),
        ("user_roles", "role \"level 5\" is not a valid workspace role".to_owned()),
        ("user_roles", "Quifrey is not a valid UUID.".to_owned()),
        ("user_roles", format!("user with ID {unknown} does not exist")),
        ("user_roles", format!("user with ID {} owns the workspace and cannot be given a role", alice.user.id)),
    ];
    let mut want: Vec<(String, String)> = want.into_iter().map(|(f, d)| (f.to_owned(), d)).collect();
    let mut got = v.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(app.get(&acl).token(&alice.token).send().await.body["users"], json!([]), "bob's valid entry was not applied");

    let res = app.patch(&acl).token(&alice.token).json(json!({ "user_roles": { bob.user.id.to_string(): 5 } })).send().await;
    res.snapshot(StatusCode::BAD_REQUEST, "role-not-a-string");
    assert_eq!(res.message(), "Request body must be valid JSON.");
    // Null maps and an empty body change nothing.
    let res = app.patch(&acl).token(&alice.token).json(json!({ "user_roles": null, "group_roles": {} })).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
}

#[actix_web::test]
async fn available_users_are_the_members_the_caller_may_create_for() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    app.user("bob", false).await;
    let path = |org: &str, user: &str| format!("/api/v2/organizations/{org}/members/{user}/workspaces/available-users");
    let org = app.org_id.to_string();

    let res = app.get(&path(&org, "me")).token(&app.owner.token).send().await;
    res.snapshot(StatusCode::OK, "site-owner-sees-every-member");
    let usernames = |body: &Value| -> Vec<String> { body.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap().to_owned()).collect() };
    assert_eq!(usernames(&res.body), ["admin", "alice", "bob"]);
    let res = app.get(&format!("{}?q=ALI", path("coder", "admin"))).token(&app.owner.token).send().await;
    assert_eq!(usernames(&res.body), ["alice"], "the organization by name, q ignores case");
    let res = app.get(&format!("{}?q=search:example.com%20status:active&limit=1&offset=1", path(&org, "me"))).token(&app.owner.token).send().await;
    assert_eq!(usernames(&res.body), ["alice"]);
    let res = app.get(&format!("{}?q=status:suspended", path(&org, "me"))).token(&app.owner.token).send().await;
    assert_eq!(res.body, json!([]));

    let res = app.get(&path(&org, "me")).token(&alice.token).send().await;
    res.snapshot(StatusCode::OK, "member-sees-only-themself");
    assert_eq!(usernames(&res.body), ["alice"]);

    app.get(&format!("{}?q=color:red", path(&org, "me")))
        .token(&app.owner.token)
        .send()
        .await
        .snapshot(StatusCode::BAD_REQUEST, "unknown-search-key");
    app.get(&format!("{}?q=status:sleepy", path(&org, "me")))
        .token(&app.owner.token)
        .send()
        .await
        .snapshot(StatusCode::BAD_REQUEST, "bad-status");
    app.get(&format!("{}?limit=-1", path(&org, "me"))).token(&app.owner.token).send().await.snapshot(StatusCode::BAD_REQUEST, "bad-limit");
    app.get(&path(&org, "nobody")).token(&app.owner.token).send().await.snapshot(StatusCode::BAD_REQUEST, "unknown-user");
    app.get(&path(MISSING, "me")).token(&app.owner.token).send().await.snapshot(StatusCode::NOT_FOUND, "unknown-organization");
    let (store, alice_id) = (app.store().clone(), alice.user.id);
    let other = tokio::task::spawn_blocking(move || {
        let o = store.create_organization("other", "Other", false).unwrap();
        store.add_organization_member(o.id, alice_id).unwrap();
        o.id
    })
    .await
    .unwrap();
    app.get(&path(&other.to_string(), "bob")).token(&app.owner.token).send().await.snapshot(StatusCode::NOT_FOUND, "user-not-a-member");
    let res = app.get(&path(&other.to_string(), "alice")).token(&app.owner.token).send().await;
    assert_eq!(usernames(&res.body), ["alice"], "only the organization's members");
    check_unauthorized(&app, Method::GET, &path(&org, "me")).await;
}
