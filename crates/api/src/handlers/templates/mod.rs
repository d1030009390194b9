//! `Templates` operations: find the templates workspaces can be built from.

include!(concat!(env!("OUT_DIR"), "/handlers/templates.rs"));

use actix_web::{get, web, HttpResponse};
use workspaced_sdk::{Response, Template};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, TemplatePath};
use crate::handlers::{examples, CommonErrors};
use crate::services::templates as service;
use crate::{convert, AppState};

crate::handlers::route!(500, get_all_templates);
/// Get all templates
///
/// The templates of the organizations the caller belongs to (every template for a site
/// owner), by name.
#[utoipa::path(
    tag = "Templates",
    operation_id = "get-all-templates",
    responses(
        (status = 200, description = "The templates the caller may use.", body = Vec<Template>),
        CommonErrors,
    ),
)]
#[get("/templates")]
pub(super) async fn get_all_templates(state: web::Data<AppState>, session: Session) -> ApiResult<HttpResponse> {
    let templates = state
        .read_as(session, move |s, caller| Ok(service::list(s, &caller)?.iter().map(convert::template).collect::<Vec<_>>()))
        .await?;
    Ok(HttpResponse::Ok().json(templates))
}

crate::handlers::route!(510, get_template_settings_by_id);
/// Get template settings by ID
#[utoipa::path(
    tag = "Templates",
    operation_id = "get-template-settings-by-id",
    params(TemplatePath),
    responses(
        (status = 200, description = "The template.", body = Template),
        (status = 400, description = "The template ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such template, or not in one of the caller's organizations.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/templates/{template}")]
pub(super) async fn get_template_settings_by_id(
    state: web::Data<AppState>,
    session: Session,
    path: Params<TemplatePath>,
) -> ApiResult<HttpResponse> {
    let template = state
        .read_as(session, move |s, caller| Ok(convert::template(&service::get(s, &caller, path.get()?.template)?)))
        .await?;
    Ok(HttpResponse::Ok().json(template))
}
