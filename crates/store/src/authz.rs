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

use diesel::prelude::*;
use diesel::sql_types::Bool;
use uuid::Uuid;

use crate::schema::workspaces;
use crate::types::{AclRole, SiteRole, Txt};
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
    pub fn granted_by(self) -> Grant {
        match self {
            WorkspaceAction::Read | WorkspaceAction::StartStop => Grant::UseOrAdmin,
            WorkspaceAction::Update | WorkspaceAction::Delete | WorkspaceAction::ManageAcl => Grant::Admin,
        }
    }
}

/// Which ACL roles grant an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// `use` or `admin`.
    UseOrAdmin,
    /// `admin` only.
    Admin,
}

pub(crate) type WorkspacePredicate = Box<dyn BoxableExpression<workspaces::table, MultiBackend, SqlType = Bool>>;

/// The rule for a non-owner: `$user()` makes the user's id (a bound value, or a column of a
/// joined `users` row), `$role` names the condition on an ACL row's `role` column.
macro_rules! owner_or_granted {
    ($user:expr, |$role:ident| $granted:expr) => {{
        let user = $user;
        let by_user = {
            let $role = $crate::schema::workspace_user_acl::role;
            ::diesel::dsl::exists(
                $crate::schema::workspace_user_acl::table
                    .filter($crate::schema::workspace_user_acl::workspace_id.eq($crate::schema::workspaces::id))
                    .filter($crate::schema::workspace_user_acl::user_id.eq(user()))
                    .filter($granted),
            )
        };
        let by_group = {
            let $role = $crate::schema::workspace_group_acl::role;
            ::diesel::dsl::exists(
                $crate::schema::workspace_group_acl::table
                    .filter($crate::schema::workspace_group_acl::workspace_id.eq($crate::schema::workspaces::id))
                    .filter(
                        $crate::schema::workspace_group_acl::group_id.eq_any(
                            $crate::schema::group_members::table
                                .filter($crate::schema::group_members::user_id.eq(user()))
                                .select($crate::schema::group_members::group_id),
                        ),
                    )
                    .filter($granted),
            )
        };
        $crate::schema::workspaces::owner_id.eq(user()).or(by_user).or(by_group)
    }};
}

/// `role` grants reading (and starting and stopping): `use` or `admin`. Written out
/// (`role = 'use' OR role = 'admin'`) rather than as an `IN` list of bound values: a fixed
/// shape per action keeps the statement cacheable.
macro_rules! use_or_admin {
    ($role:ident) => {
        $role
            .eq($crate::types::Txt::from($crate::types::AclRole::Use))
            .or($role.eq($crate::types::Txt::from($crate::types::AclRole::Admin)))
    };
}

/// The rule for reading, as a condition on a `workspaces` row and a `users` row of the same
/// statement: that user may read that workspace. It lets authentication and the first read
/// of a workspace be one statement ([`crate::Store::api_key_with_user_probing`]); it is the
/// rule of [`Actor::may`] for [`WorkspaceAction::Read`], written against the user's columns
/// instead of an actor's values.
macro_rules! user_row_may_read {
    () => {
        $crate::schema::users::site_role
            .eq($crate::types::Txt::from($crate::types::SiteRole::Owner))
            .or($crate::authz::owner_or_granted!(|| $crate::schema::users::id, |role| $crate::authz::use_or_admin!(role)))
    };
}

/// Everything a site owner may do: always true (the rank is 0 or 1), on the list index's
/// first column. Neither `id IS NOT NULL` (it steers SQLite to the primary key, so counts
/// read the whole table) nor a bound `true` (SQLite re-prepares a statement on every run
/// when a bare bound value could decide whether a partial index applies).
macro_rules! site_owner_may {
    () => {
        $crate::schema::workspaces::status_rank.ge(0)
    };
}

/// `with_read_rule!(actor, |rule| body)`: `body` with `rule` the predicate of
/// [`Actor::may`] for [`WorkspaceAction::Read`], unboxed (expanded once per kind of actor),
/// for statements of a fixed shape (see `crate::prerendered`).
macro_rules! with_read_rule {
    ($actor:expr, |$rule:ident| $body:expr) => {{
        let actor: &$crate::authz::Actor = $actor;
        if actor.is_site_owner() {
            let $rule = $crate::authz::site_owner_may!();
            $body
        } else {
            let user_id = actor.user_id;
            let $rule = $crate::authz::owner_or_granted!(|| $crate::types::Txt::from(user_id), |role| $crate::authz::use_or_admin!(role));
            $body
        }
    }};
}
pub(crate) use {owner_or_granted, site_owner_may, use_or_admin, user_row_may_read, with_read_rule};

impl Actor {
    /// Site owners may do everything.
    pub fn is_site_owner(&self) -> bool {
        self.site_role == SiteRole::Owner
    }

    /// The rule as a predicate on `workspaces`: true for the rows this actor may `action`.
    /// Built with diesel's query builder only (no SQL literals), so that the statements that
    /// carry it are prepared once and then taken from the connection's statement cache.
    pub(crate) fn may(&self, action: WorkspaceAction) -> WorkspacePredicate {
        if self.is_site_owner() {
            return Box::new(site_owner_may!());
        }
        let user = || Txt::from(self.user_id);
        match action.granted_by() {
            Grant::Admin => Box::new(owner_or_granted!(user, |role| role.eq(Txt::from(AclRole::Admin)))),
            Grant::UseOrAdmin => Box::new(owner_or_granted!(user, |role| use_or_admin!(role))),
        }
    }

}
