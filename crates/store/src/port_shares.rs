//! Port sharing: the ports of a workspace's agents shared beyond its owner, and the cap
//! its template puts on how widely (`max_port_share_level`).
//!
//! A share moves the version of its own workspace (the triggers of migration
//! `stamp_triggers`) and of no other. Shares go with their workspace: a foreign key cascades
//! a hard delete, and a trigger (migration `port_sharing`) removes them when a workspace is
//! marked deleted.

use diesel::prelude::*;
use uuid::Uuid;

use crate::models::WorkspacePortShare;
use crate::schema::{templates, workspace_port_shares, workspaces};
use crate::types::{PortShareLevel, Txt};
use crate::{now, DbConnection, Store, StoreError, StoreResult};

/// What [`Store::upsert_workspace_port_share`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum PortShareUpsert {
    /// The share as stored.
    Stored(WorkspacePortShare),
    /// The template's max level (read under its row lock) is below the share's level:
    /// nothing was written. (It was lowered after the caller checked it.)
    AboveMax(PortShareLevel),
}

/// Every share level above `max`, in the database's words.
fn levels_above(max: PortShareLevel) -> Vec<Txt> {
    [PortShareLevel::Organization, PortShareLevel::Authenticated, PortShareLevel::Public]
        .into_iter()
        .filter(|l| !l.is_within(max))
        .map(Txt::from)
        .collect()
}

/// Takes the template's row lock (PostgreSQL; SQLite writers already take turns under
/// `BEGIN IMMEDIATE`) and reads its max level: a share written in this transaction and a
/// lowering of the max are then ordered, so no share above the max survives either.
///
/// A lock, not a write: a no-op `UPDATE templates` fired `templates_stamp` and moved the
/// version of every workspace of the template on each share written (their kept
/// aggregates and bodies thrown away, every watcher of them woken). `FOR NO KEY UPDATE` is
/// the lock such an update takes: it orders this with the max's update, and, unlike
/// `FOR UPDATE`, does not block creates of workspaces from the template (their foreign
/// key's `KEY SHARE` lock).
fn lock_template_max(c: &mut DbConnection, template_id: Uuid) -> StoreResult<PortShareLevel> {
    let max = templates::table.find(Txt::from(template_id)).select(templates::max_port_share_level);
    Ok(match c {
        DbConnection::Postgres(pg) => {
            let text = max.for_no_key_update().first::<String>(pg)?;
            text.parse().map_err(|e| StoreError::Corrupt(format!("template max port share level {text:?}: {e}")))?
        }
        DbConnection::Sqlite(_) => max.first(c)?,
    })
}

/// Lowers every share of the template's workspaces to `max` (Coder's
/// `UpdateTemplateMeta`): with `owner` (nothing may be shared) they are removed, otherwise
/// those above it are set to it. Called in the transaction that changes the template.
pub(crate) fn reduce_to_max(c: &mut DbConnection, template_id: Uuid, max: PortShareLevel) -> StoreResult<usize> {
    let of_template = workspaces::table.filter(workspaces::template_id.eq(Txt::from(template_id))).select(workspaces::id);
    if max == PortShareLevel::Owner {
        return Ok(diesel::delete(workspace_port_shares::table.filter(workspace_port_shares::workspace_id.eq_any(of_template)))
            .execute(c)?);
    }
    let above = levels_above(max);
    if above.is_empty() {
        return Ok(0);
    }
    Ok(diesel::update(
        workspace_port_shares::table
            .filter(workspace_port_shares::workspace_id.eq_any(of_template))
            .filter(workspace_port_shares::share_level.eq_any(above)),
    )
    .set(workspace_port_shares::share_level.eq(Txt::from(max)))
    .execute(c)?)
}

impl Store {
    /// The workspace's shares, by port then agent name.
    pub fn workspace_port_shares(&self, workspace_id: Uuid) -> StoreResult<Vec<WorkspacePortShare>> {
        self.read(|c| {
            Ok(workspace_port_shares::table
                .filter(workspace_port_shares::workspace_id.eq(Txt::from(workspace_id)))
                .order((workspace_port_shares::port, workspace_port_shares::agent_name))
                .select(WorkspacePortShare::as_select())
                .load(c)?)
        })
    }

    /// Creates the share of (workspace, agent, port) or changes its level and protocol, unless
    /// the template of the workspace (`template_id`) no longer allows its level.
    pub fn upsert_workspace_port_share(&self, template_id: Uuid, share: &WorkspacePortShare) -> StoreResult<PortShareUpsert> {
        let attempt = || {
            self.write(|c| {
                let max = lock_template_max(c, template_id)?;
                if !share.share_level.is_within(max) {
                    return Ok(PortShareUpsert::AboveMax(max));
                }
                let key = workspace_port_shares::table
                    .filter(workspace_port_shares::workspace_id.eq(Txt::from(share.workspace_id)))
                    .filter(workspace_port_shares::agent_name.eq(&share.agent_name))
                    .filter(workspace_port_shares::port.eq(share.port));
                let changed = diesel::update(key)
                    .set((
                        workspace_port_shares::share_level.eq(Txt::from(share.share_level)),
                        workspace_port_shares::protocol.eq(Txt::from(share.protocol)),
                    ))
                    .execute(c)?;
                if changed == 0 {
                    diesel::insert_into(workspace_port_shares::table).values(share.clone()).execute(c)?;
                }
                Ok(PortShareUpsert::Stored(share.clone()))
            })
        };
        match attempt() {
            // Two first shares of the same port at once (PostgreSQL): the loser updates.
            Err(StoreError::UniqueViolation(_)) => attempt(),
            other => other,
        }
    }

    /// Removes the share of (workspace, agent, port); false when there was none.
    pub fn delete_workspace_port_share(&self, workspace_id: Uuid, agent_name: &str, port: i32) -> StoreResult<bool> {
        self.write(|c| {
            let removed = diesel::delete(
                workspace_port_shares::table
                    .filter(workspace_port_shares::workspace_id.eq(Txt::from(workspace_id)))
                    .filter(workspace_port_shares::agent_name.eq(agent_name))
                    .filter(workspace_port_shares::port.eq(port)),
            )
            .execute(c)?;
            Ok(removed > 0)
        })
    }

    /// Sets the template's max port share level and, in the same transaction, lowers the
    /// shares of its workspaces to it ([`reduce_to_max`]). Returns how many shares were
    /// lowered or removed; `NotFound` for an unknown (or deleted) template.
    pub fn set_template_max_port_share_level(&self, template_id: Uuid, max: PortShareLevel) -> StoreResult<usize> {
        self.write(|c| {
            let updated = diesel::update(
                templates::table.find(Txt::from(template_id)).filter(diesel::dsl::not(templates::deleted)),
            )
            .set((templates::max_port_share_level.eq(Txt::from(max)), templates::updated_at.eq(now())))
            .execute(c)?;
            if updated == 0 {
                return Err(StoreError::NotFound);
            }
            reduce_to_max(c, template_id, max)
        })
    }
}
