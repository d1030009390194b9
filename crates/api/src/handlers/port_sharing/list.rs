//! `GET /workspaces/{workspace}/port-share` and `GET /workspaces/{workspace}/port-shares`:
//! the shares of a workspace's agent ports (the same answer on both paths).

use actix_web::{get, web, HttpResponse};
use uuid::Uuid;
use workspaced_sdk::{Response, WorkspaceAgentPortShares};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::examples;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::CommonErrors;
use crate::services::port_sharing as service;
use crate::{convert, AppState};

async fn shares(state: web::Data<AppState>, session: Session, path: Params<WorkspacePath>) -> ApiResult<HttpResponse> {
    let shares = state
        .read_as(session, move |s, caller| {
            let id: Uuid = path.get()?.workspace;
            Ok(convert::port_shares(&service::list(s, &caller, id)?))
        })
        .await?;
    Ok(HttpResponse::Ok().json(shares))
}

crate::handlers::route!(810, get_workspace_agent_port_shares);
/// Get workspace agent port shares
///
/// Every port share of the workspace, by port (then agent name). For callers who may see
/// the workspace.
#[utoipa::path(
    tag = "PortSharing",
    operation_id = "get-workspace-agent-port-shares",
    params(WorkspacePath),
    responses(
        (status = 200, description = "The workspace's port shares.", body = WorkspaceAgentPortShares),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/port-share")]
pub(super) async fn get_workspace_agent_port_shares(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    shares(state, session, path).await
}

crate::handlers::route!(820, get_workspace_agent_port_shares_older_path);
/// Get workspace agent port shares (older path)
///
/// The path of the Port Sharing page before Coder moved the list to `GET /port-share`: the
/// same answer. (Coder gave both the operation id `get-workspace-agent-port-shares`; one
/// document cannot, so this one carries the path's age.)
#[utoipa::path(
    tag = "PortSharing",
    operation_id = "get-workspace-agent-port-shares-older-path",
    params(WorkspacePath),
    responses(
        (status = 200, description = "The workspace's port shares.", body = WorkspaceAgentPortShares),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/port-shares")]
pub(super) async fn get_workspace_agent_port_shares_older_path(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    shares(state, session, path).await
}
