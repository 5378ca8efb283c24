//! Recognising project files and upgrading their schema.
//!
//! A project is an SQLite file whose `PRAGMA application_id` is [`APPLICATION_ID`] and whose
//! `PRAGMA user_version` is the number of migrations applied. Migrations are the files
//! `sql/NNN_*.sql`, append-only: a released file is never edited.
//!
//! Opening is careful not to write to files that are not ours: the header is read as plain bytes
//! first, then a read-only connection reads the version, and only then is the file opened for
//! writing (setting `journal_mode = WAL` alone would write to it).

use std::io::Read as _;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};
use crate::store::DbResultExt as _;

/// `PRAGMA application_id` of cotejo projects: "Cotj" in ASCII.
pub const APPLICATION_ID: i32 = 0x436F_746A;

/// The migrations, in order; migration `i` brings a file from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_init.sql"),
    include_str!("sql/002_alignment_edits.sql"),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The SQL that brings an empty database to `version` (for tests that build old fixtures).
pub fn sql_up_to(version: i64) -> Vec<&'static str> {
    MIGRATIONS
        .iter()
        .take(usize::try_from(version).unwrap_or(0))
        .copied()
        .collect()
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Checks from the raw bytes that `path` is an SQLite file with cotejo's application id and a
/// schema this build can read.
///
/// Reads at most 100 bytes; never writes, and never creates the `-wal` and `-shm` files that even
/// a read-only SQLite connection may leave behind. The header's version can lag behind a commit
/// still in the WAL, so [`check_version`] asks SQLite again.
pub fn check_header(path: &Path) -> Result<()> {
    let not_a_project = |reason: &str| Error::NotAProject {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    let mut file = std::fs::File::open(path).map_err(|source| Error::Io {
        action: "cannot open",
        path: path.to_path_buf(),
        source,
    })?;
    let mut header = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut header)
        .map_err(|source| Error::Io {
            action: "cannot read",
            path: path.to_path_buf(),
            source,
        })?;
    if header.is_empty() {
        return Err(not_a_project("empty file"));
    }
    if header.len() < 100 || !header.starts_with(SQLITE_MAGIC) {
        return Err(not_a_project("not an SQLite database"));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != APPLICATION_ID {
        return Err(not_a_project(&format!(
            "an SQLite database of another program, application id {app_id:#x}"
        )));
    }
    let version = i32::from_be_bytes([header[60], header[61], header[62], header[63]]);
    if i64::from(version) > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: i64::from(version),
            supported: SCHEMA_VERSION,
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Reads the schema version with a read-only connection and refuses files newer than this build.
pub fn check_version(path: &Path) -> Result<i64> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).at(path)?;
    conn.busy_timeout(crate::store::BUSY_TIMEOUT).at(path)?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .at(path)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .at(path)?;
    conn.close().map_err(|(_, e)| e).at(path)?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAProject {
            path: path.to_path_buf(),
            reason: format!("an SQLite database of another program, application id {app_id:#x}"),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
            path: path.to_path_buf(),
        });
    }
    if version < 1 {
        return Err(Error::NotAProject {
            path: path.to_path_buf(),
            reason: "no schema (an unfinished project?)".to_owned(),
        });
    }
    Ok(version)
}

/// Brings an opened project up to [`SCHEMA_VERSION`] in one transaction.
///
/// Another process may migrate at the same time; the version is read again under the write lock.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .at(path)?;
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .at(path)?;
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
            path: path.to_path_buf(),
        });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    for sql in MIGRATIONS
        .iter()
        .skip(usize::try_from(version).unwrap_or(0))
    {
        tx.execute_batch(sql).at(path)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
        .at(path)?;
    tx.commit().at(path)
}

/// Writes the application id and the whole schema into a new, empty database.
pub fn initialise(conn: &mut Connection, path: &Path) -> Result<()> {
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .at(path)?;
    migrate(conn, path)
}
