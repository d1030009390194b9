//! `Builds` operations: start, stop or delete a workspace, and its build history.

mod create;
mod list;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create::create_workspace_build).service(list::get_workspace_builds_by_workspace_id);
}
