//! Text layout shared by the views: note highlights and diff marks as egui `LayoutJob`s.

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Stroke};

use crate::core::diff::{DiffKind, DiffSpan};
use crate::ui::theme::Palette;

/// Byte offset of character `char_idx` in `text` (the end if past it).
pub fn char_to_byte(text: &str, char_idx: usize) -> usize {
    text.char_indices()
        .nth(char_idx)
        .map_or(text.len(), |(byte, _)| byte)
}

/// `text` wrapped at `wrap_width`, with the character ranges in `highlights` given a background.
pub fn highlighted_job(
    text: &str,
    highlights: &[(std::ops::Range<usize>, egui::Color32)],
    font: FontId,
    color: egui::Color32,
    wrap_width: f32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    let plain = TextFormat::simple(font.clone(), color);
    let mut ranges: Vec<(usize, usize, egui::Color32)> = highlights
        .iter()
        .map(|(r, c)| (char_to_byte(text, r.start), char_to_byte(text, r.end), *c))
        .filter(|(s, e, _)| s < e)
        .collect();
    ranges.sort_by_key(|(s, _, _)| *s);
    let mut at = 0;
    for (start, end, bg) in ranges {
        let start = start.max(at);
        if start >= end {
            continue;
        }
        if let Some(before) = text.get(at..start) {
            job.append(before, 0.0, plain.clone());
        }
        if let Some(marked) = text.get(start..end) {
            let format = TextFormat {
                background: bg,
                ..plain.clone()
            };
            job.append(marked, 0.0, format);
        }
        at = end;
    }
    if let Some(rest) = text.get(at..) {
        job.append(rest, 0.0, plain);
    }
    job
}

/// Diff spans as text: insertions underlined in green, deletions struck through in red.
pub fn diff_job(
    spans: &[DiffSpan],
    font: FontId,
    color: egui::Color32,
    palette: &Palette,
    wrap_width: f32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    for span in spans {
        let format = match span.kind {
            DiffKind::Equal => TextFormat::simple(font.clone(), color),
            DiffKind::Insert => TextFormat {
                color: palette.diff_insert,
                background: palette.diff_insert_bg,
                underline: Stroke::new(1.5, palette.diff_insert),
                ..TextFormat::simple(font.clone(), color)
            },
            DiffKind::Delete => TextFormat {
                color: palette.diff_delete,
                background: palette.diff_delete_bg,
                strikethrough: Stroke::new(1.5, palette.diff_delete),
                ..TextFormat::simple(font.clone(), color)
            },
        };
        job.append(&span.text, 0.0, format);
    }
    job
}
