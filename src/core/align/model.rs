//! The cost model: a length model (Gale–Church, estimated from the document), a dictionary
//! learned from the document's confident pairs, and per-document weights for lexical anchors.

use rustc_hash::FxHashMap;

use super::features::Segment;

/// `ln(erfc(x))` for `x >= 0`, stable for large `x` (Numerical Recipes' `erfcc`, rel. error 1.2e-7).
pub(crate) fn ln_erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() + poly
}

/// Weight, in pairs, of the prior length model against the document's own pairs.
const PRIOR_PAIRS: f64 = 30.0;
/// Typical variance per character of paragraph lengths in a translation.
const PRIOR_VARIANCE: f64 = 4.0;

/// Deviation beyond which the length cost grows linearly.
const HUBER_DELTA: f64 = 3.0;
/// Growth of the length cost per deviation beyond `HUBER_DELTA`.
const HUBER_SLOPE: f64 = 2.0;

/// Steps per unit of the tabulated normal tail cost.
const TAIL_STEPS: f64 = 32.0;
/// Largest deviation kept in the table.
const TAIL_MAX: f64 = 16.0;

/// `-ln P(|d| >= x)` for a standard normal `d`, tabulated (linear interpolation) up to
/// `TAIL_MAX`: the aligner asks for it millions of times.
fn tail_cost(x: f64) -> f64 {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=(TAIL_MAX * TAIL_STEPS) as usize + 1)
            .map(|k| -ln_erfc(k as f64 / TAIL_STEPS / std::f64::consts::SQRT_2))
            .collect()
    });
    let pos = x * TAIL_STEPS;
    if pos.is_nan() || pos >= TAIL_MAX * TAIL_STEPS {
        return -ln_erfc(x / std::f64::consts::SQRT_2);
    }
    let k = pos as usize;
    let frac = pos - k as f64;
    match (table.get(k), table.get(k + 1)) {
        (Some(&a), Some(&b)) => a + (b - a) * frac,
        _ => -ln_erfc(x / std::f64::consts::SQRT_2),
    }
}

/// Gale–Church length model: target length ≈ `ratio` × source length, variance ∝ length.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LengthModel {
    pub(crate) ratio: f64,
    pub(crate) variance: f64,
}

impl LengthModel {
    /// The cost, in nats, of a bead whose sides have these lengths: `-ln P(|d| >= |delta|)` for
    /// a standard normal `d`.
    #[inline]
    pub(crate) fn cost(&self, source_len: f64, target_len: f64) -> f64 {
        // Beyond three deviations the cost grows linearly, not quadratically: translations have
        // outliers (a retitled chapter, a paraphrase) that length alone must not veto.
        let delta = self.delta(source_len, target_len).abs();
        if delta <= HUBER_DELTA {
            tail_cost(delta)
        } else {
            tail_cost(HUBER_DELTA) + HUBER_SLOPE * (delta - HUBER_DELTA)
        }
    }

    /// The normalised deviation of a bead, for picking confident pairs.
    pub(crate) fn delta(&self, source_len: f64, target_len: f64) -> f64 {
        let mean = (source_len + target_len / self.ratio) * 0.5;
        (target_len - self.ratio * source_len) / (self.variance * mean.max(1.0)).sqrt()
    }

    /// Estimates ratio and variance from pairs believed to be translations of each other.
    pub(crate) fn estimate(pairs: &[(f64, f64)], fallback: Self) -> Self {
        let (sum_s, sum_t) = pairs
            .iter()
            .fold((0.0, 0.0), |(s, t), &(ls, lt)| (s + ls, t + lt));
        // Pseudo-pairs of 100 characters at the fallback ratio pull a short document's estimate
        // towards it.
        let ratio = (sum_t + PRIOR_PAIRS * 100.0 * fallback.ratio) / (sum_s + PRIOR_PAIRS * 100.0);
        let mut squares: Vec<f64> = pairs
            .iter()
            .map(|&(ls, lt)| {
                let mean = ((ls + lt / ratio) * 0.5).max(1.0);
                (lt - ratio * ls).powi(2) / mean
            })
            .collect();
        squares.sort_by(f64::total_cmp);
        // A robust variance: the median of squared normal deviates is 0.455 times the variance.
        let measured = squares
            .get(squares.len() / 2)
            .map_or(PRIOR_VARIANCE, |median| (median / 0.455).clamp(0.5, 200.0));
        // Shrink towards a typical value when there are few pairs to measure.
        let n = pairs.len() as f64;
        let variance = (n * measured + PRIOR_PAIRS * PRIOR_VARIANCE) / (n + PRIOR_PAIRS);
        Self { ratio, variance }
    }
}

/// Translation candidates learned from the document: stem id → stem ids on the other side.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    pub(crate) forward: FxHashMap<u32, Vec<u32>>,
    pub(crate) backward: FxHashMap<u32, Vec<u32>>,
}

impl Lexicon {
    /// Learns word pairs that co-occur in `pairs` (indices of confident 1:1 segments) far more
    /// often than chance (Dice coefficient), ignoring `stop` stems.
    /// A lexicon holding only the seed pairs (stem ids).
    pub(crate) fn from_seed(seed: &[(u32, u32)]) -> Self {
        let mut lexicon = Self::default();
        lexicon.add_seed(seed);
        lexicon
    }

    fn add_seed(&mut self, seed: &[(u32, u32)]) {
        for &(a, b) in seed {
            let forward = self.forward.entry(a).or_default();
            if !forward.contains(&b) {
                forward.push(b);
            }
            let backward = self.backward.entry(b).or_default();
            if !backward.contains(&a) {
                backward.push(a);
            }
        }
    }

    pub(crate) fn learn(
        source: &[Segment],
        target: &[Segment],
        pairs: &[(usize, usize)],
        stop: &dyn Fn(u32) -> bool,
        seed: &[(u32, u32)],
    ) -> Self {
        let mut joint: FxHashMap<u64, u32> =
            FxHashMap::with_capacity_and_hasher(1 << 16, Default::default());
        let mut count_s: FxHashMap<u32, u32> = FxHashMap::default();
        let mut count_t: FxHashMap<u32, u32> = FxHashMap::default();
        let stems = |seg: &Segment, out: &mut Vec<u32>| {
            out.clear();
            out.extend(seg.tokens.iter().map(|t| t.stem).filter(|&x| !stop(x)));
            out.sort_unstable();
            out.dedup();
        };
        let mut stems_s = Vec::new();
        let mut stems_t = Vec::new();
        let pairs: Vec<(&Segment, &Segment)> = pairs
            .iter()
            .filter_map(|&(i, j)| Some((source.get(i)?, target.get(j)?)))
            .collect();
        for &(s, t) in &pairs {
            stems(s, &mut stems_s);
            stems(t, &mut stems_t);
            for &a in &stems_s {
                *count_s.entry(a).or_default() += 1;
            }
            for &b in &stems_t {
                *count_t.entry(b).or_default() += 1;
            }
        }
        // A word seen once cannot co-occur twice: leave hapaxes out of the pair counts.
        let twice_s = |a: &u32| count_s.get(a).is_some_and(|&c| c >= 2);
        let twice_t = |b: &u32| count_t.get(b).is_some_and(|&c| c >= 2);
        for &(s, t) in &pairs {
            stems(s, &mut stems_s);
            stems_s.retain(twice_s);
            stems(t, &mut stems_t);
            stems_t.retain(twice_t);
            for &a in &stems_s {
                for &b in &stems_t {
                    *joint.entry(u64::from(a) << 32 | u64::from(b)).or_default() += 1;
                }
            }
        }
        let mut forward: FxHashMap<u32, Vec<(f64, u32)>> = FxHashMap::default();
        let mut backward: FxHashMap<u32, Vec<(f64, u32)>> = FxHashMap::default();
        for (&key, &c) in &joint {
            if c < 2 {
                continue;
            }
            let a = (key >> 32) as u32;
            let b = key as u32;
            let ca = count_s.get(&a).copied().unwrap_or(0);
            let cb = count_t.get(&b).copied().unwrap_or(0);
            let dice = 2.0 * f64::from(c) / f64::from(ca + cb);
            if dice >= 0.3 {
                forward.entry(a).or_default().push((dice, b));
                backward.entry(b).or_default().push((dice, a));
            }
        }
        let top = |map: FxHashMap<u32, Vec<(f64, u32)>>| {
            map.into_iter()
                .map(|(k, mut v)| {
                    v.sort_by(|x, y| y.0.total_cmp(&x.0));
                    v.truncate(4);
                    (k, v.into_iter().map(|(_, id)| id).collect())
                })
                .collect()
        };
        let mut lexicon = Self {
            forward: top(forward),
            backward: top(backward),
        };
        lexicon.add_seed(seed);
        lexicon
    }
}

/// How likely an anchor token is to find its counterpart in a true pair (`hit`) and in a chance
/// pair of neighbouring paragraphs (`chance`), giving the log-likelihood weights of a match.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AnchorRates {
    pub(crate) hit: f64,
    pub(crate) chance: f64,
}

impl AnchorRates {
    /// Rates from counts of matched anchors in true pairs and in chance pairs, with a fallback
    /// for documents too small to say.
    pub(crate) fn from_counts(hit: usize, hit_n: usize, chance: usize, chance_n: usize) -> Self {
        // Pseudo-counts pull the rates of a short document towards typical values.
        const PSEUDO: f64 = 40.0;
        let hit = (hit as f64 + PSEUDO * 0.5) / (hit_n as f64 + PSEUDO);
        let chance = (chance as f64 + PSEUDO * 0.1) / (chance_n as f64 + PSEUDO);
        Self {
            hit: hit.clamp(0.05, 0.95),
            chance: chance.clamp(0.01, hit * 0.8),
        }
    }

    /// Log-likelihood ratio weights `(matched, unmatched)` of a token facing `k` paragraphs.
    pub(crate) fn weights(&self, k: usize) -> (f64, f64) {
        let k = k.max(1) as i32;
        let miss_chance = (1.0 - self.chance).powi(k);
        let hit = 1.0 - (1.0 - self.hit) * (1.0 - self.chance).powi(k - 1);
        let chance = 1.0 - miss_chance;
        let hit = hit.clamp(0.02, 0.98);
        let chance = chance.clamp(0.01, 0.95).min(hit);
        ((hit / chance).ln(), ((1.0 - hit) / (1.0 - chance)).ln())
    }
}
