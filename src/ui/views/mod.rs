//! The views: functions over `AppState` that draw and emit `Command`s, never changing the project.

pub mod alignment_map;
pub mod command_palette;
pub mod export_dialog;
pub mod history;
pub mod notes;
pub mod search_bar;
pub mod side_by_side;
pub mod split_dialog;
pub mod status_bar;
pub mod text;

/// A button for a command: its label, tooltip with the shortcut, disabled when not enabled.
pub fn command_button(
    ui: &mut egui::Ui,
    state: &crate::ui::state::AppState,
    command: crate::ui::command::Command,
    commands: &mut Vec<crate::ui::command::Command>,
) -> egui::Response {
    let enabled = command.is_enabled(state);
    let response = ui
        .add_enabled(enabled, egui::Button::new(command.label()))
        .on_hover_text(format!(
            "{}\n{}",
            command.label_with_shortcut(ui.ctx()),
            command.tooltip()
        ));
    if response.clicked() {
        commands.push(command);
    }
    response
}

/// What a screen reader is told about a text field drawn without a visible label next to it:
/// its name and its text.
pub fn text_field_info(name: &str, text: &str, multiline: bool) -> egui::WidgetInfo {
    let role = if multiline {
        egui::accesskit::Role::MultilineTextInput
    } else {
        egui::accesskit::Role::TextInput
    };
    egui::WidgetInfo {
        current_text_value: Some(text.to_owned()),
        ..egui::WidgetInfo::labeled(role, true, name)
    }
}
