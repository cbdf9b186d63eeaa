//! Words of a text, fast: where the runs of letters and digits are, found
//! 8 bytes at a time, and a small table that keeps each distinct word once.

use std::ops::Range;

/// Calls `f` with where each run of alphanumeric characters of `text` is,
/// as `text.split(|c: char| !c.is_alphanumeric())` without the empty
/// pieces, but 8 bytes at a time: in ASCII, where words begin and end is
/// where the letters and digits begin and end, found for 8 bytes at once
/// (`ascii_alnum`); a character that is not ASCII is decoded.
pub(super) fn each_word(text: &str, mut f: impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    // Whether a word is being read, and where it began.
    let mut in_word = false;
    let mut start = 0;
    let mut at = 0;
    // Up to the end and once past it: the NULs there end the last word.
    while let Some(rest) = bytes.get(at..) {
        // The last bytes padded with NULs, ASCII characters that are not
        // letters or digits like others.
        let mut last = [0; 8];
        let chunk = rest.first_chunk().unwrap_or_else(|| {
            last[..rest.len()].copy_from_slice(rest);
            &last
        });
        let x = u64::from_le_bytes(*chunk);
        let wide = x & HIGH_BITS;
        // Where a word begins (a letter or digit after something else) or
        // ends (the other way round), as the highest bit of a byte; and
        // how many bytes are done with.
        let (mut edges, done) = if wide & 0x80 == 0 {
            // The ASCII bytes up to the first that is not.
            let ascii = wide.wrapping_sub(1) & !wide;
            let alnum = ascii_alnum(x);
            let before = alnum << 8 | u64::from(in_word) << 7;
            let done = if wide == 0 {
                8
            } else {
                wide.trailing_zeros() / 8
            };
            ((alnum ^ before) & ascii & HIGH_BITS, done as usize)
        } else {
            // A character that is not ASCII.
            let c = text
                .get(at..)
                .and_then(|t| t.chars().next())
                .unwrap_or_default();
            let edge = is_alphanumeric_wide(c) != in_word;
            (u64::from(edge) << 7, c.len_utf8())
        };
        while edges != 0 {
            let i = at + edges.trailing_zeros() as usize / 8;
            if in_word {
                f(start..i);
            } else {
                start = i;
            }
            in_word = !in_word;
            edges &= edges - 1;
        }
        at += done;
    }
}

/// The highest bit of each byte of a `u64`.
pub(super) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The highest bit of each byte of `x` (8 bytes of a text) that is an
/// ASCII letter or digit: all 8 bytes looked at at once, with additions
/// that carry into that bit when a byte is at least some value.
fn ascii_alnum(x: u64) -> u64 {
    // `b` repeated in every byte.
    const fn each(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    // Without the highest bits no addition carries into the next byte.
    let low = x & !HIGH_BITS;
    // Letters in lower case (and nothing else into `a..=z`).
    let lower = low | each(0x20);
    let letter = (lower + each(0x80 - b'a')) & !(lower + each(0x7f - b'z'));
    let digit = (low + each(0x80 - b'0')) & !(low + each(0x7f - b'9'));
    (letter | digit) & !x & HIGH_BITS
}

/// `char::is_alphanumeric` for a character that is not ASCII, with the
/// blocks of German texts looked at first: the letters of Latin-1 and
/// Latin Extended-A and -B (umlauts, ß, accents) and the general
/// punctuation (dashes, quotes), which the tables of the standard library
/// take many steps for (see the test that tries every character).
fn is_alphanumeric_wide(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// A word's first and last 8 bytes as numbers, or 4 for a word of up to
/// 8 bytes, or three of its bytes for a shorter one; they overlap in
/// words of less than 16 bytes, and leave out the middle of a longer one.
/// Two words of up to 16 bytes and the same length are equal if these
/// are: comparing two numbers is faster than calling `memcmp`.
fn word_ends(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let read8 = |i: usize| w[i..].first_chunk().map_or(0, |c| u64::from_le_bytes(*c));
    let read4 = |i: usize| w[i..].first_chunk().map_or(0, |c| u32::from_le_bytes(*c));
    match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16,
            0,
        ),
        4..=8 => (u64::from(read4(0)), u64::from(read4(n - 4))),
        _ => (read8(0), read8(n - 8)),
    }
}

/// A hash of a word for `folded_terms`' table, computed from a few loads
/// instead of byte by byte (`word_ends`; one multiplication for a word of
/// up to 16 bytes, most words). The site's own words need no protection
/// from collisions chosen by an attacker.
fn word_hash(w: &[u8], ends: (u64, u64)) -> u64 {
    // The fractional digits of pi: constants with no pattern.
    const K: [u64; 3] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
    ];
    let (mut a, b) = ends;
    // The middle of a longer word.
    let mut i = 8;
    while i + 8 < w.len() {
        let middle = w[i..].first_chunk().map_or(0, |c| u64::from_le_bytes(*c));
        a = fold_mul(a ^ middle, K[2]);
        i += 8;
    }
    fold_mul(a ^ K[0], b ^ K[1] ^ w.len() as u64)
}

/// The first 8 bytes of a word as a number, the first highest (and 0 for
/// each byte the word is shorter): if one word's number is less than
/// another's, so is the word.
pub(super) fn prefix_key(w: &[u8]) -> u64 {
    let n = w.len();
    let be4 = |i: usize| w[i..].first_chunk().map_or(0, |c| u32::from_be_bytes(*c));
    match w.first_chunk() {
        Some(c) => u64::from_be_bytes(*c),
        // The first and last 4 bytes, overlapping.
        None if n >= 4 => u64::from(be4(0)) << 32 | u64::from(be4(n - 4)) << (8 * (8 - n)),
        None => w
            .iter()
            .enumerate()
            .fold(0, |key, (i, &b)| key | u64::from(b) << (56 - 8 * i)),
    }
}

/// The full product of two numbers, its halves xored: every bit of both
/// factors reaches the bits of the result.
fn fold_mul(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    p as u64 ^ (p >> 64) as u64
}

/// The distinct words of some texts, in the order they first came: a
/// hash table with open addressing, to which a word is added in a few
/// steps (most words are in it already).
pub(super) struct WordSet<'a> {
    /// Each word with its `word_ends`.
    words: Vec<((u64, u64), &'a [u8])>,
    /// For each word, 1 + its index in `words`, at the slot of its hash
    /// or after; 0 for an empty slot. A power of two of them, at most half
    /// of them used.
    slots: Vec<u32>,
}

impl<'a> WordSet<'a> {
    /// A set with room for about `n` words.
    pub(super) fn with_capacity(n: usize) -> Self {
        WordSet {
            words: Vec::with_capacity(n.max(8)),
            slots: vec![0; (2 * n).next_power_of_two().max(16)],
        }
    }

    /// Adds a word if it is not in the set yet.
    pub(super) fn insert(&mut self, w: &'a [u8]) {
        let ends = word_ends(w);
        let mask = self.slots.len() - 1;
        let mut i = word_hash(w, ends) as usize & mask;
        while let Some(&(e, k)) = self.slots[i]
            .checked_sub(1)
            .and_then(|k| self.words.get(k as usize))
        {
            // The ends are the whole word up to 16 bytes.
            if e == ends && k.len() == w.len() && (w.len() <= 16 || k == w) {
                return;
            }
            i = (i + 1) & mask;
        }
        self.words.push((ends, w));
        self.slots[i] = self.words.len() as u32;
        if self.words.len() * 2 > self.slots.len() {
            self.grow();
        }
    }

    /// Twice the slots, each word put at the slot of its hash or after.
    fn grow(&mut self) {
        self.slots = vec![0; self.slots.len() * 2];
        let mask = self.slots.len() - 1;
        for (k, &(ends, w)) in self.words.iter().enumerate() {
            let mut i = word_hash(w, ends) as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = k as u32 + 1;
        }
    }

    /// Each word with its `word_ends`.
    pub(super) fn iter(&self) -> impl Iterator<Item = ((u64, u64), &'a [u8])> + '_ {
        self.words.iter().copied()
    }

    pub(super) fn len(&self) -> usize {
        self.words.len()
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Texts made mostly of the characters the fast paths treat apart.
    pub(in crate::text) fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let tricky = prop::sample::select(vec![
            'a', 'A', 'e', 'E', 'o', 'O', 'u', 'U', 'z', 'Z', '0', '9', ' ', '-', '@', '[', '`',
            '{', '/', ':', '\0', '\u{7f}', 'ä', 'Ä', 'ö', 'ü', 'Ü', 'ß', 'é', '×', '÷', 'Σ', 'σ',
            'İ', '\u{307}', '–', '„', '“', '\u{a0}', 'µ', '²', '½', 'ª', '\u{2071}', '日', '🎓',
        ]);
        let char = prop_oneof![8 => tricky, 1 => any::<char>()];
        prop::collection::vec(char, 0..80).prop_map(|cs| cs.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn words_are_runs_of_alphanumeric_characters(text in tricky_text()) {
            let mut words = Vec::new();
            each_word(&text, |r| words.push(&text[r]));
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words, split);
        }

        #[test]
        fn prefix_keys_compare_as_their_words(a in tricky_text(), b in tricky_text()) {
            let (ka, kb) = (prefix_key(a.as_bytes()), prefix_key(b.as_bytes()));
            proptest::prop_assert!(ka >= kb || a < b);
            proptest::prop_assert!(ka <= kb || a > b);
        }
    }

    #[test]
    fn ascii_alnum_finds_every_letter_and_digit() {
        for b in 0..=255u8 {
            for fill in [0u8, b' ', b'a', b'Z', 0x80, 0xff] {
                for at in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[at] = b;
                    let mask = ascii_alnum(u64::from_le_bytes(bytes));
                    for (i, &c) in bytes.iter().enumerate() {
                        let bit = mask >> (8 * i + 7) & 1 == 1;
                        assert_eq!(bit, c.is_ascii_alphanumeric(), "{bytes:?} {i}");
                    }
                    assert_eq!(mask & !HIGH_BITS, 0);
                }
            }
        }
    }

    #[test]
    fn alphanumeric_wide_is_the_standard_definition() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            assert_eq!(is_alphanumeric_wide(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn word_set_keeps_each_word_once_in_order() {
        // Enough words to grow the table, of every length up to 40 bytes,
        // and long ones that differ only in the middle.
        let words: Vec<String> = (0..1000)
            .map(|i| format!("{}{}", "x".repeat(i % 37), i))
            .chain([
                "a".repeat(9) + "x" + &"b".repeat(9),
                "a".repeat(9) + "y" + &"b".repeat(9),
            ])
            .collect();
        let mut set = WordSet::with_capacity(4);
        for w in words.iter().chain(&words) {
            set.insert(w.as_bytes());
        }
        let got: Vec<&[u8]> = set.iter().map(|(_, w)| w).collect();
        let want: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
        assert_eq!(got, want);
    }
}
