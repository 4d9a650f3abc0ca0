//! The banner area: storage warnings (unavailable, full, records kept aside) and one-off notices.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub text: AttrValue,
    #[prop_or_default]
    pub error: bool,
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let class = classes!("dp-banner", props.error.then_some("dp-banner--error"));
    let role = if props.error { "alert" } else { "status" };
    html! {
        <div {class} role={role}>
            <p class="dp-banner__text">{ props.text.clone() }</p>
            if let Some(on_close) = props.on_close.clone() {
                <button type="button" class="dp-button dp-banner__close" aria-label="Dismiss"
                    onclick={move |_| on_close.emit(())}>{ "×" }</button>
            }
        </div>
    }
}
