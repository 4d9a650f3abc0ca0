//! The post-call review: what happened, the next step agreed with its date, client cues, the
//! four "Focus on How" reflections, and evidence updates. Saving it records a score snapshot,
//! so it is saved on purpose (one button), not on every keystroke.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::ctx::DealEditor;
use crate::app::parts::event_value;
use crate::domain::action::ReviewDraft;
use crate::domain::call::FOCUS_ON_HOW;
use crate::domain::{Call, Deal, DealAction, EvidenceLevel, Preset, Review};

fn draft_of(deal: &Deal, review: Option<&Review>) -> ReviewDraft {
    let evidence = deal
        .preset
        .elements()
        .iter()
        .map(|e| (e.key.to_owned(), deal.level(e.key)))
        .collect();
    match review {
        Some(r) => ReviewDraft {
            happened: r.happened.clone(),
            next_step: r.next_step.clone(),
            next_step_on: r.next_step_on.map(|d| d.to_string()).unwrap_or_default(),
            cues: r.cues.clone(),
            how: r.how.clone(),
            evidence,
            we_promised: r.we_promised.join("\n"),
            they_promised: r.they_promised.join("\n"),
        },
        None => ReviewDraft {
            evidence,
            ..ReviewDraft::default()
        },
    }
}

/// The review form of `call`. A view function: what it shows is the draft kept on the call
/// (every change is kept at once through `edit`), or the saved review, or a blank one.
pub fn review_form(deal: &Deal, call: &Call, edit: &DealEditor) -> Html {
    let draft = Rc::new(
        call.draft
            .clone()
            .unwrap_or_else(|| draft_of(deal, call.review.as_ref())),
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
    let field = |get: fn(&ReviewDraft) -> &String, set: fn(&mut ReviewDraft, String)| {
        let (draft, keep) = (draft.clone(), keep.clone());
        let value = get(&draft).clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            set(&mut d, event_value(&e));
            keep.emit(d);
        });
        (value, oninput)
    };
    let (happened, on_happened) = field(|d| &d.happened, |d, v| d.happened = v);
    let (next, on_next) = field(|d| &d.next_step, |d, v| d.next_step = v);
    let (next_on, on_next_on) = field(|d| &d.next_step_on, |d, v| d.next_step_on = v);
    let (cues, on_cues) = field(|d| &d.cues, |d, v| d.cues = v);
    let (we, on_we) = field(|d| &d.we_promised, |d, v| d.we_promised = v);
    let (they, on_they) = field(|d| &d.they_promised, |d, v| d.they_promised = v);
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
            <h2 id="dp-review-title" class="dp-subtitle">{ "Call review" }</h2>
            <label class="dp-field">
                <span class="dp-field__label">{ "What happened" }</span>
                <textarea class="dp-input dp-input--area" name="happened" rows="3" value={happened} oninput={on_happened} />
            </label>
            <div class="dp-row">
                <label class="dp-field dp-field--grow">
                    <span class="dp-field__label">{ "Next step agreed" }</span>
                    <input class="dp-input" name="next-step" value={next} maxlength="1000" oninput={on_next} />
                </label>
                <label class="dp-field">
                    <span class="dp-field__label">{ "By when" }</span>
                    <input class="dp-input" type="date" name="next-step-on" value={next_on} oninput={on_next_on} />
                </label>
            </div>
            <div class="dp-row">
                <label class="dp-field dp-field--grow">
                    <span class="dp-field__label">{ "What we promised (one per line)" }</span>
                    <textarea class="dp-input dp-input--area" name="we-promised" rows="2" value={we} oninput={on_we} />
                </label>
                <label class="dp-field dp-field--grow">
                    <span class="dp-field__label">{ "What they promised (one per line)" }</span>
                    <textarea class="dp-input dp-input--area" name="they-promised" rows="2" value={they} oninput={on_they} />
                </label>
            </div>
            <label class="dp-field">
                <span class="dp-field__label">{ "Client cues noticed" }</span>
                <textarea class="dp-input dp-input--area" name="cues" rows="2" value={cues} oninput={on_cues} />
            </label>
            <fieldset class="dp-fieldset">
                <legend>{ "Focus on How" }</legend>
                { for FOCUS_ON_HOW.iter().enumerate().map(|(n, question)| {
                    let (draft2, keep) = (draft.clone(), keep.clone());
                    html! {
                        <label key={n} class="dp-field">
                            <span class="dp-field__label">{ *question }</span>
                            <textarea class="dp-input dp-input--area" rows="2" value={draft.how[n].clone()}
                                oninput={move |e: InputEvent| {
                                    let mut d = (*draft2).clone();
                                    d.how[n] = event_value(&e);
                                    keep.emit(d);
                                }} />
                        </label>
                    }
                }) }
            </fieldset>
            { evidence_updates(deal.preset, &draft, &keep) }
            <button type="submit" class="dp-button dp-button--primary">{ "Save review" }</button>
        </form>
    }
}

/// "What you now know": a level per qualification element, applied when the review is saved.
fn evidence_updates(preset: Preset, draft: &Rc<ReviewDraft>, keep: &Callback<ReviewDraft>) -> Html {
    html! {
    <fieldset class="dp-fieldset">
        <legend>{ "What you now know (evidence updates)" }</legend>
        { for preset.elements().iter().map(|el| {
            let level = draft.evidence.iter().find(|(k, _)| k == el.key).map_or(EvidenceLevel::Unknown, |(_, l)| *l);
            let (draft2, key, keep) = (draft.clone(), el.key.to_owned(), keep.clone());
            html! {
                <label key={el.key} class="dp-field dp-field--inline">
                    <span class="dp-field__label dp-review__element">{ el.label }</span>
                    <select class="dp-input" onchange={move |e: Event| {
                        let value = event_value(&e);
                        if let Some(l) = EvidenceLevel::from_key(&value) {
                            let mut d = (*draft2).clone();
                            match d.evidence.iter_mut().find(|(k, _)| *k == key) {
                                Some(slot) => slot.1 = l,
                                None => d.evidence.push((key.clone(), l)),
                            }
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
