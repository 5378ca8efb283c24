//! Which sentences of a pair's English translate which sentences of its Spanish, for the
//! sentence focus: hovering a sentence highlights its counterpart in the other column.

use std::ops::Range;

use crate::core::align::{Bead, align_sentences};
use crate::core::document::Side;
use crate::core::export::PARAGRAPH_SEPARATOR;
use crate::core::sentence::{Lang, split_sentences};

/// The sentences of both sides of a pair and how they align.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceMap {
    /// Character ranges of the source sentences, in order.
    pub source: Vec<Range<usize>>,
    /// Character ranges of the target sentences, in order.
    pub target: Vec<Range<usize>>,
    /// Sentence beads: indices into `source` and `target`.
    pub beads: Vec<Bead>,
}

/// What to highlight: character ranges in each column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceFocus {
    /// Ranges in the source text.
    pub source: Vec<Range<usize>>,
    /// Ranges in the target text.
    pub target: Vec<Range<usize>>,
}

impl SentenceMap {
    /// Splits both texts into sentences (paragraph by paragraph) and aligns them.
    pub fn new(source: &str, target: &str) -> Self {
        let source_ranges = sentence_chars(source, Lang::Es);
        let target_ranges = sentence_chars(target, Lang::En);
        let beads = if source_ranges.is_empty() || target_ranges.is_empty() {
            Vec::new()
        } else {
            let source_texts = slices(source, &source_ranges);
            let target_texts = slices(target, &target_ranges);
            align_sentences(&source_texts, &target_texts).beads
        };
        Self {
            source: source_ranges,
            target: target_ranges,
            beads,
        }
    }

    /// The sentence of `side` that character `char_idx` is in, if any.
    pub fn sentence_at(&self, side: Side, char_idx: usize) -> Option<usize> {
        self.side(side).iter().position(|r| r.contains(&char_idx))
    }

    /// The sentence indices on each side of the bead that holds sentence `k` of `side`: the
    /// sentence itself and its counterparts. Only the sentence itself if it aligns with nothing.
    pub fn counterparts(&self, side: Side, k: usize) -> (Range<usize>, Range<usize>) {
        let bead = self.beads.iter().find(|b| match side {
            Side::Source => b.source.contains(&k),
            Side::Target => b.target.contains(&k),
        });
        match (bead, side) {
            (Some(bead), _) => (bead.source.clone(), bead.target.clone()),
            (None, Side::Source) => (k..k + 1, 0..0),
            (None, Side::Target) => (0..0, k..k + 1),
        }
    }

    /// The character ranges to highlight when sentence `k` of `side` has the focus.
    pub fn focus(&self, side: Side, k: usize) -> SentenceFocus {
        let (source, target) = self.counterparts(side, k);
        SentenceFocus {
            source: source.filter_map(|i| self.source.get(i).cloned()).collect(),
            target: target.filter_map(|i| self.target.get(i).cloned()).collect(),
        }
    }

    fn side(&self, side: Side) -> &[Range<usize>] {
        match side {
            Side::Source => &self.source,
            Side::Target => &self.target,
        }
    }
}

/// Sentence ranges in characters, each paragraph split on its own.
fn sentence_chars(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut byte_start = 0;
    for paragraph in text.split(PARAGRAPH_SEPARATOR) {
        for r in split_sentences(paragraph, lang) {
            let start = byte_start + r.start;
            let end = byte_start + r.end;
            ranges.push(byte_to_char(text, start)..byte_to_char(text, end));
        }
        byte_start += paragraph.len() + PARAGRAPH_SEPARATOR.len();
    }
    ranges
}

fn byte_to_char(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |before| before.chars().count())
}

fn slices<'t>(text: &'t str, chars: &[Range<usize>]) -> Vec<&'t str> {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    chars
        .iter()
        .map(|r| {
            let start = bytes.get(r.start).copied().unwrap_or(text.len());
            let end = bytes.get(r.end).copied().unwrap_or(text.len());
            text.get(start..end).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders what sentence `k` of `side` focuses: "[source sentences] => [target sentences]".
    fn check(source: &str, target: &str, side: Side, k: usize, expected: &str) {
        let map = SentenceMap::new(source, target);
        let focus = map.focus(side, k);
        let pick = |text: &str, ranges: &[Range<usize>]| -> String {
            let chars: Vec<char> = text.chars().collect();
            ranges
                .iter()
                .map(|r| chars[r.clone()].iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let actual = format!(
            "[{}] => [{}]",
            pick(source, &focus.source),
            pick(target, &focus.target)
        );
        assert_eq!(actual, expected);
    }

    const ES: &str = "En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho \
        tiempo que vivía un hidalgo. Tenía en su casa una ama que pasaba de los cuarenta.\n\n\
        ¿Quién es él? Frisaba la edad de nuestro hidalgo con los cincuenta años.";
    const EN: &str = "In a village of La Mancha, the name of which I have no desire to call to \
        mind, there lived not long since a gentleman. He had in his house a housekeeper past \
        forty.\n\nWho is he? The age of this gentleman of ours was bordering on fifty.";

    #[test]
    fn each_sentence_focuses_its_translation() {
        check(
            ES,
            EN,
            Side::Source,
            1,
            "[Tenía en su casa una ama que pasaba de los cuarenta.] => \
             [He had in his house a housekeeper past forty.]",
        );
        check(ES, EN, Side::Target, 2, "[¿Quién es él?] => [Who is he?]");
        check(
            ES,
            EN,
            Side::Source,
            3,
            "[Frisaba la edad de nuestro hidalgo con los cincuenta años.] => \
             [The age of this gentleman of ours was bordering on fifty.]",
        );
    }

    #[test]
    fn sentences_are_found_by_character_and_an_empty_side_focuses_only_itself() {
        let map = SentenceMap::new(ES, EN);
        assert_eq!(map.source.len(), 4);
        assert_eq!(map.sentence_at(Side::Source, 0), Some(0));
        let char_of = |word: &str| ES[..ES.find(word).unwrap()].chars().count();
        assert_eq!(map.sentence_at(Side::Source, char_of("Quién")), Some(2));
        assert_eq!(
            map.sentence_at(Side::Source, char_of("Frisaba") + 3),
            Some(3)
        );
        // Between two paragraphs there is no sentence.
        assert_eq!(map.sentence_at(Side::Source, char_of("¿Quién") - 1), None);
        check("Hola. Adiós.", "", Side::Source, 1, "[Adiós.] => []");
    }
}
