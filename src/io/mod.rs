//! The shell's file access: reading documents and writing exports.
//!
//! Reading decodes and splits the text with the pure functions of [`crate::core::decode`] and
//! [`crate::core::import`]; this module only touches the disk and puts paths into errors.

mod read;

use std::path::Path;

use crate::error::{Error, Result};

pub use read::{ImportInfo, MAX_DOCUMENT_BYTES, read_document, read_document_with_info};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let io_err = |source| Error::Io {
        action: "cannot write",
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let mut file = std::fs::File::create(&tmp).map_err(io_err)?;
    file.write_all(bytes).map_err(io_err)?;
    file.sync_all().map_err(io_err)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(io_err)
}
