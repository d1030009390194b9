//! The filtered, ordered page of `GET /workspaces`, and the lookups that are that same query
//! restricted to one workspace (by id, by owner and name); what a server keeps for them
//! (decoded workspaces, visible counts) and the one-statement reads that rely on it. The
//! filters themselves are in [`super::filter`].

use std::sync::Arc;

use diesel::prelude::*;
use uuid::Uuid;
use workspaced_sdk::WorkspaceAgentStatus;

use super::aggregate::{load_aggregates, WorkspaceAggregate};
use super::filter::{filtered, Predicate, WorkspaceListFilter};
use crate::authz::{Actor, WorkspaceAction};
use crate::models::{ApiKey, User};
use crate::prerendered::prerendered;
use crate::schema::{api_keys, list_generation, users, visibility_generation, workspaces};
use crate::types::{JobStatus, Txt};
use crate::{DbConnection, MultiBackend, Store, StoreResult};

/// Order of `GET /workspaces`, as Coder's: the requester's favorites first, then running
/// ones, then by owner username and workspace name, both ignoring case.
#[derive(Debug, Clone, Copy)]
pub struct WorkspaceOrder {
    pub requester_id: Uuid,
}


/// Decoded workspaces kept by a server for its read path.
pub(crate) type KeptWorkspaces = quick_cache::sync::Cache<Uuid, Arc<WorkspaceAggregate>>;

/// What a server keeps for its read path, each entry checked against the database before it
/// is served: decoded workspaces (by their stamp), and how many workspaces each actor may
/// see in the plain list (by the visibility generation, see the `list_counts` migration).
pub(crate) struct Kept {
    pub(crate) workspaces: KeptWorkspaces,
    /// `(user, site owner?)` → what the plain list showed that actor: the predicate of the
    /// rule depends on nothing else of the actor.
    visible_counts: quick_cache::sync::Cache<(Uuid, bool), VisibleCounts>,
    /// `(user, site owner?, the filter)` → what a filtered list showed that actor (who is
    /// also the requester, whose favorites come first), by the list generation.
    filtered_counts: quick_cache::sync::Cache<(Uuid, bool, String), FilteredCounts>,
    /// Serve nothing kept (and keep nothing): every read is made afresh. Only for the tests
    /// that compare what the read path serves with a fresh read (`Store::bypassing_caches`).
    pub(crate) bypass: bool,
}

/// How many workspaces an actor may see, counted at a visibility generation, and how many of
/// them were its own favorites when last counted (favorites move without the generation: that
/// number is a guess, checked in the statement that relies on it).
#[derive(Debug, Clone, Copy)]
struct VisibleCounts {
    generation: i64,
    count: i64,
    favorites: i64,
}

/// How many workspaces match a filter for an actor, and how many of them are the actor's
/// favorites, counted at a list generation ([`list_generation`]): exact for every snapshot
/// at that generation, since every write that can change either moves it.
#[derive(Debug, Clone, Copy)]
struct FilteredCounts {
    generation: i64,
    count: i64,
    favorites: i64,
}

/// Filtered lists kept per actor: a few shapes each (the dashboard's, the CLI's).
const FILTERS_PER_ACTOR: usize = 16;

/// The list generation, read in the caller's snapshot: it moves in every transaction that
/// writes a `workspaces` row (which every change of a filter's input reaches, through the
/// stamp and filter triggers) or a group membership (migration `list_shapes`). Its shards
/// only grow, so their sum names one state. Read through this function only: how the counter
/// is kept (shards, which triggers) is the migration's business.
fn list_generation(c: &mut DbConnection) -> StoreResult<i64> {
    let shards: Vec<i64> = list_generation::table.select(list_generation::value).load(c)?;
    Ok(shards.iter().sum())
}

/// The key under which the counts of this filtered list are kept, when they can be: a
/// filter (not the plain list, which has its own), listed for its actor (the favorites
/// counted are the requester's), that is not a lookup (by ids or exact name: one row, and
/// counted on a unique index anyway) and that does not depend on the clock (agents'
/// connection deadlines pass without any write).
fn filtered_key(actor: &Actor, filter: &WorkspaceListFilter, order: WorkspaceOrder) -> Option<(Uuid, bool, String)> {
    let timed = filter
        .has_agent
        .iter()
        .any(|s| matches!(s, WorkspaceAgentStatus::Connecting | WorkspaceAgentStatus::Timeout));
    let keepable = !filter.is_unfiltered()
        && order.requester_id == actor.user_id
        && filter.ids.is_empty()
        && filter.exact_name.is_none()
        && !timed;
    keepable.then(|| (actor.user_id, actor.is_site_owner(), format!("{filter:?}")))
}

impl Kept {
    pub(crate) fn new(workspaces: usize, actors: usize) -> Kept {
        Kept {
            workspaces: quick_cache::sync::Cache::new(workspaces),
            visible_counts: quick_cache::sync::Cache::new(actors),
            filtered_counts: quick_cache::sync::Cache::new(actors.saturating_mul(FILTERS_PER_ACTOR)),
            bypass: false,
        }
    }

    /// Keeps nothing and serves nothing kept.
    pub(crate) fn bypassing() -> Kept {
        Kept { bypass: true, ..Kept::new(1, 1) }
    }

    /// The kept aggregate of `id`, if kept with this stamp.
    fn current(&self, id: &Uuid, stamp: Stamp) -> Option<Arc<WorkspaceAggregate>> {
        if self.bypass {
            return None;
        }
        self.workspaces.get(id).filter(|agg| stamp_of(agg) == stamp)
    }
}

/// How many workspaces match: for the plain list, the count kept for this actor while the
/// visibility generation read in this snapshot is the one it was counted at (one statement
/// either way; a count of every visible row otherwise). With the generation it was read at,
/// for the plain list.
fn count_matching(
    c: &mut DbConnection,
    kept: &Kept,
    actor: &Actor,
    filter: &WorkspaceListFilter,
) -> StoreResult<(i64, Option<i64>)> {
    if !filter.is_unfiltered() {
        return Ok((filtered(actor, filter).count().get_result(c)?, None));
    }
    let generation: i64 = visibility_generation::table.select(visibility_generation::value).first(c)?;
    if let Some(counts) = kept.visible_counts.get(&actor_key(actor)).filter(|k| k.generation == generation && !kept.bypass) {
        return Ok((counts.count, Some(generation)));
    }
    let count: i64 = filtered(actor, filter).count().get_result(c)?;
    Ok((count, Some(generation)))
}

fn actor_key(actor: &Actor) -> (Uuid, bool) {
    (actor.user_id, actor.is_site_owner())
}

/// Whether an actor may read a workspace, and the workspace's stamp if so, as one statement
/// found them ([`Store::api_key_with_user_probing`]). Kept by the store for the operation
/// that took it ([`Store::operation`]) and used only by reads of that workspace as that
/// actor, on the thread that took it, while that thread has written nothing since (an
/// operation that changes the workspace and then shows it must show the change).
#[derive(Debug, Clone)]
pub(crate) struct WorkspaceProbe {
    actor: Actor,
    workspace: Uuid,
    stamp: Option<Stamp>,
    write_mark: u64,
}

thread_local! {
    /// The running operation's probe, if authentication took one ([`Store::operation`]).
    /// `None` outside an operation: nothing found for one request outlives it, so that a
    /// later read on the same worker (a watcher's) never starts from it.
    static OPERATION: std::cell::RefCell<Option<Option<WorkspaceProbe>>> = const { std::cell::RefCell::new(None) };
}

/// The probe of the running operation, when it is of this actor and this workspace and
/// nothing was written on this thread since it was taken.
fn current_probe(actor: &Actor, id: Uuid) -> Option<Option<Stamp>> {
    OPERATION.with_borrow(|op| {
        op.as_ref()?
            .as_ref()
            .filter(|p| p.actor == *actor && p.workspace == id && p.write_mark == crate::write_mark())
            .map(|p| p.stamp)
    })
}

/// What a kept workspace must match to be served: the row's version, which the database
/// moves on every write that changes anything the workspace's response shows, its own row
/// or a row it shows (its builds, jobs, resources, agents, apps, ACL, port shares, and the
/// users, groups, template, template versions and organization it shows): the
/// `stamp_triggers` migration.
type Stamp = i64;

fn stamp_of(agg: &WorkspaceAggregate) -> Stamp {
    agg.workspace.version
}

diesel::alias!(workspaces as own_favorite: OwnFavorite);

/// The stamp of the current `workspaces` row, as a selectable column.
macro_rules! stamp_columns {
    () => {
        workspaces::version
    };
}

/// The aggregates of these workspaces: those kept with the same stamp as they are, the others
/// read now (in the caller's snapshot) and kept, unless a build of theirs is queued (its queue
/// position moves with other workspaces' builds).
fn aggregates(c: &mut DbConnection, kept: &Kept, rows: &[(Uuid, Stamp)]) -> StoreResult<Vec<Arc<WorkspaceAggregate>>> {
    let mut found: Vec<Option<Arc<WorkspaceAggregate>>> = rows.iter().map(|(id, stamp)| kept.current(id, *stamp)).collect();
    let missing: Vec<Uuid> = rows.iter().zip(&found).filter(|(_, f)| f.is_none()).map(|((id, _), _)| *id).collect();
    let mut fresh = load_aggregates(c, &missing)?.into_iter().map(Arc::new);
    for slot in found.iter_mut().filter(|f| f.is_none()) {
        let agg = fresh.next().ok_or_else(|| crate::StoreError::Corrupt("a listed workspace did not load".into()))?;
        if agg.latest_build.job.job_status != JobStatus::Pending && !kept.bypass {
            kept.workspaces.insert(agg.workspace.id, agg.clone());
        }
        *slot = Some(agg);
    }
    Ok(found.into_iter().flatten().collect())
}

/// `GET /workspaces`'s order after the favorites: `workspaces_list_order_idx`'s.
fn list_order() -> (workspaces::status_rank, workspaces::owner_name_key, workspaces::name_key, workspaces::id) {
    (workspaces::status_rank, workspaces::owner_name_key, workspaces::name_key, workspaces::id)
}

/// The requester's favorites (listed first).
macro_rules! favorite_of {
    ($requester:expr) => {
        workspaces::owner_id.eq(Txt::from($requester)).and(workspaces::favorite)
    };
}

fn favorite_of(requester: Uuid) -> Predicate {
    Box::new(favorite_of!(requester))
}

/// The plain list's page as one statement, without a transaction, when everything else it
/// needs is kept and the statement itself proves it current; `None` otherwise (the caller
/// then reads the page in a snapshot, which keeps what this needs for the next time).
///
/// The statement reads the rows of the page (after or among the requester's favorites, as
/// many as were kept for this actor), each with its stamp, and with them the visibility
/// generation and the current number of favorites. The page is served when that number is
/// the kept one (so the rows are the right ones), the generation is the one the kept count
/// was taken at (so the count is this statement's), and every row's aggregate is kept with
/// its stamp. One statement is one snapshot on both engines.
fn page_in_one_statement(
    c: &mut DbConnection,
    kept: &Kept,
    actor: &Actor,
    filter: &WorkspaceListFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<Option<(Vec<Arc<WorkspaceAggregate>>, i64)>> {
    if !filter.is_unfiltered() || kept.bypass {
        return Ok(None);
    }
    let Some(counts) = kept.visible_counts.get(&actor_key(actor)) else { return Ok(None) };
    let limit = if limit > 0 { limit } else { i64::MAX };
    let among_favorites = if offset >= counts.favorites {
        false
    } else if offset.saturating_add(limit) <= counts.favorites {
        true
    } else {
        return Ok(None);
    };
    let part_offset = if among_favorites { offset } else { offset - counts.favorites };
    let requester = actor.user_id;
    // The plain list's favorites are the requester's own live favorites: the rule lets an
    // owner read all of its workspaces, so no other condition applies. Counted through an
    // alias (the statement's own rows are `workspaces`), on the favorites' partial index.
    let favorites = || {
        own_favorite
            .filter(own_favorite.field(workspaces::owner_id).eq(Txt::from(requester)))
            .filter(own_favorite.field(workspaces::favorite))
            .filter(diesel::dsl::not(own_favorite.field(workspaces::deleted)))
            .count()
            .single_value()
    };
    let generation = || visibility_generation::table.select(visibility_generation::value).single_value();
    let favorite = || favorite_of!(requester);
    // A fixed shape per kind of actor and part, so that its SQL is rendered once: the plain
    // list's filter (live workspaces the actor may read), written out unboxed.
    macro_rules! rows_of {
        ($part:expr) => {
            crate::authz::with_read_rule!(actor, |rule| prerendered!(workspaces::table
                .filter(diesel::dsl::not(workspaces::deleted))
                .filter(rule)
                .filter($part)
                .select((workspaces::id, stamp_columns!(), generation(), favorites()))
                .order(list_order())
                .limit(limit)
                .offset(part_offset))
            .load::<(Uuid, Stamp, Option<i64>, Option<i64>)>(c)?)
        };
    }
    let rows = if among_favorites { rows_of!(favorite()) } else { rows_of!(diesel::dsl::not(favorite())) };
    let Some(&(_, _, generation, favorites)) = rows.first() else { return Ok(None) };
    if generation != Some(counts.generation) || favorites != Some(counts.favorites) {
        return Ok(None);
    }
    let mut page = Vec::with_capacity(rows.len());
    for (id, stamp, _, _) in &rows {
        match kept.current(id, *stamp) {
            Some(agg) => page.push(agg),
            None => return Ok(None),
        }
    }
    Ok(Some((page, counts.count)))
}

/// One page of the workspaces `actor` may read that match `filter`, in Coder's order, with
/// the number that match in all; `limit = 0` means no limit.
///
/// The order after the requester's favorites is an index's (`workspaces_list_order_idx`:
/// status rank, owner name key, name key, id), so a page costs the rows it shows, not a
/// sort of every visible row. The favorites, few and personal, are read first on their own.
/// Statements: for a filtered list, the list generation and, unless counts are kept for this
/// actor and filter at that generation, two counts (else, the plain list's: two counts); then
/// at most two id queries, and the aggregates not kept current.
pub(crate) fn page(
    c: &mut DbConnection,
    kept: &Kept,
    actor: &Actor,
    filter: &WorkspaceListFilter,
    order: WorkspaceOrder,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<Arc<WorkspaceAggregate>>, i64)> {
    let favorite = || favorite_of(order.requester_id);
    let (count, favorites) = match filtered_key(actor, filter, order).filter(|_| !kept.bypass) {
        // A filtered list: its counts as kept at this generation, or counted now and kept.
        Some(key) => {
            let generation = list_generation(c)?;
            match kept.filtered_counts.get(&key).filter(|k| k.generation == generation) {
                Some(k) => (k.count, k.favorites),
                None => {
                    let count: i64 = filtered(actor, filter).count().get_result(c)?;
                    let favorites: i64 = filtered(actor, filter).filter(favorite()).count().get_result(c)?;
                    kept.filtered_counts.insert(key, FilteredCounts { generation, count, favorites });
                    (count, favorites)
                }
            }
        }
        None => {
            let (count, generation) = count_matching(c, kept, actor, filter)?;
            let favorites: i64 = filtered(actor, filter).filter(favorite()).count().get_result(c)?;
            if let (Some(generation), true, false) = (generation, order.requester_id == actor.user_id, kept.bypass) {
                kept.visible_counts.insert(actor_key(actor), VisibleCounts { generation, count, favorites });
            }
            (count, favorites)
        }
    };
    let limit = if limit > 0 { limit } else { i64::MAX };
    // The rows matching `part`, in the index's order, each with its stamp.
    let mut in_order = |part: Predicate, offset: i64, limit: i64| -> StoreResult<Vec<(Uuid, Stamp)>> {
        Ok(filtered(actor, filter)
            .filter(part)
            .select((workspaces::id, stamp_columns!()))
            .order(list_order())
            // SQLite has no OFFSET without LIMIT: "no limit" is the largest one.
            .limit(limit)
            .offset(offset)
            .load(c)?)
    };
    let mut rows = if offset < favorites { in_order(Box::new(favorite()), offset, limit)? } else { Vec::new() };
    let taken = rows.len() as i64;
    if taken < limit {
        rows.extend(in_order(Box::new(diesel::dsl::not(favorite())), (offset - favorites).max(0), limit - taken)?);
    }
    Ok((aggregates(c, kept, &rows)?, count))
}

impl Store {
    /// `GET /workspaces`: one page and the total count, read as one consistent snapshot.
    pub fn list_workspaces(
        &self,
        actor: &Actor,
        filter: &WorkspaceListFilter,
        order: WorkspaceOrder,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Arc<WorkspaceAggregate>>, i64)> {
        if order.requester_id == actor.user_id {
            if let Some(found) = self.read(|c| page_in_one_statement(c, &self.kept, actor, filter, offset, limit))? {
                return Ok(found);
            }
        }
        self.snapshot(|c| page(c, &self.kept, actor, filter, order, offset, limit))
    }

    /// Runs one operation of a request (authentication, then what the request does): the
    /// probe authentication takes is kept for it and forgotten when it ends, however it ends
    /// (the thread may serve another request next). Operations do not nest: an inner one
    /// runs within the outer one's scope.
    pub fn operation<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        struct Scope;
        impl Drop for Scope {
            fn drop(&mut self) {
                OPERATION.set(None);
            }
        }
        if OPERATION.with_borrow(Option::is_some) {
            return f(self);
        }
        OPERATION.set(Some(None));
        let _scope = Scope;
        f(self)
    }

    /// The workspace with this id if `actor` may read it (deleted or not): the list query
    /// restricted to one id. See [`Store::workspace_for`], the one call services make.
    ///
    /// The fast path: the operation's probe (one statement with authentication: the
    /// authorization rule, and the workspace's stamp) says the actor may read it, and a
    /// decoded workspace kept from an earlier read with the same stamp is still exactly what
    /// the database holds, so it is served as it is. Anything else is read afresh, in one
    /// snapshot.
    pub(crate) fn readable_workspace(&self, actor: &Actor, id: Uuid) -> StoreResult<Option<Arc<WorkspaceAggregate>>> {
        let probed = if self.kept.bypass { None } else { current_probe(actor, id) };
        let stamp = match probed {
            Some(stamp) => stamp,
            None => self.read(|c| {
                Ok(workspaces::table
                    .into_boxed()
                    .filter(workspaces::id.eq(Txt::from(id)))
                    .filter(actor.may(WorkspaceAction::Read))
                    .select(stamp_columns!())
                    .first::<Stamp>(c)
                    .optional()?)
            })?,
        };
        let Some(stamp) = stamp else { return Ok(None) };
        if let Some(kept) = self.kept.current(&id, stamp) {
            return Ok(Some(kept));
        }
        let filter = WorkspaceListFilter { ids: vec![id], include_deleted: true, ..Default::default() };
        let order = WorkspaceOrder { requester_id: actor.user_id };
        Ok(self.snapshot(|c| page(c, &self.kept, actor, &filter, order, 0, 1))?.0.pop())
    }

    /// The API key with this id and its (non-deleted) user, as [`Store::api_key_with_user`],
    /// and in the same statement whether that user may read `workspace` and the workspace's
    /// stamp: authentication and the first read of a request about one workspace cost one
    /// statement together. The rule is the authorization rule for reading, evaluated against
    /// the key's user row (`authz::user_row_may_read!`). What it finds about the workspace
    /// (the probe) stays in the store, for the reads of the running [`Store::operation`]
    /// (outside one it is not kept).
    pub fn api_key_with_user_probing(&self, key_id: &str, workspace: Uuid) -> StoreResult<Option<(ApiKey, User)>> {
        let found = self.read(|c| {
            Ok(prerendered!(api_keys::table
                .inner_join(users::table)
                .left_join(
                    workspaces::table.on(workspaces::id.eq(Txt::from(workspace)).and(crate::authz::user_row_may_read!())),
                )
                .filter(api_keys::id.eq(key_id))
                .filter(diesel::dsl::not(users::deleted))
                .select((
                    <ApiKey as Selectable<MultiBackend>>::construct_selection(),
                    <User as Selectable<MultiBackend>>::construct_selection(),
                    stamp_columns!().nullable(),
                ))
                .limit(1))
            .get_result::<(ApiKey, User, Option<Stamp>)>(c)
            .optional()?)
        })?;
        Ok(found.map(|(key, user, stamp)| {
            let actor = Actor { user_id: user.id, site_role: user.site_role };
            let probe = WorkspaceProbe { actor, workspace, stamp, write_mark: crate::write_mark() };
            OPERATION.with_borrow_mut(|op| {
                if let Some(kept) = op.as_mut() {
                    *kept = Some(probe);
                }
            });
            (key, user)
        }))
    }

    /// The live workspace of `owner_id` named `name` (any case) as `actor` may read it; with
    /// `include_deleted`, the most recently deleted one when no live one exists.
    pub fn workspace_by_owner_and_name_for(
        &self,
        actor: &Actor,
        owner_id: Uuid,
        name: &str,
        include_deleted: bool,
    ) -> StoreResult<Option<Arc<WorkspaceAggregate>>> {
        let order = WorkspaceOrder { requester_id: actor.user_id };
        let mut filter =
            WorkspaceListFilter { owner_id: Some(owner_id), exact_name: Some(name.to_owned()), ..Default::default() };
        self.snapshot(|c| {
            if let Some(live) = page(c, &self.kept, actor, &filter, order, 0, 1)?.0.pop() {
                return Ok(Some(live));
            }
            if !include_deleted {
                return Ok(None);
            }
            filter.include_deleted = true;
            let rows: Vec<(Uuid, Stamp)> = filtered(actor, &filter)
                .filter(workspaces::deleted)
                .order(workspaces::updated_at.desc())
                .select((workspaces::id, stamp_columns!()))
                .limit(1)
                .load(c)?;
            Ok(aggregates(c, &self.kept, &rows)?.pop())
        })
    }
}
