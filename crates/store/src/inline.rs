//! Reads answered on the async worker itself ([`Store::without_waiting`]), the pool
//! checkout that refuses to wait there, and each thread's write mark.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::pool::PooledConn;
use crate::{Backend, Store, StoreError, StoreResult};

thread_local! {
    /// Set while [`Store::without_waiting`] runs on this thread.
    pub(crate) static INLINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set when an operation inside it needed to wait.
    static REFUSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// This thread's write mark: unique to the thread (its high half is the thread's number)
    /// and moved by every write the thread makes. A read taken earlier on the same thread
    /// with the same mark has seen every write of the operation running there.
    pub(crate) static WRITE_MARK: std::cell::Cell<u64> = std::cell::Cell::new(next_thread_number() << 32);
}

fn next_thread_number() -> u64 {
    static THREADS: AtomicU64 = AtomicU64::new(1);
    THREADS.fetch_add(1, Ordering::Relaxed)
}

/// The calling thread's write mark (see `WRITE_MARK`).
pub(crate) fn write_mark() -> u64 {
    WRITE_MARK.get()
}

pub(crate) fn refuse_wait() -> StoreError {
    REFUSED.set(true);
    StoreError::WouldWait
}

impl Store {
    pub(crate) fn conn(&self) -> StoreResult<PooledConn> {
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
}
