//! A monotone dynamic program over beads, restricted to a band of cells.
//!
//! Row `i` (source paragraphs consumed) may only use target positions `lo[i]..=hi[i]`; both bounds
//! never decrease, so the work is linear in document length for a band of fixed width.

use crate::core::progress::{Cancelled, Part};

/// How many rows the passes run between two progress reports and cancellation checks: often
/// enough that a book reports every few milliseconds, rarely enough to cost nothing.
const ROWS_PER_CHECK: usize = 512;

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
}

/// A solved alignment path with, per bead, how much cheaper it is than the best alternative.
#[derive(Debug, Default)]
pub(crate) struct Solution {
    /// Beads as `(i0, j0, a, b)` in order.
    pub(crate) beads: Vec<(usize, usize, usize, usize)>,
    /// Per bead: extra cost of the best complete path that does not use it (≥ 0), when asked.
    pub(crate) margins: Vec<f64>,
}

/// Cost tables over a band, stored row by row.
struct Table<'b> {
    band: &'b Band,
    offset: Vec<usize>,
}

impl<'b> Table<'b> {
    fn new(band: &'b Band) -> Self {
        let mut offset = Vec::with_capacity(band.lo.len() + 1);
        let mut total = 0usize;
        for i in 0..band.lo.len() {
            offset.push(total);
            total += band.hi[i] - band.lo[i] + 1;
        }
        offset.push(total);
        Self { band, offset }
    }

    fn len(&self) -> usize {
        self.offset.last().copied().unwrap_or(0)
    }

    /// Index of cell `(i, j)`, if it lies in the band.
    #[inline]
    fn at(&self, i: usize, j: usize) -> Option<usize> {
        self.band
            .contains(i, j)
            .then(|| self.offset[i] + j - self.band.lo[i])
    }
}

/// Finds the cheapest sequence of beads from `(0, 0)` to `(n, m)` inside `band`.
///
/// `cost(i0, j0, a, b)` prices a bead of `a` source paragraphs from `i0` and `b` target paragraphs
/// from `j0`; `bound` is a cheap lower bound of the same cost, which lets the search skip beads
/// that cannot beat the best one found for a cell. With `margins`, a backward pass runs on a
/// second thread and every bead gets the extra cost of the best path avoiding it.
///
/// The forward pass reports its rows to `progress`; both passes stop with [`Cancelled`] when it
/// says so.
pub(crate) fn solve<B, C>(
    band: &Band,
    shapes: &[Shape],
    bound: B,
    cost: C,
    margins: bool,
    progress: Part<'_>,
) -> Result<Solution, Cancelled>
where
    B: Fn(usize, usize, usize, usize) -> f64 + Sync,
    C: Fn(usize, usize, usize, usize) -> f64 + Sync,
{
    let rows = band.lo.len();
    if rows == 0 {
        return Ok(Solution::default());
    }
    let table = Table::new(band);
    let (forward, backward) = std::thread::scope(|scope| {
        let handle =
            margins.then(|| scope.spawn(|| backward_pass(&table, shapes, &bound, &cost, progress)));
        let forward = forward_pass(&table, shapes, &bound, &cost, progress);
        let backward = handle.and_then(|h| h.join().ok());
        (forward, backward)
    });
    let (best, back) = forward?;
    let backward = backward.transpose()?;
    let mut beads = Vec::new();
    let (mut i, mut j) = (rows - 1, band.hi[rows - 1]);
    while i > 0 || j > 0 {
        let Some(cell) = table.at(i, j) else { break };
        let Some(&(a, b)) = shapes.get(back[cell] as usize) else {
            // Unreachable end: cannot happen for a connected band with the 1:0 and 0:1 shapes.
            break;
        };
        beads.push((i - a, j - b, a, b));
        i -= a;
        j -= b;
    }
    beads.reverse();
    let margins = match backward {
        Some(bwd) => bead_margins(&table, shapes, &beads, &best, &bwd, &cost),
        None => Vec::new(),
    };
    Ok(Solution { beads, margins })
}

/// Cheapest cost from `(0, 0)` to each cell, and the shape of the bead that reaches it.
fn forward_pass<B, C>(
    table: &Table,
    shapes: &[Shape],
    bound: &B,
    cost: &C,
    progress: Part<'_>,
) -> Result<(Vec<f64>, Vec<u8>), Cancelled>
where
    B: Fn(usize, usize, usize, usize) -> f64,
    C: Fn(usize, usize, usize, usize) -> f64,
{
    let band = table.band;
    let mut best = vec![f64::INFINITY; table.len()];
    let mut back = vec![u8::MAX; table.len()];
    best[0] = 0.0;
    let rows = band.lo.len();
    for i in 0..rows {
        if i % ROWS_PER_CHECK == 0 {
            progress.at(i as f32 / rows as f32)?;
        }
        for j in band.lo[i]..=band.hi[i] {
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
                let Some(prev_cell) = table.at(pi, pj) else {
                    continue;
                };
                let prev = best[prev_cell];
                if !prev.is_finite() || prev + bound(pi, pj, a, b) >= cell_best {
                    continue;
                }
                let c = prev + cost(pi, pj, a, b);
                if c < cell_best {
                    cell_best = c;
                    cell_back = k as u8;
                }
            }
            let cell = table.offset[i] + j - band.lo[i];
            best[cell] = cell_best;
            back[cell] = cell_back;
        }
    }
    progress.at(1.0)?;
    Ok((best, back))
}

/// Cheapest cost from each cell to the end `(n, m)`. Only checks for cancellation: the forward
/// pass, running alongside, reports the progress.
fn backward_pass<B, C>(
    table: &Table,
    shapes: &[Shape],
    bound: &B,
    cost: &C,
    progress: Part<'_>,
) -> Result<Vec<f64>, Cancelled>
where
    B: Fn(usize, usize, usize, usize) -> f64,
    C: Fn(usize, usize, usize, usize) -> f64,
{
    let band = table.band;
    let rows = band.lo.len();
    let mut best = vec![f64::INFINITY; table.len()];
    for i in (0..rows).rev() {
        if i % ROWS_PER_CHECK == 0 {
            progress.check()?;
        }
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let cell = table.offset[i] + j - band.lo[i];
            if i + 1 == rows && j == band.hi[i] {
                best[cell] = 0.0;
                continue;
            }
            let mut cell_best = f64::INFINITY;
            for &(a, b) in shapes {
                let Some(next_cell) = table.at(i + a, j + b) else {
                    continue;
                };
                let next = best[next_cell];
                if !next.is_finite() || next + bound(i, j, a, b) >= cell_best {
                    continue;
                }
                cell_best = cell_best.min(next + cost(i, j, a, b));
            }
            best[cell] = cell_best;
        }
    }
    Ok(best)
}

/// For each bead, the extra cost of the cheapest complete path that avoids it: one that passes
/// the bead's end row or column at another cell, or reaches its end cell by another bead.
fn bead_margins<C>(
    table: &Table,
    shapes: &[Shape],
    beads: &[(usize, usize, usize, usize)],
    fwd: &[f64],
    bwd: &[f64],
    cost: &C,
) -> Vec<f64>
where
    C: Fn(usize, usize, usize, usize) -> f64,
{
    let band = table.band;
    let rows = band.lo.len();
    let cols = band.hi.last().copied().unwrap_or(0) + 1;
    let total = fwd.first().map_or(0.0, |_| {
        table
            .at(rows - 1, cols - 1)
            .map_or(f64::INFINITY, |c| fwd[c])
    });
    // Cheapest complete path through each row and each column at a cell off the chosen path
    // (the chosen path may visit a row twice, through a 0:1 bead).
    let mut on_path = vec![false; table.len()];
    let (mut i, mut j) = (0, 0);
    if let Some(c) = table.at(0, 0) {
        on_path[c] = true;
    }
    for &(_, _, a, b) in beads {
        i += a;
        j += b;
        if let Some(c) = table.at(i, j) {
            on_path[c] = true;
        }
    }
    let mut row_alt = vec![f64::INFINITY; rows];
    let mut col_alt = vec![f64::INFINITY; cols];
    for (i, row) in row_alt.iter_mut().enumerate() {
        for (j, col) in col_alt
            .iter_mut()
            .enumerate()
            .take(band.hi[i] + 1)
            .skip(band.lo[i])
        {
            let cell = table.offset[i] + j - band.lo[i];
            if on_path[cell] {
                continue;
            }
            let through = fwd[cell] + bwd[cell];
            *row = row.min(through);
            *col = col.min(through);
        }
    }
    let node_alt = |i: usize, j: usize| {
        if (i == 0 && j == 0) || (i + 1 == rows && j + 1 == cols) {
            f64::INFINITY
        } else {
            row_alt[i].min(col_alt[j])
        }
    };
    beads
        .iter()
        .map(|&(i0, j0, a, b)| {
            let (i1, j1) = (i0 + a, j0 + b);
            let mut alt = node_alt(i0, j0).min(node_alt(i1, j1));
            if let Some(end) = table.at(i1, j1) {
                for &(a2, b2) in shapes {
                    if (a2, b2) == (a, b) || a2 > i1 || b2 > j1 {
                        continue;
                    }
                    if let Some(start) = table.at(i1 - a2, j1 - b2) {
                        let via = fwd[start] + cost(i1 - a2, j1 - b2, a2, b2) + bwd[end];
                        alt = alt.min(via);
                    }
                }
            }
            (alt - total).max(0.0)
        })
        .collect()
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
pub(crate) fn band_around_path(path: &[(usize, usize)], n: usize, m: usize, width: usize) -> Band {
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
    for l in &mut lo {
        if *l == usize::MAX {
            *l = 0;
        }
    }
    Band::from_bounds(lo, hi, m)
}
