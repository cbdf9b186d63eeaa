//! A Markdown body rendered in every raw-HTML mode, with no script
//! surviving sanitizing; see `lotse::fuzz::markdown`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    lotse::fuzz::markdown(data);
});
