//! Editable lists for the call plan: plain lines (agenda, questions) and pairs ("cares about →
//! how we meet it", "objection → response"). Everything works from the keyboard: Enter adds,
//! Alt+↑/↓ moves the focused line, and each line has move and delete buttons.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::parts::event_value;
use crate::app::platform::new_id;

use crate::domain::{Id, ListItem, Pair};

pub use crate::domain::ListEdit;

#[derive(Properties, PartialEq)]
pub struct ListEditorProps {
    pub title: AttrValue,
    /// What a new line is called ("question", "agenda item").
    pub noun: AttrValue,
    #[prop_or_default]
    pub lines: Rc<Vec<ListItem>>,
    /// Set for pair lists instead of `lines`.
    #[prop_or_default]
    pub pairs: Option<Rc<Vec<Pair>>>,
    /// Labels of the two sides of a pair.
    #[prop_or_default]
    pub sides: (AttrValue, AttrValue),
    pub on_edit: Callback<ListEdit>,
}

#[component]
pub fn ListEditor(props: &ListEditorProps) -> Html {
    let draft = use_state(|| (String::new(), String::new()));
    let rows: Vec<(Id, String, Option<String>)> = match &props.pairs {
        Some(pairs) => pairs
            .iter()
            .map(|p| (p.id.clone(), p.left.clone(), Some(p.right.clone())))
            .collect(),
        None => props
            .lines
            .iter()
            .map(|l| (l.id.clone(), l.text.clone(), None))
            .collect(),
    };
    let is_pair = props.pairs.is_some();
    let on_add = {
        let (draft, on_edit) = (draft.clone(), props.on_edit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !draft.0.trim().is_empty() {
                on_edit.emit(ListEdit::Add {
                    id: new_id('l'),
                    left: draft.0.clone(),
                    right: draft.1.clone(),
                });
                draft.set((String::new(), String::new()));
            }
        })
    };
    let count = rows.len();
    html! {
        <section class="dp-list-editor" aria-label={props.title.clone()}>
            <h3 class="dp-subtitle dp-subtitle--small">{ props.title.clone() }</h3>
            <ol class="dp-list-editor__items">
                { for rows.into_iter().enumerate().map(|(n, (id, left, right))| {
                    let on_edit = props.on_edit.clone();
                    let edit_left = { let (on_edit, id, right) = (on_edit.clone(), id.clone(), right.clone());
                        move |e: InputEvent| on_edit.emit(ListEdit::Edit { id: id.clone(), left: event_value(&e), right: right.clone().unwrap_or_default() }) };
                    let edit_right = { let (on_edit, id, left) = (on_edit.clone(), id.clone(), left.clone());
                        move |e: InputEvent| on_edit.emit(ListEdit::Edit { id: id.clone(), left: left.clone(), right: event_value(&e) }) };
                    let keys = { let (on_edit, id) = (on_edit.clone(), id.clone());
                        move |e: KeyboardEvent| if e.alt_key() && (e.key() == "ArrowUp" || e.key() == "ArrowDown") {
                            e.prevent_default();
                            on_edit.emit(ListEdit::Move { id: id.clone(), delta: if e.key() == "ArrowUp" { -1 } else { 1 } });
                        } };
                    let mover = |delta: i32| { let (on_edit, id) = (on_edit.clone(), id.clone()); move |_| on_edit.emit(ListEdit::Move { id: id.clone(), delta }) };
                    let remove = { let (on_edit, id) = (on_edit.clone(), id.clone()); move |_| on_edit.emit(ListEdit::Remove(id.clone())) };
                    let label = format!("{} {}", props.noun, n + 1);
                    html! {
                        <li key={id.to_string()} class="dp-list-editor__item">
                            <input class="dp-input dp-list-editor__input" aria-label={if is_pair { format!("{label}: {}", props.sides.0) } else { label.clone() }}
                                value={left.clone()} maxlength="1000" oninput={edit_left} onkeydown={keys.clone()} />
                            if let Some(right) = right {
                                <span aria-hidden="true">{ "→" }</span>
                                <input class="dp-input dp-list-editor__input" aria-label={format!("{label}: {}", props.sides.1)}
                                    value={right} maxlength="1000" oninput={edit_right} onkeydown={keys} />
                            }
                            <span class="dp-list-editor__buttons">
                                <button type="button" class="dp-button dp-button--icon" aria-label={format!("Move {label} up")} disabled={n == 0} onclick={mover(-1)}>{ "↑" }</button>
                                <button type="button" class="dp-button dp-button--icon" aria-label={format!("Move {label} down")} disabled={n + 1 == count} onclick={mover(1)}>{ "↓" }</button>
                                <button type="button" class="dp-button dp-button--icon" aria-label={format!("Delete {label}")} onclick={remove}>{ "✕" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ol>
            <form class="dp-inline-form dp-list-editor__add" onsubmit={on_add}>
                <input class="dp-input dp-list-editor__input" aria-label={if is_pair { format!("New {}: {}", props.noun, props.sides.0) } else { format!("New {}", props.noun) }}
                    placeholder={if is_pair { props.sides.0.clone() } else { AttrValue::from(format!("New {}", props.noun)) }}
                    value={draft.0.clone()} maxlength="1000"
                    oninput={{ let d = draft.clone(); move |e: InputEvent| d.set((event_value(&e), d.1.clone())) }} />
                if is_pair {
                    <input class="dp-input dp-list-editor__input" aria-label={format!("New {}: {}", props.noun, props.sides.1)}
                        placeholder={props.sides.1.clone()} value={draft.1.clone()} maxlength="1000"
                        oninput={{ let d = draft.clone(); move |e: InputEvent| d.set((d.0.clone(), event_value(&e))) }} />
                }
                <button type="submit" class="dp-button">{ "Add" }</button>
            </form>
        </section>
    }
}
