//! Persistence for workspaced: the diesel schema, migrations for SQLite and PostgreSQL,
//! the connection pool and every query the server runs.
//!
//! Architecture invariant: this crate knows nothing about HTTP or the wire types; the API
//! crate converts the rows returned here into `codersdk` values in one place.
//!
//! The crate root holds the [`Store`] handle and the time and id helpers; around it:
//! `open` (URL, migrations, pool), `pool` (the connection manager and each connection's
//! set-up), `transaction` (read, snapshot, write), `inline` (reads on the async worker,
//! the write mark), `error` ([`StoreError`]) and `admin` (health, integrity, test
//! databases). The queries live in one module per aggregate.

pub mod agents;
pub mod authz;
pub mod changes;
pub mod models;
pub mod schema;
pub mod types;

mod jobs;
mod prerendered;
mod port_shares;
mod templates;
mod users;
mod workspaces;

mod admin;
mod error;
mod inline;
mod open;
mod pool;
mod transaction;

pub use jobs::{AgentSpec, AppSpec, BuildDeadlines, ResourceSpec, ScriptSpec, StageTiming};
pub use port_shares::PortShareUpsert;
pub use templates::{NewTemplate, ParameterSpec, ALL_DAYS};
pub use users::{NewUser, UserFilter};
pub use authz::{Actor, Grant, WorkspaceAction};
pub use changes::{ChangeListener, ChangeSink};
pub use workspaces::{
    job_is_active, LifecycleAction, LifecycleBuild, LifecycleCandidates, LifecycleOutcome, LifecycleView, AclChange, BuildActive, BuildAggregate, BuildPage, BuildTimings, GroupGrant, NewBuild, NewWorkspace,
    ResourceAggregate, WorkspaceAcl, WorkspaceAggregate, WorkspaceListFilter, WorkspaceOrder,
};
pub use admin::redact_url;
pub use error::{StoreError, StoreResult};
pub use pool::{default_max_connections, Manager, PoolStatus, PooledConn};

pub(crate) use inline::write_mark;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

use crate::pool::{DbPool, Health};

/// How many decoded workspaces a server keeps for the read path.
const WORKSPACE_CACHE_ENTRIES: usize = 4096;
/// For how many actors a server keeps the number of workspaces they may see.
const COUNTED_ACTORS: usize = 1024;

/// One connection to either backend; every query in this crate is written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

// SQL's LOWER(), for the case-insensitive lookups of names.
diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// The database handle shared by the whole server: a pool plus what the backend needs.
#[derive(Clone)]
pub struct Store {
    pool: DbPool,
    health: Arc<Health>,
    backend: Backend,
    /// SQLite has one writer at a time; writers of this process queue here instead of
    /// failing with SQLITE_BUSY on a lock upgrade.
    sqlite_writer: Arc<Mutex<()>>,
    statements: Arc<AtomicU64>,
    /// Threads waiting for a pooled connection right now (for the metrics).
    waiting: Arc<AtomicU64>,
    /// What the read path keeps (decoded workspaces, visible counts), each checked against
    /// the database before it is served (see `Store::workspace_for`, `workspaces::list`).
    kept: Arc<workspaces::Kept>,
    /// Who hears of committed workspace changes ([`changes`]).
    feed: Arc<changes::Feed>,
    /// The PostgreSQL URL, for the dedicated LISTEN connection.
    url: Arc<str>,
}


/// Current time as stored: UTC, truncated to microseconds so both engines round-trip it.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// A stored time as a UTC instant.
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}


/// Makes a fresh id.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::new_v4()
}

impl Store {

    /// The same store (pool, database) with every read-path cache bypassed: nothing kept is
    /// served, nothing read is kept, no probe is reused. For the tests that compare what the
    /// read path serves with a fresh read; a server never uses it.
    pub fn bypassing_caches(&self) -> Store {
        Store { kept: Arc::new(workspaces::Kept::bypassing()), ..self.clone() }
    }

    /// Tells `sink` of every workspace change this process commits from now on (held
    /// weakly: dropping the sink unsubscribes it). See [`changes`].
    pub fn subscribe_changes(&self, sink: &Arc<dyn ChangeSink>) {
        self.feed.subscribe(sink);
    }

    /// Starts hearing the changes other processes commit and passes them to the
    /// subscribers: with PostgreSQL a dedicated LISTEN connection (every process's changes,
    /// this one's included, by id), with SQLite a watcher of the file's data version (a
    /// re-read of everything watched when another connection committed). It stops when the
    /// returned handle is dropped.
    pub fn listen_for_changes(&self) -> Option<ChangeListener> {
        match self.backend {
            Backend::Postgres => Some(changes::spawn_listener(self.url.to_string(), self.feed.clone())),
            Backend::Sqlite => Some(changes::spawn_sqlite_watcher(self.url.to_string(), self.feed.clone())),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How many SQL statements this store has sent so far (for tests and benchmarks).
    pub fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// The connection pool now: connections open, of them in use, and threads waiting for one.
    pub fn pool_status(&self) -> PoolStatus {
        let state = self.pool.state();
        PoolStatus {
            connections: state.connections,
            in_use: state.connections.saturating_sub(state.idle_connections),
            waiting: self.waiting.load(Ordering::Relaxed),
            max_size: self.pool.max_size(),
        }
    }
}
