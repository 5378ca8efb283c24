//! The side-by-side table: Spanish left, English right, one row per pair, virtualised.
//!
//! Only the rows in the viewport are laid out. Row heights are estimated from the text length,
//! then replaced by the measured height once a row has been shown; a prefix sum of the heights
//! maps the scroll offset to the first visible row, so a frame costs the same with 40 pairs or
//! with 10,000.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{
    Align2, Id, Key, KeyboardShortcut, Label, Modifiers, Rect, ScrollArea, Sense, TextEdit,
    TextStyle, UiBuilder, vec2,
};

use crate::core::diff::{DiffSpan, diff_words};
use crate::core::document::Side;
use crate::core::project::Pair;
use crate::core::review::{PairId, RevisionId};
use crate::core::search::find_folded;
use crate::store::BaseRevision;
use crate::ui::command::Command;
use crate::ui::state::{AppState, Drafts, LOW_CONFIDENCE, TextSelection};
use crate::ui::theme::{self, GUTTER_WIDTH, ROW_PADDING};
use crate::ui::views::text::{diff_job, highlighted_job};
use crate::ui::views::text_field_info;

/// The id of the English editor, so the app can focus it.
pub const EDITOR_ID: &str = "cotejo_target_editor";

/// A pair's diff spans and what they were computed for: (revision, base, state generation).
type CachedDiff = (RevisionId, BaseRevision, u64, Arc<Vec<DiffSpan>>);

/// Purely visual state of the table: row heights and diff spans, cached across frames.
#[derive(Debug, Default)]
pub struct SideBySideView {
    /// Height of each row (estimated or measured), by row position (see `AppState::rows`).
    heights: Vec<f32>,
    /// Top of each row; one more entry than rows (the total height last).
    prefix: Vec<f32>,
    /// The column width the heights are for.
    column_width: f32,
    /// The state generation the heights are for.
    generation: u64,
    /// Whether the heights are for the diff view.
    show_diff: bool,
    /// Average character width and row height of the body font, measured once.
    metrics: Option<(f32, f32)>,
    /// Scroll the table to this offset in the next frame (benchmarks, tests).
    pub scroll_to_offset: Option<f32>,
    /// Position (in `AppState::pairs`) of the first row in view, as of the last frame.
    pub first_visible: usize,
    /// Position of the last row in view, as of the last frame.
    pub last_visible: usize,
    /// Diff spans per pair, for (revision, base, generation).
    diffs: HashMap<PairId, CachedDiff>,
    /// The sentence under the pointer in the selected pair: (pair, column, sentence index).
    pub sentence_hover: Option<(PairId, Side, usize)>,
}

impl SideBySideView {
    /// The word diff shown for a pair (computed if needed); `None` when the diff is hidden or
    /// the pair has no earlier text.
    pub fn diff_for(&mut self, state: &AppState, pair: &Pair) -> Option<Arc<Vec<DiffSpan>>> {
        if !state.show_diff {
            return None;
        }
        let base = state.base_texts.get(&pair.id)?;
        let key = (pair.revision, state.diff_base, state.generation);
        if let Some((r, b, g, spans)) = self.diffs.get(&pair.id)
            && (*r, *b, *g) == key
        {
            return Some(spans.clone());
        }
        let spans = Arc::new(diff_words(base, &pair.target));
        self.diffs
            .insert(pair.id, (key.0, key.1, key.2, spans.clone()));
        Some(spans)
    }

    /// Makes heights and prefix sums match the state and the column width.
    fn prepare(&mut self, ui: &egui::Ui, state: &AppState, column_width: f32) {
        let (char_width, row_height) = *self.metrics.get_or_insert_with(|| {
            let font = TextStyle::Body.resolve(ui.style());
            let sample = "In a village of La Mancha, the name of which I have no desire";
            let galley = ui.fonts_mut(|f| {
                f.layout_no_wrap(sample.to_owned(), font.clone(), egui::Color32::WHITE)
            });
            let n_chars = sample.chars().count().max(1) as f32;
            (
                galley.size().x / n_chars,
                ui.fonts_mut(|f| f.row_height(&font)),
            )
        });
        let stale = self.heights.len() != state.rows.len()
            || (self.column_width - column_width).abs() > 0.5
            || self.generation != state.generation
            || self.show_diff != state.show_diff;
        if !stale {
            return;
        }
        if self.generation != state.generation {
            self.diffs.clear();
        }
        self.column_width = column_width;
        self.generation = state.generation;
        self.show_diff = state.show_diff;
        let chars_per_line = (column_width / char_width.max(1.0)).max(8.0);
        let lines = |text: &str| -> f32 {
            text.split("\n\n")
                .map(|p| (p.chars().count() as f32 / chars_per_line).ceil().max(1.0) + 1.0)
                .sum::<f32>()
                - 1.0
        };
        self.heights = state
            .rows
            .iter()
            .filter_map(|idx| state.pairs.get(*idx))
            .map(|pair| {
                let n_lines = lines(&pair.source)
                    .max(lines(&pair.target) * if state.show_diff { 1.3 } else { 1.0 });
                (n_lines * row_height).max(theme::GUTTER_MIN_HEIGHT) + 2.0 * ROW_PADDING
            })
            .collect();
        self.recompute_prefix();
    }

    fn recompute_prefix(&mut self) {
        self.prefix.clear();
        self.prefix.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.prefix.push(y);
        for h in &self.heights {
            y += h;
            self.prefix.push(y);
        }
    }
}

/// Draws the column headers and the table.
pub fn side_by_side_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    view: &mut SideBySideView,
    commands: &mut Vec<Command>,
) {
    if state.pairs.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label("No project is open. Use File › New review… or drop two files here");
        });
        return;
    }
    if state.rows.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label("No pair matches the filter");
        });
        return;
    }
    let width = ui.available_width();
    let column_width = ((width - GUTTER_WIDTH - 3.0 * ROW_PADDING) / 2.0)
        .max(80.0)
        .floor();
    ui.horizontal(|ui| {
        ui.add_sized(vec2(GUTTER_WIDTH, 18.0), Label::new("State"));
        ui.add_space(ROW_PADDING);
        ui.add_sized(vec2(column_width, 18.0), Label::new("Spanish original"));
        ui.add_space(ROW_PADDING);
        ui.add_sized(vec2(column_width, 18.0), Label::new("English translation"));
    });
    ui.separator();
    view.prepare(ui, state, column_width);
    ui.style_mut().interaction.selectable_labels = false;
    let n_rows = state.rows.len();
    let mut scroll_area = ScrollArea::vertical().id_salt("pairs").auto_shrink(false);
    if let Some(offset) = view.scroll_to_offset.take() {
        scroll_area = scroll_area.vertical_scroll_offset(offset);
    }
    scroll_area.show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        let total = view.prefix.last().copied().unwrap_or(0.0);
        ui.set_min_height(total);
        ui.set_min_width(width - 16.0);
        if state.scroll_to_selected
            && let Some(row_pos) = state.row_of(state.selected)
        {
            let top = view.prefix.get(row_pos).copied().unwrap_or(0.0);
            let height = view.heights.get(row_pos).copied().unwrap_or(0.0);
            let far = top + height < viewport.min.y - viewport.height()
                || top > viewport.max.y + viewport.height();
            if far {
                // A jump far away (the alignment map, a search hit): the rows there have
                // estimated heights, which change as they are laid out and would move an
                // animated scroll's goal. Put the pair a quarter down the view at once: only
                // the few rows above it can still move it, a little.
                let max_offset = (total - viewport.height()).max(0.0);
                view.scroll_to_offset =
                    Some((top - viewport.height() / 4.0).clamp(0.0, max_offset));
                ui.ctx().request_repaint();
            } else {
                let rect = Rect::from_min_size(origin + vec2(0.0, top), vec2(width, height));
                ui.scroll_to_rect(rect, None);
            }
        }
        let first = view
            .prefix
            .partition_point(|y| *y <= viewport.min.y)
            .saturating_sub(1);
        view.first_visible = state.rows.get(first).copied().unwrap_or(0);
        view.last_visible = view.first_visible;
        let mut changed = false;
        for row_pos in first..n_rows {
            let top = view.prefix.get(row_pos).copied().unwrap_or(total);
            if top > viewport.max.y {
                break;
            }
            let Some(pair_idx) = state.rows.get(row_pos).copied() else {
                break;
            };
            let Some(pair) = state.pairs.get(pair_idx) else {
                break;
            };
            view.last_visible = pair_idx;
            let cached = view.heights.get(row_pos).copied().unwrap_or(0.0);
            let row = RowGeometry {
                top_left: origin + vec2(0.0, top),
                column_width,
                width: width - 16.0,
                cached_height: cached,
            };
            let height = row_ui(ui, state, drafts, view, commands, pair_idx, pair, &row);
            if (height - cached).abs() > 0.5
                && let Some(h) = view.heights.get_mut(row_pos)
            {
                *h = height;
                changed = true;
            }
        }
        if changed {
            view.recompute_prefix();
            ui.ctx().request_repaint();
        }
    });
}

struct RowGeometry {
    top_left: egui::Pos2,
    column_width: f32,
    width: f32,
    cached_height: f32,
}

/// Draws one row; returns its height. In the selected row, also finds the sentence under the
/// pointer (or the editor's text cursor) for the sentence focus.
#[allow(clippy::too_many_arguments)]
fn row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    view: &mut SideBySideView,
    commands: &mut Vec<Command>,
    pair_idx: usize,
    pair: &Pair,
    row: &RowGeometry,
) -> f32 {
    let is_selected = pair_idx == state.selected;
    let is_editing = state.editing == Some(pair.id);
    let font = TextStyle::Body.resolve(ui.style());
    let palette = theme::palette(ui);
    let color = palette.body_text;
    let col = row.column_width;
    let source_x = row.top_left.x + GUTTER_WIDTH + ROW_PADDING;
    let target_x = source_x + col + ROW_PADDING;
    let text_top = row.top_left.y + ROW_PADDING;

    let is_hit = state.search_matches.binary_search(&pair_idx).is_ok();
    let spans_on = |side: Side| -> Vec<(std::ops::Range<usize>, egui::Color32)> {
        let mut spans: Vec<_> = state
            .note_spans
            .get(&pair.id)
            .map(|spans| {
                spans
                    .iter()
                    .filter(|s| s.side == side)
                    .map(|s| (s.chars.clone(), palette.note_span(s.status)))
                    .collect()
            })
            .unwrap_or_default();
        if is_hit && state.search_scope.covers(side) {
            // Only rows in view that contain the query get here: cheap enough every frame.
            let text = match side {
                Side::Source => &pair.source,
                Side::Target => &pair.target,
            };
            spans.extend(
                find_folded(text, &state.search_query)
                    .into_iter()
                    .map(|hit| (hit, palette.search_hit_bg)),
            );
        }
        spans
    };
    // The hovered sentence and its counterparts, from the map computed once per pair.
    let focus = is_selected
        .then(|| state.sentence_map_of(pair))
        .flatten()
        .zip(view.sentence_hover)
        .filter(|(_, (id, _, _))| *id == pair.id)
        .map(|(map, (_, side, k))| map.focus(side, k))
        .unwrap_or_default();
    let spans_on = |side: Side| {
        let mut spans = spans_on(side);
        let ranges = match side {
            Side::Source => &focus.source,
            Side::Target => &focus.target,
        };
        spans.extend(
            ranges
                .iter()
                .map(|r| (r.clone(), palette.sentence_focus_bg)),
        );
        spans
    };
    let source_job = highlighted_job(
        &pair.source,
        &spans_on(Side::Source),
        font.clone(),
        color,
        col,
    );
    let source_galley = ui.fonts_mut(|f| f.layout_job(source_job));
    let target_galley = (!is_editing).then(|| {
        let job = match view.diff_for(state, pair) {
            Some(spans) => diff_job(&spans, font.clone(), color, palette, col),
            None => highlighted_job(
                &pair.target,
                &spans_on(Side::Target),
                font.clone(),
                color,
                col,
            ),
        };
        ui.fonts_mut(|f| f.layout_job(job))
    });
    let content_height = source_galley.size().y.max(
        target_galley
            .as_ref()
            .map_or(row.cached_height - 2.0 * ROW_PADDING, |g| g.size().y),
    );
    let mut height = content_height.max(theme::GUTTER_MIN_HEIGHT) + 2.0 * ROW_PADDING;
    let row_rect = Rect::from_min_size(row.top_left, vec2(row.width, height));

    // The row itself takes clicks; the texts on top only show (or select, when selected).
    let response = ui.interact(row_rect, Id::unique(("pair_row", pair.id)), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Pair {}", pair_idx + 1))
    });
    if response.clicked() && !is_selected {
        commands.push(Command::Select(pair_idx));
    }
    if response.double_clicked() {
        if !is_selected {
            commands.push(Command::Select(pair_idx));
        }
        commands.push(Command::StartEdit);
    }

    let painter = ui.painter();
    if is_selected {
        painter.rect_filled(row_rect, 2.0, palette.selected_bg);
    } else if pair.confidence < LOW_CONFIDENCE && !pair.confirmed {
        painter.rect_filled(row_rect, 0.0, palette.low_confidence_bg);
    }
    painter.hline(
        row_rect.x_range(),
        row_rect.bottom(),
        egui::Stroke::new(1.0, palette.row_separator),
    );
    gutter_ui(
        ui,
        state,
        pair,
        pair_idx,
        row.top_left + vec2(ROW_PADDING, ROW_PADDING),
    );

    let source_rect = Rect::from_min_size(
        egui::pos2(source_x, text_top),
        vec2(col, source_galley.size().y),
    );
    let mut hovered_now = None;
    if is_selected {
        let mut hovered =
            hovered_sentence(ui, state, pair, Side::Source, &source_galley, source_rect);
        // A diff shows deleted words too: its characters are not the English text's.
        let diff_shown = state.show_diff && state.base_texts.contains_key(&pair.id);
        if let Some(galley) = target_galley.as_ref().filter(|_| !diff_shown) {
            let target_rect =
                Rect::from_min_size(egui::pos2(target_x, text_top), vec2(col, galley.size().y));
            hovered = hovered.or(hovered_sentence(
                ui,
                state,
                pair,
                Side::Target,
                galley,
                target_rect,
            ));
        }
        hovered_now = hovered;
        selectable_text_ui(ui, drafts, pair, Side::Source, source_galley, source_rect);
    } else {
        ui.put(source_rect, Label::new(source_galley));
    }

    if is_editing {
        let editor_rect = Rect::from_min_size(
            egui::pos2(target_x, text_top),
            vec2(
                col,
                (row.cached_height - 2.0 * ROW_PADDING).max(source_rect.height()),
            ),
        );
        let (editor_height, cursor) = editor_ui(ui, state, drafts, commands, editor_rect);
        height = height.max(editor_height + 2.0 * ROW_PADDING);
        if let Some(at) = cursor {
            drafts.caret = Some(TextSelection {
                pair: pair.id,
                side: Side::Target,
                start: at,
                end: at,
            });
        }
        // The text cursor focuses its sentence while the English is as stored (the map is for
        // the stored text); the pointer wins when it is over a sentence.
        if hovered_now.is_none()
            && drafts.edit_text == pair.target
            && let Some(map) = state.sentence_map_of(pair)
        {
            // A cursor just after a sentence's last character is still in that sentence.
            hovered_now = cursor
                .and_then(|c| {
                    map.sentence_at(Side::Target, c)
                        .or_else(|| map.sentence_at(Side::Target, c.checked_sub(1)?))
                })
                .map(|k| (Side::Target, k));
        }
    } else if let Some(galley) = target_galley {
        let target_rect =
            Rect::from_min_size(egui::pos2(target_x, text_top), vec2(col, galley.size().y));
        if is_selected {
            let double_clicked =
                selectable_text_ui(ui, drafts, pair, Side::Target, galley, target_rect);
            if double_clicked {
                commands.push(Command::StartEdit);
            }
        } else {
            ui.put(target_rect, Label::new(galley));
        }
    }
    if is_selected {
        let hovered = hovered_now.map(|(side, k)| (pair.id, side, k));
        if hovered != view.sentence_hover {
            view.sentence_hover = hovered;
            ui.ctx().request_repaint();
        }
    }
    height
}

/// The sentence of `side` under the pointer, if the pointer is over that column's text.
fn hovered_sentence(
    ui: &egui::Ui,
    state: &AppState,
    pair: &Pair,
    side: Side,
    galley: &egui::Galley,
    rect: Rect,
) -> Option<(Side, usize)> {
    let pointer = ui.ctx().pointer_hover_pos()?;
    if !rect.contains(pointer) {
        return None;
    }
    let map = state.sentence_map_of(pair)?;
    let cursor = galley.cursor_from_pos(pointer - rect.min);
    map.sentence_at(side, cursor.index.0).map(|k| (side, k))
}

/// State, confidence and note marker of a row.
fn gutter_ui(ui: &egui::Ui, state: &AppState, pair: &Pair, pair_idx: usize, at: egui::Pos2) {
    let painter = ui.painter();
    let small = TextStyle::Small.resolve(ui.style());
    let body = TextStyle::Body.resolve(ui.style());
    let weak = ui.visuals().weak_text_color();
    painter.text(
        at,
        Align2::LEFT_TOP,
        format!("{}", pair_idx + 1),
        small.clone(),
        weak,
    );
    painter.text(
        at + vec2(0.0, 14.0),
        Align2::LEFT_TOP,
        pair.state.as_str(),
        body,
        theme::palette(ui).state(pair.state),
    );
    let low = pair.confidence < LOW_CONFIDENCE && !pair.confirmed;
    let confidence = if pair.confirmed {
        "confirmed".to_owned()
    } else {
        format!(
            "{}{:.0}% aligned",
            if low { "low " } else { "" },
            pair.confidence * 100.0
        )
    };
    painter.text(
        at + vec2(0.0, 34.0),
        Align2::LEFT_TOP,
        confidence,
        small.clone(),
        if low {
            theme::palette(ui).low_confidence_text
        } else {
            weak
        },
    );
    if let Some(n) = state.open_notes.get(&pair.id).filter(|n| **n > 0) {
        let text = if *n == 1 {
            "1 open note".to_owned()
        } else {
            format!("{n} open notes")
        };
        painter.text(
            at + vec2(0.0, 50.0),
            Align2::LEFT_TOP,
            text,
            small,
            theme::palette(ui).note_span_bg.to_opaque(),
        );
    }
}

/// A read-only text field, so the user can select a stretch for a note. Returns whether it was
/// double-clicked.
fn selectable_text_ui(
    ui: &mut egui::Ui,
    drafts: &mut Drafts,
    pair: &Pair,
    side: Side,
    galley: Arc<egui::Galley>,
    rect: Rect,
) -> bool {
    let text = match side {
        Side::Source => pair.source.as_str(),
        Side::Target => pair.target.as_str(),
    };
    let mut text_ref = text;
    let mut layouter = |_ui: &egui::Ui, _text: &dyn egui::TextBuffer, _wrap: f32| galley.clone();
    let output = ui
        .scope_builder(UiBuilder::new().max_rect(rect), |ui| {
            TextEdit::multiline(&mut text_ref)
                .id(Id::unique(("selectable", pair.id, side == Side::Source)))
                .frame(egui::Frame::NONE)
                .margin(egui::Margin::ZERO)
                .desired_width(rect.width())
                .desired_rows(1)
                .layouter(&mut layouter)
                .show(ui)
        })
        .inner;
    // Screen readers announce the field by its column and pair, and read its text as value.
    let name = match side {
        Side::Source => "Spanish original (read only)",
        Side::Target => "English translation (select text for a note)",
    };
    output
        .response
        .widget_info(|| text_field_info(name, text, true));
    if let Some(range) = output.cursor_range {
        let chars = range.as_sorted_char_range();
        let (start, end) = (chars.start.0, chars.end.0);
        drafts.caret = Some(TextSelection {
            pair: pair.id,
            side,
            start,
            end,
        });
        if start < end {
            drafts.selection = Some(TextSelection {
                pair: pair.id,
                side,
                start,
                end,
            });
        }
    }
    output.response.double_clicked()
}

/// The English editor; returns its height.
fn editor_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
    rect: Rect,
) -> (f32, Option<usize>) {
    let output = ui
        .scope_builder(UiBuilder::new().max_rect(rect), |ui| {
            TextEdit::multiline(&mut drafts.edit_text)
                .id(Id::unique(EDITOR_ID))
                .desired_width(rect.width())
                .desired_rows(2)
                .return_key(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter))
                .hint_text("English translation")
                .show(ui)
        })
        .inner;
    let response = &output.response;
    response.widget_info(|| text_field_info("Edit English translation", &drafts.edit_text, true));
    if state.focus_editor {
        response.request_focus();
    }
    let escaped = ui.input(|i| i.key_pressed(Key::Escape));
    if response.lost_focus() && !escaped {
        commands.push(Command::CommitEdit);
    }
    let cursor = output
        .cursor_range
        .filter(|_| response.has_focus())
        .map(|range| range.primary.index.0);
    (response.rect.height(), cursor)
}
