//! Rendering the approved translation as text: plain TXT or Markdown.
//!
//! A pair's target text keeps the paragraph boundaries of the imported English as blank lines,
//! so exporting an unedited, fully approved project gives back the English paragraphs, one per
//! block, separated by a blank line. Export fails closed: any pair that is not approved stops it,
//! unless the caller explicitly allows unapproved pairs.

use std::fmt;
use std::str::FromStr;

use crate::core::document::ParagraphKind;
use crate::core::review::{PairId, PairState};

/// Separator between paragraphs, inside a pair's text and in the export.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The file format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Plain text, paragraphs separated by a blank line.
    Txt,
    /// Markdown: headings, list items, quotes and code blocks keep their markup.
    Md,
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "txt" => Ok(Self::Txt),
            "md" => Ok(Self::Md),
            _ => Err(format!("unknown export format {s:?} (expected txt or md)")),
        }
    }
}

/// What the export needs from one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportPair {
    /// The pair.
    pub id: PairId,
    /// Its current state.
    pub state: PairState,
    /// Its current target text (the approved revision when the state is approved).
    pub text: String,
    /// The kinds of the imported target paragraphs of the pair, in order.
    pub kinds: Vec<ParagraphKind>,
}

/// Export refused: these pairs are not approved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unapproved(pub Vec<PairId>);

impl fmt::Display for Unapproved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{} pair(s) not approved: {}",
            self.0.len(),
            ids.join(", ")
        )
    }
}

/// Renders the translation of `pairs` (in document order).
///
/// Refuses with the ids of the unapproved pairs unless `allow_unapproved`.
pub fn render(
    pairs: &[ExportPair],
    format: ExportFormat,
    allow_unapproved: bool,
) -> Result<String, Unapproved> {
    if !allow_unapproved {
        let unapproved: Vec<PairId> = pairs
            .iter()
            .filter(|p| p.state != PairState::Approved)
            .map(|p| p.id)
            .collect();
        if !unapproved.is_empty() {
            return Err(Unapproved(unapproved));
        }
    }
    let mut blocks: Vec<String> = Vec::new();
    for pair in pairs {
        let paragraphs = pair
            .text
            .split(PARAGRAPH_SEPARATOR)
            .filter(|p| !p.trim().is_empty());
        for (idx, paragraph) in paragraphs.enumerate() {
            let block = match format {
                ExportFormat::Txt => paragraph.to_owned(),
                ExportFormat::Md => {
                    // An edit may change the number of paragraphs; extra ones take the last kind.
                    let kind = pair
                        .kinds
                        .get(idx)
                        .or(pair.kinds.last())
                        .copied()
                        .unwrap_or_default();
                    markdown_block(paragraph, kind)
                }
            };
            blocks.push(block);
        }
    }
    if blocks.is_empty() {
        return Ok(String::new());
    }
    let mut out = blocks.join(PARAGRAPH_SEPARATOR);
    out.push('\n');
    Ok(out)
}

/// One paragraph as a Markdown block.
fn markdown_block(text: &str, kind: ParagraphKind) -> String {
    match kind {
        ParagraphKind::Text => text.to_owned(),
        ParagraphKind::Heading => format!("# {text}"),
        ParagraphKind::ListItem => format!("- {text}"),
        ParagraphKind::Quote => format!("> {text}"),
        ParagraphKind::Code => format!("```\n{text}\n```"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: i64, state: PairState, text: &str, kinds: &[ParagraphKind]) -> ExportPair {
        ExportPair {
            id: PairId(id),
            state,
            text: text.into(),
            kinds: kinds.to_vec(),
        }
    }

    use PairState::{Approved, Draft, Reviewed};
    use ParagraphKind::{Code, Heading, ListItem, Quote, Text};

    #[test]
    fn txt_keeps_paragraphs_and_skips_empty_pairs() {
        let pairs = [
            pair(1, Approved, "Chapter 1", &[Heading]),
            pair(2, Approved, "First.\n\nSecond.", &[Text, Text]),
            pair(3, Approved, "", &[]),
            pair(4, Approved, "Third.", &[Text]),
        ];
        let out = render(&pairs, ExportFormat::Txt, false).unwrap();
        assert_eq!(out, "Chapter 1\n\nFirst.\n\nSecond.\n\nThird.\n");
    }

    #[test]
    fn md_marks_up_blocks_by_kind() {
        let pairs = [
            pair(1, Approved, "Chapter 1", &[Heading]),
            pair(2, Approved, "one\n\ntwo", &[ListItem, ListItem]),
            pair(3, Approved, "Said he.", &[Quote]),
            pair(4, Approved, "let x = 1;", &[Code]),
            pair(5, Approved, "added", &[]),
        ];
        let out = render(&pairs, ExportFormat::Md, false).unwrap();
        assert_eq!(
            out,
            "# Chapter 1\n\n- one\n\n- two\n\n> Said he.\n\n```\nlet x = 1;\n```\n\nadded\n"
        );
    }

    #[test]
    fn unapproved_pairs_refuse_the_export() {
        let pairs = [
            pair(1, Approved, "a", &[Text]),
            pair(2, Draft, "b", &[Text]),
            pair(3, Reviewed, "c", &[Text]),
        ];
        let err = render(&pairs, ExportFormat::Txt, false).unwrap_err();
        assert_eq!(err.to_string(), "2 pair(s) not approved: 2, 3");
        let out = render(&pairs, ExportFormat::Txt, true).unwrap();
        assert_eq!(out, "a\n\nb\n\nc\n");
    }
}
