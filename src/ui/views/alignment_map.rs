//! The alignment map: a small dot plot of each pair's Spanish position against its English
//! position. Beads that deserve a look (not 1:1, omissions, additions, low confidence) are
//! marked by shape and colour, the rows in view are framed and the selected pair is crossed;
//! a click or a drag selects the nearest pair and scrolls the table to it.
//!
//! Nothing here walks every pair per frame: the points are laid out when the pairs change
//! (`AppState::pairs_version`), binned into cells of the plot when its size changes, and a
//! frame paints only the cells. The pair under the pointer is found by binary search: the
//! points of an alignment are in order on both axes.

use std::ops::Range;

use egui::{
    Align2, Color32, Pos2, Rect, RichText, Sense, Shape, Stroke, TextStyle, Vec2, pos2, vec2,
};

use crate::core::project::Pair;
use crate::ui::command::Command;
use crate::ui::state::{AppState, LOW_CONFIDENCE};
use crate::ui::theme::Palette;

/// What a bead is, as the map marks it; when beads share a cell, the later variant is drawn.
///
/// Confirmed beads are plain whatever their shape: nobody needs to look at them again, so a
/// bead is marked exactly when [`crate::ui::state::is_doubtful`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// One paragraph on each side, confident or confirmed: a small quiet dot.
    Plain,
    /// Not 1:1 (2:1, 1:2, 2:2, …): a diamond.
    Uneven,
    /// A low confidence: a ring.
    LowConfidence,
    /// Spanish with no English (1:0): a flat bar, along the Spanish axis.
    Omission,
    /// English with no Spanish (0:1): an upright bar, along the English axis.
    Addition,
}

impl Mark {
    /// How the map marks `pair`.
    pub fn of(pair: &Pair) -> Self {
        let (n_source, n_target) = (pair.source_paragraphs.len(), pair.target_paragraphs.len());
        if pair.confirmed {
            Self::Plain
        } else if n_source == 0 {
            Self::Addition
        } else if n_target == 0 {
            Self::Omission
        } else if pair.confidence < LOW_CONFIDENCE {
            Self::LowConfidence
        } else if n_source != 1 || n_target != 1 {
            Self::Uneven
        } else {
            Self::Plain
        }
    }

    /// Its name in the legend.
    pub fn label(self) -> &'static str {
        match self {
            Self::Plain => "1:1",
            Self::Uneven => "not 1:1",
            Self::LowConfidence => "low confidence",
            Self::Omission => "omission",
            Self::Addition => "addition",
        }
    }

    /// Its colour; a low confidence has the table's colour for it.
    fn color(self, palette: &Palette) -> Color32 {
        match self {
            Self::Plain => palette.map_plain,
            Self::Uneven => palette.map_uneven,
            Self::LowConfidence => palette.low_confidence_text,
            Self::Omission => palette.map_omission,
            Self::Addition => palette.map_addition,
        }
    }

    /// Its marker, centred on `at`: the shape tells the kinds apart without the colour.
    fn shape(self, at: Pos2, palette: &Palette) -> Shape {
        let color = self.color(palette);
        let r = MARKER_RADIUS;
        match self {
            Self::Plain => Shape::circle_filled(at, 1.5, color),
            Self::Uneven => Shape::convex_polygon(
                vec![
                    at + vec2(0.0, -r),
                    at + vec2(r, 0.0),
                    at + vec2(0.0, r),
                    at + vec2(-r, 0.0),
                ],
                color,
                Stroke::NONE,
            ),
            Self::LowConfidence => Shape::circle_stroke(at, r - 0.5, Stroke::new(1.5, color)),
            Self::Omission => {
                Shape::rect_filled(Rect::from_center_size(at, vec2(2.0 * r, 3.0)), 0.0, color)
            }
            Self::Addition => {
                Shape::rect_filled(Rect::from_center_size(at, vec2(3.0, 2.0 * r)), 0.0, color)
            }
        }
    }
}

/// Half the size of a marker, in points.
const MARKER_RADIUS: f32 = 4.0;
/// Marked beads are binned in cells this wide, so markers do not pile up.
const MARKER_CELL: f32 = 6.0;
/// The path of every bead is binned in cells this wide.
const PATH_CELL: f32 = 2.0;
/// Room left of the plot for the English axis label.
const AXIS_MARGIN: f32 = 16.0;
/// Room between the plot's frame and its points, so markers at the ends stay inside.
const PLOT_INSET: f32 = MARKER_RADIUS + 3.0;

/// One pair as a point: the middle of its paragraphs on each axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPoint {
    /// The middle of the pair's Spanish paragraphs, in paragraphs from the start.
    pub source: f32,
    /// The middle of its English paragraphs.
    pub target: f32,
    /// How it is marked.
    pub mark: Mark,
}

/// Every pair as a point, in document order, and the length of both axes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLayout {
    /// One point per pair, in the order of `AppState::pairs`.
    pub points: Vec<MapPoint>,
    /// Paragraphs on the Spanish axis.
    pub n_source: usize,
    /// Paragraphs on the English axis.
    pub n_target: usize,
    /// Pairs marked as deserving a look.
    pub n_doubtful: usize,
}

/// A cell of the plot with at least one point in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// Where its strongest point is drawn, from the plot's top left corner.
    pub offset: Vec2,
    /// The strongest mark among its points.
    pub mark: Mark,
    /// The position of that point's pair.
    pub pair: usize,
}

/// The pair of the marker drawn under `offset` (within its radius, the nearest if several),
/// if any: markers stand for a whole cell, so the pointer on a marker means its pair even
/// when a plain point of the cell is nearer.
pub fn marker_at(marks: &[Cell], offset: Vec2) -> Option<usize> {
    marks
        .iter()
        .map(|cell| (cell.pair, (cell.offset - offset).length()))
        .filter(|(_, distance)| *distance <= MARKER_RADIUS + 1.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(pair, _)| pair)
}

impl MapLayout {
    /// Lays out `pairs` (in document order).
    pub fn new(pairs: &[Pair]) -> Self {
        let middle = |r: &Range<usize>| (r.start + r.end) as f32 / 2.0;
        let points: Vec<MapPoint> = pairs
            .iter()
            .map(|pair| MapPoint {
                source: middle(&pair.source_paragraphs),
                target: middle(&pair.target_paragraphs),
                mark: Mark::of(pair),
            })
            .collect();
        Self {
            n_source: pairs
                .iter()
                .map(|p| p.source_paragraphs.end)
                .max()
                .unwrap_or(0),
            n_target: pairs
                .iter()
                .map(|p| p.target_paragraphs.end)
                .max()
                .unwrap_or(0),
            n_doubtful: points.iter().filter(|p| p.mark != Mark::Plain).count(),
            points,
        }
    }

    /// Points per paragraph on each axis for a plot of `size`.
    fn scale(&self, size: Vec2) -> Vec2 {
        vec2(
            size.x / self.n_source.max(1) as f32,
            size.y / self.n_target.max(1) as f32,
        )
    }

    /// Where `point` is drawn, from the top left corner of a plot of `size`: Spanish left to
    /// right, English top to bottom.
    pub fn offset(&self, point: &MapPoint, size: Vec2) -> Vec2 {
        let scale = self.scale(size);
        vec2(point.source * scale.x, point.target * scale.y)
    }

    /// The part of a plot of `size` that shows `pairs[shown]` (positions, end excluded), from
    /// the first paragraphs of the first to the last paragraphs of the last; `None` when
    /// `shown` is empty or out of range.
    pub fn span(&self, pairs: &[Pair], shown: Range<usize>, size: Vec2) -> Option<Rect> {
        let first = pairs.get(shown.start)?;
        let last = pairs.get(shown.end.checked_sub(1)?)?;
        let scale = self.scale(size);
        Some(Rect::from_min_max(
            pos2(
                first.source_paragraphs.start as f32 * scale.x,
                first.target_paragraphs.start as f32 * scale.y,
            ),
            pos2(
                last.source_paragraphs.end as f32 * scale.x,
                last.target_paragraphs.end as f32 * scale.y,
            ),
        ))
    }

    /// The position of the pair drawn nearest to `offset` in a plot of `size`.
    ///
    /// The points are in order on both axes, so the ones left of and above `offset` end at
    /// the first point at or right of it (`ix`) or the first at or below it (`iy`), and the
    /// nearest of them is the last; the ones right of and below it start there, and the
    /// nearest is the first. Only the points between those two are checked.
    pub fn nearest(&self, offset: Vec2, size: Vec2) -> Option<usize> {
        let scale = self.scale(size);
        let ix = self
            .points
            .partition_point(|p| p.source * scale.x < offset.x);
        let iy = self
            .points
            .partition_point(|p| p.target * scale.y < offset.y);
        let last = self.points.len().checked_sub(1)?;
        let lo = ix.min(iy).saturating_sub(1);
        let hi = ix.max(iy).min(last);
        let distance =
            |p: &MapPoint| (vec2(p.source * scale.x, p.target * scale.y) - offset).length_sq();
        let mut best: Option<(usize, f32)> = None;
        for (idx, point) in self.points.get(lo..=hi)?.iter().enumerate() {
            let d = distance(point);
            if best.is_none_or(|(_, best_d)| d < best_d) {
                best = Some((lo + idx, d));
            }
        }
        best.map(|(idx, _)| idx)
    }

    /// The points `keep` accepts, binned in square cells `cell` points wide in a plot of
    /// `size`: one per cell, at its strongest point (the first of the strongest mark).
    ///
    /// The points are in order on both axes, so the points of a cell come one after the
    /// other; a point out of order only costs a second marker in its cell.
    pub fn cells(&self, size: Vec2, cell: f32, keep: impl Fn(Mark) -> bool) -> Vec<Cell> {
        let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
        for (pair, point) in self.points.iter().enumerate().filter(|(_, p)| keep(p.mark)) {
            let offset = self.offset(point, size);
            let key = (
                (offset.x / cell).max(0.0) as u32,
                (offset.y / cell).max(0.0) as u32,
            );
            match cells.last_mut() {
                Some((x, y, last)) if (*x, *y) == key => {
                    if point.mark > last.mark {
                        *last = Cell {
                            offset,
                            mark: point.mark,
                            pair,
                        };
                    }
                }
                _ => cells.push((
                    key.0,
                    key.1,
                    Cell {
                        offset,
                        mark: point.mark,
                        pair,
                    },
                )),
            }
        }
        cells.into_iter().map(|(_, _, cell)| cell).collect()
    }
}

/// What the tooltip says about a pair: "Pair 12: 2:1, 43% aligned".
pub fn describe(pair_idx: usize, pair: &Pair) -> String {
    let (n_source, n_target) = (pair.source_paragraphs.len(), pair.target_paragraphs.len());
    let kind = match (n_source, n_target) {
        (0, _) => " (addition)",
        (_, 0) => " (omission)",
        _ => "",
    };
    let confidence = if pair.confirmed {
        "confirmed".to_owned()
    } else if pair.confidence < LOW_CONFIDENCE {
        format!("low confidence, {:.0}%", pair.confidence * 100.0)
    } else {
        format!("{:.0}% aligned", pair.confidence * 100.0)
    };
    format!(
        "Pair {}: {n_source}:{n_target}{kind}, {confidence}",
        pair_idx + 1
    )
}

/// Purely visual state of the map: the laid-out points and their cells, cached until the
/// pairs or the plot's size change.
#[derive(Debug, Default)]
pub struct AlignmentMapView {
    /// The `AppState::pairs_version` the layout is for.
    version: Option<u64>,
    /// Every pair as a point.
    layout: MapLayout,
    /// The plot size the cells are for.
    size: Vec2,
    /// Every point, binned finely: the path of the alignment.
    path: Vec<Cell>,
    /// The marked points, binned coarsely.
    marks: Vec<Cell>,
    /// How many times the points were laid out (tests check that frames do not).
    pub n_layouts: usize,
}

impl AlignmentMapView {
    /// Makes the layout match the pairs and the cells match the plot's size.
    fn prepare(&mut self, state: &AppState, size: Vec2) {
        if self.version != Some(state.pairs_version) {
            self.layout = MapLayout::new(&state.pairs);
            self.version = Some(state.pairs_version);
            self.n_layouts += 1;
            self.size = Vec2::ZERO;
        }
        if (self.size - size).abs().max_elem() > 0.5 {
            self.size = size;
            self.path = self.layout.cells(size, PATH_CELL, |_| true);
            self.marks = self.layout.cells(size, MARKER_CELL, |m| m != Mark::Plain);
        }
    }
}

/// The collapsible "Alignment map" section; its header shows and hides it like
/// [`Command::ToggleAlignmentMap`] (the choice is remembered).
pub fn alignment_map_section_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut AlignmentMapView,
    visible: Range<usize>,
    commands: &mut Vec<Command>,
) {
    let toggle = Command::ToggleAlignmentMap;
    let response = egui::CollapsingHeader::new(toggle.label())
        .open(Some(state.preferences.show_alignment_map))
        .show(ui, |ui| {
            alignment_map_ui(ui, state, view, visible, commands)
        });
    let header = response.header_response.on_hover_text(format!(
        "{}\n{}",
        toggle.label_with_shortcut(ui.ctx()),
        toggle.tooltip()
    ));
    if header.clicked() {
        commands.push(toggle);
    }
}

/// The map, its axis labels and its legend. `visible` are the positions of the pairs in view
/// in the table.
pub fn alignment_map_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut AlignmentMapView,
    visible: Range<usize>,
    commands: &mut Vec<Command>,
) {
    if state.pairs.is_empty() {
        ui.weak("No pairs to map");
        return;
    }
    let small = TextStyle::Small.resolve(ui.style());
    let weak = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let width = ui.available_width().max(120.0);
    let label_height = ui.fonts_mut(|f| f.row_height(&small)) + 2.0;
    let frame_width = width - AXIS_MARGIN - 4.0;
    let frame_height = (frame_width * 0.85).clamp(100.0, 320.0).round();
    let (whole, _) = ui.allocate_exact_size(
        vec2(width, frame_height + 2.0 * label_height),
        Sense::hover(),
    );
    // The frame drawn around the plot, and the plot itself, where the points are.
    let frame = Rect::from_min_size(
        whole.min + vec2(AXIS_MARGIN, label_height),
        vec2(frame_width, frame_height),
    );
    let plot = frame.shrink(PLOT_INSET);
    let response = ui.interact(
        plot,
        egui::Id::unique("cotejo_alignment_map"),
        Sense::click_and_drag(),
    );
    view.prepare(state, plot.size());
    let layout = &view.layout;
    // The pair under the pointer: that of the marker there, or else the nearest.
    let pair_at = |pos: Pos2| {
        marker_at(&view.marks, pos - plot.min)
            .or_else(|| layout.nearest(pos - plot.min, plot.size()))
    };
    let summary = format!(
        "Alignment map: {} pairs, {} doubtful",
        state.pairs.len(),
        layout.n_doubtful
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));

    // Click or drag: go to the nearest pair (and scroll the table there).
    if let Some(pos) = response
        .interact_pointer_pos()
        .filter(|_| response.clicked() || response.dragged())
        && let Some(idx) = pair_at(pos)
        && (response.clicked() || idx != state.selected)
        && let Some(pair) = state.pairs.get(idx)
    {
        commands.push(Command::GoToPair(pair.id));
    }

    let palette = Palette::of(ui.visuals());
    let painter = ui.painter_at(whole.expand(MARKER_RADIUS));
    painter.rect_filled(frame, 2.0, palette.map_bg);
    painter.rect_stroke(
        frame,
        2.0,
        Stroke::new(1.0, palette.map_axis),
        egui::StrokeKind::Outside,
    );
    // Axis labels: Spanish along the top, English down the left side, each with an arrow
    // (painted: the default fonts have no arrow glyphs) and its number of paragraphs.
    let arrow = Stroke::new(1.0, weak);
    let spanish = painter.text(
        whole.min + vec2(AXIS_MARGIN, 0.0),
        Align2::LEFT_TOP,
        "Spanish ¶",
        small.clone(),
        weak,
    );
    painter.arrow(
        pos2(spanish.right() + 4.0, spanish.center().y),
        vec2(14.0, 0.0),
        arrow,
    );
    painter.text(
        pos2(frame.right(), whole.top()),
        Align2::RIGHT_TOP,
        layout.n_source.to_string(),
        small.clone(),
        weak,
    );
    let english = ui.fonts_mut(|f| f.layout_no_wrap("English ¶".to_owned(), small.clone(), weak));
    let (english_width, english_height) = (english.size().x, english.size().y);
    // Turned a quarter clockwise, it reads downwards beside the plot.
    let english_at = pos2(whole.left() + english_height, frame.top());
    painter.add(
        egui::epaint::TextShape::new(english_at, english, weak)
            .with_angle(std::f32::consts::FRAC_PI_2),
    );
    painter.arrow(
        pos2(
            whole.left() + english_height / 2.0,
            frame.top() + english_width + 4.0,
        ),
        vec2(0.0, 14.0),
        arrow,
    );
    painter.text(
        pos2(frame.left(), frame.bottom() + 1.0),
        Align2::LEFT_TOP,
        layout.n_target.to_string(),
        small.clone(),
        weak,
    );

    // The rows in view in the table.
    if let Some(span) = layout.span(&state.pairs, visible, plot.size()) {
        let span = span.translate(plot.min.to_vec2());
        let span = Rect::from_center_size(span.center(), span.size().max(vec2(4.0, 4.0)));
        painter.rect(
            span,
            1.0,
            palette.map_view_fill,
            Stroke::new(1.0, palette.map_view_stroke),
            egui::StrokeKind::Outside,
        );
    }
    painter.extend(view.path.iter().map(|cell| {
        Shape::rect_filled(
            Rect::from_center_size(plot.min + cell.offset, Vec2::splat(PATH_CELL)),
            0.0,
            palette.map_plain,
        )
    }));
    painter.extend(
        view.marks
            .iter()
            .map(|cell| cell.mark.shape(plot.min + cell.offset, palette)),
    );
    // The selected pair: a cross to both axes and a ring.
    if let Some(point) = layout.points.get(state.selected) {
        let at = plot.min + layout.offset(point, plot.size());
        let stroke = Stroke::new(1.0, palette.map_selected.gamma_multiply(0.6));
        painter.hline(frame.left()..=at.x, at.y, stroke);
        painter.vline(at.x, frame.top()..=at.y, stroke);
        painter.circle_stroke(
            at,
            MARKER_RADIUS + 2.0,
            Stroke::new(2.0, palette.map_selected),
        );
    }
    // The pair under the pointer: a ring and a tooltip.
    if let Some(pos) = response.hover_pos()
        && let Some(idx) = pair_at(pos)
        && let Some((point, pair)) = layout.points.get(idx).zip(state.pairs.get(idx))
    {
        let at = plot.min + layout.offset(point, plot.size());
        painter.circle_stroke(at, MARKER_RADIUS + 1.0, Stroke::new(1.0, strong));
        response.on_hover_ui_at_pointer(|ui| {
            ui.label(describe(idx, pair));
        });
    }
    legend_ui(ui, layout, palette);
}

/// Which marker means what, and how many beads deserve a look.
fn legend_ui(ui: &mut egui::Ui, layout: &MapLayout, palette: &Palette) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for mark in [
            Mark::Plain,
            Mark::Uneven,
            Mark::LowConfidence,
            Mark::Omission,
            Mark::Addition,
        ] {
            let (rect, _) =
                ui.allocate_exact_size(Vec2::splat(2.0 * MARKER_RADIUS + 2.0), Sense::hover());
            ui.painter().add(mark.shape(rect.center(), palette));
            ui.add(egui::Label::new(RichText::new(mark.label()).small()).extend());
            ui.add_space(6.0);
        }
        let (rect, _) =
            ui.allocate_exact_size(Vec2::splat(2.0 * MARKER_RADIUS + 2.0), Sense::hover());
        ui.painter().rect(
            rect.shrink(1.0),
            1.0,
            palette.map_view_fill,
            Stroke::new(1.0, palette.map_view_stroke),
            egui::StrokeKind::Inside,
        );
        ui.add(egui::Label::new(RichText::new("in view").small()).extend());
    });
    let doubtful = match layout.n_doubtful {
        0 => "No bead is doubtful".to_owned(),
        1 => "1 bead deserves a look; click the map to go there".to_owned(),
        n => format!("{n} beads deserve a look; click the map to go there"),
    };
    ui.label(RichText::new(doubtful).small().weak());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::{PairId, PairState, RevisionId};
    use crate::ui::state::is_doubtful;

    /// A pair covering these paragraph ranges.
    fn pair(n: usize, source: Range<usize>, target: Range<usize>, confidence: f64) -> Pair {
        Pair {
            id: PairId(i64::try_from(n).unwrap() + 1),
            source_paragraphs: source,
            target_paragraphs: target,
            confidence,
            confirmed: false,
            source: String::new(),
            target: String::new(),
            revision: RevisionId(1),
            state: PairState::Draft,
        }
    }

    /// One pair of each kind: 1:1, 2:1, 1:0, 1:1 unsure, 0:1, 1:1 (six Spanish paragraphs,
    /// five English).
    fn pairs() -> Vec<Pair> {
        vec![
            pair(0, 0..1, 0..1, 0.9),
            pair(1, 1..3, 1..2, 0.8),
            pair(2, 3..4, 2..2, 0.7),
            pair(3, 4..5, 2..3, 0.2),
            pair(4, 5..5, 3..4, 0.6),
            pair(5, 5..6, 4..5, 0.95),
        ]
    }

    #[test]
    fn points_sit_in_the_middle_of_their_paragraphs_and_are_marked_by_kind() {
        let mut pairs = pairs();
        let layout = MapLayout::new(&pairs);
        let text: Vec<String> = layout
            .points
            .iter()
            .map(|p| format!("({}, {}) {}", p.source, p.target, p.mark.label()))
            .collect();
        assert_eq!(
            text,
            [
                "(0.5, 0.5) 1:1",
                "(2, 1.5) not 1:1",
                "(3.5, 2) omission",
                "(4.5, 2.5) low confidence",
                "(5, 3.5) addition",
                "(5.5, 4.5) 1:1",
            ]
        );
        assert_eq!(
            (layout.n_source, layout.n_target, layout.n_doubtful),
            (6, 5, 4)
        );
        // A confirmed bead is plain; marked means doubtful, for every pair.
        pairs[1].confirmed = true;
        assert_eq!(Mark::of(&pairs[1]), Mark::Plain);
        for pair in &pairs {
            assert_eq!(Mark::of(pair) != Mark::Plain, is_doubtful(pair), "{pair:?}");
        }
        assert_eq!(MapLayout::new(&[]), MapLayout::default());
    }

    #[test]
    fn offsets_scale_each_axis_to_the_plot() {
        let layout = MapLayout::new(&pairs());
        let size = vec2(60.0, 50.0);
        assert_eq!(layout.offset(&layout.points[0], size), vec2(5.0, 5.0));
        assert_eq!(layout.offset(&layout.points[5], size), vec2(55.0, 45.0));
        // Pairs 2 to 4 in view: from the start of pair 2 to the end of pair 4.
        assert_eq!(
            layout.span(&pairs(), 1..4, size),
            Some(Rect::from_min_max(pos2(10.0, 10.0), pos2(50.0, 30.0)))
        );
        assert_eq!(layout.span(&pairs(), 0..0, size), None);
        assert_eq!(layout.span(&pairs(), 5..9, size), None);
    }

    #[test]
    fn nearest_finds_the_pair_under_the_pointer() {
        let layout = MapLayout::new(&pairs());
        let size = vec2(60.0, 50.0);
        let on = |idx: usize| layout.offset(&layout.points[idx], size);
        for idx in 0..6 {
            assert_eq!(layout.nearest(on(idx), size), Some(idx));
            assert_eq!(layout.nearest(on(idx) + vec2(1.0, -1.0), size), Some(idx));
        }
        // Far off the path, in the corners: the nearest ends.
        assert_eq!(layout.nearest(vec2(-20.0, -20.0), size), Some(0));
        assert_eq!(layout.nearest(vec2(90.0, 90.0), size), Some(5));
        assert_eq!(layout.nearest(vec2(60.0, 0.0), size), Some(3));
        assert_eq!(MapLayout::default().nearest(vec2(1.0, 1.0), size), None);
    }

    #[test]
    fn nearest_agrees_with_checking_every_point() {
        // A long alignment with every kind of step, from a fixed pseudo-random sequence.
        let mut seed = 7_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let (mut s, mut t) = (0, 0);
        let pairs: Vec<Pair> = (0..3000)
            .map(|n| {
                let (ds, dt) = [
                    (1, 1),
                    (1, 1),
                    (1, 1),
                    (2, 1),
                    (1, 2),
                    (1, 0),
                    (0, 1),
                    (3, 2),
                ][next() % 8];
                let pair = pair(n, s..s + ds, t..t + dt, 0.9);
                (s, t) = (s + ds, t + dt);
                pair
            })
            .collect();
        let layout = MapLayout::new(&pairs);
        let size = vec2(300.0, 240.0);
        for _ in 0..500 {
            let at = vec2((next() % 340) as f32 - 20.0, (next() % 280) as f32 - 20.0);
            let found = layout.nearest(at, size).unwrap();
            let d = |idx: usize| (layout.offset(&layout.points[idx], size) - at).length_sq();
            let best = (0..pairs.len()).map(d).fold(f32::INFINITY, f32::min);
            assert_eq!(d(found), best, "at {at:?}");
        }
    }

    #[test]
    fn cells_keep_one_point_each_with_the_strongest_mark() {
        // 1,000 1:1 pairs on a 10×10 plot: one cell per 2×2 square of the diagonal.
        let mut pairs: Vec<Pair> = (0..1000)
            .map(|n| pair(n, n..n + 1, n..n + 1, 0.9))
            .collect();
        pairs[510].confidence = 0.1;
        pairs[520] = pair(520, 520..521, 520..520, 0.9);
        let layout = MapLayout::new(&pairs);
        let size = vec2(10.0, 10.0);
        let path = layout.cells(size, 2.0, |_| true);
        let marks: Vec<Mark> = path.iter().map(|c| c.mark).collect();
        assert_eq!(
            marks,
            [
                Mark::Plain,
                Mark::Plain,
                Mark::Omission,
                Mark::Plain,
                Mark::Plain
            ]
        );
        // The cell is drawn at its strongest point.
        assert_eq!(path[2].offset, layout.offset(&layout.points[520], size));
        assert_eq!(path[2].pair, 520);
        let marked = layout.cells(size, 6.0, |m| m != Mark::Plain);
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].mark, Mark::Omission);
        // A pointer on its marker means its pair; a little further out, none.
        let at = marked[0].offset;
        assert_eq!(marker_at(&marked, at + vec2(3.0, -3.0)), Some(520));
        assert_eq!(marker_at(&marked, at + vec2(4.0, 4.0)), None);
        // A plot as wide as the document: one cell per pair.
        assert_eq!(
            layout.cells(vec2(1000.0, 1000.0), 1.0, |_| true).len(),
            1000
        );
    }

    #[test]
    fn the_tooltip_names_the_pair_its_shape_and_confidence() {
        let mut pairs = pairs();
        assert_eq!(describe(1, &pairs[1]), "Pair 2: 2:1, 80% aligned");
        assert_eq!(
            describe(2, &pairs[2]),
            "Pair 3: 1:0 (omission), 70% aligned"
        );
        assert_eq!(describe(3, &pairs[3]), "Pair 4: 1:1, low confidence, 20%");
        assert_eq!(
            describe(4, &pairs[4]),
            "Pair 5: 0:1 (addition), 60% aligned"
        );
        pairs[3].confirmed = true;
        assert_eq!(describe(3, &pairs[3]), "Pair 4: 1:1, confirmed");
    }
}
