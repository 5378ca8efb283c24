//! `cotejo align` end to end: accuracy on the dev sets and the sample, book-scale sanity,
//! every text encoding, and clear errors (exit code 2) for input that is not a document.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

type Bead = (Vec<usize>, Vec<usize>);

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn cotejo(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cotejo"))
        .args(args)
        .output()
        .expect("run cotejo")
}

/// Runs `cotejo align` and parses its JSON beads.
fn align(source: &Path, target: &Path) -> Vec<Bead> {
    let out = cotejo(&["align".as_ref(), source.as_os_str(), target.as_os_str()]);
    assert!(
        out.status.success(),
        "cotejo align failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("bead JSON")
}

fn read_gold(path: &Path) -> Vec<Bead> {
    serde_json::from_str(&std::fs::read_to_string(path).expect("gold")).expect("gold JSON")
}

/// Strict and lax hits and misses of `candidate` against `reference` (Vecalign's definitions).
fn hit_counts(reference: &[Bead], candidate: &[Bead]) -> [usize; 4] {
    let reference: HashSet<&Bead> = reference
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let candidate: HashSet<&Bead> = candidate
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let mut linked: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (src, tgt) in &reference {
        for &i in src {
            linked.entry(i).or_default().extend(tgt.iter().copied());
        }
    }
    let mut counts = [0usize; 4];
    for bead in candidate {
        if reference.contains(bead) {
            counts[0] += 1;
            counts[2] += 1;
            continue;
        }
        counts[1] += 1;
        let lax = bead.0.iter().any(|i| {
            linked
                .get(i)
                .is_some_and(|targets| bead.1.iter().any(|j| targets.contains(j)))
        });
        counts[if lax { 2 } else { 3 }] += 1;
    }
    counts
}

/// Pooled strict and lax F1 over several (gold, predicted) pairs, as `score.py` computes them.
fn pooled_f1(runs: &[(Vec<Bead>, Vec<Bead>)]) -> (f64, f64) {
    let (mut prec, mut rec) = ([0usize; 4], [0usize; 4]);
    for (gold, pred) in runs {
        let p = hit_counts(gold, pred);
        let both = |beads: &[Bead]| -> Vec<Bead> {
            beads
                .iter()
                .filter(|b| !b.0.is_empty() && !b.1.is_empty())
                .cloned()
                .collect()
        };
        let r = hit_counts(&both(pred), &both(gold));
        for k in 0..4 {
            prec[k] += p[k];
            rec[k] += r[k];
        }
    }
    let ratio = |a: usize, b: usize| {
        if a + b == 0 {
            0.0
        } else {
            a as f64 / (a + b) as f64
        }
    };
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    (
        f1(ratio(prec[0], prec[1]), ratio(rec[0], rec[1])),
        f1(ratio(prec[2], prec[3]), ratio(rec[2], rec[3])),
    )
}

fn paragraph_counts(beads: &[Bead]) -> (usize, usize) {
    (
        beads.iter().map(|b| b.0.len()).sum(),
        beads.iter().map(|b| b.1.len()).sum(),
    )
}

/// Every paragraph of each side exactly once, in order.
fn assert_complete(beads: &[Bead], n: usize, m: usize) {
    let src: Vec<usize> = beads.iter().flat_map(|b| b.0.iter().copied()).collect();
    let tgt: Vec<usize> = beads.iter().flat_map(|b| b.1.iter().copied()).collect();
    assert_eq!(src, (0..n).collect::<Vec<_>>());
    assert_eq!(tgt, (0..m).collect::<Vec<_>>());
}

#[test]
fn dev_sets_pooled_f1_meets_the_bar() {
    let mut runs = Vec::new();
    for name in ["small", "medium", "hard", "large"] {
        let gold = read_gold(&data(&format!("tests/data/align/{name}.gold.json")));
        let pred = align(
            &data(&format!("tests/data/align/{name}.es.txt")),
            &data(&format!("tests/data/align/{name}.en.txt")),
        );
        let (n, m) = paragraph_counts(&gold);
        assert_complete(&pred, n, m);
        runs.push((gold, pred));
    }
    let (strict, lax) = pooled_f1(&runs);
    assert!(strict >= 0.985, "pooled strict F1 {strict:.4} < 0.985");
    assert!(lax >= 0.995, "pooled lax F1 {lax:.4} < 0.995");
}

/// SplitMix64: a small deterministic generator, so the documents below are the same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A run length from 1 to 6, most often 1: how many verses one merged paragraph holds.
    fn run(&mut self) -> usize {
        match self.next() % 100 {
            0..=54 => 1,
            55..=71 => 2,
            72..=83 => 3,
            84..=91 => 4,
            92..=97 => 5,
            _ => 6,
        }
    }
}

/// Writes a pair where one side keeps one verse per paragraph and the other joins runs of
/// verses into one paragraph, as translators of dialogue do (Ormsby's Quijote joins up to six
/// Spanish speeches); returns the two files and the gold beads.
fn merged_runs_pair(
    dir: &Path,
    name: &str,
    from: usize,
    n_verses: usize,
    english_joins: bool,
    rng: &mut SplitMix,
) -> (PathBuf, PathBuf, Vec<Bead>) {
    let read = |file: &str| -> Vec<String> {
        std::fs::read_to_string(data(&format!("tests/data/corpus/{file}")))
            .expect("corpus")
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let (es, en) = (read("bible.es.txt"), read("bible.en.txt"));
    let (mut split, mut joined, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    let mut at = from;
    while at < from + n_verses {
        let k = rng.run();
        let (keep, join) = if english_joins {
            (&es, &en)
        } else {
            (&en, &es)
        };
        let first = split.len();
        split.extend(keep[at..at + k].iter().cloned());
        joined.push(join[at..at + k].join(" "));
        let singles: Vec<usize> = (first..split.len()).collect();
        let one = vec![joined.len() - 1];
        gold.push(if english_joins {
            (singles, one)
        } else {
            (one, singles)
        });
        at += k;
    }
    let (es_text, en_text) = if english_joins {
        (split.join("\n\n"), joined.join("\n\n"))
    } else {
        (joined.join("\n\n"), split.join("\n\n"))
    };
    let source = dir.join(format!("{name}.es.txt"));
    let target = dir.join(format!("{name}.en.txt"));
    std::fs::write(&source, es_text + "\n").expect("write");
    std::fs::write(&target, en_text + "\n").expect("write");
    (source, target, gold)
}

#[test]
fn runs_of_up_to_six_paragraphs_joined_into_one_are_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = SplitMix(20_261_128);
    let mut runs = Vec::new();
    // Three stretches of the verse corpus: the English joins runs in two, the Spanish in one.
    for (k, (from, english_joins)) in [(300, true), (5_200, true), (8_400, false)]
        .into_iter()
        .enumerate()
    {
        let (source, target, gold) = merged_runs_pair(
            dir.path(),
            &format!("runs{k}"),
            from,
            1_000,
            english_joins,
            &mut rng,
        );
        let pred = align(&source, &target);
        let (n, m) = paragraph_counts(&gold);
        assert_complete(&pred, n, m);
        runs.push((gold, pred));
    }
    let (strict, lax) = pooled_f1(&runs);
    assert!(strict >= 0.95, "pooled strict F1 {strict:.4} < 0.95");
    assert!(lax >= 0.98, "pooled lax F1 {lax:.4} < 0.98");
}

#[test]
fn sample_chapter_is_aligned_exactly() {
    let gold = read_gold(&data("assets/sample/quijote_ch1.gold.json"));
    let pred = align(
        &data("assets/sample/quijote_ch1.es.txt"),
        &data("assets/sample/quijote_ch1.en.txt"),
    );
    assert_eq!(pred, gold);
}

#[test]
fn whole_book_keeps_chapters_together() {
    let headings: Vec<(usize, usize)> = serde_json::from_str(
        &std::fs::read_to_string(data("tests/data/books/quijote.headings.json")).expect("headings"),
    )
    .expect("headings JSON");
    let pred = align(
        &data("tests/data/books/quijote.es.txt"),
        &data("tests/data/books/quijote.en.txt"),
    );
    assert_complete(&pred, 5447, 3939);
    let kept = headings
        .iter()
        .filter(|(s, t)| pred.iter().any(|b| b.0.contains(s) && b.1.contains(t)))
        .count();
    // A bead mixes chapters when its paragraphs fall into two chapters on either side.
    let chapter = |index: usize, side: usize| {
        headings
            .iter()
            .filter(|h| {
                if side == 0 {
                    h.0 <= index
                } else {
                    h.1 <= index
                }
            })
            .count()
    };
    let mixing = pred
        .iter()
        .filter(|b| {
            let s: HashSet<usize> = b.0.iter().map(|&i| chapter(i, 0)).collect();
            let t: HashSet<usize> = b.1.iter().map(|&j| chapter(j, 1)).collect();
            s.len() > 1 || t.len() > 1
        })
        .count();
    assert!(kept >= 125, "only {kept} of 127 headings kept together");
    assert!(mixing <= 5, "{mixing} beads mix two chapters");

    // Ormsby joins runs of Spanish dialogue, and lead-ins ("A lo que dijo el cura:") to the
    // speech they announce: few Spanish paragraphs should be left without English. (With
    // beads of at most three paragraphs 482 were; without the lead-in bonus 102 of the 1,037
    // lead-ins were.)
    let spanish: Vec<String> = std::fs::read_to_string(data("tests/data/books/quijote.es.txt"))
        .expect("book")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let unpaired: Vec<usize> = pred
        .iter()
        .filter(|b| b.1.is_empty())
        .flat_map(|b| b.0.iter().copied())
        .collect();
    assert!(
        unpaired.len() <= 250,
        "{} Spanish paragraphs unpaired",
        unpaired.len()
    );
    let lead_ins = spanish
        .iter()
        .filter(|p| p.trim_end().ends_with(':'))
        .count();
    let lone_lead_ins = unpaired
        .iter()
        .filter(|&&i| spanish[i].trim_end().ends_with(':'))
        .count();
    assert!(
        lone_lead_ins * 1000 <= lead_ins * 85,
        "{lone_lead_ins} of {lead_ins} lead-ins unpaired"
    );
}

#[test]
fn tsv_has_indices_confidence_and_texts() {
    let out = cotejo(&[
        "align".as_ref(),
        data("assets/sample/quijote_ch1.es.txt").as_os_str(),
        data("assets/sample/quijote_ch1.en.txt").as_os_str(),
        "--format".as_ref(),
        "tsv".as_ref(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 8);
    assert!(lines.iter().all(|fields| fields.len() == 5));
    assert_eq!(lines[2][0], "2,3,4");
    assert_eq!(lines[2][1], "2,3");
    assert!(
        lines[2][4].contains(" ¶ "),
        "paragraphs of a bead are joined by ¶"
    );
    for fields in &lines {
        let confidence: f64 = fields[2].parse().expect("confidence");
        assert!((0.0..=1.0).contains(&confidence));
    }
    assert!(lines[1][4].starts_with("In a village of La Mancha"));
}

#[test]
fn every_encoding_decodes_to_the_same_text() {
    let english = data("tests/data/text-encodings/en-utf8.txt");
    let reference = |name: &str| {
        let out = cotejo(&[
            "align".as_ref(),
            data(&format!("tests/data/text-encodings/{name}")).as_os_str(),
            english.as_os_str(),
            "--format".as_ref(),
            "tsv".as_ref(),
        ]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let expected = reference("es-utf8.txt");
    assert_eq!(expected.lines().count(), 4);
    for needle in ["año", "¿Qué", "“", "”"] {
        assert!(expected.contains(needle), "missing {needle}");
    }
    for name in [
        "es-utf8-bom.txt",
        "es-utf8-crlf.txt",
        "es-utf16le-bom.txt",
        "es-utf16be-bom.txt",
        "es-windows1252.txt",
        "es-windows1252-crlf.txt",
    ] {
        assert_eq!(reference(name), expected, "{name} decodes differently");
    }
    // A different text, in ISO-8859-1.
    let latin1 = reference("es-iso8859-1.txt");
    assert!(latin1.contains('ñ') && latin1.contains('¿') && latin1.contains('«'));
    // A broken byte must neither panic nor lose the rest of the text.
    let broken = reference("es-utf8-invalid-sequence.txt");
    assert_eq!(broken.lines().count(), 4);
    assert!(broken.contains("¿Qué"));
}

/// Runs `cotejo align` on a bad source and checks exit code 2 and a message naming the file.
fn assert_refused(source: &Path, why: &str) {
    let english = data("tests/data/text-encodings/en-utf8.txt");
    let out = cotejo(&["align".as_ref(), source.as_os_str(), english.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{why}: {stderr}");
    assert!(out.stdout.is_empty(), "{why}: nothing on stdout");
    assert_eq!(stderr.lines().count(), 1, "{why}: one line: {stderr}");
    let name = source.file_name().expect("name").to_string_lossy();
    assert!(
        stderr.contains(&*name),
        "{why}: message names the file: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{why}: {stderr}");
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_refused(
        &data("tests/data/text-encodings/binary-garbage.txt"),
        "binary",
    );
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    assert_refused(&empty, "empty file");
    assert_refused(dir.path(), "directory");
    assert_refused(&dir.path().join("missing.txt"), "missing path");
    let fake = dir.path().join("informe.docx");
    std::fs::write(&fake, "not really a word file\n").expect("write");
    assert_refused(&fake, "fake docx");
    assert_refused(&data("tests/data/not-text/hello.zip"), "zip archive");
}

#[test]
fn technical_markdown_with_short_paragraphs() {
    // Headings, list items, commands and a code block; the English adds a note and a feedback
    // line that the Spanish lacks.
    let pred = align(
        &data("tests/data/technical/guia.es.md"),
        &data("tests/data/technical/guide.en.md"),
    );
    let mut expected: Vec<Bead> = (0..15).map(|i| (vec![i], vec![i])).collect();
    expected.push((vec![], vec![15]));
    expected.extend((15..18).map(|i| (vec![i], vec![i + 1])));
    expected.push((vec![], vec![19]));
    assert_eq!(pred, expected);
}
