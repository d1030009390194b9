//! `POST /workspaces/{workspace}/builds`.

use actix_web::{post, web, HttpResponse};
use chrono::Utc;
use workspaced_sdk::{CreateWorkspaceBuildRequest, Response, WorkspaceBuild};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::builds as service;
use crate::{convert, AppState};

crate::handlers::route!(400, create_workspace_build);
/// Create workspace build
///
/// Queues a `start`, `stop` or `delete` build, run by the provisioner; a completed `delete`
/// build deletes the workspace. Starting and stopping need the `use` role on a shared
/// workspace, deleting `admin`. Coder answers 201 Created.
#[utoipa::path(
    tag = "Builds",
    operation_id = "create-workspace-build",
    params(WorkspacePath),
    request_body(content = CreateWorkspaceBuildRequest, description = "Create workspace build request"),
    responses(
        (status = 201, description = "The build was queued.", body = WorkspaceBuild),
        (status = 400, description = "Invalid body, transition, template version or parameters, or the workspace ID is not a UUID.", body = Response, example = examples::invalid_transition),
        (status = 403, description = "The caller may see the workspace but not do this to it.", body = Response, example = examples::forbidden_delete),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        (status = 409, description = "A build is still active, or the workspace was deleted.", body = Response, example = examples::build_active),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[post("/workspaces/{workspace}/builds")]
pub(super) async fn create_workspace_build(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<CreateWorkspaceBuildRequest>,
) -> ApiResult<HttpResponse> {
    let build = state
        .call_as(session, move |s, caller| {
            let agg = service::create(s, &caller, path.get()?.workspace, body.into_inner())?;
            Ok(convert::workspace_build(&agg, Utc::now()))
        })
        .await?;
    state.provisioner_wake.notify_one();
    Ok(HttpResponse::Created().json(build))
}
