//! Deal Prep: pre-call preparation and a process score for salespeople, in the browser.
//!
//! `domain` is the pure core (no browser APIs), `store` the only code that touches storage,
//! `app` the Yew components. This file only exposes them, so tests can reach every layer.

pub mod app;
pub mod domain;
pub mod store;
