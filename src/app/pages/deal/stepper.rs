//! The roadmap: one button per stage, and the wrong-turn dialog when a move skips steps.

use yew::prelude::*;

use super::DealUi;
use crate::app::ctx::Ctx;
use crate::app::parts::wrong_turn::wrong_turn_dialog;
use crate::domain::Deal;
use crate::domain::{DealAction, Stage};

pub fn stepper(ctx: &Ctx, deal: &Deal, ui: &DealUi) -> Html {
    let pending_move = ui.pending_move.clone();
    let edit = ctx.editor(&deal.id);
    let ask_move = {
        let (pending_move, edit) = (pending_move.clone(), edit.clone());
        let deal = deal.clone();
        move |to: Stage| {
            let skipped = deal.unmet_criteria(to);
            if skipped.is_empty() {
                edit.step(DealAction::MoveStage(to));
            } else {
                pending_move.set(Some((to, skipped)));
            }
        }
    };
    let stay = {
        let pending_move = pending_move.clone();
        Callback::from(move |_| pending_move.set(None))
    };
    let go = {
        let (pending_move, edit) = (pending_move.clone(), edit.clone());
        Callback::from(move |_| {
            if let Some((to, _)) = &*pending_move {
                edit.step(DealAction::MoveStage(*to));
            }
            pending_move.set(None);
        })
    };
    html! {
    <>
            <nav class="dp-stepper" aria-label="Roadmap">
                <ol>
                    { for Stage::ALL.iter().map(|s| {
                        let skipped = deal.jumped.iter().any(|j| j.stage == *s);
                        let state = if *s == deal.stage { "current" } else if *s < deal.stage { "done" } else { "ahead" };
                        let ask_move = ask_move.clone();
                        let to = *s;
                        html! {
                            <li key={s.key()} ~className={crate::app::parts::class(&["dp-stepper__step", &format!("dp-stepper__step--{state}"), crate::app::parts::when(skipped, "dp-stepper__step--skipped")])}>
                                <button type="button" class="dp-stepper__button"
                                    aria-current={(*s == deal.stage).then_some("step")}
                                    disabled={*s == deal.stage}
                                    onclick={move |_| ask_move(to)}>
                                    { s.label() }
                                    if skipped { <span class="dp-visually-hidden">{ " (steps skipped)" }</span> }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </nav>

            if let Some((to, skipped)) = &*pending_move {
                { wrong_turn_dialog(*to, skipped, deal.preset, stay, go) }
            }
    </>
        }
}
