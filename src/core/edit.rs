//! Edits: every change a user makes to a project, as a value.
//!
//! Applying an edit (in the store) returns its inverse, another `Edit`, so undo and redo are
//! ordinary edits. Edits serialise to JSON for the persistent undo log; variants are only ever
//! added, never renamed, so old logs stay readable.

use serde::{Deserialize, Serialize};

use crate::core::document::Side;
use crate::core::review::{NewNote, NoteId, NoteStatus, PairId, PairState, RevisionId};

/// One user action on a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Replace a pair's target text (a new revision of kind `edit`).
    ///
    /// Editing an approved pair demotes it to translated: approval is bound to a revision.
    SetTranslation {
        /// The pair.
        pair: PairId,
        /// The new English text; paragraphs inside the pair are separated by a blank line.
        text: String,
    },
    /// Make an earlier revision's text current again (a new revision of kind `revert`).
    RestoreRevision {
        /// The pair.
        pair: PairId,
        /// The revision whose text comes back.
        revision: RevisionId,
    },
    /// Move a pair to another review state (logged with the current revision).
    SetState {
        /// The pair.
        pair: PairId,
        /// The new state.
        state: PairState,
    },
    /// Add a note.
    AddNote {
        /// What the user wrote.
        note: NewNote,
    },
    /// Hide a note (kept in the file, so undo can bring it back with the same id).
    RemoveNote {
        /// The note.
        note: NoteId,
    },
    /// Bring back a removed note.
    RestoreNote {
        /// The note.
        note: NoteId,
    },
    /// Open or resolve a note.
    SetNoteStatus {
        /// The note.
        note: NoteId,
        /// The new status.
        status: NoteStatus,
    },
    /// Replace a note's body.
    SetNoteBody {
        /// The note.
        note: NoteId,
        /// The new text.
        body: String,
    },
    /// Mark a pair's alignment as checked by a user, or not.
    SetAlignmentConfirmed {
        /// The pair.
        pair: PairId,
        /// Whether a user confirmed the alignment.
        confirmed: bool,
    },
    /// Join a pair with the next one into a new pair (a draft; notes move to it).
    ///
    /// The two old pairs are retired, not deleted; the inverse is a [`Edit::RestorePairs`].
    MergeWithNext {
        /// The first of the two pairs.
        pair: PairId,
    },
    /// Cut a pair in two at a source and a target paragraph index (both new pairs are drafts).
    ///
    /// Indices count paragraphs of the whole document, like the pair's paragraph ranges: the
    /// first part gets `source_start..source_at` and `target_start..target_at`. Notes go to the
    /// part where their quoted text is (replies follow their note).
    SplitPair {
        /// The pair to cut.
        pair: PairId,
        /// First source paragraph of the second part.
        source_at: usize,
        /// First target paragraph of the second part.
        target_at: usize,
    },
    /// Retire some pairs and bring back others, moving notes between them: the inverse of
    /// merging and splitting.
    RestorePairs {
        /// Pairs to retire.
        retire: Vec<PairId>,
        /// Retired pairs to bring back.
        restore: Vec<PairId>,
        /// Notes to move, with the pair each one goes to.
        notes: Vec<(NoteId, PairId)>,
    },
    /// Move a pair's last paragraph on one side to the start of the next pair.
    ///
    /// Both pairs are retired and replaced by two new drafts (notes follow their text); the
    /// inverse brings the old pairs back.
    MoveLastParagraphDown {
        /// The pair that gives the paragraph.
        pair: PairId,
        /// Which column the paragraph is in.
        side: Side,
    },
    /// Move a pair's first paragraph on one side to the end of the previous pair.
    ///
    /// Like [`Edit::MoveLastParagraphDown`], seen from the pair below.
    MoveFirstParagraphUp {
        /// The pair that gives the paragraph.
        pair: PairId,
        /// Which column the paragraph is in.
        side: Side,
    },
    /// Several edits applied together as one undo step, in order.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The edit that changes nothing: the inverse of an edit that found nothing to change.
    pub fn noop() -> Self {
        Self::Batch(Vec::new())
    }

    /// Whether this edit changes nothing (undo does not record it).
    pub fn is_noop(&self) -> bool {
        match self {
            Self::Batch(edits) => edits.iter().all(Self::is_noop),
            _ => false,
        }
    }

    /// The pairs whose text, state or confirmation this edit changes, when it leaves the
    /// list of pairs as it is (notes count for no pair); `None` when it retires or creates
    /// pairs, so whoever shows the pairs must reload them all.
    pub fn touched_pairs(&self) -> Option<Vec<PairId>> {
        match self {
            Self::SetTranslation { pair, .. }
            | Self::RestoreRevision { pair, .. }
            | Self::SetState { pair, .. }
            | Self::SetAlignmentConfirmed { pair, .. } => Some(vec![*pair]),
            Self::AddNote { .. }
            | Self::RemoveNote { .. }
            | Self::RestoreNote { .. }
            | Self::SetNoteStatus { .. }
            | Self::SetNoteBody { .. } => Some(Vec::new()),
            Self::MergeWithNext { .. }
            | Self::SplitPair { .. }
            | Self::RestorePairs { .. }
            | Self::MoveLastParagraphDown { .. }
            | Self::MoveFirstParagraphUp { .. } => None,
            Self::Batch(edits) => {
                let mut pairs = Vec::new();
                for edit in edits {
                    pairs.extend(edit.touched_pairs()?);
                }
                pairs.sort_unstable();
                pairs.dedup();
                Some(pairs)
            }
        }
    }

    /// A short description for menus and logs ("Edit pair 3", "Undo" shows it).
    pub fn describe(&self) -> String {
        match self {
            Self::SetTranslation { pair, .. } => format!("edit pair {pair}"),
            Self::RestoreRevision { pair, revision } => {
                format!("restore revision {revision} of pair {pair}")
            }
            Self::SetState { pair, state } => format!("set pair {pair} to {state}"),
            Self::AddNote { .. } => "add note".to_owned(),
            Self::RemoveNote { note } => format!("remove note {note}"),
            Self::RestoreNote { note } => format!("restore note {note}"),
            Self::SetNoteStatus { note, status } => format!("mark note {note} {status}"),
            Self::SetNoteBody { note, .. } => format!("edit note {note}"),
            Self::SetAlignmentConfirmed { pair, confirmed } => {
                let verb = if *confirmed { "confirm" } else { "unconfirm" };
                format!("{verb} alignment of pair {pair}")
            }
            Self::MergeWithNext { pair } => format!("merge pair {pair} with the next"),
            Self::SplitPair { pair, .. } => format!("split pair {pair}"),
            Self::RestorePairs { restore, .. } => {
                let ids: Vec<String> = restore.iter().map(ToString::to_string).collect();
                format!("restore pairs {}", ids.join(", "))
            }
            Self::MoveLastParagraphDown { pair, side } => {
                format!(
                    "move the last {} paragraph of pair {pair} down",
                    side_name(*side)
                )
            }
            Self::MoveFirstParagraphUp { pair, side } => {
                format!(
                    "move the first {} paragraph of pair {pair} up",
                    side_name(*side)
                )
            }
            Self::Batch(edits) => format!("{} changes", edits.len()),
        }
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Source => "source",
        Side::Target => "target",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touched_pairs_name_the_pairs_changed_in_place_and_none_for_new_pairs() {
        let state = |id| Edit::SetState {
            pair: PairId(id),
            state: PairState::Approved,
        };
        assert_eq!(state(4).touched_pairs(), Some(vec![PairId(4)]));
        assert_eq!(
            Edit::SetNoteStatus {
                note: NoteId(1),
                status: NoteStatus::Resolved
            }
            .touched_pairs(),
            Some(vec![])
        );
        assert_eq!(
            Edit::Batch(vec![state(7), state(2), state(7)]).touched_pairs(),
            Some(vec![PairId(2), PairId(7)])
        );
        let merge = Edit::MergeWithNext { pair: PairId(2) };
        assert_eq!(merge.touched_pairs(), None);
        assert_eq!(Edit::Batch(vec![state(1), merge]).touched_pairs(), None);
    }

    #[test]
    fn edits_serialise_with_stable_names() {
        let edit = Edit::Batch(vec![
            Edit::SetState {
                pair: PairId(3),
                state: PairState::Approved,
            },
            Edit::SetTranslation {
                pair: PairId(4),
                text: "Hi".into(),
            },
        ]);
        let json = serde_json::to_string(&edit).unwrap();
        assert_eq!(
            json,
            r#"{"batch":[{"set_state":{"pair":3,"state":"approved"}},{"set_translation":{"pair":4,"text":"Hi"}}]}"#
        );
        assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), edit);
    }
}
