//! Insights: your own process-score trend, fully prepared calls per week, and closed deals'
//! score beside their outcome. Inline SVG with text equivalents; no comparison with anyone.

use yew::prelude::*;

use crate::app::parts::{muted, subtitle};

use std::rc::Rc;

use crate::app::ctx::Ctx;
use crate::app::platform::now;
use crate::app::route::Route;
use crate::domain::insights::{insights, Insights};
use crate::domain::text::{count, grouped};

// The charts' coordinate system (SVG user units): a plot area with room for axis labels.
const W: f64 = 600.0;
const H: f64 = 180.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;
/// `0 0 W H`, written out: formatting an `f64` would pull float printing into the wasm.
const VIEW_BOX: &str = "0 0 600 180";
/// Widest bar, so that a single week is a bar and not a block.
const BAR_MAX: f64 = 48.0;

/// A coordinate as SVG text: whole units are precise enough at this size, and none is
/// negative (the plot starts at `LEFT` and `TOP`), so the app's one number formatter writes it.
fn at(v: f64) -> String {
    crate::domain::text::number(v.round() as u64)
}

fn x_at(i: usize, n: usize) -> f64 {
    if n <= 1 {
        (LEFT + W - RIGHT) / 2.0
    } else {
        LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
    }
}

fn y_at(value: f64, max: f64) -> f64 {
    H - BOTTOM - (H - TOP - BOTTOM) * (value / max.max(1.0))
}

/// A horizontal grid line at `value` with its label on the left (from `LEFT` to `W - RIGHT`,
/// the label at `LEFT - 6`: written out, constant attributes cost the wasm nothing).
fn grid_line(value: usize, max: f64) -> Html {
    let y = at(y_at(value as f64, max));
    html! {
        <g>
            <line x1="40" y1={y.clone()} x2="588" y2={y.clone()} class="dp-chart__grid" />
            <text x="34" y={y} dy="4" text-anchor="end" class="dp-chart__label">{ crate::domain::text::number(value as u64) }</text>
        </g>
    }
}

/// The first and last week under the plot, at `H - 8` (one label when they are the same week).
fn week_labels(first: (f64, String), last: (f64, String)) -> Html {
    let same = first.1 == last.1;
    html! {
        <>
            <text x={at(first.0)} y="172" text-anchor={if same { "middle" } else { "start" }} class="dp-chart__label">{ first.1 }</text>
            if !same {
                <text x={at(last.0)} y="172" text-anchor="end" class="dp-chart__label">{ last.1 }</text>
            }
        </>
    }
}

fn trend_chart(i: &Insights) -> Html {
    let n = i.trend.len();
    let (Some(oldest), Some(newest)) = (i.trend.first(), i.trend.last()) else {
        return muted("No snapshots yet: one is taken each time you save a call review.");
    };
    let points: Vec<String> = i
        .trend
        .iter()
        .enumerate()
        .map(|(k, p)| format!("{},{}", at(x_at(k, n)), at(y_at(p.average, 100.0))))
        .collect();
    let first = oldest.average.round() as i32;
    let last = newest.average.round() as i32;
    let summary = if n == 1 {
        format!("Average process score in the week of {}: {last}.", oldest.week)
    } else {
        format!(
            "Average process score over {n} weeks with reviews: from {first} in the week of {} to {last} in the week of {}.",
            oldest.week, newest.week
        )
    };
    let (start, end) = (x_at(0, n), x_at(n - 1, n));
    html! {
        <figure class="dp-chart">
            <svg viewBox={VIEW_BOX} role="img" aria-label={summary.clone()} class="dp-chart__svg">
                { for [0, 50, 100].into_iter().map(|v| grid_line(v, 100.0)) }
                <polyline points={crate::domain::text::join(&points, " ")} class="dp-chart__line" />
                { for i.trend.iter().enumerate().map(|(k, p)| html! {
                    <circle key={p.week.to_string()} cx={at(x_at(k, n))} cy={at(y_at(p.average, 100.0))} r="4" class="dp-chart__dot">
                        <title>{ format!("Week of {}: {}", p.week, p.average.round() as i32) }</title>
                    </circle>
                }) }
                { week_labels((start, oldest.week.to_string()), (end, newest.week.to_string())) }
            </svg>
            <figcaption>{ summary }</figcaption>
        </figure>
    }
}

fn prep_chart(i: &Insights) -> Html {
    let n = i.prepared.len();
    let (Some(oldest), Some(newest)) = (i.prepared.first(), i.prepared.last()) else {
        return muted("No calls held yet.");
    };
    let most = i.prepared.iter().map(|w| w.calls).max().unwrap_or(1).max(1);
    let max = most as f64;
    let slot = (W - LEFT - RIGHT) / n as f64;
    let width = (slot * 0.7).min(BAR_MAX);
    let bar_x = |k: usize| LEFT + slot * k as f64 + (slot - width) / 2.0;
    let fully: usize = i.prepared.iter().map(|w| w.prepared).sum();
    let held: usize = i.prepared.iter().map(|w| w.calls).sum();
    let calls = count(held, "call", "calls");
    let summary = if n == 1 {
        format!(
            "Fully prepared: {} of {calls} held in the week of {}.",
            grouped(fully),
            oldest.week
        )
    } else {
        format!(
            "Fully prepared: {} of {calls} held over {n} weeks with calls.",
            grouped(fully)
        )
    };
    let label_at = |k: usize| bar_x(k) + width / 2.0;
    html! {
        <figure class="dp-chart">
            <svg viewBox={VIEW_BOX} role="img" aria-label={summary.clone()} class="dp-chart__svg">
                { grid_line(0, max) }
                { grid_line(most, max) }
                { for i.prepared.iter().enumerate().map(|(k, w)| {
                    let all_h = (H - TOP - BOTTOM) * w.calls as f64 / max;
                    let prep_h = (H - TOP - BOTTOM) * w.prepared as f64 / max;
                    html! {
                        <g key={w.week.to_string()}>
                            <title>{ format!("Week of {}: {} of {} fully prepared", w.week, w.prepared, count(w.calls, "call", "calls")) }</title>
                            <rect x={at(bar_x(k))} y={at(H - BOTTOM - all_h)} width={at(width.max(1.0))} height={at(all_h)} class="dp-chart__bar" />
                            <rect x={at(bar_x(k))} y={at(H - BOTTOM - prep_h)} width={at(width.max(1.0))} height={at(prep_h)} class="dp-chart__bar dp-chart__bar--done" />
                        </g>
                    }
                }) }
                { week_labels((label_at(0), oldest.week.to_string()), (label_at(n - 1), newest.week.to_string())) }
            </svg>
            <figcaption>{ summary }{ " Dark: fully prepared; light: all calls." }</figcaption>
        </figure>
    }
}

/// The insights, computed while the page is `shown`. Parsing every stored deal is the costly
/// part: only redone when the data changed, and nothing is computed on other pages.
#[hook]
pub fn use_insights(ctx: &Ctx, shown: bool) -> Rc<Insights> {
    let ctx = ctx.clone();
    let state = &ctx.state;
    let key = match shown {
        true => format!("{}/{}/{}", state.seq, state.index.len(), state.book.deals.len()),
        false => String::new(),
    };
    crate::app::hooks::use_keyed_memo(key, move || {
        if !shown {
            return Insights::default();
        }
        let deals = ctx.all_deals();
        let book = &ctx.state.book;
        insights(deals.iter(), |d| book.template_for(d), now())
    })
}

/// The Insights page (a view function: the root keeps [`use_insights`]).
pub fn insights_page(data: &Insights) -> Html {
    html! {
        <section class="dp-insights" aria-labelledby="dp-insights-title">
            <h1 id="dp-insights-title" class="dp-title">{ "Insights" }</h1>
            { muted("Your own process over time. Compare yourself with your past, not with anyone else.") }
            <section class="dp-section" aria-labelledby="dp-trend-title">
                { subtitle("dp-trend-title", "Process score trend (weekly average)") }
                { trend_chart(data) }
            </section>
            <section class="dp-section" aria-labelledby="dp-prep-title">
                { subtitle("dp-prep-title", "Fully prepared calls per week") }
                { prep_chart(data) }
            </section>
            <section class="dp-section" aria-labelledby="dp-closed-title">
                { subtitle("dp-closed-title", "Closed deals: process beside outcome") }
                if data.closed.is_empty() {
                    { muted("No closed deals yet.") }
                } else {
                    <table class="dp-table">
                        <thead><tr><th scope="col">{ "Deal" }</th><th scope="col">{ "Process score" }</th><th scope="col">{ "Outcome" }</th></tr></thead>
                        <tbody>
                            { for data.closed.iter().map(|c| html! {
                                <tr key={c.id.as_str()}>
                                    <td><a href={Route::Deal(c.id.clone()).href()}>{ c.label.clone() }</a></td>
                                    <td>{ c.score }</td>
                                    <td>{ c.outcome.label() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    { muted("A deal lost after a full process is still a well-run deal.") }
                }
            </section>
        </section>
    }
}
