//! A workspace's ACL: the users and groups it is shared with, and their role.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use crate::models::{Group, Organization, User, WorkspaceGroupAcl, WorkspaceUserAcl};
use crate::schema::{api_keys, group_members, groups, organizations, users, workspace_group_acl, workspace_user_acl};
use crate::types::{AclRole, Txt};
use crate::{Store, StoreError, StoreResult};

impl Store {
    /// Grants `role` on the workspace to the user, replacing any role it had; `None` removes
    /// the grant.
    pub fn set_workspace_user_role(&self, workspace_id: Uuid, user_id: Uuid, role: Option<AclRole>) -> StoreResult<()> {
        self.update_workspace_acl(workspace_id, &[(user_id, role)], &[])
    }

    /// Grants `role` on the workspace to the group, replacing any role it had; `None`
    /// removes the grant.
    pub fn set_workspace_group_role(&self, workspace_id: Uuid, group_id: Uuid, role: Option<AclRole>) -> StoreResult<()> {
        self.update_workspace_acl(workspace_id, &[], &[(group_id, role)])
    }
}

/// A workspace's ACL as `GET /workspaces/{workspace}/acl` shows it.
#[derive(Debug, Clone)]
pub struct WorkspaceAcl {
    /// The (non-deleted) users holding a role, by username.
    pub users: Vec<(User, AclRole)>,
    /// The groups holding a role, by name.
    pub groups: Vec<GroupGrant>,
}

/// A group holding a role on a workspace, with its organization and members.
#[derive(Debug, Clone)]
pub struct GroupGrant {
    pub group: Group,
    pub organization: Organization,
    pub role: AclRole,
    /// Its members (non-deleted users, by username), each with when it last used a token.
    pub members: Vec<(User, Option<NaiveDateTime>)>,
}

/// One change of an ACL update: a user or group id and its new role (`None` removes it).
pub type AclChange = (Uuid, Option<AclRole>);

impl Store {
    /// Applies an ACL update in one transaction: each id gets its new role or loses its
    /// entry. The ids were checked by the caller (unknown ones only ever lose an entry).
    pub fn update_workspace_acl(&self, workspace_id: Uuid, users: &[AclChange], groups: &[AclChange]) -> StoreResult<()> {
        self.write(|c| {
            let ws = Txt::from(workspace_id);
            for &(user_id, role) in users {
                diesel::delete(
                    workspace_user_acl::table
                        .filter(workspace_user_acl::workspace_id.eq(ws.clone()))
                        .filter(workspace_user_acl::user_id.eq(Txt::from(user_id))),
                )
                .execute(c)?;
                if let Some(role) = role {
                    diesel::insert_into(workspace_user_acl::table)
                        .values(WorkspaceUserAcl { workspace_id, user_id, role })
                        .execute(c)?;
                }
            }
            for &(group_id, role) in groups {
                diesel::delete(
                    workspace_group_acl::table
                        .filter(workspace_group_acl::workspace_id.eq(ws.clone()))
                        .filter(workspace_group_acl::group_id.eq(Txt::from(group_id))),
                )
                .execute(c)?;
                if let Some(role) = role {
                    diesel::insert_into(workspace_group_acl::table)
                        .values(WorkspaceGroupAcl { workspace_id, group_id, role })
                        .execute(c)?;
                }
            }
            Ok(())
        })
    }

    /// Removes every user and group entry of the workspace's ACL.
    pub fn clear_workspace_acl(&self, workspace_id: Uuid) -> StoreResult<()> {
        self.write(|c| {
            diesel::delete(workspace_user_acl::table.filter(workspace_user_acl::workspace_id.eq(Txt::from(workspace_id))))
                .execute(c)?;
            diesel::delete(workspace_group_acl::table.filter(workspace_group_acl::workspace_id.eq(Txt::from(workspace_id))))
                .execute(c)?;
            Ok(())
        })
    }

    /// The workspace's ACL with everything its response shows, read in one snapshot.
    pub fn workspace_acl(&self, workspace_id: Uuid) -> StoreResult<WorkspaceAcl> {
        self.snapshot(|c| {
            let ws = Txt::from(workspace_id);
            let users: Vec<(User, AclRole)> = workspace_user_acl::table
                .inner_join(users::table)
                .filter(workspace_user_acl::workspace_id.eq(ws.clone()))
                .filter(diesel::dsl::not(users::deleted))
                .order(users::username)
                .select((User::as_select(), workspace_user_acl::role))
                .load(c)?;
            let grants: Vec<(Group, AclRole)> = workspace_group_acl::table
                .inner_join(groups::table)
                .filter(workspace_group_acl::workspace_id.eq(ws))
                .order(groups::name)
                .select((Group::as_select(), workspace_group_acl::role))
                .load(c)?;
            if grants.is_empty() {
                return Ok(WorkspaceAcl { users, groups: Vec::new() });
            }
            let group_keys: Vec<Txt> = grants.iter().map(|(g, _)| Txt::from(g.id)).collect();
            let members: Vec<(Uuid, User)> = group_members::table
                .inner_join(users::table)
                .filter(group_members::group_id.eq_any(group_keys))
                .filter(diesel::dsl::not(users::deleted))
                .order(users::username)
                .select((group_members::group_id, User::as_select()))
                .load(c)?;
            let member_keys: Vec<Txt> = members.iter().map(|(_, u)| Txt::from(u.id)).collect();
            let mut last_seen: HashMap<Uuid, NaiveDateTime> = HashMap::new();
            if !member_keys.is_empty() {
                let uses: Vec<(Uuid, NaiveDateTime)> = api_keys::table
                    .filter(api_keys::user_id.eq_any(member_keys))
                    .select((api_keys::user_id, api_keys::last_used))
                    .load(c)?;
                for (user, used) in uses {
                    let seen = last_seen.entry(user).or_insert(used);
                    *seen = (*seen).max(used);
                }
            }
            let org_keys: Vec<Txt> = grants.iter().map(|(g, _)| Txt::from(g.organization_id)).collect();
            let orgs: HashMap<Uuid, Organization> = organizations::table
                .filter(organizations::id.eq_any(org_keys))
                .select(Organization::as_select())
                .load(c)?
                .into_iter()
                .map(|o: Organization| (o.id, o))
                .collect();
            let mut by_group: HashMap<Uuid, Vec<(User, Option<NaiveDateTime>)>> = HashMap::new();
            for (group, user) in members {
                let seen = last_seen.get(&user.id).copied();
                by_group.entry(group).or_default().push((user, seen));
            }
            let groups = grants
                .into_iter()
                .map(|(group, role)| {
                    let organization = orgs.get(&group.organization_id).cloned().ok_or_else(|| {
                        StoreError::Corrupt(format!("organization {} of group {} is missing", group.organization_id, group.id))
                    })?;
                    let members = by_group.remove(&group.id).unwrap_or_default();
                    Ok(GroupGrant { group, organization, role, members })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            Ok(WorkspaceAcl { users, groups })
        })
    }

    /// Which of these ids name a (non-deleted) user.
    pub fn existing_user_ids(&self, ids: &[Uuid]) -> StoreResult<HashSet<Uuid>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        self.read(|c| {
            let found: Vec<Uuid> = users::table
                .filter(users::id.eq_any(ids.iter().map(Txt::from).collect::<Vec<_>>()))
                .filter(diesel::dsl::not(users::deleted))
                .select(users::id)
                .load(c)?;
            Ok(found.into_iter().collect())
        })
    }

    /// Which of these ids name a group.
    pub fn existing_group_ids(&self, ids: &[Uuid]) -> StoreResult<HashSet<Uuid>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        self.read(|c| {
            let found: Vec<Uuid> = groups::table
                .filter(groups::id.eq_any(ids.iter().map(Txt::from).collect::<Vec<_>>()))
                .select(groups::id)
                .load(c)?;
            Ok(found.into_iter().collect())
        })
    }
}
