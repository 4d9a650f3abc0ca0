//! The process score with its breakdown and next actions, beside the forecast and its risks.

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::parts::score_gauge::score_gauge;
use crate::app::platform::now;
use crate::app::route::{Route, Section};
use crate::domain::score::Target;
use crate::domain::Deal;
use crate::domain::{forecast, score};

pub fn outlook(ctx: &Ctx, deal: &Deal) -> Html {
    let template = ctx.state.book.template_for(deal);
    let now = now();
    let process = score(deal, template, now);
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
            { score_gauge(&process, href_of) }
            <section class={classes!("dp-forecast", format!("dp-forecast--{}", weather.weather.key()))} aria-labelledby="dp-forecast-title">
                <h2 id="dp-forecast-title" class="dp-subtitle">{ format!("Forecast: {}", weather.weather.label()) }</h2>
                if weather.risks.is_empty() {
                    <p class="dp-muted">{ "No named risks right now." }</p>
                }
                <ul class="dp-risks">
                    { for weather.risks.iter().map(|r| html! {
                        <li key={format!("{:?}", r.kind)} class="dp-risk">
                            <strong>{ r.title.clone() }</strong>
                            <p>{ r.advice.clone() }</p>
                        </li>
                    }) }
                </ul>
            </section>
        </div>
    }
}
