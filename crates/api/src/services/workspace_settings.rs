//! A workspace's own settings and marks: favorite, automatic updates, usage and dormancy
//! (Coder's `putFavoriteWorkspace`, `putWorkspaceAutoupdates`, `postWorkspaceUsage`,
//! `putWorkspaceDormant`). Deleted workspaces are included: Coder's workspace parameter
//! does not refuse them on these routes.

use std::sync::Arc;

use uuid::Uuid;
use workspaced_sdk::wire::Lenient;
use workspaced_sdk::{PostWorkspaceUsageRequest, UpdateWorkspaceAutomaticUpdatesRequest, UpdateWorkspaceDormancy, UsageAppName};
use workspaced_store::{Store, WorkspaceAction, WorkspaceAggregate};

use super::Caller;
use super::{Failure, Outcome};

/// 403 for a caller who does not own the workspace, with Coder's texts.
fn not_your_favorite(favorite: bool) -> Failure {
    Failure::forbidden(
        if favorite {
            "You can only favorite workspaces that you own."
        } else {
            "You can only un-favorite workspaces that you own."
        },
    )
}

/// `PUT` (`favorite`) / `DELETE` (not) `/workspaces/{workspace}/favorite`: only the owner
/// may (favorites are personal; even site owners get 403 on others' workspaces).
pub fn set_favorite(store: &Store, caller: &Caller, id: Uuid, favorite: bool) -> Outcome<()> {
    let agg = store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)??;
    if agg.workspace.owner_id != caller.user.id {
        return Err(not_your_favorite(favorite));
    }
    Ok(store.set_workspace_favorite(id, favorite)?)
}

/// Example of the 403 of the favorite routes.
pub fn favorite_forbidden_example() -> Failure {
    not_your_favorite(true)
}

/// 400 for a value that is neither `always` nor `never`, with Coder's texts.
pub fn invalid_automatic_updates() -> Failure {
    Failure::invalid("Invalid request").validation("automatic_updates", "must be always or never")
}

/// `PUT /workspaces/{workspace}/autoupdates`: `always` or `never`; callers who may update
/// the workspace. The value is read from any string, as Go reads it, and checked here.
pub fn set_automatic_updates(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    body: Outcome<UpdateWorkspaceAutomaticUpdatesRequest>,
) -> Outcome<()> {
    store.workspace_for(&caller.actor(), id, WorkspaceAction::Update)??;
    let value = match body?.automatic_updates {
        Some(Lenient::Known(v)) => v,
        None | Some(Lenient::Unknown(_)) => return Err(invalid_automatic_updates()),
    };
    Ok(store.set_workspace_automatic_updates(id, value)?)
}

/// 400 for a usage body that names an agent without an app or the reverse, or an app
/// Coder does not count, with Coder's texts.
pub fn invalid_usage(field: &str, detail: &str) -> Failure {
    Failure::invalid("Invalid request").validation(field, detail)
}

/// `POST /workspaces/{workspace}/usage`: records a use now (`last_used_at`, which
/// postpones dormancy). With a body, `agent_id` must name an agent of the workspace (404
/// otherwise, as Coder answers for an unknown agent) and `app_name` an app Coder counts.
/// `body` is `None` when the request has none.
/// The app name is read from any string, as Go reads it, and checked here; the nil UUID
/// and `""` are unset.
pub fn record_usage(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    body: Option<Outcome<PostWorkspaceUsageRequest>>,
) -> Outcome<()> {
    store.workspace_for(&caller.actor(), id, WorkspaceAction::Update)??;
    if let Some(body) = body {
        let body = body?;
        match (body.agent_id, body.app_name) {
            (None, None) => {}
            (None, Some(_)) => return Err(invalid_usage("agent_id", "must be set when app_name is set")),
            (Some(_), None) => return Err(invalid_usage("app_name", "must be set when agent_id is set")),
            (Some(agent), Some(app)) => {
                if app.known().is_none() {
                    let names: Vec<&str> = UsageAppName::ALL.iter().map(UsageAppName::as_str).collect();
                    return Err(invalid_usage("app_name", &format!("must be one of [{}]", names.join(" "))));
                }
                if !store.is_workspace_agent(id, agent)? {
                    return Err(Failure::missing());
                }
            }
        }
    }
    Ok(store.record_workspace_usage(id)?)
}

/// `PUT /workspaces/{workspace}/dormant`: makes the workspace dormant or wakes it, and
/// returns it as the caller now sees it; `None` when it already was in that state (Coder
/// answers 304 Not Modified).
pub fn set_dormant(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    body: Outcome<UpdateWorkspaceDormancy>,
) -> Outcome<Option<Arc<WorkspaceAggregate>>> {
    store.workspace_for(&caller.actor(), id, WorkspaceAction::Update)??;
    let dormant = body?.dormant;
    if !store.set_workspace_dormant(id, dormant)? {
        return Ok(None);
    }
    Ok(Some(store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)??))
}
