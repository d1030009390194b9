//! Resolving the users and organizations that paths name.

use uuid::Uuid;
use workspaced_store::models::{Organization, User};
use workspaced_store::Store;

use super::{Failure, Outcome};
use super::Caller;

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
pub fn resolve_user(store: &Store, caller: &User, raw: &str) -> Outcome<User> {
    let found = match UserRef::parse(raw) {
        UserRef::Me => return Ok(caller.clone()),
        UserRef::Id(id) => store.user_by_id(id)?,
        UserRef::Name(name) => store.user_by_username(&name)?,
    };
    found.ok_or_else(|| {
        Failure::invalid("\"user\" must be an existing uuid or username.")
            .detail(format!("no user is called or has the id {raw:?}"))
    })
}

/// The organization a path names by id or name, if it exists and the caller may see it
/// (`Store::may_see_organization`); otherwise 404.
pub fn resolve_organization(store: &Store, caller: &Caller, raw: &str) -> Outcome<Organization> {
    let org = match crate::go::parse_coder_uuid(raw) {
        Ok(id) => store.organization_by_id(id)?,
        Err(_) => store.organization_by_name(raw)?,
    };
    let org = org.ok_or_else(Failure::missing)?;
    if !store.may_see_organization(&caller.actor(), org.id)? {
        return Err(Failure::missing());
    }
    Ok(org)
}
