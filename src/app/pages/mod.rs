//! One module per route: the views a user navigates between. A page uses parts, the context
//! and the route; it never imports another page or the root.

pub mod call;
pub mod data;
pub mod deal;
pub mod deals;
pub mod insights;
pub mod not_found;
pub mod playbook;
pub mod templates;
