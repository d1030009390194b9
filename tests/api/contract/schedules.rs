//! `/workspaces/{workspace}/autostart`, `/ttl`, `/extend` and `/resolve-autostart`.

use actix_web::http::{Method, StatusCode};
use chrono::{DateTime, Datelike, Duration, SecondsFormat, SubsecRound, Timelike, Utc, Weekday};
use serde_json::{json, Value};
use uuid::Uuid;
use workspaced_store::types::AclRole;
use workspaced_store::ParameterSpec;

use super::check_unauthorized;
use crate::harness::{TestApp, TestUser};

const MISSING: &str = "9a5d0a4e-7c49-4a9e-9d39-8d0f1a3b2c11";

async fn get(app: &TestApp, id: &str) -> Value {
    let res = app.get(&format!("/api/v2/workspaces/{id}")).token(&app.owner.token).send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

fn time(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap_or_else(|| panic!("not a time: {v}"))).unwrap().with_timezone(&Utc)
}

/// A member who holds `use` on the workspace `id`.
async fn sharee(app: &TestApp, id: &str) -> TestUser {
    let bob = app.user("bob", false).await;
    let (store, wid, uid) = (app.store().clone(), id.parse::<Uuid>().unwrap(), bob.user.id);
    tokio::task::spawn_blocking(move || store.set_workspace_user_role(wid, uid, Some(AclRole::Use)).unwrap()).await.unwrap();
    bob
}

#[actix_web::test]
async fn autostart_sets_and_clears_the_schedule_and_the_next_start() {
    let app = TestApp::new().await;
    // Weekday mornings, but the template allows Fridays only (bit 4).
    let template = app.template_with("fridays", |t| t.autostart_allowed_days = 1 << 4).await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "dev", "template_id": template.id }))
        .send()
        .await;
    let id = res.body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v2/workspaces/{id}/autostart");
    let schedule = "CRON_TZ=Europe/Dublin 30 9 * * 1-5";
    let res = app.put(&path).token(&app.owner.token).json(json!({ "schedule": schedule })).send().await;
    res.snapshot(StatusCode::NO_CONTENT, "set");
    let ws = get(&app, &id).await;
    assert_eq!(ws["autostart_schedule"], schedule);
    let next = time(&ws["next_start_at"]).with_timezone(&chrono_tz::Europe::Dublin);
    assert_eq!((next.weekday(), next.hour(), next.minute()), (Weekday::Fri, 9, 30), "the next allowed day: {next}");
    assert!(next.with_timezone(&Utc) > Utc::now() && next.with_timezone(&Utc) - Utc::now() <= Duration::days(7));

    let res = app.put(&path).token(&app.owner.token).json(json!({ "schedule": null })).send().await;
    res.snapshot(StatusCode::NO_CONTENT, "cleared");
    let ws = get(&app, &id).await;
    assert!(ws.get("autostart_schedule").is_none(), "left out when off: {ws}");
    assert_eq!(ws["next_start_at"], Value::Null);
    // An empty schedule also turns it off.
    app.put(&path).token(&app.owner.token).json(json!({ "schedule": schedule })).send().await;
    let res = app.put(&path).token(&app.owner.token).json(json!({ "schedule": "" })).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert!(get(&app, &id).await.get("autostart_schedule").is_none());
}

#[actix_web::test]
async fn autostart_errors() {
    let app = TestApp::new().await;
    let id = app.workspace(&app.owner, "dev").await["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v2/workspaces/{id}/autostart");
    let put = |body: Value| app.put(&path).token(&app.owner.token).json(body).send();
    let res = put(json!({ "schedule": "CRON_TZ=UTC 30 9 1 * *" })).await;
    res.snapshot(StatusCode::BAD_REQUEST, "monthly");
    assert_eq!(res.message(), "Invalid autostart schedule.");
    put(json!({ "schedule": "CRON_TZ=Mars/Olympus 30 9 * * 1-5" })).await.snapshot(StatusCode::BAD_REQUEST, "unknown-zone");
    put(json!({ "schedule": "*/5 9 * * 1-5" })).await.snapshot(StatusCode::BAD_REQUEST, "minute-not-single");
    put(json!({ "schedule": "30 9 * *" })).await.snapshot(StatusCode::BAD_REQUEST, "four-fields");
    put(json!({ "schedule": "61 9 * * 1" })).await.snapshot(StatusCode::BAD_REQUEST, "minute-out-of-range");
    app.put(&path).token(&app.owner.token).raw("{").send().await.snapshot(StatusCode::BAD_REQUEST, "bad-json");

    let closed = app.template_with("closed", |t| t.allow_user_autostart = false).await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "closed", "template_id": closed.id }))
        .send()
        .await;
    let closed_id = res.body["id"].as_str().unwrap();
    let res = app
        .put(&format!("/api/v2/workspaces/{closed_id}/autostart"))
        .token(&app.owner.token)
        .json(json!({ "schedule": "30 9 * * 1-5" }))
        .send()
        .await;
    res.snapshot(StatusCode::BAD_REQUEST, "template-forbids");
    assert_eq!(res.message(), "Autostart is not allowed for workspaces using this template.");

    let bob = sharee(&app, &id).await;
    let res = app.put(&path).token(&bob.token).json(json!({ "schedule": "30 9 * * 1-5" })).send().await;
    res.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    app.put(&format!("/api/v2/workspaces/{MISSING}/autostart"))
        .token(&app.owner.token)
        .json(json!({}))
        .send()
        .await
        .snapshot(StatusCode::NOT_FOUND, "missing");
    app.put("/api/v2/workspaces/nope/autostart").token(&app.owner.token).json(json!({})).send().await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    check_unauthorized(&app, Method::PUT, &path).await;
}

#[actix_web::test]
async fn ttl_sets_and_turns_off_autostop() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    let path = format!("/api/v2/workspaces/{id}/ttl");
    let res = app.put(&path).token(&app.owner.token).json(json!({ "ttl_ms": 7_200_000 })).send().await;
    res.snapshot(StatusCode::NO_CONTENT, "set");
    assert_eq!(get(&app, &id).await["ttl_ms"], 7_200_000);
    // Whole minutes count.
    app.put(&path).token(&app.owner.token).json(json!({ "ttl_ms": 90_500 })).send().await;
    assert_eq!(get(&app, &id).await["ttl_ms"], 60_000);

    let before = get(&app, &id).await;
    assert!(before["latest_build"]["deadline"].is_string(), "the running build has a deadline");
    let res = app.put(&path).token(&app.owner.token).json(json!({ "ttl_ms": null })).send().await;
    res.snapshot(StatusCode::NO_CONTENT, "off");
    let after = get(&app, &id).await;
    assert!(after.get("ttl_ms").is_none(), "left out when off");
    assert_eq!(after["latest_build"]["deadline"], Value::Null, "no max deadline, so no deadline");
}

#[actix_web::test]
async fn ttl_errors() {
    let app = TestApp::new().await;
    let id = app.workspace(&app.owner, "dev").await["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v2/workspaces/{id}/ttl");
    let put = |body: Value| app.put(&path).token(&app.owner.token).json(body).send();
    let res = put(json!({ "ttl_ms": 59_999 })).await;
    res.snapshot(StatusCode::BAD_REQUEST, "under-a-minute");
    assert_eq!(res.message(), "Error updating workspace time until shutdown.");
    put(json!({ "ttl_ms": 31_i64 * 24 * 3_600_000 })).await.snapshot(StatusCode::BAD_REQUEST, "over-30-days");

    let capped = app.template_with("capped", |t| t.max_ttl_ms = 3_600_000).await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "capped", "template_id": capped.id, "ttl_ms": 1_800_000 }))
        .send()
        .await;
    let capped_id = res.body["id"].as_str().unwrap().to_owned();
    let res = app
        .put(&format!("/api/v2/workspaces/{capped_id}/ttl"))
        .token(&app.owner.token)
        .json(json!({ "ttl_ms": 7_200_000 }))
        .send()
        .await;
    res.snapshot(StatusCode::BAD_REQUEST, "over-template-max");
    app.edit_template(capped.id, |t| t.allow_user_autostop = false).await;
    let res = app
        .put(&format!("/api/v2/workspaces/{capped_id}/ttl"))
        .token(&app.owner.token)
        .json(json!({ "ttl_ms": 1_800_000 }))
        .send()
        .await;
    res.snapshot(StatusCode::BAD_REQUEST, "template-forbids");

    let bob = sharee(&app, &id).await;
    app.put(&path).token(&bob.token).json(json!({ "ttl_ms": null })).send().await.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    app.put(&format!("/api/v2/workspaces/{MISSING}/ttl"))
        .token(&app.owner.token)
        .json(json!({ "ttl_ms": null }))
        .send()
        .await
        .snapshot(StatusCode::NOT_FOUND, "missing");
    check_unauthorized(&app, Method::PUT, &path).await;
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[actix_web::test]
async fn extend_moves_the_deadline() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    let deadline = time(&get(&app, &id).await["latest_build"]["deadline"]);
    let wanted = (deadline + Duration::hours(1)).trunc_subsecs(0);
    let res = app
        .put(&format!("/api/v2/workspaces/{id}/extend"))
        .token(&app.owner.token)
        .json(json!({ "deadline": rfc3339(wanted) }))
        .send()
        .await;
    res.snapshot(StatusCode::OK, "extended");
    assert_eq!(res.message(), format!("Deadline updated to {}.", rfc3339(wanted)));
    assert_eq!(time(&get(&app, &id).await["latest_build"]["deadline"]), wanted);
}

#[actix_web::test]
async fn extend_errors() {
    let app = TestApp::new().await;
    let capped = app.template_with("capped", |t| t.max_ttl_ms = 10 * 3_600_000).await;
    let res = app
        .post("/api/v2/users/me/workspaces")
        .token(&app.owner.token)
        .json(json!({ "name": "capped", "template_id": capped.id, "ttl_ms": 8 * 3_600_000 }))
        .send()
        .await;
    let id = res.body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v2/workspaces/{id}/extend");
    let extend = |id: &str, to: DateTime<Utc>| {
        app.put(&format!("/api/v2/workspaces/{id}/extend")).token(&app.owner.token).json(json!({ "deadline": rfc3339(to) })).send()
    };
    let res = extend(&id, Utc::now() + Duration::hours(3)).await;
    res.snapshot(StatusCode::CONFLICT, "still-building");
    assert_eq!(res.message(), "Workspace is still building!");
    app.provision().await;

    let build = get(&app, &id).await["latest_build"].clone();
    let max = time(&build["max_deadline"]);
    let res = extend(&id, Utc::now() + Duration::minutes(10)).await;
    res.snapshot(StatusCode::BAD_REQUEST, "too-soon");
    assert_eq!(res.message(), "Cannot extend workspace: new deadline must be at least 30 minutes in the future");
    let res = extend(&id, max + Duration::hours(1)).await;
    res.snapshot(StatusCode::BAD_REQUEST, "beyond-max-deadline");
    assert_eq!(res.message(), "Cannot extend workspace beyond max deadline.");
    app.put(&path).token(&app.owner.token).json(json!({ "deadline": "tomorrow" })).send().await.snapshot(StatusCode::BAD_REQUEST, "bad-time");

    let bob = sharee(&app, &id).await;
    let res = app.put(&path).token(&bob.token).json(json!({ "deadline": rfc3339(max) })).send().await;
    res.snapshot(StatusCode::FORBIDDEN, "shared-with-use");
    extend(MISSING, max).await.snapshot(StatusCode::NOT_FOUND, "missing");

    // Autostop off: shutdown is manual.
    let manual = app.running_workspace(&app.owner, "manual").await;
    app.put(&format!("/api/v2/workspaces/{manual}/ttl")).token(&app.owner.token).json(json!({ "ttl_ms": null })).send().await;
    let res = extend(&manual, Utc::now() + Duration::hours(2)).await;
    res.snapshot(StatusCode::CONFLICT, "manual-shutdown");
    assert_eq!(res.message(), "Workspace shutdown is manual.");
    // Stopped.
    let res = app.post(&format!("/api/v2/workspaces/{manual}/builds")).token(&app.owner.token).json(json!({ "transition": "stop" })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    app.provision().await;
    let res = extend(&manual, Utc::now() + Duration::hours(2)).await;
    res.snapshot(StatusCode::CONFLICT, "stopped");
    assert_eq!(res.message(), "Workspace must be started, current status: stop");
    check_unauthorized(&app, Method::PUT, &path).await;
}

fn region() -> ParameterSpec {
    ParameterSpec {
        name: "region".into(),
        description: String::new(),
        kind: "string".into(),
        default_value: None,
        mutable: true,
        options: vec![],
        validation_min: None,
        validation_max: None,
        validation_regex: None,
    }
}

#[actix_web::test]
async fn resolve_autostart_reports_missing_parameters_of_the_active_version() {
    let app = TestApp::new().await;
    let id = app.running_workspace(&app.owner, "dev").await;
    let follows = app.running_workspace(&app.owner, "follows").await;
    let (store, template, admin, fid) = (app.store().clone(), app.template.clone(), app.owner.user.id, follows.clone());
    tokio::task::spawn_blocking(move || {
        // The workspace follows the active version (automatic updates `always`).
        store.execute_admin_sql(&format!("UPDATE workspaces SET automatic_updates = 'always', version = version + 1 WHERE id = '{fid}'")).unwrap();
        store
            .create_template_version(&template, "v2", &[region()], &[workspaced_store::ResourceSpec::default_dev_container()], admin, true)
            .unwrap();
    })
    .await
    .unwrap();
    let res = app.get(&format!("/api/v2/workspaces/{id}/resolve-autostart")).token(&app.owner.token).send().await;
    res.snapshot(StatusCode::OK, "keeps-its-version");
    assert_eq!(res.body["parameter_mismatch"], false, "it does not follow the active version");
    let res = app.get(&format!("/api/v2/workspaces/{follows}/resolve-autostart")).token(&app.owner.token).send().await;
    res.snapshot(StatusCode::OK, "active-version-needs-region");
    assert_eq!(res.body["parameter_mismatch"], true);

    app.get(&format!("/api/v2/workspaces/{MISSING}/resolve-autostart")).token(&app.owner.token).send().await.snapshot(StatusCode::NOT_FOUND, "missing");
    app.get("/api/v2/workspaces/nope/resolve-autostart").token(&app.owner.token).send().await.snapshot(StatusCode::BAD_REQUEST, "invalid-uuid");
    check_unauthorized(&app, Method::GET, &format!("/api/v2/workspaces/{id}/resolve-autostart")).await;
}
