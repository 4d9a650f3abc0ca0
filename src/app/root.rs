//! The root component: owns the reducer, the store, the route, and the effects that persist
//! changes and bring in other tabs' changes.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::banner::Banner;
use super::call_page::CallPage;
use super::deal_list::DealList;
use super::deal_page::DealPage;
use super::route::Route;
use super::state::{AppState, Msg, Notice};
use super::{new_id, now};
use crate::domain::{sample, Action, Book, Change, Id};
use crate::store::local::Loaded;
use crate::store::{IndexEntry, SaveError, Store};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The storage namespace (the host element's `data-namespace`).
    pub namespace: AttrValue,
}

/// The shared handle components use to act on the root state.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub state: UseReducerHandle<AppState>,
    pub store: Rc<Store>,
}

impl Ctx {
    /// Applies a user operation now.
    pub fn act(&self, action: Action) {
        self.state.dispatch(Msg::Do(action, now()));
    }
}

fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

fn initial_state(store: &Store) -> AppState {
    let mut state = AppState {
        book: Book::default(),
        ..AppState::default()
    };
    let book = state.book.clone();
    let Loaded {
        index,
        templates,
        problems,
        ..
    } = store.load(|d| book.template_for(d).clone(), now());
    if let Some(templates) = templates {
        state.book.templates = templates;
    }
    state.index = index.into_iter().map(|e| (e.id.clone(), e)).collect();
    if let Some(why) = &store.unavailable {
        state.storage_warning = Some(format!(
            "Storage is unavailable here ({why}). Deal Prep works, but nothing is kept after you close this tab."
        ));
    } else if !problems.is_empty() {
        let names: Vec<_> = problems
            .iter()
            .map(|p| format!("{} — {}", p.key, p.error))
            .collect();
        state.storage_warning = Some(format!(
            "Some saved records were kept aside untouched: {}.",
            names.join("; ")
        ));
    }
    state
}

/// Writes what the last action changed, and tells the state how it went.
fn persist(state: &UseReducerHandle<AppState>, store: &Store, change: &Change) {
    let result = match change {
        Change::Deal(id) => {
            let Some(deal) = state.book.deals.get(id) else {
                return;
            };
            let entry = IndexEntry::of(deal, state.book.template_for(deal), now());
            state.dispatch(Msg::Indexed(entry.clone()));
            store.save_deal(deal, &entry).map(|_| ())
        }
        Change::DealRemoved(id) => {
            store.remove_deal(id);
            state.dispatch(Msg::Removed(id.clone()));
            Ok(())
        }
        Change::Templates => store.save_templates(&state.book.templates).map(|_| ()),
    };
    match result {
        Ok(()) => state.dispatch(Msg::Saved),
        Err(SaveError::Stale(stored)) => {
            let entry = IndexEntry::of(&stored, state.book.template_for(&stored), now());
            state.dispatch(Msg::Loaded(stored, entry));
            state.dispatch(Msg::Notify(Some(Notice::Error(
                "Another tab saved a newer version of this deal, so your last change was not applied. \
                 The deal now shows the newer version; make the change again if it is still needed."
                    .into(),
            ))));
        }
        Err(e) => state.dispatch(Msg::StorageProblem(e.to_string())),
    }
}

/// Loads a deal from storage into the book if it is not there yet.
fn ensure_loaded(state: &UseReducerHandle<AppState>, store: &Store, id: &Id) {
    if state.book.deals.contains_key(id) {
        return;
    }
    if let Some(Ok(deal)) = store.load_deal(id) {
        let entry = IndexEntry::of(&deal, state.book.template_for(&deal), now());
        state.dispatch(Msg::Loaded(Box::new(deal), entry));
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let store = use_memo(props.namespace.clone(), |ns| Store::open(ns));
    let state = {
        let store = store.clone();
        use_reducer(move || initial_state(&store))
    };
    let route = use_state(current_route);

    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| EventListener::new(&w, "hashchange", move |_| route.set(current_route())));
            move || drop(listener)
        });
    }

    {
        let (state, store) = (state.clone(), store.clone());
        use_effect_with(state.seq, move |_| {
            if let Some((_, change)) = &state.pending {
                persist(&state, &store, change);
            }
        });
    }

    // Another tab's change arrives through the storage event and is shown at once.
    {
        let (state, store) = (state.clone(), store.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "storage", move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    let Some(key) = event.key() else { return };
                    let prefix = format!("{}:deal:", store.namespace());
                    let Some(id) = key.strip_prefix(&prefix).and_then(|s| Id::new(s).ok()) else {
                        return;
                    };
                    match store.load_deal(&id) {
                        Some(Ok(deal)) => {
                            let entry = IndexEntry::of(&deal, state.book.template_for(&deal), now());
                            state.dispatch(Msg::Loaded(Box::new(deal), entry));
                        }
                        None => state.dispatch(Msg::Removed(id)),
                        Some(Err(_)) => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    {
        let (state, store) = (state.clone(), store.clone());
        use_effect_with((*route).clone(), move |route| {
            if let Route::Deal(id) | Route::Call(id, _) = route {
                ensure_loaded(&state, &store, id);
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

    let ctx = Ctx {
        state: state.clone(),
        store: store.clone(),
    };
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
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Msg::Notify(None)))
    };

    let view = match &*route {
        Route::Deals => html! { <DealList on_sample={on_sample} /> },
        Route::Deal(id) => html! { <DealPage id={id.clone()} /> },
        Route::Call(deal, call) => html! { <CallPage deal={deal.clone()} call={call.clone()} /> },
        Route::NotFound => not_found(),
    };

    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="deal-prep">
                <header class="dp-header">
                    <a class="dp-header__brand" href="#/">{ "Deal Prep" }</a>
                    <span class="dp-header__tagline">{ "Focus on the process, not the quota" }</span>
                    <span class="dp-header__saved" aria-live="polite">
                        { if state.saved { "Saved" } else { "" } }
                    </span>
                </header>
                if let Some(warning) = &state.storage_warning {
                    <Banner text={warning.clone()} error=true />
                }
                if let Some(notice) = &state.notice {
                    { match notice {
                        Notice::Error(text) => html! { <Banner text={text.clone()} error=true on_close={dismiss.clone()} /> },
                        Notice::Info(text) => html! { <Banner text={text.clone()} on_close={dismiss.clone()} /> },
                    } }
                }
                <main class="dp-main">{ view }</main>
            </div>
        </ContextProvider<Ctx>>
    }
}

fn not_found() -> Html {
    html! {
        <section class="dp-empty">
            <h1>{ "Nothing here" }</h1>
            <p>{ "This link does not point to a deal or call in this browser." }</p>
            <a class="dp-button dp-button--primary" href="#/">{ "Back to your deals" }</a>
        </section>
    }
}
