//! The lifecycle executor: schedules that fire, driven through days with a fake clock
//! (no test waits for real time to pass), and each due transition made exactly once by
//! two executors on one database.

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::StatusCode;
use chrono::{DateTime, Duration as Span, Utc};
use serde_json::{json, Value};
use workspaced_api::lifecycle::{Clock, Executor, FakeClock, TickStats};
use workspaced_api::provisioner::{self, ProvisionerConfig};
use workspaced_store::models::Template;
use workspaced_store::{NewTemplate, ParameterSpec, ResourceSpec, Store};

use crate::harness::{TestApp, TestUser};

const EVERY_DAY_AT_NINE: &str = "CRON_TZ=UTC 0 9 * * *";

fn executor(store: &Store, clock: &Arc<FakeClock>) -> Executor {
    Executor::new(store.clone(), clock.clone(), Arc::new(tokio::sync::Notify::new()))
}

/// Runs the queued builds, their deadlines counted from the fake clock.
async fn provision(app: &TestApp, clock: &Arc<FakeClock>) -> usize {
    provisioner::drain_at(app.store(), &ProvisionerConfig { step: Duration::ZERO, daemons: 1 }, clock.as_ref()).await
}

/// A workspace of `template` for `owner` (with `extra` request members), built.
async fn workspace_of(app: &TestApp, owner: &TestUser, template: &Template, name: &str, extra: Value, clock: &Arc<FakeClock>) -> String {
    let mut body = json!({ "name": name, "template_id": template.id });
    body.as_object_mut().unwrap().extend(extra.as_object().cloned().unwrap_or_default());
    let res = app.post("/api/v2/users/me/workspaces").token(&owner.token).json(body).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    provision(app, clock).await;
    res.body["id"].as_str().unwrap().to_owned()
}

async fn build(app: &TestApp, owner: &TestUser, id: &str, transition: &str, clock: &Arc<FakeClock>) {
    let res = app.post(&format!("/api/v2/workspaces/{id}/builds")).token(&owner.token).json(json!({ "transition": transition })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    provision(app, clock).await;
}

async fn get(app: &TestApp, id: &str) -> Value {
    let res = app.get(&format!("/api/v2/workspaces/{id}?include_deleted=true")).token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

/// (transition, reason) of every build, newest first.
async fn builds(app: &TestApp, id: &str) -> Vec<(String, String)> {
    let res = app.get(&format!("/api/v2/workspaces/{id}/builds")).token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["transition"].as_str().unwrap().to_owned(), b["reason"].as_str().unwrap().to_owned()))
        .collect()
}

fn latest(builds: &[(String, String)]) -> (&str, &str) {
    (builds[0].0.as_str(), builds[0].1.as_str())
}

async fn set_autostart(app: &TestApp, owner: &TestUser, id: &str, schedule: &str) -> DateTime<Utc> {
    let res = app.put(&format!("/api/v2/workspaces/{id}/autostart")).token(&owner.token).json(json!({ "schedule": schedule })).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    next_start(app, id).await
}

/// Turns autostop off (no deadline on the running build).
async fn no_autostop(app: &TestApp, owner: &TestUser, id: &str) {
    let res = app.put(&format!("/api/v2/workspaces/{id}/ttl")).token(&owner.token).json(json!({ "ttl_ms": null })).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    assert_eq!(get(app, id).await["latest_build"]["deadline"], Value::Null);
}

async fn next_start(app: &TestApp, id: &str) -> DateTime<Utc> {
    get(app, id).await["next_start_at"].as_str().expect("a next start").parse().unwrap()
}

fn stats(started: usize, stopped: usize, dormant: usize, deleted: usize) -> TickStats {
    TickStats { started, stopped, dormant, deleted, failed: 0 }
}

#[actix_web::test]
async fn autostart_and_autostop_through_three_days() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let id = workspace_of(&app, &alice, &app.template, "daily", json!({}), &clock).await;
    build(&app, &alice, &id, "stop", &clock).await;
    let first_start = set_autostart(&app, &alice, &id, EVERY_DAY_AT_NINE).await;
    let exec = executor(app.store(), &clock);
    assert_eq!(exec.tick().await, TickStats::default(), "nothing is due yet");

    let mut changes = app.state.events.subscribe(id.parse().unwrap());
    for day in 0..3 {
        let nine = first_start + Span::days(day);
        clock.set(nine - Span::minutes(1));
        assert_eq!(exec.tick().await, TickStats::default(), "day {day}: not yet");
        clock.set(nine + Span::minutes(1));
        assert_eq!(exec.tick().await, stats(1, 0, 0, 0), "day {day}: autostart");
        assert_eq!(latest(&builds(&app, &id).await), ("start", "autostart"));
        // The executor's builds reach the watchers like any other change.
        tokio::time::timeout(Duration::from_secs(5), changes.changed()).await.expect("a change event");
        assert_eq!(next_start(&app, &id).await, nine + Span::days(1), "the next start moves on");
        assert_eq!(exec.tick().await, TickStats::default(), "day {day}: started once");
        provision(&app, &clock).await;
        let ws = get(&app, &id).await;
        assert_eq!(ws["latest_build"]["status"], "running");
        let deadline: DateTime<Utc> = ws["latest_build"]["deadline"].as_str().unwrap().parse().unwrap();
        assert!(deadline >= nine + Span::hours(8) && deadline < nine + Span::hours(8) + Span::minutes(2), "8 h TTL: {deadline}");

        clock.set(deadline - Span::minutes(1));
        assert_eq!(exec.tick().await, TickStats::default(), "day {day}: still within the TTL");
        clock.set(deadline);
        assert_eq!(exec.tick().await, stats(0, 1, 0, 0), "day {day}: autostop");
        assert_eq!(latest(&builds(&app, &id).await), ("stop", "autostop"));
        provision(&app, &clock).await;
        assert_eq!(get(&app, &id).await["latest_build"]["status"], "stopped");
    }
    // The initial start, the stop by hand, and three days of starts and stops.
    assert_eq!(builds(&app, &id).await.len(), 2 + 3 * 2);
}

#[actix_web::test]
async fn a_workspace_stopped_by_hand_after_its_start_time_waits_for_the_next_day() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let id = workspace_of(&app, &alice, &app.template, "manual", json!({}), &clock).await;
    no_autostop(&app, &alice, &id).await;
    let nine = set_autostart(&app, &alice, &id, EVERY_DAY_AT_NINE).await;
    let exec = executor(app.store(), &clock);
    // Running at nine: nothing to start, but the next start moves on.
    clock.set(nine + Span::minutes(1));
    assert_eq!(exec.tick().await, TickStats::default());
    assert_eq!(next_start(&app, &id).await, nine + Span::days(1));
    // Stopped by hand after that: no start until the next day's nine.
    build(&app, &alice, &id, "stop", &clock).await;
    clock.set(Utc::now().max(nine) + Span::minutes(5));
    assert_eq!(exec.tick().await, TickStats::default());
    clock.set(nine + Span::days(1) + Span::minutes(1));
    assert_eq!(exec.tick().await, stats(1, 0, 0, 0));
}

#[actix_web::test]
async fn autostart_moves_to_the_active_version_when_the_workspace_follows_it() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let follows = workspace_of(&app, &alice, &app.template, "follows", json!({ "automatic_updates": "always" }), &clock).await;
    let stays = workspace_of(&app, &alice, &app.template, "stays", json!({}), &clock).await;
    let old_version = get(&app, &stays).await["latest_build"]["template_version_id"].clone();
    let (store, template, owner) = (app.store().clone(), app.template.clone(), app.owner.user.id);
    let v2 = tokio::task::spawn_blocking(move || {
        store.create_template_version(&template, "v2", &[], &[ResourceSpec::default_dev_container()], owner, true).unwrap()
    })
    .await
    .unwrap();
    let mut nine = None;
    for id in [&follows, &stays] {
        build(&app, &alice, id, "stop", &clock).await;
        nine = Some(set_autostart(&app, &alice, id, EVERY_DAY_AT_NINE).await);
    }
    clock.set(nine.unwrap() + Span::minutes(1));
    assert_eq!(executor(app.store(), &clock).tick().await, stats(2, 0, 0, 0));
    provision(&app, &clock).await;
    let (f, s) = (get(&app, &follows).await, get(&app, &stays).await);
    assert_eq!(f["latest_build"]["template_version_id"], v2.id.to_string());
    assert_eq!(f["outdated"], false);
    assert_eq!(s["latest_build"]["template_version_id"], old_version);
    assert_eq!(s["outdated"], true);
}

#[actix_web::test]
async fn a_failing_workspace_is_logged_and_the_others_go_on() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let strict = app.template_with("strict", |_| {}).await;
    let bad = workspace_of(&app, &alice, &strict, "bad", json!({}), &clock).await;
    let good = workspace_of(&app, &alice, &app.template, "good", json!({}), &clock).await;
    // The template now requires its active version, which needs a value the last build
    // cannot give: the bad workspace cannot autostart.
    let (store, owner) = (app.store().clone(), app.owner.user.id);
    let t = strict.clone();
    tokio::task::spawn_blocking(move || {
        let region = ParameterSpec {
            name: "region".into(),
            description: String::new(),
            kind: "string".into(),
            default_value: None,
            mutable: true,
            options: Vec::new(),
            validation_min: None,
            validation_max: None,
            validation_regex: None,
        };
        store.create_template_version(&t, "v2", &[region], &[ResourceSpec::default_dev_container()], owner, true).unwrap();
    })
    .await
    .unwrap();
    app.edit_template(strict.id, |t| t.require_active_version = true).await;
    let mut nine = None;
    for id in [&bad, &good] {
        build(&app, &alice, id, "stop", &clock).await;
        nine = Some(set_autostart(&app, &alice, id, EVERY_DAY_AT_NINE).await);
    }
    clock.set(nine.unwrap() + Span::minutes(1));
    let exec = executor(app.store(), &clock);
    assert_eq!(exec.tick().await, TickStats { started: 1, failed: 1, ..TickStats::default() });
    assert_eq!(latest(&builds(&app, &good).await), ("start", "autostart"));
    assert_eq!(latest(&builds(&app, &bad).await), ("stop", "initiator"));
    // It is not tried again on every tick: its next start moved on to tomorrow.
    assert_eq!(next_start(&app, &bad).await, nine.unwrap() + Span::days(1));
    assert_eq!(exec.tick().await, TickStats::default());
}

#[actix_web::test]
async fn usage_bumps_the_deadline_up_to_the_max_deadline() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let capped = app.template_with("capped", |t| t.max_ttl_ms = 30 * 60 * 1000).await;
    let one_minute = json!({ "ttl_ms": 60_000 });
    let free = workspace_of(&app, &alice, &app.template, "free", one_minute.clone(), &clock).await;
    let held = workspace_of(&app, &alice, &capped, "held", one_minute, &clock).await;
    let started = clock.now();
    for id in [&free, &held] {
        let res = app.post(&format!("/api/v2/workspaces/{id}/usage")).token(&alice.token).send().await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    }
    // The template's activity bump (1 h) moves the deadline; the max deadline caps it.
    let deadline = |ws: &Value| ws["latest_build"]["deadline"].as_str().unwrap().parse::<DateTime<Utc>>().unwrap();
    assert!(deadline(&get(&app, &free).await) > started + Span::minutes(59));
    let max: DateTime<Utc> = get(&app, &held).await["latest_build"]["max_deadline"].as_str().unwrap().parse().unwrap();
    assert_eq!(deadline(&get(&app, &held).await), max);

    let exec = executor(app.store(), &clock);
    clock.set(started + Span::minutes(20));
    assert_eq!(exec.tick().await, TickStats::default(), "both bumped past their 1-minute TTL");
    clock.set(max + Span::seconds(1));
    assert_eq!(exec.tick().await, stats(0, 1, 0, 0), "the capped one stops at its max deadline");
    assert_eq!(latest(&builds(&app, &held).await), ("stop", "autostop"));
    clock.set(started + Span::minutes(62));
    assert_eq!(exec.tick().await, stats(0, 1, 0, 0), "the other one an hour after its use");
    assert_eq!(latest(&builds(&app, &free).await), ("stop", "autostop"));
}

#[actix_web::test]
async fn unused_workspaces_go_dormant_and_are_deleted_later() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let sleepy = app
        .template_with("sleepy", |t: &mut NewTemplate| {
            t.time_til_dormant_ms = 24 * 3600 * 1000;
            t.time_til_dormant_autodelete_ms = 7 * 24 * 3600 * 1000;
        })
        .await;
    let running = workspace_of(&app, &alice, &sleepy, "running", json!({}), &clock).await;
    let stopped = workspace_of(&app, &alice, &sleepy, "stopped", json!({}), &clock).await;
    build(&app, &alice, &stopped, "stop", &clock).await;
    let other = workspace_of(&app, &alice, &app.template, "awake", json!({}), &clock).await;
    for id in [&running, &other] {
        no_autostop(&app, &alice, id).await;
    }
    let exec = executor(app.store(), &clock);
    let start = clock.now();

    clock.set(start + Span::hours(23));
    assert_eq!(exec.tick().await, TickStats::default());
    clock.set(start + Span::days(1) + Span::minutes(1));
    assert_eq!(exec.tick().await, stats(0, 0, 2, 0), "both of the template go dormant");
    assert_eq!(latest(&builds(&app, &running).await), ("stop", "dormancy"), "a running one is stopped");
    assert_eq!(builds(&app, &stopped).await.len(), 2, "a stopped one needs no build");
    assert_eq!(builds(&app, &other).await.len(), 1, "the other template's is left alone");
    provision(&app, &clock).await;
    let ws = get(&app, &running).await;
    let dormant_at: DateTime<Utc> = ws["dormant_at"].as_str().unwrap().parse().unwrap();
    let deleting_at: DateTime<Utc> = ws["deleting_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(deleting_at - dormant_at, Span::days(7));
    assert_eq!(exec.tick().await, TickStats::default(), "dormant once");

    clock.set(deleting_at - Span::minutes(1));
    assert_eq!(exec.tick().await, TickStats::default());
    clock.set(deleting_at + Span::seconds(1));
    assert_eq!(exec.tick().await, stats(0, 0, 0, 2));
    assert_eq!(latest(&builds(&app, &running).await), ("delete", "autodelete"));
    provision(&app, &clock).await;
    for id in [&running, &stopped] {
        let res = app.get(&format!("/api/v2/workspaces/{id}")).token(&alice.token).send().await;
        assert_eq!(res.status, StatusCode::GONE, "deleted: {}", res.body);
    }
    assert_eq!(exec.tick().await, TickStats::default());
}

/// Two executors (two server processes' stores) on one database, ticking at once: each
/// due start happens once.
#[actix_web::test]
async fn two_executors_make_each_transition_once() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let mut ids = Vec::new();
    let mut nine = None;
    for n in 0..6 {
        let id = workspace_of(&app, &alice, &app.template, &format!("ws-{n}"), json!({}), &clock).await;
        build(&app, &alice, &id, "stop", &clock).await;
        nine = Some(set_autostart(&app, &alice, &id, EVERY_DAY_AT_NINE).await);
        ids.push(id);
    }
    let url = app.url.clone();
    let other = tokio::task::spawn_blocking(move || Store::connect(&url)).await.unwrap().unwrap();
    let (a, b) = (executor(app.store(), &clock), executor(&other, &clock));
    clock.set(nine.unwrap() + Span::minutes(1));
    let mut started = 0;
    for _ in 0..3 {
        let (x, y) = tokio::join!(a.tick(), b.tick());
        assert_eq!(x.failed + y.failed, 0);
        started += x.started + y.started;
    }
    assert_eq!(started, ids.len());
    for id in &ids {
        let autostarts = builds(&app, id).await.iter().filter(|(_, reason)| reason == "autostart").count();
        assert_eq!(autostarts, 1, "{id}");
    }
}

/// The background task ticks on its own (here every 20 ms) and stops on shutdown.
#[actix_web::test]
async fn the_spawned_executor_ticks_until_shut_down() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let clock = Arc::new(FakeClock::new(Utc::now()));
    let id = workspace_of(&app, &alice, &app.template, "background", json!({}), &clock).await;
    build(&app, &alice, &id, "stop", &clock).await;
    let nine = set_autostart(&app, &alice, &id, EVERY_DAY_AT_NINE).await;
    clock.set(nine + Span::minutes(1));
    let handle = workspaced_api::lifecycle::spawn(executor(app.store(), &clock), Duration::from_millis(20));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while latest(&builds(&app, &id).await) != ("start", "autostart") {
        assert!(tokio::time::Instant::now() < deadline, "the background executor did not start the workspace");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    handle.shutdown().await;
}
