//! Benchmarks of the aligner: the whole `cotejo align` path (reading both files, decoding,
//! splitting and aligning) on the large dev pair (5,200 × 5,118 paragraphs), and the aligner alone.
//!
//! Run with `cargo bench --bench align`; criterion prints the median as the middle figure of
//! `time: [low median high]`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

// The same allocator as the `cotejo` binary, so the figures are those of `cotejo align`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn data(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn align_large(c: &mut Criterion) {
    let es = data("tests/data/align/large.es.txt");
    let en = data("tests/data/align/large.en.txt");
    let mut group = c.benchmark_group("align");
    group.sample_size(30);
    group.bench_function("large: read + align (cotejo align path)", |b| {
        b.iter(|| {
            let (source, target) = cotejo::io::read_pair(&es, &en).expect("read");
            cotejo::core::align::align_paragraphs(&source.paragraphs, &target.paragraphs)
        })
    });
    let (source, target) = cotejo::io::read_pair(&es, &en).expect("read");
    group.bench_function("large: align only", |b| {
        b.iter(|| cotejo::core::align::align_paragraphs(&source.paragraphs, &target.paragraphs))
    });
    let book_es = data("tests/data/books/quijote.es.txt");
    let book_en = data("tests/data/books/quijote.en.txt");
    group.sample_size(15);
    group.bench_function("Don Quijote: read + align", |b| {
        b.iter(|| {
            let (source, target) = cotejo::io::read_pair(&book_es, &book_en).expect("read");
            cotejo::core::align::align_paragraphs(&source.paragraphs, &target.paragraphs)
        })
    });
    group.finish();
}

criterion_group!(benches, align_large);
criterion_main!(benches);
