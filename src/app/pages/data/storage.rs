//! How much this namespace uses, the browser's own estimate, whether the browser keeps the data, and — for the single file opened from disk — whose data this is.

use yew::prelude::*;

use crate::app::parts::{button, subtitle};

use crate::app::ctx::Ctx;
use crate::app::platform;
use crate::domain::text::size;

pub fn storage(ctx: &Ctx, ui: &super::DataUi) -> Html {
    let (persisted, estimate) = (ui.persisted.clone(), ui.estimate.clone());
    let on_persist = {
        let persisted = persisted.clone();
        Callback::from(move |_| {
            let persisted = persisted.clone();
            platform::persisted(true, Box::new(move |kept| persisted.set(kept)));
        })
    };
    let used = *ui.used;
    // Tenths of a percent of the 5 MB most browsers allow; u64, so large stores cannot overflow.
    let quota_bytes: u64 = 5 * 1024 * 1024;
    let percent = used * 2 * 1000 / quota_bytes;
    html! {
        <section class="dp-section" aria-labelledby="dp-storage-title">
            { subtitle("dp-storage-title", "Storage") }
            if web_sys::window().and_then(|w| w.location().protocol().ok()).as_deref() == Some("file:") {
                <p class="dp-muted" role="note">{ "This copy runs from a file on your disk. Its data belongs to this browser and to this file's location: opened from another folder, or after the file is moved, it starts empty. Export now and then to keep your work." }</p>
            }
            <dl class="dp-facts">
                <dt>{ "Namespace" }</dt><dd><code>{ ctx.namespace().to_owned() }</code></dd>
                <dt>{ "Used" }</dt>
                // The share only once it says something ("4 KB of 5 MB", not "(0.0 %)").
                <dd>{ match percent {
                    0..10 => format!("{} of 5 MB", size(used * 2)),
                    _ => format!("{} of 5 MB ({}.{} %)", size(used * 2), percent / 10, percent % 10),
                } }</dd>
                if let Some(e) = *estimate {
                    <dt>{ "This site in total" }</dt>
                    <dd>{ format!("{} used of {} the browser allows (all storage kinds)", size(e.usage as u64), size(e.quota as u64)) }</dd>
                }
                <dt>{ "Kept by the browser" }</dt>
                <dd>
                    { match *persisted {
                        Some(true) => "Yes: the browser keeps this data even when space runs low.",
                        Some(false) => "Not guaranteed: the browser may clear it when space runs low.",
                        None => "Unknown in this browser.",
                    } }
                    if *persisted == Some(false) {
                        { " " }{ button("dp-button", "Ask to keep it", Callback::from(on_persist)) }
                    }
                </dd>
            </dl>
        </section>
    }
}
