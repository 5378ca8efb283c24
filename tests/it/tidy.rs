//! Checks of the source tree itself: the invariants ARCHITECTURE.md states as absences.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(sub: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(sub), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read source");
            (p, text)
        })
        .collect()
}

#[test]
fn core_knows_nothing_of_the_shell() {
    for (path, text) in sources("src/core") {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for forbidden in [
                "rusqlite::",
                "egui::",
                "eframe::",
                "rfd::",
                "std::fs",
                "use rusqlite",
                "use egui",
                "use eframe",
                "use rfd",
                "crate::store",
                "crate::io",
            ] {
                assert!(
                    !code.contains(forbidden),
                    "{}:{}: the core must not use {forbidden}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn every_source_file_says_what_it_is_for() {
    for (path, text) in sources("src") {
        assert!(
            text.starts_with("//!"),
            "{} must open with a //! comment",
            path.display()
        );
    }
}
