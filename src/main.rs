use clap::Parser;

/// mimalloc instead of the system allocator: a build allocates and frees
/// millions of small strings and template values on every thread, where
/// glibc's malloc spent a tenth of the time (see the Performance section
/// of the README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Seeds for the hash maps of template values. Tera makes an `AHashMap`
/// for every struct it is given and every map it builds (thousands per
/// page), and ahash's default source takes each seed from one atomic
/// counter shared by all threads: the cores fought over that cache line
/// (1.4% of a build at 10,000 entities in `perf`). This source counts per
/// thread; the thread's own address keeps seeds of two threads apart.
/// ahash still mixes every seed with keys drawn from the OS once.
struct PerThreadSeeds;

impl ahash::random_state::RandomSource for PerThreadSeeds {
    fn gen_hasher_seed(&self) -> usize {
        thread_local!(static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
        NEXT.with(|n| {
            let seed = n.get().wrapping_add(n as *const _ as usize);
            n.set(n.get().wrapping_add(0x9e37_79b9));
            seed
        })
    }
}

fn main() {
    // Before the first hash map is made; it fails only if one was.
    let _ = ahash::random_state::set_random_source(PerThreadSeeds);
    // Return freed memory to the system after 100 ms rather than mimalloc's
    // default of a second: a build frees hundreds of megabytes between its
    // stages (sources after linking, shared parts after their pages), and
    // with the default they still counted in the peak. Measured at 50,000
    // entities: peak 1,066 MB (1 s), 938 MB (100 ms), 928 MB (10 ms); at
    // 10,000 entities 100 ms cost no time, while 0 ms or 10 ms made the
    // build 40% slower (the kernel zeroing pages handed back and taken
    // again). A build of a smaller site keeps what it frees instead
    // (`build::fit_allocator`). An explicit MIMALLOC_PURGE_DELAY in the
    // environment wins.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option of the linked allocator.
        unsafe { libmimalloc_sys::mi_option_set(lotse::build::MI_OPTION_PURGE_DELAY, 100) };
    }
    let cli = lotse::cmd::Cli::parse();
    std::process::exit(lotse::cmd::run(cli));
}
