//! The data view: export, import with a preview, storage usage and persistence, records kept
//! aside, and "delete all data" behind a typed confirmation — one panel component each.

mod delete_all;
mod export;
mod import;
mod kept_aside;
mod preview;
mod storage;

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::platform;
use crate::store::rules::Choices;

/// The page's own UI state: the import being previewed and its choices, the drop zone, the
/// storage figures, the delete confirmation. The panels are view functions (a Yew component
/// per panel costs about 1 KB of wasm each), so their state lives here.
pub struct DataUi {
    pub pending: UseStateHandle<Option<preview::Pending>>,
    pub import_error: UseStateHandle<Option<String>>,
    pub dragging: UseStateHandle<bool>,
    pub choices: UseStateHandle<Choices>,
    pub drop_missing: UseStateHandle<bool>,
    pub persisted: UseStateHandle<Option<bool>>,
    pub estimate: UseStateHandle<Option<platform::Estimate>>,
    /// Characters this namespace uses: counting reads every stored value, so only when the data
    /// changed, not on each keystroke here.
    pub used: std::rc::Rc<u64>,
    pub confirm_text: UseStateHandle<String>,
}

/// The Data page's state, kept by the root (the page is a view function). The storage figures
/// are read when the page is `shown`, and only then.
#[hook]
pub fn use_data_ui(ctx: &Ctx, shown: bool) -> DataUi {
    let persisted = use_state(|| None::<bool>);
    let estimate = use_state(|| None::<platform::Estimate>);
    {
        let (persisted, estimate) = (persisted.clone(), estimate.clone());
        use_effect_with(shown, move |shown| {
            if *shown {
                yew::platform::spawn_local(async move {
                    estimate.set(platform::estimate().await);
                    persisted.set(platform::persisted().await);
                });
            }
        });
    }
    let used = {
        let ctx = ctx.clone();
        use_memo(
            (
                shown,
                ctx.state.seq,
                ctx.state.index.len(),
                ctx.state.problems.len(),
            ),
            move |(shown, ..)| if *shown { ctx.chars_used() } else { 0 },
        )
    };
    DataUi {
        pending: use_state(|| None),
        import_error: use_state(|| None),
        dragging: use_state(|| false),
        choices: use_state(Choices::default),
        drop_missing: use_state(|| false),
        persisted,
        estimate,
        used,
        confirm_text: use_state(String::new),
    }
}

/// The Data page.
pub fn data_page(ctx: &Ctx, ui: &DataUi) -> Html {
    html! {
        <section class="dp-data" aria-labelledby="dp-data-title">
            <h1 id="dp-data-title" class="dp-title">{ "Your data" }</h1>
            { export::export(ctx) }
            { import::import(ctx, ui) }
            { storage::storage(ctx, ui) }
            { kept_aside::kept_aside(ctx) }
            { delete_all::delete_all(ctx, ui) }
        </section>
    }
}
