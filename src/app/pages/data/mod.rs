//! The data view: export, import with a preview, storage usage and persistence, backup status,
//! records kept aside, and "delete all data" behind a typed confirmation.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::parts::bind;

use crate::app::ctx::Ctx;
use crate::app::platform;
use crate::domain::text::{count, size};
use crate::domain::{order, Id};
use crate::store::rules::{Merge, Resolve};
use crate::store::transfer::{self, ExportFile};

#[derive(Clone, PartialEq)]
struct Pending {
    file: Rc<ExportFile>,
    plan: Rc<Vec<(Id, Merge)>>,
    names: Rc<BTreeMap<Id, String>>,
}

/// What a merge does with a deal: (the list's sentence, the summary's words).
fn label(merge: Merge) -> (&'static str, &'static str) {
    match merge {
        Merge::New => ("New", "new"),
        Merge::Updated => ("Newer in the file: replaces yours", "newer in the file"),
        Merge::Unchanged => ("Unchanged", "unchanged"),
        Merge::Older => ("Older in the file: yours is kept", "older in the file"),
        Merge::Conflict => (
            "Changed on both sides: choose what to keep",
            "changed on both sides",
        ),
        Merge::KeptAside => (
            "Yours is kept aside (unreadable here): not imported",
            "kept aside here",
        ),
    }
}

#[component]
pub fn DataPage() -> Html {
    let ctx = use_context::<Ctx>().expect("DataPage is rendered inside the app");
    let pending = use_state(|| None::<Pending>);
    let choices = use_state(BTreeMap::<Id, Resolve>::new);
    let drop_missing = use_state(|| false);
    let import_error = use_state(|| None::<String>);
    let confirm_text = use_state(String::new);
    let persisted = use_state(|| None::<bool>);
    let estimate = use_state(|| None::<platform::Estimate>);
    {
        let estimate = estimate.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move { estimate.set(platform::estimate().await) });
        });
    }
    let dragging = use_state(|| false);
    {
        let persisted = persisted.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move { persisted.set(platform::persisted().await) });
        });
    }

    let on_text = {
        let (ctx, pending, import_error) = (ctx.clone(), pending.clone(), import_error.clone());
        Callback::from(move |text: Result<String, String>| {
            let parsed = text
                .map_err(|e| format!("The file could not be read: {e}"))
                .and_then(|t| transfer::parse_import(&t).map_err(|e| format!("Nothing was imported. {e}")));
            match parsed {
                Ok(file) => {
                    let plan = ctx.import_plan(&file);
                    let names = order::map_of(
                        file.deals
                            .iter()
                            .map(|d| (d.id.clone(), format!("{} — {}", d.client, d.name))),
                    );
                    import_error.set(None);
                    pending.set(Some(Pending {
                        file: Rc::new(file),
                        plan: Rc::new(plan),
                        names: Rc::new(names),
                    }));
                }
                Err(e) => {
                    pending.set(None);
                    import_error.set(Some(e));
                }
            }
        })
    };
    let read = {
        let on_text = on_text.clone();
        move |file: Option<web_sys::File>| {
            let on_text = on_text.clone();
            if let Some(file) = file {
                if file.size() > transfer::MAX_BYTES as f64 {
                    on_text.emit(Err(format!(
                        "the file is {} MB; the limit is 10 MB",
                        // Whole megabytes: formatting an f64 would pull float printing into the wasm.
                        (file.size() / 1_048_576.0).ceil() as u64
                    )));
                    return;
                }
                yew::platform::spawn_local(async move { on_text.emit(platform::read_text(file).await) });
            }
        }
    };
    let on_pick = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            read(input.files().and_then(|f| f.get(0)));
            input.set_value("");
        })
    };
    let on_drop = {
        let (read, dragging) = (read.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            read(e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };

    let on_merge = {
        let (ctx, pending, choices) = (ctx.clone(), pending.clone(), choices.clone());
        Callback::from(move |_| {
            if let Some(p) = &*pending {
                ctx.merge(&p.file, &choices);
            }
            pending.set(None);
            choices.set(BTreeMap::new());
        })
    };
    let on_replace = {
        let (ctx, pending, drop_missing) = (ctx.clone(), pending.clone(), drop_missing.clone());
        Callback::from(move |_| {
            let Some(p) = &*pending else { return };
            match ctx.replace(&p.file, *drop_missing) {
                Ok(()) => pending.set(None),
                Err(e) => ctx.notify_error(format!("Nothing was replaced: {e}")),
            }
        })
    };
    let on_cancel = {
        let pending = pending.clone();
        Callback::from(move |_| pending.set(None))
    };
    let on_export = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.export_all())
    };
    let on_persist = {
        let persisted = persisted.clone();
        Callback::from(move |_| {
            let persisted = persisted.clone();
            yew::platform::spawn_local(async move { persisted.set(platform::persist().await) });
        })
    };
    let on_delete_all = {
        let (ctx, confirm_text) = (ctx.clone(), confirm_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if confirm_text.trim() != "delete" {
                return;
            }
            ctx.delete_all();
            confirm_text.set(String::new());
        })
    };

    // Counting reads every stored value: only when the data changed, not on each keystroke here.
    let used = {
        let ctx = ctx.clone();
        *use_memo(
            (ctx.state.seq, ctx.state.index.len(), ctx.state.problems.len()),
            move |_| ctx.chars_used(),
        )
    };
    // Tenths of a percent of the 5 MB most browsers allow; u64, so large stores cannot overflow.
    let quota_bytes: u64 = 5 * 1024 * 1024;
    let percent = used * 2 * 1000 / quota_bytes;
    let meta = &ctx.state.meta;
    let backup_status = match meta.last_export {
        None => "You have not exported a backup yet.".to_owned(),
        Some(at) => format!(
            "Last export: {} ({} since).",
            at.human(),
            count(meta.edits_since_export as usize, "edit", "edits")
        ),
    };

    html! {
        <section class="dp-data" aria-labelledby="dp-data-title">
            <h1 id="dp-data-title" class="dp-title">{ "Your data" }</h1>

            <section class="dp-section" aria-labelledby="dp-export-title">
                <h2 id="dp-export-title" class="dp-subtitle">{ "Export" }</h2>
                <p>{ backup_status }</p>
                <button type="button" class="dp-button dp-button--primary" onclick={on_export}>{ "Export everything (JSON)" }</button>
            </section>

            <section class="dp-section" aria-labelledby="dp-import-title">
                <h2 id="dp-import-title" class="dp-subtitle">{ "Import" }</h2>
                <div class={classes!("dp-drop", dragging.then_some("dp-drop--over"))}
                    ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                    <label class="dp-field">
                        <span>{ "Choose a Deal Prep export file, or drop it here" }</span>
                        <input type="file" accept=".json,application/json" name="import" onchange={on_pick} />
                    </label>
                </div>
                if let Some(error) = &*import_error {
                    <p class="dp-error" role="alert">{ error.clone() }</p>
                }
                if let Some(p) = &*pending {
                    <div class="dp-preview" role="region" aria-label="Import preview">
                        <p>{ [Merge::New, Merge::Updated, Merge::Unchanged, Merge::Older, Merge::Conflict, Merge::KeptAside]
                            .iter()
                            .map(|m| (m, p.plan.iter().filter(|(_, x)| x == m).count()))
                            .filter(|(_, n)| *n > 0)
                            .map(|(m, n)| format!("{n} {}", label(*m).1))
                            .collect::<Vec<_>>()
                            .join(" · ") }</p>
                        <ul class="dp-preview__list">
                            { for p.plan.iter().filter(|(_, m)| *m != Merge::Unchanged).take(50).map(|(id, merge)| {
                                let name = p.names.get(id).cloned().unwrap_or_default();
                                let choice = choices.get(id).copied().unwrap_or_default();
                                let on_choose = { let (choices, id) = (choices.clone(), id.clone());
                                    move |e: Event| {
                                        let pick = match crate::app::parts::event_value(&e).as_str() { "file" => Resolve::TakeFile, "both" => Resolve::KeepBoth, _ => Resolve::KeepMine };
                                        let mut next = (*choices).clone();
                                        next.insert(id.clone(), pick);
                                        choices.set(next);
                                    } };
                                html! {
                                    <li key={id.to_string()} class="dp-preview__item">
                                        <strong>{ name.clone() }</strong>{ format!(" — {}", label(*merge).0) }
                                        if *merge == Merge::Conflict {
                                            <select class="dp-input" name="conflict" aria-label={format!("What to keep of {name}")} onchange={on_choose}>
                                                <option value="mine" selected={choice == Resolve::KeepMine}>{ "Keep mine" }</option>
                                                <option value="file" selected={choice == Resolve::TakeFile}>{ "Take the file's" }</option>
                                                <option value="both" selected={choice == Resolve::KeepBoth}>{ "Keep both" }</option>
                                            </select>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                        <label class="dp-check">
                            <input type="checkbox" name="drop-missing" checked={*drop_missing}
                                onchange={{ let d = drop_missing.clone(); move |_| d.set(!*d) }} />
                            { "When replacing, also remove my deals that are not in the file" }
                        </label>
                        <div class="dp-row">
                            <button type="button" class="dp-button dp-button--primary" onclick={on_merge}>{ "Merge" }</button>
                            <button type="button" class="dp-button dp-button--danger" onclick={on_replace}>{ "Replace with the file (downloads a backup first)" }</button>
                            <button type="button" class="dp-button" onclick={on_cancel}>{ "Cancel" }</button>
                        </div>
                    </div>
                }
            </section>

            <section class="dp-section" aria-labelledby="dp-storage-title">
                <h2 id="dp-storage-title" class="dp-subtitle">{ "Storage" }</h2>
                if web_sys::window().and_then(|w| w.location().protocol().ok()).as_deref() == Some("file:") {
                    <p class="dp-muted" role="note">{ "This copy runs from a file on your disk. Its data belongs to this browser and to this file's location: opened from another folder, or after the file is moved, it starts empty. Export now and then to keep your work." }</p>
                }
                <dl class="dp-facts">
                    <dt>{ "Namespace" }</dt><dd><code>{ ctx.namespace().to_owned() }</code></dd>
                    <dt>{ "Used" }</dt>
                    <dd>{ format!("{} of 5 MB ({}.{} %)", size(used * 2), percent / 10, percent % 10) }</dd>
                    if let Some(e) = *estimate {
                        <dt>{ "This site in total" }</dt>
                        <dd>{ format!("{} used of {} the browser allows (all storage kinds)", size(e.usage as u64), size(e.quota as u64)) }</dd>
                    }
                    <dt>{ "Kept by the browser" }</dt>
                    <dd>
                        { match *persisted {
                            Some(true) => "Yes: the browser keeps this data even when space runs low.",
                            Some(false) => "Not guaranteed: the browser may clear it when space runs low.",
                            None => "Unknown in this browser.",
                        } }
                        if *persisted == Some(false) {
                            { " " }<button type="button" class="dp-button" onclick={on_persist}>{ "Ask to keep it" }</button>
                        }
                    </dd>
                </dl>
            </section>

            if !ctx.state.problems.is_empty() {
                <section class="dp-section" aria-labelledby="dp-problems-title">
                    <h2 id="dp-problems-title" class="dp-subtitle">{ "Records kept aside" }</h2>
                    <p>{ "These records could not be read. They are left untouched until you decide." }</p>
                    <ul class="dp-problems">
                        { for ctx.state.problems.iter().map(|p| {
                            let (raw, key) = (p.raw.clone(), p.key.clone());
                            let (ctx2, key2) = (ctx.clone(), p.key.clone());
                            let ctx3 = ctx.clone();
                            html! {
                                <li key={p.key.clone()} class="dp-problem">
                                    <code>{ p.key.clone() }</code>{ format!(": {}", p.error) }
                                    <div class="dp-row">
                                        <button type="button" class="dp-button" onclick={move |_| {
                                            let name = format!("{}.json", key.replace(':', "-"));
                                            if let Err(e) = platform::download(&name, "application/json", &raw) {
                                                ctx3.notify_error(format!("The download did not start: {e}"));
                                            }
                                        }}>{ "Download raw text" }</button>
                                        <button type="button" class="dp-button dp-button--danger" onclick={move |_| ctx2.discard(&key2)}>{ "Discard" }</button>
                                    </div>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }

            <section class="dp-section" aria-labelledby="dp-delete-title">
                <h2 id="dp-delete-title" class="dp-subtitle">{ "Delete all data" }</h2>
                <form class="dp-inline-form" onsubmit={on_delete_all}>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Type “delete” to remove every deal and template in this browser" }</span>
                        <input class="dp-input" name="confirm-delete" value={(*confirm_text).clone()} autocomplete="off"
                            oninput={bind(&confirm_text)} />
                    </label>
                    <button type="submit" class="dp-button dp-button--danger" disabled={confirm_text.trim() != "delete"}>{ "Delete all data" }</button>
                </form>
            </section>
        </section>
    }
}
