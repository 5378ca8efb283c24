//! Screen readers see what a user sees: every interactive widget of the workbench, in each
//! of its screens (the table, the editor, the note form, the search bar, the dialogs), has
//! a text name in the AccessKit tree that egui builds for them.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use cotejo::ui::{Command, WorkbenchApp};

use crate::ui::ui_harness;

/// Roles a user can act on: they need a name to be announced.
const INTERACTIVE: [Role; 19] = [
    Role::Button,
    Role::DefaultButton,
    Role::CheckBox,
    Role::RadioButton,
    Role::Switch,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::SearchInput,
    Role::ComboBox,
    Role::EditableComboBox,
    Role::Slider,
    Role::SpinButton,
    Role::Link,
    Role::MenuItem,
    Role::MenuItemCheckBox,
    Role::MenuItemRadio,
    Role::Tab,
    Role::ListBoxOption,
    Role::ColorWell,
];

/// The interactive widgets on screen now, as "role" (no name) or "role: name".
fn interactive_widgets<S>(harness: &Harness<'_, S>) -> Vec<(Role, Option<String>)> {
    harness
        .query_all_by(|node| INTERACTIVE.contains(&node.role()) && !node.is_hidden())
        .map(|node| {
            let node = node.accesskit_node();
            let name = node.label().filter(|l| !l.trim().is_empty());
            (node.role(), name)
        })
        .collect()
}

/// Asserts that every interactive widget on screen has a name; returns how many there are.
fn assert_all_named(harness: &Harness<'static, WorkbenchApp>, screen: &str) -> usize {
    let widgets = interactive_widgets(harness);
    let unnamed: Vec<_> = widgets.iter().filter(|(_, name)| name.is_none()).collect();
    assert!(
        unnamed.is_empty(),
        "{screen}: {} of {} interactive widgets have no name: {unnamed:?}",
        unnamed.len(),
        widgets.len()
    );
    widgets.len()
}

#[test]
fn every_interactive_widget_has_a_name_on_every_screen() {
    let (mut harness, _dir) = ui_harness();
    let mut seen = 0;
    seen += assert_all_named(&harness, "the table");

    // The editor, with the diff shown against the imported text.
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().state.editing.is_some());
    seen += assert_all_named(&harness, "the editor");
    harness.key_press(Key::Escape);
    harness.run();
    harness.state_mut().run_command(Command::ToggleDiff);
    harness.run();
    seen += assert_all_named(&harness, "show changes");

    // The note form on the selected pair, then the note with its reply field.
    harness.state_mut().run_command(Command::AddNote);
    harness.run();
    seen += assert_all_named(&harness, "the note form");
    harness.state_mut().drafts.note_body = "Check this".to_owned();
    harness.state_mut().run_command(Command::SaveNote);
    harness.run();
    seen += assert_all_named(&harness, "a pair with a note");

    // The search bar with its filter.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Search").type_text("senor");
    // The jump to the first match scrolls far: row heights are measured over a few frames.
    harness.run_steps(8);
    seen += assert_all_named(&harness, "the search bar");
    harness.key_press(Key::Escape);
    harness.run();

    // The alignment map, named with its counts.
    harness.state_mut().run_command(Command::ToggleAlignmentMap);
    harness.run();
    harness.get_by_label_contains("Alignment map: ");
    seen += assert_all_named(&harness, "the alignment map");

    // Each dialog.
    for (command, screen) in [
        (Command::Export, "the export dialog"),
        (Command::SplitPair, "the split dialog"),
        (Command::CommandPalette, "the command palette"),
    ] {
        harness.state_mut().run_command(command);
        harness.run();
        assert!(harness.state().state.dialog.is_some(), "{screen} is open");
        seen += assert_all_named(&harness, screen);
        harness.state_mut().run_command(Command::CloseDialog);
        harness.run();
    }

    // A message with its Dismiss button.
    harness
        .state_mut()
        .message(cotejo::ui::notify::Level::Info, "Exported to somewhere");
    harness.run();
    seen += assert_all_named(&harness, "a message");

    // The check found widgets to check: toolbar buttons, fields, the dialogs' controls.
    assert!(seen > 100, "only {seen} interactive widgets were checked");
}

#[test]
fn the_check_notices_a_button_without_a_name() {
    // A harness whose only button is drawn as a bare icon with no text.
    let harness = Harness::builder()
        .with_size(egui::vec2(200.0, 100.0))
        // kittest's own check (buttons only) would stop the test before ours runs.
        .with_accessibility_check(false)
        .build_ui(|ui| {
            ui.add(egui::Button::new(""));
            ui.add(egui::Button::new("Named"));
        });
    let names: Vec<Option<String>> = interactive_widgets(&harness)
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    assert_eq!(names, vec![None, Some("Named".to_owned())]);
}
