//! The notes panels: the note form, the selected pair's threads (reply, resolve, reopen) and
//! every note of the document.

use egui::RichText;

use crate::core::document::Side;
use crate::core::review::{Note, NoteCategory, NoteScope, NoteStatus, Severity};
use crate::ui::command::Command;
use crate::ui::state::{AppState, Drafts};
use crate::ui::theme;

/// The note form, shown while a note is being written.
pub fn note_form_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
) {
    if !state.note_form {
        return;
    }
    ui.group(|ui| {
        ui.label(RichText::new("New note").strong());
        let target = match &drafts.note_span {
            Some(selection) => {
                let pair = state
                    .index_of
                    .get(&selection.pair)
                    .and_then(|i| state.pairs.get(*i));
                let text = pair.map_or("", |p| match selection.side {
                    Side::Source => p.source.as_str(),
                    Side::Target => p.target.as_str(),
                });
                let quote: String = text
                    .chars()
                    .skip(selection.start)
                    .take(selection.end.saturating_sub(selection.start).min(80))
                    .collect();
                let side = match selection.side {
                    Side::Source => "Spanish",
                    Side::Target => "English",
                };
                format!("On the {side}: «{quote}»")
            }
            None => "On the whole pair (select text first to point at a passage)".to_owned(),
        };
        ui.label(target);
        ui.checkbox(&mut drafts.note_whole_document, "About the whole document");
        ui.horizontal(|ui| {
            let label = ui.label("Category");
            egui::ComboBox::from_id_salt("note_category")
                .selected_text(drafts.note_category.as_str())
                .show_ui(ui, |ui| {
                    for category in NoteCategory::ALL {
                        ui.selectable_value(
                            &mut drafts.note_category,
                            *category,
                            category.as_str(),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Severity");
            egui::ComboBox::from_id_salt("note_severity")
                .selected_text(drafts.note_severity.as_str())
                .show_ui(ui, |ui| {
                    for severity in Severity::ALL {
                        ui.selectable_value(
                            &mut drafts.note_severity,
                            *severity,
                            severity.as_str(),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let label = ui.label("Note text");
        ui.add(
            egui::TextEdit::multiline(&mut drafts.note_body)
                .id(egui::Id::unique(crate::ui::app::NOTE_BODY_ID))
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            let save = Command::SaveNote;
            if ui
                .add_enabled(
                    !drafts.note_body.trim().is_empty(),
                    egui::Button::new(save.label()),
                )
                .clicked()
            {
                commands.push(save);
            }
            if ui.button("Cancel note").clicked() {
                commands.push(Command::CancelNote);
            }
        });
    });
}

/// The threads on the selected pair.
pub fn pair_notes_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
) {
    let Some(pair) = state.selected_pair() else {
        return;
    };
    let threads: Vec<&Note> = state
        .notes
        .iter()
        .filter(|n| n.scope == NoteScope::Pair(pair.id) && n.parent.is_none())
        .collect();
    if threads.is_empty() {
        ui.label(RichText::new("No notes on this pair").weak());
    }
    for note in threads {
        thread_ui(ui, state, drafts, commands, note);
    }
}

fn thread_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    commands: &mut Vec<Command>,
    note: &Note,
) {
    ui.group(|ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(note.severity.as_str())
                    .color(theme::palette(ui).severity(note.severity))
                    .strong(),
            );
            ui.label(note.category.as_str());
            let status = match note.status {
                NoteStatus::Open => RichText::new("open"),
                NoteStatus::Resolved => RichText::new("resolved").weak(),
            };
            ui.label(status);
        });
        if let Some(span) = &note.span {
            ui.label(RichText::new(format!("«{}»", span.quote)).italics());
        }
        ui.label(&note.body);
        ui.label(
            RichText::new(format!("{} · {}", note.author, note.created))
                .small()
                .weak(),
        );
        for reply in state.replies(note.id) {
            ui.indent(("reply", reply.id), |ui| {
                ui.label(&reply.body);
                ui.label(
                    RichText::new(format!("{} · {}", reply.author, reply.created))
                        .small()
                        .weak(),
                );
            });
        }
        if state.reply_to == Some(note.id) {
            let label = ui.label("Reply text");
            ui.add(
                egui::TextEdit::multiline(&mut drafts.reply_body)
                    .id(egui::Id::unique(crate::ui::app::REPLY_BODY_ID))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !drafts.reply_body.trim().is_empty(),
                        egui::Button::new(Command::SendReply.label()),
                    )
                    .clicked()
                {
                    commands.push(Command::SendReply);
                }
                if ui.button(Command::CancelReply.label()).clicked() {
                    commands.push(Command::CancelReply);
                }
            });
        }
        ui.horizontal(|ui| {
            if state.reply_to != Some(note.id) {
                let reply = Command::StartReply(note.id);
                if ui.button(reply.label()).clicked() {
                    commands.push(reply);
                }
            }
            let toggle = match note.status {
                NoteStatus::Open => Command::SetNoteStatus(note.id, NoteStatus::Resolved),
                NoteStatus::Resolved => Command::SetNoteStatus(note.id, NoteStatus::Open),
            };
            if ui.button(toggle.label()).clicked() {
                commands.push(toggle);
            }
        });
    });
}

/// Every note of the document: document-wide ones in full, pair notes with a way to go there.
pub fn document_notes_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let top_level: Vec<&Note> = state.notes.iter().filter(|n| n.parent.is_none()).collect();
    if top_level.is_empty() {
        ui.label(RichText::new("No notes yet").weak());
    }
    for note in top_level {
        ui.horizontal_wrapped(|ui| {
            let status = if note.status == NoteStatus::Open {
                "open"
            } else {
                "resolved"
            };
            ui.label(
                RichText::new(note.severity.as_str())
                    .color(theme::palette(ui).severity(note.severity)),
            );
            ui.label(format!("{} · {status}", note.category));
            match note.scope {
                NoteScope::Pair(pair_id) => {
                    let position = state.index_of.get(&pair_id).map_or(0, |i| i + 1);
                    if ui.link(format!("pair {position}")).clicked() {
                        commands.push(Command::GoToPair(pair_id));
                    }
                }
                NoteScope::Document => {
                    ui.label("whole document");
                    // Document notes have no pair panel, so they are resolved from here.
                    let toggle = match note.status {
                        NoteStatus::Open => Command::SetNoteStatus(note.id, NoteStatus::Resolved),
                        NoteStatus::Resolved => Command::SetNoteStatus(note.id, NoteStatus::Open),
                    };
                    if ui.small_button(toggle.label()).clicked() {
                        commands.push(toggle);
                    }
                }
            }
            let preview: String = note.body.chars().take(60).collect();
            ui.label(RichText::new(preview).weak());
        });
    }
}
