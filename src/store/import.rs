//! Reading a document to import into a project: its paragraphs, file name and content hash.

use std::path::Path;

use sha2::Digest as _;

use crate::core::project::ImportedDocument;
use crate::error::{Error, Result};

/// Reads `path` with `io::read_document` and fingerprints its bytes.
pub fn read_import(path: &Path) -> Result<ImportedDocument> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        action: "cannot read",
        path: path.to_path_buf(),
        source,
    })?;
    let document = crate::io::read_document(path)?;
    Ok(ImportedDocument {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        content_hash: content_hash(&bytes),
        document,
    })
}

/// `sha256:` followed by the lowercase hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::from("sha256:");
    for byte in digest.iter() {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256() {
        assert_eq!(
            content_hash(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
