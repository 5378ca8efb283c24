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
}

/// Short for `Result<T, cotejo::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
