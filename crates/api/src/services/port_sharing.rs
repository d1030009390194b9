//! Port sharing: sharing an agent's port beyond the workspace's owner (Coder's
//! `postWorkspaceAgentPortShare`, `workspaceAgentPortShares`, `deleteWorkspaceAgentPortShare`).
//!
//! Who may: reading the shares needs the workspace readable; creating, changing and
//! removing them changes the workspace (`WorkspaceAction::Update`: its owner, site owners,
//! sharees with `admin`). Others who can see it get 403, those who cannot 404 (deleted
//! workspaces are included, as in Coder).

use uuid::Uuid;
use workspaced_sdk::wire::Lenient;
use workspaced_sdk::{
    DeleteWorkspaceAgentPortShareRequest, UpsertWorkspaceAgentPortShareRequest, WorkspaceAgentPortShareLevel as Level,
    WorkspaceAgentPortShareProtocol as Protocol,
};
use workspaced_store::models::WorkspacePortShare;
use workspaced_store::{PortShareUpsert, Store, WorkspaceAction};

use super::Caller;
use super::{Failure, Outcome};
use crate::go::go_quote;

/// Lowest and highest port that may be shared (below 9 is reserved).
pub const MIN_PORT: i32 = 9;
pub const MAX_PORT: i32 = 65535;

const LEVEL_NOT_ALLOWED: &str = "Port sharing level not allowed.";
const PORT_OUT_OF_RANGE: &str = "Port must be between 9 and 65535.";
const PROTOCOL_NOT_ALLOWED: &str = "Port protocol not allowed.";
const AGENT_NOT_FOUND: &str = "Agent not found.";
const SHARE_NOT_FOUND: &str = "Port share not found.";

/// 400 for a level above the template's max, with Coder's text.
fn above_max(level: Level, max: Level) -> Failure {
    Failure::invalid(format!("{} sharing level is not allowed under max level {}", go_quote(level.as_str()), go_quote(max.as_str())))
}

/// 400 for a level that cannot be set (`owner`, empty or unknown).
fn level_not_allowed() -> Failure {
    Failure::invalid(LEVEL_NOT_ALLOWED).validation("share_level", LEVEL_NOT_ALLOWED)
}

/// 400 for a port outside 9–65535.
fn port_out_of_range() -> Failure {
    Failure::invalid(PORT_OUT_OF_RANGE).validation("port", PORT_OUT_OF_RANGE)
}

/// `POST /workspaces/{workspace}/port-share`: creates or changes the share of one agent
/// port. Checked in Coder's order: the level (`organization`, `authenticated` or
/// `public`), the port (9–65535), the protocol (`http`, the default, or `https`), the
/// template's max level, and the agent (one of the latest build's). The level and the
/// protocol are read from any string, as Go reads them, and checked here.
pub fn upsert(
    store: &Store,
    caller: &Caller,
    id: Uuid,
    body: Outcome<UpsertWorkspaceAgentPortShareRequest>,
) -> Outcome<WorkspacePortShare> {
    let agg = store.workspace_for(&caller.actor(), id, WorkspaceAction::Update)??;
    let body = body?;
    let level = match body.share_level.as_ref().and_then(Lenient::known) {
        Some(&level) if level != Level::Owner => level,
        _ => return Err(level_not_allowed()),
    };
    let port = body.port.unwrap_or_default();
    if !(MIN_PORT..=MAX_PORT).contains(&port) {
        return Err(port_out_of_range());
    }
    let protocol = match &body.protocol {
        None => Protocol::Http,
        Some(Lenient::Known(protocol)) => *protocol,
        Some(Lenient::Unknown(_)) => return Err(Failure::invalid(PROTOCOL_NOT_ALLOWED)),
    };
    let max = agg.template.max_port_share_level;
    if !level.is_within(max) {
        return Err(above_max(level, max));
    }
    let agent_name = body.agent_name.unwrap_or_default();
    let agents = agg.latest_build.resources.iter().flat_map(|r| r.agents.iter().map(|(a, _)| a.name.as_str()));
    if !agents.into_iter().any(|name| name == agent_name) {
        return Err(Failure::invalid(AGENT_NOT_FOUND));
    }
    let share = WorkspacePortShare { workspace_id: id, agent_name, port, share_level: level, protocol };
    match store.upsert_workspace_port_share(agg.workspace.template_id, &share)? {
        PortShareUpsert::Stored(share) => Ok(share),
        PortShareUpsert::AboveMax(max) => Err(above_max(level, max)),
    }
}

/// `GET /workspaces/{workspace}/port-share` (and `/port-shares`): every share, by port.
pub fn list(store: &Store, caller: &Caller, id: Uuid) -> Outcome<Vec<WorkspacePortShare>> {
    store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)??;
    Ok(store.workspace_port_shares(id)?)
}

/// `DELETE /workspaces/{workspace}/port-share`: removes one share; 404 when there is none.
pub fn delete(store: &Store, caller: &Caller, id: Uuid, body: Outcome<DeleteWorkspaceAgentPortShareRequest>) -> Outcome<()> {
    store.workspace_for(&caller.actor(), id, WorkspaceAction::Update)??;
    let body = body?;
    let agent_name = body.agent_name.unwrap_or_default();
    if !store.delete_workspace_port_share(id, &agent_name, body.port.unwrap_or_default())? {
        return Err(Failure::not_found(SHARE_NOT_FOUND));
    }
    Ok(())
}

/// Examples of the refusals, for the document.
pub fn above_max_example() -> Failure {
    above_max(Level::Public, Level::Authenticated)
}

pub fn share_not_found_example() -> Failure {
    Failure::not_found(SHARE_NOT_FOUND)
}
