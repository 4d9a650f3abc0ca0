//! The data view: export, import with a preview, storage usage and persistence, records kept
//! aside, and "delete all data" behind a typed confirmation — one panel component each.

mod delete_all;
mod export;
mod import;
mod kept_aside;
mod preview;
mod storage;

use yew::prelude::*;

use crate::app::hooks::{nothing, use_keyed_effect};

use crate::app::ctx::Ctx;
use crate::app::platform;
use crate::store::rules::Choices;

/// The page's own UI state: the import being previewed and its choices, the drop zone, the
/// storage figures, the delete confirmation. The panels are view functions (a Yew component
/// per panel costs about 1 KB of wasm each), so their state lives here.
pub struct DataUi {
    pub pending: crate::app::hooks::UiCell<Option<preview::Pending>>,
    pub import_error: crate::app::hooks::UiCell<Option<String>>,
    pub dragging: crate::app::hooks::UiCell<bool>,
    pub choices: crate::app::hooks::UiCell<Choices>,
    pub drop_missing: crate::app::hooks::UiCell<bool>,
    pub persisted: crate::app::hooks::UiCell<Option<bool>>,
    pub estimate: crate::app::hooks::UiCell<Option<platform::Estimate>>,
    /// Characters this namespace uses: counting reads every stored value, so only when the data
    /// changed, not on each keystroke here.
    pub used: std::rc::Rc<u64>,
    pub confirm_text: crate::app::hooks::UiCell<String>,
}

/// The Data page's state, kept by the root (the page is a view function). The storage figures
/// are read when the page is `shown`, and only then.
#[hook]
pub fn use_data_ui(ctx: &Ctx, shown: bool) -> DataUi {
    let persisted = crate::app::hooks::use_ui_cell(|| None::<bool>);
    let estimate = crate::app::hooks::use_ui_cell(|| None::<platform::Estimate>);
    {
        let (persisted, estimate) = (persisted.clone(), estimate.clone());
        let key = if shown { "shown" } else { "" }.to_owned();
        use_keyed_effect(
            key,
            Box::new(move || {
                if shown {
                    platform::estimate(Box::new(move |e| estimate.set(e)));
                    platform::persisted(false, Box::new(move |kept| persisted.set(kept)));
                }
                nothing()
            }),
        );
    }
    let used = {
        let ctx = ctx.clone();
        let state = &ctx.state;
        let key = match shown {
            true => format!("{}/{}/{}", state.seq, state.index.len(), state.problems.len()),
            false => String::new(),
        };
        crate::app::hooks::use_keyed_memo(key, move || if shown { ctx.chars_used() } else { 0 })
    };
    DataUi {
        pending: crate::app::hooks::use_ui_cell(|| None),
        import_error: crate::app::hooks::use_ui_cell(|| None),
        dragging: crate::app::hooks::use_ui_cell(|| false),
        choices: crate::app::hooks::use_ui_cell(Choices::default),
        drop_missing: crate::app::hooks::use_ui_cell(|| false),
        persisted,
        estimate,
        used,
        confirm_text: crate::app::hooks::use_ui_cell(String::new),
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
