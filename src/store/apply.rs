//! Applying a `core::Edit` inside an open transaction, returning its inverse.
//!
//! Revisions, state changes and notes are only ever added (notes are hidden, not deleted), so an
//! inverse can always bring back exactly what was there, with the same ids.

use std::path::Path;

use rusqlite::{OptionalExtension as _, Transaction, params};

use crate::core::document::Side;
use crate::core::edit::Edit;
use crate::core::export::PARAGRAPH_SEPARATOR;
use crate::core::review::{
    NewNote, NoteId, NoteScope, NoteStatus, PairId, PairState, RevisionId, RevisionKind, Span,
    Timestamp,
};
use crate::error::{Error, Result};
use crate::store::{DbResultExt as _, side_str};

/// Applies `edit` in `tx`; returns the edit that takes it back.
pub(crate) fn apply(
    tx: &Transaction<'_>,
    path: &Path,
    edit: &Edit,
    author: &str,
    now: Timestamp,
) -> Result<Edit> {
    let cx = Cx {
        tx,
        path,
        author,
        now,
    };
    cx.apply(edit)
}

struct Cx<'a> {
    tx: &'a Transaction<'a>,
    path: &'a Path,
    author: &'a str,
    now: Timestamp,
}

impl Cx<'_> {
    fn not_found(&self, what: String) -> Error {
        Error::NotFound {
            what,
            path: self.path.to_path_buf(),
        }
    }

    fn invalid(&self, reason: String) -> Error {
        Error::InvalidEdit {
            reason,
            path: self.path.to_path_buf(),
        }
    }

    fn apply(&self, edit: &Edit) -> Result<Edit> {
        match edit {
            Edit::SetTranslation { pair, text } => {
                let (current, current_text) = self.current_revision(*pair)?;
                if *text == current_text {
                    return Ok(Edit::noop());
                }
                self.new_revision(*pair, current, RevisionKind::Edit, text)
            }
            Edit::RestoreRevision { pair, revision } => {
                let (current, current_text) = self.current_revision(*pair)?;
                let text: Option<String> = self
                    .tx
                    .query_row(
                        "SELECT text FROM revision WHERE id = ?1 AND pair = ?2",
                        [revision.0, pair.0],
                        |r| r.get(0),
                    )
                    .optional()
                    .at(self.path)?;
                let Some(text) = text else {
                    return Err(self.not_found(format!("revision {revision} of pair {pair}")));
                };
                if text == current_text {
                    return Ok(Edit::noop());
                }
                self.new_revision(*pair, current, RevisionKind::Revert, &text)
            }
            Edit::SetState { pair, state } => {
                let (current, _) = self.current_revision(*pair)?;
                let old = self.current_state(*pair)?;
                if old == *state {
                    return Ok(Edit::noop());
                }
                self.log_state(*pair, old, *state, current)?;
                Ok(Edit::SetState {
                    pair: *pair,
                    state: old,
                })
            }
            Edit::AddNote { note } => self.add_note(note),
            Edit::RemoveNote { note } => self.set_removed(*note, true),
            Edit::RestoreNote { note } => self.set_removed(*note, false),
            Edit::SetNoteStatus { note, status } => {
                let old: String = self.note_field(*note, "status")?;
                let old: NoteStatus = old.parse().map_err(|e| self.invalid(e))?;
                if old == *status {
                    return Ok(Edit::noop());
                }
                self.tx
                    .execute(
                        "UPDATE note SET status = ?1, updated = ?2 WHERE id = ?3",
                        params![status.as_str(), self.now.0, note.0],
                    )
                    .at(self.path)?;
                Ok(Edit::SetNoteStatus {
                    note: *note,
                    status: old,
                })
            }
            Edit::SetNoteBody { note, body } => {
                let old: String = self.note_field(*note, "body")?;
                if old == *body {
                    return Ok(Edit::noop());
                }
                self.tx
                    .execute(
                        "UPDATE note SET body = ?1, updated = ?2 WHERE id = ?3",
                        params![body, self.now.0, note.0],
                    )
                    .at(self.path)?;
                Ok(Edit::SetNoteBody {
                    note: *note,
                    body: old,
                })
            }
            Edit::SetAlignmentConfirmed { pair, confirmed } => {
                let old: Option<bool> = self
                    .tx
                    .query_row("SELECT confirmed FROM pair WHERE id = ?1", [pair.0], |r| {
                        r.get(0)
                    })
                    .optional()
                    .at(self.path)?;
                let Some(old) = old else {
                    return Err(self.not_found(format!("pair {pair}")));
                };
                if old == *confirmed {
                    return Ok(Edit::noop());
                }
                self.tx
                    .execute(
                        "UPDATE pair SET confirmed = ?1 WHERE id = ?2",
                        params![confirmed, pair.0],
                    )
                    .at(self.path)?;
                Ok(Edit::SetAlignmentConfirmed {
                    pair: *pair,
                    confirmed: old,
                })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    let inverse = self.apply(edit)?;
                    if !inverse.is_noop() {
                        inverses.push(inverse);
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// The current revision of `pair` and its text.
    fn current_revision(&self, pair: PairId) -> Result<(RevisionId, String)> {
        let row: Option<(i64, String)> = self
            .tx
            .query_row(
                "SELECT id, text FROM revision WHERE pair = ?1 ORDER BY id DESC LIMIT 1",
                [pair.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .at(self.path)?;
        let Some((id, text)) = row else {
            return Err(self.not_found(format!("pair {pair}")));
        };
        Ok((RevisionId(id), text))
    }

    fn current_state(&self, pair: PairId) -> Result<PairState> {
        let state: Option<String> = self
            .tx
            .query_row(
                "SELECT new FROM state_log WHERE pair = ?1 ORDER BY id DESC LIMIT 1",
                [pair.0],
                |r| r.get(0),
            )
            .optional()
            .at(self.path)?;
        match state {
            None => Ok(PairState::Draft),
            Some(s) => s.parse().map_err(|e| self.invalid(e)),
        }
    }

    fn log_state(
        &self,
        pair: PairId,
        old: PairState,
        new: PairState,
        revision: RevisionId,
    ) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO state_log (pair, old, new, revision, author, created) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    pair.0,
                    old.as_str(),
                    new.as_str(),
                    revision.0,
                    self.author,
                    self.now.0
                ],
            )
            .at(self.path)?;
        Ok(())
    }

    /// Appends a revision; an approved pair is demoted to translated, bound to the new revision.
    fn new_revision(
        &self,
        pair: PairId,
        parent: RevisionId,
        kind: RevisionKind,
        text: &str,
    ) -> Result<Edit> {
        self.tx
            .execute(
                "INSERT INTO revision (pair, parent, kind, text, author, created) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    pair.0,
                    parent.0,
                    kind.as_str(),
                    text,
                    self.author,
                    self.now.0
                ],
            )
            .at(self.path)?;
        let revision = RevisionId(self.tx.last_insert_rowid());
        let restore = Edit::RestoreRevision {
            pair,
            revision: parent,
        };
        let state = self.current_state(pair)?;
        if state != PairState::Approved {
            return Ok(restore);
        }
        self.log_state(pair, state, PairState::Translated, revision)?;
        Ok(Edit::Batch(vec![
            restore,
            Edit::SetState {
                pair,
                state: PairState::Approved,
            },
        ]))
    }

    fn note_field(&self, note: NoteId, column: &str) -> Result<String> {
        let sql = format!("SELECT {column} FROM note WHERE id = ?1 AND removed = 0");
        self.tx
            .query_row(&sql, [note.0], |r| r.get(0))
            .optional()
            .at(self.path)?
            .ok_or_else(|| self.not_found(format!("note {note}")))
    }

    fn set_removed(&self, note: NoteId, removed: bool) -> Result<Edit> {
        let old: Option<bool> = self
            .tx
            .query_row("SELECT removed FROM note WHERE id = ?1", [note.0], |r| {
                r.get(0)
            })
            .optional()
            .at(self.path)?;
        let Some(old) = old else {
            return Err(self.not_found(format!("note {note}")));
        };
        if old == removed {
            return Ok(Edit::noop());
        }
        self.tx
            .execute(
                "UPDATE note SET removed = ?1, updated = ?2 WHERE id = ?3",
                params![removed, self.now.0, note.0],
            )
            .at(self.path)?;
        Ok(if removed {
            Edit::RestoreNote { note }
        } else {
            Edit::RemoveNote { note }
        })
    }

    /// The text a note's span counts in: the pair's side, or the whole document of that side.
    fn anchor_text(&self, scope: NoteScope, side: Side) -> Result<String> {
        match (scope, side) {
            (NoteScope::Pair(pair), Side::Target) => Ok(self.current_revision(pair)?.1),
            (NoteScope::Pair(pair), Side::Source) => {
                let range: Option<(i64, i64)> = self
                    .tx
                    .query_row(
                        "SELECT source_start, source_end FROM pair WHERE id = ?1",
                        [pair.0],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()
                    .at(self.path)?;
                let Some((start, end)) = range else {
                    return Err(self.not_found(format!("pair {pair}")));
                };
                self.document_text(side, Some((start, end)))
            }
            (NoteScope::Document, side) => self.document_text(side, None),
        }
    }

    fn document_text(&self, side: Side, range: Option<(i64, i64)>) -> Result<String> {
        let (start, end) = range.unwrap_or((0, i64::MAX));
        let mut stmt = self
            .tx
            .prepare_cached(
                "SELECT text FROM paragraph \
                 WHERE document = (SELECT max(id) FROM document WHERE side = ?1) \
                 AND idx >= ?2 AND idx < ?3 ORDER BY idx",
            )
            .at(self.path)?;
        let texts = stmt
            .query_map(params![side_str(side), start, end], |r| {
                r.get::<_, String>(0)
            })
            .at(self.path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .at(self.path)?;
        Ok(texts.join(PARAGRAPH_SEPARATOR))
    }

    fn add_note(&self, note: &NewNote) -> Result<Edit> {
        let pair = match note.scope {
            NoteScope::Pair(pair) => {
                self.current_revision(pair)?;
                Some(pair)
            }
            NoteScope::Document => None,
        };
        if let Some(parent) = note.parent {
            let parent_pair: Option<Option<i64>> = self
                .tx
                .query_row(
                    "SELECT pair FROM note WHERE id = ?1 AND removed = 0",
                    [parent.0],
                    |r| r.get(0),
                )
                .optional()
                .at(self.path)?;
            let Some(parent_pair) = parent_pair else {
                return Err(self.not_found(format!("note {parent}")));
            };
            if parent_pair != pair.map(|p| p.0) {
                return Err(
                    self.invalid(format!("a reply must be on the same pair as note {parent}"))
                );
            }
        }
        let span = match note.span {
            Some((start, end)) => {
                let text = self.anchor_text(note.scope, note.side)?;
                Some(Span::anchor(&text, start, end).map_err(|e| self.invalid(e))?)
            }
            None => None,
        };
        let revision = match (pair, note.side) {
            (Some(pair), Side::Target) => Some(self.current_revision(pair)?.0.0),
            _ => None,
        };
        self.tx
            .execute(
                "INSERT INTO note (pair, side, span_start, span_end, span_quote, span_before, \
                 span_after, revision, author, created, updated, category, severity, status, \
                 parent, body) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12, 'open', ?13, ?14)",
                params![
                    pair.map(|p| p.0),
                    side_str(note.side),
                    span.as_ref()
                        .map(|s| i64::try_from(s.start).unwrap_or(i64::MAX)),
                    span.as_ref()
                        .map(|s| i64::try_from(s.end).unwrap_or(i64::MAX)),
                    span.as_ref().map(|s| s.quote.as_str()),
                    span.as_ref().map(|s| s.before.as_str()),
                    span.as_ref().map(|s| s.after.as_str()),
                    revision,
                    self.author,
                    self.now.0,
                    note.category.as_str(),
                    note.severity.as_str(),
                    note.parent.map(|p| p.0),
                    note.body,
                ],
            )
            .at(self.path)?;
        Ok(Edit::RemoveNote {
            note: NoteId(self.tx.last_insert_rowid()),
        })
    }
}
