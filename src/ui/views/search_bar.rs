//! The search and filter bar: a field that searches either column or both, ignoring accents and case
//! (Enter and Shift+Enter go to the next and previous hit), and the choice of rows shown.

use egui::{Id, Key, Modifiers};

use crate::ui::command::Command;
use crate::ui::state::{AppState, Drafts, RowFilter, SearchScope};
use crate::ui::views::command_button;

/// Id of the search field, so shortcuts leave its keys alone.
pub const SEARCH_FIELD_ID: &str = "cotejo_search_field";

/// Draws the bar under the toolbar.
pub fn search_bar_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
) {
    let field_id = Id::unique(SEARCH_FIELD_ID);
    if ui.memory(|m| m.has_focus(field_id)) {
        // Taken before the field sees them: Enter would otherwise leave the field.
        let (previous, next) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::SHIFT, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Enter),
            )
        });
        if previous {
            commands.push(Command::FindPrevious);
        } else if next {
            commands.push(Command::FindNext);
        }
    }
    // egui drops the focus at the start of a frame in which Escape is pressed.
    if ui.memory(|m| m.had_focus_last_frame(field_id))
        && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
    {
        commands.push(Command::CloseSearch);
    }
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut drafts.search_text)
                    .id(field_id)
                    .hint_text("Accents and case ignored")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if state.focus_search {
            field.request_focus();
        }
        let label = ui.label("in");
        egui::ComboBox::from_id_salt("search_scope")
            .selected_text(state.search_scope.label())
            .show_ui(ui, |ui| {
                for scope in SearchScope::ALL {
                    if ui
                        .selectable_label(state.search_scope == scope, scope.label())
                        .clicked()
                    {
                        commands.push(Command::SetSearchScope(scope));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if drafts.search_text != state.search_query {
            commands.push(Command::Search(drafts.search_text.clone()));
        }
        if !state.search_query.trim().is_empty() {
            let n_hits = state.search_matches.len();
            let text = match n_hits {
                0 => "No match".to_owned(),
                1 => "1 matching pair".to_owned(),
                n => format!("{n} matching pairs"),
            };
            ui.label(text);
        }
        command_button(ui, state, Command::FindPrevious, commands);
        command_button(ui, state, Command::FindNext, commands);
        ui.separator();
        let label = ui.label("Show");
        egui::ComboBox::from_id_salt("row_filter")
            .selected_text(state.filter.label())
            // Every choice in view, without scrolling the list.
            .height(f32::INFINITY)
            .show_ui(ui, |ui| {
                for filter in RowFilter::ALL {
                    if ui
                        .selectable_label(state.filter == filter, filter.label())
                        .clicked()
                    {
                        commands.push(Command::SetFilter(filter));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if state.filter != RowFilter::All {
            ui.label(format!(
                "{} of {} pairs shown",
                state.rows.len(),
                state.pairs.len()
            ));
        }
        ui.separator();
        command_button(ui, state, Command::CloseSearch, commands);
    });
}
