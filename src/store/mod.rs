//! Persistence: storage keys, schema versions and migrations, the localStorage adapter and
//! export. The only code that touches storage.
//!
//! Layout under a namespace `ns` (default `deal-prep`): `ns:deal:<id>` (one record per deal),
//! `ns:index:<id>` (what the deal list shows for it), `ns:settings` (the templates, with their
//! revision in the envelope), `ns:meta` (last export, edits since). Every record carries its
//! schema version `v`. docs/ARCHITECTURE.md has the whole picture.

// Storage and imports are where browsers and files fail: nothing here may panic on them.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod codec;
pub mod local;
pub mod rules;
pub mod transfer;

pub use codec::{CallMark, IndexEntry, RecordError, SCHEMA_VERSION};
pub use local::{SaveError, Store};

/// The namespace used when the host element names none.
pub const DEFAULT_NAMESPACE: &str = "deal-prep";
