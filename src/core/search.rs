//! Text search for the workbench: accent- and case-insensitive substring search ("nino" finds
//! "Niño") with the character ranges of each hit, and the subsequence match that ranks
//! commands in the command palette.

use std::ops::Range;

use crate::core::align::fold;

/// `text` folded (accents stripped, lowercase), with the original character index of every
/// folded character, so hits in the folded text map back to the original.
fn fold_with_offsets(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for (char_idx, c) in text.chars().enumerate() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            origin.push(char_idx);
            continue;
        }
        for f in fold(c.encode_utf8(&mut buf)).chars() {
            folded.push(f);
            origin.push(char_idx);
        }
    }
    (folded, origin)
}

/// Whether `text` contains `folded_query` (already passed through [`fold`]), ignoring accents
/// and case. An empty query matches nothing.
pub fn contains_folded(text: &str, folded_query: &str) -> bool {
    !folded_query.is_empty() && fold(text).contains(folded_query)
}

/// The character ranges of `text` where `query` occurs, ignoring accents and case, in order and
/// without overlaps. An empty query finds nothing.
pub fn find_folded(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = fold(query).chars().collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let (folded, origin) = fold_with_offsets(text);
    let mut hits = Vec::new();
    let mut at = 0;
    while at + needle.len() <= folded.len() {
        if folded.get(at..at + needle.len()) == Some(needle.as_slice()) {
            let (Some(start), Some(last)) = (origin.get(at), origin.get(at + needle.len() - 1))
            else {
                break;
            };
            hits.push(*start..*last + 1);
            at += needle.len();
        } else {
            at += 1;
        }
    }
    hits
}

/// How well `label` matches `query` as a subsequence, ignoring accents and case: `None` when
/// it does not, otherwise a cost where lower is better. Letters at the start of a word and
/// letters next to each other cost less, so "pr" ranks "Previous pair" before "Approve". An
/// empty query matches everything at cost 0.
pub fn fuzzy_cost(query: &str, label: &str) -> Option<u32> {
    let query: Vec<char> = fold(query).chars().filter(|c| !c.is_whitespace()).collect();
    let label: Vec<char> = fold(label).chars().collect();
    let mut cost = 0u32;
    let mut from = 0;
    let mut previous: Option<usize> = None;
    for q in query {
        let found = label
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, c)| **c == q)
            .map(|(idx, _)| idx)?;
        let word_start = found == 0 || label.get(found - 1).is_some_and(|c| !c.is_alphanumeric());
        let adjacent = previous.is_some_and(|p| p + 1 == found);
        cost += match (adjacent, word_start) {
            (true, _) => 0,
            (false, true) => 1,
            (false, false) => 3 + u32::try_from(found - from).unwrap_or(u32::MAX / 8).min(8),
        };
        previous = Some(found);
        from = found + 1;
    }
    Some(cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, query: &str, expected: &str) {
        let marked: String = {
            let hits = find_folded(text, query);
            let mut out = String::new();
            for (idx, c) in text.chars().enumerate() {
                if hits.iter().any(|h| h.start == idx) {
                    out.push('[');
                }
                out.push(c);
                if hits.iter().any(|h| h.end == idx + 1) {
                    out.push(']');
                }
            }
            out
        };
        assert_eq!(marked, expected);
    }

    #[test]
    fn search_ignores_accents_and_case() {
        check("El niño y la NIÑA", "nin", "El [niñ]o y la [NIÑ]A");
        check("Straße", "ss", "Stra[ß]e");
        check("señor", "", "señor");
        check("Œuvre", "oeu", "[Œu]vre");
        assert!(contains_folded("desentrañarles", &fold("DESENTRANAR")));
        assert!(!contains_folded("abc", ""));
    }

    #[test]
    fn fuzzy_ranks_word_starts_and_runs_first() {
        assert_eq!(fuzzy_cost("", "Approve"), Some(0));
        assert_eq!(fuzzy_cost("xyz", "Approve"), None);
        let word_start = fuzzy_cost("pr", "Previous pair").unwrap();
        let inside = fuzzy_cost("pr", "Approve").unwrap();
        assert!(word_start < inside, "{word_start} {inside}");
        assert!(fuzzy_cost("confirm ALIGN", "Confirm alignment").is_some());
        assert!(fuzzy_cost("mas", "Más").is_some());
    }
}
