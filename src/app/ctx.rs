//! The context every view gets: the current state to render, and intent methods that are the
//! only way to change or persist anything (they land in the [`Writer`]). Views never see the
//! store.

use std::rc::Rc;

use yew::UseReducerHandle;

use super::parts::{Offer, OfferParts};
use super::platform::{self, now};
use super::state::{AppState, Msg, Notice};
use super::writer::Writer;
use crate::domain::{text, Action, Deal, DealAction, Id, TemplateAction};
use crate::store::rules::Merge;
use crate::store::transfer::{self, ExportFile};

/// Edits to one deal, cheap to clone into callbacks: steps are written at once, typing after a
/// short pause and when the page hides.
#[derive(Clone)]
pub struct DealEditor {
    ctx: Ctx,
    id: Id,
}

impl DealEditor {
    pub fn step(&self, op: DealAction) {
        self.ctx.edit(&self.id, op, false);
    }
    pub fn typing(&self, op: DealAction) {
        self.ctx.edit(&self.id, op, true);
    }
    /// Offers an undo after a removal (see [`Ctx::offer`]).
    pub fn offer(&self, cell: &crate::app::hooks::UiCell<Offer>, offer: OfferParts) {
        self.ctx.offer(cell, offer);
    }
    /// The entry `item` of a plan list of the deal's call `call`, as it is now: what "Undo"
    /// puts back once it is removed.
    pub fn removal(
        &self,
        call: &Id,
        list: crate::domain::PlanList,
        item: &Id,
    ) -> Option<crate::domain::Placed> {
        self.deal()?.call(call)?.plan.removal(list, item)
    }
    /// The deal as this editor's page last drew it.
    pub fn deal(&self) -> Option<&Deal> {
        self.ctx.state.book.deals.get(&self.id)
    }
}

/// Edits to the checklist templates, cheap to clone into callbacks.
#[derive(Clone)]
pub struct TemplateEditor {
    ctx: Ctx,
}

impl TemplateEditor {
    /// Offers an undo after a removal (see [`Ctx::offer`]).
    pub fn offer(&self, cell: &crate::app::hooks::UiCell<Offer>, offer: OfferParts) {
        self.ctx.offer(cell, offer);
    }
    pub fn step(&self, op: TemplateAction) {
        self.ctx.act(Action::Template(op));
    }
    pub fn typing(&self, op: TemplateAction) {
        self.ctx.type_in(Action::Template(op));
    }
    /// Adds an item left typed in the page's add field to the template shown (the one it was
    /// typed for), before another template is shown: without it the text stayed in the field
    /// and went to whichever template was shown next.
    pub fn keep_typed(&self) {
        platform::keep_typed(self.ctx.host());
    }
}

#[derive(Clone)]
pub struct Ctx {
    pub state: UseReducerHandle<AppState>,
    writer: Rc<Writer>,
    /// This instance's host element and route (one `Rc`: a context is cloned into many
    /// callbacks, and each clone is code).
    nav: Rc<Nav>,
}

/// Where an instance lives: its host element, its route, and whether the route is the page's
/// URL hash (else it is kept in memory: an embedded instance that does not own the hash).
struct Nav {
    host: web_sys::Element,
    route: crate::app::hooks::UiCell<crate::app::route::Route>,
    hash: bool,
}

impl Ctx {
    pub fn new(
        state: UseReducerHandle<AppState>,
        writer: Rc<Writer>,
        host: web_sys::Element,
        route: crate::app::hooks::UiCell<crate::app::route::Route>,
        hash: bool,
    ) -> Ctx {
        Ctx {
            state,
            writer,
            nav: Rc::new(Nav { host, route, hash }),
        }
    }

    /// A step (a click, a pick, a submitted form): written at once.
    pub fn act(&self, action: Action) {
        self.state.dispatch(Msg::Do(action, now(), false));
    }

    /// Typing in a field: shown at once, written after a short pause and when the page hides.
    pub fn type_in(&self, action: Action) {
        self.state.dispatch(Msg::Do(action, now(), true));
    }

    /// A name field's value (of a deal, person, template, item or playbook line: `key` names
    /// it, as `Action::named` does): none — left as typed — while the user has typed it blank,
    /// else `name`. Given the stored name back at once, the next letters typed would follow it
    /// ("R" + "Expansion"). A field left blank shows the stored name again (`Writer::blurred`).
    pub fn name_value(&self, key: &str, name: &str) -> Option<yew::AttrValue> {
        (self.state.blank.as_deref() != Some(key)).then(|| name.to_owned().into())
    }

    /// An edit to one deal, as a step (`typing` false) or typing.
    pub fn edit(&self, deal: &Id, op: DealAction, typing: bool) {
        let action = Action::Edit {
            deal: deal.clone(),
            op,
        };
        self.state.dispatch(Msg::Do(action, now(), typing));
    }

    /// A deal and one of its calls, when both are in memory.
    pub fn call(&self, deal: &Id, call: &Id) -> Option<(&crate::domain::Deal, &crate::domain::Call)> {
        let deal = self.state.book.deals.get(deal)?;
        Some((deal, deal.call(call)?))
    }

    /// Goes to `route`: the hash changes (the root follows it), or, for an instance routed in
    /// memory, its route.
    pub fn open(&self, route: &crate::app::route::Route) {
        let nav = &self.nav;
        if nav.hash {
            crate::app::platform::go(&route.href());
        } else {
            crate::app::hooks::open_in_memory(&self.writer, &nav.route, &nav.host, route.clone());
        }
    }

    /// Whether this instance's routes live in the page's URL hash.
    pub fn owns_hash(&self) -> bool {
        self.nav.hash
    }

    /// This instance's host element.
    pub fn host(&self) -> &web_sys::Element {
        &self.nav.host
    }

    /// Offers `offer` (an undo after a removal) in `cell`, and moves focus to its Undo button:
    /// the control that removed is gone, and focus would fall to the top of the page (Firefox
    /// starts the next Tab there).
    pub fn offer(&self, cell: &crate::app::hooks::UiCell<Offer>, offer: OfferParts) {
        cell.set(Some(offer));
        self.focus_later(".dp-undo button");
    }

    /// Focuses the first element of this instance matching `selector`, after the next render.
    pub fn focus_later(&self, selector: &'static str) {
        crate::app::platform::focus_later(&self.nav.host, selector);
    }

    /// Edits to the checklist templates.
    pub fn template_editor(&self) -> TemplateEditor {
        TemplateEditor { ctx: self.clone() }
    }

    /// Edits to the deal `id`.
    pub fn editor(&self, id: &Id) -> DealEditor {
        DealEditor {
            ctx: self.clone(),
            id: id.clone(),
        }
    }

    /// A change to a line of the playbook; editing its wording is typing.
    pub fn playbook(&self, line: &crate::domain::playbook::Row, change: crate::domain::playbook::Change) {
        use crate::domain::playbook::Change;
        let typing = matches!(change, Change::Text(_) | Change::Response(_));
        let action = Action::Playbook {
            line: Box::new(line.clone()),
            id: platform::new_id('p'),
            change,
        };
        self.state.dispatch(Msg::Do(action, now(), typing));
    }

    /// A message that only changes what is shown (notices, dismissed banners).
    pub fn show(&self, msg: Msg) {
        self.state.dispatch(msg);
    }

    pub fn notify_error(&self, text: String) {
        self.show(Msg::Notify(Some(Notice::Error(text))));
    }

    pub fn namespace(&self) -> &str {
        self.writer.store().namespace()
    }

    /// Whether the deal's stored record is kept aside (unreadable or from a newer version).
    pub fn is_kept_aside(&self, id: &Id) -> bool {
        let key = self.writer.store().deal_key(id);
        self.state.problems.iter().any(|p| p.key == key)
    }

    /// Characters this namespace uses in storage.
    pub fn chars_used(&self) -> u64 {
        self.writer.store().chars_used()
    }

    /// Every deal this browser holds: stored, with newer in-memory versions in their place.
    pub fn all_deals(&self) -> Vec<Deal> {
        self.writer.deals_for_export(&self.state)
    }

    /// Every line of every plan, for the playbook: the stored deals read one at a time (a
    /// deal this tab holds is taken from memory, where it is newest), never all held at once.
    pub fn collect_playbook(&self) -> Vec<crate::domain::playbook::Row> {
        let deals = &self.state.book.deals;
        let mut found = crate::domain::playbook::Collector::default();
        self.writer.store().each_deal(&mut |d| {
            if !deals.contains_key(&d.id) {
                found.add(&d);
            }
        });
        for deal in deals.values() {
            found.add(deal);
        }
        found.finish()
    }

    /// Downloads everything (records kept aside included) and records the export.
    pub fn export_all(&self) {
        let started = platform::perf_now();
        let file = self.writer.backup(&self.state);
        let json = transfer::to_json(&file);
        platform::mark_host("data-export-us", &platform::micros(started));
        platform::mark_host("data-export-at", &text::number((started * 1000.0) as u64));
        let name = transfer::file_name(file.exported_at, None, "json");
        if self.download(&name, "application/json", &json, "export") {
            self.writer.exported(file.exported_at);
        }
    }

    /// Offers `text` as the download `name`; when the browser refuses, says so ("The export
    /// could not be downloaded: …", `what` naming the file). Whether the download started.
    pub fn download(&self, name: &str, mime: &str, text: &str, what: &str) -> bool {
        let started = platform::download(name, mime, text);
        if let Err(e) = &started {
            self.notify_error(format!("The {what} could not be downloaded: {e}"));
        }
        started.is_ok()
    }

    /// Downloads every deal as one readable Markdown file (not a backup: it is not imported).
    pub fn export_readable(&self) {
        let file = self.writer.backup(&self.state);
        let book = &self.state.book;
        let text = crate::domain::brief::readable(&file.deals, |d| book.template_for(d), file.exported_at);
        let name = transfer::file_name(file.exported_at, None, "md");
        self.download(&name, "text/markdown", &text, "export");
    }

    /// Downloads one deal as its own file.
    pub fn export_deal(&self, deal: &Deal) {
        let file = transfer::export(vec![deal.clone()], self.state.book.templates.clone(), now());
        let name = transfer::file_name(file.exported_at, Some(&deal.name), "json");
        self.download(&name, "application/json", &transfer::to_json(&file), "export");
    }

    /// What merging `file` would do, deal by deal (the preview).
    pub fn import_plan(&self, file: &ExportFile) -> Vec<(Id, Merge)> {
        self.writer.plan(&self.state, file)
    }

    pub fn merge(&self, file: &ExportFile, choices: &crate::store::rules::Choices) {
        self.writer.merge(file, choices);
    }

    /// Downloads a backup of everything, then replaces; nothing is replaced without the backup.
    pub fn replace(&self, file: &ExportFile, drop_missing: bool) -> Result<(), String> {
        let backup = self.writer.backup(&self.state);
        let name = transfer::file_name(backup.exported_at, Some("backup before replace"), "json");
        platform::download(&name, "application/json", &transfer::to_json(&backup))
            .map_err(|e| format!("The backup could not be downloaded ({e}), so nothing was replaced."))?;
        self.writer.replace(file, drop_missing)
    }

    pub fn undo_replace(&self) {
        if let Some(undo) = self.state.undo_replace.clone() {
            self.writer.undo_replace(&undo);
        }
    }

    pub fn discard(&self, key: &str) {
        self.writer.discard(key);
    }

    pub fn delete_all(&self) {
        self.writer.delete_all();
    }

    /// Brings back a deal deleted here (undo) or in another tab (restore): written as new.
    pub fn restore(&self, deal: Deal) {
        self.act(Action::InsertDeal(Box::new(deal)));
        self.show(Msg::Deleted(None));
        self.show(Msg::DeletedElsewhere(None));
    }

    /// Adds the sample deal (a first look at a prepared deal).
    pub fn add_sample(&self) {
        use crate::domain::sample;
        let deal = sample::sample_deal(
            platform::new_id('d'),
            now(),
            &mut sample::Rng::new(js_sys::Date::now() as u64),
        );
        self.act(Action::InsertDeal(Box::new(deal)));
    }

    /// Deletes a deal, keeping it for "Undo" while the tab is open — with a person left typed
    /// in the page's add field added first, so "Undo" brings the person back too (once the
    /// deal is gone its page re-renders "not found" and the typed name goes with the form).
    /// The sample too: trying it means typing in it, and those words are the user's.
    pub fn delete_deal(&self, id: &Id) {
        crate::app::platform::keep_typed(&self.nav.host);
        let Some(deal) = self.state.book.deals.get(id) else {
            return;
        };
        self.show(Msg::Deleted(Some(Rc::new(deal.clone()))));
        self.act(Action::DeleteDeal(id.clone()));
    }
}
