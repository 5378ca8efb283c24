//! cotejo: align, review and export Spanish to English translations.
//!
//! - [`core`]: documents, alignment, sentences, diffs, edits: pure data and functions.
//! - [`store`]: review projects in SQLite: pairs, revisions, notes, states, undo log.
//! - [`io`]: reading documents from files, writing exports.
//! - [`error`]: the typed error of the library.
//! - `ui` (feature `gui`): the egui workbench.

pub mod core;
pub mod error;
pub mod io;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;

pub use error::{Error, Result};
