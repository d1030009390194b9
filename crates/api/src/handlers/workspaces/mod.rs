//! `Workspaces` operations, one file per operation (or per pair of routes): create, get by
//! id and by owner and name, list with `q`, rename.

include!(concat!(env!("OUT_DIR"), "/handlers/workspaces.rs"));

use chrono::Utc;
use workspaced_store::WorkspaceAggregate;

use crate::auth::Caller;
use crate::convert;

/// A workspace as the caller sees it (`favorite` is personal).
fn response(agg: &WorkspaceAggregate, caller: &Caller) -> workspaced_sdk::Workspace {
    convert::workspace(agg, caller.user.id, Utc::now())
}
