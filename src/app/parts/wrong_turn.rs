//! The wrong-turn dialog: moving a deal past stages whose exit criteria are unmet names each
//! skipped step and asks before moving. Esc or "Stay" cancels.

use yew::prelude::*;

use crate::app::parts::button;

use crate::domain::{Preset, SkippedStep, Stage};

/// The dialog for a move to `to` that skips `skipped` (described in `preset`'s words).
pub fn wrong_turn_dialog(
    to: Stage,
    skipped: &[SkippedStep],
    preset: Preset,
    on_stay: Callback<()>,
    on_move: Callback<()>,
) -> Html {
    let stay = {
        let on_stay = on_stay.clone();
        Callback::from(move |_: MouseEvent| on_stay.emit(()))
    };
    let on_key = {
        let on_stay = on_stay.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_stay.emit(());
            }
        })
    };
    let go = {
        let on_move = on_move.clone();
        Callback::from(move |_: MouseEvent| on_move.emit(()))
    };
    html! {
        <div class="dp-dialog" role="dialog" aria-modal="true" aria-labelledby="dp-wrong-turn-title" onkeydown={on_key}>
            <h2 id="dp-wrong-turn-title" class="dp-subtitle">{ format!("Wrong turn? Moving to {} skips:", to.label()) }</h2>
            <ul class="dp-dialog__list">
                { for skipped.iter().map(|s| html! { <li key={format!("{}-{}", s.stage.key(), s.key)}>{ s.describe(preset) }</li> }) }
            </ul>
            <p>{ "You can move anyway; the deal keeps a “jumped ahead” mark until these are known." }</p>
            <div class="dp-dialog__buttons">
                <button type="button" class="dp-button" onclick={stay} autofocus=true>{ "Stay" }</button>
                { button("dp-button dp-button--primary", "Move anyway", Callback::from(go)) }
            </div>
        </div>
    }
}
