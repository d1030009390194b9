//! Builds of a workspace (Coder's `postWorkspaceBuilds` with `wsbuilder`, and
//! `workspaceBuilds`), and the timings the latest build recorded.

use std::sync::Arc;

use actix_web::http::StatusCode;
use uuid::Uuid;
use workspaced_sdk::{CreateWorkspaceBuildRequest, ValidationError};
use workspaced_store::types::{BuildReason, WorkspaceTransition};
use workspaced_store::{
    BuildAggregate, BuildPage, BuildTimings, NewBuild, Store, WorkspaceAction, WorkspaceAggregate,
};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::validate;

/// Coder's detail of a 403 for something the caller may see but not do.
const FORBIDDEN_DETAIL: &str = "You don't have permission to view this content. If you believe this is a mistake, \
please contact your administrator or try signing in with different credentials.";
const BUILD_ACTIVE: &str = "A workspace build is already active.";

fn readable(store: &Store, caller: &Caller, id: Uuid) -> ApiResult<Arc<WorkspaceAggregate>> {
    store.workspace_probed(&caller.actor(), id, caller.probe())?.ok_or_else(ApiError::not_found)
}

/// The transition a request names, with the validator's texts for a missing or unknown one.
fn transition(raw: &str) -> ApiResult<WorkspaceTransition> {
    if raw.is_empty() {
        return Err(ApiError::validation_failed(vec![ValidationError::new(
            "transition",
            "Validation failed for tag \"required\" with value: \"\"",
        )]));
    }
    raw.parse().map_err(|_| {
        ApiError::validation_failed(vec![ValidationError::new(
            "transition",
            format!("Validation failed for tag \"oneof\" with value: \"{raw}\""),
        )])
    })
}

/// `POST /workspaces/{workspace}/builds`: queues a start, stop or delete build and returns the
/// workspace with it as its latest build. In Coder's order: the body, a deleted workspace,
/// who may (start and stop: `StartStop`; delete: `Delete`), the version, a build still
/// active, the parameters.
pub fn create(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    body: ApiResult<CreateWorkspaceBuildRequest>,
) -> ApiResult<Arc<WorkspaceAggregate>> {
    let agg = readable(store, caller, id)?;
    let body = body?;
    let transition = transition(&body.transition)?;
    if agg.workspace.deleted && transition != WorkspaceTransition::Delete {
        return Err(ApiError::conflict(format!("Cannot {transition} a deleted workspace!"))
            .detail("This workspace has been deleted and cannot be modified."));
    }
    let (action, verb) = match transition {
        WorkspaceTransition::Delete => (WorkspaceAction::Delete, "delete"),
        _ => (WorkspaceAction::StartStop, "update"),
    };
    if !store.may(&caller.actor(), id, action)? {
        return Err(ApiError::new(StatusCode::FORBIDDEN, format!("You do not have permission to {verb} this workspace."))
            .detail(FORBIDDEN_DETAIL));
    }
    let template = &agg.template;
    let (last, _, last_params) = store.latest_build(id)?;
    let version = match body.template_version_id {
        Some(vid) => {
            let version = store.template_version_by_id(vid)?.ok_or_else(|| {
                ApiError::bad_request("template version does not exist").detail(format!("template version {vid} not found"))
            })?;
            if version.template_id != Some(template.id) {
                return Err(ApiError::bad_request("template version doesn't match template").detail(format!(
                    "templateVersion.TemplateID = {}, template.ID = {}",
                    version.template_id.map(|t| t.to_string()).unwrap_or_default(),
                    template.id
                )));
            }
            version
        }
        None => {
            // A start moves to the active version when the workspace follows it (automatic
            // updates, or the template requires it); anything else keeps the last build's.
            let follow = transition == WorkspaceTransition::Start
                && (template.require_active_version
                    || agg.workspace.automatic_updates == workspaced_sdk::AutomaticUpdates::Always);
            let vid = if follow { template.active_version_id } else { last.template_version_id };
            store
                .template_version_by_id(vid)?
                .ok_or_else(|| ApiError::internal("Internal error fetching template version.", "version missing"))?
        }
    };
    let specs = version.parameter_specs()?;
    let given: Vec<(String, String)> =
        body.rich_parameter_values.unwrap_or_default().into_iter().map(|p| (p.name, p.value)).collect();
    for (name, value) in &given {
        let Some(spec) = specs.iter().find(|s| s.name == *name) else { continue };
        let previous = last_params.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        if !spec.mutable && previous.is_some_and(|p| p != value) {
            return Err(ApiError::bad_request(format!(
                "Parameter {name:?} is not mutable, so it can't be updated after creating a workspace."
            )));
        }
    }
    // The last build's values carry over for the parameters the version still declares.
    let mut values: Vec<(String, String)> =
        last_params.into_iter().filter(|(name, _)| specs.iter().any(|s| s.name == *name)).collect();
    values.extend(given);
    let parameters = validate::resolve_parameters(&specs, &values)?;
    let reason = match (transition, body.reason) {
        (WorkspaceTransition::Start | WorkspaceTransition::Stop, Some(r)) => r.as_str().parse().unwrap_or(BuildReason::Initiator),
        _ => BuildReason::Initiator,
    };
    let new = NewBuild {
        workspace_id: id,
        transition,
        reason,
        initiator_id: caller.user.id,
        template_version_id: version.id,
        parameters,
    };
    let build = match store.queue_build(&new)? {
        Ok(build) => build,
        Err(_) => return Err(ApiError::conflict(BUILD_ACTIVE).detail(BUILD_ACTIVE)),
    };
    let agg = readable(store, caller, id)?;
    if agg.latest_build.build.id != build.id {
        return Err(ApiError::internal("Internal error fetching workspace build.", "a newer build replaced the new one"));
    }
    Ok(agg)
}

/// `GET /workspaces/{workspace}/builds`: a page of its builds, newest first, with the
/// workspace they belong to.
pub fn list(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    page: &BuildPage,
) -> ApiResult<(Arc<WorkspaceAggregate>, Vec<BuildAggregate>)> {
    let agg = readable(store, caller, id)?;
    let builds = store.workspace_builds(id, page)?.ok_or_else(|| {
        let after = page.after_id.map(|a| a.to_string()).unwrap_or_default();
        ApiError::bad_request(format!("Record at \"after_id\" ({after:?}) does not exist."))
    })?;
    Ok((agg, builds))
}

/// `GET /workspaces/{workspace}/timings`: what the latest build recorded.
pub fn timings(store: &Store, caller: &Caller, id: Uuid) -> ApiResult<BuildTimings> {
    readable(store, caller, id)?;
    Ok(store.latest_build_timings(id)?)
}
