//! The export dialog: TXT or Markdown, and the pairs that are not approved, with a way to jump
//! to each or to export anyway.

use crate::core::export::ExportFormat;
use crate::ui::command::Command;
use crate::ui::state::{AppState, Dialog, Drafts};

/// How many unapproved pairs the list shows before "and N more".
const MAX_LISTED: usize = 200;

/// Draws the export dialog when it is open.
pub fn export_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
) {
    let Some(Dialog::Export { unapproved }) = &state.dialog else {
        return;
    };
    let response = egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Export the translation");
        ui.horizontal(|ui| {
            ui.label("Format");
            ui.radio_value(
                &mut drafts.export_format,
                ExportFormat::Txt,
                "Plain text (TXT)",
            );
            ui.radio_value(&mut drafts.export_format, ExportFormat::Md, "Markdown");
        });
        ui.separator();
        if unapproved.is_empty() {
            ui.label("Every pair is approved");
        } else {
            ui.label(format!(
                "{} of {} pairs are not approved",
                unapproved.len(),
                state.pairs.len()
            ));
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    for pair_id in unapproved.iter().take(MAX_LISTED) {
                        let Some(pair) = state
                            .index_of
                            .get(pair_id)
                            .and_then(|i| state.pairs.get(*i))
                        else {
                            continue;
                        };
                        ui.horizontal(|ui| {
                            let position = state.index_of.get(pair_id).map_or(0, |i| i + 1);
                            let command = Command::GoToPair(*pair_id);
                            if ui.button(format!("Go to pair {position}")).clicked() {
                                commands.push(command);
                            }
                            let preview: String = pair.target.chars().take(60).collect();
                            ui.label(format!("{} · {preview}", pair.state));
                        });
                    }
                    if unapproved.len() > MAX_LISTED {
                        ui.label(format!("and {} more", unapproved.len() - MAX_LISTED));
                    }
                });
        }
        ui.separator();
        ui.horizontal(|ui| {
            let allow_unapproved = !unapproved.is_empty();
            let command = Command::ExportWrite { allow_unapproved };
            if ui.button(command.label()).clicked() {
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
