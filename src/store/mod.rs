//! Persistence: storage keys, schema versions and migrations, the localStorage adapter and
//! export. The only code that touches storage.
//!
//! Layout under a namespace `ns` (default `deal-prep`): `ns:index` (what the deal list needs),
//! `ns:deal:<id>` (one record per deal), `ns:settings` (templates), `ns:meta` (schema version,
//! last export). Every record carries its schema version `v`.

pub mod codec;
pub mod local;
pub mod rules;
pub mod transfer;

pub use codec::{IndexEntry, RecordError, SCHEMA_VERSION};
pub use local::{SaveError, Store};

/// The namespace used when the host element names none.
pub const DEFAULT_NAMESPACE: &str = "deal-prep";
