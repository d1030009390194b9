//! `GET /workspaces/{workspace}/builds`.

use actix_web::{get, web, HttpResponse};
use chrono::Utc;
use workspaced_sdk::{Response, WorkspaceBuild};
use workspaced_store::BuildPage;

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{BuildsPage, BuildsQuery, Params, WorkspacePath};
use crate::handlers::{examples, CommonErrors};
use crate::services::builds as service;
use crate::{convert, AppState};

crate::handlers::route!(410, get_workspace_builds_by_workspace_id);
/// Get workspace builds by workspace ID
///
/// The workspace's builds, newest first.
#[utoipa::path(
    tag = "Builds",
    operation_id = "get-workspace-builds-by-workspace-id",
    params(WorkspacePath, BuildsQuery),
    responses(
        (status = 200, description = "A page of the workspace's builds.", body = Vec<WorkspaceBuild>),
        (status = 400, description = "Bad pagination parameters, an unknown `after_id`, or the workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/builds")]
pub(super) async fn get_workspace_builds_by_workspace_id(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    query: Params<BuildsPage>,
) -> ApiResult<HttpResponse> {
    let builds = state
        .read_as(session, move |s, caller| {
            let (id, q) = (path.get()?.workspace, query.get()?);
            let page = BuildPage {
                after_id: q.after_id,
                since: q.since.map(|t| t.naive_utc()),
                offset: q.offset.into(),
                limit: q.limit.into(),
            };
            let (agg, builds) = service::list(s, &caller, id, &page)?;
            let now = Utc::now();
            Ok(builds.iter().map(|b| convert::build(&agg, b, now)).collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(builds))
}
