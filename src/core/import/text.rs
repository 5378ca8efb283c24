//! Plain text import: paragraphs separated by blank lines, or one paragraph per line.
//!
//! Blocks separated by blank lines (lines with only whitespace count as blank) are
//! paragraphs; their inner line breaks are hard wraps and become one space. A text with
//! no blank line between two lines of text (common for exported sentence lists) has one
//! paragraph per line. Whitespace runs become one space and paragraphs are trimmed.

use crate::core::document::Paragraph;
use crate::core::import::push_collapsed;

/// Splits plain text (LF line endings) into paragraphs.
pub(super) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = || text.split('\n').map(str::trim);
    let one_per_line = !has_separating_blank_line(lines());
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines() {
        if !line.is_empty() {
            // A hard-wrapped line continues the paragraph after one space.
            let mut pending_space = true;
            push_collapsed(&mut current, &mut pending_space, line);
        }
        if (line.is_empty() || one_per_line) && !current.is_empty() {
            paragraphs.push(Paragraph::text(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        paragraphs.push(Paragraph::text(current));
    }
    paragraphs
}

/// Whether a blank line stands between two lines of text (leading and trailing blank
/// lines separate nothing).
fn has_separating_blank_line<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for line in lines {
        if line.is_empty() {
            blank_after_text |= seen_text;
        } else if blank_after_text {
            return true;
        } else {
            seen_text = true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs joined by " | ".
    fn check(input: &str, expected: &str) {
        let actual: Vec<String> = paragraphs(input).into_iter().map(|p| p.text).collect();
        assert_eq!(actual.join(" | "), expected, "input: {input:?}");
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        check("Uno.\n\nDos.\n\n\nTres.", "Uno. | Dos. | Tres.");
    }

    #[test]
    fn whitespace_only_lines_are_blank() {
        check("Uno.\n \t \nDos.", "Uno. | Dos.");
    }

    #[test]
    fn hard_wrapped_lines_join_with_one_space() {
        check(
            "En un lugar de la Mancha,\n  de cuyo nombre\nno quiero acordarme.\n\nOtro.",
            "En un lugar de la Mancha, de cuyo nombre no quiero acordarme. | Otro.",
        );
    }

    #[test]
    fn no_blank_line_means_one_paragraph_per_line() {
        check("Uno.\nDos.\n  \tTres.  \n", "Uno. | Dos. | Tres.");
    }

    #[test]
    fn leading_and_trailing_blank_lines_do_not_count() {
        check("\n\n  Uno.\nDos.\n\n\n", "Uno. | Dos.");
    }

    #[test]
    fn whitespace_runs_collapse_but_no_break_space_stays() {
        check("a  \t b\u{2003}c   25\u{A0}€\n\nd", "a b c 25\u{A0}€ | d");
    }

    #[test]
    fn empty_and_blank_texts_have_no_paragraphs() {
        check("", "");
        check(" \n\t\n ", "");
    }
}
