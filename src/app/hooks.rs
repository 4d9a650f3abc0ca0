//! The root's hooks: keyboard shortcuts, the route (loading a bookmarked deal before it shows),
//! the page events the writer needs, the update notice, the persistence request and the ready
//! mark. Each is one effect with its listeners, removed on drop.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::ctx::Ctx;
use super::platform::{each, going_forward, keep_typed, later, take_forward};
use super::route::Route;
use super::state::{AppState, Msg};
use super::writer::Writer;
use crate::domain::text;

/// What an effect leaves to undo when it runs again or the app goes away (listeners to
/// remove, a timer to stop).
pub type Undo = Box<dyn FnOnce()>;

/// Nothing to undo.
pub fn nothing() -> Undo {
    Box::new(|| ())
}

/// Runs `run` after the first render and after each render in which `key` changed, undoing
/// first what its previous run left. Every effect of the app goes through this one hook, so
/// Yew's effect machinery is in the wasm once instead of once per effect (~0.5 KB each). `key`
/// stands for what the effect depends on: "" for nothing, else a text that differs whenever it
/// does (a route's address, an id, a number).
#[hook]
pub fn use_keyed_effect(key: String, run: Box<dyn FnOnce() -> Undo>) {
    use_effect_with(key, move |_| run());
}

/// A piece of UI state, read with `*` and changed with `set` like Yew's `UseStateHandle`, but
/// every type shares one instance of Yew's state machinery (each `use_state` call was its own,
/// ~0.5 KB of wasm): the value is held as `Rc<dyn Any>` and read back as the `T` it was made
/// with. Setting it renders again, even to an equal value.
pub struct UiCell<T> {
    handle: UseStateHandle<Held>,
    kind: std::marker::PhantomData<fn() -> T>,
}

#[derive(Clone)]
struct Held(Rc<dyn std::any::Any>);

impl<T: 'static> UiCell<T> {
    pub fn set(&self, value: T) {
        self.handle.set(Held(Rc::new(value)));
    }
}

impl<T: 'static> UiCell<Option<T>> {
    /// Back to `None`, only when it holds something: a set renders again even to an equal
    /// value, so clearing what is already clear (as a reset at mount does) would render twice.
    pub fn clear(&self) {
        if self.is_some() {
            self.set(None);
        }
    }
}

/// The value a cell holds now: one function, not one reading of Yew's handle per cell type.
#[inline(never)]
fn held(handle: &UseStateHandle<Held>) -> &dyn std::any::Any {
    &*handle.0
}

impl<T: 'static> std::ops::Deref for UiCell<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match held(&self.handle).downcast_ref() {
            Some(value) => value,
            // Only `use_ui_cell::<T>` and `UiCell::<T>::set` write the cell.
            None => unreachable!(),
        }
    }
}

impl<T> Clone for UiCell<T> {
    fn clone(&self) -> Self {
        UiCell {
            handle: self.handle.clone(),
            kind: std::marker::PhantomData,
        }
    }
}

#[hook]
fn use_held(init: Box<dyn FnOnce() -> Held>) -> UseStateHandle<Held> {
    use_state(init)
}

/// A [`UiCell`] starting at `init()` (called on the first render only).
#[hook]
pub fn use_ui_cell<T: 'static>(init: impl FnOnce() -> T + 'static) -> UiCell<T> {
    UiCell {
        handle: use_held(Box::new(move || Held(Rc::new(init())))),
        kind: std::marker::PhantomData,
    }
}

#[hook]
fn use_held_memo(key: String, make: Box<dyn FnOnce() -> Held>) -> Rc<Held> {
    use_memo(key, move |_| make())
}

/// `make()`, made again only after a render in which `key` changed: one instance of Yew's memo
/// for every memo of the app (as [`use_keyed_effect`] for effects; `key` likewise).
#[hook]
pub fn use_keyed_memo<T: 'static>(key: String, make: impl FnOnce() -> T + 'static) -> Rc<T> {
    let held = use_held_memo(key, Box::new(move || Held(Rc::new(make()))));
    match Rc::clone(&held.0).downcast() {
        Ok(value) => value,
        // Only this hook writes the memo, always as a `T`.
        Err(_) => unreachable!(),
    }
}

/// The shortcut help: whether it is open, and where focus returns when it closes.
#[derive(Clone)]
pub struct Help {
    pub open: UiCell<bool>,
    back_to: Rc<RefCell<Option<web_sys::HtmlElement>>>,
}

impl Help {
    /// Opens the help; `from` gets the focus back when it closes (the focused element if none).
    pub fn show(&self, from: Option<web_sys::HtmlElement>) {
        let focused = || {
            super::platform::document()
                .and_then(|d| d.active_element())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        };
        *self.back_to.borrow_mut() = from.or_else(focused);
        self.open.set(true);
    }

    pub fn close(&self) {
        self.open.set(false);
        if let Some(el) = self.back_to.borrow_mut().take() {
            let _ = el.focus();
        }
    }
}

#[hook]
pub fn use_help() -> Help {
    Help {
        open: use_ui_cell(|| false),
        back_to: use_mut_ref(|| None),
    }
}

/// Whether a key event comes from a field the user types in.
fn typing(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// One key pressed anywhere on the page, for [`use_shortcuts`].
fn shortcut(event: &web_sys::Event, help: &Help, ctx: &Ctx) {
    let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
        return;
    };
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let focused = super::platform::document()
        .and_then(|d| d.active_element().filter(|a| Some(a) != d.body().as_deref()));
    let mine = match focused {
        Some(el) => ctx.host().contains(Some(&el)),
        None => ctx.owns_hash(),
    };
    if !mine {
        return;
    }
    if e.key() == "Escape" {
        help.close();
        return;
    }
    if typing(e) {
        return;
    }
    match e.key().as_str() {
        "?" => help.show(None),
        "n" | "/" => {
            e.prevent_default();
            let field = if e.key() == "n" {
                "input[name=deal-name]"
            } else {
                "input[type=search]"
            };
            ctx.open(&Route::Deals);
            // Unfold the form or the filters (folded on a phone) first.
            let host = ctx.host().clone();
            later(
                40,
                Box::new(move || {
                    each(&host, ".dp-fold", &|fold| {
                        let _ = fold.set_attribute("open", "");
                    });
                }),
            );
            ctx.focus_later(field);
        }
        _ => {}
    }
}

/// Shortcuts: `n` new deal, `/` search, `?` help, Esc closes help. Ignored while typing. With
/// several instances on a page, only the one holding the focus acts (the instance that owns the
/// URL hash also acts when nothing is focused).
#[hook]
pub fn use_shortcuts(help: Help, ctx: Ctx) {
    use_keyed_effect(
        String::new(),
        Box::new(move || {
            let listener = super::platform::document().map(|doc| {
                // Not passive (gloo's default): "/" and "n" are taken from the browser.
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&doc, "keydown", options, move |e| shortcut(e, &help, &ctx))
            });
            Box::new(move || drop(listener))
        }),
    );
}

/// Text areas marked `dp-grow` grow with what is typed, where CSS `field-sizing` is missing.
#[hook]
pub fn use_growing_fields() {
    use_keyed_effect(
        String::new(),
        Box::new(|| {
            let listener = super::platform::document().map(|doc| {
                EventListener::new(&doc, "input", |e| {
                    let area = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
                    if let Some(area) = area.filter(|a| a.class_list().contains("dp-grow")) {
                        let style = area.style();
                        let _ = style.set_property("height", "auto");
                        let _ = style.set_property("height", &format!("{}px", area.scroll_height() + 2));
                    }
                })
            });
            Box::new(move || drop(listener))
        }),
    );
}

/// Shows `next`: its deal loaded first, so the view renders once, and what was typed in the
/// view's add fields added before it goes (see `keep_typed`).
fn show(writer: &Writer, route: &UiCell<Route>, host: &web_sys::Element, next: Route) {
    if let Some(id) = next.deal() {
        writer.ensure_loaded(id);
    }
    writer.showing(next.deal());
    keep_typed(host);
    route.set(next);
}

/// Goes to `next` in an instance routed in memory: its deal loaded first, then shown, the
/// instance's top brought into view if it was scrolled past.
pub fn open_in_memory(writer: &Writer, route: &UiCell<Route>, host: &web_sys::Element, next: Route) {
    show(writer, route, host, next);
    if host.get_bounding_client_rect().top() < 0.0 {
        host.scroll_into_view();
    }
}

/// The current route. The deal a route needs is loaded before the route changes, so the view
/// renders once. An instance that owns the URL hash (`hash`) follows it: a view opened from the
/// app (a link, create, delete) opens at its top (a section route scrolls to its section); Back
/// and Forward return to where the view was left. Any other instance keeps its route in memory:
/// its links are followed without touching the page's URL.
#[hook]
pub fn use_route(writer: Rc<Writer>, hash: bool, host: web_sys::Element) -> UiCell<Route> {
    let route = use_ui_cell(move || if hash { Route::current() } else { Route::Deals });
    {
        let route = route.clone();
        use_keyed_effect(
            if hash { "hash" } else { "" }.to_owned(),
            Box::new(move || {
                let listeners = if hash {
                    follow_hash(writer, route, host)
                } else {
                    // Not passive (gloo's default), or the browser follows the link too and
                    // the host page's URL takes the instance's route.
                    let links = EventListener::new_with_options(
                        &host.clone(),
                        "click",
                        EventListenerOptions::enable_prevent_default(),
                        move |e| {
                            let href = app_link(e).and_then(|a| a.get_attribute("href"));
                            if let Some(href) = href {
                                e.prevent_default();
                                open_in_memory(&writer, &route, &host, Route::parse(&href));
                            }
                        },
                    );
                    vec![links]
                };
                Box::new(move || drop(listeners))
            }),
        );
    }
    route
}

/// The link to one of the app's views (`#/…`) a click landed in, if any.
fn app_link(e: &web_sys::Event) -> Option<web_sys::Element> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("a[href^='#/']").ok().flatten()
}

/// The listeners of the instance that owns the URL hash: links mark a navigation forward, and
/// each hash change saves where the view was left and opens the next one.
fn follow_hash(writer: Rc<Writer>, route: UiCell<Route>, host: web_sys::Element) -> Vec<EventListener> {
    // Scroll positions by route, saved as each view is left.
    let left_at: Rc<RefCell<Vec<(String, f64)>>> = Rc::default();
    let current = Rc::new(RefCell::new(Route::current().href()));
    let window = web_sys::window();
    let links = window.as_ref().and_then(|w| w.document()).map(|doc| {
        EventListener::new(&doc, "click", |e| {
            // A link an instance routed in memory already followed is not a navigation.
            if e.default_prevented() {
                return;
            }
            if app_link(e).is_some() {
                going_forward();
            }
        })
    });
    let changes = window.map(|w| {
        EventListener::new(&w, "hashchange", move |_| {
            let next = Route::current();
            let href = next.href();
            let y = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
            let left = current.replace(href.clone());
            let mut saved = left_at.borrow_mut();
            saved.retain(|(h, _)| *h != left);
            saved.push((left, y));
            let back_to = saved.iter().find(|(h, _)| *h == href).map(|(_, y)| *y);
            let forward = take_forward();
            let to = if forward { Some(0.0) } else { back_to.or(Some(0.0)) };
            let to = to.filter(|_| !(forward && matches!(next, Route::DealSection(..))));
            show(&writer, &route, &host, next);
            if let Some(y) = to {
                // After the new view has rendered (it may be taller than the old one).
                later(
                    0,
                    Box::new(move || {
                        if let Some(w) = web_sys::window() {
                            w.scroll_to_with_x_and_y(0.0, y);
                        }
                    }),
                );
            }
        })
    });
    links.into_iter().chain(changes).collect()
}

/// Hands every change to the writer (steps are written at once, typing after a pause), and the
/// page events it needs: another tab's change (`storage`), leaving the page (`pagehide`, hidden:
/// write what waits) and focus leaving a field (the backup reminder counts edited fields).
#[hook]
pub fn use_writer(state: UseReducerHandle<AppState>, writer: Rc<Writer>) {
    {
        let (state, writer) = (state.clone(), writer.clone());
        use_keyed_effect(
            text::number(state.seq),
            Box::new(move || {
                writer.noticed(&state);
                nothing()
            }),
        );
    }
    use_keyed_effect(
        String::new(),
        Box::new(move || {
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
                listeners.push(on(w, "pagehide", leaving));
                listeners.push(on(w, "pageshow", |writer, e| writer.shown(e)));
            }
            if let Some(d) = &document {
                listeners.push(on(d, "visibilitychange", |writer, e| {
                    let hidden = super::platform::document().is_some_and(|d| d.hidden());
                    if hidden {
                        leaving(writer, e);
                    }
                }));
                listeners.push(on(d, "focusout", |writer, e| writer.blurred(e)));
            }
            Box::new(move || drop(listeners))
        }),
    );
}

/// The page hides or goes: what is typed in an add form is added (in every instance on the
/// page), and everything waiting is written at once — the additions too, unrendered
/// (`Writer::flush` takes what the reducer recorded since the last render).
fn leaving(writer: &Writer, _: &web_sys::Event) {
    if let Some(root) = super::platform::document().and_then(|d| d.document_element()) {
        keep_typed(&root);
    }
    writer.flush();
}

/// A new build installed by the service worker: say so quietly, reload only when asked.
#[hook]
pub fn use_update_notice(state: UseReducerHandle<AppState>) {
    use_keyed_effect(
        String::new(),
        Box::new(move || {
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
            Box::new(move || drop(listener))
        }),
    );
}

/// Once there is data, asks the browser to keep it (it may decide silently). Asked even when
/// it already keeps it: `persist()` then answers yes without asking the user again.
#[hook]
pub fn use_persist_request(has_data: bool) {
    use_keyed_effect(
        if has_data { "data" } else { "" }.to_owned(),
        Box::new(move || {
            if has_data {
                super::platform::persisted(true, Box::new(|_| ()));
            }
            nothing()
        }),
    );
}

/// Tells measurements (and tests) that the first view of the instance in `host` is rendered
/// and interactive (`data-ready="true"` on the host).
#[hook]
pub fn use_ready_mark(host: &web_sys::Element) {
    let host = host.clone();
    use_keyed_effect(
        String::new(),
        Box::new(move || {
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                let _ = perf.mark("deal-prep-ready");
            }
            let _ = host.set_attribute("data-ready", "true");
            nothing()
        }),
    );
}

/// Keeps the document title on the current view (tabs and bookmarks), when the page is the app's
/// own: a host page with another title keeps it.
#[hook]
pub fn use_title(title: String, hash: bool) {
    let owned = use_keyed_memo(String::new(), move || {
        hash && super::platform::document().is_some_and(|d| d.title() == super::route::APP_TITLE)
    });
    use_keyed_effect(
        title.clone(),
        Box::new(move || {
            if *owned {
                if let Some(d) = super::platform::document() {
                    d.set_title(&title);
                }
            }
            nothing()
        }),
    );
}

/// Tells the host page when something was saved: a `deal-prep:change` event on the host element
/// (bubbling), with `{ deals, lastSaved }` in `detail` — the count and the time, never the data.
#[hook]
pub fn use_change_event(state: &AppState, host: &web_sys::Element) {
    let host = host.clone();
    let deals = state.index.len();
    let (seq, saved) = (state.seq, state.saved);
    let key = if saved { text::number(seq) } else { String::new() };
    use_keyed_effect(
        key,
        Box::new(move || {
            if saved && seq > 0 {
                let detail = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&detail, &"deals".into(), &(deals as f64).into());
                let _ = js_sys::Reflect::set(
                    &detail,
                    &"lastSaved".into(),
                    &js_sys::Date::new_0().to_iso_string(),
                );
                let init = web_sys::CustomEventInit::new();
                init.set_bubbles(true);
                init.set_detail(&detail);
                if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("deal-prep:change", &init) {
                    let _ = host.dispatch_event(&event);
                }
            }
            nothing()
        }),
    );
}
