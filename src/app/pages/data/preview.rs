//! What an import would do, deal by deal, with a choice for each deal changed on both sides;
//! then merge, replace (after a backup), or cancel.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::parts::button;

use crate::app::ctx::Ctx;
use crate::app::parts::event_value;
use crate::domain::Id;
use crate::store::rules::{Choices, Merge, Resolve};
use crate::store::transfer::{self, ExportFile};

#[derive(Clone)]
pub struct Pending {
    pub file: Rc<ExportFile>,
    pub plan: Rc<Vec<(Id, Merge)>>,
}

impl Pending {
    /// Reads an import file's text into what the preview shows, or says why it can't.
    pub fn read(ctx: &Ctx, text: Result<String, String>) -> Result<Pending, String> {
        let text = text.map_err(|e| format!("The file could not be read: {e}"))?;
        let file = transfer::parse_import(&text).map_err(|e| format!("Nothing was imported. {e}"))?;
        let plan = ctx.import_plan(&file);
        Ok(Pending {
            file: Rc::new(file),
            plan: Rc::new(plan),
        })
    }
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

/// The preview of `p`; `on_done` when it was applied or cancelled.
pub fn preview(ctx: &Ctx, ui: &super::DataUi, p: &Pending, on_done: Callback<()>) -> Html {
    let (choices, drop_missing) = (ui.choices.clone(), ui.drop_missing.clone());
    let on_merge = {
        let (ctx, p, choices, done) = (ctx.clone(), p.clone(), choices.clone(), on_done.clone());
        Callback::from(move |_| {
            ctx.merge(&p.file, &choices);
            done.emit(());
            choices.set(Choices::default());
        })
    };
    let on_replace = {
        let (ctx, p, drop_missing, done) = (ctx.clone(), p.clone(), drop_missing.clone(), on_done.clone());
        Callback::from(move |_| match ctx.replace(&p.file, *drop_missing) {
            Ok(()) => done.emit(()),
            Err(e) => ctx.notify_error(format!("Nothing was replaced: {e}")),
        })
    };
    let on_cancel = {
        let done = on_done.clone();
        Callback::from(move |_| done.emit(()))
    };

    html! {
            <div class="dp-preview" role="region" aria-label="Import preview">
                <p>{ crate::domain::text::join([Merge::New, Merge::Updated, Merge::Unchanged, Merge::Older, Merge::Conflict, Merge::KeptAside]
                    .iter()
                    .map(|m| (m, p.plan.iter().filter(|(_, x)| x == m).count()))
                    .filter(|(_, n)| *n > 0)
                    .map(|(m, n)| format!("{n} {}", label(*m).1)), " · ") }</p>
                <ul class="dp-preview__list">
                    // Every row (the plan is in the file's order): each deal changed on both
                    // sides needs a choice, and the list scrolls on its own.
                    { for p.plan.iter().zip(p.file.deals.iter()).filter(|((_, m), _)| *m != Merge::Unchanged).map(|((id, merge), d)| {
                        let name = format!("{} — {}", d.client, d.name);
                        let choice = choices.get(id).copied().unwrap_or_default();
                        let on_choose = { let (choices, id) = (choices.clone(), id.clone());
                            move |e: Event| {
                                let pick = match event_value(&e).as_str() { "file" => Resolve::TakeFile, "both" => Resolve::KeepBoth, _ => Resolve::KeepMine };
                                let mut next = (*choices).clone();
                                next.insert(id.clone(), pick);
                                choices.set(next);
                            } };
                        html! {
                            <li key={id.as_str()} class="dp-preview__item">
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
                    { button("dp-button dp-button--primary", "Merge", Callback::from(on_merge)) }
                    { button("dp-button dp-button--danger", "Replace with the file (downloads a backup first)", Callback::from(on_replace)) }
                    { button("dp-button", "Cancel", Callback::from(on_cancel)) }
                </div>
            </div>
    }
}
