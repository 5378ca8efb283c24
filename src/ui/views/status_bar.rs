//! The status bar: approved / total with a progress bar, open notes, the project file.

use crate::ui::state::AppState;

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.horizontal(|ui| {
        let n_pairs = state.pairs.len();
        ui.label(format!("Approved {} / {}", state.n_approved, n_pairs));
        let fraction = if n_pairs == 0 {
            0.0
        } else {
            state.n_approved as f32 / n_pairs as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(160.0)
                .text(format!("{:.0}%", fraction * 100.0)),
        );
        ui.separator();
        ui.label(format!("Open notes {}", state.n_open_notes));
        if let Some(pair) = state.selected_pair() {
            ui.separator();
            ui.label(format!("Pair {} of {}", state.selected + 1, n_pairs));
            let _ = pair;
        }
        if let Some(path) = &state.project_path {
            ui.separator();
            ui.label(egui::RichText::new(path.display().to_string()).weak());
        }
    });
}
