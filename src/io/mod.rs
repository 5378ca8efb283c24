//! The shell's file access: reading documents and writing exports.
//!
//! Reading decodes and splits the text with the pure functions of [`crate::core::decode`] and
//! [`crate::core::import`]; this module only touches the disk and puts paths into errors.

mod read;

use std::path::Path;

use crate::core::document::Document;
use crate::error::{Error, Result};

pub use read::{ImportInfo, MAX_DOCUMENT_BYTES, read_document, read_document_with_info};

/// Reads a source and a target document at once, each on its own thread.
///
/// The source's error is reported first when both fail.
pub fn read_pair(source: &Path, target: &Path) -> Result<(Document, Document)> {
    std::thread::scope(|scope| {
        let handle = scope.spawn(|| read_document(target));
        let source_doc = read_document(source);
        let target_doc = handle.join().unwrap_or_else(|_| read_document(target));
        Ok((source_doc?, target_doc?))
    })
}

/// A temporary file name in the same folder as `path` (so a rename onto `path` is atomic),
/// hidden and unique to this process: `.NAME.tmp-PID`.
pub fn temp_path_beside(path: &Path) -> std::path::PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{file_name}.tmp-{}", std::process::id()))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let io_err = |source| Error::Io {
        action: "cannot write",
        path: path.to_path_buf(),
        source,
    };
    let tmp = temp_path_beside(path);
    let dir = tmp.parent().unwrap_or(Path::new("."));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(source) = written {
        // Never leave a half-written temporary file behind; the target is untouched.
        let _ = std::fs::remove_file(&tmp);
        return Err(io_err(source));
    }
    // Make the rename itself durable where the platform allows opening a folder.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// The author recorded with changes when none is given: the operating system user
/// (`USER`, or `USERNAME` on Windows), or "unknown".
pub fn os_user() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}
