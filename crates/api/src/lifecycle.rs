//! The lifecycle executor (Coder's autobuild executor): on each tick it makes the
//! schedules do something. It
//! - starts workspaces whose autostart is due (`next_start_at`), on the template's active
//!   version when the workspace updates automatically or the template requires it;
//! - stops running workspaces past their build's deadline (which `usage` bumps by the
//!   template's activity bump) or max deadline;
//! - makes workspaces unused for the template's `time_til_dormant` dormant (and stops them
//!   if they run);
//! - deletes dormant workspaces whose `deleting_at` has come;
//!
//! each as a build with Coder's reason (`autostart`, `autostop`, `dormancy`, `autodelete`),
//! built as the workspace's owner. Every transition is decided again in the transaction
//! that applies it, on a locked row ([`Store::lifecycle_apply`]): with several servers on
//! one PostgreSQL database each due transition happens once. A workspace that fails is
//! logged and counted; the others go on.
//!
//! Time comes from a [`Clock`], so tests drive days of schedules with a [`FakeClock`].

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use uuid::Uuid;
use workspaced_sdk::AutomaticUpdates;
use workspaced_store::types::{BuildReason, JobStatus, WorkspaceTransition};
use workspaced_store::{LifecycleAction, LifecycleBuild, LifecycleOutcome, LifecycleView, Store};

use crate::validate::{self, WeeklySchedule};

/// Where the time comes from.
pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that moves only when told (tests).
#[derive(Debug)]
pub struct FakeClock(Mutex<DateTime<Utc>>);

impl FakeClock {
    pub fn new(at: DateTime<Utc>) -> FakeClock {
        FakeClock(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A time as the store keeps it (UTC, microseconds).
pub fn stored(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc().trunc_subsecs(6)
}

/// Coder's default interval between ticks.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(60);

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TickStats {
    pub started: usize,
    pub stopped: usize,
    pub dormant: usize,
    pub deleted: usize,
    /// Workspaces whose transition failed (logged).
    pub failed: usize,
}

/// The executor: the store it acts on, its clock, and the provisioner's bell.
#[derive(Clone)]
pub struct Executor {
    store: Store,
    clock: Arc<dyn Clock>,
    wake: Arc<Notify>,
}

/// Which kind of transition a candidate is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Autostart,
    Autostop,
    Dormancy,
    Autodelete,
}

impl Executor {
    pub fn new(store: Store, clock: Arc<dyn Clock>, wake: Arc<Notify>) -> Executor {
        Executor { store, clock, wake }
    }

    /// Runs one tick now, on the blocking pool.
    pub async fn tick(&self) -> TickStats {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.tick_blocking()).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "lifecycle tick panicked");
            TickStats { failed: 1, ..TickStats::default() }
        })
    }

    /// One tick, on this thread: every due transition at the clock's time.
    pub fn tick_blocking(&self) -> TickStats {
        let now = self.clock.now();
        let mut stats = TickStats::default();
        let candidates = match self.store.lifecycle_candidates(stored(now)) {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "lifecycle: reading the due workspaces failed");
                stats.failed += 1;
                return stats;
            }
        };
        // Deletion first (a workspace due for it needs nothing else), then dormancy, stops
        // and starts; a workspace acted on in this tick is not acted on again.
        let mut done: Vec<Uuid> = Vec::new();
        let kinds = [
            (Kind::Autodelete, &candidates.autodelete),
            (Kind::Dormancy, &candidates.dormancy),
            (Kind::Autostop, &candidates.autostop),
            (Kind::Autostart, &candidates.autostart),
        ];
        for (kind, ids) in kinds {
            for &id in ids {
                if done.contains(&id) {
                    continue;
                }
                match self.transition(kind, id, now) {
                    Ok(true) => {
                        done.push(id);
                        match kind {
                            Kind::Autostart => stats.started += 1,
                            Kind::Autostop => stats.stopped += 1,
                            Kind::Dormancy => stats.dormant += 1,
                            Kind::Autodelete => stats.deleted += 1,
                        }
                    }
                    Ok(false) => {}
                    Err(e) => {
                        tracing::error!(workspace_id = %id, transition = ?kind, error = %e, "lifecycle transition failed");
                        stats.failed += 1;
                    }
                }
            }
        }
        if stats.started + stats.stopped + stats.dormant + stats.deleted > 0 {
            self.wake.notify_waiters();
            tracing::info!(
                started = stats.started,
                stopped = stats.stopped,
                dormant = stats.dormant,
                deleted = stats.deleted,
                "lifecycle tick"
            );
        }
        stats
    }

    /// Decides and applies one transition; true when it happened.
    fn transition(&self, kind: Kind, id: Uuid, now: DateTime<Utc>) -> Result<bool, String> {
        let mut problem = None;
        let outcome = self
            .store
            .lifecycle_apply(id, stored(now), |view| {
                let (action, failure) = decide(kind, view, now);
                problem = failure;
                action
            })
            .map_err(|e| e.to_string())?;
        if let Some(p) = problem {
            return Err(p);
        }
        Ok(match outcome {
            LifecycleOutcome::Applied(build) => kind == Kind::Dormancy || build.is_some(),
            LifecycleOutcome::Skipped | LifecycleOutcome::Unchanged => false,
        })
    }
}

/// Whether the latest build finished well and left the workspace in `transition`.
fn settled_in(view: &LifecycleView, transition: WorkspaceTransition) -> bool {
    view.latest.transition == transition && view.job.job_status == JobStatus::Succeeded
}

/// The same version and parameters as the latest build.
fn rebuild(view: &LifecycleView, transition: WorkspaceTransition, reason: BuildReason) -> LifecycleBuild {
    LifecycleBuild {
        transition,
        reason,
        template_version_id: view.latest.template_version_id,
        parameters: view.parameters.clone(),
    }
}

/// What to do to a workspace for `kind` at `now`, and why it could not be done, if so.
fn decide(kind: Kind, view: &LifecycleView, now: DateTime<Utc>) -> (LifecycleAction, Option<String>) {
    let ws = &view.workspace;
    let now_stored = stored(now);
    if ws.deleted {
        return (LifecycleAction::default(), None);
    }
    match kind {
        Kind::Autodelete => {
            let due = ws.dormant_at.is_some() && ws.deleting_at.is_some_and(|d| d <= now_stored);
            let already = view.latest.transition == WorkspaceTransition::Delete && view.job.job_status != JobStatus::Failed;
            if !due || already {
                return (LifecycleAction::default(), None);
            }
            let build = rebuild(view, WorkspaceTransition::Delete, BuildReason::Autodelete);
            (LifecycleAction { build: Some(build), ..Default::default() }, None)
        }
        Kind::Dormancy => {
            let after = view.template.time_til_dormant_ms;
            let due = ws.dormant_at.is_none()
                && after > 0
                && ws.last_used_at + chrono::Duration::milliseconds(after) <= now_stored;
            if !due {
                return (LifecycleAction::default(), None);
            }
            // A running workspace is stopped as it goes dormant.
            let build = settled_in(view, WorkspaceTransition::Start)
                .then(|| rebuild(view, WorkspaceTransition::Stop, BuildReason::Dormancy));
            (LifecycleAction { build, dormant: true, ..Default::default() }, None)
        }
        Kind::Autostop => {
            let b = &view.latest;
            let past = |t: Option<NaiveDateTime>| t.is_some_and(|t| t <= now_stored);
            if !settled_in(view, WorkspaceTransition::Start) || !(past(b.deadline) || past(b.max_deadline)) {
                return (LifecycleAction::default(), None);
            }
            let build = rebuild(view, WorkspaceTransition::Stop, BuildReason::Autostop);
            (LifecycleAction { build: Some(build), ..Default::default() }, None)
        }
        Kind::Autostart => autostart(view, now),
    }
}

/// Autostart: due when `next_start_at` has come and the schedule's next time after the
/// latest build has come too (a workspace stopped by hand after its start time waits for
/// the next one). `next_start_at` moves on to the next allowed time in any case.
fn autostart(view: &LifecycleView, now: DateTime<Utc>) -> (LifecycleAction, Option<String>) {
    let ws = &view.workspace;
    let now_stored = stored(now);
    let (Some(spec), Some(next)) = (ws.autostart_schedule.as_deref(), ws.next_start_at) else {
        return (LifecycleAction::default(), None);
    };
    if next > now_stored || ws.dormant_at.is_some() {
        return (LifecycleAction::default(), None);
    }
    let schedule = match WeeklySchedule::parse(spec) {
        Ok(s) => s,
        Err(e) => {
            let action = LifecycleAction { next_start_at: Some(None), ..Default::default() };
            return (action, Some(format!("autostart schedule {spec:?}: {e}")));
        }
    };
    let allowed = view.template.autostart_allowed_days;
    let following = schedule.next_allowed_after(now, allowed).map(stored);
    let mut action = LifecycleAction { next_start_at: Some(following), ..Default::default() };
    let since_latest = schedule.next_allowed_after(view.latest.created_at.and_utc(), allowed);
    let eligible = view.template.allow_user_autostart
        && settled_in(view, WorkspaceTransition::Stop)
        && since_latest.is_some_and(|t| t <= now);
    if !eligible {
        return (action, None);
    }
    let follow_active =
        view.template.require_active_version || ws.automatic_updates == AutomaticUpdates::Always;
    let mut build = rebuild(view, WorkspaceTransition::Start, BuildReason::Autostart);
    if follow_active && view.active_version.id != view.latest.template_version_id {
        let specs = match view.active_version.parameter_specs() {
            Ok(s) => s,
            Err(e) => return (action, Some(e.to_string())),
        };
        let carried: Vec<(String, String)> =
            view.parameters.iter().filter(|(name, _)| specs.iter().any(|s| s.name == *name)).cloned().collect();
        match validate::resolve_parameters(&specs, &carried) {
            Ok(parameters) => {
                build.template_version_id = view.active_version.id;
                build.parameters = parameters;
            }
            Err(e) => {
                let why = format!("the active version needs parameters the last build cannot give: {}", e.body.message);
                return (action, Some(why));
            }
        }
    }
    action.build = Some(build);
    (action, None)
}

/// The running executor: stop it on shutdown.
pub struct LifecycleHandle {
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl LifecycleHandle {
    /// Lets the tick in progress finish, then stops.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

/// Runs the executor every `interval` on the current tokio runtime; a zero interval runs
/// none (another server's executor does the work).
pub fn spawn(executor: Executor, interval: Duration) -> LifecycleHandle {
    let (stop, mut stopped) = watch::channel(false);
    if interval.is_zero() {
        return LifecycleHandle { stop, task: None };
    }
    let task = tokio::spawn(async move {
        tracing::info!(interval_ms = interval.as_millis() as u64, "lifecycle executor started");
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                _ = stopped.changed() => {}
            }
            if *stopped.borrow() {
                break;
            }
            executor.tick().await;
        }
        tracing::info!("lifecycle executor stopped");
    });
    LifecycleHandle { stop, task: Some(task) }
}
