//! A monotone dynamic program over beads, restricted to a band of cells.
//!
//! Row `i` (source paragraphs consumed) may only use target positions `lo[i]..=hi[i]`; both bounds
//! never decrease, so the work is linear in document length for a band of fixed width.

/// A bead shape: `(source paragraphs, target paragraphs)`.
pub(crate) type Shape = (usize, usize);

/// Allowed target positions per row; `lo` and `hi` never decrease.
#[derive(Clone, Debug)]
pub(crate) struct Band {
    pub(crate) lo: Vec<usize>,
    pub(crate) hi: Vec<usize>,
}

impl Band {
    /// A band of half-width `width` around `centre` (target position per row, `n + 1` rows),
    /// made monotone and connected, covering `(0, 0)` and `(n, m)`.
    pub(crate) fn around(centre: &[usize], width: usize, m: usize) -> Self {
        let lo: Vec<usize> = centre.iter().map(|&c| c.saturating_sub(width)).collect();
        let hi: Vec<usize> = centre.iter().map(|&c| (c + width).min(m)).collect();
        Self::from_bounds(lo, hi, m)
    }

    /// A band from raw bounds, repaired into a monotone, connected band.
    pub(crate) fn from_bounds(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize) -> Self {
        let rows = lo.len();
        if rows == 0 {
            return Self { lo, hi };
        }
        lo[0] = 0;
        hi[rows - 1] = m;
        // lo must not decrease: take suffix minima; hi must not decrease: prefix maxima.
        for i in (0..rows - 1).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..rows {
            hi[i] = hi[i].max(hi[i - 1]).min(m);
        }
        for i in 0..rows {
            lo[i] = lo[i].min(hi[i]);
        }
        // Each row must reach the next one with a 1:1 step.
        for i in 0..rows - 1 {
            if hi[i] + 1 < lo[i + 1] {
                hi[i] = lo[i + 1] - 1;
            }
        }
        Self { lo, hi }
    }

    /// Whether cell `(i, j)` lies in the band.
    #[inline]
    pub(crate) fn contains(&self, i: usize, j: usize) -> bool {
        i < self.lo.len() && self.lo[i] <= j && j <= self.hi[i]
    }

    /// Whether the path touches the band's edge somewhere other than the document's ends.
    pub(crate) fn touches_edge(&self, path: &[(usize, usize)], m: usize) -> bool {
        path.iter().any(|&(i, j)| {
            (j == self.lo[i] && self.lo[i] > 0) || (j == self.hi[i] && self.hi[i] < m)
        })
    }

    /// Number of cells.
    pub(crate) fn cells(&self) -> usize {
        self.lo.iter().zip(&self.hi).map(|(l, h)| h - l + 1).sum()
    }
}

/// Finds the cheapest sequence of beads from `(0, 0)` to `(n, m)` inside `band`.
///
/// `cost(i0, j0, a, b)` prices a bead of `a` source paragraphs from `i0` and `b` target paragraphs
/// from `j0`; `bound` is a cheap lower bound of the same cost, which lets the search skip beads
/// that cannot beat the best one found for a cell. Returns the beads as `(i0, j0, a, b)`.
pub(crate) fn solve(
    band: &Band,
    shapes: &[Shape],
    mut bound: impl FnMut(usize, usize, usize, usize) -> f64,
    mut cost: impl FnMut(usize, usize, usize, usize) -> f64,
) -> Vec<(usize, usize, usize, usize)> {
    let rows = band.lo.len();
    if rows == 0 {
        return Vec::new();
    }
    let mut offset = Vec::with_capacity(rows + 1);
    let mut total = 0usize;
    for i in 0..rows {
        offset.push(total);
        total += band.hi[i] - band.lo[i] + 1;
    }
    offset.push(total);
    let mut best = vec![f64::INFINITY; total];
    let mut back = vec![u8::MAX; total];
    best[0] = 0.0;
    for i in 0..rows {
        for j in band.lo[i]..=band.hi[i] {
            let cell = offset[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                continue;
            }
            let mut cell_best = f64::INFINITY;
            let mut cell_back = u8::MAX;
            for (k, &(a, b)) in shapes.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let (pi, pj) = (i - a, j - b);
                if !band.contains(pi, pj) {
                    continue;
                }
                let prev = best[offset[pi] + pj - band.lo[pi]];
                if !prev.is_finite() || prev + bound(pi, pj, a, b) >= cell_best {
                    continue;
                }
                let c = prev + cost(pi, pj, a, b);
                if c < cell_best {
                    cell_best = c;
                    cell_back = k as u8;
                }
            }
            best[cell] = cell_best;
            back[cell] = cell_back;
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (rows - 1, band.hi[rows - 1]);
    while i > 0 || j > 0 {
        let k = back[offset[i] + j - band.lo[i]];
        let Some(&(a, b)) = shapes.get(k as usize) else {
            // Unreachable end: cannot happen for a connected band with the 1:0 and 0:1 shapes.
            break;
        };
        beads.push((i - a, j - b, a, b));
        i -= a;
        j -= b;
    }
    beads.reverse();
    beads
}

/// The cells a bead path visits, one `(i, j)` per bead boundary.
pub(crate) fn path_cells(beads: &[(usize, usize, usize, usize)]) -> Vec<(usize, usize)> {
    let mut cells = vec![(0, 0)];
    for &(i0, j0, a, b) in beads {
        cells.push((i0 + a, j0 + b));
    }
    cells
}

/// The target position of a path at each row `0..=n` (its first cell in that row; a row the path
/// jumps over takes the cell before it).
pub(crate) fn row_centres(path: &[(usize, usize)], n: usize) -> Vec<usize> {
    let mut centre = vec![usize::MAX; n + 1];
    for &(i, j) in path {
        if let Some(c) = centre.get_mut(i) {
            *c = (*c).min(j);
        }
    }
    let mut last = 0;
    for c in &mut centre {
        if *c == usize::MAX {
            *c = last;
        }
        last = *c;
    }
    centre
}

/// A band of half-width `width` around a path: every row gets the target span the path covers.
pub(crate) fn band_around_path(
    path: &[(usize, usize)],
    n: usize,
    m: usize,
    width: usize,
) -> Band {
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    for w in path.windows(2) {
        let ((i0, j0), (i1, j1)) = (w[0], w[1]);
        for i in i0..=i1 {
            lo[i] = lo[i].min(j0.saturating_sub(width));
            hi[i] = hi[i].max((j1 + width).min(m));
        }
    }
    if path.len() == 1 {
        lo[0] = 0;
        hi[0] = m.min(width);
    }
    for i in 0..=n {
        if lo[i] == usize::MAX {
            lo[i] = 0;
        }
    }
    Band::from_bounds(lo, hi, m)
}
