//! The export dialog's write as a [`BackgroundJob`]: a read-only connection of its own reads
//! the pairs, `core::export` renders them and `io` writes the file atomically, while the window
//! keeps drawing and can cancel. The file picker stays on the UI thread, in `run_command`.

use std::path::PathBuf;

use crate::core::export::{ExportFormat, Unapproved, render};
use crate::store::Store;
use crate::ui::job::BackgroundJob;

/// An export running on a worker thread.
pub type BackgroundExport = BackgroundJob<ExportOutcome>;

/// How an export that was not cancelled and did not fail ended.
#[derive(Debug)]
pub enum ExportOutcome {
    /// The file was written with the translation of this many pairs.
    Written {
        /// The exported file.
        path: PathBuf,
        /// How many pairs it holds.
        n_pairs: usize,
    },
    /// Refused (and nothing written) because these pairs are not approved.
    Refused(Unapproved),
}

/// Where the export spends its time, as fractions of the whole.
const STAGES: [(&str, f32, f32); 3] = [
    ("Reading the pairs", 0.0, 0.4),
    ("Rendering", 0.4, 0.5),
    ("Writing the file", 0.5, 1.0),
];

/// Starts exporting the project at `project` to `path`.
pub fn start_export(
    project: PathBuf,
    path: PathBuf,
    format: ExportFormat,
    allow_unapproved: bool,
) -> BackgroundExport {
    BackgroundJob::start("cotejo-export", move |ctx| {
        let [read, rendering, write] = STAGES;
        ctx.stage(read.0, read.1, read.2);
        let store = Store::open_read_only(&project)?;
        let pairs = store.export_pairs()?;
        drop(store);
        ctx.check(&path)?;
        ctx.stage(rendering.0, rendering.1, rendering.2);
        let text = match render(&pairs, format, allow_unapproved) {
            Ok(text) => text,
            Err(unapproved) => return Ok(ExportOutcome::Refused(unapproved)),
        };
        ctx.check(&path)?;
        let writing = ctx.stage(write.0, write.1, write.2);
        crate::io::write_atomic_with(&path, text.as_bytes(), &writing)?;
        Ok(ExportOutcome::Written {
            path,
            n_pairs: pairs.len(),
        })
    })
}
