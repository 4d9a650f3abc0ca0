//! What the last reviewed call left: on a call's plan ("From the last call", with the open
//! qualification questions to add in one step) and on the deal page ("Latest review").

use yew::prelude::*;

use crate::app::ctx::DealEditor;
use crate::app::platform::new_id;
use crate::domain::carry::{last_review, open_questions};
use crate::domain::{Call, Deal, DealAction, ListEdit, PlanList};

/// For the call being planned (`Some`, with its editor), or the deal's latest review (`None`).
pub fn carry_over(deal: &Deal, planning: Option<(&Call, &DealEditor)>) -> Html {
    let last = last_review(deal, planning.map(|(call, _)| call));
    let questions = planning
        .map(|(call, _)| open_questions(deal, call))
        .unwrap_or_default();
    if last.is_none() && questions.is_empty() {
        return html! {};
    }
    let lines = |items: &[String]| -> Html {
        if items.is_empty() {
            return html! { <dd class="dp-muted">{ "Nothing noted" }</dd> };
        }
        html! { <dd><ul class="dp-carry__list">{ for items.iter().map(|t| html! { <li>{ t.clone() }</li> }) }</ul></dd> }
    };
    // Without a reviewed call before this one, the open questions are the whole section.
    let (title, id) = match (planning, last) {
        (Some(_), Some(_)) => ("From the last call", "dp-carry-title"),
        (Some(_), None) => ("Still to find out", "dp-carry-title"),
        (None, _) => ("Latest review", "dp-latest-title"),
    };
    html! {
        <section class="dp-section dp-carry" aria-labelledby={id}>
            <h2 {id} class="dp-subtitle">{ title }</h2>
            if let Some((call, review)) = last {
                <p class="dp-muted">{ format!("{} call, {}", call.kind.label(), call.at.human()) }</p>
                <dl class="dp-facts">
                    if planning.is_none() && !review.happened.trim().is_empty() {
                        <dt>{ "What happened" }</dt><dd class="dp-prewrap">{ review.happened.clone() }</dd>
                    }
                    <dt>{ "Next step agreed" }</dt>
                    <dd>{ match (review.next_step.trim(), review.next_step_on) {
                        ("", _) => "None agreed".to_owned(),
                        (step, Some(day)) => format!("{step} — by {day}"),
                        (step, None) => format!("{step} — no date"),
                    } }</dd>
                    <dt>{ "We promised" }</dt>{ lines(&review.we_promised) }
                    <dt>{ "They promised" }</dt>{ lines(&review.they_promised) }
                    if !review.cues.trim().is_empty() {
                        <dt>{ "Client cues" }</dt><dd class="dp-prewrap">{ review.cues.clone() }</dd>
                    }
                </dl>
            }
            if let (false, Some((call, edit))) = (questions.is_empty(), planning) {
                if last.is_some() {
                    <h3 class="dp-carry__subtitle">{ "Still to find out" }</h3>
                }
                <ul class="dp-carry__list">{ for questions.iter().map(|q| html! { <li>{ *q }</li> }) }</ul>
                <button type="button" class="dp-button" onclick={{
                    let (edit, call, questions) = (edit.clone(), call.id.clone(), questions.clone());
                    move |_| edit.step(DealAction::EditList {
                        call: call.clone(),
                        list: PlanList::Discovery,
                        edit: ListEdit::AddLines(questions.iter().map(|q| (new_id('l'), (*q).to_owned())).collect()),
                    })
                }}>{ format!("Add {} to the discovery questions", if questions.len() == 1 { "this question".to_owned() } else { format!("these {} questions", questions.len()) }) }</button>
            }
        </section>
    }
}
