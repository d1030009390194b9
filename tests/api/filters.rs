//! `GET /workspaces?q=…` answers exactly what a plain scan of the unfiltered list applying
//! Coder's rules answers (a differential test over random data), `status:stopped` means
//! stopped, and a filtered page costs a constant number of statements.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use serde_json::{json, Value};

use crate::harness::{TestApp, TestUser};

/// A small deterministic generator (xorshift), so that a failure replays.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

async fn sql(app: &TestApp, statement: String) {
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || store.execute_admin_sql(&statement).unwrap()).await.unwrap();
}

fn timestamp(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S%.6f").to_string()
}

/// The ids of a list answer, in order, after checking its count.
async fn listed(app: &TestApp, who: &TestUser, q: &str) -> Vec<String> {
    let path = if q.is_empty() {
        "/api/v2/workspaces".to_owned()
    } else {
        format!("/api/v2/workspaces?q={}", q.replace(' ', "%20").replace(':', "%3A"))
    };
    let res = app.get(&path).token(&who.token).send().await;
    assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
    let ids: Vec<String> = res.body["workspaces"].as_array().unwrap().iter().map(|w| w["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(res.body["count"].as_u64().unwrap() as usize, ids.len(), "{path}: count vs rows");
    ids
}

/// What a filter matches, by Coder's rules, read from a workspace as the API shows it.
/// The ids of `all` (a caller's plain list, in its order) that `q` matches by the scan's rules,
/// `owner:me` read as the caller.
fn scanned(all: &[Value], q: &str, caller: &TestUser, shared: &HashSet<String>) -> Vec<String> {
    let q = q.replace("owner:me", &format!("owner:{}", caller.user.username));
    all.iter().filter(|w| matches(&q, w, shared)).map(|w| w["id"].as_str().unwrap().to_owned()).collect()
}

fn matches(q: &str, ws: &Value, shared: &HashSet<String>) -> bool {
    let agents = || {
        ws["latest_build"]["resources"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["agents"].as_array().cloned().unwrap_or_default())
            .map(|a| a["status"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    q.split(' ').all(|term| {
        let (key, value) = term.split_once(':').unwrap();
        match key {
            "owner" => ws["owner_name"] == value,
            "status" => ws["latest_build"]["status"] == value,
            "name" => ws["name"].as_str().unwrap().to_lowercase().contains(&value.to_lowercase()),
            "template" => ws["template_name"] == value,
            "has-agent" => agents().iter().any(|s| s == value),
            "outdated" => ws["outdated"] == (value == "true"),
            "dormant" => ws["dormant_at"].is_null() != (value == "true"),
            "shared" => shared.contains(ws["id"].as_str().unwrap()) == (value == "true"),
            other => panic!("no rule for {other}"),
        }
    })
}

/// Every shape against the scan, for each caller: the same workspaces, in the plain list's
/// order (favorites first, then running, owner and name).
async fn check_all(app: &TestApp, callers: &[&TestUser], shared: &HashSet<String>, when: &str) {
    let shapes = [
        "owner:me", "owner:alice", "owner:bob status:running", "status:running", "status:stopped", "status:pending",
        "name:w1", "name:W", "template:starter", "has-agent:connected", "has-agent:disconnected", "has-agent:connecting",
        "has-agent:timeout", "outdated:true", "outdated:false", "dormant:true", "dormant:false", "shared:true",
        "shared:false", "owner:me name:w",
    ];
    for caller in callers {
        let res = app.get("/api/v2/workspaces").token(&caller.token).send().await;
        let all = res.body["workspaces"].as_array().unwrap().clone();
        for q in shapes {
            let want = scanned(&all, q, caller, shared);
            let got = listed(app, caller, q).await;
            assert_eq!(got, want, "q={q} as {} ({when})", caller.user.username);
        }
    }
}

#[actix_web::test]
async fn every_filter_answers_what_a_plain_scan_answers() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let owners = [&app.owner, &alice, &bob];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut ids = Vec::new();
    for i in 0..14 {
        let owner = owners[rng.below(3) as usize];
        let ws = app.workspace(owner, &format!("w{i}")).await;
        ids.push((ws["id"].as_str().unwrap().to_owned(), owner));
    }
    app.provision().await;
    // Some stopped, some left pending (a stop queued and not run).
    let mut pending = Vec::new();
    for (id, owner) in &ids {
        if rng.chance(40) {
            let res = app.post(&format!("/api/v2/workspaces/{id}/builds")).token(&owner.token).json(json!({ "transition": "stop" })).send().await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        }
    }
    app.provision().await;
    for (id, owner) in &ids {
        if rng.chance(15) {
            let res = app.post(&format!("/api/v2/workspaces/{id}/builds")).token(&owner.token).json(json!({ "transition": "start" })).send().await;
            if res.status == StatusCode::CREATED {
                pending.push(id.clone());
            }
        }
    }
    // A new active version of the template: every workspace built before is outdated; some
    // are rebuilt on it (a start build, run).
    let version = uuid::Uuid::new_v4();
    let template = app.template.id;
    sql(&app, format!(
        "INSERT INTO template_versions (id, template_id, organization_id, name, message, parameters, resources, created_by, created_at, updated_at) \
         SELECT '{version}', template_id, organization_id, 'v2', message, parameters, resources, created_by, created_at, updated_at \
         FROM template_versions WHERE id = (SELECT active_version_id FROM templates WHERE id = '{template}')"
    )).await;
    sql(&app, format!("UPDATE templates SET active_version_id = '{version}', updated_at = CURRENT_TIMESTAMP WHERE id = '{template}'")).await;
    // Agents in every state; favorites; ACL rows; dormancy.
    let body = app.get("/api/v2/workspaces").token(&app.owner.token).send().await.body;
    let mut shared = HashSet::new();
    let mut soon = None;
    for ws in body["workspaces"].as_array().unwrap() {
        let id = ws["id"].as_str().unwrap().to_owned();
        let owner = owners.iter().find(|o| o.user.username == ws["owner_name"].as_str().unwrap()).unwrap();
        for resource in ws["latest_build"]["resources"].as_array().unwrap() {
            for agent in resource["agents"].as_array().cloned().unwrap_or_default() {
                let agent_id = agent["id"].as_str().unwrap();
                let set = match rng.below(5) {
                    0 => "first_connected_at = '2026-01-01 00:00:00', last_connected_at = '2026-01-01 00:00:00', disconnected_at = NULL".to_owned(),
                    1 => "last_connected_at = '2026-01-01 00:00:00', disconnected_at = '2026-01-01 00:00:01'".to_owned(),
                    2 => "first_connected_at = NULL, last_connected_at = NULL, disconnected_at = NULL, connection_timeout_at = '2001-01-01 00:00:00'".to_owned(),
                    3 => "first_connected_at = NULL, last_connected_at = NULL, disconnected_at = NULL, connection_timeout_at = NULL".to_owned(),
                    _ => {
                        // Connecting; later given a deadline the clock passes.
                        soon = Some(agent_id.to_owned());
                        "first_connected_at = NULL, last_connected_at = NULL, disconnected_at = NULL, connection_timeout_at = '2999-01-01 00:00:00'".to_owned()
                    }
                };
                sql(&app, format!("UPDATE workspace_agents SET {set} WHERE id = '{agent_id}'")).await;
            }
        }
        if rng.chance(30) {
            let res = app.put(&format!("/api/v2/workspaces/{id}/favorite")).token(&owner.token).send().await;
            assert!(res.status.is_success(), "{}", res.body);
        }
        if rng.chance(30) {
            let with = if owner.user.id == alice.user.id { &bob } else { &alice };
            let grant = json!({ "user_roles": { with.user.id.to_string(): if rng.chance(50) { "use" } else { "admin" } } });
            let res = app.patch(&format!("/api/v2/workspaces/{id}/acl")).token(&owner.token).json(grant).send().await;
            assert!(res.status.is_success(), "{}", res.body);
            shared.insert(id.clone());
        }
        if rng.chance(20) {
            sql(&app, format!("UPDATE workspaces SET dormant_at = '2026-01-01 00:00:00' WHERE id = '{id}'")).await;
        }
    }
    // An operator's SQL does not move the kept responses' stamps: move them.
    sql(&app, "UPDATE workspaces SET version = version + 1".to_owned()).await;
    let callers = [&app.owner, &alice, &bob];
    check_all(&app, &callers, &shared, "before any deadline").await;
    if let Some(agent) = soon {
        // A deadline 3 s ahead: connecting now, timed out once the clock has passed it, with
        // nothing written in between.
        let deadline = chrono::Utc::now().naive_utc() + chrono::Duration::seconds(3);
        sql(&app, format!("UPDATE workspace_agents SET connection_timeout_at = '{}' WHERE id = '{agent}'", timestamp(deadline))).await;
        sql(&app, "UPDATE workspaces SET version = version + 1".to_owned()).await;
        let body = app.get("/api/v2/workspaces?q=has-agent%3Aconnecting").token(&app.owner.token).send().await.body;
        let shows = |body: &Value| body.to_string().contains(&agent);
        assert!(shows(&body), "an agent before its deadline is connecting");
        let timed_out = app.get("/api/v2/workspaces?q=has-agent%3Atimeout").token(&app.owner.token).send().await.body;
        if chrono::Utc::now().naive_utc() < deadline {
            assert!(!shows(&timed_out), "an agent before its deadline has not timed out");
        }
        let wait = (deadline + chrono::Duration::milliseconds(100)) - chrono::Utc::now().naive_utc();
        tokio::time::sleep(wait.to_std().unwrap_or_default()).await;
        check_all(&app, &callers, &shared, "after a connection deadline passed").await;
        let timed_out = app.get("/api/v2/workspaces?q=has-agent%3Atimeout").token(&app.owner.token).send().await.body;
        assert!(shows(&timed_out), "an agent past its deadline has timed out");
    }
    assert!(!pending.is_empty() || ids.len() < 5, "some builds were left pending");
}

#[actix_web::test]
async fn status_stopped_lists_the_stopped_workspaces_only() {
    let app = TestApp::new().await;
    let stopped = app.running_workspace(&app.owner, "stopped").await;
    let running = app.running_workspace(&app.owner, "running").await;
    let res = app.post(&format!("/api/v2/workspaces/{stopped}/builds")).token(&app.owner.token).json(json!({ "transition": "stop" })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(listed(&app, &app.owner, "status:stopping").await, Vec::<String>::new(), "queued, not yet stopping");
    assert_eq!(listed(&app, &app.owner, "status:pending").await, vec![stopped.clone()]);
    app.provision().await;
    assert_eq!(listed(&app, &app.owner, "status:stopped").await, vec![stopped.clone()]);
    assert_eq!(listed(&app, &app.owner, "status:running").await, vec![running.clone()]);
    assert_eq!(listed(&app, &app.owner, "status:pending").await, Vec::<String>::new());
}

#[actix_web::test]
async fn a_filtered_page_costs_the_same_statements_whatever_its_size() {
    let app = TestApp::new().await;
    let shapes = ["owner:me status:running", "has-agent:connected", "outdated:false", "name:ws", "shared:false"];
    let count = |q: &'static str| {
        let app = &app;
        async move {
            let path = format!("/api/v2/workspaces?q={}", q.replace(' ', "%20").replace(':', "%3A"));
            let before = app.store().statements_executed();
            let res = app.get(&path).token(&app.owner.token).send().await;
            assert_eq!(res.status, StatusCode::OK);
            (app.store().statements_executed() - before, res.body["count"].as_i64().unwrap())
        }
    };
    app.workspace(&app.owner, "ws-one").await;
    app.provision().await;
    let mut one = Vec::new();
    for q in shapes {
        let (statements, n) = count(q).await;
        assert_eq!(n, 1, "{q}");
        one.push(statements);
    }
    for i in 0..12 {
        app.workspace(&app.owner, &format!("ws-{i}")).await;
    }
    app.provision().await;
    for (q, one) in shapes.into_iter().zip(one) {
        // Cold in the same way as the first: the new workspaces' responses are not kept yet.
        let (many, n) = count(q).await;
        assert_eq!(n, 13, "{q}");
        assert_eq!(one, many, "statements of q={q} for 1 workspace vs 13");
        // Warm: every row of the page kept and current.
        let (warm, _) = count(q).await;
        assert!(warm <= one, "q={q}: a warm page costs no more than a cold one ({warm} vs {one})");
    }
}

/// Every shape of `shapes`, as `caller`, against the scan of its plain list.
async fn check_shapes(app: &TestApp, caller: &TestUser, shapes: &[&str], shared: &HashSet<String>, when: &str) {
    let res = app.get("/api/v2/workspaces").token(&caller.token).send().await;
    let all = res.body["workspaces"].as_array().unwrap().clone();
    for q in shapes {
        let want = scanned(&all, q, caller, shared);
        // Twice: the second answer is served with the count kept by the first.
        for round in ["counted", "kept"] {
            let got = listed(app, caller, q).await;
            assert_eq!(got, want, "q={q} as {} ({when}, {round})", caller.user.username);
        }
    }
}

/// The counts of filtered lists are kept per actor and filter (by the list generation); each
/// write that changes which workspaces match must be seen at once: an ACL change (`shared`,
/// and what the grantee sees), a status change, a template's new active version
/// (`outdated`), a favorite (the order), a rename (`name:`), dormancy, an agent connecting.
#[actix_web::test]
async fn a_kept_count_follows_every_write_that_changes_what_matches() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let shapes = [
        "owner:me", "status:running", "status:stopped", "name:w1", "name:renamed", "template:starter", "has-agent:connected",
        "outdated:true", "outdated:false", "dormant:true", "shared:true", "shared:false", "owner:me name:w",
    ];
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(app.workspace(&app.owner, &format!("w{i}")).await["id"].as_str().unwrap().to_owned());
    }
    app.provision().await;
    let mut shared = HashSet::new();
    let callers = [&app.owner, &alice];
    let check = |shared: HashSet<String>, when: &'static str| {
        let app = &app;
        async move {
            for caller in callers {
                check_shapes(app, caller, &shapes, &shared, when).await;
            }
        }
    };
    check(shared.clone(), "at first").await;

    // An ACL row: shared, and alice now sees it.
    let grant = json!({ "user_roles": { alice.user.id.to_string(): "use" } });
    let res = app.patch(&format!("/api/v2/workspaces/{}/acl", ids[0])).token(&app.owner.token).json(grant).send().await;
    assert!(res.status.is_success(), "{}", res.body);
    shared.insert(ids[0].clone());
    check(shared.clone(), "after an ACL grant").await;
    let revoke = json!({ "user_roles": { alice.user.id.to_string(): "" } });
    let res = app.patch(&format!("/api/v2/workspaces/{}/acl", ids[0])).token(&app.owner.token).json(revoke).send().await;
    assert!(res.status.is_success(), "{}", res.body);
    shared.remove(&ids[0]);
    check(shared.clone(), "after the ACL row went").await;

    // Shared with a group alice is not in, then alice joins it: a membership row, which
    // writes no workspace row, changes what alice's filters match.
    let (store, org) = (app.store().clone(), app.org_id);
    let crew = tokio::task::spawn_blocking(move || store.create_group(org, "crew").unwrap()).await.unwrap();
    let grant = json!({ "group_roles": { crew.id.to_string(): "use" } });
    let res = app.patch(&format!("/api/v2/workspaces/{}/acl", ids[0])).token(&app.owner.token).json(grant).send().await;
    assert!(res.status.is_success(), "{}", res.body);
    shared.insert(ids[0].clone());
    check(shared.clone(), "after a group's ACL grant").await;
    assert!(!listed(&app, &alice, "shared:true").await.contains(&ids[0]), "alice is not in the group yet");
    let (store, alice_id) = (app.store().clone(), alice.user.id);
    tokio::task::spawn_blocking(move || store.add_group_member(crew.id, alice_id).unwrap()).await.unwrap();
    check(shared.clone(), "after alice joined the group").await;
    assert!(listed(&app, &alice, "shared:true").await.contains(&ids[0]), "alice sees it through the group");
    let revoke = json!({ "group_roles": { crew.id.to_string(): "" } });
    let res = app.patch(&format!("/api/v2/workspaces/{}/acl", ids[0])).token(&app.owner.token).json(revoke).send().await;
    assert!(res.status.is_success(), "{}", res.body);
    shared.remove(&ids[0]);
    check(shared.clone(), "after the group's ACL row went").await;

    // A status change.
    let res = app.post(&format!("/api/v2/workspaces/{}/builds", ids[1])).token(&app.owner.token).json(json!({ "transition": "stop" })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    app.provision().await;
    check(shared.clone(), "after a stop").await;

    // A favorite (first in the order).
    let res = app.put(&format!("/api/v2/workspaces/{}/favorite", ids[3])).token(&app.owner.token).send().await;
    assert!(res.status.is_success(), "{}", res.body);
    check(shared.clone(), "after a favorite").await;

    // A rename.
    let res = app.patch(&format!("/api/v2/workspaces/{}", ids[2])).token(&app.owner.token).json(json!({ "name": "renamed" })).send().await;
    assert!(res.status.is_success(), "{}", res.body);
    check(shared.clone(), "after a rename").await;

    // Dormancy, and an agent connecting, written as an operator would (the stamps moved by
    // hand, as the differential test does: an operator's SQL on the row moves no stamp).
    sql(&app, format!("UPDATE workspaces SET dormant_at = '2026-01-01 00:00:00' WHERE id = '{}'", ids[1])).await;
    sql(&app, format!(
        "UPDATE workspace_agents SET first_connected_at = '2026-01-01 00:00:00', last_connected_at = '2026-01-01 00:00:00', disconnected_at = NULL \
         WHERE resource_id IN (SELECT r.id FROM workspace_resources r JOIN workspaces w ON w.latest_job_id = r.job_id WHERE w.id = '{}')",
        ids[0]
    )).await;
    sql(&app, "UPDATE workspaces SET version = version + 1".to_owned()).await;
    check(shared.clone(), "after dormancy and an agent connecting").await;

    // A new active version of the template: every workspace is outdated.
    let version = uuid::Uuid::new_v4();
    let template = app.template.id;
    sql(&app, format!(
        "INSERT INTO template_versions (id, template_id, organization_id, name, message, parameters, resources, created_by, created_at, updated_at) \
         SELECT '{version}', template_id, organization_id, 'v2', message, parameters, resources, created_by, created_at, updated_at \
         FROM template_versions WHERE id = (SELECT active_version_id FROM templates WHERE id = '{template}')"
    )).await;
    sql(&app, format!("UPDATE templates SET active_version_id = '{version}', updated_at = CURRENT_TIMESTAMP WHERE id = '{template}'")).await;
    check(shared.clone(), "after a new active version").await;
    let outdated = listed(&app, &app.owner, "outdated:true").await;
    assert_eq!(outdated.len(), ids.len(), "every workspace built on the old version is outdated");
    // A build on the new version: no longer outdated. (A dormant workspace is never started:
    // it is woken first, as Coder's dashboard does.)
    let res = app.put(&format!("/api/v2/workspaces/{}/dormant", ids[1])).token(&app.owner.token).json(json!({ "dormant": false })).send().await;
    assert!(res.status.is_success(), "{}", res.body);
    let res = app.post(&format!("/api/v2/workspaces/{}/builds", ids[1])).token(&app.owner.token).json(json!({ "transition": "start", "template_version_id": version })).send().await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    app.provision().await;
    check(shared.clone(), "after a build on the new version").await;
    assert_eq!(listed(&app, &app.owner, "outdated:true").await.len(), ids.len() - 1);
}
