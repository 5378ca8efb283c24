//! `cotejo new/info/pairs/edit/state/note/history/export` end to end, on temporary projects.
//!
//! Also the durability tests: SIGKILL in the middle of writes, and two writers at once.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

// Twenty paragraphs translated one for one, so the store's behaviour is tested on pairs whose
// alignment is not in doubt (the aligner has its own tests in `align.rs`).
const SMALL_ES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/store/twenty.es.txt"
);
const SMALL_EN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/store/twenty.en.txt"
);

/// A temporary folder to run `cotejo` in.
struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cotejo"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("USER", "tester")
            .env_remove("USERNAME");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run cotejo")
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "cotejo {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// A project from the twenty-paragraph pair.
    fn small_project(&self) -> &'static str {
        let out = self.ok(&[
            "new", SMALL_ES, SMALL_EN, "-o", "p.cotejo", "--title", "Small",
        ]);
        assert_eq!(out, "created p.cotejo with 20 pairs\n");
        "p.cotejo"
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn new_info_pairs_edit_state_and_history() {
    let dir = Dir::new();
    let p = dir.small_project();
    let info = dir.ok(&["info", p]);
    assert!(
        info.contains("pairs: 20 (draft 20, translated 0, reviewed 0, approved 0, rejected 0)"),
        "{info}"
    );
    assert!(info.contains("notes: 0 open, 0 resolved"), "{info}");

    let pairs = dir.ok(&["pairs", p, "--format", "json"]);
    let first_keys: Vec<&str> = [
        "\"id\"",
        "\"state\"",
        "\"confidence\"",
        "\"source\"",
        "\"target\"",
    ]
    .into_iter()
    .collect();
    let positions: Vec<usize> = first_keys.iter().map(|k| pairs.find(k).expect(k)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "key order: {positions:?}"
    );
    let pairs = json(&pairs);
    let pairs = pairs.as_array().expect("array");
    assert_eq!(pairs.len(), 20);
    let ids: Vec<i64> = pairs
        .iter()
        .map(|p| p["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, (1..=20).collect::<Vec<_>>());
    assert_eq!(pairs[0]["state"], "draft");

    let tsv = dir.ok(&["pairs", p, "--format", "tsv"]);
    assert_eq!(tsv.lines().count(), 21);
    assert!(tsv.lines().all(|l| l.split('\t').count() == 5));

    let out = dir.ok(&[
        "edit",
        p,
        "--pair",
        "3",
        "--text",
        "A new text, here.",
        "--author",
        "ana",
    ]);
    assert_eq!(out, "pair 3: saved revision 21\n");
    assert_eq!(
        dir.ok(&["state", p, "--pair", "3", "--set", "approved"]),
        "pair 3: approved\n"
    );
    let out = dir.ok(&["edit", p, "--pair", "3", "--text", "A newer text here!"]);
    assert_eq!(out, "pair 3: saved revision 22 (approved → translated)\n");
    assert_eq!(
        dir.ok(&["edit", p, "--pair", "3", "--text", "A newer text here!"]),
        "pair 3 unchanged\n"
    );

    let history = dir.ok(&["history", p, "--pair", "3"]);
    let lines: Vec<&str> = history.lines().collect();
    assert!(lines[0].starts_with("revision 3  imported  "), "{history}");
    assert!(
        lines[2].starts_with("revision 21  edit  ") && lines[2].ends_with("  ana"),
        "{history}"
    );
    assert_eq!(
        lines[6], "    A [-new-]{+newer+} text[-,-] here[-.-]{+!+}",
        "{history}"
    );
    assert!(history.contains("state draft → approved"), "{history}");
    assert!(history.contains("state approved → translated"), "{history}");

    let out = dir.ok(&["state", p, "--all", "--set", "reviewed"]);
    assert_eq!(out, "20 pairs set to reviewed (0 already were)\n");
    assert_eq!(dir.ok(&["undo", p]), "undo: 20 changes\n");
    let info = dir.ok(&["info", p, "--format", "json"]);
    assert_eq!(json(&info)["pairs_per_state"]["translated"], 1);
    assert_eq!(json(&info)["pairs_per_state"]["draft"], 19);

    let out = dir.run(&["edit", p, "--pair", "99", "--text", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, "cotejo: pair 99 not found: p.cotejo\n");
}

#[test]
fn merge_split_and_undo_keep_the_export_exact() {
    let dir = Dir::new();
    let p = dir.small_project();
    assert_eq!(
        dir.ok(&["merge", p, "--pair", "4"]),
        "pairs 4 and 5 merged into pair 21\n"
    );
    let pairs = json(&dir.ok(&["pairs", p, "--format", "json"]));
    let ids: Vec<i64> = pairs
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids[..5], [1, 2, 3, 21, 6]);
    assert_eq!(ids.len(), 19);
    assert_eq!(
        dir.ok(&[
            "split",
            p,
            "--pair",
            "21",
            "--source-at",
            "4",
            "--target-at",
            "4"
        ]),
        "pair 21 split into pairs 22 and 23\n"
    );
    let out = dir.run(&[
        "split",
        p,
        "--pair",
        "22",
        "--source-at",
        "3",
        "--target-at",
        "3",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(dir.ok(&["undo", p]), "undo: restore pairs 21\n");
    assert_eq!(dir.ok(&["undo", p]), "undo: restore pairs 4, 5\n");
    assert_eq!(dir.ok(&["redo", p]), "redo: restore pairs 21\n");

    dir.ok(&["state", p, "--all", "--set", "approved"]);
    dir.ok(&["export", p, "-o", "out.txt"]);
    let english = fs::read_to_string(SMALL_EN).expect("english");
    assert_eq!(
        fs::read_to_string(dir.path("out.txt")).expect("export"),
        english
    );
}

#[test]
fn new_never_overwrites_a_file() {
    let dir = Dir::new();
    fs::write(dir.path("p.cotejo"), "precious").expect("write");
    let out = dir.run(&["new", SMALL_ES, SMALL_EN, "-o", "p.cotejo"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "cotejo: refusing to overwrite an existing file: p.cotejo\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path("p.cotejo")).expect("read"),
        "precious"
    );

    let out = dir.run(&["new", "missing.es.txt", SMALL_EN, "-o", "q.cotejo"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("cotejo: cannot read: ") && stderr.ends_with("missing.es.txt\n"),
        "{stderr}"
    );
    assert!(!dir.path("q.cotejo").exists());
}

#[test]
fn notes_are_added_listed_and_resolved() {
    let dir = Dir::new();
    let p = dir.small_project();
    let out = dir.ok(&[
        "note",
        "add",
        p,
        "--pair",
        "2",
        "--body",
        "Check the verb",
        "--category",
        "accuracy",
        "--severity",
        "major",
        "--span",
        "3:12",
        "--author",
        "eva",
    ]);
    assert_eq!(out, "note 1 added to pair 2\n");
    let out = dir.ok(&[
        "note",
        "add",
        p,
        "--pair",
        "2",
        "--body",
        "Agreed",
        "--reply-to",
        "1",
    ]);
    assert_eq!(out, "note 2 added to pair 2\n");
    let out = dir.ok(&[
        "note",
        "add",
        p,
        "--pair",
        "4",
        "--body",
        "Source typo",
        "--side",
        "source",
    ]);
    assert_eq!(out, "note 3 added to pair 4\n");
    assert_eq!(
        dir.ok(&["note", "resolve", p, "--id", "3"]),
        "note 3 resolved\n"
    );

    let list = json(&dir.ok(&["note", "list", p, "--format", "json"]));
    let notes = list.as_array().expect("array");
    assert_eq!(notes.len(), 3);
    let first = &notes[0];
    let keys: Vec<&String> = first.as_object().expect("object").keys().collect();
    let mut expected = vec![
        "author", "body", "category", "created", "id", "pair", "parent", "severity", "side",
        "span", "status",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(first["pair"], 2);
    assert_eq!(first["author"], "eva");
    assert_eq!(first["category"], "accuracy");
    assert_eq!(first["severity"], "major");
    assert_eq!(first["span"]["start"], 3);
    assert_eq!(first["span"]["end"], 12);
    assert_eq!(notes[1]["parent"], 1);
    assert_eq!(notes[1]["author"], "tester");
    assert_eq!(notes[2]["side"], "source");
    assert_eq!(notes[2]["status"], "resolved");

    let tsv = dir.ok(&["note", "list", p, "--format", "tsv"]);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][..5], ["1", "2", "", "target", "3:12"]);
    assert_eq!(rows[2][2], "1");

    let open = json(&dir.ok(&["note", "list", p, "--open", "--format", "json"]));
    assert_eq!(open.as_array().map(Vec::len), Some(2));
    let info = dir.ok(&["info", p]);
    assert!(info.contains("notes: 2 open, 1 resolved"), "{info}");

    let out = dir.run(&[
        "note", "add", p, "--pair", "2", "--body", "x", "--span", "5:100000",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = dir.run(&[
        "note",
        "add",
        p,
        "--pair",
        "2",
        "--body",
        "x",
        "--category",
        "grammar",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown category \"grammar\""));
}

#[test]
fn export_of_an_approved_project_reproduces_the_english() {
    let dir = Dir::new();
    let p = dir.small_project();
    dir.ok(&["state", p, "--all", "--set", "approved"]);
    let out = dir.ok(&["export", p, "--format", "txt", "-o", "out.txt"]);
    assert_eq!(out, "exported 20 pairs to out.txt\n");
    let english = fs::read_to_string(SMALL_EN).expect("english");
    assert_eq!(
        fs::read_to_string(dir.path("out.txt")).expect("export"),
        english
    );
    dir.ok(&["export", p, "--format", "md", "-o", "out.md"]);
    assert_eq!(
        fs::read_to_string(dir.path("out.md")).expect("export"),
        english
    );
}

#[test]
fn export_refuses_unapproved_pairs_and_names_them() {
    let dir = Dir::new();
    let p = dir.small_project();
    dir.ok(&["state", p, "--all", "--set", "approved"]);
    dir.ok(&[
        "edit",
        p,
        "--pair",
        "7",
        "--text",
        "Changed after approval.",
    ]);
    let out = dir.run(&["export", p, "-o", "out.txt"]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 pair(s) not approved: 7"), "{stderr}");
    assert!(!dir.path("out.txt").exists());

    dir.ok(&["export", p, "-o", "out.txt", "--allow-unapproved"]);
    let text = fs::read_to_string(dir.path("out.txt")).expect("export");
    assert!(text.contains("\n\nChanged after approval.\n\n"));
}

fn assert_info_refuses(dir: &Dir, name: &str, content: &[u8], expected: &str) {
    let path = dir.path(name);
    fs::write(&path, content).expect("write");
    let out = dir.run(&["info", name]);
    assert_eq!(out.status.code(), Some(2), "{name}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, format!("cotejo: {expected}: {name}\n"));
    assert_eq!(fs::read(&path).expect("read"), content, "{name} changed");
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !dir.path(&format!("{name}{suffix}")).exists(),
            "{name}{suffix}"
        );
    }
}

#[test]
fn info_refuses_files_that_are_not_projects() {
    let dir = Dir::new();
    assert_info_refuses(
        &dir,
        "empty.cotejo",
        b"",
        "not a cotejo project (empty file)",
    );
    assert_info_refuses(
        &dir,
        "notes.txt",
        "En un lugar de la Mancha\n".repeat(20).as_bytes(),
        "not a cotejo project (not an SQLite database)",
    );

    let other = dir.path("other.db");
    let conn = rusqlite::Connection::open(&other).expect("sqlite");
    conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("sql");
    conn.close().expect("close");
    let bytes = fs::read(&other).expect("read");
    assert_info_refuses(
        &dir,
        "other.db",
        &bytes,
        "not a cotejo project (an SQLite database of another program, application id 0x0)",
    );

    let out = dir.run(&["info", "missing.cotejo"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path("missing.cotejo").exists());
}

#[test]
fn a_project_from_a_newer_cotejo_is_refused_unchanged() {
    let dir = Dir::new();
    let p = dir.small_project();
    let path = dir.path(p);
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "user_version", 999)
        .expect("pragma");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("pragma");
    conn.close().expect("close");
    let before = fs::read(&path).expect("read");
    for args in [
        &["info", p][..],
        &["note", "add", p, "--pair", "1", "--body", "x"][..],
    ] {
        let out = dir.run(args);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("project schema version 999 is newer than this cotejo supports (2)"),
            "{stderr}"
        );
    }
    assert_eq!(fs::read(&path).expect("read"), before);
}

/// Deterministic pseudo-random numbers (Knuth's MMIX LCG), so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next_below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Note bodies that `cotejo note add` confirmed on stdout.
fn confirmed_bodies(stdout: &str, prefix: &str) -> Vec<String> {
    // The loop prints its body, then cotejo prints "note N added …" once committed.
    let mut confirmed = Vec::new();
    let mut last_body = None;
    for line in stdout.lines() {
        if let Some(body) = line.strip_prefix(prefix) {
            last_body = Some(format!("{prefix}{body}"));
        } else if line.starts_with("note ")
            && line.contains(" added to pair ")
            && let Some(body) = last_body.take()
        {
            confirmed.push(body);
        }
    }
    confirmed
}

fn stored_bodies(project: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(project).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    let mut stmt = conn
        .prepare("SELECT body FROM note ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows")
}

/// A shell loop that adds notes through the CLI until it is killed, echoing each body first.
fn note_loop(dir: &Dir, tag: &str, stdout: fs::File) -> std::process::Child {
    use std::os::unix::process::CommandExt as _;
    let script = format!(
        "i=0; while :; do echo \"{tag}-$i\"; \"$COTEJO\" note add p.cotejo --pair 1 --body \"{tag}-$i\" || exit 1; i=$((i+1)); done"
    );
    Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir.dir.path())
        .env("COTEJO", env!("CARGO_BIN_EXE_cotejo"))
        .env("USER", "killer")
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::null())
        // Its own process group, so one SIGKILL reaches the shell and the cotejo it is running.
        .process_group(0)
        .spawn()
        .expect("spawn sh")
}

#[test]
fn notes_confirmed_before_a_sigkill_are_never_lost() {
    let dir = Dir::new();
    let p = dir.small_project();
    let mut rng = Lcg(0x00C0_7E10);
    let mut confirmed = Vec::new();
    let mut killed_mid_command = 0;
    for round in 0..20 {
        let log_path = dir.path(&format!("round-{round}.log"));
        let log = fs::File::create(&log_path).expect("log");
        let mut child = note_loop(&dir, &format!("kill{round}"), log);
        std::thread::sleep(Duration::from_millis(30 + rng.next_below(250)));
        let killed = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = child.wait().expect("wait");
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9)
        );
        let stdout = fs::read_to_string(&log_path).expect("log");
        let prefix = format!("kill{round}-");
        if stdout
            .lines()
            .last()
            .is_some_and(|l| l.starts_with(&prefix))
        {
            killed_mid_command += 1;
        }
        confirmed.extend(confirmed_bodies(&stdout, &prefix));
    }
    assert!(
        confirmed.len() >= 20,
        "too few notes confirmed: {}",
        confirmed.len()
    );
    let stored = stored_bodies(&dir.path(p));
    eprintln!(
        "{} notes confirmed, {} stored (a killed add may commit before printing), \
         {killed_mid_command} of 20 kills hit a running `cotejo note add`",
        confirmed.len(),
        stored.len()
    );
    let missing: Vec<&String> = confirmed.iter().filter(|b| !stored.contains(b)).collect();
    assert!(missing.is_empty(), "confirmed but lost: {missing:?}");
    // The project still opens and works after all that.
    let info = dir.ok(&["info", p]);
    assert!(
        info.contains(&format!("notes: {} open", stored.len())),
        "{info}"
    );
}

#[test]
fn a_sigkill_never_leaves_half_of_a_state_change() {
    use std::os::unix::process::CommandExt as _;
    let dir = Dir::new();
    let p = dir.small_project();
    let mut rng = Lcg(0x0057_47E5);
    for _ in 0..10 {
        let script = "while :; do \"$COTEJO\" state p.cotejo --all --set approved || exit 1; \
                      \"$COTEJO\" state p.cotejo --all --set rejected || exit 1; done";
        let mut child = Command::new("sh")
            .args(["-c", script])
            .current_dir(dir.dir.path())
            .env("COTEJO", env!("CARGO_BIN_EXE_cotejo"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("spawn sh");
        std::thread::sleep(Duration::from_millis(20 + rng.next_below(200)));
        let killed = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status()
            .expect("kill");
        assert!(killed.success());
        child.wait().expect("wait");
        let info = json(&dir.ok(&["info", p, "--format", "json"]));
        let per_state = &info["pairs_per_state"];
        let all_one_state = ["draft", "approved", "rejected"]
            .iter()
            .any(|s| per_state[*s] == 20);
        assert!(all_one_state, "half-applied state change: {per_state}");
    }
    stored_bodies(&dir.path(p));
}

#[test]
fn two_writers_at_once_both_succeed_or_get_busy_and_lose_nothing() {
    let dir = Dir::new();
    let p = dir.small_project();
    let writers: Vec<std::thread::JoinHandle<Vec<(String, Output)>>> = ["left", "right"]
        .into_iter()
        .map(|tag| {
            let cmds: Vec<(String, Command)> = (0..15)
                .map(|i| {
                    let body = format!("{tag}-{i}");
                    let cmd = dir.command(&["note", "add", p, "--pair", "2", "--body", &body]);
                    (body, cmd)
                })
                .collect();
            std::thread::spawn(move || {
                cmds.into_iter()
                    .map(|(body, mut cmd)| (body, cmd.output().expect("run")))
                    .collect()
            })
        })
        .collect();
    let mut confirmed = Vec::new();
    for writer in writers {
        for (body, out) in writer.join().expect("thread") {
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                confirmed.push(body);
            } else {
                assert_eq!(out.status.code(), Some(2));
                assert!(stderr.contains("project is busy"), "{stderr}");
            }
        }
    }
    let stored = stored_bodies(&dir.path(p));
    let missing: Vec<&String> = confirmed.iter().filter(|b| !stored.contains(b)).collect();
    assert!(missing.is_empty(), "confirmed but lost: {missing:?}");
    assert_eq!(stored.len(), confirmed.len());
    // With a five-second busy timeout, short writes never give up.
    assert_eq!(confirmed.len(), 30);
}
