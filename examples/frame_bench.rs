//! Frame time of the real workbench on a long book: headless egui, layout and tessellation,
//! scrolling the table every frame.
//!
//! `cargo run --release --example frame_bench -- --pairs 10000 [--frames 600] [--map]`
//! prints `median_frame_ms=X p95_frame_ms=Y` as its last line; `--map` shows the alignment
//! map beside the table. Frames are timed from input to tessellated meshes (no GPU). With
//! `BENCH_DETAIL=1` it also times the store queries behind a reload.

use std::time::Instant;

use cotejo::core::align::{Alignment, Bead};
use cotejo::core::import::{Format, parse_document};
use cotejo::core::project::{ImportedDocument, NewProject};
use cotejo::core::review::Timestamp;
use cotejo::store::Store;
use cotejo::ui::WorkbenchApp;
use cotejo::ui::launch::{SAMPLE_SOURCE, SAMPLE_TARGET};
use cotejo::ui::state::Preferences;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `n` paragraphs cycling through the sample's, so lengths are those of a real book; each is
/// numbered, so no two are equal and no frame lays out a row from another row's cached text.
fn document(text: &str, n: usize, file_name: &str) -> ImportedDocument {
    let sample = parse_document(text, Format::Text);
    let mut document = sample.clone();
    document.paragraphs = sample
        .paragraphs
        .iter()
        .cycle()
        .take(n)
        .enumerate()
        .map(|(idx, paragraph)| {
            let mut paragraph = paragraph.clone();
            paragraph.text = format!("{} {}", idx + 1, paragraph.text);
            paragraph
        })
        .collect();
    ImportedDocument {
        file_name: file_name.to_owned(),
        content_hash: String::new(),
        document,
    }
}

fn flag(name: &str) -> bool {
    std::env::args().any(|a| a == name)
}

fn main() {
    let n_pairs = arg("--pairs", 10_000);
    let show_map = flag("--map");
    let n_frames = arg("--frames", 600);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.cotejo");
    let source = document(SAMPLE_SOURCE, n_pairs, "bench.es.txt");
    let target = document(SAMPLE_TARGET, n_pairs, "bench.en.txt");
    let alignment = Alignment {
        beads: (0..n_pairs)
            .map(|i| Bead {
                source: i..i + 1,
                target: i..i + 1,
                confidence: if i % 17 == 0 { 0.3 } else { 0.9 },
            })
            .collect(),
    };
    let project = NewProject {
        title: "Frame bench".to_owned(),
        source_lang: "es".to_owned(),
        target_lang: "en".to_owned(),
    };
    let started = Instant::now();
    let store = Store::create(
        &path,
        &project,
        &source,
        &target,
        &alignment,
        "bench",
        Box::new(|| Timestamp(0)),
    )
    .expect("bench project");
    let mut app = WorkbenchApp::with_store(store, "bench");
    app.set_preferences(Preferences {
        show_alignment_map: show_map,
        ..Preferences::default()
    });
    eprintln!(
        "project with {} pairs ready in {:.0} ms",
        app.state.pairs.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );

    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    let pointer = egui::pos2(500.0, 450.0);
    let mut times_ms = Vec::with_capacity(n_frames);
    let mut offset = 0.0_f32;
    let warmup = 60;
    for frame_idx in 0..warmup + n_frames {
        let mut input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(frame_idx as f64 / 60.0),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        input.events.push(egui::Event::PointerMoved(pointer));
        // Scroll down 120 points a frame (7,200 points a second at 60 fps, a fast wheel);
        // every 150 frames jump 40,000 points further, as a drag on the scroll bar does.
        offset += if frame_idx % 150 == 149 {
            40_000.0
        } else {
            120.0
        };
        app.scroll_table_to(offset);
        let t0 = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = t0.elapsed().as_secs_f64() * 1000.0;
        if frame_idx % 150 == 0 {
            let n_vertices: usize = primitives
                .iter()
                .map(|p| match &p.primitive {
                    egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                    egui::epaint::Primitive::Callback(_) => 0,
                })
                .sum();
            eprintln!(
                "frame {frame_idx}: first pair in view {}, {n_vertices} vertices, {elapsed:.3} ms",
                app.first_visible_pair() + 1
            );
        }
        std::hint::black_box(primitives);
        if frame_idx >= warmup {
            times_ms.push(elapsed);
        }
    }
    if show_map {
        eprintln!("alignment map laid out {} time(s)", app.n_map_layouts());
    }
    // One command that writes and reloads the whole table, for scale.
    let t0 = Instant::now();
    app.run_command(cotejo::ui::Command::Approve);
    let approve_ms = t0.elapsed().as_secs_f64() * 1000.0;
    if std::env::var_os("BENCH_DETAIL").is_some() {
        let store = app.store().expect("open");
        let t = Instant::now();
        let pairs = store.pairs().expect("pairs");
        eprintln!("pairs() {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        store.pair(pairs[5].id).expect("pair");
        eprintln!("pair() {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        store.notes(Default::default()).expect("notes");
        store.undo_redo_depth().expect("depth");
        store.revisions(pairs[5].id).expect("revs");
        eprintln!(
            "notes+depth+revs {:.1} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    times_ms.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        let idx = ((times_ms.len() as f64 - 1.0) * q).round() as usize;
        times_ms.get(idx).copied().unwrap_or(0.0)
    };
    println!(
        "pairs={n_pairs} map={show_map} frames={n_frames} max_frame_ms={:.3} approve_and_reload_ms={approve_ms:.1}",
        pick(1.0)
    );
    println!(
        "median_frame_ms={:.3} p95_frame_ms={:.3}",
        pick(0.5),
        pick(0.95)
    );
}
