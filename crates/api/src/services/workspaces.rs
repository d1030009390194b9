//! Workspace operations (Coder's `wsbuilder` and the workspace handlers' logic): create a
//! workspace with its first build, list with `q`, look one up, rename.

use std::sync::Arc;

use chrono::Utc;
use uuid::Uuid;
use workspaced_sdk::{AutomaticUpdates, CreateWorkspaceRequest, UpdateWorkspaceRequest, ValidationError, WorkspaceStatus};
use workspaced_store::models::{Organization, Template, TemplateVersion};
use workspaced_store::{
    NewWorkspace, Store, StoreError, WorkspaceAction, WorkspaceAggregate, WorkspaceListFilter, WorkspaceOrder,
};

use super::users::resolve_user;
use super::Caller;
use super::{Failure, Outcome, Page};
use crate::search::{parse_coder_uuid, parse_workspace_query, SearchError, WorkspaceSearch};
use crate::validate;

const NAME_TAKEN_DETAIL: &str = "This value is already in use and should be unique.";

/// 409 for a name the owner already uses, with Coder's texts.
pub fn name_taken(name: &str) -> Failure {
    Failure::conflict(format!("Workspace {name:?} already exists.")).validation("name", NAME_TAKEN_DETAIL)
}

/// 403 for a caller who may not create workspaces for that owner, with Coder's texts.
pub fn forbidden_create() -> Failure {
    Failure::forbidden("Unauthorized to create workspace.").detail(
        "You are unable to create a workspace in this organization. It is possible to have access to the \
         template, but not be able to create a workspace. Please contact an administrator about your \
         permissions if you feel this is an error.",
    )
}

/// 410 for a deleted workspace, with Coder's text.
pub fn deleted(name: &str) -> Failure {
    Failure::gone(
        format!("Workspace {name:?} was deleted, you can view this workspace by specifying 'include_deleted=true' and trying again."),
    )
}

/// The template and version a create request names (exactly one of the two ids).
fn resolve_template(store: &Store, req: &CreateWorkspaceRequest) -> Outcome<(Template, TemplateVersion)> {
    match (req.template_id, req.template_version_id) {
        (Some(_), Some(_)) => Err(Failure::invalid("Must specify either a template ID or a template version ID, not both.")
            .validation("template_id", "only one of template_id and template_version_id may be set")
            .validation("template_version_id", "only one of template_id and template_version_id may be set")),
        (None, None) => Err(Failure::invalid("Must specify either a template ID or a template version ID.")
            .validation("template_id", "one of template_id and template_version_id is required")
            .validation("template_version_id", "one of template_id and template_version_id is required")),
        (Some(tid), None) => {
            let template = store.template_by_id(tid)?.ok_or_else(|| {
                Failure::invalid(format!("Template with ID {:?} not found.", tid.to_string()))
                    .validation("template_id", "template not found")
            })?;
            let version = store
                .template_version_by_id(template.active_version_id)?
                .ok_or_else(|| Failure::fault("Internal error fetching template version.", "active version missing"))?;
            Ok((template, version))
        }
        (None, Some(vid)) => {
            let not_found = || {
                Failure::invalid(format!("Template version with ID {:?} not found.", vid.to_string()))
                    .validation("template_version_id", "template version not found")
            };
            let version = store.template_version_by_id(vid)?.ok_or_else(not_found)?;
            let Some(tid) = version.template_id else { return Err(not_found()) };
            let template = store.template_by_id(tid)?.ok_or_else(not_found)?;
            Ok((template, version))
        }
    }
}

/// Creates a workspace for the user `owner_raw` names (`me`, id or name), from the template
/// or version the request names, in `org` when the route names one; returns it as the
/// caller sees it.
pub fn create(
    store: &Store,
    caller: &Caller,
    org: Option<&Organization>,
    owner_raw: &str,
    req: CreateWorkspaceRequest,
) -> Outcome<Arc<WorkspaceAggregate>> {
    let owner = resolve_user(store, &caller.user, owner_raw)?;
    validate::check_workspace_name(&req.name)?;
    if !caller.actor().may_create_workspace_for(owner.id) {
        return Err(forbidden_create());
    }
    let (template, version) = resolve_template(store, &req)?;
    if let Some(org) = org {
        if template.organization_id != org.id {
            return Err(Failure::invalid(format!("Template is not in organization {:?}.", org.name))
                .validation("template_id", "template belongs to another organization"));
        }
    }
    if !store.may_own_workspaces_in(owner.id, template.organization_id)? {
        return Err(forbidden_create());
    }
    if template.require_active_version && version.id != template.active_version_id && !caller.actor().may_use_inactive_versions() {
        return Err(Failure::forbidden("Forbidden.").detail("The template requires workspaces to use its active version."));
    }
    if let Some(preset) = req.template_version_preset_id {
        return Err(Failure::invalid(format!("Template version preset {:?} not found.", preset.to_string()))
            .validation("template_version_preset_id", "this template version has no presets"));
    }
    let ttl_ms = validate::resolve_ttl(req.ttl_ms, template.default_ttl_ms, template.max_ttl_ms)?;
    let (autostart_schedule, next_start_at) = match req.autostart_schedule.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(spec) => {
            let schedule = validate::check_schedule(spec, "Invalid Autostart Schedule.")?;
            if template.allow_user_autostart {
                let next = schedule.next_allowed_after(Utc::now(), template.autostart_allowed_days);
                (Some(spec.trim().to_owned()), next.map(|t| t.naive_utc()))
            } else {
                (None, None)
            }
        }
        None => (None, None),
    };
    let given: Vec<(String, String)> =
        req.rich_parameter_values.unwrap_or_default().into_iter().map(|p| (p.name, p.value)).collect();
    let parameters = validate::resolve_parameters(&version.parameter_specs()?, &given)?;
    let new = NewWorkspace {
        organization_id: template.organization_id,
        owner_id: owner.id,
        template_id: template.id,
        template_version_id: version.id,
        name: req.name.clone(),
        autostart_schedule,
        ttl_ms,
        automatic_updates: req.automatic_updates.unwrap_or(AutomaticUpdates::Never),
        next_start_at,
        initiator_id: caller.user.id,
        parameters,
    };
    let id = match store.create_workspace(&new) {
        Ok(id) => id,
        Err(StoreError::UniqueViolation(_)) => return Err(name_taken(&req.name)),
        Err(e) => return Err(Failure::store_fault("Internal error creating workspace.", e)),
    };
    Ok(store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)??)
}

/// The workspace with this id as the caller may read it: 404 when missing or not readable,
/// 410 when deleted unless `include_deleted`.
pub fn get(store: &Store, caller: &Caller, id: Uuid, include_deleted: bool) -> Outcome<Arc<WorkspaceAggregate>> {
    let agg = store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)??;
    if agg.workspace.deleted && !include_deleted {
        return Err(deleted(&agg.workspace.name));
    }
    Ok(agg)
}

/// The workspace of the user `owner_raw` names, called `name`, as the caller may read it.
pub fn get_by_owner_and_name(
    store: &Store,
    caller: &Caller,
    owner_raw: &str,
    name: &str,
    include_deleted: bool,
) -> Outcome<Arc<WorkspaceAggregate>> {
    let owner = resolve_user(store, &caller.user, owner_raw)?;
    store.workspace_by_owner_and_name_for(&caller.actor(), owner.id, name, include_deleted)?.ok_or_else(Failure::missing)
}

/// Renames a workspace; an empty or unchanged name changes nothing. Only callers who may
/// update it may (others who can see it get 403). The body is checked after the workspace,
/// as Coder does (a missing workspace is a 404 whatever the body).
pub fn rename(store: &Store, caller: &Caller, id: Uuid, body: Outcome<UpdateWorkspaceRequest>) -> Outcome<()> {
    get(store, caller, id, false)?;
    let ws = store.workspace_for(&caller.actor(), id, WorkspaceAction::Update)??.workspace.clone();
    let name = body?.name.unwrap_or_default();
    if name.is_empty() || name == ws.name {
        return Ok(());
    }
    validate::check_workspace_name(&name)?;
    match store.rename_workspace(ws.id, &name) {
        Ok(()) => Ok(()),
        Err(StoreError::UniqueViolation(_)) => Err(name_taken(&name)),
        Err(e) => Err(e.into()),
    }
}

/// `GET /workspaces`: a page of what the caller may read, matching `q`, and the total.
pub fn list(store: &Store, caller: &Caller, q: &str, page: Page) -> Outcome<(Vec<Arc<WorkspaceAggregate>>, i64)> {
    let search = parse_workspace_query(q).map_err(search_error)?;
    let filter = list_filter(store, caller, &search)?;
    let order = WorkspaceOrder { requester_id: caller.user.id };
    Ok(store.list_workspaces(&caller.actor(), &filter, order, page.offset, page.limit)?)
}

fn search_error(errors: Vec<SearchError>) -> Failure {
    Failure::invalid("Invalid workspace search query.")
        .validations(errors.into_iter().map(|e| ValidationError::new(e.field, e.detail)).collect())
}

/// Turns a parsed `q` into the store's filter, resolving the names it holds to ids.
fn list_filter(store: &Store, caller: &Caller, search: &WorkspaceSearch) -> Outcome<WorkspaceListFilter> {
    let mut f = WorkspaceListFilter {
        template_name: search.template.clone(),
        name: search.name.clone(),
        status: search.status,
        // `status:deleted` is the one way to list deleted workspaces.
        include_deleted: search.status == Some(WorkspaceStatus::Deleted),
        has_agent: search.agent_statuses(),
        dormant: search.dormant,
        last_used_after: search.last_used_after.map(|t| t.naive_utc()),
        last_used_before: search.last_used_before.map(|t| t.naive_utc()),
        outdated: search.outdated,
        has_ai_task: search.has_ai_task,
        has_external_agent: search.has_external_agent,
        ids: search.ids.clone(),
        shared: search.shared,
        params: search.params.clone(),
        ..Default::default()
    };
    match search.owner.as_deref() {
        None => {}
        Some("me") => f.owner_id = Some(caller.user.id),
        Some(o) => match parse_coder_uuid(o) {
            Ok(id) => f.owner_id = Some(id),
            Err(_) => f.owner_username = Some(o.to_owned()),
        },
    }
    // A nil UUID in a filter means "not given", as in Coder.
    let nil = |id: Option<Uuid>| id.is_some_and(|id| id.is_nil());
    if let Some(org) = search.organization.as_ref().filter(|_| !nil(search.organization_id())) {
        match search.organization_id() {
            Some(id) => f.organization_id = Some(id),
            None => f.organization_name = Some(org.clone()),
        }
    }
    if let Some(user) = search.shared_with_user.as_ref().filter(|_| !nil(search.shared_with_user_id())) {
        let id = match search.shared_with_user_id() {
            Some(id) => Some(id),
            None => store.user_by_username(user)?.map(|u| u.id),
        };
        match id {
            Some(id) => f.shared_with_user_id = Some(id),
            None => return Err(search_error(vec![SearchError::user_not_found("shared_with_user", user)])),
        }
    }
    if let Some(group) = search.shared_with_group.as_ref().filter(|_| !nil(search.shared_with_group_id())) {
        f.shared_with_group_id = Some(match search.shared_with_group_id() {
            Some(id) => id,
            None => resolve_group(store, group)?,
        });
    }
    Ok(f)
}

/// A `shared_with_group` value that is `group` (in the default organization) or
/// `organization/group`.
fn resolve_group(store: &Store, group: &str) -> Outcome<Uuid> {
    let (org_name, group_name) = match group.split_once('/') {
        Some((o, g)) => (Some(o), g),
        None => (None, group),
    };
    let org = match org_name {
        Some(name) => store.organization_by_name(name)?,
        None => store.default_organization()?,
    };
    let Some(org) = org else {
        return Err(search_error(vec![SearchError::organization_not_found(org_name.unwrap_or_default())]));
    };
    store.group_by_name(org.id, group_name)?.map(|g| g.id).ok_or_else(|| {
        search_error(vec![SearchError::group_not_found("shared_with_group", group_name, org_name.unwrap_or_default())])
    })
}
