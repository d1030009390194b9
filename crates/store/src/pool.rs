//! The connection pool: its manager (connections checked only while the database is
//! suspect), each connection's set-up, the statement counter, and its size.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::{Connection, Instrumentation, InstrumentationEvent, SimpleConnection};
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};

use crate::{changes, Backend, DbConnection};

pub(crate) type DbPool = Pool<Manager>;
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
    pub(crate) inner: ConnectionManager<DbConnection>,
    pub(crate) health: Arc<Health>,
}

#[derive(Debug)]
pub(crate) struct Health {
    origin: std::time::Instant,
    /// Milliseconds after `origin` until which connections are checked; 0: never lost.
    suspect_until: AtomicU64,
}

impl Health {
    pub(crate) fn new() -> Health {
        Health { origin: std::time::Instant::now(), suspect_until: AtomicU64::new(0) }
    }

    pub(crate) fn mark_lost(&self) {
        let until = (self.origin.elapsed() + SUSPECT_WINDOW).as_millis() as u64;
        self.suspect_until.fetch_max(until, Ordering::Relaxed);
    }

    pub(crate) fn suspect(&self) -> bool {
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

#[derive(Debug)]
pub(crate) struct ConnectionSetup {
    pub(crate) backend: Backend,
    pub(crate) statements: Arc<AtomicU64>,
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

/// Process-wide SQLite settings, made once before the first connection opens (SQLite
/// refuses them later, harmlessly): no global memory statistics (they take a process-wide
/// mutex on every allocation), and no per-connection mutex (each connection is used by one
/// thread at a time: the pool hands it out, diesel's connection is not `Sync`).
pub(crate) fn configure_sqlite_library() {
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
