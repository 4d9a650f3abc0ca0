//! The root component: owns the reducer, the store, the route, and the effects that persist
//! changes and bring in other tabs' changes.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::banner::Banners;
use super::call_page::CallPage;
pub use super::ctx::Ctx;
use super::data_page::DataPage;
use super::deal_list::DealList;
use super::deal_page::DealPage;
use super::insights_page::InsightsPage;
use super::route::Route;
use super::state::{AppState, Msg, StorageWarning};
use super::templates_page::TemplatesPage;
use super::writer::Writer;
use super::{new_id, now};
use crate::domain::{sample, Action, Id, Template};
use crate::store::local::Loaded;
use crate::store::Store;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The storage namespace (the host element's `data-namespace`).
    pub namespace: AttrValue,
}

fn initial_state(writer: &Writer) -> AppState {
    let store = writer.store();
    let mut state = AppState::default();
    let started = super::perf_now();
    let loaded: Loaded = store.load(|_| Template::default_template(), now());
    super::platform::mark_host("data-load-us", &super::micros(started));
    writer.know_templates(loaded.templates_rev);
    state.reloaded(loaded);
    state.meta = store.load_meta();
    // A bookmark opens straight to its deal: load it before the first render.
    if let Route::Deal(id) | Route::Call(id, _) = Route::current() {
        match writer.load(&state, &id) {
            Some(Ok((deal, entry))) => {
                Rc::make_mut(&mut state.index).insert(id.clone(), entry);
                state.book.deals.insert(id, *deal);
            }
            Some(Err(problem)) => state.add_problem(problem),
            None => {}
        }
    }
    if let Some(why) = &store.unavailable {
        state.storage_warning = Some(StorageWarning::Other(format!(
            "Storage is unavailable here ({why}). Deal Prep works, but nothing is kept after you close this tab: export your work to keep it."
        )));
    } else if !state.problems.is_empty() {
        let names: Vec<_> = state
            .problems
            .iter()
            .map(|p| format!("{} — {}", p.key, p.error))
            .collect();
        state.storage_warning = Some(StorageWarning::Other(format!(
            "Some saved records were kept aside untouched (see Data): {}.",
            names.join("; ")
        )));
    }
    state
}

/// Loads a deal from storage into the book if it is not there yet.
fn ensure_loaded(writer: &Writer, state: &UseReducerHandle<AppState>, id: &Id) {
    if state.book.deals.contains_key(id) {
        return;
    }
    match writer.load(state, id) {
        Some(Ok((deal, entry))) => state.dispatch(Msg::Loaded(deal, entry)),
        Some(Err(problem)) => state.dispatch(Msg::Problem(problem)),
        None => {}
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let writer = use_memo(props.namespace.clone(), |ns| Writer::new(Store::open(ns)));
    let writer: Rc<Writer> = Rc::clone(&writer);
    let state = {
        let writer = writer.clone();
        use_reducer(move || initial_state(&writer))
    };
    writer.attach(state.clone());
    let route = use_state(Route::current);
    let help_open = use_state_eq(|| false);
    let help_return = use_mut_ref(|| None::<web_sys::HtmlElement>);

    // Shortcuts: `n` new deal, `/` search, `?` help, Esc closes help. Ignored while typing.
    {
        let (help_open, help_return) = (help_open.clone(), help_return.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                EventListener::new(&doc, "keydown", move |event| {
                    let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                                || el.has_attribute("contenteditable")
                        });
                    if e.key() == "Escape" {
                        help_open.set(false);
                        if let Some(el) = help_return.borrow_mut().take() {
                            let _ = el.focus();
                        }
                        return;
                    }
                    if typing {
                        return;
                    }
                    match e.key().as_str() {
                        "?" => {
                            *help_return.borrow_mut() = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.active_element())
                                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                            help_open.set(true);
                        }
                        "n" | "/" => {
                            e.prevent_default();
                            let selector = if e.key() == "n" {
                                "input[name=deal-name]"
                            } else {
                                "input[type=search]"
                            };
                            if let Some(w) = web_sys::window() {
                                if Route::current() != Route::Deals {
                                    let _ = w.location().set_hash("#/");
                                }
                                super::focus_later(selector);
                            }
                        }
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    // The deal a route needs is loaded before the route changes, so the view renders once.
    {
        let (route, writer) = (route.clone(), writer.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    let next = Route::current();
                    if let (Route::Deal(id) | Route::Call(id, _), Some(state)) = (&next, writer.latest()) {
                        ensure_loaded(&writer, &state, id);
                    }
                    route.set(next);
                })
            });
            move || drop(listener)
        });
    }

    // Every change is handed to the writer: steps are written at once, typing after a pause.
    {
        let (state, writer) = (state.clone(), writer.clone());
        use_effect_with(state.seq, move |_| writer.noticed(&state));
    }

    // Storage events (another tab's change to any record kind), leaving the page (write what
    // waits), and focus leaving a field (the backup reminder counts edited fields).
    {
        let writer = writer.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let document = window.as_ref().and_then(|w| w.document());
            let on = |target: &web_sys::EventTarget, name: &'static str, f: fn(&Writer, &web_sys::Event)| {
                let writer = writer.clone();
                EventListener::new(target, name, move |e| f(&writer, e))
            };
            let mut listeners = Vec::new();
            if let Some(w) = &window {
                listeners.push(on(w, "storage", |writer, e| {
                    if let Some(key) = e.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key()) {
                        writer.on_storage(&key);
                    }
                }));
                listeners.push(on(w, "pagehide", |writer, _| writer.flush()));
            }
            if let Some(d) = &document {
                listeners.push(on(d, "visibilitychange", |writer, _| {
                    let hidden = web_sys::window()
                        .and_then(|w| w.document())
                        .is_some_and(|d| d.hidden());
                    if hidden {
                        writer.flush();
                    }
                }));
                listeners.push(on(d, "focusout", |writer, _| writer.blurred()));
            }
            move || drop(listeners)
        });
    }

    // A new build installed by the service worker: say so quietly, reload only when asked.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            // An update found before this listener existed is recorded in a flag.
            let already = window
                .as_ref()
                .and_then(|w| js_sys::Reflect::get(w, &"dealPrepUpdateReady".into()).ok());
            if already.is_some_and(|v| v.is_truthy()) {
                state.dispatch(Msg::UpdateReady);
            }
            let listener = window.map(|w| {
                EventListener::new(&w, "deal-prep-update", move |_| state.dispatch(Msg::UpdateReady))
            });
            move || drop(listener)
        });
    }

    // Once there is data, ask the browser to keep it (it may decide silently).
    {
        let has_data = !state.index.is_empty();
        use_effect_with(has_data, move |has_data| {
            if *has_data {
                yew::platform::spawn_local(async {
                    if super::platform::persisted().await == Some(false) {
                        let _ = super::platform::persist().await;
                    }
                });
            }
        });
    }

    // Tell measurements the first view is rendered and interactive.
    use_effect_with((), |_| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark("deal-prep-ready");
        }
        if let Some(host) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(super::HOST_ID))
        {
            let _ = host.set_attribute("data-ready", "true");
        }
    });

    let ctx = Ctx::new(state.clone(), writer.clone());
    let on_sample = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            let deal = sample::sample_deal(
                new_id('d'),
                now(),
                &mut sample::Rng::new(js_sys::Date::now() as u64),
            );
            ctx.act(Action::InsertDeal(Box::new(deal)));
        })
    };

    let view = match &*route {
        Route::Deals => html! { <DealList on_sample={on_sample} /> },
        Route::Deal(id) => html! { <DealPage id={id.clone()} /> },
        Route::Call(deal, call) => html! { <CallPage deal={deal.clone()} call={call.clone()} /> },
        Route::Insights => html! { <InsightsPage /> },
        Route::Templates => html! { <TemplatesPage /> },
        Route::Data => html! { <DataPage /> },
        Route::NotFound => not_found(),
    };

    html! {
        <ContextProvider<Ctx> context={ctx.clone()}>
            <div class="deal-prep">
                <header class="dp-header">
                    <a class="dp-header__brand" href="#/">{ "Deal Prep" }</a>
                    <nav class="dp-nav" aria-label="Main">
                        { for [(Route::Deals, "Deals"), (Route::Insights, "Insights"), (Route::Templates, "Templates"), (Route::Data, "Data")]
                            .into_iter().map(|(r, label)| {
                                let current = *route == r || (r == Route::Deals && matches!(*route, Route::Deal(..) | Route::Call(..)));
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
                <Banners on_deals={matches!(*route, Route::Deals)} />
                <main class="dp-main">{ view }</main>
                if *help_open {
                    { help_dialog({
                        let (help_open, help_return) = (help_open.clone(), help_return.clone());
                        Callback::from(move |_| {
                            help_open.set(false);
                            if let Some(el) = help_return.borrow_mut().take() {
                                let _ = el.focus();
                            }
                        })
                    }) }
                }
                <footer class="dp-footer">
                    <button type="button" class="dp-button dp-button--link" onclick={{ let (h, r) = (help_open.clone(), help_return.clone()); move |e: MouseEvent| {
                            *r.borrow_mut() = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
                            h.set(true);
                        } }}>
                        { "Keyboard shortcuts (?)" }
                    </button>
                    <span class="dp-muted">{ "Focus on the process, not the quota. Your data stays in this browser." }</span>
                </footer>
            </div>
        </ContextProvider<Ctx>>
    }
}

fn help_dialog(on_close: Callback<MouseEvent>) -> Html {
    html! {
        <>
            <div class="dp-backdrop" onclick={on_close.clone()}></div>
            <div class="dp-dialog" role="dialog" aria-modal="true" aria-labelledby="dp-help-title">
                <h2 id="dp-help-title" class="dp-subtitle">{ "Keyboard shortcuts" }</h2>
                <ul class="dp-help">
                    <li><kbd>{ "n" }</kbd>{ " new deal" }</li>
                    <li><kbd>{ "/" }</kbd>{ " search deals" }</li>
                    <li><kbd>{ "?" }</kbd>{ " this help" }</li>
                    <li><kbd>{ "Esc" }</kbd>{ " close a dialog" }</li>
                    <li><kbd>{ "Alt" }</kbd>{ " + " }<kbd>{ "↑" }</kbd>{ " / " }<kbd>{ "↓" }</kbd>{ " move a line in a call-plan list" }</li>
                    <li><kbd>{ "Enter" }</kbd>{ " add the line you typed" }</li>
                </ul>
                <div class="dp-dialog__buttons">
                    <button type="button" class="dp-button dp-button--primary" onclick={on_close} autofocus=true>{ "Close" }</button>
                </div>
            </div>
        </>
    }
}

fn not_found() -> Html {
    super::dead_end(
        "Nothing here",
        "This link does not point to a deal or call in this browser.",
        "#/",
        "Back to your deals",
    )
}
