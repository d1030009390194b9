//! `Users` operations: who a user (or the caller, `me`) is.

include!(concat!(env!("OUT_DIR"), "/handlers/users.rs"));

use actix_web::{get, web, HttpResponse};
use workspaced_sdk::{Response, User};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, UserPath};
use crate::handlers::{examples, CommonErrors};
use crate::services::templates as service;
use crate::{convert, AppState};

crate::handlers::route!(600, get_user_by_name);
/// Get user by name
#[utoipa::path(
    tag = "Users",
    operation_id = "get-user-by-name",
    params(UserPath),
    responses(
        (status = 200, description = "The user.", body = User),
        (status = 400, description = "No user has this name or id.", body = Response, example = examples::unknown_user),
        CommonErrors,
    ),
)]
#[get("/users/{user}")]
pub(super) async fn get_user_by_name(state: web::Data<AppState>, session: Session, path: Params<UserPath>) -> ApiResult<HttpResponse> {
    let user = state
        .read_as(session, move |s, caller| Ok(convert::user(&service::get_user(s, &caller, &path.get()?.user)?)))
        .await?;
    Ok(HttpResponse::Ok().json(user))
}
