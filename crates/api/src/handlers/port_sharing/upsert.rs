//! `POST /workspaces/{workspace}/port-share`: create or change the share of one agent port.

use actix_web::{post, web, HttpResponse};
use serde_json::Value;
use workspaced_sdk::{Response, UpsertWorkspaceAgentPortShareRequest, WorkspaceAgentPortShare};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::port_sharing as service;
use crate::{convert, AppState};

fn above_max() -> Value {
    serde_json::to_value(service::above_max_example().body).unwrap_or_default()
}

crate::handlers::route!(800, upsert_workspace_agent_port_share);
/// Upsert workspace agent port share
///
/// Shares a port of one of the workspace's agents, or changes how it is shared: keyed by
/// (workspace, `agent_name`, `port`). `share_level` is `organization`, `authenticated` or
/// `public` (`owner` means "not shared": delete the share instead), at most the template's
/// `max_port_share_level`; `port` is 9–65535; `protocol` is `http` (the default) or
/// `https`; `agent_name` names an agent of the workspace's latest build. For callers who
/// may change the workspace: its owner, site owners and users or groups holding `admin` on it.
#[utoipa::path(
    tag = "PortSharing",
    operation_id = "upsert-workspace-agent-port-share",
    params(WorkspacePath),
    request_body(content = UpsertWorkspaceAgentPortShareRequest, description = "Upsert port sharing level request"),
    responses(
        (status = 200, description = "The share as stored.", body = WorkspaceAgentPortShare),
        (status = 400, description = "Invalid body: a level that cannot be set (`Port sharing level not allowed.`), a port outside 9–65535 (`Port must be between 9 and 65535.`), a protocol other than `http` or `https` (`Port protocol not allowed.`), a level above the template's max (naming the max), an agent not in the latest build (`Agent not found.`); or the workspace ID is not a UUID.", body = Response, example = above_max),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[post("/workspaces/{workspace}/port-share")]
pub(super) async fn upsert_workspace_agent_port_share(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<UpsertWorkspaceAgentPortShareRequest>,
) -> ApiResult<HttpResponse> {
    let share = state
        .call_as(session, move |s, caller| {
            let share = service::upsert(s, &caller, path.get()?.workspace, body.into_inner())?;
            Ok(convert::port_share(&share))
        })
        .await?;
    Ok(HttpResponse::Ok().json(share))
}
