//! `WorkbenchApp`: the window's state, the open project's store, and `run_command`, the one
//! place where commands change things.

use std::path::{Path, PathBuf};

use egui::{Id, RichText};

use crate::core::diff::render_inline;
use crate::core::document::Side;
use crate::core::edit::Edit;
use crate::core::export::ExportFormat;
use crate::core::review::{NewNote, NoteScope, PairId, PairState};
use crate::store::Store;
use crate::ui::command::{Command, diff_base_label};
use crate::ui::export::{BackgroundExport, ExportOutcome, start_export};
use crate::ui::import::{BackgroundImport, ImportedReview, start_import};
use crate::ui::job::JobStatus;
use crate::ui::notify::Level;
use crate::ui::state::{
    AppState, Dialog, Drafts, JobProgress, Preferences, RowFilter, is_doubtful,
};
use crate::ui::views::alignment_map::{AlignmentMapView, alignment_map_section_ui};
use crate::ui::views::search_bar::{SEARCH_FIELD_ID, search_bar_ui};
use crate::ui::views::side_by_side::{EDITOR_ID, SideBySideView, side_by_side_ui};
use crate::ui::views::{
    command_button, command_palette, export_dialog, history, notes, split_dialog, status_bar,
};
use crate::ui::{dialogs, launch, theme};

/// Ids of the note and reply text fields: while they have focus, keys belong to them.
pub(crate) const NOTE_BODY_ID: &str = "cotejo_note_body";
/// See [`NOTE_BODY_ID`].
pub(crate) const REPLY_BODY_ID: &str = "cotejo_reply_body";

/// Where eframe's storage keeps the [`Preferences`].
pub const PREFERENCES_KEY: &str = "cotejo_preferences";

/// Asks where to write an export: a default file name (no extension) and the format; `None`
/// when the user cancels.
pub type ExportPathPicker = Box<dyn FnMut(&str, ExportFormat) -> Option<PathBuf>>;

/// The workbench: what the window shows, the open project, and the commands waiting to run.
pub struct WorkbenchApp {
    /// What the window shows.
    pub state: AppState,
    /// What the user is typing.
    pub drafts: Drafts,
    store: Option<Store>,
    author: String,
    view: SideBySideView,
    map_view: AlignmentMapView,
    /// The rows in view the alignment map framed in the last frame.
    map_framed: std::ops::Range<usize>,
    recent_file: Option<PathBuf>,
    window_title: String,
    import: Option<BackgroundImport>,
    export: Option<BackgroundExport>,
    pick_export_path: ExportPathPicker,
    applied_preferences: Option<Preferences>,
    quit: bool,
}

impl WorkbenchApp {
    /// A window with no project open; changes are recorded under `author`.
    pub fn new(author: impl Into<String>) -> Self {
        Self {
            state: AppState::default(),
            drafts: Drafts::default(),
            store: None,
            author: author.into(),
            view: SideBySideView::default(),
            map_view: AlignmentMapView::default(),
            map_framed: 0..0,
            recent_file: None,
            window_title: String::new(),
            import: None,
            export: None,
            pick_export_path: Box::new(dialogs::pick_export_path),
            applied_preferences: None,
            quit: false,
        }
    }

    /// Replaces the file dialog that asks where to export (tests answer with a path; the
    /// window keeps the native dialog).
    pub fn set_export_path_picker(&mut self, picker: ExportPathPicker) {
        self.pick_export_path = picker;
    }

    /// A window showing an open project.
    pub fn with_store(store: Store, author: impl Into<String>) -> Self {
        let mut app = Self::new(author);
        app.set_store(store);
        app
    }

    /// Keeps the recent-projects list in this file (none: not kept, as in tests).
    pub fn set_recent_file(&mut self, path: Option<PathBuf>) {
        self.state.recent = path.as_deref().map(launch::load_recent).unwrap_or_default();
        self.recent_file = path;
    }

    /// The open project.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The open project, to change its clock in tests.
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        self.store.as_mut()
    }

    /// Opens a project file; a failure becomes a message in the window.
    pub fn open_path(&mut self, path: &Path) {
        match Store::open(path) {
            Ok(store) => self.set_store(store),
            Err(err) => self.state.messages.error("Cannot open the project", &err),
        }
    }

    /// Shows `store` in the window, dropping what was shown before.
    pub fn set_store(&mut self, store: Store) {
        let mut loaded = AppState::default();
        let result = loaded.reload(&store);
        self.show_project(store, loaded);
        if let Err(err) = result {
            self.state.messages.error("Cannot read the project", &err);
        }
    }

    /// Shows `store`, already loaded into `loaded` (maybe on a worker thread), keeping what
    /// belongs to the window rather than the project: messages, recent list, background jobs
    /// and preferences.
    fn show_project(&mut self, store: Store, mut loaded: AppState) {
        loaded.messages = std::mem::take(&mut self.state.messages);
        loaded.recent = std::mem::take(&mut self.state.recent);
        loaded.import = self.state.import.take();
        loaded.export = self.state.export.take();
        loaded.preferences = self.state.preferences;
        self.state = loaded;
        self.drafts = Drafts::default();
        self.view = SideBySideView::default();
        self.map_view = AlignmentMapView::default();
        let path = store.path().to_path_buf();
        self.store = Some(store);
        self.remember_recent(path);
    }

    /// Shows a message in the window (errors at startup, "created …").
    pub fn message(&mut self, level: Level, text: impl Into<String>) {
        match level {
            Level::Info => self.state.messages.info(text),
            Level::Error => self.state.messages.error("", &text.into()),
        }
    }

    /// The word diff shown for the selected pair, inline (`[-old-]{+new+}`), if shown.
    pub fn selected_diff(&mut self) -> Option<String> {
        let pair = self.state.selected_pair()?.clone();
        let spans = self.view.diff_for(&self.state, &pair)?;
        Some(render_inline(&spans))
    }

    /// What the sentence focus highlights: the hovered sentence of the selected pair and its
    /// counterparts, as character ranges in each column.
    pub fn sentence_focus(&self) -> Option<crate::core::sentence_map::SentenceFocus> {
        let (pair_id, side, k) = self.view.sentence_hover?;
        let pair = self.state.selected_pair().filter(|p| p.id == pair_id)?;
        Some(self.state.sentence_map_of(pair)?.focus(side, k))
    }

    /// Position of the first pair in view (as of the last frame).
    pub fn first_visible_pair(&self) -> usize {
        self.view.first_visible
    }

    /// How many times the alignment map laid out its points (once per change of the pairs).
    pub fn n_map_layouts(&self) -> usize {
        self.map_view.n_layouts
    }

    /// Scrolls the table to `offset` points from its top in the next frame.
    pub fn scroll_table_to(&mut self, offset: f32) {
        self.view.scroll_to_offset = Some(offset);
    }

    fn remember_recent(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.state.recent.retain(|p| p != &path);
        self.state.recent.insert(0, path);
        self.state.recent.truncate(10);
        if let Some(file) = &self.recent_file
            && let Err(err) = launch::save_recent(file, &self.state.recent)
        {
            self.state
                .messages
                .error("Cannot remember recent projects", &err);
        }
    }

    fn reload(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        if let Err(err) = self.state.reload(store) {
            self.state.messages.error("Cannot read the project", &err);
        }
    }

    /// Runs one change on the store, then reloads; an error becomes a message.
    fn change(&mut self, what: &str, f: impl FnOnce(&mut Store, &str) -> crate::Result<()>) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        if let Err(err) = f(store, &self.author) {
            self.state.messages.error(what, &err);
        }
        self.reload();
    }

    /// Runs one change that touches only `pairs` (and notes), then reloads just those.
    fn change_pairs(
        &mut self,
        what: &str,
        pairs: &[PairId],
        f: impl FnOnce(&mut Store, &str) -> crate::Result<()>,
    ) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        if let Err(err) = f(store, &self.author) {
            self.state.messages.error(what, &err);
            self.reload();
            return;
        }
        self.reload_only(pairs);
    }

    /// Reloads `pairs` alone when that is enough, otherwise everything.
    fn reload_only(&mut self, pairs: &[PairId]) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        match self.state.reload_pairs(store, pairs) {
            Ok(true) => {}
            Ok(false) => self.reload(),
            Err(err) => self.state.messages.error("Cannot read the project", &err),
        }
    }

    /// Undoes or redoes one step, then reloads what it touched: only its pairs when it left
    /// the list of pairs as it was (a text, a state, a note), everything otherwise.
    fn step_history(
        &mut self,
        what: &str,
        step: impl FnOnce(&mut Store, &str) -> crate::Result<Option<Edit>>,
    ) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let touched = match step(store, &self.author) {
            Ok(edit) => edit.and_then(|edit| edit.touched_pairs()),
            Err(err) => {
                self.state.messages.error(what, &err);
                None
            }
        };
        match touched {
            Some(pairs) => self.reload_only(&pairs),
            None => self.reload(),
        }
    }

    fn apply_to_pairs(&mut self, what: &str, pairs: &[PairId], edit: Edit) {
        self.change_pairs(what, pairs, |store, author| {
            store.apply(&edit, author).map(|_| ())
        });
    }

    /// Stores the English being edited, if it changed; leaves the editor.
    fn commit_edit(&mut self) {
        let Some(pair_id) = self.state.editing.take() else {
            return;
        };
        let Some(pair) = self
            .state
            .index_of
            .get(&pair_id)
            .and_then(|idx| self.state.pairs.get(*idx))
        else {
            return;
        };
        if pair.target == self.drafts.edit_text {
            return;
        }
        let text = std::mem::take(&mut self.drafts.edit_text);
        self.apply_to_pairs(
            "Cannot store the edit",
            &[pair_id],
            Edit::SetTranslation {
                pair: pair_id,
                text,
            },
        );
    }

    fn select(&mut self, pair_idx: usize) {
        self.commit_edit();
        if pair_idx >= self.state.pairs.len() {
            return;
        }
        if pair_idx != self.state.selected {
            self.drafts.selection = None;
            self.drafts.caret = None;
            self.state.reply_to = None;
        }
        self.state.selected = pair_idx;
        self.state.scroll_to_selected = true;
        if let Some(store) = &self.store
            && let Err(err) = self.state.reload_selection(store)
        {
            self.state.messages.error("Cannot read the project", &err);
        }
    }

    fn set_selected_state(&mut self, state: PairState) -> bool {
        self.commit_edit();
        let Some(pair) = self.state.selected_pair() else {
            return false;
        };
        let pair_id = pair.id;
        let edit = Edit::SetState {
            pair: pair_id,
            state,
        };
        let before = self.state.messages.list.len();
        self.apply_to_pairs("Cannot change the state", &[pair_id], edit);
        self.state.messages.list.len() == before
    }

    /// Starts importing two files into a new review on a worker thread; the window shows its
    /// progress and opens the review when it is done.
    pub fn create_review(&mut self, source: &Path, target: &Path) {
        if self.import.is_some() {
            self.state
                .messages
                .info("A review is being imported: wait for it or cancel it first");
            return;
        }
        self.import = Some(start_import(
            source.to_path_buf(),
            target.to_path_buf(),
            self.author.clone(),
        ));
        self.state.import = Some(JobProgress {
            file: target.to_path_buf(),
            stage: "Starting",
            fraction: 0.0,
            cancelling: false,
        });
    }

    /// Uses `preferences` (read from eframe's storage at startup).
    pub fn set_preferences(&mut self, preferences: Preferences) {
        self.state.preferences = preferences;
    }

    /// Gives the context the theme and zoom of the preferences when they change.
    fn apply_preferences(&mut self, ctx: &egui::Context) {
        let preferences = self.state.preferences;
        if self.applied_preferences == Some(preferences) {
            return;
        }
        // Ctrl+= and Ctrl+- are commands here (remembered), not egui's own zoom keys.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(if preferences.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        ctx.set_zoom_factor(preferences.zoom);
        self.applied_preferences = Some(preferences);
    }

    /// Whether a review is being imported in the background.
    pub fn is_importing(&self) -> bool {
        self.import.is_some()
    }

    /// Waits for the background import to end and shows its result (command line, tests).
    pub fn wait_for_import(&mut self) {
        if let Some(import) = self.import.take() {
            let result = import.wait();
            self.finish_import(result);
        }
    }

    /// Whether an export is being written in the background.
    pub fn is_exporting(&self) -> bool {
        self.export.is_some()
    }

    /// Waits for the background export to end and shows its result (tests).
    pub fn wait_for_export(&mut self) {
        if let Some(export) = self.export.take() {
            let result = export.wait();
            self.finish_export(result);
        }
    }

    /// Takes the workers' news: progress, or the end of an import or export.
    fn poll_jobs(&mut self) {
        if let Some(import) = self.import.as_mut() {
            let result = import.poll();
            update_progress(self.state.import.as_mut(), import.status());
            if let Some(result) = result {
                self.import = None;
                self.finish_import(result);
            }
        }
        if let Some(export) = self.export.as_mut() {
            let result = export.poll();
            update_progress(self.state.export.as_mut(), export.status());
            if let Some(result) = result {
                self.export = None;
                self.finish_export(result);
            }
        }
    }

    fn finish_import(&mut self, result: crate::Result<ImportedReview>) {
        self.state.import = None;
        match result {
            Ok(ImportedReview {
                store,
                n_pairs,
                loaded,
            }) => {
                let path = store.path().to_path_buf();
                println!("created {} with {n_pairs} pairs", path.display());
                match loaded {
                    Ok(loaded) => self.show_project(store, loaded),
                    // Loading failed on the worker: try again here, which reports the error.
                    Err(_) => self.set_store(store),
                }
                let text = format!("Created a review of {n_pairs} pairs: {}", path.display());
                self.state.messages.info(text);
            }
            Err(crate::Error::Cancelled { .. }) => {
                self.state
                    .messages
                    .info("Import cancelled; nothing was written");
            }
            Err(err) => self.state.messages.error("Cannot create the review", &err),
        }
    }

    /// Starts writing the export to `path` in the background (the dialog's action after the
    /// file picker); the window shows its progress and a message when it ends.
    pub fn export_to(&mut self, path: &Path, format: ExportFormat, allow_unapproved: bool) {
        let Some(store) = &self.store else {
            return;
        };
        if self.export.is_some() {
            self.state
                .messages
                .info("An export is being written: wait for it or cancel it first");
            return;
        }
        // The worker reads through a connection of its own: edits made meanwhile are
        // committed by the window's connection and do not wait for it.
        self.export = Some(start_export(
            store.path().to_path_buf(),
            path.to_path_buf(),
            format,
            allow_unapproved,
        ));
        self.state.export = Some(JobProgress {
            file: path.to_path_buf(),
            stage: "Starting",
            fraction: 0.0,
            cancelling: false,
        });
        self.state.dialog = None;
    }

    fn finish_export(&mut self, result: crate::Result<ExportOutcome>) {
        let file = self.state.export.take().map(|p| p.file).unwrap_or_default();
        let messages = &mut self.state.messages;
        match result {
            Ok(ExportOutcome::Written { path, n_pairs }) => {
                messages.info(format!("Exported {n_pairs} pairs to {}", path.display()));
            }
            Ok(ExportOutcome::Refused(unapproved)) => {
                messages.error("Export refused", &unapproved);
            }
            Err(crate::Error::Cancelled { path }) => messages.info(format!(
                "Export cancelled; {} was not changed",
                path.display()
            )),
            Err(err) => {
                // Name the file, once: most errors already end with it.
                let file = file.display().to_string();
                let context = if err.to_string().ends_with(&file) {
                    "Cannot export".to_owned()
                } else {
                    format!("Cannot export to {file}")
                };
                messages.error(&context, &err);
            }
        }
    }

    /// Carries out one command.
    pub fn run_command(&mut self, command: Command) {
        match command {
            Command::NewReview => {
                self.commit_edit();
                if let Some((source, target)) = dialogs::pick_review_files() {
                    self.create_review(&source, &target);
                }
            }
            Command::OpenProject => {
                self.commit_edit();
                if let Some(path) = dialogs::pick_project() {
                    self.open_path(&path);
                }
            }
            Command::OpenRecent(path) => {
                self.commit_edit();
                self.open_path(&path);
            }
            Command::CreateReview { source, target } => {
                self.commit_edit();
                self.create_review(&source, &target);
            }
            Command::ToggleTheme => {
                self.state.preferences.dark = !self.state.preferences.dark;
            }
            Command::ZoomIn => self.state.preferences = self.state.preferences.zoomed(1),
            Command::ZoomOut => self.state.preferences = self.state.preferences.zoomed(-1),
            Command::ZoomReset => self.state.preferences.zoom = 1.0,
            Command::ToggleAlignmentMap => {
                self.state.preferences.show_alignment_map =
                    !self.state.preferences.show_alignment_map;
            }
            Command::CancelImport => {
                if let Some(import) = &self.import {
                    import.cancel();
                }
                if let Some(status) = self.state.import.as_mut() {
                    status.cancelling = true;
                }
            }
            Command::CancelExport => {
                if let Some(export) = &self.export {
                    export.cancel();
                }
                if let Some(status) = self.state.export.as_mut() {
                    status.cancelling = true;
                }
            }
            Command::Export => {
                self.commit_edit();
                let unapproved = self
                    .state
                    .pairs
                    .iter()
                    .filter(|p| p.state != PairState::Approved)
                    .map(|p| p.id)
                    .collect();
                self.state.dialog = Some(Dialog::Export { unapproved });
            }
            Command::ExportWrite { allow_unapproved } => {
                let name = if self.state.title.is_empty() {
                    "translation".to_owned()
                } else {
                    self.state.title.clone()
                };
                let format = self.drafts.export_format;
                if let Some(path) = (self.pick_export_path)(&name, format) {
                    self.export_to(&path, format, allow_unapproved);
                }
            }
            Command::Quit => {
                self.commit_edit();
                if let Some(import) = &self.import {
                    import.cancel();
                }
                self.quit = true;
            }
            Command::Undo => {
                self.commit_edit();
                self.step_history("Cannot undo", Store::undo);
            }
            Command::Redo => {
                self.commit_edit();
                self.step_history("Cannot redo", Store::redo);
            }
            Command::StartEdit => {
                if let Some(pair) = self.state.selected_pair() {
                    self.drafts.edit_text = pair.target.clone();
                    self.state.editing = Some(pair.id);
                    self.state.focus_editor = true;
                    self.state.scroll_to_selected = true;
                }
            }
            Command::CommitEdit => self.commit_edit(),
            Command::CancelEdit => {
                self.state.editing = None;
            }
            Command::Approve => {
                if self.set_selected_state(PairState::Approved)
                    && let Some(next) = self.state.next_row()
                {
                    self.select(next);
                }
            }
            Command::Reject => {
                self.set_selected_state(PairState::Rejected);
            }
            Command::NextPair => {
                if let Some(next) = self.state.next_row() {
                    self.select(next);
                }
            }
            Command::PreviousPair => {
                if let Some(previous) = self.state.previous_row() {
                    self.select(previous);
                }
            }
            Command::NextToReview => {
                self.commit_edit();
                let found = self.state.next_where(|pair| self.state.needs_review(pair));
                match found {
                    Some(idx) => self.select(idx),
                    None => self
                        .state
                        .messages
                        .info("Every pair is approved, with no open notes"),
                }
            }
            Command::ToggleDiff => {
                self.state.show_diff = !self.state.show_diff;
                self.reload();
            }
            Command::SetDiffBase(base) => {
                self.state.diff_base = base;
                self.state.show_diff = true;
                self.reload();
            }
            Command::RevertTo(revision) => {
                self.commit_edit();
                if let Some(pair) = self.state.selected_pair() {
                    let pair_id = pair.id;
                    let edit = Edit::RestoreRevision {
                        pair: pair_id,
                        revision,
                    };
                    self.apply_to_pairs("Cannot revert", &[pair_id], edit);
                }
            }
            Command::AddNote => {
                self.commit_edit();
                let selected = self.state.selected_pair().map(|p| p.id);
                self.drafts.note_span = self
                    .drafts
                    .selection
                    .clone()
                    .filter(|s| Some(s.pair) == selected);
                self.drafts.note_body.clear();
                self.drafts.note_whole_document = false;
                self.state.note_form = true;
            }
            Command::SaveNote => self.save_note(),
            Command::CancelNote => self.state.note_form = false,
            Command::StartReply(note) => {
                self.state.reply_to = Some(note);
                self.drafts.reply_body.clear();
            }
            Command::SendReply => self.send_reply(),
            Command::CancelReply => self.state.reply_to = None,
            Command::SetNoteStatus(note, status) => {
                self.apply_to_pairs(
                    "Cannot change the note",
                    &[],
                    Edit::SetNoteStatus { note, status },
                );
            }
            Command::Select(pair_idx) => {
                self.select(pair_idx);
                // A click selects a row already in view: no scrolling.
                self.state.scroll_to_selected = false;
            }
            Command::GoToPair(pair) => {
                self.state.dialog = None;
                if let Some(idx) = self.state.index_of.get(&pair).copied() {
                    if self.state.row_of(idx).is_none() {
                        // The pair asked for is filtered out: show every row again.
                        self.set_filter(RowFilter::All);
                    }
                    self.select(idx);
                }
            }
            Command::CloseDialog => self.state.dialog = None,
            Command::DismissMessage(idx) => self.state.messages.dismiss(idx),
            Command::MergeWithNext => {
                self.commit_edit();
                if let Some(pair) = self.state.selected_pair() {
                    let edit = Edit::MergeWithNext { pair: pair.id };
                    self.change("Cannot merge the pairs", |store, author| {
                        store.apply(&edit, author).map(|_| ())
                    });
                    self.state.scroll_to_selected = true;
                }
            }
            Command::SplitPair => {
                self.commit_edit();
                if let Some(pair) = self.state.selected_pair() {
                    let (s, t) = proposed_split(pair, self.drafts.caret.as_ref());
                    self.drafts.split_source = s;
                    self.drafts.split_target = t;
                    self.state.dialog = Some(Dialog::SplitPair { pair: pair.id });
                }
            }
            Command::SplitPairAt {
                pair,
                source_at,
                target_at,
            } => {
                self.commit_edit();
                self.state.dialog = None;
                let edit = Edit::SplitPair {
                    pair,
                    source_at,
                    target_at,
                };
                self.change("Cannot split the pair", |store, author| {
                    store.apply(&edit, author).map(|_| ())
                });
                self.state.scroll_to_selected = true;
            }
            Command::MoveParagraphDown(side) | Command::MoveParagraphUp(side) => {
                self.commit_edit();
                if let Some(pair) = self.state.selected_pair() {
                    let edit = if matches!(command, Command::MoveParagraphDown(_)) {
                        Edit::MoveLastParagraphDown {
                            pair: pair.id,
                            side,
                        }
                    } else {
                        Edit::MoveFirstParagraphUp {
                            pair: pair.id,
                            side,
                        }
                    };
                    self.change("Cannot move the paragraph", |store, author| {
                        store.apply(&edit, author).map(|_| ())
                    });
                    self.state.scroll_to_selected = true;
                }
            }
            Command::MarkOmission | Command::MarkAddition => {
                self.commit_edit();
                if let Some(pair) = self.state.selected_pair() {
                    let (source_end, target_end) =
                        (pair.source_paragraphs.end, pair.target_paragraphs.end);
                    // The last paragraph of that side becomes the second part, alone.
                    let (source_at, target_at) = if command == Command::MarkOmission {
                        (source_end.saturating_sub(1), target_end)
                    } else {
                        (source_end, target_end.saturating_sub(1))
                    };
                    let edit = Edit::SplitPair {
                        pair: pair.id,
                        source_at,
                        target_at,
                    };
                    self.change("Cannot detach the paragraph", |store, author| {
                        store.apply(&edit, author).map(|_| ())
                    });
                    self.state.scroll_to_selected = true;
                }
            }
            Command::ConfirmAlignment => {
                self.commit_edit();
                if let Some(pair) = self.state.selected_pair() {
                    let pair_id = pair.id;
                    let edit = Edit::SetAlignmentConfirmed {
                        pair: pair_id,
                        confirmed: true,
                    };
                    self.apply_to_pairs("Cannot confirm the alignment", &[pair_id], edit);
                }
            }
            Command::NextDoubtful => {
                self.commit_edit();
                match self.state.next_where(is_doubtful) {
                    Some(idx) => self.select(idx),
                    None => self
                        .state
                        .messages
                        .info("Every alignment is confident, 1:1 or confirmed"),
                }
            }
            Command::CommandPalette => {
                self.commit_edit();
                self.drafts.palette_query.clear();
                self.drafts.palette_selected = 0;
                self.state.dialog = Some(Dialog::CommandPalette);
            }
            Command::Find => {
                self.state.search_open = true;
                self.state.focus_search = true;
            }
            Command::FindNext | Command::FindPrevious => {
                if let Some(idx) = self.state.next_match(command == Command::FindNext) {
                    self.select(idx);
                }
            }
            Command::CloseSearch => {
                self.state.search_open = false;
                self.state.search_query.clear();
                self.drafts.search_text.clear();
                self.set_filter(RowFilter::All);
            }
            Command::Search(text) => {
                self.state.search_query = text;
                self.state.refresh_rows();
                // As the user types, the selection follows the first hit from where it is.
                let hits = &self.state.search_matches;
                if !hits.contains(&self.state.selected) {
                    let at = hits.partition_point(|idx| *idx < self.state.selected);
                    if let Some(idx) = hits.get(at).or_else(|| hits.first()).copied() {
                        self.select(idx);
                    }
                }
            }
            Command::SetFilter(filter) => self.set_filter(filter),
            Command::SetSearchScope(scope) => {
                self.state.search_scope = scope;
                let query = self.state.search_query.clone();
                self.run_command(Command::Search(query));
            }
        }
    }

    /// Shows only the rows `filter` accepts; the selection moves to a shown row if it was
    /// hidden.
    fn set_filter(&mut self, filter: RowFilter) {
        self.state.filter = filter;
        if let Some(store) = &self.store
            && let Err(err) = self.state.reload_imported_texts(store)
        {
            self.state.messages.error("Cannot read the project", &err);
        }
        self.state.refresh_rows();
        let rows = &self.state.rows;
        if self.state.row_of(self.state.selected).is_none() {
            let at = rows.partition_point(|idx| *idx < self.state.selected);
            if let Some(idx) = rows.get(at).or_else(|| rows.first()).copied() {
                self.select(idx);
            }
        }
    }

    fn save_note(&mut self) {
        let Some(pair) = self.state.selected_pair() else {
            return;
        };
        let body = self.drafts.note_body.trim().to_owned();
        if body.is_empty() {
            return;
        }
        let (side, span) = match &self.drafts.note_span {
            Some(selection) if selection.pair == pair.id => {
                (selection.side, Some((selection.start, selection.end)))
            }
            _ => (crate::core::document::Side::Target, None),
        };
        let whole_document = self.drafts.note_whole_document;
        let note = NewNote {
            scope: if whole_document {
                NoteScope::Document
            } else {
                NoteScope::Pair(pair.id)
            },
            side,
            span: if whole_document { None } else { span },
            category: self.drafts.note_category,
            severity: self.drafts.note_severity,
            parent: None,
            body,
        };
        let before = self.state.messages.list.len();
        self.change_pairs("Cannot add the note", &[], |store, author| {
            store.add_note(note, author).map(|_| ())
        });
        if self.state.messages.list.len() == before {
            self.state.note_form = false;
            self.drafts.note_body.clear();
            self.drafts.note_span = None;
            self.drafts.selection = None;
        }
    }

    fn send_reply(&mut self) {
        let Some(parent_id) = self.state.reply_to else {
            return;
        };
        let Some(parent) = self.state.notes.iter().find(|n| n.id == parent_id) else {
            return;
        };
        let body = self.drafts.reply_body.trim().to_owned();
        if body.is_empty() {
            return;
        }
        let note = NewNote {
            scope: parent.scope,
            side: parent.side,
            span: None,
            category: parent.category,
            severity: parent.severity,
            parent: Some(parent_id),
            body,
        };
        let before = self.state.messages.list.len();
        self.change_pairs("Cannot add the reply", &[], |store, author| {
            store.add_note(note, author).map(|_| ())
        });
        if self.state.messages.list.len() == before {
            self.state.reply_to = None;
            self.drafts.reply_body.clear();
        }
    }

    /// Draws one frame and runs the commands it produced. Used by eframe and by tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.apply_preferences(&ctx);
        self.poll_jobs();
        if self.import.is_some() || self.export.is_some() {
            // Keep drawing (and polling) while the worker runs, even with no input.
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        self.state.refresh_sentence_map();
        dropped_files(&ctx, &mut commands);
        self.shortcuts(&ctx, &mut commands);
        self.update_title(&ctx);

        egui::Panel::top("menu").show(ui, |ui| {
            menu_bar_ui(ui, &self.state, &mut commands);
            toolbar_ui(ui, &self.state, &mut commands);
            if self.state.search_open {
                search_bar_ui(ui, &self.state, &mut self.drafts, &mut commands);
            }
        });
        if let Some(progress) = &self.state.import {
            egui::Panel::top("import").show(ui, |ui| {
                let job = ("Importing", "imported", Command::CancelImport);
                job_ui(ui, &self.state, progress, job, &mut commands);
            });
        }
        if let Some(progress) = &self.state.export {
            egui::Panel::top("export").show(ui, |ui| {
                let job = ("Exporting to", "exported", Command::CancelExport);
                job_ui(ui, &self.state, progress, job, &mut commands);
            });
        }
        if !self.state.messages.list.is_empty() {
            egui::Panel::top("messages").show(ui, |ui| {
                messages_ui(ui, &self.state, &mut commands);
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.state);
        });
        egui::Panel::right("details")
            .default_size(380.0)
            .resizable(true)
            .show(ui, |ui| {
                // The rows in view as of the last frame: the table is drawn after this panel.
                let visible = self.view.first_visible..self.view.last_visible + 1;
                alignment_map_section_ui(
                    ui,
                    &self.state,
                    &mut self.map_view,
                    visible.clone(),
                    &mut commands,
                );
                self.map_framed = visible;
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("details_scroll")
                    .show(ui, |ui| {
                        details_ui(ui, &self.state, &mut self.drafts, &mut commands);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            side_by_side_ui(
                ui,
                &self.state,
                &mut self.drafts,
                &mut self.view,
                &mut commands,
            );
        });
        if self.state.preferences.show_alignment_map
            && self.map_framed != (self.view.first_visible..self.view.last_visible + 1)
        {
            // The table scrolled: frame the new rows on the map in the next frame.
            ctx.request_repaint();
        }
        export_dialog::export_dialog_ui(&ctx, &self.state, &mut self.drafts, &mut commands);
        split_dialog::split_dialog_ui(&ctx, &self.state, &mut self.drafts, &mut commands);
        command_palette::command_palette_ui(&ctx, &self.state, &mut self.drafts, &mut commands);

        self.state.focus_editor = false;
        self.state.focus_search = false;
        self.state.scroll_to_selected = false;
        for command in commands {
            if command.is_enabled(&self.state) {
                self.run_command(command);
            }
        }
        if self.quit {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Whether Quit was chosen (the window is closing).
    pub fn is_quitting(&self) -> bool {
        self.quit
    }

    /// Turns pressed shortcuts into commands; most specific (most modifiers) first.
    fn shortcuts(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let focused = ctx.memory(|m| m.focused());
        let typing_note = [NOTE_BODY_ID, REPLY_BODY_ID]
            .iter()
            .any(|id| focused == Some(Id::unique(*id)));
        // Keys typed into a note belong to the note; a dialog takes its own keys (Escape).
        if typing_note || self.state.dialog.is_some() {
            return;
        }
        let in_editor = focused == Some(Id::unique(EDITOR_ID));
        // Enter and Escape in the search field find and close; Ctrl+Z undoes typing there.
        let in_search = focused == Some(Id::unique(SEARCH_FIELD_ID));
        let mut all: Vec<Command> = Command::ALL.to_vec();
        all.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                let m = s.modifiers;
                u8::from(m.command || m.ctrl) + u8::from(m.shift) + u8::from(m.alt)
            }))
        });
        for command in all {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if (in_editor || in_search) && matches!(command, Command::Undo | Command::Redo) {
                continue;
            }
            if in_search && matches!(command, Command::StartEdit | Command::CancelEdit) {
                continue;
            }
            // A disabled command leaves its key to the widgets (Escape closes menus).
            let enabled = command.is_enabled(&self.state)
                || (command == Command::StartEdit && self.state.editing.is_some());
            if !enabled {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                let command = if command == Command::StartEdit && self.state.editing.is_some() {
                    Command::CommitEdit
                } else {
                    command
                };
                commands.push(command);
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = if self.state.title.is_empty() {
            "cotejo".to_owned()
        } else {
            format!("{} — cotejo", self.state.title)
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}

impl eframe::App for WorkbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.state.preferences);
    }
}

/// Where the split dialog proposes to cut `pair`: the side with the text cursor is cut before
/// the cursor's paragraph (after the first when the cursor is in the first), and the other
/// side where the two parts keep the same share of text. Paragraph lengths come from the
/// pair's texts; equal weights if the English no longer has one paragraph per range entry.
fn proposed_split(
    pair: &crate::core::project::Pair,
    caret: Option<&crate::ui::state::TextSelection>,
) -> (usize, usize) {
    use crate::core::split::{best_split, paragraph_at, paragraph_lengths};
    let lengths = |text: &str, n: usize| {
        let lens = paragraph_lengths(text);
        if lens.len() == n { lens } else { vec![1; n] }
    };
    let n_source = pair.source_paragraphs.len();
    let n_target = pair.target_paragraphs.len();
    let fixed = caret.filter(|c| c.pair == pair.id).map(|c| {
        let text = match c.side {
            Side::Source => &pair.source,
            Side::Target => &pair.target,
        };
        (c.side, paragraph_at(text, c.start).max(1))
    });
    best_split(
        &lengths(&pair.source, n_source),
        &lengths(&pair.target, n_target),
        fixed,
    )
    .unwrap_or((n_source.div_ceil(2), n_target.div_ceil(2)))
}

/// Files dropped on the window: one project opens, two texts become a new review.
fn dropped_files(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let paths: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    match paths.as_slice() {
        [] => {}
        [project] => commands.push(Command::OpenRecent(project.clone())),
        [a, b, ..] => {
            let (source, target) = launch::order_source_target(a, b);
            commands.push(Command::CreateReview { source, target });
        }
    }
}

fn menu_item(ui: &mut egui::Ui, state: &AppState, command: Command, commands: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add_enabled(command.is_enabled(state), button).clicked() {
        commands.push(command);
        ui.close();
    }
}

/// A menu item that shows whether what it toggles is on.
fn menu_toggle(
    ui: &mut egui::Ui,
    state: &AppState,
    command: Command,
    on: bool,
    commands: &mut Vec<Command>,
) {
    let mut button = egui::Button::selectable(on, command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    let response = ui
        .add_enabled(command.is_enabled(state), button)
        .on_hover_text(command.tooltip());
    if response.clicked() {
        commands.push(command);
        ui.close();
    }
}

fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            menu_item(ui, state, Command::NewReview, commands);
            menu_item(ui, state, Command::OpenProject, commands);
            ui.menu_button("Open recent", |ui| {
                if state.recent.is_empty() {
                    ui.label("No recent projects");
                }
                for path in &state.recent {
                    menu_item(ui, state, Command::OpenRecent(path.clone()), commands);
                }
            });
            ui.separator();
            menu_item(ui, state, Command::Export, commands);
            ui.separator();
            menu_item(ui, state, Command::Quit, commands);
        });
        ui.menu_button("Edit", |ui| {
            menu_item(ui, state, Command::Undo, commands);
            menu_item(ui, state, Command::Redo, commands);
            ui.separator();
            menu_item(ui, state, Command::StartEdit, commands);
            menu_item(ui, state, Command::AddNote, commands);
        });
        ui.menu_button("Review", |ui| {
            for command in [
                Command::Approve,
                Command::Reject,
                Command::NextPair,
                Command::PreviousPair,
                Command::NextToReview,
            ] {
                menu_item(ui, state, command, commands);
            }
        });
        ui.menu_button("Alignment", |ui| {
            for command in [
                Command::MergeWithNext,
                Command::SplitPair,
                Command::ConfirmAlignment,
                Command::NextDoubtful,
            ] {
                menu_item(ui, state, command, commands);
            }
            ui.separator();
            for command in [
                Command::MoveParagraphDown(Side::Source),
                Command::MoveParagraphUp(Side::Source),
                Command::MoveParagraphDown(Side::Target),
                Command::MoveParagraphUp(Side::Target),
                Command::MarkOmission,
                Command::MarkAddition,
            ] {
                menu_item(ui, state, command, commands);
            }
        });
        ui.menu_button("View", |ui| {
            menu_item(ui, state, Command::Find, commands);
            menu_item(ui, state, Command::CommandPalette, commands);
            ui.separator();
            for command in [
                Command::ToggleTheme,
                Command::ZoomIn,
                Command::ZoomOut,
                Command::ZoomReset,
            ] {
                menu_item(ui, state, command, commands);
            }
            ui.separator();
            menu_toggle(
                ui,
                state,
                Command::ToggleAlignmentMap,
                state.preferences.show_alignment_map,
                commands,
            );
            menu_item(ui, state, Command::ToggleDiff, commands);
            for base in [
                crate::store::BaseRevision::Imported,
                crate::store::BaseRevision::Previous,
                crate::store::BaseRevision::LastApproved,
            ] {
                menu_item(ui, state, Command::SetDiffBase(base), commands);
            }
        });
    });
}

fn toolbar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        command_button(ui, state, Command::Undo, commands);
        command_button(ui, state, Command::Redo, commands);
        ui.separator();
        if state.editing.is_some() {
            command_button(ui, state, Command::CommitEdit, commands);
        } else {
            command_button(ui, state, Command::StartEdit, commands);
        }
        command_button(ui, state, Command::Approve, commands);
        command_button(ui, state, Command::Reject, commands);
        ui.separator();
        command_button(ui, state, Command::PreviousPair, commands);
        command_button(ui, state, Command::NextPair, commands);
        command_button(ui, state, Command::NextToReview, commands);
        ui.separator();
        command_button(ui, state, Command::MergeWithNext, commands);
        command_button(ui, state, Command::SplitPair, commands);
        command_button(ui, state, Command::ConfirmAlignment, commands);
        command_button(ui, state, Command::NextDoubtful, commands);
        ui.separator();
        let toggle = Command::ToggleDiff;
        let response = ui
            .add_enabled(
                toggle.is_enabled(state),
                egui::Button::selectable(state.show_diff, toggle.label()),
            )
            .on_hover_text(toggle.label_with_shortcut(ui.ctx()));
        if response.clicked() {
            commands.push(toggle);
        }
        let label = ui.label("against");
        egui::ComboBox::from_id_salt("diff_base")
            .selected_text(diff_base_label(state.diff_base))
            .show_ui(ui, |ui| {
                for base in [
                    crate::store::BaseRevision::Imported,
                    crate::store::BaseRevision::Previous,
                    crate::store::BaseRevision::LastApproved,
                ] {
                    if ui
                        .selectable_label(state.diff_base == base, diff_base_label(base))
                        .clicked()
                    {
                        commands.push(Command::SetDiffBase(base));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        command_button(ui, state, Command::AddNote, commands);
        command_button(ui, state, Command::Export, commands);
    });
}

/// Copies what a worker reported into the progress the window shows.
fn update_progress(progress: Option<&mut JobProgress>, status: JobStatus) {
    if let Some(progress) = progress {
        progress.stage = status.stage;
        progress.fraction = status.fraction;
    }
}

/// The progress of a background job (its Cancel button, a bar reading "37% imported",
/// "Importing NAME: STAGE…"); `job` is the verb, the participle in the bar, and the cancel
/// command.
fn job_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    progress: &JobProgress,
    (verb, participle, cancel): (&str, &str, Command),
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let name = progress
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stage = if progress.cancelling {
            "Cancelling"
        } else {
            progress.stage
        };
        // The button and the bar come first: the stage's name changes length as the work
        // goes on, and must not move the button from under the pointer.
        command_button(ui, state, cancel, commands);
        let percent = (progress.fraction * 100.0).floor();
        ui.add(
            egui::ProgressBar::new(progress.fraction)
                .desired_width(240.0)
                .text(format!("{percent:.0}% {participle}"))
                .animate(!progress.cancelling),
        );
        ui.label(format!("{verb} {name}: {stage}…"));
    });
}

fn messages_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    for (idx, message) in state.messages.list.iter().enumerate() {
        ui.horizontal(|ui| {
            let color = match message.level {
                Level::Info => theme::palette(ui).info_text,
                Level::Error => theme::palette(ui).error_text,
            };
            if ui.button("Dismiss").clicked() {
                commands.push(Command::DismissMessage(idx));
            }
            ui.label(RichText::new(&message.text).color(color));
        });
    }
}

fn details_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
) {
    notes::note_form_ui(ui, state, drafts, commands);
    egui::CollapsingHeader::new("Notes on this pair")
        .default_open(true)
        .show(ui, |ui| notes::pair_notes_ui(ui, state, drafts, commands));
    egui::CollapsingHeader::new("History")
        .default_open(true)
        .show(ui, |ui| history::history_ui(ui, state, commands));
    egui::CollapsingHeader::new("Document notes")
        .default_open(false)
        .show(ui, |ui| notes::document_notes_ui(ui, state, commands));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::launch::MemoryStorage;

    #[test]
    fn theme_zoom_and_the_alignment_map_are_saved_and_read_back() {
        let mut app = WorkbenchApp::new("reviewer");
        app.run_command(Command::ToggleTheme);
        app.run_command(Command::ZoomIn);
        app.run_command(Command::ZoomIn);
        app.run_command(Command::ToggleAlignmentMap);
        let mut storage = MemoryStorage::default();
        eframe::App::save(&mut app, &mut storage);
        let read: Option<Preferences> = eframe::get_value(&storage, PREFERENCES_KEY);
        assert_eq!(
            read,
            Some(Preferences {
                dark: false,
                zoom: 1.2,
                show_alignment_map: true,
            })
        );
        app.run_command(Command::ToggleAlignmentMap);
        eframe::App::save(&mut app, &mut storage);
        let read: Option<Preferences> = eframe::get_value(&storage, PREFERENCES_KEY);
        assert_eq!(read.map(|p| p.show_alignment_map), Some(false));
        // A file from an older version without these fields gets the defaults.
        eframe::Storage::set_string(&mut storage, PREFERENCES_KEY, "()".to_owned());
        let read: Option<Preferences> = eframe::get_value(&storage, PREFERENCES_KEY);
        assert_eq!(read, Some(Preferences::default()));
    }

    #[test]
    fn zoom_stays_in_range_in_round_steps() {
        let mut preferences = Preferences::default();
        for _ in 0..50 {
            preferences = preferences.zoomed(-1);
        }
        assert_eq!(preferences.zoom, Preferences::ZOOM_RANGE.0);
        assert_eq!(Preferences::default().zoomed(1).zoomed(-1).zoom, 1.0);
    }
}
