//! What the lifecycle executor needs from the database: the workspaces that may be due for
//! a transition at a given time (autostart, autostop, dormancy, autodelete), and each
//! transition applied in one transaction on a locked workspace row, after the executor has
//! decided it from a fresh view. On PostgreSQL the row is taken `FOR UPDATE SKIP LOCKED`,
//! so executors of several server processes never act on one workspace at once, and the
//! second to come finds the transition already made (its build queued); on SQLite writers
//! take turns (`BEGIN IMMEDIATE`). Times come from the caller (the executor's clock).

use chrono::{Duration, NaiveDateTime};
use diesel::dsl::not;
use diesel::prelude::*;
use uuid::Uuid;

use super::builds::job_is_active;
use super::{insert_build, BuildSpec};
use crate::models::{ProvisionerJob, Template, TemplateVersion, Workspace, WorkspaceBuild};
use crate::schema::{
    provisioner_jobs, template_versions, templates, workspace_build_parameters, workspace_builds, workspaces,
};
use crate::types::{BuildReason, JobStatus, Txt, WorkspaceStatus, WorkspaceTransition};
use crate::{DbConnection, Store, StoreResult};

/// The workspaces that may be due, by kind; each is decided again on a fresh view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleCandidates {
    /// `next_start_at` has come.
    pub autostart: Vec<Uuid>,
    /// Running, and the latest build's deadline or max deadline has come.
    pub autostop: Vec<Uuid>,
    /// Not dormant, the template makes workspaces dormant, unused for that long.
    pub dormancy: Vec<Uuid>,
    /// Dormant and `deleting_at` has come.
    pub autodelete: Vec<Uuid>,
}

/// Everything a transition is decided from, read in the transaction that applies it.
#[derive(Debug, Clone)]
pub struct LifecycleView {
    pub workspace: Workspace,
    pub template: Template,
    pub latest: WorkspaceBuild,
    pub job: ProvisionerJob,
    /// The latest build's parameters.
    pub parameters: Vec<(String, String)>,
    /// The template's active version.
    pub active_version: TemplateVersion,
}

/// The build a transition queues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleBuild {
    pub transition: WorkspaceTransition,
    pub reason: BuildReason,
    pub template_version_id: Uuid,
    pub parameters: Vec<(String, String)>,
}

/// What to do to one workspace; the default does nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleAction {
    /// Queue this build (only if the latest build is no longer active).
    pub build: Option<LifecycleBuild>,
    /// Set `next_start_at` to this.
    pub next_start_at: Option<Option<NaiveDateTime>>,
    /// Make the workspace dormant now (`deleting_at` from the template's autodelete).
    pub dormant: bool,
}

/// What became of one workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum LifecycleOutcome {
    /// Another executor holds the workspace right now, or it is gone.
    Skipped,
    /// Nothing was due after all.
    Unchanged,
    /// The action was applied; with the build it queued, if any.
    Applied(Option<WorkspaceBuild>),
}

impl Store {
    /// The workspaces that may be due at `now` (read without locks).
    pub fn lifecycle_candidates(&self, now: NaiveDateTime) -> StoreResult<LifecycleCandidates> {
        self.read(|c| {
            let live = || workspaces::table.filter(not(workspaces::deleted));
            let autostart: Vec<Uuid> = live()
                .filter(workspaces::dormant_at.is_null())
                .filter(workspaces::autostart_schedule.is_not_null())
                .filter(workspaces::next_start_at.le(now))
                .select(workspaces::id)
                .load(c)?;
            // Running workspaces whose builds have a deadline that has come; only the latest
            // build's counts (an older start build's deadline passed long ago).
            let due: Vec<(Uuid, i32)> = live()
                .inner_join(workspace_builds::table)
                .filter(workspaces::latest_build_status.eq(Txt::from(WorkspaceStatus::Running)))
                .filter(workspace_builds::deadline.le(now).or(workspace_builds::max_deadline.le(now)))
                .select((workspaces::id, workspace_builds::build_number))
                .load(c)?;
            let mut autostop = Vec::new();
            if !due.is_empty() {
                let mut ids: Vec<Uuid> = due.iter().map(|(id, _)| *id).collect();
                ids.sort_unstable();
                ids.dedup();
                let latest: Vec<(Uuid, Option<i32>)> = workspace_builds::table
                    .filter(workspace_builds::workspace_id.eq_any(ids.iter().map(|id| Txt::from(*id)).collect::<Vec<_>>()))
                    .group_by(workspace_builds::workspace_id)
                    .select((workspace_builds::workspace_id, diesel::dsl::max(workspace_builds::build_number)))
                    .load(c)?;
                autostop = due
                    .iter()
                    .filter(|(id, n)| latest.iter().any(|(l, max)| l == id && *max == Some(*n)))
                    .map(|(id, _)| *id)
                    .collect();
                autostop.dedup();
            }
            let inactive: Vec<(Uuid, NaiveDateTime, i64)> = live()
                .inner_join(templates::table)
                .filter(workspaces::dormant_at.is_null())
                .filter(templates::time_til_dormant_ms.gt(0))
                .select((workspaces::id, workspaces::last_used_at, templates::time_til_dormant_ms))
                .load(c)?;
            let dormancy = inactive
                .into_iter()
                .filter(|(_, used, after)| *used + Duration::milliseconds(*after) <= now)
                .map(|(id, _, _)| id)
                .collect();
            let autodelete: Vec<Uuid> = live()
                .filter(workspaces::dormant_at.is_not_null())
                .filter(workspaces::deleting_at.le(now))
                .select(workspaces::id)
                .load(c)?;
            Ok(LifecycleCandidates { autostart, autostop, dormancy, autodelete })
        })
    }

    /// Locks the workspace, shows `decide` a fresh view of it, and applies what it decided,
    /// in one transaction at time `now`. A workspace another executor holds is skipped.
    pub fn lifecycle_apply(
        &self,
        workspace_id: Uuid,
        now: NaiveDateTime,
        decide: impl FnOnce(&LifecycleView) -> LifecycleAction,
    ) -> StoreResult<LifecycleOutcome> {
        self.write(|c| {
            if let DbConnection::Postgres(pg) = c {
                let held: Option<String> = workspaces::table
                    .find(Txt::from(workspace_id))
                    .select(workspaces::id)
                    .for_update()
                    .skip_locked()
                    .first(pg)
                    .optional()?;
                if held.is_none() {
                    return Ok(LifecycleOutcome::Skipped);
                }
            }
            let Some(view) = view(c, workspace_id)? else {
                return Ok(LifecycleOutcome::Skipped);
            };
            let action = decide(&view);
            if action == LifecycleAction::default() {
                return Ok(LifecycleOutcome::Unchanged);
            }
            let target = || workspaces::table.find(Txt::from(workspace_id));
            if let Some(next) = action.next_start_at {
                diesel::update(target()).set(workspaces::next_start_at.eq(next)).execute(c)?;
            }
            if action.dormant && view.workspace.dormant_at.is_none() {
                let autodelete = view.template.time_til_dormant_autodelete_ms;
                let deleting_at = (autodelete > 0).then(|| now + Duration::milliseconds(autodelete));
                diesel::update(target())
                    .set((workspaces::dormant_at.eq(Some(now)), workspaces::deleting_at.eq(deleting_at)))
                    .execute(c)?;
            }
            let mut queued = None;
            if let Some(build) = &action.build {
                if !job_is_active(view.job.job_status) {
                    let spec = BuildSpec {
                        number: view.latest.build_number + 1,
                        transition: build.transition,
                        reason: build.reason,
                        version_id: build.template_version_id,
                        // Coder's executor builds as the workspace's owner.
                        initiator_id: view.workspace.owner_id,
                    };
                    queued = Some(insert_build(c, &view.workspace, &spec, &build.parameters, now)?);
                }
            }
            Ok(LifecycleOutcome::Applied(queued))
        })
    }
}

/// The workspace, its template and active version, its latest build with job and
/// parameters; `None` when the workspace or its latest build is gone.
fn view(c: &mut DbConnection, workspace_id: Uuid) -> StoreResult<Option<LifecycleView>> {
    let found: Option<(Workspace, Template)> = workspaces::table
        .inner_join(templates::table)
        .filter(workspaces::id.eq(Txt::from(workspace_id)))
        .select((Workspace::as_select(), Template::as_select()))
        .first(c)
        .optional()?;
    let Some((workspace, template)) = found else { return Ok(None) };
    let latest: Option<(WorkspaceBuild, ProvisionerJob)> = workspace_builds::table
        .inner_join(provisioner_jobs::table)
        .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id)))
        .order(workspace_builds::build_number.desc())
        .select((WorkspaceBuild::as_select(), ProvisionerJob::as_select()))
        .first(c)
        .optional()?;
    let Some((latest, job)) = latest else { return Ok(None) };
    let parameters = workspace_build_parameters::table
        .filter(workspace_build_parameters::build_id.eq(Txt::from(latest.id)))
        .order(workspace_build_parameters::name)
        .select((workspace_build_parameters::name, workspace_build_parameters::value))
        .load(c)?;
    let active_version = template_versions::table
        .find(Txt::from(template.active_version_id))
        .select(TemplateVersion::as_select())
        .first(c)?;
    Ok(Some(LifecycleView { workspace, template, latest, job, parameters, active_version }))
}

/// Coder's activity bump: a use of a running workspace moves its build's deadline to
/// `now` + the template's activity bump when that is later, never past the max deadline.
/// A build without a deadline (autostop off) keeps none. In the caller's transaction.
pub(crate) fn activity_bump(c: &mut DbConnection, workspace_id: Uuid, now: NaiveDateTime) -> StoreResult<()> {
    let found: Option<(WorkspaceBuild, JobStatus, i64)> = workspace_builds::table
        .inner_join(provisioner_jobs::table)
        .inner_join(workspaces::table.inner_join(templates::table))
        .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id)))
        .order(workspace_builds::build_number.desc())
        .select((WorkspaceBuild::as_select(), provisioner_jobs::job_status, templates::activity_bump_ms))
        .first(c)
        .optional()?;
    let Some((build, status, bump_ms)) = found else { return Ok(()) };
    let Some(deadline) = build.deadline else { return Ok(()) };
    if build.transition != WorkspaceTransition::Start || status != JobStatus::Succeeded || bump_ms <= 0 {
        return Ok(());
    }
    let mut bumped = now + Duration::milliseconds(bump_ms);
    if let Some(max) = build.max_deadline {
        bumped = bumped.min(max);
    }
    if bumped > deadline {
        diesel::update(workspace_builds::table.find(Txt::from(build.id)))
            .set((workspace_builds::deadline.eq(Some(bumped)), workspace_builds::updated_at.eq(now)))
            .execute(c)?;
    }
    Ok(())
}
