//! Review projects in one SQLite file (`NAME.cotejo`): pairs, revisions, notes, states, undo log.
//!
//! All SQL of cotejo lives in this module, behind typed methods. Every user action is one
//! `BEGIN IMMEDIATE` transaction that is committed before the method returns, so a caller that
//! reports "done" after the call never reports work that a crash could lose.
//!
//! Durability: the file runs in WAL mode with `synchronous = NORMAL`. A committed transaction
//! survives the process being killed at any moment (it is in the WAL, in the operating system's
//! cache); after a power failure the last few commits before the failure may be rolled back, but
//! the file stays consistent. This keeps one edit well under a millisecond of disk waiting.
//!
//! Concurrency: writers wait up to [`BUSY_TIMEOUT`] for each other; after that the action fails
//! with [`Error::Busy`] and nothing is written.

mod apply;
pub mod import;
pub mod migrations;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension as _, TransactionBehavior, params};

use crate::core::align::Alignment;
use crate::core::document::{ParagraphKind, Side};
use crate::core::edit::Edit;
use crate::core::export::{ExportPair, PARAGRAPH_SEPARATOR};
use crate::core::history::{History, Step};
use crate::core::progress::{NoProgress, Progress};
use crate::core::project::{
    ImportedDocument, NewProject, Pair, Project, Revision, StateChange, Summary, count_words,
};
use crate::core::review::{
    NewNote, Note, NoteId, NoteScope, NoteStatus, PairId, PairState, RevisionId, RevisionKind,
    Span, Timestamp,
};
use crate::error::{Error, Result};

/// How many rows [`Store::create_unless`] inserts between two progress reports.
pub const ROWS_PER_REPORT: usize = 500;

/// How long a writer waits for another one before giving up with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the store gets the current time from; tests pass a fixed clock.
pub type Clock = Box<dyn Fn() -> Timestamp + Send>;

/// The wall clock.
pub fn system_clock() -> Clock {
    Box::new(|| {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        Timestamp(ms)
    })
}

/// An open review project.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Which notes [`Store::notes`] returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoteFilter {
    /// Only open notes.
    pub open_only: bool,
    /// Only notes on this pair.
    pub pair: Option<PairId>,
}

/// Which earlier English text [`Store::base_texts`] returns for each pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BaseRevision {
    /// The text imported from the English file.
    #[default]
    Imported,
    /// The revision the current one replaced.
    Previous,
    /// The revision of the last approval.
    LastApproved,
}

/// Maps rusqlite errors to [`Error`], naming the project file; busy becomes [`Error::Busy`].
pub(crate) trait DbResultExt<T> {
    /// Attaches the project path.
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> DbResultExt<T> for rusqlite::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|source| db_error(source, path))
    }
}

/// Turns a rusqlite error into [`Error::Busy`] when another writer holds the lock, else [`Error::Db`].
pub(crate) fn db_error(source: rusqlite::Error, path: &Path) -> Error {
    use rusqlite::ErrorCode;
    match source.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy {
            path: path.to_path_buf(),
        },
        _ => Error::Db {
            path: path.to_path_buf(),
            source,
        },
    }
}

fn parse_enum<T: std::str::FromStr<Err = String>>(idx: usize, text: &str) -> rusqlite::Result<T> {
    text.parse().map_err(|reason: String| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, reason.into())
    })
}

fn side_from_str(idx: usize, text: &str) -> rusqlite::Result<Side> {
    match text {
        "source" => Ok(Side::Source),
        "target" => Ok(Side::Target),
        other => Err(rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown side {other:?}").into(),
        )),
    }
}

pub(crate) fn side_str(side: Side) -> &'static str {
    match side {
        Side::Source => "source",
        Side::Target => "target",
    }
}

fn kind_str(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Text => "text",
        ParagraphKind::Heading => "heading",
        ParagraphKind::ListItem => "list_item",
        ParagraphKind::Quote => "quote",
        ParagraphKind::Code => "code",
    }
}

fn kind_from_str(text: &str) -> ParagraphKind {
    match text {
        "heading" => ParagraphKind::Heading,
        "list_item" => ParagraphKind::ListItem,
        "quote" => ParagraphKind::Quote,
        "code" => ParagraphKind::Code,
        _ => ParagraphKind::Text,
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Joins the texts of `paragraphs[range]` with a blank line; out-of-range parts are skipped.
fn join_range(paragraphs: &[String], range: std::ops::Range<usize>) -> String {
    paragraphs
        .get(range)
        .unwrap_or_default()
        .join(PARAGRAPH_SEPARATOR)
}

const NOTE_COLUMNS: &str = "id, pair, side, span_start, span_end, span_quote, span_before, \
     span_after, revision, author, created, updated, category, severity, status, parent, body";

fn note_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let pair: Option<i64> = row.get(1)?;
    let side: String = row.get(2)?;
    let span_start: Option<i64> = row.get(3)?;
    let span_end: Option<i64> = row.get(4)?;
    let span = match (span_start, span_end) {
        (Some(start), Some(end)) => Some(Span {
            start: to_usize(start),
            end: to_usize(end),
            quote: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
            before: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
            after: row.get::<_, Option<String>>(7)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Note {
        id: NoteId(row.get(0)?),
        scope: pair.map_or(NoteScope::Document, |p| NoteScope::Pair(PairId(p))),
        side: side_from_str(2, &side)?,
        span,
        revision: row.get::<_, Option<i64>>(8)?.map(RevisionId),
        author: row.get(9)?,
        created: Timestamp(row.get(10)?),
        updated: Timestamp(row.get(11)?),
        category: parse_enum(12, &row.get::<_, String>(12)?)?,
        severity: parse_enum(13, &row.get::<_, String>(13)?)?,
        status: parse_enum(14, &row.get::<_, String>(14)?)?,
        parent: row.get::<_, Option<i64>>(15)?.map(NoteId),
        body: row.get(16)?,
    })
}

impl Store {
    /// Creates a project at `path` from two imported documents and their alignment.
    ///
    /// The project is built in a temporary file next to `path` and appears under its name only
    /// when complete, so a crash never leaves half a project. Refuses to overwrite any file.
    pub fn create(
        path: &Path,
        project: &NewProject,
        source: &ImportedDocument,
        target: &ImportedDocument,
        alignment: &Alignment,
        author: &str,
        clock: Clock,
    ) -> Result<Self> {
        let docs = (source, target, alignment);
        Self::create_unless(path, project, docs, author, clock, &NoProgress)
    }

    /// Like [`Store::create`], but reports the fraction written to `progress` (every
    /// [`ROWS_PER_REPORT`] rows) and gives up with [`Error::Cancelled`] if it asks to stop
    /// before the project gets its name: then the temporary file is removed and nothing is left.
    pub fn create_unless(
        path: &Path,
        project: &NewProject,
        (source, target, alignment): (&ImportedDocument, &ImportedDocument, &Alignment),
        author: &str,
        clock: Clock,
        progress: &dyn Progress,
    ) -> Result<Self> {
        if path.exists() {
            return Err(Error::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let io_err = |action: &'static str| {
            move |source: std::io::Error| Error::Io {
                action,
                path: path.to_path_buf(),
                source,
            }
        };
        let tmp = crate::io::temp_path_beside(path);
        let _ = std::fs::remove_file(&tmp);
        let docs = (source, target, alignment);
        let built = Self::build(&tmp, project, docs, author, &clock, progress);
        if let Err(err) = built {
            let _ = std::fs::remove_file(&tmp);
            return Err(match err {
                Error::Db { source, .. } => Error::Db {
                    path: path.to_path_buf(),
                    source,
                },
                Error::Cancelled { .. } => Error::Cancelled {
                    path: path.to_path_buf(),
                },
                other => other,
            });
        }
        if progress.is_cancelled() {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Cancelled {
                path: path.to_path_buf(),
            });
        }
        // The finished file goes to disk before it gets its name.
        let synced = std::fs::File::open(&tmp).and_then(|f| f.sync_all());
        if let Err(source) = synced {
            let _ = std::fs::remove_file(&tmp);
            return Err(io_err("cannot write")(source));
        }
        if progress.is_cancelled() {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Cancelled {
                path: path.to_path_buf(),
            });
        }
        progress.report(1.0);
        // A hard link fails if `path` appeared meanwhile, where a rename would replace it.
        let linked = std::fs::hard_link(&tmp, path);
        let published = match linked {
            Ok(()) => std::fs::remove_file(&tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            Err(_) => std::fs::rename(&tmp, path),
        };
        if let Err(source) = published {
            let _ = std::fs::remove_file(&tmp);
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                return Err(Error::AlreadyExists {
                    path: path.to_path_buf(),
                });
            }
            return Err(io_err("cannot create")(source));
        }
        let mut store = Self::open(path)?;
        store.clock = clock;
        Ok(store)
    }

    /// Writes a complete project into the fresh file `tmp`, reporting every
    /// [`ROWS_PER_REPORT`] rows; stops with [`Error::Cancelled`] (naming `tmp`) when asked.
    fn build(
        tmp: &Path,
        project: &NewProject,
        (source, target, alignment): (&ImportedDocument, &ImportedDocument, &Alignment),
        author: &str,
        clock: &Clock,
        progress: &dyn Progress,
    ) -> Result<()> {
        // The rows to insert: both documents' paragraphs, then a pair and a revision per bead.
        let n_rows = source.document.paragraphs.len()
            + target.document.paragraphs.len()
            + 2 * alignment.beads.len();
        let mut n_done = 0usize;
        // Inserting is most of the work; committing and checkpointing the rest.
        let mut step = |n: usize| -> Result<()> {
            let before = n_done / ROWS_PER_REPORT;
            n_done += n;
            if n_done / ROWS_PER_REPORT == before {
                return Ok(());
            }
            progress.report(0.9 * n_done as f32 / n_rows.max(1) as f32);
            if progress.is_cancelled() {
                return Err(Error::Cancelled {
                    path: tmp.to_path_buf(),
                });
            }
            Ok(())
        };
        let mut conn = Connection::open(tmp).at(tmp)?;
        conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;")
            .at(tmp)?;
        migrations::initialise(&mut conn, tmp)?;
        let now = clock().0;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .at(tmp)?;
        tx.execute(
            "INSERT INTO project (id, title, source_lang, target_lang, created) \
             VALUES (1, ?1, ?2, ?3, ?4)",
            params![project.title, project.source_lang, project.target_lang, now],
        )
        .at(tmp)?;
        let mut target_texts = Vec::new();
        {
            let mut insert_doc = tx
                .prepare(
                    "INSERT INTO document (side, file_name, content_hash, imported, text) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .at(tmp)?;
            let mut insert_para = tx
                .prepare(
                    "INSERT INTO paragraph (document, idx, kind, text) VALUES (?1, ?2, ?3, ?4)",
                )
                .at(tmp)?;
            for (side, doc) in [(Side::Source, source), (Side::Target, target)] {
                let texts: Vec<&str> = doc
                    .document
                    .paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect();
                insert_doc
                    .execute(params![
                        side_str(side),
                        doc.file_name,
                        doc.content_hash,
                        now,
                        texts.join(PARAGRAPH_SEPARATOR)
                    ])
                    .at(tmp)?;
                let doc_id = tx.last_insert_rowid();
                for (idx, paragraph) in doc.document.paragraphs.iter().enumerate() {
                    insert_para
                        .execute(params![
                            doc_id,
                            to_i64(idx),
                            kind_str(paragraph.kind),
                            paragraph.text
                        ])
                        .at(tmp)?;
                    step(1)?;
                }
                if side == Side::Target {
                    target_texts = texts.iter().map(|t| (*t).to_owned()).collect();
                }
            }
            let mut insert_pair = tx
                .prepare(
                    "INSERT INTO pair (ord, source_start, source_end, target_start, target_end, \
                     confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .at(tmp)?;
            let mut insert_rev = tx
                .prepare(
                    "INSERT INTO revision (pair, parent, kind, text, author, created) \
                     VALUES (?1, NULL, 'imported', ?2, ?3, ?4)",
                )
                .at(tmp)?;
            for (ord, bead) in alignment.beads.iter().enumerate() {
                insert_pair
                    .execute(params![
                        to_i64(ord),
                        to_i64(bead.source.start),
                        to_i64(bead.source.end),
                        to_i64(bead.target.start),
                        to_i64(bead.target.end),
                        bead.confidence
                    ])
                    .at(tmp)?;
                let pair_id = tx.last_insert_rowid();
                let text = join_range(&target_texts, bead.target.clone());
                insert_rev
                    .execute(params![pair_id, text, author, now])
                    .at(tmp)?;
                step(2)?;
            }
        }
        tx.commit().at(tmp)?;
        progress.report(0.9);
        // WAL is a property of the file; set it last, then close so the WAL is checkpointed.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .at(tmp)?;
        conn.close().map_err(|(_, e)| e).at(tmp)
    }

    /// Opens an existing project, upgrading its schema if it is older than this build.
    ///
    /// Files that are not projects, and projects newer than this build, are refused without
    /// writing a byte.
    pub fn open(path: &Path) -> Result<Self> {
        migrations::check_header(path)?;
        let version = migrations::check_version(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).at(path)?;
        conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .at(path)?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .at(path)?;
        // Only an old file needs the write lock here; reading commands never wait for writers.
        if version < migrations::SCHEMA_VERSION {
            migrations::migrate(&mut conn, path)?;
        }
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            clock: system_clock(),
        })
    }

    /// Opens an existing project for reading only, as a second connection beside the window's
    /// (WAL lets it read while the other writes): for work on a worker thread, such as an
    /// export. It never writes, so a project whose schema needs upgrading is refused.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        migrations::check_header(path)?;
        let version = migrations::check_version(path)?;
        if version < migrations::SCHEMA_VERSION {
            return Err(Error::NotAProject {
                path: path.to_path_buf(),
                reason: format!("schema version {version} must be upgraded before reading"),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).at(path)?;
        conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            clock: system_clock(),
        })
    }

    /// Replaces the clock (tests use a fixed one).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Sets how long a write waits for another writer before failing with [`Error::Busy`].
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout).at(&self.path)
    }

    /// The project file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The project metadata.
    pub fn project(&self) -> Result<Project> {
        self.conn
            .query_row(
                "SELECT title, source_lang, target_lang, created FROM project WHERE id = 1",
                [],
                |r| {
                    Ok(Project {
                        title: r.get(0)?,
                        source_lang: r.get(1)?,
                        target_lang: r.get(2)?,
                        created: Timestamp(r.get(3)?),
                    })
                },
            )
            .at(&self.path)
    }

    /// The paragraph texts and kinds of the current document of `side`.
    fn paragraphs(&self, side: Side) -> Result<Vec<(String, ParagraphKind)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.text, p.kind FROM paragraph p \
                 WHERE p.document = (SELECT max(id) FROM document WHERE side = ?1) \
                 ORDER BY p.idx",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([side_str(side)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    kind_from_str(&r.get::<_, String>(1)?),
                ))
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Every pair in document order, with its texts and state.
    pub fn pairs(&self) -> Result<Vec<Pair>> {
        let source: Vec<String> = self
            .paragraphs(Side::Source)?
            .into_iter()
            .map(|(text, _)| text)
            .collect();
        self.query_pairs(None, &source)
    }

    /// One pair. Reads only its own paragraphs, so it costs the same in a short article and
    /// in a 100,000-pair book.
    pub fn pair(&self, id: PairId) -> Result<Pair> {
        let mut pair = self
            .query_pairs(Some(id), &[])?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: format!("pair {id}"),
                path: self.path.clone(),
            })?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT text FROM paragraph \
                 WHERE document = (SELECT max(id) FROM document WHERE side = 'source') \
                   AND idx >= ?1 AND idx < ?2 \
                 ORDER BY idx",
            )
            .at(&self.path)?;
        let range = &pair.source_paragraphs;
        let texts = stmt
            .query_map([to_i64(range.start), to_i64(range.end)], |r| {
                r.get::<_, String>(0)
            })
            .at(&self.path)?
            .collect::<rusqlite::Result<Vec<String>>>()
            .at(&self.path)?;
        pair.source = texts.join(PARAGRAPH_SEPARATOR);
        Ok(pair)
    }

    /// The pairs in document order (or just `only`), their Spanish joined from `source`, the
    /// current source paragraphs (empty text when they are not given).
    fn query_pairs(&self, only: Option<PairId>, source: &[String]) -> Result<Vec<Pair>> {
        const COLUMNS: &str = "SELECT p.id, p.source_start, p.source_end, p.target_start, \
                    p.target_end, p.confidence, p.confirmed, r.id, r.text, \
                    coalesce((SELECT s.new FROM state_log s WHERE s.pair = p.id \
                              ORDER BY s.id DESC LIMIT 1), 'draft') \
             FROM pair p \
             JOIN revision r ON r.id = (SELECT max(id) FROM revision WHERE pair = p.id)";
        let sql = match only {
            Some(_) => format!("{COLUMNS} WHERE p.id = ?1 AND p.retired = 0"),
            None => format!(
                "{COLUMNS} WHERE p.retired = 0 AND ?1 IS NULL \
                 ORDER BY p.source_start, p.target_start, p.id"
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map([only.map(|p| p.0)], |r| {
                let source_paragraphs = to_usize(r.get(1)?)..to_usize(r.get(2)?);
                Ok(Pair {
                    id: PairId(r.get(0)?),
                    source: join_range(source, source_paragraphs.clone()),
                    source_paragraphs,
                    target_paragraphs: to_usize(r.get(3)?)..to_usize(r.get(4)?),
                    confidence: r.get(5)?,
                    confirmed: r.get(6)?,
                    revision: RevisionId(r.get(7)?),
                    target: r.get(8)?,
                    state: parse_enum(9, &r.get::<_, String>(9)?)?,
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Every revision of a pair, oldest first.
    pub fn revisions(&self, pair: PairId) -> Result<Vec<Revision>> {
        self.pair(pair)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, parent, kind, text, author, created FROM revision \
                 WHERE pair = ?1 ORDER BY id",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([pair.0], |r| {
                Ok(Revision {
                    id: RevisionId(r.get(0)?),
                    pair,
                    parent: r.get::<_, Option<i64>>(1)?.map(RevisionId),
                    kind: parse_enum::<RevisionKind>(2, &r.get::<_, String>(2)?)?,
                    text: r.get(3)?,
                    author: r.get(4)?,
                    created: Timestamp(r.get(5)?),
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The state log of a pair, oldest first.
    pub fn state_log(&self, pair: PairId) -> Result<Vec<StateChange>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT old, new, revision, author, created FROM state_log \
                 WHERE pair = ?1 ORDER BY id",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([pair.0], |r| {
                Ok(StateChange {
                    pair,
                    old: parse_enum(0, &r.get::<_, String>(0)?)?,
                    new: parse_enum(1, &r.get::<_, String>(1)?)?,
                    revision: RevisionId(r.get(2)?),
                    author: r.get(3)?,
                    created: Timestamp(r.get(4)?),
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The notes that match `filter`, oldest first (removed notes are left out).
    pub fn notes(&self, filter: NoteFilter) -> Result<Vec<Note>> {
        let sql = format!(
            "SELECT {NOTE_COLUMNS} FROM note WHERE removed = 0 \
             AND (?1 = 0 OR status = 'open') AND (?2 IS NULL OR pair = ?2) ORDER BY id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(
                params![filter.open_only, filter.pair.map(|p| p.0)],
                note_from_row,
            )
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// One note (also a removed one).
    pub fn note(&self, id: NoteId) -> Result<Note> {
        let sql = format!("SELECT {NOTE_COLUMNS} FROM note WHERE id = ?1");
        self.conn
            .query_row(&sql, [id.0], note_from_row)
            .optional()
            .at(&self.path)?
            .ok_or_else(|| Error::NotFound {
                what: format!("note {id}"),
                path: self.path.clone(),
            })
    }

    /// Counts for `cotejo info`: pairs per state, notes open and resolved, words per side.
    pub fn summary(&self) -> Result<Summary> {
        let pairs = self.pairs()?;
        let pairs_per_state = PairState::ALL
            .iter()
            .map(|s| (*s, pairs.iter().filter(|p| p.state == *s).count()))
            .collect();
        let count_notes = |status: NoteStatus| -> Result<usize> {
            self.conn
                .query_row(
                    "SELECT count(*) FROM note WHERE removed = 0 AND status = ?1",
                    [status.as_str()],
                    |r| r.get::<_, i64>(0),
                )
                .map(to_usize)
                .at(&self.path)
        };
        let source_words = self
            .paragraphs(Side::Source)?
            .iter()
            .map(|(text, _)| count_words(text))
            .sum();
        Ok(Summary {
            pairs_per_state,
            notes_open: count_notes(NoteStatus::Open)?,
            notes_resolved: count_notes(NoteStatus::Resolved)?,
            source_words,
            target_words: pairs.iter().map(|p| count_words(&p.target)).sum(),
        })
    }

    /// What `core::export::render` needs: every pair's state, text and target paragraph kinds.
    pub fn export_pairs(&self) -> Result<Vec<ExportPair>> {
        let kinds: Vec<ParagraphKind> = self
            .paragraphs(Side::Target)?
            .into_iter()
            .map(|(_, kind)| kind)
            .collect();
        Ok(self
            .pairs()?
            .into_iter()
            .map(|pair| ExportPair {
                id: pair.id,
                state: pair.state,
                kinds: kinds
                    .get(pair.target_paragraphs.clone())
                    .unwrap_or_default()
                    .to_vec(),
                text: pair.target,
            })
            .collect())
    }

    /// Starts the write transaction of one user action (taking the write lock at once, so a
    /// busy project fails before any work), with the project path and the action's time.
    fn begin(&mut self) -> Result<(rusqlite::Transaction<'_>, PathBuf, Timestamp)> {
        let now = (self.clock)();
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .at(&path)?;
        Ok((tx, path, now))
    }

    /// Applies one user action in one transaction and records it for undo.
    ///
    /// Returns the inverse edit. An edit that changes nothing (setting the current state again)
    /// returns a no-op and is not recorded.
    pub fn apply(&mut self, edit: &Edit, author: &str) -> Result<Edit> {
        let (tx, path, now) = self.begin()?;
        let inverse = apply::apply(&tx, &path, edit, author, now)?;
        if !inverse.is_noop() {
            push_step(&tx, &path, "undo", edit, &inverse, author, now)?;
            tx.execute("DELETE FROM undo_step WHERE stack = 'redo'", [])
                .at(&path)?;
        }
        tx.commit().at(&path)?;
        Ok(inverse)
    }

    /// Adds a note; returns its id.
    pub fn add_note(&mut self, note: NewNote, author: &str) -> Result<NoteId> {
        let inverse = self.apply(&Edit::AddNote { note }, author)?;
        match inverse {
            Edit::RemoveNote { note } => Ok(note),
            _ => Err(Error::InvalidEdit {
                reason: "the note was not added".to_owned(),
                path: self.path.clone(),
            }),
        }
    }

    /// Takes back the last action (also one from an earlier session); `None` if there is none.
    pub fn undo(&mut self, author: &str) -> Result<Option<Edit>> {
        self.move_step("undo", "redo", author)
    }

    /// Applies again the last undone action; `None` if there is none.
    pub fn redo(&mut self, author: &str) -> Result<Option<Edit>> {
        self.move_step("redo", "undo", author)
    }

    /// Same rules as `core::History::undo_with`, on the `undo_step` table, in one transaction.
    fn move_step(&mut self, from: &str, to: &str, author: &str) -> Result<Option<Edit>> {
        let (tx, path, now) = self.begin()?;
        let top: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, inverse FROM undo_step WHERE stack = ?1 ORDER BY id DESC LIMIT 1",
                [from],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .at(&path)?;
        let Some((step_id, inverse_json)) = top else {
            return Ok(None);
        };
        let to_apply = decode_edit(&inverse_json, &path)?;
        let inverse = apply::apply(&tx, &path, &to_apply, author, now)?;
        tx.execute("DELETE FROM undo_step WHERE id = ?1", [step_id])
            .at(&path)?;
        push_step(&tx, &path, to, &to_apply, &inverse, author, now)?;
        tx.commit().at(&path)?;
        Ok(Some(to_apply))
    }

    /// The persistent undo and redo stacks (for the GUI's menu labels).
    pub fn history(&self) -> Result<History> {
        let load = |stack: &str| -> Result<Vec<Step>> {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT edit, inverse FROM undo_step WHERE stack = ?1 ORDER BY id")
                .at(&self.path)?;
            let rows = stmt
                .query_map([stack], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .at(&self.path)?;
            let mut steps = Vec::new();
            for row in rows {
                let (edit, inverse) = row.at(&self.path)?;
                steps.push(Step {
                    edit: decode_edit(&edit, &self.path)?,
                    inverse: decode_edit(&inverse, &self.path)?,
                });
            }
            Ok(steps)
        };
        Ok(History::from_stacks(load("undo")?, load("redo")?))
    }

    /// How many steps undo and redo can take: `(undo, redo)` (for enabling menu items cheaply).
    pub fn undo_redo_depth(&self) -> Result<(usize, usize)> {
        let count = |stack: &str| -> Result<usize> {
            self.conn
                .query_row(
                    "SELECT count(*) FROM undo_step WHERE stack = ?1",
                    [stack],
                    |r| r.get::<_, i64>(0),
                )
                .map(to_usize)
                .at(&self.path)
        };
        Ok((count("undo")?, count("redo")?))
    }

    /// For every pair, the English text that [`BaseRevision`] names, to diff the current text
    /// against. Pairs without such a revision (never approved) are left out.
    pub fn base_texts(&self, base: BaseRevision) -> Result<Vec<(PairId, String)>> {
        let sql = format!(
            "SELECT p.id, {} FROM pair p WHERE p.retired = 0",
            base_text_column(base)
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((PairId(r.get(0)?), r.get::<_, Option<String>>(1)?))
            })
            .at(&self.path)?;
        let mut out = Vec::new();
        for row in rows {
            if let (id, Some(text)) = row.at(&self.path)? {
                out.push((id, text));
            }
        }
        Ok(out)
    }

    /// [`Store::base_texts`] for one pair: `None` when it has no such revision.
    pub fn base_text(&self, pair: PairId, base: BaseRevision) -> Result<Option<String>> {
        let sql = format!(
            "SELECT {} FROM pair p WHERE p.id = ?1",
            base_text_column(base)
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        stmt.query_row([pair.0], |r| r.get::<_, Option<String>>(0))
            .optional()
            .at(&self.path)
            .map(Option::flatten)
    }

    /// Runs `PRAGMA integrity_check`; returns its first line ("ok" for a sound file).
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .at(&self.path)
    }
}

fn decode_edit(json: &str, path: &Path) -> Result<Edit> {
    serde_json::from_str(json).map_err(|e| Error::InvalidEdit {
        reason: format!("unreadable undo step ({e})"),
        path: path.to_path_buf(),
    })
}

/// The SQL expression, over the pair `p`, for the English text that `base` names.
fn base_text_column(base: BaseRevision) -> &'static str {
    match base {
        BaseRevision::Imported => {
            "(SELECT r.text FROM revision r WHERE r.pair = p.id ORDER BY r.id LIMIT 1)"
        }
        BaseRevision::Previous => {
            "(SELECT pr.text FROM revision pr WHERE pr.id = \
              (SELECT r.parent FROM revision r WHERE r.pair = p.id ORDER BY r.id DESC LIMIT 1))"
        }
        BaseRevision::LastApproved => {
            "(SELECT r.text FROM state_log s JOIN revision r ON r.id = s.revision \
              WHERE s.pair = p.id AND s.new = 'approved' ORDER BY s.id DESC LIMIT 1)"
        }
    }
}

fn push_step(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    stack: &str,
    edit: &Edit,
    inverse: &Edit,
    author: &str,
    now: Timestamp,
) -> Result<()> {
    let encode = |e: &Edit| {
        serde_json::to_string(e).map_err(|e| Error::InvalidEdit {
            reason: format!("cannot record the undo step ({e})"),
            path: path.to_path_buf(),
        })
    };
    tx.execute(
        "INSERT INTO undo_step (stack, edit, inverse, author, created) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![stack, encode(edit)?, encode(inverse)?, author, now.0],
    )
    .at(path)?;
    Ok(())
}

#[cfg(test)]
mod tests;
