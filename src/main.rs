use clap::Parser;

/// mimalloc instead of the system allocator: a build allocates and frees
/// millions of small strings and template values on every thread, where
/// glibc's malloc spent a tenth of the time (see the Performance section
/// of the README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`, the 16th entry of `mi_option_e` in mimalloc.h
/// (v2 and v3; libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Return freed memory to the system after 100 ms rather than mimalloc's
    // default of a second: a build frees hundreds of megabytes between its
    // stages (sources after linking, shared parts after their pages), and
    // with the default they still counted in the peak. Measured at 50,000
    // entities: peak 1,066 MB (1 s), 938 MB (100 ms), 928 MB (10 ms); at
    // 10,000 entities 100 ms cost no time, while 0 ms or 10 ms made the
    // build 40% slower (the kernel zeroing pages handed back and taken
    // again). An explicit MIMALLOC_PURGE_DELAY in the environment wins.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option of the linked allocator.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 100) };
    }
    let cli = lotse::cmd::Cli::parse();
    std::process::exit(lotse::cmd::run(cli));
}
