//! Every colour and size of the workbench, in one place, so views never invent their own.

use egui::Color32;

use crate::core::review::{NoteStatus, PairState, Severity};

/// Background of the selected pair, in both columns.
pub const SELECTED_BG: Color32 = Color32::from_rgba_premultiplied(40, 70, 120, 90);
/// Background tint of a row whose alignment confidence is low.
pub const LOW_CONFIDENCE_BG: Color32 = Color32::from_rgba_premultiplied(120, 80, 0, 45);
/// Text colour of a low confidence figure.
pub const LOW_CONFIDENCE_TEXT: Color32 = Color32::from_rgb(230, 150, 40);
/// Inserted text in a diff (also underlined).
pub const DIFF_INSERT: Color32 = Color32::from_rgb(90, 200, 110);
/// Background of inserted text.
pub const DIFF_INSERT_BG: Color32 = Color32::from_rgba_premultiplied(20, 70, 30, 90);
/// Deleted text in a diff (also struck through).
pub const DIFF_DELETE: Color32 = Color32::from_rgb(240, 100, 100);
/// Background of deleted text.
pub const DIFF_DELETE_BG: Color32 = Color32::from_rgba_premultiplied(80, 20, 20, 90);
/// Background of the text an open note is about.
pub const NOTE_SPAN_BG: Color32 = Color32::from_rgba_premultiplied(110, 95, 0, 110);
/// Background of the searched text where it occurs.
pub const SEARCH_HIT_BG: Color32 = Color32::from_rgba_premultiplied(20, 90, 110, 120);
/// Background of the hovered sentence and its counterpart in the other column.
pub const SENTENCE_FOCUS_BG: Color32 = Color32::from_rgba_premultiplied(70, 60, 120, 110);
/// Background of the text a resolved note is about.
pub const RESOLVED_SPAN_BG: Color32 = Color32::from_rgba_premultiplied(50, 50, 50, 70);
/// Error messages.
pub const ERROR_TEXT: Color32 = Color32::from_rgb(255, 120, 110);
/// Informational messages.
pub const INFO_TEXT: Color32 = Color32::from_rgb(140, 200, 255);
/// Thin line between rows.
pub const ROW_SEPARATOR: Color32 = Color32::from_rgb(60, 60, 60);

/// Width of the column with state, confidence and note marker.
pub const GUTTER_WIDTH: f32 = 104.0;
/// Height the gutter needs: pair number, state, confidence and note marker.
pub const GUTTER_MIN_HEIGHT: f32 = 64.0;
/// Space between columns and around row content.
pub const ROW_PADDING: f32 = 6.0;

/// The colour of a review state's badge.
pub fn state_color(state: PairState) -> Color32 {
    match state {
        PairState::Draft => Color32::from_rgb(160, 160, 160),
        PairState::Translated => Color32::from_rgb(120, 170, 255),
        PairState::Reviewed => Color32::from_rgb(190, 150, 255),
        PairState::Approved => Color32::from_rgb(90, 200, 110),
        PairState::Rejected => Color32::from_rgb(240, 100, 100),
    }
}

/// The colour of a note's severity label.
pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Neutral => Color32::from_rgb(160, 160, 160),
        Severity::Minor => Color32::from_rgb(230, 200, 80),
        Severity::Major => Color32::from_rgb(240, 140, 60),
        Severity::Critical => Color32::from_rgb(240, 80, 80),
    }
}

/// The highlight behind a note's span.
pub fn note_span_bg(status: NoteStatus) -> Color32 {
    match status {
        NoteStatus::Open => NOTE_SPAN_BG,
        NoteStatus::Resolved => RESOLVED_SPAN_BG,
    }
}

/// Background of the alignment map's plot.
pub const MAP_BG: Color32 = Color32::from_rgba_premultiplied(14, 14, 14, 28);
/// Frame of the alignment map's plot.
pub const MAP_AXIS: Color32 = Color32::from_rgb(110, 110, 110);
/// The path of confident 1:1 beads on the alignment map: quiet.
pub const MAP_PLAIN: Color32 = Color32::from_rgb(135, 145, 155);
/// Beads that are not 1:1 on the alignment map (diamonds).
pub const MAP_UNEVEN: Color32 = Color32::from_rgb(190, 140, 255);
/// Omissions, Spanish with no English, on the alignment map (flat bars).
pub const MAP_OMISSION: Color32 = Color32::from_rgb(240, 90, 90);
/// Additions, English with no Spanish, on the alignment map (upright bars).
pub const MAP_ADDITION: Color32 = Color32::from_rgb(40, 190, 200);
/// Fill of the frame around the rows in view, on the alignment map.
pub const MAP_VIEW_FILL: Color32 = Color32::from_rgba_premultiplied(27, 45, 72, 70);
/// Outline of the frame around the rows in view, on the alignment map.
pub const MAP_VIEW_STROKE: Color32 = Color32::from_rgb(110, 160, 230);
/// Ring and cross on the selected pair, on the alignment map.
pub const MAP_SELECTED: Color32 = Color32::from_rgb(60, 140, 255);
