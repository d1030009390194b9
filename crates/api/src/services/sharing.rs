//! Sharing: a workspace's ACL (who besides its owner may use or administer it; Coder's
//! `workspaceACL`, `patchWorkspaceACL`, `deleteWorkspaceACL` and `acl.Validate`), and the
//! users a caller may create workspaces for.

use std::collections::BTreeMap;

use uuid::Uuid;
use workspaced_sdk::wire::Lenient;
use workspaced_sdk::{UpdateWorkspaceACL, ValidationError, WorkspaceRole};
use workspaced_store::models::User;
use workspaced_store::types::AclRole;
use workspaced_store::{AclChange, Store, UserFilter, WorkspaceAcl, WorkspaceAction};

use super::users::{resolve_organization, resolve_user};
use super::Caller;
use super::{Failure, Outcome, Page};
use crate::go::go_quote;
use crate::search::parse_user_query;

/// `GET /workspaces/{workspace}/acl`: for callers who may manage the ACL (the owner, site
/// owners, sharees with `admin`); others who can see the workspace get 403.
pub fn get_acl(store: &Store, caller: &Caller, id: Uuid) -> Outcome<WorkspaceAcl> {
    store.workspace_for(&caller.actor(), id, WorkspaceAction::ManageAcl)??;
    Ok(store.workspace_acl(id)?)
}

/// `DELETE /workspaces/{workspace}/acl`: removes every user and group entry.
pub fn clear_acl(store: &Store, caller: &Caller, id: Uuid) -> Outcome<()> {
    store.workspace_for(&caller.actor(), id, WorkspaceAction::ManageAcl)??;
    Ok(store.clear_workspace_acl(id)?)
}

const USERS_FIELD: &str = "user_roles";
const GROUPS_FIELD: &str = "group_roles";

/// The message of a refused ACL update (with one validation per problem).
pub const INVALID_ACL_MESSAGE: &str = "Invalid request to update workspace ACL";

/// One side (users or groups) of an update, checked: the valid changes and the problems.
struct Checked {
    changes: Vec<AclChange>,
    /// Ids given a role (not removed), whose existence is still to be checked.
    granted: Vec<Uuid>,
}

/// Coder's per-entry checks of one map, in key order: the role must be a workspace role
/// (`""` removes), the key a UUID.
fn check_entries(entries: &BTreeMap<String, Lenient<WorkspaceRole>>, field: &str, errors: &mut Vec<ValidationError>) -> Checked {
    let mut out = Checked { changes: Vec::new(), granted: Vec::new() };
    for (key, role) in entries {
        if let Lenient::Unknown(raw) = role {
            errors.push(ValidationError::new(field, format!("role {} is not a valid workspace role", go_quote(raw))));
        }
        let role = role.known().copied();
        let Ok(id) = crate::go::parse_coder_uuid(key) else {
            errors.push(ValidationError::new(field, format!("{key} is not a valid UUID.")));
            continue;
        };
        match role {
            Some(WorkspaceRole::Deleted) => out.changes.push((id, None)),
            Some(WorkspaceRole::Admin) => {
                out.changes.push((id, Some(AclRole::Admin)));
                out.granted.push(id);
            }
            Some(WorkspaceRole::Use) => {
                out.changes.push((id, Some(AclRole::Use)));
                out.granted.push(id);
            }
            // An unknown role is already reported; its id is still checked, as in Coder.
            None => out.granted.push(id),
        }
    }
    out
}

/// `PATCH /workspaces/{workspace}/acl`: gives each user and group its role, or removes
/// it (`""`). Every problem is reported at once (groups first, as Coder does): a role that
/// is not `admin`, `use` or `""`, a key that is not a UUID, an id given a role that names
/// no user or group, and the workspace's owner given a role (the owner always holds every
/// right; a role would mean nothing).
/// The ids and roles are read from any strings (a `null` role as `""`), as Go reads them.
pub fn update_acl(store: &Store, caller: &Caller, id: Uuid, body: Outcome<UpdateWorkspaceACL>) -> Outcome<()> {
    let agg = store.workspace_for(&caller.actor(), id, WorkspaceAction::ManageAcl)??;
    let ws = &agg.workspace;
    let body = body?;
    let mut errors = Vec::new();
    let groups = check_entries(&body.group_roles, GROUPS_FIELD, &mut errors);
    let known = store.existing_group_ids(&groups.granted)?;
    for g in groups.granted.iter().filter(|g| !known.contains(g)) {
        errors.push(ValidationError::new(GROUPS_FIELD, format!("group with ID {g} does not exist")));
    }
    let users = check_entries(&body.user_roles, USERS_FIELD, &mut errors);
    let known = store.existing_user_ids(&users.granted)?;
    for u in users.granted.iter().filter(|u| !known.contains(u)) {
        errors.push(ValidationError::new(USERS_FIELD, format!("user with ID {u} does not exist")));
    }
    if users.granted.contains(&ws.owner_id) {
        errors.push(ValidationError::new(USERS_FIELD, owner_detail(ws.owner_id)));
    }
    if !errors.is_empty() {
        return Err(Failure::invalid(INVALID_ACL_MESSAGE).validations(errors));
    }
    Ok(store.update_workspace_acl(id, &users.changes, &groups.changes)?)
}

fn owner_detail(owner: Uuid) -> String {
    format!("user with ID {owner} owns the workspace and cannot be given a role")
}

/// Example of a refused ACL update.
pub fn invalid_acl_example() -> Failure {
    Failure::invalid(INVALID_ACL_MESSAGE)
        .validation(GROUPS_FIELD, "role \"owner\" is not a valid workspace role")
        .validation(USERS_FIELD, "user with ID 5a1e3c6d-8f2b-4f7e-9c0d-2b4a6e8f1c3d does not exist")
}

/// `GET /organizations/{organization}/members/{user}/workspaces/available-users`: the
/// members of the organization the caller may create workspaces for, matching `q`, by
/// username. Callers who may create workspaces for others (site owners) get every member;
/// others only themselves.
pub fn available_users(
    store: &Store,
    caller: &Caller,
    organization: &str,
    user: &str,
    q: &str,
    page: Page,
) -> Outcome<Vec<User>> {
    let org = resolve_organization(store, caller, organization)?;
    let member = resolve_user(store, &caller.user, user)?;
    if !store.is_organization_member(org.id, member.id)? {
        return Err(Failure::missing());
    }
    let search = parse_user_query(q).map_err(|errors| {
        Failure::invalid("Invalid user search query.")
            .validations(errors.into_iter().map(|e| ValidationError::new(e.field, e.detail)).collect())
    })?;
    let filter = UserFilter {
        search: search.search,
        status: search.status,
        ids: if caller.actor().may_create_workspaces_for_others() { Vec::new() } else { vec![caller.user.id] },
    };
    Ok(store.organization_members(org.id, &filter, page.offset, page.limit)?)
}
