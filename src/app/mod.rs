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

/// The id of the full-page app's host element (and of the older embed form).
pub const HOST_ID: &str = "deal-prep";

/// Where the app mounts: every `<deal-prep>` element and the element with id `deal-prep`.
const HOSTS: &str = "deal-prep, #deal-prep";

/// The namespace the host element asks for (`namespace`, or `data-namespace` on the older
/// `<div id="deal-prep">` form), else the page's `?namespace=` (for iframes), else the
/// default. Only letters, digits, `-` and `_`, at most 64.
pub fn namespace_of(host: &web_sys::Element) -> String {
    let from_query = || {
        let search = web_sys::window()?.location().search().ok()?;
        search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("namespace=").map(str::to_owned))
    };
    host.get_attribute("namespace")
        .or_else(|| host.get_attribute("data-namespace"))
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
    let Some(hosts) = platform::document().and_then(|d| d.query_selector_all(HOSTS).ok()) else {
        return;
    };
    for n in 0..hosts.length() {
        if let Some(host) = hosts.get(n).and_then(|h| h.dyn_into::<web_sys::Element>().ok()) {
            crash_panel(&host);
        }
    }
}

fn crash_panel(host: &web_sys::Element) {
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
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(platform::reload);
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
    }
}

/// The theme a host asks for: its `theme` attribute ("light", "dark"), else the host page's
/// own `color-scheme` when it is just one of them, else "" (follow the operating system). The
/// full-page app follows the operating system without asking (reading a computed style before
/// the first render would make the browser compute the page's styles early).
fn theme_of(host: &web_sys::Element) -> &'static str {
    if host.id() == HOST_ID {
        return "";
    }
    let asked = host.get_attribute("theme").unwrap_or_default();
    let scheme = || {
        web_sys::window()
            .and_then(|w| w.get_computed_style(host).ok().flatten())
            .and_then(|s| s.get_property_value("color-scheme").ok())
            .unwrap_or_default()
    };
    let theme = if asked == "auto" || asked.is_empty() {
        scheme()
    } else {
        asked
    };
    match theme.trim() {
        "light" => "light",
        "dark" => "dark",
        _ => "",
    }
}

/// Mounts one app into every host on the page: `<deal-prep namespace="…">` elements and the
/// `<div id="deal-prep">` of the full-page app (created if the page has no host at all). One
/// instance owns the page's URL hash for its routes: the full-page app, or the first host with
/// `routing="hash"`; every other instance keeps its route in memory.
pub fn mount() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Deal Prep panicked: {info}").into());
        show_crash_panel();
    }));
    let Some(document) = platform::document() else {
        return;
    };
    let mut hosts: Vec<web_sys::Element> = Vec::new();
    if let Ok(found) = document.query_selector_all(HOSTS) {
        for n in 0..found.length() {
            hosts.extend(found.get(n).and_then(|h| h.dyn_into().ok()));
        }
    }
    if hosts.is_empty() {
        let div = document.create_element("div").ok();
        if let Some(div) = div.filter(|d| {
            d.set_id(HOST_ID);
            document.body().is_some_and(|b| b.append_child(d).is_ok())
        }) {
            hosts.push(div);
        }
    }
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("deal-prep-start");
    }
    let mut hash_taken = false;
    let mut started: Vec<String> = Vec::new();
    for host in hosts {
        // A second instance of a namespace would hold its own copy of the same data and never
        // hear of the first one's writes (a `storage` event only reaches other pages).
        let namespace = namespace_of(&host);
        if started.contains(&namespace) {
            host.set_inner_html(
                "<div class=\"deal-prep\"><p class=\"dp-crash\" role=\"alert\">Deal Prep runs above with \
                 the same namespace (one copy per page). Give this one its own namespace.</p></div>",
            );
            continue;
        }
        let routing = host.get_attribute("routing").unwrap_or_default();
        let wants_hash = routing == "hash" || (host.id() == HOST_ID && routing != "memory");
        let hash = wants_hash && !hash_taken;
        hash_taken |= hash;
        let props = root::AppProps {
            namespace: namespace.clone().into(),
            hash,
            theme: theme_of(&host).into(),
            host: host.clone(),
        };
        started.push(namespace);
        host.set_inner_html("");
        yew::Renderer::<root::App>::with_root_and_props(host, props).render();
    }
}
