//! Operators' and tests' chores: the health round trip, SQLite's integrity check,
//! maintenance statements, PostgreSQL test databases, and URLs fit for a log.

use diesel::prelude::*;

use crate::{Backend, Store, StoreError, StoreResult};

impl Store {
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
