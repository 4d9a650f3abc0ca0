//! Stable identifiers. Ids are made outside the pure core (the app draws them from the browser's
//! random source) and passed in, so the core stays deterministic; they survive export and import.

use std::fmt;

use super::{DomainError, Refusal};

/// An identifier: 1 to 40 characters of `a-z`, `0-9`, `-` and `_`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

pub const ID_MAX_LEN: usize = 40;

/// The empty text, not a valid id: only what a stored record's reader holds before it reads the
/// record's required id (a record without one is refused, so this never leaves the reader).
impl super::keyed::Blank for Id {
    fn blank() -> Id {
        Id(String::new())
    }
}

impl Id {
    pub fn new(text: impl Into<String>) -> Result<Id, Refusal> {
        let text = text.into();
        let valid = !text.is_empty()
            && text.len() <= ID_MAX_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if valid {
            Ok(Id(text))
        } else {
            Err(DomainError::BadId(text.chars().take(ID_MAX_LEN + 1).collect()).into())
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The default checklist template's id (a constant, valid by construction; tested below).
    pub fn default_template() -> Id {
        Id(super::template::DEFAULT_TEMPLATE_ID.to_owned())
    }

    /// An id written in this source (template items, the sample's ids): valid by construction,
    /// checked in debug builds and so by every native test that makes one. Not
    /// `Id::new(..).expect(..)`, which keeps the error's `Debug` formatting in the wasm.
    pub(crate) fn known(text: &str) -> Id {
        debug_assert!(Id::new(text).is_ok(), "{text} is not a valid id");
        Id(text.to_owned())
    }

    /// The first `len` characters, at least one: a prefix of a valid id is a valid id.
    pub fn prefix(&self, len: usize) -> Id {
        let len = len.clamp(1, self.0.len().max(1));
        Id(self.0.get(..len).unwrap_or(&self.0).to_owned())
    }

    /// Builds an id from a 64-bit random number and a prefix (e.g. `d` for deals).
    pub fn from_random(prefix: char, random: u64) -> Id {
        let mut text = String::with_capacity(14);
        text.push(prefix);
        let mut n = random;
        for _ in 0..12 {
            let digit = (n % 36) as u8;
            text.push(if digit < 10 {
                b'0' + digit
            } else {
                b'a' + digit - 10
            } as char);
            n /= 36;
        }
        Id(text)
    }
}

impl super::json::Encode for Id {
    fn encode(&self, out: &mut String) {
        self.0.encode(out);
    }
}

/// A stored id is checked as a typed one is.
impl<'a> super::json::Decode<'a> for Id {
    fn decode(r: &mut super::json::Reader<'a>) -> super::json::Result<Id> {
        let text = String::decode(r)?;
        Id::new(text).map_err(|e| r.error(&e.to_string()))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_default_template_id_is_a_valid_id() {
        assert_eq!(
            Id::new(super::super::template::DEFAULT_TEMPLATE_ID),
            Ok(Id::default_template())
        );
    }

    use super::*;

    #[test]
    fn ids_accept_only_the_safe_alphabet() {
        assert!(Id::new("d1k2-x_9").is_ok());
        for bad in ["", "A", "a b", "<script>", "__proto__x\u{0}", &"a".repeat(41)] {
            assert!(Id::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn random_ids_are_valid_and_distinct() {
        let a = Id::from_random('d', 1);
        let b = Id::from_random('d', u64::MAX);
        assert_ne!(a, b);
        assert!(Id::new(a.as_str()).is_ok() && Id::new(b.as_str()).is_ok());
    }

    #[test]
    fn deserializing_a_bad_id_is_an_error() {
        use crate::domain::json::from_str;
        assert_eq!(from_str::<Id>("\"ok-1\""), Ok(Id::known("ok-1")));
        let e = from_str::<Id>("\"Not OK\"").unwrap_err();
        assert_eq!(e.to_string(), "“Not OK” is not a valid id.");
    }
}
