//! Starting the workbench: which project to open (the last one, the bundled sample on first
//! run, a file from the command line), the recent-projects file, and the eframe window.

use std::path::{Path, PathBuf};

use crate::core::align::{align_paragraphs, align_paragraphs_with};
use crate::core::import::{Format, parse_document};
use crate::core::project::{ImportedDocument, NewProject};
use crate::store::import::{content_hash, read_import};
use crate::store::{Clock, Store, system_clock};
use crate::ui::app::WorkbenchApp;
use crate::ui::import::STAGES;
use crate::ui::job::JobContext;
use crate::ui::notify::Level;

/// Don Quijote I.1 in Spanish, bundled so the binary works anywhere.
pub const SAMPLE_SOURCE: &str = include_str!("../../assets/sample/quijote_ch1.es.txt");
/// Ormsby's English translation of the same chapter.
pub const SAMPLE_TARGET: &str = include_str!("../../assets/sample/quijote_ch1.en.txt");
/// File name of the sample project in the data folder.
pub const SAMPLE_FILE_NAME: &str = "quijote_ch1.cotejo";

/// What the window opens with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Launch {
    /// The last project, or the sample on first run.
    LastOrSample,
    /// A project file.
    Project(PathBuf),
    /// A new review of these two files, created next to the target.
    Review {
        /// The Spanish original.
        source: PathBuf,
        /// The English translation.
        target: PathBuf,
    },
}

/// cotejo's folder in the user's data directory (`~/.local/share/cotejo` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cotejo").map(|dirs| dirs.data_dir().to_path_buf())
}

/// The recent-projects list in `file` (missing or unreadable: empty).
pub fn load_recent(file: &Path) -> Vec<PathBuf> {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes the recent-projects list.
pub fn save_recent(file: &Path, recent: &[PathBuf]) -> crate::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|source| crate::Error::Io {
            action: "cannot create",
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let json = serde_json::to_string_pretty(recent).unwrap_or_else(|_| "[]".to_owned());
    crate::io::write_atomic(file, json.as_bytes())
}

fn bundled(file_name: &str, text: &str) -> ImportedDocument {
    ImportedDocument {
        file_name: file_name.to_owned(),
        content_hash: content_hash(text.as_bytes()),
        document: parse_document(text, Format::Text),
    }
}

/// Creates the sample project (Quijote I.1, aligned) at `path`.
pub fn create_sample(path: &Path, author: &str, clock: Clock) -> crate::Result<Store> {
    let source = bundled("quijote_ch1.es.txt", SAMPLE_SOURCE);
    let target = bundled("quijote_ch1.en.txt", SAMPLE_TARGET);
    let alignment = align_paragraphs(&source.document.paragraphs, &target.document.paragraphs);
    let project = NewProject {
        title: "Don Quijote I.1 (sample)".to_owned(),
        source_lang: "es".to_owned(),
        target_lang: "en".to_owned(),
    };
    Store::create(path, &project, &source, &target, &alignment, author, clock)
}

/// Where a new review of `target` goes: `NAME.cotejo` next to it, or `NAME-2.cotejo`, … when
/// taken.
pub fn review_path_for(target: &Path) -> PathBuf {
    let dir = target.parent().unwrap_or(Path::new("."));
    let stem = target
        .file_stem()
        .map_or_else(|| "review".to_owned(), |s| s.to_string_lossy().into_owned());
    let mut path = dir.join(format!("{stem}.cotejo"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.cotejo"));
        n += 1;
    }
    path
}

/// Imports and aligns two files into a new project next to the target; returns it and its
/// number of pairs.
pub fn create_review(source: &Path, target: &Path, author: &str) -> crate::Result<(Store, usize)> {
    create_review_with(source, target, author, &JobContext::detached())
}

/// [`create_review`] for a worker thread: reports its stages ([`STAGES`]) and their progress
/// to `ctx` (the aligner every few hundred rows, the project every few hundred rows written),
/// and stops with [`crate::Error::Cancelled`] at the next of those points, or before the
/// project file gets its name, once `ctx` is cancelled. A cancelled import leaves no file
/// behind.
pub fn create_review_with(
    source: &Path,
    target: &Path,
    author: &str,
    ctx: &JobContext,
) -> crate::Result<(Store, usize)> {
    let path = review_path_for(target);
    let cancelled = |_| crate::Error::Cancelled { path: path.clone() };
    let [read_source, read_target, align, write, _] = STAGES;
    ctx.stage(read_source.0, read_source.1, read_source.2);
    let source_doc = read_import(source)?;
    ctx.check(&path)?;
    ctx.stage(read_target.0, read_target.1, read_target.2);
    let target_doc = read_import(target)?;
    ctx.check(&path)?;
    let aligning = ctx.stage(align.0, align.1, align.2);
    let alignment = align_paragraphs_with(
        &source_doc.document.paragraphs,
        &target_doc.document.paragraphs,
        &aligning,
    )
    .map_err(cancelled)?;
    ctx.check(&path)?;
    let writing = ctx.stage(write.0, write.1, write.2);
    let title = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let project = NewProject {
        title,
        source_lang: "es".to_owned(),
        target_lang: "en".to_owned(),
    };
    let store = Store::create_unless(
        &path,
        &project,
        (&source_doc, &target_doc, &alignment),
        author,
        system_clock(),
        &writing,
    )?;
    Ok((store, alignment.beads.len()))
}

/// Guesses which of two dropped files is the Spanish original: a name marked `es`/`spa` or
/// not marked `en`/`eng` comes first; otherwise the drop order stands.
pub fn order_source_target(a: &Path, b: &Path) -> (PathBuf, PathBuf) {
    let marked = |path: &Path, marks: &[&str]| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        name.split(|c: char| !c.is_alphanumeric())
            .any(|part| marks.contains(&part))
    };
    let english = ["en", "eng", "english"];
    let spanish = ["es", "spa", "spanish", "español"];
    if marked(a, &english) || marked(b, &spanish) {
        (b.to_path_buf(), a.to_path_buf())
    } else {
        (a.to_path_buf(), b.to_path_buf())
    }
}

/// Builds the app for a launch request. Failures become messages in the window.
pub fn build_app(launch: &Launch, author: &str, data_dir: Option<&Path>) -> WorkbenchApp {
    let mut app = WorkbenchApp::new(author);
    app.set_recent_file(data_dir.map(|d| d.join("recent.json")));
    match launch {
        Launch::Project(path) => app.open_path(path),
        // The window opens at once and shows the import's progress.
        Launch::Review { source, target } => app.create_review(source, target),
        Launch::LastOrSample => {
            let last = app.state.recent.iter().find(|p| p.is_file()).cloned();
            match (last, data_dir) {
                (Some(path), _) => app.open_path(&path),
                (None, Some(dir)) => {
                    let path = dir.join(SAMPLE_FILE_NAME);
                    if path.is_file() {
                        app.open_path(&path);
                    } else {
                        let created = std::fs::create_dir_all(dir)
                            .map_err(|source| crate::Error::Io {
                                action: "cannot create",
                                path: dir.to_path_buf(),
                                source,
                            })
                            .and_then(|()| create_sample(&path, author, system_clock()));
                        match created {
                            Ok(store) => app.set_store(store),
                            Err(err) => app.message(
                                Level::Error,
                                format!("Cannot create the sample project: {err}"),
                            ),
                        }
                    }
                }
                (None, None) => app.message(
                    Level::Error,
                    "No data folder: open or create a review from the File menu",
                ),
            }
        }
    }
    app
}

/// Opens the window and runs until it is closed.
pub fn run(launch: &Launch) -> Result<(), String> {
    let author = crate::io::os_user();
    let mut app = build_app(launch, &author, data_dir().as_deref());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_app_id("cotejo")
            .with_title("cotejo")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "cotejo",
        options,
        Box::new(|cc| {
            if let Some(preferences) = cc
                .storage
                .and_then(|s| eframe::get_value(s, crate::ui::app::PREFERENCES_KEY))
            {
                app.set_preferences(preferences);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("cannot open the window: {e}"))
}

/// A test hook: opens `project` in a headless app, edits the English of pair `position`
/// (1-based) through the same command path as the window, and returns once it is committed.
#[doc(hidden)]
pub fn smoke_edit(project: &Path, position: usize, text: &str, author: &str) -> crate::Result<()> {
    let store = Store::open(project)?;
    let mut app = WorkbenchApp::with_store(store, author);
    let ctx = egui::Context::default();
    let frame = |app: &mut WorkbenchApp| {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| app.show(ui));
        // Nothing draws these textures; dropping them unapplied is intended.
        output.textures_delta.clear();
    };
    frame(&mut app);
    app.run_command(crate::ui::Command::Select(position.saturating_sub(1)));
    app.run_command(crate::ui::Command::StartEdit);
    frame(&mut app);
    app.drafts.edit_text = text.to_owned();
    app.run_command(crate::ui::Command::CommitEdit);
    frame(&mut app);
    if let Some(err) = app.state.messages.list.first() {
        return Err(crate::Error::InvalidEdit {
            reason: err.text.clone(),
            path: project.to_path_buf(),
        });
    }
    Ok(())
}

/// eframe's storage kept in memory, for running the workbench headless (tests, benchmarks)
/// without reading or touching the user's saved settings.
#[derive(Debug, Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}
