//! lotse: a static site generator for the transparency websites of regional
//! school-to-work cooperation networks.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `load` (files → parsed documents) → `model` (typed entities) →
//! `link` (references, derived data → `Site`) → `routes` (every page) →
//! `render` (Tera over view structs → `Output`) → `write` (atomic swap) or
//! `serve` (HTTP from memory). Below them the leaves every stage may use:
//! `diagnostics`, `output`, `section` (the six content types and the site's
//! sections), `text` (slugs, suggestions, search terms), `url` and
//! `markdown`. `scripts/check-layers.py` keeps the order: no module imports
//! one above it, and the import graph has no circle.

// A `Diagnostic` is an error value carried in many `Result`s on purpose:
// they are collected, sorted and printed together; boxing buys nothing.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod fuzz;
pub mod link;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod output;
pub mod outputs;
pub mod render;
pub mod routes;
pub mod section;
pub mod serve;
pub mod text;
pub mod url;
pub mod write;
