//! Digits as people type them: a code, a phone number or an account ID may arrive in any
//! script's decimal digits (Arabic-Indic ٣, Devanagari ३, full-width ３ from a CJK keyboard) and
//! with separators from copy and paste. This is the one place they are folded to ASCII.

/// The zero of every run of ten decimal digits (Unicode general category `Nd`, Unicode 16.0).
/// Every `Nd` character belongs to one such run, in order, so a digit's value is its distance
/// from its run's zero. `char::to_digit` knows only ASCII. The test below checks this table
/// against the `Nd` category of every code point.
const ZEROS: [u32; 76] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit of any script, or `None` for anything else.
pub fn decimal_value(c: char) -> Option<u8> {
    let cp = u32::from(c);
    let index = ZEROS.partition_point(|&zero| zero <= cp).checked_sub(1)?;
    let offset = cp - ZEROS[index];
    u8::try_from(offset).ok().filter(|d| *d < 10)
}

/// `c` as an ASCII digit if it is a decimal digit of any script; otherwise `c` unchanged.
pub fn fold_digit(c: char) -> char {
    decimal_value(c).map_or(c, |d| char::from(b'0' + d))
}

/// Every decimal digit of `raw` folded to ASCII, everything else kept as it is.
pub fn fold_digits(raw: &str) -> String {
    raw.chars().map(fold_digit).collect()
}

/// A one-time code as the service compares it: digits folded to ASCII, and the spaces and
/// dashes that copy and paste or a grouped SMS bring dropped.
pub fn normalize_code(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace() && !is_dash(*c)).map(fold_digit).collect()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '.' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_general_category::{get_general_category, GeneralCategory};

    #[test]
    fn every_unicode_decimal_digit_folds_to_its_value() {
        let mut seen = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let is_nd = get_general_category(c) == GeneralCategory::DecimalNumber;
            assert_eq!(decimal_value(c).is_some(), is_nd, "U+{:04X}", u32::from(c));
            if is_nd {
                seen += 1;
            }
        }
        assert_eq!(seen, ZEROS.len() * 10, "every run has ten digits");
        // Each run counts up from its zero.
        for zero in ZEROS {
            for value in 0..10u8 {
                let c = char::from_u32(zero + u32::from(value)).expect("a character");
                assert_eq!(decimal_value(c), Some(value), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn codes_fold_separators_and_other_scripts() {
        assert_eq!(normalize_code(" 123 456 "), "123456");
        assert_eq!(normalize_code("123-456"), "123456");
        assert_eq!(normalize_code("١٢٣٤٥٦"), "123456");
        assert_eq!(normalize_code("１２３４５６"), "123456");
        assert_eq!(normalize_code("१२३४५६"), "123456");
        assert_eq!(normalize_code("12a"), "12a", "letters stay, so they can be refused");
        assert_eq!(fold_digits("(305) ３８６-7162"), "(305) 386-7162");
    }
}
