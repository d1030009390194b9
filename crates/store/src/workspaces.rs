//! Workspaces: creation (with build #1 and its job), lookups, renaming, the filtered and
//! ordered page of `GET /workspaces`, and the batch loading of everything a workspace
//! response shows (a constant number of statements, whatever the page size).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer, Text, Timestamp};

use crate::models::{
    Organization, ProvisionerJob, Template, TemplateVersion, User, Workspace, WorkspaceAgent, WorkspaceApp, WorkspaceBuild,
    WorkspaceBuildParameter, WorkspaceResource,
};
use crate::schema::{
    organizations, provisioner_jobs, template_versions, templates, users, workspace_agents, workspace_apps,
    workspace_build_parameters, workspace_builds, workspace_resources, workspaces,
};
use crate::{lower, new_id, now, DbConnection, MultiBackend, Store, StoreResult};

/// What `create_workspace` needs; build #1 (`start`, reason `initiator`) comes with it.
#[derive(Debug, Clone)]
pub struct NewWorkspace {
    pub organization_id: String,
    pub owner_id: String,
    pub template_id: String,
    pub template_version_id: String,
    pub name: String,
    pub autostart_schedule: Option<String>,
    pub ttl_ms: Option<i64>,
    pub automatic_updates: String,
    pub next_start_at: Option<NaiveDateTime>,
    pub initiator_id: String,
    pub parameters: Vec<(String, String)>,
}

/// A workspace status as `?q=status:` filters it: a pair of latest-build transition and job
/// status, as Coder derives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Pending,
    Starting,
    Running,
    Stopping,
    Stopped,
    Failed,
    Canceling,
    Canceled,
    Deleting,
    Deleted,
}

impl StatusFilter {
    fn condition(self) -> &'static str {
        match self {
            StatusFilter::Pending => "pj.job_status = 'pending'",
            StatusFilter::Starting => "pj.job_status = 'running' AND wb.transition = 'start'",
            StatusFilter::Running => "pj.job_status = 'succeeded' AND wb.transition = 'start'",
            StatusFilter::Stopping => "pj.job_status = 'running' AND wb.transition = 'stop'",
            StatusFilter::Stopped => "pj.job_status = 'succeeded' AND wb.transition = 'stop'",
            StatusFilter::Failed => "pj.job_status = 'failed'",
            StatusFilter::Canceling => "pj.job_status = 'canceling'",
            StatusFilter::Canceled => "pj.job_status = 'canceled'",
            StatusFilter::Deleting => "pj.job_status = 'running' AND wb.transition = 'delete'",
            StatusFilter::Deleted => "pj.job_status = 'succeeded' AND wb.transition = 'delete'",
        }
    }
}

/// Filters of `GET /workspaces`, already resolved to ids where the API could.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceListFilter {
    /// Only workspaces this user may see (None: everything, for site owners).
    pub visible_to: Option<String>,
    pub owner_id: Option<String>,
    pub owner_username: Option<String>,
    pub organization_id: Option<String>,
    pub organization_name: Option<String>,
    pub template_name: Option<String>,
    /// Case-insensitive substring of the name.
    pub name: Option<String>,
    pub status: Option<StatusFilter>,
    /// Agent statuses (`connecting`, `connected`, `disconnected`, `timeout`): an agent of
    /// the latest build is in one of them.
    pub has_agent: Vec<String>,
    pub dormant: Option<bool>,
    pub last_used_after: Option<NaiveDateTime>,
    pub last_used_before: Option<NaiveDateTime>,
    pub outdated: Option<bool>,
    /// No workspace here runs an AI task or an external agent; `true` matches nothing.
    pub has_ai_task: Option<bool>,
    pub has_external_agent: Option<bool>,
    pub ids: Vec<String>,
    pub shared: Option<bool>,
    pub shared_with_user_id: Option<String>,
    pub shared_with_group_id: Option<String>,
    /// `(name, value)`: the latest build has the parameter (with that value, if given).
    pub params: Vec<(String, Option<String>)>,
    pub include_deleted: bool,
    /// An agent that has not connected this long after it was created has timed out.
    pub agent_timeout_cutoff: Option<NaiveDateTime>,
}

/// Order of `GET /workspaces`: the requester's favorites first, then running ones, then by
/// owner name and workspace name.
#[derive(Debug, Clone)]
pub struct WorkspaceOrder {
    pub requester_id: String,
}

/// A workspace with every row its response shows.
#[derive(Debug, Clone)]
pub struct WorkspaceAggregate {
    pub workspace: Workspace,
    pub owner: User,
    pub organization: Organization,
    pub template: Template,
    pub latest_build: BuildAggregate,
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

type Predicate = Box<dyn BoxableExpression<workspaces::table, MultiBackend, SqlType = Bool>>;

/// The latest build of the outer `workspaces` row, as a scalar subquery.
const LATEST_BUILD: &str =
    "(SELECT lb.id FROM workspace_builds lb WHERE lb.workspace_id = workspaces.id ORDER BY lb.build_number DESC LIMIT 1)";

fn latest_build_where(cond: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM workspace_builds wb JOIN provisioner_jobs pj ON pj.id = wb.job_id \
         WHERE wb.id = {LATEST_BUILD} AND {cond})"
    )
}

/// `EXISTS (… an agent of the latest build with cond …` without the closing parenthesis,
/// so that a bound value can follow `cond`.
fn latest_agents_head(cond: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM workspace_builds wb JOIN workspace_resources wr ON wr.job_id = wb.job_id \
         JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wb.id = {LATEST_BUILD} AND {cond}"
    )
}

fn latest_agents_where(cond: &str) -> String {
    format!("{})", latest_agents_head(cond))
}

fn lit(s: String) -> Predicate {
    Box::new(sql::<Bool>(&s))
}

fn predicates(f: &WorkspaceListFilter) -> Vec<Predicate> {
    let mut p: Vec<Predicate> = Vec::new();
    if !f.include_deleted {
        p.push(Box::new(workspaces::deleted.eq(false)));
    }
    if let Some(user) = &f.visible_to {
        p.push(Box::new(
            sql::<Bool>("(workspaces.owner_id = ")
                .bind::<Text, _>(user.clone())
                .sql(" OR EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id AND a.user_id = ")
                .bind::<Text, _>(user.clone())
                .sql(") OR EXISTS (SELECT 1 FROM workspace_group_acl g JOIN group_members m ON m.group_id = g.group_id \
                      WHERE g.workspace_id = workspaces.id AND m.user_id = ")
                .bind::<Text, _>(user.clone())
                .sql("))"),
        ));
    }
    if let Some(id) = &f.owner_id {
        p.push(Box::new(workspaces::owner_id.eq(id.clone())));
    }
    if let Some(name) = &f.owner_username {
        p.push(Box::new(
            sql::<Bool>("workspaces.owner_id IN (SELECT u.id FROM users u WHERE LOWER(u.username) = ")
                .bind::<Text, _>(name.to_lowercase())
                .sql(")"),
        ));
    }
    if let Some(id) = &f.organization_id {
        p.push(Box::new(workspaces::organization_id.eq(id.clone())));
    }
    if let Some(name) = &f.organization_name {
        p.push(Box::new(
            sql::<Bool>("workspaces.organization_id IN (SELECT o.id FROM organizations o WHERE LOWER(o.name) = ")
                .bind::<Text, _>(name.to_lowercase())
                .sql(")"),
        ));
    }
    if let Some(name) = &f.template_name {
        p.push(Box::new(
            sql::<Bool>("workspaces.template_id IN (SELECT t.id FROM templates t WHERE LOWER(t.name) = ")
                .bind::<Text, _>(name.to_lowercase())
                .sql(")"),
        ));
    }
    if let Some(name) = &f.name {
        let pattern = format!("%{}%", name.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        p.push(Box::new(sql::<Bool>("LOWER(workspaces.name) LIKE ").bind::<Text, _>(pattern).sql(" ESCAPE '\\'")));
    }
    if let Some(status) = f.status {
        p.push(lit(latest_build_where(status.condition())));
    }
    if !f.has_agent.is_empty() {
        let cutoff = f.agent_timeout_cutoff.unwrap_or_else(now);
        let mut any: Option<Predicate> = None;
        for state in &f.has_agent {
            let e: Predicate = match state.as_str() {
                "connected" => lit(latest_agents_where("wa.first_connected_at IS NOT NULL AND wa.disconnected_at IS NULL")),
                "disconnected" => lit(latest_agents_where("wa.disconnected_at IS NOT NULL")),
                "connecting" => Box::new(
                    sql::<Bool>(&latest_agents_head("wa.first_connected_at IS NULL AND wa.created_at >= "))
                        .bind::<Timestamp, _>(cutoff)
                        .sql(")"),
                ),
                "timeout" => Box::new(
                    sql::<Bool>(&latest_agents_head("wa.first_connected_at IS NULL AND wa.created_at < "))
                        .bind::<Timestamp, _>(cutoff)
                        .sql(")"),
                ),
                _ => lit("1 = 0".into()),
            };
            any = Some(match any {
                None => e,
                Some(prev) => Box::new(prev.or(e)),
            });
        }
        if let Some(e) = any {
            p.push(e);
        }
    }
    if let Some(d) = f.dormant {
        p.push(if d { Box::new(workspaces::dormant_at.is_not_null()) } else { Box::new(workspaces::dormant_at.is_null()) });
    }
    if let Some(t) = f.last_used_after {
        p.push(Box::new(workspaces::last_used_at.ge(t)));
    }
    if let Some(t) = f.last_used_before {
        p.push(Box::new(workspaces::last_used_at.le(t)));
    }
    if let Some(o) = f.outdated {
        let cond = latest_build_where(
            "wb.template_version_id <> (SELECT t.active_version_id FROM templates t WHERE t.id = workspaces.template_id)",
        );
        p.push(lit(if o { cond } else { format!("NOT {cond}") }));
    }
    for flag in [f.has_ai_task, f.has_external_agent].into_iter().flatten() {
        p.push(lit(if flag { "1 = 0".into() } else { "1 = 1".into() }));
    }
    if !f.ids.is_empty() {
        p.push(Box::new(workspaces::id.eq_any(f.ids.clone())));
    }
    if let Some(s) = f.shared {
        let cond = "(EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id) OR \
                    EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = workspaces.id))";
        p.push(lit(if s { cond.into() } else { format!("NOT {cond}") }));
    }
    if let Some(u) = &f.shared_with_user_id {
        p.push(Box::new(
            sql::<Bool>("EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id AND a.user_id = ")
                .bind::<Text, _>(u.clone())
                .sql(")"),
        ));
    }
    if let Some(g) = &f.shared_with_group_id {
        p.push(Box::new(
            sql::<Bool>("EXISTS (SELECT 1 FROM workspace_group_acl a WHERE a.workspace_id = workspaces.id AND a.group_id = ")
                .bind::<Text, _>(g.clone())
                .sql(")"),
        ));
    }
    for (name, value) in &f.params {
        let head = format!(
            "EXISTS (SELECT 1 FROM workspace_build_parameters bp WHERE bp.build_id = {LATEST_BUILD} AND LOWER(bp.name) = "
        );
        let e = sql::<Bool>(&head).bind::<Text, _>(name.to_lowercase());
        p.push(match value {
            Some(v) => Box::new(e.sql(" AND bp.value = ").bind::<Text, _>(v.clone()).sql(")")),
            None => Box::new(e.sql(")")),
        });
    }
    p
}

fn filtered(f: &WorkspaceListFilter) -> workspaces::BoxedQuery<'static, MultiBackend> {
    let mut q = workspaces::table.into_boxed();
    for pred in predicates(f) {
        q = q.filter(pred);
    }
    q
}

impl Store {
    /// Inserts the workspace, its first build, the build's job and parameters in one
    /// transaction. A live workspace of the same owner and name (any case) makes it fail
    /// with [`crate::StoreError::UniqueViolation`].
    pub fn create_workspace(&self, new: &NewWorkspace) -> StoreResult<String> {
        let t = now();
        let ws = Workspace {
            id: new_id(),
            organization_id: new.organization_id.clone(),
            owner_id: new.owner_id.clone(),
            template_id: new.template_id.clone(),
            name: new.name.clone(),
            autostart_schedule: new.autostart_schedule.clone(),
            ttl_ms: new.ttl_ms,
            automatic_updates: new.automatic_updates.clone(),
            favorite: false,
            last_used_at: t,
            dormant_at: None,
            deleting_at: None,
            next_start_at: new.next_start_at,
            deleted: false,
            created_at: t,
            updated_at: t,
        };
        self.write(|c| {
            diesel::insert_into(workspaces::table).values(&ws).execute(c)?;
            insert_build(c, &ws, 1, "start", "initiator", &new.template_version_id, &new.initiator_id, &new.parameters, t)?;
            Ok(())
        })?;
        Ok(ws.id)
    }

    /// Queues the next build of a workspace (`start`, `stop` or `delete`) with its job, on
    /// the version of its latest build, carrying the latest build's parameters over.
    pub fn create_build(&self, workspace_id: &str, transition: &str, reason: &str, initiator_id: &str) -> StoreResult<WorkspaceBuild> {
        let t = now();
        self.write(|c| {
            let ws: Workspace = workspaces::table.find(workspace_id).select(Workspace::as_select()).first(c)?;
            let last: WorkspaceBuild = workspace_builds::table
                .filter(workspace_builds::workspace_id.eq(workspace_id))
                .order(workspace_builds::build_number.desc())
                .select(WorkspaceBuild::as_select())
                .first(c)?;
            let params: Vec<(String, String)> = workspace_build_parameters::table
                .filter(workspace_build_parameters::build_id.eq(&last.id))
                .select((workspace_build_parameters::name, workspace_build_parameters::value))
                .load(c)?;
            insert_build(c, &ws, last.build_number + 1, transition, reason, &last.template_version_id, initiator_id, &params, t)
        })
    }

    /// The workspace row, deleted or not.
    pub fn workspace_by_id(&self, id: &str) -> StoreResult<Option<Workspace>> {
        self.read(|c| Ok(workspaces::table.find(id).select(Workspace::as_select()).first(c).optional()?))
    }

    /// The live workspace of `owner_id` named `name` (any case); with `include_deleted`, the
    /// most recent deleted one when no live one exists.
    pub fn workspace_by_owner_and_name(&self, owner_id: &str, name: &str, include_deleted: bool) -> StoreResult<Option<Workspace>> {
        self.read(|c| {
            let base = || {
                workspaces::table
                    .filter(workspaces::owner_id.eq(owner_id.to_owned()))
                    .filter(lower(workspaces::name).eq(name.to_lowercase()))
                    .select(Workspace::as_select())
            };
            let live = base().filter(workspaces::deleted.eq(false)).first(c).optional()?;
            if live.is_some() || !include_deleted {
                return Ok(live);
            }
            Ok(base().filter(workspaces::deleted.eq(true)).order(workspaces::updated_at.desc()).first(c).optional()?)
        })
    }

    /// Renames a workspace; a name taken by another live workspace of the owner fails with
    /// a unique violation.
    pub fn rename_workspace(&self, id: &str, name: &str) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(workspaces::table.find(id))
                .set((workspaces::name.eq(name), workspaces::updated_at.eq(now())))
                .execute(c)?;
            Ok(())
        })
    }

    /// One page of workspace ids in `GET /workspaces` order, and the total count.
    /// `limit = 0` means no limit.
    pub fn list_workspace_ids(
        &self,
        filter: &WorkspaceListFilter,
        order: &WorkspaceOrder,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<String>, i64)> {
        self.read(|c| {
            let count: i64 = filtered(filter).count().get_result(c)?;
            let running = format!("CASE WHEN {} THEN 0 ELSE 1 END", latest_build_where(StatusFilter::Running.condition()));
            let q = filtered(filter)
                .select(workspaces::id)
                .order(
                    sql::<Integer>("CASE WHEN workspaces.favorite AND workspaces.owner_id = ")
                        .bind::<Text, _>(order.requester_id.clone())
                        .sql(" THEN 0 ELSE 1 END"),
                )
                .then_order_by(sql::<Integer>(&running))
                .then_order_by(sql::<Text>("(SELECT LOWER(u.username) FROM users u WHERE u.id = workspaces.owner_id)"))
                .then_order_by(lower(workspaces::name))
                .then_order_by(workspaces::id)
                // SQLite has no OFFSET without LIMIT: "no limit" is the largest one.
                .limit(if limit > 0 { limit } else { i64::MAX })
                .offset(offset);
            let ids: Vec<String> = q.load(c)?;
            Ok((ids, count))
        })
    }

    /// Everything the responses of these workspaces show, in the order of `ids`, in a fixed
    /// number of statements. Ids that do not exist are left out.
    pub fn workspace_aggregates(&self, ids: &[String]) -> StoreResult<Vec<WorkspaceAggregate>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.read(|c| load_aggregates(c, ids))
    }

    pub fn workspace_aggregate(&self, id: &str) -> StoreResult<Option<WorkspaceAggregate>> {
        Ok(self.workspace_aggregates(&[id.to_owned()])?.pop())
    }
}

#[allow(clippy::too_many_arguments)]
fn insert_build(
    c: &mut DbConnection,
    ws: &Workspace,
    number: i32,
    transition: &str,
    reason: &str,
    version_id: &str,
    initiator_id: &str,
    parameters: &[(String, String)],
    t: NaiveDateTime,
) -> StoreResult<WorkspaceBuild> {
    let build_id = new_id();
    let job = ProvisionerJob {
        id: new_id(),
        organization_id: ws.organization_id.clone(),
        initiator_id: initiator_id.to_owned(),
        job_type: "workspace_build".into(),
        job_status: "pending".into(),
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
        workspace_id: ws.id.clone(),
        template_version_id: version_id.to_owned(),
        build_number: number,
        transition: transition.to_owned(),
        reason: reason.to_owned(),
        initiator_id: initiator_id.to_owned(),
        job_id: job.id.clone(),
        deadline: None,
        max_deadline: None,
        daily_cost: 0,
        created_at: t,
        updated_at: t,
    };
    diesel::insert_into(provisioner_jobs::table).values(&job).execute(c)?;
    diesel::insert_into(workspace_builds::table).values(&build).execute(c)?;
    for (name, value) in parameters {
        diesel::insert_into(workspace_build_parameters::table)
            .values(&WorkspaceBuildParameter { build_id: build.id.clone(), name: name.clone(), value: value.clone() })
            .execute(c)?;
    }
    Ok(build)
}

fn by_id<T, K: std::hash::Hash + Eq>(rows: Vec<T>, key: impl Fn(&T) -> K) -> HashMap<K, T> {
    rows.into_iter().map(|r| (key(&r), r)).collect()
}

fn load_aggregates(c: &mut DbConnection, ids: &[String]) -> StoreResult<Vec<WorkspaceAggregate>> {
    let wss: Vec<Workspace> = workspaces::table.filter(workspaces::id.eq_any(ids)).select(Workspace::as_select()).load(c)?;
    let builds: Vec<WorkspaceBuild> = workspace_builds::table
        .filter(workspace_builds::workspace_id.eq_any(ids))
        .filter(sql::<Bool>(
            "workspace_builds.build_number = (SELECT MAX(b2.build_number) FROM workspace_builds b2 \
             WHERE b2.workspace_id = workspace_builds.workspace_id)",
        ))
        .select(WorkspaceBuild::as_select())
        .load(c)?;
    let mut user_ids: HashSet<String> = wss.iter().map(|w| w.owner_id.clone()).collect();
    user_ids.extend(builds.iter().map(|b| b.initiator_id.clone()));
    let users = by_id(
        users::table.filter(users::id.eq_any(user_ids.into_iter().collect::<Vec<_>>())).select(User::as_select()).load(c)?,
        |u: &User| u.id.clone(),
    );
    let org_ids: HashSet<String> = wss.iter().map(|w| w.organization_id.clone()).collect();
    let orgs = by_id(
        organizations::table
            .filter(organizations::id.eq_any(org_ids.into_iter().collect::<Vec<_>>()))
            .select(Organization::as_select())
            .load(c)?,
        |o: &Organization| o.id.clone(),
    );
    let template_ids: HashSet<String> = wss.iter().map(|w| w.template_id.clone()).collect();
    let templates = by_id(
        templates::table
            .filter(templates::id.eq_any(template_ids.into_iter().collect::<Vec<_>>()))
            .select(Template::as_select())
            .load(c)?,
        |t: &Template| t.id.clone(),
    );
    let version_ids: HashSet<String> = builds.iter().map(|b| b.template_version_id.clone()).collect();
    let versions = by_id(
        template_versions::table
            .filter(template_versions::id.eq_any(version_ids.into_iter().collect::<Vec<_>>()))
            .select(TemplateVersion::as_select())
            .load(c)?,
        |v: &TemplateVersion| v.id.clone(),
    );
    let job_ids: Vec<String> = builds.iter().map(|b| b.job_id.clone()).collect();
    let jobs = by_id(
        provisioner_jobs::table.filter(provisioner_jobs::id.eq_any(&job_ids)).select(ProvisionerJob::as_select()).load(c)?,
        |j: &ProvisionerJob| j.id.clone(),
    );
    let resources: Vec<WorkspaceResource> = workspace_resources::table
        .filter(workspace_resources::job_id.eq_any(&job_ids))
        .order((workspace_resources::created_at, workspace_resources::name))
        .select(WorkspaceResource::as_select())
        .load(c)?;
    let resource_ids: Vec<String> = resources.iter().map(|r| r.id.clone()).collect();
    let agents: Vec<WorkspaceAgent> = if resource_ids.is_empty() {
        Vec::new()
    } else {
        workspace_agents::table
            .filter(workspace_agents::resource_id.eq_any(&resource_ids))
            .order(workspace_agents::name)
            .select(WorkspaceAgent::as_select())
            .load(c)?
    };
    let agent_ids: Vec<String> = agents.iter().map(|a| a.id.clone()).collect();
    let apps: Vec<WorkspaceApp> = if agent_ids.is_empty() {
        Vec::new()
    } else {
        workspace_apps::table
            .filter(workspace_apps::agent_id.eq_any(&agent_ids))
            .order((workspace_apps::display_order, workspace_apps::slug))
            .select(WorkspaceApp::as_select())
            .load(c)?
    };
    // Queue positions only matter while something is pending.
    let queue: Vec<String> = if jobs.values().any(|j| j.job_status == "pending") {
        provisioner_jobs::table
            .filter(provisioner_jobs::job_status.eq("pending"))
            .order(provisioner_jobs::created_at)
            .select(provisioner_jobs::id)
            .load(c)?
    } else {
        Vec::new()
    };

    let mut apps_by_agent: HashMap<String, Vec<WorkspaceApp>> = HashMap::new();
    for app in apps {
        apps_by_agent.entry(app.agent_id.clone()).or_default().push(app);
    }
    let mut agents_by_resource: HashMap<String, Vec<(WorkspaceAgent, Vec<WorkspaceApp>)>> = HashMap::new();
    for agent in agents {
        let apps = apps_by_agent.remove(&agent.id).unwrap_or_default();
        agents_by_resource.entry(agent.resource_id.clone()).or_default().push((agent, apps));
    }
    let mut resources_by_job: HashMap<String, Vec<ResourceAggregate>> = HashMap::new();
    for resource in resources {
        let agents = agents_by_resource.remove(&resource.id).unwrap_or_default();
        resources_by_job.entry(resource.job_id.clone()).or_default().push(ResourceAggregate { resource, agents });
    }
    let mut builds = by_id(builds, |b: &WorkspaceBuild| b.workspace_id.clone());
    let mut wss = by_id(wss, |w: &Workspace| w.id.clone());
    let mut jobs = jobs;

    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(workspace) = wss.remove(id) else { continue };
        let Some(build) = builds.remove(id) else { continue };
        let (Some(owner), Some(organization), Some(template), Some(version), Some(initiator), Some(job)) = (
            users.get(&workspace.owner_id).cloned(),
            orgs.get(&workspace.organization_id).cloned(),
            templates.get(&workspace.template_id).cloned(),
            versions.get(&build.template_version_id).cloned(),
            users.get(&build.initiator_id).cloned(),
            jobs.remove(&build.job_id),
        ) else {
            continue;
        };
        let queue_position = queue.iter().position(|j| *j == job.id).map(|p| p as i64 + 1).unwrap_or(0);
        let resources = resources_by_job.remove(&job.id).unwrap_or_default();
        out.push(WorkspaceAggregate {
            workspace,
            owner,
            organization,
            template,
            latest_build: BuildAggregate {
                build,
                job,
                version,
                initiator,
                resources,
                queue_position,
                queue_size: queue.len() as i64,
            },
        });
    }
    Ok(out)
}
