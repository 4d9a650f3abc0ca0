//! Pieces of UI used by more than one page, and the small view helpers they share.

pub mod banner;
pub mod carry_over;
pub mod help_dialog;
pub mod list_editor;
pub mod new_deal;
pub mod review_form;
pub mod score_gauge;
pub mod wrong_turn;

use wasm_bindgen::JsCast;

/// A class list, the non-empty `parts` space-separated, for `~className={…}`. A dynamic
/// `class={…}` or `classes!` goes through Yew's `Classes` (an ordered set, hashed): ~2.8 KB of
/// gzip wasm for the app's dozen class lists.
pub fn class(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// `modifier` when `on`, else nothing (a part of [`class`]).
pub fn when(on: bool, modifier: &str) -> &str {
    if on {
        modifier
    } else {
        ""
    }
}

/// An `oninput` that keeps `state` equal to the field's text.
pub fn bind(state: &crate::app::hooks::UiCell<String>) -> yew::Callback<yew::InputEvent> {
    let state = state.clone();
    yew::Callback::from(move |e: yew::InputEvent| state.set(event_value(&e)))
}

/// A labelled control: `<label class={class}>` with its visible name above `control`. One copy
/// of the wrapper's markup in the wasm, not one per field (see bench/size-history.md).
pub fn field(class: &'static str, label: &'static str, control: yew::Html) -> yew::Html {
    yew::html! {
        <label ~className={class}>
            <span class="dp-field__label">{ label }</span>
            { control }
        </label>
    }
}

/// A form's submit button with a text label.
pub fn submit(class: &'static str, label: &'static str) -> yew::Html {
    yew::html! { <button type="submit" ~className={class}>{ label }</button> }
}

/// A section's heading, `id` naming it for the section's `aria-labelledby`.
pub fn subtitle(id: &'static str, text: &'static str) -> yew::Html {
    yew::html! { <h2 {id} class="dp-subtitle">{ text }</h2> }
}

/// A paragraph of quieter explanatory text.
pub fn muted(text: &'static str) -> yew::Html {
    yew::html! { <p class="dp-muted">{ text }</p> }
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

/// A submitted form (its page load prevented) and the values of its fields `names`. The forms
/// that only add something (a deal, a person, a call, a line, a template item) use plain
/// inputs read here, and keep no state of their own; `form.reset()` clears them.
pub fn submitted(
    e: &web_sys::SubmitEvent,
    names: &[&str],
) -> Option<(web_sys::HtmlFormElement, Vec<String>)> {
    e.prevent_default();
    let form: web_sys::HtmlFormElement = e.target()?.dyn_into().ok()?;
    let values = names
        .iter()
        .map(|name| {
            form.elements()
                .named_item(name)
                .map(|el| value_of(el.as_ref()))
                .unwrap_or_default()
        })
        .collect();
    Some((form, values))
}

/// Whether a field's text has more than spaces: what an add form needs to add anything.
#[allow(clippy::ptr_arg)] // `Option<String>::filter` hands it a `&String`.
pub fn typed(text: &String) -> bool {
    !text.trim().is_empty()
}

/// The current value of the input, textarea or select an event came from.
pub fn event_value(e: &web_sys::Event) -> String {
    e.target().map(|t| value_of(t.as_ref())).unwrap_or_default()
}

/// Read through one binding for the three: no type check and getter per kind.
fn value_of(target: &wasm_bindgen::JsValue) -> String {
    target.unchecked_ref::<FormControl>().value().unwrap_or_default()
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// What the app's events and forms come from: an input, a text area or a select, each with
    /// a string `value` (anything else has none).
    type FormControl;
    #[wasm_bindgen(method, getter, structural)]
    fn value(this: &FormControl) -> Option<String>;
}

/// Rows for a text area that grows with its text (class `dp-grow`): about 45 characters a row,
/// 1 to 12 rows. Typing grows it further (see `hooks::use_growing_fields`); browsers with CSS
/// `field-sizing` size it themselves.
pub fn rows_for(text: &str) -> String {
    let rows: usize = text.split('\n').map(|line| 1 + line.chars().count() / 45).sum();
    crate::domain::text::number(rows.clamp(1, 12) as u64)
}

/// A plain button with a text label: one copy of its markup in the wasm, not one per use.
pub fn button(
    class: &'static str,
    label: &'static str,
    onclick: yew::Callback<yew::MouseEvent>,
) -> yew::Html {
    yew::html! { <button type="button" ~className={class} {onclick}>{ label }</button> }
}

/// An offer to undo a removal: the place it shows (a tag the page chooses), what went, and what
/// puts it back (see `Ctx::offer`).
pub type OfferParts = (u8, String, yew::Callback<yew::MouseEvent>);

/// A page's undo offer, kept in its UI state. One type for every page, so its cell's code
/// exists once.
pub type Offer = Option<OfferParts>;

/// The offer `cell` holds for the place `at`: what went (at most two lines) and an Undo button
/// that puts it back and withdraws the offer, in a live region that is always there, so the
/// offer is announced when it appears.
pub fn undo_offer(cell: &crate::app::hooks::UiCell<Offer>, at: u8) -> yew::Html {
    let offer = cell.as_ref().filter(|o| o.0 == at).map(|(_, text, undo)| {
        let (cell, undo) = (cell.clone(), undo.clone());
        (
            text.clone(),
            yew::Callback::from(move |e| {
                undo.emit(e);
                cell.set(None);
            }),
        )
    });
    yew::html! {
        <div role="status">
            if let Some((text, on_undo)) = offer {
                <p class="dp-undo">
                    <span class="dp-undo__text">{ text }</span>
                    { button("dp-button", "Undo", on_undo) }
                </p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{class, when};

    #[test]
    fn a_class_list_skips_empty_parts() {
        assert_eq!(
            class(&["dp-a", when(true, "dp-a--on"), when(false, "dp-a--off"), ""]),
            "dp-a dp-a--on"
        );
        assert_eq!(class(&["", "dp-b"]), "dp-b");
        assert_eq!(class(&[]), "");
    }
}
