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
        let _ = write!(s, "  \n**Attendees:** {}", people.join("; "));
    }
    s.push('\n');
    let plan = &call.plan;
    if !plan.objective.trim().is_empty() {
        let _ = writeln!(s, "\n## Objective\n{}", md(&plan.objective));
    }
    if !plan.ask.trim().is_empty() {
        let _ = writeln!(s, "\n## Next step to ask for\n{}", md(&plan.ask));
    }
    for (title, items) in [
        ("Agenda", &plan.agenda),
        ("Discovery questions", &plan.discovery),
        ("Pain questions", &plan.pain),
    ] {
        if !items.is_empty() {
            let _ = writeln!(s, "\n## {title}");
            for item in items {
                let _ = writeln!(s, "- {}", md(&item.text));
            }
        }
    }
    for (title, pairs) in [
        ("What they care about → how we meet it", &plan.cares),
        ("Objections → responses", &plan.objections),
    ] {
        if !pairs.is_empty() {
            let _ = writeln!(s, "\n## {title}");
            for p in pairs {
                let _ = writeln!(s, "- {} → {}", md(&p.left), md(&p.right));
            }
        }
    }
    let list = super::proof::checklist(deal, call, template);
    let done = super::proof::done(&list);
    let _ = writeln!(s, "\n## Checklist ({done} of {} ready)", list.len());
    for c in list {
        let mark = if c.checked { "x" } else { " " };
        let _ = writeln!(s, "- [{mark}] {}", md(&c.item.text));
    }
    s
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
        let _ = write!(s, "  \n**With:** {}", people.join(", "));
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
                for (label, text) in [
                    ("What happened", &r.happened),
                    ("Next step", &next),
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
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
}
