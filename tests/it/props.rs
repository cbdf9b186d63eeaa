//! Property tests: a content file made of random bytes, cut short, or
//! saved in another encoding (UTF-16, Latin-1, with a BOM, with bytes
//! that are not UTF-8) never makes lotse panic. In process (through
//! `lotse::fuzz`, many cases) and through the real binary (few cases: each
//! is a build), an unreadable file is an error that names it, and exit 0
//! means the page was built.

use crate::harness::Fixture;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const OFFER: &str = "content/offers/bewerbungstraining.md";

fn original() -> Vec<u8> {
    std::fs::read(crate::harness::fixtures_dir().join("full").join(OFFER)).unwrap()
}

/// What is done to the file.
#[derive(Clone, Debug)]
enum Damage {
    Random(Vec<u8>),
    Truncate(usize),
    Utf16 {
        big_endian: bool,
        bom: bool,
    },
    Latin1,
    Utf8Bom,
    /// A byte that never occurs in UTF-8, at a position.
    BadByte(usize, u8),
}

impl Damage {
    fn apply(&self, text: &[u8]) -> Vec<u8> {
        let s = std::str::from_utf8(text).unwrap();
        match self {
            Damage::Random(b) => b.clone(),
            Damage::Truncate(n) => text[..n % (text.len() + 1)].to_vec(),
            Damage::Utf16 { big_endian, bom } => {
                let mut out = Vec::new();
                let units = bom.then_some(0xfeff).into_iter().chain(s.encode_utf16());
                for u in units {
                    out.extend(if *big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    });
                }
                out
            }
            Damage::Latin1 => s
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect(),
            Damage::Utf8Bom => [b"\xef\xbb\xbf".as_slice(), text].concat(),
            Damage::BadByte(at, b) => {
                let mut t = text.to_vec();
                t.insert(at % (t.len() + 1), *b);
                t
            }
        }
    }

    /// Whether the damaged file can never be read as content.
    fn always_fails(&self) -> bool {
        matches!(
            self,
            Damage::Utf16 { .. } | Damage::Latin1 | Damage::BadByte(..)
        )
    }
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400).prop_map(Damage::Random),
        any::<usize>().prop_map(Damage::Truncate),
        (any::<bool>(), any::<bool>())
            .prop_map(|(big_endian, bom)| Damage::Utf16 { big_endian, bom }),
        Just(Damage::Latin1),
        Just(Damage::Utf8Bom),
        (
            any::<usize>(),
            prop_oneof![Just(0xc0u8), Just(0xffu8), 0x80u8..0xc0]
        )
            .prop_map(|(at, b)| Damage::BadByte(at, b)),
    ]
}

/// `cases` runs of `test`, without files of failed cases (the seeds that
/// matter are kept as tests here or as fuzz regressions).
fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 64,
        ..Config::default()
    };
    TestRunner::new(config).run(&strategy, test).unwrap();
}

#[test]
fn damaged_files_in_process_never_panic_and_are_named() {
    let text = original();
    run(512, damage(), |d| {
        let bytes = d.apply(&text);
        let diags = lotse::fuzz::content_file(OFFER, &bytes);
        let named = diags.iter().any(|e| e.is_error() && e.file == OFFER);
        if d.always_fails() || std::str::from_utf8(&bytes).is_err() {
            prop_assert!(named, "{d:?}: {diags:?}");
        }
        Ok(())
    });
}

#[test]
fn random_bytes_in_process_never_panic() {
    run(
        512,
        (0..6usize, proptest::collection::vec(any::<u8>(), 0..2000)),
        |(kind, bytes)| {
            let input = [&[kind as u8][..], &bytes].concat();
            lotse::fuzz::content_file_input(&input);
            lotse::fuzz::markdown(&bytes);
            lotse::fuzz::serve_path(&bytes);
            Ok(())
        },
    );
}

#[test]
fn damaged_files_through_the_binary_exit_1_naming_the_file_or_build() {
    let text = original();
    run(40, damage(), |d| {
        let fx = Fixture::copy("full");
        fx.write(OFFER, d.apply(&text));
        let run = fx.build();
        prop_assert!(!run.stderr.contains("panicked"), "{d:?}\n{run}");
        match run.code {
            0 => {
                prop_assert!(!d.always_fails(), "{d:?} built\n{run}");
                prop_assert!(fx.has_output("angebote/bewerbungstraining/index.html"));
            }
            1 => {
                let named = run.errors().iter().any(|e| e.location.starts_with(OFFER));
                prop_assert!(named, "{d:?}: no error names the file\n{run}");
                prop_assert!(!fx.has_output("index.html"), "{d:?}: output after an error");
            }
            _ => prop_assert!(false, "{d:?}: exit {}\n{run}", run.code),
        }
        Ok(())
    });
}
