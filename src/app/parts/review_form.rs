//! The post-call review: what happened, the next step agreed with its date, client cues, the
//! four "Focus on How" reflections, and evidence updates. Saving it records a score snapshot,
//! so it is saved on purpose (one button), not on every keystroke.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::parts::{button, field, submit, subtitle};

use crate::app::ctx::DealEditor;
use crate::app::parts::event_value;
use crate::domain::action::ReviewDraft;
use crate::domain::call::FOCUS_ON_HOW;
use crate::domain::{Call, Deal, DealAction, EvidenceLevel, Preset};

/// The review form of `call`. A view function: what it shows is the draft kept on the call
/// (every change is kept at once through `edit`), or the saved review, or a blank one.
pub fn review_form(deal: &Deal, call: &Call, edit: &DealEditor) -> Html {
    let draft = Rc::new(
        call.draft
            .clone()
            .unwrap_or_else(|| ReviewDraft::of(deal, call.review.as_ref())),
    );
    let keep = {
        let (edit, id) = (edit.clone(), call.id.clone());
        Callback::from(move |draft: ReviewDraft| {
            edit.typing(DealAction::SetReviewDraft {
                call: id.clone(),
                draft: Box::new(draft),
            })
        })
    };
    // Every text of the draft through one accessor: its value (read from a copy: the accessor
    // lends a field mutably; a draft is a dozen short texts), and an `oninput` that keeps it.
    let bound = |at: fn(&mut ReviewDraft) -> &mut String| {
        let (draft, keep) = (draft.clone(), keep.clone());
        let value = at(&mut (*draft).clone()).clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            *at(&mut d) = event_value(&e);
            keep.emit(d);
        });
        (value, oninput)
    };
    let (happened, on_happened) = bound(|d| &mut d.happened);
    let (next, on_next) = bound(|d| &mut d.next_step);
    let (next_on, on_next_on) = bound(|d| &mut d.next_step_on);
    let (cues, on_cues) = bound(|d| &mut d.cues);
    let (we, on_we) = bound(|d| &mut d.we_promised);
    let (they, on_they) = bound(|d| &mut d.they_promised);
    const HOW: [fn(&mut ReviewDraft) -> &mut String; 4] = [
        |d| &mut d.how[0],
        |d| &mut d.how[1],
        |d| &mut d.how[2],
        |d| &mut d.how[3],
    ];
    let onsubmit = {
        let (draft, edit, id) = (draft.clone(), edit.clone(), call.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            edit.step(DealAction::SaveReview {
                call: id.clone(),
                draft: Box::new((*draft).clone()),
            });
        })
    };
    html! {
        <form class="dp-review" {onsubmit} aria-labelledby="dp-review-title">
            { subtitle("dp-review-title", "Call review") }
            { field("dp-field", "What happened", html! {
                <textarea class="dp-input dp-input--area" name="happened" rows="3" value={happened} maxlength="10000" oninput={on_happened} />
            }) }
            <div class="dp-row">
                { field("dp-field dp-field--grow", "Next step agreed", html! {
                    <input class="dp-input" name="next-step" value={next} maxlength="1000" oninput={on_next} />
                }) }
                { field("dp-field", "By when", html! {
                    <input class="dp-input" type="date" name="next-step-on" value={next_on} oninput={on_next_on} />
                }) }
            </div>
            <div class="dp-row">
                { field("dp-field dp-field--grow", "What we promised (one per line)", html! {
                    <textarea class="dp-input dp-input--area" name="we-promised" rows="2" value={we} maxlength="10000" oninput={on_we} />
                }) }
                { field("dp-field dp-field--grow", "What they promised (one per line)", html! {
                    <textarea class="dp-input dp-input--area" name="they-promised" rows="2" value={they} maxlength="10000" oninput={on_they} />
                }) }
            </div>
            { field("dp-field", "Client cues noticed", html! {
                <textarea class="dp-input dp-input--area" name="cues" rows="2" value={cues} maxlength="10000" oninput={on_cues} />
            }) }
            <fieldset class="dp-fieldset">
                <legend>{ "Focus on How" }</legend>
                { for FOCUS_ON_HOW.iter().zip(HOW).enumerate().map(|(n, (question, at))| {
                    let (value, oninput) = bound(at);
                    html! {
                        <label key={n} class="dp-field">
                            <span class="dp-field__label">{ *question }</span>
                            <textarea class="dp-input dp-input--area" rows="2" {value} maxlength="10000" {oninput} />
                        </label>
                    }
                }) }
            </fieldset>
            { suggestions(deal.preset, &draft, &keep) }
            { evidence_updates(deal.preset, &draft, &keep) }
            { submit("dp-button dp-button--primary", "Save review") }
        </form>
    }
}

/// The evidence changes call mode suggests ("Budget: Heard?"): Accept sets the level in the
/// updates below, Skip drops the suggestion.
fn suggestions(preset: Preset, draft: &Rc<ReviewDraft>, keep: &Callback<ReviewDraft>) -> Html {
    if draft.suggested.is_empty() {
        return html! {};
    }
    let decide = |n: usize, accept: bool| {
        let (draft, keep) = (draft.clone(), keep.clone());
        Callback::from(move |_: MouseEvent| {
            let mut d = (*draft).clone();
            let (key, level) = d.suggested.remove(n);
            if accept {
                d.set_level(&key, level);
            }
            keep.emit(d);
        })
    };
    html! {
        <fieldset class="dp-fieldset dp-review__suggested">
            <legend>{ "Suggested from call mode" }</legend>
            { for draft.suggested.iter().enumerate().map(|(n, (key, level))| {
                let label = preset.elements().iter().find(|e| e.key == key).map_or(key.as_str(), |e| e.label);
                html! {
                    <p key={key.clone()} class="dp-row">
                        <span>{ format!("{label}: {}?", level.label()) }</span>
                        { button("dp-button", "Accept", Callback::from(decide(n, true))) }
                        { button("dp-button", "Skip", Callback::from(decide(n, false))) }
                    </p>
                }
            }) }
        </fieldset>
    }
}

/// "What you now know": a level per qualification element, applied when the review is saved.
fn evidence_updates(preset: Preset, draft: &Rc<ReviewDraft>, keep: &Callback<ReviewDraft>) -> Html {
    html! {
    <fieldset class="dp-fieldset">
        <legend>{ "What you now know (evidence updates)" }</legend>
        { for preset.elements().iter().map(|el| {
            let level = draft.evidence.iter().find(|(k, _)| k == el.key).map_or(EvidenceLevel::Unknown, |(_, l)| *l);
            let (draft2, key, keep) = (draft.clone(), el.key, keep.clone());
            html! {
                <label key={el.key} class="dp-field dp-field--inline">
                    <span class="dp-field__label dp-review__element">{ el.label }</span>
                    <select class="dp-input" onchange={move |e: Event| {
                        let value = event_value(&e);
                        if let Some(l) = EvidenceLevel::from_key(&value) {
                            let mut d = (*draft2).clone();
                            d.set_level(key, l);
                            keep.emit(d);
                        }
                    }}>
                        { for EvidenceLevel::ALL.iter().map(|l| html! { <option value={l.key()} selected={level == *l}>{ l.label() }</option> }) }
                    </select>
                </label>
            }
        }) }
    </fieldset>
    }
}
