//! The history panel: the selected pair's revisions, newest first, each with its diff against
//! the one before and a "Revert to this" button.

use egui::{RichText, TextStyle};

use crate::core::diff::diff_words;
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
    let mut previous: Option<&str> = None;
    let mut rows = Vec::new();
    for revision in &state.revisions {
        rows.push((revision, previous));
        previous = Some(revision.text.as_str());
    }
    for (revision, previous) in rows.into_iter().rev() {
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
            match previous {
                Some(previous) => {
                    let spans = diff_words(previous, &revision.text);
                    ui.label(diff_job(&spans, font.clone(), color, ui.available_width()));
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
