//! Reading a TXT or Markdown file from disk into a [`Document`].

use std::path::Path;

use crate::core::decode::decode;
use crate::core::document::Document;
use crate::core::import::{Format, parse_document};
use crate::error::{Error, Result};

/// The largest file [`read_document`] accepts: far more than any book.
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// Extensions of formats that are not text, with the name used in the error message.
const UNSUPPORTED: [(&str, &str); 10] = [
    ("docx", "DOCX"),
    ("doc", "DOC"),
    ("odt", "ODT"),
    ("rtf", "RTF"),
    ("pdf", "PDF"),
    ("epub", "EPUB"),
    ("xlsx", "XLSX"),
    ("pptx", "PPTX"),
    ("zip", "ZIP"),
    ("gz", "GZIP"),
];

/// What [`read_document_with_info`] learned about the file besides its paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportInfo {
    /// The format chosen from the extension.
    pub format: Format,
    /// The WHATWG name of the encoding the file was read in ("UTF-8", "windows-1252", …).
    pub encoding: &'static str,
    /// Whether the file started with a byte order mark.
    pub has_bom: bool,
    /// How many invalid byte sequences were replaced by U+FFFD; worth a warning when not 0.
    pub n_replaced: usize,
}

/// Reads a TXT or Markdown file (any common encoding) into a document.
///
/// The format follows the extension (see [`Format::from_path`]); `.docx`, `.pdf` and other
/// non-text formats are refused with an error naming the format.
pub fn read_document(path: &Path) -> Result<Document> {
    read_document_with_info(path).map(|(document, _)| document)
}

/// Like [`read_document`], and also says which encoding the file was in.
pub fn read_document_with_info(path: &Path) -> Result<(Document, ImportInfo)> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if let Some((_, format)) = UNSUPPORTED
        .iter()
        .find(|(unsupported, _)| extension.eq_ignore_ascii_case(unsupported))
    {
        return Err(Error::Unsupported {
            path: path.to_path_buf(),
            format,
        });
    }
    let io_err = |source| Error::Io {
        action: "cannot read",
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io_err)?;
    if !metadata.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if metadata.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size_bytes: metadata.len(),
            limit_bytes: MAX_DOCUMENT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    let decoded = decode(&bytes).map_err(|reason| Error::Decode {
        path: path.to_path_buf(),
        reason,
    })?;
    let format = Format::from_path(path);
    let document = parse_document(&decoded.text, format);
    let info = ImportInfo {
        format,
        encoding: decoded.encoding,
        has_bom: decoded.has_bom,
        n_replaced: decoded.n_replaced,
    };
    Ok((document, info))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::core::document::ParagraphKind;

    fn data(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name)
    }

    /// Reads `path` and shows "encoding: paragraph | paragraph" or "error: message".
    fn check(path: &Path, expected: &str) {
        let actual = match read_document_with_info(path) {
            Ok((document, info)) => {
                let texts: Vec<&str> = document
                    .paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect();
                format!("{}: {}", info.encoding, texts.join(" | "))
            }
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(actual, expected, "path: {}", path.display());
    }

    /// Asserts that reading `path` fails with a message that contains `reason` and the path.
    fn check_error(path: &Path, reason: &str) {
        let message = match read_document(path) {
            Ok(document) => panic!("{} read as {document:?}", path.display()),
            Err(error) => error.to_string(),
        };
        assert!(
            message.contains(reason),
            "{message:?} does not say {reason:?}"
        );
        assert!(
            message.ends_with(&path.display().to_string()),
            "{message:?} does not end with the path"
        );
    }

    const ES_PARAGRAPHS: &str = "El año pasado, la compañía publicó su informe anual. \
        | ¿Qué significa esto para los niños? ¡Mucho! \
        | Él dijo: “La pingüinera está en el sur”, y añadió ‘según el cañón’. \
        | Precio: 25 € — descuento del 10 %… (sólo hoy).";

    #[test]
    fn every_encoding_of_the_spanish_sample_reads_the_same() {
        for (name, encoding) in [
            ("es-utf8.txt", "UTF-8"),
            ("es-utf8-bom.txt", "UTF-8"),
            ("es-utf8-crlf.txt", "UTF-8"),
            ("es-utf16le-bom.txt", "UTF-16LE"),
            ("es-utf16be-bom.txt", "UTF-16BE"),
            ("es-windows1252.txt", "windows-1252"),
            ("es-windows1252-crlf.txt", "windows-1252"),
        ] {
            check(
                &data(&format!("text-encodings/{name}")),
                &format!("{encoding}: {ES_PARAGRAPHS}"),
            );
        }
    }

    #[test]
    fn iso_8859_1_is_read_as_its_windows_1252_superset() {
        check(
            &data("text-encodings/es-iso8859-1.txt"),
            "windows-1252: El año pasado, la compañía publicó su informe anual. \
            | ¿Qué significa esto para los niños? ¡Mucho! \
            | Él dijo: «La pingüinera está en el sur», y añadió: ½ del cañón. \
            | Nº de pedido: 25ª edición; temperatura 30 ºC.",
        );
    }

    #[test]
    fn english_sample() {
        check(
            &data("text-encodings/en-utf8.txt"),
            "UTF-8: Last year, the company published its annual report. \
            | What does this mean for the children? A lot! \
            | He said: “The penguin colony is in the south”, and added ‘according to the canyon’. \
            | Price: €25 — 10% discount… (today only).",
        );
    }

    /// The file is UTF-8 with one lone lead byte (`61 C3 20`, "a\u{FFFD} " instead of "año").
    /// The rest of the file is valid UTF-8, so it stays UTF-8 with one U+FFFD, and the
    /// caller learns about it from `n_replaced`; guessing windows-1252 would garble every
    /// other accented letter.
    #[test]
    fn invalid_utf8_sequence_is_replaced_and_counted() {
        let path = data("text-encodings/es-utf8-invalid-sequence.txt");
        let Ok((_, info)) = read_document_with_info(&path) else {
            panic!("cannot read {}", path.display());
        };
        assert_eq!(info.n_replaced, 1);
        check(
            &path,
            &format!("UTF-8: {}", ES_PARAGRAPHS.replacen("año", "a\u{FFFD}", 1)),
        );
    }

    #[test]
    fn markdown_by_extension() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("capítulo.md");
        std::fs::write(&path, "# Capítulo I\r\n\r\n- *uno*\r\n- dos\r\n").expect("write");
        let document = read_document(&path).expect("read");
        let kinds: Vec<(ParagraphKind, &str)> = document
            .paragraphs
            .iter()
            .map(|p| (p.kind, p.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ParagraphKind::Heading, "Capítulo I"),
                (ParagraphKind::ListItem, "uno"),
                (ParagraphKind::ListItem, "dos")
            ]
        );
    }

    #[test]
    fn binary_garbage_is_refused() {
        check_error(
            &data("text-encodings/binary-garbage.txt"),
            "binary data, not text",
        );
    }

    #[test]
    fn empty_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let empty = dir.path().join("vacío.txt");
        std::fs::write(&empty, b"").expect("write");
        check_error(&empty, "empty file");
        let blank = dir.path().join("blank.md");
        std::fs::write(&blank, b"\xef\xbb\xbf \r\n\t\r\n").expect("write");
        check_error(&blank, "empty file");
    }

    #[test]
    fn folders_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        check_error(dir.path(), "not a file");
        check_error(&dir.path().join("missing.txt"), "cannot read");
        assert!(matches!(
            read_document(&dir.path().join("missing.txt")),
            Err(Error::Io { .. })
        ));
    }

    #[test]
    fn non_text_formats_are_refused_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fake_docx = dir.path().join("x.docx");
        std::fs::write(&fake_docx, "Hola, mundo.").expect("write");
        check_error(&fake_docx, "DOCX is not supported yet");
        check_error(&dir.path().join("missing.PDF"), "PDF is not supported yet");
        check_error(&data("not-text/hello.zip"), "ZIP is not supported yet");
        let zip_as_txt = dir.path().join("hello.txt");
        std::fs::copy(data("not-text/hello.zip"), &zip_as_txt).expect("copy");
        check_error(&zip_as_txt, "not a text file (ZIP archive)");
    }
}
