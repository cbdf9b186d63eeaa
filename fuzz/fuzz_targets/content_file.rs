//! One content file (first byte: its type) split, parsed and validated
//! against a tiny site; see `lotse::fuzz::content_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    lotse::fuzz::content_file_input(data);
});
