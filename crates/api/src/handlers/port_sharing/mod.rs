//! `PortSharing` operations: share an agent's port beyond the workspace's owner (create or
//! change), list the shares (by the page's path and by the newer one), and remove one.

mod delete;
mod list;
mod upsert;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(upsert::upsert_workspace_agent_port_share)
        .service(list::get_workspace_agent_port_shares)
        .service(list::get_workspace_agent_port_shares_older_path)
        .service(delete::delete_workspace_agent_port_share);
}
