//! What the window shows: the open project's pairs, the selection, the editor, the diff toggle,
//! notes and the open dialog. Reloaded from the store after each command, never every frame.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::core::align::fold;
use crate::core::document::Side;
use crate::core::export::ExportFormat;
use crate::core::project::{Pair, Revision};
use crate::core::review::Note;
use crate::core::review::{
    NoteCategory, NoteId, NoteScope, NoteStatus, PairId, PairState, RevisionId, Severity,
};
use crate::core::sentence_map::SentenceMap;
use crate::store::{BaseRevision, NoteFilter, Store};
use crate::ui::notify::Messages;

/// Below this alignment confidence a row is tinted and counts as needing review.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// Whether a pair's alignment deserves a check: a low confidence or not one paragraph on each
/// side, and nobody confirmed it.
pub fn is_doubtful(pair: &Pair) -> bool {
    !pair.confirmed
        && (pair.confidence < LOW_CONFIDENCE
            || pair.source_paragraphs.len() != 1
            || pair.target_paragraphs.len() != 1)
}

/// The dialog in front of the window, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Export: format choice and the list of pairs that are not approved.
    Export {
        /// Pairs not approved, in document order.
        unapproved: Vec<PairId>,
    },
    /// Split a pair: how many source and target paragraphs go to the first part.
    SplitPair {
        /// The pair to split.
        pair: PairId,
    },
    /// The command palette: every command, filtered as the user types.
    CommandPalette,
}

/// Which rows the table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RowFilter {
    /// Every pair.
    #[default]
    All,
    /// Pairs not approved yet.
    NotApproved,
    /// Pairs with an open note.
    OpenNotes,
    /// Pairs whose alignment confidence is low and not confirmed.
    LowConfidence,
    /// Pairs whose English differs from the imported translation.
    ChangedSinceImport,
    /// Pairs in this review state.
    InState(PairState),
}

/// Which column the search looks in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchScope {
    /// The Spanish and the English.
    #[default]
    Both,
    /// The Spanish original only.
    Spanish,
    /// The English translation only.
    English,
}

impl SearchScope {
    /// Every scope, in menu order.
    pub const ALL: [Self; 3] = [Self::Both, Self::Spanish, Self::English];

    /// The name in the scope choice.
    pub fn label(self) -> &'static str {
        match self {
            Self::Both => "Both columns",
            Self::Spanish => "Spanish only",
            Self::English => "English only",
        }
    }

    /// Whether the search looks in this column.
    pub fn covers(self, side: Side) -> bool {
        match self {
            Self::Both => true,
            Self::Spanish => side == Side::Source,
            Self::English => side == Side::Target,
        }
    }
}

impl RowFilter {
    /// Every filter, in menu order.
    pub const ALL: [Self; 10] = [
        Self::All,
        Self::NotApproved,
        Self::OpenNotes,
        Self::LowConfidence,
        Self::ChangedSinceImport,
        Self::InState(PairState::Draft),
        Self::InState(PairState::Translated),
        Self::InState(PairState::Reviewed),
        Self::InState(PairState::Approved),
        Self::InState(PairState::Rejected),
    ];

    /// The name in the filter choice.
    pub fn label(self) -> &'static str {
        match self {
            Self::All => "All pairs",
            Self::NotApproved => "Not approved",
            Self::OpenNotes => "Open notes",
            Self::LowConfidence => "Low confidence",
            Self::ChangedSinceImport => "Changed since import",
            Self::InState(PairState::Draft) => "Drafts",
            Self::InState(PairState::Translated) => "Translated",
            Self::InState(PairState::Reviewed) => "Reviewed",
            Self::InState(PairState::Approved) => "Approved",
            Self::InState(PairState::Rejected) => "Rejected",
        }
    }
}

/// A stretch of a pair's text a note is about, found again in the current text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSpan {
    /// Which column.
    pub side: Side,
    /// Character offsets in that column's text.
    pub chars: Range<usize>,
    /// Open notes are highlighted more strongly.
    pub status: NoteStatus,
}

/// What the window shows.
#[derive(Debug, Default)]
pub struct AppState {
    /// The open project file.
    pub project_path: Option<PathBuf>,
    /// Its title.
    pub title: String,
    /// Every pair in document order.
    pub pairs: Vec<Pair>,
    /// Position of each pair in `pairs`.
    pub index_of: HashMap<PairId, usize>,
    /// Position of the selected pair.
    pub selected: usize,
    /// The pair whose English is being edited.
    pub editing: Option<PairId>,
    /// One frame: give the editor keyboard focus.
    pub focus_editor: bool,
    /// One frame: scroll the selected pair into view.
    pub scroll_to_selected: bool,
    /// Whether the English shows a word diff.
    pub show_diff: bool,
    /// What the diff compares with.
    pub diff_base: BaseRevision,
    /// The earlier English of each pair for the diff (loaded while the diff is shown).
    pub base_texts: HashMap<PairId, String>,
    /// Every note of the project (replies included), oldest first.
    pub notes: Vec<Note>,
    /// Note spans per pair, for highlighting.
    pub note_spans: HashMap<PairId, Vec<NoteSpan>>,
    /// Open top-level notes per pair, for the marker.
    pub open_notes: HashMap<PairId, usize>,
    /// Revisions of the selected pair, oldest first.
    pub revisions: Vec<Revision>,
    /// For each of `revisions`, its word diff against the one before (`None` for the first),
    /// computed when the revisions are loaded so the history panel does no diffing per frame.
    pub revision_diffs: Vec<Option<Vec<crate::core::diff::DiffSpan>>>,
    /// Whether undo and redo have something to do.
    pub can_undo: bool,
    /// See `can_undo`.
    pub can_redo: bool,
    /// Number of approved pairs.
    pub n_approved: usize,
    /// Number of open notes in the project.
    pub n_open_notes: usize,
    /// The dialog in front, if any.
    pub dialog: Option<Dialog>,
    /// Whether the note form is open.
    pub note_form: bool,
    /// The note being replied to.
    pub reply_to: Option<NoteId>,
    /// Errors and confirmations to show.
    pub messages: Messages,
    /// Recently opened projects, newest first.
    pub recent: Vec<PathBuf>,
    /// Grows with every reload; views drop caches when it changes.
    pub generation: u64,
    /// Grows whenever `pairs` is reloaded, in whole or in part (also by the partial reloads
    /// that keep `generation`); the alignment map lays its points out again when it changes.
    pub pairs_version: u64,
    /// Which rows the table shows.
    pub filter: RowFilter,
    /// Positions (in `pairs`) of the rows shown, ascending; recomputed when the pairs, the
    /// filter or the notes change, never every frame.
    pub rows: Vec<usize>,
    /// The imported English of each pair (loaded only for the "Changed since import" filter).
    pub imported_texts: HashMap<PairId, String>,
    /// Whether the search bar is shown.
    pub search_open: bool,
    /// One frame: give the search field keyboard focus.
    pub focus_search: bool,
    /// The text searched for.
    pub search_query: String,
    /// The columns searched.
    pub search_scope: SearchScope,
    /// Positions (in `pairs`) of the shown rows that contain the query, ascending.
    pub search_matches: Vec<usize>,
    /// The Spanish and English of each pair folded for search (accents stripped, lowercase),
    /// filled by the first search after a reload, so a keystroke only scans.
    pub folded: HashMap<PairId, (String, String)>,
    /// The sentence alignment of the selected pair, for the sentence focus, with the pair and
    /// revision it was computed for.
    pub sentence_map: Option<(PairId, RevisionId, Arc<SentenceMap>)>,
    /// How many sentence maps were computed (one per selected pair and revision).
    pub n_sentence_maps: usize,
    /// The review being imported in the background, if any.
    pub import: Option<JobProgress>,
    /// The export being written in the background, if any.
    pub export: Option<JobProgress>,
    /// Theme, zoom and the alignment map's visibility, kept across sessions.
    pub preferences: Preferences,
}

/// How the window looks, remembered across sessions (through eframe's storage).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Dark (the default) or light theme.
    pub dark: bool,
    /// Zoom factor of the whole window.
    pub zoom: f32,
    /// Whether the alignment map is shown.
    pub show_alignment_map: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            dark: true,
            zoom: 1.0,
            show_alignment_map: false,
        }
    }
}

impl Preferences {
    /// Smallest and largest zoom.
    pub const ZOOM_RANGE: (f32, f32) = (0.5, 3.0);
    /// One zoom step (Ctrl+= and Ctrl+-).
    pub const ZOOM_STEP: f32 = 0.1;

    /// The zoom one step in (`+1`) or out (`-1`), rounded to a step and kept in range.
    pub fn zoomed(self, steps: i8) -> Self {
        let zoom = self.zoom + f32::from(steps) * Self::ZOOM_STEP;
        let zoom = ((zoom / Self::ZOOM_STEP).round() * Self::ZOOM_STEP)
            .clamp(Self::ZOOM_RANGE.0, Self::ZOOM_RANGE.1);
        Self { zoom, ..self }
    }
}

/// How far a background import or export got, for its progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct JobProgress {
    /// The file being made: the English file imported, or the file exported to.
    pub file: PathBuf,
    /// What the worker is doing.
    pub stage: &'static str,
    /// The fraction done, in [0, 1].
    pub fraction: f32,
    /// Whether the user asked to cancel (the worker stops at its next check).
    pub cancelling: bool,
}

/// Text the user is typing, and the text selection; owned by the app, written by the views.
#[derive(Clone, Debug)]
pub struct Drafts {
    /// The English being edited.
    pub edit_text: String,
    /// The text selected in a column of the selected pair, if any.
    pub selection: Option<TextSelection>,
    /// Where the text cursor was last put in a column of the selected pair (or in the
    /// editor); `start == end` for a bare cursor. Split pair cuts there.
    pub caret: Option<TextSelection>,
    /// The selection the note form was opened with.
    pub note_span: Option<TextSelection>,
    /// Category of the note being written.
    pub note_category: NoteCategory,
    /// Severity of the note being written.
    pub note_severity: Severity,
    /// Whether the note is about the whole document rather than the pair.
    pub note_whole_document: bool,
    /// Body of the note being written.
    pub note_body: String,
    /// Body of the reply being written.
    pub reply_body: String,
    /// Format chosen in the export dialog.
    pub export_format: ExportFormat,
    /// Source paragraphs that go to the first part, in the split dialog.
    pub split_source: usize,
    /// Target paragraphs that go to the first part, in the split dialog.
    pub split_target: usize,
    /// What is typed in the command palette.
    pub palette_query: String,
    /// The highlighted line of the command palette.
    pub palette_selected: usize,
    /// What is typed in the search field.
    pub search_text: String,
}

impl Default for Drafts {
    fn default() -> Self {
        Self {
            edit_text: String::new(),
            selection: None,
            caret: None,
            note_span: None,
            note_category: NoteCategory::Accuracy,
            note_severity: Severity::Minor,
            note_whole_document: false,
            note_body: String::new(),
            reply_body: String::new(),
            export_format: ExportFormat::Txt,
            split_source: 1,
            split_target: 1,
            palette_query: String::new(),
            palette_selected: 0,
            search_text: String::new(),
        }
    }
}

/// Characters `start..end` selected in one column of a pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSelection {
    /// The pair.
    pub pair: PairId,
    /// The column.
    pub side: Side,
    /// First character.
    pub start: usize,
    /// After the last character.
    pub end: usize,
}

impl AppState {
    /// The selected pair, if the project has any.
    pub fn selected_pair(&self) -> Option<&Pair> {
        self.pairs.get(self.selected)
    }

    /// Aligns the sentences of the selected pair if the selection or its text changed since
    /// the last time; cheap when nothing changed, so the app calls it every frame.
    pub fn refresh_sentence_map(&mut self) {
        let Some(pair) = self.selected_pair() else {
            self.sentence_map = None;
            return;
        };
        let key = (pair.id, pair.revision);
        if self
            .sentence_map
            .as_ref()
            .is_some_and(|(id, revision, _)| (*id, *revision) == key)
        {
            return;
        }
        let map = SentenceMap::new(&pair.source, &pair.target);
        self.sentence_map = Some((key.0, key.1, Arc::new(map)));
        self.n_sentence_maps += 1;
    }

    /// The sentence map of `pair` if it is the one computed (the selected pair, current text).
    pub fn sentence_map_of(&self, pair: &Pair) -> Option<&SentenceMap> {
        self.sentence_map
            .as_ref()
            .filter(|(id, revision, _)| *id == pair.id && *revision == pair.revision)
            .map(|(_, _, map)| map.as_ref())
    }

    /// Whether a pair deserves a look: not approved, an open note, or a low confidence that
    /// nobody confirmed.
    pub fn needs_review(&self, pair: &Pair) -> bool {
        pair.state != PairState::Approved
            || self.has_open_notes(pair)
            || (pair.confidence < LOW_CONFIDENCE && !pair.confirmed)
    }

    /// Whether a pair has an open note.
    pub fn has_open_notes(&self, pair: &Pair) -> bool {
        self.open_notes.get(&pair.id).is_some_and(|n| *n > 0)
    }

    /// Whether the table shows this row under the current filter.
    pub fn passes_filter(&self, pair: &Pair) -> bool {
        match self.filter {
            RowFilter::All => true,
            RowFilter::NotApproved => pair.state != PairState::Approved,
            RowFilter::OpenNotes => self.has_open_notes(pair),
            RowFilter::LowConfidence => pair.confidence < LOW_CONFIDENCE && !pair.confirmed,
            RowFilter::ChangedSinceImport => self
                .imported_texts
                .get(&pair.id)
                .is_some_and(|imported| *imported != pair.target),
            RowFilter::InState(state) => pair.state == state,
        }
    }

    /// Recomputes the shown rows and the search hits among them (after a reload, or a change
    /// of filter or query).
    pub fn refresh_rows(&mut self) {
        let rows: Vec<usize> = self
            .pairs
            .iter()
            .enumerate()
            .filter(|(_, pair)| self.passes_filter(pair))
            .map(|(idx, _)| idx)
            .collect();
        if rows != self.rows {
            // The table's cached row heights are by row: they must be recomputed.
            self.rows = rows;
            self.generation += 1;
        }
        let query = fold(self.search_query.trim());
        self.search_matches.clear();
        if query.is_empty() {
            return;
        }
        for idx in &self.rows {
            let Some(pair) = self.pairs.get(*idx) else {
                continue;
            };
            let (source, target) = self
                .folded
                .entry(pair.id)
                .or_insert_with(|| (fold(&pair.source), fold(&pair.target)));
            let scope = self.search_scope;
            if (scope.covers(Side::Source) && source.contains(&query))
                || (scope.covers(Side::Target) && target.contains(&query))
            {
                self.search_matches.push(*idx);
            }
        }
    }

    /// Position in `rows` of the pair at `pair_idx`, if it is shown.
    pub fn row_of(&self, pair_idx: usize) -> Option<usize> {
        self.rows.binary_search(&pair_idx).ok()
    }

    /// The next shown pair after the selected one.
    pub fn next_row(&self) -> Option<usize> {
        let at = self.rows.partition_point(|idx| *idx <= self.selected);
        self.rows.get(at).copied()
    }

    /// The last shown pair before the selected one.
    pub fn previous_row(&self) -> Option<usize> {
        let at = self.rows.partition_point(|idx| *idx < self.selected);
        at.checked_sub(1).and_then(|at| self.rows.get(at)).copied()
    }

    /// The first pair after the selected one (wrapping around) that `wanted` accepts, among
    /// the shown rows.
    pub fn next_where(&self, wanted: impl Fn(&Pair) -> bool) -> Option<usize> {
        let n_rows = self.rows.len();
        let start = self.rows.partition_point(|idx| *idx <= self.selected);
        (0..n_rows)
            .filter_map(|step| self.rows.get((start + step) % n_rows))
            .copied()
            .find(|idx| self.pairs.get(*idx).is_some_and(&wanted))
    }

    /// The search hit after (or, `forward` false, before) the selected pair, wrapping around.
    pub fn next_match(&self, forward: bool) -> Option<usize> {
        let hits = &self.search_matches;
        if forward {
            let at = hits.partition_point(|idx| *idx <= self.selected);
            hits.get(at).or_else(|| hits.first()).copied()
        } else {
            let at = hits.partition_point(|idx| *idx < self.selected);
            at.checked_sub(1)
                .and_then(|at| hits.get(at))
                .or_else(|| hits.last())
                .copied()
        }
    }

    /// Reloads everything from the store (after a change).
    pub fn reload(&mut self, store: &Store) -> crate::Result<()> {
        let selected_id = self.selected_pair().map(|p| p.id);
        self.project_path = Some(store.path().to_path_buf());
        self.title = store.project()?.title;
        self.pairs = store.pairs()?;
        self.folded.clear();
        self.index_of = self
            .pairs
            .iter()
            .enumerate()
            .map(|(idx, pair)| (pair.id, idx))
            .collect();
        if let Some(idx) = selected_id.and_then(|id| self.index_of.get(&id)) {
            self.selected = *idx;
        }
        self.selected = self.selected.min(self.pairs.len().saturating_sub(1));
        self.reload_notes_and_counts(store)?;
        self.reload_base_texts(store)?;
        self.reload_imported_texts(store)?;
        self.reload_selection(store)?;
        self.refresh_rows();
        self.generation += 1;
        self.pairs_version += 1;
        Ok(())
    }

    /// Reloads only `pairs` (with the text the diff compares them with), the notes and the
    /// counts, after a change that touched nothing else (a state, a text, a note): on a long
    /// book this is many times faster than [`AppState::reload`]. Returns `false`, having
    /// changed nothing, when a full reload is needed instead (a pair is gone, or so many
    /// pairs changed that one query for all is quicker).
    pub fn reload_pairs(&mut self, store: &Store, pairs: &[PairId]) -> crate::Result<bool> {
        /// Above this many pairs, loading them all at once is quicker than one by one.
        const MAX_ONE_BY_ONE: usize = 200;
        if pairs.len() > MAX_ONE_BY_ONE {
            return Ok(false);
        }
        let mut fresh = Vec::with_capacity(pairs.len());
        for id in pairs {
            let Some(idx) = self.index_of.get(id).copied() else {
                return Ok(false);
            };
            let base = if self.show_diff {
                store.base_text(*id, self.diff_base)?
            } else {
                None
            };
            match store.pair(*id) {
                Ok(pair) => fresh.push((idx, pair, base)),
                Err(crate::Error::NotFound { .. }) => return Ok(false),
                Err(err) => return Err(err),
            }
        }
        for (idx, pair, base) in fresh {
            if self.show_diff {
                match base {
                    Some(text) => self.base_texts.insert(pair.id, text),
                    None => self.base_texts.remove(&pair.id),
                };
            }
            self.folded.remove(&pair.id);
            if let Some(slot) = self.pairs.get_mut(idx) {
                *slot = pair;
            }
        }
        self.pairs_version += 1;
        self.reload_notes_and_counts(store)?;
        self.reload_selection(store)?;
        self.refresh_rows();
        Ok(true)
    }

    fn reload_notes_and_counts(&mut self, store: &Store) -> crate::Result<()> {
        self.notes = store.notes(NoteFilter::default())?;
        self.index_notes();
        self.n_approved = self
            .pairs
            .iter()
            .filter(|p| p.state == PairState::Approved)
            .count();
        let (n_undo, n_redo) = store.undo_redo_depth()?;
        self.can_undo = n_undo > 0;
        self.can_redo = n_redo > 0;
        Ok(())
    }

    /// Reloads what depends on the selected pair only (after moving the selection).
    pub fn reload_selection(&mut self, store: &Store) -> crate::Result<()> {
        self.revisions = match self.selected_pair() {
            Some(pair) => store.revisions(pair.id)?,
            None => Vec::new(),
        };
        self.revision_diffs = std::iter::once(None)
            .chain(
                self.revisions
                    .windows(2)
                    .map(|w| Some(crate::core::diff::diff_words(&w[0].text, &w[1].text))),
            )
            .take(self.revisions.len())
            .collect();
        Ok(())
    }

    /// Loads the earlier texts the diff compares with, or drops them when the diff is hidden.
    pub fn reload_base_texts(&mut self, store: &Store) -> crate::Result<()> {
        self.base_texts = if self.show_diff {
            store.base_texts(self.diff_base)?.into_iter().collect()
        } else {
            HashMap::new()
        };
        Ok(())
    }

    /// Loads the imported English while the "Changed since import" filter needs it.
    pub fn reload_imported_texts(&mut self, store: &Store) -> crate::Result<()> {
        self.imported_texts = if self.filter == RowFilter::ChangedSinceImport {
            store
                .base_texts(BaseRevision::Imported)?
                .into_iter()
                .collect()
        } else {
            HashMap::new()
        };
        Ok(())
    }

    fn index_notes(&mut self) {
        self.note_spans.clear();
        self.open_notes.clear();
        self.n_open_notes = 0;
        for note in &self.notes {
            let NoteScope::Pair(pair_id) = note.scope else {
                if note.status == NoteStatus::Open && note.parent.is_none() {
                    self.n_open_notes += 1;
                }
                continue;
            };
            if note.parent.is_some() {
                continue;
            }
            if note.status == NoteStatus::Open {
                self.n_open_notes += 1;
                *self.open_notes.entry(pair_id).or_default() += 1;
            }
            let (Some(span), Some(pair)) = (
                note.span.as_ref(),
                self.index_of
                    .get(&pair_id)
                    .and_then(|idx| self.pairs.get(*idx)),
            ) else {
                continue;
            };
            let text = match note.side {
                Side::Source => &pair.source,
                Side::Target => &pair.target,
            };
            if let Some((start, end)) = span.reanchor(text) {
                self.note_spans.entry(pair_id).or_default().push(NoteSpan {
                    side: note.side,
                    chars: start..end,
                    status: note.status,
                });
            }
        }
    }

    /// The replies to a note, oldest first.
    pub fn replies(&self, note: NoteId) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| n.parent == Some(note))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::RevisionId;

    fn pair(n: usize, source: &str, state: PairState, confidence: f64) -> Pair {
        Pair {
            id: PairId(i64::try_from(n).unwrap() + 1),
            source_paragraphs: n..n + 1,
            target_paragraphs: n..n + 1,
            confidence,
            confirmed: false,
            source: source.to_owned(),
            target: format!("English {n}"),
            revision: RevisionId(1),
            state,
        }
    }

    fn state() -> AppState {
        let mut state = AppState {
            pairs: vec![
                pair(0, "El niño", PairState::Approved, 0.9),
                pair(1, "La niña", PairState::Draft, 0.2),
                pair(2, "Un perro", PairState::Draft, 0.9),
                pair(3, "NIÑOS", PairState::Approved, 0.3),
            ],
            ..AppState::default()
        };
        state.refresh_rows();
        state
    }

    #[test]
    fn filters_pick_rows_and_moves_stay_on_them() {
        let mut state = state();
        assert_eq!(state.rows, [0, 1, 2, 3]);
        state.filter = RowFilter::NotApproved;
        state.refresh_rows();
        assert_eq!(state.rows, [1, 2]);
        assert_eq!((state.previous_row(), state.next_row()), (None, Some(1)));
        state.selected = 2;
        assert_eq!((state.previous_row(), state.next_row()), (Some(1), None));
        state.filter = RowFilter::LowConfidence;
        state.refresh_rows();
        assert_eq!(state.rows, [1, 3]);
        state.pairs[3].confirmed = true;
        state.refresh_rows();
        assert_eq!(state.rows, [1]);
        // Nothing was imported: no pair counts as changed.
        state.filter = RowFilter::ChangedSinceImport;
        state.refresh_rows();
        assert!(state.rows.is_empty());
    }

    #[test]
    fn search_ignores_accents_and_wraps_around() {
        let mut state = state();
        state.search_query = " nin ".to_owned();
        state.refresh_rows();
        assert_eq!(state.search_matches, [0, 1, 3]);
        state.selected = 1;
        assert_eq!(state.next_match(true), Some(3));
        assert_eq!(state.next_match(false), Some(0));
        state.selected = 3;
        assert_eq!(state.next_match(true), Some(0), "wraps to the first");
        state.selected = 0;
        assert_eq!(state.next_match(false), Some(3), "wraps to the last");
        // Only shown rows count.
        state.filter = RowFilter::NotApproved;
        state.refresh_rows();
        assert_eq!(state.search_matches, [1]);
        state.search_query = "perro gato".to_owned();
        state.refresh_rows();
        assert!(state.search_matches.is_empty());
        assert_eq!(state.next_match(true), None);
    }
}
