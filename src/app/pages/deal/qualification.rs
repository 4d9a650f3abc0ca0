//! The qualification grid: evidence level and note per element of the deal's preset.

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::parts::{event_value, field, rows_for};
use crate::domain::Deal;
use crate::domain::{DealAction, EvidenceLevel, Preset};

pub fn qualification(ctx: &Ctx, deal: &Deal) -> Html {
    let edit = ctx.editor(&deal.id);
    html! {
        <section id="qualification" class="dp-section" aria-labelledby="dp-qual-title">
            <h2 id="dp-qual-title" class="dp-subtitle" tabindex="-1">{ "Qualification" }</h2>
            { field("dp-field dp-field--inline", "Preset", html! {
                <select class="dp-input" onchange={{ let edit = edit.clone(); move |e: Event| {
                    if let Some(p) = Preset::from_key(&event_value(&e)) { edit.step(DealAction::SwitchPreset(p)) }
                } }}>
                    { for Preset::ALL.iter().map(|p| html! { <option value={p.key()} selected={deal.preset == *p}>{ p.label() }</option> }) }
                </select>
            }) }
            <table class="dp-qual">
                <thead><tr><th scope="col">{ "Element" }</th><th scope="col">{ "Evidence" }</th><th scope="col">{ "Note" }</th><th scope="col">{ "Needed before leaving" }</th></tr></thead>
                <tbody>
                    { for deal.preset.elements().iter().map(|el| {
                        let level = deal.level(el.key);
                        // A role named in People is a floor: at least Heard, entered once.
                        let named = deal.named_for(el.key);
                        let floor = if named.is_some() { EvidenceLevel::Heard } else { EvidenceLevel::Unknown };
                        let key = el.key.to_owned();
                        let note = deal.evidence(el.key).map(|e| e.note.clone()).unwrap_or_default();
                        let on_note = { let (edit, key) = (edit.clone(), key.clone());
                            move |e: InputEvent| edit.typing(DealAction::SetEvidenceNote { key: key.clone(), note: event_value(&e) }) };
                        let edit = edit.clone();
                        html! {
                            <tr key={el.key}>
                                <th scope="row">{ el.label }<span class="dp-muted dp-qual__question">{ el.question }</span></th>
                                <td>
                                    <select class="dp-input" aria-label={format!("Evidence for {}", el.label)}
                                        onchange={move |e: Event| if let Some(l) = EvidenceLevel::from_key(&event_value(&e)) {
                                            edit.step(DealAction::SetEvidence { key: key.clone(), level: l })
                                        }}>
                                        { for EvidenceLevel::ALL.iter().map(|l| html! { <option value={l.key()} selected={level == *l} disabled={*l < floor}>{ l.label() }</option> }) }
                                    </select>
                                    if let Some(p) = named {
                                        <span class="dp-muted dp-qual__from">{ format!("From People: {}", p.with_roles()) }</span>
                                    }
                                </td>
                                <td><textarea class="dp-input dp-grow" aria-label={format!("Note for {}", el.label)} name={format!("note-{}", el.key)} rows={rows_for(&note)} value={note.clone()} maxlength="10000" oninput={on_note} /></td>
                                <td>{ el.exit_of.label() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
