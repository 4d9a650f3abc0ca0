//! The deals view: search, filters, sort, the new-deal form, and the empty state.

use yew::prelude::*;

use crate::app::parts::{button, field, muted};

use crate::app::parts::event_value;

use crate::app::ctx::Ctx;
pub mod query;

use crate::app::parts::new_deal::new_deal;
use crate::app::platform::new_id;
use crate::app::platform::now;
use crate::app::route::Route;
use crate::domain::text::{count, grouped};
use crate::domain::{order, Action, Minutes, Outcome, Stage, Weather};
use crate::store::{CallMark, IndexEntry};
use query::{ListQuery, SortBy};

/// Rows rendered before "Show all": the most relevant deals come first (sort), search narrows
/// the rest, and a thousand rows would cost startup time for nothing.
pub const PAGE: usize = 50;

/// A labelled filter: "any" first, then `(key, label, selected)` options.
fn filter(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: impl Iterator<Item = (&'static str, &'static str, bool)>,
    onchange: Callback<Event>,
) -> Html {
    let options: Vec<_> = options.collect();
    let none = !options.iter().any(|(_, _, selected)| *selected);
    html! {
        <label class="dp-field">
            <span class="dp-field__label">{ label }</span>
            <select class="dp-input" {name} {onchange}>
                <option value="" selected={none}>{ any }</option>
                { for options.into_iter().map(|(key, label, selected)| html! {
                    <option value={key} {selected}>{ label }</option>
                }) }
            </select>
        </label>
    }
}

/// The list's own state: the query, "Show all", and whether the form and filters start folded.
/// Kept by the root (the list is a view function), so the filters survive a visit to a deal.
#[derive(Clone)]
pub struct ListUi {
    query: crate::app::hooks::UiCell<ListQuery>,
    show_all: crate::app::hooks::UiCell<bool>,
    /// Every call under Next calls and Calls to review, not the first few.
    all_calls: crate::app::hooks::UiCell<bool>,
    folded: bool,
}

#[hook]
pub fn use_list_ui() -> ListUi {
    // On a phone the list comes first: the new-deal form and the filters fold behind buttons.
    let folded = crate::app::hooks::use_keyed_memo(String::new(), || {
        web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < 640.0)
    });
    ListUi {
        query: crate::app::hooks::use_ui_cell(ListQuery::default),
        show_all: crate::app::hooks::use_ui_cell(|| false),
        all_calls: crate::app::hooks::use_ui_cell(|| false),
        folded: *folded,
    }
}

pub fn deal_list(ctx: &Ctx, ui: &ListUi) -> Html {
    let (query, show_all, folded) = (&ui.query, &ui.show_all, ui.folded);
    let entries = &ctx.state.index;

    let on_create = {
        let ctx = ctx.clone();
        Callback::from(move |(client, name, open): (String, String, bool)| {
            let id = new_id('d');
            ctx.act(Action::CreateDeal {
                id: id.clone(),
                client,
                name,
            });
            // The reducer ran at once: open the deal if it was created (a refusal is a notice).
            if open && ctx.state.book.deals.contains_key(&id) {
                ctx.open(&Route::Deal(id));
            }
        })
    };

    if entries.is_empty() {
        let on_sample = {
            let ctx = ctx.clone();
            move |_| ctx.add_sample()
        };
        return html! {
            <section class="dp-empty" aria-labelledby="dp-empty-title">
                { Html::from_html_unchecked(AttrValue::Static(concat!(
                    r#"<h1 id="dp-empty-title">Prepare every call. Own your process.</h1>"#,
                    r#"<p>Deal Prep keeps each deal's pre-call checklist, call plan and what you learned, and scores how well you ran the part of the sale you control — never whether you won.</p>"#,
                    r#"<p>Everything stays in this browser: no account, no server.</p>"#))) }
                { new_deal(on_create) }
                { button("dp-button", "Try a sample deal", Callback::from(on_sample)) }
            </section>
        };
    }

    let now = now();
    let shown = query.run(entries.values(), now);
    let total_shown = shown.len();
    let limit = if **show_all { usize::MAX } else { PAGE };
    html! {
        <section class="dp-deals" aria-labelledby="dp-deals-title">
            <h1 id="dp-deals-title" class="dp-title">{ "Deals" }</h1>
            { next_calls(entries.values(), now, &ui.all_calls) }
            <div class="dp-folds">
                <details class="dp-fold dp-fold--new" open={!folded}>
                    <summary class="dp-button">{ "New deal" }</summary>
                    { new_deal(on_create) }
                </details>
                <details class="dp-fold dp-fold--filters" open={!folded}>
                    <summary class="dp-button">{ "Search and filters" }</summary>
                    { filters(query) }
                </details>
            </div>
            <p class="dp-muted" aria-live="polite">{ format!("{} of {}", grouped(shown.len()), count(entries.len(), "deal", "deals")) }</p>
            <ul class="dp-deal-list">
                { for shown.into_iter().take(limit).map(|e| html! {
                    <li key={e.id.as_str()} class="dp-deal-row">
                        <a class="dp-deal-row__link" href={Route::Deal(e.id.clone()).href()}>
                            <span class="dp-deal-row__client">{ e.client.clone() }</span>
                            <span class="dp-deal-row__name">{ e.name.clone() }</span>
                            if e.sample { <span class="dp-tag">{ "Sample" }</span> }
                            if e.jumped { <span class="dp-tag dp-tag--warn">{ "Jumped ahead" }</span> }
                        </a>
                        <span class="dp-deal-row__stage">{ e.stage.label() }</span>
                        <span class="dp-deal-row__next">
                            { e.next_call.map_or_else(|| "No call planned".to_owned(), |at| format!("Next call {}", at.human())) }
                        </span>
                        <span class="dp-deal-row__score" title="Process score">{ format!("{} / 100", e.score) }</span>
                        { forecast_status(e) }
                    </li>
                }) }
            </ul>
            if total_shown > limit {
                <button type="button" class="dp-button dp-deals__more" onclick={show_all_of(show_all)}>
                    { format!("Show all {}", count(total_shown, "deal", "deals")) }
                </button>
            }
        </section>
    }
}

/// "Show all …": one callback for both lists.
fn show_all_of(cell: &crate::app::hooks::UiCell<bool>) -> Callback<MouseEvent> {
    let cell = cell.clone();
    Callback::from(move |_| cell.set(true))
}

/// How many calls each of Next calls and Calls to review shows before "Show … more".
const CALLS_SHOWN: usize = 5;

/// "Next calls" (the coming 7 days, soonest first) and "Calls to review" (time passed, no
/// review; latest first), from the index entries' call marks: no deal is read.
fn next_calls<'a>(
    entries: impl Iterator<Item = &'a IndexEntry>,
    now: Minutes,
    all: &crate::app::hooks::UiCell<bool>,
) -> Html {
    let week = now.plus_days(7);
    let (mut ahead, mut behind) = (Vec::new(), Vec::new());
    for e in entries {
        for m in e.calls.iter().filter(|m| m.1 <= week) {
            if m.1 > now { &mut ahead } else { &mut behind }.push((e, m));
        }
    }
    // A busy week (or a thousand deals) shows the first few of each; "Show all" the rest. The
    // list re-renders at every keystroke in its search box, so only what is shown is ordered.
    let shown = if **all { usize::MAX } else { CALLS_SHOWN };
    let more = ahead.len().saturating_sub(shown) + behind.len().saturating_sub(shown);
    type Mark<'m> = (&'m IndexEntry, &'m CallMark);
    let soonest = |a: &Mark, b: &Mark| a.1 .1.cmp(&b.1 .1);
    let latest = |a: &Mark, b: &Mark| b.1 .1.cmp(&a.1 .1);
    ahead = order::first_n(ahead, shown, &soonest);
    behind = order::first_n(behind, shown, &latest);
    let row = |(e, m): (&IndexEntry, &CallMark), review: bool| {
        let CallMark(call, at, kind, done, total) = m;
        // Within 15 minutes of its time, a call is started (call mode), not prepared.
        let (action, route) = match review {
            true => ("Review", Route::Call(e.id.clone(), call.clone())),
            false if at.0 - now.0 <= 15 => ("Start", Route::Live(e.id.clone(), call.clone())),
            false => ("Prepare", Route::Call(e.id.clone(), call.clone())),
        };
        html! {
            <li key={call.as_str()} class="dp-next__row">
                <span class="dp-next__when">{ at.when(now) }</span>
                <span class="dp-next__what">
                    <a href={Route::Deal(e.id.clone()).href()}>{ format!("{} — {}", e.client, e.name) }</a>
                    <span class="dp-muted">{ format!("{} call · {done} of {total} ready", kind.label()) }</span>
                </span>
                <a class="dp-button" href={route.href()}>{ action }</a>
            </li>
        }
    };
    html! {
        <section class="dp-next" aria-labelledby="dp-next-title">
            <h2 id="dp-next-title">{ "Next calls" }</h2>
            if ahead.is_empty() {
                { muted("No call in the next 7 days. Open a deal and plan one under Calls.") }
            }
            <ul class="dp-next__list">{ for ahead.into_iter().map(|c| row(c, false)) }</ul>
            if !behind.is_empty() {
                <h2>{ "Calls to review" }</h2>
                <ul class="dp-next__list">{ for behind.into_iter().map(|c| row(c, true)) }</ul>
            }
            if more > 0 {
                <button type="button" class="dp-button dp-next__more" onclick={show_all_of(all)}>
                    { format!("Show {}", count(more, "more call", "more calls")) }
                </button>
            }
        </section>
    }
}

/// The forecast as a labelled status, not a button: an icon, "Forecast: cloudy", and the top
/// risk as its description.
fn forecast_status(e: &IndexEntry) -> Html {
    let weather = e.weather();
    let icon = match weather {
        Weather::Clear => "●",
        Weather::Cloudy => "◐",
        Weather::Stormy => "▲",
        Weather::TooEarly => "○",
    };
    html! {
        <span ~className={format!("dp-weather dp-weather--{}", weather.key())}>
            <span aria-hidden="true">{ icon }{ " " }</span>
            { format!("Forecast: {}", weather.label().to_ascii_lowercase()) }
            if !e.top_risk.is_empty() { <span class="dp-weather__risk">{ e.top_risk.clone() }</span> }
        </span>
    }
}

/// Search, stage and outcome filters, sort, and the two toggles.
fn filters(query: &crate::app::hooks::UiCell<ListQuery>) -> Html {
    // Every control edits the query the same way: copy, change one field, set.
    let edit = |f: fn(&mut ListQuery, String)| {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let mut q = (*query).clone();
            f(&mut q, event_value(&e));
            query.set(q);
        })
    };
    let on_search = {
        let on_edit = edit(|q, v| q.text = v);
        Callback::from(move |e: InputEvent| on_edit.emit(e.into()))
    };
    let on_stage = edit(|q, v| q.stage = Stage::from_key(&v));
    let on_outcome = edit(|q, v| q.outcome = Outcome::from_key(&v));
    let on_sort = edit(|q, v| {
        q.sort = match v.as_str() {
            "next" => SortBy::NextCall,
            "score" => SortBy::Score,
            _ => SortBy::LastTouched,
        }
    });
    let toggle_48h = edit(|q, _| q.call_within_48h = !q.call_within_48h);
    let toggle_archived = edit(|q, _| q.show_archived = !q.show_archived);
    html! {
    <div class="dp-filters" role="search">
        { field("dp-field", "Search", html! {
            <input type="search" class="dp-input" value={query.text.clone()} oninput={on_search}
                placeholder="Client or deal" />
        }) }
        { filter("stage", "Stage", "Any stage", Stage::ALL.iter().map(|s| (s.key(), s.label(), query.stage == Some(*s))), on_stage) }
        { filter("outcome", "Outcome", "Any outcome", Outcome::ALL.iter().map(|o| (o.key(), o.label(), query.outcome == Some(*o))), on_outcome) }
        { field("dp-field", "Sort by", html! {
            <select class="dp-input" onchange={on_sort}>
                <option value="touched" selected={query.sort == SortBy::LastTouched}>{ "Last touched" }</option>
                <option value="next" selected={query.sort == SortBy::NextCall}>{ "Next call" }</option>
                <option value="score" selected={query.sort == SortBy::Score}>{ "Process score" }</option>
            </select>
        }) }
        <label class="dp-check">
            <input type="checkbox" checked={query.call_within_48h} onchange={toggle_48h} />
            { "Call in the next 48 h" }
        </label>
        <label class="dp-check">
            <input type="checkbox" checked={query.show_archived} onchange={toggle_archived} />
            { "Archived" }
        </label>
    </div>
    }
}
