//! Where to cut a pair in two: the cut whose first part holds the same share of the Spanish
//! as of the English, measured in characters, as aligners measure length. The user may fix
//! one side's cut (where the text cursor is); the other side then follows it.

use crate::core::document::Side;
use crate::core::export::PARAGRAPH_SEPARATOR;

/// The index of the paragraph that holds character `char_idx` of a pair's text, whose
/// paragraphs are joined by [`PARAGRAPH_SEPARATOR`]; a position in a separator belongs to the
/// paragraph after it, and one past the end to the last paragraph.
pub fn paragraph_at(text: &str, char_idx: usize) -> usize {
    let byte = text
        .char_indices()
        .nth(char_idx)
        .map_or(text.len(), |(byte, _)| byte);
    let before = text.get(..byte).unwrap_or(text);
    let n_separators = before.matches(PARAGRAPH_SEPARATOR).count();
    // A position inside a separator ("\n|\n") has not passed it yet but is not in the text
    // before it either.
    if before.ends_with('\n') && !before.ends_with(PARAGRAPH_SEPARATOR) {
        n_separators + 1
    } else {
        n_separators
    }
}

/// The length in characters of each paragraph of a pair's text.
pub fn paragraph_lengths(text: &str) -> Vec<usize> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(PARAGRAPH_SEPARATOR)
        .map(|p| p.chars().count())
        .collect()
}

/// Where to cut a pair whose paragraphs have these lengths: `(s, t)` gives the first part
/// the first `s` source and `t` target paragraphs. Both parts keep at least one paragraph,
/// and a cut that leaves one side of a part empty (an omission or an addition) is taken only
/// when it fits clearly better. With `fixed`, that side is cut there (clamped to a valid cut)
/// and only the other side is chosen. `None` when the pair has fewer than two paragraphs.
pub fn best_split(
    source: &[usize],
    target: &[usize],
    fixed: Option<(Side, usize)>,
) -> Option<(usize, usize)> {
    let (n, m) = (source.len(), target.len());
    if n + m < 2 {
        return None;
    }
    let shares = |lens: &[usize]| -> Vec<f64> {
        // Counted with one extra character each, so empty paragraphs still weigh something.
        let total: usize = lens.iter().map(|l| l + 1).sum();
        let mut acc = 0;
        let mut out = vec![0.0];
        for l in lens {
            acc += l + 1;
            out.push(acc as f64 / total.max(1) as f64);
        }
        out
    };
    let (source_share, target_share) = (shares(source), shares(target));
    let one_sided = |k: usize, len: usize| len > 0 && (k == 0 || k == len);
    let mut best: Option<(f64, (usize, usize))> = None;
    for s in 0..=n {
        for t in 0..=m {
            if (s, t) == (0, 0) || (s, t) == (n, m) {
                continue;
            }
            match fixed {
                Some((Side::Source, k)) if s != k.clamp(usize::from(m == 0), n) => continue,
                Some((Side::Target, k)) if t != k.clamp(usize::from(n == 0), m) => continue,
                _ => {}
            }
            let (Some(a), Some(b)) = (source_share.get(s), target_share.get(t)) else {
                continue;
            };
            let mut cost = (a - b).abs();
            if one_sided(s, n) || one_sided(t, m) {
                cost += 0.15;
            }
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, (s, t)));
            }
        }
    }
    best.map(|(_, cut)| cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_at_counts_the_separators_before_the_position() {
        let text = "Uno dos.\n\nTres.\n\nCuatro cinco.";
        assert_eq!(paragraph_at(text, 0), 0);
        assert_eq!(paragraph_at(text, 7), 0);
        assert_eq!(paragraph_at(text, 8), 0, "at the first newline");
        assert_eq!(paragraph_at(text, 9), 1, "between the two newlines");
        assert_eq!(paragraph_at(text, 10), 1);
        assert_eq!(paragraph_at(text, 17), 2);
        assert_eq!(paragraph_at(text, 1000), 2);
        assert_eq!(paragraph_at("sin párrafos", 5), 0);
    }

    #[test]
    fn the_cut_gives_each_part_the_same_share_of_both_sides() {
        // 3:2 — a long Spanish paragraph, then two short ones that one English paragraph
        // translates together.
        assert_eq!(best_split(&[300, 80, 90], &[310, 180], None), Some((1, 1)));
        // 2:3 the other way round.
        assert_eq!(best_split(&[100, 400], &[90, 200, 190], None), Some((1, 1)));
        // 2:2 with equal halves.
        assert_eq!(best_split(&[100, 100], &[120, 110], None), Some((1, 1)));
        // 1:2: the Spanish paragraph cannot be cut, so one part has no Spanish.
        assert_eq!(best_split(&[200], &[190, 15], None), Some((1, 1)));
    }

    #[test]
    fn a_fixed_side_is_cut_where_asked_and_the_other_follows() {
        let source = [100, 100, 100, 100];
        let target = [210, 190, 205];
        assert_eq!(
            best_split(&source, &target, Some((Side::Source, 2))),
            Some((2, 1))
        );
        assert_eq!(
            best_split(&source, &target, Some((Side::Source, 3))),
            Some((3, 2))
        );
        assert_eq!(
            best_split(&source, &target, Some((Side::Target, 1))),
            Some((1, 1))
        );
        // Out of range: clamped to the last cut that leaves the second part something.
        assert_eq!(
            best_split(&source, &target, Some((Side::Source, 9))),
            Some((4, 2))
        );
    }

    #[test]
    fn pairs_that_cannot_be_cut_give_none_and_every_cut_is_valid() {
        assert_eq!(best_split(&[10], &[], None), None);
        assert_eq!(best_split(&[], &[], None), None);
        assert_eq!(best_split(&[10], &[12], None), Some((0, 1)));
        for n in 0..4usize {
            for m in 0..4usize {
                let source: Vec<usize> = (0..n).map(|i| 10 * (i + 1)).collect();
                let target: Vec<usize> = (0..m).map(|i| 15 * (m - i)).collect();
                let Some((s, t)) = best_split(&source, &target, None) else {
                    assert!(n + m < 2);
                    continue;
                };
                assert!(s <= n && t <= m);
                assert!((s, t) != (0, 0) && (s, t) != (n, m), "{n}:{m} → {s},{t}");
            }
        }
    }

    #[test]
    fn paragraph_lengths_count_characters() {
        assert_eq!(paragraph_lengths("año\n\nniño"), vec![3, 4]);
        assert!(paragraph_lengths("").is_empty());
    }
}
