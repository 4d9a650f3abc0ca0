//! A route that points nowhere.

use yew::prelude::*;

use crate::app::parts::dead_end;

#[component]
pub fn NotFound() -> Html {
    dead_end(
        "Nothing here",
        "This link does not point to a deal or call in this browser.",
        "#/",
        "Back to your deals",
    )
}
