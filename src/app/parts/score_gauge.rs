//! The process score as a gauge, with its breakdown per part and the next best actions.

use yew::prelude::*;

use crate::app::parts::subtitle;

use crate::domain::score::{whole, ProcessScore, Target};

/// The gauge for score `s`; `href_of` says where each action's link goes (the deal's sections
/// or a call). A view function: one fewer component in the wasm.
pub fn score_gauge(s: &ProcessScore, why: &[String], href_of: impl Fn(Target) -> String) -> Html {
    // A half-circle arc of length 100 (pathLength) filled to the score.
    html! {
        <section class="dp-score" aria-labelledby="dp-score-title">
            { subtitle("dp-score-title", "Process score") }
            <div class="dp-score__gauge" role="meter" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow={crate::domain::text::number(s.total.into())} aria-label="Process score">
                <svg viewBox="0 0 120 70" aria-hidden="true" class="dp-score__svg">
                    <path d="M10 60 A50 50 0 0 1 110 60" class="dp-score__track" pathLength="100" />
                    <path d="M10 60 A50 50 0 0 1 110 60" class="dp-score__fill" pathLength="100"
                        stroke-dasharray={format!("{} 100", s.total)} />
                </svg>
                <span class="dp-score__value">{ s.total }</span>
            </div>
            <p class="dp-muted dp-score__basis">{ format!("{} of {} points that apply so far", whole(s.earned), whole(s.possible)) }</p>
            // Says why the score just moved (a stage move, a review, a newly planned call).
            <div class="dp-score__why" aria-live="polite">
                if !why.is_empty() {
                    <p>{ "Why it moved:" }</p>
                    <ul>{ for why.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                }
            </div>
            <ul class="dp-score__parts">
                { for s.parts.iter().map(|p| html! {
                    <li key={p.name} class="dp-score__part">
                        <details>
                            <summary>
                                <span>{ p.name }</span>
                                <span class="dp-score__points">{ if p.applies { format!("{} of {}", whole(p.earned), whole(p.possible)) } else { "not yet".to_owned() } }</span>
                            </summary>
                            <ul class="dp-score__items">
                                { for p.items.iter().enumerate().map(|(n, i)| html! {
                                    <li key={n} ~className={super::class(&["dp-score__item", super::when(p.applies && i.earned >= i.possible, "dp-score__item--done")])}>
                                        <span>{ i.label.clone() }</span>
                                        if p.applies {
                                            <span class="dp-score__points">{ format!("{} / {}", whole(i.earned), whole(i.possible)) }</span>
                                        }
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
                            if a.gain > 0.0 {
                                <span class="dp-score__points">{ format!(" +{}", whole(a.gain).max(1)) }</span>
                            }
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
