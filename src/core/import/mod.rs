//! Splitting decoded text into paragraphs, one module per file format.
//!
//! Every format module turns a `&str` into a [`Document`]; `io` decodes the file first
//! (see [`crate::core::decode`]). DOCX, HTML or XLIFF readers would join as new modules here.

mod markdown;
mod text;

use std::path::Path;

use crate::core::decode::normalize;
use crate::core::document::Document;

/// The formats a document can be imported from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: paragraphs are separated by blank lines (or are single lines).
    #[default]
    Text,
    /// CommonMark Markdown: headings, lists, quotes and code blocks keep their kind.
    Markdown,
}

impl Format {
    /// Chooses the format from a file name: `.md` and `.markdown` are Markdown, the rest text.
    pub fn from_path(path: &Path) -> Self {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown") {
            Self::Markdown
        } else {
            Self::Text
        }
    }
}

/// Splits `text` into paragraphs according to `format`.
///
/// Line endings are made LF and the text NFC first (cheap when it already is), so every
/// paragraph of the result is normalised. Paragraphs are never empty.
pub fn parse_document(text: &str, format: Format) -> Document {
    let text = normalize(text);
    let paragraphs = match format {
        Format::Text => text::paragraphs(&text),
        Format::Markdown => markdown::paragraphs(&text),
    };
    Document { paragraphs }
}

/// Appends `text` to `out` with whitespace runs collapsed to one space, `pending_space`
/// carrying a space across calls. Leading spaces are dropped; no-break spaces are kept.
pub(crate) fn push_collapsed(out: &mut String, pending_space: &mut bool, text: &str) {
    if !needs_collapsing(text) {
        // The common case: words separated by single spaces, nothing to trim.
        if !text.is_empty() {
            if *pending_space && !out.is_empty() {
                out.push(' ');
            }
            *pending_space = false;
            out.push_str(text);
        }
        return;
    }
    for (idx, word) in text.split(is_collapsible_space).enumerate() {
        if idx > 0 {
            *pending_space = true;
        }
        if word.is_empty() {
            continue;
        }
        if *pending_space && !out.is_empty() {
            out.push(' ');
        }
        *pending_space = false;
        out.push_str(word);
    }
}

/// Whether `text` has leading or trailing whitespace, a run of spaces, or whitespace other
/// than a plain space. Checks bytes, decoding a character only at the lead bytes of
/// non-ASCII whitespace.
fn needs_collapsing(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut prev_is_space = true;
    for (idx, &byte) in bytes.iter().enumerate() {
        let is_space = match byte {
            b' ' => true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return true,
            // Non-ASCII whitespace always becomes a plain space.
            0xC2 | 0xE1 | 0xE2 | 0xE3
                if text
                    .get(idx..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(is_collapsible_space) =>
            {
                return true;
            }
            _ => false,
        };
        if is_space && prev_is_space {
            return true;
        }
        prev_is_space = is_space;
    }
    prev_is_space && !bytes.is_empty()
}

/// Whitespace that layout may change freely; no-break spaces (U+00A0, U+2007, U+202F)
/// carry meaning in Spanish and French typography ("25 €", "10 %"), so they stay.
pub(crate) fn is_collapsible_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_path() {
        assert_eq!(Format::from_path(Path::new("a/b.md")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("b.MARKDOWN")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("b.txt")), Format::Text);
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
        assert_eq!(Format::from_path(Path::new("md")), Format::Text);
    }

    #[test]
    fn collapse_across_pieces() {
        let (mut out, mut pending) = (String::new(), false);
        for piece in ["  a \t b ", "", "c", "\n d\u{A0}€ "] {
            push_collapsed(&mut out, &mut pending, piece);
        }
        assert_eq!(out, "a b c d\u{A0}€");
        assert!(pending);
    }

    #[test]
    fn fast_and_slow_collapsing_agree() {
        for text in [
            "",
            "a",
            " a",
            "a ",
            "a b",
            "a  b",
            "a\tb",
            "a\u{2003}b",
            "a\u{A0}b",
            "¿Qué? “Sí” — 25 €",
            "a\u{3000}",
            "\u{85}",
        ] {
            let needs = needs_collapsing(text);
            let (mut out, mut pending) = (String::new(), false);
            push_collapsed(&mut out, &mut pending, text);
            let collapsed: Vec<&str> = text
                .split(is_collapsible_space)
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(out, collapsed.join(" "), "{text:?}");
            assert_eq!(needs, out != text, "{text:?}");
        }
    }

    #[test]
    fn parse_normalises_line_endings_and_nfc() {
        // "n" + combining tilde becomes the single character "ñ".
        let doc = parse_document("an\u{303}o\r\n\r\nsi\rno", Format::Text);
        let texts: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["año", "si no"]);
    }
}
