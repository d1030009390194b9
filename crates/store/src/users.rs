//! Organizations, users, groups and API keys.

use diesel::prelude::*;

use crate::models::{ApiKey, Group, GroupMember, Organization, OrganizationMember, User};
use crate::schema::{api_keys, group_members, groups, organization_members, organizations, users};
use uuid::Uuid;

use crate::types::{SiteRole, Txt, UserStatus};
use crate::prerendered::prerendered;
use crate::{lower, new_id, now, MultiBackend, Store, StoreResult};


/// Filters of a user search (a parsed `q`).
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// A case-insensitive substring of the username or the email.
    pub search: Option<String>,
    /// Any of these statuses (none: any status).
    pub status: Vec<UserStatus>,
    /// Only these users (none: any user).
    pub ids: Vec<Uuid>,
}

/// What `create_user` needs.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub email: String,
    pub name: String,
    pub site_role: SiteRole,
}

impl Store {
    /// Creates an organization; the first one made with `is_default` is the default.
    pub fn create_organization(&self, name: &str, display_name: &str, is_default: bool) -> StoreResult<Organization> {
        let t = now();
        let org = Organization {
            id: new_id(),
            name: name.to_owned(),
            display_name: display_name.to_owned(),
            icon: String::new(),
            is_default,
            created_at: t,
            updated_at: t,
        };
        self.write(|c| {
            diesel::insert_into(organizations::table).values(org.clone()).execute(c)?;
            Ok(())
        })?;
        Ok(org)
    }

    pub fn default_organization(&self) -> StoreResult<Option<Organization>> {
        self.read(|c| {
            Ok(organizations::table
                .filter(organizations::is_default.eq(true))
                .select(Organization::as_select())
                .first(c)
                .optional()?)
        })
    }

    pub fn organization_by_id(&self, id: Uuid) -> StoreResult<Option<Organization>> {
        self.read(|c| {
            Ok(organizations::table.find(Txt::from(id)).select(Organization::as_select()).first(c).optional()?)
        })
    }

    pub fn organization_by_name(&self, name: &str) -> StoreResult<Option<Organization>> {
        self.read(|c| {
            Ok(organizations::table
                .filter(lower(organizations::name).eq(name.to_lowercase()))
                .select(Organization::as_select())
                .first(c)
                .optional()?)
        })
    }

    /// Creates a user and makes it a member of the default organization (if there is one).
    pub fn create_user(&self, new: &NewUser) -> StoreResult<User> {
        let t = now();
        let user = User {
            id: new_id(),
            username: new.username.clone(),
            email: new.email.clone(),
            name: new.name.clone(),
            avatar_url: String::new(),
            site_role: new.site_role,
            status: UserStatus::Active,
            deleted: false,
            created_at: t,
            updated_at: t,
        };
        self.write(|c| {
            diesel::insert_into(users::table).values(user.clone()).execute(c)?;
            let default_org: Option<Uuid> = organizations::table
                .filter(organizations::is_default.eq(true))
                .select(organizations::id)
                .first(c)
                .optional()?;
            if let Some(org) = default_org {
                diesel::insert_into(organization_members::table)
                    .values(OrganizationMember { organization_id: org, user_id: user.id, created_at: t })
                    .execute(c)?;
            }
            Ok(())
        })?;
        Ok(user)
    }

    pub fn add_organization_member(&self, organization_id: Uuid, user_id: Uuid) -> StoreResult<()> {
        self.write(|c| {
            diesel::insert_into(organization_members::table)
                .values(OrganizationMember {
                    organization_id,
                    user_id,
                    created_at: now(),
                })
                .execute(c)?;
            Ok(())
        })
    }

    pub fn is_organization_member(&self, organization_id: Uuid, user_id: Uuid) -> StoreResult<bool> {
        self.read(|c| {
            let n: i64 = organization_members::table
                .filter(organization_members::organization_id.eq(Txt::from(organization_id)))
                .filter(organization_members::user_id.eq(Txt::from(user_id)))
                .count()
                .get_result(c)?;
            Ok(n > 0)
        })
    }

    pub fn user_by_id(&self, id: Uuid) -> StoreResult<Option<User>> {
        self.read(|c| {
            Ok(users::table
                .find(Txt::from(id))
                .filter(diesel::dsl::not(users::deleted))
                .select(User::as_select())
                .first(c)
                .optional()?)
        })
    }

    /// Looks a user up by username, ignoring case.
    /// The organizations a user belongs to, by id.
    pub fn organization_ids_of(&self, user_id: Uuid) -> StoreResult<Vec<Uuid>> {
        self.read(|c| {
            Ok(organization_members::table
                .filter(organization_members::user_id.eq(Txt::from(user_id)))
                .order(organization_members::organization_id)
                .select(organization_members::organization_id)
                .load(c)?)
        })
    }

    /// When the user last used one of their API keys, if ever.
    pub fn user_last_seen(&self, user_id: Uuid) -> StoreResult<Option<chrono::NaiveDateTime>> {
        self.read(|c| {
            Ok(api_keys::table
                .filter(api_keys::user_id.eq(Txt::from(user_id)))
                .select(diesel::dsl::max(api_keys::last_used))
                .first(c)?)
        })
    }

    pub fn user_by_username(&self, username: &str) -> StoreResult<Option<User>> {
        self.read(|c| {
            Ok(users::table
                .filter(lower(users::username).eq(username.to_lowercase()))
                .filter(diesel::dsl::not(users::deleted))
                .select(User::as_select())
                .first(c)
                .optional()?)
        })
    }

    pub fn list_users(&self) -> StoreResult<Vec<User>> {
        self.read(|c| {
            Ok(users::table
                .filter(diesel::dsl::not(users::deleted))
                .order(lower(users::username))
                .select(User::as_select())
                .load(c)?)
        })
    }

    pub fn count_users(&self) -> StoreResult<i64> {
        self.read(|c| Ok(users::table.filter(diesel::dsl::not(users::deleted)).count().get_result(c)?))
    }

    /// Stores a new API key (the caller made the secret and hashed it).
    pub fn insert_api_key(&self, key: &ApiKey) -> StoreResult<()> {
        self.write(|c| {
            diesel::insert_into(api_keys::table).values(key.clone()).execute(c)?;
            Ok(())
        })
    }

    /// The key with this id and its (non-deleted) user.
    pub fn api_key_with_user(&self, id: &str) -> StoreResult<Option<(ApiKey, User)>> {
        self.read(|c| {
            // Every request's first statement: its SQL is rendered once (see `prerendered`).
            Ok(prerendered!(api_keys::table
                .inner_join(users::table)
                .filter(api_keys::id.eq(id))
                .filter(diesel::dsl::not(users::deleted))
                .select((
                    <ApiKey as Selectable<MultiBackend>>::construct_selection(),
                    <User as Selectable<MultiBackend>>::construct_selection(),
                ))
                .limit(1))
            .get_result(c)
            .optional()?)
        })
    }

    /// A user's API keys, newest first (the stored hash is in the rows; callers show only
    /// ids and times).
    pub fn api_keys_of(&self, user_id: Uuid) -> StoreResult<Vec<ApiKey>> {
        self.read(|c| {
            Ok(api_keys::table
                .filter(api_keys::user_id.eq(Txt::from(user_id)))
                .order((api_keys::created_at.desc(), api_keys::id))
                .select(ApiKey::as_select())
                .load(c)?)
        })
    }

    /// Deletes an API key: the next request with it is refused (authentication reads the
    /// key on every request, on every server). False when there was no such key.
    pub fn delete_api_key(&self, id: &str) -> StoreResult<bool> {
        self.write(|c| Ok(diesel::delete(api_keys::table.find(id)).execute(c)? == 1))
    }

    /// Records a use of the key (callers rate-limit this to once a minute).
    pub fn touch_api_key(&self, id: &str) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(api_keys::table.find(id)).set(api_keys::last_used.eq(now())).execute(c)?;
            Ok(())
        })
    }

    /// Renames a user (Coder lets a username change). A name taken by another live user (any
    /// case) fails with a unique violation. The list's order key kept on the user's
    /// workspaces follows in the same transaction; the database moves the stamp of every
    /// workspace that shows the user (owned, built or shared with it).
    pub fn rename_user(&self, user_id: Uuid, username: &str) -> StoreResult<()> {
        use crate::schema::workspaces;
        self.write(|c| {
            let n = diesel::update(users::table.find(Txt::from(user_id)))
                .set((users::username.eq(username), users::updated_at.eq(now())))
                .execute(c)?;
            if n == 0 {
                return Err(crate::StoreError::NotFound);
            }
            diesel::update(workspaces::table.filter(workspaces::owner_id.eq(Txt::from(user_id))))
                .set(workspaces::owner_name_key.eq(username.to_lowercase()))
                .execute(c)?;
            Ok(())
        })
    }

    pub fn create_group(&self, organization_id: Uuid, name: &str) -> StoreResult<Group> {
        let group = Group {
            id: new_id(),
            organization_id,
            name: name.to_owned(),
            display_name: String::new(),
            avatar_url: String::new(),
            created_at: now(),
        };
        self.write(|c| {
            diesel::insert_into(groups::table).values(group.clone()).execute(c)?;
            Ok(())
        })?;
        Ok(group)
    }

    /// Sets a group's display name (shown by the workspaces shared with the group: the
    /// database moves their stamps).
    pub fn set_group_display_name(&self, group_id: Uuid, display_name: &str) -> StoreResult<()> {
        self.write(|c| {
            let n = diesel::update(groups::table.find(Txt::from(group_id)))
                .set(groups::display_name.eq(display_name))
                .execute(c)?;
            if n == 0 {
                return Err(crate::StoreError::NotFound);
            }
            Ok(())
        })
    }

    /// A group by id, or by name within an organization (any case).
    pub fn group_by_id(&self, id: Uuid) -> StoreResult<Option<Group>> {
        self.read(|c| Ok(groups::table.find(Txt::from(id)).select(Group::as_select()).first(c).optional()?))
    }

    pub fn group_by_name(&self, organization_id: Uuid, name: &str) -> StoreResult<Option<Group>> {
        self.read(|c| {
            Ok(groups::table
                .filter(groups::organization_id.eq(Txt::from(organization_id)))
                .filter(lower(groups::name).eq(name.to_lowercase()))
                .select(Group::as_select())
                .first(c)
                .optional()?)
        })
    }

    /// The members of a group (non-deleted users), by username.
    pub fn group_members(&self, group_id: Uuid) -> StoreResult<Vec<User>> {
        self.read(|c| {
            Ok(group_members::table
                .inner_join(users::table)
                .filter(group_members::group_id.eq(Txt::from(group_id)))
                .filter(diesel::dsl::not(users::deleted))
                .order(lower(users::username))
                .select(User::as_select())
                .load(c)?)
        })
    }

    /// Adds a user to a group; already being a member fails with a unique violation.
    pub fn add_group_member(&self, group_id: Uuid, user_id: Uuid) -> StoreResult<()> {
        self.write(|c| {
            diesel::insert_into(group_members::table)
                .values(GroupMember { group_id, user_id })
                .execute(c)?;
            Ok(())
        })
    }

    /// A page of the (non-deleted) members of an organization that match `filter`, by
    /// username; `limit = 0` means no limit.
    pub fn organization_members(
        &self,
        organization_id: Uuid,
        filter: &UserFilter,
        offset: i64,
        limit: i64,
    ) -> StoreResult<Vec<User>> {
        self.read(|c| {
            let mut q = users::table
                .inner_join(organization_members::table)
                .filter(organization_members::organization_id.eq(Txt::from(organization_id)))
                .filter(diesel::dsl::not(users::deleted))
                .into_boxed();
            if let Some(search) = &filter.search {
                let pattern = format!("%{}%", search.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                q = q.filter(
                    lower(users::username).like(pattern.clone()).escape('\\').or(lower(users::email).like(pattern).escape('\\')),
                );
            }
            if !filter.ids.is_empty() {
                q = q.filter(users::id.eq_any(filter.ids.iter().map(Txt::from).collect::<Vec<_>>()));
            }
            if !filter.status.is_empty() {
                q = q.filter(users::status.eq_any(filter.status.iter().map(Txt::from).collect::<Vec<_>>()));
            }
            Ok(q
                .order((lower(users::username), users::id))
                .limit(if limit > 0 { limit } else { i64::MAX })
                .offset(offset)
                .select(User::as_select())
                .load(c)?)
        })
    }

    /// Any row at all in `users`? (first start detection)
    pub fn is_empty(&self) -> StoreResult<bool> {
        Ok(self.count_users()? == 0 && self.default_organization()?.is_none())
    }
}
