//! Deal Prep: pre-call preparation and a process score for salespeople, in the browser.
//!
//! `domain` is the pure core (no browser APIs), `store` the only code that touches storage,
//! `app` the Yew components. This file only exposes them, so tests can reach every layer.
//!
//! No `str` is sliced by index (`&text[a..b]`): the panic path of `str` indexing formats a
//! `char` with `Debug`, which brings Unicode's printable and grapheme tables into the wasm
//! (~3.9 KB gzip). `text.get(a..b)` (see `domain::json::part`) or `split_at_checked` instead.
#![cfg_attr(not(test), deny(clippy::string_slice))]

pub mod app;
pub mod domain;
pub mod store;
