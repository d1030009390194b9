//! Workspaces: creation (with build #1 and its job), builds, renaming, the status kept on
//! the row, and the reads of what a workspace response shows. The filtered and ordered page
//! of `GET /workspaces` is in [`list`] (its filters in [`filter`]), the batch loading of
//! responses in [`aggregate`].
//! Every read on a caller's behalf goes through the authorization rule ([`crate::authz`]).

mod acl;
mod aggregate;
mod builds;
mod filter;
mod lifecycle;
mod list;
mod settings;

pub use acl::{AclChange, GroupGrant, WorkspaceAcl};
pub use aggregate::{BuildAggregate, ResourceAggregate, WorkspaceAggregate};
pub use builds::{job_is_active, BuildActive, BuildPage, BuildTimings, NewBuild};
pub use lifecycle::{LifecycleAction, LifecycleBuild, LifecycleCandidates, LifecycleOutcome, LifecycleView};
pub(crate) use list::Kept;
pub use filter::WorkspaceListFilter;
pub use list::WorkspaceOrder;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use crate::models::{ProvisionerJob, Workspace, WorkspaceBuild, WorkspaceBuildParameter};
use crate::schema::{provisioner_jobs, users, workspace_build_parameters, workspace_builds, workspaces};
use crate::types::{
    AutomaticUpdates, BuildReason, JobStatus, JobType, Txt, WorkspaceStatus, WorkspaceTransition,
};
use crate::{new_id, now, DbConnection, Store, StoreResult};

/// What `create_workspace` needs; build #1 (`start`, reason `initiator`) comes with it.
#[derive(Debug, Clone)]
pub struct NewWorkspace {
    pub organization_id: Uuid,
    pub owner_id: Uuid,
    pub template_id: Uuid,
    pub template_version_id: Uuid,
    pub name: String,
    pub autostart_schedule: Option<String>,
    pub ttl_ms: Option<i64>,
    pub automatic_updates: AutomaticUpdates,
    pub next_start_at: Option<NaiveDateTime>,
    pub initiator_id: Uuid,
    pub parameters: Vec<(String, String)>,
}

impl Store {
    /// Inserts the workspace, its first build, the build's job and parameters in one
    /// transaction. A live workspace of the same owner and name (any case) makes it fail
    /// with [`crate::StoreError::UniqueViolation`].
    pub fn create_workspace(&self, new: &NewWorkspace) -> StoreResult<Uuid> {
        let t = now();
        let ws = Workspace {
            id: new_id(),
            organization_id: new.organization_id,
            owner_id: new.owner_id,
            template_id: new.template_id,
            name: new.name.clone(),
            autostart_schedule: new.autostart_schedule.clone(),
            ttl_ms: new.ttl_ms,
            automatic_updates: new.automatic_updates,
            favorite: false,
            last_used_at: t,
            dormant_at: None,
            deleting_at: None,
            next_start_at: new.next_start_at,
            deleted: false,
            created_at: t,
            updated_at: t,
            latest_build_status: WorkspaceStatus::Pending,
            status_rank: status_rank(WorkspaceStatus::Pending),
            owner_name_key: String::new(),
            name_key: new.name.to_lowercase(),
            version: 1,
        };
        let id = ws.id;
        self.write(|c| {
            let owner_name: String = users::table.find(Txt::from(new.owner_id)).select(users::username).first(c)?;
            let ws = Workspace { owner_name_key: owner_name.to_lowercase(), ..ws.clone() };
            diesel::insert_into(workspaces::table).values(ws.clone()).execute(c)?;
            let first = BuildSpec {
                number: 1,
                transition: WorkspaceTransition::Start,
                reason: BuildReason::Initiator,
                version_id: new.template_version_id,
                initiator_id: new.initiator_id,
            };
            insert_build(c, &ws, &first, &new.parameters, t)?;
            Ok(())
        })?;
        Ok(id)
    }

    /// Queues the next build of a workspace (`start`, `stop` or `delete`) with its job, on
    /// the version of its latest build, carrying the latest build's parameters over.
    pub fn create_build(
        &self,
        workspace_id: Uuid,
        transition: WorkspaceTransition,
        reason: BuildReason,
        initiator_id: Uuid,
    ) -> StoreResult<WorkspaceBuild> {
        let t = now();
        self.write(|c| {
            let ws: Workspace = workspaces::table.find(Txt::from(workspace_id)).select(Workspace::as_select()).first(c)?;
            let last: WorkspaceBuild = workspace_builds::table
                .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id)))
                .order(workspace_builds::build_number.desc())
                .select(WorkspaceBuild::as_select())
                .first(c)?;
            let params: Vec<(String, String)> = workspace_build_parameters::table
                .filter(workspace_build_parameters::build_id.eq(Txt::from(last.id)))
                .select((workspace_build_parameters::name, workspace_build_parameters::value))
                .load(c)?;
            let next = BuildSpec {
                number: last.build_number + 1,
                transition,
                reason,
                version_id: last.template_version_id,
                initiator_id,
            };
            insert_build(c, &ws, &next, &params, t)
        })
    }

    /// Renames a workspace; a name taken by another live workspace of the owner fails with
    /// a unique violation.
    pub fn rename_workspace(&self, id: Uuid, name: &str) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(workspaces::table.find(Txt::from(id)))
                .set((
                    workspaces::name.eq(name),
                    workspaces::name_key.eq(name.to_lowercase()),
                    workspaces::updated_at.eq(now()),
                ))
                .execute(c)?;
            Ok(())
        })
    }

}

/// The build to insert: its number, what it does and who asked.
pub(crate) struct BuildSpec {
    number: i32,
    transition: WorkspaceTransition,
    reason: BuildReason,
    version_id: Uuid,
    initiator_id: Uuid,
}

pub(crate) fn insert_build(
    c: &mut DbConnection,
    ws: &Workspace,
    spec: &BuildSpec,
    parameters: &[(String, String)],
    t: NaiveDateTime,
) -> StoreResult<WorkspaceBuild> {
    let build_id = new_id();
    let job = ProvisionerJob {
        id: new_id(),
        organization_id: ws.organization_id,
        initiator_id: spec.initiator_id,
        job_type: JobType::WorkspaceBuild,
        job_status: JobStatus::Pending,
        input: serde_json::json!({ "workspace_build_id": build_id }).to_string(),
        error: None,
        worker_id: None,
        created_at: t,
        updated_at: t,
        started_at: None,
        completed_at: None,
        canceled_at: None,
        heartbeat_at: None,
    };
    let build = WorkspaceBuild {
        id: build_id,
        workspace_id: ws.id,
        template_version_id: spec.version_id,
        build_number: spec.number,
        transition: spec.transition,
        reason: spec.reason,
        initiator_id: spec.initiator_id,
        job_id: job.id,
        deadline: None,
        max_deadline: None,
        daily_cost: 0,
        created_at: t,
        updated_at: t,
    };
    diesel::insert_into(provisioner_jobs::table).values(job).execute(c)?;
    diesel::insert_into(workspace_builds::table).values(build.clone()).execute(c)?;
    for (name, value) in parameters {
        diesel::insert_into(workspace_build_parameters::table)
            .values(WorkspaceBuildParameter { build_id: build.id, name: name.clone(), value: value.clone() })
            .execute(c)?;
    }
    set_status(c, ws.id, WorkspaceStatus::from_job(spec.transition, JobStatus::Pending))?;
    Ok(build)
}

/// The list's second ordering key: running workspaces first.
fn status_rank(status: WorkspaceStatus) -> i32 {
    if status == WorkspaceStatus::Running {
        0
    } else {
        1
    }
}

fn set_status(c: &mut DbConnection, workspace_id: Uuid, status: WorkspaceStatus) -> StoreResult<()> {
    diesel::update(workspaces::table.find(Txt::from(workspace_id)))
        .set((
            workspaces::latest_build_status.eq(Txt::from(status)),
            workspaces::status_rank.eq(status_rank(status)),
        ))
        .execute(c)?;
    Ok(())
}

/// Brings the status kept on the workspace row in step with a job that just changed, when
/// the job runs the workspace's latest build. Called in the transaction of the change.
pub(crate) fn sync_status_for_job(c: &mut DbConnection, job_id: Uuid) -> StoreResult<()> {
    let (workspace_id, number, transition, status): (Uuid, i32, WorkspaceTransition, JobStatus) = workspace_builds::table
        .inner_join(provisioner_jobs::table)
        .filter(workspace_builds::job_id.eq(Txt::from(job_id)))
        .select((
            workspace_builds::workspace_id,
            workspace_builds::build_number,
            workspace_builds::transition,
            provisioner_jobs::job_status,
        ))
        .first(c)?;
    let latest: Option<i32> = workspace_builds::table
        .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id)))
        .select(diesel::dsl::max(workspace_builds::build_number))
        .first(c)?;
    if latest == Some(number) {
        set_status(c, workspace_id, WorkspaceStatus::from_job(transition, status))?;
    }
    Ok(())
}
