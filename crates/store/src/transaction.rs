//! How a store runs statements: a read, a snapshot (one read transaction), a write (one
//! transaction; SQLite's writers take turns), and the retry of a read on a lost connection.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::inline::{refuse_wait, INLINE, WRITE_MARK};
use crate::{changes, Backend, DbConnection, Store, StoreError, StoreResult};

impl Store {
    /// Runs `f` on a pooled connection without a transaction (reads).
    pub(crate) fn read<T>(&self, mut f: impl FnMut(&mut DbConnection) -> StoreResult<T>) -> StoreResult<T> {
        self.retrying(|| {
            let mut conn = self.conn()?;
            f(&mut conn)
        })
    }

    /// Runs `f` in one read-only transaction, so that every statement in it sees the same
    /// snapshot of the database (a response never mixes two states).
    pub(crate) fn snapshot<T>(&self, mut f: impl FnMut(&mut DbConnection) -> StoreResult<T>) -> StoreResult<T> {
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
    pub(crate) fn retrying<T>(&self, mut attempt: impl FnMut() -> StoreResult<T>) -> StoreResult<T> {
        match attempt() {
            Err(StoreError::ConnectionLost(_)) => {
                self.health.mark_lost();
                attempt()
            }
            other => other,
        }
    }

    /// Runs `f` in one transaction; on SQLite writers of this process take turns.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut DbConnection) -> StoreResult<T>) -> StoreResult<T> {
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
}

/// Runs `f` between `begin` and COMMIT (ROLLBACK when it fails). For the transactions whose
/// BEGIN diesel's generic transaction cannot express; none of them nests.
pub(crate) fn in_transaction<T>(
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
