//! The call brief as Markdown, for pasting into a CRM note: the same content as the printed
//! one-page brief. And every deal as one readable Markdown file (the Data page's "Export as
//! readable text").

use std::fmt::Write;

use super::call::FOCUS_ON_HOW;
use super::{Call, Deal, Minutes, Template};

/// Escapes characters that would change Markdown structure in user text.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '#' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// The brief for `call` of `deal`.
pub fn markdown(deal: &Deal, call: &Call, template: &Template) -> String {
    let mut s = String::new();
    let when = call.at.human();
    let _ = writeln!(
        s,
        "# {} call — {} / {}",
        call.kind.label(),
        md(&deal.client),
        md(&deal.name)
    );
    let people: Vec<String> = call
        .attendees
        .iter()
        .filter_map(|id| deal.person(id))
        .map(|p| md(&p.with_roles()))
        .collect();
    // One field per line: a Markdown line break is two spaces before the newline.
    let _ = write!(s, "\n**When:** {when}  \n**Stage:** {}", deal.stage.label());
    if !people.is_empty() {
        let _ = write!(s, "  \n**Attendees:** {}", super::text::join(&people, "; "));
    }
    s.push('\n');
    for part in parts(deal, call, template) {
        let _ = writeln!(s, "\n## {}", part.title);
        for (n, line) in part.lines.iter().enumerate() {
            let _ = match (part.checks.get(n), part.list) {
                (Some(&checked), _) => writeln!(s, "- [{}] {}", if checked { "x" } else { " " }, md(line)),
                (None, true) => writeln!(s, "- {}", md(line)),
                (None, false) => writeln!(s, "{}", md(line)),
            };
        }
    }
    s
}

/// One section of the call brief, in plain text: the Markdown copy and the printed page are
/// both written from these, so they always hold the same.
pub struct Part {
    pub title: String,
    pub lines: Vec<String>,
    /// A list (not one paragraph).
    pub list: bool,
    /// For the checklist: whether each line is checked.
    pub checks: Vec<bool>,
}

/// The brief's sections after its heading: objective, the ask, the plan's lists (empty ones
/// left out) and the checklist.
pub fn parts(deal: &Deal, call: &Call, template: &Template) -> Vec<Part> {
    let plan = &call.plan;
    let part = |title: &str, lines: Vec<String>, list: bool| Part {
        title: title.to_owned(),
        lines,
        list,
        checks: Vec::new(),
    };
    let text = |t: &String| vec![t.trim().to_owned()];
    let lines = |items: &[super::ListItem]| items.iter().map(|i| i.text.clone()).collect();
    let pairs = |items: &[super::Pair]| {
        items
            .iter()
            .map(|p| format!("{} → {}", p.left, p.right))
            .collect()
    };
    let mut parts = vec![
        part("Objective", text(&plan.objective), false),
        part("Next step to ask for", text(&plan.ask), false),
        part("Agenda", lines(&plan.agenda), true),
        part("Discovery questions", lines(&plan.discovery), true),
        part("Pain questions", lines(&plan.pain), true),
        part("What they care about → how we meet it", pairs(&plan.cares), true),
        part("Objections → responses", pairs(&plan.objections), true),
    ];
    parts.retain(|p| p.lines.iter().any(|l| !l.trim().is_empty()));
    let list = super::proof::checklist(deal, call, template);
    parts.push(Part {
        title: format!(
            "Checklist ({} of {} ready)",
            super::proof::done(&list),
            list.len()
        ),
        lines: list.iter().map(|c| c.item.text.clone()).collect(),
        list: true,
        checks: list.iter().map(|c| c.checked).collect(),
    });
    parts
}

/// What the client may see of a call: its time, the objective, the agenda and who attends —
/// never the objections, the checklist or the notes of the internal brief.
pub fn client_agenda(deal: &Deal, call: &Call) -> String {
    let mut s = format!(
        "# {} — {}\n\n**When:** {}",
        call.kind.label(),
        md(&deal.client),
        call.at.human()
    );
    let people: Vec<String> = call
        .attendees
        .iter()
        .filter_map(|id| deal.person(id))
        .map(|p| md(&p.name))
        .collect();
    if !people.is_empty() {
        let _ = write!(s, "  \n**With:** {}", super::text::join(&people, ", "));
    }
    s.push('\n');
    if !call.plan.objective.trim().is_empty() {
        let _ = writeln!(s, "\n## Objective\n{}", md(&call.plan.objective));
    }
    if !call.plan.agenda.is_empty() {
        s.push_str("\n## Agenda\n");
        for (n, item) in call.plan.agenda.iter().enumerate() {
            let _ = writeln!(s, "{}. {}", n + 1, md(&item.text));
        }
    }
    s
}

/// Every deal in `deals` as one Markdown document: facts, people, qualification, and each call
/// with its plan, checklist and review. `template_of` gives a deal's checklist template.
pub fn readable<'a>(
    deals: impl IntoIterator<Item = &'a Deal>,
    template_of: impl Fn(&Deal) -> &'a Template,
    now: Minutes,
) -> String {
    let mut s = format!("# Deal Prep — every deal\n\nExported {}.\n", now.human());
    for deal in deals {
        let template = template_of(deal);
        let _ = writeln!(s, "\n## {} — {}\n", md(&deal.client), md(&deal.name));
        let _ = write!(
            s,
            "**Stage:** {}  \n**Outcome:** {}  \n**Process score:** {}",
            deal.stage.label(),
            deal.outcome.label(),
            super::score(deal, template, now).total
        );
        if !deal.value.is_empty() {
            let _ = write!(s, "  \n**Value:** {}", md(&deal.value));
        }
        if let Some(day) = deal.target {
            let _ = write!(s, "  \n**Target date:** {day}");
        }
        s.push('\n');
        if !deal.people.is_empty() {
            s.push_str("\n### People\n");
            for p in &deal.people {
                let _ = write!(s, "- {}", md(&p.with_roles()));
                if !p.title.is_empty() {
                    let _ = write!(s, ", {}", md(&p.title));
                }
                if p.engaged {
                    s.push_str(" — engaged");
                }
                if !p.notes.trim().is_empty() {
                    let _ = write!(s, " — {}", md(&p.notes));
                }
                s.push('\n');
            }
        }
        let _ = writeln!(s, "\n### Qualification ({})", deal.preset.label());
        for e in deal.preset.elements() {
            let _ = write!(s, "- {}: {}", e.label, deal.level(e.key).label());
            if let Some(note) = deal
                .evidence(e.key)
                .map(|e| &e.note)
                .filter(|n| !n.trim().is_empty())
            {
                let _ = write!(s, " — {}", md(note));
            }
            s.push('\n');
        }
        for call in &deal.calls {
            s.push('\n');
            // The call's brief, its headings three levels down.
            for line in markdown(deal, call, template).lines() {
                if line.starts_with('#') {
                    s.push_str("###");
                }
                s.push_str(line);
                s.push('\n');
            }
            if let Some(r) = &call.review {
                s.push_str("\n##### Review\n");
                let next = match (r.next_step.trim(), r.next_step_on) {
                    ("", _) => String::new(),
                    (step, Some(day)) => format!("{} (by {day})", md(step)),
                    (step, None) => md(step),
                };
                let how = FOCUS_ON_HOW.iter().zip(&r.how);
                let (we, they) = (
                    super::text::join(&r.we_promised, "; "),
                    super::text::join(&r.they_promised, "; "),
                );
                for (label, text) in [
                    ("What happened", &r.happened),
                    ("Next step", &next),
                    ("We promised", &we),
                    ("They promised", &they),
                    ("Client cues", &r.cues),
                ]
                .into_iter()
                .chain(how.map(|(q, a)| (*q, a)))
                {
                    if !text.trim().is_empty() {
                        let _ = writeln!(s, "- **{label}** {}", md(text));
                    }
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::{sample_deal, Rng};
    use crate::domain::{Id, Minutes};

    #[test]
    fn the_brief_holds_the_plan_and_escapes_user_text() {
        let mut deal = sample_deal(
            Id::new("d1").unwrap(),
            Minutes::parse("2026-11-26T09:00").unwrap(),
            &mut Rng::new(1),
        );
        deal.calls[0].plan.objective = "Win *big* <today>".into();
        let t = Template::default_template();
        let text = markdown(&deal, &deal.calls[0], &t);
        assert!(
            text.starts_with("# Discovery call — Acme Logistics (sample) / Fleet tracking pilot"),
            "{text}"
        );
        assert!(text.contains("Win \\*big\\* \\<today\\>"), "{text}");
        assert!(text.contains("**Attendees:** Dana Kim (Champion)"), "{text}");
        assert!(text.contains("## Checklist (6 of 10 ready)"), "{text}");
        assert!(text.contains("- [x] Discovery questions ready"));
        assert!(text.contains("- [ ] Agenda confirmed with the client"));
        assert!(text.contains("- Fewer “where is my truck” calls → Live ETA links for their customers"));
    }

    #[test]
    fn the_readable_export_holds_every_deal_with_people_qualification_and_reviews() {
        let now = Minutes::parse("2026-11-26T09:00").unwrap();
        let mut deal = sample_deal(Id::new("d1").unwrap(), now, &mut Rng::new(1));
        deal.people[0].notes = "Owns the *budget*".into();
        deal.calls[0].review = Some(crate::domain::Review {
            happened: "They want a pilot".into(),
            next_step: "Send the plan".into(),
            next_step_on: Some(now.day().plus(3)),
            we_promised: vec!["Pricing".into(), "A CTO intro".into()],
            ..Default::default()
        });
        let t = Template::default_template();
        let text = readable([&deal], |_| &t, now);
        for part in [
            "# Deal Prep — every deal",
            "## Acme Logistics (sample) — Fleet tracking pilot",
            "**Stage:** Discovery",
            "- Dana Kim (Champion), Head of Operations — engaged — Owns the \\*budget\\*",
            "- Need and pain: Heard from the client — Late deliveries cost them two key accounts",
            "#### Discovery call — Acme Logistics (sample) / Fleet tracking pilot",
            "##### Objective",
            "##### Review",
            "- **Next step** Send the plan (by 2026-11-29)",
            "- **We promised** Pricing; A CTO intro",
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
}
