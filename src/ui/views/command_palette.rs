//! The command palette: every command with its shortcut, filtered by a subsequence match on
//! its label as the user types; Up and Down move, Enter runs, Escape closes.

use egui::{Id, Key, Modifiers};

use crate::core::search::fuzzy_cost;
use crate::ui::command::Command;
use crate::ui::state::{AppState, Dialog, Drafts};

/// Id of the palette's text field.
pub const PALETTE_FIELD_ID: &str = "cotejo_command_palette";

/// The commands matching `query`, best first (ties keep the menu order).
pub fn palette_matches(query: &str) -> Vec<Command> {
    let mut found: Vec<(u32, usize, Command)> = Command::ALL
        .iter()
        .enumerate()
        .filter(|(_, command)| **command != Command::CommandPalette)
        .filter_map(|(order, command)| {
            fuzzy_cost(query, &command.label()).map(|cost| (cost, order, command.clone()))
        })
        .collect();
    found.sort_by_key(|(cost, order, _)| (*cost, *order));
    found.into_iter().map(|(_, _, command)| command).collect()
}

/// Draws the palette when it is open.
pub fn command_palette_ui(
    ctx: &egui::Context,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
) {
    if state.dialog != Some(Dialog::CommandPalette) {
        return;
    }
    let matches = palette_matches(&drafts.palette_query);
    let n_matches = matches.len();
    let (up, down, enter) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::Enter),
        )
    });
    if down && drafts.palette_selected + 1 < n_matches {
        drafts.palette_selected += 1;
    }
    if up {
        drafts.palette_selected = drafts.palette_selected.saturating_sub(1);
    }
    drafts.palette_selected = drafts.palette_selected.min(n_matches.saturating_sub(1));
    let mut chosen = None;
    if enter {
        chosen = matches.get(drafts.palette_selected).cloned();
    }
    let response = egui::Modal::new(Id::unique("command_palette")).show(ctx, |ui| {
        ui.set_width(460.0);
        let label = ui.label("Search commands");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut drafts.palette_query)
                    .id(Id::unique(PALETTE_FIELD_ID))
                    .hint_text("Type part of a command's name")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if field.changed() {
            drafts.palette_selected = 0;
        }
        field.request_focus();
        ui.separator();
        if matches.is_empty() {
            ui.label("No command matches");
        }
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (idx, command) in matches.iter().enumerate() {
                    let mut button =
                        egui::Button::selectable(idx == drafts.palette_selected, command.label());
                    if let Some(shortcut) = command.shortcut() {
                        button = button.shortcut_text(ctx.format_shortcut(&shortcut));
                    }
                    let response = ui
                        .add_enabled(command.is_enabled(state), button)
                        .on_hover_text(command.tooltip());
                    if idx == drafts.palette_selected && (up || down) {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        chosen = Some(command.clone());
                    }
                }
            });
    });
    if let Some(command) = chosen {
        // The palette closes first, so the command sees the window as it will be.
        commands.push(Command::CloseDialog);
        commands.push(command);
    } else if response.should_close() {
        commands.push(Command::CloseDialog);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, expected_first: &[&str]) {
        let labels: Vec<String> = palette_matches(query)
            .iter()
            .take(expected_first.len())
            .map(Command::label)
            .collect();
        assert_eq!(labels, expected_first, "{query:?}");
    }

    #[test]
    fn best_matches_come_first() {
        check("approve", &["Approve"]);
        check("APPR", &["Approve"]);
        check("merge", &["Merge with next"]);
        check("conf al", &["Confirm alignment"]);
        check("nxt doubt", &["Next doubtful pair"]);
        assert!(palette_matches("zzzz").is_empty());
        assert_eq!(palette_matches("").len(), Command::ALL.len() - 1);
    }
}
