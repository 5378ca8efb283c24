//! The history panel: the selected pair's revisions, newest first, each with its diff against
//! the one before and a "Revert to this" button.

use egui::{RichText, TextStyle};

use crate::ui::command::Command;
use crate::ui::state::AppState;
use crate::ui::views::text::diff_job;

/// Draws the revisions of the selected pair.
pub fn history_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(pair) = state.selected_pair() else {
        return;
    };
    let font = TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    for (k, revision) in state.revisions.iter().enumerate().rev() {
        let diff = state.revision_diffs.get(k).and_then(Option::as_ref);
        ui.group(|ui| {
            let current = revision.id == pair.revision;
            ui.horizontal(|ui| {
                ui.label(RichText::new(revision.kind.as_str()).strong());
                ui.label(
                    RichText::new(format!("{} · {}", revision.author, revision.created)).weak(),
                );
                if current {
                    ui.label(RichText::new("current").italics());
                }
            });
            // The first revision has nothing to compare with: plain text, not one big insertion.
            match diff {
                Some(spans) => {
                    ui.label(diff_job(
                        spans,
                        font.clone(),
                        color,
                        crate::ui::theme::palette(ui),
                        ui.available_width(),
                    ));
                }
                None => {
                    ui.label(revision.text.as_str());
                }
            }
            if !current {
                let command = Command::RevertTo(revision.id);
                if ui
                    .add_enabled(
                        command.is_enabled(state),
                        egui::Button::new(command.label()),
                    )
                    .clicked()
                {
                    commands.push(command);
                }
            }
        });
    }
}
