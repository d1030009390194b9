//! Builds of a workspace (Coder's `postWorkspaceBuilds` with `wsbuilder`, and
//! `workspaceBuilds`), and the timings the latest build recorded.

use std::sync::Arc;

use uuid::Uuid;
use workspaced_sdk::{CreateWorkspaceBuildRequest, ValidationError};
use workspaced_store::authz::Denied;
use workspaced_store::types::{BuildReason, WorkspaceTransition};
use workspaced_store::{
    BuildAggregate, BuildPage, BuildTimings, NewBuild, Store, WorkspaceAction, WorkspaceAggregate,
};

use super::Caller;
use super::{Failure, Outcome};
use crate::validate;

/// Coder's detail of a 403 for something the caller may see but not do.
const FORBIDDEN_DETAIL: &str = "You don't have permission to view this content. If you believe this is a mistake, \
please contact your administrator or try signing in with different credentials.";
const BUILD_ACTIVE: &str = "A workspace build is already active.";

fn readable(store: &Store, caller: &Caller, id: Uuid) -> Outcome<Arc<WorkspaceAggregate>> {
    Ok(store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)??)
}

/// The transition a request names, with the validator's texts for a missing or unknown one.
fn transition(raw: &str) -> Outcome<WorkspaceTransition> {
    if raw.is_empty() {
        return Err(Failure::validation_failed(vec![ValidationError::new(
            "transition",
            "Validation failed for tag \"required\" with value: \"\"",
        )]));
    }
    raw.parse().map_err(|_| {
        Failure::validation_failed(vec![ValidationError::new(
            "transition",
            format!("Validation failed for tag \"oneof\" with value: \"{raw}\""),
        )])
    })
}

/// `POST /workspaces/{workspace}/builds`: queues a start, stop or delete build and returns the
/// workspace with it as its latest build. In Coder's order: the body, a deleted workspace,
/// who may (`Start`, never on a dormant workspace; `Stop`; `Delete`: 403 in Coder's words
/// naming the action), the version, a build still active, the parameters.
pub fn create(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    body: Outcome<CreateWorkspaceBuildRequest>,
) -> Outcome<Arc<WorkspaceAggregate>> {
    let agg = readable(store, caller, id)?;
    let body = body?;
    let transition = transition(&body.transition)?;
    if agg.workspace.deleted && transition != WorkspaceTransition::Delete {
        return Err(Failure::conflict(format!("Cannot {transition} a deleted workspace!"))
            .detail("This workspace has been deleted and cannot be modified."));
    }
    let (action, verb) = match transition {
        WorkspaceTransition::Start => (WorkspaceAction::Start, "start"),
        WorkspaceTransition::Stop => (WorkspaceAction::Stop, "stop"),
        WorkspaceTransition::Delete => (WorkspaceAction::Delete, "delete"),
    };
    if let Err(denied) = store.workspace_for(&caller.actor(), id, action)? {
        return Err(match denied {
            Denied::Forbidden => {
                Failure::forbidden(format!("You do not have permission to {verb} this workspace.")).detail(FORBIDDEN_DETAIL)
            }
            Denied::NotVisible => denied.into(),
        });
    }
    let template = &agg.template;
    let (last, _, last_params) = store.latest_build(id)?;
    let version = match body.template_version_id {
        Some(vid) => {
            let version = store.template_version_by_id(vid)?.ok_or_else(|| {
                Failure::invalid("template version does not exist").detail(format!("template version {vid} not found"))
            })?;
            if version.template_id != Some(template.id) {
                return Err(Failure::invalid("template version doesn't match template").detail(format!(
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
                .ok_or_else(|| Failure::fault("Internal error fetching template version.", "version missing"))?
        }
    };
    let specs = version.parameter_specs()?;
    let given: Vec<(String, String)> =
        body.rich_parameter_values.unwrap_or_default().into_iter().map(|p| (p.name, p.value)).collect();
    for (name, value) in &given {
        let Some(spec) = specs.iter().find(|s| s.name == *name) else { continue };
        let previous = last_params.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        if !spec.mutable && previous.is_some_and(|p| p != value) {
            return Err(Failure::invalid(format!(
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
        Err(_) => return Err(Failure::conflict(BUILD_ACTIVE).detail(BUILD_ACTIVE)),
    };
    let agg = readable(store, caller, id)?;
    if agg.latest_build.build.id != build.id {
        return Err(Failure::fault("Internal error fetching workspace build.", "a newer build replaced the new one"));
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
) -> Outcome<(Arc<WorkspaceAggregate>, Vec<BuildAggregate>)> {
    let agg = readable(store, caller, id)?;
    let builds = store.workspace_builds(id, page)?.ok_or_else(|| {
        let after = page.after_id.map(|a| a.to_string()).unwrap_or_default();
        Failure::invalid(format!("Record at \"after_id\" ({after:?}) does not exist."))
    })?;
    Ok((agg, builds))
}

/// `GET /workspaces/{workspace}/timings`: what the latest build recorded.
pub fn timings(store: &Store, caller: &Caller, id: Uuid) -> Outcome<BuildTimings> {
    readable(store, caller, id)?;
    Ok(store.latest_build_timings(id)?)
}
