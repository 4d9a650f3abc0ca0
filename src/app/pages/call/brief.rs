//! The call brief: the one-page print view, "Print call brief" and "Copy as Markdown" (with a
//! text box to copy from when the clipboard is refused). Same content in both.

use yew::prelude::*;

use crate::app::parts::button;

use crate::app::ctx::Ctx;
use crate::app::platform;
use crate::app::route::Route;
use crate::domain::{brief, ics, Call, Deal, Template};
use crate::store::transfer;

/// The one-page brief the print stylesheet shows instead of the editors (inputs do not wrap
/// on paper). Same content as the Markdown copy.
pub fn print_brief(deal: &Deal, call: &Call, template: &Template) -> Html {
    let attendees = brief::Part {
        title: "Attendees".into(),
        lines: call
            .attendees
            .iter()
            .filter_map(|id| deal.person(id))
            .map(|p| p.with_roles())
            .collect(),
        list: true,
        checks: Vec::new(),
    };
    let parts = brief::parts(deal, call, template);
    html! {
        <div class="dp-print-brief" aria-hidden="true">
            <p class="dp-print-brief__meta">{ format!("Stage: {}", deal.stage.label()) }</p>
            { for std::iter::once(attendees).filter(|a| !a.lines.is_empty()).chain(parts).map(|part| html! {
                <section class="dp-print-brief__section">
                    <h2>{ part.title }</h2>
                    <ul>{ for part.lines.iter().enumerate().map(|(n, line)| html! {
                        <li key={n}>{ match part.checks.get(n) {
                            Some(true) => format!("☑ {line}"),
                            Some(false) => format!("☐ {line}"),
                            None => line.clone(),
                        } }</li>
                    }) }</ul>
                </section>
            }) }
        </div>
    }
}

/// Makes a button's text from the call (a brief, a calendar file), or nothing.
type Make = fn(&Deal, &Call, &Template, crate::domain::Minutes) -> Option<String>;

/// The print and copy buttons, the copy fallback, and the live score linking to its breakdown.
pub fn tools(ctx: &Ctx, deal: &Deal, call: &Call, ui: &super::CallUi) -> Html {
    let template = ctx.state.book.template_for(deal);
    let now = platform::now();
    let process = crate::domain::score(deal, template, now).total;
    // What a button hands over is made when it is clicked, from the state then: the page
    // renders at every keystroke, and a brief or a calendar file is needed only on a click.
    let at_click = |make: Make, then: Callback<String>| {
        let (ctx, deal_id, call_id) = (ctx.clone(), deal.id.clone(), call.id.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((deal, call)) = ctx.call(&deal_id, &call_id) else {
                return;
            };
            let template = ctx.state.book.template_for(deal);
            if let Some(text) = make(deal, call, template, platform::now()) {
                then.emit(text);
            }
        })
    };
    // The internal brief, and the agenda for the client (objective, agenda, attendees only).
    let copy = {
        let copy = ui.copy.clone();
        Callback::from(move |markdown: String| {
            // Kept for the text box shown when the browser refuses the clipboard.
            let (copy, text) = (copy.clone(), markdown.clone());
            platform::copy(
                &markdown,
                Box::new(move |copied| {
                    copy.set(Some(match copied {
                        true => super::Copy::Done,
                        false => super::Copy::ByHand(text),
                    }))
                }),
            );
        })
    };
    let on_copy = at_click(|d, c, t, _| Some(brief::markdown(d, c, t)), copy.clone());
    let on_copy_client = at_click(|d, c, _, _| Some(brief::client_agenda(d, c)), copy);
    // Calendar files: the call while it is ahead, the next step once a review dated it.
    let download = |what: String| {
        let (ctx, name) = (ctx.clone(), transfer::file_name(now, Some(&what), "ics"));
        Callback::from(move |text: String| {
            ctx.download(&name, "text/calendar", &text, "calendar file");
        })
    };
    let on_call_ics = (call.at > now).then(|| {
        at_click(
            |d, c, _, now| Some(ics::call_event(d, c, now, platform::utc_offset)),
            download(format!("{} call", deal.name)),
        )
    });
    let on_next_ics = call
        .review
        .as_ref()
        .is_some_and(|r| r.has_dated_next_step())
        .then(|| {
            at_click(
                |d, c, _, now| ics::next_step_event(d, c, now, platform::utc_offset),
                download(format!("{} next step", deal.name)),
            )
        });
    let on_print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <>
            <div class="dp-row dp-call__tools">
                if call.review.is_none() {
                    <a class="dp-button dp-button--primary" href={Route::Live(deal.id.clone(), call.id.clone()).href()}>{ "Start call mode" }</a>
                }
                { button("dp-button", "Print call brief", Callback::from(on_print)) }
                { button("dp-button", "Copy as Markdown", Callback::from(on_copy)) }
                { button("dp-button", "Copy agenda for the client", Callback::from(on_copy_client)) }
                if let Some(on) = on_call_ics { { button("dp-button", "Add to calendar (.ics)", Callback::from(on)) } }
                if let Some(on) = on_next_ics { { button("dp-button", "Next step to calendar (.ics)", Callback::from(on)) } }
                if matches!(*ui.copy, Some(super::Copy::Done)) { <span class="dp-muted" role="status">{ "Copied." }</span> }
                <a class="dp-call__score" href={Route::Deal(deal.id.clone()).href()} aria-label={format!("Process score {process} of 100: see the breakdown")}>
                    { "Process score " }<strong class="dp-call__score-value">{ process }</strong>
                </a>
            </div>
            if let Some(super::Copy::ByHand(text)) = &*ui.copy {
                <div class="dp-fallback" role="region" aria-label="Markdown to copy">
                    <p>{ "Your browser did not allow copying. Select the text below and copy it (Ctrl+C or ⌘C)." }</p>
                    <textarea class="dp-input dp-input--area dp-fallback__text" rows="10" readonly=true value={text.clone()}
                        onfocus={|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().select()} />
                </div>
            }
        </>
    }
}
