//! `GET /workspaces`: a page of the workspaces the caller may see, filtered by `q`.

use actix_web::{get, web, HttpResponse};
use chrono::Utc;
use workspaced_sdk::{Response, WorkspacesResponse};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::etag::Conditional;
use crate::handlers::params::{ListWorkspacesQuery, Params};
use crate::handlers::{examples, CommonErrors};
use crate::services::workspaces as service;
use crate::AppState;

crate::handlers::route!(110, list_workspaces);
/// List workspaces
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "list-workspaces",
    params(ListWorkspacesQuery, Conditional),
    responses(
        (status = 200, description = "A page of the workspaces the caller may see, and how many match in all.", body = WorkspacesResponse, headers(("ETag" = String, description = "The entity tag of this representation; send it back in `If-None-Match` to get 304 while it is current."))),
        (status = 304, description = "Not modified: the `If-None-Match` tag is the current representation's (no body).", headers(("ETag" = String, description = "The current entity tag (the one matched)."))),
        (status = 400, description = "Invalid search query or pagination parameters.", body = Response, example = examples::invalid_search),
        CommonErrors,
    ),
)]
#[get("/workspaces")]
pub(super) async fn list_workspaces(state: web::Data<AppState>, session: Session, query: Params<ListWorkspacesQuery>, conditional: Conditional) -> ApiResult<HttpResponse> {
    let bodies = state.bodies.clone();
    let page = state
        .read_as(session, move |s, caller| {
            let query = query.get()?;
            let (aggs, count) = service::list(s, &caller, query.q.as_deref().unwrap_or_default(), query.page())?;
            bodies.workspaces_response(&aggs, count, caller.user.id, Utc::now())
        })
        .await?;
    Ok(conditional.respond(page))
}
