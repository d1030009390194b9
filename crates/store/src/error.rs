//! The persistence layer's errors, and how diesel's and r2d2's map onto them.

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
