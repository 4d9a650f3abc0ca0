//! The Yew user interface, and mounting it. Rooms: [`pages`] (one per route), [`parts`] (pieces
//! of UI), [`ctx`] (the context views get, with the intent methods), [`writer`] (the one home for
//! every write), [`state`] (the root state and its pure reducer), [`route`], [`platform`] (what
//! touches the browser besides storage). docs/ARCHITECTURE.md draws the picture.

pub mod ctx;
pub mod hooks;
pub mod pages;
pub mod parts;
pub mod platform;
pub mod root;
pub mod route;
pub mod state;
pub mod writer;

use wasm_bindgen::JsCast;

use crate::store::DEFAULT_NAMESPACE;

/// The id of the element the app mounts into.
pub const HOST_ID: &str = "deal-prep";

/// The namespace the host element asks for (`data-namespace`), else the page's `?namespace=`
/// (for iframes), else the default. Only letters, digits, `-` and `_`, at most 64.
pub fn namespace_of(host: &web_sys::Element) -> String {
    let from_query = || {
        let search = web_sys::window()?.location().search().ok()?;
        search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("namespace=").map(str::to_owned))
    };
    host.get_attribute("data-namespace")
        .or_else(from_query)
        .map(|ns| ns.trim().to_owned())
        .filter(|ns| valid_namespace(ns))
        .unwrap_or_else(|| DEFAULT_NAMESPACE.to_owned())
}

/// Whether a namespace is safe to use as a key prefix.
pub fn valid_namespace(ns: &str) -> bool {
    !ns.is_empty()
        && ns.len() <= 64
        && ns
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Shows a plain error panel with a reload button in the host element. Used by the panic hook,
/// so it touches the DOM directly: Yew may be in an unusable state by then. No inline handler
/// (the page's Content-Security-Policy forbids them): the button gets a listener.
pub fn show_crash_panel() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(host) = document.get_element_by_id(HOST_ID) else {
        return;
    };
    // Only say the data is safe when this page can keep it.
    let kept = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some();
    let text = if kept {
        "What you saved is safe in this browser; the last moment of typing may be missing. Reload to continue."
    } else {
        "This page could not keep data in this browser, so work done in this tab since it opened may be lost. Reload to start again."
    };
    host.set_inner_html(&format!(
        "<div class=\"deal-prep\"><div class=\"dp-crash\" role=\"alert\">\
         <h2>Deal Prep stopped unexpectedly</h2><p>{text}</p>\
         <button type=\"button\" class=\"dp-button dp-button--primary\">Reload</button>\
         </div></div>"
    ));
    if let Ok(Some(button)) = host.query_selector("button") {
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
    }
}

/// Mounts the app into `<div id="deal-prep">` (creating it if the page has none).
pub fn mount() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Deal Prep panicked: {info}").into());
        show_crash_panel();
    }));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let host = document.get_element_by_id(HOST_ID).or_else(|| {
        let div = document.create_element("div").ok()?;
        div.set_id(HOST_ID);
        document.body()?.append_child(&div).ok()?;
        Some(div)
    });
    let Some(host) = host else { return };
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("deal-prep-start");
    }
    let namespace = namespace_of(&host);
    host.set_inner_html("");
    if let Ok(host) = host.dyn_into::<web_sys::Element>() {
        yew::Renderer::<root::App>::with_root_and_props(
            host,
            root::AppProps {
                namespace: namespace.into(),
            },
        )
        .render();
    }
}
