//! Counts in words, as the app writes them: "1 call", "1,900 calls".

/// `n` with a comma between groups of three digits: `1900` → `1,900`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
