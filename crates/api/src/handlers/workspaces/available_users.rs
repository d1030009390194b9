//! `GET /organizations/{organization}/members/{user}/workspaces/available-users`: whom the
//! caller may create workspaces for (the owner picker of the create form).

use actix_web::{get, web, HttpResponse};
use serde_json::Value;
use workspaced_sdk::{MinimalUser, Response};

use crate::auth::Session;
use crate::error::{ApiError, ApiResult};
use crate::handlers::params::{AvailableUsersQuery, OrganizationMember, OrganizationMemberPath, Params};
use crate::handlers::{examples, CommonErrors};
use crate::services::sharing as service;
use crate::{convert, AppState};

fn invalid_search() -> Value {
    let e = ApiError::bad_request("Invalid user search query.")
        .validation("color", "Query param \"color\" is not a valid query param");
    serde_json::to_value(e.body).unwrap_or_default()
}

crate::handlers::route!(210, get_users_available_for_workspace_creation);
/// Get users available for workspace creation
///
/// The members of the organization the caller may create workspaces for, by username:
/// every member for callers who may create workspaces for others (site owners), the
/// caller alone otherwise. `q` searches usernames and emails (`search:`, bare words) and
/// filters by `status:`.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "get-users-available-for-workspace-creation",
    params(OrganizationMemberPath, AvailableUsersQuery),
    responses(
        (status = 200, description = "The users, by username.", body = Vec<MinimalUser>),
        (status = 400, description = "Invalid search query or pagination parameters, or an unknown user.", body = Response, example = invalid_search),
        (status = 404, description = "The organization does not exist or is not visible to the caller, or the user is not a member of it.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/organizations/{organization}/members/{user}/workspaces/available-users")]
pub(super) async fn get_users_available_for_workspace_creation(
    state: web::Data<AppState>,
    session: Session,
    path: Params<OrganizationMember>,
    query: Params<AvailableUsersQuery>,
) -> ApiResult<HttpResponse> {
    let users = state
        .read_as(session, move |s, caller| {
            let (path, query) = (path.get()?, query.get()?);
            let q = query.q.as_deref().unwrap_or_default();
            let users = service::available_users(s, &caller, &path.organization, &path.user, q, query.page())?;
            Ok(users.iter().map(convert::minimal_user).collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(users))
}
