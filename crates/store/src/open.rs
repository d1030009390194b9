//! Opening a database: the URL, the advisory lock of processes starting together, the
//! migrations, and the pool.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::admin::redact_url;
use crate::pool::{configure_sqlite_library, default_max_connections, ConnectionSetup, Health, Manager};
use crate::{changes, workspaces, Backend, DbConnection, Store, StoreError, StoreResult, COUNTED_ACTORS, WORKSPACE_CACHE_ENTRIES};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Key of the PostgreSQL advisory lock held while migrating, so that replicas starting
/// together run the migrations one after the other.
const MIGRATION_LOCK_KEY: i64 = 0x776f_726b_7370_6163; // "workspac"

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
