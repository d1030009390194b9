//! `POST /workspaces/{workspace}/usage`: a client reports that the workspace is in use.

use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use serde_json::Value;
use workspaced_sdk::{PostWorkspaceUsageRequest, Response};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::workspace_settings as service;
use crate::AppState;

fn invalid_usage() -> Value {
    serde_json::to_value(service::invalid_usage("app_name", "must be one of [vscode jetbrains reconnecting-pty ssh]").body)
        .unwrap_or_default()
}

/// Does the request carry no body at all? (Go's `r.Body == http.NoBody`: no length and
/// not chunked, or a length of 0.)
fn has_no_body(req: &HttpRequest) -> bool {
    match req.headers().get(header::CONTENT_LENGTH) {
        Some(len) => len.as_bytes() == b"0",
        None => !req.headers().contains_key(header::TRANSFER_ENCODING),
    }
}

crate::handlers::route!(280, post_workspace_usage);
/// Post Workspace Usage by ID
///
/// Records a use of the workspace now (`last_used_at`, from which dormancy counts). The
/// body is optional; with one, `agent_id` must name an agent of the workspace and
/// `app_name` one of `vscode`, `jetbrains`, `reconnecting-pty`, `ssh`.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "post-workspace-usage-by-id",
    params(WorkspacePath),
    request_body(content = Option<PostWorkspaceUsageRequest>, description = "Post workspace usage request"),
    responses(
        (status = 204, description = "The use was recorded."),
        (status = 400, description = "`agent_id` without `app_name` or the reverse, an app name Coder does not count, a body that is not JSON, or the workspace ID is not a UUID.", body = Response, example = invalid_usage),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller; or `agent_id` names no agent of the workspace.", body = Response, example = examples::not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[post("/workspaces/{workspace}/usage")]
pub(super) async fn post_workspace_usage(
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    path: Params<WorkspacePath>,
    body: JsonBody<Option<PostWorkspaceUsageRequest>>,
) -> ApiResult<HttpResponse> {
    // A JSON `null` body is an empty one, as Go reads it.
    let body = (!has_no_body(&req)).then(|| body.into_inner().map(Option::unwrap_or_default));
    state.call_as(session, move |s, caller| Ok(service::record_usage(s, &caller, path.get()?.workspace, body)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
