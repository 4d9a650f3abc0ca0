//! Records that could not be read, left untouched until the user downloads or discards them.

use yew::prelude::*;

use crate::app::parts::subtitle;

use crate::app::ctx::Ctx;
use crate::app::platform;

pub fn kept_aside(ctx: &Ctx) -> Html {
    html! {
        if !ctx.state.problems.is_empty() {
            <section class="dp-section" aria-labelledby="dp-problems-title">
                { subtitle("dp-problems-title", "Records kept aside") }
                <p>{ "These records could not be read. They are left untouched until you decide." }</p>
                <ul class="dp-problems">
                    { for ctx.state.problems.iter().map(|p| {
                        let (raw, key) = (p.raw.clone(), p.key.clone());
                        let (ctx2, key2) = (ctx.clone(), p.key.clone());
                        let ctx3 = ctx.clone();
                        html! {
                            <li key={p.key.clone()} class="dp-problem">
                                <code>{ p.key.clone() }</code>{ format!(": {}", p.error) }
                                <div class="dp-row">
                                    <button type="button" class="dp-button" onclick={move |_| {
                                        // Named by the record without its namespace: `deal-prep-deal-d1-….json`.
                                        let what = key.split_once(':').map_or(&*key, |(_, record)| record);
                                        let name = crate::store::transfer::file_name(platform::now(), Some(what), "json");
                                        ctx3.download(&name, "application/json", &raw, "record");
                                    }}>{ "Download raw text" }</button>
                                    <button type="button" class="dp-button dp-button--danger" onclick={move |_| ctx2.discard(&key2)}>{ "Discard" }</button>
                                </div>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        }
    }
}
