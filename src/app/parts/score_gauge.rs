//! The process score as a gauge, with its breakdown per part and the next best actions.

use yew::prelude::*;

use crate::domain::score::{ProcessScore, Target};

/// Points with one decimal, without pulling float formatting into the wasm (it is ~10 KB).
fn tenths(points: f64) -> String {
    let t = (points * 10.0).round() as i64;
    format!("{}.{}", t / 10, (t % 10).abs())
}

/// The gauge for score `s`; `href_of` says where each action's link goes (the deal's sections
/// or a call). A view function: one fewer component in the wasm.
pub fn score_gauge(s: &ProcessScore, href_of: impl Fn(Target) -> String) -> Html {
    // A half-circle arc of length 100 (pathLength) filled to the score.
    html! {
        <section class="dp-score" aria-labelledby="dp-score-title">
            <h2 id="dp-score-title" class="dp-subtitle">{ "Process score" }</h2>
            <div class="dp-score__gauge" role="meter" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow={s.total.to_string()} aria-label="Process score">
                <svg viewBox="0 0 120 70" aria-hidden="true" class="dp-score__svg">
                    <path d="M10 60 A50 50 0 0 1 110 60" class="dp-score__track" pathLength="100" />
                    <path d="M10 60 A50 50 0 0 1 110 60" class="dp-score__fill" pathLength="100"
                        stroke-dasharray={format!("{} 100", s.total)} />
                </svg>
                <span class="dp-score__value">{ s.total }</span>
            </div>
            <ul class="dp-score__parts">
                { for s.parts.iter().map(|p| html! {
                    <li key={p.name} class="dp-score__part">
                        <details>
                            <summary>
                                <span>{ p.name }</span>
                                <span class="dp-score__points">{ format!("{} of {}", tenths(p.earned).trim_end_matches(".0"), tenths(p.possible).trim_end_matches(".0")) }</span>
                            </summary>
                            <ul class="dp-score__items">
                                { for p.items.iter().enumerate().map(|(n, i)| html! {
                                    <li key={n} class={classes!("dp-score__item", (i.earned >= i.possible).then_some("dp-score__item--done"))}>
                                        <span>{ i.label.clone() }</span>
                                        <span class="dp-score__points">{ format!("{} / {}", tenths(i.earned), tenths(i.possible)) }</span>
                                    </li>
                                }) }
                            </ul>
                        </details>
                    </li>
                }) }
            </ul>
            if !s.next_actions.is_empty() {
                <h3 class="dp-subtitle dp-subtitle--small">{ "Next best actions" }</h3>
                <ol class="dp-actions">
                    { for s.next_actions.iter().take(5).enumerate().map(|(n, a)| html! {
                        <li key={n}>
                            <a href={href_of(a.target.clone())}>{ a.text.clone() }</a>
                            <span class="dp-score__points">{ format!(" +{}", tenths(a.gain)) }</span>
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
