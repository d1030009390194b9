//! Contract tests, one module per resource path. Every test calls the real app; every
//! response is checked against the document by the harness; `snapshot` names the case.

mod builds;
mod conditional;
mod organizations;
mod port_sharing;
mod sharing;
mod schedules;
mod templates;
mod users;
mod workspace_settings;
mod watch;
mod workspaces;

use actix_web::http::StatusCode;
use serde_json::json;

use crate::harness::{TestApp, TestResponse};

/// The four ways a request can fail authentication, each snapshotted under `op`.
pub async fn check_unauthorized(app: &TestApp, method: actix_web::http::Method, path: &str) {
    let expired = {
        let store = app.store().clone();
        let user = app.owner.user.id;
        tokio::task::spawn_blocking(move || {
            let t = workspaced_api::auth::mint_token(user, chrono::Duration::hours(-1), "expired");
            store.insert_api_key(&t.key).unwrap();
            t.token
        })
        .await
        .unwrap()
    };
    let cases: [(&str, Option<String>); 4] = [
        ("no-token", None),
        ("malformed-token", Some("not-a-token".into())),
        ("unknown-token", Some("abcdefghij-0123456789abcdefghijkl".into())),
        ("expired-token", Some(expired)),
    ];
    for (case, token) in cases {
        let mut req = app.request(method.clone(), path);
        if let Some(t) = &token {
            req = req.token(t);
        }
        if method == actix_web::http::Method::POST || method == actix_web::http::Method::PATCH {
            req = req.json(json!({}));
        }
        let res: TestResponse = req.send().await;
        res.snapshot(StatusCode::UNAUTHORIZED, case);
        assert_eq!(res.message(), "You are signed out or your session has expired. Please sign in again to continue.");
    }
}
