//! `GET /buildinfo`: what a client needs to know about this server. Public, as in Coder.

use actix_web::{get, web, HttpRequest, HttpResponse};
use workspaced_sdk::BuildInfoResponse;

use crate::error::ApiResult;
use crate::handlers::CommonErrors;
use crate::AppState;

crate::handlers::route!(700, build_info);
/// Build info
///
/// The server's version and the API versions it speaks. Needs no session. The deployment
/// id is the id of the organization made at the first start.
#[utoipa::path(
    tag = "General",
    operation_id = "build-info",
    responses(
        (status = 200, description = "The server's build information.", body = BuildInfoResponse),
        CommonErrors,
    ),
)]
#[get("/buildinfo")]
pub(super) async fn build_info(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let info = req.connection_info();
    let dashboard_url = format!("{}://{}", info.scheme(), info.host());
    let deployment_id = state
        .db(|s| s.default_organization())
        .await?
        .map(|o| o.id.to_string())
        .unwrap_or_default();
    Ok(HttpResponse::Ok().json(BuildInfoResponse {
        agent_api_version: "2.0".into(),
        dashboard_url,
        deployment_id,
        external_url: env!("CARGO_PKG_REPOSITORY").into(),
        provisioner_api_version: "1.0".into(),
        telemetry: false,
        upgrade_message: String::new(),
        version: concat!("v", env!("CARGO_PKG_VERSION")).into(),
        workspace_proxy: false,
    }))
}
