//! `Workspaces` operations, one file per operation (or per pair of routes): create, get by
//! id and by owner and name, list with `q`, rename.

mod acl;
mod autostart;
mod autoupdates;
mod available_users;
mod create;
mod dormant;
mod extend;
mod favorite;
mod get;
mod list;
mod resolve_autostart;
mod timings;
mod ttl;
mod update;
mod usage;
mod watch;

use chrono::Utc;
use utoipa_actix_web::service_config::ServiceConfig;
use workspaced_store::WorkspaceAggregate;

use crate::auth::Caller;
use crate::convert;

pub fn configure(cfg: &mut ServiceConfig) {
    // The reads most asked for first: actix tries the routes in this order, matching each
    // pattern with a `{…}` segment by a regular expression (none of these paths overlap).
    cfg.service(get::get_workspace)
        .service(list::list_workspaces)
        .service(get::get_workspace_by_owner_and_name)
        .service(create::create_user_workspace_by_organization)
        .service(create::create_user_workspace)
        .service(update::update_workspace)
        .service(autostart::update_workspace_autostart)
        .service(ttl::update_workspace_ttl)
        .service(extend::extend_workspace_deadline)
        .service(resolve_autostart::resolve_workspace_autostart)
        .service(timings::get_workspace_timings);
    // Sharing and the workspace's own settings.
    cfg.service(available_users::get_users_available_for_workspace_creation)
        .service(acl::get_workspace_acls)
        .service(acl::update_workspace_acl)
        .service(acl::delete_workspace_acl)
        .service(favorite::favorite_workspace)
        .service(favorite::unfavorite_workspace)
        .service(autoupdates::update_workspace_automatic_updates)
        .service(usage::post_workspace_usage)
        .service(dormant::update_workspace_dormancy);
    // Live updates.
    cfg.service(watch::watch_workspace_by_id).service(watch::watch_workspace_by_id_via_websockets);
}

/// A workspace as the caller sees it (`favorite` is personal).
fn response(agg: &WorkspaceAggregate, caller: &Caller) -> workspaced_sdk::Workspace {
    convert::workspace(agg, caller.user.id, Utc::now())
}
