//! The root component: the shell (header, banners, the page of the route, footer, help). It
//! owns the reducer and the writer; everything it listens to is a hook in [`super::hooks`].

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::ctx::Ctx;
use super::hooks::{
    use_change_event, use_growing_fields, use_help, use_persist_request, use_ready_mark, use_route,
    use_shortcuts, use_title, use_update_notice, use_writer,
};
use super::pages::call::live::{live_page, use_call_timer};
use super::pages::call::{call_page, use_call_ui};
use super::pages::data::{data_page, use_data_ui};
use super::pages::deal::{deal_page, use_deal_ui};
use super::pages::deals::{deal_list, use_list_ui};
use super::pages::insights::{insights_page, use_insights};
use super::pages::not_found::not_found;
use super::pages::playbook::{playbook_page, use_playbook};
use super::pages::templates::templates_page;
use super::parts::banner::banners;
use super::parts::help_dialog::help_dialog;
use super::route::Route;
use super::writer::Writer;
use crate::store::Store;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The storage namespace (the host element's `namespace` or `data-namespace`).
    pub namespace: AttrValue,
    /// Whether this instance's routes live in the page's URL hash (one instance per page).
    pub hash: bool,
    /// "light", "dark", or "" to follow the operating system.
    #[prop_or_default]
    pub theme: AttrValue,
    /// The element the app renders into: shortcuts, focus and links stay inside it.
    pub host: web_sys::Element,
}

const NAV: [(Route, &str); 5] = [
    (Route::Deals, "Deals"),
    (Route::Playbook, "Playbook"),
    (Route::Insights, "Insights"),
    (Route::Templates, "Templates"),
    (Route::Data, "Data"),
];

#[component]
pub fn App(props: &AppProps) -> Html {
    let ns = props.namespace.to_string();
    let writer = super::hooks::use_keyed_memo(ns.clone(), move || Writer::new(Store::open(&ns)));
    let writer: Rc<Writer> = Rc::clone(&writer);
    let state = {
        let (writer, hash) = (writer.clone(), props.hash);
        use_reducer(move || writer.initial_state(hash))
    };
    writer.attach(state.clone());
    let route = use_route(writer.clone(), props.hash, props.host.clone());
    let ctx = Ctx::new(
        state.clone(),
        writer.clone(),
        props.host.clone(),
        route.clone(),
        props.hash,
    );
    let help = use_help();
    use_shortcuts(help.clone(), ctx.clone());
    use_growing_fields();
    use_change_event(&state, &props.host);
    use_writer(state.clone(), writer.clone());
    use_update_notice(state.clone());
    use_persist_request(!state.index.is_empty());
    use_ready_mark(&props.host);
    // Only the instance that owns the URL hash titles the tab.
    use_title(super::route::title(&route, &state.book), props.hash);

    // The pages are view functions; their state lives here (a component each would cost about
    // 1 KB of wasm), so the list's filters and the template shown survive a visit elsewhere.
    let list_ui = use_list_ui();
    let template_shown = crate::app::hooks::use_ui_cell(crate::domain::Id::default_template);
    let insights = use_insights(&ctx, *route == Route::Insights);
    let data_ui = use_data_ui(&ctx, *route == Route::Data);
    let call_ui = use_call_ui(&route);
    let playbook = use_playbook(&ctx, &route);
    let deal_ui = use_deal_ui(&ctx, &route);
    use_call_timer(&route, &props.host);
    let view = match &*route {
        Route::Deals => deal_list(&ctx, &list_ui),
        Route::Deal(id) | Route::DealSection(id, _) => deal_page(&ctx, &deal_ui, id),
        Route::Call(deal, call) => call_page(&ctx, &call_ui, deal, call, &playbook),
        Route::Live(deal, call) => live_page(&ctx, deal, call),
        Route::Insights => insights_page(&insights),
        Route::Playbook => playbook_page(&ctx, &playbook),
        Route::Templates => templates_page(&ctx, &template_shown, &call_ui.removed),
        Route::Data => data_page(&ctx, &data_ui),
        Route::NotFound => not_found(),
    };
    let in_deals = |r: &Route| *r == Route::Deals || r.deal().is_some();
    // Once this render is in the page: each select shows the option marked (see `show_selected`).
    let host = props.host.clone();
    super::platform::later(0, Box::new(move || super::platform::show_selected(&host)));

    html! {
            <div class="deal-prep" data-theme={(!props.theme.is_empty()).then(|| props.theme.clone())}>
                <header class="dp-header">
                    <a class="dp-header__brand" href="#/">{ "Deal Prep" }</a>
                    <nav class="dp-nav" aria-label="Main">
                        { for NAV.into_iter().map(|(r, label)| {
                            let current = *route == r || (r == Route::Deals && in_deals(&route));
                            html! {
                                <a key={label} ~className={super::parts::class(&["dp-nav__link", super::parts::when(current, "dp-nav__link--current")])}
                                    href={r.href()} aria-current={current.then_some("page")}>{ label }</a>
                            }
                        }) }
                    </nav>
                    <span class="dp-header__saved" aria-live="polite">
                        { if state.saved { "Saved" } else { "" } }
                    </span>
                </header>
                { banners(&ctx, matches!(*route, Route::Deals)) }
                // Keyed by the route: each view is drawn afresh, never over another's elements. A
                // select marks its option with the `selected` attribute, which a browser stops
                // following once someone picked in that select: a deal page drawn over another
                // deal's kept showing that deal's evidence.
                <main class="dp-main" key={route.href()}>{ view }</main>
                if *help.open {
                    { help_dialog({ let help = help.clone(); Callback::from(move |_| help.close()) }) }
                }
                <footer class="dp-footer">
                    <button type="button" class="dp-button dp-button--link" onclick={{ let help = help.clone(); move |e: MouseEvent| {
                        help.show(e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()))
                    } }}>
                        { "Keyboard shortcuts (?)" }
                    </button>
                    <span class="dp-muted">{ "Focus on the process, not the quota. Your data stays in this browser." }</span>
                </footer>
            </div>
    }
}
