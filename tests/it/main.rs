//! The integration tests: one binary, one module per area. See tests/README.md.

mod build;
mod check;
mod cli;
mod errors;
mod guards;
mod harness;
mod hostile;
mod outputs;
mod props;
mod serve;
mod snapshots;
