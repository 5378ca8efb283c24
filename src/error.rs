//! The library's error type: one enum whose variants say what went wrong.
//!
//! Messages put the file path last, so a user reads the cause first.

use std::path::PathBuf;

/// Everything that can go wrong in cotejo's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The operating system refused to read or write a file.
    #[error("{action}: {source}: {}", path.display())]
    Io {
        /// What we were doing ("cannot read", "cannot write").
        action: &'static str,
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file's content cannot be used as a document.
    #[error("{reason}: {}", path.display())]
    BadInput {
        /// The file involved.
        path: PathBuf,
        /// Why it cannot be used, as a short sentence fragment.
        reason: String,
    },
    /// A file's bytes are not usable text (empty, binary, an archive).
    #[error("{reason}: {}", path.display())]
    Decode {
        /// The file involved.
        path: PathBuf,
        /// What is wrong with its bytes.
        reason: crate::core::decode::DecodeError,
    },
    /// The file is in a format cotejo cannot read yet, judging by its extension.
    #[error("{format} is not supported yet: {}", path.display())]
    Unsupported {
        /// The file involved.
        path: PathBuf,
        /// The format's short name, such as "DOCX" or "PDF".
        format: &'static str,
    },
    /// The path names a folder or another non-file.
    #[error("not a file (a folder or a device): {}", path.display())]
    NotAFile {
        /// The path involved.
        path: PathBuf,
    },
    /// The file is too large to be a document worth reviewing.
    #[error("file too large ({size_bytes} bytes, the limit is {limit_bytes}): {}", path.display())]
    TooLarge {
        /// The file involved.
        path: PathBuf,
        /// Its size.
        size_bytes: u64,
        /// The largest size accepted.
        limit_bytes: u64,
    },
    /// SQLite reported an error while reading or writing a project.
    #[error("database error: {source}: {}", path.display())]
    Db {
        /// The project file.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
    /// Another program holds the write lock for longer than the busy timeout.
    #[error("project is busy (another program is writing it): {}", path.display())]
    Busy {
        /// The project file.
        path: PathBuf,
    },
    /// The project was written by a newer cotejo; it is left untouched.
    #[error(
        "project schema version {found} is newer than this cotejo supports ({supported}); \
         update cotejo to open it: {}",
        path.display()
    )]
    SchemaTooNew {
        /// The file's `PRAGMA user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
        /// The project file.
        path: PathBuf,
    },
    /// The file is not a cotejo project (a text file, an empty file, another SQLite database).
    #[error("not a cotejo project ({reason}): {}", path.display())]
    NotAProject {
        /// The file involved.
        path: PathBuf,
        /// Why, as a short sentence fragment ("empty file").
        reason: String,
    },
    /// The user cancelled a long operation (an import, an export); nothing was written.
    #[error("cancelled: {}", path.display())]
    Cancelled {
        /// The file that was not written.
        path: PathBuf,
    },
    /// A worker thread ended without a result (it panicked); what it wrote was cleaned up as
    /// far as it got.
    #[error("the background work stopped unexpectedly")]
    WorkerFailed,
    /// A file that `create` would overwrite already exists.
    #[error("refusing to overwrite an existing file: {}", path.display())]
    AlreadyExists {
        /// The file that exists.
        path: PathBuf,
    },
    /// A pair, note or revision id that the project does not have.
    #[error("{what} not found: {}", path.display())]
    NotFound {
        /// What was looked up ("pair 12", "note 3").
        what: String,
        /// The project file.
        path: PathBuf,
    },
    /// An edit that cannot apply to the project as it is (a span past the end of the text, …).
    #[error("{reason}: {}", path.display())]
    InvalidEdit {
        /// Why, as a short sentence fragment.
        reason: String,
        /// The project file.
        path: PathBuf,
    },
}

/// Short for `Result<T, cotejo::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
