//! Resolving the users and organizations that paths name.

use uuid::Uuid;
use workspaced_store::models::{Organization, User};
use workspaced_store::Store;

use crate::error::{ApiError, ApiResult};

/// How a path names a user: `me`, a UUID or a username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserRef {
    Me,
    Id(Uuid),
    Name(String),
}

impl UserRef {
    pub fn parse(raw: &str) -> UserRef {
        if raw == "me" {
            UserRef::Me
        } else {
            match crate::go::parse_coder_uuid(raw) {
                Ok(id) => UserRef::Id(id),
                Err(_) => UserRef::Name(raw.to_owned()),
            }
        }
    }
}

/// The user a path names (400 in Coder's words when there is none).
pub fn resolve_user(store: &Store, caller: &User, raw: &str) -> ApiResult<User> {
    let found = match UserRef::parse(raw) {
        UserRef::Me => return Ok(caller.clone()),
        UserRef::Id(id) => store.user_by_id(id)?,
        UserRef::Name(name) => store.user_by_username(&name)?,
    };
    found.ok_or_else(|| {
        ApiError::bad_request("\"user\" must be an existing uuid or username.")
            .detail(format!("no user is called or has the id {raw:?}"))
    })
}

/// The organization a path names by id or name, if it exists and the caller belongs to it
/// (site owners belong everywhere); otherwise 404.
pub fn resolve_organization(store: &Store, caller: &User, raw: &str, site_owner: bool) -> ApiResult<Organization> {
    let org = match crate::go::parse_coder_uuid(raw) {
        Ok(id) => store.organization_by_id(id)?,
        Err(_) => store.organization_by_name(raw)?,
    };
    let org = org.ok_or_else(ApiError::not_found)?;
    if !site_owner && !store.is_organization_member(org.id, caller.id)? {
        return Err(ApiError::not_found());
    }
    Ok(org)
}
