//! Store tests on temporary project files.

use std::path::{Path, PathBuf};

use super::*;
use crate::core::align::align_paragraphs;
use crate::core::document::{Document, Paragraph};
use crate::core::export::{ExportFormat, render};
use crate::core::review::{NoteCategory, Severity};

const T0: Timestamp = Timestamp(1_795_545_448_000);

fn fixed_clock() -> Clock {
    Box::new(|| T0)
}

fn imported(name: &str, paragraphs: &[&str]) -> ImportedDocument {
    ImportedDocument {
        file_name: name.to_owned(),
        content_hash: import::content_hash(paragraphs.join("\n\n").as_bytes()),
        document: Document {
            paragraphs: paragraphs.iter().map(|p| Paragraph::text(*p)).collect(),
        },
    }
}

const ES: &[&str] = &[
    "Capítulo uno",
    "En un lugar de la Mancha.",
    "Vivía un hidalgo.",
];
const EN: &[&str] = &[
    "Chapter one",
    "In a village of La Mancha.",
    "There lived a gentleman.",
];

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
}

/// The two documents made of these paragraphs, and their alignment.
fn inputs(es: &[&str], en: &[&str]) -> (ImportedDocument, ImportedDocument, Alignment) {
    let source = imported("a.es.txt", es);
    let target = imported("a.en.txt", en);
    let alignment = align_paragraphs(&source.document.paragraphs, &target.document.paragraphs);
    (source, target, alignment)
}

/// A Spanish→English project called `title`.
fn new_project(title: &str) -> NewProject {
    NewProject {
        title: title.into(),
        source_lang: "es".into(),
        target_lang: "en".into(),
    }
}

fn project_with(es: &[&str], en: &[&str]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.cotejo");
    let (source, target, alignment) = inputs(es, en);
    let project = new_project("Test");
    let store = Store::create(
        &path,
        &project,
        &source,
        &target,
        &alignment,
        "importer",
        fixed_clock(),
    )
    .unwrap();
    Fixture {
        _dir: dir,
        path,
        store,
    }
}

fn project() -> Fixture {
    project_with(ES, EN)
}

/// One line per pair: `id state [source] => [target]`.
fn render_pairs(store: &Store) -> String {
    store
        .pairs()
        .unwrap()
        .iter()
        .map(|p| format!("{} {} [{}] => [{}]\n", p.id, p.state, p.source, p.target))
        .collect()
}

fn set_text(pair: i64, text: &str) -> Edit {
    Edit::SetTranslation {
        pair: PairId(pair),
        text: text.into(),
    }
}

fn set_state(pair: i64, state: PairState) -> Edit {
    Edit::SetState {
        pair: PairId(pair),
        state,
    }
}

fn note_on(pair: i64, body: &str) -> NewNote {
    NewNote {
        scope: NoteScope::Pair(PairId(pair)),
        side: Side::Target,
        span: None,
        category: NoteCategory::Accuracy,
        severity: Severity::Minor,
        parent: None,
        body: body.into(),
    }
}

#[test]
fn create_stores_pairs_in_document_order() {
    let f = project();
    assert_eq!(
        render_pairs(&f.store),
        "1 draft [Capítulo uno] => [Chapter one]\n\
         2 draft [En un lugar de la Mancha.] => [In a village of La Mancha.]\n\
         3 draft [Vivía un hidalgo.] => [There lived a gentleman.]\n"
    );
    let project = f.store.project().unwrap();
    assert_eq!((project.title.as_str(), project.created), ("Test", T0));
    let revisions = f.store.revisions(PairId(2)).unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].kind, RevisionKind::Imported);
    assert_eq!(revisions[0].author, "importer");
    assert_eq!(f.store.integrity_check().unwrap(), "ok");
    // The temporary build file is gone.
    let names: Vec<String> = std::fs::read_dir(f.path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(names, ["test.cotejo"]);
}

#[test]
fn create_refuses_to_overwrite() {
    let f = project();
    let before = std::fs::read(&f.path).unwrap();
    let source = imported("a", ES);
    let err = Store::create(
        &f.path,
        &new_project("x"),
        &source,
        &source,
        &Alignment::default(),
        "me",
        fixed_clock(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err}");
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
}

#[test]
fn multi_paragraph_beads_keep_paragraph_breaks() {
    let f = project_with(&["uno", "dos"], &["one", "two", "three"]);
    // The placeholder aligner pairs index by index; the last bead is a 0:1 addition.
    assert_eq!(
        render_pairs(&f.store),
        "1 draft [uno] => [one]\n2 draft [dos] => [two]\n3 draft [] => [three]\n"
    );
}

#[test]
fn edits_append_revisions_and_demote_approval() {
    let mut f = project();
    let s = &mut f.store;
    s.apply(&set_state(2, PairState::Approved), "rev").unwrap();
    let inverse = s
        .apply(&set_text(2, "Somewhere in La Mancha."), "tr")
        .unwrap();
    assert_eq!(
        inverse,
        Edit::Batch(vec![
            Edit::RestoreRevision {
                pair: PairId(2),
                revision: RevisionId(2)
            },
            set_state(2, PairState::Approved),
        ])
    );
    let pair = s.pair(PairId(2)).unwrap();
    assert_eq!(pair.state, PairState::Translated);
    assert_eq!(pair.target, "Somewhere in La Mancha.");
    let log: Vec<String> = s
        .state_log(PairId(2))
        .unwrap()
        .iter()
        .map(|c| format!("{}→{} r{} {}", c.old, c.new, c.revision, c.author))
        .collect();
    assert_eq!(log, ["draft→approved r2 rev", "approved→translated r4 tr"]);

    // Setting the text it already has changes nothing and is not recorded.
    let inverse = s
        .apply(&set_text(2, "Somewhere in La Mancha."), "tr")
        .unwrap();
    assert!(inverse.is_noop());
    assert_eq!(s.revisions(PairId(2)).unwrap().len(), 2);
}

#[test]
fn undo_and_redo_cover_edits_states_and_notes() {
    let mut f = project();
    let s = &mut f.store;
    s.apply(&set_state(1, PairState::Approved), "a").unwrap();
    s.apply(&set_text(1, "Chapter One"), "a").unwrap();
    let note = s.add_note(note_on(1, "Capitalise?"), "b").unwrap();
    s.apply(
        &Edit::SetNoteStatus {
            note,
            status: NoteStatus::Resolved,
        },
        "b",
    )
    .unwrap();
    let snapshot = |s: &Store| {
        let pair = s.pair(PairId(1)).unwrap();
        let notes: Vec<String> = s
            .notes(NoteFilter::default())
            .unwrap()
            .iter()
            .map(|n| format!("{}:{}", n.id, n.status))
            .collect();
        format!("{} {} [{}]", pair.state, pair.target, notes.join(" "))
    };
    let mut seen = vec![snapshot(s)];
    while s.undo("u").unwrap().is_some() {
        seen.push(snapshot(s));
    }
    assert_eq!(
        seen,
        [
            "translated Chapter One [1:resolved]",
            "translated Chapter One [1:open]",
            "translated Chapter One []",
            "approved Chapter one []",
            "draft Chapter one []",
        ]
    );
    let mut redone = Vec::new();
    while s.redo("u").unwrap().is_some() {
        redone.push(snapshot(s));
    }
    assert_eq!(
        redone,
        [
            "approved Chapter one []",
            "translated Chapter One []",
            "translated Chapter One [1:open]",
            "translated Chapter One [1:resolved]",
        ]
    );
    // The note came back with its id; nothing was ever deleted: imported, edit, undo, redo.
    assert_eq!(s.note(note).unwrap().body, "Capitalise?");
    let kinds: Vec<RevisionKind> = s
        .revisions(PairId(1))
        .unwrap()
        .iter()
        .map(|r| r.kind)
        .collect();
    use RevisionKind::{Edit as Edited, Imported, Revert};
    assert_eq!(kinds, [Imported, Edited, Revert, Revert]);
}

#[test]
fn a_new_edit_drops_the_redo_stack_and_undo_survives_reopen() {
    let mut f = project();
    f.store
        .apply(&set_text(3, "A gentleman lived."), "a")
        .unwrap();
    f.store
        .apply(&set_text(3, "A hidalgo lived."), "a")
        .unwrap();
    f.store.undo("a").unwrap();
    f.store.apply(&set_text(2, "x"), "a").unwrap();
    assert_eq!(f.store.redo("a").unwrap(), None);
    let history = f.store.history().unwrap();
    assert!(history.can_undo() && !history.can_redo());

    let mut reopened = Store::open(&f.path).unwrap();
    reopened.undo("a").unwrap();
    reopened.undo("a").unwrap();
    assert_eq!(
        render_pairs(&reopened).lines().nth(1),
        Some("2 draft [En un lugar de la Mancha.] => [In a village of La Mancha.]")
    );
    assert_eq!(
        reopened.pair(PairId(3)).unwrap().target,
        "There lived a gentleman."
    );
}

#[test]
fn batches_apply_and_undo_as_one_step() {
    let mut f = project();
    let all = Edit::Batch((1..=3).map(|p| set_state(p, PairState::Reviewed)).collect());
    f.store.apply(&all, "a").unwrap();
    assert!(
        render_pairs(&f.store)
            .lines()
            .all(|l| l.contains(" reviewed "))
    );
    f.store.undo("a").unwrap();
    assert!(
        render_pairs(&f.store)
            .lines()
            .all(|l| l.contains(" draft "))
    );
}

#[test]
fn notes_anchor_spans_reply_and_refuse_bad_input() {
    let mut f = project();
    let s = &mut f.store;
    let mut note = note_on(2, "village → place?");
    note.span = Some((5, 12));
    let first = s.add_note(note, "b").unwrap();
    let stored = s.note(first).unwrap();
    let span = stored.span.unwrap();
    assert_eq!(
        (span.quote.as_str(), span.before.as_str()),
        ("village", "In a ")
    );
    assert_eq!(stored.revision, Some(RevisionId(2)));

    let mut source_note = note_on(2, "lugar");
    source_note.side = Side::Source;
    source_note.span = Some((6, 11));
    let second = s.add_note(source_note, "b").unwrap();
    assert_eq!(s.note(second).unwrap().span.unwrap().quote, "lugar");

    let mut reply = note_on(2, "Agreed");
    reply.parent = Some(first);
    let reply_id = s.add_note(reply, "c").unwrap();
    assert_eq!(s.note(reply_id).unwrap().parent, Some(first));

    let check_err = |s: &mut Store, note: NewNote, expected: &str| {
        let err = s.add_note(note, "b").unwrap_err().to_string();
        assert!(err.starts_with(expected), "{err}");
    };
    let mut wrong_pair_reply = note_on(3, "x");
    wrong_pair_reply.parent = Some(first);
    check_err(
        s,
        wrong_pair_reply,
        "a reply must be on the same pair as note 1",
    );
    let mut too_long = note_on(2, "x");
    too_long.span = Some((5, 500));
    check_err(
        s,
        too_long,
        "span 5:500 does not fit a text of 26 characters",
    );
    check_err(s, note_on(99, "x"), "pair 99 not found");
    let mut orphan = note_on(2, "x");
    orphan.parent = Some(NoteId(42));
    check_err(s, orphan, "note 42 not found");
    assert_eq!(s.notes(NoteFilter::default()).unwrap().len(), 3);

    s.apply(
        &Edit::SetNoteStatus {
            note: second,
            status: NoteStatus::Resolved,
        },
        "b",
    )
    .unwrap();
    let open = NoteFilter {
        open_only: true,
        pair: None,
    };
    let ids: Vec<NoteId> = s.notes(open).unwrap().iter().map(|n| n.id).collect();
    assert_eq!(ids, [first, reply_id]);
    let summary = s.summary().unwrap();
    assert_eq!((summary.notes_open, summary.notes_resolved), (2, 1));
}

fn note_pairs(store: &Store) -> String {
    let notes = store.notes(NoteFilter::default()).unwrap();
    let parts: Vec<String> = notes
        .iter()
        .map(|n| match n.scope {
            NoteScope::Pair(p) => format!("{}@{p}", n.body),
            NoteScope::Document => format!("{}@doc", n.body),
        })
        .collect();
    parts.join(" ")
}

#[test]
fn merging_with_the_next_pair_keeps_notes_and_undoes() {
    let mut f = project();
    let s = &mut f.store;
    let mut village = note_on(2, "village");
    village.span = Some((5, 12));
    s.add_note(village, "b").unwrap();
    s.add_note(note_on(3, "gentleman"), "b").unwrap();
    let before = render_pairs(s);

    let inverse = s
        .apply(&Edit::MergeWithNext { pair: PairId(2) }, "a")
        .unwrap();
    assert_eq!(
        inverse,
        Edit::RestorePairs {
            retire: vec![PairId(4)],
            restore: vec![PairId(2), PairId(3)],
            notes: vec![(NoteId(2), PairId(3)), (NoteId(1), PairId(2))],
        }
    );
    let merged = "1 draft [Capítulo uno] => [Chapter one]\n\
         4 draft [En un lugar de la Mancha.\n\nVivía un hidalgo.] => \
         [In a village of La Mancha.\n\nThere lived a gentleman.]\n";
    assert_eq!(render_pairs(s), merged);
    assert_eq!(note_pairs(s), "village@4 gentleman@4");
    let pair = s.pair(PairId(4)).unwrap();
    assert_eq!(
        (pair.source_paragraphs, pair.target_paragraphs),
        (1..3, 1..3)
    );
    assert!(pair.confirmed);

    let err = s.apply(&set_text(2, "x"), "a").unwrap_err().to_string();
    assert!(err.starts_with("pair 2 not found"), "{err}");
    let err = s
        .apply(&Edit::MergeWithNext { pair: PairId(4) }, "a")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("pair 4 is the last pair"), "{err}");

    s.undo("a").unwrap();
    assert_eq!(render_pairs(s), before);
    assert_eq!(note_pairs(s), "village@2 gentleman@3");
    s.redo("a").unwrap();
    assert_eq!(render_pairs(s), merged);
    assert_eq!(note_pairs(s), "village@4 gentleman@4");

    // Approving the merged project exports the English as imported.
    let all = Edit::Batch(vec![
        set_state(1, PairState::Approved),
        set_state(4, PairState::Approved),
    ]);
    s.apply(&all, "a").unwrap();
    let out = render(&s.export_pairs().unwrap(), ExportFormat::Txt, false).unwrap();
    assert_eq!(out, EN.join("\n\n") + "\n");
}

#[test]
fn splitting_a_pair_sends_notes_to_the_part_they_quote() {
    let mut f = project_with(&["uno", "dos"], &["one", "two"]);
    let s = &mut f.store;
    s.apply(&Edit::MergeWithNext { pair: PairId(1) }, "a")
        .unwrap();
    let mut on_two = note_on(3, "about two");
    on_two.span = Some((5, 8));
    let on_two = s.add_note(on_two, "b").unwrap();
    s.add_note(note_on(3, "whole pair"), "b").unwrap();
    let mut reply = note_on(3, "reply");
    reply.parent = Some(on_two);
    s.add_note(reply, "c").unwrap();
    let mut on_dos = note_on(3, "about dos");
    on_dos.side = Side::Source;
    on_dos.span = Some((5, 8));
    s.add_note(on_dos, "b").unwrap();

    let bad = Edit::SplitPair {
        pair: PairId(3),
        source_at: 0,
        target_at: 0,
    };
    let err = s.apply(&bad, "a").unwrap_err().to_string();
    assert!(
        err.starts_with("cannot split pair 3 before source paragraph 0"),
        "{err}"
    );

    let split = Edit::SplitPair {
        pair: PairId(3),
        source_at: 1,
        target_at: 1,
    };
    s.apply(&split, "a").unwrap();
    assert_eq!(
        render_pairs(s),
        "4 draft [uno] => [one]\n5 draft [dos] => [two]\n"
    );
    assert_eq!(
        note_pairs(s),
        "about two@5 whole pair@4 reply@5 about dos@5"
    );
    s.undo("a").unwrap();
    assert_eq!(render_pairs(s), "3 draft [uno\n\ndos] => [one\n\ntwo]\n");
    assert_eq!(
        note_pairs(s),
        "about two@3 whole pair@3 reply@3 about dos@3"
    );
    s.undo("a").unwrap();
    s.undo("a").unwrap();
    s.undo("a").unwrap();
    s.undo("a").unwrap();
    s.undo("a").unwrap();
    assert_eq!(
        render_pairs(s),
        "1 draft [uno] => [one]\n2 draft [dos] => [two]\n"
    );
    assert_eq!(note_pairs(s), "");
}

#[test]
fn unknown_ids_are_not_found() {
    let mut f = project();
    let err = f.store.apply(&set_text(9, "x"), "a").unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    let err = f
        .store
        .apply(
            &Edit::SetNoteStatus {
                note: NoteId(9),
                status: NoteStatus::Resolved,
            },
            "a",
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("note 9 not found: {}", f.path.display())
    );
}

#[test]
fn a_writer_that_waits_too_long_gets_busy_and_writes_nothing() {
    let mut f = project();
    let other = Connection::open(&f.path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    f.store.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let err = f.store.apply(&set_text(1, "x"), "a").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "project is busy (another program is writing it): {}",
            f.path.display()
        )
    );
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(f.store.revisions(PairId(1)).unwrap().len(), 1);
    assert!(!f.store.history().unwrap().can_undo());
    f.store.apply(&set_text(1, "x"), "a").unwrap();
}

#[test]
fn summary_counts_states_and_words() {
    let mut f = project();
    f.store
        .apply(&set_state(1, PairState::Approved), "a")
        .unwrap();
    let summary = f.store.summary().unwrap();
    assert_eq!(summary.pairs_per_state[0], (PairState::Draft, 2));
    assert_eq!(summary.pairs_per_state[3], (PairState::Approved, 1));
    assert_eq!((summary.source_words, summary.target_words), (11, 12));
}

#[test]
fn export_of_an_unedited_approved_project_gives_back_the_english() {
    let mut f = project_with(&["uno", "dos", "tres"], &["one", "two"]);
    let all = Edit::Batch(
        f.store
            .pairs()
            .unwrap()
            .iter()
            .map(|p| set_state(p.id.0, PairState::Approved))
            .collect(),
    );
    f.store.apply(&all, "a").unwrap();
    let out = render(&f.store.export_pairs().unwrap(), ExportFormat::Txt, false).unwrap();
    assert_eq!(out, "one\n\ntwo\n");
}

// Files that are not projects, and projects from a newer cotejo.

fn assert_refused_untouched(path: &Path, expected: &str) {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).unwrap_err().to_string();
    assert!(err.contains(expected), "{err}");
    assert!(err.ends_with(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read(path).unwrap(), before);
    let side_files = ["-wal", "-shm", "-journal"]
        .iter()
        .filter(|s| Path::new(&format!("{}{s}", path.display())).exists())
        .count();
    assert_eq!(side_files, 0);
}

#[test]
fn files_that_are_not_projects_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.cotejo");
    std::fs::write(&empty, b"").unwrap();
    assert_refused_untouched(&empty, "not a cotejo project (empty file)");

    let text = dir.path().join("text.cotejo");
    std::fs::write(&text, "En un lugar de la Mancha\n".repeat(10)).unwrap();
    assert_refused_untouched(&text, "not a cotejo project (not an SQLite database)");

    let short = dir.path().join("short.cotejo");
    std::fs::write(&short, "SQLite format 3\0").unwrap();
    assert_refused_untouched(&short, "not an SQLite database");

    let other = dir.path().join("other.sqlite");
    let conn = Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    conn.close().unwrap();
    assert_refused_untouched(
        &other,
        "an SQLite database of another program, application id 0x0",
    );

    let missing = dir.path().join("missing.cotejo");
    let err = Store::open(&missing).unwrap_err().to_string();
    assert!(err.starts_with("cannot open"), "{err}");
    assert!(!missing.exists());
}

/// Writes a project file at schema `version` with one note and one edited revision, using only
/// the SQL of that version.
fn write_fixture(path: &Path, version: i64) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)
        .unwrap();
    for sql in migrations::sql_up_to(version) {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO project VALUES (1, 'Old', 'es', 'en', 0);
         INSERT INTO document VALUES (1, 'source', 'a.es', 'sha256:x', 0, 'Hola');
         INSERT INTO document VALUES (2, 'target', 'a.en', 'sha256:y', 0, 'Hello');
         INSERT INTO paragraph VALUES (1, 1, 0, 'text', 'Hola');
         INSERT INTO paragraph VALUES (2, 2, 0, 'text', 'Hello');
         INSERT INTO pair (id, ord, source_start, source_end, target_start, target_end,
                           confidence, confirmed)
             VALUES (1, 0, 0, 1, 0, 1, 0.9, 0);
         INSERT INTO revision VALUES (1, 1, NULL, 'imported', 'Hello', 'x', 0);
         INSERT INTO revision VALUES (2, 1, 1, 'edit', 'Hi there', 'y', 1);
         INSERT INTO note (id, pair, side, author, created, updated, category, severity,
                           status, body)
             VALUES (1, 1, 'target', 'z', 2, 2, 'style', 'minor', 'open', 'Too casual');",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
    conn.close().unwrap();
}

#[test]
fn projects_of_every_earlier_schema_keep_their_notes_and_revisions() {
    for version in 1..=migrations::SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("v{version}.cotejo"));
        write_fixture(&path, version);
        let store = Store::open(&path).unwrap();
        let notes = store.notes(NoteFilter::default()).unwrap();
        assert_eq!(notes.len(), 1, "version {version}");
        assert_eq!(notes[0].body, "Too casual");
        let texts: Vec<String> = store
            .revisions(PairId(1))
            .unwrap()
            .into_iter()
            .map(|r| r.text)
            .collect();
        assert_eq!(texts, ["Hello", "Hi there"], "version {version}");
        assert_eq!(store.pair(PairId(1)).unwrap().target, "Hi there");
        let user_version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(user_version, migrations::SCHEMA_VERSION);
    }
}

#[test]
fn a_project_from_a_newer_cotejo_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.cotejo");
    write_fixture(&path, migrations::SCHEMA_VERSION);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", migrations::SCHEMA_VERSION + 1)
        .unwrap();
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
        .unwrap();
    conn.close().unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::SchemaTooNew { found, supported, .. }
            if found == migrations::SCHEMA_VERSION + 1 && supported == migrations::SCHEMA_VERSION),
        "{err}"
    );
    assert_refused_untouched(&path, "is newer than this cotejo supports");
}

#[test]
fn a_newer_version_still_in_the_wal_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.cotejo");
    write_fixture(&path, migrations::SCHEMA_VERSION);
    // A newer cotejo has the file open and its upgrade is committed to the WAL only, so the
    // header on disk still shows the old version.
    let newer = Connection::open(&path).unwrap();
    newer
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
        .unwrap();
    newer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    newer
        .pragma_update(None, "user_version", migrations::SCHEMA_VERSION + 1)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(newer);
}

#[test]
fn base_texts_name_the_imported_previous_and_last_approved_english() {
    let mut f = project();
    let pair = f.store.pairs().unwrap()[0].clone();
    let set = |text: &str| Edit::SetTranslation {
        pair: pair.id,
        text: text.to_owned(),
    };
    let approve = Edit::SetState {
        pair: pair.id,
        state: PairState::Approved,
    };
    f.store.apply(&set("second"), "me").unwrap();
    f.store.apply(&approve, "me").unwrap();
    f.store.apply(&set("third"), "me").unwrap();
    let base = |store: &Store, which: BaseRevision| -> Option<String> {
        store
            .base_texts(which)
            .unwrap()
            .into_iter()
            .find(|(id, _)| *id == pair.id)
            .map(|(_, text)| text)
    };
    assert_eq!(
        base(&f.store, BaseRevision::Imported),
        Some(pair.target.clone())
    );
    assert_eq!(
        base(&f.store, BaseRevision::Previous).as_deref(),
        Some("second")
    );
    assert_eq!(
        base(&f.store, BaseRevision::LastApproved).as_deref(),
        Some("second")
    );
    // A pair never approved has no last approved text, so the diff shows it unmarked.
    let other = f.store.pairs().unwrap()[1].clone();
    assert!(
        f.store
            .base_texts(BaseRevision::LastApproved)
            .unwrap()
            .iter()
            .all(|(id, _)| *id != other.id)
    );
    // One pair's base text is the one the whole list gives.
    for which in [
        BaseRevision::Imported,
        BaseRevision::Previous,
        BaseRevision::LastApproved,
    ] {
        for p in [&pair, &other] {
            let listed = f
                .store
                .base_texts(which)
                .unwrap()
                .into_iter()
                .find(|(id, _)| *id == p.id)
                .map(|(_, text)| text);
            assert_eq!(f.store.base_text(p.id, which).unwrap(), listed, "{which:?}");
        }
    }
    assert_eq!(f.store.undo_redo_depth().unwrap(), (3, 0));
    f.store.undo("me").unwrap();
    assert_eq!(f.store.undo_redo_depth().unwrap(), (2, 1));
}

#[test]
fn moving_a_paragraph_down_follows_notes_undoes_and_survives_reopen() {
    let mut f = project();
    let s = &mut f.store;
    s.add_note(note_on(3, "gentleman"), "b").unwrap();
    let before = render_pairs(s);

    let down = Edit::MoveLastParagraphDown {
        pair: PairId(2),
        side: Side::Source,
    };
    let inverse = s.apply(&down, "a").unwrap();
    assert_eq!(
        inverse,
        Edit::Batch(vec![
            Edit::RestorePairs {
                retire: vec![PairId(5), PairId(6)],
                restore: vec![PairId(4)],
                notes: vec![(NoteId(1), PairId(4))],
            },
            Edit::RestorePairs {
                retire: vec![PairId(4)],
                restore: vec![PairId(2), PairId(3)],
                notes: vec![(NoteId(1), PairId(3))],
            },
        ])
    );
    let moved = "1 draft [Capítulo uno] => [Chapter one]\n\
         5 draft [] => [In a village of La Mancha.]\n\
         6 draft [En un lugar de la Mancha.\n\nVivía un hidalgo.] => [There lived a gentleman.]\n";
    assert_eq!(render_pairs(s), moved);
    assert_eq!(note_pairs(s), "gentleman@6");
    assert_eq!(render_pairs(&Store::open(&f.path).unwrap()), moved);

    let s = &mut f.store;
    s.undo("a").unwrap();
    assert_eq!(render_pairs(s), before);
    assert_eq!(note_pairs(s), "gentleman@3");
    s.redo("a").unwrap();
    assert_eq!(render_pairs(s), moved);
    assert_eq!(note_pairs(s), "gentleman@6");

    let last = Edit::MoveLastParagraphDown {
        pair: PairId(6),
        side: Side::Target,
    };
    let err = s.apply(&last, "a").unwrap_err().to_string();
    assert!(err.starts_with("pair 6 is the last pair"), "{err}");
    let empty = Edit::MoveLastParagraphDown {
        pair: PairId(5),
        side: Side::Source,
    };
    let err = s.apply(&empty, "a").unwrap_err().to_string();
    assert!(err.starts_with("pair 5 has no source paragraph"), "{err}");
    // A refused edit leaves the project as it was.
    assert_eq!(render_pairs(s), moved);
}

#[test]
fn moving_a_paragraph_up_undoes_to_the_old_pairs() {
    let mut f = project();
    let s = &mut f.store;
    let before = render_pairs(s);
    let first = Edit::MoveFirstParagraphUp {
        pair: PairId(1),
        side: Side::Target,
    };
    let err = s.apply(&first, "a").unwrap_err().to_string();
    assert!(err.starts_with("pair 1 is the first pair"), "{err}");

    let up = Edit::MoveFirstParagraphUp {
        pair: PairId(2),
        side: Side::Target,
    };
    s.apply(&up, "a").unwrap();
    let moved = "5 draft [Capítulo uno] => [Chapter one\n\nIn a village of La Mancha.]\n\
         6 draft [En un lugar de la Mancha.] => []\n\
         3 draft [Vivía un hidalgo.] => [There lived a gentleman.]\n";
    assert_eq!(render_pairs(s), moved);
    let only = Edit::MoveFirstParagraphUp {
        pair: PairId(6),
        side: Side::Source,
    };
    let err = s.apply(&only, "a").unwrap_err().to_string();
    assert!(err.starts_with("pair 6 has only one paragraph"), "{err}");

    s.undo("a").unwrap();
    assert_eq!(render_pairs(s), before);
    s.redo("a").unwrap();
    assert_eq!(render_pairs(s), moved);
    s.undo("a").unwrap();
    assert_eq!(render_pairs(&Store::open(&f.path).unwrap()), before);
}

#[test]
fn omissions_and_additions_are_splits_that_leave_one_side_empty_and_undo() {
    let mut f = project();
    let s = &mut f.store;
    s.apply(&Edit::MergeWithNext { pair: PairId(2) }, "a")
        .unwrap();
    let before = render_pairs(s);
    // Mark as omission: the last Spanish paragraph of pair 4 gets a pair of its own.
    let omission = Edit::SplitPair {
        pair: PairId(4),
        source_at: 2,
        target_at: 3,
    };
    s.apply(&omission, "a").unwrap();
    assert_eq!(
        render_pairs(s),
        "1 draft [Capítulo uno] => [Chapter one]\n\
         5 draft [En un lugar de la Mancha.] => [In a village of La Mancha.\n\nThere lived a gentleman.]\n\
         6 draft [Vivía un hidalgo.] => []\n"
    );
    s.undo("a").unwrap();
    assert_eq!(render_pairs(s), before);
    // Mark as addition: the last English paragraph.
    let addition = Edit::SplitPair {
        pair: PairId(4),
        source_at: 3,
        target_at: 2,
    };
    s.apply(&addition, "a").unwrap();
    assert_eq!(
        render_pairs(s),
        "1 draft [Capítulo uno] => [Chapter one]\n\
         7 draft [En un lugar de la Mancha.\n\nVivía un hidalgo.] => [In a village of La Mancha.]\n\
         8 draft [] => [There lived a gentleman.]\n"
    );
    s.undo("a").unwrap();
    assert_eq!(render_pairs(s), before);
}

#[test]
fn a_cancelled_create_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cancelled.cotejo");
    let (source, target, alignment) = inputs(ES, EN);
    let project = new_project("Test");
    let docs = (&source, &target, &alignment);
    let err = Store::create_unless(
        &path,
        &project,
        docs,
        "a",
        fixed_clock(),
        &Cancelling::at(0.0),
    )
    .err()
    .unwrap();
    assert!(matches!(err, Error::Cancelled { .. }), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Records the fractions reported and asks to stop once one reaches the threshold.
struct Cancelling {
    threshold: f32,
    reports: std::sync::Mutex<Vec<f32>>,
}

impl Cancelling {
    fn at(threshold: f32) -> Self {
        Self {
            threshold,
            reports: std::sync::Mutex::default(),
        }
    }
}

impl Progress for Cancelling {
    fn report(&self, done: f32) {
        self.reports.lock().unwrap().push(done);
    }
    fn is_cancelled(&self) -> bool {
        let last = self.reports.lock().unwrap().last().copied();
        last.unwrap_or(0.0) >= self.threshold
    }
}

#[test]
fn a_long_create_reports_its_rows_and_stops_midway_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let long = |side: &[&str]| -> Vec<String> {
        (0..1000)
            .map(|k| format!("{k} {}", side[k % side.len()]))
            .collect()
    };
    let (es, en) = (long(ES), long(EN));
    let es: Vec<&str> = es.iter().map(String::as_str).collect();
    let en: Vec<&str> = en.iter().map(String::as_str).collect();
    let (source, target, alignment) = inputs(&es, &en);
    let project = new_project("Long");
    let docs = (&source, &target, &alignment);

    // Not cancelled: the fractions rise to 1, one report per ROWS_PER_REPORT rows.
    let done = Cancelling::at(f32::INFINITY);
    let path = dir.path().join("done.cotejo");
    let store = Store::create_unless(&path, &project, docs, "a", fixed_clock(), &done).unwrap();
    assert_eq!(store.pairs().unwrap().len(), alignment.beads.len());
    let reports = done.reports.into_inner().unwrap();
    assert!(reports.len() >= 4000 / ROWS_PER_REPORT, "{reports:?}");
    assert!(reports.windows(2).all(|w| w[0] <= w[1]), "{reports:?}");
    assert_eq!(reports.last(), Some(&1.0));
    drop(store);

    // Cancelled a third of the way: stops there and leaves nothing.
    let cancelling = Cancelling::at(0.3);
    let path = dir.path().join("cancelled.cotejo");
    let err = Store::create_unless(&path, &project, docs, "a", fixed_clock(), &cancelling)
        .err()
        .unwrap();
    assert!(matches!(err, Error::Cancelled { .. }), "{err}");
    assert_eq!(err.to_string(), format!("cancelled: {}", path.display()));
    let last = *cancelling.reports.lock().unwrap().last().unwrap();
    assert!((0.3..0.5).contains(&last), "stopped at {last}");
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["done.cotejo"]);
}

#[test]
fn a_read_only_connection_reads_beside_a_writer_and_cannot_write() {
    let f = project();
    let (path, mut writer) = (f.path, f.store);
    let mut reader = Store::open_read_only(&path).unwrap();
    let pair = writer.pairs().unwrap()[0].id;
    let edit = Edit::SetState {
        pair,
        state: PairState::Approved,
    };
    writer.apply(&edit, "a").unwrap();
    // The reader sees the committed change.
    let exported = reader.export_pairs().unwrap();
    assert_eq!(exported[0].state, PairState::Approved);
    let reject = Edit::SetState {
        pair,
        state: PairState::Rejected,
    };
    let err = reader.apply(&reject, "a").unwrap_err();
    assert!(matches!(err, Error::Db { .. }), "{err}");
    assert_eq!(writer.pairs().unwrap()[0].state, PairState::Approved);
}
