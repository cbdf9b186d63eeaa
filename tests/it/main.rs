//! The integration tests: one binary, one module per area. See tests/README.md.

mod build;
mod check;
mod citizens;
mod cli;
mod errors;
mod guards;
mod harness;
mod hostile;
mod interrupt;
mod layers;
mod locale;
mod messages;
mod multilingual;
mod new_file;
mod outputs;
mod props;
mod schema;
mod serve;
mod serve_fields;
mod serve_langs;
mod serve_limits;
mod serve_load;
mod snapshots;
mod traps;
