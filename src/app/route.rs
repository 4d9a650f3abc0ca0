//! Hash routes: every deal and call has its own bookmarkable URL.

use crate::domain::Id;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Deals,
    Deal(Id),
    Call(Id, Id),
    Insights,
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
            ["templates"] => Route::Templates,
            ["data"] => Route::Data,
            ["deal", d] => id(d).map_or(Route::NotFound, Route::Deal),
            ["deal", d, "call", c] => match (id(d), id(c)) {
                (Some(d), Some(c)) => Route::Call(d, c),
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Deals | Route::NotFound => "#/".to_owned(),
            Route::Deal(d) => format!("#/deal/{d}"),
            Route::Call(d, c) => format!("#/deal/{d}/call/{c}"),
            Route::Insights => "#/insights".to_owned(),
            Route::Templates => "#/templates".to_owned(),
            Route::Data => "#/data".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_their_hash() {
        let d = Id::new("d1").unwrap();
        let c = Id::new("c2").unwrap();
        for route in [
            Route::Deals,
            Route::Deal(d.clone()),
            Route::Call(d, c),
            Route::Insights,
            Route::Templates,
            Route::Data,
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
        assert_eq!(Route::parse(""), Route::Deals);
        assert_eq!(
            Route::parse("#top"),
            Route::Deals,
            "a host page's anchor is not ours"
        );
        assert_eq!(Route::parse("#/nope"), Route::NotFound);
        assert_eq!(Route::parse("#/deal/<script>"), Route::NotFound);
    }
}
