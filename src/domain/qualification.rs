//! Qualification: the elements a seller must learn about the client side, the evidence level of
//! each, and the presets (Deal Prep's default, MEDDICC, BANT, SPICED) that choose the elements.
//!
//! Each element names the stage it must be at least *Heard* before leaving: that is the whole of
//! the roadmap's exit criteria, kept here as data. Presets share keys for the same idea (budget,
//! authority, need, …) so switching preset keeps what was already learned.

use super::Stage;

/// How well an element is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceLevel {
    #[default]
    Unknown,
    Assumed,
    Heard,
    Confirmed,
}

super::keyed::stored_as_keys!(
    EvidenceLevel,
    [
    EvidenceLevel::Unknown => "u",
    EvidenceLevel::Assumed => "a",
    EvidenceLevel::Heard => "h",
    EvidenceLevel::Confirmed => "c",
    ]
);

impl EvidenceLevel {
    pub const ALL: [EvidenceLevel; 4] = [
        EvidenceLevel::Unknown,
        EvidenceLevel::Assumed,
        EvidenceLevel::Heard,
        EvidenceLevel::Confirmed,
    ];
    /// The share of an element's points this level earns (the score rule, README "The process score").
    pub fn credit(self) -> f64 {
        match self {
            EvidenceLevel::Unknown => 0.0,
            EvidenceLevel::Assumed => 0.25,
            EvidenceLevel::Heard => 0.75,
            EvidenceLevel::Confirmed => 1.0,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            EvidenceLevel::Unknown => "Unknown",
            EvidenceLevel::Assumed => "Assumed",
            EvidenceLevel::Heard => "Heard from the client",
            EvidenceLevel::Confirmed => "Confirmed by the right person",
        }
    }
    /// Whether this level satisfies an exit criterion.
    pub fn is_known(self) -> bool {
        self >= EvidenceLevel::Heard
    }
}

/// What the seller knows about one element of a deal. Stored as `[key, level]` or
/// `[key, level, note]`: a deal holds up to nine and the size budget counts every brace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub key: String,
    pub level: EvidenceLevel,
    pub note: String,
}

impl super::json::Encode for Evidence {
    fn encode(&self, out: &mut String) {
        out.push('[');
        self.key.encode(out);
        out.push(',');
        self.level.encode(out);
        if !self.note.is_empty() {
            out.push(',');
            self.note.encode(out);
        }
        out.push(']');
    }
}

impl<'a> super::json::Decode<'a> for Evidence {
    fn decode(r: &mut super::json::Reader<'a>) -> super::json::Result<Evidence> {
        r.array()?;
        r.expect_item()?;
        let key = String::decode(r)?;
        r.expect_item()?;
        let level = EvidenceLevel::decode(r)?;
        let mut note = String::new();
        if r.item()? {
            note = String::decode(r)?;
            r.end()?;
        }
        Ok(Evidence { key, level, note })
    }
}

/// The definition of one qualification element within a preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element {
    /// Shared across presets for the same idea.
    pub key: &'static str,
    pub label: &'static str,
    /// A question that helps the seller find out.
    pub question: &'static str,
    /// Must be at least Heard before leaving this stage.
    pub exit_of: Stage,
}

/// The set of elements a deal is qualified against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Preset {
    #[default]
    Standard,
    Meddicc,
    Bant,
    Spiced,
}

super::keyed::stored_as_keys!(
    Preset,
    [
    Preset::Standard => "standard",
    Preset::Meddicc => "meddicc",
    Preset::Bant => "bant",
    Preset::Spiced => "spiced",
    ]
);

const fn el(key: &'static str, label: &'static str, question: &'static str, exit_of: Stage) -> Element {
    Element {
        key,
        label,
        question,
        exit_of,
    }
}

const STANDARD: &[Element] = &[
    el(
        "need",
        "Need and pain",
        "What problem hurts enough to act on now?",
        Stage::Discovery,
    ),
    el(
        "cares",
        "What the client cares about",
        "What matters most to them, in their words?",
        Stage::Discovery,
    ),
    el(
        "timeline",
        "Timeline",
        "By when must this be solved, and why then?",
        Stage::Qualification,
    ),
    el(
        "champion",
        "Champion",
        "Who wants this to happen and will sell it inside?",
        Stage::Qualification,
    ),
    el(
        "budget",
        "Budget",
        "Is money set aside, and how much?",
        Stage::Solution,
    ),
    el(
        "authority",
        "Decision maker",
        "Who signs, and have we spoken with them?",
        Stage::Solution,
    ),
    el(
        "process",
        "Decision process",
        "What steps and people does the decision go through?",
        Stage::Solution,
    ),
    el(
        "alternatives",
        "Alternatives (incl. doing nothing)",
        "What else could they do, including nothing?",
        Stage::Proposal,
    ),
    el(
        "paper",
        "Paper process",
        "How do contracts, legal and procurement work there?",
        Stage::Commit,
    ),
];

const MEDDICC: &[Element] = &[
    el(
        "metrics",
        "Metrics",
        "What measurable gain will they judge success by?",
        Stage::Discovery,
    ),
    el(
        "need",
        "Identify pain",
        "What pain drives this, and what does it cost them?",
        Stage::Discovery,
    ),
    el(
        "champion",
        "Champion",
        "Who sells this inside when we are not in the room?",
        Stage::Qualification,
    ),
    el(
        "criteria",
        "Decision criteria",
        "How will they compare options?",
        Stage::Qualification,
    ),
    el(
        "authority",
        "Economic buyer",
        "Who owns the budget and has final say?",
        Stage::Solution,
    ),
    el(
        "process",
        "Decision process",
        "What steps and approvals lie between now and a signature?",
        Stage::Solution,
    ),
    el(
        "alternatives",
        "Competition",
        "Who or what are we up against, including doing nothing?",
        Stage::Proposal,
    ),
];

const BANT: &[Element] = &[
    el("need", "Need", "What do they need solved?", Stage::Discovery),
    el(
        "timeline",
        "Timeline",
        "When do they need it?",
        Stage::Qualification,
    ),
    el("budget", "Budget", "Can they pay for it?", Stage::Solution),
    el("authority", "Authority", "Who decides?", Stage::Solution),
];

const SPICED: &[Element] = &[
    el(
        "situation",
        "Situation",
        "What is their current setup and context?",
        Stage::Discovery,
    ),
    el(
        "need",
        "Pain",
        "What is not working, and why does it matter?",
        Stage::Discovery,
    ),
    el(
        "impact",
        "Impact",
        "What changes for them if it is solved?",
        Stage::Qualification,
    ),
    el(
        "timeline",
        "Critical event",
        "What date or event forces a decision?",
        Stage::Qualification,
    ),
    el("process", "Decision", "Who decides, and how?", Stage::Solution),
];

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Standard, Preset::Meddicc, Preset::Bant, Preset::Spiced];

    pub fn elements(self) -> &'static [Element] {
        match self {
            Preset::Standard => STANDARD,
            Preset::Meddicc => MEDDICC,
            Preset::Bant => BANT,
            Preset::Spiced => SPICED,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Preset::Standard => "Deal Prep default",
            Preset::Meddicc => "MEDDICC",
            Preset::Bant => "BANT",
            Preset::Spiced => "SPICED",
        }
    }
    pub fn element(self, key: &str) -> Option<&'static Element> {
        self.elements().iter().find(|e| e.key == key)
    }
    /// Elements that must be known before leaving `stage`.
    pub fn exit_criteria(self, stage: Stage) -> impl Iterator<Item = &'static Element> {
        self.elements().iter().filter(move |e| e.exit_of == stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_unique_keys_and_criteria_before_closing() {
        for preset in Preset::ALL {
            let keys: Vec<_> = preset.elements().iter().map(|e| e.key).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "{preset:?}");
            assert!(preset.elements().iter().all(|e| e.exit_of < Stage::Closed));
        }
    }

    #[test]
    fn default_criteria_follow_the_advice() {
        let p = Preset::Standard;
        let exit = |stage| p.exit_criteria(stage).map(|e| e.key).collect::<Vec<_>>();
        assert!(
            exit(Stage::Solution).contains(&"budget"),
            "budget heard before Solution ends"
        );
        assert!(
            exit(Stage::Solution).contains(&"authority"),
            "decision maker known before Proposal"
        );
        assert_eq!(exit(Stage::Commit), ["paper"], "paper process before Commit ends");
        assert!(exit(Stage::Prospect).is_empty());
    }

    #[test]
    fn levels_are_ordered_and_credited_as_designed() {
        let credits: Vec<_> = EvidenceLevel::ALL.iter().map(|l| l.credit()).collect();
        assert_eq!(credits, [0.0, 0.25, 0.75, 1.0]);
        assert!(!EvidenceLevel::Assumed.is_known() && EvidenceLevel::Heard.is_known());
    }
}
