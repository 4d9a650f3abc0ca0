//! Checklist templates: add, rename, duplicate, delete; items with hint and weight, reordered
//! from the keyboard (buttons), removed (retired, so old calls still read them); reset default.

use yew::prelude::*;

use crate::app::parts::{event_value, field, muted, submit, submitted, typed, undo_offer, Offer};

use crate::app::ctx::Ctx;
use crate::app::platform::new_id;
use crate::domain::proof::{Proof, RULES};
use crate::domain::template::DEFAULT_TEMPLATE_ID;
use crate::domain::{Id, TemplateAction, TemplateItem};

/// The Templates page; `selected` (kept by the root: the page is a view function) is the
/// template shown, `undo` the offer to undo an item's removal (shown under the template it
/// came from: its place in the list is the offer's tag).
pub fn templates_page(
    ctx: &Ctx,
    selected: &crate::app::hooks::UiCell<Id>,
    undo: &crate::app::hooks::UiCell<Offer>,
) -> Html {
    let templates = &ctx.state.book.templates;
    let template = templates
        .iter()
        .find(|t| t.id == **selected)
        .or(templates.first());
    let tpl = ctx.template_editor();
    let Some(template) = template else {
        return html! { <p>{ "No templates." }</p> };
    };
    let tid = template.id.clone();
    let tag = templates.iter().position(|t| t.id == tid).unwrap_or(0) as u8;
    let on_add_item = {
        let (tpl, tid) = (tpl.clone(), tid.clone());
        Callback::from(move |e: SubmitEvent| {
            let Some((form, mut v)) = submitted(&e, &["new-item"]) else {
                return;
            };
            if let Some(text) = v.pop().filter(typed) {
                tpl.step(TemplateAction::AddItem {
                    template: tid.clone(),
                    id: new_id('t'),
                    text,
                });
                form.reset();
            }
        })
    };
    html! {
        <section class="dp-templates" aria-labelledby="dp-templates-title">
            <h1 id="dp-templates-title" class="dp-title">{ "Checklist templates" }</h1>
            <div class="dp-row">
                { field("dp-field", "Template", html! {
                    <select class="dp-input" onchange={{ let (tpl, s) = (tpl.clone(), selected.clone()); move |e: Event| if let Ok(id) = Id::new(event_value(&e)) {
                        tpl.keep_typed();
                        s.set(id);
                    } }}>
                        { for templates.iter().map(|t| html! { <option value={t.id.as_str().to_owned()} selected={t.id == template.id}>{ t.name.clone() }</option> }) }
                    </select>
                }) }
                <button type="button" class="dp-button" onclick={{ let (tpl, s) = (tpl.clone(), selected.clone()); move |_| {
                    tpl.keep_typed();
                    let id = new_id('t');
                    tpl.step(TemplateAction::Add { id: id.clone(), name: "New template".into() });
                    s.set(id);
                } }}>{ "New template" }</button>
                <button type="button" class="dp-button" onclick={{ let (tpl, tid, s) = (tpl.clone(), tid.clone(), selected.clone()); move |_| {
                    tpl.keep_typed();
                    let id = new_id('t');
                    tpl.step(TemplateAction::Duplicate { from: tid.clone(), id: id.clone() });
                    s.set(id);
                } }}>{ "Duplicate" }</button>
                // Both asked in the page (no undo: the wording goes), like a call's delete. A
                // template's is keyed by it (the default's by none), so a question left open is
                // not carried to the next template shown.
                if template.id.as_str() == DEFAULT_TEMPLATE_ID {
                    <details class="dp-confirm">
                        <summary class="dp-button">{ "Reset to the shipped items" }</summary>
                        <button type="button" class="dp-button dp-button--danger" onclick={{ let tpl = tpl.clone(); move |_| tpl.step(TemplateAction::ResetDefault) }}>
                            { "Reset it: this cannot be undone" }
                        </button>
                    </details>
                } else {
                    <details key={tid.as_str()} class="dp-confirm">
                        <summary class="dp-button dp-button--danger">{ "Delete template" }</summary>
                        <button type="button" class="dp-button dp-button--danger" onclick={{ let (tpl, tid, s) = (tpl.clone(), tid.clone(), selected.clone()); move |_| {
                            tpl.keep_typed();
                            tpl.step(TemplateAction::Delete(tid.clone()));
                            s.set(Id::default_template());
                        } }}>{ "Delete it: this cannot be undone" }</button>
                    </details>
                }
            </div>
            { field("dp-field", "Name", html! {
                <input class="dp-input" value={ctx.name_value(tid.as_str(), &template.name)} maxlength="200"
                    oninput={{ let (tpl, tid) = (tpl.clone(), tid.clone()); move |e: InputEvent| tpl.typing(TemplateAction::Rename { id: tid.clone(), name: event_value(&e) }) }} />
            }) }
            // Drawn afresh for each template (a copy's items have the same ids): a rule picked
            // in one template's select stayed shown in the next one's (see the root's `main`).
            <ol class="dp-template-items" key={tid.as_str()}>
                { for template.active().enumerate().map(|(n, item)| item_row(ctx, &tid, item, n, (undo, tag))) }
            </ol>
            { undo_offer(undo, tag) }
            <form class="dp-inline-form dp-add" onsubmit={on_add_item}>
                { field("dp-field", "New item", html! { <input class="dp-input" name="new-item" maxlength="200" /> }) }
                { submit("dp-button", "Add item") }
            </form>
            { muted("Weight 1 (nice to have) to 3 (must do): an item earns its weight's share of the 40 preparation points. An item checked “when” a rule holds checks itself from the call's plan, its attendees and the deal's evidence, and says why; the others are ticked by hand. Removed items stay readable on past calls; only current items count toward the score.") }
        </section>
    }
}

/// One checklist item (at place `n` from 0): text and hint (saved as typed), weight, move
/// up/down, remove (offering Undo in `undo` with its tag).
fn item_row(
    ctx: &Ctx,
    tid: &Id,
    item: &TemplateItem,
    n: usize,
    undo: (&crate::app::hooks::UiCell<Offer>, u8),
) -> Html {
    let tid = tid.clone();
    let tpl = ctx.template_editor();
    let (iid, t) = (item.id.clone(), tid.clone());
    let edit = {
        let (tpl, t, iid) = (tpl.clone(), t.clone(), iid.clone());
        move |e: InputEvent| {
            tpl.typing(TemplateAction::EditItem {
                template: t.clone(),
                item: iid.clone(),
                hint: false,
                text: event_value(&e),
            })
        }
    };
    let edit_hint = {
        let (tpl, t, iid) = (tpl.clone(), t.clone(), iid.clone());
        move |e: InputEvent| {
            tpl.typing(TemplateAction::EditItem {
                template: t.clone(),
                item: iid.clone(),
                hint: true,
                text: event_value(&e),
            })
        }
    };
    let weight = {
        let (tpl, t, iid) = (tpl.clone(), t.clone(), iid.clone());
        move |e: Event| {
            if let Some(w) = crate::domain::text::digits(&event_value(&e)).and_then(|w| u8::try_from(w).ok())
            {
                tpl.step(TemplateAction::SetWeight {
                    template: t.clone(),
                    item: iid.clone(),
                    weight: w,
                })
            }
        }
    };
    let mover = |delta: i32| {
        let (tpl, t, iid) = (tpl.clone(), t.clone(), iid.clone());
        move |_| {
            tpl.step(TemplateAction::MoveItem {
                template: t.clone(),
                item: iid.clone(),
                delta,
            })
        }
    };
    let rule = item.rule();
    let set_proof = {
        let (tpl, t, iid) = (tpl.clone(), t.clone(), iid.clone());
        move |proof: Proof| {
            tpl.step(TemplateAction::SetProof {
                template: t.clone(),
                item: iid.clone(),
                proof,
            })
        }
    };
    let choose_rule = {
        let set_proof = set_proof.clone();
        move |e: Event| {
            let key = event_value(&e);
            set_proof(match RULES.into_iter().find(|r| r.key() == key) {
                Some(r) => Proof::Rule(r),
                None => Proof::Hand,
            })
        }
    };
    let count = rule.and_then(|r| r.count().map(|n| (r, n)));
    let remove = {
        let (tpl, t, iid, text, (cell, tag)) = (
            tpl.clone(),
            t.clone(),
            iid.clone(),
            item.text.clone(),
            (undo.0.clone(), undo.1),
        );
        move |_| {
            let (back, t, iid) = (tpl.clone(), t.clone(), iid.clone());
            let retire = move |retired| {
                back.step(TemplateAction::Retire {
                    template: t.clone(),
                    item: iid.clone(),
                    retired,
                })
            };
            retire(true);
            tpl.offer(
                &cell,
                (
                    tag,
                    format!("Removed “{text}”."),
                    Callback::from(move |_| retire(false)),
                ),
            );
        }
    };
    html! {
            <li key={item.id.as_str()} class="dp-template-item">
                <label class="dp-field dp-template-item__text">
                    <span class="dp-field__label">{ format!("Item {}", n + 1) }</span>
                    <input class="dp-input" name="item-text" value={ctx.name_value(item.id.as_str(), &item.text)} maxlength="200" oninput={edit} />
                </label>
                { field("dp-field dp-template-item__hint", "Hint", html! {
                    <input class="dp-input" name="item-hint" value={item.hint.clone()} maxlength="1000" oninput={edit_hint} />
                }) }
                { field("dp-field", "Weight", html! {
                    <select class="dp-input" onchange={weight}>
                        { for [(1, "1"), (2, "2"), (3, "3")].map(|(w, digit)| html! { <option value={digit} selected={item.weight == w}>{ digit }</option> }) }
                    </select>
                }) }
                { field("dp-field", "Checked", html! {
                    <select class="dp-input" name="item-proof" onchange={choose_rule}>
                        <option value="" selected={rule.is_none()}>{ "By hand" }</option>
                        { for RULES.iter().map(|r| html! {
                            <option value={r.key()} selected={rule.is_some_and(|c| c.with_count(1) == r.with_count(1))}>{ format!("When: {}", r.label()) }</option>
                        }) }
                    </select>
                }) }
                if let Some((r, n)) = count {
                    { field("dp-field", "N", html! {
                        <input class="dp-input dp-input--narrow" type="number" name="item-proof-count" min="1" max="20" value={crate::domain::text::number(n.into())}
                            onchange={move |e: Event| if let Some(n) = crate::domain::text::digits(&event_value(&e)) { set_proof(Proof::Rule(r.with_count(n.clamp(1, 20) as u8))) }} />
                    }) }
                }
                <div class="dp-row">
                    <button type="button" class="dp-button" aria-label={format!("Move “{}” up", item.text)} onclick={mover(-1)}>{ "↑" }</button>
                    <button type="button" class="dp-button" aria-label={format!("Move “{}” down", item.text)} onclick={mover(1)}>{ "↓" }</button>
                    <button type="button" class="dp-button dp-button--danger" aria-label={format!("Remove “{}”", item.text)} onclick={remove}>{ "Remove" }</button>
                </div>
            </li>
    }
}
