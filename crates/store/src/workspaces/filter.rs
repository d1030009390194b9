//! The filters of `GET /workspaces` (the parsed `q`) as predicates on `workspaces`, always
//! joined with the authorization rule: [`filtered`] is the list's `WHERE`.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use uuid::Uuid;
use workspaced_sdk::WorkspaceAgentStatus;

use crate::authz::{Actor, WorkspaceAction, WorkspacePredicate};
use crate::schema::workspaces;
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

/// The latest build of the outer `workspaces` row, as a scalar subquery.
const LATEST_BUILD: &str =
    "(SELECT lb.id FROM workspace_builds lb WHERE lb.workspace_id = workspaces.id ORDER BY lb.build_number DESC LIMIT 1)";

fn lit(s: String) -> Predicate {
    Box::new(sql::<Bool>(&s))
}

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
        p.push(Box::new(
            sql::<Bool>("workspaces.owner_id IN (SELECT u.id FROM users u WHERE LOWER(u.username) = ")
                .bind::<Text, _>(name.to_lowercase())
                .sql(")"),
        ));
    }
    if let Some(id) = f.organization_id {
        p.push(Box::new(workspaces::organization_id.eq(Txt::from(id))));
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
        // The latest build's version, kept on the row, against the template's active one.
        let cond = "(workspaces.latest_template_version_id IS NOT NULL AND workspaces.latest_template_version_id <> \
                    (SELECT t.active_version_id FROM templates t WHERE t.id = workspaces.template_id))"
            .to_owned();
        p.push(lit(if o { cond } else { format!("NOT {cond}") }));
    }
    for flag in [f.has_ai_task, f.has_external_agent].into_iter().flatten() {
        p.push(lit(if flag { "1 = 0".into() } else { "1 = 1".into() }));
    }
    if !f.ids.is_empty() {
        p.push(Box::new(workspaces::id.eq_any(f.ids.iter().map(Txt::from).collect::<Vec<_>>())));
    }
    if let Some(s) = f.shared {
        let cond = "(EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id) OR \
                    EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = workspaces.id))";
        p.push(lit(if s { cond.into() } else { format!("NOT {cond}") }));
    }
    if let Some(u) = f.shared_with_user_id {
        p.push(Box::new(
            sql::<Bool>("EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id AND a.user_id = ")
                .bind::<Text, _>(u.to_string())
                .sql(")"),
        ));
    }
    if let Some(g) = f.shared_with_group_id {
        p.push(Box::new(
            sql::<Bool>("EXISTS (SELECT 1 FROM workspace_group_acl a WHERE a.workspace_id = workspaces.id AND a.group_id = ")
                .bind::<Text, _>(g.to_string())
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

