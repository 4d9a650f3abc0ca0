//! What the unit tests share: one fixed "now" and ids written in a test.

use super::{Id, Minutes};

/// The tests' "now": Thursday 2026-11-26, 09:00.
pub fn now() -> Minutes {
    Minutes::parse("2026-11-26T09:00").expect("a valid time")
}

/// An id written in a test.
pub fn id(s: &str) -> Id {
    Id::new(s).expect("a valid test id")
}
