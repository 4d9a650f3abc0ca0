//! The call brief as Markdown, for pasting into a CRM note: the same content as the printed
//! one-page brief.

use std::fmt::Write;

use super::{Call, Deal, Template};

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
    let done = list.iter().filter(|c| c.checked).count();
    let _ = writeln!(s, "\n## Checklist ({done} of {} ready)", list.len());
    for c in list {
        let mark = if c.checked { "x" } else { " " };
        let _ = writeln!(s, "- [{mark}] {}", md(&c.item.text));
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
}
