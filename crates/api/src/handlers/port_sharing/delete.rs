//! `DELETE /workspaces/{workspace}/port-share`: stop sharing one agent port.

use actix_web::{delete, web, HttpResponse};
use serde_json::Value;
use workspaced_sdk::{DeleteWorkspaceAgentPortShareRequest, Response};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::port_sharing as service;
use crate::AppState;

fn share_not_found() -> Value {
    serde_json::to_value(service::share_not_found_example().body).unwrap_or_default()
}

crate::handlers::route!(830, delete_workspace_agent_port_share);
/// Delete workspace agent port share
///
/// Removes the share of (`agent_name`, `port`): the port is the owner's alone again. For
/// callers who may change the workspace.
#[utoipa::path(
    tag = "PortSharing",
    operation_id = "delete-workspace-agent-port-share",
    params(WorkspacePath),
    request_body(content = DeleteWorkspaceAgentPortShareRequest, description = "Delete port sharing level request"),
    responses(
        (status = 200, description = "The share was removed (no body)."),
        (status = 400, description = "The body is not a JSON object of the request, or the workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace or not visible to the caller, or the port is not shared (`Port share not found.`).", body = Response, example = share_not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[delete("/workspaces/{workspace}/port-share")]
pub(super) async fn delete_workspace_agent_port_share(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<DeleteWorkspaceAgentPortShareRequest>,
) -> ApiResult<HttpResponse> {
    state
        .call_as(session, move |s, caller| Ok(service::delete(s, &caller, path.get()?.workspace, body.into_inner())?))
        .await?;
    Ok(HttpResponse::Ok().finish())
}
