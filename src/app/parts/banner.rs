//! The banner area: storage warnings (unavailable, full, records kept aside), conflicts with
//! other tabs, undo offers, the update notice, the backup reminder and one-off notices. One
//! banner shape for all of them ([`banner`]); [`banners`] decides which are shown.

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::platform::now;
use crate::app::state::{Msg, Notice, StorageWarning};
use crate::domain::text::count;

/// How a banner closes: the callback and the close button's accessible label.
type Close = Option<(Callback<()>, &'static str)>;

/// One banner: its text, its action buttons, an alert (errors, conflicts) rather than a status
/// when `error`, and a close button when `close` is given. A view function, not a component:
/// one fewer component in the wasm.
fn banner(text: String, error: bool, actions: Html, close: Close, extra: &'static str) -> Html {
    let class = super::class(&["dp-banner", super::when(error, "dp-banner--error"), extra]);
    let role = if error { "alert" } else { "status" };
    html! {
        <div ~className={class} role={role}>
            <p class="dp-banner__text">{ text }</p>
            { actions }
            if let Some((on_close, label)) = close {
                <button type="button" class="dp-button dp-banner__close" aria-label={label}
                    onclick={move |_| on_close.emit(())}>{ "×" }</button>
            }
        </div>
    }
}

/// Every banner the state asks for, in order of urgency; the backup reminder shows on the
/// deals view only (`on_deals`). A view function of the root.
pub fn banners(ctx: &Ctx, on_deals: bool) -> Html {
    let state = &ctx.state;
    let close = |msg: fn() -> Msg| -> Close {
        let ctx = ctx.clone();
        Some((Callback::from(move |_| ctx.show(msg())), "Dismiss"))
    };
    let button = |label: &'static str, primary: bool, act: Callback<MouseEvent>| {
        let class = super::class(&["dp-button", super::when(primary, "dp-button--primary")]);
        html! { <button type="button" ~className={class} onclick={act}>{ label }</button> }
    };
    let export = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.export_all())
    };
    let none = Html::default;
    html! {
        <>
            if let Some(warning) = state.storage_warning.as_ref().map(StorageWarning::text) {
                { banner(warning.to_owned(), true, button("Export", false, export.clone()), None, "") }
            }
            if state.update_ready {
                // The service-worker script hands over to the new worker, then reloads.
                { banner("Deal Prep was updated. Reload when convenient to use the new version; your data is safe.".into(), false,
                    button("Reload", false, Callback::from(|_| {
                        if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new("deal-prep-apply-update")) {
                            let _ = w.dispatch_event(&e);
                        }
                    })), None, "dp-update") }
            }
            if let Some(copy) = &state.stale {
                { banner(format!(
                    "Another tab saved this deal at the same moment. Your version is kept as a deal of its own, “{}”: compare the two and delete the one you no longer need.",
                    copy.name
                ), true, html! { <a class="dp-button" href={crate::app::route::Route::Deal(copy.id.clone()).href()}>{ "Open my version" }</a> },
                    close(|| Msg::Stale(None)), "") }
            }
            if let Some(deleted) = &state.deleted {
                { banner(format!("Deleted “{}”.", deleted.name), false, button("Undo", false, { let (ctx, deal) = (ctx.clone(), deleted.clone());
                    Callback::from(move |_| ctx.restore((*deal).clone())) }), close(|| Msg::Deleted(None)), "") }
            }
            if let Some(gone) = &state.deleted_elsewhere {
                { banner(format!(
                    "“{}” was deleted in another tab while you had it open here. Restore it with your latest changes, or let it go.",
                    gone.name
                ), true, html! { <>
                    { button("Restore", true, { let (ctx, deal) = (ctx.clone(), gone.clone());
                        Callback::from(move |_| ctx.restore((*deal).clone())) }) }
                    { button("Discard", false, { let ctx = ctx.clone(); Callback::from(move |_| ctx.show(Msg::DeletedElsewhere(None))) }) }
                </> }, None, "") }
            }
            if let Some(undo) = &state.undo_replace {
                { banner(format!(
                    "Replaced {} from the file. Until you close this tab you can put everything back as it was.",
                    count(undo.replaced, "deal", "deals")
                ), false, button("Undo replace", false, { let ctx = ctx.clone(); Callback::from(move |_| ctx.undo_replace()) }),
                    close(|| Msg::UndoReplace(None)), "") }
            }
            if on_deals && state.backup_due(now()) {
                { banner(match state.meta.last_export {
                    None => "Your deals live only in this browser. Export a backup file now and then.".to_owned(),
                    Some(_) => format!("No backup for a while ({} since the last export).", count(state.meta.edits_since_export as usize, "edit", "edits")),
                }, false, button("Export now", true, export), close(|| Msg::DismissReminder).map(|(c, _)| (c, "Dismiss backup reminder")), "") }
            }
            if let Some(notice) = &state.notice {
                { match notice {
                    Notice::Error(text) => banner(text.clone(), true, none(), close(|| Msg::Notify(None)), ""),
                    Notice::Info(text) => banner(text.clone(), false, none(), close(|| Msg::Notify(None)), ""),
                } }
            }
        </>
    }
}
