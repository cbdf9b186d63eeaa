use clap::Parser;

fn main() {
    let cli = lotse::cmd::Cli::parse();
    std::process::exit(lotse::cmd::run(cli));
}
