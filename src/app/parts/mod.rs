//! Pieces of UI used by more than one page, and the small view helpers they share.

pub mod banner;
pub mod help_dialog;
pub mod list_editor;
pub mod new_deal;
pub mod review_form;
pub mod score_gauge;
pub mod wrong_turn;

use wasm_bindgen::JsCast;

/// An `oninput` that keeps `state` equal to the field's text.
pub fn bind(state: &yew::UseStateHandle<String>) -> yew::Callback<yew::InputEvent> {
    let state = state.clone();
    yew::Callback::from(move |e: yew::InputEvent| state.set(event_value(&e)))
}

/// A page that cannot show what was asked for: what happened, and the way on.
pub fn dead_end(
    title: &'static str,
    text: &'static str,
    href: &'static str,
    action: &'static str,
) -> yew::Html {
    yew::html! {
        <section class="dp-empty">
            <h1>{ title }</h1>
            <p>{ text }</p>
            <a class="dp-button dp-button--primary" {href}>{ action }</a>
        </section>
    }
}

/// The current value of the input, textarea or select an event came from.
pub fn event_value(e: &web_sys::Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}
