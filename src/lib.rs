//! cotejo: align, review and export Spanish to English translations.
//!
//! - [`core`]: documents, alignment, sentences, diffs, edits: pure data and functions.
//! - [`store`]: review projects in SQLite: pairs, revisions, notes, states, undo log.
//! - [`io`]: reading documents from files, writing exports.
//! - [`error`]: the typed error of the library.

pub mod core;
pub mod error;
pub mod io;
pub mod store;

pub use error::{Error, Result};
