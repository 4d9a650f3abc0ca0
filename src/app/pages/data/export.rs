//! Export everything as one JSON file, with when the last backup was made.

use yew::prelude::*;

use crate::app::parts::{button, muted, subtitle};

use crate::app::ctx::Ctx;
use crate::domain::text::count;

pub fn export(ctx: &Ctx) -> Html {
    let on_export = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.export_all())
    };
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
        <section class="dp-section" aria-labelledby="dp-export-title">
            { subtitle("dp-export-title", "Export") }
            <p>{ backup_status }</p>
            <div class="dp-row">
                { button("dp-button dp-button--primary", "Export everything (JSON)", Callback::from(on_export)) }
                <button type="button" class="dp-button" onclick={{ let ctx = ctx.clone(); move |_| ctx.export_readable() }}>{ "Export as readable text" }</button>
            </div>
            { muted("The JSON file is the backup Deal Prep can import. The readable text is one Markdown file with every deal — people, qualification, calls with their plans and reviews — to read, search, or paste into a CRM.") }
        </section>
    }
}
