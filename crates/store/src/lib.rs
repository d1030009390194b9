//! Persistence for workspaced: the diesel schema, migrations for SQLite and PostgreSQL,
//! the connection pool and every query the server runs.
//!
//! Architecture invariant: this crate knows nothing about HTTP or the wire types; the API
//! crate converts the rows returned here into `codersdk` values in one place.

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

pub use jobs::{AgentSpec, AppSpec, BuildDeadlines, ResourceSpec, ScriptSpec, StageTiming};
pub use port_shares::PortShareUpsert;
pub use templates::{NewTemplate, ParameterSpec, ALL_DAYS};
pub use users::{NewUser, UserFilter};
pub use authz::{Actor, Grant, WorkspaceAction};
pub use changes::{ChangeListener, ChangeSink};
pub use workspaces::{
    job_is_active, LifecycleAction, LifecycleBuild, LifecycleCandidates, LifecycleOutcome, LifecycleView, AclChange, BuildActive, BuildAggregate, BuildPage, BuildTimings, GroupGrant, NewBuild, NewWorkspace,
    ResourceAggregate, WorkspaceAcl, WorkspaceAggregate, WorkspaceListFilter, WorkspaceOrder, WorkspaceProbe,
};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::connection::{Instrumentation, InstrumentationEvent, SimpleConnection};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Key of the PostgreSQL advisory lock held while migrating, so that replicas starting
/// together run the migrations one after the other.
const MIGRATION_LOCK_KEY: i64 = 0x776f_726b_7370_6163; // "workspac"

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

/// Errors of the persistence layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique index refused the row; carries the index or constraint name when known.
    #[error("unique violation: {0}")]
    UniqueViolation(String),
    #[error("invalid database url: {0}")]
    InvalidUrl(String),
    #[error("connection pool: {0}")]
    Pool(String),
    #[error("database: {0}")]
    Database(String),
    /// The connection to the database server was lost (PostgreSQL restarted, a network
    /// cut): the pool checks its connections again for a while, and reads are retried once.
    #[error("database connection lost: {0}")]
    ConnectionLost(String),
    /// Inside [`Store::without_waiting`], the operation needed to wait (a pool checkout, a
    /// write); the caller runs it again where waiting is allowed. Never answered to a client.
    #[error("the operation would have had to wait")]
    WouldWait,
    /// The database cannot take writes: its disk is full, or its file is read-only.
    #[error("database cannot be written: {0}")]
    Unwritable(String),
    #[error("migrations: {0}")]
    Migration(String),
    /// A row holds something this code cannot read back (corrupt JSON, bad id, ...).
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// True when a unique index refused an insert or update (a name already taken).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::UniqueViolation(_))
    }
}

// SQL's LOWER(), for the case-insensitive lookups of names.
diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

impl From<diesel::result::Error> for StoreError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => StoreError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                let name = info
                    .constraint_name()
                    .map(str::to_owned)
                    .unwrap_or_else(|| info.message().to_owned());
                StoreError::UniqueViolation(name)
            }
            Error::DeserializationError(e) => {
                // diesel names the field; its source says what was wrong with the value.
                let mut text = e.to_string();
                let mut cause = e.source();
                while let Some(c) = cause {
                    text.push_str(": ");
                    text.push_str(&c.to_string());
                    cause = c.source();
                }
                StoreError::Corrupt(text)
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand, info) => {
                StoreError::ConnectionLost(info.message().to_owned())
            }
            Error::DatabaseError(_, info) if is_unwritable(info.message()) => StoreError::Unwritable(info.message().to_owned()),
            other => StoreError::Database(other.to_string()),
        }
    }
}

/// The engines' texts for a database that cannot be written (SQLITE_FULL, SQLITE_READONLY,
/// SQLITE_IOERR; PostgreSQL's ENOSPC).
fn is_unwritable(message: &str) -> bool {
    const TEXTS: [&str; 4] = ["database or disk is full", "readonly database", "disk I/O error", "No space left on device"];
    TEXTS.iter().any(|t| message.contains(t))
}

impl From<r2d2::Error> for StoreError {
    fn from(e: r2d2::Error) -> Self {
        StoreError::Pool(e.to_string())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
type DbPool = Pool<Manager>;
pub type PooledConn = PooledConnection<Manager>;

/// How long after a lost connection the pool checks each connection it hands out or takes
/// back with a round trip.
const SUSPECT_WINDOW: Duration = Duration::from_secs(10);

/// The pool's connection manager: diesel's, except that a connection is checked with a
/// `SELECT 1` round trip only while the database is suspect (a connection was lost within
/// [`SUSPECT_WINDOW`]), not on every checkout. A PostgreSQL restart kills every pooled
/// connection: the first read to meet a dead one marks the database suspect and is retried,
/// and from then on dead connections are found and replaced before they are used. In quiet
/// times a checkout costs no round trip (it was half of a warm get's statements).
#[derive(Debug)]
pub struct Manager {
    inner: ConnectionManager<DbConnection>,
    health: Arc<Health>,
}

#[derive(Debug)]
struct Health {
    origin: std::time::Instant,
    /// Milliseconds after `origin` until which connections are checked; 0: never lost.
    suspect_until: AtomicU64,
}

impl Health {
    fn new() -> Health {
        Health { origin: std::time::Instant::now(), suspect_until: AtomicU64::new(0) }
    }

    fn mark_lost(&self) {
        let until = (self.origin.elapsed() + SUSPECT_WINDOW).as_millis() as u64;
        self.suspect_until.fetch_max(until, Ordering::Relaxed);
    }

    fn suspect(&self) -> bool {
        let until = self.suspect_until.load(Ordering::Relaxed);
        until != 0 && (self.origin.elapsed().as_millis() as u64) < until
    }
}

impl diesel::r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.inner.connect()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        if self.health.suspect() {
            self.inner.is_valid(conn)
        } else {
            Ok(())
        }
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        self.inner.has_broken(conn) || (self.health.suspect() && self.inner.is_valid(conn).is_err())
    }
}

/// What [`Store::pool_status`] reports.
#[derive(Debug, Clone, Copy)]
pub struct PoolStatus {
    pub connections: u32,
    pub in_use: u32,
    pub waiting: u64,
    pub max_size: u32,
}

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

#[derive(Debug)]
struct ConnectionSetup {
    backend: Backend,
    statements: Arc<AtomicU64>,
}

struct StatementCounter(Arc<AtomicU64>);

impl Instrumentation for StatementCounter {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if self.backend == Backend::Sqlite {
            // busy_timeout first, so that the statements after it wait for the lock.
            // Reads map the file instead of copying its pages (shared by every connection).
            conn.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                 PRAGMA mmap_size = 1073741824;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
            if let DbConnection::Sqlite(sqlite) = conn {
                changes::register_sqlite_feed(sqlite).map_err(diesel::r2d2::Error::QueryError)?;
            }
        }
        conn.set_instrumentation(StatementCounter(self.statements.clone()));
        Ok(())
    }
}

thread_local! {
    /// Set while [`Store::without_waiting`] runs on this thread.
    static INLINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set when an operation inside it needed to wait.
    static REFUSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// This thread's write mark: unique to the thread (its high half is the thread's number)
    /// and moved by every write the thread makes. A read taken earlier on the same thread
    /// with the same mark has seen every write of the operation running there.
    static WRITE_MARK: std::cell::Cell<u64> = std::cell::Cell::new(next_thread_number() << 32);
}

fn next_thread_number() -> u64 {
    static THREADS: AtomicU64 = AtomicU64::new(1);
    THREADS.fetch_add(1, Ordering::Relaxed)
}

/// The calling thread's write mark (see `WRITE_MARK`).
pub(crate) fn write_mark() -> u64 {
    WRITE_MARK.get()
}

fn refuse_wait() -> StoreError {
    REFUSED.set(true);
    StoreError::WouldWait
}

/// Current time as stored: UTC, truncated to microseconds so both engines round-trip it.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// A stored time as a UTC instant.
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Strips the password from a URL before it is logged.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => format!("{}:***{}", &url[..scheme + 3 + colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// How many connections a store pools unless told otherwise.
///
/// - SQLite: 8. Reads mostly run on the request's own worker without a pooled wait, and
///   writers take turns anyway.
/// - PostgreSQL: two per core, between 4 and 16. A connection spends about half of a warm
///   read waiting on the database, so two per core keep the cores busy; more only add
///   threads and server processes that compete for the same cores (on 2 cores, 16
///   connections gave the list twice the p99 of 4 at the same throughput).
pub fn default_max_connections(backend: Backend) -> u32 {
    match backend {
        Backend::Sqlite => 8,
        Backend::Postgres => {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
            (2 * cores).clamp(4, 16)
        }
    }
}

impl Store {
    /// Opens (and migrates) the database named by `url`: `sqlite://PATH` or `postgres://…`.
    pub fn connect(url: &str) -> StoreResult<Store> {
        Store::open(url, 1, None)
    }

    /// Like [`Store::connect`], with at most `max_connections` pooled connections instead of
    /// [`default_max_connections`].
    pub fn connect_with_max_connections(url: &str, max_connections: u32) -> StoreResult<Store> {
        Store::open(url, 1, Some(max_connections.max(1)))
    }

    /// Like [`Store::connect`], for a short-lived process (an admin command): the pool keeps
    /// no idle connection in reserve, so no background thread is opening one while the
    /// process exits (libpq's OpenSSL, torn down at exit under such a thread, crashed it).
    pub fn connect_short_lived(url: &str) -> StoreResult<Store> {
        Store::open(url, 0, None)
    }

    fn open(url: &str, min_idle: u32, max_connections: Option<u32>) -> StoreResult<Store> {
        let (backend, conn_url) = if let Some(path) = url.strip_prefix("sqlite://") {
            (Backend::Sqlite, path.to_owned())
        } else if let Some(path) = url.strip_prefix("sqlite:") {
            (Backend::Sqlite, path.to_owned())
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::InvalidUrl(format!(
                "{}: expected sqlite://PATH or postgres://…",
                redact_url(url)
            )));
        };
        if backend == Backend::Sqlite && (conn_url.is_empty() || conn_url == ":memory:") {
            return Err(StoreError::InvalidUrl(
                "SQLite needs a file path (an in-memory database is private to one connection)"
                    .into(),
            ));
        }
        if backend == Backend::Sqlite {
            configure_sqlite_library();
        }
        // Processes starting together on one SQLite file (a server and an admin command, say)
        // take turns through an advisory lock on a file beside it, as PostgreSQL replicas do
        // through pg_advisory_lock.
        let _migration_turn = match backend {
            Backend::Sqlite => Some(lock_beside(&conn_url)?),
            Backend::Postgres => None,
        };
        // Check the URL by opening one connection first: the pool hides the cause.
        let mut first = DbConnection::establish(&conn_url)
            .map_err(|e| StoreError::Pool(format!("{}: {e}", redact_url(url))))?;
        if backend == Backend::Sqlite {
            // WAL is a property of the file: set it once, before the pool opens connections.
            first.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")?;
        }
        // Migrate before the pool exists, so that no other connection races the schema change.
        migrate(&mut first)?;
        drop(first);
        let statements = Arc::new(AtomicU64::new(0));
        let health = Arc::new(Health::new());
        let pool = Pool::builder()
            .max_size(max_connections.unwrap_or_else(|| default_max_connections(backend)))
            .min_idle(Some(min_idle))
            // PostgreSQL connections die with the server: `Manager` checks them on checkout
            // while the database is suspect. A SQLite connection cannot die that way.
            .test_on_check_out(backend == Backend::Postgres)
            // How long a request waits for a connection before it is answered 503. A
            // PostgreSQL server out of reach is found out this fast (r2d2 retries its
            // connects with a back-off of at most half of this, so a returning server is
            // seen within a few seconds); SQLite only ever waits for a busy pool.
            .connection_timeout(match backend {
                Backend::Postgres => Duration::from_secs(4),
                Backend::Sqlite => Duration::from_secs(30),
            })
            .connection_customizer(Box::new(ConnectionSetup {
                backend,
                statements: statements.clone(),
            }))
            .build(Manager { inner: ConnectionManager::<DbConnection>::new(conn_url.clone()), health: health.clone() })?;
        Ok(Store {
            pool,
            health,
            backend,
            sqlite_writer: Arc::new(Mutex::new(())),
            statements,
            waiting: Arc::new(AtomicU64::new(0)),
            kept: Arc::new(workspaces::Kept::new(WORKSPACE_CACHE_ENTRIES, COUNTED_ACTORS)),
            feed: Arc::new(changes::Feed::default()),
            url: conn_url.into(),
        })
    }

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

    fn conn(&self) -> StoreResult<PooledConn> {
        if INLINE.get() {
            return self.pool.try_get().ok_or_else(refuse_wait);
        }
        if let Some(conn) = self.pool.try_get() {
            return Ok(conn);
        }
        self.waiting.fetch_add(1, Ordering::Relaxed);
        let conn = self.pool.get();
        self.waiting.fetch_sub(1, Ordering::Relaxed);
        Ok(conn?)
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

    /// Runs `f` on this thread only as far as it can go without waiting for anything: no
    /// pool checkout that would block, no write (a write may wait for the writer's turn).
    /// `None` when it needed to wait: its result is dropped and the caller runs it again
    /// where waiting is allowed (the blocking pool).
    ///
    /// This is how a read is answered on the async worker itself, without a hop to the
    /// blocking pool and back (a fifth of a warm read's time went to that hand-off). Only
    /// on SQLite: its reads are work on a memory-mapped file in this process, which never
    /// waits for a lock in WAL mode; a PostgreSQL read waits for the network.
    pub fn without_waiting<T>(&self, f: impl FnOnce(&Store) -> T) -> Option<T> {
        if self.backend != Backend::Sqlite || INLINE.get() {
            return None;
        }
        struct Scope;
        impl Drop for Scope {
            fn drop(&mut self) {
                INLINE.set(false);
                REFUSED.set(false);
            }
        }
        let _scope = Scope;
        INLINE.set(true);
        REFUSED.set(false);
        let out = f(self);
        (!REFUSED.get()).then_some(out)
    }

    /// Runs `f` on a pooled connection without a transaction (reads).
    fn read<T>(&self, mut f: impl FnMut(&mut DbConnection) -> StoreResult<T>) -> StoreResult<T> {
        self.retrying(|| {
            let mut conn = self.conn()?;
            f(&mut conn)
        })
    }

    /// Runs `f` in one read-only transaction, so that every statement in it sees the same
    /// snapshot of the database (a response never mixes two states).
    fn snapshot<T>(&self, mut f: impl FnMut(&mut DbConnection) -> StoreResult<T>) -> StoreResult<T> {
        let begin = match self.backend {
            Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            Backend::Sqlite => "BEGIN",
        };
        self.retrying(|| {
            let mut conn = self.conn()?;
            in_transaction(&mut conn, begin, &mut f)
        })
    }

    /// Runs a read again, once, when its connection turns out to be lost (the database
    /// restarted since the connection was pooled); the pool is then suspect, so the second
    /// attempt gets a checked connection.
    fn retrying<T>(&self, mut attempt: impl FnMut() -> StoreResult<T>) -> StoreResult<T> {
        match attempt() {
            Err(StoreError::ConnectionLost(_)) => {
                self.health.mark_lost();
                attempt()
            }
            other => other,
        }
    }

    /// Runs `f` in one transaction; on SQLite writers of this process take turns.
    fn write<T>(&self, f: impl FnOnce(&mut DbConnection) -> StoreResult<T>) -> StoreResult<T> {
        if INLINE.get() {
            return Err(refuse_wait());
        }
        WRITE_MARK.set(WRITE_MARK.get().wrapping_add(1));
        let mut conn = self.conn()?;
        changes::take_pending();
        let done = {
            let _turn = match self.backend {
                Backend::Sqlite => Some(self.sqlite_writer.lock().unwrap_or_else(|p| p.into_inner())),
                Backend::Postgres => None,
            };
            let c: &mut DbConnection = &mut conn;
            match self.backend {
                // The triggers list the workspaces the transaction changed in a transaction-local
                // setting (see `changes`): read before COMMIT, published after.
                Backend::Postgres => c.transaction(|c| {
                    let value = f(c)?;
                    changes::record_postgres_changes(c)?;
                    Ok(value)
                }),
                // IMMEDIATE takes the write lock up front, so a writer of another process makes
                // this one wait (busy_timeout) instead of failing with SQLITE_BUSY when a
                // transaction that has read tries to write.
                Backend::Sqlite => in_transaction(c, "BEGIN IMMEDIATE", f),
            }
        };
        drop(conn);
        // Committed: the workspaces it changed are told (after the writer's turn is over).
        let changed = changes::take_pending();
        if done.is_ok() {
            self.feed.publish(&changed);
        }
        // A write is not retried (it may have committed), but the next checkouts are checked.
        if let Err(StoreError::ConnectionLost(_)) = &done {
            self.health.mark_lost();
        }
        done
    }

    /// A cheap round trip, for the health check.
    pub fn ping(&self) -> StoreResult<()> {
        self.read(|c| {
            diesel::sql_query("SELECT 1").execute(c)?;
            Ok(())
        })
    }

    /// SQLite's `PRAGMA integrity_check`: `ok` when the file is sound (operators' check
    /// after a crash or a full disk; PostgreSQL has no such check and answers `ok`).
    pub fn integrity_check(&self) -> StoreResult<String> {
        #[derive(QueryableByName)]
        struct Line {
            #[diesel(sql_type = diesel::sql_types::Text)]
            integrity_check: String,
        }
        if self.backend != Backend::Sqlite {
            return Ok("ok".into());
        }
        self.read(|c| {
            let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check").load(c)?;
            Ok(lines.into_iter().map(|l| l.integrity_check).collect::<Vec<_>>().join("\n"))
        })
    }

    /// Runs one maintenance statement as it is (operators' chores and fault-injection tests,
    /// e.g. renaming a table to prove a broken database answers 500).
    pub fn execute_admin_sql(&self, statement: &str) -> StoreResult<()> {
        self.read(|c| {
            diesel::sql_query(statement).execute(c)?;
            Ok(())
        })
    }

    /// Creates an empty PostgreSQL database next to the one `admin_url` names (tests use a
    /// fresh database each). Returns the URL of the new database.
    pub fn create_postgres_database(admin_url: &str, name: &str) -> StoreResult<String> {
        check_db_name(name)?;
        let mut c = diesel::PgConnection::establish(admin_url)
            .map_err(|e| StoreError::Pool(format!("{}: {e}", redact_url(admin_url))))?;
        diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut c)?;
        Ok(replace_db_name(admin_url, name))
    }

    /// Ends every other session on the PostgreSQL database `name`, as a server restart or a
    /// network cut would (fault tests). Returns how many were ended.
    pub fn terminate_postgres_connections(admin_url: &str, name: &str) -> StoreResult<usize> {
        check_db_name(name)?;
        let mut c = diesel::PgConnection::establish(admin_url)
            .map_err(|e| StoreError::Pool(format!("{}: {e}", redact_url(admin_url))))?;
        #[derive(QueryableByName)]
        struct Ended {
            #[diesel(sql_type = diesel::sql_types::Bool)]
            ended: bool,
        }
        let ended: Vec<Ended> = diesel::sql_query(
            "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity \
             WHERE datname = $1 AND pid <> pg_backend_pid()",
        )
        .bind::<diesel::sql_types::Text, _>(name)
        .load(&mut c)?;
        Ok(ended.iter().filter(|e| e.ended).count())
    }

    /// Drops a database made by [`Store::create_postgres_database`].
    pub fn drop_postgres_database(admin_url: &str, name: &str) -> StoreResult<()> {
        check_db_name(name)?;
        let mut c = diesel::PgConnection::establish(admin_url)
            .map_err(|e| StoreError::Pool(format!("{}: {e}", redact_url(admin_url))))?;
        diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut c)?;
        Ok(())
    }
}

/// Runs `f` between `begin` and COMMIT (ROLLBACK when it fails). For the transactions whose
/// BEGIN diesel's generic transaction cannot express; none of them nests.
fn in_transaction<T>(
    conn: &mut DbConnection,
    begin: &str,
    f: impl FnOnce(&mut DbConnection) -> StoreResult<T>,
) -> StoreResult<T> {
    conn.batch_execute(begin)?;
    match f(conn) {
        Ok(value) => {
            if let Err(e) = conn.batch_execute("COMMIT") {
                let _ = conn.batch_execute("ROLLBACK");
                return Err(e.into());
            }
            Ok(value)
        }
        Err(e) => {
            let _ = conn.batch_execute("ROLLBACK");
            Err(e)
        }
    }
}

/// Runs the pending migrations of the connection's backend; on PostgreSQL under an advisory
/// lock, so that replicas starting together take turns.
fn migrate(conn: &mut DbConnection) -> StoreResult<()> {
    let migrate_err = |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(c) => {
            c.run_pending_migrations(SQLITE_MIGRATIONS).map_err(migrate_err)?;
        }
        DbConnection::Postgres(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")).execute(c)?;
            let result = c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()).map_err(migrate_err);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")).execute(c)?;
            result?;
        }
    }
    Ok(())
}

/// Process-wide SQLite settings, made once before the first connection opens (SQLite
/// refuses them later, harmlessly): no global memory statistics (they take a process-wide
/// mutex on every allocation), and no per-connection mutex (each connection is used by one
/// thread at a time: the pool hands it out, diesel's connection is not `Sync`).
fn configure_sqlite_library() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is called before any connection of this process is opened
        // (`Store::connect` runs this first) with the argument types these options take;
        // after initialisation SQLite answers SQLITE_MISUSE and changes nothing.
        unsafe {
            libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int);
            libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MULTITHREAD);
        }
    });
}

/// Takes an exclusive advisory lock on `<path>.lock`, released when the file is dropped.
fn lock_beside(sqlite_path: &str) -> StoreResult<std::fs::File> {
    let path = format!("{sqlite_path}.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::Migration(format!("opening {path}: {e}")))?;
    file.lock().map_err(|e| StoreError::Migration(format!("locking {path}: {e}")))?;
    Ok(file)
}

fn check_db_name(name: &str) -> StoreResult<()> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(StoreError::InvalidUrl(format!("bad database name {name:?}")));
    }
    Ok(())
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.find('?') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    match base[scheme_end..].find('/') {
        Some(slash) => format!("{}/{name}{query}", &base[..scheme_end + slash]),
        None => format!("{base}/{name}{query}"),
    }
}

/// Makes a fresh id.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::new_v4()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(replace_db_name("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
        assert_eq!(replace_db_name("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
        assert_eq!(replace_db_name("postgres://u@h", "x"), "postgres://u@h/x");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact_url("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
    }

    #[test]
    fn unknown_schemes_are_refused() {
        assert!(matches!(Store::connect("mysql://x"), Err(StoreError::InvalidUrl(_))));
        assert!(matches!(Store::connect("sqlite://:memory:"), Err(StoreError::InvalidUrl(_))));
    }
}
