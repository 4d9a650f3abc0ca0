//! The roadmap: the ordered stages a deal moves through. What must be known before leaving each
//! stage (its exit criteria) is data on the qualification elements, see [`super::qualification`].

/// One stage of the roadmap, in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    #[default]
    Prospect,
    Discovery,
    Qualification,
    Solution,
    Proposal,
    Commit,
    Closed,
}

super::keyed::stored_as_keys!(
    Stage,
    [
    Stage::Prospect => "prospect",
    Stage::Discovery => "discovery",
    Stage::Qualification => "qualification",
    Stage::Solution => "solution",
    Stage::Proposal => "proposal",
    Stage::Commit => "commit",
    Stage::Closed => "closed",
    ]
);

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Prospect,
        Stage::Discovery,
        Stage::Qualification,
        Stage::Solution,
        Stage::Proposal,
        Stage::Commit,
        Stage::Closed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Prospect => "Prospect",
            Stage::Discovery => "Discovery",
            Stage::Qualification => "Qualification",
            Stage::Solution => "Solution",
            Stage::Proposal => "Proposal",
            Stage::Commit => "Commit",
            Stage::Closed => "Closed",
        }
    }

    /// The stages whose exits are crossed when moving from `self` to `to` (empty when moving back).
    pub fn exits_crossed(self, to: Stage) -> impl Iterator<Item = Stage> {
        Stage::ALL.into_iter().filter(move |s| *s >= self && *s < to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_ordered_and_round_trip_their_keys() {
        for pair in Stage::ALL.windows(2) {
            assert!(pair[0] < pair[1]);
        }
        for stage in Stage::ALL {
            assert_eq!(Stage::from_key(stage.key()), Some(stage));
        }
        assert_eq!(Stage::from_key("nope"), None);
    }

    #[test]
    fn moving_ahead_crosses_every_exit_in_between() {
        let crossed: Vec<_> = Stage::Discovery.exits_crossed(Stage::Proposal).collect();
        assert_eq!(crossed, [Stage::Discovery, Stage::Qualification, Stage::Solution]);
        assert_eq!(Stage::Proposal.exits_crossed(Stage::Discovery).count(), 0);
        assert_eq!(Stage::Solution.exits_crossed(Stage::Solution).count(), 0);
    }
}
