//! First start: on an empty database, create the default organization `coder`, the owner
//! `admin`, the template `starter` (one echo-provisioned version: one container with agent
//! `main` serving two apps) and a token for `admin`.

use chrono::Duration;
use workspaced_store::models::{Template, User};
use workspaced_store::types::SiteRole;
use workspaced_store::{NewTemplate, NewUser, Store, StoreResult};

/// What the first start made (the token is shown once).
pub struct Bootstrap {
    pub admin: User,
    pub token: String,
    pub template: Template,
}

/// Lifetime of the token printed on first start.
pub const ADMIN_TOKEN_LIFETIME_DAYS: i64 = 30;

/// Seeds an empty database; returns `None` when it already holds data.
pub fn first_start(store: &Store) -> StoreResult<Option<Bootstrap>> {
    if !store.is_empty()? {
        return Ok(None);
    }
    let org = store.create_organization("coder", "Coder", true)?;
    let admin = store.create_user(&NewUser {
        username: "admin".into(),
        email: "admin@example.com".into(),
        name: "Admin".into(),
        site_role: SiteRole::Owner,
    })?;
    let mut t = NewTemplate::new(org.id, "starter", admin.id);
    t.display_name = "Starter".into();
    t.description = "A container with code-server and a terminal, provisioned by the built-in echo provisioner.".into();
    t.icon = "/icon/docker.png".into();
    let (template, _version) = store.create_template(&t)?;
    let token = crate::auth::create_token(store, admin.id, Duration::days(ADMIN_TOKEN_LIFETIME_DAYS), "bootstrap")
        .map_err(|e| workspaced_store::StoreError::Database(e.to_string()))?;
    Ok(Some(Bootstrap { admin, token, template }))
}
