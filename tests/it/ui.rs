//! The workbench driven like a user does: by visible labels and keys, on a temporary project
//! made from the bundled sample; every check reads the project back from the store.

use std::io::BufRead as _;
use std::ops::Range;
use std::path::PathBuf;

use cotejo::core::document::Side;
use cotejo::core::review::{NoteStatus, PairState, RevisionKind, Timestamp};
use cotejo::store::{NoteFilter, Store};
use cotejo::ui::WorkbenchApp;
use cotejo::ui::launch::{Launch, MemoryStorage, build_app, create_sample};
use cotejo::ui::state::{Dialog, TextSelection};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// 2026-11-28T12:00:00Z, for every change the tests make.
const NOW: Timestamp = Timestamp(1_795_867_200_000);

/// A sample project in a temporary folder.
pub(crate) fn sample_project(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("sample.cotejo");
    create_sample(&path, "importer", Box::new(|| NOW)).expect("sample project");
    path
}

/// The real app on a fresh sample project, in a 1400×900 headless window.
pub(crate) fn ui_harness() -> (Harness<'static, WorkbenchApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sample_project(&dir);
    let mut store = Store::open(&path).expect("open");
    store.set_clock(Box::new(|| NOW));
    let app = WorkbenchApp::with_store(store, "reviewer");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut WorkbenchApp| app.show(ui), app);
    harness.run();
    (harness, dir)
}

pub(crate) fn store<'a>(harness: &'a Harness<'static, WorkbenchApp>) -> &'a Store {
    harness.state().store().expect("a project is open")
}

#[test]
fn the_sample_opens_with_its_pairs() {
    let (harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    assert!(pairs.len() >= 8, "{} pairs", pairs.len());
    assert_eq!(harness.state().state.pairs.len(), pairs.len());
    assert!(pairs[1].target.starts_with("In a village of La Mancha"));
    assert!(pairs[1].source.starts_with("En un lugar de la Mancha"));
    harness.get_by_label("Pair 1");
    harness.get_by_label("Approve");
    harness.get_by_label("Spanish original");
    harness.get_by_label("English translation");
    harness.get_by_label(&format!("Approved 0 / {}", pairs.len()));
}

#[test]
fn ctrl_enter_approves_and_moves_on_and_ctrl_shift_enter_rejects() {
    let (mut harness, _dir) = ui_harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    let pairs = store(&harness).pairs().unwrap();
    assert_eq!(pairs[0].state, PairState::Approved);
    assert_eq!(pairs[1].state, PairState::Draft);
    assert_eq!(harness.state().state.selected, 1);

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Enter);
    harness.run();
    let pairs = store(&harness).pairs().unwrap();
    assert_eq!(pairs[1].state, PairState::Rejected);
    assert_eq!(harness.state().state.selected, 1);

    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().state.selected, 2);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().state.selected, 1);
    harness.get_by_label(&format!("Approved 1 / {}", pairs.len()));

    // F8 skips approved pairs: from the last pair it wraps to pair 2 (rejected), not pair 1.
    let n_pairs = pairs.len();
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(n_pairs - 1));
    harness.key_press(Key::F8);
    harness.run();
    assert_eq!(harness.state().state.selected, 1);
}

/// Selects pair 2 (the first paragraph), opens the editor with Enter and stores `text` with Enter.
fn edit_second_pair(harness: &mut Harness<'static, WorkbenchApp>, text: &str) {
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        harness.state().state.editing.is_some(),
        "Enter opens the editor"
    );
    harness.state_mut().drafts.edit_text = text.to_owned();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        harness.state().state.editing.is_none(),
        "Enter stores the edit"
    );
}

#[test]
fn an_edit_is_stored_at_once_and_show_changes_marks_it() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap()[1].clone();
    let edited = before
        .target
        .replacen("In a village of La Mancha", "Somewhere in La Mancha", 1);
    edit_second_pair(&mut harness, &edited);

    let pair = store(&harness).pair(before.id).unwrap();
    assert_eq!(pair.target, edited);
    let revisions = store(&harness).revisions(before.id).unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].kind, RevisionKind::Edit);
    assert_eq!(revisions[1].author, "reviewer");
    assert_eq!(revisions[1].created, NOW);

    harness.get_by_label("Show changes").click();
    harness.run();
    assert!(harness.state().state.show_diff);
    let diff = harness
        .state_mut()
        .selected_diff()
        .expect("a diff is shown");
    assert!(
        diff.starts_with("[-In a village of-]{+Somewhere in+} La Mancha"),
        "{diff}"
    );
    // The history panel lists both revisions and offers to go back to the imported one.
    harness.get_by_label("Revert to this").scroll_to_me();
    harness.run();
    harness.get_by_label("Revert to this").click();
    harness.run();
    assert_eq!(
        store(&harness).pair(before.id).unwrap().target,
        before.target
    );
}

#[test]
fn with_changes_shown_approve_edit_and_undo_keep_the_diff_right_without_a_full_reload() {
    let (mut harness, _dir) = ui_harness();
    let pair_id = store(&harness).pairs().unwrap()[1].id;
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::ToggleDiff);
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::SetDiffBase(
            cotejo::store::BaseRevision::LastApproved,
        ));
    harness.run();
    assert_eq!(harness.state_mut().selected_diff(), None, "never approved");

    // Approving makes the current text the base; approve-and-next moved on, so go back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    let generation = harness.state().state.generation;
    let approved = store(&harness).pair(pair_id).unwrap().target;
    let edited = approved.replacen("In a village", "In a hamlet", 1);
    edit_second_pair(&mut harness, &edited);
    let diff = harness.state_mut().selected_diff().expect("a diff");
    assert!(diff.starts_with("In a [-village-]{+hamlet+}"), "{diff}");

    // Undo brings the approved text back: nothing differs from the base any more.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(store(&harness).pair(pair_id).unwrap().target, approved);
    let diff = harness.state_mut().selected_diff().expect("a diff");
    assert!(!diff.contains("[-") && !diff.contains("{+"), "{diff}");
    assert_eq!(
        harness.state().state.pairs[1].target,
        approved,
        "the table shows the text the store has"
    );
    // Only the touched pair was read again: the table kept its row layout.
    assert_eq!(harness.state().state.generation, generation);

    // Undoing a merge changes the list of pairs: then everything is reloaded.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::J);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().state.generation > generation);
    assert_eq!(
        harness.state().state.pairs.len(),
        store(&harness).pairs().unwrap().len()
    );
}

#[test]
fn ctrl_z_undoes_an_edit_through_the_store() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap()[1].clone();
    edit_second_pair(&mut harness, "A shorter English paragraph.");
    assert_eq!(
        store(&harness).pair(before.id).unwrap().target,
        "A shorter English paragraph."
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        store(&harness).pair(before.id).unwrap().target,
        before.target
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(
        store(&harness).pair(before.id).unwrap().target,
        "A shorter English paragraph."
    );
}

#[test]
fn a_note_on_selected_text_gets_a_reply_and_is_resolved_and_reopened() {
    let (mut harness, _dir) = ui_harness();
    harness.get_by_label("Pair 2").click();
    harness.run();
    let pair = harness.state().state.pairs[1].clone();
    // A mouse drag over "village" in the English column leaves this selection.
    let byte = pair.target.find("village").unwrap();
    let start = pair.target[..byte].chars().count();
    harness.state_mut().drafts.selection = Some(TextSelection {
        pair: pair.id,
        side: Side::Target,
        start,
        end: start + "village".len(),
    });
    harness.get_by_label("Add note…").click();
    harness.run();
    harness.get_by_label("Note text").focus();
    harness.run();
    harness
        .get_by_label("Note text")
        .type_text("Ormsby's word, keep it");
    harness.run();
    harness.get_by_label("Save note").click();
    harness.run();

    let notes = store(&harness).notes(NoteFilter::default()).unwrap();
    assert_eq!(notes.len(), 1);
    let note = &notes[0];
    assert_eq!(note.body, "Ormsby's word, keep it");
    assert_eq!(note.span.as_ref().unwrap().quote, "village");
    assert_eq!(note.author, "reviewer");
    assert_eq!(harness.state().state.note_spans[&pair.id].len(), 1);
    assert_eq!(harness.state().state.open_notes[&pair.id], 1);
    harness.get_by_label("Open notes 1");

    harness.get_by_label("Reply").click();
    harness.run();
    harness.get_by_label("Reply text").focus();
    harness.run();
    harness.get_by_label("Reply text").type_text("Agreed");
    harness.run();
    harness.get_by_label("Send reply").click();
    harness.run();
    let notes = store(&harness).notes(NoteFilter::default()).unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].parent, Some(note.id));
    assert_eq!(notes[1].body, "Agreed");

    harness.get_by_label("Resolve").click();
    harness.run();
    assert_eq!(
        store(&harness).note(note.id).unwrap().status,
        NoteStatus::Resolved
    );
    harness.get_by_label("Open notes 0");
    harness.get_by_label("Reopen").click();
    harness.run();
    assert_eq!(
        store(&harness).note(note.id).unwrap().status,
        NoteStatus::Open
    );
}

#[test]
fn export_with_one_pair_unapproved_lists_it_and_jumps_there() {
    let (mut harness, _dir) = ui_harness();
    let n_pairs = harness.state().state.pairs.len();
    for _ in 0..n_pairs - 1 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
        harness.run();
    }
    let pairs = store(&harness).pairs().unwrap();
    let unapproved: Vec<_> = pairs
        .iter()
        .filter(|p| p.state != PairState::Approved)
        .collect();
    assert_eq!(unapproved.len(), 1);
    assert_eq!(unapproved[0].id, pairs[n_pairs - 1].id);

    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(0));
    harness.get_by_label("Export…").click();
    harness.run();
    assert!(matches!(
        harness.state().state.dialog,
        Some(Dialog::Export { .. })
    ));
    harness.get_by_label(&format!("1 of {n_pairs} pairs are not approved"));
    harness.get_by_label("Export anyway…");
    harness
        .get_by_label(&format!("Go to pair {n_pairs}"))
        .click();
    harness.run();
    assert!(harness.state().state.dialog.is_none());
    assert_eq!(harness.state().state.selected, n_pairs - 1);
}

#[test]
fn export_writes_the_approved_translation() {
    let (mut harness, dir) = ui_harness();
    let out = dir.path().join("out.txt");
    harness
        .state_mut()
        .export_to(&out, cotejo::core::export::ExportFormat::Txt, false);
    harness.state_mut().wait_for_export();
    assert!(!out.exists(), "unapproved pairs refuse the export");
    let refused = &harness.state().state.messages.list[0].text;
    assert!(refused.starts_with("Export refused: "), "{refused}");
    harness
        .state_mut()
        .export_to(&out, cotejo::core::export::ExportFormat::Txt, true);
    harness.state_mut().wait_for_export();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("In a village of La Mancha"));
}

/// Answers the export's file dialog with `path` (tests never open a native dialog).
fn export_path_is(harness: &mut Harness<'static, WorkbenchApp>, path: &std::path::Path) {
    let path = path.to_path_buf();
    harness
        .state_mut()
        .set_export_path_picker(Box::new(move |_, _| Some(path.clone())));
}

/// Steps frames until the background export ends.
fn run_until_exported(harness: &mut Harness<'static, WorkbenchApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().is_exporting() {
        assert!(
            std::time::Instant::now() < deadline,
            "the export never ended"
        );
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run();
}

#[test]
fn the_export_dialog_writes_in_the_background_and_names_the_file_when_done_or_failed() {
    let (mut harness, dir) = ui_harness();
    let out = dir.path().join("translation.md");
    export_path_is(&mut harness, &out);
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label("Markdown").click();
    harness.run();
    harness.get_by_label("Export anyway…").click();
    harness.step();
    assert!(harness.state().is_exporting());
    assert!(harness.state().state.dialog.is_none(), "the dialog closes");
    run_until_exported(&mut harness);
    let expected = cotejo::core::export::render(
        &store(&harness).export_pairs().unwrap(),
        cotejo::core::export::ExportFormat::Md,
        true,
    )
    .unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let n_pairs = harness.state().state.pairs.len();
    let done = format!("Exported {n_pairs} pairs to {}", out.display());
    harness.get_by_label(&done);
    assert!(harness.query_by_label("Cancel export").is_none());

    // A folder that does not exist: the error names the file.
    let nowhere = dir.path().join("missing").join("out.md");
    export_path_is(&mut harness, &nowhere);
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label("Export anyway…").click();
    harness.step();
    run_until_exported(&mut harness);
    let error = &harness.state().state.messages.list.last().unwrap().text;
    assert!(error.starts_with("Cannot export: cannot write"), "{error}");
    assert!(error.ends_with(&nowhere.display().to_string()), "{error}");
    assert!(!nowhere.exists());
}

#[test]
fn unreadable_and_too_new_projects_show_a_message_instead_of_panicking() {
    let (mut harness, dir) = ui_harness();
    let not_a_project = dir.path().join("notes.cotejo");
    std::fs::write(&not_a_project, "just text").unwrap();
    harness.state_mut().open_path(&not_a_project);
    harness
        .state_mut()
        .open_path(&dir.path().join("missing.cotejo"));
    harness.run();
    let messages = &harness.state().state.messages.list;
    assert_eq!(messages.len(), 2);
    assert!(
        messages[0].text.contains("not a cotejo project"),
        "{}",
        messages[0].text
    );
    assert!(messages[0].text.ends_with("notes.cotejo"), "path last");
    // The project that was open stays open.
    assert!(!harness.state().state.pairs.is_empty());
    harness.get_all_by_label("Dismiss").next().unwrap().click();
    harness.run();
    assert_eq!(harness.state().state.messages.list.len(), 1);
}

#[test]
fn first_launch_creates_the_sample_and_the_next_opens_the_last_project() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let app = build_app(&Launch::LastOrSample, "reviewer", Some(&data));
    let path = app.store().expect("sample opened").path().to_path_buf();
    assert!(path.ends_with("quijote_ch1.cotejo"));
    assert!(app.state.pairs.len() >= 8);
    drop(app);

    let other = sample_project(&dir);
    let app = build_app(&Launch::Project(other.clone()), "reviewer", Some(&data));
    assert_eq!(app.store().unwrap().path(), other);
    drop(app);
    let app = build_app(&Launch::LastOrSample, "reviewer", Some(&data));
    let reopened = app.store().unwrap().path().to_path_buf();
    assert_eq!(
        std::fs::canonicalize(reopened).unwrap(),
        std::fs::canonicalize(&other).unwrap()
    );
}

#[test]
fn two_files_make_a_review_next_to_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("cap1.es.txt");
    let target = dir.path().join("cap1.en.txt");
    std::fs::write(&source, cotejo::ui::launch::SAMPLE_SOURCE).unwrap();
    std::fs::write(&target, cotejo::ui::launch::SAMPLE_TARGET).unwrap();
    let launch = Launch::Review {
        source: source.clone(),
        target: target.clone(),
    };
    let mut app = build_app(&launch, "reviewer", None);
    assert!(
        app.is_importing(),
        "the window opens while the files are imported"
    );
    app.wait_for_import();
    assert_eq!(
        app.store().unwrap().path(),
        dir.path().join("cap1.en.cotejo")
    );
    assert!(
        app.state.messages.list[0]
            .text
            .starts_with("Created a review of")
    );
    // Dropped in the wrong order, the names still tell which is which.
    let (s, t) = cotejo::ui::launch::order_source_target(&target, &source);
    assert_eq!((s, t), (source, target));
}

#[test]
fn killing_the_app_right_after_an_edit_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_project(&dir);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cotejo"))
        .args(["gui-smoke"])
        .arg(&path)
        .args(["--edit", "2", "Edited, then killed."])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "committed");
    child.kill().unwrap(); // SIGKILL: no destructor, no checkpoint.
    child.wait().unwrap();

    let store = Store::open(&path).unwrap();
    let pair = store.pairs().unwrap()[1].clone();
    assert_eq!(pair.target, "Edited, then killed.");
    let revisions = store.revisions(pair.id).unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].kind, RevisionKind::Edit);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn leaving_the_editor_stores_the_edit_and_escape_drops_it() {
    let (mut harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.state_mut().drafts.edit_text = "Kept when I click elsewhere.".to_owned();
    harness.get_by_label("Pair 1").click();
    harness.run();
    assert!(harness.state().state.editing.is_none());
    assert_eq!(
        store(&harness).pair(pairs[1].id).unwrap().target,
        "Kept when I click elsewhere."
    );

    harness.key_press(Key::Enter);
    harness.run();
    harness.state_mut().drafts.edit_text = "Thrown away.".to_owned();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().state.editing.is_none());
    assert_eq!(
        store(&harness).pair(pairs[0].id).unwrap().target,
        pairs[0].target
    );
    assert_eq!(store(&harness).revisions(pairs[0].id).unwrap().len(), 1);
}

#[test]
fn ctrl_enter_in_the_editor_stores_the_text_and_approves_that_revision() {
    let (mut harness, _dir) = ui_harness();
    let pair_id = store(&harness).pairs().unwrap()[0].id;
    harness.key_press(Key::Enter);
    harness.run();
    harness.state_mut().drafts.edit_text = "CHAPTER I.".to_owned();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    let pair = store(&harness).pair(pair_id).unwrap();
    assert_eq!(pair.target, "CHAPTER I.");
    assert_eq!(pair.state, PairState::Approved);
    let log = store(&harness).state_log(pair_id).unwrap();
    assert_eq!(log.last().unwrap().revision, pair.revision);
    assert_eq!(harness.state().state.selected, 1);
}

#[test]
fn a_note_on_the_whole_document_is_listed_in_the_document_panel() {
    let (mut harness, _dir) = ui_harness();
    harness.get_by_label("Add note…").click();
    harness.run();
    harness.get_by_label("About the whole document").click();
    harness.run();
    harness.state_mut().drafts.note_body = "Keep Ormsby's spelling of names".to_owned();
    harness.get_by_label("Save note").click();
    harness.run();
    let notes = store(&harness).notes(NoteFilter::default()).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].scope, cotejo::core::review::NoteScope::Document);
    harness.get_by_label("Document notes").click();
    harness.run();
    harness.get_by_label("whole document");
    harness.get_by_label("Resolve").click();
    harness.run();
    assert_eq!(
        store(&harness).note(notes[0].id).unwrap().status,
        NoteStatus::Resolved
    );
}

#[test]
fn dragging_over_english_text_selects_the_span_a_note_is_about() {
    let (mut harness, _dir) = ui_harness();
    harness.get_by_label("Pair 2").click();
    harness.run();
    let pair = harness.state().state.pairs[1].clone();
    // The read-only text field of the selected row (the history panel shows the same text).
    let rect = harness
        .get_all_by_value(&pair.target)
        .find(|node| node.accesskit_node().role() != egui::accesskit::Role::Label)
        .expect("the English text field")
        .rect();
    let from = rect.left_top() + egui::vec2(1.0, 6.0);
    let to = from + egui::vec2(120.0, 0.0);
    harness.hover_at(from);
    harness.drag_at(from);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
    let selection = harness
        .state()
        .drafts
        .selection
        .clone()
        .expect("a selection");
    assert_eq!(
        (selection.pair, selection.side, selection.start),
        (pair.id, Side::Target, 0)
    );
    assert!(selection.end > 5, "{selection:?}");

    harness.get_by_label("Add note…").click();
    harness.run();
    harness.state_mut().drafts.note_body = "Check this opening".to_owned();
    harness.get_by_label("Save note").click();
    harness.run();
    let notes = store(&harness).notes(NoteFilter::default()).unwrap();
    let quote = &notes[0].span.as_ref().unwrap().quote;
    assert!(
        pair.target.starts_with(quote.as_str()) && quote.len() > 5,
        "{quote}"
    );
}

/// The project's pairs as the file has them, read with a second connection.
fn reopened_pairs(harness: &Harness<'static, WorkbenchApp>) -> Vec<cotejo::core::project::Pair> {
    let path = store(harness).path().to_path_buf();
    Store::open(&path).expect("reopen").pairs().expect("pairs")
}

fn ranges(pairs: &[cotejo::core::project::Pair]) -> Vec<(Range<usize>, Range<usize>)> {
    pairs
        .iter()
        .map(|p| (p.source_paragraphs.clone(), p.target_paragraphs.clone()))
        .collect()
}

#[test]
fn merge_with_next_joins_two_pairs_and_survives_reopening() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap();
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.get_by_label("Merge with next").click();
    harness.run();
    let after = store(&harness).pairs().unwrap();
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(
        after[1].source_paragraphs,
        before[1].source_paragraphs.start..before[2].source_paragraphs.end
    );
    assert_eq!(
        after[1].target_paragraphs,
        before[1].target_paragraphs.start..before[2].target_paragraphs.end
    );
    assert_eq!(harness.state().state.pairs.len(), after.len());
    assert_eq!(
        harness.state().state.selected,
        1,
        "the merged pair stays selected"
    );
    assert_eq!(ranges(&reopened_pairs(&harness)), ranges(&after));
}

#[test]
fn ctrl_z_undoes_a_merge_made_with_ctrl_j() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::J);
    harness.run();
    assert_eq!(store(&harness).pairs().unwrap().len(), before.len() - 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let after = store(&harness).pairs().unwrap();
    assert_eq!(ranges(&after), ranges(&before));
    assert_eq!(harness.state().state.pairs.len(), before.len());
    assert_eq!(ranges(&reopened_pairs(&harness)), ranges(&before));
}

#[test]
fn split_pair_cuts_a_pair_where_the_dialog_says() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap();
    // One paragraph on each side: nothing to split.
    let single = before
        .iter()
        .position(|p| p.source_paragraphs.len() == 1 && p.target_paragraphs.len() == 1)
        .expect("a 1:1 pair");
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(single));
    harness.run();
    assert!(!cotejo::ui::Command::SplitPair.is_enabled(&harness.state().state));

    // Merge pairs 2 and 3, then split them again where they were.
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::J);
    harness.run();
    harness.get_by_label("Split pair…").click();
    harness.run();
    assert!(matches!(
        harness.state().state.dialog,
        Some(Dialog::SplitPair { .. })
    ));
    // The proposed cut gives each part the same share of both sides: where the pairs were.
    let drafts = &harness.state().drafts;
    assert_eq!(
        (drafts.split_source, drafts.split_target),
        (
            before[1].source_paragraphs.len(),
            before[1].target_paragraphs.len()
        )
    );
    harness.get_by_label("Split").click();
    harness.run();
    assert!(harness.state().state.dialog.is_none());
    let after = store(&harness).pairs().unwrap();
    assert_eq!(ranges(&after), ranges(&before));
    assert_eq!(ranges(&reopened_pairs(&harness)), ranges(&before));
    // Undo takes back the split only: the merged pair is back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(store(&harness).pairs().unwrap().len(), before.len() - 1);
}

#[test]
fn confirm_alignment_is_stored_and_next_doubtful_pair_skips_confirmed_pairs() {
    let (mut harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    let doubtful: Vec<usize> = (0..pairs.len())
        .filter(|idx| cotejo::ui::state::is_doubtful(&pairs[*idx]))
        .collect();
    assert!(doubtful.len() >= 2, "{doubtful:?}");

    harness.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    harness.run();
    assert_eq!(harness.state().state.selected, doubtful[0]);

    harness.get_by_label("Confirm alignment").click();
    harness.run();
    let pair_id = pairs[doubtful[0]].id;
    assert!(store(&harness).pair(pair_id).unwrap().confirmed);
    assert!(!cotejo::ui::Command::ConfirmAlignment.is_enabled(&harness.state().state));
    assert!(
        reopened_pairs(&harness)
            .iter()
            .any(|p| p.id == pair_id && p.confirmed)
    );

    // From pair 1, the next doubtful pair is now the second one.
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(0));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    harness.run();
    assert_eq!(harness.state().state.selected, doubtful[1]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!store(&harness).pair(pair_id).unwrap().confirmed);
}

#[test]
fn the_command_palette_finds_approve_and_enter_runs_it() {
    let (mut harness, _dir) = ui_harness();
    let pair_id = store(&harness).pairs().unwrap()[0].id;
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    assert_eq!(
        harness.state().state.dialog,
        Some(Dialog::CommandPalette),
        "Ctrl+Shift+P opens the palette"
    );
    harness.get_by_label("Search commands").type_text("aprove");
    harness.run();
    assert_eq!(harness.state().drafts.palette_query, "aprove");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().state.dialog.is_none());
    assert_eq!(
        store(&harness).pair(pair_id).unwrap().state,
        PairState::Approved
    );

    // Down moves to the second match; Escape closes without running anything.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    harness.get_by_label("Search commands").type_text("pair");
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().drafts.palette_selected, 1);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().state.dialog.is_none());
    assert_eq!(harness.state().state.selected, 1);
}

#[test]
fn search_ignores_accents_and_enter_goes_to_the_next_match() {
    let (mut harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    let folded_has = |pair: &cotejo::core::project::Pair, word: &str| {
        cotejo::core::align::fold(&pair.source).contains(word)
            || cotejo::core::align::fold(&pair.target).contains(word)
    };
    let expected = pairs
        .iter()
        .position(|p| p.source.contains("desentrañarles"))
        .expect("the sample has the word");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.state().state.search_open);
    harness.get_by_label("Search").type_text("DESENTRANARLES");
    harness.run();
    assert_eq!(harness.state().state.selected, expected);
    harness.get_by_label("1 matching pair");

    // "senor" finds "señor" and "señora" in several pairs: Enter walks them, Shift+Enter back.
    let hits: Vec<usize> = (0..pairs.len())
        .filter(|idx| folded_has(&pairs[*idx], "senor"))
        .collect();
    assert!(hits.len() >= 2, "{hits:?}");
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(0));
    harness.state_mut().drafts.search_text.clear();
    harness.run();
    harness.get_by_label("Search").type_text("senor");
    // The jump scrolls far: row heights are measured over a few frames.
    harness.run_steps(8);
    assert_eq!(harness.state().state.selected, hits[0]);
    assert!(
        harness.state().state.search_open,
        "the field keeps the keys"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().state.selected, hits[1]);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run();
    assert_eq!(harness.state().state.selected, hits[0]);
    assert!(
        harness.state().state.editing.is_none(),
        "Enter did not edit"
    );

    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().state.search_open);
}

#[test]
fn a_filter_shows_only_the_rows_it_accepts() {
    let (mut harness, _dir) = ui_harness();
    let n_pairs = harness.state().state.pairs.len();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Show").click();
    harness.run();
    harness.get_by_label("Not approved").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.rows, (1..n_pairs).collect::<Vec<_>>());
    assert!(harness.query_by_label("Pair 1").is_none());
    harness.get_by_label("Pair 2");
    harness.get_by_label(&format!("{} of {n_pairs} pairs shown", n_pairs - 1));

    // Approving under this filter hides the row and moves on to the next shown one.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    assert_eq!(harness.state().state.rows, (2..n_pairs).collect::<Vec<_>>());
    assert_eq!(harness.state().state.selected, 2);

    edit_second_pair_by_command(&mut harness, 3, "Changed by the reviewer.");
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::SetFilter(
            cotejo::ui::state::RowFilter::ChangedSinceImport,
        ));
    harness.run();
    assert_eq!(harness.state().state.rows, vec![3]);
    assert_eq!(harness.state().state.selected, 3);

    harness.get_by_label("Close search").click();
    harness.run();
    assert_eq!(harness.state().state.rows.len(), n_pairs);
}

/// Stores `text` as the English of the pair at `pair_idx`, through the editor commands.
fn edit_second_pair_by_command(
    harness: &mut Harness<'static, WorkbenchApp>,
    pair_idx: usize,
    text: &str,
) {
    let app = harness.state_mut();
    app.run_command(cotejo::ui::Command::Select(pair_idx));
    app.run_command(cotejo::ui::Command::StartEdit);
    app.drafts.edit_text = text.to_owned();
    app.run_command(cotejo::ui::Command::CommitEdit);
    harness.run();
}

#[test]
fn alt_shift_down_moves_a_spanish_paragraph_to_the_next_pair_and_ctrl_z_takes_it_back() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap();
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    let after = store(&harness).pairs().unwrap();
    assert_eq!(after.len(), before.len());
    let (first, next) = (&before[1], &before[2]);
    assert_eq!(
        ranges(&after[1..3]),
        [
            (
                first.source_paragraphs.start..first.source_paragraphs.end - 1,
                first.target_paragraphs.clone()
            ),
            (
                first.source_paragraphs.end - 1..next.source_paragraphs.end,
                next.target_paragraphs.clone()
            ),
        ]
    );
    assert_eq!(harness.state().state.selected, 1, "the pair stays selected");
    assert_eq!(ranges(&reopened_pairs(&harness)), ranges(&after));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(ranges(&store(&harness).pairs().unwrap()), ranges(&before));
    assert_eq!(ranges(&reopened_pairs(&harness)), ranges(&before));
}

#[test]
fn ctrl_alt_up_moves_an_english_paragraph_up_and_ctrl_alt_a_marks_an_addition() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap();
    harness.get_by_label("Alignment").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Move first English paragraph up")
            .is_some(),
        "the Alignment menu lists the move"
    );
    harness.get_by_label("Alignment").click();
    harness.run();
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(2));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::ArrowUp);
    harness.run();
    let after = store(&harness).pairs().unwrap();
    let (previous, pair) = (&before[1], &before[2]);
    assert_eq!(
        ranges(&after[1..3]),
        [
            (
                previous.source_paragraphs.clone(),
                previous.target_paragraphs.start..pair.target_paragraphs.start + 1
            ),
            (
                pair.source_paragraphs.clone(),
                pair.target_paragraphs.start + 1..pair.target_paragraphs.end
            ),
        ]
    );
    assert_eq!(ranges(&reopened_pairs(&harness)), ranges(&after));

    // Pair 2 now has two English paragraphs: the last one is an addition of its own.
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(1));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::A);
    harness.run();
    let marked = store(&harness).pairs().unwrap();
    assert_eq!(marked.len(), before.len() + 1);
    assert_eq!(
        ranges(&marked[1..3]),
        [
            (
                previous.source_paragraphs.clone(),
                previous.target_paragraphs.clone()
            ),
            (
                previous.source_paragraphs.end..previous.source_paragraphs.end,
                pair.target_paragraphs.start..pair.target_paragraphs.start + 1
            ),
        ]
    );
    assert!(marked[2].source.is_empty());
    assert_eq!(ranges(&reopened_pairs(&harness)), ranges(&marked));

    // Two undos bring back the imported alignment.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(ranges(&store(&harness).pairs().unwrap()), ranges(&before));
}

#[test]
fn ctrl_alt_o_marks_the_last_spanish_paragraph_as_an_omission() {
    let (mut harness, _dir) = ui_harness();
    let before = store(&harness).pairs().unwrap();
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::O);
    harness.run();
    let after = store(&harness).pairs().unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let pair = &before[1];
    assert_eq!(
        ranges(&after[1..3]),
        [
            (
                pair.source_paragraphs.start..pair.source_paragraphs.end - 1,
                pair.target_paragraphs.clone()
            ),
            (
                pair.source_paragraphs.end - 1..pair.source_paragraphs.end,
                pair.target_paragraphs.end..pair.target_paragraphs.end
            ),
        ]
    );
    assert!(after[2].target.is_empty());
}

#[test]
fn hovering_a_spanish_sentence_of_the_selected_pair_focuses_its_english_sentence() {
    let (mut harness, _dir) = ui_harness();
    harness.get_by_label("Pair 2").click();
    harness.run();
    let n_maps = harness.state().state.n_sentence_maps;
    let row = harness.get_by_label("Pair 2").rect();
    // The first words of the Spanish column.
    let at = row.min + egui::vec2(cotejo::ui::theme::GUTTER_WIDTH + 20.0, 12.0);
    harness
        .input_mut()
        .events
        .push(egui::Event::PointerMoved(at));
    harness.run();
    let focus = harness
        .state()
        .sentence_focus()
        .expect("a sentence has the focus");
    let pair = harness.state().state.selected_pair().unwrap().clone();
    let map = cotejo::core::sentence_map::SentenceMap::new(&pair.source, &pair.target);
    assert_eq!(map.sentence_at(Side::Source, 0), Some(0));
    let (source, target) = map.counterparts(Side::Source, 0);
    assert!(source.contains(&0));
    assert!(!target.is_empty(), "the first sentence has a translation");
    assert_eq!(focus, map.focus(Side::Source, 0));
    // Hovering and repainting never aligns the sentences again.
    harness.run();
    harness.run();
    assert_eq!(harness.state().state.n_sentence_maps, n_maps);

    harness.input_mut().events.push(egui::Event::PointerGone);
    harness.run();
    assert_eq!(harness.state().sentence_focus(), None);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().state.n_sentence_maps, n_maps + 1);
}

#[test]
fn the_text_cursor_in_the_editor_focuses_its_sentence_and_its_spanish() {
    let (mut harness, _dir) = ui_harness();
    harness.get_by_label("Pair 2").click();
    harness.run();
    // The pointer leaves the table: only the cursor decides.
    harness.input_mut().events.push(egui::Event::PointerGone);
    harness.run();
    assert_eq!(harness.state().sentence_focus(), None);
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert!(harness.state().state.editing.is_some());
    let pair = harness.state().state.selected_pair().unwrap().clone();
    let map = cotejo::core::sentence_map::SentenceMap::new(&pair.source, &pair.target);
    let focus = harness
        .state()
        .sentence_focus()
        .expect("the cursor's sentence has the focus");
    let k = (0..map.target.len())
        .find(|k| map.focus(Side::Target, *k) == focus)
        .expect("the focus is a target sentence's");
    assert!(
        !focus.source.is_empty(),
        "sentence {k} has a Spanish counterpart"
    );
    // Once the English changes, the stored alignment no longer fits: no focus.
    harness.state_mut().drafts.edit_text.push_str(" More.");
    harness.run();
    assert_eq!(harness.state().sentence_focus(), None);
}

/// Steps frames, 20 ms apart, until `done` says so; panics after two minutes.
fn step_until(
    harness: &mut Harness<'static, WorkbenchApp>,
    what: &str,
    done: impl Fn(&WorkbenchApp) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !done(harness.state()) {
        assert!(std::time::Instant::now() < deadline, "never {what}");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The files left in `dir`, sorted.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Writes a Spanish and an English file of `n_paragraphs` paragraphs each, repeating the
/// paragraphs of the large alignment fixture.
fn write_long_pair(dir: &std::path::Path, n_paragraphs: usize) -> (PathBuf, PathBuf) {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/align");
    let mut paths = Vec::new();
    for (lang, out) in [("es", "long.es.txt"), ("en", "long.en.txt")] {
        let text = std::fs::read_to_string(fixture.join(format!("large.{lang}.txt")))
            .expect("alignment fixture");
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let long: Vec<&str> = paragraphs
            .iter()
            .copied()
            .cycle()
            .take(n_paragraphs)
            .collect();
        let path = dir.join(out);
        std::fs::write(&path, long.join("\n\n")).expect("write a long text");
        paths.push(path);
    }
    (paths.remove(0), paths.remove(0))
}

#[test]
fn a_long_import_runs_in_the_background_and_cancel_leaves_no_project() {
    let (mut harness, _dir) = ui_harness();
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = write_long_pair(dir.path(), 10_000);
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::CreateReview { source, target });
    assert!(harness.state().is_importing());
    harness.run_steps(1);
    assert!(harness.query_by_label("Cancel import").is_some());

    // The window keeps drawing while the worker reads and aligns.
    let start = std::time::Instant::now();
    let mut last = start;
    let mut n_frames = 0;
    let mut max_gap = std::time::Duration::ZERO;
    // Short enough that even a fast machine is still aligning when it ends.
    while start.elapsed() < std::time::Duration::from_millis(150) {
        harness.step();
        let gap = last.elapsed();
        last = std::time::Instant::now();
        n_frames += 1;
        max_gap = max_gap.max(gap);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        max_gap < std::time::Duration::from_millis(100),
        "a frame took {max_gap:?}"
    );
    assert!(n_frames > 5, "{n_frames} frames in 150 ms");
    assert!(
        harness.state().is_importing(),
        "10,000 paragraphs take longer than that to align"
    );

    // Cancel while the aligner runs: it stops at its next check, within a fraction of a second.
    let stage = |app: &WorkbenchApp| app.state.import.as_ref().map(|i| (i.stage, i.fraction));
    step_until(&mut harness, "aligning", |app| {
        stage(app).is_some_and(|(s, f)| s == "Aligning the paragraphs" && f > 0.1)
    });
    harness.get_by_label("Cancel import").click();
    harness.step();
    let cancelled_at = std::time::Instant::now();
    step_until(&mut harness, "cancelled", |app| !app.is_importing());
    let latency = cancelled_at.elapsed();
    eprintln!("cancel while aligning took {latency:?}");
    assert!(
        latency < std::time::Duration::from_secs(1),
        "the aligner took {latency:?} to stop"
    );
    assert_eq!(
        files_in(dir.path()),
        ["long.en.txt", "long.es.txt"],
        "no project, no temporary file"
    );
    let messages = &harness.state().state.messages.list;
    assert!(
        messages
            .iter()
            .any(|m| m.text.starts_with("Import cancelled")),
        "{messages:?}"
    );
    assert!(harness.state().state.import.is_none());

    // Again, cancelled while the project is being written.
    let (source, target) = (
        dir.path().join("long.es.txt"),
        dir.path().join("long.en.txt"),
    );
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::CreateReview { source, target });
    let writing = |app: &WorkbenchApp| {
        app.state
            .import
            .as_ref()
            .is_some_and(|i| i.stage == "Writing the project")
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !writing(harness.state()) {
        assert!(std::time::Instant::now() < deadline, "never writing");
        assert!(harness.state().is_importing(), "ended before writing");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    harness.get_by_label("Cancel import").click();
    harness.step();
    let cancelled_at = std::time::Instant::now();
    step_until(&mut harness, "cancelled", |app| !app.is_importing());
    eprintln!("cancel while writing took {:?}", cancelled_at.elapsed());
    assert_eq!(files_in(dir.path()), ["long.en.txt", "long.es.txt"]);
    let last = &harness.state().state.messages.list.last().unwrap().text;
    assert!(last.starts_with("Import cancelled"), "{last}");
}

/// The verse corpus (10,871 verses a side, one paragraph each) copied into a fresh folder.
fn corpus_pair(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus");
    let mut paths = Vec::new();
    for name in ["bible.es.txt", "bible.en.txt"] {
        let path = dir.join(name);
        std::fs::copy(corpus.join(name), &path).expect("copy the corpus");
        paths.push(path);
    }
    (paths.remove(0), paths.remove(0))
}

#[test]
fn a_whole_verse_corpus_imports_through_the_window_without_a_long_frame() {
    use egui::accesskit::Role;
    use std::time::{Duration, Instant};
    let (mut harness, _sample) = ui_harness();
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = corpus_pair(dir.path());
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::CreateReview { source, target });
    assert!(harness.state().is_importing());

    let start = Instant::now();
    let mut frame_starts = Vec::new();
    let mut frame_times = Vec::new();
    let mut shown: Vec<f64> = Vec::new();
    // The longest time the bar sat on one value.
    let mut last_move = Instant::now();
    let mut longest_still = Duration::ZERO;
    let mut n_labelled = 0;
    while harness.state().is_importing() {
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "the import never ended"
        );
        let frame_start = Instant::now();
        frame_starts.push(frame_start);
        harness.step();
        frame_times.push(frame_start.elapsed());
        if harness
            .query_by_label_contains("Importing bible.en.txt: ")
            .is_some()
        {
            n_labelled += 1;
        }
        if let Some(bar) = harness.query_by_label_contains("% imported") {
            assert_eq!(bar.accesskit_node().role(), Role::ProgressIndicator);
            if let Some(value) = bar.accesskit_node().numeric_value()
                && shown.last() != Some(&value)
            {
                shown.push(value);
                longest_still = longest_still.max(last_move.elapsed());
                last_move = Instant::now();
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let import_time = start.elapsed();
    longest_still = longest_still.max(last_move.elapsed());
    // The frame that swapped the project in has ended; one more shows it settled.
    frame_starts.push(Instant::now());
    harness.step();
    frame_starts.push(Instant::now());

    let mut gaps: Vec<Duration> = frame_starts.windows(2).map(|w| w[1] - w[0]).collect();
    let max_gap = gaps.iter().copied().max().unwrap();
    gaps.sort();
    let median_gap = gaps[gaps.len() / 2];
    let max_frame = frame_times.iter().copied().max().unwrap();
    eprintln!(
        "corpus import: {import_time:?} in {} frames; gap between frames median {median_gap:?}, \
         max {max_gap:?}; longest frame {max_frame:?}; bar still at most {longest_still:?}; \
         bar showed {shown:?}",
        gaps.len()
    );
    assert!(
        longest_still < Duration::from_secs(2),
        "the bar sat still for {longest_still:?}"
    );
    assert!(
        max_gap < Duration::from_millis(100),
        "a gap of {max_gap:?} between frames"
    );
    assert!(
        n_labelled * 2 > frame_times.len(),
        "the import's label showed in {n_labelled} of {} frames",
        frame_times.len()
    );
    assert!(
        shown.windows(2).all(|w| w[0] < w[1]),
        "the bar only moves forward: {shown:?}"
    );
    assert!(shown.len() >= 8, "the bar moved in few steps: {shown:?}");
    assert!(
        shown.iter().any(|&v| (10.0..60.0).contains(&v)),
        "the bar moved while aligning: {shown:?}"
    );

    let n_pairs = harness.state().state.pairs.len();
    assert!(n_pairs >= 10_000, "{n_pairs} pairs");
    assert_eq!(store(&harness).pairs().unwrap().len(), n_pairs);
    assert_eq!(
        store(&harness).path(),
        dir.path().join("bible.en.cotejo").as_path()
    );
    harness.get_by_label(&format!("Approved 0 / {n_pairs}"));
    assert!(harness.query_by_label_contains("% imported").is_none());

    // Exporting the whole book in the background: cancelled, the old file stays as it was.
    // The export's temporary file is made a named pipe first, so the worker cannot get past
    // opening it until the test opens the other end, after the cancel: the cancel surely comes
    // before the export could end, however fast the machine.
    let out = dir.path().join("bible.txt");
    std::fs::write(&out, "an earlier export").unwrap();
    let pipe = cotejo::io::temp_path_beside(&out);
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.unwrap().success(), "mkfifo {}", pipe.display());
    export_path_is(&mut harness, &out);
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label("Export anyway…").click();
    harness.step();
    assert!(harness.state().is_exporting());
    harness.step();
    harness.get_by_label_contains("Exporting to bible.txt: ");
    harness.get_by_label_contains("% exported");
    harness.get_by_label("Cancel export").click();
    step_until(&mut harness, "cancelling", |app| {
        app.state.export.as_ref().is_some_and(|e| e.cancelling)
    });
    // Let the worker on (if it got as far as the pipe): it must stop before writing a byte.
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    run_until_exported(&mut harness);
    if pipe.exists() {
        // The worker stopped before it reached the pipe; release the reader.
        drop(std::fs::OpenOptions::new().write(true).open(&pipe).unwrap());
        std::fs::remove_file(&pipe).unwrap();
    }
    let written = reader.join().unwrap();
    assert!(
        written.is_empty(),
        "{} bytes written after the cancel",
        written.len()
    );
    let old = std::fs::read_to_string(&out).unwrap();
    assert!(
        old == "an earlier export",
        "the old file changed: {} bytes",
        old.len()
    );
    assert_eq!(
        files_in(dir.path()),
        [
            "bible.en.cotejo",
            "bible.en.cotejo-shm",
            "bible.en.cotejo-wal",
            "bible.en.txt",
            "bible.es.txt",
            "bible.txt"
        ],
        "no temporary file"
    );
    let last = &harness.state().state.messages.list.last().unwrap().text;
    assert_eq!(
        last,
        &format!("Export cancelled; {} was not changed", out.display())
    );

    // Not cancelled: every verse, in order.
    let started = Instant::now();
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label("Export anyway…").click();
    harness.step();
    run_until_exported(&mut harness);
    eprintln!("corpus export: {:?}", started.elapsed());
    let text = std::fs::read_to_string(&out).unwrap();
    let english = std::fs::read_to_string(dir.path().join("bible.en.txt")).unwrap();
    let verses: Vec<&str> = english.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(text.split("\n\n").count(), verses.len());
    assert_eq!(text.split("\n\n").next(), verses.first().copied());
    let last = &harness.state().state.messages.list.last().unwrap().text;
    assert_eq!(
        last,
        &format!("Exported {n_pairs} pairs to {}", out.display())
    );
}

#[test]
fn ctrl_equals_and_ctrl_minus_zoom_and_ctrl_shift_l_switches_the_theme() {
    let (mut harness, _dir) = ui_harness();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run();
    let zoom = harness.state().state.preferences.zoom;
    assert!((zoom - 1.1).abs() < 1e-4, "{zoom}");
    assert!((harness.ctx.zoom_factor() - zoom).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    let zoom = harness.state().state.preferences.zoom;
    assert!((zoom - 0.9).abs() < 1e-4, "{zoom}");
    assert!((harness.ctx.zoom_factor() - zoom).abs() < 1e-4);

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(!harness.state().state.preferences.dark);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

/// Presses the primary button at `from`, moves to `to` (when it differs) and releases there.
/// The harness gives each event a frame of its own, a quarter of a second long, so running it
/// only after the release keeps a press without a move short enough to be a click.
fn press_and_release(
    harness: &mut Harness<'static, WorkbenchApp>,
    from: egui::Pos2,
    to: egui::Pos2,
) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    harness.event(egui::Event::PointerMoved(from));
    harness.event(button(from, true));
    if to != from {
        for step in 1..=4 {
            harness.event(egui::Event::PointerMoved(from.lerp(to, step as f32 / 4.0)));
        }
    }
    harness.event(button(to, false));
    harness.step();
    harness.run();
}

/// Where the alignment map draws a pair: the middle of its paragraphs on each axis, Spanish
/// across and English down, scaled to the map's rectangle.
fn map_position(map: egui::Rect, pairs: &[cotejo::core::project::Pair], idx: usize) -> egui::Pos2 {
    let last = pairs.last().expect("a pair");
    let (n_source, n_target) = (
        last.source_paragraphs.end as f32,
        last.target_paragraphs.end as f32,
    );
    let pair = &pairs[idx];
    let source = (pair.source_paragraphs.start + pair.source_paragraphs.end) as f32 / 2.0;
    let target = (pair.target_paragraphs.start + pair.target_paragraphs.end) as f32 / 2.0;
    map.min
        + egui::vec2(
            source / n_source * map.width(),
            target / n_target * map.height(),
        )
}

#[test]
fn a_click_on_the_alignment_map_goes_to_the_pair_there() {
    let (mut harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    let n_doubtful = pairs
        .iter()
        .filter(|p| cotejo::ui::state::is_doubtful(p))
        .count();
    assert!(harness.query_by_label_contains("Alignment map:").is_none());
    // The section header shows the map.
    harness.get_by_label("Alignment map").click();
    harness.run();
    assert!(harness.state().state.preferences.show_alignment_map);
    let map = harness
        .get_by_label(&format!(
            "Alignment map: {} pairs, {n_doubtful} doubtful",
            pairs.len()
        ))
        .rect();
    assert!(map.width() > 100.0 && map.height() > 80.0, "{map:?}");

    // The last doubtful pair (a 3:2, 2:1 or 3:1 bead of the sample) is off screen at first.
    let target = (1..pairs.len())
        .rev()
        .find(|idx| cotejo::ui::state::is_doubtful(&pairs[*idx]))
        .expect("the sample has doubtful pairs");
    let row_label = format!("Pair {}", target + 1);
    assert!(
        harness.query_by_label(&row_label).is_none(),
        "{row_label} in view"
    );
    let at = map_position(map, &pairs, target);
    press_and_release(&mut harness, at, at);
    harness.run_steps(4);
    assert_eq!(harness.state().state.selected, target);
    harness.get_by_label(&row_label);

    // A drag from the first pair's dot to the second's ends on the second.
    let from = map_position(map, &pairs, 0);
    let to = map_position(map, &pairs, 1);
    press_and_release(&mut harness, from, to);
    assert_eq!(harness.state().state.selected, 1);
    assert_eq!(
        harness.state().n_map_layouts(),
        1,
        "frames reuse the layout"
    );
}

/// The window as it opens again on `path`, with the preferences saved in `storage`.
fn reopened(path: &std::path::Path, storage: &MemoryStorage) -> Harness<'static, WorkbenchApp> {
    let mut app = WorkbenchApp::with_store(Store::open(path).expect("open"), "reviewer");
    if let Some(preferences) = eframe::get_value(storage, cotejo::ui::app::PREFERENCES_KEY) {
        app.set_preferences(preferences);
    }
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut WorkbenchApp| app.show(ui), app);
    harness.run();
    harness
}

#[test]
fn ctrl_shift_m_shows_the_alignment_map_and_the_next_session_remembers() {
    let (mut harness, dir) = ui_harness();
    let path = dir.path().join("sample.cotejo");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    harness.run();
    harness.get_by_label_contains("Alignment map:");
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    drop(harness);

    let mut harness = reopened(&path, &storage);
    assert!(harness.state().state.preferences.show_alignment_map);
    harness.get_by_label_contains("Alignment map:");
    // Hidden again, and still hidden in the session after.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    harness.run();
    assert!(harness.query_by_label_contains("Alignment map:").is_none());
    eframe::App::save(harness.state_mut(), &mut storage);
    drop(harness);
    let harness = reopened(&path, &storage);
    assert!(!harness.state().state.preferences.show_alignment_map);
    assert!(harness.query_by_label_contains("Alignment map:").is_none());
}

#[test]
fn clicks_far_apart_on_the_alignment_map_of_the_whole_quijote_bring_each_pair_into_view() {
    // The whole Quijote: long paragraphs, whose estimated heights are far from the real ones.
    let dir = tempfile::tempdir().expect("temp dir");
    let books = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/books");
    let (source, target) = (dir.path().join("q.es.txt"), dir.path().join("q.en.txt"));
    std::fs::copy(books.join("quijote.es.txt"), &source).expect("copy");
    std::fs::copy(books.join("quijote.en.txt"), &target).expect("copy");
    let (store, n_pairs) =
        cotejo::ui::launch::create_review(&source, &target, "importer").expect("long review");
    assert!(n_pairs > 1000, "{n_pairs} pairs");
    let mut app = WorkbenchApp::with_store(store, "reviewer");
    app.set_preferences(cotejo::ui::state::Preferences {
        show_alignment_map: true,
        ..Default::default()
    });
    // Frames as long as a real screen's, so the table's scrolling takes several of them.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(240)
        .build_ui_state(|ui, app: &mut WorkbenchApp| app.show(ui), app);
    harness.run();
    let pairs = harness.state().state.pairs.clone();
    let map = harness.get_by_label_contains("Alignment map:").rect();
    for idx in [n_pairs * 7 / 10, n_pairs / 3, n_pairs - 2] {
        let at = map_position(map, &pairs, idx);
        press_and_release(&mut harness, at, at);
        let selected = harness.state().state.selected;
        // At this scale a point stands for a few pairs: the click lands on one of them.
        assert!(
            selected.abs_diff(idx) <= n_pairs / 100,
            "{selected} for {idx}"
        );
        harness.get_by_label(&format!("Pair {}", selected + 1));
    }
}

#[test]
fn ctrl_q_stores_the_edit_being_typed_and_closes_the_window() {
    let (mut harness, _dir) = ui_harness();
    let pair_id = store(&harness).pairs().unwrap()[1].id;
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.state_mut().drafts.edit_text = "Typed just before quitting.".to_owned();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.step();
    let closing = harness
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::Close));
    assert!(closing, "the window was asked to close");
    assert!(harness.state().is_quitting());
    assert_eq!(
        store(&harness).pair(pair_id).unwrap().target,
        "Typed just before quitting."
    );
}

#[test]
fn menu_items_run_their_commands_when_clicked() {
    let (mut harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    assert!(!pairs[0].confirmed);
    // A menu item's accessible name is its label and its shortcut.
    harness.get_by_label("Alignment").click();
    harness.run();
    harness.get_by_label("Confirm alignment Ctrl+K").click();
    harness.run();
    assert!(store(&harness).pair(pairs[0].id).unwrap().confirmed);
    assert!(
        harness.query_by_label("Confirm alignment Ctrl+K").is_none(),
        "the menu closed"
    );

    harness.get_by_label("Alignment").click();
    harness.run();
    harness.get_by_label("Merge with next Ctrl+J").click();
    harness.run();
    let merged = store(&harness).pairs().unwrap();
    assert_eq!(merged.len(), pairs.len() - 1);
    assert_eq!(merged[0].source_paragraphs, 0..2);

    // "Edit" is also the toolbar's edit button; the menu bar comes first.
    harness
        .get_all_by_label("Edit")
        .next()
        .expect("the Edit menu")
        .click();
    harness.run();
    harness.get_by_label("Undo Ctrl+Z").click();
    harness.run();
    assert_eq!(
        store(&harness).pairs().unwrap(),
        pairs_confirmed_first(&pairs)
    );

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Find Ctrl+F").click();
    harness.run();
    assert!(harness.state().state.search_open);
}

/// `pairs` with the first one's alignment confirmed.
fn pairs_confirmed_first(
    pairs: &[cotejo::core::project::Pair],
) -> Vec<cotejo::core::project::Pair> {
    let mut pairs = pairs.to_vec();
    pairs[0].confirmed = true;
    pairs
}

#[test]
fn split_pair_cuts_the_spanish_at_the_paragraph_where_the_cursor_is() {
    let (mut harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    let (idx, pair) = pairs
        .iter()
        .enumerate()
        .find(|(_, p)| p.source_paragraphs.len() >= 3)
        .expect("the sample has a pair with three Spanish paragraphs");
    // A tall window, so the whole pair is in view.
    harness.set_size(egui::vec2(1400.0, 2000.0));
    harness
        .state_mut()
        .run_command(cotejo::ui::Command::Select(idx));
    harness.run_steps(8);
    // Click at the start of the Spanish text's last line: in its last paragraph.
    let rect = harness
        .get_all_by_value(&pair.source)
        .find(|node| node.accesskit_node().role() != egui::accesskit::Role::Label)
        .expect("the Spanish text field")
        .rect();
    let at = rect.left_bottom() + egui::vec2(2.0, -6.0);
    harness.hover_at(at);
    harness.drag_at(at);
    harness.run();
    harness.drop_at(at);
    harness.run();
    let caret = harness.state().drafts.caret.clone().expect("a caret");
    assert_eq!((caret.pair, caret.side), (pair.id, Side::Source));

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::J);
    harness.run();
    let n_source = pair.source_paragraphs.len();
    let (s, t) = (
        harness.state().drafts.split_source,
        harness.state().drafts.split_target,
    );
    assert_eq!(
        s,
        n_source - 1,
        "the second part starts at the cursor's paragraph"
    );
    assert!(t <= pair.target_paragraphs.len());
    harness.get_by_label("Split").click();
    harness.run();
    let after = store(&harness).pairs().unwrap();
    assert_eq!(after.len(), pairs.len() + 1);
    assert_eq!(
        after[idx + 1].source_paragraphs,
        pair.source_paragraphs.end - 1..pair.source_paragraphs.end
    );
}

#[test]
fn a_state_filter_and_a_search_in_one_column_only() {
    let (mut harness, _dir) = ui_harness();
    let pairs = store(&harness).pairs().unwrap();
    // Reject pair 2: the "Rejected" filter then shows it alone.
    harness.get_by_label("Pair 2").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Enter);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Show").click();
    harness.run();
    harness.get_by_label("Rejected").click();
    harness.run();
    assert_eq!(harness.state().state.rows, vec![1]);
    harness.get_by_label("Show").click();
    harness.run();
    harness.get_by_label("Drafts").click();
    harness.run();
    assert_eq!(
        harness.state().state.rows,
        (0..pairs.len()).filter(|i| *i != 1).collect::<Vec<_>>()
    );
    harness.get_by_label("Show").click();
    harness.run();
    harness.get_by_label("All pairs").click();
    harness.run();

    // "hidalgo" is only in the Spanish, "gentleman" only in Ormsby's English: each scope
    // finds its own pairs.
    let hits = |side: Side, word: &str| -> Vec<usize> {
        (0..pairs.len())
            .filter(|i| {
                let text = match side {
                    Side::Source => &pairs[*i].source,
                    Side::Target => &pairs[*i].target,
                };
                cotejo::core::align::fold(text).contains(word)
            })
            .collect()
    };
    harness.get_by_label("Search").click();
    harness.run();
    for word in ["hidalgo", "gentleman"] {
        let (spanish, english) = (hits(Side::Source, word), hits(Side::Target, word));
        assert!(spanish.is_empty() != english.is_empty(), "{word}");
        let mut both: Vec<usize> = spanish.iter().chain(&english).copied().collect();
        both.sort_unstable();
        both.dedup();
        harness.state_mut().drafts.search_text = word.to_uppercase();
        for (scope, expected) in [
            ("Both columns", &both),
            ("Spanish only", &spanish),
            ("English only", &english),
        ] {
            harness.get_by_label("in").click();
            harness.run();
            harness.get_by_label(scope).click();
            harness.run_steps(8);
            assert_eq!(
                &harness.state().state.search_matches,
                expected,
                "{word} in {scope}"
            );
        }
    }
}
