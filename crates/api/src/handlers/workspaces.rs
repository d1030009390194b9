//! `Workspaces` operations: create (two routes), get by id, get by owner and name, list
//! with `q`, and rename.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use utoipa_actix_web::service_config::ServiceConfig;
use workspaced_sdk::{
    AutomaticUpdates, CreateWorkspaceRequest, Response, UpdateWorkspaceRequest, ValidationError, Workspace,
    WorkspacesResponse,
};
use workspaced_store::models::{Organization, Template, TemplateVersion, User};
use workspaced_store::{NewWorkspace, StoreError, WorkspaceAction, WorkspaceAggregate, WorkspaceListFilter, WorkspaceOrder};

use super::{authorize, load_workspace, parse_uuid_param, resolve_user, BodyTooLarge, CommonErrors, JsonBody, QueryParams};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::search::{parse_workspace_query, SearchError};
use crate::{convert, validate, AppState};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_user_workspace_by_organization)
        .service(create_user_workspace)
        .service(get_workspace_by_owner_and_name)
        .service(list_workspaces)
        .service(get_workspace)
        .service(update_workspace);
}

const NAME_TAKEN_DETAIL: &str = "This value is already in use and should be unique.";

pub(super) fn name_taken(name: &str) -> ApiError {
    ApiError::conflict(format!("Workspace {name:?} already exists.")).validation("name", NAME_TAKEN_DETAIL)
}

/// Converts one workspace for the caller.
fn workspace_response(agg: &WorkspaceAggregate, caller: &Caller) -> Workspace {
    convert::workspace(agg, caller.user.id, Utc::now())
}

/// Create user workspace by organization
///
/// Create a new workspace using a template. The request must specify either the Template
/// ID or the Template Version ID, not both. If the Template ID is specified, the active
/// version of the template will be used. Coder answers 201 Created.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "create-user-workspace-by-organization",
    params(
        ("organization" = uuid::Uuid, Path, description = "Organization ID"),
        ("user" = String, Path, description = "Username, UUID, or me"),
    ),
    request_body(content = CreateWorkspaceRequest, description = "Create workspace request"),
    responses(
        (status = 201, description = "The workspace was created and its first build queued.", body = Workspace),
        (status = 400, description = "Bad request: invalid body, name, template, TTL, schedule or parameters, or an unknown user.", body = Response, example = super::examples::invalid_name),
        (status = 403, description = "The caller may not create workspaces for this user.", body = Response, example = super::examples::forbidden_create),
        (status = 404, description = "The organization does not exist or is not visible to the caller.", body = Response, example = super::examples::not_found),
        (status = 409, description = "The owner already has a workspace with this name.", body = Response, example = super::examples::name_taken),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[post("/organizations/{organization}/members/{user}/workspaces")]
async fn create_user_workspace_by_organization(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    body: JsonBody<CreateWorkspaceRequest>,
) -> ApiResult<HttpResponse> {
    let (org_raw, user_raw) = path.into_inner();
    let lookup = org_raw.clone();
    let org = match uuid::Uuid::parse_str(&org_raw) {
        Ok(id) => state.db(move |s| s.organization_by_id(id)).await?,
        Err(_) => state.db(move |s| s.organization_by_name(&lookup)).await?,
    };
    let org = org.ok_or_else(ApiError::not_found)?;
    if !caller.is_owner() {
        let (o, u) = (org.id, caller.user.id);
        if !state.db(move |s| s.is_organization_member(o, u)).await? {
            return Err(ApiError::not_found());
        }
    }
    create(&state, &caller, Some(org), &user_raw, body.into_inner()?).await
}

/// Create user workspace
///
/// Create a new workspace using a template. The request must specify either the Template
/// ID or the Template Version ID, not both. If the Template ID is specified, the active
/// version of the template will be used. Coder answers 201 Created.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "create-user-workspace",
    params(("user" = String, Path, description = "Username, UUID, or me")),
    request_body(content = CreateWorkspaceRequest, description = "Create workspace request"),
    responses(
        (status = 201, description = "The workspace was created and its first build queued.", body = Workspace),
        (status = 400, description = "Bad request: invalid body, name, template, TTL, schedule or parameters, or an unknown user.", body = Response, example = super::examples::invalid_name),
        (status = 403, description = "The caller may not create workspaces for this user.", body = Response, example = super::examples::forbidden_create),
        (status = 409, description = "The owner already has a workspace with this name.", body = Response, example = super::examples::name_taken),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[post("/users/{user}/workspaces")]
async fn create_user_workspace(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: JsonBody<CreateWorkspaceRequest>,
) -> ApiResult<HttpResponse> {
    create(&state, &caller, None, &path.into_inner(), body.into_inner()?).await
}

/// The template and version a create request names (exactly one of the two ids).
async fn resolve_template(state: &AppState, req: &CreateWorkspaceRequest) -> ApiResult<(Template, TemplateVersion)> {
    match (req.template_id, req.template_version_id) {
        (Some(_), Some(_)) => Err(ApiError::bad_request("Must specify either a template ID or a template version ID, not both.")
            .validation("template_id", "only one of template_id and template_version_id may be set")
            .validation("template_version_id", "only one of template_id and template_version_id may be set")),
        (None, None) => Err(ApiError::bad_request("Must specify either a template ID or a template version ID.")
            .validation("template_id", "one of template_id and template_version_id is required")
            .validation("template_version_id", "one of template_id and template_version_id is required")),
        (Some(tid), None) => {
            let template = state
                .db(move |s| s.template_by_id(tid))
                .await?
                .ok_or_else(|| {
                    ApiError::bad_request(format!("Template with ID {:?} not found.", tid.to_string()))
                        .validation("template_id", "template not found")
                })?;
            let vid = template.active_version_id;
            let version = state
                .db(move |s| s.template_version_by_id(vid))
                .await?
                .ok_or_else(|| ApiError::internal("Internal error fetching template version.", "active version missing"))?;
            Ok((template, version))
        }
        (None, Some(vid)) => {
            let not_found = || {
                ApiError::bad_request(format!("Template version with ID {:?} not found.", vid.to_string()))
                    .validation("template_version_id", "template version not found")
            };
            let version = state.db(move |s| s.template_version_by_id(vid)).await?.ok_or_else(not_found)?;
            let Some(tid) = version.template_id else { return Err(not_found()) };
            let template = state.db(move |s| s.template_by_id(tid)).await?.ok_or_else(not_found)?;
            Ok((template, version))
        }
    }
}

pub(super) fn forbidden_create() -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, "Unauthorized to create workspace.").detail(
        "You are unable to create a workspace in this organization. It is possible to have access to the \
         template, but not be able to create a workspace. Please contact an administrator about your \
         permissions if you feel this is an error.",
    )
}

async fn create(
    state: &AppState,
    caller: &Caller,
    org: Option<Organization>,
    user_raw: &str,
    req: CreateWorkspaceRequest,
) -> ApiResult<HttpResponse> {
    let owner: User = resolve_user(state, caller, user_raw).await?;
    validate::check_workspace_name(&req.name)?;
    if !caller.can_create_workspace_for(&owner) {
        return Err(forbidden_create());
    }
    let (template, version) = resolve_template(state, &req).await?;
    if let Some(org) = &org {
        if template.organization_id != org.id {
            return Err(ApiError::bad_request(format!("Template is not in organization {:?}.", org.name))
                .validation("template_id", "template belongs to another organization"));
        }
    }
    let (o, u) = (template.organization_id, owner.id);
    if !state.db(move |s| s.is_organization_member(o, u)).await? {
        return Err(forbidden_create());
    }
    if template.require_active_version && version.id != template.active_version_id && !caller.is_owner() {
        return Err(ApiError::forbidden().detail("The template requires workspaces to use its active version."));
    }
    if let Some(preset) = req.template_version_preset_id {
        return Err(ApiError::bad_request(format!("Template version preset {:?} not found.", preset.to_string()))
            .validation("template_version_preset_id", "this template version has no presets"));
    }
    let ttl_ms = validate::resolve_ttl(req.ttl_ms, template.default_ttl_ms, template.max_ttl_ms)?;
    let (autostart_schedule, next_start_at) = match req.autostart_schedule.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(spec) => {
            let schedule = validate::check_schedule(spec)?;
            if template.allow_user_autostart {
                (Some(spec.trim().to_owned()), schedule.next_after(Utc::now()).map(|t| t.naive_utc()))
            } else {
                (None, None)
            }
        }
        None => (None, None),
    };
    let given: Vec<(String, String)> = req
        .rich_parameter_values
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.name, p.value))
        .collect();
    let specs = version.parameter_specs()?;
    let parameters = validate::resolve_parameters(&specs, &given)?;
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
    let id = match state.try_db(move |s| s.create_workspace(&new)).await? {
        Ok(id) => id,
        Err(StoreError::UniqueViolation(_)) => return Err(name_taken(&req.name)),
        Err(e) => return Err(ApiError::internal("Internal error creating workspace.", e)),
    };
    state.provisioner_wake.notify_one();
    let actor = caller.actor();
    let agg = state.db(move |s| s.workspace_for(&actor, id)).await?.ok_or_else(ApiError::not_found)?;
    Ok(HttpResponse::Created().json(workspace_response(&agg, caller)))
}

/// Get workspace metadata by user and workspace name
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "get-workspace-metadata-by-user-and-workspace-name",
    params(
        ("user" = String, Path, description = "User ID, name, or me"),
        ("workspacename" = String, Path, description = "Workspace name"),
        ("include_deleted" = Option<bool>, Query, description = "Return data instead of HTTP 404 if the workspace is deleted"),
    ),
    responses(
        (status = 200, description = "The workspace.", body = Workspace),
        (status = 400, description = "Unknown user or a bad query parameter.", body = Response, example = super::examples::unknown_user),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = super::examples::not_found),
        CommonErrors,
    ),
)]
#[get("/users/{user}/workspace/{workspacename}")]
async fn get_workspace_by_owner_and_name(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (user_raw, name) = path.into_inner();
    let mut q = QueryParams::new(&req);
    let include_deleted = q.boolean("include_deleted");
    q.finish()?;
    let owner = resolve_user(&state, &caller, &user_raw).await?;
    let (actor, oid) = (caller.actor(), owner.id);
    let agg = state
        .db(move |s| s.workspace_by_owner_and_name_for(&actor, oid, &name, include_deleted))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(HttpResponse::Ok().json(workspace_response(&agg, &caller)))
}

/// List workspaces
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "list-workspaces",
    params(
        ("q" = Option<String>, Query, description = "Search query in the format `key:value`. Available keys are: owner, template, name, status, has-agent, dormant, last_used_after, last_used_before, has-ai-task, has_external_agent, healthy, outdated, organization, id, shared, shared_with_user, shared_with_group, param."),
        ("limit" = Option<i32>, Query, description = "Page limit (0: no limit)", minimum = 0),
        ("offset" = Option<i32>, Query, description = "Page offset", minimum = 0),
    ),
    responses(
        (status = 200, description = "A page of the workspaces the caller may see, and how many match in all.", body = WorkspacesResponse),
        (status = 400, description = "Invalid search query or pagination parameters.", body = Response, example = super::examples::invalid_search),
        CommonErrors,
    ),
)]
#[get("/workspaces")]
async fn list_workspaces(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    let mut q = QueryParams::new(&req);
    let limit = q.non_negative_i32("limit");
    let offset = q.non_negative_i32("offset");
    let query = q.string("q").unwrap_or_default();
    q.finish()?;
    let search = parse_workspace_query(&query).map_err(search_error)?;
    let filter = list_filter(&state, &caller, search).await?;
    let order = WorkspaceOrder { requester_id: caller.user.id };
    let actor = caller.actor();
    let (aggs, count) = state.db(move |s| s.list_workspaces(&actor, &filter, order, offset, limit)).await?;
    let now = Utc::now();
    let workspaces = aggs.iter().map(|a| convert::workspace(a, caller.user.id, now)).collect();
    Ok(HttpResponse::Ok().json(WorkspacesResponse { count, workspaces }))
}

fn search_error(errors: Vec<SearchError>) -> ApiError {
    ApiError::bad_request("Invalid workspace search query.")
        .validations(errors.into_iter().map(|e| ValidationError::new(e.field, e.detail)).collect())
}

/// Turns a parsed `q` into the store's filter, resolving names the store cannot.
async fn list_filter(state: &AppState, caller: &Caller, search: crate::search::WorkspaceSearch) -> ApiResult<WorkspaceListFilter> {
    let mut f = WorkspaceListFilter {
        template_name: search.template.clone(),
        name: search.name.clone(),
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
        agent_timeout_cutoff: Some(workspaced_store::now() - Duration::seconds(120)),
        ..Default::default()
    };
    match search.owner.as_deref() {
        None => {}
        Some("me") => f.owner_id = Some(caller.user.id),
        Some(o) => match crate::search::parse_coder_uuid(o) {
            Ok(id) => f.owner_id = Some(id),
            Err(_) => f.owner_username = Some(o.to_owned()),
        },
    }
    // A nil UUID in a filter means "not given", as in Coder.
    let nil = |id: Option<uuid::Uuid>| id.is_some_and(|id| id.is_nil());
    if let Some(org) = search.organization.as_ref().filter(|_| !nil(search.organization_id())) {
        match search.organization_id() {
            Some(id) => f.organization_id = Some(id),
            None => f.organization_name = Some(org.clone()),
        }
    }
    if let Some(status) = search.status {
        f.status = Some(status);
        f.include_deleted = status == workspaced_sdk::WorkspaceStatus::Deleted;
    }
    if let Some(user) = search.shared_with_user.as_ref().filter(|_| !nil(search.shared_with_user_id())) {
        let id = match search.shared_with_user_id() {
            Some(id) => Some(id),
            None => {
                let name = user.clone();
                state.db(move |s| s.user_by_username(&name)).await?.map(|u| u.id)
            }
        };
        match id {
            Some(id) => f.shared_with_user_id = Some(id),
            None => return Err(search_error(vec![SearchError::user_not_found("shared_with_user", user)])),
        }
    }
    if let Some(group) = search.shared_with_group.as_ref().filter(|_| !nil(search.shared_with_group_id())) {
        let id = match search.shared_with_group_id() {
            Some(id) => Some(id),
            None => {
                let (org_name, group_name) = match group.split_once('/') {
                    Some((o, g)) => (Some(o.to_owned()), g.to_owned()),
                    None => (None, group.clone()),
                };
                let org = match &org_name {
                    Some(name) => {
                        let name = name.clone();
                        state.db(move |s| s.organization_by_name(&name)).await?
                    }
                    None => state.db(|s| s.default_organization()).await?,
                };
                match org {
                    Some(org) => {
                        let oid = org.id;
                        state.db(move |s| s.group_by_name(oid, &group_name)).await?.map(|g| g.id)
                    }
                    None => {
                        return Err(search_error(vec![SearchError::organization_not_found(
                            org_name.as_deref().unwrap_or_default(),
                        )]))
                    }
                }
            }
        };
        match id {
            Some(id) => f.shared_with_group_id = Some(id),
            None => {
                let (org, g) = group.split_once('/').unwrap_or(("", group.as_str()));
                return Err(search_error(vec![SearchError::group_not_found("shared_with_group", g, org)]));
            }
        }
    }
    Ok(f)
}

/// Get workspace metadata by ID
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "get-workspace-metadata-by-id",
    params(
        ("workspace" = uuid::Uuid, Path, description = "Workspace ID"),
        ("include_deleted" = Option<bool>, Query, description = "Return data instead of HTTP 404 if the workspace is deleted"),
    ),
    responses(
        (status = 200, description = "The workspace.", body = Workspace),
        (status = 400, description = "The workspace ID is not a UUID, or a bad query parameter.", body = Response, example = super::examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = super::examples::not_found),
        (status = 410, description = "The workspace was deleted and `include_deleted` is not true.", body = Response, example = super::examples::deleted),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}")]
async fn get_workspace(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let mut q = QueryParams::new(&req);
    let include_deleted = q.boolean("include_deleted");
    let id = parse_uuid_param(&path.into_inner())?;
    q.finish()?;
    let agg = load_workspace(&state, &caller, id, include_deleted).await?;
    Ok(HttpResponse::Ok().json(workspace_response(&agg, &caller)))
}

/// Update workspace metadata by ID
///
/// Renames the workspace. An empty or unchanged name changes nothing.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "update-workspace-metadata-by-id",
    params(("workspace" = uuid::Uuid, Path, description = "Workspace ID")),
    request_body(content = UpdateWorkspaceRequest, description = "Metadata update request"),
    responses(
        (status = 204, description = "The workspace was renamed."),
        (status = 400, description = "Invalid body or name, or the workspace ID is not a UUID.", body = Response, example = super::examples::invalid_name),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not change it.", body = Response, example = super::examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = super::examples::not_found),
        (status = 409, description = "The owner already has a workspace with this name.", body = Response, example = super::examples::name_taken),
        (status = 410, description = "The workspace was deleted.", body = Response, example = super::examples::deleted),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[patch("/workspaces/{workspace}")]
async fn update_workspace(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: JsonBody<UpdateWorkspaceRequest>,
) -> ApiResult<HttpResponse> {
    let id = parse_uuid_param(&path.into_inner())?;
    let ws = load_workspace(&state, &caller, id, false).await?.workspace;
    authorize(&state, &caller, id, WorkspaceAction::Update).await?;
    let name = body.into_inner()?.name.unwrap_or_default();
    if name.is_empty() || name == ws.name {
        return Ok(HttpResponse::NoContent().finish());
    }
    validate::check_workspace_name(&name)?;
    let new_name = name.clone();
    match state.try_db(move |s| s.rename_workspace(ws.id, &new_name)).await? {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(StoreError::UniqueViolation(_)) => Err(name_taken(&name)),
        Err(e) => Err(e.into()),
    }
}
