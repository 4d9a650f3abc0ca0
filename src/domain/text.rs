//! Counts in words, as the app writes them: "1 call", "1,900 calls".

/// `n` with a comma between groups of three digits: `1900` → `1,900`.
pub fn grouped(n: usize) -> String {
    let digits = number(n as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `parts` with `sep` between them: `[T]::join` is specialised per separator length and per
/// item type, two large copies in the wasm; this is a small one per kind of list, and takes
/// the parts as they come (no list collected only to be joined).
pub fn join<S: AsRef<str>>(parts: impl IntoIterator<Item = S>, sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// `n` in digits: every number the app writes goes through this one formatter (each integer
/// type's own `to_string` is another copy of the formatting code in the wasm), the stored JSON
/// too (through [`push_number`]).
pub fn number(n: u64) -> String {
    let mut out = String::new();
    push_number(&mut out, n);
    out
}

/// [`number`], appended to `out`.
pub fn push_number(out: &mut String, n: u64) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `text` read as a number when it is only ASCII digits (one to 18: no sign, no space, never
/// an overflow). Every number the app reads from text goes through this one reader (each
/// integer type's own `FromStr` is another copy of the parsing code in the wasm).
pub fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.bytes().fold(0, |n, b| n * 10 + u64::from(b - b'0')))
}

/// `n` and the noun that agrees with it: `count(1, "deal", "deals")` → `1 deal`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// A size in bytes as people read it: whole KB below 1 MB, then MB and GB with one decimal
/// (`1.5 MB`, `10 GB`). Integer arithmetic only (no float printing in the wasm).
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    const GB: u64 = MB * KB;
    let tenths = |unit: u64| {
        let t = (bytes * 10 + unit / 2) / unit;
        if t % 10 == 0 {
            grouped((t / 10) as usize)
        } else {
            format!("{}.{}", grouped((t / 10) as usize), t % 10)
        }
    };
    if bytes < MB {
        format!("{} KB", grouped(bytes.div_ceil(KB) as usize))
    } else if bytes < GB {
        format!("{} MB", tenths(MB))
    } else {
        format!("{} GB", tenths(GB))
    }
}

/// `text` in lower case for comparing (search, de-duplication): ASCII, Latin-1, Latin
/// Extended-A, Greek and Cyrillic letters are folded (U+0000–017F, U+0370–04FF, as Unicode
/// does); other characters are kept as they are.
/// Not `str::to_lowercase`: its table of every Unicode case pair costs ~4 KB of gzip wasm,
/// and the scripts left out here have no case or are rare in sales notes.
pub fn fold_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(lower(c));
    }
    out
}

fn lower(c: char) -> char {
    let n = c as u32;
    let folded = match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => n + 0x20,
        // Pairs: even upper, odd lower (Ā ā … ž), except the dotted/dotless i and ĸ, ŉ.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if n % 2 == 0 => n + 1,
        0x139..=0x148 | 0x179..=0x17E | 0x3F7 if n % 2 == 1 => n + 1,
        0x370..=0x373 | 0x376 | 0x3D8..=0x3EF | 0x3FA if n % 2 == 0 => n + 1,
        0x178 => 0xFF,
        0x37F => 0x3F3,
        0x3CF => 0x3D7,
        0x3F4 => 0x3B8,
        0x3F9 => 0x3F2,
        0x3FD..=0x3FF => n - 130,
        0x386 => 0x3AC,
        0x388..=0x38A => n + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => n + 63,
        0x400..=0x40F => n + 0x50,
        // Cyrillic pairs (Ѡ ѡ … ӿ), leaving the combining marks and signs in between alone.
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x4FF if n % 2 == 0 => n + 1,
        0x4C1..=0x4CE if n % 2 == 1 => n + 1,
        0x4C0 => 0x4CF,
        _ => n,
    };
    char::from_u32(folded).unwrap_or(c)
}

/// Whether `needle` occurs in `text`, compared byte by byte (UTF-8 text matches only at
/// character boundaries). The texts searched are names and plan lines, so a plain scan is
/// fast enough; std's `str::contains` with a string pattern brings its two-way searcher
/// (~1.8 KB of wasm before wasm-opt).
pub fn contains(text: &str, needle: &str) -> bool {
    needle.is_empty()
        || text
            .as_bytes()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same text as the standard library's `join`, for texts and borrowed texts.
    #[test]
    fn join_agrees_with_the_standard_join() {
        let lists: [&[&str]; 5] = [&[], &[""], &["a"], &["a", "", "b"], &["one", "two", "three"]];
        for list in lists {
            for sep in ["", ", ", "; ", "\n"] {
                assert_eq!(join(list, sep), list.join(sep), "{list:?} {sep:?}");
                let owned: Vec<String> = list.iter().map(|s| s.to_string()).collect();
                assert_eq!(join(&owned, sep), owned.join(sep));
            }
        }
    }

    /// Only plain digits read as a number, and the same number `u64`'s own parser reads.
    #[test]
    fn digits_reads_plain_digits_only() {
        for text in ["0", "7", "042", "2027", "999999999999999999"] {
            assert_eq!(digits(text), text.parse::<u64>().ok(), "{text}");
        }
        for text in [
            "",
            "+5",
            "-1",
            " 5",
            "5 ",
            "5.5",
            "1e3",
            "٣",
            "1234567890123456789",
        ] {
            assert_eq!(digits(text), None, "{text:?}");
        }
    }

    /// Agrees with the standard library's full Unicode lowering for every character of the
    /// scripts it covers (up to U+04FF) that lowers to one character, and leaves the rest.
    #[test]
    fn fold_case_agrees_with_unicode_for_latin_greek_and_cyrillic() {
        for n in (0..0x180u32).chain(0x370..0x500) {
            let Some(c) = char::from_u32(n) else { continue };
            let std: Vec<char> = c.to_lowercase().collect();
            let expected = if std.len() == 1 { std[0] } else { c };
            assert_eq!(lower(c), expected, "U+{n:04X} {c}");
        }
        for c in ['ა', 'Ա', '中', 'Ａ', '🙂'] {
            assert_eq!(lower(c), c, "outside the covered scripts: kept");
        }
        assert_eq!(fold_case("ÉCOLE Ärger ΣΟΦΊΑ Москва"), "école ärger σοφία москва");
    }

    #[test]
    fn groups_of_three_digits() {
        for (n, text) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (1900, "1,900"),
            (123_456, "123,456"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(grouped(n), text);
        }
    }

    #[test]
    fn sizes_read_in_the_unit_that_fits() {
        assert_eq!(size(0), "0 KB");
        assert_eq!(size(1), "1 KB");
        assert_eq!(size(565_000), "552 KB");
        assert_eq!(size(1024 * 1024), "1 MB");
        assert_eq!(size(5_767_168), "5.5 MB");
        assert_eq!(size(10_737_418_240), "10 GB");
        assert_eq!(size(300 * 1024 * 1024 * 1024 * 10), "3,000 GB");
    }

    #[test]
    fn the_noun_agrees_with_the_count() {
        assert_eq!(count(1, "call", "calls"), "1 call");
        assert_eq!(count(0, "call", "calls"), "0 calls");
        assert_eq!(count(1900, "call", "calls"), "1,900 calls");
    }

    #[test]
    fn contains_finds_what_std_finds() {
        let texts = [
            "",
            "a",
            "Acme Logistics",
            "Zoë's café",
            "ab",
            "aaab",
            "日本語のテキスト",
        ];
        let needles = [
            "",
            "a",
            "ab",
            "aab",
            "Logist",
            "s",
            "ë",
            "café",
            "é",
            "語の",
            "x",
            "Acme Logistics!",
        ];
        for text in texts {
            for needle in needles {
                assert_eq!(
                    contains(text, needle),
                    text.contains(needle),
                    "{text:?} {needle:?}"
                );
            }
        }
    }
}
