//! Every user intent as a [`Command`]: menus, toolbar buttons, shortcuts and views build one,
//! and `WorkbenchApp::run_command` carries it out at the end of the frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::core::document::Side;
use crate::core::review::{NoteId, NoteStatus, PairId, RevisionId};
use crate::store::BaseRevision;
use crate::ui::state::{AppState, Preferences, RowFilter, SearchScope};

/// One thing the user wants done.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Pick a Spanish original and an English translation and make a project of them.
    NewReview,
    /// Pick a project file and open it.
    OpenProject,
    /// Open the export dialog.
    Export,
    /// Take back the last change.
    Undo,
    /// Apply again the last change taken back.
    Redo,
    /// Edit the English of the selected pair in place.
    StartEdit,
    /// Store the edited English as a new revision.
    CommitEdit,
    /// Leave the editor without storing.
    CancelEdit,
    /// Approve the selected pair and move to the next.
    Approve,
    /// Reject the selected pair (send it back to the translator).
    Reject,
    /// Select the next pair.
    NextPair,
    /// Select the previous pair.
    PreviousPair,
    /// Select the next pair that is not approved, has an open note or a low confidence.
    NextToReview,
    /// Show or hide the word diff of the English.
    ToggleDiff,
    /// Open the note form for the selected text (or the selected pair).
    AddNote,
    /// Open a project from the recent list.
    OpenRecent(PathBuf),
    /// Stop the review being imported; nothing is written.
    CancelImport,
    /// Stop the export being written; the file keeps its old content.
    CancelExport,
    /// Make a project of these two files (source first) and open it.
    CreateReview {
        /// The Spanish original.
        source: PathBuf,
        /// The English translation.
        target: PathBuf,
    },
    /// Select the pair at this position.
    Select(usize),
    /// Select a pair by id (and close the export dialog).
    GoToPair(PairId),
    /// Diff against another earlier text.
    SetDiffBase(BaseRevision),
    /// Make this revision's text current again.
    RevertTo(RevisionId),
    /// Store the note being written.
    SaveNote,
    /// Close the note form.
    CancelNote,
    /// Start writing a reply to a note.
    StartReply(NoteId),
    /// Store the reply being written.
    SendReply,
    /// Close the reply field.
    CancelReply,
    /// Resolve or reopen a note.
    SetNoteStatus(NoteId, NoteStatus),
    /// Pick a file and write the export there.
    ExportWrite {
        /// Also when pairs are not approved.
        allow_unapproved: bool,
    },
    /// Close the open dialog.
    CloseDialog,
    /// Remove a message from the message bar.
    DismissMessage(usize),
    /// Join the selected pair with the next one.
    MergeWithNext,
    /// Open the dialog that cuts the selected pair in two.
    SplitPair,
    /// Cut a pair in two: the first part ends before these paragraphs (document indices).
    SplitPairAt {
        /// The pair to cut.
        pair: PairId,
        /// First source paragraph of the second part.
        source_at: usize,
        /// First target paragraph of the second part.
        target_at: usize,
    },
    /// Move the selected pair's last paragraph on this side to the next pair.
    MoveParagraphDown(Side),
    /// Move the selected pair's first paragraph on this side to the previous pair.
    MoveParagraphUp(Side),
    /// Give the selected pair's last Spanish paragraph a pair of its own, with no English.
    MarkOmission,
    /// Give the selected pair's last English paragraph a pair of its own, with no Spanish.
    MarkAddition,
    /// Mark the alignment of the selected pair as checked.
    ConfirmAlignment,
    /// Select the next pair whose alignment is doubtful (low confidence or not 1:1) and not
    /// confirmed.
    NextDoubtful,
    /// Open the command palette.
    CommandPalette,
    /// Switch between the dark and the light theme.
    ToggleTheme,
    /// Make everything larger.
    ZoomIn,
    /// Make everything smaller.
    ZoomOut,
    /// Back to the normal size.
    ZoomReset,
    /// Show or hide the alignment map.
    ToggleAlignmentMap,
    /// Show the search bar and put the cursor in it.
    Find,
    /// Select the next pair that contains the searched text.
    FindNext,
    /// Select the previous pair that contains the searched text.
    FindPrevious,
    /// Hide the search bar (and show every row again).
    CloseSearch,
    /// Search both columns for this text.
    Search(String),
    /// Store what is being edited and close the window (eframe then saves its size and
    /// layout).
    Quit,
    /// Show only the rows this filter accepts.
    SetFilter(RowFilter),
    /// Search only this column, or both.
    SetSearchScope(SearchScope),
}

impl Command {
    /// The commands without arguments, in menu order: these have shortcuts.
    pub const ALL: [Self; 35] = [
        Self::NewReview,
        Self::OpenProject,
        Self::Export,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::StartEdit,
        Self::CommitEdit,
        Self::CancelEdit,
        Self::Approve,
        Self::Reject,
        Self::NextPair,
        Self::PreviousPair,
        Self::NextToReview,
        Self::ToggleDiff,
        Self::AddNote,
        Self::MergeWithNext,
        Self::SplitPair,
        Self::MoveParagraphDown(Side::Source),
        Self::MoveParagraphUp(Side::Source),
        Self::MoveParagraphDown(Side::Target),
        Self::MoveParagraphUp(Side::Target),
        Self::MarkOmission,
        Self::MarkAddition,
        Self::ConfirmAlignment,
        Self::NextDoubtful,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::CommandPalette,
        Self::ToggleTheme,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::ToggleAlignmentMap,
    ];

    /// The text on buttons and menu items.
    pub fn label(&self) -> String {
        match self {
            Self::NewReview => "New review…".into(),
            Self::OpenProject => "Open…".into(),
            Self::Export => "Export…".into(),
            Self::Undo => "Undo".into(),
            Self::Redo => "Redo".into(),
            Self::StartEdit => "Edit".into(),
            Self::CommitEdit => "Done".into(),
            Self::CancelEdit => "Cancel edit".into(),
            Self::Approve => "Approve".into(),
            Self::Reject => "Reject".into(),
            Self::NextPair => "Next pair".into(),
            Self::PreviousPair => "Previous pair".into(),
            Self::NextToReview => "Next to review".into(),
            Self::ToggleDiff => "Show changes".into(),
            Self::AddNote => "Add note…".into(),
            Self::OpenRecent(path) => path.display().to_string(),
            Self::CreateReview { .. } => "Create review".into(),
            Self::CancelImport => "Cancel import".into(),
            Self::CancelExport => "Cancel export".into(),
            Self::Select(idx) => format!("Pair {}", idx + 1),
            Self::GoToPair(pair) => format!("Go to pair {pair}"),
            Self::SetDiffBase(base) => diff_base_label(*base).into(),
            Self::RevertTo(_) => "Revert to this".into(),
            Self::SaveNote => "Save note".into(),
            Self::CancelNote => "Cancel".into(),
            Self::StartReply(_) => "Reply".into(),
            Self::SendReply => "Send reply".into(),
            Self::CancelReply => "Cancel reply".into(),
            Self::SetNoteStatus(_, NoteStatus::Resolved) => "Resolve".into(),
            Self::SetNoteStatus(_, NoteStatus::Open) => "Reopen".into(),
            Self::ExportWrite {
                allow_unapproved: false,
            } => "Export file…".into(),
            Self::ExportWrite {
                allow_unapproved: true,
            } => "Export anyway…".into(),
            Self::CloseDialog => "Close".into(),
            Self::DismissMessage(_) => "Dismiss".into(),
            Self::MergeWithNext => "Merge with next".into(),
            Self::SplitPair => "Split pair…".into(),
            Self::SplitPairAt { .. } => "Split".into(),
            Self::MoveParagraphDown(side) => {
                format!("Move last {} paragraph down", language(*side))
            }
            Self::MoveParagraphUp(side) => format!("Move first {} paragraph up", language(*side)),
            Self::MarkOmission => "Mark last Spanish paragraph as omission".into(),
            Self::MarkAddition => "Mark last English paragraph as addition".into(),
            Self::ConfirmAlignment => "Confirm alignment".into(),
            Self::NextDoubtful => "Next doubtful pair".into(),
            Self::CommandPalette => "Command palette…".into(),
            Self::ToggleTheme => "Switch light/dark theme".into(),
            Self::ZoomIn => "Zoom in".into(),
            Self::ZoomOut => "Zoom out".into(),
            Self::ZoomReset => "Actual size".into(),
            Self::ToggleAlignmentMap => "Alignment map".into(),
            Self::Find => "Find".into(),
            Self::FindNext => "Next match".into(),
            Self::FindPrevious => "Previous match".into(),
            Self::CloseSearch => "Close search".into(),
            Self::Search(_) => "Search".into(),
            Self::SetFilter(filter) => filter.label().into(),
            Self::SetSearchScope(scope) => scope.label().into(),
            Self::Quit => "Quit".into(),
        }
    }

    /// What the command does, for tooltips.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::NewReview => "Pick a Spanish original and its English translation",
            Self::CancelImport => "Stop importing; no project file is left behind",
            Self::CancelExport => "Stop exporting; the file keeps what it had",
            Self::OpenProject => "Open a .cotejo review project",
            Self::Quit => "Close the window; everything is already saved",
            Self::Export => "Write the approved translation as TXT or Markdown",
            Self::Undo => "Take back the last change (also from an earlier session)",
            Self::Redo => "Apply again the last change taken back",
            Self::StartEdit => "Edit the English of the selected pair (Enter stores it)",
            Self::CommitEdit => "Store the edited English as a new revision",
            Self::CancelEdit => "Leave the editor without storing",
            Self::Approve => "Approve this pair and go to the next",
            Self::Reject => "Send this pair back to the translator",
            Self::NextPair => "Select the next pair",
            Self::PreviousPair => "Select the previous pair",
            Self::NextToReview => {
                "Go to the next pair that is not approved, has an open note or a low confidence"
            }
            Self::ToggleDiff => "Mark words changed since the chosen earlier text",
            Self::AddNote => "Add a note on the selected text, or on the whole pair",
            Self::MergeWithNext => "Join this pair and the next into one pair",
            Self::SplitPair => "Cut this pair in two, choosing the paragraphs of each part",
            Self::MoveParagraphDown(_) => {
                "Give this pair's last paragraph in this column to the next pair"
            }
            Self::MoveParagraphUp(_) => {
                "Give this pair's first paragraph in this column to the previous pair"
            }
            Self::MarkOmission => {
                "The last Spanish paragraph was not translated: give it a pair with no English"
            }
            Self::MarkAddition => {
                "The last English paragraph has no original: give it a pair with no Spanish"
            }
            Self::ConfirmAlignment => "Mark that these paragraphs do belong together",
            Self::NextDoubtful => {
                "Go to the next pair with a low confidence or not 1:1, and not confirmed"
            }
            Self::CommandPalette => "Find and run any command by typing part of its name",
            Self::ToggleTheme => "Switch between the dark and the light theme (remembered)",
            Self::ZoomIn => "Make text and controls larger (remembered)",
            Self::ZoomOut => "Make text and controls smaller (remembered)",
            Self::ZoomReset => "Back to the normal size",
            Self::ToggleAlignmentMap => {
                "Plot Spanish against English paragraphs, doubtful beads marked; click to go there (remembered)"
            }
            Self::Find => "Search both columns, ignoring accents and case, and filter the rows",
            Self::FindNext => "Select the next pair that contains the searched text",
            Self::FindPrevious => "Select the previous pair that contains the searched text",
            _ => "",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let (modifiers, key) = match self {
            Self::NewReview => (ctrl, Key::N),
            Self::OpenProject => (ctrl, Key::O),
            Self::Export => (ctrl, Key::E),
            Self::Quit => (ctrl, Key::Q),
            Self::Undo => (ctrl, Key::Z),
            Self::Redo => (ctrl_shift, Key::Z),
            Self::StartEdit => (Modifiers::NONE, Key::Enter),
            Self::CancelEdit => (Modifiers::NONE, Key::Escape),
            Self::Approve => (ctrl, Key::Enter),
            Self::Reject => (ctrl_shift, Key::Enter),
            Self::NextPair => (Modifiers::ALT, Key::ArrowDown),
            Self::PreviousPair => (Modifiers::ALT, Key::ArrowUp),
            Self::NextToReview => (Modifiers::NONE, Key::F8),
            Self::ToggleDiff => (ctrl, Key::D),
            Self::AddNote => (ctrl, Key::M),
            Self::MergeWithNext => (ctrl, Key::J),
            Self::SplitPair => (ctrl_shift, Key::J),
            Self::MoveParagraphDown(Side::Source) => {
                (Modifiers::ALT | Modifiers::SHIFT, Key::ArrowDown)
            }
            Self::MoveParagraphUp(Side::Source) => {
                (Modifiers::ALT | Modifiers::SHIFT, Key::ArrowUp)
            }
            Self::MoveParagraphDown(Side::Target) => (ctrl | Modifiers::ALT, Key::ArrowDown),
            Self::MoveParagraphUp(Side::Target) => (ctrl | Modifiers::ALT, Key::ArrowUp),
            Self::MarkOmission => (ctrl | Modifiers::ALT, Key::O),
            Self::MarkAddition => (ctrl | Modifiers::ALT, Key::A),
            Self::ConfirmAlignment => (ctrl, Key::K),
            Self::NextDoubtful => (Modifiers::SHIFT, Key::F8),
            Self::Find => (ctrl, Key::F),
            Self::FindNext => (Modifiers::NONE, Key::F3),
            Self::FindPrevious => (Modifiers::SHIFT, Key::F3),
            Self::CommandPalette => (ctrl_shift, Key::P),
            Self::ToggleTheme => (ctrl_shift, Key::L),
            Self::ZoomIn => (ctrl, Key::Equals),
            Self::ZoomOut => (ctrl, Key::Minus),
            Self::ZoomReset => (ctrl, Key::Num0),
            Self::ToggleAlignmentMap => (ctrl_shift, Key::M),
            _ => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// Whether the command can run now (disabled buttons and ignored shortcuts otherwise).
    pub fn is_enabled(&self, state: &AppState) -> bool {
        let has_project = state.project_path.is_some();
        let has_pair = state.selected_pair().is_some();
        match self {
            Self::NewReview | Self::OpenProject | Self::OpenRecent(_) | Self::Quit => true,
            Self::CancelImport => state.import.as_ref().is_some_and(|i| !i.cancelling),
            Self::CancelExport => state.export.as_ref().is_some_and(|e| !e.cancelling),
            Self::CreateReview { .. } | Self::CloseDialog | Self::DismissMessage(_) => true,
            // One export at a time.
            Self::Export | Self::ExportWrite { .. } => has_project && state.export.is_none(),
            Self::Undo => state.can_undo,
            Self::Redo => state.can_redo,
            Self::StartEdit => has_pair && state.editing.is_none(),
            Self::CommitEdit | Self::CancelEdit => state.editing.is_some(),
            Self::Approve | Self::Reject | Self::AddNote => has_pair,
            Self::NextPair => has_pair && state.next_row().is_some(),
            Self::PreviousPair => has_pair && state.previous_row().is_some(),
            Self::NextToReview => has_pair,
            Self::ToggleDiff | Self::SetDiffBase(_) => has_project,
            Self::Select(idx) => *idx < state.pairs.len(),
            Self::GoToPair(_) | Self::RevertTo(_) => has_project,
            Self::SaveNote | Self::CancelNote => state.note_form,
            Self::StartReply(_) | Self::SetNoteStatus(..) => has_project,
            Self::SendReply | Self::CancelReply => state.reply_to.is_some(),
            Self::MergeWithNext => has_pair && state.selected + 1 < state.pairs.len(),
            Self::SplitPair => state
                .selected_pair()
                .is_some_and(|p| p.source_paragraphs.len() > 1 || p.target_paragraphs.len() > 1),
            Self::MoveParagraphDown(side) => {
                state.selected + 1 < state.pairs.len() && can_give(state, *side)
            }
            Self::MoveParagraphUp(side) => state.selected > 0 && can_give(state, *side),
            Self::MarkOmission => can_give(state, Side::Source),
            Self::MarkAddition => can_give(state, Side::Target),
            Self::ConfirmAlignment => state.selected_pair().is_some_and(|p| !p.confirmed),
            Self::NextDoubtful => has_pair,
            Self::SplitPairAt { .. }
            | Self::Find
            | Self::Search(_)
            | Self::SetFilter(_)
            | Self::SetSearchScope(_) => has_project,
            Self::CommandPalette
            | Self::ToggleTheme
            | Self::ZoomReset
            | Self::ToggleAlignmentMap => true,
            Self::ZoomIn => state.preferences.zoom < Preferences::ZOOM_RANGE.1,
            Self::ZoomOut => state.preferences.zoom > Preferences::ZOOM_RANGE.0,
            Self::FindNext | Self::FindPrevious => !state.search_matches.is_empty(),
            Self::CloseSearch => state.search_open,
        }
    }

    /// The label followed by the shortcut, for tooltips: "Approve (Ctrl+Enter)".
    pub fn label_with_shortcut(&self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(shortcut) => format!("{} ({})", self.label(), ctx.format_shortcut(&shortcut)),
            None => self.label(),
        }
    }
}

/// Whether the selected pair has a paragraph on `side` and would keep one after giving it away.
fn can_give(state: &AppState, side: Side) -> bool {
    state.selected_pair().is_some_and(|p| {
        let n_side = match side {
            Side::Source => p.source_paragraphs.len(),
            Side::Target => p.target_paragraphs.len(),
        };
        n_side > 0 && p.source_paragraphs.len() + p.target_paragraphs.len() > 1
    })
}

/// The language of a column, as the window names it.
fn language(side: Side) -> &'static str {
    match side {
        Side::Source => "Spanish",
        Side::Target => "English",
    }
}

/// The name of an earlier text the diff compares with.
pub fn diff_base_label(base: BaseRevision) -> &'static str {
    match base {
        BaseRevision::Imported => "Imported translation",
        BaseRevision::Previous => "Previous revision",
        BaseRevision::LastApproved => "Last approved",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, &Command)> = Vec::new();
        for command in &Command::ALL {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            for os in [
                egui::os::OperatingSystem::Mac,
                egui::os::OperatingSystem::Nix,
            ] {
                let text = shortcut.format(
                    &egui::ModifierNames::NAMES,
                    os == egui::os::OperatingSystem::Mac,
                );
                for (other, other_command) in &seen {
                    let other_text = other.format(
                        &egui::ModifierNames::NAMES,
                        os == egui::os::OperatingSystem::Mac,
                    );
                    assert_ne!(text, other_text, "{command:?} and {other_command:?} clash");
                }
            }
            seen.push((shortcut, command));
        }
    }

    #[test]
    fn labels_of_dialog_commands_end_with_an_ellipsis() {
        for command in [
            Command::NewReview,
            Command::OpenProject,
            Command::Export,
            Command::AddNote,
            Command::SplitPair,
            Command::CommandPalette,
        ] {
            assert!(command.label().ends_with('…'), "{command:?}");
        }
    }
}
