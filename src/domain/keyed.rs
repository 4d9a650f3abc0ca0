//! Unit enums stored as short strings ("d", "lowercase"), written and read through one shared
//! path. serde's derive gives every such enum its own visitor (~1.2 KB of wasm each); here each
//! enum is two tables and the reading is one function.

use serde::{de::Error, Deserialize, Deserializer};

/// The position of the stored key in `keys`, or an error naming the keys expected.
pub fn index<'de, D: Deserializer<'de>>(d: D, keys: &'static [&'static str]) -> Result<usize, D::Error> {
    let text = String::deserialize(d)?;
    keys.iter()
        .position(|k| *k == text)
        .ok_or_else(|| D::Error::unknown_variant(&text, keys))
}

/// `stored_as_keys!(Type, [Type::A => "a", …])`: serializes each variant as its key and reads
/// it back, and gives `Type::key` and `Type::from_key`; the list must name every variant.
macro_rules! stored_as_keys {
    ($ty:ty, [$($variant:expr => $key:literal),+ $(,)?]) => {
        impl $ty {
            const STORED: &'static [($ty, &'static str)] = &[$(($variant, $key)),+];
            const KEYS: &'static [&'static str] = &[$($key),+];
            /// The key it is stored as (and a form's option value).
            pub fn key(self) -> &'static str {
                Self::STORED.iter().find(|(v, _)| *v == self).map_or("", |(_, k)| *k)
            }
            pub fn from_key(key: &str) -> Option<Self> {
                Self::STORED.iter().find(|(_, k)| *k == key).map(|(v, _)| *v)
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::domain::keyed::index(d, Self::KEYS).map(|i| Self::STORED[i].0)
            }
        }
    };
}
pub(crate) use stored_as_keys;

/// `stored_as_array!(Type via Stored { field: FieldType, … })`: `Type` (which must carry
/// `#[derive(Deserialize)] #[serde(from = "Stored")]`) is stored as a JSON array of the listed
/// fields in order: written from borrowed fields, read through the tuple struct `Stored`. A
/// tuple's decoder is a third of a keyed struct's in the wasm, and the record is shorter. At
/// most 16 fields (serde's tuples).
macro_rules! stored_as_array {
    ($ty:ident via $stored:ident { $($field:ident: $fty:ty),+ $(,)? }) => {
        #[derive(serde::Deserialize)]
        struct $stored($($fty),+);
        impl From<$stored> for $ty {
            fn from(s: $stored) -> Self {
                let $stored($($field),+) = s;
                $ty { $($field),+ }
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&($(&self.$field,)+), s)
            }
        }
    };
}
pub(crate) use stored_as_array;

#[cfg(test)]
mod tests {
    use crate::domain::{CallKind, EvidenceLevel, Outcome, Preset, Role, Stage};

    fn round_trip<T>(all: &[T], keys: &[&str])
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        assert_eq!(all.len(), keys.len());
        for (value, key) in all.iter().zip(keys) {
            let text = serde_json::to_string(value).unwrap();
            assert_eq!(text, format!("\"{key}\""));
            assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value);
        }
        let error = serde_json::from_str::<T>("\"nope\"").unwrap_err().to_string();
        assert!(error.contains("unknown variant `nope`"), "{error}");
        assert!(serde_json::from_str::<T>("3").is_err());
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
}
