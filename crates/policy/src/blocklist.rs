//! The bundled list of the 100,000 most common passwords (see `data/SOURCE.md`), searched in
//! place: the file is sorted by UTF-8 bytes, one entry per line, and a binary search over byte
//! offsets finds the line around each probe. No index, no heap: the list costs its size in the
//! binary and nothing more.

static LIST: &str = include_str!("../data/common-passwords.txt");

/// Whether `normalized` (NFKC, lower-cased) is on the list.
pub fn contains(normalized: &str) -> bool {
    let bytes = LIST.as_bytes();
    let needle = normalized.as_bytes();
    let (mut low, mut high) = (0usize, bytes.len());
    // Invariant: every line starting before `low` sorts below the needle, every line starting
    // at or after `high` sorts above it.
    while low < high {
        let mid = low + (high - low) / 2;
        let start = bytes[..mid].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end =
            bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| start + i);
        match bytes[start..end].cmp(needle) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_and_large_enough() {
        let lines: Vec<&str> = LIST.lines().collect();
        assert!(lines.len() >= 100_000, "{} entries", lines.len());
        assert!(lines.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()), "sorted and unique");
        assert!(lines.iter().all(|l| !l.is_empty() && *l == l.to_lowercase()));
    }

    #[test]
    fn every_entry_is_found_and_near_misses_are_not() {
        for line in LIST.lines() {
            assert!(contains(line), "{line:?}");
        }
        for absent in ["", "password-not-on-any-list", "zzzzzzzzzzzzzzzzzzzzzzzzzz", "\u{10FFFF}"] {
            assert!(!contains(absent), "{absent:?}");
        }
        let first = LIST.lines().next().expect("non-empty");
        assert!(
            !contains(&first[..first.len() - 1])
                || LIST.lines().any(|l| l == &first[..first.len() - 1])
        );
    }
}
