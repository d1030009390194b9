//! The built-in echo provisioner. It takes queued jobs (pending → running → succeeded or
//! failed), pretends to apply the template version for `step`, then materialises its
//! declared resources, agents and apps and sets the build's deadlines.
//!
//! Like Coder's built-in provisioner daemons, several run at once (`daemons`, default 3),
//! and several servers (replicas) may share one database: each job is claimed by exactly
//! one daemon (see `Store::acquire_job`), and running jobs send heartbeats. A job whose heartbeat stopped
//! (its process died) is put back in the queue, so no build stays stuck.

use std::sync::Arc;
use std::time::Duration;

use chrono::Duration as ChronoDuration;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use uuid::Uuid;
use workspaced_store::models::{ProvisionerJob, WorkspaceBuild};
use workspaced_store::types::{TimingStage, WorkspaceTransition};
use workspaced_store::{BuildDeadlines, ResourceSpec, StageTiming, Store, StoreResult};

/// A claimed job with its build and declared resources (`Store::claim_build_job`).
type Claimed = (ProvisionerJob, StoreResult<(WorkspaceBuild, Vec<ResourceSpec>)>);

/// How often a running job tells the queue it is alive.
const HEARTBEAT: Duration = Duration::from_secs(2);
/// A running job without a heartbeat for this long is taken to be orphaned.
const STALE_AFTER: ChronoDuration = ChronoDuration::seconds(10);
/// How often the queue is looked at when nobody rings.
const IDLE_POLL: Duration = Duration::from_millis(500);

/// Settings of the echo provisioner.
#[derive(Debug, Clone)]
pub struct ProvisionerConfig {
    /// How long a job stays `running` before it completes.
    pub step: Duration,
    /// How many jobs run at once in this process (Coder's `--provisioner-daemons`).
    pub daemons: usize,
}

/// Coder's default number of built-in provisioner daemons.
pub const DEFAULT_DAEMONS: usize = 3;
/// The default echo build time.
pub const DEFAULT_STEP: Duration = Duration::from_millis(800);

impl Default for ProvisionerConfig {
    fn default() -> Self {
        ProvisionerConfig { step: DEFAULT_STEP, daemons: DEFAULT_DAEMONS }
    }
}

/// The running provisioner daemons: ring `wake` when a job is queued, stop them on shutdown.
pub struct ProvisionerHandle {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl ProvisionerHandle {
    /// Lets the jobs in progress finish, then stops.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

/// Starts `config.daemons` provisioner daemons (and the requeueing of orphaned jobs) on the
/// current tokio runtime; with 0 daemons, nothing (this server runs no builds).
pub fn spawn(store: Store, wake: Arc<Notify>, config: ProvisionerConfig) -> ProvisionerHandle {
    let (stop, stopped) = watch::channel(false);
    if config.daemons == 0 {
        return ProvisionerHandle { stop, tasks: Vec::new() };
    }
    let mut tasks = vec![tokio::spawn(requeue_loop(store.clone(), stopped.clone()))];
    for n in 0..config.daemons {
        tasks.push(tokio::spawn(daemon(n, store.clone(), wake.clone(), config.clone(), stopped.clone())));
    }
    ProvisionerHandle { stop, tasks }
}

/// Puts jobs whose worker died back in the queue, every few seconds.
async fn requeue_loop(store: Store, mut stopped: watch::Receiver<bool>) {
    loop {
        let s = store.clone();
        match blocking(move || s.requeue_stale_jobs(workspaced_store::now() - STALE_AFTER)).await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(count = n, "requeued orphaned provisioner jobs"),
            Err(e) => tracing::error!(error = %e, "requeueing orphaned jobs failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = stopped.changed() => {}
        }
        if *stopped.borrow() {
            return;
        }
    }
}

/// One provisioner daemon: works through the queue one job at a time, then waits to be rung.
/// The completion of each job claims the next in the same transaction (one write per job),
/// unless the daemon is stopping.
async fn daemon(n: usize, store: Store, wake: Arc<Notify>, config: ProvisionerConfig, mut stopped: watch::Receiver<bool>) {
    let worker_id = Uuid::new_v4();
    tracing::info!(%worker_id, daemon = n, "echo provisioner daemon started");
    loop {
        let mut next = if *stopped.borrow() { None } else { claim(&store, worker_id).await };
        while let Some(job) = next {
            let then_claim = (!*stopped.borrow()).then_some(worker_id);
            next = run_job(&store, job, &config, chrono::Utc::now(), then_claim).await;
        }
        if *stopped.borrow() {
            break;
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(IDLE_POLL) => {}
            _ = stopped.changed() => {}
        }
    }
    tracing::info!(%worker_id, daemon = n, "echo provisioner daemon stopped");
}

/// The oldest pending job, claimed for `worker_id`; none when the queue is empty or the claim
/// failed (logged).
async fn claim(store: &Store, worker_id: Uuid) -> Option<Claimed> {
    let s = store.clone();
    match blocking(move || s.claim_build_job(worker_id)).await {
        Ok(claimed) => claimed,
        Err(e) => {
            tracing::error!(error = %e, "acquiring a provisioner job failed");
            None
        }
    }
}

/// Runs every queued job to completion now, on the caller's task, and returns how many
/// ran. The same code path as the daemons; tests use it to move builds forward
/// deterministically.
pub async fn drain(store: &Store, config: &ProvisionerConfig) -> usize {
    drain_at(store, config, &crate::lifecycle::SystemClock).await
}

/// [`drain`], with the deadlines of the builds counted from `clock`'s time (tests that drive
/// schedules with a fake clock).
pub async fn drain_at(store: &Store, config: &ProvisionerConfig, clock: &dyn crate::lifecycle::Clock) -> usize {
    let worker_id = Uuid::new_v4();
    let mut ran = 0;
    let mut next = claim(store, worker_id).await;
    while let Some(job) = next {
        next = run_job(store, job, config, clock.now(), Some(worker_id)).await;
        ran += 1;
        if next.is_none() {
            // A failed job claims nothing after it: look again.
            next = claim(store, worker_id).await;
        }
    }
    ran
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> StoreResult<T> + Send + 'static) -> StoreResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(workspaced_store::StoreError::Database(format!("blocking task failed: {e}"))))
}

/// Works on a job for `duration`, telling the queue it is alive meanwhile.
async fn work(store: &Store, job_id: Uuid, duration: Duration) {
    let started = tokio::time::Instant::now();
    while started.elapsed() < duration {
        let left = duration.saturating_sub(started.elapsed()).min(HEARTBEAT);
        tokio::time::sleep(left).await;
        if started.elapsed() < duration {
            let s = store.clone();
            if let Err(e) = blocking(move || s.heartbeat_job(job_id)).await {
                tracing::warn!(%job_id, error = %e, "heartbeat failed");
            }
        }
    }
}

/// The stages Terraform goes through before it applies, as Coder's provisioner reports them.
const PREPARATION: [(TimingStage, &str); 3] = [
    (TimingStage::Init, "initializing terraform"),
    (TimingStage::Plan, "building terraform plan"),
    (TimingStage::Graph, "building terraform dependency graph"),
];

/// "Applies" the job's template version for `step`: a quarter each for init, plan and graph,
/// the last quarter shared by the resources; every stage is timed as it runs.
async fn apply(store: &Store, job_id: Uuid, step: Duration, transition: WorkspaceTransition, specs: &[ResourceSpec]) -> Vec<StageTiming> {
    let quarter = step / 4;
    let mut timings = Vec::with_capacity(PREPARATION.len() + specs.len());
    for (stage, action) in PREPARATION {
        let started_at = workspaced_store::now();
        work(store, job_id, quarter).await;
        timings.push(StageTiming {
            started_at,
            ended_at: workspaced_store::now(),
            stage,
            source: "coder".into(),
            action: action.into(),
            resource: "state file".into(),
        });
    }
    let share = quarter / specs.len().max(1) as u32;
    let action = if transition == WorkspaceTransition::Start { "create" } else { "delete" };
    for spec in specs {
        let started_at = workspaced_store::now();
        work(store, job_id, share).await;
        timings.push(StageTiming {
            started_at,
            ended_at: workspaced_store::now(),
            stage: TimingStage::Apply,
            // The provider is the first word of the resource type (`docker_container`).
            source: spec.kind.split('_').next().unwrap_or_default().to_owned(),
            action: action.into(),
            resource: format!("{}.{}", spec.kind, spec.name),
        });
    }
    timings
}

/// Runs one claimed job to its end; a shutdown waits for it rather than cutting it short.
/// `started` is when the job began, by the clock the deadlines are counted from (the
/// apply's own duration is added to it). Its completion claims the next pending job for
/// `then_claim` in the same transaction, and returns it; a failed job claims none.
async fn run_job(
    store: &Store,
    (job, claimed): Claimed,
    config: &ProvisionerConfig,
    started: chrono::DateTime<chrono::Utc>,
    then_claim: Option<Uuid>,
) -> Option<Claimed> {
    let job_id = job.id;
    let began = tokio::time::Instant::now();
    tracing::debug!(%job_id, "provisioner job running");
    let timer = std::time::Instant::now();
    let result = match claimed {
        Ok((build, specs)) => {
            let timings = apply(store, job_id, config.step, build.transition, &specs).await;
            let s = store.clone();
            blocking(move || {
                let now = crate::lifecycle::stored(started + ChronoDuration::from_std(began.elapsed()).unwrap_or_default());
                s.complete_build_job_then_claim(job_id, |build, ws, template| deadlines(build, ws, template, now), &timings, then_claim)
            })
            .await
        }
        Err(e) => Err(e),
    };
    crate::metrics::job_finished(if result.is_ok() { "succeeded" } else { "failed" }, timer.elapsed());
    match result {
        Ok(next) => {
            tracing::debug!(%job_id, "provisioner job succeeded");
            next
        }
        Err(e) => {
            tracing::error!(%job_id, error = %e, "provisioner job failed");
            let (s, msg) = (store.clone(), e.to_string());
            if let Err(e) = blocking(move || s.fail_job(job_id, &msg)).await {
                tracing::error!(%job_id, error = %e, "marking the job failed did not work either");
            }
            None
        }
    }
}

/// The deadlines a `start` build gets when it completes now: the template's max TTL bounds
/// the workspace's TTL.
fn deadlines(
    build: &workspaced_store::models::WorkspaceBuild,
    ws: &workspaced_store::models::Workspace,
    template: &workspaced_store::models::Template,
    now: chrono::NaiveDateTime,
) -> BuildDeadlines {
    let mut deadlines = BuildDeadlines::default();
    if build.transition == WorkspaceTransition::Start {
        if template.max_ttl_ms > 0 {
            deadlines.max_deadline = Some(now + ChronoDuration::milliseconds(template.max_ttl_ms));
        }
        if let Some(ttl) = ws.ttl_ms.filter(|t| *t > 0) {
            let d = now + ChronoDuration::milliseconds(ttl);
            deadlines.deadline = Some(match deadlines.max_deadline {
                Some(max) if max < d => max,
                _ => d,
            });
        }
    }
    deadlines
}
