//! Word-level diff between two versions of a text, built on `similar`.
//!
//! Texts are cut into words (runs of letters and digits), runs of whitespace and single
//! punctuation characters, so "casa," → "casa;" shows only the comma changing. Consecutive
//! changes separated only by whitespace are shown as one deletion and one insertion, which reads
//! better than alternating word by word.

use serde::Serialize;
use similar::{Algorithm, DiffTag};

/// What happened to a stretch of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    /// In both versions.
    Equal,
    /// Only in the new version.
    Insert,
    /// Only in the old version.
    Delete,
}

/// A stretch of text and what happened to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffSpan {
    /// Equal, inserted or deleted.
    pub kind: DiffKind,
    /// The text.
    pub text: String,
}

/// Cuts `text` into words, whitespace runs and single other characters.
pub fn tokenize(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut prev: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let cls = class(c);
        let joins = prev == Some(cls) && cls != Class::Other;
        if !joins && i > start {
            tokens.push(&text[start..i]);
            start = i;
        }
        prev = Some(cls);
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

/// The word-level difference from `old` to `new`.
pub fn diff_words(old: &str, new: &str) -> Vec<DiffSpan> {
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);
    let ops = similar::capture_diff_slices(Algorithm::Myers, &old_tokens, &new_tokens);
    let mut raw: Vec<(DiffKind, String)> = Vec::new();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_text = || old_tokens[old_range.clone()].concat();
        let new_text = || new_tokens[new_range.clone()].concat();
        match tag {
            DiffTag::Equal => raw.push((DiffKind::Equal, old_text())),
            DiffTag::Delete => raw.push((DiffKind::Delete, old_text())),
            DiffTag::Insert => raw.push((DiffKind::Insert, new_text())),
            DiffTag::Replace => {
                raw.push((DiffKind::Delete, old_text()));
                raw.push((DiffKind::Insert, new_text()));
            }
        }
    }
    group_changes(raw)
}

/// Joins changes separated only by whitespace and emits each change group as delete + insert.
fn group_changes(raw: Vec<(DiffKind, String)>) -> Vec<DiffSpan> {
    let is_change = |k: DiffKind| k != DiffKind::Equal;
    let mut spans = Vec::new();
    let mut deleted = String::new();
    let mut inserted = String::new();
    let flush = |spans: &mut Vec<DiffSpan>, deleted: &mut String, inserted: &mut String| {
        if !deleted.is_empty() {
            spans.push(DiffSpan {
                kind: DiffKind::Delete,
                text: std::mem::take(deleted),
            });
        }
        if !inserted.is_empty() {
            spans.push(DiffSpan {
                kind: DiffKind::Insert,
                text: std::mem::take(inserted),
            });
        }
    };
    for (idx, (kind, text)) in raw.iter().enumerate() {
        match kind {
            DiffKind::Delete => deleted.push_str(text),
            DiffKind::Insert => inserted.push_str(text),
            DiffKind::Equal => {
                let between_changes = text.chars().all(char::is_whitespace)
                    && idx > 0
                    && raw.get(idx + 1).is_some_and(|(k, _)| is_change(*k))
                    && (!deleted.is_empty() || !inserted.is_empty());
                if between_changes {
                    deleted.push_str(text);
                    inserted.push_str(text);
                } else {
                    flush(&mut spans, &mut deleted, &mut inserted);
                    spans.push(DiffSpan {
                        kind: DiffKind::Equal,
                        text: text.clone(),
                    });
                }
            }
        }
    }
    flush(&mut spans, &mut deleted, &mut inserted);
    spans
}

/// Renders spans inline: deletions as `[-…-]`, insertions as `{+…+}`.
pub fn render_inline(spans: &[DiffSpan]) -> String {
    let mut out = String::new();
    for span in spans {
        match span.kind {
            DiffKind::Equal => out.push_str(&span.text),
            DiffKind::Delete => {
                out.push_str("[-");
                out.push_str(&span.text);
                out.push_str("-]");
            }
            DiffKind::Insert => {
                out.push_str("{+");
                out.push_str(&span.text);
                out.push_str("+}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(old: &str, new: &str, expected: &str) {
        assert_eq!(render_inline(&diff_words(old, new)), expected);
    }

    #[test]
    fn tokens_are_words_spaces_and_punctuation() {
        assert_eq!(
            tokenize("¡Hola, señor García!  Sí."),
            [
                "¡", "Hola", ",", " ", "señor", " ", "García", "!", "  ", "Sí", "."
            ]
        );
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn word_diffs_read_well() {
        check("same text", "same text", "same text");
        check(
            "The knight rode out.",
            "The old knight rode out.",
            "The {+old +}knight rode out.",
        );
        check("the big cat", "a small cat", "[-the big-]{+a small+} cat");
        check("casa, perro", "casa; perro", "casa[-,-]{+;+} perro");
        check("a b c", "a c", "a [-b -]c");
        check("", "new", "{+new+}");
        check("old", "", "[-old-]");
    }

    #[test]
    fn spans_concatenate_back_to_both_texts() {
        let old = "In a village of La Mancha, the name of which I have no desire to call to mind";
        let new = "Somewhere in La Mancha, in a place whose name I do not care to remember";
        let spans = diff_words(old, new);
        let side = |keep: DiffKind| -> String {
            spans
                .iter()
                .filter(|s| s.kind == DiffKind::Equal || s.kind == keep)
                .map(|s| s.text.as_str())
                .collect()
        };
        assert_eq!(side(DiffKind::Delete), old);
        assert_eq!(side(DiffKind::Insert), new);
    }
}
