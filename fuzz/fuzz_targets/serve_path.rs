//! The dev server's request-path resolution; see `lotse::fuzz::serve_path`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    lotse::fuzz::serve_path(data);
});
