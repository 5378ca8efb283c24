//! Paragraph and sentence alignment (placeholder while the aligner is written).

use std::ops::Range;

use crate::core::document::Paragraph;

/// One aligned group: consecutive source paragraphs with consecutive target paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// Source paragraph indices (may be empty: an addition in the target).
    pub source: Range<usize>,
    /// Target paragraph indices (may be empty: an omission).
    pub target: Range<usize>,
    /// How sure the aligner is, in [0, 1].
    pub confidence: f64,
}

/// A monotone alignment covering every paragraph of both sides exactly once, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// The beads in document order.
    pub beads: Vec<Bead>,
}

/// Aligns two documents paragraph by paragraph.
pub fn align_paragraphs(source: &[Paragraph], target: &[Paragraph]) -> Alignment {
    let n = source.len().max(target.len());
    let beads = (0..n)
        .map(|i| Bead {
            source: i.min(source.len())..(i + 1).min(source.len()),
            target: i.min(target.len())..(i + 1).min(target.len()),
            confidence: 0.5,
        })
        .collect();
    Alignment { beads }
}

/// Aligns the sentences of one bead.
pub fn align_sentences(source: &[&str], target: &[&str]) -> Alignment {
    let s: Vec<Paragraph> = source.iter().map(|t| Paragraph::text(*t)).collect();
    let t: Vec<Paragraph> = target.iter().map(|t| Paragraph::text(*t)).collect();
    align_paragraphs(&s, &t)
}
