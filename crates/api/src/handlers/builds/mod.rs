//! `Builds` operations: start, stop or delete a workspace, and its build history.

include!(concat!(env!("OUT_DIR"), "/handlers/builds.rs"));

