//! Provisioner jobs: the queue the built-in echo provisioner takes work from, and the
//! materialisation of a template version's declared resources, agents and apps.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::models::{AgentScriptTiming, ProvisionerJob, ProvisionerJobTiming, Template, Workspace, WorkspaceAgent, WorkspaceApp, WorkspaceBuild, WorkspaceResource};
use crate::schema::{provisioner_job_timings, workspace_agent_script_timings, provisioner_jobs, templates, template_versions, workspace_agents, workspace_apps, workspace_builds, workspace_resources, workspaces};
use uuid::Uuid;

use crate::types::{AgentLifecycle, AppHealth, AppOpenIn, AppSharingLevel, JobStatus, OptTxt, TimingStage, Txt, WorkspaceTransition};
use crate::{new_id, now, DbConnection, Store, StoreError, StoreResult};

/// A resource a template version declares (what `terraform apply` would have made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub icon: String,
    #[serde(default)]
    pub hide: bool,
    #[serde(default)]
    pub daily_cost: i32,
    #[serde(default)]
    pub agents: Vec<AgentSpec>,
}

/// An agent inside a declared resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentSpec {
    pub name: String,
    #[serde(default = "linux")]
    pub operating_system: String,
    #[serde(default = "amd64")]
    pub architecture: String,
    #[serde(default)]
    pub directory: String,
    #[serde(default)]
    pub apps: Vec<AppSpec>,
    /// Scripts the agent runs when the workspace starts.
    #[serde(default)]
    pub scripts: Vec<ScriptSpec>,
}

/// A script of a declared agent (Coder's `coder_script`), run when the workspace starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptSpec {
    pub display_name: String,
}

/// One stage of a provisioner job as the provisioner ran it (a row of Coder's
/// `provisioner_job_timings`).
#[derive(Debug, Clone, PartialEq)]
pub struct StageTiming {
    pub started_at: NaiveDateTime,
    pub ended_at: NaiveDateTime,
    pub stage: TimingStage,
    pub source: String,
    pub action: String,
    pub resource: String,
}

/// An app of a declared agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppSpec {
    pub slug: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub icon: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub command: Option<String>,
    #[serde(default)]
    pub subdomain: bool,
    #[serde(default = "owner")]
    pub sharing_level: AppSharingLevel,
}

fn linux() -> String {
    "linux".into()
}
fn amd64() -> String {
    "amd64".into()
}
fn owner() -> AppSharingLevel {
    AppSharingLevel::Owner
}

impl ResourceSpec {
    /// One container with one agent `main` serving code-server and a terminal.
    pub fn default_dev_container() -> ResourceSpec {
        ResourceSpec {
            name: "dev".into(),
            kind: "docker_container".into(),
            icon: "/icon/docker.png".into(),
            hide: false,
            daily_cost: 0,
            agents: vec![AgentSpec {
                name: "main".into(),
                operating_system: linux(),
                architecture: amd64(),
                directory: "/home/coder".into(),
                scripts: Vec::new(),
                apps: vec![
                    AppSpec {
                        slug: "code-server".into(),
                        display_name: "code-server".into(),
                        icon: "/icon/code.svg".into(),
                        url: Some("http://localhost:13337/?folder=/home/coder".into()),
                        command: None,
                        subdomain: false,
                        sharing_level: owner(),
                    },
                    AppSpec {
                        slug: "terminal".into(),
                        display_name: "Terminal".into(),
                        icon: "/icon/terminal.svg".into(),
                        url: None,
                        command: Some("bash".into()),
                        subdomain: false,
                        sharing_level: owner(),
                    },
                ],
            }],
        }
    }
}

/// Coder's default agent connection timeout.
const AGENT_CONNECTION_TIMEOUT_SECONDS: i32 = 120;

/// Deadlines a finished `start` build gets, decided by the caller from the workspace and
/// template policy.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildDeadlines {
    pub deadline: Option<NaiveDateTime>,
    pub max_deadline: Option<NaiveDateTime>,
}

impl Store {
    /// Claims the oldest pending job for `worker_id`: exactly one worker wins each job, among
    /// the workers of this process and of every other process on the database. PostgreSQL
    /// takes the row with `FOR UPDATE SKIP LOCKED`, so concurrent workers claim different
    /// jobs without waiting for each other; SQLite has one writer at a time, and the claim is
    /// a conditional update inside that writer's transaction.
    pub fn acquire_job(&self, worker_id: Uuid) -> StoreResult<Option<ProvisionerJob>> {
        self.write(|c| claim(c, worker_id))
    }

    /// [`Store::acquire_job`], with what running the build needs read in the claim's
    /// transaction (the daemons' path: one write and no further reads before the apply).
    pub fn claim_build_job(&self, worker_id: Uuid) -> StoreResult<Option<ClaimedJob>> {
        self.write(|c| claim_with_build(c, worker_id))
    }

    /// How many jobs wait in the queue (pending) and how many run (for the metrics).
    pub fn job_queue_depth(&self) -> StoreResult<(i64, i64)> {
        self.read(|c| {
            let count = |status: JobStatus, c: &mut DbConnection| -> StoreResult<i64> {
                Ok(provisioner_jobs::table.filter(provisioner_jobs::job_status.eq(Txt::from(status))).count().get_result(c)?)
            };
            Ok((count(JobStatus::Pending, c)?, count(JobStatus::Running, c)?))
        })
    }

    /// The build a job runs, with its workspace and template.
    pub fn build_for_job(&self, job_id: Uuid) -> StoreResult<(WorkspaceBuild, Workspace, Template)> {
        self.read(|c| build_workspace_template(c, job_id))
    }

    /// Tells the queue the job is still being worked on.
    pub fn heartbeat_job(&self, job_id: Uuid) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(provisioner_jobs::table.find(Txt::from(job_id)))
                .set(provisioner_jobs::heartbeat_at.eq(Some(now())))
                .execute(c)?;
            Ok(())
        })
    }

    /// Puts jobs whose worker stopped sending heartbeats before `stale_before` (a crash, a
    /// killed replica) back in the queue. Returns how many were requeued.
    pub fn requeue_stale_jobs(&self, stale_before: NaiveDateTime) -> StoreResult<usize> {
        self.write(|c| {
            let stale: Vec<Uuid> = provisioner_jobs::table
                .filter(provisioner_jobs::job_status.eq(Txt::from(JobStatus::Running)))
                .filter(provisioner_jobs::heartbeat_at.lt(Some(stale_before)).or(provisioner_jobs::heartbeat_at.is_null()))
                .select(provisioner_jobs::id)
                .load(c)?;
            for id in &stale {
                diesel::update(provisioner_jobs::table.find(Txt::from(id)))
                    .set((
                        provisioner_jobs::job_status.eq(Txt::from(JobStatus::Pending)),
                        provisioner_jobs::started_at.eq(None::<NaiveDateTime>),
                        provisioner_jobs::worker_id.eq(None::<String>),
                        provisioner_jobs::heartbeat_at.eq(None::<NaiveDateTime>),
                        provisioner_jobs::updated_at.eq(now()),
                    ))
                    .execute(c)?;
                crate::workspaces::sync_status_for_job(c, *id)?;
            }
            Ok(stale.len())
        })
    }

    /// The resources a job's template version declares (what the provisioner applies).
    pub fn resource_specs_for_job(&self, job_id: Uuid) -> StoreResult<Vec<ResourceSpec>> {
        self.read(|c| {
            let json: String = workspace_builds::table
                .inner_join(template_versions::table)
                .filter(workspace_builds::job_id.eq(Txt::from(job_id)))
                .select(template_versions::resources)
                .first(c)?;
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("template version resources: {e}")))
        })
    }

    /// Finishes a workspace build job: records the stages the provisioner ran, materialises
    /// the version's resources (for `start`, with agents that the echo provisioner reports
    /// as connected and ready, having run their scripts), sets the deadlines, marks a
    /// `delete` build's workspace deleted, and completes the job.
    pub fn complete_build_job(&self, job_id: Uuid, deadlines: BuildDeadlines, timings: &[StageTiming]) -> StoreResult<()> {
        self.write(|c| complete(c, job_id, |_, _, _| deadlines, timings))
    }

    /// [`Store::complete_build_job`], with the deadlines decided from the build, workspace
    /// and template as this transaction reads them, and then, when `next_for` names a
    /// worker, the next pending job claimed for it in the same transaction
    /// ([`Store::claim_build_job`]). A daemon that works through a queue so takes one write
    /// per job instead of two (on SQLite, one turn of the single writer: with one per create
    /// and two per build, three daemons fell behind eight creators).
    pub fn complete_build_job_then_claim(
        &self,
        job_id: Uuid,
        deadlines: impl FnOnce(&WorkspaceBuild, &Workspace, &Template) -> BuildDeadlines,
        timings: &[StageTiming],
        next_for: Option<Uuid>,
    ) -> StoreResult<Option<ClaimedJob>> {
        self.write(|c| {
            complete(c, job_id, deadlines, timings)?;
            match next_for {
                Some(worker_id) => claim_with_build(c, worker_id),
                None => Ok(None),
            }
        })
    }

    /// Marks a job failed with an error message.
    pub fn fail_job(&self, job_id: Uuid, error: &str) -> StoreResult<()> {
        let t = now();
        self.write(|c| {
            diesel::update(provisioner_jobs::table.find(Txt::from(job_id)))
                .set((
                    provisioner_jobs::job_status.eq(Txt::from(JobStatus::Failed)),
                    provisioner_jobs::error.eq(Some(error)),
                    provisioner_jobs::completed_at.eq(Some(t)),
                    provisioner_jobs::updated_at.eq(t),
                ))
                .execute(c)?;
            crate::workspaces::sync_status_for_job(c, job_id)?;
            Ok(())
        })
    }
}

/// A build job claimed by a worker, with what running it needs: the build and the resources
/// its version declares, read in the claim's transaction. Reading them may fail (a job
/// without a build, corrupt declarations) without undoing the claim: the worker then fails
/// the job. (A tuple: the crate root, which re-exports this module's names, is being split.)
pub type ClaimedJob = (ProvisionerJob, StoreResult<(WorkspaceBuild, Vec<ResourceSpec>)>);

/// Claims the oldest pending job for `worker_id` (see [`Store::acquire_job`]).
fn claim(c: &mut DbConnection, worker_id: Uuid) -> StoreResult<Option<ProvisionerJob>> {
    let t = now();
    let candidate: Option<Uuid> = match c {
        DbConnection::Postgres(pg) => provisioner_jobs::table
            .filter(provisioner_jobs::job_status.eq(Txt::from(JobStatus::Pending)))
            .order(provisioner_jobs::created_at)
            .select(provisioner_jobs::id)
            .for_update()
            .skip_locked()
            .first::<String>(pg)
            .optional()?
            .map(|id| Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(format!("job id {id:?}: {e}"))))
            .transpose()?,
        DbConnection::Sqlite(_) => provisioner_jobs::table
            .filter(provisioner_jobs::job_status.eq(Txt::from(JobStatus::Pending)))
            .order(provisioner_jobs::created_at)
            .select(provisioner_jobs::id)
            .first::<Uuid>(c)
            .optional()?,
    };
    let Some(id) = candidate else { return Ok(None) };
    let n = diesel::update(
        provisioner_jobs::table
            .filter(provisioner_jobs::id.eq(Txt::from(id)))
            .filter(provisioner_jobs::job_status.eq(Txt::from(JobStatus::Pending))),
    )
    .set((
        provisioner_jobs::job_status.eq(Txt::from(JobStatus::Running)),
        provisioner_jobs::started_at.eq(Some(t)),
        provisioner_jobs::heartbeat_at.eq(Some(t)),
        provisioner_jobs::worker_id.eq(OptTxt::from(Some(worker_id))),
        provisioner_jobs::updated_at.eq(t),
    ))
    .execute(c)?;
    if n != 1 {
        // Only possible if the row changed under a lock we hold: nothing to claim.
        return Ok(None);
    }
    crate::workspaces::sync_status_for_job(c, id)?;
    Ok(Some(provisioner_jobs::table.find(Txt::from(id)).select(ProvisionerJob::as_select()).first(c)?))
}

/// [`claim`], and the claimed job's build and declared resources. Their reads find no row
/// rather than fail a statement (which would abort a PostgreSQL transaction and the claim).
fn claim_with_build(c: &mut DbConnection, worker_id: Uuid) -> StoreResult<Option<ClaimedJob>> {
    let Some(job) = claim(c, worker_id)? else { return Ok(None) };
    let found: Option<(WorkspaceBuild, String)> = workspace_builds::table
        .inner_join(template_versions::table)
        .filter(workspace_builds::job_id.eq(Txt::from(job.id)))
        .select((WorkspaceBuild::as_select(), template_versions::resources))
        .first(c)
        .optional()?;
    let build = match found {
        None => Err(StoreError::NotFound),
        Some((build, json)) => serde_json::from_str(&json)
            .map(|specs| (build, specs))
            .map_err(|e| StoreError::Corrupt(format!("template version resources: {e}"))),
    };
    Ok(Some((job, build)))
}

/// Completes a build job (see [`Store::complete_build_job`]), with the deadlines `deadlines`
/// decides from the rows as this transaction reads them.
fn complete(
    c: &mut DbConnection,
    job_id: Uuid,
    deadlines: impl FnOnce(&WorkspaceBuild, &Workspace, &Template) -> BuildDeadlines,
    timings: &[StageTiming],
) -> StoreResult<()> {
    let (build, ws, template) = build_workspace_template(c, job_id)?;
    let deadlines = deadlines(&build, &ws, &template);
    let specs_json: String = template_versions::table
        .find(Txt::from(build.template_version_id))
        .select(template_versions::resources)
        .first(c)?;
    let specs: Vec<ResourceSpec> = serde_json::from_str(&specs_json)
        .map_err(|e| StoreError::Corrupt(format!("template version resources: {e}")))?;
    let t = now();
    let (mut resources, mut agents, mut apps, mut scripts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for spec in &specs {
        let resource = WorkspaceResource {
            id: new_id(),
            job_id,
            transition: build.transition,
            resource_type: spec.kind.clone(),
            name: spec.name.clone(),
            hide: spec.hide,
            icon: spec.icon.clone(),
            daily_cost: spec.daily_cost,
            metadata: "[]".into(),
            created_at: t,
        };
        // Agents exist only while the workspace runs.
        if build.transition == WorkspaceTransition::Start {
            for a in &spec.agents {
                let agent = WorkspaceAgent {
                    id: new_id(),
                    resource_id: resource.id,
                    name: a.name.clone(),
                    operating_system: a.operating_system.clone(),
                    architecture: a.architecture.clone(),
                    directory: a.directory.clone(),
                    version: "v2.0.0-echo".into(),
                    api_version: "2.0".into(),
                    instance_id: String::new(),
                    lifecycle_state: AgentLifecycle::Ready,
                    connection_timeout_seconds: AGENT_CONNECTION_TIMEOUT_SECONDS,
                    troubleshooting_url: String::new(),
                    environment_variables: Default::default(),
                    display_apps: vec![
                        workspaced_sdk::DisplayApp::Vscode,
                        workspaced_sdk::DisplayApp::WebTerminal,
                        workspaced_sdk::DisplayApp::SshHelper,
                        workspaced_sdk::DisplayApp::PortForwardingHelper,
                    ],
                    first_connected_at: Some(t),
                    last_connected_at: Some(t),
                    disconnected_at: None,
                    started_at: Some(t),
                    ready_at: Some(t),
                    created_at: t,
                    updated_at: t,
                    connection_timeout_at: Some(t + chrono::Duration::seconds(AGENT_CONNECTION_TIMEOUT_SECONDS.into())),
                };
                for (i, app) in a.apps.iter().enumerate() {
                    apps.push(WorkspaceApp {
                        id: new_id(),
                        agent_id: agent.id,
                        slug: app.slug.clone(),
                        display_name: app.display_name.clone(),
                        icon: app.icon.clone(),
                        command: app.command.clone(),
                        url: app.url.clone(),
                        external: false,
                        subdomain: app.subdomain,
                        sharing_level: app.sharing_level,
                        health: AppHealth::Disabled,
                        hidden: false,
                        open_in: AppOpenIn::SlimWindow,
                        group_name: None,
                        tooltip: String::new(),
                        healthcheck_url: String::new(),
                        healthcheck_interval: 0,
                        healthcheck_threshold: 0,
                        display_order: i as i32,
                        created_at: t,
                    });
                }
                // The echo agent runs its scripts at once, and they succeed.
                for script in &a.scripts {
                    scripts.push(AgentScriptTiming {
                        id: new_id(),
                        agent_id: agent.id,
                        display_name: script.display_name.clone(),
                        started_at: t,
                        ended_at: t,
                        exit_code: 0,
                        stage: TimingStage::Start,
                        status: "ok".into(),
                    });
                }
                agents.push(agent);
            }
        }
        resources.push(resource);
    }
    // One statement per row: multi-row VALUES is not portable through MultiConnection.
    for r in &resources {
        diesel::insert_into(workspace_resources::table).values(r.clone()).execute(c)?;
    }
    for a in &agents {
        diesel::insert_into(workspace_agents::table).values(a.clone()).execute(c)?;
    }
    for a in &apps {
        diesel::insert_into(workspace_apps::table).values(a.clone()).execute(c)?;
    }
    for s in &scripts {
        diesel::insert_into(workspace_agent_script_timings::table).values(s.clone()).execute(c)?;
    }
    for (position, timing) in timings.iter().enumerate() {
        let row = ProvisionerJobTiming {
            id: new_id(),
            job_id,
            position: position as i32,
            started_at: timing.started_at,
            ended_at: timing.ended_at,
            stage: timing.stage,
            source: timing.source.clone(),
            action: timing.action.clone(),
            resource: timing.resource.clone(),
        };
        diesel::insert_into(provisioner_job_timings::table).values(row).execute(c)?;
    }
    if build.transition == WorkspaceTransition::Start {
        diesel::update(workspace_builds::table.find(Txt::from(build.id)))
            .set((
                workspace_builds::deadline.eq(deadlines.deadline),
                workspace_builds::max_deadline.eq(deadlines.max_deadline),
                workspace_builds::updated_at.eq(t),
            ))
            .execute(c)?;
    }
    if build.transition == WorkspaceTransition::Delete {
        diesel::update(workspaces::table.find(Txt::from(build.workspace_id)))
            .set((workspaces::deleted.eq(true), workspaces::updated_at.eq(t)))
            .execute(c)?;
    }
    diesel::update(provisioner_jobs::table.find(Txt::from(job_id)))
        .set((
            provisioner_jobs::job_status.eq(Txt::from(JobStatus::Succeeded)),
            provisioner_jobs::completed_at.eq(Some(t)),
            provisioner_jobs::updated_at.eq(t),
        ))
        .execute(c)?;
    crate::workspaces::sync_status_for_job(c, job_id)?;
    Ok(())
}

/// The build a job runs, with its workspace and template (three reads by key).
fn build_workspace_template(c: &mut DbConnection, job_id: Uuid) -> StoreResult<(WorkspaceBuild, Workspace, Template)> {
    let build: WorkspaceBuild = workspace_builds::table
        .filter(workspace_builds::job_id.eq(Txt::from(job_id)))
        .select(WorkspaceBuild::as_select())
        .first(c)?;
    let ws: Workspace = workspaces::table.find(Txt::from(build.workspace_id)).select(Workspace::as_select()).first(c)?;
    let template: Template = templates::table.find(Txt::from(ws.template_id)).select(Template::as_select()).first(c)?;
    Ok((build, ws, template))
}
