//! What touches the browser besides storage: the clock, ids, file download and reading, the
//! clipboard, the storage manager (persistence and usage), focus, and the performance marks
//! `make bench` reads. Every failure is a value.

use wasm_bindgen::{JsCast, JsValue};

use crate::domain::{text, Id, Minutes};

fn describe(err: JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let document = document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_attribute("hidden", "").map_err(describe)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(describe)?;
    anchor.click();
    anchor.remove();
    // Revoke later: some engines start the download after the click returns.
    later(
        10_000,
        Box::new(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        }),
    );
    Ok(())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A promise as `then` sees it: the closures passed as plain functions.
    type Thenable;
    #[wasm_bindgen(method)]
    fn then(this: &Thenable, ok: &JsValue, err: &JsValue);
}

/// Calls `done` once `promise` settles: `Ok` with its value, `Err` with its reason (at once,
/// with `undefined`, when there is no promise). A callback, not a future: awaiting pulled the
/// futures executor into the wasm (see bench/size-history.md).
pub fn settled(promise: Option<js_sys::Promise>, done: Box<dyn FnOnce(Result<JsValue, JsValue>)>) {
    let Some(promise) = promise else {
        return done(Err(JsValue::UNDEFINED));
    };
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let arm = |ok: bool| {
        let done = done.clone();
        wasm_bindgen::closure::Closure::once_into_js(move |value: JsValue| {
            if let Some(done) = done.take() {
                done(if ok { Ok(value) } else { Err(value) });
            }
        })
    };
    promise.unchecked_ref::<Thenable>().then(&arm(true), &arm(false));
}

/// Reads a picked or dropped file as text.
pub fn read_text(file: web_sys::File, done: Box<dyn FnOnce(Result<String, String>)>) {
    settled(
        Some(file.text()),
        Box::new(move |text| {
            done(
                text.map_err(describe)
                    .and_then(|text| text.as_string().ok_or_else(|| "the file is not text".to_owned())),
            )
        }),
    );
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older engines and some embedded contexts have no StorageManager.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("storage"))
        .ok()?
        .then(|| navigator.storage())
}

/// Whether the browser keeps this origin's storage under pressure (`None`: cannot tell); with
/// `ask`, after asking it to.
pub fn persisted(ask: bool, done: Box<dyn FnOnce(Option<bool>)>) {
    let promise = storage_manager().and_then(|m| if ask { m.persist() } else { m.persisted() }.ok());
    settled(
        promise,
        Box::new(move |kept| done(kept.ok().and_then(|v| v.as_bool()))),
    );
}

/// The origin's usage and quota, as `navigator.storage.estimate()` reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Estimate {
    pub usage: f64,
    pub quota: f64,
}

/// Read with `Reflect`: a serde deserializer for two numbers cost ~2 KB of wasm.
pub fn estimate(done: Box<dyn FnOnce(Option<Estimate>)>) {
    settled(
        storage_manager().and_then(|m| m.estimate().ok()),
        Box::new(move |value| {
            done(value.ok().map(|value| {
                let number = |name: &str| {
                    js_sys::Reflect::get(&value, &JsValue::from_str(name))
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(0.0)
                };
                Estimate {
                    usage: number("usage"),
                    quota: number("quota"),
                }
            }))
        }),
    );
}

/// Copies text to the clipboard; `done(false)` when the API is missing or refused.
pub fn copy(text: &str, done: Box<dyn FnOnce(bool)>) {
    let promise = (|| {
        let clipboard =
            js_sys::Reflect::get(&web_sys::window()?.navigator(), &JsValue::from_str("clipboard")).ok()?;
        let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
            .ok()?
            .dyn_into()
            .ok()?;
        write
            .call1(&clipboard, &JsValue::from_str(text))
            .ok()?
            .dyn_into()
            .ok()
    })();
    settled(promise, Box::new(move |copied| done(copied.is_ok())));
}

/// Local wall-clock time now, in minutes (the domain's clock; see `domain::time`).
pub fn now() -> Minutes {
    let date = js_sys::Date::new_0();
    let local_ms = date.get_time() - date.get_timezone_offset() * 60_000.0;
    Minutes((local_ms / 60_000.0).floor() as i64)
}

/// Local minutes east of UTC at the local time `at` (daylight saving time included), for
/// calendar files, which carry UTC.
pub fn utc_offset(at: Minutes) -> i64 {
    let (y, m, d) = at.day().ymd();
    let minute = at.0.rem_euclid(24 * 60) as i32;
    let date = js_sys::Date::new_with_year_month_day_hr_min(
        y as u32,
        m as i32 - 1,
        d as i32,
        minute / 60,
        minute % 60,
    );
    -(date.get_timezone_offset() as i64)
}

/// A fresh random id with a one-letter prefix.
pub fn new_id(prefix: char) -> Id {
    let hi = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let lo = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    Id::from_random(prefix, (hi << 32) | lo)
}

/// Milliseconds since navigation start, for the measurements `make bench` reads.
pub fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records one save's time on the host element for `make bench` (which reads the characters
/// written from storage itself).
pub fn mark_save(started: f64) {
    mark_host("data-save-us", &micros(started));
    mark_host("data-save-at", &text::number((started * 1000.0) as u64));
}

/// Sets a `data-*` attribute on the host element (measurements, test hooks).
pub fn mark_host(name: &str, value: &str) {
    if let Some(host) = document().and_then(|d| d.get_element_by_id(super::HOST_ID)) {
        let _ = host.set_attribute(name, value);
    }
}

/// Focuses the element matching `selector` once the current render has happened — unless a
/// text field (input or text area) holds the focus by then: a click into a field right after
/// closing a dialog keeps that field, and keys typed there never land on a button, where they
/// would be shortcuts.
pub fn focus_later(root: &web_sys::Element, selector: &'static str) {
    let root = root.clone();
    later(
        50,
        Box::new(move || {
            let typing = document().and_then(|d| d.active_element()).is_some_and(|a| {
                a.dyn_ref::<web_sys::HtmlInputElement>().is_some()
                    || a.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some()
            });
            if typing {
                return;
            }
            let el = root
                .query_selector(selector)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = el {
                let _ = el.focus();
            }
        }),
    );
}

/// Adds what is typed in the "add" forms under `root` (`form.dp-add`: a new plan line, person,
/// checklist item or deal) as if Enter were pressed: called before the view changes and when
/// the page hides, so words typed there and not yet added are never dropped. A blank form adds
/// nothing (its handler checks); one not ready (a deal without its name) is left alone.
pub fn keep_typed(root: &web_sys::Element) {
    // `:valid`: a form whose fields pass their constraints (a new deal has its name).
    each(root, "form.dp-add:valid", &|form| {
        let _ = form.unchecked_into::<web_sys::HtmlFormElement>().request_submit();
    });
}

/// `f` for each element under `root` that `selector` matches.
pub fn each(root: &web_sys::Element, selector: &str, f: &dyn Fn(web_sys::Element)) {
    if let Ok(found) = root.query_selector_all(selector) {
        for n in 0..found.length() {
            if let Some(node) = found.item(n) {
                f(node.unchecked_into());
            }
        }
    }
}

/// Shows in each select under `root` the option the view marks `selected`. A browser stops
/// following that attribute for an option someone picked in that very select, so a value set
/// from elsewhere since (another tab, an undo) would show the pick instead; this runs after
/// every render. The Plan a call form's kind (`name=kind`) is the only select the app does not
/// hold: what is picked there is the user's until the form is submitted.
pub fn show_selected(root: &web_sys::Element) {
    each(root, "select:not([name=kind]) option[selected]", &|option| {
        let _ = js_sys::Reflect::set(&option, &"selected".into(), &true.into());
    });
}

/// Runs `f` after `ms` milliseconds (after the next render); the timer's handle, to clear it.
/// Every timeout of the app goes through here: boxed, one JS closure type serves them all
/// (each closure type handed to `Closure::once_into_js` costs ~300 B of wasm).
pub fn later(ms: i32, f: Box<dyn FnOnce()>) -> Option<i32> {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(wasm_bindgen::JsCast::unchecked_ref(&f), ms)
        .ok()
}

thread_local! {
    /// Set when the app itself navigates (a link, "create", "delete"): the next view opens at
    /// its top. A hash change without it is Back, Forward or a typed address.
    static FORWARD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks the next hash change as a navigation forward (see [`FORWARD`]).
pub fn going_forward() {
    FORWARD.set(true);
}

/// Whether the hash change under way was started by the app; clears the mark.
pub fn take_forward() -> bool {
    FORWARD.replace(false)
}

/// The page's document.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Loads the page again.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Goes to `href` (a `#/…` route) as a navigation forward.
pub fn go(href: &str) {
    going_forward();
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href);
    }
}

/// Whole microseconds since `started` (a [`perf_now`] value), as text; integers keep float
/// formatting out of the wasm.
pub fn micros(started: f64) -> String {
    text::number(((perf_now() - started) * 1000.0).round() as u64)
}

/// Bytes of wasm linear memory in use by the app (read by `make bench`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
        .unwrap_or(0.0)
}
