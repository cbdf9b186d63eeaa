use clap::Parser;

/// mimalloc instead of the system allocator: a build allocates and frees
/// millions of small strings and template values on every thread, where
/// glibc's malloc spent a tenth of the time (see the Performance section
/// of the README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = lotse::cmd::Cli::parse();
    std::process::exit(lotse::cmd::run(cli));
}
