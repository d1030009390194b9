//! Conditional GETs (`ETag`, `If-None-Match` → 304) on `GET /workspaces/{workspace}`,
//! `GET /users/{user}/workspace/{workspacename}` and `GET /workspaces`.

use std::collections::BTreeMap;

use actix_web::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::harness::{TestApp, TestResponse, TestUser};

fn etag(res: &TestResponse) -> String {
    let tag = res.headers.get("etag").unwrap_or_else(|| panic!("{} without an ETag", res.status)).to_str().unwrap().to_owned();
    assert!(
        tag.len() == 34 && tag.starts_with('"') && tag.ends_with('"') && tag[1..33].chars().all(|c| c.is_ascii_hexdigit()),
        "a strong entity tag: {tag}"
    );
    tag
}

/// Waits out the last seconds of a minute: the provisioners' heartbeat (`most_recently_seen`)
/// moves on the minute, and with it every body and tag, which would be a true change in the
/// middle of a check that expects none.
async fn clear_of_the_heartbeat() {
    let into_minute = chrono::Utc::now().timestamp_millis().rem_euclid(60_000);
    if into_minute > 52_000 {
        tokio::time::sleep(std::time::Duration::from_millis((60_000 - into_minute + 200) as u64)).await;
    }
}

async fn get(app: &TestApp, user: &TestUser, path: &str, if_none_match: Option<&str>) -> TestResponse {
    let mut req = app.get(path).token(&user.token);
    if let Some(tag) = if_none_match {
        req = req.header("If-None-Match", tag);
    }
    req.send().await
}

#[actix_web::test]
async fn each_read_answers_304_for_its_current_tag_and_the_full_body_otherwise() {
    let app = TestApp::new().await;
    let eve = app.user("eve", false).await;
    let ws = app.workspace(&app.owner, "dev").await;
    app.provision().await;
    let id = ws["id"].as_str().unwrap();
    for path in [format!("/api/v2/workspaces/{id}"), "/api/v2/users/admin/workspace/dev".to_owned(), "/api/v2/workspaces?q=owner:me".to_owned()] {
        clear_of_the_heartbeat().await;
        let full = get(&app, &app.owner, &path, None).await;
        assert_eq!(full.status, StatusCode::OK, "{path}: {}", full.body);
        let tag = etag(&full);

        let res = get(&app, &app.owner, &path, Some(&tag)).await;
        res.snapshot(StatusCode::NOT_MODIFIED, "current-tag");
        assert!(res.raw.is_empty(), "{path}: a 304 has no body");
        assert_eq!(etag(&res), tag, "{path}: the 304 carries the matched tag");

        for header in [format!("W/{tag}"), "*".to_owned(), format!("\"other\", {tag}")] {
            let res = get(&app, &app.owner, &path, Some(&header)).await;
            assert_eq!(res.status, StatusCode::NOT_MODIFIED, "{path} with If-None-Match: {header}");
        }
        for header in ["\"other\"", tag.trim_matches('"'), "not a tag at all"] {
            let res = get(&app, &app.owner, &path, Some(header)).await;
            assert_eq!(res.status, StatusCode::OK, "{path} with If-None-Match: {header}");
            assert!(res.raw == full.raw, "{path}: the same body");
            assert_eq!(etag(&res), tag, "{path}: the same tag for the same body");
        }

        // A precondition is judged after authentication and authorization: a matching tag
        // tells a stranger nothing.
        let res = app.get(&path).header("If-None-Match", &tag).send().await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path}");
        let res = get(&app, &eve, &path, Some(&tag)).await;
        if path.contains("q=") {
            assert_eq!(res.status, StatusCode::OK, "{path}: eve's own (empty) list");
            assert_ne!(etag(&res), tag, "{path}: eve's list is not admin's");
        } else {
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: not visible to eve, tag or not");
        }
    }
}

/// Alice's workspace read by alice, the site owner and bob (who is given `use` midway),
/// through every read that carries a tag, after each of a sequence of writes: the tag moves
/// exactly when the bytes do, and a conditional GET with the tag from before the write is
/// 304 exactly when nothing changed.
#[actix_web::test]
async fn the_tag_changes_exactly_when_the_body_does() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    let bob = app.user("bob", false).await;
    let ws = app.workspace(&alice, "dev").await;
    app.provision().await;
    let id = ws["id"].as_str().unwrap().to_owned();
    let readers = [("alice", &alice), ("admin", &app.owner), ("bob", &bob)];
    let mut name = "dev".to_owned();
    // (reader, read) -> (status, bytes, tag) of the last answer.
    let mut last: BTreeMap<(String, String), (StatusCode, Vec<u8>, Option<String>)> = BTreeMap::new();
    let (mut same, mut changed) = (0, 0);

    let steps: Vec<(&str, Method, String, Value)> = vec![
        ("nothing", Method::GET, String::new(), Value::Null),
        ("nothing again", Method::GET, String::new(), Value::Null),
        ("rename", Method::PATCH, format!("/api/v2/workspaces/{id}"), json!({ "name": "renamed" })),
        ("favorite", Method::PUT, format!("/api/v2/workspaces/{id}/favorite"), Value::Null),
        ("autostart", Method::PUT, format!("/api/v2/workspaces/{id}/autostart"), json!({ "schedule": "CRON_TZ=UTC 30 9 * * 1-5" })),
        ("ttl", Method::PUT, format!("/api/v2/workspaces/{id}/ttl"), json!({ "ttl_ms": 7_200_000 })),
        ("share with bob", Method::PATCH, format!("/api/v2/workspaces/{id}/acl"), json!({ "user_roles": { bob.user.id.to_string(): "use" } })),
        ("stop", Method::POST, format!("/api/v2/workspaces/{id}/builds"), json!({ "transition": "stop" })),
        ("automatic updates", Method::PUT, format!("/api/v2/workspaces/{id}/autoupdates"), json!({ "automatic_updates": "always" })),
        ("dormant", Method::PUT, format!("/api/v2/workspaces/{id}/dormant"), json!({ "dormant": true })),
        ("unfavorite", Method::DELETE, format!("/api/v2/workspaces/{id}/favorite"), Value::Null),
        ("another workspace", Method::POST, "/api/v2/users/alice/workspaces".to_owned(), json!({ "name": "other", "template_id": app.template.id })),
    ];
    for (step, method, path, body) in steps {
        if method != Method::GET {
            let mut req = app.request(method, &path).token(&alice.token);
            if !body.is_null() {
                req = req.json(body.clone());
            }
            let res = req.send().await;
            assert!(res.status.is_success(), "{step}: {} {}", res.status, res.body);
            if step == "rename" {
                name = "renamed".to_owned();
            }
            app.provision().await;
        }
        let reads = [
            ("by id", format!("/api/v2/workspaces/{id}")),
            ("by name", format!("/api/v2/users/alice/workspace/{name}")),
            ("list", "/api/v2/workspaces".to_owned()),
            ("list owner:alice", "/api/v2/workspaces?q=owner:alice".to_owned()),
        ];
        for (reader, user) in readers {
            clear_of_the_heartbeat().await;
            for (read, path) in &reads {
                let res = get(&app, user, path, None).await;
                let now = (res.status, res.raw.clone(), (res.status == StatusCode::OK).then(|| etag(&res)));
                let key = (reader.to_owned(), read.to_string());
                if let Some((status, bytes, tag)) = last.get(&key) {
                    if *status == StatusCode::OK && now.0 == StatusCode::OK {
                        let (tag, new_tag) = (tag.as_deref().unwrap(), now.2.as_deref().unwrap());
                        assert_eq!(*bytes == now.1, tag == new_tag, "{step}: {reader} {read}: bytes equal iff tags equal");
                        let conditional = get(&app, user, path, Some(tag)).await;
                        let expected = if *bytes == now.1 { StatusCode::NOT_MODIFIED } else { StatusCode::OK };
                        assert_eq!(conditional.status, expected, "{step}: {reader} {read} with the tag from before");
                        if *bytes == now.1 {
                            same += 1;
                        } else {
                            changed += 1;
                        }
                    }
                }
                last.insert(key, now);
            }
        }
    }
    // Both outcomes were exercised many times (the counts depend only on the steps).
    assert!(same >= 10 && changed >= 30, "same {same}, changed {changed}");
}
