//! The built-in echo provisioner. It takes queued jobs (pending → running → succeeded or
//! failed), pretends to apply the template version for `step`, then materialises its
//! declared resources, agents and apps and sets the build's deadlines.
//!
//! Several provisioners (replicas) may share one database: a job is claimed with a
//! conditional update, and running jobs send heartbeats. A job whose heartbeat stopped
//! (its process died) is put back in the queue, so no build stays stuck.

use std::sync::Arc;
use std::time::Duration;

use chrono::Duration as ChronoDuration;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use workspaced_store::{BuildDeadlines, Store, StoreResult};

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
}

impl Default for ProvisionerConfig {
    fn default() -> Self {
        ProvisionerConfig { step: Duration::from_millis(800) }
    }
}

/// A running provisioner: ring it when a job is queued, stop it on shutdown.
pub struct ProvisionerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl ProvisionerHandle {
    /// Lets the current job finish, then stops.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// Starts the provisioner loop on the current tokio runtime.
pub fn spawn(store: Store, wake: Arc<Notify>, config: ProvisionerConfig) -> ProvisionerHandle {
    let (stop, mut stopped) = watch::channel(false);
    let worker_id = uuid::Uuid::new_v4().to_string();
    let task = tokio::spawn(async move {
        tracing::info!(worker_id, "echo provisioner started");
        let mut last_requeue = std::time::Instant::now() - Duration::from_secs(60);
        loop {
            if last_requeue.elapsed() >= Duration::from_secs(5) {
                last_requeue = std::time::Instant::now();
                let s = store.clone();
                match blocking(move || s.requeue_stale_jobs(workspaced_store::now() - STALE_AFTER)).await {
                    Ok(0) => {}
                    Ok(n) => tracing::warn!(count = n, "requeued orphaned provisioner jobs"),
                    Err(e) => tracing::error!(error = %e, "requeueing orphaned jobs failed"),
                }
            }
            // Work through everything queued, one job at a time.
            loop {
                if *stopped.borrow() {
                    break;
                }
                let s = store.clone();
                let w = worker_id.clone();
                match blocking(move || s.acquire_job(&w)).await {
                    Ok(Some(job)) => run_job(&store, &job.id, &config).await,
                    Ok(None) => break,
                    Err(e) => {
                        tracing::error!(error = %e, "acquiring a provisioner job failed");
                        break;
                    }
                }
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
        tracing::info!("echo provisioner stopped");
    });
    ProvisionerHandle { stop, task }
}

/// Runs every queued job to completion now, on the caller's task, and returns how many
/// ran. The same code path as the background loop; tests use it to move builds forward
/// deterministically.
pub async fn drain(store: &Store, config: &ProvisionerConfig) -> usize {
    let worker_id = uuid::Uuid::new_v4().to_string();
    let mut ran = 0;
    loop {
        let (s, w) = (store.clone(), worker_id.clone());
        match blocking(move || s.acquire_job(&w)).await {
            Ok(Some(job)) => {
                run_job(store, &job.id, config).await;
                ran += 1;
            }
            Ok(None) => return ran,
            Err(e) => {
                tracing::error!(error = %e, "acquiring a provisioner job failed");
                return ran;
            }
        }
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> StoreResult<T> + Send + 'static) -> StoreResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(workspaced_store::StoreError::Database(format!("blocking task failed: {e}"))))
}

/// Runs one claimed job to its end; a shutdown waits for it rather than cutting it short.
async fn run_job(store: &Store, job_id: &str, config: &ProvisionerConfig) {
    tracing::info!(job_id, "provisioner job running");
    // "Apply" for `step`, with heartbeats.
    let started = tokio::time::Instant::now();
    while started.elapsed() < config.step {
        let left = config.step.saturating_sub(started.elapsed()).min(HEARTBEAT);
        tokio::time::sleep(left).await;
        if started.elapsed() < config.step {
            let (s, id) = (store.clone(), job_id.to_owned());
            if let Err(e) = blocking(move || s.heartbeat_job(&id)).await {
                tracing::warn!(job_id, error = %e, "heartbeat failed");
            }
        }
    }
    let (s, id) = (store.clone(), job_id.to_owned());
    let result = blocking(move || {
        let (build, ws, template) = s.build_for_job(&id)?;
        let now = workspaced_store::now();
        let mut deadlines = BuildDeadlines::default();
        if build.transition == "start" {
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
        s.complete_build_job(&id, deadlines)
    })
    .await;
    match result {
        Ok(()) => tracing::info!(job_id, "provisioner job succeeded"),
        Err(e) => {
            tracing::error!(job_id, error = %e, "provisioner job failed");
            let (s, id, msg) = (store.clone(), job_id.to_owned(), e.to_string());
            if let Err(e) = blocking(move || s.fail_job(&id, &msg)).await {
                tracing::error!(job_id, error = %e, "marking the job failed did not work either");
            }
        }
    }
}
