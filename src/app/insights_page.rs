//! Insights: your own process-score trend, fully prepared calls per week, and closed deals'
//! score beside their outcome. Inline SVG with text equivalents; no comparison with anyone.

use yew::prelude::*;

use super::data_page::deals_for_export;
use super::now;
use super::root::Ctx;
use super::route::Route;
use crate::domain::insights::{insights, Insights};

const W: f64 = 600.0;
const H: f64 = 160.0;
const PAD: f64 = 24.0;
/// `0 0 W H`, written out: formatting an `f64` would pull float printing into the wasm.
const VIEW_BOX: &str = "0 0 600 160";

fn x_at(i: usize, n: usize) -> f64 {
    if n <= 1 {
        W / 2.0
    } else {
        PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64
    }
}

fn y_at(value: f64, max: f64) -> f64 {
    H - PAD - (H - 2.0 * PAD) * (value / max.max(1.0))
}

fn trend_chart(i: &Insights) -> Html {
    let n = i.trend.len();
    if n == 0 {
        return html! { <p class="dp-muted">{ "No snapshots yet: one is taken each time you save a call review." }</p> };
    }
    let points: Vec<String> = i
        .trend
        .iter()
        .enumerate()
        .map(|(k, p)| format!("{},{}", x_at(k, n) as i32, y_at(p.average, 100.0) as i32))
        .collect();
    let first = i.trend.first().map_or(0, |p| p.average.round() as i32);
    let last = i.trend.last().map_or(0, |p| p.average.round() as i32);
    let summary = if n == 1 {
        format!(
            "Average process score in the week of {}: {last}.",
            i.trend[0].week
        )
    } else {
        format!(
            "Average process score over {n} weeks with reviews: from {first} in the week of {} to {last} in the week of {}.",
            i.trend[0].week,
            i.trend[n - 1].week
        )
    };
    html! {
        <figure class="dp-chart">
            <svg viewBox={VIEW_BOX} role="img" aria-label={summary.clone()} class="dp-chart__svg">
                <line x1={(PAD as i32).to_string()} y1={(y_at(50.0, 100.0) as i32).to_string()} x2={((W - PAD) as i32).to_string()} y2={(y_at(50.0, 100.0) as i32).to_string()} class="dp-chart__grid" />
                <polyline points={points.join(" ")} class="dp-chart__line" />
                { for i.trend.iter().enumerate().map(|(k, p)| html! {
                    <circle key={p.week.to_string()} cx={(x_at(k, n) as i32).to_string()} cy={(y_at(p.average, 100.0) as i32).to_string()} r="4" class="dp-chart__dot">
                        <title>{ format!("Week of {}: {}", p.week, p.average.round() as i32) }</title>
                    </circle>
                }) }
            </svg>
            <figcaption>{ summary }</figcaption>
        </figure>
    }
}

fn prep_chart(i: &Insights) -> Html {
    let n = i.prepared.len();
    if n == 0 {
        return html! { <p class="dp-muted">{ "No calls held yet." }</p> };
    }
    let max = i.prepared.iter().map(|w| w.calls).max().unwrap_or(1) as f64;
    let slot = (W - 2.0 * PAD) / n as f64;
    let fully: usize = i.prepared.iter().map(|w| w.prepared).sum();
    let held: usize = i.prepared.iter().map(|w| w.calls).sum();
    let summary =
        format!("{fully} of {held} calls held in the last {n} weeks with calls were fully prepared.");
    html! {
        <figure class="dp-chart">
            <svg viewBox={VIEW_BOX} role="img" aria-label={summary.clone()} class="dp-chart__svg">
                { for i.prepared.iter().enumerate().map(|(k, w)| {
                    let x = PAD + slot * k as f64 + slot * 0.15;
                    let width = slot * 0.7;
                    let all_h = (H - 2.0 * PAD) * w.calls as f64 / max;
                    let prep_h = (H - 2.0 * PAD) * w.prepared as f64 / max;
                    html! {
                        <g key={w.week.to_string()}>
                            <title>{ format!("Week of {}: {} of {} calls fully prepared", w.week, w.prepared, w.calls) }</title>
                            <rect x={(x as i32).to_string()} y={((H - PAD - all_h) as i32).to_string()} width={(width as i32).max(1).to_string()} height={(all_h as i32).to_string()} class="dp-chart__bar" />
                            <rect x={(x as i32).to_string()} y={((H - PAD - prep_h) as i32).to_string()} width={(width as i32).max(1).to_string()} height={(prep_h as i32).to_string()} class="dp-chart__bar dp-chart__bar--done" />
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ summary }{ " Dark: fully prepared; light: all calls." }</figcaption>
        </figure>
    }
}

#[component]
pub fn InsightsPage() -> Html {
    let ctx = use_context::<Ctx>().expect("InsightsPage is rendered inside the app");
    // Parsing every stored deal is the costly part: only redo it when the data changed.
    let data = {
        let ctx = ctx.clone();
        let state = &ctx.state;
        use_memo(
            (state.seq, state.index.len(), state.book.deals.len()),
            move |_| {
                let deals = deals_for_export(&ctx);
                let book = &ctx.state.book;
                insights(deals.iter(), |d| book.template_for(d), now())
            },
        )
    };
    html! {
        <section class="dp-insights" aria-labelledby="dp-insights-title">
            <h1 id="dp-insights-title" class="dp-title">{ "Insights" }</h1>
            <p class="dp-muted">{ "Your own process over time. Compare yourself with your past, not with anyone else." }</p>
            <section class="dp-section" aria-labelledby="dp-trend-title">
                <h2 id="dp-trend-title" class="dp-subtitle">{ "Process score trend (weekly average)" }</h2>
                { trend_chart(&data) }
            </section>
            <section class="dp-section" aria-labelledby="dp-prep-title">
                <h2 id="dp-prep-title" class="dp-subtitle">{ "Fully prepared calls per week" }</h2>
                { prep_chart(&data) }
            </section>
            <section class="dp-section" aria-labelledby="dp-closed-title">
                <h2 id="dp-closed-title" class="dp-subtitle">{ "Closed deals: process beside outcome" }</h2>
                if data.closed.is_empty() {
                    <p class="dp-muted">{ "No closed deals yet." }</p>
                } else {
                    <table class="dp-table">
                        <thead><tr><th scope="col">{ "Deal" }</th><th scope="col">{ "Process score" }</th><th scope="col">{ "Outcome" }</th></tr></thead>
                        <tbody>
                            { for data.closed.iter().map(|c| html! {
                                <tr key={c.id.to_string()}>
                                    <td><a href={Route::Deal(c.id.clone()).href()}>{ c.label.clone() }</a></td>
                                    <td>{ c.score }</td>
                                    <td>{ c.outcome.label() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <p class="dp-muted">{ "A deal lost after a full process is still a well-run deal." }</p>
                }
            </section>
        </section>
    }
}
