//! The JSON every record is stored and exported as, read and written by the app itself.
//!
//! serde and serde_json did this before; their generic code, one copy per record type and
//! deserializer, was ~75 KB of the wasm before optimization. Here reading is one non-generic
//! [`Reader`] that each record's [`Decode`] calls field by field, and writing is appending to a
//! `String` through [`Encode`]. The records' shapes are declared once, in `keyed.rs`'s macros.
//! The bytes written are serde_json's (compact form, same escapes): the fixture test
//! `tests/stored_format.rs` holds every record kind to them, and the tests below check the
//! reader and the writer against serde_json on generated text.

use std::borrow::Cow;

/// Why a text could not be read: what was expected, and the byte where it went wrong. Boxed,
/// so that every `Result` the reader passes back is small.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<(String, usize)>);

impl Error {
    fn new(message: String, at: usize) -> Error {
        Error(Box::new((message, at)))
    }

    /// What was wrong, in words.
    pub fn message(self) -> String {
        self.0 .0
    }

    /// The line and column (from 1, in characters) where it went wrong in `text`.
    pub fn position(&self, text: &str) -> (usize, usize) {
        let mut at = self.0 .1.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = part(text, 0, at);
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        (
            1 + before.matches('\n').count(),
            1 + part(before, line_start, at).chars().count(),
        )
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0 .0)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Reads one JSON text from its start. Objects are read key by key ([`Reader::object`], then
/// [`Reader::key`] until it gives `None`), lists item by item ([`Reader::array`], then
/// [`Reader::item`] until `false`).
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// Just past an opening `{` or `[`: the next key or item has no comma before it.
    fresh: bool,
}

/// How deep lists and objects may nest in a value that is skipped (no record nests past 5).
const DEPTH: u32 = 128;

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            at: 0,
            fresh: false,
        }
    }

    pub fn error(&self, message: &str) -> Error {
        Error::new(message.to_owned(), self.at)
    }

    /// The next byte after any whitespace, not taken.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// "expected `what`, found …", at the next byte.
    fn expected(&mut self, what: &str) -> Error {
        let found = match self.peek() {
            None => "the end",
            Some(b'"') => "text",
            Some(b'{') => "an object",
            Some(b'[') => "a list",
            Some(b't' | b'f') => "true or false",
            Some(b'n') => "null",
            Some(b'-' | b'0'..=b'9') => "a number",
            Some(_) => "a stray character",
        };
        self.error(&format!("expected {what}, found {found}"))
    }

    fn take(&mut self, byte: u8, what: &str) -> Result<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }

    /// Takes `word` (`true`, `false`, `null`) if it comes next.
    fn word(&mut self, word: &str) -> bool {
        self.peek();
        let found = self.text.as_bytes()[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    /// Starts an object.
    pub fn object(&mut self) -> Result<()> {
        self.take(b'{', "an object")?;
        self.fresh = true;
        Ok(())
    }

    /// Whether the object or list has another key or item (it comes next, after its comma);
    /// `false` once `close` is taken.
    fn next_in(&mut self, close: u8, what: &str) -> Result<bool> {
        let first = std::mem::replace(&mut self.fresh, false);
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(false);
        }
        if !first {
            self.take(b',', what)?;
        }
        Ok(true)
    }

    /// The object's next key (its value comes next), or `None` at its end.
    pub fn key(&mut self) -> Result<Option<Cow<'a, str>>> {
        if !self.next_in(b'}', "`,` or `}`")? {
            return Ok(None);
        }
        let key = self.string()?;
        self.take(b':', "`:`")?;
        Ok(Some(key))
    }

    /// The object's next key as its position in `keys` (`usize::MAX` for a key not there), or
    /// `None` at its end.
    pub fn key_of(&mut self, keys: &[&str]) -> Result<Option<usize>> {
        Ok(self
            .key()?
            .map(|key| keys.iter().position(|k| *k == key).unwrap_or(usize::MAX)))
    }

    /// Starts a list.
    pub fn array(&mut self) -> Result<()> {
        self.take(b'[', "a list")?;
        self.fresh = true;
        Ok(())
    }

    /// Whether the list has another item (it comes next); `false` at its end.
    pub fn item(&mut self) -> Result<bool> {
        self.next_in(b']', "`,` or `]`")
    }

    /// The list's next item, which must be there (a record stored as a list).
    pub fn expect_item(&mut self) -> Result<()> {
        if self.item()? {
            Ok(())
        } else {
            Err(self.error("a list shorter than expected"))
        }
    }

    /// The end of a list whose items were all read.
    pub fn end(&mut self) -> Result<()> {
        if self.item()? {
            Err(self.error("a list longer than expected"))
        } else {
            Ok(())
        }
    }

    /// A string, borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>> {
        self.take(b'"', "text")?;
        let start = self.at;
        loop {
            match self.byte() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Borrowed(part(self.text, start, self.at - 1)));
                }
                Some(b'\\') => break,
                _ => self.plain()?,
            }
        }
        let mut out = part(self.text, start, self.at).to_owned();
        loop {
            match self.byte() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => out.push(self.escape()?),
                _ => {
                    let from = self.at;
                    self.plain()?;
                    out.push_str(part(self.text, from, self.at));
                }
            }
        }
    }

    /// Steps over a run of characters that need no escape (at least one).
    fn plain(&mut self) -> Result<()> {
        let start = self.at;
        let rest = &self.text.as_bytes()[start..];
        let run = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        self.at += run;
        if self.byte().is_some_and(|b| b < 0x20) {
            return Err(self.error("a control character in text (it must be escaped)"));
        }
        if self.at == start {
            return Err(self.error("text without its closing quote"));
        }
        Ok(())
    }

    /// The character of the escape at `\`.
    fn escape(&mut self) -> Result<char> {
        let c = match self.text.as_bytes().get(self.at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode(),
            _ => return Err(self.error("an unknown escape in text")),
        };
        self.at += 2;
        Ok(c)
    }

    /// `\uXXXX`, or a surrogate pair of two.
    fn unicode(&mut self) -> Result<char> {
        let high = self.hex()?;
        let code = match high {
            0xD800..=0xDBFF => {
                let low = if self.text.as_bytes().get(self.at..self.at + 2) == Some(b"\\u") {
                    self.hex()?
                } else {
                    0
                };
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.error("a lone surrogate escape in text"));
                }
                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("a lone surrogate escape in text")),
            n => n,
        };
        char::from_u32(code).ok_or_else(|| self.error("an invalid escape in text"))
    }

    /// The four hex digits of the `\u` at the reader.
    fn hex(&mut self) -> Result<u32> {
        let digits = self.text.as_bytes().get(self.at + 2..self.at + 6);
        let value = digits.and_then(|d| {
            d.iter()
                .try_fold(0, |n, &b| Some(n * 16 + char::from(b).to_digit(16)?))
        });
        let value = value.ok_or_else(|| self.error("an invalid \\u escape in text"))?;
        self.at += 6;
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.byte(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// Steps over any JSON number (fraction and exponent too).
    fn number(&mut self) -> Result<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let start = self.at;
        let n = self.digits();
        let mut ok = n == 1 || (n > 1 && self.text.as_bytes().get(start) != Some(&b'0'));
        if self.byte() == Some(b'.') {
            self.at += 1;
            ok &= self.digits() > 0;
        }
        if matches!(self.byte(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.byte(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            ok &= self.digits() > 0;
        }
        if ok {
            Ok(())
        } else {
            Err(self.error("a malformed number"))
        }
    }

    /// A whole number: whether it is negative, and its size.
    fn whole(&mut self) -> Result<(bool, u64)> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(self.expected("a number"));
        }
        let negative = self.byte() == Some(b'-');
        let start = self.at + usize::from(negative);
        self.number()?;
        let mut n: u64 = 0;
        for &b in &self.text.as_bytes()[start..self.at] {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return Err(self.error("expected a whole number"));
            }
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(digit)))
                .ok_or_else(|| self.error("a number too large"))?;
        }
        Ok((negative, n))
    }

    pub fn unsigned(&mut self) -> Result<u64> {
        match self.whole()? {
            (true, n) if n > 0 => Err(self.error("a negative number where none can be")),
            (_, n) => Ok(n),
        }
    }

    pub fn signed(&mut self) -> Result<i64> {
        let (negative, n) = self.whole()?;
        let n = if negative {
            0i64.checked_sub_unsigned(n)
        } else {
            i64::try_from(n).ok()
        };
        n.ok_or_else(|| self.error("a number too large"))
    }

    pub fn bool(&mut self) -> Result<bool> {
        if self.word("true") {
            Ok(true)
        } else if self.word("false") {
            Ok(false)
        } else {
            Err(self.expected("true or false"))
        }
    }

    /// Takes a `null` if one comes next.
    pub fn null(&mut self) -> bool {
        self.word("null")
    }

    /// The position in `keys` of the text that comes next.
    pub fn one_of(&mut self, keys: &[&str]) -> Result<usize> {
        let at = self.at;
        let text = self.string()?;
        keys.iter()
            .position(|k| *k == text)
            .ok_or_else(|| Error::new(format!("unknown value \"{text}\""), at))
    }

    /// Steps over the next value, whatever it is, and gives its text.
    pub fn skip(&mut self) -> Result<&'a str> {
        self.skip_nested(0)
    }

    fn skip_nested(&mut self, depth: u32) -> Result<&'a str> {
        if depth > DEPTH {
            return Err(self.error("lists or objects nested too deeply"));
        }
        let start = match self.peek() {
            Some(_) => self.at,
            None => return Err(self.expected("a value")),
        };
        match self.byte() {
            Some(b'{') => {
                self.object()?;
                while self.key()?.is_some() {
                    self.skip_nested(depth + 1)?;
                }
            }
            Some(b'[') => {
                self.array()?;
                while self.item()? {
                    self.skip_nested(depth + 1)?;
                }
            }
            Some(b'"') => {
                self.string()?;
            }
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => {
                if !(self.word("true") || self.word("false") || self.null()) {
                    return Err(self.expected("a value"));
                }
            }
        }
        Ok(part(self.text, start, self.at))
    }

    /// Nothing but whitespace is left.
    pub fn finish(&mut self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("more after the end of the value")),
        }
    }
}

/// A value read from JSON.
pub trait Decode<'a>: Sized {
    fn decode(r: &mut Reader<'a>) -> Result<Self>;
}

/// A value written as JSON, appended to `out`.
pub trait Encode {
    fn encode(&self, out: &mut String);
}

/// Whether a field holds nothing worth writing: such fields are left out of the record (the
/// reader puts their default back).
pub trait Empty {
    fn empty(&self) -> bool;
}

/// `text` read as one `T` (nothing but whitespace around it).
pub fn from_str<'a, T: Decode<'a>>(text: &'a str) -> Result<T> {
    let mut r = Reader::new(text);
    let value = T::decode(&mut r)?;
    r.finish()?;
    Ok(value)
}

pub fn to_string<T: Encode + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.encode(&mut out);
    out
}

/// `text[from..to]`, where both ends sit on ASCII bytes the reader or writer stopped at (so on
/// char boundaries). `get` has no panic path; `str` indexing's, whose message formats a `char`
/// with `Debug` (Unicode's printable and grapheme tables with it), was ~4 KB of the wasm.
pub(crate) fn part(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or_default()
}

/// A comma, unless the next value is the first of its list or object.
pub fn comma(out: &mut String) {
    if !matches!(out.as_bytes().last(), Some(b'{' | b'[')) {
        out.push(',');
    }
}

/// An object's key (with its comma): its value comes next.
pub fn key(out: &mut String, key: &str) {
    comma(out);
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
}

/// A value kept as its JSON text, read later (a record's data, an import file's parts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Raw<'a>(pub &'a str);

impl<'a> Decode<'a> for Raw<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.skip().map(Raw)
    }
}

impl Encode for Raw<'_> {
    fn encode(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

impl<'a> Decode<'a> for String {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.string().map(Cow::into_owned)
    }
}

impl Encode for str {
    /// serde_json's escapes: `"`, `\` and control characters; everything else as it is.
    fn encode(&self, out: &mut String) {
        out.push('"');
        let mut from = 0;
        for (at, b) in self.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            out.push_str(part(self, from, at));
            if escape.is_empty() {
                out.push_str("\\u00");
                out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
                out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
            } else {
                out.push_str(escape);
            }
            from = at + 1;
        }
        out.push_str(part(self, from, self.len()));
        out.push('"');
    }
}

impl Encode for String {
    fn encode(&self, out: &mut String) {
        self.as_str().encode(out);
    }
}

impl<'a> Decode<'a> for bool {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.bool()
    }
}

impl Encode for bool {
    fn encode(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl<'a> Decode<'a> for u64 {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.unsigned()
    }
}

impl<'a> Decode<'a> for i64 {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.signed()
    }
}

/// Smaller whole numbers, refused when out of their range.
macro_rules! narrow {
    ($($ty:ty: $read:ident as $wide:ty),+) => {$(
        impl<'a> Decode<'a> for $ty {
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                let n = r.$read()?;
                <$ty>::try_from(n).map_err(|_| r.error("a number out of range"))
            }
        }
        impl Encode for $ty {
            fn encode(&self, out: &mut String) {
                <$wide>::from(*self).encode(out);
            }
        }
    )+};
}

narrow!(u8: unsigned as u64, u16: unsigned as u64, u32: unsigned as u64, i32: signed as i64);

impl Encode for u64 {
    fn encode(&self, out: &mut String) {
        super::text::push_number(out, *self);
    }
}

impl Encode for i64 {
    fn encode(&self, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        super::text::push_number(out, self.unsigned_abs());
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Option<T> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        if r.null() {
            Ok(None)
        } else {
            T::decode(r).map(Some)
        }
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut String) {
        match self {
            Some(value) => value.encode(out),
            None => out.push_str("null"),
        }
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Vec<T> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.array()?;
        let mut items = Vec::new();
        while r.item()? {
            items.push(T::decode(r)?);
        }
        Ok(items)
    }
}

impl<T: Encode> Encode for [T] {
    fn encode(&self, out: &mut String) {
        out.push('[');
        for item in self {
            comma(out);
            item.encode(out);
        }
        out.push(']');
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut String) {
        self.as_slice().encode(out);
    }
}

impl<'a> Decode<'a> for [String; 4] {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let at = r.at;
        let texts = Vec::<String>::decode(r)?;
        texts
            .try_into()
            .map_err(|_| Error::new("expected a list of 4 texts".into(), at))
    }
}

impl Encode for [String; 4] {
    fn encode(&self, out: &mut String) {
        self.as_slice().encode(out);
    }
}

impl<'a, A: Decode<'a>, B: Decode<'a>> Decode<'a> for (A, B) {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.array()?;
        r.expect_item()?;
        let a = A::decode(r)?;
        r.expect_item()?;
        let b = B::decode(r)?;
        r.end()?;
        Ok((a, b))
    }
}

impl<A: Encode, B: Encode> Encode for (A, B) {
    fn encode(&self, out: &mut String) {
        out.push('[');
        self.0.encode(out);
        out.push(',');
        self.1.encode(out);
        out.push(']');
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, out: &mut String) {
        (**self).encode(out);
    }
}

impl Empty for str {
    fn empty(&self) -> bool {
        self.is_empty()
    }
}

impl Empty for String {
    fn empty(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Empty for [T] {
    fn empty(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Empty for Vec<T> {
    fn empty(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Empty for Option<T> {
    fn empty(&self) -> bool {
        self.is_none()
    }
}

impl Empty for bool {
    fn empty(&self) -> bool {
        !*self
    }
}

impl Empty for u16 {
    fn empty(&self) -> bool {
        *self == 0
    }
}

impl Empty for [String; 4] {
    fn empty(&self) -> bool {
        self.iter().all(String::is_empty)
    }
}

impl<T: Empty + ?Sized> Empty for &T {
    fn empty(&self) -> bool {
        (**self).empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_read_within_their_range() {
        assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(from_str::<i64>(" 9223372036854775807 "), Ok(i64::MAX));
        assert_eq!(from_str::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(from_str::<u64>("-0"), Ok(0));
        assert_eq!(from_str::<u8>("255"), Ok(255));
        for bad in ["256", "-1"] {
            assert!(from_str::<u8>(bad).is_err(), "{bad}");
        }
        for bad in [
            "9223372036854775808",
            "18446744073709551616",
            "1.5",
            "1e3",
            "01",
            "-",
            "",
            "\"1\"",
            "1 2",
        ] {
            assert!(from_str::<i64>(bad).is_err(), "{bad}");
        }
        for n in [0, 1, -1, 42, i64::MIN, i64::MAX] {
            assert_eq!(from_str::<i64>(&to_string(&n)), Ok(n));
        }
    }

    #[test]
    fn text_reads_every_escape() {
        let read = |t: &str| from_str::<String>(t);
        assert_eq!(
            read(r#""a\"b\\c\/d\b\f\n\r\t""#).unwrap(),
            "a\"b\\c/d\u{8}\u{c}\n\r\t"
        );
        assert_eq!(read(r#""\u00e9\uD83D\uDE00x""#).unwrap(), "é😀x");
        assert_eq!(read("\"漢字 plain\"").unwrap(), "漢字 plain");
        for bad in [
            r#""\uD83D""#,
            r#""\uDE00""#,
            r#""\u12""#,
            r#""\x""#,
            "\"a\nb\"",
            "\"open",
            "\"\\",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        let borrowed = Reader::new("\"plain\"").string().unwrap();
        assert!(matches!(borrowed, Cow::Borrowed("plain")));
    }

    #[test]
    fn lists_and_objects_need_their_commas() {
        assert_eq!(from_str::<Vec<u8>>(" [ 1 , 2 ] "), Ok(vec![1, 2]));
        assert_eq!(from_str::<Vec<u8>>("[]"), Ok(vec![]));
        for bad in ["[1,]", "[,1]", "[1 2]", "[1", "[[]]", "{}"] {
            assert!(from_str::<Vec<u8>>(bad).is_err(), "{bad}");
        }
        assert_eq!(from_str::<(String, u8)>(r#"["a",1]"#), Ok(("a".into(), 1)));
        assert!(from_str::<(String, u8)>(r#"["a"]"#).is_err());
        assert!(from_str::<(String, u8)>(r#"["a",1,2]"#).is_err());
        let mut r = Reader::new(r#"{"a":1,"b":{}}"#);
        r.object().unwrap();
        assert_eq!(r.key().unwrap().as_deref(), Some("a"));
        assert_eq!(r.skip(), Ok("1"));
        assert_eq!(r.key().unwrap().as_deref(), Some("b"));
        assert_eq!(r.skip(), Ok("{}"));
        assert_eq!(r.key(), Ok(None));
        for bad in [
            r#"{"a":1,}"#,
            r#"{,"a":1}"#,
            r#"{"a" 1}"#,
            r#"{"a":1 "b":2}"#,
            r#"{1:2}"#,
        ] {
            assert!(Reader::new(bad).skip().is_err(), "{bad}");
        }
    }

    #[test]
    fn skipping_refuses_what_nests_too_deeply() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(Reader::new(&deep).skip().is_err());
        let fine = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(Reader::new(&fine).skip(), Ok(fine.as_str()));
    }

    #[test]
    fn an_error_says_where() {
        let text = "{\n  \"a\": tru\n}";
        let e = Reader::new(text).skip().unwrap_err();
        assert_eq!(e.position(text), (2, 8));
        assert_eq!(e.to_string(), "expected a value, found true or false");
    }
}

/// The same texts read and written by serde_json, the library this replaced.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod against_serde_json {
    use super::*;
    use proptest::prelude::*;

    /// Any JSON value, as serde_json writes it (compact or pretty).
    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                prop::collection::btree_map(any::<String>(), inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn text_is_written_as_serde_json_writes_it(text in any::<String>()) {
            prop_assert_eq!(to_string(text.as_str()), serde_json::to_string(&text).unwrap());
            prop_assert_eq!(from_str::<String>(&to_string(text.as_str())), Ok(text));
        }

        #[test]
        fn whatever_serde_json_writes_is_skipped_whole(v in value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let mut r = Reader::new(&text);
            prop_assert_eq!(r.skip(), Ok(text.as_str()));
            prop_assert_eq!(r.finish(), Ok(()));
        }

        #[test]
        fn text_serde_json_refuses_is_refused(text in "[\\[\\]{}\",:0-9a-z\\\\ -]{0,12}") {
            let mut r = Reader::new(&text);
            let ours = r.skip().and_then(|_| r.finish());
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{}", text);
        }

        #[test]
        fn numbers_read_as_serde_json_reads_them(n in any::<i64>(), u in any::<u64>()) {
            prop_assert_eq!(from_str::<i64>(&n.to_string()), Ok(n));
            prop_assert_eq!(from_str::<u64>(&u.to_string()), Ok(u));
            prop_assert_eq!(to_string(&n), serde_json::to_string(&n).unwrap());
            prop_assert_eq!(to_string(&u), serde_json::to_string(&u).unwrap());
        }
    }
}
