//! A new review imported as a [`BackgroundJob`]: the worker reads both files, aligns them,
//! writes the project and loads it into an [`AppState`], so the window only swaps it in and
//! never waits for any of it.

use std::path::PathBuf;

use crate::store::Store;
use crate::ui::job::BackgroundJob;
use crate::ui::launch::create_review_with;
use crate::ui::state::AppState;

/// An import running on a worker thread.
pub type BackgroundImport = BackgroundJob<ImportedReview>;

/// What an import produces: the new project, open, and what the window shows of it.
#[derive(Debug)]
pub struct ImportedReview {
    /// The new project.
    pub store: Store,
    /// Its number of pairs.
    pub n_pairs: usize,
    /// The project loaded for the window, or why it could not be read back.
    pub loaded: crate::Result<AppState>,
}

/// Where the import spends its time, as fractions of the whole: reading both files, aligning,
/// writing the project, loading it for the window.
pub const STAGES: [(&str, f32, f32); 5] = [
    ("Reading the Spanish original", 0.0, 0.03),
    ("Reading the English translation", 0.03, 0.06),
    ("Aligning the paragraphs", 0.06, 0.7),
    ("Writing the project", 0.7, 0.9),
    ("Opening the project", 0.9, 1.0),
];

/// Starts importing `source` and `target` into a new project next to the target.
pub fn start_import(source: PathBuf, target: PathBuf, author: String) -> BackgroundImport {
    BackgroundJob::start("cotejo-import", move |ctx| {
        let (store, n_pairs) = create_review_with(&source, &target, &author, ctx)?;
        let (stage, start, end) = STAGES[4];
        ctx.stage(stage, start, end);
        let mut loaded = AppState::default();
        let loaded = loaded.reload(&store).map(|()| loaded);
        Ok(ImportedReview {
            store,
            n_pairs,
            loaded,
        })
    })
}
