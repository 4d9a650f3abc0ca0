//! The data view: export, import with a preview, storage usage and persistence, backup status,
//! records kept aside, and "delete all data" behind a typed confirmation.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::bind;

use super::browser;
use super::now;
use super::root::Ctx;
use super::state::{Msg, Notice};
use crate::domain::text::{count, size};
use crate::domain::{order, Deal, Id};
use crate::store::local::Meta;
use crate::store::transfer::{self, ExportFile, Preview};
use crate::store::IndexEntry;

/// Every deal to export: what storage holds, with in-memory versions that are newer (edits a
/// full or blocked storage could not keep) taking their place.
pub fn deals_for_export(ctx: &Ctx) -> Vec<Deal> {
    let (stored, _) = ctx.store.all_deals();
    let mut by_id = order::map_of(stored.into_iter().map(|d| (d.id.clone(), d)));
    for deal in ctx.state.book.deals.values() {
        if by_id.get(&deal.id).is_none_or(|s| s.rev < deal.rev) {
            by_id.insert(deal.id.clone(), deal.clone());
        }
    }
    by_id.into_values().collect()
}

/// Downloads everything as one JSON file and records the export time.
pub fn export_all(ctx: &Ctx) {
    let started = super::perf_now();
    let file = transfer::export(deals_for_export(ctx), ctx.state.book.templates.clone(), now());
    let name = transfer::file_name(file.exported_at, None);
    let json = transfer::to_json(&file);
    super::mark_host("data-export-us", &super::micros(started));
    super::mark_host("data-export-at", &((started * 1000.0) as i64).to_string());
    match browser::download(&name, "application/json", &json) {
        Ok(()) => {
            let meta = Meta {
                last_export: Some(file.exported_at),
                ..Meta::default()
            };
            let _ = ctx.store.save_meta(&meta);
            ctx.state.dispatch(Msg::Meta(meta));
        }
        Err(e) => ctx.state.dispatch(Msg::Notify(Some(Notice::Error(format!(
            "The export could not be downloaded: {e}"
        ))))),
    }
}

/// Downloads one deal as its own file.
pub fn export_deal(ctx: &Ctx, deal: &Deal) {
    let file = transfer::export(vec![deal.clone()], ctx.state.book.templates.clone(), now());
    let name = transfer::file_name(file.exported_at, Some(&deal.name));
    if let Err(e) = browser::download(&name, "application/json", &transfer::to_json(&file)) {
        ctx.state.dispatch(Msg::Notify(Some(Notice::Error(format!(
            "The export could not be downloaded: {e}"
        )))));
    }
}

#[derive(Clone, PartialEq)]
struct Pending {
    file: Rc<ExportFile>,
    preview: Preview,
    names: Rc<BTreeMap<Id, String>>,
}

#[component]
pub fn DataPage() -> Html {
    let ctx = use_context::<Ctx>().expect("DataPage is rendered inside the app");
    let pending = use_state(|| None::<Pending>);
    let import_error = use_state(|| None::<String>);
    let confirm_text = use_state(String::new);
    let persisted = use_state(|| None::<bool>);
    let estimate = use_state(|| None::<browser::Estimate>);
    {
        let estimate = estimate.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move { estimate.set(browser::estimate().await) });
        });
    }
    let dragging = use_state(|| false);
    {
        let persisted = persisted.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move { persisted.set(browser::persisted().await) });
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
                    let (stored, _) = ctx.store.all_deals();
                    let stored = order::map_of(stored.into_iter().map(|d| (d.id.clone(), d)));
                    let preview = transfer::preview(&stored, &file.deals);
                    let names = order::map_of(
                        file.deals
                            .iter()
                            .map(|d| (d.id.clone(), format!("{} — {}", d.client, d.name))),
                    );
                    import_error.set(None);
                    pending.set(Some(Pending {
                        file: Rc::new(file),
                        preview,
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
                        (file.size() / 1_048_576.0).ceil()
                    )));
                    return;
                }
                yew::platform::spawn_local(async move { on_text.emit(browser::read_text(file).await) });
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

    let apply = {
        let (ctx, pending) = (ctx.clone(), pending.clone());
        move |replace: bool| {
            let Some(p) = (*pending).clone() else { return };
            let book = ctx.state.book.clone();
            let entry_of = |d: &Deal| IndexEntry::of(d, book.template_for(d), now());
            if replace {
                // The automatic backup comes first; without it nothing is replaced.
                let backup = transfer::export(deals_for_export(&ctx), book.templates.clone(), now());
                let name = transfer::file_name(backup.exported_at, Some("backup before replace"));
                if let Err(e) = browser::download(&name, "application/json", &transfer::to_json(&backup)) {
                    ctx.state.dispatch(Msg::Notify(Some(Notice::Error(format!(
                        "The backup could not be downloaded ({e}), so nothing was replaced."
                    )))));
                    return;
                }
                ctx.store.clear_all();
            }
            let to_write: Vec<&Deal> = if replace {
                p.file.deals.iter().collect()
            } else {
                let ids = p.preview.to_write();
                p.file.deals.iter().filter(|d| ids.contains(&d.id)).collect()
            };
            let mut result = ctx.store.write_deals(&to_write, entry_of);
            // Templates: replace takes the file's; merge adds the ones not known here.
            let mut templates = book.templates.clone();
            if replace && !p.file.templates.is_empty() {
                templates = p.file.templates.clone();
            } else {
                let new: Vec<_> = p
                    .file
                    .templates
                    .iter()
                    .filter(|t| book.template(&t.id).is_none())
                    .cloned()
                    .collect();
                templates.extend(new);
            }
            if result.is_ok() && templates != book.templates {
                result = ctx.store.save_templates(&templates).map(|_| to_write.len());
            }
            let loaded = ctx.store.load(|d| book.template_for(d).clone(), now());
            ctx.state.dispatch(Msg::Reload(Box::new(loaded)));
            let notice = match result {
                Ok(n) if ctx.store.is_available() => {
                    Notice::Info(format!("Imported {}.", count(n, "deal", "deals")))
                }
                Ok(_) => Notice::Error("Storage is unavailable here, so nothing could be imported.".into()),
                Err(e) => Notice::Error(format!("The import stopped: {e}")),
            };
            ctx.state.dispatch(Msg::Notify(Some(notice)));
            pending.set(None);
        }
    };
    let on_merge = {
        let apply = apply.clone();
        Callback::from(move |_| apply(false))
    };
    let on_replace = Callback::from(move |_| apply(true));
    let on_cancel = {
        let pending = pending.clone();
        Callback::from(move |_| pending.set(None))
    };
    let on_export = {
        let ctx = ctx.clone();
        Callback::from(move |_| export_all(&ctx))
    };
    let on_persist = {
        let persisted = persisted.clone();
        Callback::from(move |_| {
            let persisted = persisted.clone();
            yew::platform::spawn_local(async move { persisted.set(browser::persist().await) });
        })
    };
    let on_delete_all = {
        let (ctx, confirm_text) = (ctx.clone(), confirm_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if confirm_text.trim() != "delete" {
                return;
            }
            ctx.store.clear_all();
            let book = ctx.state.book.clone();
            ctx.state.dispatch(Msg::Reload(Box::new(
                ctx.store.load(|d| book.template_for(d).clone(), now()),
            )));
            ctx.state.dispatch(Msg::Meta(Meta::default()));
            ctx.state.dispatch(Msg::Notify(Some(Notice::Info(
                "All Deal Prep data in this browser was deleted.".into(),
            ))));
            confirm_text.set(String::new());
        })
    };

    // Counting reads every stored value: only when the data changed, not on each keystroke here.
    let used = {
        let store = ctx.store.clone();
        *use_memo(
            (ctx.state.seq, ctx.state.index.len(), ctx.state.problems.len()),
            move |_| store.chars_used(),
        )
    };
    let quota_bytes = 5 * 1024 * 1024;
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
                        <p>{ format!(
                            "{} new, {} updated, {} unchanged, {} conflicting (kept as stored).",
                            p.preview.new.len(), p.preview.updated.len(), p.preview.unchanged.len(), p.preview.conflicting.len()
                        ) }</p>
                        <ul class="dp-preview__list">
                            { for [("New", &p.preview.new), ("Updated", &p.preview.updated), ("Conflicting: stored version kept", &p.preview.conflicting)]
                                .into_iter().filter(|(_, ids)| !ids.is_empty()).map(|(label, ids)| html! {
                                    <li key={label}>
                                        <strong>{ label }{ ": " }</strong>
                                        { ids.iter().take(20).map(|id| p.names.get(id).cloned().unwrap_or_default()).collect::<Vec<_>>().join("; ") }
                                        if ids.len() > 20 { { format!(" and {} more", ids.len() - 20) } }
                                    </li>
                                }) }
                        </ul>
                        <div class="dp-row">
                            <button type="button" class="dp-button dp-button--primary" onclick={on_merge}>{ "Merge (keep newer versions)" }</button>
                            <button type="button" class="dp-button dp-button--danger" onclick={on_replace}>{ "Replace everything (downloads a backup first)" }</button>
                            <button type="button" class="dp-button" onclick={on_cancel}>{ "Cancel" }</button>
                        </div>
                    </div>
                }
            </section>

            <section class="dp-section" aria-labelledby="dp-storage-title">
                <h2 id="dp-storage-title" class="dp-subtitle">{ "Storage" }</h2>
                <dl class="dp-facts">
                    <dt>{ "Namespace" }</dt><dd><code>{ ctx.store.namespace().to_owned() }</code></dd>
                    <dt>{ "Used" }</dt>
                    <dd>{ format!("{} of 5 MB ({}.{} %)", size(used as u64 * 2), percent / 10, percent % 10) }</dd>
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
                            html! {
                                <li key={p.key.clone()} class="dp-problem">
                                    <code>{ p.key.clone() }</code>{ format!(": {}", p.error) }
                                    <div class="dp-row">
                                        <button type="button" class="dp-button" onclick={move |_| {
                                            let name = format!("{}.json", key.replace(':', "-"));
                                            let _ = browser::download(&name, "application/json", &raw);
                                        }}>{ "Download raw text" }</button>
                                        <button type="button" class="dp-button dp-button--danger" onclick={move |_| {
                                            ctx2.store.discard(&key2);
                                            let book = ctx2.state.book.clone();
                                            ctx2.state.dispatch(Msg::Reload(Box::new(ctx2.store.load(|d| book.template_for(d).clone(), now()))));
                                        }}>{ "Discard" }</button>
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
