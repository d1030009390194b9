//! A workspace's ACL: the users and groups it is shared with, and their role.

use diesel::prelude::*;
use uuid::Uuid;

use crate::models::{WorkspaceGroupAcl, WorkspaceUserAcl};
use crate::schema::{workspace_group_acl, workspace_user_acl};
use crate::types::{AclRole, Txt};
use crate::{Store, StoreResult};

impl Store {
    /// Grants `role` on the workspace to the user, replacing any role it had; `None` removes
    /// the grant.
    pub fn set_workspace_user_role(&self, workspace_id: Uuid, user_id: Uuid, role: Option<AclRole>) -> StoreResult<()> {
        self.write(|c| {
            diesel::delete(
                workspace_user_acl::table
                    .filter(workspace_user_acl::workspace_id.eq(Txt::from(workspace_id)))
                    .filter(workspace_user_acl::user_id.eq(Txt::from(user_id))),
            )
            .execute(c)?;
            if let Some(role) = role {
                diesel::insert_into(workspace_user_acl::table)
                    .values(WorkspaceUserAcl { workspace_id, user_id, role })
                    .execute(c)?;
            }
            super::touch(c, workspace_id)
        })
    }

    /// Grants `role` on the workspace to the group, replacing any role it had; `None`
    /// removes the grant.
    pub fn set_workspace_group_role(&self, workspace_id: Uuid, group_id: Uuid, role: Option<AclRole>) -> StoreResult<()> {
        self.write(|c| {
            diesel::delete(
                workspace_group_acl::table
                    .filter(workspace_group_acl::workspace_id.eq(Txt::from(workspace_id)))
                    .filter(workspace_group_acl::group_id.eq(Txt::from(group_id))),
            )
            .execute(c)?;
            if let Some(role) = role {
                diesel::insert_into(workspace_group_acl::table)
                    .values(WorkspaceGroupAcl { workspace_id, group_id, role })
                    .execute(c)?;
            }
            super::touch(c, workspace_id)
        })
    }
}
