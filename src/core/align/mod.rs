//! Paragraph and sentence alignment of a source document with its translation.
//!
//! The aligner works in two passes (see `ARCHITECTURE.md`):
//! 1. words that occur once in each document anchor a centre line; a cheap dynamic program
//!    (1:1, 1:0, 0:1) in a band around it, with lengths and words spelled alike or found in the
//!    seed dictionary, finds the rough path;
//! 2. the document's own statistics are estimated from that path's confident 1:1 pairs (length
//!    ratio and variance, a dictionary of co-occurring stems, how often anchors match in a true
//!    pair versus a neighbouring one), and a second dynamic program with every bead shape of the
//!    issue (0:1, 1:0, 1:1, 1:2, 2:1, 2:2, 1:3, 3:1, 2:3, 3:2) runs in a narrow band around the
//!    first path, pricing each bead by its length, by the log-likelihood of its anchor matches,
//!    and by the paragraph kinds. Short documents get one more round, learning from the second
//!    pass's pairs.
//!
//! Both passes are banded, so time and memory grow linearly with the document.

mod dp;
mod features;
mod model;
mod seed;

use std::ops::Range;

use crate::core::document::{Paragraph, ParagraphKind};
use crate::core::progress::{Cancelled, NoProgress, Part, Progress};

use dp::{Band, Shape};
pub use features::fold;
use features::{Featurizer, Segment};
use model::{AnchorRates, LengthModel, Lexicon};

/// One aligned group: consecutive source paragraphs with consecutive target paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// Source paragraph indices (empty: an addition in the target).
    pub source: Range<usize>,
    /// Target paragraph indices (empty: an omission in the target).
    pub target: Range<usize>,
    /// How sure the aligner is, in [0, 1]; low where it is unsure.
    pub confidence: f64,
}

impl Bead {
    /// The bead's shape as "source:target", e.g. "2:1".
    pub fn shape(&self) -> String {
        format!("{}:{}", self.source.len(), self.target.len())
    }
}

/// A monotone alignment covering every paragraph of both sides exactly once, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// The beads in document order.
    pub beads: Vec<Bead>,
}

impl Alignment {
    /// The bead list in the JSON format of the dev data: `[[[source…], [target…]], …]`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("[\n");
        for (k, bead) in self.beads.iter().enumerate() {
            let list = |r: &Range<usize>| {
                r.clone()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push_str(&format!(
                "[[{}], [{}]]",
                list(&bead.source),
                list(&bead.target)
            ));
            out.push_str(if k + 1 < self.beads.len() {
                ",\n"
            } else {
                "\n"
            });
        }
        out.push(']');
        out
    }

    /// Whether every source index `0..n` and target index `0..m` occurs exactly once, in order.
    pub fn is_complete(&self, n: usize, m: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for bead in &self.beads {
            if bead.source.start != i || bead.target.start != j {
                return false;
            }
            i = bead.source.end;
            j = bead.target.end;
        }
        i == n && j == m
    }
}

/// Bead shapes of the second pass, `(source, target)`. Besides the usual ones, one paragraph
/// may stand for a run of up to six on the other side: translators join the short speeches of
/// a dialogue (Ormsby's Quijote does it on almost every page), and a run longer than the
/// longest shape can only come out as omissions.
const SHAPES: [Shape; 16] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (3, 2),
    (2, 3),
    (4, 1),
    (1, 4),
    (5, 1),
    (1, 5),
    (6, 1),
    (1, 6),
];

/// At most this many confident pairs teach the dictionary; the others measure it.
const LEARN_PAIRS: usize = 800;

/// A list of `(source, target)` paragraph pairs.
type Pairs = Vec<(usize, usize)>;

/// Splits `pairs` by position: those whose index `k` satisfies `first(k)`, and the others.
fn split_pairs(pairs: &[(usize, usize)], first: impl Fn(usize) -> bool) -> (Pairs, Pairs) {
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for (k, &pair) in pairs.iter().enumerate() {
        if first(k) {
            yes.push(pair)
        } else {
            no.push(pair)
        }
    }
    (yes, no)
}

/// Bead shapes of the first, length-only pass.
const ROUGH_SHAPES: [Shape; 3] = [(1, 1), (1, 0), (0, 1)];

/// Tunable constants of the aligner. The defaults were set on the dev data; nothing depends on
/// a document's name, size or position.
#[derive(Clone, Debug)]
pub struct Params {
    /// Half-width of the first pass's band, in paragraphs (doubled while the path hits its edge).
    pub rough_band: usize,
    /// Half-width of the second pass's band around the first path.
    pub fine_band: usize,
    /// Weight of the lexical log-likelihood against length and priors.
    pub lexical_weight: f64,
    /// Cost of a paragraph left unaligned (1:0 or 0:1).
    pub null_cost: f64,
    /// Cost of a paragraph that matches nothing inside a merged bead.
    pub anchorless_cost: f64,
    /// Cost of a heading paired with a non-heading, or a heading inside a merged bead.
    pub kind_cost: f64,
    /// Extra rounds of the second pass, each learning from the previous round's pairs.
    pub refinements: usize,
    /// Bonus for each paragraph inside a merged bead that ends with a colon and is followed by
    /// the rest of the bead: a lead-in joined to what it announces.
    pub lead_in_bonus: f64,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            rough_band: 10,
            fine_band: 4,
            lexical_weight: 0.5,
            null_cost: 5.5,
            anchorless_cost: 2.5,
            kind_cost: 3.0,
            refinements: 1,
            lead_in_bonus: 1.5,
        }
    }
}

/// Prior cost (−ln probability) of a bead shape, before lengths and anchors.
fn shape_prior(shape: Shape) -> f64 {
    match shape {
        (1, 1) => 0.0,
        (2, 1) | (1, 2) => 3.0,
        (2, 2) => 3.5,
        (3, 1) | (1, 3) => 5.0,
        (3, 2) | (2, 3) => 6.0,
        // Runs of four to six joined into one.
        _ => 7.5,
    }
}

/// Aligns two documents paragraph by paragraph with the default parameters.
pub fn align_paragraphs(source: &[Paragraph], target: &[Paragraph]) -> Alignment {
    let (alignment, _) = Aligner::new(Params::default()).align(source, target);
    alignment
}

/// [`align_paragraphs`], reporting to `progress` and stopping with [`Cancelled`] when it asks.
pub fn align_paragraphs_with(
    source: &[Paragraph],
    target: &[Paragraph],
    progress: &dyn Progress,
) -> Result<Alignment, Cancelled> {
    let (alignment, _) = Aligner::new(Params::default()).align_with(source, target, progress)?;
    Ok(alignment)
}

/// Aligns the sentences of one bead on their own (lengths, words spelled alike, the seed
/// dictionary); [`DocumentModel::align_sentences`] also uses what the whole document taught.
pub fn align_sentences(source: &[&str], target: &[&str]) -> Alignment {
    let s: Vec<Paragraph> = source.iter().map(|t| Paragraph::text(*t)).collect();
    let t: Vec<Paragraph> = target.iter().map(|t| Paragraph::text(*t)).collect();
    align_paragraphs(&s, &t)
}

/// What the aligner learned from a document pair, reusable to align sentences inside its beads.
#[derive(Debug)]
pub struct DocumentModel {
    featurizer: Featurizer,
    length: LengthModel,
    lexicon: Lexicon,
    rates: AnchorRates,
    params: Params,
}

impl DocumentModel {
    /// A model that learned nothing yet.
    fn empty(params: Params) -> Self {
        Self {
            featurizer: Featurizer::default(),
            length: LengthModel {
                ratio: 1.0,
                variance: 20.0,
            },
            lexicon: Lexicon::default(),
            rates: AnchorRates {
                hit: 0.5,
                chance: 0.1,
            },
            params,
        }
    }

    /// Aligns the sentences of one bead, using the lexicon learned from the whole document.
    pub fn align_sentences(&mut self, source: &[&str], target: &[&str]) -> Alignment {
        let src: Vec<Segment> = source
            .iter()
            .map(|s| self.featurizer.segment(s, false, false))
            .collect();
        let tgt: Vec<Segment> = target
            .iter()
            .map(|s| self.featurizer.segment(s, false, false))
            .collect();
        let mut scorer = Scorer::new(
            &src,
            &tgt,
            self.featurizer.interner.len(),
            &self.lexicon,
            &|_| false,
            self.length,
            self.rates,
            &self.params,
        );
        let n = src.len();
        let m = tgt.len();
        let band = Band::from_bounds(vec![0; n + 1], vec![m; n + 1], m);
        scorer.prepare_masks(&band);
        // Nothing cancels this: `NoProgress` never asks to stop.
        let solution = scorer
            .solve(&band, &SHAPES, true, Part::whole(&NoProgress))
            .unwrap_or_default();
        finish(&solution, &scorer)
    }
}

/// The paragraph aligner.
#[derive(Debug, Clone, Default)]
pub struct Aligner {
    params: Params,
}

impl Aligner {
    /// An aligner with these parameters.
    pub fn new(params: Params) -> Self {
        Self { params }
    }

    /// Aligns `source` with `target`, returning the alignment and what was learned.
    pub fn align(&self, source: &[Paragraph], target: &[Paragraph]) -> (Alignment, DocumentModel) {
        match self.align_with(source, target, &NoProgress) {
            Ok(aligned) => aligned,
            // `NoProgress` never cancels; were it to, the documents would still be covered.
            Err(Cancelled) => (
                Alignment::default(),
                DocumentModel::empty(self.params.clone()),
            ),
        }
    }

    /// [`Aligner::align`], reporting how far it got to `progress` (after reading the documents,
    /// every few hundred rows of each dynamic program, after estimating the document's model)
    /// and returning [`Cancelled`] at the first of those points after `progress` asks to stop.
    pub fn align_with(
        &self,
        source: &[Paragraph],
        target: &[Paragraph],
        progress: &dyn Progress,
    ) -> Result<(Alignment, DocumentModel), Cancelled> {
        let whole = Part::whole(progress);
        whole.at(0.0)?;
        // Each side is read on its own thread, then the target's ids are renamed into the
        // source's interner.
        let featurize = |paragraphs: &[Paragraph]| {
            let mut featurizer = Featurizer::default();
            let segments: Vec<Segment> = paragraphs
                .iter()
                .map(|p| segment_of(&mut featurizer, p))
                .collect();
            (featurizer, segments)
        };
        let ((mut featurizer, src), (tgt_featurizer, mut tgt)) = std::thread::scope(|scope| {
            let handle = scope.spawn(|| featurize(target));
            let source_side = featurize(source);
            let target_side = match handle.join() {
                Ok(side) => side,
                Err(_) => featurize(target),
            };
            (source_side, target_side)
        });
        let rename = featurizer.interner.absorb(&tgt_featurizer.interner);
        for seg in &mut tgt {
            seg.remap(&rename);
        }
        let (n, m) = (src.len(), tgt.len());
        let params = self.params.clone();
        whole.at(0.08)?;

        // Stop stems: those in more than 30% of a side's paragraphs say nothing about position.
        let stop = stop_stems(&src, &tgt, featurizer.interner.len());
        let is_stop = |id: u32| stop.get(id as usize).copied().unwrap_or(false);

        // Pass 1: length only, in a band around the length diagonal.
        let total_s: f64 = src.iter().map(|s| s.len).sum::<f64>().max(1.0);
        let total_t: f64 = tgt.iter().map(|s| s.len).sum::<f64>().max(1.0);
        let rough_length = LengthModel {
            ratio: total_t / total_s,
            variance: 20.0,
        };
        let mut centre = anchor_diagonal(&src, &tgt, &length_diagonal(&src, &tgt));
        whole.at(0.1)?;
        // Pass 1 may need more than one try: each takes half of what is left of its share.
        let pass1 = whole.sub(0.1, 0.45);
        let mut width = params.rough_band;
        let mut tries = 0;
        // The first pass knows no dictionary of the document yet: its anchors are words, names
        // and numbers spelled alike on both sides, and the seed dictionary's common words.
        let seed: Vec<(u32, u32)> = seed::PAIRS
            .iter()
            .map(|(es, en)| (featurizer.stem_id(es), featurizer.stem_id(en)))
            .collect();
        let seed_lexicon = Lexicon::from_seed(&seed);
        let mut rough_scorer = Scorer::new(
            &src,
            &tgt,
            featurizer.interner.len(),
            &seed_lexicon,
            &is_stop,
            rough_length,
            AnchorRates {
                hit: 0.4,
                chance: 0.1,
            },
            &params,
        );
        let rough = loop {
            let attempt = pass1.sub(1.0 - 0.5f32.powi(tries), 1.0 - 0.5f32.powi(tries + 1));
            attempt.at(0.0)?;
            let band = Band::around(&centre, width, m);
            rough_scorer.prepare_masks(&band);
            attempt.at(0.1)?;
            let beads = rough_scorer
                .solve(&band, &ROUGH_SHAPES, false, attempt.sub(0.1, 1.0))?
                .beads;
            let path = dp::path_cells(&beads);
            if width >= n.max(m) || !band.touches_edge(&path, m) {
                break beads;
            }
            // The band held the path back somewhere: centre it on the path found (the diagonal
            // drifts where one side has material the other lacks), and widen it if that was
            // already tried.
            tries += 1;
            if tries % 2 == 0 {
                width *= 2;
            }
            centre = dp::row_centres(&path, n);
        };
        drop(rough_scorer);
        whole.at(0.45)?;

        // Estimate the document's statistics from the confident 1:1 pairs of pass 1.
        // The length model comes from every settled 1:1 pair, not only those whose lengths
        // already agree (that would make the variance look smaller than it is).
        let settled = confident_pairs(&rough, &src, &tgt, None);
        let length = LengthModel::estimate(
            &settled
                .iter()
                .map(|&(i, j)| (src[i].len, tgt[j].len))
                .collect::<Vec<_>>(),
            rough_length,
        );
        let confident = confident_pairs(&rough, &src, &tgt, Some(&length));
        let mut path = rough;
        let mut confident = confident;
        let mut result = None;
        // A document with enough confident pairs gets no refinement round (see below).
        let n_rounds = if confident.len() >= LEARN_PAIRS {
            1
        } else {
            params.refinements + 1
        };
        let pass2 = whole.sub(0.5, 1.0);
        for round in 0..=params.refinements {
            let share = |k: usize| k.min(n_rounds) as f32 / n_rounds as f32;
            let this_round = pass2.sub(share(round), share(round + 1));
            this_round.at(0.0)?;
            // A dictionary is too kind to the pairs it was learned from, so the anchor rates are
            // measured on other pairs: those left out of a large sample, or, when every pair is
            // needed, the odd pairs under a dictionary learned from the even ones.
            let step = confident.len().div_ceil(LEARN_PAIRS).max(1);
            let (learn_from, held_out) = split_pairs(&confident, |k| k % step == 0);
            let lexicon = Lexicon::learn(&src, &tgt, &learn_from, &is_stop, &seed);
            let mut scorer = Scorer::new(
                &src,
                &tgt,
                featurizer.interner.len(),
                &lexicon,
                &is_stop,
                length,
                AnchorRates {
                    hit: 0.5,
                    chance: 0.1,
                },
                &params,
            );
            // Pass 2: every shape, in a narrow band around the previous path.
            // A refinement starts from a good path and needs only a narrow band.
            let width = if round == 0 {
                params.fine_band
            } else {
                params.fine_band.min(2)
            };
            let band = dp::band_around_path(&dp::path_cells(&path), n, m, width);
            this_round.at(0.1)?;
            scorer.prepare_masks(&band);
            this_round.at(0.2)?;
            let rates = if held_out.is_empty() {
                let (even, odd) = split_pairs(&confident, |k| k % 2 == 0);
                let half = Lexicon::learn(&src, &tgt, &even, &is_stop, &seed);
                let held_scorer = Scorer::new(
                    &src,
                    &tgt,
                    featurizer.interner.len(),
                    &half,
                    &is_stop,
                    length,
                    scorer.rates,
                    &params,
                );
                held_scorer.estimate_rates_direct(&odd)
            } else {
                scorer.estimate_rates(&held_out)
            };
            scorer.set_rates(rates);
            this_round.at(0.3)?;
            let solution = scorer.solve(&band, &SHAPES, true, this_round.sub(0.3, 0.95))?;
            let alignment = finish(&solution, &scorer);
            this_round.at(1.0)?;
            let beads = solution.beads;
            drop(scorer);
            result = Some((alignment, lexicon, rates));
            // Another round helps when the dictionary was starved of pairs; past LEARN_PAIRS
            // the first dictionary is already as good as a second would be.
            if round >= params.refinements || confident.len() >= LEARN_PAIRS {
                break;
            }
            confident = confident_pairs(&beads, &src, &tgt, Some(&length));
            path = beads;
        }
        let Some((alignment, lexicon, rates)) = result else {
            let mut model = DocumentModel::empty(params);
            model.featurizer = featurizer;
            model.length = length;
            return Ok((Alignment::default(), model));
        };
        let model = DocumentModel {
            featurizer,
            length,
            lexicon,
            rates,
            params,
        };
        whole.at(1.0)?;
        Ok((alignment, model))
    }
}

fn segment_of(featurizer: &mut Featurizer, paragraph: &Paragraph) -> Segment {
    let heading = paragraph.kind == ParagraphKind::Heading || looks_like_heading(&paragraph.text);
    featurizer.segment(
        &paragraph.text,
        heading,
        paragraph.kind == ParagraphKind::ListItem,
    )
}

/// A short line with no closing punctuation reads as a heading ("Capítulo 4", "CHAPTER I. …",
/// "Segunda parte (1615)"); closing brackets and quotes are looked through.
fn looks_like_heading(text: &str) -> bool {
    let body = text
        .trim_end()
        .trim_end_matches([')', ']', '"', '”', '’', '»', '\'']);
    if matches!(
        body.chars().last(),
        Some('.' | '?' | '!' | '…' | ':' | ';' | ',' | '-' | '—')
    ) {
        return false;
    }
    let words = text.split_whitespace().take(61).count();
    if words <= 25 {
        return true;
    }
    if words > 60 {
        return false;
    }
    // Long titles count when they are set in capitals or start with a number.
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = text.chars().filter(|c| c.is_uppercase()).count();
    letters >= 8 && capitals * 10 >= letters * 8 || features::heading_numeral(text).is_some()
}

fn stop_stems(src: &[Segment], tgt: &[Segment], n_keys: usize) -> Vec<bool> {
    let mut stop = vec![false; n_keys];
    for side in [src, tgt] {
        if side.len() < 8 {
            continue;
        }
        let mut df = vec![0u32; n_keys];
        for seg in side {
            for token in &seg.tokens {
                df[token.stem as usize] += 1;
            }
        }
        let limit = (side.len() as f64 * 0.3) as u32;
        for (id, &d) in df.iter().enumerate() {
            if d > limit {
                stop[id] = true;
            }
        }
    }
    stop
}

/// For each source boundary `0..=n`, the target boundary at the same share of characters.
fn length_diagonal(src: &[Segment], tgt: &[Segment]) -> Vec<usize> {
    let total_s: f64 = src.iter().map(|s| s.len).sum::<f64>().max(1.0);
    let total_t: f64 = tgt.iter().map(|s| s.len).sum::<f64>().max(1.0);
    let mut cum_t = Vec::with_capacity(tgt.len() + 1);
    let mut acc = 0.0;
    cum_t.push(0.0);
    for seg in tgt {
        acc += seg.len;
        cum_t.push(acc / total_t);
    }
    let mut centre = Vec::with_capacity(src.len() + 1);
    let mut acc = 0.0;
    let mut j = 0;
    centre.push(0);
    for seg in src {
        acc += seg.len;
        let share = acc / total_s;
        while j + 1 < cum_t.len() && cum_t[j + 1] <= share {
            j += 1;
        }
        centre.push(j);
    }
    if let Some(last) = centre.last_mut() {
        *last = tgt.len();
    }
    centre
}

/// Straightens the length diagonal through anchor points: paragraph pairs that share a word (a
/// name, a number) that occurs in no other paragraph of either document. The longest chain of
/// such pairs that is increasing on both sides is kept; between anchors, the centre line runs
/// straight.
fn anchor_diagonal(src: &[Segment], tgt: &[Segment], diagonal: &[usize]) -> Vec<usize> {
    let (n, m) = (src.len(), tgt.len());
    // Where each identity key occurs: (paragraph, count) per side; u32::MAX marks "more than once".
    let mut seen: rustc_hash::FxHashMap<u32, (u32, u32)> = rustc_hash::FxHashMap::default();
    const MANY: u32 = u32::MAX;
    const NONE: u32 = u32::MAX - 1;
    for (side, segments) in [src, tgt].into_iter().enumerate() {
        for (idx, seg) in segments.iter().enumerate() {
            for token in &seg.tokens {
                let entry = seen.entry(token.ident).or_insert((NONE, NONE));
                let slot = if side == 0 {
                    &mut entry.0
                } else {
                    &mut entry.1
                };
                *slot = match *slot {
                    NONE => idx as u32,
                    x if x == idx as u32 => x,
                    _ => MANY,
                };
            }
        }
    }
    // Keep anchors near the diagonal: a hapax pair far from it is a coincidence.
    let slack = (n.max(m) / 10).max(20);
    let mut points: Vec<(usize, usize)> = seen
        .values()
        .filter(|&&(i, j)| i < NONE && j < NONE)
        .map(|&(i, j)| (i as usize, j as usize))
        .filter(|&(i, j)| diagonal.get(i).is_some_and(|&d| d.abs_diff(j) <= slack))
        .collect();
    points.sort_unstable();
    points.dedup();
    let chain = longest_chain(&points);
    if chain.len() < 2 {
        return diagonal.to_vec();
    }
    // Anchors mark the start of bead (i, j): the boundary before them is (i, j).
    let mut knots = vec![(0usize, 0usize)];
    knots.extend(
        chain
            .iter()
            .copied()
            .filter(|&(i, j)| i > 0 && j > 0 && i < n && j < m),
    );
    knots.push((n, m));
    let mut centre = vec![0usize; n + 1];
    for w in knots.windows(2) {
        let ((i0, j0), (i1, j1)) = (w[0], w[1]);
        for (i, c) in centre.iter_mut().enumerate().take(i1 + 1).skip(i0) {
            let t = if i1 > i0 {
                (i - i0) as f64 / (i1 - i0) as f64
            } else {
                0.0
            };
            *c = j0 + ((j1 - j0) as f64 * t).round() as usize;
        }
    }
    centre
}

/// The longest chain of points strictly increasing in both coordinates (patience sorting).
fn longest_chain(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // `tails[k]`: index of the point ending the best chain of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; points.len()];
    // Points sharing an `i` must not chain: visit them in decreasing `j`.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        points[a]
            .0
            .cmp(&points[b].0)
            .then(points[b].1.cmp(&points[a].1))
    });
    for &p in &order {
        let j = points[p].1;
        let pos = tails.partition_point(|&t| points[t].1 < j);
        prev[p] = pos.checked_sub(1).map(|k| tails[k]);
        if pos == tails.len() {
            tails.push(p);
        } else {
            tails[pos] = p;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(p) = cur {
        chain.push(points[p]);
        cur = prev[p];
    }
    chain.reverse();
    chain
}

/// Cumulative lengths: `out[k]` is the length of segments `0..k`.
fn prefix_lead_ins(segments: &[Segment]) -> Vec<u32> {
    std::iter::once(0)
        .chain(segments.iter().scan(0, |acc, seg| {
            *acc += u32::from(seg.announces);
            Some(*acc)
        }))
        .collect()
}

fn prefix_lengths(segments: &[Segment]) -> Vec<f64> {
    let mut out = Vec::with_capacity(segments.len() + 1);
    let mut acc = 0.0;
    out.push(acc);
    for seg in segments {
        acc += seg.len;
        out.push(acc);
    }
    out
}

/// 1:1 beads of a path whose neighbours are 1:1 too and, given a length model, whose lengths
/// agree.
fn confident_pairs(
    beads: &[(usize, usize, usize, usize)],
    src: &[Segment],
    tgt: &[Segment],
    length: Option<&LengthModel>,
) -> Vec<(usize, usize)> {
    let is_one = |k: usize| beads.get(k).is_some_and(|b| b.2 == 1 && b.3 == 1);
    let mut out = Vec::new();
    for (k, &(i, j, a, b)) in beads.iter().enumerate() {
        if a != 1 || b != 1 {
            continue;
        }
        let neighbours = (k == 0 || is_one(k - 1)) && (k + 1 == beads.len() || is_one(k + 1));
        let agree = length.is_none_or(|l| l.delta(src[i].len, tgt[j].len).abs() < 1.5);
        if neighbours && agree {
            out.push((i, j));
        }
    }
    out
}

/// Anchor tokens of one side with their candidate keys on the other side.
#[derive(Debug, Default)]
struct Anchors {
    /// Per segment, the range of its anchor tokens in `token_cands`.
    seg_tokens: Vec<Range<usize>>,
    /// `cum[k]`: number of anchor tokens in segments `0..k`.
    cum: Vec<usize>,
    /// Per anchor token, the range of its candidate keys in `cands`.
    token_cands: Vec<Range<usize>>,
    cands: Vec<u32>,
}

impl Anchors {
    fn build(
        side: &[Segment],
        other_keys: &[bool],
        dict: &rustc_hash::FxHashMap<u32, Vec<u32>>,
        stop: &(dyn Fn(u32) -> bool + Sync),
    ) -> Self {
        let mut anchors = Self::default();
        for seg in side {
            let start = anchors.token_cands.len();
            for token in &seg.tokens {
                if stop(token.stem) {
                    continue;
                }
                let c0 = anchors.cands.len();
                if other_keys
                    .get(token.ident as usize)
                    .copied()
                    .unwrap_or(false)
                {
                    anchors.cands.push(token.ident);
                }
                if let Some(translations) = dict.get(&token.stem) {
                    for &t in translations {
                        if t != token.ident {
                            anchors.cands.push(t);
                        }
                    }
                }
                if anchors.cands.len() > c0 {
                    anchors.token_cands.push(c0..anchors.cands.len());
                }
            }
            anchors.seg_tokens.push(start..anchors.token_cands.len());
        }
        anchors.cum = std::iter::once(0)
            .chain(anchors.seg_tokens.iter().map(|r| r.end))
            .collect();
        anchors
    }

    fn count(&self, seg: usize) -> usize {
        self.seg_tokens.get(seg).map_or(0, Range::len)
    }

    /// Bit `k` set when anchor `k` of `seg` finds a candidate in `other`.
    fn mask_into(&self, seg: usize, other: &Segment, out: &mut [u64]) {
        let Some(tokens) = self.seg_tokens.get(seg) else {
            return;
        };
        for (k, t) in tokens.clone().enumerate() {
            let cands = &self.cands[self.token_cands[t].clone()];
            if cands.iter().any(|&c| other.contains(c)) {
                out[k / 64] |= 1u64 << (k % 64);
            }
        }
    }

    fn matches(&self, seg: usize, other: &Segment) -> usize {
        let words = self.count(seg).div_ceil(64);
        let mut buf = vec![0u64; words];
        self.mask_into(seg, other, &mut buf);
        buf.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Precomputed match bit sets of each segment against the segments of the other side it may
/// share a bead with.
#[derive(Debug, Default)]
struct MaskTable {
    /// Per segment: window of other-side segments `lo..hi`, words per mask, offset into `bits`.
    window: Vec<(usize, usize, usize, usize)>,
    bits: Vec<u64>,
    /// Per segment, offset into `counts`.
    count_offset: Vec<usize>,
    /// For each segment and each `q` of its window: anchors matched by `q..q + k`, `k` = 1, 2, 3.
    counts: Vec<[u16; 3]>,
}

impl MaskTable {
    fn build(
        anchors: &Anchors,
        other: &[Segment],
        windows: &[(usize, usize)],
        n_keys: usize,
    ) -> Self {
        let mut table = Self::default();
        for (seg, &(lo, hi)) in windows.iter().enumerate() {
            let words = anchors.count(seg).div_ceil(64);
            let offset = table.bits.len();
            table.window.push((lo, hi, words, offset));
            table.bits.resize(offset + words * (hi - lo), 0);
        }
        // Postings: for each key, the other-side segments holding it, in order. Each anchor
        // candidate then visits only the segments of its window that hold it, which for content
        // words is a handful, instead of testing every segment of the window.
        let mut start = vec![0u32; n_keys + 1];
        for o in other {
            for &key in &o.keys {
                if let Some(c) = start.get_mut(key as usize + 1) {
                    *c += 1;
                }
            }
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let mut fill = start.clone();
        let mut postings = vec![0u32; start.last().map_or(0, |&n| n as usize)];
        for (q, o) in other.iter().enumerate() {
            for &key in &o.keys {
                if let Some(f) = fill.get_mut(key as usize) {
                    postings[*f as usize] = q as u32;
                    *f += 1;
                }
            }
        }
        for (seg, &(lo, hi, words, offset)) in table.window.iter().enumerate() {
            if words == 0 {
                continue;
            }
            let Some(tokens) = anchors.seg_tokens.get(seg) else {
                continue;
            };
            for (k, t) in tokens.clone().enumerate() {
                for &c in &anchors.cands[anchors.token_cands[t].clone()] {
                    let (Some(&from), Some(&to)) =
                        (start.get(c as usize), start.get(c as usize + 1))
                    else {
                        continue;
                    };
                    let list = &postings[from as usize..to as usize];
                    let first = list.partition_point(|&q| (q as usize) < lo);
                    for &q in &list[first..] {
                        let q = q as usize;
                        if q >= hi {
                            break;
                        }
                        table.bits[offset + (q - lo) * words + k / 64] |= 1u64 << (k % 64);
                    }
                }
            }
        }
        table.count_matches();
        table
    }

    /// Fills `counts`: every bead asks for the same few (segment, run of 1–3 segments) unions.
    fn count_matches(&mut self) {
        self.count_offset.clear();
        self.counts.clear();
        for &(lo, hi, words, offset) in &self.window {
            self.count_offset.push(self.counts.len());
            for q in lo..hi {
                let mut c = [0u16; 3];
                if words > 0 {
                    for (k, slot) in c.iter_mut().enumerate() {
                        if q + k >= hi {
                            break;
                        }
                        let mut total = 0u32;
                        for w in 0..words {
                            let mut acc = 0u64;
                            for r in q..=q + k {
                                acc |= self.bits[offset + (r - lo) * words + w];
                            }
                            total += acc.count_ones();
                        }
                        *slot = total.min(u32::from(u16::MAX)) as u16;
                    }
                }
                self.counts.push(c);
            }
        }
    }

    /// Number of anchors of `seg` matched by any of `others`, and whether none is.
    fn matched(
        &self,
        seg: usize,
        others: Range<usize>,
        anchors: &Anchors,
        other: &[Segment],
    ) -> usize {
        let Some(&(lo, hi, words, offset)) = self.window.get(seg) else {
            return 0;
        };
        if words == 0 {
            return 0;
        }
        let k = others.len();
        if (1..=3).contains(&k) && others.start >= lo && others.end <= hi {
            return usize::from(self.counts[self.count_offset[seg] + others.start - lo][k - 1]);
        }
        if others.start < lo || others.end > hi {
            // Outside the precomputed window: compute directly (rare).
            let mut buf = vec![0u64; words];
            for q in others {
                if let Some(o) = other.get(q) {
                    anchors.mask_into(seg, o, &mut buf);
                }
            }
            return buf.iter().map(|w| w.count_ones() as usize).sum();
        }
        let mut total = 0;
        for w in 0..words {
            let mut acc = 0u64;
            for q in others.clone() {
                acc |= self.bits[offset + (q - lo) * words + w];
            }
            total += acc.count_ones() as usize;
        }
        total
    }
}

/// Prices beads for the second pass.
struct Scorer<'a> {
    src: &'a [Segment],
    tgt: &'a [Segment],
    src_anchors: Anchors,
    tgt_anchors: Anchors,
    src_masks: MaskTable,
    tgt_masks: MaskTable,
    cum_s: Vec<f64>,
    cum_t: Vec<f64>,
    /// Prefix counts of the paragraphs that end with a colon ([`Segment::announces`]).
    leads_s: Vec<u32>,
    /// See `leads_s`.
    leads_t: Vec<u32>,
    n_keys: usize,
    length: LengthModel,
    rates: AnchorRates,
    /// `weights[k - 1]`: log-likelihood weights of a match and a miss facing `k` paragraphs.
    weights: [(f64, f64); 3],
    params: &'a Params,
}

impl<'a> Scorer<'a> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        src: &'a [Segment],
        tgt: &'a [Segment],
        n_keys: usize,
        lexicon: &Lexicon,
        stop: &(dyn Fn(u32) -> bool + Sync),
        length: LengthModel,
        rates: AnchorRates,
        params: &'a Params,
    ) -> Self {
        let keys = |side: &[Segment]| {
            let mut present = vec![false; n_keys];
            for key in side.iter().flat_map(|s| s.keys.iter()) {
                if let Some(p) = present.get_mut(*key as usize) {
                    *p = true;
                }
            }
            present
        };
        let (src_anchors, tgt_anchors) = std::thread::scope(|scope| {
            let handle = scope.spawn(|| Anchors::build(tgt, &keys(src), &lexicon.backward, stop));
            let src_anchors = Anchors::build(src, &keys(tgt), &lexicon.forward, stop);
            let tgt_anchors = handle
                .join()
                .unwrap_or_else(|_| Anchors::build(tgt, &keys(src), &lexicon.backward, stop));
            (src_anchors, tgt_anchors)
        });
        Self {
            src,
            tgt,
            src_anchors,
            tgt_anchors,
            src_masks: MaskTable::default(),
            tgt_masks: MaskTable::default(),
            cum_s: prefix_lengths(src),
            cum_t: prefix_lengths(tgt),
            leads_s: prefix_lead_ins(src),
            leads_t: prefix_lead_ins(tgt),
            n_keys,
            length,
            rates,
            weights: [rates.weights(1), rates.weights(2), rates.weights(3)],
            params,
        }
    }

    /// [`Self::estimate_rates`] without the precomputed masks (for a few pairs).
    fn estimate_rates_direct(&self, pairs: &[(usize, usize)]) -> AnchorRates {
        self.rates_with(
            pairs,
            |i, q| {
                self.tgt
                    .get(q)
                    .map_or(0, |t| self.src_anchors.matches(i, t))
            },
            |j, p| {
                self.src
                    .get(p)
                    .map_or(0, |s| self.tgt_anchors.matches(j, s))
            },
        )
    }

    /// Match rates of anchors in confident pairs and in neighbouring (chance) pairs.
    fn estimate_rates(&self, confident: &[(usize, usize)]) -> AnchorRates {
        self.rates_with(
            confident,
            |i, q| {
                self.src_masks
                    .matched(i, q..q + 1, &self.src_anchors, self.tgt)
            },
            |j, p| {
                self.tgt_masks
                    .matched(j, p..p + 1, &self.tgt_anchors, self.src)
            },
        )
    }

    /// Counts anchor matches of each pair `(i, j)` (a true pair) and of `(i, j + 1)`,
    /// `(j, i + 1)` (chance pairs): `src_hits(i, q)` and `tgt_hits(j, p)` count the anchors of
    /// source `i` found in target `q` and of target `j` found in source `p`.
    fn rates_with(
        &self,
        pairs: &[(usize, usize)],
        src_hits: impl Fn(usize, usize) -> usize,
        tgt_hits: impl Fn(usize, usize) -> usize,
    ) -> AnchorRates {
        let (mut hit, mut hit_n, mut chance, mut chance_n) = (0usize, 0usize, 0usize, 0usize);
        for &(i, j) in pairs {
            if i >= self.src.len() || j >= self.tgt.len() {
                continue;
            }
            let anchors = self.src_anchors.count(i) + self.tgt_anchors.count(j);
            hit += src_hits(i, j) + tgt_hits(j, i);
            hit_n += anchors;
            if j + 1 < self.tgt.len() && i + 1 < self.src.len() {
                chance += src_hits(i, j + 1) + tgt_hits(j, i + 1);
                chance_n += anchors;
            }
        }
        AnchorRates::from_counts(hit, hit_n, chance, chance_n)
    }

    fn set_rates(&mut self, rates: AnchorRates) {
        self.rates = rates;
        self.weights = [rates.weights(1), rates.weights(2), rates.weights(3)];
    }

    /// Precomputes match masks for every pair of segments the band lets share a bead.
    fn prepare_masks(&mut self, band: &Band) {
        let n = self.src.len();
        let m = self.tgt.len();
        let rows = band.lo.len();
        let mut src_windows = Vec::with_capacity(n);
        for p in 0..n {
            // A bead holding p starts at row p - 2 at the earliest and ends by row p + 3.
            let lo = band.lo[p.saturating_sub(2)];
            let hi = band.hi[(p + 3).min(rows - 1)].min(m);
            src_windows.push((lo, hi.max(lo)));
        }
        // Target segment q may meet source p when q lies in p's window.
        let mut tgt_windows = vec![(usize::MAX, 0usize); m];
        for (p, &(lo, hi)) in src_windows.iter().enumerate() {
            for w in tgt_windows.iter_mut().take(hi).skip(lo) {
                w.0 = w.0.min(p);
                w.1 = w.1.max(p + 1);
            }
        }
        for w in &mut tgt_windows {
            if w.0 == usize::MAX {
                *w = (0, 0);
            }
        }
        let (src_masks, tgt_masks) = std::thread::scope(|scope| {
            let handle = scope
                .spawn(|| MaskTable::build(&self.tgt_anchors, self.src, &tgt_windows, self.n_keys));
            let src_masks =
                MaskTable::build(&self.src_anchors, self.tgt, &src_windows, self.n_keys);
            let tgt_masks = match handle.join() {
                Ok(masks) => masks,
                Err(_) => MaskTable::build(&self.tgt_anchors, self.src, &tgt_windows, self.n_keys),
            };
            (src_masks, tgt_masks)
        });
        self.src_masks = src_masks;
        self.tgt_masks = tgt_masks;
    }

    /// Log-likelihood ratio and anchorless-paragraph count of one side of a bead.
    fn side_score(
        &self,
        masks: &MaskTable,
        anchors: &Anchors,
        own: Range<usize>,
        other_segs: &[Segment],
        others: Range<usize>,
    ) -> (f64, usize) {
        let (w_hit, w_miss) = match others.len() {
            k @ 1..=3 => self.weights[k - 1],
            k => self.rates.weights(k),
        };
        let mut llr = 0.0;
        let mut anchorless = 0;
        for p in own {
            let total = anchors.count(p);
            let matched = masks.matched(p, others.clone(), anchors, other_segs);
            if matched == 0 {
                anchorless += 1;
            }
            llr += matched as f64 * w_hit + (total - matched) as f64 * w_miss;
        }
        (llr, anchorless)
    }

    /// The cheapest path through `band` under this scorer, with bead margins when asked.
    fn solve(
        &self,
        band: &Band,
        shapes: &[Shape],
        margins: bool,
        progress: Part<'_>,
    ) -> Result<dp::Solution, Cancelled> {
        dp::solve(
            band,
            shapes,
            |i, j, a, b| self.bound(i, j, a, b),
            |i, j, a, b| self.cost(i, j, a, b),
            margins,
            progress,
        )
    }

    /// A lower bound of [`Self::cost`]: the prior, less the gain if every anchor matched. For
    /// long merges (four paragraphs or more) it adds the length cost too, which is exact and
    /// prunes most of them before their anchors are counted.
    #[inline]
    fn bound(&self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        if a == 0 || b == 0 {
            return self.params.null_cost * (a + b) as f64;
        }
        let anchors_s = self.src_anchors.cum[i + a] - self.src_anchors.cum[i];
        let anchors_t = self.tgt_anchors.cum[j + b] - self.tgt_anchors.cum[j];
        let hit = |k: usize| match k {
            1..=3 => self.weights[k - 1].0,
            _ => self.rates.weights(k).0,
        };
        let both_headings = self.src[i].heading && self.tgt[j].heading;
        let (length, heading_bonus) = if a + b > 3 {
            let bonus = if both_headings {
                self.params.kind_cost
            } else {
                0.0
            };
            (self.length_part(i, j, a, b), bonus)
        } else {
            // The length part can be as low as the numeral bonus of two headings.
            let bonus = if both_headings {
                3.0 * self.params.kind_cost
            } else {
                0.0
            };
            (0.0, bonus)
        };
        shape_prior((a, b)) + length
            - heading_bonus
            - self.params.lexical_weight * (anchors_s as f64 * hit(b) + anchors_t as f64 * hit(a))
    }

    /// The bonus of a merged bead for its lead-ins: paragraphs ending with a colon that are
    /// followed by more of the bead on their side.
    #[inline]
    fn lead_ins(&self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        // All but the last paragraph of each side; nothing for a side of one.
        let count = |cum: &[u32], at: usize, n: usize| {
            if n > 1 { cum[at + n - 1] - cum[at] } else { 0 }
        };
        let n = count(&self.leads_s, i, a) + count(&self.leads_t, j, b);
        self.params.lead_in_bonus * f64::from(n)
    }

    /// The length part of a bead's cost: the length model, unless both first paragraphs are
    /// numbered headings ("Capítulo XXXV" / "CHAPTER XXXV"), which pair whatever their titles'
    /// lengths when the numbers agree and are ruled out when they differ.
    #[inline]
    fn length_part(&self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        let ls = self.cum_s[i + a] - self.cum_s[i];
        let lt = self.cum_t[j + b] - self.cum_t[j];
        match (self.src[i].numeral, self.tgt[j].numeral) {
            (Some(x), Some(y)) if x == y => -2.0 * self.params.kind_cost,
            (Some(_), Some(_)) => 2.0 * self.params.kind_cost + self.length.cost(ls, lt),
            _ => self.length.cost(ls, lt),
        }
    }

    /// The weighted lexical log-likelihood of a bead: above 0 when its words back it up.
    fn evidence(&self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        let (llr_s, _) = self.side_score(
            &self.src_masks,
            &self.src_anchors,
            i..i + a,
            self.tgt,
            j..j + b,
        );
        let (llr_t, _) = self.side_score(
            &self.tgt_masks,
            &self.tgt_anchors,
            j..j + b,
            self.src,
            i..i + a,
        );
        self.params.lexical_weight * (llr_s + llr_t)
    }

    fn cost(&self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        if a == 0 || b == 0 {
            return self.params.null_cost * (a + b) as f64;
        }
        let (llr_s, zero_s) = self.side_score(
            &self.src_masks,
            &self.src_anchors,
            i..i + a,
            self.tgt,
            j..j + b,
        );
        let (llr_t, zero_t) = self.side_score(
            &self.tgt_masks,
            &self.tgt_anchors,
            j..j + b,
            self.src,
            i..i + a,
        );
        let length_cost = self.length_part(i, j, a, b);
        let mut cost = shape_prior((a, b)) + length_cost
            - self.lead_ins(i, j, a, b)
            - self.params.lexical_weight * (llr_s + llr_t);
        if a + b > 2 {
            cost += self.params.anchorless_cost * (zero_s + zero_t) as f64;
        }
        // Headings open the same sections on both sides: pairing two is likely, pairing one
        // with running text is not.
        let src_heading = self.src[i].heading;
        let tgt_heading = self.tgt[j].heading;
        if src_heading != tgt_heading {
            cost += self.params.kind_cost;
        } else if src_heading {
            cost -= self.params.kind_cost;
        }
        if self.src[i].list_item != self.tgt[j].list_item {
            cost += 0.5 * self.params.kind_cost;
        }
        let inner_headings = self.src[i + 1..i + a].iter().filter(|s| s.heading).count()
            + self.tgt[j + 1..j + b].iter().filter(|s| s.heading).count();
        cost += self.params.kind_cost * inner_headings as f64;
        cost
    }
}

/// Margin, in nats, at which a bead's confidence reaches 1 − 1/e (≈ 0.63).
const CONFIDENCE_SCALE: f64 = 3.0;

/// Turns a solved path into an alignment: a bead's confidence grows with how much worse the best
/// alignment that does without it would be (0 when another alignment is just as good).
///
/// A pair whose words do not back it up (no anchor matches, or fewer than chance) is also held
/// below 0.5, however sure the path is: that is where a reviewer should look.
fn finish(solution: &dp::Solution, scorer: &Scorer) -> Alignment {
    let beads = solution
        .beads
        .iter()
        .enumerate()
        .map(|(k, &(i, j, a, b))| {
            let margin = solution.margins.get(k).copied().unwrap_or(0.0);
            let mut confidence = 1.0 - (-margin / CONFIDENCE_SCALE).exp();
            if a > 0 && b > 0 {
                confidence = confidence.min(sigmoid(scorer.evidence(i, j, a, b)));
            }
            Bead {
                source: i..i + a,
                target: j..j + b,
                confidence,
            }
        })
        .collect();
    Alignment { beads }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Aligns paragraphs given as text and renders the beads as "source:target" with indices
    /// ("-" for an empty side), e.g. "0:0 1,2:1 3:- -:2".
    fn render(source: &[&str], target: &[&str]) -> String {
        let src: Vec<Paragraph> = source.iter().map(|t| Paragraph::text(*t)).collect();
        let tgt: Vec<Paragraph> = target.iter().map(|t| Paragraph::text(*t)).collect();
        let alignment = align_paragraphs(&src, &tgt);
        assert!(alignment.is_complete(src.len(), tgt.len()));
        for bead in &alignment.beads {
            assert!((0.0..=1.0).contains(&bead.confidence), "{bead:?}");
        }
        alignment
            .beads
            .iter()
            .map(|b| {
                let side = |r: &Range<usize>| {
                    if r.is_empty() {
                        "-".to_string()
                    } else {
                        r.clone()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    }
                };
                format!("{}:{}", side(&b.source), side(&b.target))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn check(source: &[&str], target: &[&str], expected: &str) {
        assert_eq!(render(source, target), expected);
    }

    const ES: [&str; 8] = [
        "Capítulo 1",
        "En un lugar de la Mancha, de cuyo nombre no quiero acordarme, vivía un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y galgo corredor.",
        "Tenía en su casa una ama que pasaba de los cuarenta, y una sobrina que no llegaba a los veinte, y un mozo de campo y plaza.",
        "Frisaba la edad de nuestro hidalgo con los cincuenta años; era de complexión recia, seco de carnes, enjuto de rostro, gran madrugador y amigo de la caza.",
        "El precio fue de 1.234,5 reales, un 10 % más de lo que pedía Quijada en 1604.",
        "Capítulo 2",
        "Hechas, pues, estas prevenciones, no quiso aguardar más tiempo a poner en efeto su pensamiento.",
        "Y así, sin dar parte a persona alguna de su intención, una mañana, antes del día, se armó de todas sus armas.",
    ];
    const EN: [&str; 8] = [
        "Chapter 1",
        "In a village of La Mancha, the name of which I have no desire to call to mind, there lived a gentleman of those that keep a lance in the lance-rack, an old buckler, a lean hack, and a greyhound for coursing.",
        "He had in his house a housekeeper past forty, a niece under twenty, and a lad for the field and market-place.",
        "The age of this gentleman of ours was bordering on fifty; he was of a hardy habit, spare, gaunt-featured, a very early riser and a great sportsman.",
        "The price was 1,234.5 reals, 10% more than Quijada asked in 1604.",
        "Chapter 2",
        "These preliminaries settled, he did not care to put off any longer the execution of his design.",
        "And so, without giving notice of his intention to anyone, one morning before the dawning of the day, he armed himself.",
    ];

    #[test]
    fn parallel_paragraphs_pair_one_to_one() {
        check(&ES, &EN, "0:0 1:1 2:2 3:3 4:4 5:5 6:6 7:7");
    }

    #[test]
    fn untranslated_paragraph_is_an_omission() {
        let en: Vec<&str> = EN
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != 3)
            .map(|(_, t)| *t)
            .collect();
        check(&ES, &en, "0:0 1:1 2:2 3:- 4:3 5:4 6:5 7:6");
    }

    #[test]
    fn boilerplate_and_notes_are_additions() {
        let mut en: Vec<&str> = EN.to_vec();
        en.insert(
            4,
            "Translator's note: reales were the silver coins of Castile at the time.",
        );
        en.insert(0, "About this publication");
        en.push("Leave a Reply");
        check(&ES, &en, "-:0 0:1 1:2 2:3 3:4 -:5 4:6 5:7 6:8 7:9 -:10");
    }

    #[test]
    fn joined_and_split_paragraphs_become_merges() {
        let joined = format!("{} {}", EN[2], EN[3]);
        let en = [EN[0], EN[1], &joined, EN[4], EN[5], EN[6], EN[7]];
        check(&ES, &en, "0:0 1:1 2,3:2 4:3 5:4 6:5 7:6");
        let es_joined = format!("{} {}", ES[6], ES[7]);
        let es = [ES[0], ES[1], ES[2], ES[3], ES[4], ES[5], &es_joined];
        check(&es, &EN, "0:0 1:1 2:2 3:3 4:4 5:5 6:6,7");
    }

    #[test]
    fn a_lead_in_ending_with_a_colon_joins_the_speech_it_announces() {
        let lead_in = "A lo que respondió el ama, que estaba presente:";
        let speech = "-Señor, en esta casa no hay más libros que los que vuestra merced trajo de la ciudad, y esos los leyó todos.";
        let joined = "To this the housekeeper, who was present, replied, “Señor, in this house there are no books but those your worship brought from the town, and those you have read through.”";
        let es = [
            ES[0], ES[1], ES[2], ES[3], lead_in, speech, ES[4], ES[5], ES[6], ES[7],
        ];
        let en = [
            EN[0], EN[1], EN[2], EN[3], joined, EN[4], EN[5], EN[6], EN[7],
        ];
        check(&es, &en, "0:0 1:1 2:2 3:3 4,5:4 6:5 7:6 8:7 9:8");
    }

    /// Records every report and cancels once a report reaches `cancel_at`.
    struct Recorder {
        reports: std::sync::Mutex<Vec<f32>>,
        cancel_at: f32,
    }

    impl Progress for Recorder {
        fn report(&self, done: f32) {
            self.reports.lock().unwrap().push(done);
        }
        fn is_cancelled(&self) -> bool {
            self.reports
                .lock()
                .unwrap()
                .last()
                .is_some_and(|&done| done >= self.cancel_at)
        }
    }

    /// A long document pair: the sample paragraphs again and again, numbered.
    fn long_pair(n: usize) -> (Vec<Paragraph>, Vec<Paragraph>) {
        let side = |texts: &[&str]| -> Vec<Paragraph> {
            (0..n)
                .map(|k| Paragraph::text(format!("{k}. {}", texts[k % texts.len()])))
                .collect()
        };
        (side(&ES), side(&EN))
    }

    #[test]
    fn progress_rises_through_both_passes_to_the_same_alignment() {
        let (src, tgt) = long_pair(3000);
        let recorder = Recorder {
            reports: Default::default(),
            cancel_at: f32::INFINITY,
        };
        let with = align_paragraphs_with(&src, &tgt, &recorder).unwrap();
        assert_eq!(with, align_paragraphs(&src, &tgt));
        let reports = recorder.reports.into_inner().unwrap();
        assert_eq!(reports.first(), Some(&0.0));
        assert_eq!(reports.last(), Some(&1.0));
        assert!(
            reports.windows(2).all(|w| w[0] <= w[1]),
            "never goes back: {reports:?}"
        );
        // Both dynamic programs report rows: several values in each pass.
        let in_range = |lo: f32, hi: f32| reports.iter().filter(|&&r| lo < r && r < hi).count();
        assert!(in_range(0.1, 0.45) >= 4, "pass 1: {reports:?}");
        assert!(in_range(0.5, 1.0) >= 4, "pass 2: {reports:?}");
    }

    #[test]
    fn a_cancel_stops_the_aligner_at_its_next_check_in_either_pass() {
        let (src, tgt) = long_pair(3000);
        for cancel_at in [0.2, 0.7] {
            let recorder = Recorder {
                reports: Default::default(),
                cancel_at,
            };
            assert_eq!(
                Aligner::default().align_with(&src, &tgt, &recorder).err(),
                Some(Cancelled)
            );
            let reports = recorder.reports.into_inner().unwrap();
            let last = *reports.last().unwrap();
            assert!(
                last >= cancel_at && last < cancel_at + 0.1,
                "stopped at {last} after asking at {cancel_at}"
            );
        }
    }

    #[test]
    fn empty_sides_do_not_panic() {
        check(&[], &[], "");
        check(&["Hola."], &[], "0:-");
        check(&[], &["Hello."], "-:0");
        check(&[""], &[""], "0:0");
    }

    #[test]
    fn random_documents_are_covered_exactly_once() {
        // A small linear congruential generator: fixed seeds, no dependency.
        let mut state = 0x2545_f491_u64;
        let mut next = |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            ((state >> 33) as usize) % bound.max(1)
        };
        let words = [
            "casa", "house", "1.5", "¿qué?", "Sr.", "—dijo", "niño", "x", "«sí»", "3",
        ];
        for _ in 0..40 {
            let (n, m) = (next(40), next(40));
            let mut doc = |n: usize| -> Vec<String> {
                (0..n)
                    .map(|_| {
                        (0..next(30))
                            .map(|_| words[next(words.len())])
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            };
            let src = doc(n);
            let tgt = doc(m);
            let s: Vec<&str> = src.iter().map(String::as_str).collect();
            let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
            render(&s, &t);
        }
    }

    #[test]
    fn unrelated_translation_is_flagged() {
        let src: Vec<Paragraph> = ES.iter().map(|t| Paragraph::text(*t)).collect();
        let mut tgt: Vec<Paragraph> = EN.iter().map(|t| Paragraph::text(*t)).collect();
        tgt[6] = Paragraph::text(
            "Weather today is cloudy with some rain later, and winds from the west.",
        );
        let alignment = align_paragraphs(&src, &tgt);
        for bead in &alignment.beads {
            if bead.source.contains(&6) || bead.target.contains(&6) {
                assert!(bead.confidence < 0.5, "{bead:?}");
            } else {
                assert!(bead.confidence > 0.5, "{bead:?}");
            }
        }
    }

    #[test]
    fn confidence_is_low_where_the_choice_is_arbitrary() {
        // Two identical replies, one of them untranslated: which one is a coin toss.
        let mut es: Vec<&str> = ES.to_vec();
        es.insert(4, "—Sí.");
        es.insert(4, "—Sí.");
        let mut en: Vec<&str> = EN.to_vec();
        en.insert(4, "“Yes.”");
        let src: Vec<Paragraph> = es.iter().map(|t| Paragraph::text(*t)).collect();
        let tgt: Vec<Paragraph> = en.iter().map(|t| Paragraph::text(*t)).collect();
        let alignment = align_paragraphs(&src, &tgt);
        for bead in &alignment.beads {
            let doubtful = bead.source.contains(&4) || bead.source.contains(&5);
            if doubtful {
                assert!(bead.confidence < 0.5, "{bead:?}");
            } else if bead.source.start < 3 {
                assert!(bead.confidence > 0.5, "{bead:?}");
            }
        }
    }

    #[test]
    fn sentences_align_inside_a_bead() {
        let src: Vec<Paragraph> = ES.iter().map(|t| Paragraph::text(*t)).collect();
        let tgt: Vec<Paragraph> = EN.iter().map(|t| Paragraph::text(*t)).collect();
        let (_, mut model) = Aligner::default().align(&src, &tgt);
        let alignment = model.align_sentences(
            &[
                "Tenía una ama.",
                "Tenía 40 años.",
                "Era de complexión recia.",
            ],
            &[
                "He had a housekeeper.",
                "He was 40.",
                "He was of a hardy habit.",
            ],
        );
        assert!(alignment.is_complete(3, 3));
        assert_eq!(alignment.beads.len(), 3);
    }

    #[test]
    fn json_lists_every_bead() {
        let alignment = Alignment {
            beads: vec![
                Bead {
                    source: 0..0,
                    target: 0..1,
                    confidence: 1.0,
                },
                Bead {
                    source: 0..2,
                    target: 1..2,
                    confidence: 0.5,
                },
            ],
        };
        assert_eq!(alignment.to_json(), "[\n[[], [0]],\n[[0, 1], [1]]\n]");
    }
}
