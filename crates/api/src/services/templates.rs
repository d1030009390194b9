//! Templates, users and the server's build information, as far as an API explorer needs
//! them to find a template id and who they are.

use uuid::Uuid;
use workspaced_store::models::{Organization, Template, User};
use workspaced_store::Store;

use super::users::resolve_user;
use super::Caller;
use super::{Failure, Outcome};

/// A template with what its answer shows besides its row.
pub struct TemplateView {
    pub template: Template,
    pub created_by_name: String,
    pub organization: Organization,
}

fn with_organizations(store: &Store, rows: Vec<(Template, String)>) -> Outcome<Vec<TemplateView>> {
    let mut orgs: Vec<Organization> = Vec::new();
    rows.into_iter()
        .map(|(template, created_by_name)| {
            let organization = match orgs.iter().find(|o| o.id == template.organization_id) {
                Some(o) => o.clone(),
                None => {
                    let o = store.organization_by_id(template.organization_id)?.ok_or_else(|| {
                        Failure::fault("Internal error fetching template.", "the template's organization is missing")
                    })?;
                    orgs.push(o.clone());
                    o
                }
            };
            Ok(TemplateView { template, created_by_name, organization })
        })
        .collect()
}

/// `GET /templates`: the templates of the caller's organizations (all for a site owner).
pub fn list(store: &Store, caller: &Caller) -> Outcome<Vec<TemplateView>> {
    with_organizations(store, store.templates_visible_to(&caller.actor())?)
}

/// `GET /templates/{template}`: one of them, else 404.
pub fn get(store: &Store, caller: &Caller, id: Uuid) -> Outcome<TemplateView> {
    let rows = store.templates_visible_to(&caller.actor())?;
    let row = rows.into_iter().find(|(t, _)| t.id == id).ok_or_else(Failure::missing)?;
    Ok(with_organizations(store, vec![row])?.remove(0))
}

/// A user with what its answer shows besides its row.
pub struct UserView {
    pub user: User,
    pub organization_ids: Vec<Uuid>,
    pub last_seen_at: chrono::NaiveDateTime,
}

/// `GET /users/{user}`: `me`, a username or an id.
pub fn get_user(store: &Store, caller: &Caller, raw: &str) -> Outcome<UserView> {
    let user = resolve_user(store, &caller.user, raw)?;
    let organization_ids = store.organization_ids_of(user.id)?;
    let last_seen_at = store.user_last_seen(user.id)?.unwrap_or(user.created_at);
    Ok(UserView { user, organization_ids, last_seen_at })
}
