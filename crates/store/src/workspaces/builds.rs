//! Builds of a workspace beyond the first: the next build (start, stop, delete) queued only
//! while no other is active, the history page, the deadline of a running build, the
//! autostart and TTL settings, and the timings a build recorded. Every change to what a
//! workspace response shows bumps the workspace's `version` in its transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use super::aggregate::{load_builds, BuildAggregate};
use super::{insert_build, BuildSpec};
use crate::models::{
    AgentScriptTiming, ProvisionerJob, ProvisionerJobTiming, Workspace, WorkspaceAgent, WorkspaceBuild,
};
use crate::schema::{
    provisioner_job_timings, provisioner_jobs, workspace_agent_script_timings, workspace_agents,
    workspace_build_parameters, workspace_builds, workspace_resources, workspaces,
};
use crate::types::{BuildReason, JobStatus, Txt, WorkspaceTransition};
use crate::{now, Store, StoreResult};

/// The next build of a workspace, as the API decided it.
#[derive(Debug, Clone)]
pub struct NewBuild {
    pub workspace_id: Uuid,
    pub transition: WorkspaceTransition,
    pub reason: BuildReason,
    pub initiator_id: Uuid,
    pub template_version_id: Uuid,
    pub parameters: Vec<(String, String)>,
}

/// Why a build was not queued: the latest one is still pending, running or canceling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildActive;

/// A page of a workspace's builds, newest first (Coder's order).
#[derive(Debug, Clone, Default)]
pub struct BuildPage {
    /// Only builds newer than this one.
    pub after_id: Option<Uuid>,
    /// Only builds created after this time.
    pub since: Option<NaiveDateTime>,
    pub offset: i64,
    /// 0: no limit.
    pub limit: i64,
}

/// What a build recorded about its run.
#[derive(Debug, Clone, Default)]
pub struct BuildTimings {
    pub provisioner: Vec<ProvisionerJobTiming>,
    /// Each script run with its agent.
    pub scripts: Vec<(AgentScriptTiming, WorkspaceAgent)>,
    /// The agents of the build, to tell when each connected.
    pub agents: Vec<WorkspaceAgent>,
}

/// Whether a job of this status keeps its workspace busy (Coder's `Active`).
pub fn job_is_active(status: JobStatus) -> bool {
    matches!(status, JobStatus::Pending | JobStatus::Running | JobStatus::Canceling)
}

fn latest(c: &mut crate::DbConnection, workspace_id: Uuid) -> StoreResult<(WorkspaceBuild, ProvisionerJob)> {
    Ok(workspace_builds::table
        .inner_join(provisioner_jobs::table)
        .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id)))
        .order(workspace_builds::build_number.desc())
        .select((WorkspaceBuild::as_select(), ProvisionerJob::as_select()))
        .first(c)?)
}

impl Store {
    /// The latest build of a workspace, its job and its parameters.
    pub fn latest_build(&self, workspace_id: Uuid) -> StoreResult<(WorkspaceBuild, ProvisionerJob, Vec<(String, String)>)> {
        self.snapshot(|c| {
            let (build, job) = latest(c, workspace_id)?;
            let params: Vec<(String, String)> = workspace_build_parameters::table
                .filter(workspace_build_parameters::build_id.eq(Txt::from(build.id)))
                .order(workspace_build_parameters::name)
                .select((workspace_build_parameters::name, workspace_build_parameters::value))
                .load(c)?;
            Ok((build, job, params))
        })
    }

    /// Queues the next build with its job, unless the latest build is still active; the
    /// check and the insert are one transaction, so two requests cannot both queue one.
    pub fn queue_build(&self, new: &NewBuild) -> StoreResult<Result<WorkspaceBuild, BuildActive>> {
        let t = now();
        self.write(|c| {
            // Taking the workspace row first serialises concurrent builds of it (PostgreSQL);
            // SQLite writers already take turns.
            if let crate::DbConnection::Postgres(pg) = c {
                workspaces::table
                    .find(Txt::from(new.workspace_id))
                    .select(workspaces::id)
                    .for_update()
                    .first::<String>(pg)?;
            }
            let ws: Workspace = workspaces::table.find(Txt::from(new.workspace_id)).select(Workspace::as_select()).first(c)?;
            let (last, job) = latest(c, new.workspace_id)?;
            if job_is_active(job.job_status) {
                return Ok(Err(BuildActive));
            }
            let spec = BuildSpec {
                number: last.build_number + 1,
                transition: new.transition,
                reason: new.reason,
                version_id: new.template_version_id,
                initiator_id: new.initiator_id,
            };
            Ok(Ok(insert_build(c, &ws, &spec, &new.parameters, t)?))
        })
    }

    /// A page of a workspace's builds, newest first; `None` when `after_id` names no build.
    pub fn workspace_builds(&self, workspace_id: Uuid, page: &BuildPage) -> StoreResult<Option<Vec<BuildAggregate>>> {
        self.snapshot(|c| {
            let mut q = workspace_builds::table
                .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id)))
                .into_boxed();
            if let Some(after) = page.after_id {
                let number: Option<i32> = workspace_builds::table
                    .find(Txt::from(after))
                    .select(workspace_builds::build_number)
                    .first(c)
                    .optional()?;
                let Some(number) = number else { return Ok(None) };
                q = q.filter(workspace_builds::build_number.gt(number));
            }
            if let Some(since) = page.since {
                q = q.filter(workspace_builds::created_at.gt(since));
            }
            let limit = if page.limit > 0 { page.limit } else { i64::MAX };
            let builds: Vec<WorkspaceBuild> = q
                .order(workspace_builds::build_number.desc())
                .limit(limit)
                .offset(page.offset)
                .select(WorkspaceBuild::as_select())
                .load(c)?;
            Ok(Some(load_builds(c, builds)?))
        })
    }

    /// Moves the deadline of a workspace's build (extend, or autostop turned off).
    pub fn set_build_deadline(&self, workspace_id: Uuid, build_id: Uuid, deadline: Option<NaiveDateTime>) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(
                workspace_builds::table
                    .find(Txt::from(build_id))
                    .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id))),
            )
            .set((workspace_builds::deadline.eq(deadline), workspace_builds::updated_at.eq(now())))
            .execute(c)?;
            Ok(())
        })
    }

    /// Sets (or, with `None`, clears) the autostart schedule and the next start it gives.
    pub fn set_autostart(&self, workspace_id: Uuid, schedule: Option<&str>, next_start_at: Option<NaiveDateTime>) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(workspaces::table.find(Txt::from(workspace_id)))
                .set((workspaces::autostart_schedule.eq(schedule), workspaces::next_start_at.eq(next_start_at)))
                .execute(c)?;
            Ok(())
        })
    }

    /// Sets the TTL; turning autostop off (`None`) also takes the deadline off a running
    /// build, down to its max deadline (which template policy still imposes), as Coder does.
    pub fn set_ttl(&self, workspace_id: Uuid, ttl_ms: Option<i64>) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(workspaces::table.find(Txt::from(workspace_id)))
                .set(workspaces::ttl_ms.eq(ttl_ms))
                .execute(c)?;
            if ttl_ms.is_none() {
                let (build, _) = latest(c, workspace_id)?;
                if build.transition == WorkspaceTransition::Start {
                    diesel::update(workspace_builds::table.find(Txt::from(build.id)))
                        .set((workspace_builds::deadline.eq(build.max_deadline), workspace_builds::updated_at.eq(now())))
                        .execute(c)?;
                }
            }
            Ok(())
        })
    }

    /// What the latest build of a workspace recorded: its provisioner stages, its agents'
    /// script runs, and its agents.
    pub fn latest_build_timings(&self, workspace_id: Uuid) -> StoreResult<BuildTimings> {
        self.snapshot(|c| {
            let (build, _) = latest(c, workspace_id)?;
            let provisioner = provisioner_job_timings::table
                .filter(provisioner_job_timings::job_id.eq(Txt::from(build.job_id)))
                .order(provisioner_job_timings::position)
                .select(ProvisionerJobTiming::as_select())
                .load(c)?;
            let agents: Vec<WorkspaceAgent> = workspace_agents::table
                .inner_join(workspace_resources::table)
                .filter(workspace_resources::job_id.eq(Txt::from(build.job_id)))
                .order((workspace_agents::name, workspace_agents::id))
                .select(WorkspaceAgent::as_select())
                .load(c)?;
            let scripts: Vec<(AgentScriptTiming, WorkspaceAgent)> = workspace_agent_script_timings::table
                .inner_join(workspace_agents::table.inner_join(workspace_resources::table))
                .filter(workspace_resources::job_id.eq(Txt::from(build.job_id)))
                .order((workspace_agent_script_timings::started_at, workspace_agent_script_timings::display_name))
                .select((AgentScriptTiming::as_select(), WorkspaceAgent::as_select()))
                .load(c)?;
            Ok(BuildTimings { provisioner, scripts, agents })
        })
    }
}
