//! An agent's connection status (`connecting`, `connected`, `disconnected`, `timeout`),
//! defined once for Rust ([`agent_status`], what a response shows) and once for SQL
//! ([`status_condition`], what `q=has-agent:` filters on), both from the same columns, and
//! tested to agree.

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

const DISCONNECTED: &str =
    "(wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at))";

/// The same rule over an agent row aliased `wa`, as SQL: `(head, tail)`; when `tail` is
/// given, the caller binds `now` between the two.
pub(crate) fn status_condition(status: WorkspaceAgentStatus) -> (String, Option<&'static str>) {
    match status {
        WorkspaceAgentStatus::Disconnected => (DISCONNECTED.to_owned(), None),
        WorkspaceAgentStatus::Connected => (format!("NOT {DISCONNECTED} AND wa.first_connected_at IS NOT NULL"), None),
        WorkspaceAgentStatus::Connecting => (
            format!(
                "NOT {DISCONNECTED} AND wa.first_connected_at IS NULL AND \
                 (wa.connection_timeout_at IS NULL OR wa.connection_timeout_at >= "
            ),
            Some(")"),
        ),
        WorkspaceAgentStatus::Timeout => (
            format!("NOT {DISCONNECTED} AND wa.first_connected_at IS NULL AND wa.connection_timeout_at < "),
            Some(""),
        ),
    }
}
