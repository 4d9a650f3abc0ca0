//! The personal playbook (`#/playbook`): every question, cares-about line and objection written
//! in any call plan, with its uses; the seller edits the wording, tags a stage and a
//! qualification element, pins and removes. Pinned questions are added to a call plan in one
//! step, and every line is suggested while a plan's new line is typed (see the call page).

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_keyed_memo;

use crate::app::ctx::Ctx;
use crate::app::parts::{event_value, muted};
use crate::app::route::Route;
use crate::domain::playbook::{self, Change, Kind, Row};
use crate::domain::text::count;
use crate::domain::{Preset, Stage};

/// The playbook's rows for the pages that show them (the playbook, a call's plan). The lines
/// every plan holds are collected when such a page opens — it reads every stored deal, so not
/// at every render or keystroke — and joined with the curation when that changes.
#[hook]
pub fn use_playbook(ctx: &Ctx, route: &Route) -> Rc<Vec<Row>> {
    // The page or the deal whose call plan is open, and how many deals there are.
    let shown = match route {
        Route::Playbook => Some(String::new()),
        Route::Call(deal, _) => Some(deal.as_str().to_owned()),
        _ => None,
    };
    let key = shown
        .as_ref()
        .map_or(String::new(), |s| format!("{s}/{}", ctx.state.index.len()));
    let collected = {
        let ctx = ctx.clone();
        use_keyed_memo(key.clone(), move || match shown {
            Some(_) => ctx.collect_playbook(),
            None => Vec::new(),
        })
    };
    // Joined again whenever the lines were collected again or anything changed (the
    // curation among it): cheap next to collecting. Not while no page shows them: the join
    // would run at every keystroke anywhere else.
    let state = ctx.state.clone();
    let joined = match key.is_empty() {
        true => String::new(),
        false => format!("{key}/{}", state.seq),
    };
    use_keyed_memo(joined, move || playbook::rows(&collected, &state.book.playbook))
}

const KINDS: [(Kind, &str, Option<&str>); 4] = [
    (Kind::Discovery, "Discovery questions", None),
    (Kind::Pain, "Pain questions", None),
    (Kind::Cares, "What they care about", Some("How we meet it")),
    (Kind::Objection, "Objections", Some("Response")),
];

/// The Playbook page (a view function: the root keeps [`use_playbook`]).
pub fn playbook_page(ctx: &Ctx, rows: &[Row]) -> Html {
    // Every qualification element of every preset, once (keys are shared across presets).
    let mut elements: Vec<(&'static str, &'static str)> = Vec::new();
    for e in Preset::ALL.iter().flat_map(|p| p.elements()) {
        if !elements.iter().any(|(key, _)| *key == e.key) {
            elements.push((e.key, e.label));
        }
    }
    html! {
        <section class="dp-playbook" aria-labelledby="dp-playbook-title">
            <h1 id="dp-playbook-title" class="dp-title">{ "Playbook" }</h1>
            { muted("Every question, cares-about line and objection of your call plans. A plan suggests them as you type, and adds the pinned questions of its deal's stage in one step.") }
            if rows.is_empty() {
                <p>{ "Nothing yet: the questions and objections you write in call plans appear here." }</p>
            }
            { for KINDS.into_iter().map(|(kind, title, response)| {
                let of_kind: Vec<&Row> = rows.iter().filter(|r| r.kind == kind).collect();
                html! {
                    if !of_kind.is_empty() {
                        <section class="dp-section" aria-label={title}>
                            <h2 class="dp-subtitle">{ format!("{title} ({})", of_kind.len()) }</h2>
                            <ul class="dp-playbook__rows">
                                { for of_kind.into_iter().map(|row| line(ctx, row, response, &elements)) }
                            </ul>
                        </section>
                    }
                }
            }) }
        </section>
    }
}

/// One line: its wording (and response), its use, its tags, pin and remove.
fn line(
    ctx: &Ctx,
    row: &Row,
    response: Option<&'static str>,
    elements: &[(&'static str, &'static str)],
) -> Html {
    let entry = row.entry.as_ref();
    let pinned = entry.is_some_and(|e| e.pinned);
    let removed = row.removed();
    let (stage, element) = entry.map_or((None, ""), |e| (e.stage, e.element.as_str()));
    let change = |make: fn(&Row, String) -> Change| {
        let (ctx, row) = (ctx.clone(), row.clone());
        move |e: Event| ctx.playbook(&row, make(&row, event_value(&e)))
    };
    let step = |c: Change| {
        let (ctx, row) = (ctx.clone(), row.clone());
        move |_| ctx.playbook(&row, c.clone())
    };
    let used = match row.last_used {
        _ if removed => "Removed: not suggested".to_owned(),
        Some(at) => format!("{}, last {}", count(row.uses, "call", "calls"), at.day()),
        None => count(0, "call", "calls"),
    };
    html! {
        <li key={format!("{}{}", row.kind.key(), row.key)} ~className={crate::app::parts::class(&["dp-playbook__row", crate::app::parts::when(pinned, "dp-playbook__row--pinned"), crate::app::parts::when(removed, "dp-playbook__row--removed")])}>
            <div class="dp-playbook__texts">
                <input class="dp-input" aria-label="Wording" value={ctx.name_value(&row.key, &row.text)} maxlength="1000"
                    oninput={{ let (ctx, row) = (ctx.clone(), row.clone()); move |e: InputEvent| ctx.playbook(&row, Change::Text(event_value(&e))) }} />
                if let Some(label) = response {
                    <input class="dp-input" aria-label={label} placeholder={label} value={row.response.clone()} maxlength="1000"
                        oninput={{ let (ctx, row) = (ctx.clone(), row.clone()); move |e: InputEvent| ctx.playbook(&row, Change::Response(event_value(&e))) }} />
                }
            </div>
            <span class="dp-muted">{ used }</span>
            <select class="dp-input" aria-label="Stage" onchange={change(|r, v| Change::Tag {
                stage: Stage::from_key(&v),
                element: r.entry.as_ref().map(|e| e.element.clone()).unwrap_or_default(),
            })}>
                <option value="" selected={stage.is_none()}>{ "Any stage" }</option>
                { for Stage::ALL.into_iter().map(|s| html! {
                    <option value={s.key()} selected={stage == Some(s)}>{ s.label() }</option>
                }) }
            </select>
            <select class="dp-input" aria-label="Qualification element" onchange={change(|r, v| Change::Tag {
                stage: r.entry.as_ref().and_then(|e| e.stage),
                element: v,
            })}>
                <option value="" selected={element.is_empty()}>{ "No element" }</option>
                { for elements.iter().map(|(key, label)| html! {
                    <option value={*key} selected={element == *key}>{ *label }</option>
                }) }
            </select>
            <button type="button" class="dp-button" aria-pressed={if pinned { "true" } else { "false" }}
                onclick={step(Change::Pin(!pinned))}>{ if pinned { "Pinned" } else { "Pin" } }</button>
            <button type="button" class="dp-button" aria-label={format!("{} “{}”", if removed { "Restore" } else { "Remove" }, row.text)}
                onclick={step(Change::Remove(!removed))}>{ if removed { "Restore" } else { "Remove" } }</button>
        </li>
    }
}
