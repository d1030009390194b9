//! A workspace's schedule: autostart, TTL (autostop), extending the running build's
//! deadline, and whether autostart can use the template's active version. Coder's
//! `putWorkspaceAutostart`, `putWorkspaceTTL`, `putExtendWorkspace` and `resolveAutostart`,
//! with their texts.

use std::sync::Arc;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use uuid::Uuid;
use workspaced_sdk::{
    AutomaticUpdates, PutExtendWorkspaceRequest, ResolveAutostartResponse, UpdateWorkspaceAutostartRequest,
    UpdateWorkspaceTTLRequest,
};
use workspaced_store::types::WorkspaceTransition;
use workspaced_store::{Store, WorkspaceAction, WorkspaceAggregate};

use super::Caller;
use super::{Failure, Outcome};
use crate::validate;

const AUTOSTART_NOT_ALLOWED: &str = "Autostart is not allowed for workspaces using this template.";
const TTL_ERROR: &str = "Error updating workspace time until shutdown.";

/// The workspace as the caller may change its settings: 404 when it may not read it, 403
/// when it may read but not update it.
fn updatable(store: &Store, caller: &Caller, id: Uuid) -> Outcome<Arc<WorkspaceAggregate>> {
    Ok(store.workspace_for(&caller.actor(), id, WorkspaceAction::Update)??)
}

/// `PUT /workspaces/{workspace}/autostart`: a weekly schedule, or none (null or empty). The
/// next start honours the days the template allows; with none allowed there is none.
pub fn set_autostart(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    body: Outcome<UpdateWorkspaceAutostartRequest>,
) -> Outcome<()> {
    let agg = updatable(store, caller, id)?;
    let spec = body?.schedule.filter(|s| !s.is_empty());
    let schedule = spec.as_deref().map(|s| validate::check_schedule(s, "Invalid autostart schedule.")).transpose()?;
    if !agg.template.allow_user_autostart {
        return Err(Failure::invalid(AUTOSTART_NOT_ALLOWED).validation("schedule", AUTOSTART_NOT_ALLOWED));
    }
    let next = schedule
        .and_then(|s| s.next_allowed_after(Utc::now(), agg.template.autostart_allowed_days))
        .map(|t| t.naive_utc());
    Ok(store.set_autostart(id, spec.as_deref(), next)?)
}

/// `PUT /workspaces/{workspace}/ttl`: 1 minute … 30 days (whole minutes count), not above the
/// template's maximum; null (or 0) turns autostop off, and takes the running build's
/// deadline down to its max deadline.
pub fn set_ttl(store: &Store, caller: &Caller, id: Uuid, body: Outcome<UpdateWorkspaceTTLRequest>) -> Outcome<()> {
    let agg = updatable(store, caller, id)?;
    let requested = body?.ttl_ms.filter(|ms| *ms != 0);
    let refuse = |detail: String| Failure::invalid(TTL_ERROR).validation("ttl_ms", detail);
    if !agg.template.allow_user_autostop {
        return Err(refuse("Custom autostop TTL is not allowed for workspaces using this template.".into()));
    }
    let ttl = match requested {
        None => None,
        Some(ms) => {
            if let Some(problem) = validate::ttl_problem(ms, agg.template.max_ttl_ms) {
                return Err(refuse(problem));
            }
            Some(ms - ms.rem_euclid(60_000))
        }
    };
    Ok(store.set_ttl(id, ttl)?)
}

/// `PUT /workspaces/{workspace}/extend`: moves the running build's deadline; the answer's
/// message says where to.
pub fn extend(store: &Store, caller: &Caller, id: Uuid, body: Outcome<PutExtendWorkspaceRequest>) -> Outcome<String> {
    updatable(store, caller, id)?;
    let body = body?;
    let (build, job, _) = store.latest_build(id)?;
    if build.transition != WorkspaceTransition::Start {
        return Err(Failure::conflict(format!("Workspace must be started, current status: {}", build.transition)));
    }
    let Some(completed_at) = job.completed_at else {
        return Err(Failure::conflict("Workspace is still building!"));
    };
    if build.deadline.is_none() {
        return Err(Failure::conflict("Workspace shutdown is manual."));
    }
    let new_deadline = body.deadline;
    if new_deadline < Utc::now() + Duration::minutes(29) {
        return Err(Failure::invalid(
            "Cannot extend workspace: new deadline must be at least 30 minutes in the future",
        ));
    }
    if new_deadline < completed_at.and_utc() {
        return Err(Failure::invalid("Cannot extend workspace: new deadline must be before workspace start time"));
    }
    if build.max_deadline.is_some_and(|max| new_deadline > max.and_utc()) {
        return Err(Failure::invalid("Cannot extend workspace beyond max deadline."));
    }
    store.set_build_deadline(id, build.id, Some(stored(new_deadline)))?;
    Ok(format!("Deadline updated to {}.", new_deadline.to_rfc3339_opts(SecondsFormat::Secs, true)))
}

/// A time as the store keeps it (UTC, microseconds).
fn stored(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    use chrono::SubsecRound;
    t.naive_utc().trunc_subsecs(6)
}

/// `GET /workspaces/{workspace}/resolve-autostart`: when autostart would move the workspace
/// to the template's active version (it requires it, or the workspace updates
/// automatically), whether that version needs parameters the last build cannot give.
pub fn resolve_autostart(store: &Store, caller: &Caller, id: Uuid) -> Outcome<ResolveAutostartResponse> {
    let agg = store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)??;
    let template = &agg.template;
    let uses_active = template.require_active_version || agg.workspace.automatic_updates == AutomaticUpdates::Always;
    let (build, _, params) = store.latest_build(id)?;
    if !uses_active || build.template_version_id == template.active_version_id {
        return Ok(ResolveAutostartResponse { parameter_mismatch: false });
    }
    let active = store
        .template_version_by_id(template.active_version_id)?
        .ok_or_else(|| Failure::fault("Internal error fetching template version.", "active version missing"))?;
    let specs = active.parameter_specs()?;
    let carried: Vec<(String, String)> =
        params.into_iter().filter(|(name, _)| specs.iter().any(|s| s.name == *name)).collect();
    Ok(ResolveAutostartResponse { parameter_mismatch: validate::resolve_parameters(&specs, &carried).is_err() })
}
