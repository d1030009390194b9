//! The services: what an operation does, apart from HTTP. Each takes the store and typed
//! inputs (the caller, parsed parameters and bodies) and returns domain results (store
//! aggregates) or the API error to answer, so it runs in one blocking-pool hop and can be
//! tested without a request. Handlers extract, call one service, convert and respond.

pub mod port_sharing;
pub mod sharing;
pub mod builds;
pub mod schedules;
pub mod templates;
pub mod users;
pub mod workspace_settings;
pub mod workspaces;
