//! Store benchmarks: creating a project from the large dev pair, opening a 10,000-pair project
//! and loading every pair, and committing one edit.
//!
//! Run with `cargo bench --no-default-features --bench store`.

use std::hint::black_box;
use std::path::Path;

use cotejo::core::align::align_paragraphs;
use cotejo::core::document::{Document, Paragraph};
use cotejo::core::edit::Edit;
use cotejo::core::project::{ImportedDocument, NewProject};
use cotejo::core::review::PairId;
use cotejo::store::{Store, import::read_import, system_clock};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

// The same allocator as the `cotejo` binary, so the figures are those of the CLI.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const LARGE_ES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/align/large.es.txt");
const LARGE_EN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/align/large.en.txt");

fn project() -> NewProject {
    NewProject {
        title: "Bench".into(),
        source_lang: "es".into(),
        target_lang: "en".into(),
    }
}

/// What `cotejo new` does: read both files, align, store.
fn new_project(path: &Path) -> Store {
    let source = read_import(Path::new(LARGE_ES)).expect("read source");
    let target = read_import(Path::new(LARGE_EN)).expect("read target");
    let alignment = align_paragraphs(&source.document.paragraphs, &target.document.paragraphs);
    Store::create(
        path,
        &project(),
        &source,
        &target,
        &alignment,
        "bench",
        system_clock(),
    )
    .expect("create")
}

fn synthetic(n_paragraphs: usize, lang: &str) -> ImportedDocument {
    let paragraphs = (0..n_paragraphs)
        .map(|i| {
            Paragraph::text(format!(
                "{lang} paragraph {i}: a sentence of ordinary length with some words in it, \
                 and a second clause so the text is about as long as a real one."
            ))
        })
        .collect();
    ImportedDocument {
        file_name: format!("synthetic.{lang}.txt"),
        content_hash: "sha256:none".into(),
        document: Document { paragraphs },
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");

    let mut group = c.benchmark_group("store");
    group.sample_size(20);
    let mut n = 0;
    group.bench_function("new_large_5200_paragraphs", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("large-{n}.cotejo"))
            },
            |path| {
                let store = new_project(&path);
                drop(store);
                let _ = std::fs::remove_file(&path);
            },
            BatchSize::PerIteration,
        );
    });

    let big = dir.path().join("big.cotejo");
    let source = synthetic(10_000, "es");
    let target = synthetic(10_000, "en");
    let alignment = align_paragraphs(&source.document.paragraphs, &target.document.paragraphs);
    let store = Store::create(
        &big,
        &project(),
        &source,
        &target,
        &alignment,
        "bench",
        system_clock(),
    )
    .expect("create");
    drop(store);
    group.bench_function("open_10000_pairs_and_load_all", |b| {
        b.iter(|| {
            let store = Store::open(&big).expect("open");
            let pairs = store.pairs().expect("pairs");
            assert_eq!(pairs.len(), 10_000);
            black_box(pairs);
        });
    });

    let mut store = Store::open(&big).expect("open");
    let mut i = 0u64;
    group.sample_size(100);
    group.bench_function("one_edit_committed", |b| {
        b.iter(|| {
            i += 1;
            let edit = Edit::SetTranslation {
                pair: PairId(5_000),
                text: format!("Edited text number {i}."),
            };
            black_box(store.apply(&edit, "bench").expect("edit"));
        });
    });
    group.finish();
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
