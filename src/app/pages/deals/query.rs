//! Search, filters and sort for the deal list, over index entries. Plain Rust, tested natively.

use crate::domain::text::{contains, fold_case};
use crate::domain::{order, Minutes, Outcome, Stage};
use crate::store::IndexEntry;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    LastTouched,
    NextCall,
    Score,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListQuery {
    pub text: String,
    pub stage: Option<Stage>,
    pub outcome: Option<Outcome>,
    pub call_within_48h: bool,
    pub show_archived: bool,
    pub sort: SortBy,
}

impl ListQuery {
    /// The entries to show, in order.
    pub fn run<'a>(
        &self,
        entries: impl IntoIterator<Item = &'a IndexEntry>,
        now: Minutes,
    ) -> Vec<&'a IndexEntry> {
        let needle = fold_case(self.text.trim());
        let mut shown: Vec<&IndexEntry> = entries
            .into_iter()
            .filter(|e| e.archived == self.show_archived)
            .filter(|e| self.stage.is_none_or(|s| e.stage == s))
            .filter(|e| self.outcome.is_none_or(|o| e.outcome == o))
            .filter(|e| {
                !self.call_within_48h
                    || e.next_call
                        .is_some_and(|at| at >= now && at <= now.plus_hours(48))
            })
            // Names are folded only when there is something to find (not 2,000 copies per
            // render of a list of 1,000 with the search box empty).
            .filter(|e| {
                needle.is_empty()
                    || contains(&fold_case(&e.name), &needle)
                    || contains(&fold_case(&e.client), &needle)
            })
            .collect();
        let sort = self.sort;
        order::sort_by(&mut shown, &|a, b| {
            let first = match sort {
                SortBy::LastTouched => b.updated.cmp(&a.updated),
                SortBy::Score => b.score.cmp(&a.score),
                // Deals without a planned call go last.
                SortBy::NextCall => {
                    (a.next_call.is_none(), a.next_call).cmp(&(b.next_call.is_none(), b.next_call))
                }
            };
            first.then_with(|| a.id.cmp(&b.id))
        });
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Deal, Id, Template};

    fn entry(id: &str, name: &str, score: u8, next: Option<i64>, updated: i64) -> IndexEntry {
        let d = Deal::new(
            Id::new(id).unwrap(),
            "Client".into(),
            name.into(),
            Id::new("default").unwrap(),
            Minutes(updated),
        );
        let mut e = IndexEntry::of(&d, &Template::default_template(), Minutes(0));
        e.score = score;
        e.next_call = next.map(Minutes);
        e
    }

    #[test]
    fn search_filters_and_sorts() {
        let now = Minutes(1_000);
        let list = [
            entry("a", "Fleet pilot", 50, Some(1_000 + 60), 5),
            entry("b", "Analytics", 80, Some(1_000 + 72 * 60), 9),
            entry("c", "Fleet expansion", 20, None, 7),
        ];
        let ids = |q: &ListQuery| {
            q.run(&list, now)
                .iter()
                .map(|e| e.id.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        let mut q = ListQuery::default();
        assert_eq!(ids(&q), ["b", "c", "a"]);
        q.sort = SortBy::Score;
        assert_eq!(ids(&q), ["b", "a", "c"]);
        q.sort = SortBy::NextCall;
        assert_eq!(ids(&q), ["a", "b", "c"]);
        q.text = "FLEET".into();
        assert_eq!(ids(&q), ["a", "c"]);
        q.text.clear();
        q.call_within_48h = true;
        assert_eq!(ids(&q), ["a"]);
    }
}
