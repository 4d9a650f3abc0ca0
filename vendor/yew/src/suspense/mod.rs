//! This module provides suspense support.

mod hooks;
mod suspension;

pub use hooks::*;
pub use suspension::{Suspension, SuspensionHandle, SuspensionResult};
