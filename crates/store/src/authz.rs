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
//!   403 for what it may read but not do ([`Denied`], mapped to a status once, at the edge).
//! - A dormant workspace may not be started, by anyone (site owners included): Coder gives
//!   it the RBAC object `workspace_dormant`, whose roles grant read, update, stop and delete
//!   but not start. It is woken first (`PUT /dormant`).
//!
//! The other "who may" rules live here too: templates and organizations (a site owner sees
//! every organization, others those they belong to), and creating a workspace for another
//! user (site owners only).

use diesel::prelude::*;
use diesel::sql_types::Bool;
use uuid::Uuid;

use crate::schema::workspaces;
use crate::types::{AclRole, SiteRole, Txt};
use crate::{MultiBackend, Store, StoreResult};

/// The site role that may do everything: written here once, for the Rust checks
/// ([`Actor::is_site_owner`]) and the SQL ones (`user_row_may_read!`).
pub const SITE_OWNER: SiteRole = SiteRole::Owner;

/// Why a caller does not get the workspace it asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// It may not read it, or there is none: the two are answered alike (404), so that a
    /// caller learns nothing of what it may not see.
    NotVisible,
    /// It may read it but not do this (403).
    Forbidden,
}

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
    /// Start it (never while it is dormant).
    Start,
    /// Stop it.
    Stop,
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
            WorkspaceAction::Read | WorkspaceAction::Start | WorkspaceAction::Stop => Grant::UseOrAdmin,
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
            .eq($crate::types::Txt::from($crate::authz::SITE_OWNER))
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
    /// Site owners may do everything (but start a dormant workspace).
    pub fn is_site_owner(&self) -> bool {
        self.site_role == SITE_OWNER
    }

    /// May this actor create workspaces owned by `owner`? Its own; anyone's for a site
    /// owner (Coder: `workspace` create on another user's object).
    pub fn may_create_workspace_for(&self, owner: Uuid) -> bool {
        owner == self.user_id || self.may_create_workspaces_for_others()
    }

    /// May this actor create workspaces for users other than itself? (Site owners may.)
    pub fn may_create_workspaces_for_others(&self) -> bool {
        self.is_site_owner()
    }

    /// May this actor build from any version of a template, not only its active one, when
    /// the template requires the active version? (Coder: template admins; here site owners.)
    pub fn may_use_inactive_versions(&self) -> bool {
        self.is_site_owner()
    }

    /// Does this actor see every organization (and every organization's templates)? Site
    /// owners do; others see the organizations they belong to ([`organizations_of!`]).
    pub fn sees_every_organization(&self) -> bool {
        self.is_site_owner()
    }

    /// The rule as a predicate on `workspaces`: true for the rows this actor may `action`.
    /// Built with diesel's query builder only (no SQL literals), so that the statements that
    /// carry it are prepared once and then taken from the connection's statement cache.
    pub(crate) fn may(&self, action: WorkspaceAction) -> WorkspacePredicate {
        let rule: WorkspacePredicate = if self.is_site_owner() {
            Box::new(site_owner_may!())
        } else {
            let user = || Txt::from(self.user_id);
            match action.granted_by() {
                Grant::Admin => Box::new(owner_or_granted!(user, |role| role.eq(Txt::from(AclRole::Admin)))),
                Grant::UseOrAdmin => Box::new(owner_or_granted!(user, |role| use_or_admin!(role))),
            }
        };
        match action {
            // `workspace_dormant` grants no start, to anyone.
            WorkspaceAction::Start => Box::new(rule.and(workspaces::dormant_at.is_null())),
            _ => rule,
        }
    }
}

/// The ids of the organizations `$user` (a `Uuid`) belongs to, as a subselect: what an actor
/// that does not see every organization ([`Actor::sees_every_organization`]) sees of
/// organizations and their templates.
macro_rules! organizations_of {
    ($user:expr) => {
        $crate::schema::organization_members::table
            .filter($crate::schema::organization_members::user_id.eq($crate::types::Txt::from($user)))
            .select($crate::schema::organization_members::organization_id)
    };
}
pub(crate) use organizations_of;

impl Store {
    /// The workspace `id` for `actor` to do `action` on: the one call for access. The
    /// workspace (deleted or not: the caller decides what a deleted one answers) when the
    /// actor may read it and do `action`; [`Denied::NotVisible`] when it may not read it or
    /// there is none, [`Denied::Forbidden`] when it may read it but not do `action`.
    ///
    /// The read starts from what authentication found about this workspace in the same
    /// operation (see [`Store::operation`]), and is served from the kept decode while its
    /// stamp is current; `action`s other than reading cost one more statement.
    pub fn workspace_for(
        &self,
        actor: &Actor,
        id: Uuid,
        action: WorkspaceAction,
    ) -> StoreResult<Result<std::sync::Arc<crate::WorkspaceAggregate>, Denied>> {
        let Some(agg) = self.readable_workspace(actor, id)? else { return Ok(Err(Denied::NotVisible)) };
        if action != WorkspaceAction::Read && !self.permits(actor, id, action)? {
            return Ok(Err(Denied::Forbidden));
        }
        Ok(Ok(agg))
    }

    /// Does the rule let `actor` do `action` to this workspace (one statement)?
    fn permits(&self, actor: &Actor, workspace_id: Uuid, action: WorkspaceAction) -> StoreResult<bool> {
        self.read(|c| {
            let n: i64 = workspaces::table
                .filter(workspaces::id.eq(Txt::from(workspace_id)))
                .filter(actor.may(action))
                .count()
                .get_result(c)?;
            Ok(n > 0)
        })
    }

    /// May `actor` see the organization `organization_id` (and so name it in a path)? Site
    /// owners see every one, others those they belong to.
    pub fn may_see_organization(&self, actor: &Actor, organization_id: Uuid) -> StoreResult<bool> {
        if actor.sees_every_organization() {
            return Ok(true);
        }
        self.is_organization_member(organization_id, actor.user_id)
    }

    /// May a workspace of `owner` be created in `organization_id`? Only for a member of it
    /// (Coder's create answers 403 otherwise, as for a caller who may not create for them).
    pub fn may_own_workspaces_in(&self, owner: Uuid, organization_id: Uuid) -> StoreResult<bool> {
        self.is_organization_member(organization_id, owner)
    }
}

