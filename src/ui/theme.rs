//! Every colour and size of the workbench, in one place, so views never invent their own.
//!
//! Colours come in a [`Palette`] per theme: the light theme gets darker text colours and paler
//! highlights, so text keeps a contrast of at least 4.5:1 (WCAG AA) in both (a test checks).

use egui::Color32;

use crate::core::review::{NoteStatus, PairState, Severity};

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// The Spanish and English in the table: brighter (darker) than egui's label grey, so it
    /// stays readable on every highlight.
    pub body_text: Color32,
    /// Background of the selected pair, in both columns.
    pub selected_bg: Color32,
    /// Background tint of a row whose alignment confidence is low.
    pub low_confidence_bg: Color32,
    /// Text colour of a low confidence figure.
    pub low_confidence_text: Color32,
    /// Inserted text in a diff (also underlined).
    pub diff_insert: Color32,
    /// Background of inserted text.
    pub diff_insert_bg: Color32,
    /// Deleted text in a diff (also struck through).
    pub diff_delete: Color32,
    /// Background of deleted text.
    pub diff_delete_bg: Color32,
    /// Background of the text an open note is about.
    pub note_span_bg: Color32,
    /// Background of the text a resolved note is about.
    pub resolved_span_bg: Color32,
    /// Background of the searched text where it occurs.
    pub search_hit_bg: Color32,
    /// Background of the hovered sentence and its counterpart in the other column.
    pub sentence_focus_bg: Color32,
    /// Error messages.
    pub error_text: Color32,
    /// Informational messages.
    pub info_text: Color32,
    /// Thin line between rows.
    pub row_separator: Color32,
    /// Badge colours of the review states: draft, translated, reviewed, approved, rejected.
    pub states: [Color32; 5],
    /// Label colours of the severities: neutral, minor, major, critical.
    pub severities: [Color32; 4],
    /// Background of the alignment map's plot.
    pub map_bg: Color32,
    /// Frame of the alignment map's plot.
    pub map_axis: Color32,
    /// The path of confident 1:1 beads on the alignment map: quiet.
    pub map_plain: Color32,
    /// Beads that are not 1:1 on the alignment map (diamonds).
    pub map_uneven: Color32,
    /// Omissions, Spanish with no English, on the alignment map (flat bars).
    pub map_omission: Color32,
    /// Additions, English with no Spanish, on the alignment map (upright bars).
    pub map_addition: Color32,
    /// Fill of the frame around the rows in view, on the alignment map.
    pub map_view_fill: Color32,
    /// Outline of the frame around the rows in view, on the alignment map.
    pub map_view_stroke: Color32,
    /// Ring and cross on the selected pair, on the alignment map.
    pub map_selected: Color32,
}

impl Palette {
    /// The dark theme (the default).
    pub const DARK: Self = Self {
        body_text: Color32::from_gray(220),
        selected_bg: Color32::from_rgba_unmultiplied_const(60, 100, 170, 90),
        low_confidence_bg: Color32::from_rgba_unmultiplied_const(200, 130, 0, 45),
        low_confidence_text: Color32::from_rgb(230, 150, 40),
        diff_insert: Color32::from_rgb(120, 225, 140),
        diff_insert_bg: Color32::from_rgba_unmultiplied_const(40, 160, 70, 60),
        diff_delete: Color32::from_rgb(255, 140, 140),
        diff_delete_bg: Color32::from_rgba_unmultiplied_const(200, 50, 50, 60),
        note_span_bg: Color32::from_rgba_unmultiplied_const(200, 170, 0, 70),
        resolved_span_bg: Color32::from_rgba_unmultiplied_const(128, 128, 128, 45),
        search_hit_bg: Color32::from_rgba_unmultiplied_const(0, 160, 200, 70),
        sentence_focus_bg: Color32::from_rgba_unmultiplied_const(130, 110, 230, 75),
        error_text: Color32::from_rgb(255, 120, 110),
        info_text: Color32::from_rgb(140, 200, 255),
        row_separator: Color32::from_rgb(60, 60, 60),
        states: [
            Color32::from_rgb(160, 160, 160),
            Color32::from_rgb(120, 170, 255),
            Color32::from_rgb(190, 150, 255),
            Color32::from_rgb(90, 200, 110),
            Color32::from_rgb(250, 125, 125),
        ],
        severities: [
            Color32::from_rgb(160, 160, 160),
            Color32::from_rgb(230, 200, 80),
            Color32::from_rgb(240, 140, 60),
            Color32::from_rgb(240, 80, 80),
        ],
        map_bg: Color32::from_rgba_premultiplied(14, 14, 14, 28),
        map_axis: Color32::from_rgb(110, 110, 110),
        map_plain: Color32::from_rgb(135, 145, 155),
        map_uneven: Color32::from_rgb(190, 140, 255),
        map_omission: Color32::from_rgb(240, 90, 90),
        map_addition: Color32::from_rgb(40, 190, 200),
        map_view_fill: Color32::from_rgba_premultiplied(27, 45, 72, 70),
        map_view_stroke: Color32::from_rgb(110, 160, 230),
        map_selected: Color32::from_rgb(60, 140, 255),
    };

    /// The light theme: darker text colours, paler highlights.
    pub const LIGHT: Self = Self {
        body_text: Color32::from_gray(25),
        selected_bg: Color32::from_rgba_unmultiplied_const(70, 130, 220, 45),
        low_confidence_bg: Color32::from_rgba_unmultiplied_const(235, 160, 0, 40),
        low_confidence_text: Color32::from_rgb(150, 80, 0),
        diff_insert: Color32::from_rgb(0, 105, 35),
        diff_insert_bg: Color32::from_rgba_unmultiplied_const(60, 200, 90, 45),
        diff_delete: Color32::from_rgb(170, 20, 20),
        diff_delete_bg: Color32::from_rgba_unmultiplied_const(230, 80, 80, 40),
        note_span_bg: Color32::from_rgba_unmultiplied_const(245, 205, 0, 90),
        resolved_span_bg: Color32::from_rgba_unmultiplied_const(120, 120, 120, 40),
        search_hit_bg: Color32::from_rgba_unmultiplied_const(0, 170, 220, 70),
        sentence_focus_bg: Color32::from_rgba_unmultiplied_const(140, 110, 230, 70),
        error_text: Color32::from_rgb(185, 25, 20),
        info_text: Color32::from_rgb(20, 85, 165),
        row_separator: Color32::from_rgb(215, 215, 215),
        states: [
            Color32::from_rgb(95, 95, 95),
            Color32::from_rgb(25, 85, 195),
            Color32::from_rgb(115, 55, 185),
            Color32::from_rgb(0, 105, 35),
            Color32::from_rgb(170, 20, 20),
        ],
        severities: [
            Color32::from_rgb(95, 95, 95),
            Color32::from_rgb(125, 95, 0),
            Color32::from_rgb(170, 75, 0),
            Color32::from_rgb(185, 20, 20),
        ],
        map_bg: Color32::from_rgba_unmultiplied_const(0, 0, 0, 10),
        map_axis: Color32::from_rgb(150, 150, 150),
        map_plain: Color32::from_rgb(115, 120, 130),
        map_uneven: Color32::from_rgb(125, 55, 205),
        map_omission: Color32::from_rgb(200, 35, 35),
        map_addition: Color32::from_rgb(0, 130, 145),
        map_view_fill: Color32::from_rgba_unmultiplied_const(70, 130, 220, 40),
        map_view_stroke: Color32::from_rgb(40, 100, 200),
        map_selected: Color32::from_rgb(20, 90, 220),
    };

    /// The palette for the theme these visuals belong to.
    pub fn of(visuals: &egui::Visuals) -> &'static Self {
        if visuals.dark_mode {
            &Self::DARK
        } else {
            &Self::LIGHT
        }
    }

    /// The colour of a review state's badge.
    pub fn state(&self, state: PairState) -> Color32 {
        let idx = match state {
            PairState::Draft => 0,
            PairState::Translated => 1,
            PairState::Reviewed => 2,
            PairState::Approved => 3,
            PairState::Rejected => 4,
        };
        self.states[idx]
    }

    /// The colour of a note's severity label.
    pub fn severity(&self, severity: Severity) -> Color32 {
        let idx = match severity {
            Severity::Neutral => 0,
            Severity::Minor => 1,
            Severity::Major => 2,
            Severity::Critical => 3,
        };
        self.severities[idx]
    }

    /// The highlight behind a note's span.
    pub fn note_span(&self, status: NoteStatus) -> Color32 {
        match status {
            NoteStatus::Open => self.note_span_bg,
            NoteStatus::Resolved => self.resolved_span_bg,
        }
    }
}

/// The palette of the theme `ui` is drawn with.
pub fn palette(ui: &egui::Ui) -> &'static Palette {
    Palette::of(ui.visuals())
}

/// Width of the column with state, confidence and note marker.
pub const GUTTER_WIDTH: f32 = 104.0;
/// Height the gutter needs: pair number, state, confidence and note marker.
pub const GUTTER_MIN_HEIGHT: f32 = 64.0;
/// Space between columns and around row content.
pub const ROW_PADDING: f32 = 6.0;

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an opaque colour.
    fn luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    /// WCAG contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// `over` (premultiplied, maybe translucent) painted on the opaque `under`.
    fn blend(over: Color32, under: Color32) -> Color32 {
        let keep = 1.0 - f32::from(over.a()) / 255.0;
        let mix = |o: u8, u: u8| (f32::from(o) + f32::from(u) * keep).round().min(255.0) as u8;
        Color32::from_rgb(
            mix(over.r(), under.r()),
            mix(over.g(), under.g()),
            mix(over.b(), under.b()),
        )
    }

    #[test]
    fn every_text_colour_reads_at_4_5_to_1_on_its_background_in_both_themes() {
        for (name, visuals) in [
            ("dark", egui::Visuals::dark()),
            ("light", egui::Visuals::light()),
        ] {
            let palette = Palette::of(&visuals);
            let panel = visuals.panel_fill;
            let mut texts: Vec<(&str, Color32, Color32)> = vec![
                ("low confidence", palette.low_confidence_text, panel),
                ("error", palette.error_text, panel),
                ("info", palette.info_text, panel),
                (
                    "insertion",
                    palette.diff_insert,
                    blend(palette.diff_insert_bg, panel),
                ),
                (
                    "deletion",
                    palette.diff_delete,
                    blend(palette.diff_delete_bg, panel),
                ),
            ];
            texts.extend(palette.states.iter().map(|c| ("state", *c, panel)));
            texts.extend(palette.severities.iter().map(|c| ("severity", *c, panel)));
            // The selected row: its gutter and its diff marks.
            let selected = blend(palette.selected_bg, panel);
            texts.extend(
                palette
                    .states
                    .iter()
                    .map(|c| ("state, selected", *c, selected)),
            );
            texts.push((
                "low confidence, selected",
                palette.low_confidence_text,
                selected,
            ));
            texts.push((
                "insertion, selected",
                palette.diff_insert,
                blend(palette.diff_insert_bg, selected),
            ));
            texts.push((
                "deletion, selected",
                palette.diff_delete,
                blend(palette.diff_delete_bg, selected),
            ));
            // Body text on every highlight the table draws behind it.
            let body = palette.body_text;
            texts.push(("body on the selected row", body, selected));
            for bg in [
                palette.low_confidence_bg,
                palette.note_span_bg,
                palette.resolved_span_bg,
                palette.search_hit_bg,
                palette.sentence_focus_bg,
            ] {
                texts.push(("body on a highlight", body, blend(bg, panel)));
                texts.push((
                    "body on a highlight in the selected row",
                    body,
                    blend(bg, selected),
                ));
            }
            for (what, text, background) in texts {
                let ratio = contrast(text, background);
                assert!(
                    ratio >= 4.5,
                    "{name} theme, {what}: {text:?} on {background:?} is {ratio:.2}:1"
                );
            }
        }
    }

    #[test]
    fn the_alignment_map_markers_stand_out_at_3_to_1_in_both_themes() {
        for visuals in [egui::Visuals::dark(), egui::Visuals::light()] {
            let palette = Palette::of(&visuals);
            let plot = blend(palette.map_bg, visuals.panel_fill);
            for (what, color) in [
                ("not 1:1", palette.map_uneven),
                ("low confidence", palette.low_confidence_text),
                ("omission", palette.map_omission),
                ("addition", palette.map_addition),
                ("selected", palette.map_selected),
                ("1:1 path", palette.map_plain),
            ] {
                let ratio = contrast(color, plot);
                assert!(
                    ratio >= 3.0,
                    "{} theme, {what}: {ratio:.2}:1",
                    if visuals.dark_mode { "dark" } else { "light" }
                );
            }
        }
    }

    #[test]
    fn the_palette_follows_the_visuals() {
        assert_eq!(Palette::of(&egui::Visuals::dark()), &Palette::DARK);
        assert_eq!(Palette::of(&egui::Visuals::light()), &Palette::LIGHT);
        assert_ne!(Palette::DARK, Palette::LIGHT);
    }
}
