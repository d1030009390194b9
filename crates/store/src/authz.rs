//! The authorization rule: which workspaces a caller may read or act on. It is one SQL
//! predicate over the `workspaces` row (Coder's "authorized SQL filter"), used by every
//! query that returns or changes a workspace on a caller's behalf: the list, the lookup by
//! id and by owner and name, and the check before any change. Nothing else decides it.
//!
//! - Site owners may do everything.
//! - The workspace's owner may do everything.
//! - A user holding an ACL role on the workspace, directly or through a group, may do what
//!   that role grants ([`WorkspaceAction::granted_by`]): `use` reads, starts and stops;
//!   `admin` also updates, deletes and manages the ACL.
//! - Nobody else may do anything: the API answers 404 for what a caller may not read, and
//!   403 for what it may read but not do.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use uuid::Uuid;

use crate::schema::workspaces;
use crate::types::{AclRole, SiteRole};
use crate::MultiBackend;

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub site_role: SiteRole,
}

/// What the actor wants to do with a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkspaceAction {
    /// See it in the list and by id or name.
    Read,
    /// Start or stop it.
    StartStop,
    /// Change its settings (name, schedules, …).
    Update,
    /// Delete it.
    Delete,
    /// Change who it is shared with.
    ManageAcl,
}

impl WorkspaceAction {
    /// The ACL roles that grant this action to a user who is neither the owner of the
    /// workspace nor a site owner.
    pub fn granted_by(self) -> &'static [AclRole] {
        match self {
            WorkspaceAction::Read | WorkspaceAction::StartStop => &[AclRole::Use, AclRole::Admin],
            WorkspaceAction::Update | WorkspaceAction::Delete | WorkspaceAction::ManageAcl => &[AclRole::Admin],
        }
    }

    /// The same list as SQL text literals (constant per action, so statements stay cacheable).
    fn roles_sql(self) -> &'static str {
        match self {
            WorkspaceAction::Read | WorkspaceAction::StartStop => "('use', 'admin')",
            WorkspaceAction::Update | WorkspaceAction::Delete | WorkspaceAction::ManageAcl => "('admin')",
        }
    }
}

pub(crate) type WorkspacePredicate = Box<dyn BoxableExpression<workspaces::table, MultiBackend, SqlType = Bool>>;

impl Actor {
    /// Site owners may do everything.
    pub fn is_site_owner(&self) -> bool {
        self.site_role == SiteRole::Owner
    }

    /// The rule as a predicate on `workspaces`: true for the rows this actor may `action`.
    pub(crate) fn may(&self, action: WorkspaceAction) -> WorkspacePredicate {
        if self.is_site_owner() {
            return Box::new(sql::<Bool>("1 = 1"));
        }
        let roles = action.roles_sql();
        let user = self.user_id.to_string();
        Box::new(
            sql::<Bool>("(workspaces.owner_id = ")
                .bind::<Text, _>(user.clone())
                .sql(&format!(
                    " OR EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id AND a.role IN {roles} AND a.user_id = "
                ))
                .bind::<Text, _>(user.clone())
                .sql(&format!(
                    ") OR EXISTS (SELECT 1 FROM workspace_group_acl g JOIN group_members m ON m.group_id = g.group_id \
                     WHERE g.workspace_id = workspaces.id AND g.role IN {roles} AND m.user_id = "
                ))
                .bind::<Text, _>(user)
                .sql("))"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_sql_lists_exactly_the_granting_roles() {
        for action in [
            WorkspaceAction::Read,
            WorkspaceAction::StartStop,
            WorkspaceAction::Update,
            WorkspaceAction::Delete,
            WorkspaceAction::ManageAcl,
        ] {
            let listed: Vec<String> = action.granted_by().iter().map(|r| format!("'{}'", r.as_str())).collect();
            assert_eq!(action.roles_sql(), format!("({})", listed.join(", ")), "{action:?}");
        }
    }
}
