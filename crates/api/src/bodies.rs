//! Serialised workspaces kept for the read path, and their entity tags.
//!
//! A `codersdk.Workspace` is a function of three things: the stored aggregate (kept by the
//! store and served only while its stamp matches the database, see
//! `Store::workspace_for`), whether the caller is its owner (`favorite` is personal), and
//! the time it is judged at (`convert::workspace`). Time enters in two places only: the
//! matched provisioners' `most_recently_seen` (the daemons' last heartbeat, the start of the
//! current minute) and the status of an agent still connecting (`timeout` once its
//! connection deadline passes). So a body made for one aggregate and caller kind is byte for
//! byte what a fresh conversion would give until the next heartbeat or an agent's deadline,
//! whichever is first; it is kept until then, and rebuilt after. Converting and serialising
//! was a third of a warm read's time.
//!
//! Each kept body carries its entity tag: a 128-bit hash of its bytes (xxh3), computed once
//! when the body is made. A tag is therefore equal exactly when the bytes are (strong
//! validator, RFC 9110 §8.8.1), whoever the caller and whatever made the bytes change, and a
//! conditional GET (`etag::Conditional`) answers 304 without serialising anything.

use std::sync::Arc;

use actix_web::web::Bytes;
use chrono::{DateTime, Utc};
use uuid::Uuid;
use workspaced_store::WorkspaceAggregate;
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::{convert, ApiError, ApiResult};

/// How many serialised workspaces a server keeps.
const KEPT_BODIES: usize = 4096;

/// A serialised body and its entity tag (the hash of exactly these bytes).
#[derive(Clone, Debug)]
pub struct Tagged {
    pub json: Bytes,
    pub tag: u128,
}

impl Tagged {
    /// `json` with its tag.
    pub fn new(json: Bytes) -> Tagged {
        Tagged { tag: xxh3_128(&json), json }
    }
}

struct KeptBody {
    /// The aggregate it was made from (compared by identity: a new stamp is a new `Arc`).
    from: Arc<WorkspaceAggregate>,
    /// Made for the owner (who may see `favorite: true`) or for anyone else.
    for_owner: bool,
    /// The time the body is exact for: from the provisioners' heartbeat it shows, to
    /// (exclusive) the next one or an earlier agent deadline.
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    body: Tagged,
}

/// Serialised workspaces, by workspace id.
pub struct Bodies {
    kept: quick_cache::sync::Cache<Uuid, Arc<KeptBody>>,
    /// Serve nothing kept and keep nothing (see [`Bodies::bypassing`]).
    bypass: bool,
}

impl Default for Bodies {
    fn default() -> Self {
        Bodies { kept: quick_cache::sync::Cache::new(KEPT_BODIES), bypass: false }
    }
}

impl Bodies {
    /// Bodies that are always made afresh and never kept: for the tests that compare what
    /// the read path serves with a fresh conversion (with `Store::bypassing_caches`).
    pub fn bypassing() -> Bodies {
        Bodies { kept: quick_cache::sync::Cache::new(1), bypass: true }
    }

    /// The workspace as `requester` sees it at `now`, serialised (exactly
    /// `serde_json::to_vec(&convert::workspace(agg, requester, now))`), with its tag. A body
    /// that does not serialise is a logged 500, and nothing is kept.
    pub fn workspace(&self, agg: &Arc<WorkspaceAggregate>, requester: Uuid, now: DateTime<Utc>) -> ApiResult<Tagged> {
        let id = agg.workspace.id;
        let for_owner = agg.workspace.owner_id == requester;
        if let Some(kept) = self.kept.get(&id).filter(|_| !self.bypass) {
            if Arc::ptr_eq(&kept.from, agg) && kept.for_owner == for_owner && kept.since <= now && now < kept.until {
                return Ok(kept.body.clone());
            }
        }
        let json = serde_json::to_vec(&convert::workspace(agg, requester, now))
            .map(Bytes::from)
            .map_err(|e| ApiError::internal("Internal error serializing the workspace.", format!("workspace {id}: {e}")))?;
        let body = Tagged::new(json);
        if !self.bypass {
            let since = convert::provisioner_heartbeat(now);
            let until = exact_until(agg, now);
            self.kept.insert(id, Arc::new(KeptBody { from: agg.clone(), for_owner, since, until, body: body.clone() }));
        }
        Ok(body)
    }

    /// A `codersdk.WorkspacesResponse`, serialised from kept bodies (exactly what serde
    /// writes for the struct: `count`, then `workspaces`). Its tag is a hash of the count and
    /// the workspaces' own tags, in order: equal exactly when the bytes are (up to the hashes'
    /// collisions), and computed without reading the bodies again.
    pub fn workspaces_response(
        &self,
        aggs: &[Arc<WorkspaceAggregate>],
        count: i64,
        requester: Uuid,
        now: DateTime<Utc>,
    ) -> ApiResult<Tagged> {
        let bodies: Vec<Tagged> = aggs.iter().map(|a| self.workspace(a, requester, now)).collect::<ApiResult<_>>()?;
        let mut out = Vec::with_capacity(bodies.iter().map(|b| b.json.len()).sum::<usize>() + bodies.len() + 40);
        let mut tag = Xxh3::new();
        tag.update(b"codersdk.WorkspacesResponse");
        tag.update(&count.to_le_bytes());
        out.extend_from_slice(b"{\"count\":");
        out.extend_from_slice(count.to_string().as_bytes());
        out.extend_from_slice(b",\"workspaces\":[");
        for (i, body) in bodies.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&body.json);
            tag.update(&body.tag.to_le_bytes());
        }
        out.extend_from_slice(b"]}");
        Ok(Tagged { json: Bytes::from(out), tag: tag.digest128() })
    }
}

/// The end of the time a conversion made at `now` stays exact: the provisioners' next
/// heartbeat, or an earlier connection deadline of an agent that has not connected yet.
fn exact_until(agg: &WorkspaceAggregate, now: DateTime<Utc>) -> DateTime<Utc> {
    let next_heartbeat = convert::provisioner_heartbeat(now) + convert::PROVISIONER_HEARTBEAT;
    agg.latest_build
        .resources
        .iter()
        .flat_map(|r| r.agents.iter())
        .filter(|(a, _)| a.first_connected_at.is_none())
        .filter_map(|(a, _)| a.connection_timeout_at.map(workspaced_store::utc))
        .filter(|deadline| *deadline >= now)
        .fold(next_heartbeat, |until, deadline| until.min(deadline))
}
