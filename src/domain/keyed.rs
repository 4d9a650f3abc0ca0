//! Every stored record's shape, declared once: unit enums stored as short strings ("d",
//! "lowercase"), records as JSON arrays of their fields, records as JSON objects of keyed
//! fields. Each macro gives the type's [`Encode`](super::json::Encode) and
//! [`Decode`](super::json::Decode), over the one shared reader and writer in `json.rs`.

/// `stored_as_keys!(Type, [Type::A => "a", …])`: each variant is stored as its key; gives
/// `Type::key` and `Type::from_key` too. The list must name every variant.
macro_rules! stored_as_keys {
    ($ty:ty, [$($variant:expr => $key:literal),+ $(,)?]) => {
        impl $ty {
            const STORED: &'static [($ty, &'static str)] = &[$(($variant, $key)),+];
            const KEYS: &'static [&'static str] = &[$($key),+];
            /// The key it is stored as (and a form's option value).
            pub fn key(self) -> &'static str {
                $crate::domain::keyed::key_at(Self::KEYS, self as usize)
            }
            pub fn from_key(key: &str) -> Option<Self> {
                Self::KEYS.iter().position(|k| *k == key).map(|at| Self::STORED[at].0)
            }
        }
        // The variants are listed in their declaration order: a value's key is at its number.
        const _: () = {
            let mut at = 0;
            while at < <$ty>::STORED.len() {
                assert!(<$ty>::STORED[at].0 as usize == at, "listed out of declaration order");
                at += 1;
            }
        };
        impl $crate::domain::json::Encode for $ty {
            fn encode(&self, out: &mut String) {
                $crate::domain::json::Encode::encode(self.key(), out);
            }
        }
        impl<'de> $crate::domain::json::Decode<'de> for $ty {
            fn decode(r: &mut $crate::domain::json::Reader<'de>) -> $crate::domain::json::Result<Self> {
                // `one_of` gives a position among the keys: in the table, never past its end
                // (the remainder spares each keyed enum a bounds check and its panic).
                r.one_of(Self::KEYS).map(|i| Self::STORED[i % Self::STORED.len()].0)
            }
        }
    };
}
pub(crate) use stored_as_keys;

/// The key at `at` of a keyed enum's table (one copy for every keyed enum).
pub fn key_at(keys: &'static [&'static str], at: usize) -> &'static str {
    keys.get(at).copied().unwrap_or("")
}

/// `stored_as_array!(Type { field: FieldType, … })`: `Type` is stored as a JSON array of the
/// listed fields, in order, all of them there. Shorter to store and to read than an object:
/// for records read by the thousand (index entries, playbook lines).
macro_rules! stored_as_array {
    ($ty:ident { $($field:ident: $fty:ty),+ $(,)? }) => {
        impl $crate::domain::json::Encode for $ty {
            fn encode(&self, out: &mut String) {
                out.push('[');
                $(
                    $crate::domain::json::comma(out);
                    $crate::domain::json::Encode::encode(&self.$field, out);
                )+
                out.push(']');
            }
        }
        impl<'de> $crate::domain::json::Decode<'de> for $ty {
            fn decode(r: &mut $crate::domain::json::Reader<'de>) -> $crate::domain::json::Result<Self> {
                r.array()?;
                $(
                    r.expect_item()?;
                    let $field = <$fty as $crate::domain::json::Decode>::decode(r)?;
                )+
                r.end()?;
                Ok($ty { $($field),+ })
            }
        }
    };
}
pub(crate) use stored_as_array;

/// What a required field holds until it is read (never seen outside the reader: a record
/// missing the field is refused). Its default; an id, which has none, is blank (see `id.rs`).
pub trait Blank {
    fn blank() -> Self;
}

impl<T: Default> Blank for T {
    fn blank() -> T {
        T::default()
    }
}

/// `stored_as_object!(Type { field: "key", field: "key" = default, #[omit_empty] field: "key"
/// = default, field: in module "key" …, })`: `Type` (or `Type<'de>`, borrowing from the text)
/// stored as a JSON object, each field under its key, in the order listed.
/// - `field: "key"`: required; a record without it is refused.
/// - `= default`: may be missing (read as `default`).
/// - `#[omit_empty]`: left out of the record when [`Empty`](super::json::Empty).
/// - `in module`: read and written by `module::decode` / `module::encode` (a stored shape of
///   its own, as serde's `with`).
///
/// Unknown keys are skipped. `read Type {…}` / `write Type {…}` give one half only (a record
/// read into one shape and written from another). The record is read in place: it starts from
/// its defaults (a required field from its [`Blank`]), each key read sets the field and its
/// bit, and a required field whose bit is unset is "missing field `key`". At most 64 fields.
macro_rules! stored_as_object {
    (read $ty:ident $(<$de:lifetime>)? { $($(#[$omit:ident])? $field:ident: $(in $via:ident)? $key:literal $(= $default:expr)?),+ $(,)? }) => {
        impl<'de> $crate::domain::json::Decode<'de> for $ty $(<$de>)? {
            // A record without required fields never reads `seen`.
            #[allow(unused_assignments, unused_variables, unused_mut)]
            fn decode(r: &mut $crate::domain::json::Reader<'de>) -> $crate::domain::json::Result<Self> {
                // Each field's bit in `seen`.
                #[allow(non_camel_case_types)]
                enum Bit { $($field),+ }
                const _: () = assert!([$(Bit::$field as u32),+].len() <= 64, "more fields than bits");
                let mut out = $ty {
                    $($field: $crate::domain::keyed::stored_as_object!(@start $($default)?),)+
                };
                let mut seen = 0u64;
                r.object()?;
                // The keys are looked up by the one shared reader, not compared here.
                while let Some(i) = r.key_of(&[$($key),+])? {
                    $(if i == Bit::$field as usize {
                        out.$field = $crate::domain::keyed::stored_as_object!(@read r $($via)?);
                        seen |= 1 << i;
                        continue;
                    })+
                    r.skip()?;
                }
                $($crate::domain::keyed::stored_as_object!(@check r, seen, Bit::$field, $key $(, $default)?);)+
                Ok(out)
            }
        }
    };
    (write $ty:ident $(<$de:lifetime>)? { $($(#[$omit:ident])? $field:ident: $(in $via:ident)? $key:literal $(= $default:expr)?),+ $(,)? }) => {
        impl $(<$de>)? $crate::domain::json::Encode for $ty $(<$de>)? {
            fn encode(&self, out: &mut String) {
                out.push('{');
                $($crate::domain::keyed::stored_as_object!(@write self, out, $field, $key, [$($via)?] $($omit)?);)+
                out.push('}');
            }
        }
    };
    ($ty:ident $(<$de:lifetime>)? { $($body:tt)* }) => {
        $crate::domain::keyed::stored_as_object!(read $ty $(<$de>)? { $($body)* });
        $crate::domain::keyed::stored_as_object!(write $ty $(<$de>)? { $($body)* });
    };
    (@read $r:ident) => { $crate::domain::json::Decode::decode($r)? };
    (@read $r:ident $via:ident) => { $via::decode($r)? };
    (@start) => { $crate::domain::keyed::Blank::blank() };
    (@start $default:expr) => { $default };
    (@check $r:ident, $seen:ident, $bit:expr, $key:literal) => {
        if $seen & (1 << $bit as u32) == 0 {
            return Err($r.error(concat!("missing field `", $key, "`")));
        }
    };
    (@check $r:ident, $seen:ident, $bit:expr, $key:literal, $default:expr) => {};
    (@write $s:ident, $out:ident, $field:ident, $key:literal, [$($via:ident)?] omit_empty) => {
        if !$crate::domain::json::Empty::empty(&$s.$field) {
            $crate::domain::keyed::stored_as_object!(@put $s, $out, $field, $key, [$($via)?]);
        }
    };
    (@write $s:ident, $out:ident, $field:ident, $key:literal, [$($via:ident)?]) => {
        $crate::domain::keyed::stored_as_object!(@put $s, $out, $field, $key, [$($via)?]);
    };
    (@put $s:ident, $out:ident, $field:ident, $key:literal, []) => {
        $crate::domain::json::key($out, $key);
        $crate::domain::json::Encode::encode(&$s.$field, $out);
    };
    (@put $s:ident, $out:ident, $field:ident, $key:literal, [$via:ident]) => {
        $crate::domain::json::key($out, $key);
        $via::encode(&$s.$field, $out);
    };
}
pub(crate) use stored_as_object;

#[cfg(test)]
mod tests {
    use crate::domain::json::{from_str, to_string, Decode, Encode};
    use crate::domain::{CallKind, EvidenceLevel, Outcome, Preset, Role, Stage};

    fn round_trip<T>(all: &[T], keys: &[&str])
    where
        T: Encode + for<'a> Decode<'a> + PartialEq + std::fmt::Debug,
    {
        assert_eq!(all.len(), keys.len());
        for (value, key) in all.iter().zip(keys) {
            let text = to_string(value);
            assert_eq!(text, format!("\"{key}\""));
            assert_eq!(&from_str::<T>(&text).unwrap(), value);
        }
        let error = from_str::<T>("\"nope\"").unwrap_err().to_string();
        assert_eq!(error, "unknown value \"nope\"");
        assert!(from_str::<T>("3").is_err());
    }

    /// The stored keys are a contract with every browser that holds data: these are the keys
    /// serde's derive wrote before.
    #[test]
    fn every_variant_keeps_its_stored_key() {
        round_trip(
            &Stage::ALL,
            &[
                "prospect",
                "discovery",
                "qualification",
                "solution",
                "proposal",
                "commit",
                "closed",
            ],
        );
        round_trip(&CallKind::ALL, &["d", "m", "f", "n", "x"]);
        round_trip(
            &[
                EvidenceLevel::Unknown,
                EvidenceLevel::Assumed,
                EvidenceLevel::Heard,
                EvidenceLevel::Confirmed,
            ],
            &["u", "a", "h", "c"],
        );
        round_trip(
            &[Preset::Standard, Preset::Meddicc, Preset::Bant, Preset::Spiced],
            &["standard", "meddicc", "bant", "spiced"],
        );
        round_trip(&Outcome::ALL, &["open", "won", "lost", "nodecision"]);
        round_trip(&Role::ALL, &["dm", "ch", "co", "tb", "us", "pl", "bl"]);
    }

    /// `stored_as_object!` reads what the derive read: keys in any order, escaped or not,
    /// unknown keys skipped, missing optional fields defaulted, a missing required field named.
    #[test]
    fn objects_are_read_as_the_derive_read_them() {
        use crate::domain::testing::id;
        use crate::domain::{Call, Stakeholder};

        let person: Stakeholder =
            from_str(r#"{"zz":[1,{"a":null}],"n":"Ana","\u0069":"p1","e":true}"#).unwrap();
        assert_eq!(
            (person.id, person.name.as_str(), person.engaged),
            (id("p1"), "Ana", true)
        );
        assert_eq!(
            (person.title.as_str(), person.roles.len(), person.last_contact),
            ("", 0, None)
        );

        let call: Call = from_str(r#"{"i":"c1","at":60,"ck":"a b"}"#).unwrap();
        assert_eq!(
            (call.kind, call.plan.checked),
            (CallKind::default(), vec![id("a"), id("b")])
        );

        let missing = from_str::<Stakeholder>(r#"{"i":"p1"}"#).unwrap_err();
        assert_eq!(missing.to_string(), "missing field `n`");
        let wrong = from_str::<Stakeholder>(r#"{"i":"p1","n":3}"#).unwrap_err();
        assert_eq!(wrong.to_string(), "expected text, found a number");
        assert!(from_str::<Stakeholder>(r#"["p1","Ana"]"#).is_err());
        let twice = from_str::<Stakeholder>(r#"{"i":"p1","n":"A","n":"B"}"#).unwrap();
        assert_eq!(
            twice.name, "B",
            "the last of a repeated key wins, as in JavaScript"
        );
    }

    /// Every field of every record, set to something other than its default, must come back
    /// from what was written.
    #[test]
    fn every_field_of_every_record_survives_a_round_trip() {
        use crate::domain::action::ReviewDraft;
        use crate::domain::call::EvidenceChange;
        use crate::domain::proof::Proof;
        use crate::domain::testing::id;
        use crate::domain::*;

        fn back<T: Encode + for<'a> Decode<'a> + PartialEq + std::fmt::Debug>(v: &T) {
            let text = to_string(v);
            assert_eq!(&from_str::<T>(&text).unwrap(), v, "{text}");
        }
        let line = |i: &str| ListItem {
            id: id(i),
            text: "Asked".into(),
            done: true,
            note: "Yes".into(),
        };
        let pair = Pair {
            id: id("m"),
            left: "Speed".into(),
            right: "Pilot".into(),
        };
        let mut call = Call::new(id("c"), Minutes(60), CallKind::Demo);
        call.attendees = vec![id("p")];
        call.plan = CallPlan {
            objective: "Why".into(),
            ask: "Pilot".into(),
            agenda: vec![line("a")],
            discovery: vec![line("b")],
            pain: vec![line("d")],
            cares: vec![pair.clone()],
            objections: vec![pair],
            checked: vec![id("x"), id("y")],
        };
        call.review = Some(Review {
            happened: "Met".into(),
            next_step: "Send".into(),
            next_step_on: Some(Day(3)),
            cues: "Keen".into(),
            how: ["1".into(), "2".into(), "3".into(), "4".into()],
            evidence: vec![EvidenceChange {
                key: "budget".into(),
                from: EvidenceLevel::Assumed,
                to: EvidenceLevel::Heard,
            }],
            we_promised: vec!["Deck".into()],
            they_promised: vec!["Data".into()],
        });
        call.draft = Some(ReviewDraft {
            happened: "h".into(),
            next_step: "n".into(),
            next_step_on: "2026-12-02".into(),
            cues: "c".into(),
            how: ["a".into(), "b".into(), "c".into(), "d".into()],
            evidence: vec![("budget".into(), EvidenceLevel::Confirmed)],
            we_promised: "w".into(),
            they_promised: "t".into(),
            suggested: vec![("need".into(), EvidenceLevel::Heard)],
        });
        let mut deal = Deal::new(id("d"), "Acme".into(), "Pilot".into(), id("t"), Minutes(5));
        deal.stage = Stage::Solution;
        deal.value = "€40k".into();
        deal.target = Some(Day(9));
        deal.outcome = Outcome::Won;
        deal.archived = true;
        deal.sample = true;
        deal.updated = Minutes(7);
        deal.rev = 4;
        deal.preset = Preset::Bant;
        deal.people = vec![Stakeholder {
            id: id("p"),
            name: "Ana".into(),
            title: "CFO".into(),
            roles: vec![Role::ALL[0]],
            engaged: true,
            last_contact: Some(Day(2)),
            notes: "Likes data".into(),
        }];
        deal.calls = vec![call];
        deal.moves = vec![StageMove {
            at: Minutes(6),
            from: Stage::Prospect,
            to: Stage::Solution,
            skipped: 2,
        }];
        deal.jumped = vec![SkippedStep {
            stage: Stage::Discovery,
            key: "need".into(),
        }];
        deal.snapshots = vec![(Minutes(8), 42)];
        back(&deal);

        let mut template = Template::default_template();
        template.items[0].hint = "Hint".into();
        template.items[0].weight = 3;
        template.items[0].retired = true;
        template.items[1].proof = Proof::Hand;
        back(&template);
    }
}
