//! The authorization rule, end to end: who sees and may change a workspace, for every kind
//! of caller and every operation that reads or changes one. What a caller may not read is a
//! 404 (like a missing workspace); what it may read but not do is a 403.

use actix_web::http::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use workspaced_store::types::AclRole;

use crate::harness::{TestApp, TestUser};

/// Shares workspace `id` as the matrices do: the first user may use it, the second administer
/// it, and a group `devs` made with the third in it holds `group_role`.
async fn share(app: &TestApp, id: Uuid, [user, admin, member]: [&TestUser; 3], group_role: AclRole) {
    let (store, org, user, admin, member) = (app.store().clone(), app.org_id, user.user.id, admin.user.id, member.user.id);
    tokio::task::spawn_blocking(move || {
        store.set_workspace_user_role(id, user, Some(AclRole::Use)).unwrap();
        store.set_workspace_user_role(id, admin, Some(AclRole::Admin)).unwrap();
        let devs = store.create_group(org, "devs").unwrap();
        store.add_group_member(devs.id, member).unwrap();
        store.set_workspace_group_role(id, devs.id, Some(group_role)).unwrap();
    })
    .await
    .unwrap();
}

/// What one caller is expected to get.
struct Expect {
    read: bool,
    rename: StatusCode,
}

#[actix_web::test]
async fn who_may_read_and_rename_a_workspace() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let carol = app.user("carol", false).await;
    let dave = app.user("dave", false).await;
    let eve = app.user("eve", false).await;
    let ws = app.workspace(&alice, "shared").await;
    let other = app.workspace(&alice, "private").await;
    let id: Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    share(&app, id, [&bob, &carol, &dave], AclRole::Use).await;

    let callers: [(&str, &TestUser, Expect); 6] = [
        ("owner of the workspace", &alice, Expect { read: true, rename: StatusCode::NO_CONTENT }),
        ("site owner", &app.owner, Expect { read: true, rename: StatusCode::NO_CONTENT }),
        ("member with use", &bob, Expect { read: true, rename: StatusCode::FORBIDDEN }),
        ("member with admin", &carol, Expect { read: true, rename: StatusCode::NO_CONTENT }),
        ("member of a group with use", &dave, Expect { read: true, rename: StatusCode::FORBIDDEN }),
        ("stranger", &eve, Expect { read: false, rename: StatusCode::NOT_FOUND }),
    ];
    let mut name = "shared".to_owned();
    for (i, (who, caller, expect)) in callers.iter().enumerate() {
        let seen = if expect.read { StatusCode::OK } else { StatusCode::NOT_FOUND };

        let list = app.get("/api/v2/workspaces").token(&caller.token).send().await;
        assert_eq!(list.status, StatusCode::OK, "{who}: list");
        let listed: Vec<&str> = list.body["workspaces"].as_array().unwrap().iter().map(|w| w["id"].as_str().unwrap()).collect();
        assert_eq!(listed.contains(&id.to_string().as_str()), expect.read, "{who}: list shows it");
        assert_eq!(list.body["count"].as_u64().unwrap() as usize, listed.len(), "{who}: count agrees with the page");

        let by_id = app.get(&format!("/api/v2/workspaces/{id}")).token(&caller.token).send().await;
        assert_eq!(by_id.status, seen, "{who}: get by id: {}", by_id.body);

        let by_name = app.get(&format!("/api/v2/users/alice/workspace/{name}")).token(&caller.token).send().await;
        assert_eq!(by_name.status, seen, "{who}: get by owner and name: {}", by_name.body);

        // Watching is authorised as get by id (a plain GET of watch-ws, not being a
        // WebSocket handshake, then answers 426).
        let watch = app.get(&format!("/api/v2/workspaces/{id}/watch-ws")).token(&caller.token).send().await;
        let watchable = if expect.read { StatusCode::UPGRADE_REQUIRED } else { StatusCode::NOT_FOUND };
        assert_eq!(watch.status, watchable, "{who}: watch-ws: {}", watch.body);

        let new_name = format!("shared-{i}");
        let rename = app.patch(&format!("/api/v2/workspaces/{id}")).token(&caller.token).json(json!({ "name": new_name })).send().await;
        assert_eq!(rename.status, expect.rename, "{who}: rename: {}", rename.body);
        if rename.status == StatusCode::NO_CONTENT {
            name = new_name;
        }
        if rename.status == StatusCode::FORBIDDEN {
            assert_eq!(rename.message(), "Forbidden.");
            if std::ptr::eq(*caller, &bob) {
                rename.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
            }
        }

        // The workspace that is not shared stays the owner's (and site owners').
        let private = app.get(&format!("/api/v2/workspaces/{}", other["id"].as_str().unwrap())).token(&caller.token).send().await;
        let owner_like = std::ptr::eq(*caller, &alice) || std::ptr::eq(*caller, &app.owner);
        assert_eq!(private.status == StatusCode::OK, owner_like, "{who}: the unshared workspace");
    }
    let final_name = app.get(&format!("/api/v2/workspaces/{id}")).token(&alice.token).send().await;
    assert_eq!(final_name.body["name"], "shared-3", "the admin's rename was the last allowed one");
}

#[actix_web::test]
async fn shared_with_and_the_shared_filter_show_the_acl() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let ws = app.workspace(&alice, "shared").await;
    app.workspace(&alice, "private").await;
    let id: Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    let (store, org, bob_id) = (app.store().clone(), app.org_id, bob.user.id);
    tokio::task::spawn_blocking(move || {
        store.set_workspace_user_role(id, bob_id, Some(AclRole::Admin)).unwrap();
        let devs = store.create_group(org, "devs").unwrap();
        store.set_workspace_group_role(id, devs.id, Some(AclRole::Use)).unwrap();
    })
    .await
    .unwrap();

    let res = app.get(&format!("/api/v2/workspaces/{id}")).token(&alice.token).send().await;
    res.snapshot(StatusCode::OK, "shared-with-a-user-and-a-group");
    let actors: Vec<(String, String, Value)> = res.body["shared_with"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["actor_type"].as_str().unwrap().to_owned(), a["name"].as_str().unwrap().to_owned(), a["roles"].clone()))
        .collect();
    assert_eq!(
        actors,
        [("user".to_owned(), "bob".to_owned(), json!(["admin"])), ("group".to_owned(), "devs".to_owned(), json!(["use"]))]
    );

    let names = |body: &Value| -> Vec<String> {
        body["workspaces"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_owned()).collect()
    };
    let shared = app.get("/api/v2/workspaces?q=shared:true").token(&alice.token).send().await;
    assert_eq!(names(&shared.body), ["shared"]);
    for w in shared.body["workspaces"].as_array().unwrap() {
        assert!(!w["shared_with"].as_array().unwrap().is_empty(), "shared:true matches only workspaces that show a share");
    }
    let unshared = app.get("/api/v2/workspaces?q=shared:false").token(&alice.token).send().await;
    assert_eq!(names(&unshared.body), ["private"]);
    let with_bob = app.get("/api/v2/workspaces?q=shared_with_user:bob").token(&alice.token).send().await;
    assert_eq!(names(&with_bob.body), ["shared"]);
    let with_devs = app.get("/api/v2/workspaces?q=shared_with_group:coder/devs").token(&alice.token).send().await;
    assert_eq!(names(&with_devs.body), ["shared"]);

    // Removing the grants unshares it.
    let (store, bob_id) = (app.store().clone(), bob.user.id);
    tokio::task::spawn_blocking(move || store.set_workspace_user_role(id, bob_id, None).unwrap()).await.unwrap();
    let bob_sees = app.get(&format!("/api/v2/workspaces/{id}")).token(&bob.token).send().await;
    assert_eq!(bob_sees.status, StatusCode::NOT_FOUND, "a removed grant no longer shows the workspace");
}

/// What one caller is expected to get from the sharing and settings operations.
struct SettingsExpect {
    acl_get: StatusCode,
    acl_patch: StatusCode,
    favorite: StatusCode,
    dormant: StatusCode,
    /// May stop it (through dormancy and back: `workspace_dormant` grants stop too).
    stop: bool,
    delete: bool,
}

#[actix_web::test]
async fn who_may_share_favorite_and_change_settings() {
    use workspaced_store::WorkspaceAction;
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let carol = app.user("carol", false).await;
    let dave = app.user("dave", false).await;
    let eve = app.user("eve", false).await;
    let ws = app.workspace(&alice, "shared").await;
    let id: Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    let (store, org, dave_id) = (app.store().clone(), app.org_id, dave.user.id);
    let devs = tokio::task::spawn_blocking(move || {
        let devs = store.create_group(org, "devs").unwrap();
        store.add_group_member(devs.id, dave_id).unwrap();
        devs.id
    })
    .await
    .unwrap();
    // Shared through the API: bob uses it, carol administers it, the devs group uses it.
    let grant = json!({
        "user_roles": { bob.user.id.to_string(): "use", carol.user.id.to_string(): "admin" },
        "group_roles": { devs.to_string(): "use" },
    });
    let res = app.patch(&format!("/api/v2/workspaces/{id}/acl")).token(&alice.token).json(grant).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);

    use StatusCode as S;
    let callers: [(&str, &TestUser, SettingsExpect); 6] = [
        ("owner of the workspace", &alice, SettingsExpect { acl_get: S::OK, acl_patch: S::NO_CONTENT, favorite: S::NO_CONTENT, dormant: S::OK, stop: true, delete: true }),
        ("site owner", &app.owner, SettingsExpect { acl_get: S::OK, acl_patch: S::NO_CONTENT, favorite: S::FORBIDDEN, dormant: S::OK, stop: true, delete: true }),
        ("member with use", &bob, SettingsExpect { acl_get: S::FORBIDDEN, acl_patch: S::FORBIDDEN, favorite: S::FORBIDDEN, dormant: S::FORBIDDEN, stop: true, delete: false }),
        ("member with admin", &carol, SettingsExpect { acl_get: S::OK, acl_patch: S::NO_CONTENT, favorite: S::FORBIDDEN, dormant: S::OK, stop: true, delete: true }),
        ("member of a group with use", &dave, SettingsExpect { acl_get: S::FORBIDDEN, acl_patch: S::FORBIDDEN, favorite: S::FORBIDDEN, dormant: S::FORBIDDEN, stop: true, delete: false }),
        ("stranger", &eve, SettingsExpect { acl_get: S::NOT_FOUND, acl_patch: S::NOT_FOUND, favorite: S::NOT_FOUND, dormant: S::NOT_FOUND, stop: false, delete: false }),
    ];
    let mut dormant = false;
    for (who, caller, expect) in &callers {
        let acl = format!("/api/v2/workspaces/{id}/acl");
        assert_eq!(app.get(&acl).token(&caller.token).send().await.status, expect.acl_get, "{who}: get ACL");
        // A change that leaves the grants as they are (eve holds nothing; "" removes nothing).
        let noop = json!({ "user_roles": { eve.user.id.to_string(): "" } });
        assert_eq!(app.patch(&acl).token(&caller.token).json(noop).send().await.status, expect.acl_patch, "{who}: patch ACL");
        let fav = app.request(actix_web::http::Method::PUT, &format!("/api/v2/workspaces/{id}/favorite")).token(&caller.token).send().await;
        assert_eq!(fav.status, expect.favorite, "{who}: favorite");
        let res = app
            .request(actix_web::http::Method::PUT, &format!("/api/v2/workspaces/{id}/dormant"))
            .token(&caller.token)
            .json(json!({ "dormant": !dormant }))
            .send()
            .await;
        assert_eq!(res.status, expect.dormant, "{who}: dormant");
        if res.status == StatusCode::OK {
            dormant = !dormant;
        }
        let (store, actor) = (app.store().clone(), workspaced_store::Actor { user_id: caller.user.id, site_role: caller.user.site_role });
        let (stop, delete) = tokio::task::spawn_blocking(move || {
            let may = |action| store.workspace_for(&actor, id, action).unwrap().is_ok();
            (may(WorkspaceAction::Stop), may(WorkspaceAction::Delete))
        })
        .await
        .unwrap();
        assert_eq!((stop, delete), (expect.stop, expect.delete), "{who}: stop and delete");
    }
}

/// Builds and schedule settings for every kind of caller: `use` starts and stops but may
/// neither delete nor change settings; `admin` does all; a stranger sees nothing.
#[actix_web::test]
async fn who_may_build_and_schedule_a_workspace() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let carol = app.user("carol", false).await;
    let dave = app.user("dave", false).await;
    let eve = app.user("eve", false).await;
    let id: Uuid = app.running_workspace(&alice, "shared").await.parse().unwrap();
    share(&app, id, [&bob, &carol, &dave], AclRole::Use).await;
    let ok = StatusCode::NO_CONTENT;
    let (forbidden, hidden) = (StatusCode::FORBIDDEN, StatusCode::NOT_FOUND);
    // (who, caller, start/stop, delete, settings)
    let callers: [(&str, &TestUser, StatusCode, StatusCode, StatusCode); 6] = [
        ("member with use", &bob, StatusCode::CREATED, forbidden, forbidden),
        ("member of a group with use", &dave, StatusCode::CREATED, forbidden, forbidden),
        ("stranger", &eve, hidden, hidden, hidden),
        ("member with admin", &carol, StatusCode::CREATED, StatusCode::CONFLICT, ok),
        ("site owner", &app.owner, StatusCode::CREATED, StatusCode::CONFLICT, ok),
        ("owner of the workspace", &alice, StatusCode::CREATED, StatusCode::CREATED, ok),
    ];
    let builds = format!("/api/v2/workspaces/{id}/builds");
    let mut running = true;
    for (who, caller, start_stop, delete, settings) in callers {
        let transition = if running { "stop" } else { "start" };
        let res = app.post(&builds).token(&caller.token).json(json!({ "transition": transition })).send().await;
        assert_eq!(res.status, start_stop, "{who}: {transition}: {}", res.body);
        if res.status == StatusCode::CREATED {
            // The delete below then meets an active build (409) unless the caller may not delete.
            if who == "owner of the workspace" {
                app.provision().await;
                running = !running;
            }
        }
        let res = app.post(&builds).token(&caller.token).json(json!({ "transition": "delete" })).send().await;
        assert_eq!(res.status, delete, "{who}: delete: {}", res.body);
        if res.status == StatusCode::FORBIDDEN {
            assert_eq!(res.message(), "You do not have permission to delete this workspace.");
        }
        if res.status == StatusCode::CONFLICT {
            assert_eq!(res.message(), "A workspace build is already active.");
        }
        if delete != StatusCode::CREATED {
            app.provision().await;
            if start_stop == StatusCode::CREATED {
                running = !running;
            }
        }
        for (path, body) in [
            ("autostart", json!({ "schedule": "30 9 * * 1-5" })),
            ("ttl", json!({ "ttl_ms": 3_600_000 })),
        ] {
            let res = app.put(&format!("/api/v2/workspaces/{id}/{path}")).token(&caller.token).json(body).send().await;
            assert_eq!(res.status, settings, "{who}: {path}: {}", res.body);
        }
        let res = app
            .put(&format!("/api/v2/workspaces/{id}/extend"))
            .token(&caller.token)
            .json(json!({ "deadline": "2100-01-01T00:00:00Z" }))
            .send()
            .await;
        let expect = if settings == ok { [StatusCode::OK, StatusCode::BAD_REQUEST, StatusCode::CONFLICT].to_vec() } else { vec![settings] };
        assert!(expect.contains(&res.status), "{who}: extend: {} {}", res.status, res.body);
        for read in ["builds", "timings", "resolve-autostart"] {
            let res = app.get(&format!("/api/v2/workspaces/{id}/{read}")).token(&caller.token).send().await;
            let seen = if settings == hidden { hidden } else { StatusCode::OK };
            assert_eq!(res.status, seen, "{who}: {read}");
        }
    }
    app.provision().await;
    let gone = app.get(&format!("/api/v2/workspaces/{id}")).token(&alice.token).send().await;
    assert_eq!(gone.status, StatusCode::GONE, "the owner's delete went through");
}

/// What one caller is expected to get from the port-sharing operations.
#[derive(Clone, Copy)]
struct PortShareExpect {
    list: StatusCode,
    upsert: StatusCode,
    delete: StatusCode,
}

#[actix_web::test]
async fn who_may_share_ports() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let carol = app.user("carol", false).await;
    let dave = app.user("dave", false).await;
    let eve = app.user("eve", false).await;
    let ws = app.workspace(&alice, "shared").await;
    app.provision().await;
    let id: Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    share(&app, id, [&bob, &carol, &dave], AclRole::Admin).await;

    use StatusCode as S;
    let may = PortShareExpect { list: S::OK, upsert: S::OK, delete: S::OK };
    let callers: [(&str, &TestUser, PortShareExpect); 6] = [
        ("owner of the workspace", &alice, may),
        ("site owner", &app.owner, may),
        ("member with use", &bob, PortShareExpect { list: S::OK, upsert: S::FORBIDDEN, delete: S::FORBIDDEN }),
        ("member with admin", &carol, may),
        ("member of a group with admin", &dave, may),
        ("stranger", &eve, PortShareExpect { list: S::NOT_FOUND, upsert: S::NOT_FOUND, delete: S::NOT_FOUND }),
    ];
    let share = format!("/api/v2/workspaces/{id}/port-share");
    for (i, (who, caller, expect)) in callers.iter().enumerate() {
        let port = 8000 + i as i64;
        for list in [share.clone(), format!("{share}s")] {
            assert_eq!(app.get(&list).token(&caller.token).send().await.status, expect.list, "{who}: list {list}");
        }
        let body = json!({ "agent_name": "main", "port": port, "share_level": "authenticated" });
        let res = app.post(&share).token(&caller.token).json(body).send().await;
        assert_eq!(res.status, expect.upsert, "{who}: upsert: {}", res.body);
        // Each caller removes the share the owner made for it.
        let owners = app.post(&share).token(&alice.token).json(json!({ "agent_name": "main", "port": port + 100, "share_level": "public" })).send().await;
        assert_eq!(owners.status, StatusCode::OK);
        let res = app
            .request(actix_web::http::Method::DELETE, &share)
            .token(&caller.token)
            .json(json!({ "agent_name": "main", "port": port + 100 }))
            .send()
            .await;
        assert_eq!(res.status, expect.delete, "{who}: delete: {}", res.body);
    }
    let left: Vec<i64> = app.get(&share).token(&alice.token).send().await.body["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["port"].as_i64().unwrap())
        .collect();
    assert_eq!(left, [8000, 8001, 8003, 8004, 8102, 8105], "what was allowed happened, and only that");
}
