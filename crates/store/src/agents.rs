//! An agent's connection status (`connecting`, `connected`, `disconnected`, `timeout`),
//! defined once for Rust ([`agent_status`], what a response shows) and once for SQL (the
//! triggers of the `list_filters` migration, which sum up the latest build's agents on the
//! workspace row for `q=has-agent:`), both from the same columns, and tested to agree.

use chrono::NaiveDateTime;
use workspaced_sdk::WorkspaceAgentStatus;

use crate::models::WorkspaceAgent;

/// The status of an agent at `now`: disconnected when its last disconnection is not older
/// than its last connection; otherwise connected once it has connected; otherwise timed out
/// once its connection timeout has passed, else still connecting.
pub fn agent_status(a: &WorkspaceAgent, now: NaiveDateTime) -> WorkspaceAgentStatus {
    match (a.first_connected_at, a.last_connected_at, a.disconnected_at) {
        (_, last, Some(disc)) if last.is_none_or(|l| disc >= l) => WorkspaceAgentStatus::Disconnected,
        (None, _, _) => match a.connection_timeout_at {
            Some(deadline) if now > deadline => WorkspaceAgentStatus::Timeout,
            _ => WorkspaceAgentStatus::Connecting,
        },
        _ => WorkspaceAgentStatus::Connected,
    }
}
