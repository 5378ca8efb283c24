//! The shell's file access: reading documents and writing exports.
//!
//! Reading decodes and splits the text with the pure functions of [`crate::core::decode`] and
//! [`crate::core::import`]; this module only touches the disk and puts paths into errors.

mod read;

use std::path::Path;

use crate::core::document::Document;
use crate::core::progress::{NoProgress, Progress};
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
    write_atomic_with(path, bytes, &NoProgress)
}

/// How many bytes [`write_atomic_with`] writes between two progress reports.
const BYTES_PER_REPORT: usize = 256 * 1024;

/// [`write_atomic`], reporting the fraction written to `progress` and stopping with
/// [`Error::Cancelled`] when it asks, at any moment before the rename: then the temporary file
/// is removed and `path` keeps its old content.
pub fn write_atomic_with(path: &Path, bytes: &[u8], progress: &dyn Progress) -> Result<()> {
    use std::io::Write as _;
    let tmp = temp_path_beside(path);
    let dir = tmp.parent().unwrap_or(Path::new("."));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        let n_chunks = bytes.len().div_ceil(BYTES_PER_REPORT).max(1);
        for (k, chunk) in bytes.chunks(BYTES_PER_REPORT).enumerate() {
            if progress.is_cancelled() {
                return Ok(false);
            }
            file.write_all(chunk)?;
            // Syncing takes about as long as writing: the bytes are the first 90%.
            progress.report(0.9 * (k + 1) as f32 / n_chunks as f32);
        }
        file.sync_all()?;
        drop(file);
        if progress.is_cancelled() {
            return Ok(false);
        }
        std::fs::rename(&tmp, path).map(|()| true)
    })();
    match written {
        Ok(true) => {}
        Ok(false) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Cancelled {
                path: path.to_path_buf(),
            });
        }
        Err(source) => {
            // Never leave a half-written temporary file behind; the target is untouched.
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Io {
                action: "cannot write",
                path: path.to_path_buf(),
                source,
            });
        }
    }
    // Make the rename itself durable where the platform allows opening a folder.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    progress.report(1.0);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Cancels once `n` reports have come in.
    struct CancelAfter(usize, Mutex<Vec<f32>>);

    impl Progress for CancelAfter {
        fn report(&self, done: f32) {
            self.1.lock().unwrap().push(done);
        }
        fn is_cancelled(&self) -> bool {
            self.1.lock().unwrap().len() >= self.0
        }
    }

    #[test]
    fn a_cancelled_write_keeps_the_old_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let bytes = vec![b'x'; 4 * BYTES_PER_REPORT + 1];
        for n in [0, 2, 5] {
            let progress = CancelAfter(n, Mutex::default());
            let err = write_atomic_with(&path, &bytes, &progress).unwrap_err();
            assert_eq!(err.to_string(), format!("cancelled: {}", path.display()));
            assert_eq!(progress.1.lock().unwrap().len(), n);
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
            let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert_eq!(names.len(), 1, "{names:?}");
        }
        let progress = CancelAfter(usize::MAX, Mutex::default());
        write_atomic_with(&path, &bytes, &progress).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let reports = progress.1.into_inner().unwrap();
        assert_eq!(reports.len(), 6, "{reports:?}");
        assert_eq!(reports.last(), Some(&1.0));
    }
}
