//! Editable lists for the call plan: plain lines (agenda, questions) and pairs ("cares about →
//! how we meet it", "objection → response"). Everything works from the keyboard: Enter adds,
//! Alt+↑/↓ moves the focused line, and each line has move and delete buttons.

use yew::prelude::*;

use crate::app::parts::{event_value, rows_for, submit, submitted, typed};
use crate::app::platform::new_id;

use crate::domain::{Id, ListItem, Pair, Placed};

pub use crate::domain::ListEdit;

/// The rows of a list: id, text (or left side), and the right side of a pair.
pub type Rows = Vec<(Id, String, Option<String>)>;

/// Rows of a plain list.
pub fn lines(items: &[ListItem]) -> Rows {
    items
        .iter()
        .map(|l| (l.id.clone(), l.text.clone(), None))
        .collect()
}

/// Rows of a pair list.
pub fn pairs(items: &[Pair]) -> Rows {
    items
        .iter()
        .map(|p| (p.id.clone(), p.left.clone(), Some(p.right.clone())))
        .collect()
}

/// One list: `title`, `noun` for a new line ("discovery question"), `sides` for a pair list,
/// and the playbook's lines the browser suggests while a new one is typed (a `<datalist>`,
/// its id scoped by the instance's `namespace`: two instances on one page each suggest their
/// own lines). A view function: the add form's fields are plain (uncontrolled) inputs read on
/// submit, so the editor holds no state of its own.
pub fn list_editor(
    namespace: &str,
    title: &'static str,
    noun: &'static str,
    rows: Rows,
    sides: Option<(&'static str, &'static str)>,
    suggest: Vec<String>,
    on_edit: Callback<ListEdit>,
) -> Html {
    let is_pair = sides.is_some();
    let (left_side, right_side) = sides.unwrap_or_default();
    let list_id = (!suggest.is_empty()).then(|| {
        format!(
            "dp-suggest-{namespace}-{}",
            noun.split(' ').next().unwrap_or(noun)
        )
    });
    let options = html! {
        if let Some(id) = &list_id {
            <datalist id={id.clone()}>
                { for suggest.into_iter().map(|text| html! { <option value={text} /> }) }
            </datalist>
        }
    };
    let on_add = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some((form, mut v)) = submitted(&e, &["left", "right"]) else {
                return;
            };
            // Either side is enough: a response may be written before its objection.
            if v.iter().any(typed) {
                let (right, left) = (v.pop().unwrap_or_default(), v.pop().unwrap_or_default());
                on_edit.emit(ListEdit::Add(Placed {
                    at: usize::MAX,
                    id: new_id('l'),
                    left,
                    right,
                    done: false,
                }));
                form.reset();
            }
        })
    };
    let count = rows.len();
    html! {
        <section class="dp-list-editor" aria-label={title}>
            // h2: the plan's lists are the first headings under the call's title.
            <h2 class="dp-subtitle dp-subtitle--small">{ title }</h2>
            <ol class="dp-list-editor__items">
                { for rows.into_iter().enumerate().map(|(n, (id, left, right))| {
                    let on_edit = on_edit.clone();
                    // Each side saves as typed, and only itself.
                    let side = |right: bool| { let (on_edit, id) = (on_edit.clone(), id.clone());
                        move |e: InputEvent| on_edit.emit(ListEdit::Edit { id: id.clone(), right, text: event_value(&e) }) };
                    let keys = { let (on_edit, id) = (on_edit.clone(), id.clone());
                        move |e: KeyboardEvent| if e.alt_key() && (e.key() == "ArrowUp" || e.key() == "ArrowDown") {
                            e.prevent_default();
                            on_edit.emit(ListEdit::Move { id: id.clone(), delta: if e.key() == "ArrowUp" { -1 } else { 1 } });
                        } };
                    let mover = |delta: i32| { let (on_edit, id) = (on_edit.clone(), id.clone()); move |_| on_edit.emit(ListEdit::Move { id: id.clone(), delta }) };
                    let remove = { let (on_edit, id) = (on_edit.clone(), id.clone()); move |_| on_edit.emit(ListEdit::Remove(id.clone())) };
                    let label = format!("{} {}", noun, n + 1);
                    html! {
                        <li key={id.as_str()} class="dp-list-editor__item">
                            <textarea class="dp-input dp-list-editor__input dp-grow" aria-label={if is_pair { format!("{label}: {}", left_side) } else { label.clone() }}
                                rows={rows_for(&left)} value={left.clone()} maxlength="1000" oninput={side(false)} onkeydown={keys.clone()} />
                            if let Some(right) = right {
                                <span aria-hidden="true">{ "→" }</span>
                                <textarea class="dp-input dp-list-editor__input dp-grow" aria-label={format!("{label}: {}", right_side)}
                                    rows={rows_for(&right)} value={right.clone()} maxlength="1000" oninput={side(true)} onkeydown={keys} />
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
            <form class="dp-inline-form dp-add dp-list-editor__add" onsubmit={on_add}>
                <input class="dp-input dp-list-editor__input" name="left" aria-label={if is_pair { format!("New {noun}: {left_side}") } else { format!("New {noun}") }}
                    placeholder={if is_pair { left_side.to_owned() } else { format!("New {noun}") }} maxlength="1000" list={list_id} />
                { options }
                if is_pair {
                    <input class="dp-input dp-list-editor__input" name="right" aria-label={format!("New {noun}: {right_side}")}
                        placeholder={right_side} maxlength="1000" />
                }
                { submit("dp-button", "Add") }
            </form>
        </section>
    }
}
