//! Warm reads equal fresh reads, byte for byte, after every step of the seeded sequence.
//!
//! `WORKSPACED_DIFFERENTIAL_STEPS` (default 300) sets the length of the run,
//! `WORKSPACED_DIFFERENTIAL_SEED` its seed (default fixed, so CI runs one sequence), and
//! `WORKSPACED_DIFFERENTIAL_FULL=1` makes every caller do every read on both servers after
//! every step (see `World::reads`).
//!
//! The same walk proves the entity tags (issue 20): the reads that carry an `ETag` carry the
//! same one warm and fresh, a caller's tag for a read moves exactly when its bytes do from one
//! step to the next, and a conditional GET with the tag from before the step is 304 exactly
//! when nothing the caller would see changed. `WORKSPACED_DIFFERENTIAL_MUTATE_SQL` breaks the database
//! on purpose (a dropped trigger), to see the test fail.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use chrono::{Timelike, Utc};
use workspaced_api::AppState;

use super::{conditional_read, uncached, Answer, Rng, Server, World, CALLERS};
use crate::harness::TestApp;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[actix_web::test]
async fn warm_reads_equal_fresh_reads_after_every_write() {
    let steps = env_number("WORKSPACED_DIFFERENTIAL_STEPS", 300) as usize;
    let seed = env_number("WORKSPACED_DIFFERENTIAL_SEED", 0x5eed_0018);
    let full = env_number("WORKSPACED_DIFFERENTIAL_FULL", 0) == 1;
    // Two servers on one database (each with its own store and caches), and a third whose
    // every cache is bypassed: the reference.
    let first = TestApp::new().await;
    let url = first.url.clone();
    let other_store = tokio::task::spawn_blocking(move || workspaced_store::Store::connect(&url)).await.unwrap().unwrap();
    let second = first.with_state(AppState::new(other_store));
    let reference = Server::new(uncached(&first)).await;
    let warm = [Server::new(first.state.clone()).await, Server::new(second.state.clone()).await];

    // For checking the check by hand: statements run on the database before the sequence
    // (`DROP TRIGGER users_stamp_update`, say), separated by `;`. The test must then fail.
    if let Ok(sql) = std::env::var("WORKSPACED_DIFFERENTIAL_MUTATE_SQL") {
        let store = first.store().clone();
        tokio::task::spawn_blocking(move || {
            for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                store.execute_admin_sql(statement).expect("the mutation applies");
            }
        })
        .await
        .unwrap();
    }
    let mut world = World::new(&first, seed).await;
    let mut done: Vec<String> = Vec::new();
    let mut compared = 0usize;
    // (caller, path) -> the last answer of a read that carries an ETag.
    let mut last: HashMap<(usize, String), Answer> = HashMap::new();
    let (mut tags_kept, mut tags_moved) = (0usize, 0usize);
    for i in 0..steps {
        let writer = if Rng::new(seed.wrapping_add(i as u64)).chance(50) { &first } else { &second };
        done.push(world.apply_step(writer, i).await);
        for (r, (path, callers)) in world.reads(i, full).into_iter().enumerate() {
            for c in callers {
                let user = &world.users[c];
                // Each read from one of the two warm servers, in turn (both with `full`); all
                // callers of one path on the same server, so that what one caller's read
                // kept is what the next caller's read finds.
                let servers: Vec<usize> = if full { vec![0, 1] } else { vec![(i + r) % 2] };
                for s in servers {
                    let server = &warm[s];
                    // A body is judged at the current second (`bodies`): a warm read and the
                    // reference read in different seconds may differ, and are read again.
                    let mut attempts = 0;
                    loop {
                        let second_before = Utc::now().with_nanosecond(0);
                        let served = server.get(&path, &user.token).await;
                        let fresh = reference.get(&path, &user.token).await;
                        if served == fresh {
                            if conditional_read(&path) && served.status == StatusCode::OK {
                                let (kept, moved) =
                                    check_tag(server, &path, &user.token, last.get(&(c, path.clone())), &served, second_before).await;
                                tags_kept += kept;
                                tags_moved += moved;
                                last.insert((c, path.clone()), served);
                            }
                            break;
                        }
                        attempts += 1;
                        if second_before != Utc::now().with_nanosecond(0) && attempts < 3 {
                            continue;
                        }
                        let recent = done.iter().rev().take(8).rev().cloned().collect::<Vec<_>>().join("\n  ");
                        panic!(
                            "step {i} (seed {seed:#x}): GET {path} as {} from server {s}: warm {} {}\nfresh {} {}\nlast steps:\n  {recent}",
                            CALLERS[c],
                            served.status,
                            String::from_utf8_lossy(&served.body),
                            fresh.status,
                            String::from_utf8_lossy(&fresh.body),
                        );
                    }
                    compared += 1;
                }
            }
        }
    }
    eprintln!(
        "differential: {steps} steps, {compared} reads compared (seed {seed:#x}); entity tags: {tags_kept} conditional GETs answered 304, {tags_moved} moved with their body"
    );
    assert!(compared > steps, "the reads ran");
    assert!(tags_kept > steps / 2 && tags_moved > steps / 10, "both outcomes of a conditional GET were exercised");
}

/// A read that carries an ETag, against the same caller's read of it after the previous step
/// (`before`): the tag moved exactly when the bytes did, and a conditional GET with the old
/// tag answers 304 exactly when they did not. Returns (304s, moves) counted.
async fn check_tag(
    server: &Server,
    path: &str,
    token: &str,
    before: Option<&Answer>,
    now: &Answer,
    second_before: Option<chrono::DateTime<Utc>>,
) -> (usize, usize) {
    let tag = now.etag.as_deref().unwrap_or_else(|| panic!("GET {path}: 200 without an ETag"));
    let Some(before) = before.filter(|b| b.status == StatusCode::OK) else { return (0, 0) };
    let old_tag = before.etag.as_deref().expect("kept only with a tag");
    assert_eq!(before.body == now.body, old_tag == tag, "GET {path}: the tag moves exactly when the bytes do");
    let conditional = server.get_if_none_match(path, token, old_tag).await;
    // The provisioners' heartbeat moves every body on the minute: a conditional GET made in
    // another minute than the read it is judged against proves nothing either way.
    let minute = |t: Option<chrono::DateTime<Utc>>| t.map(|t| t.timestamp() / 60);
    if minute(second_before) != minute(Some(Utc::now())) {
        return (0, 0);
    }
    if before.body == now.body {
        assert_eq!(conditional.status, StatusCode::NOT_MODIFIED, "GET {path} with the unchanged tag");
        assert!(conditional.body.is_empty(), "GET {path}: a 304 has no body");
        assert_eq!(conditional.etag.as_deref(), Some(tag));
        (1, 0)
    } else {
        assert_eq!(conditional.status, StatusCode::OK, "GET {path} with the tag from before the change");
        assert_eq!(conditional.body, now.body, "GET {path}: the full, current body");
        (0, 1)
    }
}
