//! The root component: the shell (header, banners, the page of the route, footer, help). It
//! owns the reducer and the writer; everything it listens to is a hook in [`super::hooks`].

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::ctx::Ctx;
use super::hooks::{
    use_growing_fields, use_help, use_persist_request, use_ready_mark, use_route, use_shortcuts, use_title,
    use_update_notice, use_writer,
};
use super::pages::call::CallPage;
use super::pages::data::DataPage;
use super::pages::deal::DealPage;
use super::pages::deals::DealList;
use super::pages::insights::InsightsPage;
use super::pages::not_found::not_found;
use super::pages::templates::TemplatesPage;
use super::parts::banner::banners;
use super::parts::help_dialog::help_dialog;
use super::route::Route;
use super::writer::Writer;
use crate::store::Store;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The storage namespace (the host element's `data-namespace`).
    pub namespace: AttrValue,
}

const NAV: [(Route, &str); 4] = [
    (Route::Deals, "Deals"),
    (Route::Insights, "Insights"),
    (Route::Templates, "Templates"),
    (Route::Data, "Data"),
];

#[component]
pub fn App(props: &AppProps) -> Html {
    let writer = use_memo(props.namespace.clone(), |ns| Writer::new(Store::open(ns)));
    let writer: Rc<Writer> = Rc::clone(&writer);
    let state = {
        let writer = writer.clone();
        use_reducer(move || writer.initial_state())
    };
    writer.attach(state.clone());
    let help = use_help();
    use_shortcuts(help.clone());
    use_growing_fields();
    let route = use_route(writer.clone());
    use_writer(state.clone(), writer.clone());
    use_update_notice(state.clone());
    use_persist_request(!state.index.is_empty());
    use_ready_mark();
    use_title(super::route::title(&route, &state.book));

    let view = match &*route {
        Route::Deals => html! { <DealList /> },
        Route::Deal(id) => html! { <DealPage id={id.clone()} /> },
        Route::DealSection(id, section) => html! { <DealPage id={id.clone()} section={*section} /> },
        Route::Call(deal, call) => html! { <CallPage deal={deal.clone()} call={call.clone()} /> },
        Route::Insights => html! { <InsightsPage /> },
        Route::Templates => html! { <TemplatesPage /> },
        Route::Data => html! { <DataPage /> },
        Route::NotFound => not_found(),
    };
    let in_deals = |r: &Route| *r == Route::Deals || r.deal().is_some();
    let ctx = Ctx::new(state.clone(), writer);

    html! {
        <ContextProvider<Ctx> context={ctx.clone()}>
            <div class="deal-prep">
                <header class="dp-header">
                    <a class="dp-header__brand" href="#/">{ "Deal Prep" }</a>
                    <nav class="dp-nav" aria-label="Main">
                        { for NAV.into_iter().map(|(r, label)| {
                            let current = *route == r || (r == Route::Deals && in_deals(&route));
                            html! {
                                <a key={label} class={classes!("dp-nav__link", current.then_some("dp-nav__link--current"))}
                                    href={r.href()} aria-current={current.then_some("page")}>{ label }</a>
                            }
                        }) }
                    </nav>
                    <span class="dp-header__saved" aria-live="polite">
                        { if state.saved { "Saved" } else { "" } }
                    </span>
                </header>
                { banners(&ctx, matches!(*route, Route::Deals)) }
                <main class="dp-main">{ view }</main>
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
        </ContextProvider<Ctx>>
    }
}
