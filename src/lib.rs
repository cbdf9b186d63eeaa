//! lotse: a static site generator for the transparency websites of regional
//! school-to-work cooperation networks.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `load` (files → parsed documents) → `model` (typed entities) →
//! `link` (references, derived data → `Site`) → `routes` (every page) →
//! `render` (Tera over view structs → `Output`) → `write` (atomic swap) or
//! `serve` (HTTP from memory).

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
pub mod model;
pub mod output;
pub mod outputs;
pub mod render;
pub mod routes;
pub mod serve;
pub mod url;
pub mod write;
