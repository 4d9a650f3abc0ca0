//! The root component: owns the reducer, the store, the route, and the effects that persist
//! changes and bring in other tabs' changes.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::banner::Banner;
use super::call_page::CallPage;
use super::data_page::{export_all, DataPage};
use super::deal_list::DealList;
use super::deal_page::DealPage;
use super::insights_page::InsightsPage;
use super::route::Route;
use super::state::{AppState, Msg, Notice, StorageWarning};
use super::templates_page::TemplatesPage;
use super::{new_id, now};
use crate::domain::Deal;
use crate::domain::{sample, text::count, Action, Book, Change, Id};
use crate::store::local::{Loaded, Problem};
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
    let started = super::perf_now();
    let loaded: Loaded = store.load(|d| book.template_for(d).clone(), now());
    super::mark_host("data-load-us", &super::micros(started));
    state.reloaded(loaded);
    state.meta = store.load_meta();
    // A bookmark opens straight to its deal: load it before the first render.
    if let Route::Deal(id) | Route::Call(id, _) = current_route() {
        match read_deal(store, &state, &id, true) {
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

/// Writes what the last action changed, and tells the state how it went.
fn persist(state: &UseReducerHandle<AppState>, store: &Store, change: &Change) {
    let (entry, result) = match change {
        Change::Deal(id) => {
            let Some(deal) = state.book.deals.get(id) else {
                return;
            };
            let entry = IndexEntry::of(deal, state.book.template_for(deal), now());
            let started = super::perf_now();
            let saved = store.save_deal(deal, &entry);
            super::mark_host("data-save-us", &super::micros(started));
            super::mark_host("data-save-at", &((started * 1000.0) as i64).to_string());
            let result = saved.map(|chars| {
                super::mark_host("data-save-chars", &chars.to_string());
                let mut meta = state.meta.clone();
                meta.record_edit(now());
                store.save_meta(&meta).is_ok().then_some(meta)
            });
            (Some(entry), result)
        }
        Change::DealRemoved(id) => {
            store.remove_deal(id);
            state.dispatch(Msg::Removed(id.clone()));
            (None, Ok(None))
        }
        Change::Templates => (None, store.save_templates(&state.book.templates).map(|_| None)),
    };
    match result {
        Ok(meta) => state.dispatch(Msg::Persisted {
            entry,
            result: Ok(meta),
        }),
        Err(SaveError::Stale(stored)) => {
            if let Change::Deal(id) = change {
                if let Some(mine) = state.book.deals.get(id) {
                    state.dispatch(Msg::Stale(Some(Box::new(mine.clone()))));
                }
            }
            let entry = IndexEntry::of(&stored, state.book.template_for(&stored), now());
            state.dispatch(Msg::Loaded(stored, entry));
        }
        Err(e) => state.dispatch(Msg::Persisted {
            entry,
            result: Err(StorageWarning::of(&e)),
        }),
    }
}

/// Loads a deal from storage into the book if it is not there yet.
fn ensure_loaded(state: &UseReducerHandle<AppState>, store: &Store, id: &Id) {
    if state.book.deals.contains_key(id) {
        return;
    }
    match read_deal(store, state, id, true) {
        Some(Ok((deal, entry))) => state.dispatch(Msg::Loaded(deal, entry)),
        Some(Err(problem)) => state.dispatch(Msg::Problem(problem)),
        None => {}
    }
}

/// Reads one deal and its fresh list entry, or the problem with its record; `None` when there is
/// no such deal. With `repair`, a stored list entry left stale by a failed write is rewritten
/// (not for another tab's change: that tab wrote both).
fn read_deal(
    store: &Store,
    state: &AppState,
    id: &Id,
    repair: bool,
) -> Option<Result<(Box<Deal>, IndexEntry), Problem>> {
    Some(match store.load_deal(id)? {
        Ok(deal) => {
            let entry = IndexEntry::of(&deal, state.book.template_for(&deal), now());
            if repair {
                store.refresh_index(state.index.get(id), &entry);
            }
            Ok((Box::new(deal), entry))
        }
        Err(error) => {
            let key = store.deal_key(id);
            let raw = store.raw(&key).unwrap_or_default();
            Err(Problem { key, raw, error })
        }
    })
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let store = use_memo(props.namespace.clone(), |ns| Store::open(ns));
    let state = {
        let store = store.clone();
        use_reducer(move || initial_state(&store))
    };
    let route = use_state(current_route);
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
                                if current_route() != Route::Deals {
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
        let (route, state, store) = (route.clone(), state.clone(), store.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    let next = current_route();
                    if let Route::Deal(id) | Route::Call(id, _) = &next {
                        ensure_loaded(&state, &store, id);
                    }
                    route.set(next);
                })
            });
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
                    match read_deal(&store, &state, &id, false) {
                        Some(Ok((deal, entry))) => state.dispatch(Msg::Loaded(deal, entry)),
                        None => state.dispatch(Msg::Removed(id)),
                        // Another tab is mid-write or wrote a newer schema; opening it reports it.
                        Some(Err(_)) => {}
                    }
                })
            });
            move || drop(listener)
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
                    if super::browser::persisted().await == Some(false) {
                        let _ = super::browser::persist().await;
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
                if let Some(warning) = state.storage_warning.as_ref().map(StorageWarning::text) {
                    <div class="dp-banner dp-banner--error" role="alert">
                        <p class="dp-banner__text">{ warning.to_owned() }</p>
                        <button type="button" class="dp-button"
                            onclick={{ let ctx = ctx.clone(); move |_| export_all(&ctx) }}>{ "Export" }</button>
                    </div>
                }
                if state.update_ready {
                    <div class="dp-banner dp-update" role="status">
                        <p class="dp-banner__text">{ "Deal Prep was updated. Reload when convenient to use the new version; your data is safe." }</p>
                        <button type="button" class="dp-button" onclick={|_| {
                            if let Some(w) = web_sys::window() { let _ = w.location().reload(); }
                        }}>{ "Reload" }</button>
                    </div>
                }
                if let Some(mine) = &state.stale {
                    <div class="dp-banner dp-banner--error" role="alert">
                        <p class="dp-banner__text">{ format!(
                            "Another tab saved a newer version of “{}” (revision {}), so this tab's change was not applied; the deal now shows the newer version. Your version is kept here: download it to compare, and make the change again if it is still needed.",
                            mine.name, state.book.deals.get(&mine.id).map_or(0, |d| d.rev)
                        ) }</p>
                        <button type="button" class="dp-button" onclick={{
                            let mine = mine.clone();
                            move |_| {
                                let file = crate::store::transfer::export(vec![(*mine).clone()], Vec::new(), now());
                                let name = crate::store::transfer::file_name(now(), Some(&format!("{} not applied", mine.name)));
                                let _ = super::browser::download(&name, "application/json", &crate::store::transfer::to_json(&file));
                            }
                        }}>{ "Download my version" }</button>
                        <button type="button" class="dp-button dp-banner__close" aria-label="Dismiss"
                            onclick={{ let state = state.clone(); move |_| state.dispatch(Msg::Stale(None)) }}>{ "×" }</button>
                    </div>
                }
                if let Some(deleted) = &state.deleted {
                    <div class="dp-banner" role="status">
                        <p class="dp-banner__text">{ format!("Deleted “{}”.", deleted.name) }</p>
                        <button type="button" class="dp-button" onclick={{
                            let (ctx, deal) = (ctx.clone(), deleted.clone());
                            move |_| {
                                ctx.act(Action::InsertDeal(deal.clone()));
                                ctx.state.dispatch(Msg::Deleted(None));
                            }
                        }}>{ "Undo" }</button>
                        <button type="button" class="dp-button dp-banner__close" aria-label="Dismiss"
                            onclick={{ let state = state.clone(); move |_| state.dispatch(Msg::Deleted(None)) }}>{ "×" }</button>
                    </div>
                }
                if state.backup_due(now()) && matches!(*route, Route::Deals) {
                    <div class="dp-banner" role="status">
                        <p class="dp-banner__text">{ match state.meta.last_export {
                            None => "Your deals live only in this browser. Export a backup file now and then.".to_owned(),
                            Some(_) => format!("No backup for a while ({} since the last export).", count(state.meta.edits_since_export as usize, "edit", "edits")),
                        } }</p>
                        <button type="button" class="dp-button dp-button--primary"
                            onclick={{ let ctx = ctx.clone(); move |_| export_all(&ctx) }}>{ "Export now" }</button>
                        <button type="button" class="dp-button dp-banner__close" aria-label="Dismiss backup reminder"
                            onclick={{ let state = state.clone(); move |_| state.dispatch(Msg::DismissReminder) }}>{ "×" }</button>
                    </div>
                }
                if let Some(notice) = &state.notice {
                    { match notice {
                        Notice::Error(text) => html! { <Banner text={text.clone()} error=true on_close={dismiss.clone()} /> },
                        Notice::Info(text) => html! { <Banner text={text.clone()} on_close={dismiss.clone()} /> },
                    } }
                }
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
