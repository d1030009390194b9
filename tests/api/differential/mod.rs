//! The differential test of the read path: a seeded random sequence of every write the API
//! and the admin commands offer, from several callers and through two servers on one
//! database; after each step, every read served warm (kept decodes, kept bodies, kept counts,
//! probes) must equal, byte for byte, the same read served with every cache bypassed
//! (`Store::bypassing_caches`, `Bodies::bypassing`).
//!
//! The writes are reusable (the conditional-GET test replays them): [`World::new`] seeds the
//! cast on a [`TestApp`], [`World::apply_step`] applies step `i` of the sequence of the
//! world's seed through any server of the database, and returns what it did. Step `i`'s
//! choices depend only on the seed, `i` and what the world knows (its workspaces' ids and
//! names, its users' names).

mod stale_reads;

use std::rc::Rc;
use std::sync::Arc;

use actix_web::http::{Method, StatusCode};
use actix_web::test as atest;
use actix_web::web::Bytes;
use futures_util::future::LocalBoxFuture;
use serde_json::{json, Value};
use uuid::Uuid;
use workspaced_api::AppState;
use workspaced_store::types::PortShareLevel;

use crate::harness::{TestApp, TestUser};

/// A small deterministic generator (splitmix64): the sequence is the seed's on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The callers, in a fixed order: the site owner, the owner of most workspaces, two members
/// the ACL grants `use` or `admin` to, a member of a group the ACL grants a role to, and a
/// stranger.
pub const CALLERS: [&str; 6] = ["site-owner", "alice", "bob", "carol", "dave", "eve"];

/// A workspace the world created (its current name as the world last set it).
#[derive(Debug, Clone)]
pub struct Known {
    pub id: Uuid,
    /// Index of its owner in [`CALLERS`].
    pub owner: usize,
    pub name: String,
    /// A delete build of it was asked for.
    pub deleting: bool,
}

/// What the sequence knows and acts with.
pub struct World {
    pub seed: u64,
    /// The callers of [`CALLERS`], with their tokens.
    pub users: Vec<TestUser>,
    /// Their current usernames (the admin command renames them).
    pub usernames: Vec<String>,
    /// The group `devs` (dave is its member).
    pub devs: Uuid,
    pub template: Uuid,
    pub workspaces: Vec<Known>,
    names: u64,
}

/// How many workspaces the world keeps at most (the reads grow with them).
const MOST_WORKSPACES: usize = 5;

impl World {
    /// The cast on `app`'s database: five members (alice, bob, carol, dave, eve), the group
    /// `devs` with dave in it, and two workspaces of alice's.
    pub async fn new(app: &TestApp, seed: u64) -> World {
        let mut users = vec![app.owner.clone()];
        for name in &CALLERS[1..] {
            users.push(app.user(name, false).await);
        }
        let (store, org, dave) = (app.store().clone(), app.org_id, users[4].user.id);
        let devs = tokio::task::spawn_blocking(move || {
            let devs = store.create_group(org, "devs").unwrap();
            store.add_group_member(devs.id, dave).unwrap();
            devs.id
        })
        .await
        .unwrap();
        let usernames = users.iter().map(|u| u.user.username.clone()).collect();
        let mut world = World { seed, users, usernames, devs, template: app.template.id, workspaces: Vec::new(), names: 0 };
        for _ in 0..2 {
            world.create(app, 1, 1).await;
        }
        app.provision().await;
        world
    }

    fn next_name(&mut self) -> String {
        self.names += 1;
        format!("ws{}", self.names)
    }

    async fn create(&mut self, app: &TestApp, caller: usize, owner: usize) -> String {
        let name = self.next_name();
        let path = format!("/api/v2/users/{}/workspaces", self.users[owner].user.id);
        let res = app
            .post(&path)
            .token(&self.users[caller].token)
            .json(json!({ "name": name, "template_id": self.template }))
            .send()
            .await;
        if res.status == StatusCode::CREATED {
            let id = res.body["id"].as_str().unwrap().parse().unwrap();
            self.workspaces.push(Known { id, owner, name: name.clone(), deleting: false });
        }
        format!("create {name} for {} as {}: {}", CALLERS[owner], CALLERS[caller], res.status)
    }

    /// Applies step `i` of the seed's sequence through `app` (any server of the database)
    /// and says what it did.
    pub async fn apply_step(&mut self, app: &TestApp, i: usize) -> String {
        let mut rng = Rng::new(self.seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        // Forget the oldest deleted workspace when the world is full.
        if self.workspaces.len() >= MOST_WORKSPACES {
            if let Some(p) = self.workspaces.iter().position(|w| w.deleting) {
                self.workspaces.remove(p);
            }
        }
        let caller = rng.below(CALLERS.len());
        let who = CALLERS[caller];
        let token = self.users[caller].token.clone();
        let live: Vec<usize> = (0..self.workspaces.len()).filter(|&w| !self.workspaces[w].deleting).collect();
        let kind = rng.below(24);
        if live.is_empty() || (kind == 0 && self.workspaces.len() < MOST_WORKSPACES) {
            let owner = *rng.pick(&[1, 1, 3]);
            let creator = if rng.chance(50) { owner } else { 0 };
            return self.create(app, creator, owner).await;
        }
        let w = *rng.pick(&live);
        let ws = self.workspaces[w].clone();
        let base = format!("/api/v2/workspaces/{}", ws.id);
        let send = |method: Method, path: String, body: Option<Value>| {
            let token = token.clone();
            async move {
                let mut req = app.request(method, &path).token(&token);
                if let Some(body) = body {
                    req = req.json(body);
                }
                req.send().await.status
            }
        };
        // An empty role removes the entry (as often as a grant).
        let role = |rng: &mut Rng| *rng.pick(&["use", "admin", "", ""]);
        match kind {
            0 | 1 => {
                let name = self.next_name();
                let status = send(Method::PATCH, base, Some(json!({ "name": name }))).await;
                if status == StatusCode::NO_CONTENT {
                    self.workspaces[w].name = name.clone();
                }
                format!("rename {} to {name} as {who}: {status}", ws.name)
            }
            2 | 3 => {
                let transition = *rng.pick(&["start", "stop", "start", "stop", "delete"]);
                let status = send(Method::POST, format!("{base}/builds"), Some(json!({ "transition": transition }))).await;
                if status == StatusCode::CREATED && transition == "delete" {
                    self.workspaces[w].deleting = true;
                }
                format!("build {transition} of {} as {who}: {status}", ws.name)
            }
            4 | 5 => {
                let ran = app.provision().await;
                format!("provisioner ran {ran} jobs")
            }
            6 => {
                // Mostly as the owner (whose favorite it is): a favorite shows only to its owner.
                let method = if rng.chance(60) { Method::PUT } else { Method::DELETE };
                let marker = if rng.chance(70) { ws.owner } else { caller };
                let path = format!("{base}/favorite");
                let status = app.request(method.clone(), &path).token(&self.users[marker].token).send().await.status;
                format!("favorite {method} {} as {}: {status}", ws.name, CALLERS[marker])
            }
            7 => {
                let value = *rng.pick(&["always", "never"]);
                let status = send(Method::PUT, format!("{base}/autoupdates"), Some(json!({ "automatic_updates": value }))).await;
                format!("automatic updates {value} of {} as {who}: {status}", ws.name)
            }
            8 => {
                let body = if rng.chance(60) { json!({ "schedule": "CRON_TZ=UTC 30 9 * * 1-5" }) } else { json!({}) };
                let status = send(Method::PUT, format!("{base}/autostart"), Some(body.clone())).await;
                format!("autostart {body} of {} as {who}: {status}", ws.name)
            }
            9 => {
                let body = if rng.chance(60) { json!({ "ttl_ms": 7_200_000 + 60_000 * rng.below(60) as i64 }) } else { json!({ "ttl_ms": null }) };
                let status = send(Method::PUT, format!("{base}/ttl"), Some(body.clone())).await;
                format!("ttl {body} of {} as {who}: {status}", ws.name)
            }
            10 => {
                let deadline = chrono::Utc::now() + chrono::Duration::minutes(90 + rng.below(120) as i64);
                let deadline = deadline.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                let status = send(Method::PUT, format!("{base}/extend"), Some(json!({ "deadline": deadline }))).await;
                format!("extend {} to {deadline} as {who}: {status}", ws.name)
            }
            11 => {
                let dormant = rng.chance(50);
                let status = send(Method::PUT, format!("{base}/dormant"), Some(json!({ "dormant": dormant }))).await;
                format!("dormant {dormant} of {} as {who}: {status}", ws.name)
            }
            12 => {
                let status = send(Method::POST, format!("{base}/usage"), Some(json!({}))).await;
                format!("usage of {} as {who}: {status}", ws.name)
            }
            13 | 14 | 22 | 23 => {
                // Mostly by the owner (who may), a user's role, a group's, or both.
                let target = *rng.pick(&[2, 3, 5]);
                let (user_role, group_role) = (role(&mut rng), role(&mut rng));
                let body = match rng.below(3) {
                    0 => json!({ "user_roles": { self.users[target].user.id.to_string(): user_role } }),
                    1 => json!({ "group_roles": { self.devs.to_string(): group_role } }),
                    _ => json!({
                        "user_roles": { self.users[target].user.id.to_string(): user_role },
                        "group_roles": { self.devs.to_string(): group_role },
                    }),
                };
                let granter = if rng.chance(60) { ws.owner } else { caller };
                let path = format!("{base}/acl");
                let status = app.request(Method::PATCH, &path).token(&self.users[granter].token).json(body.clone()).send().await.status;
                format!("acl {body} of {} as {}: {status}", ws.name, CALLERS[granter])
            }
            15 => {
                let clearer = if rng.chance(60) { ws.owner } else { caller };
                let path = format!("{base}/acl");
                let status = app.request(Method::DELETE, &path).token(&self.users[clearer].token).send().await.status;
                format!("acl cleared of {} as {}: {status}", ws.name, CALLERS[clearer])
            }
            16 => {
                let port = 8000 + rng.below(4) as i64;
                let level = *rng.pick(&["public", "authenticated", "owner"]);
                let body = json!({ "agent_name": "main", "port": port, "share_level": level });
                if rng.chance(65) {
                    let status = send(Method::POST, format!("{base}/port-share"), Some(body.clone())).await;
                    format!("port share {body} of {} as {who}: {status}", ws.name)
                } else {
                    let body = json!({ "agent_name": "main", "port": port });
                    let status = send(Method::DELETE, format!("{base}/port-share"), Some(body.clone())).await;
                    format!("port share removed {body} of {} as {who}: {status}", ws.name)
                }
            }
            // The admin commands' writes (what `workspaced users rename`, `groups
            // set-display-name`, `templates set-max-port-share-level` run), on this server's
            // store.
            17 | 18 => {
                let target = rng.below(CALLERS.len());
                let new = format!("{}-{}", CALLERS[target].split('-').next().unwrap_or("u"), i);
                let (store, id, name) = (app.store().clone(), self.users[target].user.id, new.clone());
                tokio::task::spawn_blocking(move || store.rename_user(id, &name)).await.unwrap().unwrap();
                self.usernames[target] = new.clone();
                format!("admin: rename user {} to {new}", CALLERS[target])
            }
            19 => {
                let display = if rng.chance(70) { format!("Developers {i}") } else { String::new() };
                let (store, devs, name) = (app.store().clone(), self.devs, display.clone());
                tokio::task::spawn_blocking(move || store.set_group_display_name(devs, &name)).await.unwrap().unwrap();
                format!("admin: group display name {display:?}")
            }
            20 => {
                let level = *rng.pick(&[PortShareLevel::Public, PortShareLevel::Authenticated, PortShareLevel::Owner]);
                let require_active = rng.chance(30);
                let cancel = rng.chance(50);
                let (store, template) = (app.store().clone(), self.template);
                tokio::task::spawn_blocking(move || {
                    let mut t = store.template_by_id(template).unwrap().unwrap();
                    t.max_port_share_level = level;
                    t.require_active_version = require_active;
                    t.allow_user_cancel_workspace_jobs = cancel;
                    store.update_template_policy(&t).unwrap();
                })
                .await
                .unwrap();
                format!("admin: template policy max {level:?}, require active {require_active}, cancel {cancel}")
            }
            _ => {
                let (store, template, creator) = (app.store().clone(), self.template, self.users[0].user.id);
                let name = format!("v{i}");
                tokio::task::spawn_blocking(move || {
                    let t = store.template_by_id(template).unwrap().unwrap();
                    let active = store.template_version_by_id(t.active_version_id).unwrap().unwrap();
                    let (params, resources) = (active.parameter_specs().unwrap(), active.resource_specs().unwrap());
                    store.create_template_version(&t, &name, &params, &resources, creator, true).unwrap();
                })
                .await
                .unwrap();
                format!("admin: new active template version v{i}")
            }
        }
    }

    /// The reads compared after step `i`, each with the callers (indexes in [`CALLERS`]) that
    /// read it, one after the other (so that different callers read the same thing within
    /// the same second). Paths are relative to `/api/v2`. Every caller reads every known
    /// workspace by id, and the plain list; the rest is sampled per step (a workspace by
    /// owner and name, two more `q`, one workspace's ACL, port shares and builds as two
    /// callers), unless `full` (`WORKSPACED_DIFFERENTIAL_FULL=1`): then every caller reads
    /// all of them.
    pub fn reads(&self, i: usize, full: bool) -> Vec<(String, Vec<usize>)> {
        let mut rng = Rng::new(self.seed ^ 0x7265_6164 ^ (i as u64).wrapping_mul(0x9e37_79b9));
        let everyone: Vec<usize> = (0..CALLERS.len()).collect();
        let mut reads = Vec::new();
        let sampled = |rng: &mut Rng, n: usize, all: &[usize]| -> Vec<usize> {
            if full {
                return all.to_vec();
            }
            (0..n).map(|_| rng.below(all.len())).collect()
        };
        for ws in &self.workspaces {
            reads.push((format!("/workspaces/{}", ws.id), everyone.clone()));
        }
        let some: Vec<&Known> = if full || self.workspaces.is_empty() {
            self.workspaces.iter().collect()
        } else {
            vec![&self.workspaces[rng.below(self.workspaces.len())]]
        };
        for ws in some {
            let base = format!("/workspaces/{}", ws.id);
            let by_name = if rng.chance(50) {
                format!("/users/{}/workspace/{}", self.usernames[ws.owner], ws.name)
            } else {
                format!("/users/{}/workspace/{}?include_deleted=true", self.users[ws.owner].user.id, ws.name)
            };
            reads.push((by_name, everyone.clone()));
            if full {
                reads.push((format!("{base}?include_deleted=true"), everyone.clone()));
            }
            for tail in ["acl", "port-shares", "builds"] {
                let callers = sampled(&mut rng, 2, &everyone);
                reads.push((format!("{base}/{tail}"), callers));
            }
        }
        const QS: [&str; 8] =
            ["owner:me", "status:running", "shared:true", "outdated:true", "dormant:true", "name:ws1", "has-agent:connected", "status:pending"];
        reads.push(("/workspaces".to_owned(), everyone.clone()));
        let qs: Vec<&str> = if full { QS.to_vec() } else { (0..2).map(|_| *rng.pick(&QS)).collect() };
        for q in qs {
            reads.push((format!("/workspaces?q={}", q.replace(':', "%3A")), everyone.clone()));
        }
        reads.push(("/workspaces?limit=2&offset=1".to_owned(), sampled(&mut rng, 3, &everyone)));
        reads
    }
}

/// One server's app, initialised once, answering requests in-process with the raw bytes.
pub struct Server {
    #[allow(clippy::type_complexity)]
    call: Box<dyn Fn(Method, String, String, Option<String>) -> LocalBoxFuture<'static, Answer>>,
}

/// An answer: status, body bytes and `ETag`.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Bytes,
    pub etag: Option<String>,
}

impl Server {
    pub async fn new(state: AppState) -> Server {
        let service = Rc::new(atest::init_service(workspaced_api::build(Some(state)).0).await);
        Server {
            call: Box::new(move |method, path, token, if_none_match| {
                let service = service.clone();
                Box::pin(async move {
                    let mut req = atest::TestRequest::default()
                        .method(method)
                        .uri(&format!("/api/v2{path}"))
                        .insert_header(("Coder-Session-Token", token));
                    if let Some(tag) = if_none_match {
                        req = req.insert_header(("If-None-Match", tag));
                    }
                    let res = atest::call_service(&*service, req.to_request()).await;
                    let status = res.status();
                    let etag = res.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_owned);
                    Answer { status, body: atest::read_body(res).await, etag }
                })
            }),
        }
    }

    /// `GET path` as the holder of `token`.
    pub async fn get(&self, path: &str, token: &str) -> Answer {
        (self.call)(Method::GET, path.to_owned(), token.to_owned(), None).await
    }

    /// `GET path` with `If-None-Match: tag`.
    pub async fn get_if_none_match(&self, path: &str, token: &str, tag: &str) -> Answer {
        (self.call)(Method::GET, path.to_owned(), token.to_owned(), Some(tag.to_owned())).await
    }
}

/// Whether `path` (under `/api/v2`) is one of the reads that carry an `ETag`: a workspace by
/// id or by owner and name, or a list page.
pub fn conditional_read(path: &str) -> bool {
    let p = path.split('?').next().unwrap_or_default();
    p == "/workspaces" || (p.starts_with("/workspaces/") && p.matches('/').count() == 2) || (p.starts_with("/users/") && p.contains("/workspace/"))
}

/// The state of a server on `app`'s database whose every read-path cache is bypassed.
pub fn uncached(app: &TestApp) -> AppState {
    AppState { bodies: Arc::new(workspaced_api::bodies::Bodies::bypassing()), ..AppState::new(app.store().bypassing_caches()) }
}
