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
}

/// Short for `Result<T, cotejo::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
