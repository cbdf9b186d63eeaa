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

/// The most items one task of a parallel loop over pages or entities takes
/// at once. Rayon splits a loop into about as many pieces as there are
/// threads and splits further only when a thread steals; on two cores the
/// last piece of a loop (a quarter of it) ran alone while the other core
/// waited (70 ms of an idle core when linking 10,000 entities). Pieces
/// this small cost a task each (about a microsecond) and balance.
pub(crate) const PAR_GRAIN: usize = 16;

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
