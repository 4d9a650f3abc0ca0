//! Import: pick or drop a file, see what it would do (the preview), then merge or replace.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::parts::subtitle;

use super::preview::{preview, Pending};
use crate::app::ctx::Ctx;
use crate::app::platform;
use crate::store::transfer;

pub fn import(ctx: &Ctx, ui: &super::DataUi) -> Html {
    let (pending, import_error, dragging) =
        (ui.pending.clone(), ui.import_error.clone(), ui.dragging.clone());
    let on_text = {
        let (ctx, pending, import_error) = (ctx.clone(), pending.clone(), import_error.clone());
        Callback::from(
            move |text: Result<String, String>| match Pending::read(&ctx, text) {
                Ok(p) => {
                    import_error.set(None);
                    pending.set(Some(p));
                }
                Err(e) => {
                    pending.set(None);
                    import_error.set(Some(e));
                }
            },
        )
    };
    let read = {
        let on_text = on_text.clone();
        move |file: Option<web_sys::File>| read_file(file, on_text.clone())
    };
    let on_pick = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            read(first_file(&input));
            input.set_value("");
        })
    };
    let on_drop = {
        let (read, dragging) = (read.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            read(e.data_transfer().and_then(|d| first_file(&d)));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };

    let on_done = {
        let pending = pending.clone();
        Callback::from(move |_| pending.set(None))
    };

    html! {
        <section class="dp-section" aria-labelledby="dp-import-title">
            { subtitle("dp-import-title", "Import") }
            <div ~className={crate::app::parts::class(&["dp-drop", crate::app::parts::when(*dragging, "dp-drop--over")])}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <label class="dp-field">
                    <span>{ "Choose a Deal Prep export file, or drop it here" }</span>
                    <input type="file" accept=".json,application/json" name="import" onchange={on_pick} />
                </label>
            </div>
            if let Some(error) = &*import_error {
                <p class="dp-error" role="alert">{ error.clone() }</p>
            }
            if let Some(p) = &*pending {
                { preview(ctx, ui, p, on_done) }
            }
        </section>
    }
}

/// The first file of a file input or of a drop's data (one binding for both).
fn first_file(from: &wasm_bindgen::JsValue) -> Option<web_sys::File> {
    from.unchecked_ref::<HasFiles>().files()?.get(0)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A file input or a drop's `DataTransfer`.
    type HasFiles;
    #[wasm_bindgen(method, getter, structural)]
    fn files(this: &HasFiles) -> Option<web_sys::FileList>;
}

/// Reads a picked or dropped file as text for `on_text`; a file over the limit is refused
/// before it is read.
fn read_file(file: Option<web_sys::File>, on_text: Callback<Result<String, String>>) {
    let Some(file) = file else { return };
    if file.size() > transfer::MAX_BYTES as f64 {
        // Whole megabytes: formatting an f64 would pull float printing into the wasm.
        let mb = (file.size() / 1_048_576.0).ceil() as u64;
        on_text.emit(Err(format!("the file is {mb} MB; the limit is 10 MB")));
        return;
    }
    platform::read_text(file, Box::new(move |text| on_text.emit(text)));
}
