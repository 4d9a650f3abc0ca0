//! A deal and the rules that keep it consistent: stage moves and wrong turns, evidence that
//! clears skipped steps, preset switches that keep what was learned.

use super::{Call, Day, Evidence, EvidenceLevel, Id, Minutes, Preset, Role, Stage, Stakeholder};

/// How the deal ended, or that it hasn't. Never part of the process score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Outcome {
    #[default]
    Open,
    Won,
    Lost,
    NoDecision,
}

super::keyed::stored_as_keys!(
    Outcome,
    [
    Outcome::Open => "open",
    Outcome::Won => "won",
    Outcome::Lost => "lost",
    Outcome::NoDecision => "nodecision",
    ]
);

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Open, Outcome::Won, Outcome::Lost, Outcome::NoDecision];
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Open => "Open",
            Outcome::Won => "Won",
            Outcome::Lost => "Lost",
            Outcome::NoDecision => "No decision",
        }
    }
}

/// An exit criterion that was not met when the deal moved past its stage.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SkippedStep {
    /// The stage whose exit was crossed.
    pub stage: Stage,
    /// The qualification element that was not yet Heard.
    pub key: String,
}

super::keyed::stored_as_object!(SkippedStep { stage: "s", key: "k" });

impl SkippedStep {
    /// "Budget (before leaving Solution)" in the deal's preset, or the raw key if unknown.
    pub fn describe(&self, preset: Preset) -> String {
        let label = preset.element(&self.key).map_or(self.key.as_str(), |e| e.label);
        format!("{label} (before leaving {})", self.stage.label())
    }
}

/// One move along the roadmap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageMove {
    pub at: Minutes,
    pub from: Stage,
    pub to: Stage,
    /// How many steps were skipped by this move.
    pub skipped: u16,
}

super::keyed::stored_as_object!(StageMove {
    at: "at",
    from: "f",
    to: "t",
    #[omit_empty]
    skipped: "x" = 0,
});

/// A deal: the unit a seller prepares, plans calls for and reviews. Every change goes through
/// [`super::Action`], which bumps `rev` so the store can refuse stale writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Deal {
    pub id: Id,
    pub client: String,
    pub name: String,
    pub stage: Stage,
    /// Free text so any currency works ("€40k", "USD 12,000").
    pub value: String,
    pub target: Option<Day>,
    pub outcome: Outcome,
    pub archived: bool,
    /// A sample deal, shown as such and removable.
    pub sample: bool,
    pub created: Minutes,
    pub updated: Minutes,
    pub rev: u64,
    pub template: Id,
    pub preset: Preset,
    pub evidence: Vec<Evidence>,
    pub people: Vec<Stakeholder>,
    pub calls: Vec<Call>,
    pub moves: Vec<StageMove>,
    pub jumped: Vec<SkippedStep>,
    /// (when, score) recorded each time a call review is saved.
    pub snapshots: Vec<(Minutes, u8)>,
}

super::keyed::stored_as_object!(Deal {
    id: "i",
    client: "c",
    name: "n",
    stage: "s" = Stage::default(),
    #[omit_empty]
    value: "v" = String::new(),
    #[omit_empty]
    target: "td" = None,
    outcome: "o" = Outcome::default(),
    #[omit_empty]
    archived: "ar" = false,
    #[omit_empty]
    sample: "sm" = false,
    created: "cr",
    updated: "up",
    rev: "r" = 0,
    template: "tp",
    preset: "ps" = Preset::default(),
    #[omit_empty]
    evidence: "q" = Vec::new(),
    #[omit_empty]
    people: "pp" = Vec::new(),
    #[omit_empty]
    calls: "cl" = Vec::new(),
    #[omit_empty]
    moves: "mv" = Vec::new(),
    #[omit_empty]
    jumped: "j" = Vec::new(),
    #[omit_empty]
    snapshots: in flat_pairs "sn" = Vec::new(),
});

/// Snapshots stored as one flat `[when, score, when, score, …]` array (fewer brackets).
mod flat_pairs {
    use crate::domain::json::{self, Decode, Encode, Reader};
    use crate::domain::Minutes;

    pub fn encode(pairs: &[(Minutes, u8)], out: &mut String) {
        out.push('[');
        for (at, score) in pairs {
            json::comma(out);
            at.encode(out);
            out.push(',');
            score.encode(out);
        }
        out.push(']');
    }

    /// The pairs read back from their flat array.
    pub fn decode(r: &mut Reader) -> json::Result<Vec<(Minutes, u8)>> {
        let flat = Vec::<i64>::decode(r)?;
        if flat.len() % 2 != 0 {
            return Err(r.error("snapshots must come in (time, score) pairs"));
        }
        flat.chunks_exact(2)
            .map(|pair| match *pair {
                [at, score @ 0..=100] => Ok((Minutes(at), score as u8)),
                _ => Err(r.error("a snapshot score must be 0 to 100")),
            })
            .collect()
    }
}

impl Deal {
    pub fn new(id: Id, client: String, name: String, template: Id, now: Minutes) -> Deal {
        Deal {
            id,
            client,
            name,
            stage: Stage::Prospect,
            value: String::new(),
            target: None,
            outcome: Outcome::Open,
            archived: false,
            sample: false,
            created: now,
            updated: now,
            rev: 1,
            template,
            preset: Preset::Standard,
            evidence: Vec::new(),
            people: Vec::new(),
            calls: Vec::new(),
            moves: Vec::new(),
            jumped: Vec::new(),
            snapshots: Vec::new(),
        }
    }

    /// The level of one element as the score, risks and warnings read it: the level recorded in
    /// qualification, raised to at least Heard when People names someone in the matching role.
    pub fn level(&self, key: &str) -> EvidenceLevel {
        let recorded = self.recorded_level(key);
        match self.named_for(key) {
            Some(_) => recorded.max(EvidenceLevel::Heard),
            None => recorded,
        }
    }

    /// The level recorded in the qualification grid (or a review).
    pub fn recorded_level(&self, key: &str) -> EvidenceLevel {
        self.evidence
            .iter()
            .find(|e| e.key == key)
            .map_or(EvidenceLevel::Unknown, |e| e.level)
    }

    /// The person People names for an element: the decision maker for "authority", the
    /// champion for "champion".
    pub fn named_for(&self, key: &str) -> Option<&Stakeholder> {
        let role = match key {
            "authority" => Role::DecisionMaker,
            "champion" => Role::Champion,
            _ => return None,
        };
        self.people.iter().find(|p| p.has(role))
    }

    pub fn evidence(&self, key: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.key == key)
    }

    /// Exit criteria of the stages between the current one and `to` that are not yet Heard.
    pub fn unmet_criteria(&self, to: Stage) -> Vec<SkippedStep> {
        self.stage
            .exits_crossed(to)
            .flat_map(|stage| {
                self.preset
                    .exit_criteria(stage)
                    .filter(|e| !self.level(e.key).is_known())
                    .map(move |e| SkippedStep {
                        stage,
                        key: e.key.to_owned(),
                    })
            })
            .collect()
    }

    /// Moves the deal to `to`. Never refused: returns the steps skipped on the way, which are
    /// also recorded on the deal ("jumped ahead") until their evidence arrives.
    pub fn move_to(&mut self, to: Stage, now: Minutes) -> Vec<SkippedStep> {
        let skipped = self.unmet_criteria(to);
        if to != self.stage {
            self.moves.push(StageMove {
                at: now,
                from: self.stage,
                to,
                skipped: skipped.len() as u16,
            });
        }
        self.stage = to;
        for step in &skipped {
            if !self.jumped.contains(step) {
                self.jumped.push(step.clone());
            }
        }
        self.settle_jumps();
        skipped
    }

    /// Drops skipped steps that are done (evidence Heard or better), that no longer apply
    /// (the deal moved back before their stage) or that the current preset does not have.
    pub fn settle_jumps(&mut self) {
        let jumped = std::mem::take(&mut self.jumped);
        self.jumped = jumped
            .into_iter()
            .filter(|step| {
                !self.level(&step.key).is_known()
                    && step.stage < self.stage
                    && self.preset.element(&step.key).is_some()
            })
            .collect();
    }

    /// Sets the evidence level and note of one element.
    pub fn set_evidence(&mut self, key: &str, level: EvidenceLevel, note: Option<String>) {
        match self.evidence.iter_mut().find(|e| e.key == key) {
            Some(e) => {
                e.level = level;
                if let Some(note) = note {
                    e.note = note;
                }
            }
            None => self.evidence.push(Evidence {
                key: key.to_owned(),
                level,
                note: note.unwrap_or_default(),
            }),
        }
        self.settle_jumps();
    }

    /// Switches the qualification preset. Evidence is kept by key, so elements the presets share
    /// keep their level and note, and switching back restores the others.
    pub fn switch_preset(&mut self, preset: Preset) {
        self.preset = preset;
        self.settle_jumps();
    }

    pub fn call(&self, id: &Id) -> Option<&Call> {
        self.calls.iter().find(|c| &c.id == id)
    }
    pub fn call_mut(&mut self, id: &Id) -> Option<&mut Call> {
        self.calls.iter_mut().find(|c| &c.id == id)
    }
    pub fn person(&self, id: &Id) -> Option<&Stakeholder> {
        self.people.iter().find(|p| &p.id == id)
    }

    /// The call to prepare next: the earliest call without a review that has not yet started
    /// more than two hours ago.
    pub fn next_call(&self, now: Minutes) -> Option<&Call> {
        let from = now.plus_hours(-2);
        self.calls
            .iter()
            .filter(|c| c.review.is_none() && c.at >= from)
            .min_by_key(|c| c.at)
    }

    /// Calls whose time has passed, most recent last.
    pub fn past_calls(&self, now: Minutes) -> Vec<&Call> {
        let mut past: Vec<_> = self.calls.iter().filter(|c| c.is_past(now)).collect();
        super::order::sort_by(&mut past, &|a, b| a.at.cmp(&b.at));
        past
    }

    /// The most recent reviewed call.
    pub fn last_reviewed(&self) -> Option<&Call> {
        self.calls
            .iter()
            .filter(|c| c.review.is_some())
            .max_by_key(|c| c.at)
    }

    pub fn is_active(&self) -> bool {
        self.outcome == Outcome::Open && !self.archived
    }
}

/// The unit tests' deal: "Acme — Rollout" (`d1`) on the default template, created at `now`.
#[cfg(test)]
pub(crate) fn fixture(now: Minutes) -> Deal {
    let id = |s: &str| Id::new(s).expect("valid test id");
    Deal::new(id("d1"), "Acme".into(), "Rollout".into(), id("default"), now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deal() -> Deal {
        fixture(Minutes(0))
    }

    #[test]
    fn snapshots_read_back_only_as_pairs_of_a_time_and_a_score_of_0_to_100() {
        let read =
            |text| flat_pairs::decode(&mut crate::domain::json::Reader::new(text)).map_err(|e| e.to_string());
        assert_eq!(read("[]"), Ok(vec![]));
        assert_eq!(read("[5,0,9,100]"), Ok(vec![(Minutes(5), 0), (Minutes(9), 100)]));
        for (text, error) in [
            ("[5,70,9]", "pairs"),
            ("[5,101]", "0 to 100"),
            ("[5,-1]", "0 to 100"),
            ("[5,70,9,300]", "0 to 100"),
        ] {
            let e = read(text).unwrap_err();
            assert!(e.contains(error), "{text}: {e}");
        }
    }

    #[test]
    fn moving_ahead_with_unmet_criteria_names_each_skipped_step() {
        let mut d = deal();
        d.set_evidence("need", EvidenceLevel::Heard, None);
        let skipped = d.move_to(Stage::Solution, Minutes(10));
        let keys: Vec<_> = skipped.iter().map(|s| (s.stage, s.key.as_str())).collect();
        assert_eq!(
            keys,
            [
                (Stage::Discovery, "cares"),
                (Stage::Qualification, "timeline"),
                (Stage::Qualification, "champion")
            ]
        );
        assert_eq!(d.stage, Stage::Solution, "a move is never refused");
        assert_eq!(d.jumped, skipped);
        assert_eq!(d.moves.last().unwrap().skipped, 3);
        assert_eq!(
            skipped[0].describe(d.preset),
            "What the client cares about (before leaving Discovery)"
        );
    }

    #[test]
    fn a_skipped_step_clears_itself_when_its_evidence_arrives() {
        let mut d = deal();
        d.move_to(Stage::Qualification, Minutes(1));
        assert_eq!(d.jumped.len(), 2);
        d.set_evidence("need", EvidenceLevel::Assumed, None);
        assert_eq!(d.jumped.len(), 2, "Assumed is not enough");
        d.set_evidence("need", EvidenceLevel::Heard, None);
        assert_eq!(d.jumped.len(), 1);
        d.set_evidence("cares", EvidenceLevel::Confirmed, None);
        assert!(d.jumped.is_empty());
    }

    #[test]
    fn moving_back_before_a_skipped_stage_clears_its_steps() {
        let mut d = deal();
        d.move_to(Stage::Proposal, Minutes(1));
        assert!(!d.jumped.is_empty());
        d.move_to(Stage::Discovery, Minutes(2));
        assert!(d.jumped.is_empty(), "{:?}", d.jumped);
        assert!(
            d.move_to(Stage::Prospect, Minutes(3)).is_empty(),
            "moving back skips nothing"
        );
    }

    #[test]
    fn moving_with_all_criteria_met_skips_nothing() {
        let mut d = deal();
        for key in ["need", "cares"] {
            d.set_evidence(key, EvidenceLevel::Heard, None);
        }
        assert!(d.move_to(Stage::Qualification, Minutes(1)).is_empty());
        assert!(d.jumped.is_empty());
    }

    #[test]
    fn switching_preset_keeps_shared_evidence_and_restores_the_rest() {
        let mut d = deal();
        d.set_evidence("budget", EvidenceLevel::Confirmed, Some("40k approved".into()));
        d.set_evidence("paper", EvidenceLevel::Heard, Some("legal review 2 weeks".into()));
        d.switch_preset(Preset::Bant);
        assert_eq!(d.level("budget"), EvidenceLevel::Confirmed);
        assert_eq!(d.evidence("budget").unwrap().note, "40k approved");
        assert!(Preset::Bant.element("paper").is_none());
        d.switch_preset(Preset::Standard);
        assert_eq!(d.evidence("paper").unwrap().note, "legal review 2 weeks");
    }

    #[test]
    fn next_call_is_the_earliest_unreviewed_upcoming_one() {
        let mut d = deal();
        let now = Minutes(10_000);
        d.calls.push(Call::new(
            Id::new("c-late").unwrap(),
            now.plus_days(3),
            Default::default(),
        ));
        d.calls.push(Call::new(
            Id::new("c-soon").unwrap(),
            now.plus_hours(5),
            Default::default(),
        ));
        d.calls.push(Call::new(
            Id::new("c-past").unwrap(),
            now.plus_days(-1),
            Default::default(),
        ));
        assert_eq!(d.next_call(now).unwrap().id.as_str(), "c-soon");
    }
}
