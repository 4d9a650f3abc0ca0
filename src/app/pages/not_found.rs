//! A route that points nowhere.

use yew::Html;

use crate::app::parts::dead_end;

pub fn not_found() -> Html {
    dead_end(
        "Nothing here",
        "This link does not point to a deal or call in this browser.",
        "#/",
        "Back to your deals",
    )
}
