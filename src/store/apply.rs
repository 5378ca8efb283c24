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
use crate::store::{DbResultExt as _, side_str, to_i64, to_usize};

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

const PAIR_COLUMNS: &str =
    "id, ord, source_start, source_end, target_start, target_end, confidence";

/// A pair's alignment columns.
#[derive(Clone, Copy)]
struct PairRow {
    id: PairId,
    ord: i64,
    source: (i64, i64),
    target: (i64, i64),
    confidence: f64,
}

impl PairRow {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: PairId(r.get(0)?),
            ord: r.get(1)?,
            source: (r.get(2)?, r.get(3)?),
            target: (r.get(4)?, r.get(5)?),
            confidence: r.get(6)?,
        })
    }
}

/// What a split needs to know to send a note to the right part.
struct NoteAnchor {
    id: NoteId,
    side: Side,
    parent: Option<NoteId>,
    span: Option<Span>,
}

/// Cuts a pair's target text before paragraph `at` of its `n_imported` imported paragraphs.
///
/// An edit may have changed the number of paragraphs; then the cut is at paragraph `at` of the
/// edited text, or at its end.
fn split_paragraphs(text: &str, at: usize, n_imported: usize) -> (String, String) {
    if text.is_empty() {
        return (String::new(), String::new());
    }
    let paragraphs: Vec<&str> = text.split(PARAGRAPH_SEPARATOR).collect();
    let at = if at >= n_imported {
        paragraphs.len()
    } else {
        at.min(paragraphs.len())
    };
    (
        paragraphs[..at].join(PARAGRAPH_SEPARATOR),
        paragraphs[at..].join(PARAGRAPH_SEPARATOR),
    )
}

/// The notes a merge took from its second pair (read from the merge's inverse).
fn notes_of_second(merge_back: &Edit) -> Vec<NoteId> {
    match merge_back {
        Edit::RestorePairs { restore, notes, .. } => {
            let Some(second) = restore.get(1) else {
                return Vec::new();
            };
            notes
                .iter()
                .filter(|(_, pair)| pair == second)
                .map(|(note, _)| *note)
                .collect()
        }
        _ => Vec::new(),
    }
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
                    .query_row(
                        "SELECT confirmed FROM pair WHERE id = ?1 AND retired = 0",
                        [pair.0],
                        |r| r.get(0),
                    )
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
            Edit::MergeWithNext { pair } => self.merge_with_next(*pair),
            Edit::SplitPair {
                pair,
                source_at,
                target_at,
            } => self.split(*pair, *source_at, *target_at),
            Edit::RestorePairs {
                retire,
                restore,
                notes,
            } => self.restore_pairs(retire, restore, notes),
            Edit::MoveLastParagraphDown { pair, side } => self.move_last_down(*pair, *side),
            Edit::MoveFirstParagraphUp { pair, side } => self.move_first_up(*pair, *side),
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
                "SELECT r.id, r.text FROM revision r JOIN pair p ON p.id = r.pair \
                 WHERE r.pair = ?1 AND p.retired = 0 ORDER BY r.id DESC LIMIT 1",
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
                        "SELECT source_start, source_end FROM pair WHERE id = ?1 AND retired = 0",
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

    fn active_pair(&self, pair: PairId) -> Result<PairRow> {
        self.tx
            .query_row(
                &format!("SELECT {PAIR_COLUMNS} FROM pair WHERE id = ?1 AND retired = 0"),
                [pair.0],
                PairRow::from_row,
            )
            .optional()
            .at(self.path)?
            .ok_or_else(|| self.not_found(format!("pair {pair}")))
    }

    /// Adds an active pair with one revision (kind `edit`, parent = the revision it came from).
    fn insert_pair(&self, row: &PairRow, text: &str, parent: RevisionId) -> Result<PairId> {
        self.tx
            .execute(
                "INSERT INTO pair (ord, source_start, source_end, target_start, target_end, \
                 confidence, confirmed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
                params![
                    row.ord,
                    row.source.0,
                    row.source.1,
                    row.target.0,
                    row.target.1,
                    row.confidence
                ],
            )
            .at(self.path)?;
        let pair = PairId(self.tx.last_insert_rowid());
        self.tx
            .execute(
                "INSERT INTO revision (pair, parent, kind, text, author, created) \
                 VALUES (?1, ?2, 'edit', ?3, ?4, ?5)",
                params![pair.0, parent.0, text, self.author, self.now.0],
            )
            .at(self.path)?;
        Ok(pair)
    }

    fn set_retired(&self, pair: PairId, retired: bool) -> Result<()> {
        let changed = self
            .tx
            .execute(
                "UPDATE pair SET retired = ?1 WHERE id = ?2 AND retired = ?3",
                params![retired, pair.0, !retired],
            )
            .at(self.path)?;
        if changed == 1 {
            Ok(())
        } else if retired {
            Err(self.not_found(format!("pair {pair}")))
        } else {
            Err(self.invalid(format!("pair {pair} is not retired")))
        }
    }

    /// Moves notes; returns the moves that take it back.
    fn move_notes(&self, moves: &[(NoteId, PairId)]) -> Result<Vec<(NoteId, PairId)>> {
        let mut back = Vec::with_capacity(moves.len());
        for (note, pair) in moves {
            let old: Option<Option<i64>> = self
                .tx
                .query_row("SELECT pair FROM note WHERE id = ?1", [note.0], |r| {
                    r.get(0)
                })
                .optional()
                .at(self.path)?;
            let Some(Some(old)) = old else {
                return Err(self.not_found(format!("note {note} on a pair")));
            };
            self.tx
                .execute(
                    "UPDATE note SET pair = ?1 WHERE id = ?2",
                    params![pair.0, note.0],
                )
                .at(self.path)?;
            back.push((*note, PairId(old)));
        }
        back.reverse();
        Ok(back)
    }

    fn merge_with_next(&self, pair: PairId) -> Result<Edit> {
        Ok(self.merge_with_next_into(pair)?.1)
    }

    /// The active pair just before `row` in document order, if any.
    fn previous_pair(&self, row: &PairRow) -> Result<Option<PairRow>> {
        self.tx
            .query_row(
                &format!(
                    "SELECT {PAIR_COLUMNS} FROM pair WHERE retired = 0 \
                     AND (source_start, target_start) < (?1, ?2) \
                     ORDER BY source_start DESC, target_start DESC, id DESC LIMIT 1"
                ),
                [row.source.0, row.target.0],
                PairRow::from_row,
            )
            .optional()
            .at(self.path)
    }

    /// Moves the last `side` paragraph of `pair` into the next pair: a merge, then a split one
    /// paragraph earlier on that side. The inverse takes back both.
    fn move_last_down(&self, pair: PairId, side: Side) -> Result<Edit> {
        let row = self.active_pair(pair)?;
        let (s_end, t_end) = (row.source.1, row.target.1);
        let (s_at, t_at) = match side {
            Side::Source => (s_end - 1, t_end),
            Side::Target => (s_end, t_end - 1),
        };
        if s_at < row.source.0 || t_at < row.target.0 {
            return Err(self.invalid(format!("pair {pair} has no {} paragraph", side_str(side))));
        }
        if s_at == row.source.0 && t_at == row.target.0 {
            return Err(self.invalid(format!(
                "pair {pair} has only one paragraph: merge it with the next instead"
            )));
        }
        self.merge_and_split(pair, s_at, t_at)
    }

    /// Moves the first `side` paragraph of `pair` into the previous pair.
    fn move_first_up(&self, pair: PairId, side: Side) -> Result<Edit> {
        let row = self.active_pair(pair)?;
        let (s_at, t_at) = match side {
            Side::Source => (row.source.0 + 1, row.target.0),
            Side::Target => (row.source.0, row.target.0 + 1),
        };
        if s_at > row.source.1 || t_at > row.target.1 {
            return Err(self.invalid(format!("pair {pair} has no {} paragraph", side_str(side))));
        }
        if s_at == row.source.1 && t_at == row.target.1 {
            return Err(self.invalid(format!(
                "pair {pair} has only one paragraph: merge it with the previous instead"
            )));
        }
        let Some(previous) = self.previous_pair(&row)? else {
            return Err(self.invalid(format!("pair {pair} is the first pair")));
        };
        self.merge_and_split(previous.id, s_at, t_at)
    }

    /// Merges `first` with the next pair and splits the result again before paragraphs `s_at`
    /// and `t_at`: a paragraph moved across the boundary. The inverse restores both pairs.
    fn merge_and_split(&self, first: PairId, s_at: i64, t_at: i64) -> Result<Edit> {
        let (merged, merge_back) = self.merge_with_next_into(first)?;
        let split_back = self.split_with(
            merged,
            to_usize(s_at),
            to_usize(t_at),
            &notes_of_second(&merge_back),
        )?;
        Ok(Edit::Batch(vec![split_back, merge_back]))
    }

    /// Merges `pair` with the next one; returns the new pair and the inverse.
    fn merge_with_next_into(&self, pair: PairId) -> Result<(PairId, Edit)> {
        let first = self.active_pair(pair)?;
        let next = self
            .tx
            .query_row(
                &format!(
                    "SELECT {PAIR_COLUMNS} FROM pair WHERE retired = 0 \
                     AND (source_start, target_start) > (?1, ?2) \
                     ORDER BY source_start, target_start, id LIMIT 1"
                ),
                [first.source.0, first.target.0],
                PairRow::from_row,
            )
            .optional()
            .at(self.path)?;
        let Some(next) = next else {
            return Err(self.invalid(format!("pair {pair} is the last pair")));
        };
        let (first_revision, first_text) = self.current_revision(first.id)?;
        let (_, next_text) = self.current_revision(next.id)?;
        let text: Vec<&str> = [first_text.as_str(), next_text.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        let merged_row = PairRow {
            id: first.id,
            ord: first.ord,
            source: (first.source.0, next.source.1),
            target: (first.target.0, next.target.1),
            confidence: first.confidence.min(next.confidence),
        };
        let merged =
            self.insert_pair(&merged_row, &text.join(PARAGRAPH_SEPARATOR), first_revision)?;
        let moves: Vec<(NoteId, PairId)> = self
            .notes_of(first.id)?
            .into_iter()
            .chain(self.notes_of(next.id)?)
            .map(|n| (n.id, merged))
            .collect();
        let back = self.move_notes(&moves)?;
        self.set_retired(first.id, true)?;
        self.set_retired(next.id, true)?;
        let inverse = Edit::RestorePairs {
            retire: vec![merged],
            restore: vec![first.id, next.id],
            notes: back,
        };
        Ok((merged, inverse))
    }

    fn split(&self, pair: PairId, source_at: usize, target_at: usize) -> Result<Edit> {
        self.split_with(pair, source_at, target_at, &[])
    }

    /// Splits a pair; the notes in `to_second` go to the second part unless only the first
    /// part has the text they quote (by default notes go to the first part).
    fn split_with(
        &self,
        pair: PairId,
        source_at: usize,
        target_at: usize,
        to_second: &[NoteId],
    ) -> Result<Edit> {
        let row = self.active_pair(pair)?;
        let (s_at, t_at) = (to_i64(source_at), to_i64(target_at));
        let fits = (row.source.0..=row.source.1).contains(&s_at)
            && (row.target.0..=row.target.1).contains(&t_at);
        let first_empty = s_at == row.source.0 && t_at == row.target.0;
        let second_empty = s_at == row.source.1 && t_at == row.target.1;
        if !fits || first_empty || second_empty {
            return Err(self.invalid(format!(
                "cannot split pair {pair} before source paragraph {source_at} and target \
                 paragraph {target_at}: each part needs a paragraph of the pair"
            )));
        }
        let (revision, text) = self.current_revision(pair)?;
        let (first_text, second_text) = split_paragraphs(
            &text,
            to_usize(t_at - row.target.0),
            to_usize(row.target.1 - row.target.0),
        );
        let first_row = PairRow {
            source: (row.source.0, s_at),
            target: (row.target.0, t_at),
            ..row
        };
        let second_row = PairRow {
            source: (s_at, row.source.1),
            target: (t_at, row.target.1),
            ..row
        };
        let first = self.insert_pair(&first_row, &first_text, revision)?;
        let second = self.insert_pair(&second_row, &second_text, revision)?;
        let source_texts = [
            self.document_text(Side::Source, Some(first_row.source))?,
            self.document_text(Side::Source, Some(second_row.source))?,
        ];
        let target_texts = [first_text, second_text];
        let mut moves: Vec<(NoteId, PairId)> = Vec::new();
        for note in self.notes_of(pair)? {
            let moved_parent = note
                .parent
                .and_then(|p| moves.iter().find(|(id, _)| *id == p).map(|(_, to)| *to));
            let texts = match note.side {
                Side::Source => &source_texts,
                Side::Target => &target_texts,
            };
            let to = match (moved_parent, &note.span) {
                (Some(to), _) => to,
                (None, Some(span))
                    if to_second.contains(&note.id)
                        && span.reanchor(&texts[1]).is_none()
                        && span.reanchor(&texts[0]).is_some() =>
                {
                    first
                }
                (None, _) if to_second.contains(&note.id) => second,
                (None, Some(span))
                    if span.reanchor(&texts[0]).is_none() && span.reanchor(&texts[1]).is_some() =>
                {
                    second
                }
                _ => first,
            };
            moves.push((note.id, to));
        }
        let back = self.move_notes(&moves)?;
        self.set_retired(pair, true)?;
        Ok(Edit::RestorePairs {
            retire: vec![first, second],
            restore: vec![pair],
            notes: back,
        })
    }

    fn restore_pairs(
        &self,
        retire: &[PairId],
        restore: &[PairId],
        notes: &[(NoteId, PairId)],
    ) -> Result<Edit> {
        for pair in retire {
            self.set_retired(*pair, true)?;
        }
        for pair in restore {
            self.set_retired(*pair, false)?;
        }
        let back = self.move_notes(notes)?;
        Ok(Edit::RestorePairs {
            retire: restore.to_vec(),
            restore: retire.to_vec(),
            notes: back,
        })
    }

    /// Every note of a pair (also removed ones), oldest first: side, span and parent.
    fn notes_of(&self, pair: PairId) -> Result<Vec<NoteAnchor>> {
        let mut stmt = self
            .tx
            .prepare_cached(
                "SELECT id, side, parent, span_start, span_end, span_quote, span_before, \
                 span_after FROM note WHERE pair = ?1 ORDER BY id",
            )
            .at(self.path)?;
        let rows = stmt
            .query_map([pair.0], |r| {
                let side: String = r.get(1)?;
                let start: Option<i64> = r.get(3)?;
                let end: Option<i64> = r.get(4)?;
                let quote: Option<String> = r.get(5)?;
                let span = match (start, end, quote) {
                    (Some(start), Some(end), Some(quote)) => Some(Span {
                        start: to_usize(start),
                        end: to_usize(end),
                        quote,
                        before: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                        after: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                    }),
                    _ => None,
                };
                Ok(NoteAnchor {
                    id: NoteId(r.get(0)?),
                    side: if side == "source" {
                        Side::Source
                    } else {
                        Side::Target
                    },
                    parent: r.get::<_, Option<i64>>(2)?.map(NoteId),
                    span,
                })
            })
            .at(self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(self.path)
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
