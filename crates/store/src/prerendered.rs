//! Statements whose SQL text is rendered once per engine, for the hottest reads.
//!
//! diesel's `MultiConnection` (our [`crate::DbConnection`]) hands every statement to the
//! engine's connection wrapped in a node that renders the whole statement's SQL each time
//! the engine walks it: to collect the bound values, to ask whether it may be cached, and
//! for the cache's key. The statement is prepared once and then found in the connection's
//! cache, so that text is built (identifier by identifier, each quoted into a new string)
//! only to be thrown away: under load it was a fifth of the server's time on a list page.
//!
//! [`Prerendered`] wraps a statement of one fixed shape (a static query id, so that its SQL
//! is a function of its type) and renders its SQL once per engine, the first time it runs.
//! Walks that collect bound values (or print them) walk the statement itself; every other
//! walk gets the kept text. A statement that is not safe to cache is never kept: it is
//! walked as it is, every time.

use std::sync::OnceLock;

use diesel::backend::Backend;
// The pass's accessors that tell a walk collecting bound values from the others (the same
// ones diesel's `MultiConnection` uses).
// doc-hidden: diesel is pinned exactly in the workspace Cargo.toml while this is used.
use diesel::internal::derives::multiconnection::AstPassHelper;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryBuilder, QueryFragment, QueryId};
use diesel::sqlite::Sqlite;
use diesel::QueryResult;

use crate::MultiBackend;

/// The SQL of one statement shape, per engine (`None`: not safe to keep).
#[derive(Default)]
pub(crate) struct Rendered {
    postgres: OnceLock<Option<String>>,
    sqlite: OnceLock<Option<String>>,
}

impl Rendered {
    pub(crate) const fn new() -> Rendered {
        Rendered { postgres: OnceLock::new(), sqlite: OnceLock::new() }
    }
}

/// A statement of one fixed shape whose SQL is kept in `sql` (one `static` per call site,
/// see [`prerendered!`]).
pub(crate) struct Prerendered<Q> {
    query: Q,
    sql: &'static Rendered,
}

impl<Q> Prerendered<Q>
where
    Q: QueryId + QueryFragment<Pg> + QueryFragment<Sqlite>,
{
    pub(crate) fn new(query: Q, sql: &'static Rendered) -> Prerendered<Q> {
        // A shape that is not static could render differently from one run to the next.
        assert!(Q::HAS_STATIC_QUERY_ID, "a prerendered statement must have a static query id");
        Prerendered { query, sql }
    }
}

/// Renders `query` for one engine, or `None` when the engine may not cache it.
fn render<DB>(query: &impl QueryFragment<DB>, backend: DB) -> Option<String>
where
    DB: Backend,
    DB::QueryBuilder: Default,
{
    if !query.is_safe_to_cache_prepared(&backend).ok()? {
        return None;
    }
    let mut builder = DB::QueryBuilder::default();
    query.to_sql(&mut builder, &backend).ok()?;
    Some(builder.finish())
}

impl<Q> QueryFragment<MultiBackend> for Prerendered<Q>
where
    Q: QueryFragment<MultiBackend> + QueryFragment<Pg> + QueryFragment<Sqlite>,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        if pass.bind_collector().is_some() || pass.debug_binds().is_some() {
            return self.query.walk_ast(pass);
        }
        let kept = match pass.backend() {
            MultiBackend::Postgres(_) => self.sql.postgres.get_or_init(|| render(&self.query, Pg)),
            MultiBackend::Sqlite(_) => self.sql.sqlite.get_or_init(|| render(&self.query, Sqlite)),
        };
        match kept {
            // The walks left are the SQL text's, the cache check's and the no-op check's:
            // pushing the text is all any of them needs (the shape is safe to cache).
            Some(sql) => {
                pass.push_sql(sql);
                Ok(())
            }
            None => self.query.walk_ast(pass),
        }
    }
}

impl<Q: QueryId> QueryId for Prerendered<Q> {
    type QueryId = Q::QueryId;
    const HAS_STATIC_QUERY_ID: bool = Q::HAS_STATIC_QUERY_ID;
}

impl<Q: Query> Query for Prerendered<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> diesel::RunQueryDsl<Conn> for Prerendered<Q> {}

/// `prerendered!(query)`: the statement with its SQL kept in a `static` of this call site.
macro_rules! prerendered {
    ($query:expr) => {{
        static SQL: $crate::prerendered::Rendered = $crate::prerendered::Rendered::new();
        $crate::prerendered::Prerendered::new($query, &SQL)
    }};
}
pub(crate) use prerendered;
