//! Hash routes: every deal and call has its own bookmarkable URL.

use crate::domain::{Book, Id};

/// The app's own page title; a host page with another title keeps it.
pub const APP_TITLE: &str = "Deal Prep";

/// A section of the deal page a link can point to (`#/deal/<id>/people`). A second `#` in a
/// hash route would be read as part of the id, so sections are path segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    People,
    Qualification,
    Calls,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::People, Section::Qualification, Section::Calls];
    pub fn key(self) -> &'static str {
        match self {
            Section::People => "people",
            Section::Qualification => "qualification",
            Section::Calls => "calls",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Deals,
    Deal(Id),
    /// The deal page, scrolled to one of its sections.
    DealSection(Id, Section),
    Call(Id, Id),
    /// Call mode: the screen used during the call.
    Live(Id, Id),
    Insights,
    Playbook,
    Templates,
    Data,
    NotFound,
}

impl Route {
    /// The route of the page's current `location.hash`.
    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::parse(&hash)
    }

    /// Parses a `location.hash` such as `#/deal/d1/call/c2`. A hash that is not a route
    /// (`#section`, a host page's own anchor) shows the deals.
    pub fn parse(hash: &str) -> Route {
        let Some(path) = hash.strip_prefix("#/") else {
            return Route::Deals;
        };
        let path = path.trim_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let id = |s: &str| Id::new(s).ok();
        match parts.as_slice() {
            [] => Route::Deals,
            ["insights"] => Route::Insights,
            ["playbook"] => Route::Playbook,
            ["templates"] => Route::Templates,
            ["data"] => Route::Data,
            ["deal", d] => id(d).map_or(Route::NotFound, Route::Deal),
            ["deal", d, s] => match (id(d), Section::ALL.into_iter().find(|x| x.key() == *s)) {
                (Some(d), Some(s)) => Route::DealSection(d, s),
                _ => Route::NotFound,
            },
            ["deal", d, "call", c] => match (id(d), id(c)) {
                (Some(d), Some(c)) => Route::Call(d, c),
                _ => Route::NotFound,
            },
            ["deal", d, "call", c, "live"] => match (id(d), id(c)) {
                (Some(d), Some(c)) => Route::Live(d, c),
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    /// The deal a route shows, if any (the deal page, one of its sections, or a call).
    pub fn deal(&self) -> Option<&Id> {
        match self {
            Route::Deal(d) | Route::DealSection(d, _) | Route::Call(d, _) | Route::Live(d, _) => Some(d),
            _ => None,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Deals | Route::NotFound => "#/".to_owned(),
            Route::Deal(d) => format!("#/deal/{d}"),
            Route::DealSection(d, s) => format!("#/deal/{d}/{}", s.key()),
            Route::Call(d, c) => format!("#/deal/{d}/call/{c}"),
            Route::Live(d, c) => format!("#/deal/{d}/call/{c}/live"),
            Route::Insights => "#/insights".to_owned(),
            Route::Playbook => "#/playbook".to_owned(),
            Route::Templates => "#/templates".to_owned(),
            Route::Data => "#/data".to_owned(),
        }
    }
}

/// The document title for a route, so tabs and bookmarks tell deals and calls apart:
/// "Warehouse scanners rollout — Northwind Traders · Deal Prep".
pub fn title(route: &Route, book: &Book) -> String {
    let deal = route.deal().and_then(|id| book.deals.get(id));
    let what = match (route, deal) {
        (Route::Call(_, c), Some(d)) => d
            .call(c)
            .map(|call| format!("{} call, {} — {}", call.kind.label(), call.at.human(), d.client)),
        (Route::Live(_, c), Some(d)) => d
            .call(c)
            .map(|call| format!("Call mode: {} call — {}", call.kind.label(), d.client)),
        (_, Some(d)) if d.client.is_empty() => Some(d.name.clone()),
        (_, Some(d)) => Some(format!("{} — {}", d.name, d.client)),
        (Route::Insights, _) => Some("Insights".to_owned()),
        (Route::Playbook, _) => Some("Playbook".to_owned()),
        (Route::Templates, _) => Some("Templates".to_owned()),
        (Route::Data, _) => Some("Your data".to_owned()),
        _ => None,
    };
    match what {
        Some(what) => format!("{what} · {APP_TITLE}"),
        None => APP_TITLE.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_tell_deals_and_calls_apart() {
        let mut book = Book::default();
        let mut deal = crate::domain::deal::fixture(crate::domain::Minutes(0));
        deal.name = "Warehouse scanners rollout".into();
        deal.client = "Northwind Traders".into();
        let at = crate::domain::Minutes::parse("2026-12-02T10:00").unwrap();
        deal.calls.push(crate::domain::Call::new(
            Id::new("c1").unwrap(),
            at,
            crate::domain::CallKind::Discovery,
        ));
        let d = deal.id.clone();
        book.deals.insert(d.clone(), deal);
        assert_eq!(
            title(&Route::Deal(d.clone()), &book),
            "Warehouse scanners rollout — Northwind Traders · Deal Prep"
        );
        assert_eq!(
            title(&Route::Call(d.clone(), Id::new("c1").unwrap()), &book),
            "Discovery call, 2026-12-02 10:00 — Northwind Traders · Deal Prep"
        );
        assert_eq!(title(&Route::Insights, &book), "Insights · Deal Prep");
        assert_eq!(title(&Route::Deals, &book), "Deal Prep");
        assert_eq!(title(&Route::Deal(Id::new("gone").unwrap()), &book), "Deal Prep");
    }

    #[test]
    fn routes_round_trip_through_their_hash() {
        let d = Id::new("d1").unwrap();
        let c = Id::new("c2").unwrap();
        for route in [
            Route::Deals,
            Route::Deal(d.clone()),
            Route::DealSection(d.clone(), Section::People),
            Route::DealSection(d.clone(), Section::Qualification),
            Route::DealSection(d.clone(), Section::Calls),
            Route::Call(d.clone(), c.clone()),
            Route::Live(d, c),
            Route::Insights,
            Route::Playbook,
            Route::Templates,
            Route::Data,
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
        assert_eq!(Route::parse(""), Route::Deals);
        assert_eq!(Route::parse("#/deal/d1/nowhere"), Route::NotFound);
        // A second `#` is not a route: the old section links led nowhere.
        assert_eq!(Route::parse("#/deal/d1#people"), Route::NotFound);
        assert_eq!(
            Route::parse("#top"),
            Route::Deals,
            "a host page's anchor is not ours"
        );
        assert_eq!(Route::parse("#/nope"), Route::NotFound);
        assert_eq!(Route::parse("#/deal/<script>"), Route::NotFound);
    }
}
