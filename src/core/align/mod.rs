//! Paragraph and sentence alignment of a source document with its translation.
//!
//! The aligner works in two passes (see `ARCHITECTURE.md`):
//! 1. a cheap length-only dynamic program (1:1, 1:0, 0:1, 2:1, 1:2) in a band around the
//!    character-length diagonal finds the rough path;
//! 2. the document's own statistics are estimated from that path's confident 1:1 pairs (length
//!    ratio and variance, a dictionary of co-occurring stems, how often anchors match in a true
//!    pair versus a neighbouring one), and a second dynamic program with every bead shape up to
//!    3:3 runs in a narrow band around the first path, pricing each bead by its length, by the
//!    log-likelihood of its anchor matches, and by the paragraph kinds.
//!
//! Both passes are banded, so time and memory grow linearly with the document.

mod dp;
mod features;
mod model;

use std::ops::Range;

use crate::core::document::{Paragraph, ParagraphKind};

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
            out.push_str(&format!("[[{}], [{}]]", list(&bead.source), list(&bead.target)));
            out.push_str(if k + 1 < self.beads.len() { ",\n" } else { "\n" });
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

/// Bead shapes of the second pass, `(source, target)`.
const SHAPES: [Shape; 12] = [
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
    (3, 3),
    (0, 0),
];

/// Bead shapes of the first, length-only pass.
const ROUGH_SHAPES: [Shape; 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];

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
}

impl Default for Params {
    fn default() -> Self {
        Self {
            rough_band: 40,
            fine_band: 10,
            lexical_weight: 0.5,
            null_cost: 4.5,
            anchorless_cost: 2.5,
            kind_cost: 3.0,
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
        _ => 7.5,
    }
}

/// Aligns two documents paragraph by paragraph with the default parameters.
pub fn align_paragraphs(source: &[Paragraph], target: &[Paragraph]) -> Alignment {
    let (alignment, _) = Aligner::new(Params::default()).align(source, target);
    alignment
}

/// Aligns the sentences of one bead with length and identity anchors only.
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
        let scorer = Scorer::new(
            &src,
            &tgt,
            &self.lexicon,
            &|_| false,
            self.length,
            self.rates,
            &self.params,
        );
        let n = src.len();
        let m = tgt.len();
        let band = Band::from_bounds(vec![0; n + 1], vec![m; n + 1], m);
        let beads = dp::solve(&band, &SHAPES[..11], |i, j, a, b| scorer.cost(i, j, a, b));
        scorer.finish(&beads)
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
        let mut featurizer = Featurizer::default();
        let src: Vec<Segment> = source
            .iter()
            .map(|p| segment_of(&mut featurizer, p))
            .collect();
        let tgt: Vec<Segment> = target
            .iter()
            .map(|p| segment_of(&mut featurizer, p))
            .collect();
        let (n, m) = (src.len(), tgt.len());
        let params = self.params.clone();

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
        let centre = length_diagonal(&src, &tgt);
        let mut width = params.rough_band;
        let rough = loop {
            let band = Band::around(&centre, width, m);
            let beads = dp::solve(&band, &ROUGH_SHAPES, |i, j, a, b| {
                rough_cost(&src, &tgt, &rough_length, params.null_cost, i, j, a, b)
            });
            let path = dp::path_cells(&beads);
            if width >= n.max(m) || !band.touches_edge(&path, m) {
                break beads;
            }
            width *= 2;
        };

        // Estimate the document's statistics from the confident 1:1 pairs of pass 1.
        let confident = confident_pairs(&rough, &src, &tgt, &rough_length);
        let length = LengthModel::estimate(
            &confident
                .iter()
                .map(|&(i, j)| (src[i].len, tgt[j].len))
                .collect::<Vec<_>>(),
            rough_length,
        );
        let lexicon = Lexicon::learn(&src, &tgt, &confident, &is_stop);
        let mut scorer = Scorer::new(
            &src,
            &tgt,
            &lexicon,
            &is_stop,
            length,
            AnchorRates {
                hit: 0.5,
                chance: 0.1,
            },
            &params,
        );
        let rates = scorer.estimate_rates(&confident);
        scorer.rates = rates;

        // Pass 2: every shape, in a narrow band around the rough path.
        let band = dp::band_around_path(&dp::path_cells(&rough), n, m, params.fine_band);
        scorer.prepare_masks(&band);
        let beads = dp::solve(&band, &SHAPES[..11], |i, j, a, b| scorer.cost(i, j, a, b));
        let alignment = scorer.finish(&beads);
        drop(scorer);
        let model = DocumentModel {
            featurizer,
            length,
            lexicon,
            rates,
            params,
        };
        (alignment, model)
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

/// A short line with no closing punctuation reads as a heading ("Capítulo 4", "CHAPTER I. …").
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let last = text.trim_end().chars().last();
    words <= 25
        && !matches!(
            last,
            Some('.' | '?' | '!' | '…' | ':' | ';' | ',' | '"' | '”' | '’' | '»' | ')' | '-' | '—')
        )
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

#[allow(clippy::too_many_arguments)]
fn rough_cost(
    src: &[Segment],
    tgt: &[Segment],
    length: &LengthModel,
    null_cost: f64,
    i: usize,
    j: usize,
    a: usize,
    b: usize,
) -> f64 {
    if a == 0 || b == 0 {
        return null_cost + 2.0;
    }
    let ls: f64 = src[i..i + a].iter().map(|s| s.len).sum();
    let lt: f64 = tgt[j..j + b].iter().map(|s| s.len).sum();
    shape_prior((a, b)) + length.cost(ls, lt)
}

/// 1:1 beads of a path whose neighbours are 1:1 too and whose lengths agree.
fn confident_pairs(
    beads: &[(usize, usize, usize, usize)],
    src: &[Segment],
    tgt: &[Segment],
    length: &LengthModel,
) -> Vec<(usize, usize)> {
    let is_one = |k: usize| beads.get(k).is_some_and(|b| b.2 == 1 && b.3 == 1);
    let mut out = Vec::new();
    for (k, &(i, j, a, b)) in beads.iter().enumerate() {
        if a != 1 || b != 1 {
            continue;
        }
        let neighbours = (k == 0 || is_one(k - 1)) && (k + 1 == beads.len() || is_one(k + 1));
        if neighbours && length.delta(src[i].len, tgt[j].len).abs() < 1.5 {
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
    /// Per anchor token, the range of its candidate keys in `cands`.
    token_cands: Vec<Range<usize>>,
    cands: Vec<u32>,
}

impl Anchors {
    fn build(
        side: &[Segment],
        other_keys: &rustc_hash::FxHashSet<u32>,
        dict: &rustc_hash::FxHashMap<u32, Vec<u32>>,
        stop: &dyn Fn(u32) -> bool,
    ) -> Self {
        let mut anchors = Self::default();
        for seg in side {
            let start = anchors.token_cands.len();
            for token in &seg.tokens {
                if stop(token.stem) {
                    continue;
                }
                let c0 = anchors.cands.len();
                if other_keys.contains(&token.ident) {
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
}

impl MaskTable {
    fn build(anchors: &Anchors, other: &[Segment], windows: &[(usize, usize)]) -> Self {
        let mut table = Self::default();
        for (seg, &(lo, hi)) in windows.iter().enumerate() {
            let words = anchors.count(seg).div_ceil(64);
            let offset = table.bits.len();
            table.window.push((lo, hi, words, offset));
            if words == 0 {
                continue;
            }
            table.bits.resize(offset + words * (hi - lo), 0);
            for q in lo..hi {
                let start = offset + (q - lo) * words;
                if let Some(o) = other.get(q) {
                    anchors.mask_into(seg, o, &mut table.bits[start..start + words]);
                }
            }
        }
        table
    }

    /// Number of anchors of `seg` matched by any of `others`, and whether none is.
    fn matched(&self, seg: usize, others: Range<usize>, anchors: &Anchors, other: &[Segment]) -> usize {
        let Some(&(lo, hi, words, offset)) = self.window.get(seg) else {
            return 0;
        };
        if words == 0 {
            return 0;
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
    length: LengthModel,
    rates: AnchorRates,
    params: &'a Params,
}

impl<'a> Scorer<'a> {
    fn new(
        src: &'a [Segment],
        tgt: &'a [Segment],
        lexicon: &Lexicon,
        stop: &dyn Fn(u32) -> bool,
        length: LengthModel,
        rates: AnchorRates,
        params: &'a Params,
    ) -> Self {
        let keys = |side: &[Segment]| -> rustc_hash::FxHashSet<u32> {
            side.iter().flat_map(|s| s.keys.iter().copied()).collect()
        };
        let src_keys = keys(src);
        let tgt_keys = keys(tgt);
        let src_anchors = Anchors::build(src, &tgt_keys, &lexicon.forward, stop);
        let tgt_anchors = Anchors::build(tgt, &src_keys, &lexicon.backward, stop);
        Self {
            src,
            tgt,
            src_anchors,
            tgt_anchors,
            src_masks: MaskTable::default(),
            tgt_masks: MaskTable::default(),
            length,
            rates,
            params,
        }
    }

    /// Match rates of anchors in confident pairs and in neighbouring (chance) pairs.
    fn estimate_rates(&self, confident: &[(usize, usize)]) -> AnchorRates {
        let (mut hit, mut hit_n, mut chance, mut chance_n) = (0usize, 0usize, 0usize, 0usize);
        for &(i, j) in confident {
            hit += self.src_anchors.matches(i, &self.tgt[j]) + self.tgt_anchors.matches(j, &self.src[i]);
            hit_n += self.src_anchors.count(i) + self.tgt_anchors.count(j);
            if let (Some(t), Some(s)) = (self.tgt.get(j + 1), self.src.get(i + 1)) {
                chance += self.src_anchors.matches(i, t) + self.tgt_anchors.matches(j, s);
                chance_n += self.src_anchors.count(i) + self.tgt_anchors.count(j);
            }
        }
        if hit_n < 20 || chance_n < 20 {
            return AnchorRates {
                hit: 0.5,
                chance: 0.1,
            };
        }
        let hit = (hit as f64 + 1.0) / (hit_n as f64 + 2.0);
        let chance = (chance as f64 + 1.0) / (chance_n as f64 + 2.0);
        AnchorRates {
            hit: hit.clamp(0.05, 0.95),
            chance: chance.clamp(0.01, hit * 0.8),
        }
    }

    /// Precomputes match masks for every pair of segments the band lets share a bead.
    fn prepare_masks(&mut self, band: &Band) {
        let n = self.src.len();
        let m = self.tgt.len();
        let rows = band.lo.len();
        let mut src_windows = Vec::with_capacity(n);
        for p in 0..n {
            let lo = band.lo[p.saturating_sub(3)];
            let hi = band.hi[(p + 4).min(rows - 1)].min(m);
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
        self.src_masks = MaskTable::build(&self.src_anchors, self.tgt, &src_windows);
        self.tgt_masks = MaskTable::build(&self.tgt_anchors, self.src, &tgt_windows);
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
        let (w_hit, w_miss) = self.rates.weights(others.len());
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

    fn cost(&self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        if a == 0 || b == 0 {
            return self.params.null_cost * (a + b) as f64;
        }
        let ls: f64 = self.src[i..i + a].iter().map(|s| s.len).sum();
        let lt: f64 = self.tgt[j..j + b].iter().map(|s| s.len).sum();
        let (llr_s, zero_s) = self.side_score(&self.src_masks, &self.src_anchors, i..i + a, self.tgt, j..j + b);
        let (llr_t, zero_t) = self.side_score(&self.tgt_masks, &self.tgt_anchors, j..j + b, self.src, i..i + a);
        let mut cost = shape_prior((a, b)) + self.length.cost(ls, lt)
            - self.params.lexical_weight * (llr_s + llr_t);
        if a + b > 2 {
            cost += self.params.anchorless_cost * (zero_s + zero_t) as f64;
        }
        let src_heading = self.src[i].heading;
        let tgt_heading = self.tgt[j].heading;
        if src_heading != tgt_heading {
            cost += self.params.kind_cost;
        }
        let inner_headings = self.src[i + 1..i + a].iter().filter(|s| s.heading).count()
            + self.tgt[j + 1..j + b].iter().filter(|s| s.heading).count();
        cost += self.params.kind_cost * inner_headings as f64;
        cost
    }

    /// Turns the bead path into an alignment with confidences.
    fn finish(&self, beads: &[(usize, usize, usize, usize)]) -> Alignment {
        let mut out = Vec::with_capacity(beads.len());
        for &(i, j, a, b) in beads {
            let confidence = if a == 0 || b == 0 {
                self.null_confidence(i, j, a, b)
            } else {
                let gain = self.params.null_cost * (a + b) as f64 - self.cost(i, j, a, b);
                sigmoid((gain - 2.0) / 2.0)
            };
            out.push(Bead {
                source: i..i + a,
                target: j..j + b,
                confidence,
            });
        }
        Alignment { beads: out }
    }

    /// How sure a 1:0 or 0:1 bead is: how much worse pairing it with a neighbour would be.
    fn null_confidence(&self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        let mut best_alt = f64::INFINITY;
        if a == 1 {
            for q in [j.checked_sub(1), Some(j)].into_iter().flatten() {
                if q < self.tgt.len() {
                    best_alt = best_alt.min(self.cost(i, q, 1, 1) - self.params.null_cost);
                }
            }
        } else if b == 1 {
            for p in [i.checked_sub(1), Some(i)].into_iter().flatten() {
                if p < self.src.len() {
                    best_alt = best_alt.min(self.cost(p, j, 1, 1) - self.params.null_cost);
                }
            }
        }
        if !best_alt.is_finite() {
            return 0.9;
        }
        let margin = best_alt - self.params.null_cost;
        sigmoid((margin - 1.0) / 2.0)
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}
