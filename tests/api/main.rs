//! The integration and contract suite: one binary, modules mirror the API's paths.
//! Each test gets its own database (a temp SQLite file, or a fresh PostgreSQL database
//! when `WORKSPACED_TEST_DATABASE_URL` names a server).

mod harness;

mod architecture;
mod authz;
mod contract;
mod differential;
mod document;
mod errors;
mod filters;
mod lifecycle;
mod security;
mod store;
