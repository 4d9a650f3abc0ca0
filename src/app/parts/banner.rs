//! The banner area: storage warnings (unavailable, full, records kept aside), conflicts with
//! other tabs, undo offers, the update notice, the backup reminder and one-off notices. One
//! [`Banner`] shape for all of them; [`Banners`] decides which are shown.

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::platform::now;
use crate::app::state::{Msg, Notice, StorageWarning};
use crate::domain::text::count;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub text: AttrValue,
    /// An alert (errors, conflicts) rather than a status.
    #[prop_or_default]
    pub error: bool,
    /// One more class on the banner (tests and styles find the update notice by it).
    #[prop_or_default]
    pub class: Option<AttrValue>,
    /// Shows a close button with this accessible label.
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
    #[prop_or(AttrValue::Static("Dismiss"))]
    pub close_label: AttrValue,
    /// The banner's action buttons.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let class = classes!(
        "dp-banner",
        props.error.then_some("dp-banner--error"),
        props.class.clone()
    );
    let role = if props.error { "alert" } else { "status" };
    html! {
        <div {class} role={role}>
            <p class="dp-banner__text">{ props.text.clone() }</p>
            { props.children.clone() }
            if let Some(on_close) = props.on_close.clone() {
                <button type="button" class="dp-button dp-banner__close" aria-label={props.close_label.clone()}
                    onclick={move |_| on_close.emit(())}>{ "×" }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct BannersProps {
    /// The backup reminder shows on the deals view only.
    pub on_deals: bool,
}

/// Every banner the state asks for, in order of urgency.
#[component]
pub fn Banners(props: &BannersProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Banners is rendered inside the app");
    let state = &ctx.state;
    let close = |msg: fn() -> Msg| {
        let ctx = ctx.clone();
        Some(Callback::from(move |_| ctx.show(msg())))
    };
    let button = |label: &'static str, primary: bool, act: Callback<MouseEvent>| {
        let class = classes!("dp-button", primary.then_some("dp-button--primary"));
        html! { <button type="button" {class} onclick={act}>{ label }</button> }
    };
    let export = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.export_all())
    };
    html! {
        <>
            if let Some(warning) = state.storage_warning.as_ref().map(StorageWarning::text) {
                <Banner text={warning.to_owned()} error=true>{ button("Export", false, export.clone()) }</Banner>
            }
            if state.update_ready {
                <Banner class="dp-update" text="Deal Prep was updated. Reload when convenient to use the new version; your data is safe.">
                    // The service-worker script hands over to the new worker, then reloads.
                    { button("Reload", false, Callback::from(|_| {
                        if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new("deal-prep-apply-update")) {
                            let _ = w.dispatch_event(&e);
                        }
                    })) }
                </Banner>
            }
            if let Some(mine) = &state.stale {
                <Banner error=true on_close={close(|| Msg::Stale(None))} text={format!(
                    "Another tab saved a newer version of “{}” (revision {}), so this tab's change was not applied; the deal now shows the newer version. Your version is kept here: download it to compare, and make the change again if it is still needed.",
                    mine.name, state.book.deals.get(&mine.id).map_or(0, |d| d.rev)
                )}>
                    { button("Download my version", false, { let (ctx, mine) = (ctx.clone(), mine.clone());
                        Callback::from(move |_| ctx.export_deal(&mine, Some(&format!("{} not applied", mine.name)))) }) }
                </Banner>
            }
            if let Some(deleted) = &state.deleted {
                <Banner on_close={close(|| Msg::Deleted(None))} text={format!("Deleted “{}”.", deleted.name)}>
                    { button("Undo", false, { let (ctx, deal) = (ctx.clone(), deleted.clone());
                        Callback::from(move |_| ctx.restore((*deal).clone())) }) }
                </Banner>
            }
            if let Some(gone) = &state.deleted_elsewhere {
                <Banner error=true text={format!(
                    "“{}” was deleted in another tab while you had it open here. Restore it with your latest changes, or let it go.",
                    gone.name
                )}>
                    { button("Restore", true, { let (ctx, deal) = (ctx.clone(), gone.clone());
                        Callback::from(move |_| ctx.restore((*deal).clone())) }) }
                    { button("Discard", false, { let ctx = ctx.clone(); Callback::from(move |_| ctx.show(Msg::DeletedElsewhere(None))) }) }
                </Banner>
            }
            if let Some(undo) = &state.undo_replace {
                <Banner on_close={close(|| Msg::UndoReplace(None))} text={format!(
                    "Replaced {} from the file. Until you close this tab you can put everything back as it was.",
                    count(undo.replaced, "deal", "deals")
                )}>
                    { button("Undo replace", false, { let ctx = ctx.clone(); Callback::from(move |_| ctx.undo_replace()) }) }
                </Banner>
            }
            if props.on_deals && state.backup_due(now()) {
                <Banner on_close={close(|| Msg::DismissReminder)} close_label="Dismiss backup reminder" text={match state.meta.last_export {
                    None => "Your deals live only in this browser. Export a backup file now and then.".to_owned(),
                    Some(_) => format!("No backup for a while ({} since the last export).", count(state.meta.edits_since_export as usize, "edit", "edits")),
                }}>
                    { button("Export now", true, export) }
                </Banner>
            }
            if let Some(notice) = &state.notice {
                { match notice {
                    Notice::Error(text) => html! { <Banner text={text.clone()} error=true on_close={close(|| Msg::Notify(None))} /> },
                    Notice::Info(text) => html! { <Banner text={text.clone()} on_close={close(|| Msg::Notify(None))} /> },
                } }
            }
        </>
    }
}
