//! `PortSharing` operations: share an agent's port beyond the workspace's owner (create or
//! change), list the shares (by the page's path and by the newer one), and remove one.

include!(concat!(env!("OUT_DIR"), "/handlers/port_sharing.rs"));

