//! `Workspaces` operations, one file per operation (or per pair of routes): create, get by
//! id and by owner and name, list with `q`, rename.

mod autostart;
mod create;
mod extend;
mod get;
mod list;
mod resolve_autostart;
mod timings;
mod ttl;
mod update;

use chrono::Utc;
use utoipa_actix_web::service_config::ServiceConfig;
use workspaced_store::WorkspaceAggregate;

use crate::auth::Caller;
use crate::convert;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create::create_user_workspace_by_organization)
        .service(create::create_user_workspace)
        .service(get::get_workspace_by_owner_and_name)
        .service(list::list_workspaces)
        .service(get::get_workspace)
        .service(update::update_workspace)
        .service(autostart::update_workspace_autostart)
        .service(ttl::update_workspace_ttl)
        .service(extend::extend_workspace_deadline)
        .service(resolve_autostart::resolve_workspace_autostart)
        .service(timings::get_workspace_timings);
}

/// A workspace as the caller sees it (`favorite` is personal).
fn response(agg: &WorkspaceAggregate, caller: &Caller) -> workspaced_sdk::Workspace {
    convert::workspace(agg, caller.user.id, Utc::now())
}
