//! A workspace's own settings and marks: favorite, automatic updates, usage (last used) and
//! dormancy. The workspace's response shows all of them: the database moves the row's
//! `version` on each change (the `stamp_triggers` migration).

use chrono::Duration;
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{templates, workspace_agents, workspace_builds, workspace_resources, workspaces};
use crate::types::{AutomaticUpdates, Txt};
use crate::{now, Store, StoreResult};

impl Store {
    /// Marks the workspace as its owner's favorite, or not.
    pub fn set_workspace_favorite(&self, workspace_id: Uuid, favorite: bool) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(workspaces::table.find(Txt::from(workspace_id)))
                .set(workspaces::favorite.eq(favorite))
                .execute(c)?;
            Ok(())
        })
    }

    /// Whether the workspace moves to the template's active version when it starts.
    pub fn set_workspace_automatic_updates(&self, workspace_id: Uuid, value: AutomaticUpdates) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(workspaces::table.find(Txt::from(workspace_id)))
                .set(workspaces::automatic_updates.eq(Txt::from(value)))
                .execute(c)?;
            Ok(())
        })
    }

    /// Records that the workspace was used now (`last_used_at`, from which dormancy counts);
    /// a running build's deadline is bumped by the template's activity bump, as Coder does
    /// ([`super::lifecycle::activity_bump`]).
    pub fn record_workspace_usage(&self, workspace_id: Uuid) -> StoreResult<()> {
        self.write(|c| {
            let t = now();
            diesel::update(workspaces::table.find(Txt::from(workspace_id)))
                .set(workspaces::last_used_at.eq(t))
                .execute(c)?;
            super::lifecycle::activity_bump(c, workspace_id, t)?;
            Ok(())
        })
    }

    /// Is `agent_id` an agent of one of the workspace's builds?
    pub fn is_workspace_agent(&self, workspace_id: Uuid, agent_id: Uuid) -> StoreResult<bool> {
        self.read(|c| {
            let n: i64 = workspace_agents::table
                .inner_join(workspace_resources::table)
                .filter(workspace_agents::id.eq(Txt::from(agent_id)))
                .filter(
                    workspace_resources::job_id.eq_any(
                        workspace_builds::table
                            .filter(workspace_builds::workspace_id.eq(Txt::from(workspace_id)))
                            .select(workspace_builds::job_id),
                    ),
                )
                .count()
                .get_result(c)?;
            Ok(n > 0)
        })
    }

    /// Makes the workspace dormant (now) or wakes it, as Coder does: dormancy sets
    /// `dormant_at` and, when the template deletes dormant workspaces, `deleting_at` after
    /// its `time_til_dormant_autodelete`; waking clears both and counts as a use. Returns
    /// false, changing nothing, when the workspace already is in that state.
    pub fn set_workspace_dormant(&self, workspace_id: Uuid, dormant: bool) -> StoreResult<bool> {
        self.write(|c| {
            let (dormant_at, autodelete_ms): (Option<chrono::NaiveDateTime>, i64) = workspaces::table
                .inner_join(templates::table)
                .filter(workspaces::id.eq(Txt::from(workspace_id)))
                .select((workspaces::dormant_at, templates::time_til_dormant_autodelete_ms))
                .first(c)?;
            if dormant_at.is_some() == dormant {
                return Ok(false);
            }
            let target = workspaces::table.find(Txt::from(workspace_id));
            if dormant {
                let t = now();
                let deleting_at = (autodelete_ms > 0).then(|| t + Duration::milliseconds(autodelete_ms));
                diesel::update(target)
                    .set((
                        workspaces::dormant_at.eq(Some(t)),
                        workspaces::deleting_at.eq(deleting_at),
                    ))
                    .execute(c)?;
            } else {
                diesel::update(target)
                    .set((
                        workspaces::dormant_at.eq(None::<chrono::NaiveDateTime>),
                        workspaces::deleting_at.eq(None::<chrono::NaiveDateTime>),
                        workspaces::last_used_at.eq(now()),
                    ))
                    .execute(c)?;
            }
            Ok(true)
        })
    }
}
