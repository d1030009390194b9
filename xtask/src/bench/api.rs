//! The server's API as the bench uses it (plain HTTP to 127.0.0.1): health, seeding
//! workspaces, counting pending builds and fetching the bodies to serve from the bare app.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::proc::{interrupted, Background};

/// The session header Coder's API authenticates with.
pub const SESSION_HEADER: &str = "Coder-Session-Token";

/// A client of one server, authenticated with a session token.
#[derive(Clone)]
pub struct Api {
    agent: ureq::Agent,
    base: String,
    token: String,
}

/// An answer: status and body bytes.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).chars().take(500).collect()
    }
}

fn agent(timeout: Duration, idle_connections: usize) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .max_idle_connections(idle_connections)
        .max_idle_connections_per_host(idle_connections)
        .build()
        .into()
}

impl Api {
    /// `base` is `http://127.0.0.1:PORT`.
    pub fn new(base: &str, token: &str) -> Api {
        Api { agent: agent(Duration::from_secs(60), 32), base: base.to_owned(), token: token.to_owned() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str) -> Result<Answer> {
        let url = self.url(path);
        let mut res = self.agent.get(&url).header(SESSION_HEADER, &self.token).call().with_context(|| format!("GET {url}"))?;
        let status = res.status().as_u16();
        let body = res.body_mut().read_to_vec().with_context(|| format!("reading GET {url}"))?;
        Ok(Answer { status, body })
    }

    /// The `ETag` of a GET that must answer 200, and that a conditional GET with it answers
    /// 304 (the bench's conditional row loads exactly that).
    pub fn etag_answering_304(&self, path: &str) -> Result<String> {
        let url = self.url(path);
        let res = self.agent.get(&url).header(SESSION_HEADER, &self.token).call().with_context(|| format!("GET {url}"))?;
        let tag = match res.headers().get("etag").and_then(|v| v.to_str().ok()) {
            Some(tag) if res.status().as_u16() == 200 => tag.to_owned(),
            _ => bail!("GET {path} answered {} without an ETag", res.status()),
        };
        let again = self
            .agent
            .get(&url)
            .header(SESSION_HEADER, &self.token)
            .header("If-None-Match", &tag)
            .call()
            .with_context(|| format!("GET {url}"))?;
        if again.status().as_u16() != 304 {
            bail!("GET {path} with If-None-Match: {tag} answered {}, not 304", again.status());
        }
        Ok(tag)
    }

    /// The body of a GET that must answer 200.
    pub fn get_ok(&self, path: &str) -> Result<Vec<u8>> {
        let a = self.get(path)?;
        if a.status != 200 {
            bail!("GET {path} answered {}: {}", a.status, a.text());
        }
        Ok(a.body)
    }

    pub fn get_json(&self, path: &str) -> Result<Value> {
        serde_json::from_slice(&self.get_ok(path)?).with_context(|| format!("GET {path}: not JSON"))
    }

    /// Creates a workspace of the caller; returns its id.
    pub fn create_workspace(&self, name: &str, template_id: &str) -> Result<String> {
        let url = self.url("/api/v2/users/me/workspaces");
        let body = serde_json::json!({ "name": name, "template_id": template_id }).to_string();
        let mut res = self
            .agent
            .post(&url)
            .header(SESSION_HEADER, &self.token)
            .content_type("application/json")
            .send(body)
            .with_context(|| format!("POST {url}"))?;
        let answer = Answer { status: res.status().as_u16(), body: res.body_mut().read_to_vec().context("reading the created workspace")? };
        if answer.status != 201 {
            bail!("creating workspace {name} answered {}: {}", answer.status, answer.text());
        }
        let created: Value = serde_json::from_slice(&answer.body).context("the created workspace is not JSON")?;
        created["id"].as_str().map(str::to_owned).ok_or_else(|| anyhow!("the created workspace has no id: {}", answer.text()))
    }

    /// The id of some workspace with status `status`, if any.
    pub fn workspace_with_status(&self, status: &str) -> Result<Option<String>> {
        let page = self.get_json(&format!("/api/v2/workspaces?q=status:{status}&limit=1"))?;
        Ok(page["workspaces"][0]["id"].as_str().map(str::to_owned))
    }

    /// How many workspaces wait for their build to be picked up (status `pending`).
    pub fn pending_builds(&self) -> Result<u64> {
        self.count_with_status("pending")
    }

    /// How many workspaces have status `status`.
    pub fn count_with_status(&self, status: &str) -> Result<u64> {
        let page = self.get_json(&format!("/api/v2/workspaces?q=status:{status}&limit=1"))?;
        page["count"].as_u64().ok_or_else(|| anyhow!("the workspace list has no count"))
    }
}

/// Polls `GET /healthz` until it answers 200; fails when the server exits or `limit` passes.
pub fn wait_healthy(base: &str, server: &mut Background, limit: Duration) -> Result<()> {
    let agent = agent(Duration::from_secs(2), 1);
    let deadline = Instant::now() + limit;
    loop {
        interrupted()?;
        server.ensure_running()?;
        if let Ok(res) = agent.get(format!("{base}/healthz")).call() {
            if res.status().as_u16() == 200 {
                return Ok(());
            }
        }
        if Instant::now() >= deadline {
            bail!("{base}/healthz did not answer 200 within {} s; the end of the log:\n{}", limit.as_secs(), server.log_tail(20));
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// What seeding did: the id of the first workspace created, and how long after the start
/// each tenth of them had been created (so that a slowdown as the table grows shows).
pub struct Seeded {
    pub first: String,
    pub tenths: Vec<Duration>,
}

impl Seeded {
    /// Creates per second within each tenth of the seeding (fewer than ten when `n` < 10).
    pub fn rates(&self, n: usize) -> Vec<f64> {
        let per_tenth = n as f64 / self.tenths.len().max(1) as f64;
        let mut before = Duration::ZERO;
        self.tenths
            .iter()
            .map(|&t| {
                let rate = per_tenth / (t - before).as_secs_f64().max(1e-9);
                before = t;
                rate
            })
            .collect()
    }
}

/// Creates `n` workspaces `bench-00000`… from `template_id` over `connections` concurrent
/// connections; returns the id of the first. Stops at the first failure or after `limit`.
pub fn seed(api: &Api, n: usize, template_id: &str, connections: usize, limit: Duration) -> Result<Seeded> {
    seed_from(api, 0, n, template_id, connections, limit)
}

/// The counts at which a tenth of `n` creates is complete (`n` below 10: each create).
fn tenth_marks(n: usize) -> Vec<usize> {
    let parts = n.min(10);
    (1..=parts).map(|k| k * n / parts).collect()
}

/// Like [`seed`], numbering the workspaces from `start`.
pub fn seed_from(api: &Api, start: usize, n: usize, template_id: &str, connections: usize, limit: Duration) -> Result<Seeded> {
    let marks = tenth_marks(n);
    let tenths: Mutex<Vec<Option<Duration>>> = Mutex::new(vec![None; marks.len()]);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let first: Mutex<Option<String>> = Mutex::new(None);
    let started = Instant::now();
    let deadline = started + limit;
    thread::scope(|s| {
        for _ in 0..connections.max(1) {
            s.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let result = if let Err(e) = interrupted() {
                        Err(e)
                    } else if Instant::now() >= deadline {
                        Err(anyhow!("seeding did not finish within {} s ({} of {n} created)", limit.as_secs(), done.load(Ordering::Relaxed)))
                    } else {
                        api.create_workspace(&format!("bench-{:05}", start + i), template_id)
                    };
                    match result {
                        Ok(id) => {
                            if i == 0 {
                                *first.lock().unwrap_or_else(|p| p.into_inner()) = Some(id);
                            }
                            let created = done.fetch_add(1, Ordering::Relaxed) + 1;
                            if let Some(k) = marks.iter().position(|&m| m == created) {
                                tenths.lock().unwrap_or_else(|p| p.into_inner())[k] = Some(started.elapsed());
                            }
                            if created.is_multiple_of(2000) && created < n {
                                eprintln!("  {created} of {n} workspaces created ({:.1} s)", started.elapsed().as_secs_f64());
                            }
                        }
                        Err(e) => {
                            stop.store(true, Ordering::Relaxed);
                            failure.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
                        }
                    }
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let first = first.into_inner().unwrap_or_else(|p| p.into_inner()).context("no workspace was created")?;
    let tenths = tenths.into_inner().unwrap_or_else(|p| p.into_inner()).into_iter().flatten().collect();
    Ok(Seeded { first, tenths })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_of_a_seeding() {
        assert_eq!(tenth_marks(100), vec![10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
        assert_eq!(tenth_marks(25), vec![2, 5, 7, 10, 12, 15, 17, 20, 22, 25]);
        assert_eq!(tenth_marks(3), vec![1, 2, 3]);
        assert!(tenth_marks(0).is_empty());
        let seeded = Seeded { first: String::new(), tenths: vec![Duration::from_secs(1), Duration::from_secs(3)] };
        assert_eq!(seeded.rates(200), vec![100.0, 50.0]);
    }
}
