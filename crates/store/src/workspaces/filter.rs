//! The filters of `GET /workspaces` (the parsed `q`) as predicates on `workspaces`, always
//! joined with the authorization rule: [`filtered`] is the list's `WHERE`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;
use workspaced_sdk::WorkspaceAgentStatus;

use crate::authz::{Actor, WorkspaceAction, WorkspacePredicate};
use crate::schema::{
    organizations, templates, users, workspace_build_parameters, workspace_builds, workspace_group_acl, workspace_user_acl,
    workspaces,
};
use crate::types::{Txt, WorkspaceStatus};
use crate::{lower, now, MultiBackend};

/// Filters of `GET /workspaces` (the parsed `q`), already resolved to ids where the API
/// could. Who may see what is not a filter: it is the authorization rule, always applied.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceListFilter {
    pub owner_id: Option<Uuid>,
    pub owner_username: Option<String>,
    pub organization_id: Option<Uuid>,
    pub organization_name: Option<String>,
    pub template_name: Option<String>,
    /// Case-insensitive substring of the name.
    pub name: Option<String>,
    /// Exactly this name, ignoring case (the lookup by owner and name).
    pub exact_name: Option<String>,
    pub status: Option<WorkspaceStatus>,
    /// An agent of the latest build is in one of these states.
    pub has_agent: Vec<WorkspaceAgentStatus>,
    pub dormant: Option<bool>,
    pub last_used_after: Option<NaiveDateTime>,
    pub last_used_before: Option<NaiveDateTime>,
    pub outdated: Option<bool>,
    /// No workspace here runs an AI task or an external agent; `true` matches nothing.
    pub has_ai_task: Option<bool>,
    pub has_external_agent: Option<bool>,
    pub ids: Vec<Uuid>,
    pub shared: Option<bool>,
    pub shared_with_user_id: Option<Uuid>,
    pub shared_with_group_id: Option<Uuid>,
    /// `(name, value)`: the latest build has the parameter (with that value, if given).
    pub params: Vec<(String, Option<String>)>,
    pub include_deleted: bool,
    /// The time at which agent statuses are judged (timeouts); now when unset.
    pub agent_status_at: Option<NaiveDateTime>,
}

pub(super) type Predicate = WorkspacePredicate;

/// Always false, on the list index's first column (the rank is 0 or 1): a filter that no
/// workspace here can match. Not a bound `false` (see `authz::site_owner_may!`).
fn nothing() -> Predicate {
    Box::new(workspaces::status_rank.lt(0))
}

/// `name:`: a case-insensitive substring of the name, as Coder's `ILIKE '%x%'`. Matched on
/// `name_key` (the name in lower case, an order column of every list index, and under
/// PostgreSQL's trigram index) with LIKE's wildcards escaped.
fn name_contains(name: &str) -> Predicate {
    let escaped = name.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    Box::new(workspaces::name_key.like(format!("%{escaped}%")).escape('\\'))
}

/// The filters of `f` as predicates on `workspaces`, written with diesel's query builder
/// only, as the authorization rule is: no SQL literal, each statement shape prepared once.
fn predicates(f: &WorkspaceListFilter) -> Vec<Predicate> {
    let mut p: Vec<Predicate> = Vec::new();
    if !f.include_deleted {
        // Booleans are compared as literals, never as bound values: SQLite re-prepares a
        // statement on every run when a bound value decides whether a partial index (here
        // `WHERE deleted = 0`) applies.
        p.push(Box::new(diesel::dsl::not(workspaces::deleted)));
    }
    if let Some(id) = f.owner_id {
        p.push(Box::new(workspaces::owner_id.eq(Txt::from(id))));
    }
    if let Some(name) = &f.owner_username {
        let owners = users::table.filter(lower(users::username).eq(name.to_lowercase())).select(users::id);
        p.push(Box::new(workspaces::owner_id.eq_any(owners)));
    }
    if let Some(id) = f.organization_id {
        p.push(Box::new(workspaces::organization_id.eq(Txt::from(id))));
    }
    if let Some(name) = &f.organization_name {
        let orgs = organizations::table.filter(lower(organizations::name).eq(name.to_lowercase())).select(organizations::id);
        p.push(Box::new(workspaces::organization_id.eq_any(orgs)));
    }
    if let Some(name) = &f.template_name {
        let ts = templates::table.filter(lower(templates::name).eq(name.to_lowercase())).select(templates::id);
        p.push(Box::new(workspaces::template_id.eq_any(ts)));
    }
    if let Some(name) = &f.name {
        p.push(name_contains(name));
    }
    if let Some(name) = &f.exact_name {
        p.push(Box::new(lower(workspaces::name).eq(name.to_lowercase())));
    }
    if let Some(status) = f.status {
        p.push(Box::new(workspaces::latest_build_status.eq(Txt::from(status))));
    }
    if !f.has_agent.is_empty() {
        // The latest build's agents as summed up on the row (migration `list_filters`), with
        // the connection deadlines compared with `at` here.
        let at = f.agent_status_at.unwrap_or_else(now);
        let mut any: Option<Predicate> = None;
        for &status in &f.has_agent {
            let e: Predicate = match status {
                WorkspaceAgentStatus::Connected => Box::new(workspaces::agents_connected),
                WorkspaceAgentStatus::Disconnected => Box::new(workspaces::agents_disconnected),
                WorkspaceAgentStatus::Connecting => Box::new(workspaces::agents_connecting_until.assume_not_null().ge(at)),
                WorkspaceAgentStatus::Timeout => Box::new(workspaces::agents_timeout_after.assume_not_null().lt(at)),
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
        // The latest build's version against the template's active one, kept on the row
        // (migration `list_shapes`).
        p.push(if o { Box::new(workspaces::outdated) } else { Box::new(diesel::dsl::not(workspaces::outdated)) });
    }
    // No workspace here runs an AI task or an external agent: `true` matches nothing,
    // `false` everything (no condition).
    if [f.has_ai_task, f.has_external_agent].contains(&Some(true)) {
        p.push(nothing());
    }
    if !f.ids.is_empty() {
        p.push(Box::new(workspaces::id.eq_any(f.ids.iter().map(Txt::from).collect::<Vec<_>>())));
    }
    if let Some(s) = f.shared {
        // Some user or group ACL row, kept on the row (migration `list_shapes`).
        p.push(if s { Box::new(workspaces::shared) } else { Box::new(diesel::dsl::not(workspaces::shared)) });
    }
    if let Some(u) = f.shared_with_user_id {
        p.push(Box::new(diesel::dsl::exists(
            workspace_user_acl::table
                .filter(workspace_user_acl::workspace_id.eq(workspaces::id))
                .filter(workspace_user_acl::user_id.eq(Txt::from(u))),
        )));
    }
    if let Some(g) = f.shared_with_group_id {
        p.push(Box::new(diesel::dsl::exists(
            workspace_group_acl::table
                .filter(workspace_group_acl::workspace_id.eq(workspaces::id))
                .filter(workspace_group_acl::group_id.eq(Txt::from(g))),
        )));
    }
    for (name, value) in &f.params {
        // A parameter of the latest build (its job is kept on the row).
        let latest_builds = workspace_builds::table
            .filter(workspace_builds::job_id.nullable().eq(workspaces::latest_job_id))
            .select(workspace_builds::id);
        let of_latest = workspace_build_parameters::table
            .filter(workspace_build_parameters::build_id.eq_any(latest_builds))
            .filter(lower(workspace_build_parameters::name).eq(name.to_lowercase()));
        p.push(match value {
            Some(v) => Box::new(diesel::dsl::exists(of_latest.filter(workspace_build_parameters::value.eq(v.clone())))),
            None => Box::new(diesel::dsl::exists(of_latest)),
        });
    }
    p
}

pub(super) fn filtered(actor: &Actor, f: &WorkspaceListFilter) -> workspaces::BoxedQuery<'static, MultiBackend> {
    let mut q = workspaces::table.into_boxed().filter(actor.may(WorkspaceAction::Read));
    for pred in predicates(f) {
        q = q.filter(pred);
    }
    q
}

impl WorkspaceListFilter {
    /// No condition at all (the plain list): which rows match depends only on who may see
    /// what. Every field is named, so that a new filter cannot be forgotten here.
    pub(super) fn is_unfiltered(&self) -> bool {
        let WorkspaceListFilter {
            owner_id,
            owner_username,
            organization_id,
            organization_name,
            template_name,
            name,
            exact_name,
            status,
            has_agent,
            dormant,
            last_used_after,
            last_used_before,
            outdated,
            has_ai_task,
            has_external_agent,
            ids,
            shared,
            shared_with_user_id,
            shared_with_group_id,
            params,
            include_deleted,
            agent_status_at: _,
        } = self;
        owner_id.is_none()
            && owner_username.is_none()
            && organization_id.is_none()
            && organization_name.is_none()
            && template_name.is_none()
            && name.is_none()
            && exact_name.is_none()
            && status.is_none()
            && has_agent.is_empty()
            && dormant.is_none()
            && last_used_after.is_none()
            && last_used_before.is_none()
            && outdated.is_none()
            && has_ai_task.is_none()
            && has_external_agent.is_none()
            && ids.is_empty()
            && shared.is_none()
            && shared_with_user_id.is_none()
            && shared_with_group_id.is_none()
            && params.is_empty()
            && !include_deleted
    }
}

