//! The process score with its breakdown and next actions, beside the forecast and its risks.

use yew::prelude::*;

use crate::app::parts::muted;

use crate::app::ctx::Ctx;
use crate::app::parts::score_gauge::score_gauge;
use crate::app::platform::now;
use crate::app::route::{Route, Section};
use std::cell::RefCell;

use crate::domain::score::{why_moved, ProcessScore, Target};
use crate::domain::Deal;
use crate::domain::Id;
use crate::domain::{forecast, score};

/// The score last shown for a deal and why it last moved. It outlives the page, so a change
/// made on a call's page (holding it, reviewing it) is explained when the deal opens again.
#[derive(Default)]
struct LastScore {
    deal: Option<Id>,
    score: Option<ProcessScore>,
    why: Vec<String>,
}

thread_local! {
    static LAST: RefCell<LastScore> = RefCell::default();
}

/// Why the score of `deal` moved since it was last shown (kept until it moves again).
fn why(deal: &Deal, process: &ProcessScore) -> Vec<String> {
    LAST.with_borrow_mut(|last| {
        if last.deal.as_ref() != Some(&deal.id) {
            *last = LastScore {
                deal: Some(deal.id.clone()),
                ..LastScore::default()
            };
        }
        if let Some(before) = last.score.as_ref().filter(|b| b.total != process.total) {
            last.why = why_moved(before, process, deal.stage);
        }
        last.score = Some(process.clone());
        last.why.clone()
    })
}

pub fn outlook(ctx: &Ctx, deal: &Deal) -> Html {
    let template = ctx.state.book.template_for(deal);
    let now = now();
    let process = score(deal, template, now);
    let why = why(deal, &process);
    let weather = forecast(deal, template, now);
    let id = deal.id.clone();
    let href_of = move |t: Target| match t {
        Target::Checklist(c) | Target::Review(c) => Route::Call(id.clone(), c).href(),
        Target::PlanCall => Route::DealSection(id.clone(), Section::Calls).href(),
        Target::Qualification(_) => Route::DealSection(id.clone(), Section::Qualification).href(),
        Target::People => Route::DealSection(id.clone(), Section::People).href(),
    };
    html! {
        <div class="dp-deal__grid">
            { score_gauge(&process, &why, href_of) }
            <section ~className={format!("dp-forecast dp-forecast--{}", weather.weather.key())} aria-labelledby="dp-forecast-title">
                <h2 id="dp-forecast-title" class="dp-subtitle">{ format!("Forecast: {}", weather.weather.label()) }</h2>
                if weather.weather == crate::domain::Weather::TooEarly {
                    { muted("Nothing to judge yet: add the people you talk to and plan a call.") }
                } else if weather.risks.is_empty() {
                    { muted("No named risks right now.") }
                }
                <ul class="dp-risks">
                    { for weather.risks.iter().map(|r| html! {
                        <li key={r.kind as usize} class="dp-risk">
                            <strong>{ r.title.clone() }</strong>
                            <p>{ r.advice.clone() }</p>
                        </li>
                    }) }
                </ul>
            </section>
        </div>
    }
}
