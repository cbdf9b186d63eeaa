//! Text analysis below every stage that needs it: the id rule and slugs,
//! "did you mean" suggestions, and the search terms of a document (folding
//! per language, German stop words) read with a fast word scanner, stems
//! (`stem`) and German compound parts (`compound`) for the index. `load` proposes ids,
//! `link` computes each entity's terms once, `outputs` only assembles the
//! index from them.

pub mod color;
pub mod compound;
pub mod contact;
pub mod ids;
pub mod lang;
pub mod language_names;
pub mod stem;
pub mod suggest;
pub mod terms;
pub mod traps;
mod words;
