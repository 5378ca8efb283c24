//! `cotejo new`, `info`, `pairs` and `export`: creating, summarising, listing and exporting projects.

use std::path::PathBuf;
use std::process::ExitCode;

use cotejo::core::align::align_paragraphs;
use cotejo::core::export::{ExportFormat, render};
use cotejo::core::project::NewProject;
use cotejo::core::review::PairState;
use cotejo::store::{Store, import::read_import, system_clock};

use super::{EXIT_UNAPPROVED, ListFormat, default_author, print_json, tsv_field, write_stdout};

/// Arguments of `cotejo new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The Spanish original (TXT or Markdown).
    source: PathBuf,
    /// The English translation.
    target: PathBuf,
    /// The project file to create (`NAME.cotejo`); an existing file is never overwritten.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// A title for the project (default: the source file's name).
    #[arg(long)]
    title: Option<String>,
    /// Language of the source document.
    #[arg(long, default_value = "es")]
    source_lang: String,
    /// Language of the target document.
    #[arg(long, default_value = "en")]
    target_lang: String,
    /// Who imports (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
}

/// Runs `cotejo new`: import, align, store; prints the pair count.
pub fn new(args: &NewArgs) -> cotejo::Result<ExitCode> {
    let source = read_import(&args.source)?;
    let target = read_import(&args.target)?;
    let alignment = align_paragraphs(&source.document.paragraphs, &target.document.paragraphs);
    let title = args.title.clone().unwrap_or_else(|| {
        args.source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let project = NewProject {
        title,
        source_lang: args.source_lang.clone(),
        target_lang: args.target_lang.clone(),
    };
    let author = args.author.clone().unwrap_or_else(default_author);
    Store::create(
        &args.output,
        &project,
        &source,
        &target,
        &alignment,
        &author,
        system_clock(),
    )?;
    println!(
        "created {} with {} pairs",
        args.output.display(),
        alignment.beads.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `cotejo info`.
#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// The project file.
    project: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
}

/// Pair counts in workflow order.
#[derive(serde::Serialize, Default)]
struct PerState {
    draft: usize,
    translated: usize,
    reviewed: usize,
    approved: usize,
    rejected: usize,
}

#[derive(serde::Serialize)]
struct InfoJson {
    title: String,
    source_lang: String,
    target_lang: String,
    created: String,
    pairs: usize,
    pairs_per_state: PerState,
    notes_open: usize,
    notes_resolved: usize,
    source_words: usize,
    target_words: usize,
}

/// Runs `cotejo info`.
pub fn info(args: &InfoArgs) -> cotejo::Result<ExitCode> {
    let store = Store::open(&args.project)?;
    let project = store.project()?;
    let summary = store.summary()?;
    let n_pairs: usize = summary.pairs_per_state.iter().map(|(_, n)| n).sum();
    if args.format == ListFormat::Json {
        let mut pairs_per_state = PerState::default();
        for (state, n) in &summary.pairs_per_state {
            let slot = match state {
                PairState::Draft => &mut pairs_per_state.draft,
                PairState::Translated => &mut pairs_per_state.translated,
                PairState::Reviewed => &mut pairs_per_state.reviewed,
                PairState::Approved => &mut pairs_per_state.approved,
                PairState::Rejected => &mut pairs_per_state.rejected,
            };
            *slot = *n;
        }
        return print_json(&InfoJson {
            title: project.title,
            source_lang: project.source_lang,
            target_lang: project.target_lang,
            created: project.created.to_iso(),
            pairs: n_pairs,
            pairs_per_state,
            notes_open: summary.notes_open,
            notes_resolved: summary.notes_resolved,
            source_words: summary.source_words,
            target_words: summary.target_words,
        })
        .map(|()| ExitCode::SUCCESS);
    }
    let per_state: Vec<String> = summary
        .pairs_per_state
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    println!("title: {}", project.title);
    println!(
        "languages: {} → {}",
        project.source_lang, project.target_lang
    );
    println!("created: {}", project.created);
    println!("pairs: {n_pairs} ({})", per_state.join(", "));
    println!(
        "notes: {} open, {} resolved",
        summary.notes_open, summary.notes_resolved
    );
    println!(
        "words: {} source, {} target",
        summary.source_words, summary.target_words
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `cotejo pairs`.
#[derive(Debug, clap::Args)]
pub struct PairsArgs {
    /// The project file.
    project: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "tsv")]
    format: ListFormat,
}

#[derive(serde::Serialize)]
struct PairJson<'a> {
    id: i64,
    state: &'a str,
    confidence: f64,
    source: &'a str,
    target: &'a str,
}

/// Runs `cotejo pairs`.
pub fn pairs(args: &PairsArgs) -> cotejo::Result<ExitCode> {
    let store = Store::open(&args.project)?;
    let pairs = store.pairs()?;
    match args.format {
        ListFormat::Json => {
            let rows: Vec<PairJson<'_>> = pairs
                .iter()
                .map(|p| PairJson {
                    id: p.id.0,
                    state: p.state.as_str(),
                    confidence: p.confidence,
                    source: &p.source,
                    target: &p.target,
                })
                .collect();
            print_json(&rows)?;
        }
        ListFormat::Tsv | ListFormat::Text => write_stdout(|out| {
            writeln!(out, "id\tstate\tconfidence\tsource\ttarget")?;
            for p in &pairs {
                writeln!(
                    out,
                    "{}\t{}\t{:.3}\t{}\t{}",
                    p.id,
                    p.state,
                    p.confidence,
                    tsv_field(&p.source),
                    tsv_field(&p.target)
                )?;
            }
            Ok(())
        })?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `cotejo export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The project file.
    project: PathBuf,
    /// `txt` or `md`.
    #[arg(long, default_value = "txt")]
    format: ExportFormat,
    /// The file to write (replaced atomically).
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// Export the current text of pairs that are not approved instead of refusing.
    #[arg(long)]
    allow_unapproved: bool,
}

/// Runs `cotejo export`; exit 3 when pairs are not approved.
pub fn export(args: &ExportArgs) -> cotejo::Result<ExitCode> {
    let store = Store::open(&args.project)?;
    let pairs = store.export_pairs()?;
    let text = match render(&pairs, args.format, args.allow_unapproved) {
        Ok(text) => text,
        Err(unapproved) => {
            eprintln!(
                "cotejo: export refused, {unapproved} (use --allow-unapproved to export anyway): {}",
                args.project.display()
            );
            return Ok(ExitCode::from(EXIT_UNAPPROVED));
        }
    };
    cotejo::io::write_atomic(&args.output, text.as_bytes())?;
    println!(
        "exported {} pairs to {}",
        pairs.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
