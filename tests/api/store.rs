//! Persistence properties that hold on both engines: one name per owner under concurrent
//! creation, a constant number of statements per listed page, and builds that always
//! finish (background provisioner, orphaned jobs taken up again).

use std::time::Duration;

use actix_web::http::StatusCode;
use futures_util::future::join_all;
use serde_json::{json, Value};
use workspaced_api::provisioner::{self, ProvisionerConfig};

use uuid::Uuid;
use workspaced_store::types::AclRole;
use workspaced_store::Store;

use crate::harness::{TestApp, PG_ENV};

#[actix_web::test]
async fn fifty_concurrent_creates_of_one_name_give_one_workspace() {
    let app = TestApp::new().await;
    let body = json!({ "name": "race", "template_id": app.template.id });
    let requests = (0..50).map(|_| app.post("/api/v2/users/me/workspaces").token(&app.owner.token).json(body.clone()).send());
    let responses = join_all(requests).await;
    let created = responses.iter().filter(|r| r.status == StatusCode::CREATED).count();
    let conflicts = responses.iter().filter(|r| r.status == StatusCode::CONFLICT).count();
    let others: Vec<String> = responses
        .iter()
        .filter(|r| r.status != StatusCode::CREATED && r.status != StatusCode::CONFLICT)
        .map(|r| format!("{} {}", r.status, r.body))
        .collect();
    assert_eq!((created, conflicts), (1, 49), "unexpected answers: {others:?}");
    let list = app.get("/api/v2/workspaces?q=name:race").token(&app.owner.token).send().await;
    assert_eq!(list.body["count"], 1);
}

#[actix_web::test]
async fn listing_a_page_costs_the_same_statements_whatever_its_size() {
    let app = TestApp::new().await;
    let count_list = || async {
        let before = app.store().statements_executed();
        let res = app.get("/api/v2/workspaces").token(&app.owner.token).send().await;
        assert_eq!(res.status, StatusCode::OK);
        (app.store().statements_executed() - before, res.body["count"].as_i64().unwrap())
    };
    // Both measured pages below are cold in the same way: what the plain list keeps for this
    // caller exists (this first, empty page keeps it) but is outdated by the new workspaces.
    assert_eq!(count_list().await.1, 0);
    app.workspace(&app.owner, "one").await;
    app.provision().await;
    let (one, n) = count_list().await;
    assert_eq!(n, 1);
    for i in 0..12 {
        app.workspace(&app.owner, &format!("ws-{i}")).await;
    }
    app.provision().await;
    let (many, n) = count_list().await;
    assert_eq!(n, 13);
    assert_eq!(one, many, "statements for 1 workspace vs 13 workspaces");
    // Every workspace on the page is now kept and current: the session, the two counts and
    // the page itself, in one transaction.
    let (warm, _) = count_list().await;
    assert_eq!(warm, 2, "a warm page: the session, then the page in one statement");
}

/// The plain list's page in one statement relies on what an earlier read kept: the count of
/// visible workspaces and of the requester's favorites. Every page of every size, warm or
/// cold, is still the slice of the whole list, also right after favorites change (which
/// moves no visibility generation) and for pages that straddle the favorites.
#[actix_web::test]
async fn every_page_is_a_slice_of_the_whole_list_while_favorites_change() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let mut ids = Vec::new();
    for name in ["a1", "a2", "a3", "a4", "a5"] {
        ids.push(app.workspace(&alice, name).await["id"].as_str().unwrap().to_owned());
    }
    app.provision().await;
    let names = |body: &Value| -> Vec<String> {
        body["workspaces"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_owned()).collect()
    };
    let favorite = |id: String, on: bool| {
        let app = &app;
        let token = alice.token.clone();
        async move {
            let method = if on { actix_web::http::Method::PUT } else { actix_web::http::Method::DELETE };
            let res = app.request(method, &format!("/api/v2/workspaces/{id}/favorite")).token(&token).send().await;
            assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
        }
    };
    let check_pages = |expected: Vec<&'static str>| {
        let app = &app;
        let token = alice.token.clone();
        async move {
            for round in 0..2 {
                let whole = app.get("/api/v2/workspaces").token(&token).send().await.body;
                assert_eq!(names(&whole), expected, "round {round}: the whole list");
                for limit in 1..=3 {
                    for offset in 0..=expected.len() {
                        let res = app.get(&format!("/api/v2/workspaces?offset={offset}&limit={limit}")).token(&token).send().await;
                        assert_eq!(res.status, StatusCode::OK);
                        let want: Vec<&str> = expected.iter().skip(offset).take(limit).copied().collect();
                        assert_eq!(names(&res.body), want, "round {round}, offset {offset}, limit {limit}");
                        assert_eq!(res.body["count"], expected.len(), "round {round}, offset {offset}, limit {limit}");
                    }
                }
            }
        }
    };
    check_pages(vec!["a1", "a2", "a3", "a4", "a5"]).await;
    favorite(ids[3].clone(), true).await;
    favorite(ids[1].clone(), true).await;
    check_pages(vec!["a2", "a4", "a1", "a3", "a5"]).await;
    favorite(ids[1].clone(), false).await;
    check_pages(vec!["a4", "a1", "a2", "a3", "a5"]).await;
    favorite(ids[3].clone(), false).await;
    check_pages(vec!["a1", "a2", "a3", "a4", "a5"]).await;
}

#[actix_web::test]
async fn the_background_provisioner_brings_a_new_workspace_to_running() {
    let app = TestApp::new().await;
    let handle = provisioner::spawn(
        app.store().clone(),
        app.state.provisioner_wake.clone(),
        ProvisionerConfig { step: Duration::from_millis(20), daemons: 2 },
    );
    let ws = app.workspace(&app.owner, "dev").await;
    let path = format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap());
    let mut status = String::new();
    for _ in 0..200 {
        let res = app.get(&path).token(&app.owner.token).send().await;
        status = res.body["latest_build"]["status"].as_str().unwrap_or_default().to_owned();
        if status == "running" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    handle.shutdown().await;
    assert_eq!(status, "running");
}

#[actix_web::test]
async fn a_job_orphaned_by_a_crash_is_taken_up_again() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let store = app.store().clone();
    // A worker claims the job and dies without finishing it.
    let claimed = tokio::task::spawn_blocking(move || {
        let job = store.acquire_job(uuid::Uuid::new_v4()).unwrap().expect("a pending job");
        // Nothing is pending any more; the job looks running until it is found stale.
        assert!(store.acquire_job(uuid::Uuid::new_v4()).unwrap().is_none());
        let requeued_now = store.requeue_stale_jobs(workspaced_store::now() - chrono::Duration::seconds(10)).unwrap();
        assert_eq!(requeued_now, 0, "a fresh heartbeat is not stale");
        let requeued = store.requeue_stale_jobs(workspaced_store::now() + chrono::Duration::seconds(1)).unwrap();
        (job.id, requeued)
    })
    .await
    .unwrap();
    assert_eq!(claimed.1, 1);
    assert_eq!(app.provision().await, 1, "the requeued job runs");
    let res = app.get(&format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap())).token(&app.owner.token).send().await;
    assert_eq!(res.body["latest_build"]["status"], "running");
    assert_eq!(res.body["latest_build"]["job"]["id"], claimed.0.to_string());
}

/// Several processes starting together on one database (PostgreSQL replicas, or a server and
/// an admin command on one SQLite file) migrate one after the other.
#[test]
fn replicas_starting_together_migrate_one_after_the_other() {
    let (url, _guard) = crate::harness::empty_database();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (url, barrier) = (url.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                workspaced_store::Store::connect(&url).map(|s| s.count_users().unwrap())
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().expect("every replica starts"), 0);
    }
}

/// Two server processes on one database (two stores, each with several provisioner
/// daemons) claim every queued job exactly once: none twice, none left behind.
#[actix_web::test]
async fn every_job_is_claimed_exactly_once_by_daemons_of_two_processes() {
    let app = TestApp::new().await;
    const JOBS: usize = 40;
    for i in 0..JOBS {
        app.workspace(&app.owner, &format!("ws-{i}")).await;
    }
    let second = {
        let url = app.url.clone();
        tokio::task::spawn_blocking(move || workspaced_store::Store::connect(&url).expect("a second process"))
            .await
            .unwrap()
    };
    let stores = [app.store().clone(), second];
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
    let workers: Vec<_> = (0..8)
        .map(|n| {
            let (store, barrier) = (stores[n % 2].clone(), barrier.clone());
            std::thread::spawn(move || {
                let worker = uuid::Uuid::new_v4();
                barrier.wait();
                let mut claimed = Vec::new();
                while let Some(job) = store.acquire_job(worker).expect("claiming never fails") {
                    assert_eq!(job.worker_id, Some(worker));
                    claimed.push(job.id);
                }
                claimed
            })
        })
        .collect();
    let mut all: Vec<uuid::Uuid> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert_eq!(all.len(), JOBS, "every job claimed, and only once each");
    all.sort();
    all.dedup();
    assert_eq!(all.len(), JOBS, "no job claimed twice");
    let pending = app.get("/api/v2/workspaces?q=status:starting").token(&app.owner.token).send().await;
    assert_eq!(pending.body["count"], JOBS, "claimed jobs show their builds as starting");
}

/// The read path keeps decoded workspaces; whatever changes a workspace, through this server
/// or another process on the same database, the next read shows it.
#[actix_web::test]
async fn a_kept_workspace_is_never_served_stale_even_when_another_process_changes_it() {
    use workspaced_store::types::{AclRole, BuildReason, WorkspaceTransition};
    let app = TestApp::new().await;
    let bob = app.user("bob", false).await;
    let ws = app.workspace(&app.owner, "dev").await;
    app.provision().await;
    let id: uuid::Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    let path = format!("/api/v2/workspaces/{id}");
    let get = || async { app.get(&path).token(&app.owner.token).send().await.body };
    assert_eq!(get().await["latest_build"]["status"], "running");

    let other = {
        let url = app.url.clone();
        tokio::task::spawn_blocking(move || workspaced_store::Store::connect(&url).expect("a second process")).await.unwrap()
    };
    let run = |f: Box<dyn FnOnce(&workspaced_store::Store) + Send>| {
        let other = other.clone();
        async move { tokio::task::spawn_blocking(move || f(&other)).await.unwrap() }
    };

    // Served twice from what is kept, then changed elsewhere.
    assert_eq!(get().await["name"], "dev");
    let listed = || async { app.get("/api/v2/workspaces").token(&app.owner.token).send().await.body };
    assert_eq!(listed().await["workspaces"][0]["name"], "dev");
    run(Box::new(move |s| s.rename_workspace(id, "renamed").unwrap())).await;
    assert_eq!(get().await["name"], "renamed");
    assert_eq!(listed().await["workspaces"][0]["name"], "renamed", "the list checks what it keeps too");

    let bob_id = bob.user.id;
    run(Box::new(move |s| s.set_workspace_user_role(id, bob_id, Some(AclRole::Use)).unwrap())).await;
    assert_eq!(get().await["shared_with"][0]["name"], "bob");

    let (template, admin) = (app.template.clone(), app.owner.user.id);
    run(Box::new(move |s| {
        s.create_template_version(&template, "v2", &[], &[workspaced_store::ResourceSpec::default_dev_container()], admin, true)
            .unwrap();
    }))
    .await;
    assert_eq!(get().await["outdated"], true);

    run(Box::new(move |s| {
        s.create_build(id, WorkspaceTransition::Stop, BuildReason::Initiator, admin).unwrap();
    }))
    .await;
    assert_eq!(get().await["latest_build"]["status"], "pending");
    let ran = provisioner::drain(&other, &ProvisionerConfig { step: Duration::ZERO, daemons: 1 }).await;
    assert_eq!(ran, 1);
    let stopped = get().await;
    assert_eq!(stopped["latest_build"]["status"], "stopped");
    assert_eq!(stopped["latest_build"]["build_number"], 2);
}

/// The plain list's `count` is kept per caller while the database's visibility generation
/// stays the same; each change to who may see what moves it, in whichever process it is
/// made, and the next list counts again. Each count is checked against the page itself.
#[actix_web::test]
async fn a_kept_count_is_never_stale_even_when_another_process_changes_who_sees_what() {
    use workspaced_store::types::AclRole;
    let app = TestApp::new().await;
    let bob = app.user("bob", false).await;
    let mine = app.workspace(&app.owner, "mine").await;
    app.workspace(&bob, "bobs").await;
    // Built, so that their responses are kept and the plain list can be one statement.
    app.provision().await;
    let counted = |token: String| {
        let app = &app;
        async move {
            let body = app.get("/api/v2/workspaces").token(&token).send().await.body;
            let count = body["count"].as_i64().unwrap();
            assert_eq!(count as usize, body["workspaces"].as_array().unwrap().len(), "count vs page: {body}");
            count
        }
    };
    let (admin_token, bob_token) = (app.owner.token.clone(), bob.token.clone());
    for _ in 0..2 {
        assert_eq!(counted(admin_token.clone()).await, 2);
        assert_eq!(counted(bob_token.clone()).await, 1);
    }

    let other = {
        let url = app.url.clone();
        tokio::task::spawn_blocking(move || Store::connect(&url).expect("a second process")).await.unwrap()
    };
    let run = |f: Box<dyn FnOnce(&Store) + Send>| {
        let other = other.clone();
        async move { tokio::task::spawn_blocking(move || f(&other)).await.unwrap() }
    };
    let (ws_id, bob_id, org) = (mine["id"].as_str().unwrap().parse().unwrap(), bob.user.id, app.template.organization_id);

    // A new workspace, made through the API of this process.
    let third = app.workspace(&app.owner, "third").await;
    app.provision().await;
    assert_eq!(counted(admin_token.clone()).await, 3);
    assert_eq!(counted(bob_token.clone()).await, 1);
    // Shared with bob by another process: directly, then through a group.
    run(Box::new(move |s| s.set_workspace_user_role(ws_id, bob_id, Some(AclRole::Use)).unwrap())).await;
    assert_eq!(counted(bob_token.clone()).await, 2);
    let third_id = third["id"].as_str().unwrap().parse().unwrap();
    let group = {
        let run = run.clone();
        run(Box::new(move |s| {
            let g = s.create_group(org, "crew").unwrap();
            s.set_workspace_group_role(third_id, g.id, Some(AclRole::Use)).unwrap();
        }))
        .await;
        other.group_by_name(org, "crew").unwrap().unwrap()
    };
    assert_eq!(counted(bob_token.clone()).await, 2, "bob is not in the group yet");
    run(Box::new(move |s| s.add_group_member(group.id, bob_id).unwrap())).await;
    assert_eq!(counted(bob_token.clone()).await, 3);
    // Unshared again.
    run(Box::new(move |s| s.set_workspace_user_role(ws_id, bob_id, None).unwrap())).await;
    assert_eq!(counted(bob_token.clone()).await, 2);
    assert_eq!(counted(admin_token).await, 3);
}

/// Reading a workspace by id that was read before costs one statement, on either engine:
/// the session, the authorization rule and the workspace's currency are checked together
/// (and no connection is checked on checkout while the database is healthy). Also for a
/// caller who reads it through a share, for one who may not read it at all, and for the
/// other operations on the workspace's path.
#[actix_web::test]
async fn reading_a_workspace_again_costs_one_statement() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let eve = app.user("eve", false).await;
    let ws = app.workspace(&alice, "dev").await;
    app.provision().await;
    let id: Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    let (store, bob_id) = (app.store().clone(), bob.user.id);
    tokio::task::spawn_blocking(move || store.set_workspace_user_role(id, bob_id, Some(AclRole::Use)).unwrap()).await.unwrap();
    let path = format!("/api/v2/workspaces/{id}");
    let cost = |token: String, expected: StatusCode| {
        let path = path.clone();
        let app = &app;
        async move {
            let before = app.store().statements_executed();
            let res = app.get(&path).token(&token).send().await;
            assert_eq!(res.status, expected, "{}", res.body);
            app.store().statements_executed() - before
        }
    };
    for (who, token) in [("the site owner", &app.owner.token), ("the owner", &alice.token), ("a member with use", &bob.token)] {
        let cold = cost(token.clone(), StatusCode::OK).await;
        let warm = cost(token.clone(), StatusCode::OK).await;
        assert_eq!(warm, 1, "{who}: warm read (the cold one cost {cold})");
        assert!(cold >= warm, "{who}");
    }
    assert_eq!(cost(eve.token.clone(), StatusCode::NOT_FOUND).await, 1, "a stranger's 404");
    // Every operation on a `{workspace}` path starts from the same probe: authorising a watch
    // (a plain GET of watch-ws, not a WebSocket handshake, answers 426 once authorised).
    let before = app.store().statements_executed();
    let res = app.get(&format!("{path}/watch-ws")).token(&bob.token).send().await;
    assert_eq!(res.status, StatusCode::UPGRADE_REQUIRED, "{}", res.body);
    assert_eq!(app.store().statements_executed() - before, 1, "authorising a watch");
}

/// A PostgreSQL restart (or a network cut) kills every pooled connection. Reads after it
/// must not fail: the first to meet a dead connection is retried, and the pool checks the
/// connections it hands out until they are healthy again. SQLite connections are files in
/// this process and cannot be lost this way, so the case exists on PostgreSQL only.
#[actix_web::test]
async fn reads_survive_the_database_ending_every_connection() {
    let Some(admin_url) = std::env::var(PG_ENV).ok().filter(|v| !v.is_empty()) else { return };
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    app.provision().await;
    let path = format!("/api/v2/workspaces/{}", ws["id"].as_str().unwrap());
    // Several requests at once, so that the pool holds several connections.
    let gets = (0..6).map(|_| app.get(&path).token(&app.owner.token).send());
    for res in join_all(gets).await {
        assert_eq!(res.status, StatusCode::OK);
    }
    let name = app.url.rsplit('/').next().unwrap().to_owned();
    let ended = actix_web::web::block(move || Store::terminate_postgres_connections(&admin_url, &name)).await.unwrap().unwrap();
    assert!(ended >= 1, "no pooled connection was ended");
    for _ in 0..12 {
        let res = app.get(&path).token(&app.owner.token).send().await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let list = app.get("/api/v2/workspaces").token(&app.owner.token).send().await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    }
}

/// An agent's status is defined twice, in Rust (what a workspace shows) and in SQL (what
/// `q=has-agent:` matches); both read the same columns and must always agree.
#[actix_web::test]
async fn agent_status_shown_and_filtered_agree() {
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    app.provision().await;
    let id = ws["id"].as_str().unwrap().to_owned();
    let cases = [
        ("connected", "first_connected_at = '2026-01-01 00:00:00', last_connected_at = '2026-01-01 00:00:00', disconnected_at = NULL"),
        ("disconnected", "last_connected_at = '2026-01-01 00:00:00', disconnected_at = '2026-01-01 00:00:01'"),
        ("connected", "last_connected_at = '2026-01-01 00:00:02', disconnected_at = '2026-01-01 00:00:01'"),
        ("connecting", "first_connected_at = NULL, last_connected_at = NULL, disconnected_at = NULL, connection_timeout_at = '2999-01-01 00:00:00'"),
        ("timeout", "first_connected_at = NULL, last_connected_at = NULL, disconnected_at = NULL, connection_timeout_at = '2001-01-01 00:00:00'"),
        ("connecting", "first_connected_at = NULL, last_connected_at = NULL, disconnected_at = NULL, connection_timeout_at = NULL"),
    ];
    for (expected, set) in cases {
        let store = app.store().clone();
        let statement = format!("UPDATE workspace_agents SET {set}, updated_at = updated_at");
        tokio::task::spawn_blocking(move || store.execute_admin_sql(&statement).unwrap()).await.unwrap();
        // The kept decode is keyed on the row's version, which an operator's SQL does not bump.
        let store = app.store().clone();
        let bump = format!("UPDATE workspaces SET version = version + 1 WHERE id = '{id}'");
        tokio::task::spawn_blocking(move || store.execute_admin_sql(&bump).unwrap()).await.unwrap();
        let shown = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
        assert_eq!(shown.body["latest_build"]["resources"][0]["agents"][0]["status"], expected, "shown after {set}");
        for status in ["connecting", "connected", "disconnected", "timeout"] {
            let list = app.get(&format!("/api/v2/workspaces?q=has-agent:{status}")).token(&app.owner.token).send().await;
            assert_eq!(list.body["count"], u64::from(status == expected), "has-agent:{status} after {set}");
        }
    }
}

/// The sharing and settings writes bump the kept workspace's version too: made by another
/// process, each shows on the next read (by id and in the list).
#[actix_web::test]
async fn settings_and_acl_changes_are_never_served_stale() {
    use workspaced_store::types::{AclRole, AutomaticUpdates};
    let app = TestApp::new().await;
    let bob = app.user("bob", false).await;
    let ws = app.workspace(&app.owner, "dev").await;
    app.provision().await;
    let id: uuid::Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    let path = format!("/api/v2/workspaces/{id}");
    let get = || async { app.get(&path).token(&app.owner.token).send().await.body };
    let listed = || async { app.get("/api/v2/workspaces").token(&app.owner.token).send().await.body["workspaces"][0].clone() };
    let other = {
        let url = app.url.clone();
        tokio::task::spawn_blocking(move || workspaced_store::Store::connect(&url).expect("a second process")).await.unwrap()
    };
    let run = |f: Box<dyn FnOnce(&workspaced_store::Store) + Send>| {
        let other = other.clone();
        async move { tokio::task::spawn_blocking(move || f(&other)).await.unwrap() }
    };
    // Kept by both reads first.
    assert_eq!(get().await["favorite"], false);
    assert_eq!(listed().await["favorite"], false);

    run(Box::new(move |s| s.set_workspace_favorite(id, true).unwrap())).await;
    assert_eq!((get().await["favorite"].clone(), listed().await["favorite"].clone()), (json!(true), json!(true)));

    run(Box::new(move |s| s.set_workspace_automatic_updates(id, AutomaticUpdates::Always).unwrap())).await;
    assert_eq!((get().await["automatic_updates"].clone(), listed().await["automatic_updates"].clone()), (json!("always"), json!("always")));

    let before = get().await["last_used_at"].clone();
    tokio::time::sleep(Duration::from_millis(5)).await;
    run(Box::new(move |s| s.record_workspace_usage(id).unwrap())).await;
    assert_ne!(get().await["last_used_at"], before);
    assert_ne!(listed().await["last_used_at"], before);

    run(Box::new(move |s| assert!(s.set_workspace_dormant(id, true).unwrap()))).await;
    assert!(get().await["dormant_at"].is_string() && listed().await["dormant_at"].is_string());
    run(Box::new(move |s| assert!(s.set_workspace_dormant(id, false).unwrap()))).await;
    assert!(get().await["dormant_at"].is_null() && listed().await["dormant_at"].is_null());

    let bob_id = bob.user.id;
    run(Box::new(move |s| s.update_workspace_acl(id, &[(bob_id, Some(AclRole::Admin))], &[]).unwrap())).await;
    assert_eq!(get().await["shared_with"][0]["roles"], json!(["admin"]));
    assert_eq!(listed().await["shared_with"][0]["roles"], json!(["admin"]));
    run(Box::new(move |s| s.clear_workspace_acl(id).unwrap())).await;
    assert!(get().await.get("shared_with").is_none() && listed().await.get("shared_with").is_none());
}

/// Reads may be answered on the async worker itself (`Store::without_waiting`, SQLite
/// only): there a read runs as usual, but a write is refused before it starts (it may wait
/// for the writer's turn) and the caller is told to run the operation where it may wait.
/// A session whose `last_used` is due for its once-a-minute update is such a case: the
/// request still succeeds and the update happens.
#[actix_web::test]
async fn reads_run_inline_only_without_waiting_and_never_write() {
    let app = TestApp::new().await;
    let store = app.store().clone();
    let inline = store.without_waiting(|s| s.user_by_username("admin").unwrap().map(|u| u.username));
    match store.backend() {
        workspaced_store::Backend::Sqlite => assert_eq!(inline, Some(Some("admin".to_owned()))),
        workspaced_store::Backend::Postgres => assert_eq!(inline, None, "PostgreSQL reads wait for the network"),
    }
    let org = app.template.organization_id;
    let refused = store.without_waiting(|s| s.create_group(org, "inline"));
    assert!(refused.is_none(), "a write inside must be refused: {refused:?}");
    assert!(store.group_by_name(org, "inline").unwrap().is_none(), "and not performed");

    // A key last used long ago: the read falls back to the blocking pool and records the use.
    let key_id = app.owner.token.split('-').next().unwrap().to_owned();
    store.execute_admin_sql(&format!("UPDATE api_keys SET last_used = '2020-01-01 00:00:00' WHERE id = '{key_id}'")).unwrap();
    let before = store.api_key_with_user(&key_id).unwrap().unwrap().0.last_used;
    let res = app.get("/api/v2/workspaces").token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::OK);
    let after = store.api_key_with_user(&key_id).unwrap().unwrap().0.last_used;
    assert!(after > before, "last_used stayed {before}");
}

/// A serialised workspace kept for the read path (`bodies`) is byte for byte what a fresh
/// conversion gives, for the owner and for others (`favorite` is personal), until the
/// provisioners' next heartbeat (a minute); then it is made again.
#[actix_web::test]
async fn a_kept_body_is_exactly_a_fresh_conversion() {
    use chrono::{SubsecRound, TimeDelta, Utc};
    use workspaced_api::{bodies::Bodies, convert};
    let app = TestApp::new().await;
    let bob = app.user("bob", false).await;
    let ws = app.workspace(&app.owner, "dev").await;
    app.provision().await;
    let res = app.request(actix_web::http::Method::PUT, &format!("/api/v2/workspaces/{}/favorite", ws["id"].as_str().unwrap()))
        .token(&app.owner.token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let id = ws["id"].as_str().unwrap().parse().unwrap();
    let (store, owner, bob_id) = (app.store().clone(), app.owner.user.id, bob.user.id);
    let actor = workspaced_store::Actor { user_id: owner, site_role: app.owner.user.site_role };
    let agg = tokio::task::spawn_blocking(move || store.workspace_for(&actor, id, workspaced_store::WorkspaceAction::Read).unwrap().unwrap()).await.unwrap();
    let fresh = |requester, now| serde_json::to_string(&convert::workspace(&agg, requester, now)).unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let bodies = Bodies::default();
    let start = Utc::now().trunc_subsecs(0) + TimeDelta::seconds(5);
    // The callers switch within one instant, so a kept body made for the other kind is there.
    for now in [start, start + TimeDelta::milliseconds(999), start + TimeDelta::seconds(1), start + TimeDelta::seconds(61)] {
        for (requester, favorite) in [(owner, true), (bob_id, false), (owner, true)] {
            let kept = bodies.workspace(&agg, requester, now).unwrap().json;
            assert!(text(&kept) == fresh(requester, now), "at {now}: kept {} vs fresh {}", text(&kept), fresh(requester, now));
            let value: serde_json::Value = serde_json::from_slice(&kept).unwrap();
            assert_eq!(value["favorite"], favorite);
        }
    }
    let page = bodies.workspaces_response(&[agg.clone(), agg.clone()], 7, owner, start).unwrap().json;
    let expected = workspaced_sdk::WorkspacesResponse {
        count: 7,
        workspaces: vec![convert::workspace(&agg, owner, start), convert::workspace(&agg, owner, start)],
    };
    let expected = serde_json::to_string(&expected).unwrap();
    assert!(text(&page) == expected, "page {} vs {expected}", text(&page));
    // Served at an earlier second than the kept body was made for: made again.
    let earlier = bodies.workspace(&agg, owner, start - TimeDelta::seconds(3)).unwrap().json;
    assert!(text(&earlier) == fresh(owner, start - TimeDelta::seconds(3)));
}

/// A share written while the template's max is lowered never survives above the new max:
/// the upsert reads the max under the template's row lock, and the lowering lowers the
/// shares in the transaction that changes the max.
#[actix_web::test]
async fn a_lowered_max_port_share_level_and_new_shares_never_leave_one_above_it() {
    use workspaced_store::models::WorkspacePortShare;
    use workspaced_store::types::{PortShareLevel, PortShareProtocol};
    use workspaced_store::PortShareUpsert;
    let app = TestApp::new().await;
    let ws = app.workspace(&app.owner, "dev").await;
    let id: uuid::Uuid = ws["id"].as_str().unwrap().parse().unwrap();
    let (store, template) = (app.store().clone(), app.template.id);
    tokio::task::spawn_blocking(move || {
        let (stored, refused) = std::thread::scope(|s| {
            let sharer = s.spawn(|| {
                let (mut stored, mut refused) = (0, 0);
                for port in 100..400 {
                    let share = WorkspacePortShare {
                        workspace_id: id,
                        agent_name: "main".into(),
                        port,
                        share_level: PortShareLevel::Public,
                        protocol: PortShareProtocol::Http,
                    };
                    match store.upsert_workspace_port_share(template, &share).unwrap() {
                        PortShareUpsert::Stored(_) => {
                            assert_eq!(refused, 0, "port {port} stored after a refusal");
                            stored += 1;
                        }
                        PortShareUpsert::AboveMax(max) => {
                            assert_eq!(max, PortShareLevel::Authenticated);
                            refused += 1;
                        }
                    }
                }
                (stored, refused)
            });
            std::thread::sleep(Duration::from_millis(30));
            store.set_template_max_port_share_level(template, PortShareLevel::Authenticated).unwrap();
            sharer.join().unwrap()
        });
        assert_eq!(stored + refused, 300);
        let shares = store.workspace_port_shares(id).unwrap();
        assert_eq!(shares.len(), stored);
        assert!(shares.iter().all(|s| s.share_level == PortShareLevel::Authenticated), "none left public");
    })
    .await
    .unwrap();
}

/// `read_as` may run its operation twice: on the async worker, stopped by the store at the
/// first thing that would wait, then from the start on the blocking pool. An operation whose
/// only effects are store calls is safe to run twice: the first run's write is refused before
/// it is made, and the second makes it once. (PostgreSQL reads never run on the worker.)
#[actix_web::test]
async fn a_read_that_would_wait_runs_again_on_the_pool() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use actix_web::FromRequest;
    let app = TestApp::new().await;
    let req = actix_web::test::TestRequest::default()
        .insert_header(("Coder-Session-Token", app.owner.token.as_str()))
        .to_http_request();
    let session = workspaced_api::auth::Session::from_request(&req, &mut actix_web::dev::Payload::None).await.unwrap();
    let (runs, org) = (Arc::new(AtomicUsize::new(0)), app.template.organization_id);
    let counted = runs.clone();
    let group = app
        .state
        .read_as(session, move |store, _caller| {
            counted.fetch_add(1, Ordering::SeqCst);
            Ok(store.create_group(org, "twice")?)
        })
        .await
        .expect("the second run succeeds");
    let expected = match app.store().backend() {
        workspaced_store::Backend::Sqlite => 2,
        workspaced_store::Backend::Postgres => 1,
    };
    assert_eq!(runs.load(Ordering::SeqCst), expected, "runs of the operation");
    let store = app.store().clone();
    let found = tokio::task::spawn_blocking(move || store.group_by_name(org, "twice").unwrap()).await.unwrap();
    assert_eq!(found.map(|g| g.id), Some(group.id), "one group, made by the second run");
}

/// What authentication finds about a request's workspace (the probe) serves the reads of that
/// request's operation only: once the operation ends, a read on the same thread (a watcher's,
/// on the same worker) reads the workspace's stamp again instead of trusting an old one, and a
/// probe taken outside any operation is not kept at all.
#[actix_web::test]
async fn the_sessions_probe_ends_with_its_operation() {
    use workspaced_store::WorkspaceAction::Read;
    let app = TestApp::new().await;
    let id: Uuid = app.running_workspace(&app.owner, "dev").await.parse().unwrap();
    let (store, key_id) = (app.store().clone(), app.owner.token.split('-').next().unwrap().to_owned());
    let actor = workspaced_store::Actor { user_id: app.owner.user.id, site_role: app.owner.user.site_role };
    tokio::task::spawn_blocking(move || {
        store.workspace_for(&actor, id, Read).unwrap().unwrap(); // kept from now on
        let cost = |f: &dyn Fn()| {
            let before = store.statements_executed();
            f();
            store.statements_executed() - before
        };
        let inside = cost(&|| {
            store.operation(|s| {
                s.api_key_with_user_probing(&key_id, id).unwrap().unwrap();
                s.workspace_for(&actor, id, Read).unwrap().unwrap();
            })
        });
        assert_eq!(inside, 1, "within the operation, the session's statement alone");
        let after = cost(&|| {
            store.workspace_for(&actor, id, Read).unwrap().unwrap();
        });
        assert_eq!(after, 1, "after it, the stamp is read again");
        let outside = cost(&|| {
            store.api_key_with_user_probing(&key_id, id).unwrap().unwrap();
            store.workspace_for(&actor, id, Read).unwrap().unwrap();
        });
        assert_eq!(outside, 2, "a probe taken outside an operation is not kept");
    })
    .await
    .unwrap();
}

/// A port share moves the version of its own workspace and of no other: the template's row
/// lock the upsert takes (to order it with a lowering of the max) is a lock, not a write. A
/// no-op `UPDATE templates` fired `templates_stamp` and moved every workspace of the
/// template, throwing away what every process kept of them and waking their watchers.
#[actix_web::test]
async fn a_port_share_moves_no_other_workspace_of_its_template() {
    use workspaced_store::models::WorkspacePortShare;
    use workspaced_store::types::{PortShareLevel, PortShareProtocol};
    use workspaced_store::PortShareUpsert;
    let app = TestApp::new().await;
    let shared = app.workspace(&app.owner, "shared").await;
    let other = app.workspace(&app.owner, "other").await;
    app.provision().await;
    let id = |ws: &Value| -> Uuid { ws["id"].as_str().unwrap().parse().unwrap() };
    let (shared, other) = (id(&shared), id(&other));
    let (store, template) = (app.store().clone(), app.template.id);
    let actor = workspaced_store::Actor { user_id: app.owner.user.id, site_role: app.owner.user.site_role };
    tokio::task::spawn_blocking(move || {
        let version = |id| store.workspace_for(&actor, id, workspaced_store::WorkspaceAction::Read).unwrap().unwrap().workspace.version;
        let (shared_before, other_before) = (version(shared), version(other));
        for level in [PortShareLevel::Authenticated, PortShareLevel::Public] {
            let share = WorkspacePortShare {
                workspace_id: shared,
                agent_name: "main".into(),
                port: 8080,
                share_level: level,
                protocol: PortShareProtocol::Http,
            };
            assert!(matches!(store.upsert_workspace_port_share(template, &share).unwrap(), PortShareUpsert::Stored(_)));
        }
        assert!(store.delete_workspace_port_share(shared, "main", 8080).unwrap());
        assert!(version(shared) > shared_before, "the shared workspace's own version moves");
        assert_eq!(version(other), other_before, "another workspace of the template does not move");
    })
    .await
    .unwrap();
}
