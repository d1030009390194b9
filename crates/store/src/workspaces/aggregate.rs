//! Everything a workspace response shows, loaded for a page of workspaces in a fixed number
//! of statements whatever the page size. A row that a workspace refers to but that is
//! missing is corruption ([`StoreError::Corrupt`]), never a silently dropped workspace.

use std::collections::{HashMap, HashSet};

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use uuid::Uuid;

use crate::models::{
    Group, Organization, ProvisionerJob, Template, TemplateVersion, User, Workspace, WorkspaceAgent, WorkspaceApp,
    WorkspaceBuild, WorkspaceResource,
};
use crate::schema::{
    groups, organizations, provisioner_jobs, template_versions, templates, users, workspace_agents, workspace_apps,
    workspace_builds, workspace_group_acl, workspace_resources, workspace_user_acl, workspaces,
};
use crate::types::{AclRole, JobStatus, Txt};
use crate::{DbConnection, StoreError, StoreResult};

/// A workspace with every row its response shows.
#[derive(Debug, Clone)]
pub struct WorkspaceAggregate {
    pub workspace: Workspace,
    pub owner: User,
    pub organization: Organization,
    pub template: Template,
    pub latest_build: BuildAggregate,
    /// Users the workspace is shared with, and their role.
    pub user_acl: Vec<(User, AclRole)>,
    /// Groups the workspace is shared with, and their role.
    pub group_acl: Vec<(Group, AclRole)>,
}

/// A build with its job, version, initiator and materialised resources.
#[derive(Debug, Clone)]
pub struct BuildAggregate {
    pub build: WorkspaceBuild,
    pub job: ProvisionerJob,
    pub version: TemplateVersion,
    pub initiator: User,
    pub resources: Vec<ResourceAggregate>,
    /// Position in the queue of pending jobs (1-based; 0 when not pending) and its length.
    pub queue_position: i64,
    pub queue_size: i64,
}

#[derive(Debug, Clone)]
pub struct ResourceAggregate {
    pub resource: WorkspaceResource,
    pub agents: Vec<(WorkspaceAgent, Vec<WorkspaceApp>)>,
}

fn by_id<T, K: std::hash::Hash + Eq>(rows: Vec<T>, key: impl Fn(&T) -> K) -> HashMap<K, T> {
    rows.into_iter().map(|r| (key(&r), r)).collect()
}

fn keys<'a>(ids: impl IntoIterator<Item = &'a Uuid>) -> Vec<Txt> {
    ids.into_iter().collect::<HashSet<_>>().into_iter().map(Txt::from).collect()
}

fn missing(what: &str, id: Uuid, of: Uuid) -> StoreError {
    StoreError::Corrupt(format!("{what} {id} of workspace {of} is missing"))
}

/// The aggregates of `ids`, in that order. Every id must name an existing workspace.
pub(crate) fn load_aggregates(c: &mut DbConnection, ids: &[Uuid]) -> StoreResult<Vec<WorkspaceAggregate>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let wss: Vec<Workspace> = workspaces::table.filter(workspaces::id.eq_any(keys(ids))).select(Workspace::as_select()).load(c)?;
    let builds: Vec<WorkspaceBuild> = workspace_builds::table
        .filter(workspace_builds::workspace_id.eq_any(keys(ids)))
        .filter(sql::<Bool>(
            "workspace_builds.build_number = (SELECT MAX(b2.build_number) FROM workspace_builds b2 \
             WHERE b2.workspace_id = workspace_builds.workspace_id)",
        ))
        .select(WorkspaceBuild::as_select())
        .load(c)?;
    let user_acl: Vec<(Uuid, AclRole, User)> = workspace_user_acl::table
        .inner_join(users::table)
        .filter(workspace_user_acl::workspace_id.eq_any(keys(ids)))
        .order(users::username)
        .select((workspace_user_acl::workspace_id, workspace_user_acl::role, User::as_select()))
        .load(c)?;
    let group_acl: Vec<(Uuid, AclRole, Group)> = workspace_group_acl::table
        .inner_join(groups::table)
        .filter(workspace_group_acl::workspace_id.eq_any(keys(ids)))
        .order(groups::name)
        .select((workspace_group_acl::workspace_id, workspace_group_acl::role, Group::as_select()))
        .load(c)?;
    let users = by_id(
        users::table.filter(users::id.eq_any(keys(wss.iter().map(|w| &w.owner_id)))).select(User::as_select()).load(c)?,
        |u: &User| u.id,
    );
    let orgs = by_id(
        organizations::table
            .filter(organizations::id.eq_any(keys(wss.iter().map(|w| &w.organization_id))))
            .select(Organization::as_select())
            .load(c)?,
        |o: &Organization| o.id,
    );
    let templates = by_id(
        templates::table
            .filter(templates::id.eq_any(keys(wss.iter().map(|w| &w.template_id))))
            .select(Template::as_select())
            .load(c)?,
        |t: &Template| t.id,
    );
    // The latest builds with their jobs, versions, initiators and resources, as the build
    // history reads them.
    let mut builds: HashMap<Uuid, BuildAggregate> =
        load_builds(c, builds)?.into_iter().map(|b| (b.build.workspace_id, b)).collect();

    let mut user_acl_by_ws: HashMap<Uuid, Vec<(User, AclRole)>> = HashMap::new();
    for (ws, role, user) in user_acl {
        user_acl_by_ws.entry(ws).or_default().push((user, role));
    }
    let mut group_acl_by_ws: HashMap<Uuid, Vec<(Group, AclRole)>> = HashMap::new();
    for (ws, role, group) in group_acl {
        group_acl_by_ws.entry(ws).or_default().push((group, role));
    }
    let mut wss = by_id(wss, |w: &Workspace| w.id);

    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let workspace = wss.remove(&id).ok_or_else(|| StoreError::Corrupt(format!("workspace {id} vanished from its page")))?;
        let latest_build = builds.remove(&id).ok_or_else(|| StoreError::Corrupt(format!("workspace {id} has no build")))?;
        let owner = users.get(&workspace.owner_id).cloned().ok_or_else(|| missing("owner", workspace.owner_id, id))?;
        let organization =
            orgs.get(&workspace.organization_id).cloned().ok_or_else(|| missing("organization", workspace.organization_id, id))?;
        let template = templates.get(&workspace.template_id).cloned().ok_or_else(|| missing("template", workspace.template_id, id))?;
        out.push(WorkspaceAggregate {
            workspace,
            owner,
            organization,
            template,
            latest_build,
            user_acl: user_acl_by_ws.remove(&id).unwrap_or_default(),
            group_acl: group_acl_by_ws.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The resources the jobs `job_keys` materialised, with their agents and apps, by job: three
/// statements at most, whatever the number of jobs.
fn load_resources(c: &mut DbConnection, job_keys: Vec<Txt>) -> StoreResult<HashMap<Uuid, Vec<ResourceAggregate>>> {
    let resources: Vec<WorkspaceResource> = workspace_resources::table
        .filter(workspace_resources::job_id.eq_any(job_keys))
        .order((workspace_resources::created_at, workspace_resources::name))
        .select(WorkspaceResource::as_select())
        .load(c)?;
    let agents: Vec<WorkspaceAgent> = if resources.is_empty() {
        Vec::new()
    } else {
        workspace_agents::table
            .filter(workspace_agents::resource_id.eq_any(keys(resources.iter().map(|r| &r.id))))
            .order(workspace_agents::name)
            .select(WorkspaceAgent::as_select())
            .load(c)?
    };
    let apps: Vec<WorkspaceApp> = if agents.is_empty() {
        Vec::new()
    } else {
        workspace_apps::table
            .filter(workspace_apps::agent_id.eq_any(keys(agents.iter().map(|a| &a.id))))
            .order((workspace_apps::display_order, workspace_apps::slug))
            .select(WorkspaceApp::as_select())
            .load(c)?
    };
    let mut apps_by_agent: HashMap<Uuid, Vec<WorkspaceApp>> = HashMap::new();
    for app in apps {
        apps_by_agent.entry(app.agent_id).or_default().push(app);
    }
    let mut agents_by_resource: HashMap<Uuid, Vec<(WorkspaceAgent, Vec<WorkspaceApp>)>> = HashMap::new();
    for agent in agents {
        let apps = apps_by_agent.remove(&agent.id).unwrap_or_default();
        agents_by_resource.entry(agent.resource_id).or_default().push((agent, apps));
    }
    let mut resources_by_job: HashMap<Uuid, Vec<ResourceAggregate>> = HashMap::new();
    for resource in resources {
        let agents = agents_by_resource.remove(&resource.id).unwrap_or_default();
        resources_by_job.entry(resource.job_id).or_default().push(ResourceAggregate { resource, agents });
    }
    Ok(resources_by_job)
}

diesel::alias!(provisioner_jobs as queued_job: QueuedJob);

/// The queue positions (1-based, in `created_at` order, ties by id) of those of `jobs` that
/// are pending, and the queue's size; nothing is read when none is (queue positions only
/// matter then). One statement, which counts on `provisioner_jobs_status_idx` instead of
/// reading the queue: a create's response (its build is pending) must not cost in
/// proportion to the builds still waiting.
fn pending_queue<'a>(
    c: &mut DbConnection,
    jobs: impl Iterator<Item = &'a ProvisionerJob>,
) -> StoreResult<(HashMap<Uuid, i64>, i64)> {
    let pending: Vec<Txt> = jobs.filter(|j| j.job_status == JobStatus::Pending).map(|j| Txt::from(j.id)).collect();
    if pending.is_empty() {
        return Ok((HashMap::new(), 0));
    }
    let queued = || queued_job.filter(queued_job.field(provisioner_jobs::job_status).eq(Txt::from(JobStatus::Pending)));
    let earlier = queued()
        .filter(queued_job.field(provisioner_jobs::created_at).lt(provisioner_jobs::created_at))
        .count()
        .single_value();
    let tied_before = queued()
        .filter(queued_job.field(provisioner_jobs::created_at).eq(provisioner_jobs::created_at))
        .filter(queued_job.field(provisioner_jobs::id).lt(provisioner_jobs::id))
        .count()
        .single_value();
    let size = queued().count().single_value();
    let rows: Vec<(Uuid, Option<i64>, Option<i64>, Option<i64>)> = provisioner_jobs::table
        .filter(provisioner_jobs::id.eq_any(pending))
        .select((provisioner_jobs::id, earlier, tied_before, size))
        .load(c)?;
    let size = rows.first().and_then(|r| r.3).unwrap_or_default();
    let positions = rows
        .into_iter()
        .map(|(id, earlier, tied, _)| (id, earlier.unwrap_or_default() + tied.unwrap_or_default() + 1))
        .collect();
    Ok((positions, size))
}

/// These builds (all of one workspace or not) with their jobs, versions, initiators and
/// resources, in the given order: a fixed number of statements.
pub(crate) fn load_builds(c: &mut DbConnection, builds: Vec<WorkspaceBuild>) -> StoreResult<Vec<BuildAggregate>> {
    if builds.is_empty() {
        return Ok(Vec::new());
    }
    let users = by_id(
        users::table.filter(users::id.eq_any(keys(builds.iter().map(|b| &b.initiator_id)))).select(User::as_select()).load(c)?,
        |u: &User| u.id,
    );
    let versions = by_id(
        template_versions::table
            .filter(template_versions::id.eq_any(keys(builds.iter().map(|b| &b.template_version_id))))
            .select(TemplateVersion::as_select())
            .load(c)?,
        |v: &TemplateVersion| v.id,
    );
    let job_keys = keys(builds.iter().map(|b| &b.job_id));
    let mut jobs = by_id(
        provisioner_jobs::table
            .filter(provisioner_jobs::id.eq_any(job_keys.clone()))
            .select(ProvisionerJob::as_select())
            .load(c)?,
        |j: &ProvisionerJob| j.id,
    );
    let mut resources_by_job = load_resources(c, job_keys)?;
    let (positions, queue_size) = pending_queue(c, jobs.values())?;
    let mut out = Vec::with_capacity(builds.len());
    for build in builds {
        let id = build.workspace_id;
        let version = versions
            .get(&build.template_version_id)
            .cloned()
            .ok_or_else(|| missing("template version", build.template_version_id, id))?;
        let initiator = users.get(&build.initiator_id).cloned().ok_or_else(|| missing("build initiator", build.initiator_id, id))?;
        let job = jobs.remove(&build.job_id).ok_or_else(|| missing("provisioner job", build.job_id, id))?;
        // Both are 0 unless the job waits in the queue: a job that left it shows no queue
        // (otherwise its response would change with every other build queued).
        let (queue_position, queue_size) = match positions.get(&job.id) {
            Some(p) => (*p, queue_size),
            None => (0, 0),
        };
        let resources = resources_by_job.remove(&job.id).unwrap_or_default();
        out.push(BuildAggregate { build, job, version, initiator, resources, queue_position, queue_size });
    }
    Ok(out)
}
