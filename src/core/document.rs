//! Documents as the aligner and the reviewer see them: ordered paragraphs with a kind.

use serde::{Deserialize, Serialize};

/// Which side of the translation a document or paragraph belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The original (Spanish).
    Source,
    /// The translation (English).
    Target,
}

/// What kind of block a paragraph was in its file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// Running text.
    #[default]
    Text,
    /// A heading (Markdown `#`, or a chapter title).
    Heading,
    /// An item of a bulleted or numbered list.
    ListItem,
    /// A block quote.
    Quote,
    /// A code block, kept verbatim.
    Code,
}

/// One paragraph of a document: normalised text (NFC, single line) and its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text, NFC-normalised, without line breaks (except in code blocks).
    pub text: String,
    /// The block it came from.
    pub kind: ParagraphKind,
}

impl Paragraph {
    /// A plain text paragraph.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: ParagraphKind::Text,
        }
    }
}

/// An imported document: its paragraphs in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Paragraphs in file order; indices are the paragraph numbers used everywhere else.
    pub paragraphs: Vec<Paragraph>,
}
