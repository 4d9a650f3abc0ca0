//! The pre-call checklist of the deal's template, checked off item by item, with progress.

use yew::prelude::*;

use crate::app::parts::subtitle;

use crate::app::ctx::Ctx;
use crate::domain::DealAction;
use crate::domain::{text, Call, Deal};

pub fn checklist(ctx: &Ctx, deal: &Deal, call: &Call) -> Html {
    let template = ctx.state.book.template_for(deal);
    let list = crate::domain::proof::checklist(deal, call, template);
    let (done, total) = (crate::domain::proof::done(&list), list.len());
    let edit = ctx.editor(&deal.id);
    let call_id = call.id.clone();
    html! {
        <section class="dp-section dp-checklist" aria-labelledby="dp-checklist-title">
            { subtitle("dp-checklist-title", "Pre-call checklist") }
            <p class="dp-checklist__progress" aria-live="polite">{ format!("{done} of {total} ready") }</p>
            <progress class="dp-checklist__bar" max={text::number(total as u64)} value={text::number(done as u64)} aria-hidden="true" />
            <ul class="dp-checklist__items">
                { for list.into_iter().map(|c| {
                    let (item, checked) = (c.item, c.checked);
                    let (edit, call_id, item_id) = (edit.clone(), call_id.clone(), item.id.clone());
                    // A proof item follows the plan: its box is read-only and says why.
                    let proof = c.reason.map(|why| html! {
                        <span ~className={crate::app::parts::class(&["dp-checklist__proof", crate::app::parts::when(checked, "dp-checklist__proof--ok")])}>
                            { if checked { "✓ " } else { "Checks itself: " } }{ why }
                        </span>
                    });
                    html! {
                        <li key={item.id.as_str()} ~className={crate::app::parts::class(&["dp-checklist__item", crate::app::parts::when(checked, "dp-checklist__item--done")])}>
                            <label class="dp-check">
                                <input type="checkbox" checked={checked} disabled={proof.is_some()}
                                    onchange={move |_| edit.step(DealAction::SetChecked { call: call_id.clone(), item: item_id.clone(), checked: !checked })} />
                                <span>{ item.text.clone() }</span>
                            </label>
                            { proof.unwrap_or_default() }
                            if !item.hint.is_empty() { <span class="dp-muted dp-checklist__hint">{ item.hint.clone() }</span> }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
