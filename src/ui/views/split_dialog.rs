//! The split dialog: how many of the pair's source and target paragraphs go to the first part.

use crate::ui::command::Command;
use crate::ui::state::{AppState, Dialog, Drafts};

/// Draws the split dialog when it is open.
pub fn split_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
) {
    let Some(Dialog::SplitPair { pair: pair_id }) = &state.dialog else {
        return;
    };
    let Some(pair) = state
        .index_of
        .get(pair_id)
        .and_then(|idx| state.pairs.get(*idx))
    else {
        commands.push(Command::CloseDialog);
        return;
    };
    let n_source = pair.source_paragraphs.len();
    let n_target = pair.target_paragraphs.len();
    let response = egui::Modal::new(egui::Id::unique("split_dialog")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Split pair");
        ui.label(format!(
            "This pair has {n_source} Spanish and {n_target} English paragraphs. \
             Choose how many of each go to the first part"
        ));
        egui::Grid::new("split_counts").show(ui, |ui| {
            let label = ui.label("Spanish paragraphs in the first part");
            ui.add(egui::DragValue::new(&mut drafts.split_source).range(0..=n_source))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("English paragraphs in the first part");
            ui.add(egui::DragValue::new(&mut drafts.split_target).range(0..=n_target))
                .labelled_by(label.id);
            ui.end_row();
        });
        let (s, t) = (
            drafts.split_source.min(n_source),
            drafts.split_target.min(n_target),
        );
        let valid = (s, t) != (0, 0) && (s, t) != (n_source, n_target);
        if !valid {
            ui.label("Each part needs at least one paragraph");
        }
        ui.separator();
        ui.horizontal(|ui| {
            let command = Command::SplitPairAt {
                pair: pair.id,
                source_at: pair.source_paragraphs.start + s,
                target_at: pair.target_paragraphs.start + t,
            };
            if ui.add_enabled(valid, egui::Button::new("Split")).clicked() {
                commands.push(command);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::CloseDialog);
            }
        });
    });
    if response.should_close() {
        commands.push(Command::CloseDialog);
    }
}
